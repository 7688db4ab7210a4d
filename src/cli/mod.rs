//! The command-line front end: validate scenarios, run all-AI games, print timelines or JSON.
//! It only calls down into the core; exit codes are 0 ok, 2 bad input, 1 anything else.

/// `println!` for a command's output. A reader that stops early (`peninsula validate ... | head`)
/// ends the command quietly with success, as it would any Unix tool, instead of a panic; any other
/// failure to write is reported and exits with 1.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(error) = writeln!(std::io::stdout(), $($arg)*) {
            $crate::cli::output_failed(&error);
        }
    }};
}

mod batch;
mod classroom;
mod play;
mod records;
pub(crate) mod saves;
pub(crate) mod timeline;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::agents::Difficulty;
use crate::game::Game;
use crate::scenario::{self, FileKind, ScenarioError};

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
    Batch(batch::BatchArgs),
    /// Merge the rows of a batch's shards (`batch --shard K/N --out FILE.jsonl`) into the table
    /// one run over all the seeds prints.
    Merge {
        /// The shards' .jsonl files, one for each slice, in any order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the statistics as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Move each interest weight down and up, replay the batch, and rank the weights by how far
    /// they move each ending's probability.
    Sweep(batch::SweepArgs),
    /// Play one actor in the terminal against the AI (the default with no command).
    Play(PlayArgs),
    /// Replay a game record (or the historical line), optionally verifying every turn's hash.
    Replay {
        #[command(flatten)]
        source: records::SourceArgs,
        /// Recompute every turn and compare state hashes; name the first turn that differs.
        #[arg(long, conflicts_with_all = ["json", "explain"])]
        verify: bool,
        /// Print every AI decision's reasons.
        #[arg(long)]
        explain: bool,
        /// Print the replayed game as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Branch a record at a turn with overrides, play on to an ending, and write the new record.
    Branch {
        #[command(flatten)]
        source: records::SourceArgs,
        /// The first turn that differs.
        #[arg(long)]
        at: u32,
        #[command(flatten)]
        overrides: records::OverrideArgs,
        /// Draw from this seed from the branch turn on (default: the record's own).
        #[arg(long)]
        seed: Option<u64>,
        /// Where to write the branch's record.
        #[arg(short, long, value_name = "FILE")]
        out: PathBuf,
        /// Play this actor yourself from the branch turn on, in the terminal.
        #[arg(long = "play-as", value_name = "CODE")]
        play_as: Option<String>,
        /// Replace the output file if it already exists (never one of the files read).
        #[arg(long)]
        overwrite: bool,
    },
    /// List saved games (unfinished first), with the command that continues each.
    Saves,
    /// Compare two records side by side: endings, scores, indicators turn by turn.
    Compare {
        first: PathBuf,
        second: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// List every weight and effect with its source: essay paragraphs, a record entry, or an
    /// assumption's reason.
    Sources {
        /// Scenario file; the embedded one when omitted.
        scenario: Option<PathBuf>,
        /// Only this actor's weights and the actions, deals and events it takes part in.
        #[arg(long, value_name = "CODE")]
        actor: Option<String>,
        /// Overlay a variant (repeatable, applied in order); weights it sets are marked.
        #[arg(long = "variant", value_name = "FILE")]
        variants: Vec<PathBuf>,
        /// Print the listing as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write briefing packs for print (one actor, --all, or the --teacher's guide) as HTML or
    /// Markdown: interests with weights and essay paragraphs, actions, the others' aims, endings.
    Brief(classroom::BriefArgs),
    /// Write the after-action report of a game record: timeline, charts, decisions that
    /// mattered, departures from the weights, which hypothesis fits (HTML, Markdown, CSV, JSON).
    Report(classroom::ReportArgs),
    /// Print an actor's briefing: its interests, their weights and their sources in the essay.
    Briefing {
        /// Actor code, like USA.
        actor: String,
        /// Scenario file; the embedded one when omitted.
        scenario: Option<PathBuf>,
    },
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
    /// Save after every turn to this file (default: a new file in the saves folder; see `peninsula saves`).
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
    /// Replace the --save file if it already holds something (never the scenario played).
    #[arg(long)]
    pub overwrite: bool,
    /// Continue a saved game.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["scenario", "seed", "difficulty"])]
    pub resume: Option<PathBuf>,
    /// Play in the terminal, not the window.
    #[arg(long)]
    pub terminal: bool,
    #[command(flatten)]
    pub window: WindowArgs,
}

/// Window options: more people at one machine, and automation for tests and demos.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WindowArgs {
    /// Another actor played by a person at the same machine (repeatable; the window only).
    #[arg(long = "with", value_name = "CODE")]
    pub with: Vec<String>,
    /// Play this many months with the AI in every seat first.
    #[arg(long, value_name = "TURNS")]
    pub autoplay: Option<u32>,
    /// Save a screenshot of the screen chosen with --screen (default: the game) to this PNG.
    #[arg(long, value_name = "FILE")]
    pub screenshot: Option<PathBuf>,
    /// The screen to show or capture: menu, briefing, game or debrief.
    #[arg(long, value_name = "SCREEN")]
    pub screen: Option<String>,
    /// Quit once the screenshot is saved.
    #[arg(long)]
    pub exit: bool,
    /// Window size, WIDTHxHEIGHT in logical pixels (default 1280x720).
    #[arg(long, value_name = "WxH")]
    pub size: Option<String>,
    /// Open the why panel on the month's last AI order before the screenshot.
    #[arg(long)]
    pub why: bool,
    /// The lower panel's tab: news, diplomacy, council, charts or scores.
    #[arg(long, value_name = "TAB")]
    pub tab: Option<String>,
    /// Time this many frames of the screen and print the median and 95th percentile, then quit.
    #[arg(long, value_name = "FRAMES")]
    pub measure: Option<u32>,
    /// Watch the historical line for --autoplay months, then take over --as and play on beside it.
    #[arg(long = "what-if")]
    pub what_if: bool,
    /// Open the teacher's controls (T in the window) with this many seconds per decision.
    #[arg(long, value_name = "SECONDS")]
    pub teacher: Option<f32>,
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Scenario file; the embedded July 2017 scenario when omitted.
    pub scenario: Option<PathBuf>,
    /// The game's seed: same scenario, seed and orders give the same game.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Stop after this many turns even if no ending is reached.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
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
    /// Write the game record here, saved after every turn.
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,
    /// Replace the --record file if it already exists (never a scenario or variant read).
    #[arg(long)]
    pub overwrite: bool,
    /// Inject a flashpoint of the scenario at the start of a turn: TURN:ID, like
    /// 3:debris_near_japan (repeatable); kept in the record.
    #[arg(long = "flashpoint", value_name = "TURN:ID", value_parser = turn_and_id)]
    pub flashpoints: Vec<(u32, String)>,
}

fn turn_and_id(text: &str) -> Result<(u32, String), String> {
    let (turn, id) = text
        .split_once(':')
        .ok_or_else(|| format!("\"{text}\" is not TURN:ID, like 3:debris_near_japan"))?;
    let turn = turn
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|t| *t >= 1)
        .ok_or_else(|| format!("\"{turn}\" is not a turn number (from 1)"))?;
    Ok((turn, id.trim().to_owned()))
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
        Some(Command::Batch(args)) => batch::batch(&args),
        Some(Command::Merge { files, json }) => batch::merge(&files, json),
        Some(Command::Sweep(args)) => batch::sweep(&args),
        Some(Command::Replay {
            source,
            verify,
            explain,
            json,
        }) => records::replay(&source, verify, explain, json),
        Some(Command::Branch {
            source,
            at,
            overrides,
            seed,
            out,
            play_as,
            overwrite,
        }) => records::branch(
            &source,
            at,
            &overrides,
            seed,
            &out,
            play_as.as_deref(),
            overwrite,
        ),
        Some(Command::Saves) => saves::list(),
        Some(Command::Compare {
            first,
            second,
            json,
        }) => records::compare(&first, &second, json),
        Some(Command::Brief(args)) => classroom::brief(&args),
        Some(Command::Report(args)) => classroom::report(&args),
        Some(Command::Briefing { actor, scenario }) => briefing(&actor, scenario.as_deref()),
        Some(Command::Sources {
            scenario,
            actor,
            variants,
            json,
        }) => sources(scenario.as_deref(), actor.as_deref(), &variants, json),
        None if window_available() => play(&PlayArgs::default()),
        None if std::io::IsTerminal::is_terminal(&std::io::stdin()) => play(&PlayArgs {
            terminal: true,
            ..PlayArgs::default()
        }),
        None => {
            let mut out = std::io::stdout();
            let _ = <Cli as clap::CommandFactory>::command().write_help(&mut out);
            say!();
            ExitCode::SUCCESS
        }
    }
}

