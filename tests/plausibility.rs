//! Historical plausibility: with the historical script switched off, the AI actors, driven only by
//! their interest weights, reproduce the summer of 2017 in most seeds.
//!
//! Its own harness (`harness = false`) so that every rate is printed on every run, passing or not;
//! it reports in the test harness's words and exits non-zero when a rate falls below its bar.

mod common;

use peninsula::agents::Vote;
use peninsula::batch;
use peninsula::game::Game;
use peninsula::scenario::Scenario;
use peninsula::sim::log::Entry;

use std::sync::Arc;

const SEEDS: u64 = 200;

/// What each game says about the historical checks.
#[derive(Debug, Default)]
struct Checks {
    dual_track_tabled_by_china_and_russia: bool,
    us_rejects_dual_track: bool,
    north_tests_again: bool,
    resolution_2371_passes_with_china_yes: bool,
    us_sanctions_chinese_firms_and_china_votes_yes: bool,
    no_deal: bool,
    south_reaches_out: bool,
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
        ..Checks::default()
    };
    let mut us_answered = false;
    let mut us_sanctioned = false;
    let mut china_yes = false;
    for (_, entry) in entries_until(game, 2) {
        match entry {
            // Seoul offered the North military talks and family reunions on 17 July 2017.
            Entry::Order { actor, action, .. }
                if actor == "KOR" && action == "inter_korean_outreach" =>
            {
                checks.south_reaches_out = true;
            }
            Entry::Tabled { proposal, by, .. } if proposal == "dual_track" => {
                checks.dual_track_tabled_by_china_and_russia |=
                    by.iter().any(|a| a == "CHN") && by.iter().any(|a| a == "RUS");
            }
            // The text of 2371 itself, not a statement: China lets real sanctions through.
            Entry::CouncilResult {
                draft,
                text,
                adopted: true,
                vetoed_by,
                ..
            } if vetoed_by.is_empty() && text.contains("2371") => {
                let china_voted_yes = entries_until(game, 2).any(|(_, e)| {
                    matches!(e, Entry::Voted { draft: d, actor, vote: Vote::Yes, .. } if d == draft && actor == "CHN")
                });
                checks.resolution_2371_passes_with_china_yes |= china_voted_yes;
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
            _ => {}
        }
    }
    checks.us_sanctions_chinese_firms_and_china_votes_yes = us_sanctioned && china_yes;
    checks
}

fn main() -> std::process::ExitCode {
    let mut failed = Vec::new();
    let name = "the_ai_reproduces_the_summer_of_2017_from_its_weights_alone";
    println!("\nrunning 2 tests");
    let below = the_ai_reproduces_the_summer_of_2017_from_its_weights_alone();
    report(name, &below, &mut failed);
    let name = "each_check_fails_when_the_interests_are_scrambled";
    let wrong = each_check_fails_when_the_interests_are_scrambled();
    report(name, &wrong, &mut failed);
    let passed = 2 - failed.len();
    if failed.is_empty() {
        println!(
            "\ntest result: ok. {passed} passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n"
        );
        std::process::ExitCode::SUCCESS
    } else {
        println!(
            "\ntest result: FAILED. {passed} passed; {} failed; 0 ignored; 0 measured; 0 filtered out\n",
            failed.len()
        );
        std::process::ExitCode::FAILURE
    }
}

fn report(name: &'static str, problems: &[String], failed: &mut Vec<&'static str>) {
    if problems.is_empty() {
        println!("test {name} ... ok");
    } else {
        println!("test {name} ... FAILED\n  {}", problems.join("\n  "));
        failed.push(name);
    }
}

