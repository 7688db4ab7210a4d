//! Commitments beyond freezes: a promise may ease pressure, allow verification or join talks,
//! month by month while the deal holds, and breaking one may cost more than the deal's own price.

mod common;

use std::sync::Arc;

use common::*;
use peninsula::agents::answer_proposal;
use peninsula::scenario::{Commits, Scenario};
use peninsula::sim::GameState;
use peninsula::sim::random::Draws;
use peninsula::sim::rules::{self, Spread};

const FREEZE: &str = "commitments: [(actor: \"BBB\", freeze: \"testing\", turns: 3)],";

/// The minimal fixture's test freeze with `extra` commitments after Betaland's.
fn with_commitments(extra: &str) -> String {
    minimal_replacing(
        FREEZE,
        &format!("commitments: [(actor: \"BBB\", freeze: \"testing\", turns: 3), {extra}],"),
    )
}

fn load(text: &str) -> Arc<Scenario> {
    Arc::new(load_edited(text).unwrap_or_else(|e| panic!("valid: {e}")))
}

fn value(scenario: &Scenario, state: &GameState, id: &str) -> f64 {
    let slot = scenario
        .indicators
        .iter()
        .find(|indicator| indicator.id == id)
        .expect("indicator")
        .base_slot;
    state.values()[slot]
}

/// Strikes the freeze in turn 1, then closes turns 1 to 4 (commitments expiring at each start),
/// and returns the tension after each.
fn tension_by_month(scenario: &Scenario) -> Vec<f64> {
    let mut state = GameState::new(scenario);
    state.turn = 1;
    rules::strike_deal(scenario, &mut state, 0, &[0], &mut Spread::Expected);
    let mut tension = Vec::new();
    for turn in 1..=4 {
        state.turn = turn;
        rules::expire_commitments(&mut state);
        rules::close_turn(scenario, &mut state);
        tension.push(value(scenario, &state, "tension"));
    }
    tension
}

#[test]
fn talks_take_their_steps_each_month_the_deal_holds_and_stop_when_the_promise_ends() {
    let talks = load(&with_commitments(
        "(actor: \"AAA\", commits: Talks, turns: 2, \
         steps: [(target: Indicator(\"tension\"), change: -3.0)])",
    ));
    let promise = &talks.proposals[0].commitments[1];
    assert_eq!(promise.commits, Commits::Talks);
    assert_eq!(promise.kind, None, "talks give up no kind of action");
    assert_eq!(promise.words(&talks), "Alphaland joins talks");
    let with = tension_by_month(&talks);
    let without = tension_by_month(&minimal());
    // About three points lower after the first month and six after the second (the month's
    // fading dynamics, after the step, shave a little off), then no further step.
    let gap: Vec<f64> = without.iter().zip(&with).map(|(a, b)| a - b).collect();
    assert!(gap[0] > 2.9 && gap[0] < 3.0, "{gap:?}");
    assert!(gap[1] > 5.8 && gap[1] < 6.0, "{gap:?}");
    assert!(gap[2] < gap[1] && gap[3] < gap[2], "no third step: {gap:?}");
}

#[test]
fn breaking_a_promise_costs_its_own_price_on_top_of_the_deals() {
    let priced = load(&minimal_replacing(
        FREEZE,
        "commitments: [(actor: \"BBB\", freeze: \"testing\", turns: 3, \
         on_break: [(target: Own(\"standing\"), change: -7.0)])],",
    ));
    let standing_after_breach = |scenario: &Scenario| {
        let mut state = GameState::new(scenario);
        state.turn = 1;
        rules::strike_deal(scenario, &mut state, 0, &[0], &mut Spread::Expected);
        let before = state.clone();
        let test = scenario.action_index("test").expect("test");
        let outcome = rules::apply_order(scenario, &mut state, 1, test, &mut Spread::Expected);
        assert_eq!(outcome.broke, Some(0));
        let standing = |s: &GameState| {
            let slot = scenario
                .indicators
                .iter()
                .find(|i| i.id == "standing")
                .expect("standing")
                .base_slot
                + 1;
            s.values()[slot]
        };
        standing(&state) - standing(&before)
    };
    let plain = standing_after_breach(&minimal());
    let costly = standing_after_breach(&priced);
    assert!((plain - costly - 7.0).abs() < 1e-9, "{plain} {costly}");
}

#[test]
fn a_party_weighs_the_steps_it_is_promised() {
    // Betaland wants its programme; the freeze alone takes it away, and it says no. Promised
    // that Alphaland lets the programme grow each month (relief), it says yes.
    let answer = |scenario: &Scenario| {
        let mut state = GameState::new(scenario);
        state.turn = 1;
        let mut draws = Draws::new(1, 1, Some(1), "answer");
        answer_proposal(scenario, &state, 0, &[0], 1, &mut draws).0
    };
    assert!(!answer(&minimal()), "the freeze alone is refused");
    let relief = load(&with_commitments(
        "(actor: \"AAA\", commits: Relief, turns: 3, \
         steps: [(target: Indicator(\"programme\"), change: 4.0)])",
    ));
    assert!(answer(&relief), "with relief in steps it is accepted");
}

#[test]
fn commitments_written_wrong_are_located_and_say_what_to_add() {
    let cases = [
        (
            "(actor: \"AAA\", commits: Relief, turns: 3)",
            "Relief is what the actor does each month the deal holds: add `steps: [...]`",
        ),
        (
            "(actor: \"AAA\", commits: Suspend, turns: 3, steps: [(target: Indicator(\"tension\"), change: -1.0)])",
            "a Suspend needs the kind of action it gives up",
        ),
        (
            "(actor: \"AAA\", commits: Talks, turns: 3, steps: [(target: Indicator(\"tension\"), change: -1.0, spread: 1.0)])",
            "steps apply exactly each month: remove the spread",
        ),
        (
            "(actor: \"AAA\", commits: Talks, turns: 3, steps: [(target: Indicator(\"calm\"), change: -1.0)])",
            "unknown indicator \"calm\"",
        ),
    ];
    for (extra, expected) in cases {
        let error = load_edited(&with_commitments(extra))
            .map(|_| ())
            .expect_err(expected)
            .to_string();
        assert!(error.contains(expected), "{expected}: {error}");
        assert!(
            error.contains("edited.ron:") && error.contains("proposals[freeze].commitments[1]"),
            "located: {error}"
        );
    }
}
