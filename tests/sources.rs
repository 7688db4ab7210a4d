//! Sources: citations are checked where the scenario is read (paragraphs within the essay, a
//! paraphrase, records with a real date and a document), actors whose weights rest mostly on
//! paragraphs about others are warned about, and `peninsula sources` lists every weight and
//! effect with its source.

mod common;

use common::{binary, root, temp_file};
use peninsula::report::sources;
use peninsula::scenario::{self, DEFAULT_SCENARIO_SOURCE, Source};

const NONPROLIFERATION: &str = "source: Essay(paragraphs: [24], paraphrase: \"Kissinger's";

fn problems_of(text: &str, name: &str) -> String {
    let path = temp_file(name, text);
    match scenario::validate_file(&path) {
        Ok(_) => String::new(),
        Err(error) => error.to_string(),
    }
}

#[test]
fn a_paragraph_beyond_the_essay_is_refused_with_its_line() {
    assert!(DEFAULT_SCENARIO_SOURCE.contains(NONPROLIFERATION));
    let text = DEFAULT_SCENARIO_SOURCE.replacen(
        NONPROLIFERATION,
        "source: Essay(paragraphs: [28], paraphrase: \"Kissinger's",
        1,
    );
    let line = text
        .lines()
        .position(|l| l.contains("paragraphs: [28]"))
        .expect("edited")
        + 1;
    let shown = problems_of(&text, "p28.ron");
    assert!(shown.contains("P28 does not exist"), "{shown}");
    assert!(shown.contains("P1 to P27"), "{shown}");
    assert!(shown.contains(&format!(":{line}:")), "line {line}: {shown}");
}

#[test]
fn an_empty_paraphrase_is_refused() {
    let text = DEFAULT_SCENARIO_SOURCE.replacen(
        NONPROLIFERATION,
        "source: Essay(paragraphs: [24], paraphrase: \"  \"), // Kissinger's",
        1,
    );
    // The rest of the old paraphrase is now a comment.
    let shown = problems_of(&text, "empty.ron");
    assert!(shown.contains("needs a paraphrase"), "{shown}");
}

fn with_record(date: &str, what: &str, place: &str) -> String {
    let record =
        format!("source: Record(date: \"{date}\", what: \"{what}\", where: \"{place}\"), // ");
    DEFAULT_SCENARIO_SOURCE.replacen(NONPROLIFERATION, &record, 1)
}

#[test]
fn a_record_needs_a_real_iso_date_and_every_field() {
    let good = with_record(
        "2017-08-05",
        "Resolution 2371 adopted",
        "UN press release SC/12945",
    );
    assert_eq!(problems_of(&good, "record-ok.ron"), "");
    for (date, expected) in [
        ("2017-02-29", "month 02 of 2017 has days 01 to 28"),
        ("2017-8-5", "expected an ISO date"),
        ("5 August 2017", "expected an ISO date"),
        ("2017-13-01", "no month 13"),
        ("1066-10-14", "outside 1900..2100"),
    ] {
        let shown = problems_of(
            &with_record(date, "a fact", "a document"),
            "record-date.ron",
        );
        assert!(shown.contains(expected), "{date}: {shown}");
    }
    let leap = with_record("2016-02-29", "a fact", "a document");
    assert_eq!(problems_of(&leap, "record-leap.ron"), "");
    let shown = problems_of(
        &with_record("2017-08-05", "a fact", " "),
        "record-where.ron",
    );
    assert!(shown.contains("needs `where`"), "{shown}");
    let shown = problems_of(
        &with_record("2017-08-05", "", "a document"),
        "record-what.ron",
    );
    assert!(shown.contains("needs `what`"), "{shown}");
}

#[test]
fn the_shipped_scenario_and_variants_raise_no_citation_warning() {
    let mut files = vec![root().join("scenarios/korea_2017.ron")];
    for entry in std::fs::read_dir(root().join("scenarios/variants")).expect("variants") {
        files.push(entry.expect("entry").path());
    }
    for path in files {
        let (_, warnings) =
            scenario::validate_file_with_warnings(&path).unwrap_or_else(|error| panic!("{error}"));
        assert!(warnings.is_empty(), "{}: {warnings:?}", path.display());
    }
}

