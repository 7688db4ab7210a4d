//! Phase `Scoring`: each actor's utility after the turn is recorded and its reciprocity memory
//! updated. The state is only read here.

use bevy_ecs::prelude::*;

use crate::agents;
use crate::sim::random::Draws;
use crate::sim::state::{GameState, utility};
use crate::sim::turn::{ActorSlot, GameSettings, Memory, ScenarioResource, TurnStart, Utilities};

/// Phase 8. Records each actor's utility and updates its reciprocity memory.
pub fn score_actors(
    scenario: Res<ScenarioResource>,
    settings: Res<GameSettings>,
    state: Res<GameState>,
    start: Res<TurnStart>,
    mut actors: Query<(&ActorSlot, &mut Utilities, &mut Memory)>,
) {
    let scenario = &scenario.0;
    for (slot, mut utilities, mut memory) in &mut actors {
        utilities.0.push(utility(scenario, &state, slot.0));
        let mut draws = Draws::new(
            settings.seed_for(state.turn),
            state.turn,
            Some(slot.0),
            "memory",
        );
        agents::remember(
            scenario,
            &start.0,
            &state,
            slot.0,
            &mut memory.0,
            &mut draws,
        );
    }
}
