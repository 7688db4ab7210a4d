//! The command-line front end: validate scenarios, run all-AI games, print timelines or JSON.
//! It only calls down into the core; exit codes are 0 ok, 2 bad input, 1 anything else.

mod play;
mod timeline;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::agents::Difficulty;
use crate::scenario::{self, FileKind, ScenarioError};
use crate::sim::Game;

/// Peninsula: a turn-based strategy game about the 2017 North Korea crisis.
#[derive(Debug, Parser)]
#[command(name = "peninsula", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario and variant files; prints each problem with file:line:column.
    Validate {
        /// RON files: scenarios or variants.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Play an all-AI game and print its timeline.
    Run(RunArgs),
    /// Play many all-AI games over seeds, and compare the scenario with variants side by side.
    Batch(BatchArgs),
    /// Play one actor in the terminal against the AI (the default with no command).
    Play(PlayArgs),
    /// Print an actor's briefing: its interests, their weights and their sources in the essay.
    Briefing {
        /// Actor code, like USA.
        actor: String,
        /// Scenario file; the embedded one when omitted.
        scenario: Option<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// Scenario file; the embedded July 2017 scenario when omitted.
    pub scenario: Option<PathBuf>,
    /// Games per column.
    #[arg(long, default_value_t = 100)]
    pub runs: u64,
    /// The first seed; game i uses seed + i.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// A variant to compare with the base scenario (repeatable: one column each).
    #[arg(long = "variant", value_name = "FILE")]
    pub variants: Vec<PathBuf>,
    /// Switch off the historical script.
    #[arg(long)]
    pub no_script: bool,
    /// Threads to use; every core by default.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Print the statistics as JSON.
    #[arg(long)]
    pub json: bool,
    /// How hard the AI plays (scales every actor's temperature).
    #[arg(long, value_enum, default_value_t)]
    pub difficulty: Difficulty,
}

#[derive(Debug, clap::Args, Default)]
pub struct PlayArgs {
    /// Scenario file; the embedded July 2017 scenario when omitted.
    pub scenario: Option<PathBuf>,
    /// The actor you play (USA, CHN, RUS, PRK, KOR); asked when omitted.
    #[arg(long = "as", value_name = "CODE")]
    pub actor: Option<String>,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// How hard the AI opponents play.
    #[arg(long, value_enum, default_value_t)]
    pub difficulty: Difficulty,
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Scenario file; the embedded July 2017 scenario when omitted.
    pub scenario: Option<PathBuf>,
    /// The game's seed: same scenario, seed and orders give the same game.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Stop after this many turns even if no ending is reached.
    #[arg(long)]
    pub turns: Option<u32>,
    /// Overlay a variant (repeatable, applied in order).
    #[arg(long = "variant", value_name = "FILE")]
    pub variants: Vec<PathBuf>,
    /// Switch off the historical script: every choice comes from the actors' weights.
    #[arg(long)]
    pub no_script: bool,
    /// Print the whole game as one JSON document.
    #[arg(long)]
    pub json: bool,
    /// After each AI choice, print its reasons in sentences.
    #[arg(long)]
    pub explain: bool,
    /// How hard the AI plays (scales every actor's temperature).
    #[arg(long, value_enum, default_value_t)]
    pub difficulty: Difficulty,
}

/// Runs the command line; returns the process exit code.
pub fn main_with_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return match error.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    match cli.command {
        Some(Command::Validate { files }) => validate(&files),
        Some(Command::Run(args)) => run(&args),
        Some(Command::Play(args)) => play(&args),
        Some(Command::Batch(args)) => batch(&args),
        Some(Command::Briefing { actor, scenario }) => briefing(&actor, scenario.as_deref()),
        None if std::io::IsTerminal::is_terminal(&std::io::stdin()) => play(&PlayArgs::default()),
        None => {
            let mut out = std::io::stdout();
            let _ = <Cli as clap::CommandFactory>::command().write_help(&mut out);
            println!();
            ExitCode::SUCCESS
        }
    }
}

fn batch(args: &BatchArgs) -> ExitCode {
    if args.runs == 0 {
        eprintln!("error: --runs must be at least 1");
        return ExitCode::from(2);
    }
    let threads = args.threads.unwrap_or_else(crate::batch::default_threads);
    let mut columns: Vec<(String, Arc<scenario::Scenario>)> = Vec::new();
    match load(args.scenario.as_deref()) {
        Ok(base) => columns.push((base.id.clone(), Arc::new(args.difficulty.apply(&base)))),
        Err(code) => return code,
    }
    for variant in &args.variants {
        match scenario::load_with_variants(args.scenario.as_deref(), std::slice::from_ref(variant))
        {
            Ok(scenario) => {
                let label = variant
                    .file_stem()
                    .map_or("variant".into(), |s| s.to_string_lossy().into_owned());
                columns.push((label, Arc::new(args.difficulty.apply(&scenario))));
            }
            Err(error) => return report_error(&error),
        }
    }
    let summaries: Vec<crate::batch::Summary> = columns
        .into_iter()
        .map(|(label, scenario)| {
            crate::batch::run_batch(
                &label,
                scenario,
                args.runs,
                args.seed,
                args.no_script,
                threads,
            )
        })
        .collect();
    if args.json {
        match serde_json::to_string_pretty(&summaries) {
            Ok(text) => println!("{text}"),
            Err(error) => {
                eprintln!("error: cannot write JSON: {error}");
                return ExitCode::from(1);
            }
        }
    } else {
        println!(
            "{} games per column from seed {}{}, {threads} threads\n",
            args.runs,
            args.seed,
            if args.no_script { ", no script" } else { "" }
        );
        print!("{}", crate::batch::render_table(&summaries));
    }
    ExitCode::SUCCESS
}

