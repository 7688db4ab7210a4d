//! Votes: before the voting phase, each person with a seat on the Security Council that month
//! votes on every text put to it.

use super::{Kind, advice, advisor, choice, request};
use crate::agents::Vote;
use crate::game::{Game, Phase};
use crate::session::{Advice, Ask, Request};
use crate::sim::rules::{self, Spread};

pub(super) const KIND: Kind = Kind {
    phase: Phase::Voting,
    requests,
    advise,
    check: super::no_more_checks,
    apply,
};

/// The votes of a permanent seat, then of an elected one (its "no" vetoes nothing).
const PERMANENT: [(&str, &str, Vote); 3] = [
    ("yes", "Yes", Vote::Yes),
    ("abstain", "Abstain", Vote::Abstain),
    ("veto", "Veto", Vote::Veto),
];
const ELECTED: [(&str, &str, Vote); 3] = [
    ("yes", "Yes", Vote::Yes),
    ("abstain", "Abstain", Vote::Abstain),
    ("no", "No", Vote::No),
];

/// The votes `actor` may cast.
fn votes(game: &Game, actor: usize) -> &'static [(&'static str, &'static str, Vote); 3] {
    seat_votes(game.scenario().actors[actor].permanent_member())
}

/// The votes of a permanent seat, or of an elected one.
fn seat_votes(permanent: bool) -> &'static [(&'static str, &'static str, Vote); 3] {
    if permanent { &PERMANENT } else { &ELECTED }
}

/// The id of `vote` as a permanent seat (or an elected one) casts it.
pub fn vote_id(vote: Vote, permanent: bool) -> &'static str {
    let cast = vote.on_seat(permanent);
    seat_votes(permanent)
        .iter()
        .find(|(.., v)| *v == cast)
        .map_or("abstain", |(id, ..)| id)
}

/// The vote an id stands for.
pub fn vote_of(id: &str) -> Option<Vote> {
    PERMANENT
        .iter()
        .chain(&ELECTED)
        .find(|(known, ..)| *known == id)
        .map(|(.., vote)| *vote)
}

fn requests(game: &Game, humans: &[usize]) -> Vec<Request> {
    let scenario = game.scenario();
    let state = game.state();
    if scenario.council.is_none() {
        return Vec::new();
    }
    let mut list = Vec::new();
    for (draft, text, drafter) in &game.agenda().drafts {
        let definition = &scenario.drafts[*draft];
        let mut adopted = state.clone();
        rules::adopt_resolution(
            scenario,
            &mut adopted,
            *draft,
            *text,
            *drafter,
            &[],
            &mut Spread::Expected,
        );
        for &actor in humans {
            if !scenario.actors[actor].seat.sits(state.turn) {
                continue;
            }
            let options = votes(game, actor)
                .iter()
                .map(|(id, label, vote)| {
                    let after = if *vote == Vote::Veto { state } else { &adopted };
                    let mut option = choice(
                        scenario,
                        actor,
                        ((*id).to_owned(), (*label).to_owned()),
                        0.0,
                        state,
                        after,
                    );
                    option.note = Some(
                        match vote {
                            Vote::Veto => "blocks the text",
                            Vote::No => "counts against the text; if adopted all the same",
                            _ => "if adopted",
                        }
                        .to_owned(),
                    );
                    option
                })
                .collect();
            let ask = Ask::Vote {
                draft: definition.id.clone(),
                name: definition.name.clone(),
                text: definition.texts[*text].0.clone(),
                drafter: scenario.actors[*drafter].code.clone(),
            };
            list.push(request(game, actor, ask, options, (1, 1)));
        }
    }
    list
}

fn on_the_table(game: &Game, request: &Request) -> Option<(usize, usize, usize)> {
    let Ask::Vote { draft, .. } = &request.ask else {
        return None;
    };
    let index = game.scenario().drafts.iter().position(|d| &d.id == draft)?;
    game.agenda()
        .drafts
        .iter()
        .find(|(d, ..)| *d == index)
        .copied()
}

fn advise(game: &Game, request: &Request) -> Advice {
    let scenario = game.scenario();
    let Some((draft, text, drafter)) = on_the_table(game, request) else {
        return advice(scenario, Vec::new(), &[]);
    };
    let (vote, decision) = advisor(game, request).vote(game.state(), draft, text, drafter);
    let actor = super::actor_of(game, request);
    let pick = vote_id(vote, scenario.actors[actor].permanent_member());
    advice(scenario, vec![pick.to_owned()], &[decision])
}

fn apply(game: &mut Game, request: &Request, picks: &[String]) {
    let actor = super::actor_of(game, request);
    let Some((draft, ..)) = on_the_table(game, request) else {
        return;
    };
    let vote = votes(game, actor)
        .iter()
        .find(|(id, ..)| picks.iter().any(|p| p == id))
        .map_or(Vote::Abstain, |(.., vote)| *vote);
    game.directives_mut().votes.insert((draft, actor), vote);
}
