//! Effects that name roles instead of actors: the actor concerned, the target an action is aimed
//! at, and the actor's allies. An action written with roles carries out the same changes as one
//! naming the actors, reaches a new ally with no edit, and a role where none can stand is a
//! located error.

mod common;

use common::*;
use peninsula::scenario::{self, DEFAULT_SCENARIO_SOURCE, Scenario, ScenarioError};
use peninsula::sim::GameState;
use peninsula::sim::rules::{Spread, apply_order};

fn korea_edited(from: &str, to: &str) -> String {
    assert_eq!(
        DEFAULT_SCENARIO_SOURCE.matches(from).count(),
        1,
        "scenario changed: {from}"
    );
    DEFAULT_SCENARIO_SOURCE.replacen(from, to, 1)
}

fn index(scenario: &Scenario, code: &str) -> usize {
    scenario
        .actors
        .iter()
        .position(|a| a.code == code)
        .expect(code)
}

fn action(scenario: &Scenario, id: &str) -> usize {
    scenario.actions.iter().position(|a| a.id == id).expect(id)
}

/// The state after `actor` takes `id` (expected effects) from the scenario's start.
fn after(scenario: &Scenario, actor: &str, id: &str) -> GameState {
    let mut state = GameState::new(scenario);
    apply_order(
        scenario,
        &mut state,
        index(scenario, actor),
        action(scenario, id),
        &mut Spread::Expected,
    );
    state
}

/// The located problems of an invalid text, one line each.
fn problems(text: &str) -> String {
    match scenario::load_scenario_str(text, "edited.ron") {
        Ok(_) => panic!("the edited scenario loaded"),
        Err(error @ ScenarioError::Invalid { .. }) => error.to_string(),
        Err(other) => panic!("not a validation error: {other}"),
    }
}

#[test]
fn an_action_written_with_roles_changes_what_the_one_naming_the_actors_does() {
    let korea = korea();
    // denounce_china, aimed at China, as it was written before roles.
    let named = load_edited(&korea_edited(
        "(target: Of(\"leverage\", \"target\"), change: -2.0, spread: 1.0),\n                (target: Of(\"standing\", \"target\"), change: -1.0, spread: 0.5),\n                (target: Trust(\"target\", \"actor\"), change: -4.0",
        "(target: Of(\"leverage\", \"CHN\"), change: -2.0, spread: 1.0),\n                (target: Of(\"standing\", \"CHN\"), change: -1.0, spread: 0.5),\n                (target: Trust(\"CHN\", \"PRK\"), change: -4.0",
    ))
    .expect("valid");
    assert_eq!(
        korea.actions[action(&korea, "denounce_china")].target,
        Some(index(&korea, "CHN"))
    );
    let with_roles = after(&korea, "PRK", "denounce_china");
    assert_eq!(with_roles, after(&named, "PRK", "denounce_china"));
    assert_ne!(
        with_roles,
        GameState::new(&korea),
        "the action changes something"
    );

    // Joint exercises raise the alliance's trust both ways, whichever ally holds them.
    let (usa, kor) = (index(&korea, "USA"), index(&korea, "KOR"));
    let start = GameState::new(&korea);
    for (taker, ally) in [("USA", "KOR"), ("KOR", "USA")] {
        let state = after(&korea, taker, "joint_exercises");
        let (taker, ally) = (index(&korea, taker), index(&korea, ally));
        for (from, to) in [(ally, taker), (taker, ally)] {
            assert_eq!(
                state.trust(from, to),
                start.trust(from, to) + 2.0,
                "{from} in {to}"
            );
        }
    }
    // Nobody outside the alliance gains trust in either ally from them.
    let state = after(&korea, "USA", "joint_exercises");
    for other in 0..korea.actors.len() {
        if other != usa && other != kor {
            assert!(state.trust(other, usa) <= start.trust(other, usa));
        }
    }
}

#[test]
fn a_new_ally_is_reached_by_the_actions_that_name_allies_with_no_edit_to_them() {
    let korea = korea();
    // Russia named an ally of China's (only the actor's own list changes).
    let text = korea_edited(
        "            allies: [\n                (actor: \"PRK\"",
        "            allies: [\n                (actor: \"RUS\", source: Assumption(reason: \"for the test\")),\n                (actor: \"PRK\"",
    );
    // An action of China's naming its allies by role: their trust in China rises.
    let text = text.replacen(
        "(target: Of(\"initiative\", \"target\"), change: -1.0",
        "(target: Trust(\"allies\", \"actor\"), change: 5.0, spread: 0.0),\n                (target: Of(\"initiative\", \"target\"), change: -1.0",
        1,
    );
    let allied = load_edited(&text).expect("valid");
    let (chn, rus, prk) = (
        index(&allied, "CHN"),
        index(&allied, "RUS"),
        index(&allied, "PRK"),
    );
    assert_eq!(allied.actors[chn].allies, vec![rus, prk]);
    let start = GameState::new(&allied);
    let state = after(&allied, "CHN", "peace_treaty_call");
    assert_eq!(state.trust(rus, chn), start.trust(rus, chn) + 5.0);
    assert_eq!(state.trust(prk, chn), start.trust(prk, chn) + 5.0);
    // Without Russia among the allies, the same action leaves Russia's trust as it was.
    assert_eq!(
        after(&korea, "CHN", "peace_treaty_call").trust(rus, chn),
        start.trust(rus, chn)
    );
}

