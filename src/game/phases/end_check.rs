//! Phase `EndCheck`: the ending, if any, is found, and the turn's record (inputs, entries, decisions,
//! indicators, utilities, state hash) is filed in the history; the directives are cleared for the
//! next turn. The game ends here and nowhere else.

use std::collections::BTreeMap;

use bevy_ecs::prelude::*;

use super::code;
use crate::sim::log::{Entry, TurnLog};
use crate::sim::rules;
use crate::sim::state::GameState;
use crate::sim::turn::{
    ActorSlot, Agenda, Controller, Directives, History, Inputs, Memory, Quiet, ScenarioResource,
    TurnRecord, Utilities, month_label,
};

/// Phase 9. Checks the endings and files the turn's record.
pub fn check_end(
    scenario: Res<ScenarioResource>,
    mut state: ResMut<GameState>,
    mut log: ResMut<TurnLog>,
    mut history: ResMut<History>,
    mut directives: ResMut<Directives>,
    agenda: Res<Agenda>,
    actors: Query<(&ActorSlot, &Utilities, &Controller, &Memory)>,
    quiet: Option<Res<Quiet>>,
) {
    let scenario = &scenario.0;
    if let Some(ending) = rules::check_ending(scenario, &state) {
        state.ending = Some(ending);
        let definition = &scenario.endings[ending];
        log.entries.push(Entry::Ending {
            ending: definition.id.clone(),
            name: definition.name.clone(),
        });
    }
    if quiet.is_some() {
        // Batch play keeps no history: the caller reads the turn's log before the next turn.
        clear_directives(&mut directives);
        return;
    }
    let mut humans: Vec<usize> = actors
        .iter()
        .filter(|(_, _, c, _)| **c == Controller::Human)
        .map(|(slot, ..)| slot.0)
        .collect();
    humans.sort();
    let mut memories: Vec<(usize, Vec<f64>)> = actors
        .iter()
        .map(|(slot, .., memory)| (slot.0, memory.0.clone()))
        .collect();
    memories.sort_by_key(|(slot, _)| *slot);
    let memories: Vec<Vec<f64>> = memories.into_iter().map(|(_, memory)| memory).collect();
    let mut indicators = BTreeMap::new();
    for (slot, value) in state.values().iter().enumerate() {
        indicators.insert(scenario.slot_label(slot), *value);
    }
    let mut utility = BTreeMap::new();
    for (slot, utilities, ..) in &actors {
        utility.insert(
            code(scenario, slot.0),
            utilities.0.last().copied().unwrap_or(0.0),
        );
    }
    let log = std::mem::take(&mut *log);
    let mut inputs = Inputs::from_directives(scenario, &directives, &humans);
    // The flashpoints fired this turn; any still waiting were injected during it.
    inputs.flashpoints = agenda
        .flashpoints
        .iter()
        .map(|f| scenario.flashpoints[*f].id.clone())
        .collect();
    history.0.push(TurnRecord {
        turn: state.turn,
        month: month_label(scenario, state.turn),
        inputs,
        entries: log.entries,
        decisions: log.decisions,
        indicators,
        utility,
        state_hash: state.hash_with(&memories),
    });
    clear_directives(&mut directives);
}

/// Clears the turn's directives, keeping flashpoints injected during the turn for the next.
fn clear_directives(directives: &mut Directives) {
    let waiting = std::mem::take(&mut directives.flashpoints);
    *directives = Directives {
        flashpoints: waiting,
        ..Directives::default()
    };
}
