//! One row per game, written as games finish (`batch --out FILE.csv|.jsonl`), and the merge of
//! shards (`batch --shard K/N --out FILE.jsonl`, then `merge`) back into the summary one run
//! would have printed.
//!
//! A JSON Lines file starts with a header naming the batch and its columns, then holds each
//! column's rows in seed order, and ends with a line saying it is complete: a shard cut short
//! is refused by the merge rather than counted.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Outcome, Played, Summary, Tally};
use crate::scenario::Scenario;

/// The K-th of N disjoint slices of a batch's games (K from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    pub index: u64,
    pub of: u64,
}

impl Shard {
    /// The whole batch as one shard.
    pub const ALL: Shard = Shard { index: 1, of: 1 };

    /// Reads `K/N`.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let wrong = || {
            format!(
                "\"{text}\" is not a shard: write K/N, the K-th of N slices, with 1 <= K <= N (such as 3/10)"
            )
        };
        let (k, n) = text.split_once('/').ok_or_else(wrong)?;
        let index: u64 = k.trim().parse().map_err(|_| wrong())?;
        let of: u64 = n.trim().parse().map_err(|_| wrong())?;
        if of == 0 || index == 0 || index > of {
            return Err(wrong());
        }
        Ok(Shard { index, of })
    }

    /// The game indices of this slice of `runs` games: contiguous, in order, and together with
    /// the other slices covering every game once.
    pub fn indices(self, runs: u64) -> std::ops::Range<u64> {
        let bound = |k: u64| (u128::from(runs) * u128::from(k) / u128::from(self.of)) as u64;
        bound(self.index - 1)..bound(self.index)
    }
}

/// One column of a batch: a scenario or variant and what its rows name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub label: String,
    pub scenario_hash: String,
    pub endings: Vec<String>,
    pub actors: Vec<String>,
}

impl Column {
    pub fn of(label: &str, scenario: &Scenario) -> Column {
        Column {
            label: label.to_owned(),
            scenario_hash: scenario.hash.clone(),
            endings: scenario.endings.iter().map(|e| e.id.clone()).collect(),
            actors: scenario.actors.iter().map(|a| a.code.clone()).collect(),
        }
    }
}

/// The first line of a rows file: what batch the rows belong to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// The format's version.
    pub peninsula_batch: u32,
    pub runs: u64,
    pub first_seed: u64,
    pub no_script: bool,
    pub difficulty: String,
    pub shard: Shard,
    pub columns: Vec<Column>,
}

/// One game's row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub column: String,
    pub seed: u64,
    pub ending: String,
    pub turns: u32,
    pub mean_escalation: f64,
    pub scores: BTreeMap<String, f64>,
    /// The indicators when the game ended, by label.
    pub indicators: BTreeMap<String, f64>,
    /// Key events and how often each happened.
    pub events: BTreeMap<String, u32>,
}

impl Row {
    pub fn of(column: &str, scenario: &Scenario, played: &Played) -> Row {
        Row {
            column: column.to_owned(),
            seed: played.seed,
            ending: played.outcome.ending.clone(),
            turns: played.outcome.turns,
            mean_escalation: played.outcome.mean_escalation,
            scores: played.outcome.scores.clone(),
            indicators: played
                .values
                .iter()
                .enumerate()
                .map(|(slot, value)| (scenario.slot_label(slot), *value))
                .collect(),
            events: played.outcome.events.clone(),
        }
    }

    fn outcome(self) -> Outcome {
        Outcome {
            ending: self.ending,
            turns: self.turns,
            scores: self.scores,
            events: self.events,
            mean_escalation: self.mean_escalation,
        }
    }
}

/// The last line of a complete rows file: each column's wall time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Complete {
    complete: bool,
    seconds: Vec<f64>,
}

/// A rows file's format, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFormat {
    Csv,
    JsonLines,
}

impl RowFormat {
    pub fn of(path: &Path) -> Result<RowFormat, String> {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("csv") => Ok(RowFormat::Csv),
            Some(e) if e.eq_ignore_ascii_case("jsonl") => Ok(RowFormat::JsonLines),
            _ => Err(format!(
                "{}: name the rows file .csv (for spreadsheets) or .jsonl (for tools and `peninsula merge`)",
                path.display()
            )),
        }
    }
}

/// Writes rows as games finish, into `FILE.partial`, renamed to `FILE` once the batch is
/// complete, so a batch cut short never leaves a file that looks whole.
pub struct RowWriter {
    format: RowFormat,
    path: PathBuf,
    partial: PathBuf,
    out: BufWriter<std::fs::File>,
    csv_columns: Option<(Vec<String>, Vec<String>)>,
}

