//! Game records: round trips, verified replays, damaged and foreign files, atomic saves, branches.

mod common;

use std::sync::Arc;

use peninsula::agents::Difficulty;
use peninsula::game::Game;
use peninsula::record::{self, GameRecord, RecordError};
use peninsula::sim::Inputs;

fn recorded_game(seed: u64, no_script: bool) -> GameRecord {
    let mut game = Game::new(common::korea(), seed, no_script);
    game.play(None);
    GameRecord::from_game(&game, Difficulty::Normal)
}

fn hashes(game: &Game) -> Vec<String> {
    game.history()
        .iter()
        .map(|t| t.state_hash.clone())
        .collect()
}

#[test]
fn a_record_round_trips_through_its_file_and_replays_every_hash() {
    let original = recorded_game(3, false);
    let path = common::temp_file("round_trip.ron", "");
    original.save(&path).expect("saves");
    let loaded = record::load(&path).expect("loads");
    assert_eq!(loaded, original);
    let replayed = record::replay(&loaded, None, true, "round_trip.ron").expect("verifies");
    assert_eq!(
        hashes(&replayed),
        original
            .turns
            .iter()
            .map(|t| t.state_hash.clone())
            .collect::<Vec<_>>()
    );
}

#[test]
fn flipping_any_byte_gives_a_clear_error_or_an_identical_record() {
    let original = recorded_game(4, true);
    let text = original.to_text().expect("serialises");
    let bytes = text.as_bytes();
    let mut errors = 0;
    for position in (0..bytes.len()).step_by(bytes.len() / 97 + 1) {
        let mut damaged = bytes.to_vec();
        damaged[position] = if damaged[position] == b'7' {
            b'3'
        } else {
            b'7'
        };
        match record::parse(&String::from_utf8_lossy(&damaged), "damaged.ron") {
            Ok(parsed) => assert_eq!(
                parsed, original,
                "byte {position} changed the game silently"
            ),
            Err(error) => {
                errors += 1;
                let message = error.to_string();
                assert!(message.starts_with("damaged.ron"), "{message}");
            }
        }
    }
    assert!(errors > 50, "most flips must be caught, {errors} were");
}

#[test]
fn a_changed_value_is_caught_by_the_checksum() {
    let original = recorded_game(5, true);
    let text = original.to_text().expect("serialises");
    let hash = &original.turns[2].state_hash;
    let tampered = text.replacen(
        hash.as_str(),
        &hash.replace(&hash[..1], if &hash[..1] == "a" { "b" } else { "a" }),
        1,
    );
    assert_ne!(tampered, text);
    let error = record::parse(&tampered, "tampered.ron").expect_err("must fail");
    assert!(matches!(error, RecordError::Checksum { .. }), "{error}");
    assert!(error.to_string().contains("changed or damaged"));
}

#[test]
fn truncated_foreign_and_future_files_are_refused_with_reasons() {
    let text = recorded_game(6, true).to_text().expect("serialises");
    let truncated = &text[..text.len() / 2];
    let error = record::parse(truncated, "cut.ron").expect_err("truncated");
    assert!(matches!(error, RecordError::Syntax { .. }), "{error}");
    assert!(
        error.to_string().contains("truncated or damaged"),
        "{error}"
    );

    let error = record::parse(
        peninsula::scenario::DEFAULT_SCENARIO_SOURCE,
        "korea_2017.ron",
    )
    .expect_err("foreign");
    assert!(matches!(error, RecordError::NotARecord { .. }), "{error}");
    assert!(error.to_string().contains("not a Peninsula game record"));

    let future = text.replacen("format: 1,", "format: 9,", 1);
    let error = record::parse(&future, "future.ron").expect_err("newer");
    assert!(error.to_string().contains("newer Peninsula"), "{error}");
    let past = text.replacen("format: 1,", "format: 0,", 1);
    let error = record::parse(&past, "past.ron").expect_err("older");
    assert!(matches!(error, RecordError::OlderFormat { .. }), "{error}");
}

#[test]
fn a_save_that_fails_half_way_leaves_the_previous_save_intact() {
    let first = recorded_game(7, false);
    let second = recorded_game(8, false);
    let path = common::temp_file("autosave.ron", "");
    first.save(&path).expect("first save");
    let text = second.to_text().expect("serialises");
    let result = record::write_atomic_with(&path, text.as_bytes(), |file, bytes| {
        use std::io::Write;
        file.write_all(&bytes[..bytes.len() / 2])?;
        Err(std::io::Error::other("disk full"))
    });
    assert!(result.is_err());
    assert_eq!(
        record::load(&path).expect("the old save still loads"),
        first
    );
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().expect("folder"))
        .expect("lists")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn verify_names_the_first_turn_that_diverges() {
    let mut record = recorded_game(9, true);
    record.turns[3].state_hash = "0".repeat(64);
    let error = match record::replay(&record, None, true, "edited.ron") {
        Err(error) => error,
        Ok(_) => panic!("a wrong hash must be caught"),
    };
    match &error {
        RecordError::Diverged(divergence) => assert_eq!(divergence.turn, 4),
        other => panic!("expected a divergence, got {other}"),
    }
    assert!(error.to_string().contains("diverges at turn 4"), "{error}");
}

