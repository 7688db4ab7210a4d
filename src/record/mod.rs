//! Game records and saves: a versioned RON file holding the scenario itself, the seed, and every
//! turn (inputs, what happened, the AI's reasons, the state hash), sealed with a checksum.
//! Records replay exactly; `verify` recomputes every turn and names the first that differs;
//! branches replay a record up to a turn and play on from there with overrides.
//!
//! Writes are atomic: a temporary file, flushed and synced, then renamed over the old one.

mod atomic;

pub use atomic::{write_atomic, write_atomic_with};

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::agents::Difficulty;
use crate::game::{Game, Score};
use crate::scenario::{self, Scenario, ScenarioFile};
use crate::sim::{Inputs, TurnRecord};

/// The record format this build writes. Version 1 is the first.
pub const FORMAT: u32 = 1;

/// Where a branch comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    /// The parent record's checksum.
    pub parent: String,
    /// The first turn that differs from the parent.
    pub at_turn: u32,
    /// What was changed at that turn, in words.
    pub overrides: Vec<String>,
}

/// A whole game as a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GameRecord {
    pub scenario_id: String,
    pub scenario_name: String,
    pub scenario_hash: String,
    pub difficulty: Difficulty,
    pub seed: u64,
    pub no_script: bool,
    #[serde(default)]
    pub reseed: Option<(u32, u64)>,
    #[serde(default)]
    pub branched_from: Option<Branch>,
    pub ending: Option<String>,
    pub scores: Vec<Score>,
    pub turns: Vec<TurnRecord>,
    /// The scenario as played (variants applied), so the record replays without any other file.
    pub scenario: ScenarioFile,
}

/// The file on disk: format version, checksum of the game, the game.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordFile {
    format: u32,
    checksum: String,
    game: GameRecord,
}

/// Only the format field, read first so that other versions get a clear answer.
#[derive(Debug, Deserialize)]
#[serde(rename = "RecordFile")]
struct FormatProbe {
    format: u32,
}

/// Why a record cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("{path}: cannot read the record: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: cannot write the record: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}; the record is truncated or damaged")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}: not a Peninsula game record (it starts with `{found}`); records start with `RecordFile(`"
    )]
    NotARecord { path: String, found: String },
    #[error(
        "{path}: record format {format} was written by a newer Peninsula; this one reads formats 1 to {FORMAT}"
    )]
    NewerFormat { path: String, format: u32 },
    #[error(
        "{path}: record format {format} is not supported (formats 1 to {FORMAT} are); no older format exists"
    )]
    OlderFormat { path: String, format: u32 },
    #[error("{path}: checksum mismatch: the record was changed or damaged after it was written")]
    Checksum { path: String },
    #[error("{path}: the record's scenario does not load: {message}")]
    Scenario { path: String, message: String },
    #[error("{path}: turn {turn}: {message}")]
    Inputs {
        path: String,
        turn: u32,
        message: String,
    },
    #[error("{0}")]
    Diverged(Box<Divergence>),
    #[error(
        "{path}: every turn replays as recorded, but the record's summary differs from the replay: {first}{}",
        if *more > 0 { format!(" (and {more} more)") } else { String::new() }
    )]
    Summary {
        path: String,
        first: String,
        more: usize,
    },
    #[error("no record given: name a record file, or use --historical for the historical line")]
    NoRecord,
}

impl RecordError {
    /// True when the fault is in the user's file (exit code 2), not the machine.
    pub fn is_bad_input(&self) -> bool {
        use std::io::ErrorKind::*;
        match self {
            RecordError::Read { source, .. } => crate::files::is_bad_path(source),
            RecordError::Io { source, .. } => matches!(
                source.kind(),
                NotFound
                    | IsADirectory
                    | NotADirectory
                    | InvalidData
                    | PermissionDenied
                    | InvalidInput
            ),
            _ => true,
        }
    }
}

/// The first turn where a replay differs from its record.
#[derive(Debug, Clone, PartialEq)]
pub struct Divergence {
    pub turn: u32,
    pub month: String,
    pub recorded_hash: String,
    pub replayed_hash: String,
    pub differences: Vec<String>,
}

impl std::fmt::Display for Divergence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "replay diverges at turn {} ({}): {}",
            self.turn,
            self.month,
            self.differences
                .first()
                .map_or("the turns differ", String::as_str)
        )?;
        for difference in self.differences.iter().skip(1) {
            writeln!(f, "  {difference}")?;
        }
        Ok(())
    }
}

