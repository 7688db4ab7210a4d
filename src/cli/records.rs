//! Commands over game records: replay (and verify), the historical line, branches, comparisons
//! and batches of a branch over many seeds.

use std::fmt::Write as _;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::batch;
use crate::game::{Game, GameReport};
use crate::record::{self, GameRecord, RecordError};
use crate::scenario::Scope;
use crate::sim::Inputs;

use super::timeline;

/// Changes made at the branch turn.
#[derive(Debug, clap::Args, Default, Clone)]
pub struct OverrideArgs {
    /// ACTOR=ACTION[,ACTION]: the actor's orders at that turn (`USA=` for none).
    #[arg(long = "order", value_name = "ACTOR=ACTIONS", requires = "at")]
    pub orders: Vec<String>,
    /// ACTOR:PROPOSAL=accept|reject: the actor's answer to a proposal tabled that turn.
    #[arg(long = "answer", value_name = "ACTOR:PROPOSAL=ANSWER", requires = "at")]
    pub answers: Vec<String>,
    /// ACTOR:PROPOSAL: the actor tables the proposal that turn.
    #[arg(long = "table", value_name = "ACTOR:PROPOSAL", requires = "at")]
    pub tables: Vec<String>,
    /// ACTOR:DRAFT=yes|abstain|veto: the actor's vote on a Security Council draft that turn.
    #[arg(long = "vote", value_name = "ACTOR:DRAFT=VOTE", requires = "at")]
    pub votes: Vec<String>,
}

impl OverrideArgs {
    /// The overrides as record inputs; a malformed one is explained.
    pub fn to_inputs(&self) -> Result<Inputs, String> {
        let mut inputs = Inputs::default();
        for order in &self.orders {
            let (actor, actions) = order
                .split_once('=')
                .ok_or_else(|| format!("--order {order}: expected ACTOR=ACTION[,ACTION]"))?;
            let actions = actions
                .split(',')
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect();
            inputs.orders.insert(actor.to_uppercase(), actions);
        }
        for answer in &self.answers {
            let shape = || {
                format!(
                    "--answer {answer}: expected ACTOR:PROPOSAL=accept or ACTOR:PROPOSAL=reject"
                )
            };
            let (left, verdict) = answer.split_once('=').ok_or_else(shape)?;
            let (actor, proposal) = left.split_once(':').ok_or_else(shape)?;
            let accept = match verdict.to_lowercase().as_str() {
                "accept" | "yes" => true,
                "reject" | "no" => false,
                _ => return Err(shape()),
            };
            inputs
                .answers
                .push((proposal.to_owned(), actor.to_uppercase(), accept));
        }
        for table in &self.tables {
            let (actor, proposal) = table
                .split_once(':')
                .ok_or_else(|| format!("--table {table}: expected ACTOR:PROPOSAL"))?;
            inputs
                .tabling
                .push((proposal.to_owned(), actor.to_uppercase(), true));
        }
        for vote in &self.votes {
            let shape =
                || format!("--vote {vote}: expected ACTOR:DRAFT=yes, =abstain, =no or =veto");
            let (left, choice) = vote.split_once('=').ok_or_else(shape)?;
            let (actor, draft) = left.split_once(':').ok_or_else(shape)?;
            let choice = match choice.to_lowercase().as_str() {
                "yes" => crate::agents::Vote::Yes,
                "abstain" => crate::agents::Vote::Abstain,
                "veto" => crate::agents::Vote::Veto,
                "no" => crate::agents::Vote::No,
                _ => return Err(shape()),
            };
            inputs
                .votes
                .push((draft.to_owned(), actor.to_uppercase(), choice));
        }
        Ok(inputs)
    }
}

/// Where a branch starts from: a record file or the historical line.
#[derive(Debug, clap::Args, Clone)]
pub struct SourceArgs {
    /// A game record; omit with --historical.
    pub file: Option<PathBuf>,
    /// Use the historical line (the embedded scenario with its script) instead of a file.
    #[arg(long, conflicts_with = "file")]
    pub historical: bool,
    /// The historical line's seed.
    #[arg(long = "history-seed", default_value_t = 1, requires = "historical")]
    pub history_seed: u64,
}

impl SourceArgs {
    fn load(&self) -> Result<(GameRecord, String), RecordError> {
        match (&self.file, self.historical) {
            (Some(path), _) => Ok((record::load(path)?, path.display().to_string())),
            (None, true) => Ok((
                record::historical(self.history_seed)?,
                "the historical line".to_owned(),
            )),
            (None, false) => Err(RecordError::NoRecord),
        }
    }
}

