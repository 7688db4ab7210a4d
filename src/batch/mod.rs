//! Many games at once: seeds spread over threads, outcomes summarised into rates with confidence
//! intervals. Results never depend on the number of threads: each game owns its seed and its
//! place in the output.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::agents::Vote;
use crate::scenario::Scenario;
use crate::sim::Game;
use crate::sim::log::Entry;

/// Plays `runs` games, `make(index)` building each and `extract` reading it once played, over
/// `threads` threads. Output is in index order whatever the thread count.
pub fn play_many<T: Send>(
    runs: u64,
    threads: usize,
    make: impl Fn(u64) -> Game + Sync,
    extract: impl Fn(&Game) -> T + Sync,
) -> Vec<T> {
    let result: Result<Vec<T>, std::convert::Infallible> =
        try_play_many(runs, threads, |index| Ok(make(index)), extract);
    match result {
        Ok(outcomes) => outcomes,
        Err(never) => match never {},
    }
}

/// As `play_many`, with a maker that can fail (a branch of a record); the first error is returned.
pub fn try_play_many<T: Send, E: Send>(
    runs: u64,
    threads: usize,
    make: impl Fn(u64) -> Result<Game, E> + Sync,
    extract: impl Fn(&Game) -> T + Sync,
) -> Result<Vec<T>, E> {
    let threads = threads.max(1).min(runs.max(1) as usize);
    let mut slots: Vec<Option<Result<T, E>>> = (0..runs).map(|_| None).collect();
    std::thread::scope(|scope| {
        let size = runs.div_ceil(threads as u64).max(1) as usize;
        let mut start = 0u64;
        for chunk in slots.chunks_mut(size) {
            let first = start;
            start += chunk.len() as u64;
            let make = &make;
            let extract = &extract;
            scope.spawn(move || {
                for (offset, slot) in chunk.iter_mut().enumerate() {
                    *slot = Some(make(first + offset as u64).map(|mut game| {
                        game.play(None);
                        extract(&game)
                    }));
                }
            });
        }
    });
    slots.into_iter().flatten().collect()
}

/// The number of threads to use: every core the machine offers.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// What one game comes to, for statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub ending: String,
    pub turns: u32,
    /// Score by actor code.
    pub scores: BTreeMap<String, f64>,
    /// How often each key event happened, by a readable key ("dual_track tabled").
    pub events: BTreeMap<String, u32>,
    /// Mean of the escalation indicator over the turns played.
    pub mean_escalation: f64,
}

/// The key events of a game, from its history: proposals tabled, answered and struck, Security
/// Council results and vetoes, broken deals, and every action taken by each actor.
pub fn outcome(game: &Game) -> Outcome {
    let scenario = game.scenario();
    let mut events: BTreeMap<String, u32> = BTreeMap::new();
    let mut count = |key: String| *events.entry(key).or_insert(0) += 1;
    let escalation_label = scenario.slot_label(scenario.escalation_slot);
    let mut tension = 0.0;
    for record in game.history() {
        tension += record
            .indicators
            .get(&escalation_label)
            .copied()
            .unwrap_or(0.0);
        for entry in &record.entries {
            match entry {
                Entry::Tabled { proposal, .. } => count(format!("{proposal} tabled")),
                Entry::Answered {
                    proposal,
                    actor,
                    accept,
                    ..
                } => count(format!(
                    "{proposal}: {actor} {}",
                    if *accept { "accepts" } else { "rejects" }
                )),
                Entry::DealStruck { proposal } => count(format!("{proposal} struck")),
                Entry::Broke { actor, proposal } => count(format!("{proposal}: {actor} breaks it")),
                Entry::CouncilResult {
                    draft,
                    adopted,
                    vetoed_by,
                    ..
                } => {
                    count(format!(
                        "{draft} {}",
                        if *adopted { "adopted" } else { "fails" }
                    ));
                    for actor in vetoed_by {
                        count(format!("{draft}: {actor} vetoes"));
                    }
                }
                Entry::Voted {
                    draft,
                    actor,
                    vote: Vote::Yes,
                    ..
                } => count(format!("{draft}: {actor} votes yes")),
                Entry::Order { actor, action, .. } => count(format!("{action} by {actor}")),
                _ => {}
            }
        }
    }
    let report = game.report();
    Outcome {
        ending: report.ending.unwrap_or_else(|| "none".into()),
        turns: report.turns_played,
        scores: report
            .scores
            .into_iter()
            .map(|s| (s.actor, s.score))
            .collect(),
        events,
        mean_escalation: tension / game.history().len().max(1) as f64,
    }
}

/// A proportion with its 95% Wilson interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    pub rate: f64,
    pub low: f64,
    pub high: f64,
}

impl Rate {
    pub fn of(successes: usize, trials: usize) -> Rate {
        if trials == 0 {
            return Rate {
                rate: 0.0,
                low: 0.0,
                high: 1.0,
            };
        }
        let n = trials as f64;
        let p = successes as f64 / n;
        let z = 1.959_963_984_540_054_f64;
        let denominator = 1.0 + z * z / n;
        let centre = (p + z * z / (2.0 * n)) / denominator;
        let half = z * ((p * (1.0 - p) + z * z / (4.0 * n)) / n).sqrt() / denominator;
        Rate {
            rate: p,
            low: (centre - half).max(0.0),
            high: (centre + half).min(1.0),
        }
    }
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:5.1}% [{:4.1}-{:5.1}]",
            self.rate * 100.0,
            self.low * 100.0,
            self.high * 100.0
        )
    }
}