fn short(hash: &str) -> String {
    hash.chars().take(12).collect()
}

impl GameRecord {
    /// The record of a game so far.
    pub fn from_game(game: &Game, difficulty: Difficulty) -> GameRecord {
        let scenario = game.scenario();
        let settings = game.settings();
        let report = game.report();
        GameRecord {
            scenario_id: scenario.id.clone(),
            scenario_name: scenario.name.clone(),
            scenario_hash: scenario.hash.clone(),
            difficulty,
            seed: settings.seed,
            no_script: settings.no_script,
            reseed: settings.reseed,
            branched_from: None,
            ending: report.ending,
            scores: report.scores,
            // The AI's reasons are recomputed by any replay; the file keeps what happened.
            turns: report
                .turns
                .into_iter()
                .map(|turn| TurnRecord {
                    decisions: Vec::new(),
                    ..turn
                })
                .collect(),
            scenario: scenario.file.clone(),
        }
    }

    /// The checksum sealing this record: SHA-256 of its canonical RON.
    pub fn checksum(&self) -> String {
        let canonical = ron::to_string(self).unwrap_or_default();
        scenario::hex_digest(&Sha256::digest(canonical.as_bytes()))
    }

    /// The record as file text.
    pub fn to_text(&self) -> Result<String, RecordError> {
        let file = RecordFile {
            format: FORMAT,
            checksum: self.checksum(),
            game: self.clone(),
        };
        let config = ron::ser::PrettyConfig::default()
            .depth_limit(4)
            .struct_names(true);
        ron::ser::to_string_pretty(&file, config).map_err(|error| RecordError::Io {
            path: String::new(),
            source: std::io::Error::other(error.to_string()),
        })
    }

    /// Writes the record atomically.
    pub fn save(&self, path: &Path) -> Result<(), RecordError> {
        let text = self.to_text()?;
        write_atomic(path, text.as_bytes()).map_err(|source| RecordError::Io {
            path: path.display().to_string(),
            source,
        })
    }

    /// The game at its start, ready to replay the record's turns: its scenario, seed and reseed.
    pub fn start(&self, origin: &str) -> Result<Game, RecordError> {
        let mut game = Game::new(self.scenario(origin)?, self.seed, self.no_script);
        if let Some((turn, seed)) = self.reseed {
            game.reseed(turn, seed);
        }
        Ok(game)
    }

    /// The scenario to replay with: rebuilt from the record, checked against its hash.
    pub fn scenario(&self, origin: &str) -> Result<Arc<Scenario>, RecordError> {
        let text = ron::ser::to_string_pretty(&self.scenario, ron::ser::PrettyConfig::default())
            .unwrap_or_default();
        let compiled = scenario::compile(self.scenario.clone(), &text, "the record's scenario")
            .map_err(|error| RecordError::Scenario {
                path: origin.to_owned(),
                message: error.to_string(),
            })?;
        let played = self.difficulty.apply(&compiled);
        if played.hash != self.scenario_hash {
            return Err(RecordError::Scenario {
                path: origin.to_owned(),
                message: format!(
                    "its hash is {} but the record says {}: the scenario in the record was changed",
                    short(&played.hash),
                    short(&self.scenario_hash)
                ),
            });
        }
        Ok(Arc::new(played))
    }
}

/// Sets who plays each actor in a recorded turn and what they decided, before it is replayed.
pub fn set_turn_inputs(
    game: &mut Game,
    recorded: &TurnRecord,
    origin: &str,
) -> Result<(), RecordError> {
    game.set_inputs(&recorded.inputs)
        .map_err(|message| RecordError::Inputs {
            path: origin.to_owned(),
            turn: recorded.turn,
            message,
        })
}

