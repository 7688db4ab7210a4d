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
    /// Where the target's value sits in a state of the scenario.
    pub(crate) cells: Cells,
    pub(crate) low: f64,
    pub(crate) high: f64,
    pub(crate) prefers: Preference,
}

/// Where a gauge's value sits among a state's numbers (`GameState::read_cells`), found once
/// from its target: the numbers are the indicators by slot, then trust row by row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cells {
    /// One number: an indicator, or one actor's trust in another.
    One(usize),
    /// The mean of two: the trust both ways between two actors.
    Mean(usize, usize),
    /// The mean trust of every other actor in this one.
    TrustFromAll(usize),
}

impl Cells {
    /// The cells `target`, resolved for `actor`, reads in a state of `scenario`.
    fn of(scenario: &Scenario, target: Ref, actor: usize) -> Self {
        let slots = scenario.start_values.len();
        let actors = scenario.actors.len();
        let trust = |from: usize, to: usize| slots + from * actors + to;
        match target {
            Ref::Slot(slot) => Cells::One(slot),
            Ref::Own(base) => Cells::One(base + actor),
            Ref::Relation(other) => Cells::Mean(trust(actor, other), trust(other, actor)),
            Ref::Trust(from, to) => Cells::One(trust(from, to)),
            Ref::TrustFrom(other) => Cells::One(trust(other, actor)),
            Ref::TrustFromAll => Cells::TrustFromAll(actor),
        }
    }
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
            cells: Cells::of(scenario, target, actor),
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

/// A number of the state, as the rules name it: an indicator's slot, or the trust of one actor
/// in another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Slot(usize),
    Trust(usize, usize),
}

/// The cells a change to `target` for the actor concerned (`who`) writes, as the rules apply it
/// (`GameState::add`).
fn written(target: Ref, who: usize, actors: usize, cells: &mut Vec<Cell>) {
    match target {
        Ref::Slot(slot) => cells.push(Cell::Slot(slot)),
        Ref::Own(base) => cells.push(Cell::Slot(base + who)),
        Ref::Relation(other) => {
            cells.push(Cell::Trust(who, other));
            cells.push(Cell::Trust(other, who));
        }
        Ref::Trust(from, to) => cells.push(Cell::Trust(from, to)),
        Ref::TrustFrom(other) => cells.push(Cell::Trust(other, who)),
        Ref::TrustFromAll => cells.extend(
            (0..actors)
                .filter(|other| *other != who)
                .map(|other| Cell::Trust(other, who)),
        ),
    }
}

impl Gauge {
    /// Whether the gauge reads any of `cells` (as `GameState::read` reads its target).
    fn reads_any(&self, cells: &[Cell], actors: usize) -> bool {
        let mut read = Vec::new();
        written(self.target, self.actor, actors, &mut read);
        read.iter().any(|cell| cells.contains(cell))
    }
}

/// By action: which of `actor`'s gauges (bit `i` for gauge `i`) its taking the action can move,
/// at the action's own effects (an order that breaks a deal moves more, through the deal's
/// costs). An actor with more than 64 interests has every bit set for every action.
fn reach(scenario: &Scenario, actor: usize) -> Vec<u64> {
    let actors = scenario.actors.len();
    let gauges = &scenario.actors[actor].gauges;
    let mut cells = Vec::new();
    scenario
        .actions
        .iter()
        .map(|action| {
            if gauges.len() > 64 {
                return u64::MAX;
            }
            cells.clear();
            for effect in &action.effects {
                written(effect.target, actor, actors, &mut cells);
            }
            gauges
                .iter()
                .enumerate()
                .filter(|(_, gauge)| gauge.reads_any(&cells, actors))
                .fold(0, |mask, (index, _)| mask | 1 << index)
        })
        .collect()
}

/// Gives every actor its interests' gauges, once the slots' ranges are known, and what each
/// action of its own can move of them.
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
    let reaches: Vec<Vec<u64>> = (0..scenario.actors.len())
        .map(|actor| reach(scenario, actor))
        .collect();
    for (actor, reach) in scenario.actors.iter_mut().zip(reaches) {
        actor.reach = reach;
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
                assert_eq!(
                    *gauge,
                    Gauge::of(&scenario, interest, index),
                    "{}",
                    actor.code
                );
                assert_eq!(gauge.actor, index);
                assert!(!matches!(gauge.target, Ref::Own(_) | Ref::TrustFrom(_)));
            }
        }
    }
}
