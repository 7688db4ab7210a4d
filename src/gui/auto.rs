//! Automation for tests, demos and measurements: once the wanted screen is drawn (after any
//! autoplay), save a screenshot of it and quit, or time a number of frames and print the median
//! and the 95th percentile.

use std::time::Instant;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};

use super::Launch;
use super::flow::{Match, Screen};

/// Frames the wanted screen is shown before it is captured, so every panel has settled.
const SETTLE_FRAMES: u32 = 30;
/// Frames to wait for the screenshot file before giving up.
const SHOT_TIMEOUT_FRAMES: u32 = 900;

#[derive(Resource)]
struct Automation {
    started: Instant,
    first_frame: Option<f64>,
    settled: u32,
    shot: Option<u32>,
    frames: Vec<f64>,
    took_over: bool,
}

fn automate(
    launch: Res<Launch>,
    screen: Res<State<Screen>>,
    game: Option<ResMut<Match>>,
    mut auto: ResMut<Automation>,
    mut commands: Commands,
    mut exit: MessageWriter<AppExit>,
    time: Res<Time>,
) {
    if auto.first_frame.is_none() {
        let elapsed = auto.started.elapsed().as_secs_f64();
        auto.first_frame = Some(elapsed);
        if launch.measure.is_some() {
            eprintln!("first frame after {:.0} ms", 1000.0 * elapsed);
        }
    }
    let wanted = launch.screen.unwrap_or(if launch.autoplay.is_some() {
        Screen::Game
    } else {
        Screen::Menu
    });
    let mut game = game;
    // A what-if: after watching history, the people take their seats and play on.
    if launch.what_if
        && !auto.took_over
        && let Some(game) = game.as_mut()
        && game.autoplay == 0
        && game.session.between_turns()
    {
        let humans: Vec<usize> = launch
            .humans
            .iter()
            .filter_map(|c| game.scenario().actor_index(&c.to_uppercase()))
            .collect();
        game.watching = false;
        game.session.set_humans(&humans);
        if let Some(first) = humans.first() {
            game.seat = super::flow::Seat::Open(game.scenario().actors[*first].code.clone());
        }
        game.autoplay = 3;
        auto.took_over = true;
        return;
    }
    let ready = *screen.get() == wanted
        && match (wanted, game.as_ref()) {
            (Screen::Game, Some(game)) => {
                game.autoplay == 0
                    && (game.session.waiting().is_some() || game.session.game().is_over())
                    && (!launch.what_if || auto.took_over)
            }
            (Screen::Game, None) => false,
            _ => true,
        };
    if !ready {
        auto.settled = 0;
        return;
    }
    auto.settled += 1;
    if auto.settled == SETTLE_FRAMES / 2
        && launch.open_why
        && let Some(game) = game.as_mut()
    {
        game.why = game.news.iter().rposition(|(_, entry)| {
            matches!(
                entry,
                crate::sim::log::Entry::Order {
                    decided: crate::sim::log::Decider::Ai,
                    why: Some(_),
                    ..
                }
            )
        });
    }
    if auto.settled < SETTLE_FRAMES {
        return;
    }
    if let Some(frames) = launch.measure {
        auto.frames.push(f64::from(time.delta_secs()) * 1000.0);
        if auto.frames.len() as u32 >= frames {
            let mut sorted = auto.frames.clone();
            sorted.sort_by(f64::total_cmp);
            let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
            eprintln!(
                "frame time over {} frames: median {:.2} ms, 95th percentile {:.2} ms, worst {:.2} ms",
                sorted.len(),
                at(0.5),
                at(0.95),
                at(1.0)
            );
            exit.write(AppExit::Success);
        }
        return;
    }
    let Some(path) = launch.screenshot.clone() else {
        return;
    };
    match auto.shot {
        None => {
            // A stale file from an earlier run must not pass for this one.
            let _ = std::fs::remove_file(&path);
            commands
                .spawn(Screenshot::primary_window())
                .observe(save_to_disk(path));
            auto.shot = Some(0);
        }
        Some(waited) => {
            auto.shot = Some(waited + 1);
            let written = std::fs::metadata(&path).is_ok_and(|m| m.len() > 0);
            if written && waited > 5 {
                eprintln!("screenshot saved to {}", path.display());
                if launch.exit {
                    exit.write(AppExit::Success);
                }
                auto.shot = Some(u32::MAX / 2);
            } else if waited == SHOT_TIMEOUT_FRAMES {
                eprintln!(
                    "error: the screenshot was never written to {}",
                    path.display()
                );
                exit.write(AppExit::error());
            }
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(Automation {
        started: Instant::now(),
        first_frame: None,
        settled: 0,
        shot: None,
        frames: Vec::new(),
        took_over: false,
    })
    .add_systems(Last, automate);
}