impl RowWriter {
    /// Creates the file; refuses to replace an existing one.
    pub fn create(path: &Path, header: &Header) -> Result<RowWriter, String> {
        let format = RowFormat::of(path)?;
        if path.exists() {
            return Err(format!(
                "{} exists already: remove it or choose another name (a batch never replaces a file)",
                path.display()
            ));
        }
        let mut name = path.as_os_str().to_owned();
        name.push(".partial");
        let partial = PathBuf::from(name);
        let file = std::fs::File::create(&partial)
            .map_err(|e| format!("cannot create {}: {e}", partial.display()))?;
        let mut writer = RowWriter {
            format,
            path: path.to_owned(),
            partial,
            out: BufWriter::new(file),
            csv_columns: None,
        };
        if format == RowFormat::JsonLines {
            writer.line(&json(header)?)?;
        }
        Ok(writer)
    }

    fn line(&mut self, text: &str) -> Result<(), String> {
        writeln!(self.out, "{text}")
            .map_err(|e| format!("cannot write {}: {e}", self.partial.display()))
    }

    pub fn write(&mut self, row: &Row) -> Result<(), String> {
        match self.format {
            RowFormat::JsonLines => self.line(&json(row)?),
            RowFormat::Csv => {
                if self.csv_columns.is_none() {
                    let actors: Vec<String> = row.scores.keys().cloned().collect();
                    let indicators: Vec<String> = row.indicators.keys().cloned().collect();
                    let mut names = vec![
                        "column".to_owned(),
                        "seed".to_owned(),
                        "ending".to_owned(),
                        "turns".to_owned(),
                        "mean_escalation".to_owned(),
                    ];
                    names.extend(actors.iter().map(|a| format!("score_{a}")));
                    names.extend(indicators.iter().cloned());
                    names.push("events".to_owned());
                    let line = csv_line(&names);
                    self.line(&line)?;
                    self.csv_columns = Some((actors, indicators));
                }
                let Some((actors, indicators)) = &self.csv_columns else {
                    return Ok(());
                };
                let mut cells = vec![
                    row.column.clone(),
                    row.seed.to_string(),
                    row.ending.clone(),
                    row.turns.to_string(),
                    row.mean_escalation.to_string(),
                ];
                cells.extend(actors.iter().map(|a| {
                    row.scores
                        .get(a)
                        .map_or_else(String::new, ToString::to_string)
                }));
                cells.extend(indicators.iter().map(|i| {
                    row.indicators
                        .get(i)
                        .map_or_else(String::new, ToString::to_string)
                }));
                let events: Vec<String> = row
                    .events
                    .iter()
                    .map(|(key, count)| format!("{key}={count}"))
                    .collect();
                cells.push(events.join("; "));
                let line = csv_line(&cells);
                self.line(&line)
            }
        }
    }

    /// Ends the file (a JSON Lines file with its completion line) and gives it its name.
    pub fn finish(mut self, seconds: &[f64]) -> Result<(), String> {
        if self.format == RowFormat::JsonLines {
            let complete = Complete {
                complete: true,
                seconds: seconds.to_vec(),
            };
            self.line(&json(&complete)?)?;
        }
        self.out
            .flush()
            .and_then(|()| self.out.get_ref().sync_all())
            .map_err(|e| format!("cannot write {}: {e}", self.partial.display()))?;
        std::fs::rename(&self.partial, &self.path).map_err(|e| {
            format!(
                "cannot rename {} to {}: {e}",
                self.partial.display(),
                self.path.display()
            )
        })
    }
}

fn json<T: Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| format!("cannot write a row: {e}"))
}

/// A CSV line, quoting the cells that need it.
fn csv_line(cells: &[String]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|cell| {
            if cell.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", cell.replace('"', "\"\""))
            } else {
                cell.clone()
            }
        })
        .collect();
    quoted.join(",")
}

/// One shard file being read: its header and its lines still to read.
struct ShardFile {
    path: PathBuf,
    header: Header,
    lines: std::iter::Peekable<std::iter::Enumerate<std::io::Lines<BufReader<std::fs::File>>>>,
}

impl ShardFile {
    fn open(path: &Path) -> Result<ShardFile, String> {
        let file = std::fs::File::open(path)
            .map_err(|e| format!("{}: cannot read it: {e}", path.display()))?;
        let mut lines = BufReader::new(file).lines().enumerate().peekable();
        let header = match lines.next() {
            Some((_, Ok(line))) => serde_json::from_str::<Header>(&line).map_err(|e| {
                format!(
                    "{}:1:{}: not the header of a batch's rows ({e}); merge reads the .jsonl files `peninsula batch --shard K/N --out FILE.jsonl` writes",
                    path.display(),
                    e.column()
                )
            })?,
            Some((_, Err(e))) => return Err(format!("{}: cannot read it: {e}", path.display())),
            None => {
                return Err(format!(
                    "{}: empty; merge reads the .jsonl files `peninsula batch --shard K/N --out FILE.jsonl` writes",
                    path.display()
                ));
            }
        };
        Ok(ShardFile {
            path: path.to_owned(),
            header,
            lines,
        })
    }