/// A check: in words, what each game is asked, and the share of games that must say yes.
type Check = (&'static str, fn(&Checks) -> bool, f64);

/// The checks.
const CHECKS: [Check; 7] = [
    (
        "China and Russia table dual-track in the first two turns",
        |c| c.dual_track_tabled_by_china_and_russia,
        0.90,
    ),
    (
        "the US rejects dual-track",
        |c| c.us_rejects_dual_track,
        0.80,
    ),
    (
        "North Korea tests again within three turns",
        |c| c.north_tests_again,
        0.80,
    ),
    (
        "2371's coal, iron and seafood ban passes, no veto, China yes, within two turns",
        |c| c.resolution_2371_passes_with_china_yes,
        0.80,
    ),
    (
        "the US sanctions Chinese firms and China still votes yes",
        |c| c.us_sanctions_chinese_firms_and_china_votes_yes,
        0.50,
    ),
    ("no deal within three turns", |c| c.no_deal, 0.80),
    (
        "South Korea offers the North talks within two turns",
        |c| c.south_reaches_out,
        0.80,
    ),
];

/// Each check's rate over the seeds, with the script off.
fn rates(scenario: &Arc<Scenario>) -> Vec<f64> {
    let results = batch::play_many(
        SEEDS,
        batch::default_threads(),
        |index| Game::new(scenario.clone(), 1 + index, true),
        checks,
    );
    CHECKS
        .iter()
        .map(|(_, pick, _)| {
            results.iter().filter(|c| pick(c)).count() as f64 / results.len() as f64
        })
        .collect()
}

/// Plays the seeds, prints the rates, and returns the checks that fell below their bar.
fn the_ai_reproduces_the_summer_of_2017_from_its_weights_alone() -> Vec<String> {
    let rates = rates(&common::korea());
    println!("historical plausibility over {SEEDS} seeds, no script:");
    for ((name, _, bar), rate) in CHECKS.iter().zip(&rates) {
        println!(
            "  {:>5.1}%  (at least {:>3.0}%)  {name}",
            rate * 100.0,
            bar * 100.0
        );
    }
    CHECKS
        .iter()
        .zip(&rates)
        .filter(|((_, _, bar), rate)| *rate < bar)
        .map(|((name, ..), rate)| format!("below its bar ({:.1}%): {name}", rate * 100.0))
        .collect()
}

/// The scenario with its interest weights scrambled, keeping every interest: all equal; each
/// actor's list reversed; or each actor given the next actor's weights, position by position
/// (cycling through the next actor's list where it is shorter).
fn scrambled(how: &str) -> Arc<Scenario> {
    if how == "preferences" {
        return common::reversed_preferences();
    }
    let mut scenario = Scenario::clone(&common::korea());
    let lists: Vec<Vec<f64>> = scenario
        .actors
        .iter()
        .map(|actor| actor.interests.iter().map(|i| i.weight).collect())
        .collect();
    let actors = scenario.actors.len();
    for (index, actor) in scenario.actors.iter_mut().enumerate() {
        let own = &lists[index];
        let next = &lists[(index + 1) % actors];
        for (position, interest) in actor.interests.iter_mut().enumerate() {
            interest.weight = match how {
                "uniform" => 0.5,
                "reversed" => own[own.len() - 1 - position],
                _ => next[position % next.len().max(1)],
            };
        }
    }
    Arc::new(scenario)
}

/// Negative controls: a check that holds whatever the actors want tests the rules, not the
/// essay's interests, so each check must fall below its bar under at least one scramble: the
/// weights made uniform, reversed within each actor or rotated across actors, or every
/// preference reversed with the weights kept (`common::reversed_preferences`). A check of the
/// rules alone belongs in the rules tests (`no_war_can_come_in_the_first_three_months` in
/// tests/rules.rs).
fn each_check_fails_when_the_interests_are_scrambled() -> Vec<String> {
    const SCRAMBLES: [&str; 4] = [
        "uniform",
        "reversed",
        "rotated across actors",
        "preferences",
    ];
    let scrambled_rates: Vec<Vec<f64>> =
        SCRAMBLES.iter().map(|how| rates(&scrambled(how))).collect();
    println!("negative controls (the same checks with the interests scrambled):");
    println!(
        "  {:>9} {:>9} {:>9} {:>11}  check",
        SCRAMBLES[0], SCRAMBLES[1], "rotated", "preferences"
    );
    let mut problems = Vec::new();
    for (index, (name, _, bar)) in CHECKS.iter().enumerate() {
        let column = |scramble: usize| {
            let rate = scrambled_rates[scramble][index];
            format!(
                "{:>8.1}{}",
                rate * 100.0,
                if rate < *bar { "x" } else { " " }
            )
        };
        println!(
            "  {} {} {} {:>2}{}  {name}",
            column(0),
            column(1),
            column(2),
            "",
            column(3)
        );
        if !scrambled_rates.iter().any(|rates| rates[index] < *bar) {
            problems.push(format!(
                "holds under every scramble, so it tests the rules: {name}"
            ));
        }
    }
    println!("  (x: below the check's bar)");
    problems
}