/// The statistics of a batch of games over one scenario (or variant).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub label: String,
    pub games: usize,
    /// Every ending of the scenario, in its order, with its rate.
    pub endings: Vec<(String, Rate)>,
    pub mean_turns: f64,
    pub mean_escalation: f64,
    pub mean_scores: BTreeMap<String, f64>,
    /// Share of games in which each key event happened at least once.
    pub events: BTreeMap<String, Rate>,
    pub seconds: f64,
    pub games_per_second: f64,
}

/// Summarises outcomes.
pub fn summarise(label: &str, scenario: &Scenario, outcomes: &[Outcome], seconds: f64) -> Summary {
    let games = outcomes.len();
    let endings = scenario
        .endings
        .iter()
        .map(|ending| {
            (
                ending.id.clone(),
                Rate::of(
                    outcomes.iter().filter(|o| o.ending == ending.id).count(),
                    games,
                ),
            )
        })
        .collect();
    let mut mean_scores = BTreeMap::new();
    for actor in &scenario.actors {
        let total: f64 = outcomes
            .iter()
            .filter_map(|o| o.scores.get(&actor.code))
            .sum();
        mean_scores.insert(actor.code.clone(), total / games.max(1) as f64);
    }
    let mut keys: Vec<&String> = outcomes.iter().flat_map(|o| o.events.keys()).collect();
    keys.sort();
    keys.dedup();
    let events = keys
        .into_iter()
        .map(|key| {
            (
                key.clone(),
                Rate::of(
                    outcomes
                        .iter()
                        .filter(|o| o.events.contains_key(key))
                        .count(),
                    games,
                ),
            )
        })
        .collect();
    Summary {
        label: label.to_owned(),
        games,
        endings,
        mean_turns: outcomes.iter().map(|o| f64::from(o.turns)).sum::<f64>() / games.max(1) as f64,
        mean_escalation: outcomes.iter().map(|o| o.mean_escalation).sum::<f64>()
            / games.max(1) as f64,
        mean_scores,
        events,
        seconds,
        games_per_second: games as f64 / seconds.max(1e-9),
    }
}

/// Plays `runs` all-AI games from `first_seed` and summarises them.
pub fn run_batch(
    label: &str,
    scenario: Arc<Scenario>,
    runs: u64,
    first_seed: u64,
    no_script: bool,
    threads: usize,
) -> Summary {
    let started = Instant::now();
    let outcomes = play_many(
        runs,
        threads,
        |index| Game::new(scenario.clone(), first_seed.wrapping_add(index), no_script),
        outcome,
    );
    summarise(label, &scenario, &outcomes, started.elapsed().as_secs_f64())
}

/// Side-by-side text table of several summaries.
pub fn render_table(summaries: &[Summary]) -> String {
    use std::fmt::Write;
    let width = 24;
    let mut out = String::new();
    let row = |out: &mut String, label: &str, cells: Vec<String>| {
        let _ = write!(out, "{label:<46}");
        for cell in cells {
            let _ = write!(out, " {cell:>width$}");
        }
        out.push('\n');
    };
    row(
        &mut out,
        "",
        summaries
            .iter()
            .map(|s| truncate(&s.label, width))
            .collect(),
    );
    row(
        &mut out,
        "games",
        summaries.iter().map(|s| s.games.to_string()).collect(),
    );
    out.push_str("endings (95% CI)\n");
    if let Some(first) = summaries.first() {
        for (index, (ending, _)) in first.endings.iter().enumerate() {
            row(
                &mut out,
                &format!("  {ending}"),
                summaries
                    .iter()
                    .map(|s| s.endings[index].1.to_string())
                    .collect(),
            );
        }
    }
    row(
        &mut out,
        "mean length (turns)",
        summaries
            .iter()
            .map(|s| format!("{:.1}", s.mean_turns))
            .collect(),
    );
    row(
        &mut out,
        "mean escalation",
        summaries
            .iter()
            .map(|s| format!("{:.1}", s.mean_escalation))
            .collect(),
    );
    out.push_str("mean score (0-100)\n");
    if let Some(first) = summaries.first() {
        for actor in first.mean_scores.keys() {
            row(
                &mut out,
                &format!("  {actor}"),
                summaries
                    .iter()
                    .map(|s| format!("{:.1}", s.mean_scores.get(actor).copied().unwrap_or(0.0)))
                    .collect(),
            );
        }
    }
    out.push_str("key events (share of games where it happened)\n");
    let mut keys: Vec<&String> = summaries.iter().flat_map(|s| s.events.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        row(
            &mut out,
            &format!("  {}", truncate(key, 44)),
            summaries
                .iter()
                .map(|s| {
                    s.events
                        .get(key)
                        .map_or("   0.0%".to_owned(), |r| format!("{:5.1}%", r.rate * 100.0))
                })
                .collect(),
        );
    }
    row(
        &mut out,
        "games per second",
        summaries
            .iter()
            .map(|s| format!("{:.0}", s.games_per_second))
            .collect(),
    );
    out
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        text.chars().take(width - 1).collect::<String>() + "…"
    }
}
