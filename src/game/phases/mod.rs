//! The turn's phases: each one schedule with one small system, in a file of its own, run in the
//! order of `TURN`, the only list of them (`PHASES`, `FROM_ORDERS` and the schedules all come from
//! it). A new phase is a file here, a `Phase` and a line in `TURN`. Phases run the rules of `sim`
//! and ask `agents` for the AI's choices.
//!
//! Only `Resolution` and the diplomacy phases change the state's numbers, and only through `rules`.
#![expect(
    clippy::too_many_arguments,
    reason = "a phase system takes each resource, query and buffer it uses as a parameter"
)]

mod answers;
mod drafting;
mod end_check;
mod events;
mod orders;
mod proposals;
mod resolution;
mod scoring;
mod voting;

use bevy_ecs::prelude::*;
use bevy_ecs::schedule::{ScheduleConfigs, ScheduleLabel, SingleThreadedExecutor};
use bevy_ecs::system::ScheduleSystem;

pub use answers::answer_proposals;
pub use drafting::draft_resolutions;
pub use end_check::check_end;
pub use events::run_events;
pub use orders::choose_orders;
pub use proposals::table_proposals;
pub use resolution::resolve_orders;
pub use scoring::score_actors;
pub use voting::vote_resolutions;

use crate::scenario::Scenario;
use crate::sim::log::TurnLog;
use crate::sim::turn::{ActorSlot, Agenda, Controller, Directives, History};

/// A phase of a turn; `TURN` gives their order. Each is a schedule of its own, and a set within
/// `WholeTurn`.
#[derive(ScheduleLabel, SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    Events,
    Proposals,
    Answers,
    Drafting,
    Voting,
    Orders,
    Resolution,
    Scoring,
    EndCheck,
}

/// A phase's system, ready to add to a schedule.
type PhaseSystem = fn() -> ScheduleConfigs<ScheduleSystem>;

/// The turn: every phase in the order it is played, with the one system that is all it does.
const TURN: [(Phase, PhaseSystem); 9] = [
    (Phase::Events, || run_events.into_configs()),
    (Phase::Proposals, || table_proposals.into_configs()),
    (Phase::Answers, || answer_proposals.into_configs()),
    (Phase::Drafting, || draft_resolutions.into_configs()),
    (Phase::Voting, || vote_resolutions.into_configs()),
    (Phase::Orders, || choose_orders.into_configs()),
    (Phase::Resolution, || resolve_orders.into_configs()),
    (Phase::Scoring, || score_actors.into_configs()),
    (Phase::EndCheck, || check_end.into_configs()),
];

/// Every phase of a turn in one schedule, in `TURN`'s order: what a game runs when nobody has to
/// decide between phases (a game of AIs), with the same systems as the phases' own schedules.
#[derive(ScheduleLabel, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WholeTurn;

/// The phases of a turn, in order.
pub const PHASES: [Phase; TURN.len()] = {
    let mut phases = [Phase::Events; TURN.len()];
    let mut index = 0;
    while index < TURN.len() {
        phases[index] = TURN[index].0;
        index += 1;
    }
    phases
};

/// The phases from the secret orders to the end of the turn: what a front end runs once the
/// players have given their orders.
pub const FROM_ORDERS: &[Phase] = phases_from(Phase::Orders);

/// The phases from `first` to the end of the turn, in order.
pub const fn phases_from(first: Phase) -> &'static [Phase] {
    let mut index = 0;
    while PHASES[index] as usize != first as usize {
        index += 1;
    }
    PHASES.split_at(index).1
}

/// Adds the phase schedules, one system each, and the turn's resources to a world.
pub fn add_phases(world: &mut World) {
    let mut whole = Schedule::new(WholeTurn);
    whole.set_executor(SingleThreadedExecutor::new());
    for (phase, system) in TURN {
        let mut schedule = Schedule::new(phase);
        // One system per phase: a single thread keeps the order obvious and the result fixed.
        schedule.set_executor(SingleThreadedExecutor::new());
        schedule.add_systems(system());
        world.add_schedule(schedule);
        whole.add_systems(system().in_set(phase));
    }
    for pair in PHASES.windows(2) {
        whole.configure_sets(pair[0].before(pair[1]));
    }
    world.add_schedule(whole);
    world.init_resource::<TurnLog>();
    world.init_resource::<Directives>();
    world.init_resource::<Agenda>();
    world.init_resource::<History>();
}

/// An actor's code, `USA`.
fn code(scenario: &Scenario, actor: usize) -> String {
    scenario.actors[actor].code.clone()
}

/// The actors' codes, in the order given.
fn codes(scenario: &Scenario, actors: &[usize]) -> Vec<String> {
    actors.iter().map(|a| code(scenario, *a)).collect()
}

/// Controllers by actor slot, in slot order.
fn controllers(query: &Query<(&ActorSlot, &Controller)>) -> Vec<Controller> {
    let mut list = vec![Controller::Ai; query.iter().len()];
    for (slot, controller) in query {
        if let Some(place) = list.get_mut(slot.0) {
            *place = *controller;
        }
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each phase's place in the turn. The match has no catch-all, so a new `Phase` does not
    /// compile until it is given a place here, and the test then finds it missing from `TURN`.
    fn place(phase: Phase) -> usize {
        match phase {
            Phase::Events => 0,
            Phase::Proposals => 1,
            Phase::Answers => 2,
            Phase::Drafting => 3,
            Phase::Voting => 4,
            Phase::Orders => 5,
            Phase::Resolution => 6,
            Phase::Scoring => 7,
            Phase::EndCheck => 8,
        }
    }

    #[test]
    fn every_phase_is_played_once_in_its_place() {
        let places: Vec<usize> = PHASES.iter().map(|phase| place(*phase)).collect();
        assert_eq!(places, (0..PHASES.len()).collect::<Vec<_>>());
        assert_eq!(phases_from(Phase::Orders)[0], Phase::Orders);
    }
}
