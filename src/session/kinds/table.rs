//! Tabling: before the proposals phase, a person may put one of its proposals on the table.

use super::{Kind, advice, advisor, choice, request, terms};
use crate::agents;
use crate::game::{Game, Phase};
use crate::session::{Advice, Ask, Request};
use crate::sim::rules::{self, Spread};

pub(super) const KIND: Kind = Kind {
    phase: Phase::Proposals,
    requests,
    advise,
    check: super::no_more_checks,
    apply,
};

fn requests(game: &Game, humans: &[usize]) -> Vec<Request> {
    let scenario = game.scenario();
    let state = game.state();
    let mut list = Vec::new();
    for &actor in humans {
        let mut options = Vec::new();
        for (proposal, definition) in scenario.proposals.iter().enumerate() {
            if !definition.proposers.contains(&actor) {
                continue;
            }
            let mut struck = state.clone();
            rules::table_proposal(
                scenario,
                &mut struck,
                proposal,
                &[actor],
                &mut Spread::Expected,
            );
            rules::strike_deal(
                scenario,
                &mut struck,
                proposal,
                &[actor],
                &mut Spread::Expected,
            );
            let mut option = choice(
                scenario,
                actor,
                (definition.id.clone(), definition.name.clone()),
                definition.cost,
                state,
                &struck,
            );
            option.unavailable = rules::table_check(scenario, state, proposal, actor).err();
            option.note = Some(format!(
                "if every party accepts: {}",
                terms(scenario, proposal).join("; ")
            ));
            options.push(option);
        }
        if options.iter().any(|o| o.unavailable.is_none()) {
            list.push(request(game, actor, Ask::Table, options, (0, 1)));
        }
    }
    list
}

/// The AI's own choice for the actor: of the proposals it would table, the one with the largest
/// expected gain.
fn advise(game: &Game, request: &Request) -> Advice {
    let scenario = game.scenario();
    let advisor = advisor(game, request);
    let mut best: Option<(f64, String, agents::Decision)> = None;
    let mut declined = Vec::new();
    for option in request.options.iter().filter(|o| o.unavailable.is_none()) {
        let Some(proposal) = scenario.proposal_index(&option.id) else {
            continue;
        };
        let (wants, decision, gain) = advisor.tabling_gain(game.state(), proposal);
        if wants && best.as_ref().is_none_or(|(top, ..)| gain > *top) {
            best = Some((gain, option.id.clone(), decision));
        } else if !wants {
            declined.push(decision);
        }
    }
    match best {
        Some((_, id, decision)) => advice(scenario, vec![id], &[decision]),
        None => advice(scenario, Vec::new(), &declined),
    }
}

fn apply(game: &mut Game, request: &Request, picks: &[String]) {
    let scenario = game.scenario().clone();
    let actor = super::actor_of(game, request);
    let mut directives = game.directives_mut();
    for option in request.options.iter().filter(|o| o.unavailable.is_none()) {
        if let Some(proposal) = scenario.proposal_index(&option.id) {
            directives
                .tabling
                .insert((proposal, actor), picks.contains(&option.id));
        }
    }
}
