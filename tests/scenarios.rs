//! Every shipped scenario and variant loads and validates; broken files get located errors.

mod common;

use common::*;
use peninsula::scenario::{self, ScenarioError};

fn shipped_files() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for folder in ["scenarios", "scenarios/variants"] {
        for entry in std::fs::read_dir(root().join(folder)).expect("folder exists") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "ron") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_shipped_scenario_and_variant_validates() {
    let files = shipped_files();
    assert!(
        files.len() >= 5,
        "expected the scenario and four variants, found {files:?}"
    );
    for path in files {
        if let Err(error) = scenario::validate_file(&path) {
            panic!("{} does not validate:\n{error}", path.display());
        }
    }
}

#[test]
fn every_variant_applies_to_the_embedded_scenario_and_changes_it() {
    let base = korea();
    for path in shipped_files()
        .iter()
        .filter(|p| p.to_string_lossy().contains("variants"))
    {
        let changed = scenario::load_with_variants(None, std::slice::from_ref(path))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_ne!(
            changed.hash,
            base.hash,
            "{} changes nothing",
            path.display()
        );
    }
}

#[test]
fn default_scenario_has_five_actors_with_sourced_interests() {
    let korea = korea();
    let codes: Vec<&str> = korea.actors.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, ["USA", "CHN", "RUS", "PRK", "KOR"]);
    for actor in &korea.actors {
        assert!(
            actor.interests.len() >= 3,
            "{} has too few interests",
            actor.code
        );
    }
    assert!(korea.proposal_index("dual_track").is_some());
}

#[test]
fn a_typo_in_a_field_name_names_file_line_and_column() {
    let text = minimal_source().replacen("capital_per_turn: 3.0", "capital_per_trun: 3.0", 1);
    let expected_line = text
        .lines()
        .position(|l| l.contains("capital_per_trun"))
        .expect("typo present")
        + 1;
    let path = temp_file("typo.ron", &text);
    let error = scenario::validate_file(&path).expect_err("typo must fail");
    match &error {
        ScenarioError::Syntax {
            line,
            column,
            message,
            ..
        } => {
            assert_eq!(*line, expected_line);
            assert!(*column > 1);
            assert!(message.contains("capital_per_trun"), "{message}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    let shown = error.to_string();
    assert!(
        shown.starts_with(&format!("{}:{expected_line}:", path.display())),
        "{shown}"
    );
}

#[test]
fn an_unknown_actor_is_named_with_the_known_ones_and_its_line() {
    let text = minimal_source().replacen("actors: [\"BBB\"]", "actors: [\"JPN\"]", 1);
    let expected_line = text
        .lines()
        .position(|l| l.contains("\"JPN\""))
        .expect("edit present")
        + 1;
    let error =
        scenario::load_scenario_str(&text, "edited.ron").expect_err("unknown actor must fail");
    let problems = error.problems();
    assert_eq!(problems.len(), 1, "{error}");
    assert!(
        problems[0].message.contains("unknown actor \"JPN\""),
        "{}",
        problems[0].message
    );
    assert!(
        problems[0].message.contains("known actors: AAA, BBB"),
        "{}",
        problems[0].message
    );
    assert_eq!(problems[0].position.map(|p| p.0), Some(expected_line));
    assert!(
        error
            .to_string()
            .starts_with(&format!("edited.ron:{expected_line}:"))
    );
}

#[test]
fn out_of_range_weights_and_missing_provenance_are_reported_together() {
    let text = minimal_source()
        .replacen("weight: 0.8", "weight: 1.8", 1)
        .replacen("paraphrase: \"Has its own agenda.\"", "paraphrase: \"\"", 1)
        .replacen("paragraphs: [14]", "paragraphs: [31]", 1);
    let error = scenario::load_scenario_str(&text, "edited.ron").expect_err("must fail");
    let messages: Vec<&str> = error
        .problems()
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("weight 1.8 is outside 0..1")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("needs a paraphrase")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("P31 does not exist")),
        "{messages:?}"
    );
}

#[test]
fn an_unknown_indicator_lists_the_known_ones() {
    let text = minimal_source().replacen(
        "Indicator(\"programme\"), prefers: Lower",
        "Indicator(\"programm\"), prefers: Lower",
        1,
    );
    let error = scenario::load_scenario_str(&text, "edited.ron").expect_err("must fail");
    let message = &error.problems()[0].message;
    assert!(
        message.contains("unknown indicator \"programm\""),
        "{message}"
    );
    assert!(message.contains("tension, programme"), "{message}");
}

#[test]
fn a_variant_naming_an_unknown_actor_is_rejected() {
    let variant = r#"VariantFile(
        id: "bad", name: "Bad", base: "korea_2017",
        source: Assumption(reason: "test"),
        changes: [Weight(actor: "JPN", target: Own("standing"), prefers: None, weight: 0.5, source: Assumption(reason: "test"))],
    )"#;
    let path = temp_file("bad_variant.ron", variant);
    let error = scenario::load_with_variants(None, &[path]).expect_err("must fail");
    assert!(
        error.to_string().contains("unknown actor \"JPN\""),
        "{error}"
    );
}

