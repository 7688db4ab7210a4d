//! Sources (the essay's paragraphs, a dated record, an assumption) and the essay they cite.

use super::{Checker, Place};
use crate::scenario::error::{Problem, locate};
use crate::scenario::types::*;

pub(super) fn check_source(checker: &mut Checker, source: &Source, place: &Place) {
    let last = checker
        .file
        .essay
        .as_ref()
        .map_or(DEFAULT_ESSAY_PARAGRAPHS, |essay| essay.paragraphs);
    for message in source_problems(source, last) {
        checker.problem(place, message);
    }
}

/// What is wrong with a source, given that the essay runs from P1 to `last`.
pub(crate) fn source_problems(source: &Source, last: u32) -> Vec<String> {
    let mut problems = Vec::new();
    match source {
        Source::Essay {
            paragraphs,
            paraphrase,
        } => {
            if paragraphs.is_empty() {
                problems.push("an essay source names at least one paragraph, like [13, 14]".into());
            }
            if let Some(bad) = paragraphs.iter().find(|p| **p == 0 || **p > last) {
                problems.push(format!(
                    "paragraph P{bad} does not exist: the essay has P1 to P{last}; cite a \
                     paragraph in that range, or use Record(...) or Assumption(...)"
                ));
            }
            if paraphrase.trim().is_empty() {
                problems.push("an essay source needs a paraphrase in our own words".into());
            }
        }
        Source::Record {
            date,
            what,
            r#where,
        } => {
            if let Err(message) = check_date(date) {
                problems.push(format!("record date \"{date}\": {message}"));
            }
            if what.trim().is_empty() {
                problems.push("a record source needs `what`: the fact, in our own words".into());
            }
            if r#where.trim().is_empty() {
                problems.push(
                    "a record source needs `where`: the document that records it, like \
                     \"UN press release SC/12945\""
                        .into(),
                );
            }
        }
        Source::Assumption { reason } => {
            if reason.trim().is_empty() {
                problems.push("an assumption needs a reason".into());
            }
        }
    }
    problems
}

/// Checks an ISO calendar date, `YYYY-MM-DD`, between 1900 and 2100.
pub(super) fn check_date(date: &str) -> Result<(), String> {
    const EXPECTED: &str = "expected an ISO date like \"2017-08-05\" (year-month-day)";
    let parts: Vec<&str> = date.trim().split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return Err(EXPECTED.into());
    };
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return Err(EXPECTED.into());
    }
    let number = |text: &str| text.parse::<u32>().map_err(|_| EXPECTED.to_owned());
    let (year, month, day) = (number(year)?, number(month)?, number(day)?);
    if !(1900..=2100).contains(&year) {
        return Err(format!("the year {year} is outside 1900..2100"));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("there is no month {month}; months run 01 to 12")),
    };
    if day == 0 || day > days {
        return Err(format!("month {month:02} of {year} has days 01 to {days}"));
    }
    Ok(())
}

/// Warnings that do not stop a scenario from loading: an actor whose weights cite mostly
/// paragraphs that, by the essay's `speaks_of`, state other actors' views and not its own.
pub fn citation_warnings(file: &ScenarioFile, source: &str) -> Vec<Problem> {
    let Some(essay) = &file.essay else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    for actor in &file.actors {
        let mut judged = 0;
        let mut about_others: Vec<String> = Vec::new();
        for interest in &actor.interests {
            let Source::Essay { paragraphs, .. } = &interest.source else {
                continue;
            };
            let known: Vec<&Vec<String>> = paragraphs
                .iter()
                .filter_map(|p| essay.speaks_of.get(p))
                .collect();
            if known.is_empty() {
                continue;
            }
            judged += 1;
            if !known.iter().any(|actors| actors.contains(&actor.code)) {
                let cited: Vec<String> = paragraphs.iter().map(|p| format!("P{p}")).collect();
                about_others.push(format!("{:?} ({})", interest.target, cited.join(", ")));
            }
        }
        if judged > 0 && about_others.len() * 2 > judged {
            let anchors = [format!("code: \"{}\"", actor.code), "interests".to_owned()];
            warnings.push(Problem {
                position: locate(source, &anchors),
                at: format!("actors[{}].interests", actor.code),
                message: format!(
                    "{} of {judged} weights citing the essay cite only paragraphs that state other \
                     actors' views, not {}'s: {}; where the essay is silent on {}, mark the weight \
                     Assumption(reason: ...) or cite the public record with Record(date, what, where)",
                    about_others.len(),
                    actor.code,
                    about_others.join("; "),
                    actor.code
                ),
            });
        }
    }
    warnings
}

pub(super) fn check_essay(checker: &mut Checker) {
    let Some(essay) = &checker.file.essay else {
        return;
    };
    let place = Place::new("essay", &[]);
    if essay.title.trim().is_empty() {
        checker.problem(&place.child("title"), "the essay needs a title".into());
    }
    if essay.paragraphs == 0 || essay.paragraphs > 10_000 {
        checker.problem(
            &place.child("paragraphs"),
            format!("{} paragraphs: expected 1 to 10000", essay.paragraphs),
        );
    }
    for (paragraph, actors) in &essay.speaks_of {
        let child = place.child(&format!("speaks_of[{paragraph}]"));
        if *paragraph == 0 || *paragraph > essay.paragraphs {
            checker.problem(
                &child,
                format!(
                    "paragraph P{paragraph} does not exist: the essay has P1 to P{}",
                    essay.paragraphs
                ),
            );
        }
        for actor in actors {
            checker.actor(actor, &child);
        }
    }
}
