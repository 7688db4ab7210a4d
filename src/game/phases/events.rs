//! Phase `Events`: the turn starts here and nowhere else (its number, agenda and log are reset and
//! commitments expire), then the flashpoints injected for it and the scenario's events fire, with
//! their effects, and put what they force on the agenda.

use bevy_ecs::prelude::*;

use super::controllers;
use crate::scenario::{Event, EventOutcome, Scenario};
use crate::sim::log::{Entry, TurnLog};
use crate::sim::random::Draws;
use crate::sim::rules::{self, Spread};
use crate::sim::state::{GameState, interest_label};
use crate::sim::turn::{
    ActorSlot, Agenda, Controller, Directives, GameSettings, ScenarioResource, TurnStart,
};

/// Phase 1. Starts the turn, fires the flashpoints injected for it (in the order given), then
/// the scenario's events in scenario order.
pub fn run_events(
    scenario: Res<ScenarioResource>,
    settings: Res<GameSettings>,
    mut state: ResMut<GameState>,
    mut agenda: ResMut<Agenda>,
    mut log: ResMut<TurnLog>,
    start: Option<ResMut<TurnStart>>,
    mut commands: Commands,
    actors: Query<(&ActorSlot, &Controller)>,
    mut directives: ResMut<Directives>,
) {
    let scenario = &scenario.0;
    let controllers = controllers(&actors);
    let human = |actor: &usize| controllers.get(*actor) == Some(&Controller::Human);
    state.turn += 1;
    *agenda = Agenda::default();
    log.entries.clear();
    log.decisions.clear();
    rules::expire_commitments(&mut state);
    match start {
        Some(mut start) => start.0.clone_from(&state),
        None => commands.insert_resource(TurnStart(state.clone())),
    }
    let turn = state.turn;
    let seed = settings.seed_for(turn);
    for flashpoint in std::mem::take(&mut directives.flashpoints) {
        let Some(event) = scenario.flashpoints.get(flashpoint) else {
            continue;
        };
        agenda.flashpoints.push(flashpoint);
        let mut draws = Draws::keyed(seed, turn, None, "flashpoint-effects:", &event.id);
        fire_event(&mut state, &mut agenda, &mut log, event, &human, &mut draws);
    }
    for (index, event) in scenario.events.iter().enumerate() {
        if (event.once && state.fired()[index]) || (event.historical && settings.no_script) {
            continue;
        }
        let fires = match event.at_turn {
            Some(at) => at == turn,
            None => {
                state.all_hold(&event.conditions, None)
                    && Draws::keyed(seed, turn, None, "event:", &event.id).unit() < event.chance
            }
        };
        if !fires {
            continue;
        }
        state.fired_mut()[index] = true;
        let mut draws = Draws::keyed(seed, turn, None, "event-effects:", &event.id);
        fire_event(&mut state, &mut agenda, &mut log, event, &human, &mut draws);
    }
    state.clamp(scenario);
    reconsider_interests(scenario, &mut state, &mut log);
}

/// Once the month's events have fired, actors reconsider their interests: a shift holds while
/// its conditions do (a lasting one from the first turn they do on), and each shift that starts
/// or ends is news.
fn reconsider_interests(scenario: &Scenario, state: &mut GameState, log: &mut TurnLog) {
    for (actor, definition) in scenario.actors.iter().enumerate() {
        for shift in &definition.shifts {
            let was = state.shifted()[shift.flag];
            let holds = (shift.lasting && was) || state.all_hold(&shift.when, Some(actor));
            if holds == was {
                continue;
            }
            state.shifted_mut()[shift.flag] = holds;
            let interest = interest_label(scenario, state, actor, shift.interest).to_owned();
            // A shift of weight alone changes how much the actor cares, not what it wants.
            let base = &definition.interests[shift.interest];
            let more = if shift.weight > base.weight {
                "more"
            } else {
                "less"
            };
            let name = &definition.name;
            let weight_only = shift.prefers == base.prefers;
            let news = match (&shift.news, holds, weight_only) {
                (Some(news), true, _) => news.replace("{actor}", name),
                (None, true, true) => format!("{name} now cares {more} about {interest}."),
                (None, true, false) => format!("{name} now wants {interest}."),
                (_, false, true) => format!("{name} weighs {interest} as it did before."),
                (_, false, false) => format!("{name} wants {interest} again."),
            };
            log.entries.push(Entry::Shifted {
                actor: definition.code.clone(),
                interest,
                holds,
                news,
                weighs: weight_only.then_some(if holds { shift.weight } else { base.weight }),
            });
        }
    }
}

/// Carries out one event (or injected flashpoint): its news, its effects, and what it puts on
/// the agenda.
fn fire_event(
    state: &mut GameState,
    agenda: &mut Agenda,
    log: &mut TurnLog,
    event: &Event,
    human: &dyn Fn(&usize) -> bool,
    draws: &mut Draws,
) {
    // A script never decides for a human player: what it would have them do is left out,
    // and an event left with nothing to do does not happen.
    let outcomes: Vec<EventOutcome> = event
        .outcomes
        .iter()
        .filter_map(|outcome| match outcome {
            // A player among the authors is asked whether to co-sponsor it (Proposals phase).
            EventOutcome::Table { .. } => Some(outcome.clone()),
            EventOutcome::Draft { by, .. }
            | EventOutcome::Order { actor: by, .. }
            | EventOutcome::Answer { actor: by, .. }
                if human(by) =>
            {
                None
            }
            other => Some(other.clone()),
        })
        .collect();
    if outcomes.is_empty() && !event.outcomes.is_empty() {
        return;
    }
    log.entries.push(Entry::Event {
        event: event.id.clone(),
        news: event.news.clone(),
    });
    for outcome in &outcomes {
        match outcome {
            EventOutcome::Effects(effects) => {
                rules::apply_effects(state, effects, None, &mut Spread::Drawn(draws));
            }
            EventOutcome::Table { proposal, by } => {
                agenda.forced_tabling.push((*proposal, by.clone()))
            }
            EventOutcome::Draft { draft, by } => agenda.forced_drafts.push((*draft, *by)),
            EventOutcome::Order { actor, action } => agenda.forced_orders.push((*actor, *action)),
            EventOutcome::Answer {
                proposal,
                actor,
                accept,
            } => agenda.forced_answers.push((*proposal, *actor, *accept)),
        }
    }
}
