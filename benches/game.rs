//! Benchmarks: a whole all-AI game, one turn, one AI decision (release profile).

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use peninsula::agents;
use peninsula::scenario;
use peninsula::sim::random::Draws;
use peninsula::sim::{Game, GameState};

fn benches(c: &mut Criterion) {
    let korea = Arc::new(scenario::default_scenario().expect("embedded scenario"));

    c.bench_function("whole all-AI game (korea_2017)", |b| {
        let mut seed = 0;
        b.iter(|| {
            seed += 1;
            let mut game = Game::new(korea.clone(), seed, false);
            game.play(None);
            black_box(game.state().turn)
        })
    });

    c.bench_function("one turn (korea_2017, turn 1)", |b| {
        b.iter(|| {
            let mut game = Game::new(korea.clone(), 7, false);
            game.play_turn();
            black_box(game.state().turn)
        })
    });

    let state = GameState::new(&korea);
    let usa = korea.actor_index("USA").expect("USA");
    let memory = vec![0.0; korea.actors.len()];
    c.bench_function("one AI decision (US orders)", |b| {
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

    let threads = peninsula::batch::default_threads();
    let mut group = c.benchmark_group("batch");
    group.throughput(criterion::Throughput::Elements(40));
    group.bench_function(format!("40 all-AI games on {threads} threads"), |b| {
        b.iter(|| {
            black_box(peninsula::batch::run_batch(
                "bench",
                korea.clone(),
                40,
                1,
                false,
                threads,
            ))
        })
    });
    group.finish();

    c.bench_function("load and validate the scenario", |b| {
        b.iter(|| black_box(scenario::default_scenario()))
    });
}

criterion_group!(game, benches);
criterion_main!(game);