#[test]
fn an_actor_whose_weights_cite_other_actors_paragraphs_is_warned() {
    let mut file = scenario::parse_scenario(DEFAULT_SCENARIO_SOURCE, "korea").expect("parses");
    let korea = file
        .actors
        .iter_mut()
        .find(|a| a.code == "KOR")
        .expect("KOR");
    // P8 states China's view; P26 the North's. Neither is Seoul's own.
    for (number, interest) in korea.interests.iter_mut().enumerate() {
        interest.source = Source::Essay {
            paragraphs: vec![if number % 2 == 0 { 8 } else { 26 }],
            paraphrase: "stretched".into(),
        };
    }
    let text = ron::ser::to_string_pretty(&file, Default::default()).expect("serialises");
    let loaded = scenario::load_scenario_str(&text, "stretched.ron").expect("still valid");
    let warning = loaded
        .warnings
        .iter()
        .map(ToString::to_string)
        .find(|w| w.contains("actors[KOR]"))
        .unwrap_or_else(|| panic!("no warning about KOR: {:?}", loaded.warnings));
    assert!(warning.contains("Record(date, what, where)"), "{warning}");
    assert!(
        loaded.warnings.iter().all(|w| w.at.contains("[KOR]")),
        "only KOR was changed: {:?}",
        loaded.warnings
    );
}

#[test]
fn the_listing_has_every_weight_and_action_with_counts_per_actor() {
    let korea = scenario::default_scenario().expect("valid");
    let listing = sources::listing(&korea, None, &[], None);
    let weights: usize = korea.actors.iter().map(|a| a.interests.len()).sum();
    assert_eq!(listing.interests.len(), weights);
    for action in &korea.actions {
        assert!(
            listing
                .items
                .iter()
                .any(|i| i.kind == "action" && i.id == action.id),
            "{} missing",
            action.id
        );
    }
    for counts in &listing.counts {
        let actor = korea.actor_index(&counts.actor).expect("actor");
        assert_eq!(
            counts.essay + counts.record + counts.assumption,
            korea.actors[actor].interests.len()
        );
    }
    let text = sources::render(&listing);
    assert!(text.contains("record 2017-08-05"), "{text}");
    assert!(text.contains("essay P4"), "{text}");
}

#[test]
fn sources_for_one_actor_with_a_variant_marks_the_weights_it_sets() {
    let output = binary()
        .args(["sources", "--actor", "usa", "--json", "--variant"])
        .arg(root().join("scenarios/variants/h3_iran_linkage.ron"))
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let listing: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let interests = listing["interests"].as_array().expect("interests");
    assert!(interests.iter().all(|i| i["actor"] == "USA"));
    let changed: Vec<&serde_json::Value> = interests
        .iter()
        .filter(|i| i["changed_by"][0] == "h3_iran_linkage")
        .collect();
    assert_eq!(changed.len(), 2, "{interests:?}");
    assert_eq!(listing["counts"].as_array().map(Vec::len), Some(1));

    let unknown = binary()
        .args(["sources", "--actor", "JPN"])
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("known actors"));
}

#[test]
fn the_briefing_shows_record_sources_with_their_date_and_document() {
    let output = binary().args(["briefing", "KOR"]).output().expect("runs");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("(record of 2017-07-06: Office of the President of the Republic of Korea"),
        "{text}"
    );
    assert!(text.contains("assumption: "), "{text}");
}

#[test]
fn a_variants_own_source_is_checked_like_any_other() {
    let text = std::fs::read_to_string(root().join("scenarios/variants/h3_iran_linkage.ron"))
        .expect("h3")
        .replacen(
            "source: Essay(paragraphs: [24, 25]",
            "source: Essay(paragraphs: [24, 31]",
            1,
        );
    let folder = temp_file("korea_2017.ron", DEFAULT_SCENARIO_SOURCE);
    let path = folder.with_file_name("h3_broken.ron");
    std::fs::write(&path, &text).expect("write");
    let shown = scenario::validate_file(&path)
        .expect_err("P31 is beyond the essay")
        .to_string();
    assert!(
        shown.contains("source: paragraph P31 does not exist"),
        "{shown}"
    );
}
