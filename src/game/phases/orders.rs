//! Phase `Orders`: each actor's secret orders for the turn are chosen, a player's as given, an
//! AI's from its look-ahead after what events force. Nothing is carried out here.

use bevy_ecs::prelude::*;

use crate::agents::Lookahead;
use crate::sim::log::TurnLog;
use crate::sim::random::Draws;
use crate::sim::state::GameState;
use crate::sim::turn::{
    ActorSlot, Agenda, Controller, Directives, GameSettings, Memory, Orders, Quiet,
    ScenarioResource,
};

/// Phase 6. Each actor's orders for the turn: directives, else forced ones plus the AI's choices.
pub fn choose_orders(
    scenario: Res<ScenarioResource>,
    settings: Res<GameSettings>,
    directives: Res<Directives>,
    state: Res<GameState>,
    agenda: Res<Agenda>,
    mut log: ResMut<TurnLog>,
    mut actors: Query<(&ActorSlot, &Controller, &Memory, &mut Orders)>,
    quiet: Option<Res<Quiet>>,
    mut look: Local<Lookahead>,
) {
    let scenario = &scenario.0;
    let explain = quiet.is_none();
    let mut list: Vec<_> = actors.iter_mut().collect();
    list.sort_by_key(|(slot, ..)| slot.0);
    for (slot, controller, memory, mut orders) in list {
        let actor = slot.0;
        let forced: Vec<usize> = agenda
            .forced_orders
            .iter()
            .filter(|(who, _)| *who == actor)
            .map(|(_, action)| *action)
            .collect();
        match directives.orders.get(&actor) {
            Some(given) => orders.0.clone_from(given),
            None if *controller == Controller::Human => orders.0 = forced,
            None => {
                let mut draws = Draws::new(
                    settings.seed_for(state.turn),
                    state.turn,
                    Some(actor),
                    "orders",
                );
                look.orders(
                    scenario,
                    &state,
                    actor,
                    &memory.0,
                    &forced,
                    &mut draws,
                    explain.then_some(&mut log.decisions),
                    &mut orders.0,
                );
            }
        }
    }
}