#[test]
fn replaying_in_parallel_threads_gives_the_same_hashes_as_alone() {
    let records: Vec<Arc<GameRecord>> = (0..4)
        .map(|seed| Arc::new(recorded_game(seed, seed % 2 == 0)))
        .collect();
    let alone: Vec<Vec<String>> = records
        .iter()
        .map(|r| hashes(&record::replay(r, None, true, "alone").expect("verifies")))
        .collect();
    let threads: Vec<_> = records
        .iter()
        .cloned()
        .map(|r| {
            std::thread::spawn(move || {
                hashes(&record::replay(&r, None, true, "thread").expect("verifies"))
            })
        })
        .collect();
    let parallel: Vec<Vec<String>> = threads
        .into_iter()
        .map(|t| t.join().expect("joins"))
        .collect();
    assert_eq!(alone, parallel);
}

#[test]
fn a_branch_shares_history_up_to_its_turn_and_follows_its_override() {
    let history = record::historical(1).expect("historical line");
    let overrides = Inputs {
        answers: vec![
            ("dual_track".into(), "USA".into(), true),
            ("dual_track".into(), "KOR".into(), true),
        ],
        ..Inputs::default()
    };
    let error = match record::branch(&history, 2, &overrides, None, "history") {
        Err(error) => error.to_string(),
        Ok(_) => panic!("answering a proposal that is not on the table must be refused"),
    };
    assert!(error.contains("not on the table at turn 2"), "{error}");
    let press = Inputs {
        orders: [("USA".to_owned(), vec!["press_china".to_owned()])].into(),
        ..Inputs::default()
    };
    let branch = record::branch(&history, 2, &press, None, "history").expect("branches");
    assert!(branch.history()[1].entries.iter().any(|e| matches!(
        e,
        peninsula::sim::log::Entry::Order { actor, action, .. } if actor == "USA" && action == "press_china"
    )));
    assert_eq!(
        branch.history()[0].state_hash,
        history.turns[0].state_hash,
        "turn 1 is shared"
    );
    let accepted_at_1 = record::branch(&history, 1, &overrides, None, "history").expect("branches");
    let first = &accepted_at_1.history()[0];
    assert!(
        first.entries.iter().any(|e| matches!(e, peninsula::sim::log::Entry::DealStruck { proposal } if proposal == "dual_track")),
        "with the US and South Korea accepting, dual-track is struck in July"
    );
    assert_ne!(first.state_hash, history.turns[0].state_hash);
}

#[test]
fn the_command_line_refuses_damaged_records_with_exit_2_and_verifies_good_ones() {
    let good = common::temp_file("cli_good.ron", "");
    recorded_game(11, true).save(&good).expect("saves");
    let output = common::binary()
        .arg("replay")
        .arg(&good)
        .arg("--verify")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stdout).contains("verified: "));
    let text = std::fs::read_to_string(&good).expect("reads");
    for (name, damaged) in [
        ("cut.ron", text[..text.len() / 3].to_owned()),
        ("tampered.ron", text.replacen("seed: 11", "seed: 12", 1)),
        (
            "foreign.ron",
            peninsula::scenario::DEFAULT_SCENARIO_SOURCE.to_owned(),
        ),
    ] {
        let path = common::temp_file(name, &damaged);
        let output = common::binary()
            .arg("replay")
            .arg(&path)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&path.display().to_string()),
            "{name}: {stderr}"
        );
    }
}

#[test]
fn a_branch_of_a_players_game_hands_the_player_back_to_the_ai() {
    use peninsula::sim::log::{Decider, Entry};
    let played =
        record::load(&common::root().join("tests/golden/player_prk_seed5.ron")).expect("loads");
    let overrides = Inputs {
        orders: [("USA".to_owned(), vec!["press_china".to_owned()])].into(),
        ..Inputs::default()
    };
    let branch = record::branch(&played, 3, &overrides, None, "player").expect("branches");
    let later_north_korean_choices = branch.history()[3..]
        .iter()
        .flat_map(|t| &t.entries)
        .filter(|e| matches!(e, Entry::Order { actor, decided: Decider::Ai, .. } if actor == "PRK"))
        .count();
    assert!(
        later_north_korean_choices > 0,
        "after the branch turn North Korea is played by the AI"
    );
}
