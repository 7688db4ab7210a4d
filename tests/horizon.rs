//! A committed actor looks past the month when it weighs breaking a deal: the other side, freed,
//! replies over the months the deal had left. So a freeze that pays to break in its last month
//! holds while there are months enough to reply in, and a one-sided freeze (nobody to reply)
//! breaks at once, as a look-ahead of one month would have it.

mod common;

use std::sync::Arc;

use common::*;
use peninsula::agents::{Decision, choose_orders};
use peninsula::scenario::Scenario;
use peninsula::sim::GameState;
use peninsula::sim::random::Draws;
use peninsula::sim::rules::{self, Spread};

/// Alphaland may sanction Betaland's programme (a kind of action Betaland's freeze can be traded
/// for); the freeze lasts six months.
fn with_sanctions(commitments: &str) -> Arc<Scenario> {
    let text = minimal_replacing(
        "commitments: [(actor: \"BBB\", freeze: \"testing\", turns: 3)],",
        commitments,
    )
    .replacen(
        "    ],\n    proposals:",
        "        (id: \"sanction\", name: \"Sanctions\", actors: [\"AAA\"], kind: Some(\"pressure\"), \
         cost: 1.0, effects: [(target: Indicator(\"programme\"), change: -24.0), \
         (target: Indicator(\"tension\"), change: 2.0)], news: \"{actor} sanctions.\"),\n    ],\n    proposals:",
        1,
    );
    Arc::new(load_edited(&text).unwrap_or_else(|e| panic!("valid: {e}")))
}

const BOTH: &str = "commitments: [(actor: \"BBB\", freeze: \"testing\", turns: 6), \
                    (actor: \"AAA\", freeze: \"pressure\", turns: 6)],";
const ONE_SIDED: &str = "commitments: [(actor: \"BBB\", freeze: \"testing\", turns: 6)],";

/// Betaland's orders decision in `month` (1 to 6) of the freeze struck in turn 1.
fn betaland_in_month(scenario: &Scenario, month: u32) -> Decision {
    let mut state = GameState::new(scenario);
    state.turn = 1;
    rules::strike_deal(scenario, &mut state, 0, &[0], &mut Spread::Expected);
    state.turn = month;
    let mut draws = Draws::new(1, month, Some(1), "orders");
    let (_, mut reasons) = choose_orders(scenario, &state, 1, &[0.0, 0.0], &[], &mut draws);
    reasons.remove(0)
}

/// What testing (and so breaking the freeze) is worth to Betaland over its best other option.
fn gain_from_breaking(scenario: &Scenario, month: u32) -> f64 {
    let decision = betaland_in_month(scenario, month);
    let test = decision.value_of("test").expect("the test is weighed");
    let best_kept = decision
        .options
        .iter()
        .filter(|(option, _)| option != "test")
        .map(|(_, value)| *value)
        .fold(f64::NEG_INFINITY, f64::max);
    test - best_kept
}

#[test]
fn a_freeze_holds_while_the_other_side_has_months_to_reply_and_breaks_near_its_end() {
    let scenario = with_sanctions(BOTH);
    let gains: Vec<f64> = (1..=6)
        .map(|month| gain_from_breaking(&scenario, month))
        .collect();
    assert!(gains[0] < 0.0, "kept in the first month: {gains:?}");
    assert!(gains[5] > 0.0, "broken in the last: {gains:?}");
    // The fewer months left for sanctions, the more a breach pays.
    assert!(gains.windows(2).all(|pair| pair[1] > pair[0]), "{gains:?}");
}

#[test]
fn with_nobody_to_reply_a_freeze_breaks_at_once() {
    let scenario = with_sanctions(ONE_SIDED);
    assert!(gain_from_breaking(&scenario, 1) > 0.0);
    // The same freeze traded for sanctions holds then.
    assert!(gain_from_breaking(&with_sanctions(BOTH), 1) < 0.0);
}
