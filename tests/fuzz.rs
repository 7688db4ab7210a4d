//! Fuzzing the loaders and killing saves: structured mutations of the shipped scenarios, variants
//! and golden records (tokens and lines deleted, duplicated or swapped, numbers made extreme,
//! truncation, flipped bytes, forged and resealed records) never panic, never hang, and every
//! error is bad input with a place; a game killed at any point while saving leaves a save that
//! verifies.
//!
//! `cargo test` runs a fixed number of cases. For a long run:
//! `PENINSULA_FUZZ_SECONDS=600 cargo test --release --test fuzz -- --nocapture`.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use peninsula::record::{self, GameRecord, RecordError};
use peninsula::scenario::{self, ScenarioError, ScenarioFile};

/// A small, portable generator: the same case number gives the same mutation everywhere.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    Scenario,
    Variant,
    Record,
}

fn corpus() -> Vec<(Kind, String, String)> {
    let root = common::root();
    let mut files = vec![
        (Kind::Scenario, root.join("scenarios/korea_2017.ron")),
        (Kind::Scenario, root.join("tests/fixtures/minimal.ron")),
        (Kind::Scenario, root.join("tests/fixtures/standoff.ron")),
    ];
    for (kind, folder) in [
        (Kind::Variant, "scenarios/variants"),
        (Kind::Record, "tests/golden"),
    ] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root.join(folder))
            .expect("folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        found.sort();
        files.extend(found.into_iter().map(|p| (kind, p)));
    }
    files
        .into_iter()
        .map(|(kind, path)| {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (kind, name, std::fs::read_to_string(&path).expect("reads"))
        })
        .collect()
}

/// Byte ranges of the tokens of RON text: words, numbers, strings, single punctuation.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if c == b'"' {
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(bytes.len());
        } else if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.' {
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric()
                    || matches!(bytes[i], b'_' | b'-' | b'.' | b'+'))
            {
                i += 1;
            }
        } else {
            i += 1;
            while i < bytes.len() && !text.is_char_boundary(i) {
                i += 1;
            }
        }
        out.push((start, i));
    }
    out
}

const EXTREMES: [&str; 14] = [
    "1e308",
    "-1e308",
    "1e309",
    "NaN",
    "inf",
    "-inf",
    "0",
    "-0.0",
    "-1",
    "4294967296",
    "18446744073709551616",
    "0.000000000000000000001",
    "9999999999",
    "2147483648",
];

