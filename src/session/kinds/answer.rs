//! Answers: before the answers phase, each person whose answer a tabled proposal needs accepts
//! or rejects it.

use super::{Kind, advice, advisor, choice, request, terms};
use crate::game::{Game, Phase};
use crate::session::{Advice, Ask, Request};
use crate::sim::rules::{self, Spread};

pub(super) const KIND: Kind = Kind {
    phase: Phase::Answers,
    requests,
    advise,
    check: super::no_more_checks,
    apply,
};

fn requests(game: &Game, humans: &[usize]) -> Vec<Request> {
    let scenario = game.scenario();
    let state = game.state();
    let mut list = Vec::new();
    for (proposal, authors) in &game.agenda().tabled {
        let definition = &scenario.proposals[*proposal];
        for party in definition.asked(authors) {
            if !humans.contains(&party) {
                continue;
            }
            let mut accepted = state.clone();
            rules::answer_proposal(
                scenario,
                &mut accepted,
                *proposal,
                party,
                authors,
                true,
                &mut Spread::Expected,
            );
            rules::strike_deal(
                scenario,
                &mut accepted,
                *proposal,
                authors,
                &mut Spread::Expected,
            );
            let mut rejected = state.clone();
            rules::answer_proposal(
                scenario,
                &mut rejected,
                *proposal,
                party,
                authors,
                false,
                &mut Spread::Expected,
            );
            let mut accept = choice(
                scenario,
                party,
                ("accept".to_owned(), "Accept".to_owned()),
                0.0,
                state,
                &accepted,
            );
            accept.note = Some("if every other party accepts too".to_owned());
            let reject = choice(
                scenario,
                party,
                ("reject".to_owned(), "Reject".to_owned()),
                0.0,
                state,
                &rejected,
            );
            let ask = Ask::Answer {
                proposal: definition.id.clone(),
                name: definition.name.clone(),
                authors: authors
                    .iter()
                    .map(|a| scenario.actors[*a].code.clone())
                    .collect(),
                terms: terms(scenario, *proposal),
            };
            list.push(request(game, party, ask, vec![accept, reject], (1, 1)));
        }
    }
    list
}

fn tabled(game: &Game, request: &Request) -> Option<(usize, Vec<usize>)> {
    let Ask::Answer { proposal, .. } = &request.ask else {
        return None;
    };
    let index = game.scenario().proposal_index(proposal)?;
    game.agenda()
        .tabled
        .iter()
        .find(|(p, _)| *p == index)
        .cloned()
}

fn advise(game: &Game, request: &Request) -> Advice {
    let scenario = game.scenario();
    let Some((proposal, authors)) = tabled(game, request) else {
        return advice(scenario, Vec::new(), &[]);
    };
    let (accept, decision) = advisor(game, request).answer(game.state(), proposal, &authors);
    let pick = if accept { "accept" } else { "reject" };
    advice(scenario, vec![pick.to_owned()], &[decision])
}

fn apply(game: &mut Game, request: &Request, picks: &[String]) {
    let actor = super::actor_of(game, request);
    if let Some((proposal, _)) = tabled(game, request) {
        let accept = picks.iter().any(|p| p == "accept");
        game.directives_mut()
            .answers
            .insert((proposal, actor), accept);
    }
}