pub(super) fn report_record_error(error: &RecordError) -> ExitCode {
    eprintln!("error: {}", error.to_string().trim_end());
    if error.is_bad_input() {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}

fn bad_input(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// Writes a game's record, reporting failure.
pub(super) fn save(
    game: &Game,
    difficulty: crate::agents::Difficulty,
    path: &Path,
) -> Result<(), ExitCode> {
    GameRecord::from_game(game, difficulty)
        .save(path)
        .map_err(|error| report_record_error(&error))
}

/// `peninsula replay`.
pub fn replay(source: &SourceArgs, verify: bool, explain: bool, json: bool) -> ExitCode {
    let (record, origin) = match source.load() {
        Ok(loaded) => loaded,
        Err(error) => return report_record_error(&error),
    };
    let game = match record::replay(&record, None, verify || source.historical, &origin) {
        Ok(game) => game,
        Err(error) => return report_record_error(&error),
    };
    let report = game.report();
    if json {
        return print_json(&report);
    }
    if verify {
        say!(
            "verified: {} turns of {origin} replay with the recorded state hash, turn by turn",
            record.turns.len()
        );
        return ExitCode::SUCCESS;
    }
    let scenario = game.scenario().clone();
    let walk = source.historical && std::io::stdin().is_terminal();
    if !walk {
        return super::emit(&timeline::render(
            &scenario,
            &report,
            explain || source.historical,
        ));
    }
    // Turn by turn, waiting for Enter between months.
    let text = timeline::render(&scenario, &report, true);
    let stdin = std::io::stdin();
    let mut lines = stdin.lock();
    for (index, month) in text.split("\n\n").enumerate() {
        say!("{month}\n");
        if index > 0 && index < report.turns.len() {
            print!("Enter for the next month, q to stop: ");
            let _ = std::io::stdout().flush();
            let mut answer = String::new();
            if lines.read_line(&mut answer).map_or(true, |n| n == 0) || answer.trim() == "q" {
                break;
            }
        }
    }
    ExitCode::SUCCESS
}

pub(super) fn print_json<T: serde::Serialize>(value: &T) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(text) => super::emit(&(text + "\n")),
        Err(error) => {
            eprintln!("error: cannot write JSON: {error}");
            ExitCode::from(1)
        }
    }
}

/// `peninsula branch`.
pub fn branch(
    source: &SourceArgs,
    at: u32,
    overrides: &OverrideArgs,
    seed: Option<u64>,
    out: &Path,
    play_as: Option<&str>,
    overwrite: bool,
) -> ExitCode {
    let mut inputs = match overrides.to_inputs() {
        Ok(inputs) => inputs,
        Err(message) => return bad_input(&message),
    };
    let reads: Vec<(&Path, &str)> = source
        .file
        .iter()
        .map(|file| (file.as_path(), "record being branched"))
        .collect();
    if let Err(message) = check_output(out, &reads, None, overwrite) {
        return bad_input(&message);
    }
    let (parent, origin) = match source.load() {
        Ok(loaded) => loaded,
        Err(error) => return report_record_error(&error),
    };
    if let Some(code) = play_as {
        // From the branch turn on, a human plays this actor in the terminal.
        let code = code.to_uppercase();
        inputs.humans.push(code.clone());
        let game = match record::branch_point(&parent, at, &inputs, seed, &origin) {
            Ok(game) => game,
            Err(error) => return report_record_error(&error),
        };
        let Some(actor) = game.scenario().actor_index(&code) else {
            let known = game
                .scenario()
                .actors
                .iter()
                .map(|a| a.code.clone())
                .collect::<Vec<_>>();
            return bad_input(&crate::scenario::unknown("actor", &code, known));
        };
        let lineage = record::Branch {
            parent: parent.checksum(),
            at_turn: at,
            overrides: record::describe(&inputs),
        };
        let stdin = std::io::stdin();
        let mut session =
            super::play::Terminal::from_game(game, actor, stdin.lock(), std::io::stdout())
                .autosave_to(out.to_path_buf(), parent.difficulty)
                .with_lineage(lineage);
        // The shared history is written before the first question, so the file exists.
        if let Err(error) = session.save_now() {
            return report_record_error(&error);
        }
        let result = session.play();
        return super::finish_saved_session(result, session.all_saved());
    }
    let game = match record::branch(&parent, at, &inputs, seed, &origin) {
        Ok(game) => game,
        Err(error) => return report_record_error(&error),
    };
    let mut branch = GameRecord::from_game(&game, parent.difficulty);
    branch.branched_from = Some(record::Branch {
        parent: parent.checksum(),
        at_turn: at,
        overrides: record::describe(&inputs),
    });
    if let Err(error) = branch.save(out) {
        return report_record_error(&error);
    }
    let changes = record::describe(&inputs);
    say!(
        "branch of {origin} at turn {at}{}: {} turns shared, {} played on",
        if changes.is_empty() {
            String::new()
        } else {
            format!(" ({})", changes.join("; "))
        },
        at - 1,
        branch.turns.len() as u32 - (at - 1)
    );
    say!(
        "ending: {} (history: {})",
        branch.ending.as_deref().unwrap_or("none"),
        parent.ending.as_deref().unwrap_or("none")
    );
    say!("written to {}", out.display());
    ExitCode::SUCCESS
}