/// Writes to standard output; a closed pipe (`| head`) is a normal end, not an error.
pub(crate) fn emit(text: &str) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot write the output: {error}");
            ExitCode::from(1)
        }
    }
}

fn load(path: Option<&std::path::Path>) -> Result<Arc<scenario::Scenario>, ExitCode> {
    scenario::load_with_variants(path, &[] as &[PathBuf])
        .map(Arc::new)
        .map_err(|error| report_error(&error))
}

fn find_actor(scenario: &scenario::Scenario, code: &str) -> Result<usize, ExitCode> {
    scenario
        .actor_index(code)
        .or_else(|| scenario.actor_index(&code.to_uppercase()))
        .ok_or_else(|| {
            eprintln!(
                "error: {}",
                scenario::unknown("actor", code, scenario.actors.iter().map(|a| &a.code))
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
        Ok(index) => emit(&play::briefing(&scenario, index)),
        Err(code) => code,
    }
}

fn sources(
    path: Option<&std::path::Path>,
    actor: Option<&str>,
    variant_paths: &[PathBuf],
    json: bool,
) -> ExitCode {
    let base = match load(path) {
        Ok(base) => base,
        Err(code) => return code,
    };
    let scenario = match scenario::load_with_variants(path, variant_paths) {
        Ok(scenario) => scenario,
        Err(error) => return report_error(&error),
    };
    let mut variants = Vec::new();
    for variant_path in variant_paths {
        let origin = variant_path.display().to_string();
        let parsed = std::fs::read_to_string(variant_path)
            .map_err(|source| ScenarioError::Io {
                path: origin.clone(),
                source,
            })
            .and_then(|text| scenario::parse_variant(&text, &origin));
        match parsed {
            Ok(variant) => variants.push(variant),
            Err(error) => return report_error(&error),
        }
    }
    let actor = match actor {
        Some(code) => match find_actor(&scenario, code) {
            Ok(index) => Some(scenario.actors[index].code.clone()),
            Err(code) => return code,
        },
        None => None,
    };
    let listing =
        crate::report::sources::listing(&scenario, Some(&base.file), &variants, actor.as_deref());
    if json {
        records::print_json(&listing)
    } else {
        emit(&crate::report::sources::render(&listing))
    }
}

/// True when this build has the window and a display to open it on.
fn window_available() -> bool {
    #[cfg(feature = "window")]
    {
        crate::gui::has_display()
    }
    #[cfg(not(feature = "window"))]
    {
        false
    }
}

/// Opens the window for `args`, or says why it cannot (None: play in the terminal).
fn play_in_window(args: &PlayArgs) -> Option<ExitCode> {
    let automated = args.window.screenshot.is_some() || args.window.measure.is_some();
    if args.terminal {
        return None;
    }
    if !window_available() {
        if automated {
            eprintln!(
                "error: no display to open the window on (DISPLAY is not set){}",
                if cfg!(feature = "window") {
                    "; run under a display or `xvfb-run`"
                } else {
                    "; this build has no window (built without the `window` feature)"
                }
            );
            return Some(ExitCode::FAILURE);
        }
        if cfg!(feature = "window") {
            eprintln!("No display found: playing in the terminal instead.");
        }
        return None;
    }
    #[cfg(feature = "window")]
    {
        let screen = match args
            .window
            .screen
            .as_deref()
            .map(str::parse::<crate::gui::Screen>)
        {
            Some(Err(message)) => {
                eprintln!("error: {message}");
                return Some(ExitCode::from(2));
            }
            Some(Ok(screen)) => Some(screen),
            None if args.window.screenshot.is_some() || args.window.measure.is_some() => {
                Some(crate::gui::Screen::Game)
            }
            None => None,
        };
        let size = match args.window.size.as_deref() {
            None => (1280, 720),
            Some(text) => match text
                .split_once(['x', 'X'])
                .and_then(|(w, h)| Some((w.trim().parse().ok()?, h.trim().parse().ok()?)))
            {
                Some(size) => size,
                None => {
                    eprintln!("error: --size wants WIDTHxHEIGHT, like 1920x1080; got \"{text}\"");
                    return Some(ExitCode::from(2));
                }
            },
        };
        if let Some(scenario) = &args.scenario
            && let Err(error) = scenario::load_scenario(scenario)
        {
            eprintln!("{error}");
            return Some(ExitCode::from(2));
        }
        let mut humans: Vec<String> = args.actor.iter().cloned().collect();
        humans.extend(args.window.with.iter().cloned());
        if let Ok(scenario) = load(args.scenario.as_deref()) {
            for code in &humans {
                if let Err(code) = find_actor(&scenario, code) {
                    return Some(code);
                }
            }
        }
        let launch = crate::gui::Launch {
            scenario: args.scenario.clone(),
            humans,
            seed: Some(args.seed),
            autoplay: args.window.autoplay,
            screenshot: args.window.screenshot.clone(),
            screen,
            exit: args.window.exit,
            size,
            open_why: args.window.why,
            tab: args.window.tab.clone(),
            measure: args.window.measure,
            what_if: args.window.what_if,
            teacher: args.window.teacher,
        };
        Some(crate::gui::run(launch))
    }
    #[cfg(not(feature = "window"))]
    {
        None
    }
}

fn play(args: &PlayArgs) -> ExitCode {
    if args.resume.is_none()
        && let Some(code) = play_in_window(args)
    {
        return code;
    }
    let (game, difficulty, recorded_actor) = match &args.resume {
        Some(path) => {
            let origin = path.display().to_string();
            let resumed = crate::record::load(path).and_then(|record| {
                crate::record::replay(&record, None, true, &origin).map(|game| (game, record))
            });
            match resumed {
                Ok((game, record)) => {
                    let actor = record
                        .turns
                        .last()
                        .and_then(|t| t.inputs.humans.first().cloned());
                    (game, record.difficulty, actor)
                }
                Err(error) => return records::report_record_error(&error),
            }
        }
        None => match load(args.scenario.as_deref()) {
            Ok(scenario) => (
                Game::new(Arc::new(args.difficulty.apply(&scenario)), args.seed, false),
                args.difficulty,
                None,
            ),
            Err(code) => return code,
        },
    };
    if game.is_over() {
        say!(
            "That game is over: {}.",
            game.report().ending_name.unwrap_or_default()
        );
        return ExitCode::SUCCESS;
    }
    let scenario = game.scenario().clone();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let actor = match args.actor.as_ref().or(recorded_actor.as_ref()) {
        Some(code) => match find_actor(&scenario, code) {
            Ok(index) => index,
            Err(code) => return code,
        },
        None => match choose_actor(&scenario, &mut input) {
            Some(index) => index,
            None => return ExitCode::SUCCESS,
        },
    };
    if let (Some(recorded), Some(chosen)) = (&recorded_actor, &args.actor)
        && !recorded.eq_ignore_ascii_case(chosen)
    {
        say!(
            "Note: this save was played as {recorded}; you now play {}.",
            chosen.to_uppercase()
        );
    }
    let save = match (&args.save, &args.resume) {
        (Some(path), _) | (None, Some(path)) => path.clone(),
        (None, None) => {
            // A new game never replaces another: it gets a file of its own in the saves folder.
            saves::announce_kept_games();
            saves::new_save_path(&scenario.actors[actor].code)
        }
    };
    let reads: Vec<(&std::path::Path, &str)> = args
        .scenario
        .iter()
        .map(|path| (path.as_path(), "scenario"))
        .collect();
    if let Err(message) =
        records::check_output(&save, &reads, args.resume.as_deref(), args.overwrite)
    {
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    let mut session = play::Terminal::from_game(game, actor, input, std::io::stdout())
        .autosave_to(save, difficulty);
    // A save that cannot be written is found now, not after the first month.
    if let Err(error) = session.save_now() {
        let code = records::report_record_error(&error);
        eprintln!("Choose a writable file with --save FILE.");
        return code;
    }
    let result = session.play();
    finish_saved_session(result, session.all_saved())
}

/// A session's exit code, failing (1) when turns were played that no file holds.
pub(crate) fn finish_saved_session(result: Result<(), play::Stop>, all_saved: bool) -> ExitCode {
    let code = finish_session(result);
    if code == ExitCode::SUCCESS && !all_saved {
        eprintln!("error: the last turns played are not saved (see the warning above)");
        return ExitCode::from(1);
    }
    code
}

/// The exit code of a play session: quitting and a closed output are normal ends.
pub(crate) fn finish_session(result: Result<(), play::Stop>) -> ExitCode {
    match result {
        Ok(()) | Err(play::Stop::Quit) => ExitCode::SUCCESS,
        Err(play::Stop::Io(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(play::Stop::Io(error)) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
    }
}

/// Asks which actor to play; None when the player quits or the input ends.
fn choose_actor(scenario: &scenario::Scenario, input: &mut impl std::io::BufRead) -> Option<usize> {
    say!("Peninsula: {}\nWhich actor do you play?", scenario.name);
    for (number, actor) in scenario.actors.iter().enumerate() {
        say!("  {}) {} ({})", number + 1, actor.name, actor.code);
    }
    loop {
        print!("Number or code (q quits): ");
        let _ = std::io::Write::flush(&mut std::io::stdout());
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        let line = line.trim();
        if line.eq_ignore_ascii_case("q") {
            return None;
        }
        if let Ok(number) = line.parse::<usize>()
            && (1..=scenario.actors.len()).contains(&number)
        {
            return Some(number - 1);
        }
        if let Some(index) = scenario.actor_index(&line.to_uppercase()) {
            return Some(index);
        }
        say!("  Not an actor here.");
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
        match scenario::validate_file_with_warnings(path) {
            Ok((kind, warnings)) => {
                let origin = path.display().to_string();
                for warning in &warnings {
                    eprintln!("warning: {}", warning.render(&origin));
                }
                let kind = match kind {
                    FileKind::Scenario => "scenario",
                    FileKind::Variant => "variant",
                    FileKind::Record => "record",
                };
                say!("ok: {} ({kind})", path.display());
            }
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
    if let Some(path) = &args.record {
        let mut reads: Vec<(&std::path::Path, &str)> = args
            .variants
            .iter()
            .map(|variant| (variant.as_path(), "variant"))
            .collect();
        if let Some(scenario) = &args.scenario {
            reads.push((scenario.as_path(), "scenario"));
        }
        if let Err(message) = records::check_output(path, &reads, None, args.overwrite) {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    }
    let mut game = Game::new(scenario.clone(), args.seed, args.no_script);
    for (_, id) in &args.flashpoints {
        if scenario.flashpoint_index(id).is_none() {
            eprintln!(
                "error: --flashpoint: {}",
                scenario::unknown("flashpoint", id, scenario.flashpoints.iter().map(|f| &f.id))
            );
            return ExitCode::from(2);
        }
    }
    let mut left = args.turns.unwrap_or(u32::MAX);
    while !game.is_over() && left > 0 {
        let next = game.state().turn + 1;
        for (_, id) in args.flashpoints.iter().filter(|(turn, _)| *turn == next) {
            if let Err(error) = game.inject_flashpoint(id) {
                eprintln!("error: --flashpoint: {error}");
                return ExitCode::from(2);
            }
        }
        game.play_turn();
        left -= 1;
        if let Some(path) = &args.record
            && let Err(code) = records::save(&game, args.difficulty, path)
        {
            return code;
        }
    }
    let report = game.report();
    if args.json {
        return records::print_json(&report);
    }
    emit(&timeline::render(&scenario, &report, args.explain))
}

/// Ends the process after a failed write to standard output: quietly and with success when the
/// reader has gone (a closed pipe), else with the error and exit code 1.
pub(crate) fn output_failed(error: &std::io::Error) -> ! {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("error: cannot write the output: {error}");
    std::process::exit(1);
}
