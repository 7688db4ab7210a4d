//! Orders: before the orders phase, each person gives up to the scenario's number of secret
//! orders, checked together by the same rule resolution uses.

use super::{Kind, advice, advisor, choice, request};
use crate::game::{Game, Phase};
use crate::session::{Advice, Ask, Refusal, Request};
use crate::sim::rules::{self, Refusal as OrderRefusal, Spread};

pub(super) const KIND: Kind = Kind {
    phase: Phase::Orders,
    requests,
    advise,
    check,
    apply,
};

fn requests(game: &Game, humans: &[usize]) -> Vec<Request> {
    let scenario = game.scenario();
    let state = game.state();
    let limit = scenario.calendar.orders_per_turn as usize;
    let mut list = Vec::new();
    for &actor in humans {
        let mut options = Vec::new();
        for (action, definition) in scenario.actions.iter().enumerate() {
            let unavailable = match rules::check_order(scenario, state, actor, action) {
                Err(OrderRefusal::NotAllowed) => continue,
                Err(refusal) => Some(refusal.to_string()),
                Ok(()) => None,
            };
            let mut after = state.clone();
            let outcome =
                rules::apply_order(scenario, &mut after, actor, action, &mut Spread::Expected);
            let mut option = choice(
                scenario,
                actor,
                (definition.id.clone(), definition.name.clone()),
                definition.cost,
                state,
                &after,
            );
            option.unavailable = unavailable;
            option.note = outcome
                .broke
                .map(|proposal| breach_note(game, actor, proposal));
            options.push(option);
        }
        let ask = Ask::Orders {
            capital: state.capital()[actor],
        };
        list.push(request(game, actor, ask, options, (0, limit)));
    }
    list
}

/// What breaking `proposal`'s deal would do, in the words the AI weighs it by: the other
/// parties it frees, for the months the deal had left.
fn breach_note(game: &Game, actor: usize, proposal: usize) -> String {
    let (scenario, state) = (game.scenario(), game.state());
    let name = &scenario.proposals[proposal].name;
    let live = || {
        state
            .commitments
            .iter()
            .filter(|c| c.proposal == proposal && c.until_turn >= state.turn)
    };
    let left = live()
        .filter(|c| c.actor == actor)
        .map(|c| c.until_turn - state.turn)
        .max()
        .unwrap_or(0);
    let mut freed: Vec<&str> = Vec::new();
    for commitment in live() {
        let other = scenario.actors[commitment.actor].name.as_str();
        if commitment.actor != actor && commitment.kind.is_some() && !freed.contains(&other) {
            freed.push(other);
        }
    }
    let freed = match freed.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    match (freed.is_empty(), left) {
        (true, _) | (false, 0) => format!("breaks your commitment under \"{name}\""),
        (false, 1) => format!(
            "breaks your commitment under \"{name}\": {freed} would be free to take again what \
             they gave up, in the month it had left"
        ),
        (false, months) => format!(
            "breaks your commitment under \"{name}\": {freed} would be free to take again what \
             they gave up, in the {months} months it had left"
        ),
    }
}

fn actions(game: &Game, picks: &[String]) -> Vec<usize> {
    picks
        .iter()
        .filter_map(|id| game.scenario().action_index(id))
        .collect()
}

/// Affordable together, as resolution will check them.
fn check(game: &Game, request: &Request, picks: &[String]) -> Result<(), Refusal> {
    let scenario = game.scenario();
    let actor = super::actor_of(game, request);
    let chosen = actions(game, picks);
    let checks = rules::check_orders(scenario, game.state(), actor, &chosen, 0);
    match chosen.iter().zip(&checks).find(|(_, c)| c.is_err()) {
        Some((action, Err(refusal))) => Err(Refusal::NotTogether(
            scenario.actions[*action].name.clone(),
            refusal.to_string(),
        )),
        _ => Ok(()),
    }
}

fn advise(game: &Game, request: &Request) -> Advice {
    let scenario = game.scenario();
    let actor = super::actor_of(game, request);
    let (orders, decisions) =
        advisor(game, request).orders_remembering(game.state(), &game.memory(actor));
    let picks = orders
        .iter()
        .map(|a| scenario.actions[*a].id.clone())
        .collect();
    advice(scenario, picks, &decisions)
}

fn apply(game: &mut Game, request: &Request, picks: &[String]) {
    let actor = super::actor_of(game, request);
    let chosen = actions(game, picks);
    game.directives_mut().orders.insert(actor, chosen);
}
