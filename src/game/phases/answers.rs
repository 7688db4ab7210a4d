//! Phase `Answers`: every party answers every proposal tabled this turn, all deciding on the same
//! state before any answer takes effect. Deals are struck here and nowhere else.

use bevy_ecs::prelude::*;

use super::{code, codes, controllers};
use crate::agents::{self, Lookahead};
use crate::sim::log::{Decider, Entry, TurnLog};
use crate::sim::random::Draws;
use crate::sim::rules::{self, Spread};
use crate::sim::state::GameState;
use crate::sim::turn::{
    ActorSlot, Agenda, Controller, Directives, GameSettings, Quiet, ScenarioResource,
};

/// Phase 3. Every party answers every tabled proposal; all yes strikes the deal.
pub fn answer_proposals(
    scenario: Res<ScenarioResource>,
    settings: Res<GameSettings>,
    directives: Res<Directives>,
    mut state: ResMut<GameState>,
    agenda: Res<Agenda>,
    mut log: ResMut<TurnLog>,
    actors: Query<(&ActorSlot, &Controller)>,
    quiet: Option<Res<Quiet>>,
    mut look: Local<Lookahead>,
) {
    let scenario = &scenario.0;
    let controllers = controllers(&actors);
    let turn = state.turn;
    let explain = quiet.is_none();
    for (proposal, authors) in &agenda.tabled {
        let definition = &scenario.proposals[*proposal];
        // Everyone answers the same proposal as tabled: decide first, then apply.
        let mut answers = Vec::new();
        for party in definition.asked(authors) {
            let party = &party;
            let scripted = agenda
                .forced_answers
                .iter()
                .find(|(p, a, _)| p == proposal && a == party)
                .map(|(_, _, accept)| *accept);
            let (accept, decided, why) =
                match (directives.answers.get(&(*proposal, *party)), scripted) {
                    (Some(accept), _) => (*accept, Decider::Player, None),
                    (None, _) if controllers[*party] == Controller::Human => {
                        (false, Decider::Player, None)
                    }
                    (None, Some(accept)) if !explain => (accept, Decider::Script, None),
                    (None, Some(accept)) => {
                        // The script decides; the actor's own reasoning is kept to compare with it.
                        let mut draws = Draws::new(
                            settings.seed_for(turn),
                            turn,
                            Some(*party),
                            "scripted-answer",
                        );
                        let (own, decision) = agents::answer_proposal(
                            scenario, &state, *proposal, authors, *party, &mut draws,
                        );
                        let why = if own == accept {
                            format!("its own weights agree, {}", decision.short_reason())
                        } else {
                            let other = if own { "accept" } else { "reject" };
                            format!("its own weights would {other}, {}", decision.short_reason())
                        };
                        log.decisions.push(decision);
                        (accept, Decider::Script, Some(why))
                    }
                    (None, None) => {
                        let mut draws = Draws::keyed(
                            settings.seed_for(turn),
                            turn,
                            Some(*party),
                            "answer:",
                            &definition.id,
                        );
                        let mut reasons = Vec::new();
                        let (accept, _) = look.answer(
                            scenario,
                            &state,
                            *proposal,
                            authors,
                            *party,
                            &mut draws,
                            explain.then_some(&mut reasons),
                        );
                        (accept, Decider::Ai, log.keep_reasons(reasons))
                    }
                };
            answers.push((*party, accept));
            log.entries.push(Entry::Answered {
                proposal: definition.id.clone(),
                actor: code(scenario, *party),
                accept,
                decided,
                why,
            });
        }
        for (party, accept) in &answers {
            let mut draws = Draws::keyed(
                settings.seed_for(turn),
                turn,
                Some(*party),
                "answer-effects:",
                &definition.id,
            );
            rules::answer_proposal(
                scenario,
                &mut state,
                *proposal,
                *party,
                authors,
                *accept,
                &mut Spread::Drawn(&mut draws),
            );
        }
        // Only a party's no sinks the deal; a consulted actor is heard without a veto.
        let rejected_by: Vec<usize> = answers
            .iter()
            .filter(|(party, accept)| !accept && definition.holds_a_veto(*party))
            .map(|(p, _)| *p)
            .collect();
        if rejected_by.is_empty() {
            let mut draws =
                Draws::keyed(settings.seed_for(turn), turn, None, "deal:", &definition.id);
            rules::strike_deal(
                scenario,
                &mut state,
                *proposal,
                authors,
                &mut Spread::Drawn(&mut draws),
            );
            log.entries.push(Entry::DealStruck {
                proposal: definition.id.clone(),
            });
        } else {
            // Kept only when a condition asks (`Rejected`).
            if let Some(at) = state.rejected_at_mut().get_mut(*proposal) {
                *at = Some(turn);
            }
            log.entries.push(Entry::DealRejected {
                proposal: definition.id.clone(),
                rejected_by: codes(scenario, &rejected_by),
            });
        }
    }
    state.clamp(scenario);
}
