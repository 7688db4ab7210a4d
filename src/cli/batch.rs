//! `peninsula batch`, `merge` and `sweep`: many games over seeds, rows as they finish, shards
//! merged back into one table, and a sensitivity sweep over the interest weights.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use crate::agents::Difficulty;
use crate::batch::sweep::{self, SweepPlan, Weight};
use crate::batch::{self, Column, Header, Row, RowWriter, Shard};
use crate::scenario;

use super::records;

#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// Scenario file; the embedded July 2017 scenario when omitted.
    pub scenario: Option<PathBuf>,
    /// Games per column.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
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
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,
    /// Print the statistics as JSON.
    #[arg(long)]
    pub json: bool,
    /// How hard the AI plays (scales every actor's temperature).
    #[arg(long, value_enum, default_value_t)]
    pub difficulty: Difficulty,
    /// Write one row per game as games finish, in seed order: FILE.csv or FILE.jsonl (the form
    /// `peninsula merge` reads).
    #[arg(long, value_name = "FILE", conflicts_with = "at")]
    pub out: Option<PathBuf>,
    /// Play only the K-th of N equal slices of the seeds (K from 1), for array jobs; merge the
    /// shards' .jsonl rows with `peninsula merge`.
    #[arg(long, value_name = "K/N", value_parser = Shard::parse, conflicts_with = "at")]
    pub shard: Option<Shard>,
    /// Branch this record instead of playing fresh games (with --at).
    #[arg(
        long,
        value_name = "FILE",
        requires = "at",
        conflicts_with = "historical"
    )]
    pub from: Option<PathBuf>,
    /// Branch the historical line (with --at).
    #[arg(long, requires = "at")]
    pub historical: bool,
    /// The turn at which the branch departs from the record; each game is reseeded from there.
    #[arg(long, conflicts_with_all = ["scenario", "variants", "no_script", "difficulty"])]
    pub at: Option<u32>,
    #[command(flatten)]
    pub overrides: records::OverrideArgs,
    /// Also write the hypothesis lab page (HTML, or Markdown for .md): the columns side by
    /// side, ending probabilities with 95% intervals, which differences are significant.
    #[arg(long, value_name = "FILE.html", conflicts_with_all = ["at", "shard"])]
    pub report: Option<PathBuf>,
    /// With --report: also sweep every weight of the base scenario over this many games each,
    /// and put the ranking on the page as a tornado chart.
    #[arg(long, value_name = "RUNS", requires = "report", value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub sweep_runs: Option<u64>,
    /// Replace the --report file if it already exists.
    #[arg(long)]
    pub overwrite: bool,
}

fn threads(requested: Option<u16>) -> usize {
    requested.map_or_else(crate::batch::default_threads, usize::from)
}

/// The scenario and its variants, each a column, at the chosen difficulty.
fn columns(
    path: Option<&std::path::Path>,
    variants: &[PathBuf],
    difficulty: Difficulty,
) -> Result<Vec<(String, Arc<scenario::Scenario>)>, ExitCode> {
    let mut columns = Vec::new();
    let base = super::load(path)?;
    columns.push((base.id.clone(), Arc::new(difficulty.apply(&base))));
    for variant in variants {
        match scenario::load_with_variants(path, std::slice::from_ref(variant)) {
            Ok(scenario) => {
                let label = variant
                    .file_stem()
                    .map_or("variant".into(), |s| s.to_string_lossy().into_owned());
                columns.push((label, Arc::new(difficulty.apply(&scenario))));
            }
            Err(error) => return Err(super::report_error(&error)),
        }
    }
    Ok(columns)
}

/// Readable names for the columns: the base scenario's, and each variant's own `name`.
fn column_names(
    variants: &[PathBuf],
    columns: &[(String, Arc<scenario::Scenario>)],
) -> Vec<(String, String)> {
    let mut names = Vec::new();
    if let Some((label, _)) = columns.first() {
        names.push((label.clone(), "Unchanged scenario".to_owned()));
    }
    for (path, (label, _)) in variants.iter().zip(columns.iter().skip(1)) {
        let name = crate::files::read_text(path)
            .ok()
            .and_then(|text| scenario::parse_variant(&text, &path.display().to_string()).ok())
            .map_or(label.clone(), |variant| variant.name);
        names.push((label.clone(), name));
    }
    names
}

