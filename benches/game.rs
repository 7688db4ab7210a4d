//! Benchmarks (release profile): a whole all-AI game (new world, and a reused quiet world as batch
//! plays it), one turn, each kind of AI decision, a batch of 1,000 games on one thread and on
//! every core, a small sensitivity sweep, and loading the scenario.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use peninsula::agents::{self, Lookahead};
use peninsula::batch::{self, sweep};
use peninsula::game::Game;
use peninsula::scenario;
use peninsula::sim::GameState;
use peninsula::sim::random::Draws;

fn games(c: &mut Criterion) {
    let korea = Arc::new(scenario::default_scenario().expect("embedded scenario"));

    c.bench_function(
        "whole all-AI game (korea_2017, new world, with reasons)",
        |b| {
            let mut seed = 0;
            b.iter(|| {
                seed += 1;
                let mut game = Game::new(korea.clone(), seed, false);
                game.play(None);
                black_box(game.state().turn)
            })
        },
    );

    c.bench_function("whole all-AI game (korea_2017, reused quiet world)", |b| {
        let mut game = Game::new(korea.clone(), 0, false);
        let mut seed = 0;
        b.iter(|| {
            seed += 1;
            game.restart(korea.clone(), seed, false);
            black_box(batch::play_outcome(&mut game))
        })
    });

    c.bench_function("one turn (korea_2017, turn 1)", |b| {
        b.iter(|| {
            let mut game = Game::new(korea.clone(), 7, false);
            game.play_turn();
            black_box(game.state().turn)
        })
    });
}

fn decisions(c: &mut Criterion) {
    let korea = Arc::new(scenario::default_scenario().expect("embedded scenario"));
    let state = GameState::new(&korea);
    let index = |code: &str| korea.actor_index(code).expect("actor");
    let (usa, chn, prk) = (index("USA"), index("CHN"), index("PRK"));
    let dual_track = korea.proposal_index("dual_track").expect("dual_track");
    let memory = vec![0.0; korea.actors.len()];
    let mut look = Lookahead::default();
    let mut orders = Vec::new();
    let mut group = c.benchmark_group("one AI decision");

    group.bench_function("US orders (turn 1)", |b| {
        b.iter(|| {
            let mut draws = Draws::new(7, 1, Some(usa), "orders");
            look.orders(
                &korea,
                &state,
                usa,
                &memory,
                &[],
                &mut draws,
                None,
                &mut orders,
            );
            black_box(orders.len())
        })
    });
    group.bench_function("US orders with reasons (turn 1)", |b| {
        b.iter(|| {
            let mut draws = Draws::new(7, 1, Some(usa), "orders");
            black_box(agents::choose_orders(
                &korea,
                &state,
                usa,
                &memory,
                &[],
                &mut draws,
            ))
        })
    });
    group.bench_function("China tables dual-track or not", |b| {
        b.iter(|| {
            let mut draws = Draws::new(7, 1, Some(chn), "table");
            black_box(look.tabling(&korea, &state, dual_track, chn, &mut draws, None))
        })
    });
    group.bench_function("North Korea answers dual-track", |b| {
        b.iter(|| {
            let mut draws = Draws::new(7, 1, Some(prk), "answer");
            black_box(look.answer(&korea, &state, dual_track, &[chn], prk, &mut draws, None))
        })
    });
    if let Some(draft) = (0..korea.drafts.len()).next() {
        let drafter = korea.drafts[draft].drafters[0];
        group.bench_function("the drafter picks a Security Council text", |b| {
            b.iter(|| black_box(look.text(&korea, &state, draft, drafter)))
        });
        group.bench_function("China votes on the strongest text", |b| {
            b.iter(|| {
                let mut draws = Draws::new(7, 1, Some(chn), "vote");
                black_box(look.vote(&korea, &state, draft, 0, drafter, chn, &mut draws, None))
            })
        });
    }
    group.finish();
}

fn batches(c: &mut Criterion) {
    let korea = Arc::new(scenario::default_scenario().expect("embedded scenario"));
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.throughput(criterion::Throughput::Elements(1000));
    group.bench_function("1,000 all-AI games on one thread", |b| {
        b.iter(|| black_box(batch::run_batch("bench", korea.clone(), 1000, 1, false, 1)))
    });
    let threads = batch::default_threads();
    group.bench_function(format!("1,000 all-AI games on {threads} threads"), |b| {
        b.iter(|| {
            black_box(batch::run_batch(
                "bench",
                korea.clone(),
                1000,
                1,
                false,
                threads,
            ))
        })
    });
    let china = sweep::Weight::named(&korea, &["CHN".to_owned()]).expect("China's weights");
    let plan = sweep::SweepPlan {
        weights: china,
        delta: 0.5,
        runs: 100,
        first_seed: 1,
        no_script: false,
        threads,
    };
    group.throughput(criterion::Throughput::Elements(
        100 * (1 + 2 * plan.weights.len() as u64),
    ));
    group.bench_function(
        "sweep of China's weights, 100 games each, every core",
        |b| b.iter(|| black_box(sweep::sweep(&korea, &plan, |_, _| {}))),
    );
    group.finish();

    c.bench_function("load and validate the scenario", |b| {
        b.iter(|| black_box(scenario::default_scenario()))
    });
}

criterion_group!(game, games, decisions, batches);
criterion_main!(game);