/// Parses record text; `origin` names the file in errors.
pub fn parse(text: &str, origin: &str) -> Result<GameRecord, RecordError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(RecordError::NotARecord {
            path: origin.to_owned(),
            found: "an empty file".into(),
        });
    }
    let first = first_identifier(text);
    if first != "RecordFile" && first != "(" {
        return Err(RecordError::NotARecord {
            path: origin.to_owned(),
            found: first,
        });
    }
    let syntax = |error: ron::error::SpannedError| RecordError::Syntax {
        path: origin.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: scenario::ron_message(&error.code),
    };
    let probe: FormatProbe = ron::Options::default().from_str(text).map_err(syntax)?;
    if probe.format > FORMAT {
        return Err(RecordError::NewerFormat {
            path: origin.to_owned(),
            format: probe.format,
        });
    }
    if probe.format < 1 {
        return Err(RecordError::OlderFormat {
            path: origin.to_owned(),
            format: probe.format,
        });
    }
    let file: RecordFile = ron::Options::default().from_str(text).map_err(syntax)?;
    if file.game.checksum() != file.checksum {
        return Err(RecordError::Checksum {
            path: origin.to_owned(),
        });
    }
    Ok(file.game)
}

/// Reads a record file.
pub fn load(path: &Path) -> Result<GameRecord, RecordError> {
    use crate::files::InputError;
    let text = crate::files::read_text(path).map_err(|error| {
        let path = path.display().to_string();
        match error {
            InputError::Io(source) => RecordError::Read { path, source },
            InputError::NotUtf8 { line, column, .. } => RecordError::Syntax {
                path,
                line,
                column,
                message: error.to_string(),
            },
            InputError::TooLarge => RecordError::Read {
                path,
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, error.to_string()),
            },
        }
    })?;
    parse(&text, &path.display().to_string())
}

fn first_identifier(text: &str) -> String {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, tail)| tail);
        } else if let Some(after) = rest.strip_prefix("#!") {
            rest = after.split_once('\n').map_or("", |(_, tail)| tail);
        } else {
            break;
        }
    }
    if rest.starts_with('(') {
        return "(".to_owned();
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if word.is_empty() {
        rest.chars().take(12).collect()
    } else {
        word
    }
}

/// Replays the first `turns` turns of a record (all when None) into a game. With `verify`, each
/// turn's state hash is compared with the record and the first difference is an error.
pub fn replay(
    record: &GameRecord,
    turns: Option<u32>,
    verify: bool,
    origin: &str,
) -> Result<Game, RecordError> {
    let mut game = record.start(origin)?;
    let limit = turns.unwrap_or(u32::MAX);
    for recorded in record.turns.iter().take_while(|t| t.turn <= limit) {
        let expected = game.state().turn + 1;
        if game.is_over() || recorded.turn != expected {
            let message = if game.is_over() {
                format!(
                    "the game ended at turn {} but the record goes on",
                    game.state().turn
                )
            } else {
                format!("turn {expected} was expected next; the record skips or repeats turns")
            };
            return Err(RecordError::Inputs {
                path: origin.to_owned(),
                turn: recorded.turn,
                message,
            });
        }
        set_turn_inputs(&mut game, recorded, origin)?;
        game.play_turn();
        if verify {
            let Some(replayed) = game.history().last() else {
                return Err(RecordError::Inputs {
                    path: origin.to_owned(),
                    turn: recorded.turn,
                    message: "the game had already ended before this turn".into(),
                });
            };
            let differences = turn_differences(recorded, replayed);
            if !differences.is_empty() {
                return Err(RecordError::Diverged(Box::new(Divergence {
                    turn: recorded.turn,
                    month: recorded.month.clone(),
                    recorded_hash: recorded.state_hash.clone(),
                    replayed_hash: replayed.state_hash.clone(),
                    differences,
                })));
            }
        }
    }
    if verify && turns.is_none() {
        check_summary(record, &game, origin)?;
    }
    Ok(game)
}

/// Everything that differs between a recorded turn and its replay, first difference first:
/// month, inputs, entries, indicators, utilities and state hash. The AI's reasons are not kept in
/// record files, so they are not compared.
fn turn_differences(recorded: &TurnRecord, replayed: &TurnRecord) -> Vec<String> {
    let mut differences = Vec::new();
    if recorded.month != replayed.month {
        differences.push(format!(
            "month: recorded {}, replayed {}",
            recorded.month, replayed.month
        ));
    }
    if recorded.inputs != replayed.inputs {
        differences.push(format!(
            "inputs: recorded {:?}, replayed {:?}",
            recorded.inputs, replayed.inputs
        ));
    }
    let pairs = recorded.entries.iter().zip(&replayed.entries).enumerate();
    if let Some((index, (a, b))) = pairs.clone().find(|(_, (a, b))| a != b) {
        differences.push(format!("entry {}: recorded {a:?}", index + 1));
        differences.push(format!("entry {}: replayed {b:?}", index + 1));
    } else if recorded.entries.len() != replayed.entries.len() {
        differences.push(format!(
            "{} entries recorded, {} replayed",
            recorded.entries.len(),
            replayed.entries.len()
        ));
    }
    compare_values(
        "",
        &recorded.indicators,
        &replayed.indicators,
        &mut differences,
    );
    compare_values(
        "utility of ",
        &recorded.utility,
        &replayed.utility,
        &mut differences,
    );
    if recorded.state_hash != replayed.state_hash {
        if differences.is_empty() {
            differences.push("the visible entries and indicators agree; the hidden state (trust, capital, commitments) differs".into());
        }
        differences.push(format!(
            "state hash: recorded {}, replayed {}",
            short(&recorded.state_hash),
            short(&replayed.state_hash)
        ));
    }
    differences
}

