//! Many games at once: seeds spread over threads, outcomes summarised into rates with confidence
//! intervals. Results never depend on the number of threads: each game owns its seed, and outcomes
//! are taken in seed order as they finish, so a batch's memory stays flat however many games it
//! plays.

mod rows;
pub mod sweep;

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

use serde::{Deserialize, Serialize};

pub use rows::{Column, Header, Row, RowFormat, RowWriter, Shard, merge};

use crate::agents::Vote;
use crate::game::Game;
use crate::scenario::Scenario;
use crate::sim::log::Entry;

/// How far ahead of the oldest unfinished game the workers may run, per thread: the most
/// outcomes ever waiting to be taken in order.
const AHEAD_PER_THREAD: u64 = 32;

/// Plays `runs` games over `threads` threads, `play(index, world)` playing game `index` (reusing
/// the worker's previous game in `world` if it likes), and hands each result to `take` in index
/// order on the calling thread as soon as the games before it are done. Stops at the first
/// error in index order, or when `take` fails.
pub fn stream_games<T: Send, E: Send>(
    runs: u64,
    threads: usize,
    play: impl Fn(u64, &mut Option<Game>) -> Result<T, E> + Sync,
    mut take: impl FnMut(u64, T) -> Result<(), E>,
) -> Result<(), E> {
    let threads = threads.max(1).min(runs.max(1) as usize);
    let window = AHEAD_PER_THREAD * threads as u64;
    // (next index to claim, next index to take, stop)
    let progress = Mutex::new((0u64, 0u64, false));
    let moved = Condvar::new();
    let (sender, receiver) = mpsc::channel::<(u64, Result<T, E>)>();
    let claim = || -> Option<u64> {
        let mut guard = progress
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        loop {
            let (next, taken, stop) = *guard;
            if stop || next >= runs {
                return None;
            }
            if next < taken + window {
                guard.0 += 1;
                return Some(next);
            }
            guard = moved
                .wait(guard)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    };
    let finish = |taken: u64, stop: bool| {
        let mut guard = progress
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        guard.1 = taken;
        guard.2 |= stop;
        moved.notify_all();
    };
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (claim, play) = (&claim, &play);
            scope.spawn(move || {
                let mut world = None;
                while let Some(index) = claim() {
                    if sender.send((index, play(index, &mut world))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting: BTreeMap<u64, Result<T, E>> = BTreeMap::new();
        let mut next = 0u64;
        let mut result = Ok(());
        for (index, outcome) in receiver.iter() {
            waiting.insert(index, outcome);
            while let Some(outcome) = waiting.remove(&next) {
                result = outcome.and_then(|value| take(next, value));
                next += 1;
                if result.is_err() {
                    break;
                }
            }
            finish(next, result.is_err());
            if result.is_err() {
                break;
            }
        }
        // Unblock any worker still waiting for room, then let the scope join them.
        finish(next, true);
        drop(receiver);
        result
    })
}

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
    let mut outcomes = Vec::with_capacity(runs.min(1 << 20) as usize);
    stream_games(
        runs,
        threads,
        |index, _| {
            make(index).map(|mut game| {
                game.play(None);
                extract(&game)
            })
        },
        |_, outcome| {
            outcomes.push(outcome);
            Ok(())
        },
    )?;
    Ok(outcomes)
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

/// Counts one entry's key events: proposals tabled, answered and struck, Security Council
/// results, vetoes and yes votes, broken deals, and every action taken by each actor. `key` is a
/// buffer for the key's words, so that counting an event seen before allocates nothing.
fn count_key_events(entry: &Entry, events: &mut BTreeMap<String, u32>, key: &mut String) {
    // The key is written piece by piece into one buffer (no formatting machinery: this runs for
    // every entry of every game in a batch), and copied only the first time it is seen.
    let mut count = |pieces: &[&str]| {
        key.clear();
        for piece in pieces {
            key.push_str(piece);
        }
        match events.get_mut(key.as_str()) {
            Some(count) => *count += 1,
            None => {
                events.insert(key.clone(), 1);
            }
        }
    };
    match entry {
        Entry::Tabled { proposal, .. } => count(&[proposal, " tabled"]),
        Entry::Answered {
            proposal,
            actor,
            accept,
            ..
        } => count(&[
            proposal,
            ": ",
            actor,
            if *accept { " accepts" } else { " rejects" },
        ]),
        Entry::DealStruck { proposal } => count(&[proposal, " struck"]),
        Entry::Broke { actor, proposal } => count(&[proposal, ": ", actor, " breaks it"]),
        Entry::CouncilResult {
            draft,
            adopted,
            vetoed_by,
            ..
        } => {
            count(&[draft, if *adopted { " adopted" } else { " fails" }]);
            for actor in vetoed_by {
                count(&[draft, ": ", actor, " vetoes"]);
            }
        }
        Entry::Voted {
            draft,
            actor,
            vote: Vote::Yes,
            ..
        } => count(&[draft, ": ", actor, " votes yes"]),
        Entry::Order { actor, action, .. } => count(&[action, " by ", actor]),
        Entry::Shifted {
            actor,
            interest,
            holds: true,
            weighs,
            ..
        } => match weighs {
            // Rare (a shift taking hold): its number formatted as before.
            Some(weight) => count(&[actor, " weighs ", interest, ": ", &weight.to_string()]),
            None => count(&[actor, " comes to want ", interest]),
        },
        _ => {}
    }
}

/// The outcome of a game once its turns are counted.
fn finish_outcome(
    game: &Game,
    events: BTreeMap<String, u32>,
    tension: f64,
    turns_counted: usize,
) -> Outcome {
    let scenario = game.scenario();
    let state = game.state();
    Outcome {
        ending: state
            .ending
            .map_or_else(|| "none".into(), |e| scenario.endings[e].id.clone()),
        turns: state.turn,
        scores: game
            .scores()
            .into_iter()
            .map(|s| (s.actor, s.score))
            .collect(),
        events,
        mean_escalation: tension / turns_counted.max(1) as f64,
    }
}

/// The key events of a played game, from its history.
pub fn outcome(game: &Game) -> Outcome {
    let scenario = game.scenario();
    let mut events: BTreeMap<String, u32> = BTreeMap::new();
    let escalation_label = scenario.slot_label(scenario.escalation_slot);
    let mut tension = 0.0;
    let mut key = String::new();
    for record in game.history() {
        tension += record
            .indicators
            .get(&escalation_label)
            .copied()
            .unwrap_or(0.0);
        for entry in &record.entries {
            count_key_events(entry, &mut events, &mut key);
        }
    }
    finish_outcome(game, events, tension, game.history().len())
}

/// Plays a game to its end without reasons or history, reading each turn as it is played, and
/// returns the same outcome `outcome` reads from the history of the same game played in full.
pub fn play_outcome(game: &mut Game) -> Outcome {
    game.set_quiet(true);
    let slot = game.scenario().escalation_slot;
    let mut events: BTreeMap<String, u32> = BTreeMap::new();
    let mut tension = 0.0;
    let mut turns = 0;
    let mut key = String::new();
    while !game.is_over() {
        game.play_turn();
        tension += game.state().values()[slot];
        turns += 1;
        for entry in game.current_entries() {
            count_key_events(entry, &mut events, &mut key);
        }
    }
    finish_outcome(game, events, tension, turns)
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

/// A summary being built, one outcome at a time in seed order, in constant memory.
#[derive(Debug, Clone)]
pub struct Tally {
    label: String,
    endings: Vec<(String, usize)>,
    actors: Vec<String>,
    games: usize,
    // Sums start at -0.0, as `Iterator::sum` does, so they come out bit for bit the same.
    turns: f64,
    escalation: f64,
    scores: Vec<f64>,
    events: BTreeMap<String, usize>,
}

impl Tally {
    /// An empty tally for a scenario's endings and actors.
    pub fn new(label: &str, endings: &[String], actors: &[String]) -> Self {
        Tally {
            label: label.to_owned(),
            endings: endings.iter().map(|e| (e.clone(), 0)).collect(),
            actors: actors.to_vec(),
            games: 0,
            turns: -0.0,
            escalation: -0.0,
            scores: vec![-0.0; actors.len()],
            events: BTreeMap::new(),
        }
    }

    pub fn for_scenario(label: &str, scenario: &Scenario) -> Self {
        let endings: Vec<String> = scenario.endings.iter().map(|e| e.id.clone()).collect();
        let actors: Vec<String> = scenario.actors.iter().map(|a| a.code.clone()).collect();
        Tally::new(label, &endings, &actors)
    }

    pub fn add(&mut self, outcome: &Outcome) {
        self.games += 1;
        if let Some((_, count)) = self
            .endings
            .iter_mut()
            .find(|(id, _)| *id == outcome.ending)
        {
            *count += 1;
        }
        self.turns += f64::from(outcome.turns);
        self.escalation += outcome.mean_escalation;
        for (sum, actor) in self.scores.iter_mut().zip(&self.actors) {
            if let Some(score) = outcome.scores.get(actor) {
                *sum += score;
            }
        }
        for key in outcome.events.keys() {
            match self.events.get_mut(key) {
                Some(count) => *count += 1,
                None => {
                    self.events.insert(key.clone(), 1);
                }
            }
        }
    }

    pub fn games(&self) -> usize {
        self.games
    }

    /// The statistics, with the wall time the games took.
    pub fn summary(&self, seconds: f64) -> Summary {
        let games = self.games;
        let mean = |sum: f64| sum / games.max(1) as f64;
        Summary {
            label: self.label.clone(),
            games,
            endings: self
                .endings
                .iter()
                .map(|(id, count)| (id.clone(), Rate::of(*count, games)))
                .collect(),
            mean_turns: mean(self.turns),
            mean_escalation: mean(self.escalation),
            mean_scores: self
                .actors
                .iter()
                .zip(&self.scores)
                .map(|(actor, sum)| (actor.clone(), mean(*sum)))
                .collect(),
            events: self
                .events
                .iter()
                .map(|(key, count)| (key.clone(), Rate::of(*count, games)))
                .collect(),
            seconds,
            games_per_second: games as f64 / seconds.max(1e-9),
        }
    }
}

/// Summarises outcomes.
pub fn summarise(label: &str, scenario: &Scenario, outcomes: &[Outcome], seconds: f64) -> Summary {
    let mut tally = Tally::for_scenario(label, scenario);
    for outcome in outcomes {
        tally.add(outcome);
    }
    tally.summary(seconds)
}

/// One game's result as a batch reads it: its seed, outcome and final indicator values.
#[derive(Debug, Clone, PartialEq)]
pub struct Played {
    pub seed: u64,
    pub outcome: Outcome,
    pub values: Vec<f64>,
}

/// Plays the all-AI games `indices` of a batch whose game i has seed `first_seed + i`, one reused
/// world per worker, and summarises them; each game is handed to `each` in seed order as it
/// finishes.
pub fn run_batch_streaming<E: Send>(
    label: &str,
    scenario: Arc<Scenario>,
    first_seed: u64,
    indices: std::ops::Range<u64>,
    no_script: bool,
    threads: usize,
    mut each: impl FnMut(&Played) -> Result<(), E>,
) -> Result<Summary, E> {
    let started = Instant::now();
    let mut tally = Tally::for_scenario(label, &scenario);
    let first = first_seed.wrapping_add(indices.start);
    stream_games(
        indices.end.saturating_sub(indices.start),
        threads,
        |index, world| {
            let seed = first.wrapping_add(index);
            let game = match world {
                Some(game) => {
                    game.restart(scenario.clone(), seed, no_script);
                    game
                }
                None => world.insert(Game::new(scenario.clone(), seed, no_script)),
            };
            let outcome = play_outcome(game);
            Ok(Played {
                seed,
                outcome,
                values: game.state().values().to_vec(),
            })
        },
        |_, played: Played| {
            tally.add(&played.outcome);
            each(&played)
        },
    )?;
    Ok(tally.summary(started.elapsed().as_secs_f64()))
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
    let result: Result<Summary, std::convert::Infallible> = run_batch_streaming(
        label,
        scenario,
        first_seed,
        0..runs,
        no_script,
        threads,
        |_| Ok(()),
    );
    match result {
        Ok(summary) => summary,
        Err(never) => match never {},
    }
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
