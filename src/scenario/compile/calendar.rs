//! The calendar: how many monthly turns, how many orders a turn, and the first month.

use super::{Checker, Place};

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