/// Compares two maps of numbers bit for bit, naming missing, extra and differing labels.
fn compare_values(
    prefix: &str,
    recorded: &std::collections::BTreeMap<String, f64>,
    replayed: &std::collections::BTreeMap<String, f64>,
    differences: &mut Vec<String>,
) {
    for (label, value) in recorded {
        match replayed.get(label) {
            Some(other) if other.to_bits() == value.to_bits() => {}
            Some(other) => differences.push(format!(
                "{prefix}{label}: recorded {value}, replayed {other}"
            )),
            None => differences.push(format!(
                "{prefix}{label}: recorded {value}, but the replay has no such value"
            )),
        }
    }
    for (label, other) in replayed {
        if !recorded.contains_key(label) {
            differences.push(format!(
                "{prefix}{label}: not in the record, replayed {other}"
            ));
        }
    }
}

/// After a full verified replay: the record's own summary (scenario names, ending, scores) must be
/// what the replay gives.
fn check_summary(record: &GameRecord, game: &Game, origin: &str) -> Result<(), RecordError> {
    let report = game.report();
    let scenario = game.scenario();
    let mut differences = Vec::new();
    if record.scenario_id != scenario.id {
        differences.push(format!(
            "scenario_id: recorded \"{}\", the record's scenario is \"{}\"",
            record.scenario_id, scenario.id
        ));
    }
    if record.scenario_name != scenario.name {
        differences.push(format!(
            "scenario_name: recorded \"{}\", the record's scenario is \"{}\"",
            record.scenario_name, scenario.name
        ));
    }
    if record.ending != report.ending {
        differences.push(format!(
            "ending: recorded {}, replayed {}",
            record.ending.as_deref().unwrap_or("none"),
            report.ending.as_deref().unwrap_or("none")
        ));
    }
    if record.scores.len() != report.scores.len() {
        differences.push(format!(
            "{} scores recorded, {} replayed",
            record.scores.len(),
            report.scores.len()
        ));
    }
    for (recorded, replayed) in record.scores.iter().zip(&report.scores) {
        if recorded.actor != replayed.actor
            || recorded.name != replayed.name
            || recorded.score.to_bits() != replayed.score.to_bits()
        {
            differences.push(format!(
                "score: recorded {} ({}) {}, replayed {} ({}) {}",
                recorded.actor,
                recorded.name,
                recorded.score,
                replayed.actor,
                replayed.name,
                replayed.score
            ));
            break;
        }
    }
    match differences.first() {
        None => Ok(()),
        Some(first) => Err(RecordError::Summary {
            path: origin.to_owned(),
            first: first.clone(),
            more: differences.len() - 1,
        }),
    }
}

/// Branches a record: replays (and verifies) the turns before `at`, then plays turn `at` with the
/// record's own inputs plus `overrides`, optionally from another seed, and on to an ending.
pub fn branch(
    record: &GameRecord,
    at: u32,
    overrides: &Inputs,
    reseed: Option<u64>,
    origin: &str,
) -> Result<Game, RecordError> {
    let mut game = branch_point(record, at, overrides, reseed, origin)?;
    play_branch_turn(&mut game, at, overrides, origin)?;
    game.play(None);
    Ok(game)
}

