//! A dynamic may pull a value back to where it started: one line for every actor's own value
//! (`Own(..)`), each to its own start, so a new actor needs no line of its own.

mod common;

use common::*;
use peninsula::scenario::Scenario;
use peninsula::sim::GameState;
use peninsula::sim::rules;

const DYNAMICS: &str = "dynamics: [";

fn with_dynamic(dynamic: &str) -> String {
    minimal_replacing(DYNAMICS, &format!("dynamics: [\n        {dynamic},"))
}

/// Every actor's standing (AAA starts at 50, BBB at 30) set to 80, then one month closed.
fn standings_after_a_month(scenario: &Scenario) -> Vec<f64> {
    let slot = scenario
        .indicators
        .iter()
        .find(|indicator| indicator.id == "standing")
        .expect("standing")
        .base_slot;
    let mut state = GameState::new(scenario);
    state.turn = 1;
    let actors = scenario.actors.len();
    for actor in 0..actors {
        state.values_mut()[slot + actor] = 80.0;
    }
    rules::close_turn(scenario, &mut state);
    state.values()[slot..slot + actors].to_vec()
}

#[test]
fn every_actors_value_drifts_back_to_its_own_start() {
    let scenario = load_edited(&with_dynamic(
        "(target: Own(\"standing\"), back_to_start: Some(0.25), reason: \"Image drifts back.\")",
    ))
    .unwrap_or_else(|e| panic!("valid: {e}"));
    let standings = standings_after_a_month(&scenario);
    // A quarter of the way back: AAA from 80 towards 50, BBB from 80 towards 30.
    assert_eq!(standings, vec![72.5, 67.5]);
    // Without the line, nothing moves them.
    assert_eq!(standings_after_a_month(&minimal()), vec![80.0, 80.0]);
}

#[test]
fn one_actors_value_drifts_as_the_two_lines_it_stands_for() {
    let one = load_edited(&with_dynamic(
        "(target: Of(\"standing\", \"BBB\"), back_to_start: Some(0.5), reason: \"Back.\")",
    ))
    .unwrap_or_else(|e| panic!("valid: {e}"));
    let two = load_edited(&with_dynamic(
        "(target: Of(\"standing\", \"BBB\"), change: -0.5, per: Some(Of(\"standing\", \"BBB\")), reason: \"Back.\"),\n        \
         (target: Of(\"standing\", \"BBB\"), change: 15.0, reason: \"Back.\")",
    ))
    .unwrap_or_else(|e| panic!("valid: {e}"));
    assert_eq!(standings_after_a_month(&one), vec![80.0, 55.0]);
    assert_eq!(standings_after_a_month(&one), standings_after_a_month(&two));
}

#[test]
fn a_drift_written_wrong_is_located_and_says_how_to_fix_it() {
    let cases = [
        (
            "(target: Own(\"standing\"), back_to_start: Some(1.5))",
            "1.5 is not a share of the way back: give a number above 0 and at most 1",
        ),
        (
            "(target: Own(\"standing\"), back_to_start: Some(0.1), change: 2.0)",
            "a drift back to the start sets its own change: remove `change` and `per`",
        ),
        (
            "(target: Trust(\"AAA\", \"BBB\"), back_to_start: Some(0.1))",
            "only an indicator drifts back to its start, not trust",
        ),
        (
            "(target: Own(\"calm\"), back_to_start: Some(0.1))",
            "unknown indicator \"calm\"",
        ),
    ];
    for (dynamic, expected) in cases {
        let error = load_edited(&with_dynamic(dynamic))
            .map(|_| ())
            .expect_err(expected)
            .to_string();
        assert!(error.contains(expected), "{expected}: {error}");
        assert!(
            error.contains("edited.ron:") && error.contains("dynamics[0]"),
            "located: {error}"
        );
    }
}