/// The one rule for every command that writes a game file: never over a file the command reads
/// (`inputs`, each with what it is), and never over an existing file, a game or anything else,
/// unless it is the game being resumed or the player passed --overwrite. Says why, and what to do.
pub(super) fn check_output(
    out: &Path,
    inputs: &[(&Path, &str)],
    resumed: Option<&Path>,
    overwrite: bool,
) -> Result<(), String> {
    for (input, what) in inputs {
        if same_file(input, out) {
            return Err(format!(
                "{} is the {what} this command reads; write to another file",
                out.display()
            ));
        }
    }
    if resumed.is_some_and(|resumed| same_file(resumed, out)) {
        return Ok(());
    }
    let Ok(metadata) = std::fs::metadata(out) else {
        return Ok(());
    };
    if metadata.is_dir() {
        return Err(format!("{} is a folder; name a file", out.display()));
    }
    if metadata.len() == 0 || overwrite {
        return Ok(());
    }
    let holds = match record::load(out) {
        Ok(game) => match (&game.ending, game.turns.last()) {
            (Some(ending), _) => format!("a finished game ({ending})"),
            (None, Some(last)) => format!(
                "an unfinished game, up to turn {} ({})",
                last.turn, last.month
            ),
            (None, None) => "an unfinished game that has not started".to_owned(),
        },
        Err(_) => "a file that is not a readable game record".to_owned(),
    };
    Err(format!(
        "{} already holds {holds}; choose another file, or pass --overwrite to replace it",
        out.display()
    ))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `peninsula compare A B`.
pub fn compare(first: &Path, second: &Path, json: bool) -> ExitCode {
    let mut loaded = Vec::new();
    for path in [first, second] {
        match record::load(path) {
            Ok(record) => loaded.push((path.display().to_string(), record)),
            Err(error) => return report_record_error(&error),
        }
    }
    if loaded[0].1.scenario.id != loaded[1].1.scenario.id {
        return bad_input(&format!(
            "{} is a game of \"{}\" and {} of \"{}\": compare records of the same scenario",
            loaded[0].0, loaded[0].1.scenario.id, loaded[1].0, loaded[1].1.scenario.id
        ));
    }
    let reports: Vec<GameReport> = match loaded
        .iter()
        .map(|(origin, record)| {
            record::replay(record, None, false, origin).map(|game| game.report())
        })
        .collect()
    {
        Ok(reports) => reports,
        Err(error) => return report_record_error(&error),
    };
    if json {
        return print_json(&reports);
    }
    let scenario = match loaded[0].1.scenario(&loaded[0].0) {
        Ok(scenario) => scenario,
        Err(error) => return report_record_error(&error),
    };
    super::emit(&render_comparison(
        &scenario,
        [&loaded[0].0, &loaded[1].0],
        [&reports[0], &reports[1]],
    ))
}

fn render_comparison(
    scenario: &crate::scenario::Scenario,
    names: [&str; 2],
    reports: [&GameReport; 2],
) -> String {
    let mut out = String::new();
    let setting = |r: &GameReport| {
        format!(
            "seed {}{}, {}",
            r.seed,
            if r.no_script { ", no script" } else { "" },
            r.scenario
        )
    };
    let _ = writeln!(
        out,
        "A: {} ({})\nB: {} ({})\n",
        names[0],
        setting(reports[0]),
        names[1],
        setting(reports[1])
    );
    let shared = reports[0]
        .turns
        .iter()
        .zip(&reports[1].turns)
        .take_while(|(a, b)| a.state_hash == b.state_hash)
        .count();
    let same_length = reports[0].turns.len() == reports[1].turns.len();
    if shared == reports[0].turns.len() && same_length {
        let _ = writeln!(
            out,
            "the two games are identical: {shared} turns with the same state hash\n"
        );
    } else {
        let _ = writeln!(
            out,
            "shared history: {shared} turns; they differ from turn {}\n",
            shared + 1
        );
    }
    for (label, report) in ["A", "B"].iter().zip(reports) {
        let _ = writeln!(
            out,
            "{label}: {} after {} turns",
            report.ending_name.as_deref().unwrap_or("no ending yet"),
            report.turns_played
        );
    }
    let _ = writeln!(out, "\nscores (0-100)        A       B");
    for (a, b) in reports[0].scores.iter().zip(&reports[1].scores) {
        let _ = writeln!(
            out,
            "  {:<16} {:6.1}  {:6.1}  {:+.1}",
            a.name,
            a.score,
            b.score,
            b.score - a.score
        );
    }
    let turns = reports[0].turns.len().max(reports[1].turns.len());
    let _ = write!(out, "\nindicators by turn        ");
    for turn in 1..=turns {
        let _ = write!(out, "{turn:>5}");
    }
    out.push('\n');
    for indicator in scenario
        .indicators
        .iter()
        .filter(|i| i.scope == Scope::Global)
    {
        for (label, report) in ["A", "B"].iter().zip(reports) {
            let _ = write!(out, "  {:<22} {label} ", truncate(&indicator.id, 22));
            for record in &report.turns {
                let _ = write!(
                    out,
                    "{:>5.0}",
                    record.indicators.get(&indicator.id).copied().unwrap_or(0.0)
                );
            }
            out.push('\n');
        }
    }
    out
}

fn truncate(text: &str, width: usize) -> String {
    text.chars().take(width).collect()
}

/// `peninsula batch --from FILE --at TURN`: the branch against the unchanged line, over seeds.
pub fn batch_branch(
    source: &SourceArgs,
    at: u32,
    overrides: &OverrideArgs,
    runs: u64,
    seed: u64,
    threads: usize,
    json: bool,
) -> ExitCode {
    let inputs = match overrides.to_inputs() {
        Ok(inputs) => inputs,
        Err(message) => return bad_input(&message),
    };
    let (parent, origin) = match source.load() {
        Ok(loaded) => loaded,
        Err(error) => return report_record_error(&error),
    };
    let scenario = match parent.scenario(&origin) {
        Ok(scenario) => scenario,
        Err(error) => return report_record_error(&error),
    };
    // Every override must take effect: try the branch turn once before the batch.
    let trial = record::branch_point(&parent, at, &inputs, Some(seed), &origin)
        .and_then(|mut game| record::play_branch_turn(&mut game, at, &inputs, &origin));
    if let Err(error) = trial {
        return report_record_error(&error);
    }
    let changes = record::describe(&inputs);
    let label = "branch".to_owned();
    let mut summaries = Vec::new();
    for (name, overrides) in [
        ("unchanged line".to_owned(), Inputs::default()),
        (label, inputs),
    ] {
        let started = Instant::now();
        let outcomes = batch::try_play_many(
            runs,
            threads,
            |index| {
                record::branch_point(
                    &parent,
                    at,
                    &overrides,
                    Some(seed.wrapping_add(index)),
                    &origin,
                )
            },
            batch::outcome,
        );
        match outcomes {
            Ok(outcomes) => summaries.push(batch::summarise(
                &name,
                &scenario,
                &outcomes,
                started.elapsed().as_secs_f64(),
            )),
            Err(error) => return report_record_error(&error),
        }
    }
    if json {
        return print_json(&summaries);
    }
    super::emit(&format!(
        "{origin}, branched at turn {at}: {runs} games each, seeds {seed} to {}, {} thread(s)\nbranch: {}\n\n{}",
        seed.wrapping_add(runs - 1),
        threads.min(runs as usize),
        if changes.is_empty() {
            "no change".to_owned()
        } else {
            changes.join("; ")
        },
        batch::render_table(&summaries)
    ))
}
