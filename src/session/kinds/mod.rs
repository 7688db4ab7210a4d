//! The kinds of decision a person makes, one module each: who is asked before which phase, the
//! options with their previews, the advisor's pick, and how a reply becomes the turn's directives.
//! `KINDS` is the one list; a new kind is a new module and one line here.

mod answer;
mod draft;
mod orders;
mod table;
mod vote;

pub use draft::{text_id, text_of};
pub use vote::{vote_id, vote_of};

use super::{Advice, Choice, Refusal, Request};
use crate::agents::{Advisor, Decision};
use crate::game::{Game, Phase};
use crate::scenario::Scenario;
use crate::sim::GameState;

/// One kind of decision.
pub(super) struct Kind {
    /// The phase whose start it waits at.
    pub phase: Phase,
    /// The requests for `humans` before the phase runs.
    pub requests: fn(&Game, &[usize]) -> Vec<Request>,
    /// The advisor's pick.
    pub advise: fn(&Game, &Request) -> Advice,
    /// Checks beyond the options' own (orders that must be affordable together).
    pub check: fn(&Game, &Request, &[String]) -> Result<(), Refusal>,
    /// Writes the reply into the turn's directives.
    pub apply: fn(&mut Game, &Request, &[String]),
}

/// Every kind, in the order of the phases they wait at.
const KINDS: [(&str, Kind); 5] = [
    ("table", table::KIND),
    ("answer", answer::KIND),
    ("draft", draft::KIND),
    ("vote", vote::KIND),
    ("orders", orders::KIND),
];

fn kind_of(request: &Request) -> &'static Kind {
    let name = request.ask.kind();
    match KINDS.iter().find(|(kind, _)| *kind == name) {
        Some((_, kind)) => kind,
        None => unreachable!("every Ask has a kind in KINDS"),
    }
}

/// The requests to make before `phase`, for the people at `humans`.
pub(super) fn requests(game: &Game, phase: Phase, humans: &[usize]) -> Vec<Request> {
    KINDS
        .iter()
        .filter(|(_, kind)| kind.phase == phase)
        .flat_map(|(_, kind)| (kind.requests)(game, humans))
        .collect()
}

pub(super) fn advise(game: &Game, request: &Request) -> Advice {
    (kind_of(request).advise)(game, request)
}

/// The checks every kind shares (known, available, not repeated, how many), then the kind's own.
pub(super) fn check(game: &Game, request: &Request, picks: &[String]) -> Result<(), Refusal> {
    let ids = || {
        request
            .options
            .iter()
            .map(|o| o.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (index, pick) in picks.iter().enumerate() {
        let Some(option) = request.options.iter().find(|o| &o.id == pick) else {
            return Err(Refusal::UnknownOption(pick.clone(), ids()));
        };
        if let Some(reason) = &option.unavailable {
            return Err(Refusal::Unavailable(option.label.clone(), reason.clone()));
        }
        if picks[..index].contains(pick) {
            return Err(Refusal::Repeated(option.label.clone()));
        }
    }
    if picks.len() < request.at_least || picks.len() > request.at_most {
        let what = match (request.at_least, request.at_most) {
            (low, high) if low == high => format!("exactly {low}"),
            (0, high) => format!("at most {high}"),
            (low, high) => format!("from {low} to {high}"),
        };
        return Err(Refusal::Count { what });
    }
    (kind_of(request).check)(game, request, picks)
}

pub(super) fn apply(game: &mut Game, request: &Request, picks: &[String]) {
    (kind_of(request).apply)(game, request, picks)
}

/// No check beyond the shared ones.
fn no_more_checks(_: &Game, _: &Request, _: &[String]) -> Result<(), Refusal> {
    Ok(())
}

/// The advisor for a request's actor: its own weights, never straying from its best option.
fn advisor(game: &Game, request: &Request) -> Advisor {
    Advisor::new(game.scenario(), actor_of(game, request))
}

/// Advice from the AI's explained decisions.
fn advice(scenario: &Scenario, picks: Vec<String>, decisions: &[Decision]) -> Advice {
    Advice {
        picks,
        summary: decisions
            .last()
            .map_or_else(String::new, Decision::short_reason),
        reasons: decisions
            .iter()
            .flat_map(|d| d.sentences(scenario))
            .collect(),
    }
}

/// An option whose effect is the change from `before` to `after` for `actor`.
fn choice(
    scenario: &Scenario,
    actor: usize,
    (id, label): (String, String),
    cost: f64,
    before: &GameState,
    after: &GameState,
) -> Choice {
    let (effects, points) = super::points(scenario, before, after, actor);
    Choice {
        id,
        label,
        cost,
        effects,
        points,
        unavailable: None,
        note: None,
    }
}

/// A new request (its id is given by the session).
fn request(
    game: &Game,
    actor: usize,
    ask: super::Ask,
    options: Vec<Choice>,
    (at_least, at_most): (usize, usize),
) -> Request {
    Request {
        id: 0,
        actor: game.scenario().actors[actor].code.clone(),
        turn: game.state().turn,
        ask,
        options,
        at_least,
        at_most,
    }
}

/// The actor index of a request's actor.
fn actor_of(game: &Game, request: &Request) -> usize {
    match game.scenario().actor_index(&request.actor) {
        Some(actor) => actor,
        None => unreachable!("requests name actors of their own game"),
    }
}

/// "North Korea freezes testing for 6 turns", one per commitment of a proposal.
pub fn terms(scenario: &Scenario, proposal: usize) -> Vec<String> {
    scenario.proposals[proposal]
        .commitments
        .iter()
        .map(|promise| format!("{} for {} turns", promise.words(scenario), promise.turns))
        .collect()
}
