//! Gestures that fade: an action the same actor made in the months before carries less each
//! time, repetitions out of the window no longer count, each actor's record is its own, the AI
//! weighs the faded value, and a fade written wrong is a located error.

mod common;

use std::sync::Arc;

use common::*;
use peninsula::agents;
use peninsula::scenario::Scenario;
use peninsula::sim::GameState;
use peninsula::sim::random::Draws;
use peninsula::sim::rules::{self, Spread};

/// The fixture's "talks" action, as written.
const TALKS: &str = "news: \"{actor} offers talks.\")";

/// The minimal fixture with `fades` given to the "talks" action.
fn minimal_with_fade(fades: &str) -> String {
    minimal_replacing(
        TALKS,
        &format!("news: \"{{actor}} offers talks.\",\n         fades: {fades})"),
    )
}

const HALVES: &str =
    "Some((factor: 0.5, months: 6, source: Assumption(reason: \"a test of fades\")))";

/// Tension after `actor` offers talks (tension -4 in full) in `turn`, from `state`.
fn talks(scenario: &Scenario, state: &mut GameState, actor: &str, turn: u32) -> f64 {
    let tension = scenario.indicator("tension").expect("tension").base_slot;
    state.turn = turn;
    let before = state.values()[tension];
    let outcome = rules::apply_order(
        scenario,
        state,
        scenario.actor_index(actor).expect("actor"),
        scenario.action_index("talks").expect("talks"),
        &mut Spread::Expected,
    );
    assert!(outcome.repeated.is_some());
    state.values()[tension] - before
}

#[test]
fn a_gesture_made_month_after_month_carries_less_each_time() {
    let scenario = load_edited(&minimal_with_fade(HALVES)).expect("valid");
    assert_eq!(scenario.fading_count(), 1);
    let mut state = GameState::new(&scenario);
    let made: Vec<f64> = [1, 2, 3]
        .into_iter()
        .map(|turn| talks(&scenario, &mut state, "AAA", turn))
        .collect();
    assert_eq!(made, [-4.0, -2.0, -1.0]);
    // Another actor's record is its own.
    assert_eq!(talks(&scenario, &mut state, "BBB", 3), -4.0);
    // A pause does not wipe the slate: three times in the six months before.
    assert_eq!(talks(&scenario, &mut state, "AAA", 5), -0.5);
    // Seven months on, none of them counts any more.
    assert_eq!(talks(&scenario, &mut state, "AAA", 12), -4.0);
    assert_eq!(talks(&scenario, &mut state, "AAA", 14), -2.0);
}

#[test]
fn without_a_fade_a_gesture_keeps_its_effect_and_the_state_its_size() {
    let scenario = minimal();
    assert_eq!(scenario.fading_count(), 0);
    let mut state = GameState::new(&scenario);
    let tension = scenario.indicator("tension").expect("tension").base_slot;
    for turn in 1..=3 {
        state.turn = turn;
        let before = state.values()[tension];
        let outcome = rules::apply_order(
            &scenario,
            &mut state,
            0,
            scenario.action_index("talks").expect("talks"),
            &mut Spread::Expected,
        );
        assert_eq!(outcome.repeated, None);
        assert_eq!(state.values()[tension] - before, -4.0);
    }
}

#[test]
fn the_ai_weighs_a_repeated_gesture_at_what_it_is_still_worth() {
    let value_of_talks = |scenario: &Arc<Scenario>, state: &GameState| {
        let mut draws = Draws::new(1, state.turn, Some(0), "orders");
        let (_, decisions) = agents::choose_orders(scenario, state, 0, &[0.0; 2], &[], &mut draws);
        decisions[0]
            .options
            .iter()
            .find(|(choice, _)| choice == "talks")
            .map(|(_, value)| *value)
            .expect("talks weighed")
    };
    let scenario = Arc::new(load_edited(&minimal_with_fade(HALVES)).expect("valid"));
    let mut state = GameState::new(&scenario);
    state.turn = 1;
    let first = value_of_talks(&scenario, &state);
    talks(&scenario, &mut state, "AAA", 1);
    state.turn = 2;
    let again = value_of_talks(&scenario, &state);
    // The same weighing without the fade, from the same state.
    let plain = minimal();
    let mut unfaded = GameState::new(&plain);
    unfaded.values_mut().copy_from_slice(state.values());
    unfaded.turn = 2;
    let without = value_of_talks(&plain, &unfaded);
    assert!(again < without, "{again} < {without}");
    assert!(again < first, "{again} < {first}");
}

#[test]
fn a_fade_written_wrong_is_a_located_error() {
    for (fades, at, message) in [
        (
            "Some((factor: 1.5, months: 6, source: Assumption(reason: \"r\")))",
            "actions[talks].fades.factor",
            "factor 1.5 is outside 0..1",
        ),
        (
            "Some((factor: 0.5, months: 40, source: Assumption(reason: \"r\")))",
            "actions[talks].fades.months",
            "months 40 is outside 1..31",
        ),
        (
            "Some((factor: 0.5, months: 6, source: Essay(paragraphs: [400], paraphrase: \"p\")))",
            "actions[talks].fades.source",
            "400",
        ),
    ] {
        let text = minimal_with_fade(fades);
        let error = load_edited(&text).expect_err(fades);
        let problem = error
            .problems()
            .iter()
            .find(|problem| problem.message.contains(message))
            .unwrap_or_else(|| panic!("{fades}: no problem says {message:?}: {error}"));
        assert_eq!(problem.at, at);
        let line = text
            .lines()
            .position(|l| l.contains("fades:"))
            .expect("written")
            + 1;
        assert_eq!(problem.position.map(|(l, _)| l), Some(line), "{fades}");
    }
}
