//! Batch play is the same game, faster: a quiet game (no reasons, no history) read turn by turn,
//! in a world reused from the game before, gives exactly the outcome of the same game played in
//! full; summaries do not depend on threads; shards merged give what one run gives.

mod common;

use std::sync::Arc;

use common::*;
use peninsula::batch::{self, Shard};
use peninsula::game::Game;
use peninsula::scenario;

fn variant(name: &str) -> Arc<scenario::Scenario> {
    let path = root().join("scenarios/variants").join(name);
    Arc::new(scenario::load_with_variants(None, &[path]).expect("the variant loads"))
}

#[test]
fn a_quiet_game_in_a_reused_world_has_the_outcome_of_the_full_game() {
    let scenarios = [
        korea(),
        variant("h2_useful_crisis.ron"),
        variant("h4_north_korean_agenda.ron"),
    ];
    let mut reused: Option<Game> = None;
    for scenario in &scenarios {
        for seed in 1..=12 {
            for no_script in [false, true] {
                let mut full = Game::new(scenario.clone(), seed, no_script);
                full.play(None);
                let expected = batch::outcome(&full);
                let game = match reused.as_mut() {
                    Some(game) => {
                        game.restart(scenario.clone(), seed, no_script);
                        game
                    }
                    None => reused.insert(Game::new(scenario.clone(), seed, no_script)),
                };
                let quiet = batch::play_outcome(game);
                assert_eq!(quiet, expected, "seed {seed}, no script {no_script}");
                assert_eq!(
                    game.state(),
                    full.state(),
                    "seed {seed}: the same final state"
                );
                assert!(game.history().is_empty(), "a quiet game keeps no history");
            }
        }
    }
}

#[test]
fn a_restarted_world_plays_the_game_a_new_one_plays() {
    let scenario = korea();
    let mut reused = Game::new(scenario.clone(), 99, true);
    reused.play(Some(5));
    reused.restart(scenario.clone(), 4, false);
    reused.play(None);
    let mut fresh = Game::new(scenario, 4, false);
    fresh.play(None);
    assert_eq!(reused.history(), fresh.history());
    assert_eq!(reused.scores(), fresh.scores());
}

#[test]
fn summaries_do_not_depend_on_the_number_of_threads() {
    let scenario = korea();
    let strip = |mut summary: batch::Summary| {
        summary.seconds = 0.0;
        summary.games_per_second = 0.0;
        summary
    };
    let one = strip(batch::run_batch("k", scenario.clone(), 60, 5, false, 1));
    let three = strip(batch::run_batch("k", scenario, 60, 5, false, 3));
    assert_eq!(one, three);
    assert_eq!(one.games, 60);
}

#[test]
fn shards_are_disjoint_and_cover_every_game_once() {
    for runs in [0u64, 1, 7, 100, 1001] {
        for of in 1..=7u64 {
            let mut next = 0;
            for index in 1..=of {
                let slice = Shard { index, of }.indices(runs);
                assert_eq!(slice.start, next, "{runs} games in {of} shards");
                next = slice.end;
            }
            assert_eq!(next, runs);
        }
    }
    assert!(Shard::parse("0/3").is_err());
    assert!(Shard::parse("4/3").is_err());
    assert!(Shard::parse("3").is_err());
    assert_eq!(Shard::parse("2/3"), Ok(Shard { index: 2, of: 3 }));
}

