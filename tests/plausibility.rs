//! Historical plausibility: with the historical script switched off, the AI actors, driven only by
//! their interest weights, reproduce the summer of 2017 in most seeds.
//!
//! Its own harness (`harness = false`) so that every rate is printed on every run, passing or not;
//! it reports in the test harness's words and exits non-zero when a rate falls below its bar.

mod common;

use peninsula::agents::Vote;
use peninsula::batch;
use peninsula::game::Game;
use peninsula::sim::log::Entry;

const SEEDS: u64 = 200;

/// What each game says about the historical checks.
#[derive(Debug, Default)]
struct Checks {
    dual_track_tabled_by_china_and_russia: bool,
    us_rejects_dual_track: bool,
    north_tests_again: bool,
    resolution_passes_with_china_yes: bool,
    us_sanctions_chinese_firms_and_china_votes_yes: bool,
    no_deal: bool,
    no_war: bool,
}

fn entries_until(game: &Game, last_turn: u32) -> impl Iterator<Item = (u32, &Entry)> {
    game.history()
        .iter()
        .filter(move |t| t.turn <= last_turn)
        .flat_map(|t| t.entries.iter().map(move |e| (t.turn, e)))
}

fn checks(game: &Game) -> Checks {
    let mut checks = Checks {
        no_deal: true,
        no_war: true,
        ..Checks::default()
    };
    let mut us_answered = false;
    let mut us_sanctioned = false;
    let mut china_yes = false;
    for (_, entry) in entries_until(game, 2) {
        match entry {
            Entry::Tabled { proposal, by, .. } if proposal == "dual_track" => {
                checks.dual_track_tabled_by_china_and_russia |=
                    by.iter().any(|a| a == "CHN") && by.iter().any(|a| a == "RUS");
            }
            Entry::CouncilResult {
                draft,
                adopted: true,
                vetoed_by,
                ..
            } if vetoed_by.is_empty() => {
                let china_voted_yes = entries_until(game, 2).any(|(_, e)| {
                    matches!(e, Entry::Voted { draft: d, actor, vote: Vote::Yes, .. } if d == draft && actor == "CHN")
                });
                checks.resolution_passes_with_china_yes |= china_voted_yes;
            }
            _ => {}
        }
    }
    for (_, entry) in entries_until(game, 3) {
        match entry {
            Entry::Answered {
                proposal,
                actor,
                accept,
                ..
            } if proposal == "dual_track" && actor == "USA" && !us_answered => {
                checks.us_rejects_dual_track = !accept;
                us_answered = true;
            }
            Entry::Order { actor, action, .. } if actor == "PRK" => {
                checks.north_tests_again |= action == "missile_test" || action == "nuclear_test";
            }
            Entry::Order { actor, action, .. }
                if actor == "USA" && action == "secondary_sanctions" =>
            {
                us_sanctioned = true;
            }
            Entry::Voted {
                actor,
                vote: Vote::Yes,
                ..
            } if actor == "CHN" => china_yes = true,
            Entry::DealStruck { .. } => checks.no_deal = false,
            Entry::Ending { ending, .. } if ending == "war" => checks.no_war = false,
            _ => {}
        }
    }
    checks.us_sanctions_chinese_firms_and_china_votes_yes = us_sanctioned && china_yes;
    checks
}

fn main() -> std::process::ExitCode {
    let name = "the_ai_reproduces_the_summer_of_2017_from_its_weights_alone";
    println!("\nrunning 1 test");
    let failed = the_ai_reproduces_the_summer_of_2017_from_its_weights_alone();
    if failed.is_empty() {
        println!(
            "test {name} ... ok\n\ntest result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n"
        );
        std::process::ExitCode::SUCCESS
    } else {
        println!(
            "test {name} ... FAILED\nbelow threshold: {failed:?}\n\ntest result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n"
        );
        std::process::ExitCode::FAILURE
    }
}

/// Plays the seeds, prints the rates, and returns the checks that fell below their bar.
fn the_ai_reproduces_the_summer_of_2017_from_its_weights_alone() -> Vec<&'static str> {
    let scenario = common::korea();
    let results = batch::play_many(
        SEEDS,
        batch::default_threads(),
        |index| Game::new(scenario.clone(), 1 + index, true),
        checks,
    );
    let rate = |pick: fn(&Checks) -> bool| {
        results.iter().filter(|c| pick(c)).count() as f64 / results.len() as f64
    };
    let table: [(&str, f64, f64); 7] = [
        (
            "China and Russia table dual-track in the first two turns",
            rate(|c| c.dual_track_tabled_by_china_and_russia),
            0.90,
        ),
        (
            "the US rejects dual-track",
            rate(|c| c.us_rejects_dual_track),
            0.80,
        ),
        (
            "North Korea tests again within three turns",
            rate(|c| c.north_tests_again),
            0.80,
        ),
        (
            "a sanctions resolution passes, no veto, China yes, within two turns",
            rate(|c| c.resolution_passes_with_china_yes),
            0.80,
        ),
        (
            "the US sanctions Chinese firms and China still votes yes",
            rate(|c| c.us_sanctions_chinese_firms_and_china_votes_yes),
            0.50,
        ),
        ("no deal within three turns", rate(|c| c.no_deal), 0.80),
        ("no war within three turns", rate(|c| c.no_war), 0.95),
    ];
    println!("historical plausibility over {SEEDS} seeds, no script:");
    for (name, value, threshold) in &table {
        println!(
            "  {:>5.1}%  (at least {:>3.0}%)  {name}",
            value * 100.0,
            threshold * 100.0
        );
    }
    table
        .iter()
        .filter(|(_, v, t)| v < t)
        .map(|(name, ..)| *name)
        .collect()
}
