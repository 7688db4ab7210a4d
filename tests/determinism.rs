//! Same scenario, seed and orders give the same game, every time and with any number of threads.

mod common;

use std::collections::BTreeSet;

use common::*;
use peninsula::game::Game;
use proptest::prelude::*;

fn hashes(seed: u64, no_script: bool) -> Vec<String> {
    let mut game = Game::new(korea(), seed, no_script);
    game.play(None);
    game.history()
        .iter()
        .map(|t| t.state_hash.clone())
        .collect()
}

#[test]
fn run_json_is_byte_identical_for_the_same_seed() {
    let first = binary()
        .args(["run", "--seed", "7", "--json"])
        .output()
        .expect("runs");
    let second = binary()
        .args(["run", "--seed", "7", "--json"])
        .output()
        .expect("runs");
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(first.stdout.len() > 1000);
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn twenty_seeds_give_more_than_one_game() {
    let games: BTreeSet<Vec<String>> = (0..20).map(|seed| hashes(seed, false)).collect();
    assert!(games.len() > 1, "all 20 seeds played the same game");
}

#[test]
fn games_in_parallel_threads_match_games_played_alone() {
    let alone: Vec<Vec<String>> = (0..4).map(|seed| hashes(seed, true)).collect();
    let threads: Vec<_> = (0..4)
        .map(|seed| std::thread::spawn(move || hashes(seed, true)))
        .collect();
    let parallel: Vec<Vec<String>> = threads
        .into_iter()
        .map(|t| t.join().expect("thread"))
        .collect();
    assert_eq!(alone, parallel);
}

#[test]
fn every_game_reaches_an_ending_within_the_calendar() {
    let scenario = korea();
    for seed in 0..10 {
        let mut game = Game::new(scenario.clone(), seed, false);
        game.play(None);
        assert!(game.is_over(), "seed {seed}");
        assert!(game.state().turn <= scenario.calendar.turns);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn the_same_seed_replays_the_same_hashes_every_turn(seed in any::<u64>(), no_script in any::<bool>()) {
        prop_assert_eq!(hashes(seed, no_script), hashes(seed, no_script));
    }
}
