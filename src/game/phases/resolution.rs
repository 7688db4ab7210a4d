//! Phase `Resolution`: every order is checked against the state as it stood, then carried out in
//! actor order; dynamics, capital income and clamping follow. Orders change the state here and
//! nowhere else.

use bevy_ecs::prelude::*;

use super::code;
use crate::sim::log::{Decider, Entry, TurnLog};
use crate::sim::random::Draws;
use crate::sim::rules::{self, Spread};
use crate::sim::state::GameState;
use crate::sim::turn::{
    ActorSlot, Agenda, Directives, GameSettings, Orders, Quiet, ScenarioResource,
};

/// Phase 7. Checks every order against the state as it stood, then carries them out in actor
/// order with seeded spreads; then dynamics, capital income and clamping.
pub fn resolve_orders(
    scenario: Res<ScenarioResource>,
    settings: Res<GameSettings>,
    directives: Res<Directives>,
    agenda: Res<Agenda>,
    mut state: ResMut<GameState>,
    mut log: ResMut<TurnLog>,
    actors: Query<(&ActorSlot, &Orders)>,
    quiet: Option<Res<Quiet>>,
    mut spare: Local<Option<GameState>>,
    mut valid: Local<Vec<(usize, usize)>>,
    mut accepted: Local<Vec<usize>>,
) {
    let scenario = &scenario.0;
    let mut list: Vec<(usize, &Orders)> = actors.iter().map(|(slot, o)| (slot.0, o)).collect();
    list.sort_by_key(|(slot, _)| *slot);
    valid.clear();
    for (actor, orders) in list {
        let orders = &orders.0;
        // Scripted orders lead an AI actor's list; a player's orders are all its own.
        let scripted = if directives.orders.contains_key(&actor) {
            0
        } else {
            orders
                .iter()
                .take_while(|action| agenda.forced_orders.contains(&(actor, **action)))
                .count()
        };
        let mut check = rules::OrderCheck::new(scenario, &state, actor);
        accepted.clear();
        for (index, action) in orders.iter().copied().enumerate() {
            match check.check(scenario, &state, action, &accepted, index < scripted) {
                Ok(()) => {
                    accepted.push(action);
                    valid.push((actor, action));
                }
                Err(refusal) => log.entries.push(Entry::OrderRefused {
                    actor: code(scenario, actor),
                    action: scenario.actions[action].id.clone(),
                    reason: refusal.to_string(),
                }),
            }
        }
    }
    for (actor, action) in valid.iter().copied() {
        let definition = &scenario.actions[action];
        let mut draws = Draws::keyed(
            settings.seed_for(state.turn),
            state.turn,
            Some(actor),
            "effects:",
            &definition.id,
        );
        let outcome = rules::apply_order(
            scenario,
            &mut state,
            actor,
            action,
            &mut Spread::Drawn(&mut draws),
        );
        if let Some(proposal) = outcome.broke {
            log.entries.push(Entry::Broke {
                actor: code(scenario, actor),
                proposal: scenario.proposals[proposal].id.clone(),
            });
        }
        let decided = if directives.orders.contains_key(&actor) {
            Decider::Player
        } else if agenda.forced_orders.contains(&(actor, action)) {
            Decider::Script
        } else {
            Decider::Ai
        };
        let why = log
            .decisions
            .iter()
            .rev()
            .find(|d| {
                d.context == "orders"
                    && d.actor == scenario.actors[actor].code
                    && d.choice == definition.id
            })
            .map(|d| d.short_reason());
        log.entries.push(Entry::Order {
            actor: code(scenario, actor),
            action: definition.id.clone(),
            news: if quiet.is_some() {
                String::new()
            } else {
                let news = definition
                    .news
                    .replace("{actor}", &scenario.actors[actor].name);
                match outcome.repeated {
                    Some((before, left)) if before > 0 => format!(
                        "{news} (Made {} times of late, it carries {:.0}% of its first weight.)",
                        before + 1,
                        100.0 * left
                    ),
                    _ => news,
                }
            },
            decided,
            why: if decided == Decider::Ai { why } else { None },
        });
    }
    match spare.as_mut() {
        Some(before) => rules::close_turn_with(scenario, &mut state, before),
        None => {
            let mut before = state.clone();
            rules::close_turn_with(scenario, &mut state, &mut before);
            *spare = Some(before);
        }
    }
}