/// A branch's game, ready to play turn `at` (the replayed history before it, inputs set).
pub fn branch_point(
    record: &GameRecord,
    at: u32,
    overrides: &Inputs,
    reseed: Option<u64>,
    origin: &str,
) -> Result<Game, RecordError> {
    let last = record.turns.last().map_or(0, |t| t.turn);
    if at == 0 || at > last.max(1) {
        return Err(RecordError::Inputs {
            path: origin.to_owned(),
            turn: at,
            message: format!("no such turn to branch at: the record has turns 1 to {last}"),
        });
    }
    let mut game = replay(record, Some(at - 1), true, origin)?;
    if let Some(seed) = reseed {
        game.reseed(at, seed);
    }
    let own = record
        .turns
        .iter()
        .find(|t| t.turn == at)
        .map(|t| t.inputs.clone())
        .unwrap_or_default();
    let bad = |message: String| RecordError::Inputs {
        path: origin.to_owned(),
        turn: at,
        message,
    };
    check_overrides(game.scenario(), overrides).map_err(bad)?;
    game.set_inputs(&own).map_err(bad)?;
    // The parent's players made their decisions of this turn (kept above); from here on only the
    // actors the branch hands to a human are not played by the AI.
    for actor in 0..game.scenario().actors.len() {
        game.set_controller(actor, crate::sim::Controller::Ai);
    }
    game.add_inputs(overrides).map_err(bad)?;
    Ok(game)
}

/// Checks overrides against the scenario's rules before a branch is played: an actor orders
/// only actions it may take, each once and within the orders a turn; answers only proposals it
/// is a party to; tables only proposals it may propose; votes only as a permanent member.
pub fn check_overrides(scenario: &Scenario, overrides: &Inputs) -> Result<(), String> {
    let (directives, _) = overrides.to_directives(scenario)?;
    let name = |actor: usize| scenario.actors[actor].code.clone();
    for (actor, orders) in &directives.orders {
        for (index, action) in orders.iter().enumerate() {
            let definition = &scenario.actions[*action];
            if !definition.allowed[*actor] {
                let allowed: Vec<&str> = scenario
                    .actions
                    .iter()
                    .filter(|a| a.allowed[*actor])
                    .map(|a| a.id.as_str())
                    .collect();
                return Err(format!(
                    "{} may not take \"{}\"; its actions: {}",
                    name(*actor),
                    definition.id,
                    allowed.join(", ")
                ));
            }
            if orders[..index].contains(action) {
                return Err(format!(
                    "{} orders \"{}\" twice",
                    name(*actor),
                    definition.id
                ));
            }
        }
        if orders.len() > scenario.calendar.orders_per_turn as usize {
            return Err(format!(
                "{} gives {} orders; the scenario allows {} a turn",
                name(*actor),
                orders.len(),
                scenario.calendar.orders_per_turn
            ));
        }
    }
    for (proposal, actor) in directives.answers.keys() {
        let definition = &scenario.proposals[*proposal];
        if !definition.parties.contains(actor) && !definition.consulted.contains(actor) {
            let parties: Vec<String> = definition
                .parties
                .iter()
                .chain(&definition.consulted)
                .map(|p| name(*p))
                .collect();
            return Err(format!(
                "{} is neither a party to \"{}\" nor consulted on it, and does not answer it; \
                 those who answer: {}",
                name(*actor),
                definition.id,
                parties.join(", ")
            ));
        }
    }
    for (proposal, actor) in directives.tabling.keys() {
        let definition = &scenario.proposals[*proposal];
        if !definition.proposers.contains(actor) {
            let proposers: Vec<String> = definition.proposers.iter().map(|p| name(*p)).collect();
            return Err(format!(
                "{} may not table \"{}\"; its proposers: {}",
                name(*actor),
                definition.id,
                proposers.join(", ")
            ));
        }
    }
    for (_, actor) in directives.votes.keys() {
        if scenario.actors[*actor].seat == crate::scenario::Seat::None {
            let members: Vec<String> = (0..scenario.actors.len())
                .filter(|a| scenario.actors[*a].seat != crate::scenario::Seat::None)
                .map(name)
                .collect();
            return Err(format!(
                "{} does not vote in the Security Council here; the actors with a seat: {}",
                name(*actor),
                members.join(", ")
            ));
        }
    }
    Ok(())
}