/// One structured mutation of `text`, chosen by `mix`.
fn mutate(text: &str, mix: &mut Mix) -> (String, Vec<u8>) {
    let bytes = text.as_bytes();
    let toks = tokens(text);
    if toks.is_empty() {
        // Nothing left to mutate (an earlier round truncated it all): add a stray byte.
        let mut out = bytes.to_vec();
        out.push(b"(\")[,"[mix.below(4)]);
        return ("add a byte to an empty text".to_owned(), out);
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let pick = |mix: &mut Mix| toks[mix.below(toks.len())];
    let splice = |start: usize, end: usize, with: &str| {
        let mut out = bytes[..start].to_vec();
        out.extend_from_slice(with.as_bytes());
        out.extend_from_slice(&bytes[end..]);
        out
    };
    let choice = mix.below(10);
    let (what, out) = match choice {
        0 => {
            let (s, e) = pick(mix);
            ("delete a token", splice(s, e, ""))
        }
        1 => {
            let (s, e) = pick(mix);
            ("duplicate a token", splice(s, s, &text[s..e]))
        }
        2 => {
            let (a, b) = (pick(mix), pick(mix));
            let (first, second) = if a.0 <= b.0 { (a, b) } else { (b, a) };
            if first.1 > second.0 {
                ("swap tokens (overlap, unchanged)", bytes.to_vec())
            } else {
                let mut out = bytes[..first.0].to_vec();
                out.extend_from_slice(&bytes[second.0..second.1]);
                out.extend_from_slice(&bytes[first.1..second.0]);
                out.extend_from_slice(&bytes[first.0..first.1]);
                out.extend_from_slice(&bytes[second.1..]);
                ("swap two tokens", out)
            }
        }
        3 => {
            let numbers: Vec<(usize, usize)> = toks
                .iter()
                .copied()
                .filter(|(s, _)| bytes[*s].is_ascii_digit())
                .collect();
            if numbers.is_empty() {
                ("no number", bytes.to_vec())
            } else {
                let (s, e) = numbers[mix.below(numbers.len())];
                let extreme = EXTREMES[mix.below(EXTREMES.len())];
                ("make a number extreme", splice(s, e, extreme))
            }
        }
        4 => {
            let line = mix.below(lines.len());
            let mut out = String::new();
            for (i, l) in lines.iter().enumerate() {
                if i != line {
                    out.push_str(l);
                }
            }
            ("delete a line (a field)", out.into_bytes())
        }
        5 => {
            let line = mix.below(lines.len());
            let mut out = String::new();
            for (i, l) in lines.iter().enumerate() {
                out.push_str(l);
                if i == line {
                    out.push_str(l);
                }
            }
            ("duplicate a line (a field)", out.into_bytes())
        }
        6 => {
            let (a, b) = (mix.below(lines.len()), mix.below(lines.len()));
            let mut swapped: Vec<&str> = lines.clone();
            swapped.swap(a, b);
            ("swap two lines", swapped.concat().into_bytes())
        }
        7 => ("truncate", bytes[..mix.below(bytes.len())].to_vec()),
        8 => {
            let mut out = bytes.to_vec();
            let at = mix.below(out.len());
            out[at] = (mix.next() & 0xFF) as u8;
            ("flip a byte", out)
        }
        _ => {
            let (s, e) = pick(mix);
            let words = [
                "reasn",
                "Some(",
                ")",
                "[",
                "]",
                "(",
                ",",
                "\"\"",
                "hold",
                "temprature:",
            ];
            (
                "insert a stray token",
                splice(s, e, words[mix.below(words.len())]),
            )
        }
    };
    (what.to_owned(), out)
}

/// The outcome of one case: fine, or a finding to report.
fn check_case(kind: Kind, bytes: &[u8], folder: &Path, base: &ScenarioFile) -> Result<(), String> {
    let origin = "case.ron";
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            // Not UTF-8: read from a file, as a player's damaged file would be.
            let path = folder.join(origin);
            std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
            return match kind {
                Kind::Record => record::load(&path)
                    .map(|_| ())
                    .or_else(|e| record_error(&e)),
                _ => scenario::load_scenario(&path)
                    .map(|_| ())
                    .or_else(|e| scenario_error(&e)),
            };
        }
    };
    match kind {
        Kind::Scenario => match scenario::load_scenario_str(&text, origin) {
            Ok(_) => Ok(()),
            Err(error) => scenario_error(&error),
        },
        Kind::Variant => {
            let applied = scenario::parse_variant(&text, origin).and_then(|variant| {
                let file = scenario::apply_variant(base.clone(), &variant, &text, origin)?;
                scenario::compile(file, &text, origin)
            });
            match applied {
                Ok(_) => Ok(()),
                Err(error) => scenario_error(&error),
            }
        }
        Kind::Record => match record::parse(&text, origin) {
            Ok(parsed) => verify_or_refuse(&parsed),
            Err(error) => {
                record_error(&error)?;
                // A forger would reseal it: the checksum must not be the only defence.
                match reseal(&text) {
                    Some(resealed) => verify_or_refuse(&resealed),
                    None => Ok(()),
                }
            }
        },
    }
}

/// The game in a record's text with its checksum recomputed, when the text still parses.
fn reseal(text: &str) -> Option<GameRecord> {
    #[derive(serde::Deserialize)]
    #[expect(dead_code, reason = "only the game is resealed")]
    struct RecordFile {
        format: u32,
        checksum: String,
        game: GameRecord,
    }
    let file: RecordFile = ron::from_str(text).ok()?;
    let resealed = file.game.to_text().ok()?;
    record::parse(&resealed, "resealed.ron").ok()
}

/// A record that verifies must be exactly what its replay records; anything else is refused.
fn verify_or_refuse(game: &GameRecord) -> Result<(), String> {
    match record::replay(game, None, true, "case.ron") {
        Ok(replayed) => {
            let mut again = GameRecord::from_game(&replayed, game.difficulty);
            again.branched_from = game.branched_from.clone();
            let mut claimed = game.clone();
            for turn in &mut claimed.turns {
                turn.decisions.clear();
            }
            if again == claimed {
                Ok(())
            } else {
                Err("a changed record was verified".into())
            }
        }
        Err(error) => record_error(&error),
    }
}

fn scenario_error(error: &ScenarioError) -> Result<(), String> {
    let message = error.to_string();
    if !error.is_bad_input() {
        return Err(format!("not counted as bad input (exit 1): {message}"));
    }
    if !message.contains("case.ron") {
        return Err(format!("does not name the file: {message}"));
    }
    match error {
        ScenarioError::Syntax { line, column, .. } if *line == 0 || *column == 0 => {
            Err(format!("no line and column: {message}"))
        }
        ScenarioError::Invalid { problems, .. } if problems.iter().any(|p| p.at.is_empty()) => {
            Err(format!("a problem with no place: {message}"))
        }
        _ => Ok(()),
    }
}

