//! An interest as its actor's satisfaction reads it: the target resolved for the actor where it
//! can be, the target's range and the preference, in a few bytes. Each compiled actor carries
//! one gauge per interest (`Actor::gauges`), so loops that score many states do not resolve
//! interests again; `GameState` reads a gauge's satisfaction.

use super::compile::{Interest, Landed, Ref, Scenario};
use super::types::Preference;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gauge {
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

/// A state's numbers as the rules name them: where an indicator's slot and one actor's trust
/// in another sit.
struct Layout {
    slots: usize,
    actors: usize,
}

impl Layout {
    fn of(scenario: &Scenario) -> Self {
        Layout {
            slots: scenario.start_values.len(),
            actors: scenario.actors.len(),
        }
    }

    fn trust(&self, from: usize, to: usize) -> usize {
        self.slots + from * self.actors + to
    }
}

impl Cells {
    /// The cells `target`, resolved for `actor`, reads (as `GameState::read` reads it) and a
    /// change to it writes (as `GameState::add` writes it).
    fn of(layout: &Layout, target: Ref, actor: usize) -> Self {
        match target {
            Ref::Slot(slot) => Cells::One(slot),
            Ref::Own(base) => Cells::One(base + actor),
            Ref::Relation(other) => {
                Cells::Mean(layout.trust(actor, other), layout.trust(other, actor))
            }
            Ref::Trust(from, to) => Cells::One(layout.trust(from, to)),
            Ref::TrustFrom(other) => Cells::One(layout.trust(other, actor)),
            Ref::TrustFromAll => Cells::TrustFromAll(actor),
        }
    }

    /// The numbers, by index, these cells are.
    fn numbers(self, layout: &Layout) -> Vec<usize> {
        match self {
            Cells::One(at) => vec![at],
            Cells::Mean(there, back) => vec![there, back],
            Cells::TrustFromAll(actor) => (0..layout.actors)
                .filter(|other| *other != actor)
                .map(|other| layout.trust(other, actor))
                .collect(),
        }
    }
}

impl Gauge {
    /// `actor`'s `interest` as a gauge, with the range of its target in `scenario`.
    pub fn of(scenario: &Scenario, interest: &Interest, actor: usize) -> Self {
        let (low, high) = bounds(scenario, interest.target);
        Gauge {
            cells: Cells::of(&Layout::of(scenario), interest.target, actor),
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

/// By action: which of `actor`'s gauges (bit `i` for gauge `i`) its taking the action can move,
/// at the action's own effects (an order that breaks a deal moves more, through the deal's
/// costs). An actor with more than 64 interests has every bit set for every action.
fn reach(scenario: &Scenario, actor: usize) -> Vec<u64> {
    let layout = Layout::of(scenario);
    let gauges = &scenario.actors[actor].gauges;
    let mut written = Vec::new();
    scenario
        .actions
        .iter()
        .map(|action| {
            if gauges.len() > 64 {
                return u64::MAX;
            }
            written.clear();
            for effect in &action.effects {
                if effect.applies_for(Some(actor)) {
                    written.extend(Cells::of(&layout, effect.target, actor).numbers(&layout));
                }
            }
            gauges
                .iter()
                .enumerate()
                .filter(|(_, gauge)| {
                    gauge
                        .cells
                        .numbers(&layout)
                        .iter()
                        .any(|number| written.contains(number))
                })
                .fold(0, |mask, (index, _)| mask | 1 << index)
        })
        .collect()
}

/// Gives every actor its interests' gauges, once the slots' ranges are known, and what each
/// action of its own can move of them; and every action its effects as they land for each actor.
pub(crate) fn attach(scenario: &mut Scenario) {
    let layout = Layout::of(scenario);
    for action in &mut scenario.actions {
        action.landed = (0..layout.actors)
            .map(|actor| {
                action
                    .effects
                    .iter()
                    .filter(|effect| effect.applies_for(Some(actor)))
                    .map(|effect| Landed {
                        cells: Cells::of(&layout, effect.target, actor),
                        change: effect.change,
                        spread: effect.spread,
                    })
                    .collect()
            })
            .collect();
    }
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
                // Read where the rules keep the target's value for this actor.
                let mut state = crate::sim::state::GameState::new(&scenario);
                state.add(interest.target, Some(index), 1000.0);
                assert_eq!(
                    state.read_cells(gauge.cells),
                    state.read(interest.target, Some(index)),
                    "{}",
                    actor.code
                );
                assert_ne!(
                    state.read_cells(gauge.cells),
                    crate::sim::state::GameState::new(&scenario).read_cells(gauge.cells),
                    "{}",
                    actor.code
                );
            }
        }
    }

    #[test]
    fn an_action_lands_where_its_effects_are_written() {
        use crate::sim::rules::{Spread, apply_effects};
        use crate::sim::state::GameState;
        let scenario = crate::scenario::default_scenario().expect("the shipped scenario compiles");
        for action in &scenario.actions {
            for actor in 0..scenario.actors.len() {
                let mut written = GameState::new(&scenario);
                apply_effects(
                    &mut written,
                    &action.effects,
                    Some(actor),
                    &mut Spread::Expected,
                );
                let mut landed = GameState::new(&scenario);
                for effect in &action.landed[actor] {
                    landed.add_cells(effect.cells, effect.change);
                }
                assert_eq!(landed, written, "{} by actor {actor}", action.id);
            }
        }
    }
}
