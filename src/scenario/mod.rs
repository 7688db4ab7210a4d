//! Scenarios: the RON file format, loading with located errors, variant overlays, and validation
//! into the indexed `Scenario` that the simulation runs on.
//!
//! Nothing here knows about the ECS, the agents or any front end.

mod compile;
mod error;
mod gauge;
mod types;
mod variant;

pub use compile::hex as hex_digest;
pub use compile::{
    Action, Actor, Cond, Council, Draft, Ending, Event, EventOutcome, Indicator, Interest, Landed,
    Lean, Member, Promise, Proposal, Ref, ResolvedEffect, Scenario, Seat, Shift, citation_warnings,
    compile,
};
pub(crate) use error::ron_message;
pub use error::{Problem, ScenarioError, format_number, unknown};
pub use gauge::{Cells, Gauge, bounds};
pub use types::*;
pub use variant::apply_variant;

use std::path::Path;

/// The default scenario, embedded so the game runs from any folder.
pub const DEFAULT_SCENARIO_SOURCE: &str = include_str!("../../scenarios/korea_2017.ron");
/// The name shown for the embedded scenario in messages.
pub const DEFAULT_SCENARIO_NAME: &str = "scenarios/korea_2017.ron (embedded)";

/// What a RON file holds, judged by its first identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Scenario,
    Variant,
    /// A game record, which belongs to `peninsula replay`, not here.
    Record,
}

/// Reads the top-level struct name (`ScenarioFile(` or `VariantFile(`), skipping comments.
pub fn file_kind(source: &str) -> FileKind {
    let mut rest = source;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, tail)| tail);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, tail)| tail);
        } else if let Some(after) = rest.strip_prefix("#!") {
            rest = after.split_once('\n').map_or("", |(_, tail)| tail);
        } else {
            break;
        }
    }
    if rest.starts_with("VariantFile") || rest.starts_with("Variant") {
        FileKind::Variant
    } else if rest.starts_with("RecordFile") {
        FileKind::Record
    } else {
        FileKind::Scenario
    }
}

fn wrong_kind(origin: &str, message: &str) -> ScenarioError {
    ScenarioError::Invalid {
        origin: origin.to_owned(),
        problems: vec![Problem {
            position: Some((1, 1)),
            at: "file".into(),
            message: message.to_owned(),
        }],
    }
}

/// Parses scenario text; `origin` names the file in errors.
pub fn parse_scenario(source: &str, origin: &str) -> Result<ScenarioFile, ScenarioError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    match file_kind(source) {
        FileKind::Record => {
            return Err(wrong_kind(
                origin,
                "this is a game record, not a scenario: replay it with `peninsula replay FILE`",
            ));
        }
        FileKind::Variant => {
            return Err(wrong_kind(
                origin,
                "this is a variant, not a scenario: give a scenario (or none, for the embedded one) and pass this with --variant",
            ));
        }
        FileKind::Scenario => {}
    }
    ron::Options::default()
        .from_str::<ScenarioFile>(source)
        .map_err(|error| ScenarioError::syntax(origin, source, &error))
}

/// Parses variant text; `origin` names the file in errors.
pub fn parse_variant(source: &str, origin: &str) -> Result<VariantFile, ScenarioError> {
    if file_kind(source) == FileKind::Scenario && source.trim_start().contains("ScenarioFile") {
        return Err(ScenarioError::Invalid {
            origin: origin.to_owned(),
            problems: vec![Problem {
                position: Some((1, 1)),
                at: "the file".into(),
                message:
                    "this is a scenario, not a variant: give it as the scenario argument, and pass \
                          variant files (VariantFile) with --variant"
                        .into(),
            }],
        });
    }
    ron::Options::default()
        .from_str::<VariantFile>(source)
        .map_err(|error| ScenarioError::syntax(origin, source, &error))
}

/// Parses and validates scenario text.
pub fn load_scenario_str(source: &str, origin: &str) -> Result<Scenario, ScenarioError> {
    let file = parse_scenario(source, origin)?;
    compile(file, source, origin)
}

/// Reads, parses and validates a scenario file.
pub fn load_scenario(path: &Path) -> Result<Scenario, ScenarioError> {
    let source = read(path)?;
    load_scenario_str(&source, &path.display().to_string())
}

/// The embedded default scenario.
pub fn default_scenario() -> Result<Scenario, ScenarioError> {
    load_scenario_str(DEFAULT_SCENARIO_SOURCE, DEFAULT_SCENARIO_NAME)
}