fn load(path: Option<&std::path::Path>) -> Result<Arc<scenario::Scenario>, ExitCode> {
    scenario::load_with_variants(path, &[] as &[PathBuf])
        .map(Arc::new)
        .map_err(|error| report_error(&error))
}

fn find_actor(scenario: &scenario::Scenario, code: &str) -> Result<usize, ExitCode> {
    scenario.actor_index(&code.to_uppercase()).ok_or_else(|| {
        let known: Vec<&str> = scenario.actors.iter().map(|a| a.code.as_str()).collect();
        eprintln!(
            "error: unknown actor \"{code}\"; known actors: {}",
            known.join(", ")
        );
        ExitCode::from(2)
    })
}

fn briefing(actor: &str, path: Option<&std::path::Path>) -> ExitCode {
    let scenario = match load(path) {
        Ok(scenario) => scenario,
        Err(code) => return code,
    };
    match find_actor(&scenario, actor) {
        Ok(index) => {
            print!("{}", play::briefing(&scenario, index));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn play(args: &PlayArgs) -> ExitCode {
    let scenario = match load(args.scenario.as_deref()) {
        Ok(scenario) => Arc::new(args.difficulty.apply(&scenario)),
        Err(code) => return code,
    };
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let actor = match &args.actor {
        Some(code) => match find_actor(&scenario, code) {
            Ok(index) => index,
            Err(code) => return code,
        },
        None => {
            println!("Peninsula: {}\nWhich actor do you play?", scenario.name);
            for (number, actor) in scenario.actors.iter().enumerate() {
                println!("  {}) {} ({})", number + 1, actor.name, actor.code);
            }
            loop {
                print!("Number or code (q quits): ");
                let _ = std::io::Write::flush(&mut std::io::stdout());
                let mut line = String::new();
                match std::io::BufRead::read_line(&mut input, &mut line) {
                    Ok(0) | Err(_) => return ExitCode::SUCCESS,
                    Ok(_) => {}
                }
                let line = line.trim();
                if line.eq_ignore_ascii_case("q") {
                    return ExitCode::SUCCESS;
                }
                if let Ok(number) = line.parse::<usize>()
                    && (1..=scenario.actors.len()).contains(&number)
                {
                    break number - 1;
                }
                if let Some(index) = scenario.actor_index(&line.to_uppercase()) {
                    break index;
                }
                println!("  Not an actor here.");
            }
        }
    };
    let mut session = play::Session::new(scenario, args.seed, actor, input, std::io::stdout());
    match session.play() {
        Ok(()) | Err(play::Stop::Quit) => ExitCode::SUCCESS,
        Err(play::Stop::Io(error)) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
    }
}

fn report_error(error: &ScenarioError) -> ExitCode {
    eprintln!("error: {error}");
    if error.is_bad_input() {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}

fn validate(files: &[PathBuf]) -> ExitCode {
    let mut worst = ExitCode::SUCCESS;
    for path in files {
        match scenario::validate_file(path) {
            Ok(FileKind::Scenario) => println!("ok: {} (scenario)", path.display()),
            Ok(FileKind::Variant) => println!("ok: {} (variant)", path.display()),
            Err(error) => {
                let code = report_error(&error);
                if worst == ExitCode::SUCCESS || code == ExitCode::from(2) {
                    worst = code;
                }
            }
        }
    }
    worst
}

fn run(args: &RunArgs) -> ExitCode {
    let scenario = match scenario::load_with_variants(args.scenario.as_deref(), &args.variants) {
        Ok(scenario) => Arc::new(args.difficulty.apply(&scenario)),
        Err(error) => return report_error(&error),
    };
    let mut game = Game::new(scenario.clone(), args.seed, args.no_script);
    game.play(args.turns);
    let report = game.report();
    if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
            Err(error) => {
                eprintln!("error: cannot write the game as JSON: {error}");
                return ExitCode::from(1);
            }
        }
    } else {
        print!("{}", timeline::render(&scenario, &report, args.explain));
    }
    ExitCode::SUCCESS
}