fn record_error(error: &RecordError) -> Result<(), String> {
    let message = error.to_string();
    if !error.is_bad_input() {
        return Err(format!("not counted as bad input (exit 1): {message}"));
    }
    match error {
        RecordError::Syntax { line, column, .. } if *line == 0 || *column == 0 => {
            Err(format!("no line and column: {message}"))
        }
        RecordError::Diverged(divergence) if divergence.differences.is_empty() => {
            Err(format!("a divergence that names no difference: {message}"))
        }
        _ => Ok(()),
    }
}

fn folder(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("fuzz-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&path).expect("folder");
    path
}

#[test]
fn mutated_scenarios_variants_and_records_never_panic_hang_or_go_unlocated() {
    let seconds: Option<u64> = std::env::var("PENINSULA_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok());
    let default_cases = 2000;
    let corpus = corpus();
    let base = scenario::parse_scenario(scenario::DEFAULT_SCENARIO_SOURCE, "base").expect("base");
    let folder = folder("cases");
    let started = Instant::now();
    let mut findings = Vec::new();
    let mut slowest = Duration::ZERO;
    let mut case: u64 = 0;
    loop {
        match seconds {
            Some(limit) if started.elapsed().as_secs() >= limit => break,
            None if case >= default_cases => break,
            _ => {}
        }
        let mut mix = Mix(case.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x5EED);
        let (kind, name, text) = &corpus[mix.below(corpus.len())];
        let rounds = 1 + mix.below(3);
        let mut bytes = text.clone().into_bytes();
        let mut applied = Vec::new();
        for _ in 0..rounds {
            let current = String::from_utf8_lossy(&bytes).into_owned();
            let (what, out) = mutate(&current, &mut mix);
            applied.push(what);
            bytes = out;
        }
        let one = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            check_case(*kind, &bytes, &folder, &base)
        }));
        let took = one.elapsed();
        slowest = slowest.max(took);
        let finding = match outcome {
            Ok(Ok(())) if took < Duration::from_secs(10) => None,
            Ok(Ok(())) => Some(format!("took {took:?}")),
            Ok(Err(message)) => Some(message),
            Err(_) => Some("panicked".to_owned()),
        };
        if let Some(finding) = finding {
            let kept = folder.join(format!("finding-{case}-{name}"));
            let _ = std::fs::write(&kept, &bytes);
            findings.push(format!(
                "case {case} ({name}: {}): {finding} [{}]",
                applied.join(", "),
                kept.display()
            ));
        }
        case += 1;
    }
    println!(
        "fuzz: {case} cases in {:.1} s, slowest {slowest:?}, {} finding(s)",
        started.elapsed().as_secs_f64(),
        findings.len()
    );
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}

#[test]
fn a_game_killed_while_saving_always_leaves_a_save_that_verifies() {
    let folder = folder("crash");
    let save = folder.join("save.ron");
    let budget = Duration::from_secs(
        std::env::var("PENINSULA_CRASH_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(15),
    );
    // How long a whole recorded game takes here, so kills land all through it.
    let timed = Instant::now();
    let status = common::binary()
        .args(["run", "--seed", "1", "--overwrite", "--record"])
        .arg(&save)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("runs");
    assert!(status.success());
    let whole = timed.elapsed().as_micros().max(1000) as u64;
    let started = Instant::now();
    let mut mix = Mix(7);
    let mut kills = 0;
    let mut iterations = 0;
    while started.elapsed() < budget || iterations < 10 {
        iterations += 1;
        let seed = (1 + mix.below(50)).to_string();
        let mut command = common::binary();
        if mix.below(2) == 0 {
            command.args(["run", "--seed", &seed, "--overwrite", "--record"]);
        } else {
            command.args([
                "play",
                "--as",
                "USA",
                "--seed",
                &seed,
                "--overwrite",
                "--save",
            ]);
        }
        let mut child = command
            .arg(&save)
            .env("XDG_DATA_HOME", &folder)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("starts");
        if let Some(mut input) = child.stdin.take() {
            use std::io::Write;
            // Answers for a whole game; written from a thread so a full pipe never blocks us.
            std::thread::spawn(move || {
                let _ = input.write_all("\n".repeat(400).as_bytes());
            });
        }
        std::thread::sleep(Duration::from_micros(mix.next() % whole));
        if child.try_wait().expect("waits").is_none() {
            let _ = child.kill();
            kills += 1;
        }
        let _ = child.wait();
        if std::fs::metadata(&save).is_ok_and(|m| m.len() > 0) {
            let saved = record::load(&save)
                .unwrap_or_else(|e| panic!("iteration {iterations}: the save is broken: {e}"));
            if let Err(error) = record::replay(&saved, None, true, "save.ron") {
                panic!("iteration {iterations}: the save does not verify: {error}");
            }
        }
    }
    println!("crash: {iterations} games, {kills} killed mid-game, every save verified");
    assert!(kills > 0, "no game was killed: the timing is off");
}
