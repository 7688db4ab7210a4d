//! Errors a scenario author sees: where the problem is (file, line, column) and how to fix it.

use std::fmt;

/// A scenario or variant that could not be read, parsed or validated.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Input {
        path: String,
        #[source]
        source: crate::files::InputError,
    },
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}", render_problems(origin, problems))]
    Invalid {
        origin: String,
        problems: Vec<Problem>,
    },
}

/// One validation problem: where it is and what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Line and column (1-based) of the best place in the file to look, when it could be found.
    pub position: Option<(usize, usize)>,
    /// The path through the scenario, for example `actors[USA].interests[2].weight`.
    pub at: String,
    pub message: String,
}

impl ScenarioError {
    /// A file that could not be read as text; a bad byte is located like a syntax error.
    pub(crate) fn from_input(path: &std::path::Path, error: crate::files::InputError) -> Self {
        let path = path.display().to_string();
        match (error.position(), error) {
            (Some((line, column)), error) => ScenarioError::Syntax {
                origin: path,
                line,
                column,
                message: error.to_string(),
            },
            (None, crate::files::InputError::Io(source)) => ScenarioError::Io { path, source },
            (None, source) => ScenarioError::Input { path, source },
        }
    }

    pub(crate) fn syntax(origin: &str, source: &str, error: &ron::error::SpannedError) -> Self {
        let mut message = ron_message(&error.code);
        let hint = syntax_hint(&error.code);
        if !hint.is_empty() {
            message.push_str("; ");
            message.push_str(hint);
        }
        let _ = source;
        ScenarioError::Syntax {
            origin: origin.to_owned(),
            line: error.span.start.line,
            column: error.span.start.col,
            message,
        }
    }

    /// The validation problems, empty for other errors.
    pub fn problems(&self) -> &[Problem] {
        match self {
            ScenarioError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }

    /// True when the error is in the user's input rather than the machine (exit code 2 vs 1).
    pub fn is_bad_input(&self) -> bool {
        match self {
            ScenarioError::Io { source, .. } => crate::files::is_bad_path(source),
            ScenarioError::Input { source, .. } => source.is_bad_input(),
            _ => true,
        }
    }
}

/// A RON error in words for a scenario author (or a player with a damaged file), not a developer.
pub(crate) fn ron_message(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => {
            "brackets nest too deeply (more than 128 levels); a scenario or record needs only a few: \
             look for unclosed or repeated brackets"
                .to_owned()
        }
        ron::Error::Utf8Error(_) => {
            "not UTF-8 text; save the file as UTF-8 or remove the character".to_owned()
        }
        code => code.to_string(),
    }
}

/// A number as people read it: plain when short, in exponent form (1e308) when huge or tiny.
pub fn format_number(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-6..1e15).contains(&magnitude) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

fn syntax_hint(code: &ron::Error) -> &'static str {
    use ron::Error;
    match code {
        Error::NoSuchStructField { .. } => "check the spelling against the format in the README",
        Error::MissingStructField { .. } => "add the field",
        Error::NoSuchEnumVariant { .. } => "use one of the expected variants",
        Error::ExpectedFloat => "write numbers with a decimal point, like 50.0",
        _ => "",
    }
}

fn render_problems(origin: &str, problems: &[Problem]) -> String {
    let mut out = String::new();
    for (index, problem) in problems.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(&problem.render(origin));
    }
    out
}

impl Problem {
    /// `file:line:column: where: what`, as errors and warnings are printed.
    pub fn render(&self, origin: &str) -> String {
        match self.position {
            Some((line, column)) => {
                format!("{origin}:{line}:{column}: {}: {}", self.at, self.message)
            }
            None => format!("{origin}: {}: {}", self.at, self.message),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// "unknown actor \"JPN\"; known actors: USA, CHN" — the one wording for every unknown name.
pub fn unknown(what: &str, name: &str, known: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let known: Vec<String> = known.into_iter().map(|k| k.as_ref().to_owned()).collect();
    let list = if known.is_empty() {
        "(none defined)".to_owned()
    } else {
        known.join(", ")
    };
    format!("unknown {what} \"{name}\"; known {what}s: {list}")
}

/// Finds the 1-based line and column of `anchors` in order, each searched after the previous one.
/// Returns the position of the last anchor found, so a caller can narrow down step by step.
pub(crate) fn locate(source: &str, anchors: &[String]) -> Option<(usize, usize)> {
    let mut from = 0;
    let mut found = None;
    for anchor in anchors {
        if let Some(offset) = source[from..].find(anchor.as_str()) {
            from += offset;
            found = Some(from);
            from += anchor.len();
        }
    }
    let at = found?;
    let before = &source[..at];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |tail| tail.chars().count())
        + 1;
    Some((line, column))
}