#[test]
fn a_role_where_it_cannot_stand_is_a_located_error() {
    // "target" in an action aimed at nobody.
    let text = korea_edited(
        "(target: Own(\"initiative\"), change: 2.0, spread: 1.0),\n                (target: Trust(\"CHN\", \"PRK\"), change: -3.0",
        "(target: Own(\"initiative\"), change: 2.0, spread: 1.0),\n                (target: Trust(\"target\", \"PRK\"), change: -3.0",
    );
    let message = problems(&text);
    assert!(
        message.contains("edited.ron:") && message.contains("actions[missile_test].effects[7]"),
        "{message}"
    );
    assert!(
        message.contains("give the action `target: Some"),
        "{message}"
    );

    // "allies" where no actor is concerned: an event's effects on the world.
    let message = problems(&korea_edited(
        "(target: Of(\"initiative\", \"CHN\"), change: 2.0, spread: 1.0),\n                (target: Trust(\"CHN\", \"USA\"), change: -2.0",
        "(target: Of(\"initiative\", \"CHN\"), change: 2.0, spread: 1.0),\n                (target: Trust(\"allies\", \"USA\"), change: -2.0",
    ));
    assert!(message.contains("need an actor concerned"), "{message}");
    assert!(message.contains("outcomes"), "{message}");

    // A typo beside a role is told once, even where the actor concerned has no ally.
    let message = problems(&korea_edited(
        "(target: Trust(\"allies\", \"actor\"), change: 2.0, spread: 1.0),",
        "(target: Of(\"standingg\", \"allies\"), change: 2.0, spread: 1.0),",
    ));
    assert_eq!(
        message.matches("unknown indicator \"standingg\"").count(),
        1,
        "{message}"
    );
    let text = korea_edited(
        "(target: Own(\"initiative\"), change: 3.0, spread: 1.0),\n                (target: Of(\"initiative\", \"target\")",
        "(target: Of(\"standingg\", \"allies\"), change: 3.0, spread: 1.0),\n                (target: Of(\"initiative\", \"target\")",
    );
    let no_allies = text.replacen(
        "            allies: [\n                (actor: \"PRK\", source: Essay(paragraphs: [4]",
        "            allies: [\n                //(actor: \"PRK\", source: Essay(paragraphs: [4]",
        1,
    );
    assert_ne!(no_allies, text, "scenario changed");
    let message = problems(&no_allies);
    assert!(
        message.contains("unknown indicator \"standingg\""),
        "{message}"
    );

    // A role in an interest, which is not an effect.
    let message = problems(&korea_edited(
        "target: Relation(\"KOR\"),",
        "target: Relation(\"allies\"),",
    ));
    assert!(message.contains("\"allies\" is a role"), "{message}");

    // An unknown ally, an actor its own ally, a target that takes the action, a role as a code.
    let message = problems(&korea_edited(
        "(actor: \"KOR\", source: Essay(paragraphs: [5, 22]",
        "(actor: \"JPN\", source: Essay(paragraphs: [5, 22]",
    ));
    assert!(message.contains("actors[USA].allies[0]"), "{message}");
    assert!(message.contains("unknown actor \"JPN\""), "{message}");
    let message = problems(&korea_edited(
        "(actor: \"KOR\", source: Essay(paragraphs: [5, 22]",
        "(actor: \"USA\", source: Essay(paragraphs: [5, 22]",
    ));
    assert!(message.contains("USA cannot be its own ally"), "{message}");
    let message = problems(&korea_edited(
        "actors: [\"CHN\", \"RUS\"],\n            target: Some(\"USA\"),",
        "actors: [\"CHN\", \"RUS\"],\n            target: Some(\"CHN\"),",
    ));
    assert!(
        message.contains("CHN may take the action, so it cannot be its target"),
        "{message}"
    );
    let message = problems(&minimal_source().replacen("code: \"AAA\"", "code: \"target\"", 1));
    assert!(message.contains("\"target\" is reserved"), "{message}");
}
