//! `peninsula brief` and `peninsula report`: briefing packs, the teacher's guide and the
//! after-action report, written as self-contained HTML (for print) or Markdown, and the report
//! also as CSV or JSON; and the lab page written by `batch --report` and `sweep --report`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::report::Document;
use crate::report::{after_action, briefing};

use super::records;

#[derive(Debug, clap::Args)]
pub struct BriefArgs {
    /// Scenario file; the embedded July 2017 scenario when omitted.
    pub scenario: Option<PathBuf>,
    /// The actor whose briefing to write (USA, CHN, RUS, PRK, KOR).
    #[arg(long, value_name = "CODE", conflicts_with_all = ["all", "teacher"])]
    pub actor: Option<String>,
    /// Every actor's briefing, one file each, into the folder given with --out.
    #[arg(long, conflicts_with = "teacher")]
    pub all: bool,
    /// The teacher's guide: objectives, a 90-minute plan, seats, flashpoints, questions.
    #[arg(long)]
    pub teacher: bool,
    /// Where to write: FILE.html or FILE.md (a folder with --all); printed as Markdown when omitted.
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// With --all: the form of each file, html or md.
    #[arg(long, default_value = "html", value_parser = ["html", "md"])]
    pub format: String,
    /// Replace files that already exist.
    #[arg(long)]
    pub overwrite: bool,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The game record (from `run --record`, `play`, `branch`, or a class).
    pub record: PathBuf,
    /// Where to write: FILE.html, FILE.md, FILE.csv or FILE.json; a Markdown summary is printed
    /// when omitted.
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Hypotheses to weigh (variant files); the essay's four shipped ones when omitted.
    #[arg(long = "variant", value_name = "FILE")]
    pub variants: Vec<PathBuf>,
    /// Replace the output file if it already exists (never the record read).
    #[arg(long)]
    pub overwrite: bool,
}

/// The form a document is written in, from the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Html,
    Markdown,
    Csv,
    Json,
}

pub(crate) fn form_of(path: &Path, allowed: &[Form]) -> Result<Form, String> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let form = match extension.as_str() {
        "html" | "htm" => Some(Form::Html),
        "md" | "markdown" => Some(Form::Markdown),
        "csv" => Some(Form::Csv),
        "json" => Some(Form::Json),
        _ => None,
    };
    match form {
        Some(form) if allowed.contains(&form) => Ok(form),
        _ => {
            let names: Vec<&str> = allowed
                .iter()
                .map(|f| match f {
                    Form::Html => ".html",
                    Form::Markdown => ".md",
                    Form::Csv => ".csv",
                    Form::Json => ".json",
                })
                .collect();
            Err(format!(
                "{}: cannot tell what to write from its name; end it with {}",
                path.display(),
                names.join(", ")
            ))
        }
    }
}

/// Writes text to a file a user named: never over an existing file without --overwrite, never
/// over a file the command reads, atomically; says where it went only once it is there.
pub(crate) fn write_output(
    path: &Path,
    text: &str,
    reads: &[(&Path, &str)],
    overwrite: bool,
) -> Result<(), ExitCode> {
    if let Err(message) = records::check_output(path, reads, None, overwrite) {
        eprintln!("error: {message}");
        return Err(ExitCode::from(2));
    }
    match crate::record::write_atomic(path, text.as_bytes()) {
        Ok(()) => {
            eprintln!("written to {}", path.display());
            Ok(())
        }
        Err(error) => {
            eprintln!("error: cannot write {}: {error}", path.display());
            Err(if crate::files::is_bad_path(&error) {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            })
        }
    }
}

/// Writes a document as HTML or Markdown by the file's extension.
pub(crate) fn write_document(
    path: &Path,
    document: &Document,
    reads: &[(&Path, &str)],
    overwrite: bool,
) -> Result<(), ExitCode> {
    let form = form_of(path, &[Form::Html, Form::Markdown]).map_err(|message| {
        eprintln!("error: {message}");
        ExitCode::from(2)
    })?;
    let text = match form {
        Form::Html => document.to_html(),
        _ => document.to_markdown(),
    };
    write_output(path, &text, reads, overwrite)
}