/// The overrides that had no effect in the turn they were meant for, each with the reason.
pub fn unused_overrides(turn: &TurnRecord, overrides: &Inputs) -> Vec<String> {
    use crate::sim::log::{Decider, Entry};
    let mut unused = Vec::new();
    for (actor, orders) in &overrides.orders {
        for action in orders {
            let refused = turn.entries.iter().find_map(|e| match e {
                Entry::OrderRefused {
                    actor: a,
                    action: x,
                    reason,
                } if a == actor && x == action => Some(reason.clone()),
                _ => None,
            });
            if let Some(reason) = refused {
                unused.push(format!(
                    "{actor}'s order \"{action}\" at turn {} is void: {reason}",
                    turn.turn
                ));
            }
        }
    }
    let happened = |found: &dyn Fn(&Entry) -> bool| turn.entries.iter().any(found);
    for (proposal, actor, _) in &overrides.answers {
        let answered = happened(
            &|e| matches!(e, Entry::Answered { proposal: p, actor: a, decided: Decider::Player, .. } if p == proposal && a == actor),
        );
        if !answered {
            unused.push(format!(
                "\"{proposal}\" is not on the table at turn {} for {actor} to answer",
                turn.turn
            ));
        }
    }
    for (proposal, actor, table) in &overrides.tabling {
        let tabled = happened(
            &|e| matches!(e, Entry::Tabled { proposal: p, by, .. } if p == proposal && by.contains(actor)),
        );
        if *table && !tabled {
            unused.push(format!(
                "{actor} cannot table \"{proposal}\" at turn {}: it is not eligible then (cool-down, preconditions, capital, or a deal in force)",
                turn.turn
            ));
        }
    }
    for (draft, actor, _) in &overrides.votes {
        let voted = happened(
            &|e| matches!(e, Entry::Voted { draft: d, actor: a, decided: Decider::Player, .. } if d == draft && a == actor),
        );
        if !voted {
            unused.push(format!(
                "no vote on \"{draft}\" at turn {} for {actor} to cast",
                turn.turn
            ));
        }
    }
    unused
}

/// Plays the branch turn and checks that every override took effect.
pub fn play_branch_turn(
    game: &mut Game,
    at: u32,
    overrides: &Inputs,
    origin: &str,
) -> Result<(), RecordError> {
    game.play_turn();
    let Some(turn) = game.history().iter().find(|t| t.turn == at) else {
        return Err(RecordError::Inputs {
            path: origin.to_owned(),
            turn: at,
            message: "the game ended before this turn".into(),
        });
    };
    let unused = unused_overrides(turn, overrides);
    if unused.is_empty() {
        Ok(())
    } else {
        Err(RecordError::Inputs {
            path: origin.to_owned(),
            turn: at,
            message: format!("override with no effect: {}", unused.join("; ")),
        })
    }
}

/// Describes overrides in words, for a branch's record.
pub fn describe(overrides: &Inputs) -> Vec<String> {
    let mut words = Vec::new();
    for (actor, orders) in &overrides.orders {
        words.push(format!(
            "{actor} orders {}",
            if orders.is_empty() {
                "nothing".to_owned()
            } else {
                orders.join(" and ")
            }
        ));
    }
    for (proposal, actor, accept) in &overrides.answers {
        words.push(format!(
            "{actor} {} {proposal}",
            if *accept { "accepts" } else { "rejects" }
        ));
    }
    for (proposal, actor, table) in &overrides.tabling {
        words.push(format!(
            "{actor} {} {proposal}",
            if *table { "tables" } else { "does not table" }
        ));
    }
    for (draft, actor, vote) in &overrides.votes {
        words.push(format!("{actor} votes {vote:?} on {draft}"));
    }
    for (draft, actor, text) in &overrides.drafts {
        words.push(format!("{actor} drafts {draft} text {}", text + 1));
    }
    for actor in &overrides.humans {
        words.push(format!("{actor} is played by a human"));
    }
    words
}

/// The historical line: the embedded scenario with its script, played by the AI from `seed`.
pub fn historical(seed: u64) -> Result<GameRecord, RecordError> {
    let scenario = scenario::default_scenario().map_err(|error| RecordError::Scenario {
        path: "embedded".into(),
        message: error.to_string(),
    })?;
    let mut game = Game::new(Arc::new(scenario), seed, false);
    game.play(None);
    Ok(GameRecord::from_game(&game, Difficulty::Normal))
}

/// The game as it stood before its last turn: replayed from its own record without that turn
/// (same seed, same inputs, so the same draws). A game with no turn played comes back as new.
pub fn undo_last_turn(game: &Game, difficulty: Difficulty) -> Result<Game, RecordError> {
    let mut record = GameRecord::from_game(game, difficulty);
    record.turns.pop();
    record.ending = None;
    replay(&record, None, false, "the game being undone")
}
