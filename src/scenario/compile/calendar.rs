//! The calendar: how many monthly turns, how many orders a turn, and the first month.

use super::sources::check_date;
use super::{Checker, Place, Seat};
use crate::scenario::types::{Calendar, SeatDef};

/// Checks the calendar's numbers.
pub(super) fn check_calendar(checker: &mut Checker) {
    let calendar = &checker.file.calendar;
    if calendar.turns == 0 || calendar.turns > 600 {
        checker.problem(
            &Place::new("calendar.turns", &[]),
            format!("{} turns: expected 1 to 600", calendar.turns),
        );
    }
    if !(1..=10).contains(&calendar.orders_per_turn) {
        let message = format!(
            "{} orders a turn: expected 1 to 10",
            calendar.orders_per_turn
        );
        checker.problem(&Place::new("calendar.orders_per_turn", &[]), message);
    }
    if !(1..=12).contains(&calendar.start_month) {
        let message = format!(
            "month {}: expected 1 (January) to 12 (December)",
            calendar.start_month
        );
        checker.problem(&Place::new("calendar.start_month", &[]), message);
    }
}

/// The turn of a calendar month, written `"2017-09"` or as a day in it (`"2017-09-03"`), in the
/// scenario's calendar; otherwise what was expected.
fn turn_of_date(calendar: &Calendar, date: &str) -> Result<u32, String> {
    let (year, month) = year_and_month(date)?;
    let first = i64::from(calendar.start_year) * 12 + i64::from(calendar.start_month) - 1;
    let index = i64::from(year) * 12 + i64::from(month) - 1 - first;
    let turns = i64::from(calendar.turns);
    let label = |index: i64| {
        let months = first + index;
        format!("{}-{:02}", months.div_euclid(12), months.rem_euclid(12) + 1)
    };
    let range = format!(
        "give a month from {} to {}",
        label(0),
        label((turns - 1).max(0))
    );
    if index < 0 {
        Err(format!(
            "before the scenario starts ({}, turn 1); {range}",
            label(0)
        ))
    } else if index >= turns {
        Err(format!(
            "after the calendar ends ({}, turn {turns}); {range}",
            label(turns - 1)
        ))
    } else {
        u32::try_from(index + 1).map_err(|_| range)
    }
}

/// The turns a seat on the Security Council is held, from `SeatDef`: none, every turn, or an
/// elected term's months as turns (clamped to the game). None after a located problem: a bad
/// month, a term that ends before it begins, or one that misses the scenario's calendar.
pub(super) fn seat(checker: &mut Checker, def: Option<&SeatDef>, place: &Place) -> Option<Seat> {
    let (from, until) = match def {
        None => return Some(Seat::None),
        Some(SeatDef::Permanent) => return Some(Seat::Permanent),
        Some(SeatDef::Elected(from, until)) => (from, until),
    };
    let calendar = &checker.file.calendar;
    let first = i64::from(calendar.start_year) * 12 + i64::from(calendar.start_month) - 1;
    let mut month = |date: &str| match year_and_month(date) {
        Ok((year, month)) => Some(i64::from(year) * 12 + i64::from(month) - 1),
        Err(message) => {
            checker.problem(
                &place.with_anchor(date),
                format!("date \"{date}\": {message}"),
            );
            None
        }
    };
    let (start, end) = (month(from)?, month(until)?);
    let turns = i64::from(checker.file.calendar.turns);
    let problem = if end < start {
        Some(format!(
            "the term ends ({until}) before it begins ({from}); give the first month, then the last"
        ))
    } else if end < first || start >= first + turns {
        Some(format!(
            "the term {from} to {until} holds in no month of the scenario ({} turns from {}-{:02}); \
             fix the dates or remove the seat",
            turns,
            first.div_euclid(12),
            first.rem_euclid(12) + 1
        ))
    } else {
        None
    };
    if let Some(message) = problem {
        checker.problem(&place.with_anchor(from), message);
        return None;
    }
    let turn = |month: i64| u32::try_from((month - first + 1).clamp(1, turns)).unwrap_or(1);
    Some(Seat::Elected {
        from: turn(start),
        until: turn(end),
    })
}

/// The year and month of `"2017-09"` or `"2017-09-03"`.
fn year_and_month(date: &str) -> Result<(u32, u32), String> {
    const EXPECTED: &str =
        "expected a month like \"2017-09\" (year-month), or a day like \"2017-09-03\"";
    let parts: Vec<&str> = date.trim().split('-').collect();
    let (year, month) = match parts.as_slice() {
        [year, month] => (*year, *month),
        [year, month, _] => {
            check_date(date)?;
            (*year, *month)
        }
        _ => return Err(EXPECTED.into()),
    };
    if year.len() != 4 || month.len() != 2 {
        return Err(EXPECTED.into());
    }
    let number = |text: &str| {
        text.bytes()
            .all(|byte| byte.is_ascii_digit())
            .then(|| text.parse::<u32>().ok())
            .flatten()
            .ok_or_else(|| EXPECTED.to_owned())
    };
    let (year, month) = (number(year)?, number(month)?);
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month}; months run 01 to 12"));
    }
    Ok((year, month))
}

/// The turn of a calendar month, or None after a located problem saying what was expected.
pub(super) fn turn_of(checker: &mut Checker, date: &str, place: &Place) -> Option<u32> {
    match turn_of_date(&checker.file.calendar, date) {
        Ok(turn) => Some(turn),
        Err(message) => {
            checker.problem(
                &place.with_anchor(date),
                format!("date \"{date}\": {message}"),
            );
            None
        }
    }
}