#[test]
fn the_command_line_exits_2_on_bad_input_and_0_on_good() {
    let good = binary()
        .arg("validate")
        .arg(root().join("tests/fixtures/minimal.ron"))
        .output()
        .expect("runs");
    assert_eq!(good.status.code(), Some(0));
    let typo = temp_file(
        "cli_typo.ron",
        &minimal_source().replacen("news:", "nws:", 1),
    );
    let bad = binary().arg("validate").arg(&typo).output().expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains(&format!("{}:", typo.display())) && stderr.contains("nws"),
        "{stderr}"
    );
    let missing = binary()
        .args(["validate", "no/such/file.ron"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    let flag = binary()
        .args(["run", "--seed", "seven"])
        .output()
        .expect("runs");
    assert_eq!(flag.status.code(), Some(2));
}

mod no_input_panics_the_loader {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn truncated_or_corrupted_text_gives_an_error_not_a_panic(cut in 0usize..4000, byte in 0u8..128, at in 0usize..4000) {
            let source = minimal_source();
            let cut = cut.min(source.len());
            let mut truncated = source.as_bytes()[..cut].to_vec();
            let _ = scenario::load_scenario_str(&String::from_utf8_lossy(&truncated), "t.ron");
            if !truncated.is_empty() {
                let at = at % truncated.len();
                truncated[at] = byte;
                let _ = scenario::load_scenario_str(&String::from_utf8_lossy(&truncated), "t.ron");
            }
        }
    }
}

