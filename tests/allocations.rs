//! The AI's look-ahead does not allocate once its buffers have grown, and a batch game (quiet, in
//! a reused world) stays far under the allocation budget. Counted by a counting allocator, on
//! this thread only.

mod common;

use common::*;
use peninsula::agents::Lookahead;
use peninsula::batch;
use peninsula::game::Game;
use peninsula::sim::GameState;
use peninsula::sim::random::Draws;

/// The most allocations one batch game may make (the bar: the AI's inner loop makes none).
const PER_GAME: u64 = 2_000;

#[test]
fn a_warm_look_ahead_allocates_nothing_for_any_decision() {
    let scenario = korea();
    // A state in the middle of a game, with a deal on the table and drafts available.
    let mut game = Game::new(scenario.clone(), 3, false);
    game.play(Some(2));
    let state: GameState = game.state().clone();
    let memory = vec![0.5; scenario.actors.len()];
    let mut look = Lookahead::default();
    let mut orders = Vec::new();
    let decide = |look: &mut Lookahead, orders: &mut Vec<usize>| {
        for actor in 0..scenario.actors.len() {
            let mut draws = Draws::new(3, state.turn, Some(actor), "orders");
            look.orders(
                &scenario,
                &state,
                actor,
                &memory,
                &[],
                &mut draws,
                None,
                orders,
            );
            for proposal in 0..scenario.proposals.len() {
                let mut draws = Draws::new(3, state.turn, Some(actor), "table");
                look.tabling(&scenario, &state, proposal, actor, &mut draws, None);
                let authors = [scenario.proposals[proposal].proposers[0]];
                let mut draws = Draws::new(3, state.turn, Some(actor), "answer");
                look.answer(
                    &scenario, &state, proposal, &authors, actor, &mut draws, None,
                );
            }
            for draft in 0..scenario.drafts.len() {
                look.text(&scenario, &state, draft, actor);
                let mut draws = Draws::new(3, state.turn, Some(actor), "vote");
                look.vote(&scenario, &state, draft, 0, actor, actor, &mut draws, None);
            }
        }
    };
    // Warm up: the buffers and the list of spare states grow to their size.
    for _ in 0..3 {
        decide(&mut look, &mut orders);
    }
    let counted = allocation_counter::measure(|| decide(&mut look, &mut orders));
    assert_eq!(
        counted.count_total, 0,
        "every kind of AI decision, for every actor, allocated {} times once warm",
        counted.count_total
    );
}

#[test]
fn a_batch_game_stays_under_its_allocation_budget() {
    let scenario = korea();
    let mut game = Game::new(scenario.clone(), 1, false);
    batch::play_outcome(&mut game);
    let games = 20;
    let counted = allocation_counter::measure(|| {
        for seed in 2..2 + games {
            game.restart(scenario.clone(), seed, false);
            std::hint::black_box(batch::play_outcome(&mut game));
        }
    });
    let per_game = counted.count_total / games;
    println!(
        "allocations per batch game: {per_game} ({} bytes)",
        counted.bytes_total / games
    );
    assert!(
        per_game <= PER_GAME,
        "{per_game} allocations per game, over the budget of {PER_GAME}"
    );
}

#[test]
fn a_reused_world_holds_no_more_memory_after_hundreds_of_games() {
    let scenario = korea();
    let mut game = Game::new(scenario.clone(), 1, false);
    for seed in 2..40 {
        game.restart(scenario.clone(), seed, false);
        batch::play_outcome(&mut game);
    }
    let counted = allocation_counter::measure(|| {
        for seed in 40..240 {
            game.restart(scenario.clone(), seed, false);
            std::hint::black_box(batch::play_outcome(&mut game));
        }
    });
    assert!(
        counted.bytes_current < 16 * 1024,
        "200 more games left {} bytes held: batch memory must stay flat",
        counted.bytes_current
    );
}
