//! Golden records: games recorded by the command line (all-AI, no-script, a variant at hard
//! difficulty, a branch, a human player's game) replay with every turn's state hash checked.
//! A change to the rules or the scenario that alters play makes these fail on purpose:
//! regenerate them with the commands in `tests/golden/README.md` and say why in the commit.

mod common;

use peninsula::record;

#[test]
fn every_golden_record_replays_with_every_hash() {
    let folder = common::root().join("tests/golden");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("golden folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    for path in files {
        let origin = path.display().to_string();
        let recorded = record::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let game = record::replay(&recorded, None, true, &origin).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(game.history().len(), recorded.turns.len(), "{origin}");
        assert_eq!(game.report().ending, recorded.ending, "{origin}");
    }
}

#[test]
fn the_player_record_keeps_the_players_own_decisions() {
    let recorded =
        record::load(&common::root().join("tests/golden/player_prk_seed5.ron")).expect("loads");
    let first = &recorded.turns[0];
    assert_eq!(first.inputs.humans, ["PRK"]);
    assert_eq!(
        first.inputs.answers,
        [("dual_track".to_owned(), "PRK".to_owned(), false)]
    );
    assert_eq!(first.inputs.orders.get("PRK").map(Vec::len), Some(2));
}

#[test]
fn the_branch_record_names_its_parent_and_its_change() {
    let recorded =
        record::load(&common::root().join("tests/golden/dual_track_accepted.ron")).expect("loads");
    let branch = recorded.branched_from.expect("a branch");
    assert_eq!(branch.at_turn, 1);
    assert_eq!(
        branch.overrides,
        ["USA accepts dual_track", "KOR accepts dual_track"]
    );
}
