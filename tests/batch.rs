//! Batch play is the same game, faster: a quiet game (no reasons, no history) read turn by turn,
//! in a world reused from the game before, gives exactly the outcome of the same game played in
//! full; summaries do not depend on threads; shards merged give what one run gives.

mod common;

use std::sync::Arc;

use common::*;
use peninsula::batch::{self, Shard};
use peninsula::scenario;
use peninsula::sim::Game;

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