/// Loads a scenario (the embedded default when `path` is None) and applies variants in order.
pub fn load_with_variants(
    path: Option<&Path>,
    variants: &[impl AsRef<Path>],
) -> Result<Scenario, ScenarioError> {
    let (source, origin) = match path {
        Some(path) => (read(path)?, path.display().to_string()),
        None => (
            DEFAULT_SCENARIO_SOURCE.to_owned(),
            DEFAULT_SCENARIO_NAME.to_owned(),
        ),
    };
    let mut file = parse_scenario(&source, &origin)?;
    // Validate the base first so its own errors point at its own lines.
    compile(file.clone(), &source, &origin)?;
    for variant_path in variants {
        let variant_path = variant_path.as_ref();
        let variant_source = read(variant_path)?;
        let variant_origin = variant_path.display().to_string();
        let variant = parse_variant(&variant_source, &variant_origin)?;
        file = apply_variant(file, &variant, &variant_source, &variant_origin)?;
        compile(file.clone(), &variant_source, &variant_origin)?;
    }
    compile(file, &source, &origin)
}

/// Validates one file of either kind. A variant is checked against its base scenario, looked for
/// as `<base>.ron` beside the variant or in the folder above, else the embedded default.
pub fn validate_file(path: &Path) -> Result<FileKind, ScenarioError> {
    validate_file_with_warnings(path).map(|(kind, _)| kind)
}

/// Like `validate_file`, and also returns the warnings: what is questionable but not wrong.
pub fn validate_file_with_warnings(path: &Path) -> Result<(FileKind, Vec<Problem>), ScenarioError> {
    let source = read(path)?;
    let origin = path.display().to_string();
    match file_kind(&source) {
        FileKind::Scenario => {
            let scenario = load_scenario_str(&source, &origin)?;
            Ok((FileKind::Scenario, scenario.warnings))
        }
        FileKind::Record => Err(wrong_kind(
            &origin,
            "this is a game record; check it with `peninsula replay FILE --verify`",
        )),
        FileKind::Variant => {
            let variant = parse_variant(&source, &origin)?;
            let base = find_base(path, &variant.base)?;
            let scenario = apply_variant(base.clone(), &variant, &source, &origin)
                .and_then(|file| compile(file, &source, &origin))?;
            Ok((FileKind::Variant, scenario.warnings))
        }
    }
}

fn find_base(variant_path: &Path, base: &str) -> Result<ScenarioFile, ScenarioError> {
    // The base is a scenario id, never a path: it is looked for only beside the variant and in
    // the folder above, so `../../etc/...` cannot reach outside the scenario folders.
    if let Err(message) = compile::check_id(base) {
        return Err(ScenarioError::Invalid {
            origin: variant_path.display().to_string(),
            problems: vec![Problem {
                position: error::locate(&read(variant_path)?, &["base".to_owned()]),
                at: "base".into(),
                message: format!(
                    "the base scenario id {message}; write the scenario's `id` (like \"korea_2017\"), not a path"
                ),
            }],
        });
    }
    let file_name = format!("{base}.ron");
    let folder = variant_path.parent().unwrap_or(Path::new("."));
    let candidates = [folder.join(&file_name), folder.join("..").join(&file_name)];
    for candidate in candidates {
        if candidate.is_file() {
            let source = read(&candidate)?;
            let origin = candidate.display().to_string();
            let file = parse_scenario(&source, &origin)?;
            if file.id == base {
                return Ok(file);
            }
        }
    }
    let default = parse_scenario(DEFAULT_SCENARIO_SOURCE, DEFAULT_SCENARIO_NAME)?;
    if default.id == base {
        return Ok(default);
    }
    Err(ScenarioError::Invalid {
        origin: variant_path.display().to_string(),
        problems: vec![Problem {
            position: None,
            at: "base".into(),
            message: format!(
                "base scenario \"{base}\" not found: looked for {file_name} beside the variant and in the folder above, \
                 and the embedded scenario is \"{}\"; put the variant next to its scenario or fix `base`",
                default.id
            ),
        }],
    })
}

fn read(path: &Path) -> Result<String, ScenarioError> {
    crate::files::read_text(path).map_err(|error| ScenarioError::from_input(path, error))
}

/// The essay's four hypotheses as variants of the default scenario, embedded (path, text) so
/// that reports can weigh them from any folder.
pub const SHIPPED_VARIANTS: [(&str, &str); 4] = [
    (
        "scenarios/variants/h1_bipolar_precedent.ron",
        include_str!("../../scenarios/variants/h1_bipolar_precedent.ron"),
    ),
    (
        "scenarios/variants/h2_useful_crisis.ron",
        include_str!("../../scenarios/variants/h2_useful_crisis.ron"),
    ),
    (
        "scenarios/variants/h3_iran_linkage.ron",
        include_str!("../../scenarios/variants/h3_iran_linkage.ron"),
    ),
    (
        "scenarios/variants/h4_north_korean_agenda.ron",
        include_str!("../../scenarios/variants/h4_north_korean_agenda.ron"),
    ),
];

/// A variant's text applied to a base scenario file: the variant and the validated result.
pub fn variant_of(
    base: &ScenarioFile,
    source: &str,
    origin: &str,
) -> Result<(VariantFile, Scenario), ScenarioError> {
    let variant = parse_variant(source, origin)?;
    let file = apply_variant(base.clone(), &variant, source, origin)?;
    let scenario = compile(file, source, origin)?;
    Ok((variant, scenario))
}
