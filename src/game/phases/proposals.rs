//! Phase `Proposals`: proposals are tabled, those events force first, then each proposer's own (a
//! player's as directed, an AI's from its look-ahead). Only tabling effects happen here; nobody
//! answers yet.

use bevy_ecs::prelude::*;

use super::{codes, controllers};
use crate::agents::Lookahead;
use crate::scenario::Scenario;
use crate::sim::decision::Decision;
use crate::sim::log::{Decider, Entry, TurnLog};
use crate::sim::random::Draws;
use crate::sim::rules::{self, Spread};
use crate::sim::state::GameState;
use crate::sim::turn::{
    ActorSlot, Agenda, Controller, Directives, GameSettings, Quiet, ScenarioResource,
};

/// Phase 2. Tables proposals: first those forced by events, then AI proposers' own choices.
pub fn table_proposals(
    scenario: Res<ScenarioResource>,
    settings: Res<GameSettings>,
    directives: Res<Directives>,
    mut state: ResMut<GameState>,
    mut agenda: ResMut<Agenda>,
    mut log: ResMut<TurnLog>,
    actors: Query<(&ActorSlot, &Controller)>,
    quiet: Option<Res<Quiet>>,
    mut look: Local<Lookahead>,
) {
    let scenario = &scenario.0;
    let controllers = controllers(&actors);
    let turn = state.turn;
    let explain = quiet.is_none();
    let forced = std::mem::take(&mut agenda.forced_tabling);
    for (proposal, by) in forced {
        // Scripted authors table it, except players who did not choose to.
        let by: Vec<usize> = by
            .into_iter()
            .filter(|author| {
                controllers[*author] != Controller::Human
                    || directives.tabling.get(&(proposal, *author)) == Some(&true)
            })
            .collect();
        if by.is_empty() {
            continue;
        }
        put_on_table(
            scenario,
            &settings,
            &mut state,
            &mut agenda,
            &mut log,
            proposal,
            by,
            Decider::Script,
            None,
        );
    }
    // Each proposer puts forward at most one proposal a turn: a player's as directed, an AI's the
    // one whose challenge promises the largest expected gain. Proposers of the same text co-author it.
    let mut choices: Vec<(usize, usize, Decider, Option<String>)> = Vec::new();
    for (proposer, controller) in controllers.iter().enumerate() {
        let eligible: Vec<usize> = (0..scenario.proposals.len())
            .filter(|p| !agenda.tabled.iter().any(|(tabled, _)| tabled == p))
            .filter(|p| rules::can_table(scenario, &state, *p, proposer))
            .collect();
        if *controller == Controller::Human
            || eligible
                .iter()
                .any(|p| directives.tabling.contains_key(&(*p, proposer)))
        {
            if let Some(proposal) = eligible
                .iter()
                .find(|p| directives.tabling.get(&(**p, proposer)) == Some(&true))
            {
                choices.push((*proposal, proposer, Decider::Player, None));
            }
            continue;
        }
        let mut best: Option<(f64, usize, Vec<Decision>)> = None;
        for proposal in eligible {
            let mut draws = Draws::keyed(
                settings.seed_for(turn),
                turn,
                Some(proposer),
                "table:",
                &scenario.proposals[proposal].id,
            );
            let mut reasons = Vec::new();
            let (wants, gain) = look.tabling(
                scenario,
                &state,
                proposal,
                proposer,
                &mut draws,
                explain.then_some(&mut reasons),
            );
            if wants && best.as_ref().is_none_or(|(top, ..)| gain > *top) {
                best = Some((gain, proposal, reasons));
            }
        }
        if let Some((_, proposal, reasons)) = best {
            let why = log.keep_reasons(reasons);
            choices.push((proposal, proposer, Decider::Ai, why));
        }
    }
    for proposal in 0..scenario.proposals.len() {
        let chosen: Vec<&(usize, usize, Decider, Option<String>)> =
            choices.iter().filter(|(p, ..)| *p == proposal).collect();
        if chosen.is_empty() {
            continue;
        }
        let authors: Vec<usize> = chosen.iter().map(|(_, proposer, ..)| *proposer).collect();
        // An AI author's reason speaks for the text; a player's choice is marked as such.
        let decided = chosen
            .iter()
            .find(|c| c.2 == Decider::Ai)
            .map_or(chosen[0].2, |c| c.2);
        let why = chosen.iter().find_map(|c| c.3.clone());
        put_on_table(
            scenario,
            &settings,
            &mut state,
            &mut agenda,
            &mut log,
            proposal,
            authors,
            decided,
            why,
        );
    }
}

/// Tables a proposal: its tabling effects with their seeded spread, the entry, the agenda.
fn put_on_table(
    scenario: &Scenario,
    settings: &GameSettings,
    state: &mut GameState,
    agenda: &mut Agenda,
    log: &mut TurnLog,
    proposal: usize,
    authors: Vec<usize>,
    decided: Decider,
    why: Option<String>,
) {
    let id = scenario.proposals[proposal].id.clone();
    let mut draws = Draws::keyed(
        settings.seed_for(state.turn),
        state.turn,
        None,
        "table:",
        &id,
    );
    rules::table_proposal(
        scenario,
        state,
        proposal,
        &authors,
        &mut Spread::Drawn(&mut draws),
    );
    log.entries.push(Entry::Tabled {
        proposal: id,
        by: codes(scenario, &authors),
        decided,
        why,
    });
    agenda.tabled.push((proposal, authors));
}
