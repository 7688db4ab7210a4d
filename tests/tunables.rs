//! The model's constants as scenario data: defaults when left out, what the AI does when set,
//! located errors when out of range, and variants that change them.

mod common;

use common::*;
use peninsula::agents::{self, Vote};
use peninsula::scenario::{self, Scenario, ScenarioError, Tunables};
use peninsula::sim::GameState;
use peninsula::sim::random::Draws;

const INDICATORS: &str = "    indicators: [";

/// The minimal fixture with a `tunables` section written before its indicators.
fn minimal_with(tunables: &str) -> String {
    minimal_replacing(
        INDICATORS,
        &format!("    tunables: ({tunables}),\n{INDICATORS}"),
    )
}

#[test]
fn a_scenario_without_tunables_runs_on_the_model_defaults() {
    let expected = Tunables {
        capital_value: 0.001,
        risk_scale: 0.004,
        reciprocity_scale: 0.01,
        freeze_likelihood: 0.5,
        veto_threshold: 0.004,
        abstain_margin: 0.0005,
        temperature_scale: 0.1,
    };
    assert_eq!(Tunables::DEFAULT, expected);
    for scenario in [minimal(), korea()] {
        assert_eq!(scenario.tunables, expected, "{}", scenario.id);
        assert!(scenario.file.tunables.is_default());
        let usa = 0;
        assert_eq!(
            scenario.softmax_temperature(usa),
            scenario.actors[usa].temperature * 0.1
        );
    }
    // Writing a default out changes neither the game nor the scenario's hash.
    let written = load_edited(&minimal_with(
        "veto_threshold: 0.004, temperature_scale: 0.1",
    ))
    .expect("valid");
    assert_eq!(written.tunables, expected);
    assert_eq!(written.hash, minimal().hash);
    // A tunable set away from its default is part of the hash; the others keep their defaults.
    let set = load_edited(&minimal_with("capital_value: 0.002")).expect("valid");
    assert_eq!(set.tunables.capital_value, 0.002);
    assert_eq!(set.tunables.changed(), [("capital_value", 0.002, 0.001)]);
    assert_ne!(set.hash, minimal().hash);
}

/// The minimal fixture with the censure text raising the programme Alphaland (a permanent
/// member) wants lower: a loss of about 0.14 in its utility if adopted.
fn censure_against_alphaland(tunables: &str) -> Scenario {
    let text = minimal_with(tunables);
    let censure = "effects: [(target: Indicator(\"programme\"), change: -2.0)]";
    assert!(text.contains(censure), "fixture changed");
    let text = text.replacen(
        censure,
        "effects: [(target: Indicator(\"programme\"), change: 30.0)]",
        1,
    );
    load_edited(&text).expect("valid")
}

fn alphaland_vote(scenario: &Scenario) -> Vote {
    let alphaland = scenario.actor_index("AAA").expect("AAA");
    assert!(scenario.actors[alphaland].permanent_member());
    let state = GameState::new(scenario);
    let mut draws = Draws::new(1, 1, Some(alphaland), "vote");
    agents::vote(scenario, &state, 0, 0, alphaland, alphaland, &mut draws).0
}

#[test]
fn the_veto_threshold_and_abstain_margin_decide_a_permanent_members_vote() {
    assert_eq!(alphaland_vote(&censure_against_alphaland("")), Vote::Veto);
    // No text can cost more than the whole of its satisfaction: it abstains instead.
    assert_eq!(
        alphaland_vote(&censure_against_alphaland("veto_threshold: 1.0")),
        Vote::Abstain
    );
    // A member that opposes no text short of losing everything votes yes.
    assert_eq!(
        alphaland_vote(&censure_against_alphaland("abstain_margin: 1.0")),
        Vote::Yes
    );
}

