//! Indicators and their value slots, and which one is the escalation ladder.

use super::{Checker, Indicator, Place};
use crate::scenario::error::format_number;
use crate::scenario::types::*;

/// The indicators and the value slots they occupy: one per global indicator, one per actor per
/// per-actor indicator, with each slot's range and start.
pub(super) struct Slots {
    pub(super) indicators: Vec<Indicator>,
    pub(super) count: usize,
    pub(super) min: Vec<f64>,
    pub(super) max: Vec<f64>,
    pub(super) start: Vec<f64>,
}

/// Checks the indicators' ranges and lays out their slots.
pub(super) fn indicators(checker: &mut Checker) -> Slots {
    let file = checker.file;
    let actor_count = file.actors.len();
    let mut slots = Slots {
        indicators: Vec::new(),
        count: 0,
        min: Vec::new(),
        max: Vec::new(),
        start: Vec::new(),
    };
    for def in &file.indicators {
        let place = Place::new(format!("indicators[{}]", def.id), &[&def.id]);
        if def.min >= def.max || def.min.is_nan() || def.max.is_nan() {
            checker.problem(
                &place,
                format!(
                    "min {} must be below max {}",
                    format_number(def.min),
                    format_number(def.max)
                ),
            );
        }
        if !(def.min..=def.max).contains(&def.start) {
            checker.problem(
                &place,
                format!(
                    "start {} is outside {}..{}",
                    format_number(def.start),
                    format_number(def.min),
                    format_number(def.max)
                ),
            );
        }
        let width = if def.scope == Scope::Global {
            1
        } else {
            actor_count
        };
        slots.indicators.push(Indicator {
            id: def.id.clone(),
            name: def.name.clone(),
            meaning: def.meaning.clone(),
            scope: def.scope,
            min: def.min,
            max: def.max,
            base_slot: slots.count,
        });
        for _ in 0..width {
            slots.min.push(def.min);
            slots.max.push(def.max);
            slots.start.push(def.start);
        }
        slots.count += width;
    }
    slots
}

/// The slot of the escalation indicator, which must be global (0 after a problem).
pub(super) fn escalation(checker: &mut Checker, indicators: &[Indicator]) -> usize {
    let file = checker.file;
    let escalation_place = Place::new("escalation.indicator", &[&file.escalation.indicator]);
    match indicators
        .iter()
        .find(|i| i.id == file.escalation.indicator)
    {
        Some(indicator) if indicator.scope == Scope::Global => indicator.base_slot,
        Some(_) => {
            checker.problem(
                &escalation_place,
                "the escalation indicator must be Global".into(),
            );
            0
        }
        None => {
            let known = indicators.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
            let message = format!(
                "unknown indicator \"{}\"; known indicators: {}",
                file.escalation.indicator,
                Checker::known(&known)
            );
            checker.problem(&escalation_place, message);
            0
        }
    }
}

pub(super) fn per_actor_ids(indicators: &[Indicator]) -> Vec<String> {
    indicators
        .iter()
        .filter(|i| i.scope == Scope::PerActor)
        .map(|i| i.id.clone())
        .collect()
}