#[test]
fn variant_problems_point_at_their_own_change() {
    let text = std::fs::read_to_string(root().join("scenarios/variants/h2_useful_crisis.ron"))
        .expect("reads");
    let edited: String = text
        .lines()
        .enumerate()
        .map(|(index, line)| {
            if index == 20 || index == 27 {
                line.replace("\"CHN\"", "\"CHX\"")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let lines: Vec<usize> = edited
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("\"CHX\""))
        .map(|(index, _)| index + 1)
        .collect();
    assert_eq!(lines.len(), 2, "the fixture lines moved");
    let path = temp_file("h2_bad.ron", &edited);
    let error = scenario::validate_file(&path).expect_err("must fail");
    let found: Vec<usize> = error
        .problems()
        .iter()
        .filter_map(|p| p.position.map(|(line, _)| line))
        .collect();
    assert_eq!(found, lines, "{error}");
}

#[test]
fn an_ending_whose_only_condition_names_nothing_known_reports_that_alone() {
    let source = minimal_source();
    let when = "when: [Above(Indicator(\"programme\"), 99.0)]";
    assert!(source.contains(when), "fixture changed");
    let text = source.replacen(when, "when: [DealStruck(\"frieze\")]", 1);
    let error = scenario::load_scenario_str(&text, "edited.ron").expect_err("must fail");
    let problems = error.problems();
    assert_eq!(problems.len(), 1, "{error}");
    assert!(
        problems[0].message.contains("unknown proposal \"frieze\""),
        "{error}"
    );
}

/// Asserts that `error` has one problem, saying `expected`, placed at the first `needle` in
/// `text` and printed as `edited.ron:line:column: ...`.
fn assert_one_problem_at(error: &ScenarioError, text: &str, needle: &str, expected: &str) {
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(index, line)| {
            line.find(needle)
                .map(|at| (index + 1, line[..at].chars().count() + 1))
        })
        .expect("edit present");
    let problems = error.problems();
    assert_eq!(problems.len(), 1, "{error}");
    assert!(problems[0].message.contains(expected), "{error}");
    assert_eq!(problems[0].position, Some((line, column)), "{error}");
    assert!(
        error
            .to_string()
            .starts_with(&format!("edited.ron:{line}:{column}: ")),
        "{error}"
    );
}

const BREAKOUT_WHEN: &str = "when: [Above(Indicator(\"programme\"), 99.0)]";

#[test]
fn a_wrong_name_deep_inside_any_all_not_is_located_with_its_path() {
    let source = minimal_source();
    assert!(source.contains(BREAKOUT_WHEN), "fixture changed");
    let text = source.replacen(
        BREAKOUT_WHEN,
        "when: [Any([\n            Above(Indicator(\"programme\"), 99.0),\n            \
         All([TakenWithin(\"test\", 2), Not(DealStruck(\"frieze\"))]),\n        ])]",
        1,
    );
    let error = scenario::load_scenario_str(&text, "edited.ron").expect_err("must fail");
    assert_one_problem_at(
        &error,
        &text,
        "\"frieze\"",
        "unknown proposal \"frieze\"; known proposals: freeze",
    );
    assert_eq!(
        error.problems()[0].at,
        "endings[breakout].when[0].Any[1].All[1].Not"
    );
}

#[test]
fn empty_any_or_all_and_an_actor_target_inside_not_are_refused_where_written() {
    let source = minimal_source();
    for (when, at, expected) in [
        (
            "when: [Any([])]",
            "endings[breakout].when[0]",
            "Any([]) lists no condition, so it never holds",
        ),
        (
            "when: [Not(All([]))]",
            "endings[breakout].when[0].Not",
            "All([]) lists no condition, so it always holds",
        ),
        (
            "when: [Not(Above(Own(\"standing\"), 10.0))]",
            "endings[breakout].when[0].Not",
            "Own(..) needs an actor concerned",
        ),
        (
            "when: [Any([NotFrozen(\"testing\")])]",
            "endings[breakout].when[0].Any[0]",
            "NotFrozen(..) needs an actor concerned",
        ),
    ] {
        let text = source.replacen(BREAKOUT_WHEN, when, 1);
        let error = scenario::load_scenario_str(&text, "edited.ron").expect_err(when);
        let problems = error.problems();
        assert_eq!(problems.len(), 1, "{when}: {error}");
        assert_eq!(problems[0].at, at, "{when}");
        assert!(problems[0].message.contains(expected), "{when}: {error}");
        let line = text
            .lines()
            .position(|l| l.contains("\"breakout\""))
            .map(|index| index + 1);
        assert_eq!(problems[0].position.map(|p| p.0), line, "{when}: {error}");
    }
}

#[test]
fn an_event_dated_by_month_lands_in_that_month_whatever_the_start() {
    let source = minimal_source();
    let dated = source.replacen("trigger: AtTurn(1)", "trigger: OnDate(\"2017-09\")", 1);
    for (calendar, turns_to_september) in [
        ("start_year: 2017, start_month: 7, turns: 6", 3),
        ("start_year: 2017, start_month: 9, turns: 6", 1),
        ("start_year: 2016, start_month: 11, turns: 12", 11),
    ] {
        let text = dated.replacen("start_year: 2017, start_month: 7, turns: 6", calendar, 1);
        let scenario = scenario::load_scenario_str(&text, "dated.ron").expect(calendar);
        let opening = &scenario.events[0];
        assert_eq!(opening.at_turn, Some(turns_to_september), "{calendar}");
        assert_eq!(
            peninsula::sim::turn::month_label(&scenario, turns_to_september),
            "2017-09"
        );
    }
    let day = source.replacen("trigger: AtTurn(1)", "trigger: OnDate(\"2017-09-03\")", 1);
    let scenario =
        scenario::load_scenario_str(&day, "dated.ron").expect("a day is read as its month");
    assert_eq!(scenario.events[0].at_turn, Some(3));
}

#[test]
fn malformed_or_out_of_calendar_dates_are_located_and_say_what_was_expected() {
    let source = minimal_source();
    // The fixture's calendar: 2017-07 to 2017-12.
    let at_turn = "trigger: AtTurn(1)";
    let when = "When(conditions: [Above(Indicator(\"tension\"), 40.0)]";
    for (from, to, date, expected) in [
        (
            at_turn,
            "trigger: OnDate(\"2017-13\")",
            "\"2017-13\"",
            "there is no month 13",
        ),
        (
            at_turn,
            "trigger: OnDate(\"2017-9\")",
            "\"2017-9\"",
            "expected a month like \"2017-09\"",
        ),
        (
            at_turn,
            "trigger: OnDate(\"2017-05\")",
            "\"2017-05\"",
            "before the scenario starts (2017-07, turn 1); give a month from 2017-07 to 2017-12",
        ),
        (
            at_turn,
            "trigger: OnDate(\"2018-01\")",
            "\"2018-01\"",
            "after the calendar ends (2017-12, turn 6); give a month from 2017-07 to 2017-12",
        ),
        (
            when,
            "When(conditions: [FromDate(\"Sept 2017\")]",
            "\"Sept 2017\"",
            "expected a month like \"2017-09\"",
        ),
        (
            when,
            "When(conditions: [Not(UntilDate(\"2017-02-30\"))]",
            "\"2017-02-30\"",
            "month 02 of 2017 has days 01 to 28",
        ),
    ] {
        assert!(source.contains(from), "fixture changed: {from}");
        let text = source.replacen(from, to, 1);
        let error = scenario::load_scenario_str(&text, "edited.ron").expect_err(to);
        assert_one_problem_at(&error, &text, date, expected);
    }
}
