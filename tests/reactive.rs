//! Scripts that react to the world: a condition on what the Security Council adopted, kept in
//! the state only by scenarios that ask it, and located when it names no draft.

mod common;

use common::*;
use peninsula::sim::GameState;
use peninsula::sim::rules::{self, Spread};

/// The fixture's incident event trigger, as written.
const INCIDENT: &str =
    "trigger: When(conditions: [Above(Indicator(\"tension\"), 40.0)], chance: 0.5)";

/// The minimal fixture with the incident firing on `conditions` instead.
fn minimal_reacting_to(conditions: &str) -> String {
    minimal_replacing(
        INCIDENT,
        &format!("trigger: When(conditions: [{conditions}], chance: 1.0)"),
    )
}

#[test]
fn a_condition_sees_what_the_council_adopted_this_month_or_last() {
    let scenario = load_edited(&minimal_reacting_to("Adopted(\"censure\", 2)")).expect("valid");
    assert!(scenario.tracks_adoption);
    let incident = &scenario.events[1];
    let mut state = GameState::new(&scenario);
    state.turn = 2;
    assert!(!state.all_hold(&incident.conditions, None));
    rules::adopt_resolution(&scenario, &mut state, 0, 0, 0, &[], &mut Spread::Expected);
    assert!(state.all_hold(&incident.conditions, None));
    state.turn = 3;
    assert!(state.all_hold(&incident.conditions, None));
    state.turn = 4;
    assert!(!state.all_hold(&incident.conditions, None));
}

#[test]
fn a_scenario_that_never_asks_keeps_no_adoptions_and_its_hashes() {
    let scenario = minimal();
    assert!(!scenario.tracks_adoption);
    let mut state = GameState::new(&scenario);
    let before = state.hash();
    state.turn = 2;
    rules::adopt_resolution(&scenario, &mut state, 0, 0, 0, &[], &mut Spread::Expected);
    assert!(state.adopted_at().is_empty());
    let mut plain = GameState::new(&scenario);
    assert_eq!(plain.hash(), before);
    plain.turn = 2;
    rules::adopt_resolution(&scenario, &mut plain, 0, 0, 0, &[], &mut Spread::Expected);
    assert_eq!(plain.hash(), state.hash());
}

#[test]
fn an_adoption_of_a_draft_that_does_not_exist_is_located() {
    let text = minimal_reacting_to("Adopted(\"cesnure\", 2)");
    let error = load_edited(&text).expect_err("unknown draft");
    let problem = &error.problems()[0];
    assert!(problem.message.contains("\"cesnure\""), "{error}");
    assert!(problem.message.contains("censure"), "{error}");
    assert_eq!(problem.at, "events[incident].trigger[0]");
    let line = text
        .lines()
        .position(|l| l.contains("cesnure"))
        .expect("written")
        + 1;
    assert_eq!(problem.position.map(|(l, _)| l), Some(line));
}

#[test]
fn a_condition_sees_who_took_an_action() {
    let scenario =
        load_edited(&minimal_reacting_to("TakenBy(\"AAA\", \"talks\", 2)")).expect("valid");
    assert_eq!(scenario.taken_by.len(), 1);
    let incident = &scenario.events[1];
    let talks = scenario.action_index("talks").expect("talks");
    let (alphaland, betaland) = (0, 1);
    let mut state = GameState::new(&scenario);
    state.turn = 2;
    rules::apply_order(
        &scenario,
        &mut state,
        betaland,
        talks,
        &mut Spread::Expected,
    );
    assert!(
        !state.all_hold(&incident.conditions, None),
        "Betaland's talks"
    );
    rules::apply_order(
        &scenario,
        &mut state,
        alphaland,
        talks,
        &mut Spread::Expected,
    );
    assert!(
        state.all_hold(&incident.conditions, None),
        "Alphaland's talks"
    );
    state.turn = 3;
    assert!(
        state.all_hold(&incident.conditions, None),
        "the month after"
    );
    state.turn = 4;
    assert!(!state.all_hold(&incident.conditions, None), "two months on");
    // A scenario that never asks keeps no such memory.
    assert!(GameState::new(&minimal()).taken_by_at().is_empty());
}

#[test]
fn taken_by_an_unknown_actor_is_located() {
    let text = minimal_reacting_to("TakenBy(\"AAB\", \"talks\", 1)");
    let error = load_edited(&text).expect_err("unknown actor");
    let problem = &error.problems()[0];
    assert!(problem.message.contains("\"AAB\""), "{error}");
    assert_eq!(problem.at, "events[incident].trigger[0]");
}

#[test]
fn a_trigger_asking_for_an_order_of_this_month_draws_a_warning_with_the_fix() {
    for condition in [
        "TakenWithin(\"test\", 1)",
        "TakenBy(\"BBB\", \"test\", 1)",
        "Not(Any([TakenWithin(\"test\", 1)]))",
    ] {
        // Older files still load: a warning, not an error.
        let scenario = load_edited(&minimal_reacting_to(condition)).expect(condition);
        let warning = scenario
            .warnings
            .iter()
            .find(|warning| warning.message.contains("write 2"))
            .unwrap_or_else(|| panic!("{condition}: {:?}", scenario.warnings));
        assert_eq!(warning.at, "events[incident].trigger", "{condition}");
        assert!(warning.position.is_some());
    }
    let fixed = load_edited(&minimal_reacting_to("TakenWithin(\"test\", 2)")).expect("valid");
    assert!(
        fixed
            .warnings
            .iter()
            .all(|w| !w.message.contains("write 2"))
    );
}