    /// The next row of `column`, or None where the column's rows end.
    fn next_row(&mut self, column: &str) -> Result<Option<Row>, String> {
        let Some((number, line)) = self.lines.peek() else {
            return Err(format!(
                "{}: ends before it is complete: the shard was cut short; run it again",
                self.path.display()
            ));
        };
        let number = *number + 1;
        let line = line
            .as_ref()
            .map_err(|e| format!("{}:{number}: cannot read it: {e}", self.path.display()))?;
        if line.starts_with("{\"complete\"") {
            return Ok(None);
        }
        let row: Row = serde_json::from_str(line).map_err(|e| {
            format!(
                "{}:{number}:{}: not a row ({e})",
                self.path.display(),
                e.column()
            )
        })?;
        if row.column != column {
            return Ok(None);
        }
        self.lines.next();
        Ok(Some(row))
    }

    /// The completion line's wall times, once every row is read.
    fn complete(&mut self) -> Result<Vec<f64>, String> {
        match self.lines.next() {
            Some((number, Ok(line))) => serde_json::from_str::<Complete>(&line)
                .ok()
                .filter(|c| c.complete)
                .map(|c| c.seconds)
                .ok_or_else(|| {
                    format!(
                        "{}:{}: a row after the last column's rows, or a damaged completion line",
                        self.path.display(),
                        number + 1
                    )
                }),
            _ => Err(format!(
                "{}: ends before it is complete: the shard was cut short; run it again",
                self.path.display()
            )),
        }
    }
}

/// Reads the shards of one batch (every slice once, any order) and summarises each column as one
/// run over all the seeds would have: the rows are taken in seed order, so the numbers are the
/// same to the last bit. Returns the batch's header (as one run) and the summaries.
pub fn merge(paths: &[PathBuf]) -> Result<(Header, Vec<Summary>), String> {
    let mut files = paths
        .iter()
        .map(|p| ShardFile::open(p))
        .collect::<Result<Vec<_>, _>>()?;
    let Some(first) = files.first() else {
        return Err("name the shard files to merge".to_owned());
    };
    let mut whole = first.header.clone();
    whole.shard = Shard::ALL;
    for file in &files {
        let mut header = file.header.clone();
        header.shard = Shard::ALL;
        if header != whole {
            return Err(format!(
                "{} is a shard of another batch than {} (its runs, seeds, switches or columns differ)",
                file.path.display(),
                files[0].path.display()
            ));
        }
    }
    let of = first.header.shard.of;
    files.sort_by_key(|f| f.header.shard.index);
    let indices: Vec<u64> = files.iter().map(|f| f.header.shard.index).collect();
    if files.iter().any(|f| f.header.shard.of != of) || indices != (1..=of).collect::<Vec<_>>() {
        return Err(format!(
            "the shards do not make one whole batch: it has {of} slices, and the files give slices {indices:?}; each slice must be given once"
        ));
    }
    let mut summaries = Vec::new();
    let mut seconds = vec![-0.0; whole.columns.len()];
    let mut tallies = Vec::new();
    for column in &whole.columns {
        let mut tally = Tally::new(&column.label, &column.endings, &column.actors);
        for file in &mut files {
            let expected = file.header.shard.indices(whole.runs);
            let mut index = expected.start;
            while let Some(row) = file.next_row(&column.label)? {
                let seed = whole.first_seed.wrapping_add(index);
                if index >= expected.end || row.seed != seed {
                    return Err(format!(
                        "{}: the rows of \"{}\" are not the seeds of its slice in order (found seed {}, expected {})",
                        file.path.display(),
                        column.label,
                        row.seed,
                        seed
                    ));
                }
                tally.add(&row.outcome());
                index += 1;
            }
            if index != expected.end {
                return Err(format!(
                    "{}: \"{}\" has {} of its slice's {} games",
                    file.path.display(),
                    column.label,
                    index - expected.start,
                    expected.end - expected.start
                ));
            }
        }
        tallies.push(tally);
    }
    for file in &mut files {
        let times = file.complete()?;
        for (sum, time) in seconds.iter_mut().zip(times) {
            *sum += time;
        }
    }
    for (tally, time) in tallies.iter().zip(seconds) {
        summaries.push(tally.summary(time));
    }
    Ok((whole, summaries))
}