pub fn brief(args: &BriefArgs) -> ExitCode {
    let scenario = match super::load(args.scenario.as_deref()) {
        Ok(scenario) => scenario,
        Err(code) => return code,
    };
    let reads: Vec<(&Path, &str)> = args
        .scenario
        .iter()
        .map(|p| (p.as_path(), "scenario"))
        .collect();
    if args.all {
        let Some(folder) = &args.out else {
            eprintln!("error: --all writes one file per actor: name a folder with --out DIR");
            return ExitCode::from(2);
        };
        if folder.is_file() {
            eprintln!(
                "error: {} is a file; --all needs a folder",
                folder.display()
            );
            return ExitCode::from(2);
        }
        if let Err(error) = std::fs::create_dir_all(folder) {
            eprintln!("error: cannot create {}: {error}", folder.display());
            return ExitCode::from(if crate::files::is_bad_path(&error) {
                2
            } else {
                1
            });
        }
        for (index, actor) in scenario.actors.iter().enumerate() {
            let path = folder.join(format!("briefing-{}.{}", actor.code, args.format));
            if let Err(code) = write_document(
                &path,
                &briefing::briefing(&scenario, index),
                &reads,
                args.overwrite,
            ) {
                return code;
            }
        }
        let guide = folder.join(format!("teacher-guide.{}", args.format));
        return match write_document(
            &guide,
            &briefing::teacher_guide(&scenario),
            &reads,
            args.overwrite,
        ) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        };
    }
    let document = if args.teacher {
        briefing::teacher_guide(&scenario)
    } else {
        let Some(code) = &args.actor else {
            eprintln!(
                "error: name an actor (--actor CODE), or ask for --all or --teacher; actors: {}",
                scenario
                    .actors
                    .iter()
                    .map(|a| a.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            return ExitCode::from(2);
        };
        match super::find_actor(&scenario, code) {
            Ok(index) => briefing::briefing(&scenario, index),
            Err(code) => return code,
        }
    };
    match &args.out {
        Some(path) => match write_document(path, &document, &reads, args.overwrite) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        },
        None => super::emit(&document.to_markdown()),
    }
}

pub fn report(args: &ReportArgs) -> ExitCode {
    let origin = args.record.display().to_string();
    let recorded = match crate::record::load(&args.record) {
        Ok(recorded) => recorded,
        Err(error) => return records::report_record_error(&error),
    };
    let hypotheses = if args.variants.is_empty() {
        after_action::shipped_hypotheses(&recorded)
    } else {
        let mut list = Vec::new();
        for path in &args.variants {
            let source = match crate::files::read_text(path) {
                Ok(source) => source,
                Err(error) => {
                    eprintln!("error: {}: {error}", path.display());
                    return ExitCode::from(if error.is_bad_input() { 2 } else { 1 });
                }
            };
            match crate::scenario::variant_of(
                &recorded.scenario,
                &source,
                &path.display().to_string(),
            ) {
                Ok((variant, scenario)) => list.push(after_action::Candidate {
                    id: variant.id,
                    name: variant.name,
                    scenario: std::sync::Arc::new(recorded.difficulty.apply(&scenario)),
                }),
                Err(error) => return super::report_error(&error),
            }
        }
        list
    };
    let report = match after_action::build(&recorded, &hypotheses, &origin) {
        Ok(report) => report,
        Err(error) => return records::report_record_error(&error),
    };
    let document = report.document(&recorded.scenario_name);
    let Some(path) = &args.out else {
        return super::emit(&document.to_markdown());
    };
    let form = match form_of(path, &[Form::Html, Form::Markdown, Form::Csv, Form::Json]) {
        Ok(form) => form,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let text = match form {
        Form::Html => document.to_html(),
        Form::Markdown => document.to_markdown(),
        Form::Csv => report.csv(),
        Form::Json => match serde_json::to_string_pretty(&report) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("error: cannot write the report as JSON: {error}");
                return ExitCode::from(1);
            }
        },
    };
    let mut reads: Vec<(&Path, &str)> = vec![(args.record.as_path(), "game record")];
    reads.extend(args.variants.iter().map(|p| (p.as_path(), "variant")));
    match write_output(path, &text, &reads, args.overwrite) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