/// A fresh, empty folder for one test's files.
fn folder(name: &str) -> std::path::PathBuf {
    let folder = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("batch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("temp folder");
    folder
}

fn run(args: &[&str]) -> std::process::Output {
    let output = binary().args(args).output().expect("the binary runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The JSON summaries without their timing fields.
fn without_timing(json: &[u8]) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_slice(json).expect("JSON");
    for summary in value.as_array_mut().expect("a list of summaries") {
        let summary = summary.as_object_mut().expect("a summary");
        summary.remove("seconds");
        summary.remove("games_per_second");
    }
    value
}

/// Plays `batch` in `of` shards (two threads each), each into its own .jsonl file; their paths.
fn write_shards(dir: &std::path::Path, of: u32, batch: &[&str]) -> Vec<String> {
    (1..=of)
        .map(|k| {
            let out = dir.join(format!("shard{k}.jsonl"));
            let out = out.to_str().expect("a UTF-8 path").to_owned();
            let shard = format!("{k}/{of}");
            let mut args = batch.to_vec();
            args.extend(["--shard", &shard, "--out", &out, "--threads", "2"]);
            run(&args);
            out
        })
        .collect()
}

#[test]
fn merged_shards_equal_one_run_and_rows_come_in_seed_order() {
    let dir = folder("shards");
    let variant = root().join("scenarios/variants/h2_useful_crisis.ron");
    let variant = variant.to_str().expect("a UTF-8 path");
    let batch = ["batch", "--runs", "40", "--seed", "9", "--variant", variant];
    let shards = write_shards(&dir, 3, &batch);
    let mut one = batch.to_vec();
    one.extend(["--json", "--threads", "1"]);
    let one = run(&one);
    let mut merge = vec!["merge", "--json"];
    // Any order of the files.
    merge.extend([shards[2].as_str(), shards[0].as_str(), shards[1].as_str()]);
    let merged = run(&merge);
    assert_eq!(without_timing(&merged.stdout), without_timing(&one.stdout));
    // The first shard's rows: a header, 13 games of each column in seed order, the end line.
    let text = std::fs::read_to_string(&shards[0]).expect("shard file");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 2 * 13 + 1);
    let seeds: Vec<u64> = lines[1..14]
        .iter()
        .map(|line| {
            let row: serde_json::Value = serde_json::from_str(line).expect("a row");
            row["seed"].as_u64().expect("a seed")
        })
        .collect();
    assert_eq!(seeds, (9..22).collect::<Vec<u64>>());
    assert!(lines[lines.len() - 1].starts_with("{\"complete\":true"));
}

#[test]
fn merge_refuses_a_shard_cut_short_or_missing() {
    let dir = folder("incomplete");
    let paths = write_shards(&dir, 2, &["batch", "--runs", "6"]);
    let missing = binary()
        .args(["merge", paths[0].as_str()])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("each slice must be given once"));
    let text = std::fs::read_to_string(&paths[1]).expect("shard");
    let cut: Vec<&str> = text.lines().collect();
    std::fs::write(&paths[1], cut[..cut.len() - 2].join("\n")).expect("write");
    let short = binary()
        .args(["merge"])
        .args(&paths)
        .output()
        .expect("runs");
    assert_eq!(short.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&short.stderr).contains("cut short")
            || String::from_utf8_lossy(&short.stderr).contains("of its slice's"),
        "{}",
        String::from_utf8_lossy(&short.stderr)
    );
}

#[test]
fn batch_rows_never_replace_a_file_and_csv_has_one_line_per_game() {
    let dir = folder("rows");
    let path = dir.join("rows.csv");
    run(&[
        "batch",
        "--runs",
        "7",
        "--out",
        path.to_str().expect("path"),
    ]);
    let text = std::fs::read_to_string(&path).expect("rows");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 8, "a header and 7 games");
    assert!(lines[0].starts_with("column,seed,ending,turns,mean_escalation,score_"));
    assert!(lines[0].ends_with(",events"));
    let again = binary()
        .args([
            "batch",
            "--runs",
            "7",
            "--out",
            path.to_str().expect("path"),
        ])
        .output()
        .expect("runs");
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&path).expect("rows"), text);
    let wrong = binary()
        .args(["batch", "--runs", "2", "--out"])
        .arg(dir.join("rows.txt"))
        .output()
        .expect("runs");
    assert_eq!(wrong.status.code(), Some(2));
}

#[test]
fn a_sweep_moves_the_named_weight_and_reports_every_ending() {
    let output = run(&[
        "sweep",
        "--runs",
        "30",
        "--only",
        "USA:higher its own initiative",
        "--json",
    ]);
    let sweep: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let weights = sweep["weights"].as_array().expect("weights");
    assert_eq!(weights.len(), 1);
    assert_eq!(weights[0]["actor"], "USA");
    let value = weights[0]["value"].as_f64().expect("value");
    assert!((weights[0]["down"].as_f64().expect("down") - value * 0.5).abs() < 1e-12);
    assert!((weights[0]["up"].as_f64().expect("up") - value * 1.5).abs() < 1e-12);
    let endings = weights[0]["endings"].as_array().expect("endings");
    assert_eq!(endings.len(), sweep["base"].as_array().expect("base").len());
    let total: f64 = endings
        .iter()
        .map(|e| e["up"]["rate"].as_f64().expect("rate"))
        .sum();
    assert!((total - 1.0).abs() < 1e-9, "the up rates cover every game");
    assert_eq!(sweep["games"], 90);
    let unknown = binary()
        .args(["sweep", "--runs", "2", "--only", "USA:no such interest"])
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("its interests are"));
}
