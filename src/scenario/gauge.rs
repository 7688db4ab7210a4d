//! An interest as its actor's satisfaction reads it: the target resolved for the actor where it
//! can be, the target's range and the preference, in a few bytes. Each compiled actor carries
//! one gauge per interest (`Actor::gauges`), so loops that score many states do not resolve
//! interests again; `GameState` reads a gauge's satisfaction.

use super::compile::{Interest, Ref, Scenario};
use super::types::Preference;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gauge {
    pub(crate) target: Ref,
    pub(crate) actor: usize,
    pub(crate) low: f64,
    pub(crate) high: f64,
    pub(crate) prefers: Preference,
}

impl Gauge {
    /// `actor`'s `interest` as a gauge, with the range of its target in `scenario`.
    pub fn of(scenario: &Scenario, interest: &Interest, actor: usize) -> Self {
        let (low, high) = bounds(scenario, interest.target);
        let target = match interest.target {
            Ref::Own(base) => Ref::Slot(base + actor),
            Ref::TrustFrom(other) => Ref::Trust(other, actor),
            target => target,
        };
        Gauge {
            target,
            actor,
            low,
            high,
            prefers: interest.prefers,
        }
    }
}

/// The range of a target.
pub fn bounds(scenario: &Scenario, target: Ref) -> (f64, f64) {
    match target {
        Ref::Slot(slot) | Ref::Own(slot) => (scenario.slot_min[slot], scenario.slot_max[slot]),
        _ => (-100.0, 100.0),
    }
}

/// Gives every actor its interests' gauges, once the slots' ranges are known.
pub(crate) fn attach(scenario: &mut Scenario) {
    let gauges: Vec<Vec<Gauge>> = scenario
        .actors
        .iter()
        .enumerate()
        .map(|(index, actor)| {
            actor
                .interests
                .iter()
                .map(|interest| Gauge::of(scenario, interest, index))
                .collect()
        })
        .collect();
    for (actor, gauges) in scenario.actors.iter_mut().zip(gauges) {
        actor.gauges = gauges;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_actor_has_one_gauge_per_interest_read_for_itself() {
        let scenario = crate::scenario::default_scenario().expect("the shipped scenario compiles");
        for (index, actor) in scenario.actors.iter().enumerate() {
            assert_eq!(actor.gauges.len(), actor.interests.len(), "{}", actor.code);
            for (interest, gauge) in actor.interests.iter().zip(&actor.gauges) {
                assert_eq!(*gauge, Gauge::of(&scenario, interest, index), "{}", actor.code);
                assert_eq!(gauge.actor, index);
                assert!(!matches!(gauge.target, Ref::Own(_) | Ref::TrustFrom(_)));
            }
        }
    }
}
