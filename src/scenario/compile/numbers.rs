//! Numbers across the file: finite, and counts of turns or members within reason.

use super::{Checker, Place};
use crate::scenario::error::format_number;
use crate::scenario::types::SeatDef;

/// Numbers must be finite, and counts of turns or members within reason (so that no sum of
/// turns can overflow and "never again" is written as a large but sane number).
pub(super) fn check_numbers(checker: &mut Checker) {
    const MANY: u32 = 1000;
    let file = checker.file;
    let finite = |value: f64| value.is_finite();
    for def in &file.indicators {
        if !(finite(def.min) && finite(def.max) && finite(def.start)) {
            let place = Place::new(format!("indicators[{}]", def.id), &[&def.id]);
            checker.problem(&place, "min, max and start must be finite numbers".into());
        }
    }
    if !finite(file.escalation.danger_from) {
        checker.problem(
            &Place::new("escalation.danger_from", &[]),
            "must be a finite number".into(),
        );
    }
    for def in &file.actions {
        if !(0.0..=1000.0).contains(&def.cost) {
            let place = Place::new(format!("actions[{}].cost", def.id), &[&def.id]);
            checker.problem(
                &place,
                format!("cost {} is outside 0..1000", format_number(def.cost)),
            );
        }
    }
    for def in &file.proposals {
        let place = Place::new(format!("proposals[{}]", def.id), &[&def.id]);
        if !(0.0..=1000.0).contains(&def.cost) {
            checker.problem(
                &place.child("cost"),
                format!("cost {} is outside 0..1000", format_number(def.cost)),
            );
        }
        if def.retable_after > MANY {
            checker.problem(
                &place.child("retable_after"),
                format!("{} turns: at most {MANY}", def.retable_after),
            );
        }
        for commitment in &def.commitments {
            if commitment.turns > MANY {
                checker.problem(
                    &place.child("commitments"),
                    format!("{} turns: at most {MANY}", commitment.turns),
                );
            }
        }
    }
    for def in &file.drafts {
        if def.retable_after > MANY {
            let place = Place::new(format!("drafts[{}].retable_after", def.id), &[&def.id]);
            checker.problem(
                &place,
                format!("{} turns: at most {MANY}", def.retable_after),
            );
        }
    }
    if let Some(council) = &file.security_council {
        let permanent = file
            .actors
            .iter()
            .filter(|a| a.permanent_member || a.seat == Some(SeatDef::Permanent))
            .count() as u32;
        if council.elected_members > MANY {
            let message = format!(
                "{} elected members: at most {MANY}",
                council.elected_members
            );
            checker.problem(
                &Place::new("security_council.elected_members", &[]),
                message,
            );
        }
        let elected = file
            .actors
            .iter()
            .filter(|a| matches!(a.seat, Some(SeatDef::Elected(..))))
            .count() as u32;
        let seats = permanent
            .saturating_add(elected)
            .saturating_add(council.elected_members)
            .saturating_add(council.members.len() as u32);
        if council.votes_needed == 0 || council.votes_needed > seats {
            let message = format!(
                "{} votes needed: expected 1 to {seats} (the seats on the council)",
                council.votes_needed
            );
            checker.problem(&Place::new("security_council.votes_needed", &[]), message);
        }
    }
}
