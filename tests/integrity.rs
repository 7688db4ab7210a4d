//! Nothing lost, nothing forged: verification that checks everything a replay recomputes, saves
//! that survive failures, one rule for every command that writes, and loaders that reject typos.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use peninsula::agents::Difficulty;
use peninsula::record::{self, GameRecord, RecordError};
use peninsula::sim::Game;

fn recorded_game(seed: u64) -> GameRecord {
    let mut game = Game::new(common::korea(), seed, true);
    game.play(None);
    GameRecord::from_game(&game, Difficulty::Normal)
}

fn run(args: &[&std::ffi::OsStr], stdin: &str, data_home: &Path) -> Output {
    use std::io::Write;
    let mut child = common::binary()
        .args(args)
        .env("XDG_DATA_HOME", data_home)
        .env_remove("HOME")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().expect("runs")
}

fn os(text: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(text)
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A fresh, empty folder for one test.
fn folder(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("integrity-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&path);
    std::fs::create_dir_all(&path).expect("temp folder");
    path
}

// Item 7: a forged record, resealed with a correct checksum, is caught and the first difference named.

#[test]
fn verify_catches_every_forged_part_of_a_resealed_record() {
    let original = recorded_game(21);
    assert!(record::replay(&original, None, true, "good").is_ok());
    type Forgery = (&'static str, fn(&mut GameRecord), &'static str);
    let forgeries: [Forgery; 7] = [
        (
            "an entry",
            |r| {
                let entry = r.turns[1].entries.remove(0);
                r.turns[1].entries.push(entry);
            },
            "entry 1",
        ),
        (
            "an indicator",
            |r| {
                let value = r.turns[2].indicators.get_mut("tension").expect("tension");
                *value += 1.0;
            },
            "tension",
        ),
        (
            "a utility",
            |r| {
                let value = r.turns[0].utility.get_mut("USA").expect("USA");
                *value += 0.25;
            },
            "utility of USA",
        ),
        (
            "an extra indicator",
            |r| {
                r.turns[0].indicators.insert("invented".into(), 1.0);
            },
            "invented",
        ),
        ("a score", |r| r.scores[0].score += 10.0, "score"),
        ("the ending", |r| r.ending = Some("war".into()), "ending"),
        (
            "the scenario name",
            |r| r.scenario_name = "Another game".into(),
            "scenario_name",
        ),
    ];
    let folder = folder("forged");
    for (what, forge, named) in forgeries {
        let mut forged = original.clone();
        forge(&mut forged);
        // Saved again: the checksum is recomputed, so only verification can tell.
        let path = folder.join("forged.ron");
        forged.save(&path).expect("saves");
        let loaded = record::load(&path).expect("the checksum is right");
        let error = match record::replay(&loaded, None, true, "forged.ron") {
            Ok(_) => panic!("a forged {what} was verified"),
            Err(error) => error,
        };
        assert!(
            matches!(
                error,
                RecordError::Diverged(_) | RecordError::Summary { .. }
            ),
            "{what}: {error}"
        );
        assert!(error.to_string().contains(named), "{what}: {error}");
        let output = run(
            &[os("replay"), path.as_os_str(), os("--verify")],
            "",
            &folder,
        );
        assert_eq!(output.status.code(), Some(2), "{what}: {}", text(&output));
        assert!(!text(&output).contains("verified"), "{what}");
    }
}

// Item 8: compare --json refuses records of different scenarios, as text mode does.

#[test]
fn compare_refuses_records_of_different_scenarios_in_json_too() {
    let folder = folder("compare");
    let korea = folder.join("korea.ron");
    recorded_game(2).save(&korea).expect("saves");
    let mut game = Game::new(common::minimal(), 2, true);
    game.play(None);
    let minimal = folder.join("minimal.ron");
    GameRecord::from_game(&game, Difficulty::Normal)
        .save(&minimal)
        .expect("saves");
    for json in [false, true] {
        let mut args = vec![os("compare"), korea.as_os_str(), minimal.as_os_str()];
        if json {
            args.push(os("--json"));
        }
        let output = run(&args, "", &folder);
        assert_eq!(output.status.code(), Some(2), "json {json}");
        assert!(text(&output).contains("same scenario"), "{}", text(&output));
    }
}