#[test]
fn a_dear_political_capital_makes_an_actor_hold_instead_of_testing() {
    let orders = |scenario: &Scenario| {
        let betaland = scenario.actor_index("BBB").expect("BBB");
        let state = GameState::new(scenario);
        let memory = vec![0.0; scenario.actors.len()];
        let mut draws = Draws::new(1, 1, Some(betaland), "orders");
        let (orders, _) =
            agents::choose_orders(scenario, &state, betaland, &memory, &[], &mut draws);
        orders
            .iter()
            .map(|action| scenario.actions[*action].id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(orders(&minimal()), ["test"]);
    // A point of capital worth the whole score: no action (each costs 1 or 2) is worth taking.
    let dear = load_edited(&minimal_with("capital_value: 1.0")).expect("valid");
    assert!(orders(&dear).is_empty(), "{:?}", orders(&dear));
}

#[test]
fn an_out_of_range_tunable_is_located_and_says_what_to_write() {
    let text = minimal_with("veto_threshold: 0.004,\n        capital_value: 2.0");
    let error = load_edited(&text).expect_err("must fail");
    let line = text
        .lines()
        .position(|line| line.contains("capital_value: 2.0"))
        .expect("edit present")
        + 1;
    let problems = error.problems();
    assert_eq!(problems.len(), 1, "{error}");
    assert_eq!(problems[0].at, "tunables.capital_value");
    assert_eq!(problems[0].position, Some((line, 9)), "{error}");
    assert!(
        error.to_string().starts_with(&format!(
            "edited.ron:{line}:9: tunables.capital_value: 2 is outside 0..1; write a number from \
             0 to 1, or leave it out for the default 0.001"
        )),
        "{error}"
    );
    let negative = load_edited(&minimal_with("freeze_likelihood: -0.5")).expect_err("must fail");
    assert!(
        negative
            .to_string()
            .contains("freeze_likelihood: -0.5 is outside 0..1")
    );
    // A misspelt name is refused where it is written, like any unknown field.
    let typo = load_edited(&minimal_with("veto_treshold: 0.01")).expect_err("must fail");
    assert!(
        matches!(typo, ScenarioError::Syntax { .. }) && typo.to_string().contains("veto_treshold"),
        "{typo}"
    );
}

fn variant(changes: &str) -> String {
    format!(
        "VariantFile(id: \"lenient\", name: \"Lenient council\", base: \"korea_2017\",\n    \
         source: Assumption(reason: \"test\"),\n    changes: [\n        {changes},\n    ],\n)\n"
    )
}

#[test]
fn a_variant_changes_the_tunables_it_names_and_keeps_the_others() {
    let korea = korea();
    let text = variant("Tunables(veto_threshold: Some(1.0), temperature_scale: Some(0.05))");
    let (_, changed) = scenario::variant_of(&korea.file, &text, "lenient.ron").expect("applies");
    assert_eq!(
        changed.tunables,
        Tunables {
            veto_threshold: 1.0,
            temperature_scale: 0.05,
            ..Tunables::DEFAULT
        }
    );
    assert_ne!(changed.hash, korea.hash);
    let text = variant("Personality(actor: \"PRK\"),\n        Tunables(abstain_margin: Some(3.0))");
    let error = scenario::variant_of(&korea.file, &text, "lenient.ron").expect_err("must fail");
    let line = text
        .lines()
        .position(|line| line.contains("abstain_margin"))
        .expect("edit present")
        + 1;
    assert_eq!(error.problems().len(), 1, "{error}");
    assert!(
        error.to_string().starts_with(&format!(
            "lenient.ron:{line}:18: tunables.abstain_margin: 3 is outside 0..1"
        )),
        "{error}"
    );
}

#[test]
fn the_teachers_guide_lists_only_the_tunables_set_away_from_their_defaults() {
    use peninsula::report::briefing::teacher_guide;
    let shipped = teacher_guide(&korea()).to_markdown();
    assert!(!shipped.contains("The model's settings"), "{shipped}");
    let lenient =
        load_edited(&minimal_with("veto_threshold: 1.0, capital_value: 0.001")).expect("valid");
    let guide = teacher_guide(&lenient).to_markdown();
    assert!(guide.contains("The model's settings"), "{guide}");
    let row = guide
        .lines()
        .find(|line| line.contains("veto_threshold"))
        .unwrap_or_else(|| panic!("no veto_threshold row: {guide}"));
    assert!(row.contains("| 1 ") && row.contains("0.004"), "{row}");
    assert!(
        !guide.contains("capital_value"),
        "a default is not listed: {guide}"
    );
}