pub fn batch(args: &BatchArgs) -> ExitCode {
    let threads = threads(args.threads);
    if let Some(at) = args.at {
        let source = records::SourceArgs {
            file: args.from.clone(),
            historical: args.historical,
            history_seed: 1,
        };
        return records::batch_branch(
            &source,
            at,
            &args.overrides,
            args.runs,
            args.seed,
            threads,
            args.json,
        );
    }
    if args.from.is_some() || args.historical {
        eprintln!(
            "error: --from and --historical need --at TURN: the turn where the branch departs"
        );
        return ExitCode::from(2);
    }
    let columns = match columns(args.scenario.as_deref(), &args.variants, args.difficulty) {
        Ok(columns) => columns,
        Err(code) => return code,
    };
    let shard = args.shard.unwrap_or(Shard::ALL);
    let indices = shard.indices(args.runs);
    let header = Header {
        peninsula_batch: 1,
        runs: args.runs,
        first_seed: args.seed,
        no_script: args.no_script,
        difficulty: format!("{:?}", args.difficulty).to_lowercase(),
        shard,
        columns: columns
            .iter()
            .map(|(label, scenario)| Column::of(label, scenario))
            .collect(),
    };
    let mut writer = match &args.out {
        Some(path) => match RowWriter::create(path, &header) {
            Ok(writer) => Some(writer),
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let mut summaries = Vec::new();
    for (label, scenario) in &columns {
        let result = batch::run_batch_streaming(
            label,
            scenario.clone(),
            args.seed,
            indices.clone(),
            args.no_script,
            threads,
            |played| match writer.as_mut() {
                Some(writer) => writer.write(&Row::of(label, scenario, played)),
                None => Ok(()),
            },
        );
        match result {
            Ok(summary) => summaries.push(summary),
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(1);
            }
        }
    }
    if let Some(writer) = writer {
        let seconds: Vec<f64> = summaries.iter().map(|s| s.seconds).collect();
        if let Err(message) = writer.finish(&seconds) {
            eprintln!("error: {message}");
            return ExitCode::from(1);
        }
    }
    if let Some(path) = &args.report {
        let sweep = args.sweep_runs.map(|runs| {
            let base = columns[0].1.clone();
            let plan = SweepPlan {
                weights: Weight::all(&base),
                delta: 0.5,
                runs,
                first_seed: args.seed,
                no_script: args.no_script,
                threads,
            };
            sweep::sweep(&base, &plan, |_, _| {})
        });
        let names = column_names(&args.variants, &columns);
        let about = format!(
            "{} games per version, seeds {} to {}{}",
            args.runs,
            args.seed,
            args.seed.wrapping_add(args.runs - 1),
            if args.no_script {
                ", historical script off"
            } else {
                ""
            }
        );
        let page = crate::report::lab::lab(&summaries, &names, sweep.as_ref(), &about);
        let mut reads: Vec<(&std::path::Path, &str)> = args
            .variants
            .iter()
            .map(|v| (v.as_path(), "variant"))
            .collect();
        if let Some(scenario) = &args.scenario {
            reads.push((scenario.as_path(), "scenario"));
        }
        if let Err(code) = super::classroom::write_document(path, &page, &reads, args.overwrite) {
            return code;
        }
    }
    if args.json {
        return records::print_json(&summaries);
    }
    let games = if shard == Shard::ALL {
        format!("{} games per column from seed {}", args.runs, args.seed)
    } else {
        format!(
            "shard {}/{}: games {} to {} of {} per column (seeds {} to {})",
            shard.index,
            shard.of,
            indices.start + 1,
            indices.end,
            args.runs,
            args.seed.wrapping_add(indices.start),
            args.seed.wrapping_add(indices.end.saturating_sub(1))
        )
    };
    super::emit(&format!(
        "{games}{}, {} thread(s)\n\n{}",
        if args.no_script { ", no script" } else { "" },
        threads.min(indices.end.saturating_sub(indices.start).max(1) as usize),
        batch::render_table(&summaries)
    ))
}

/// `peninsula merge`: the shards' rows back into the table one run prints.
pub fn merge(files: &[PathBuf], json: bool) -> ExitCode {
    let (header, summaries) = match batch::merge(files) {
        Ok(merged) => merged,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    if json {
        return records::print_json(&summaries);
    }
    super::emit(&format!(
        "{} games per column from seed {}{}, merged from {} shard(s)\n\n{}",
        header.runs,
        header.first_seed,
        if header.no_script { ", no script" } else { "" },
        files.len(),
        batch::render_table(&summaries)
    ))
}

#[derive(Debug, clap::Args)]
pub struct SweepArgs {
    /// Scenario file; the embedded July 2017 scenario when omitted.
    pub scenario: Option<PathBuf>,
    /// Overlay a variant (repeatable, applied in order) before sweeping.
    #[arg(long = "variant", value_name = "FILE")]
    pub variants: Vec<PathBuf>,
    /// Games for the unchanged scenario and for each weight moved down and up.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub runs: u64,
    /// How far each weight moves, as a fraction of its value (0.5: 0.6 becomes 0.3 and 0.9).
    #[arg(long, default_value_t = 0.5, value_parser = delta)]
    pub delta: f64,
    /// Sweep only these weights: an actor code (all its weights) or CODE:label (repeatable).
    #[arg(long, value_name = "WEIGHT")]
    pub only: Vec<String>,
    /// The first seed; game i uses seed + i, the same seeds for every weight.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Switch off the historical script.
    #[arg(long)]
    pub no_script: bool,
    /// Threads to use; every core by default.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,
    /// How many weights to list for each ending.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Print the whole sweep as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also write one CSV row per weight and ending to this file.
    #[arg(long, value_name = "FILE.csv")]
    pub out: Option<PathBuf>,
    /// Also write the ranking as a tornado chart on a lab page (HTML, or Markdown for .md).
    #[arg(long, value_name = "FILE.html")]
    pub report: Option<PathBuf>,
    /// Replace the --report file if it already exists.
    #[arg(long)]
    pub overwrite: bool,
}

fn delta(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(value) if value > 0.0 && value < 1.0 => Ok(value),
        _ => Err(format!(
            "\"{text}\" is not a fraction between 0 and 1 (0.5 moves a weight by half its value)"
        )),
    }
}

pub fn sweep(args: &SweepArgs) -> ExitCode {
    let scenario = match scenario::load_with_variants(args.scenario.as_deref(), &args.variants) {
        Ok(scenario) => Arc::new(scenario),
        Err(error) => return super::report_error(&error),
    };
    let weights = if args.only.is_empty() {
        Weight::all(&scenario)
    } else {
        match Weight::named(&scenario, &args.only) {
            Ok(weights) => weights,
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        }
    };
    if let Some(path) = args.out.as_ref().filter(|path| path.exists()) {
        eprintln!(
            "error: {} exists already: remove it or choose another name",
            path.display()
        );
        return ExitCode::from(2);
    }
    let plan = SweepPlan {
        weights,
        delta: args.delta,
        runs: args.runs,
        first_seed: args.seed,
        no_script: args.no_script,
        threads: threads(args.threads),
    };
    let show_progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let result = sweep::sweep(&scenario, &plan, |done, total| {
        if show_progress {
            eprint!("\rsweep: {done} of {total} batches");
            if done == total {
                eprintln!();
            }
        }
    });
    if let Some(path) = &args.out
        && let Err(error) = crate::record::write_atomic(path, sweep::sweep_csv(&result).as_bytes())
    {
        eprintln!("error: cannot write {}: {error}", path.display());
        return ExitCode::from(1);
    }
    if let Some(path) = &args.report {
        let about = format!(
            "sensitivity sweep: {} games per weight moved, seeds {} to {}",
            args.runs,
            args.seed,
            args.seed.wrapping_add(args.runs - 1)
        );
        let page = crate::report::lab::lab(&[], &[], Some(&result), &about);
        if let Err(code) = super::classroom::write_document(path, &page, &[], args.overwrite) {
            return code;
        }
    }
    if args.json {
        return records::print_json(&result);
    }
    super::emit(&sweep::render_sweep(&result, args.top))
}
