//! How well interest weights explain the decisions of a recorded game. The record is replayed
//! phase by phase; at each decision an actor made (an answer to a proposal, a Security Council
//! vote, its secret orders; scripted moves are left out), each candidate scenario (the one
//! played and the essay's hypotheses as variants) is asked how likely that decision was, with
//! the same look-ahead and softmax the AI decides by. For human actors the advisor's choice is
//! kept too, to find where a team departed from what its weights predicted.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::agents::{self, Advisor, Vote};
use crate::game::Phase;
use crate::game::phases_from;
use crate::record::{self, GameRecord, RecordError};
use crate::scenario::Scenario;
use crate::sim::GameState;
use crate::sim::log::{Decider, Entry};
use crate::sim::random::Draws;
use crate::sim::rules::{self, Spread};
use crate::sim::state::utility;
use crate::sim::turn::{ActorSlot, Memory, Orders};

/// Smallest chance counted, so that one decision a hypothesis rules out does not sink it.
pub const FLOOR: f64 = 1e-4;

/// One decision of the record, judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionPoint {
    pub turn: u32,
    pub month: String,
    pub actor: String,
    /// "answer", "vote" or "orders".
    pub kind: String,
    /// The proposal or draft; empty for orders.
    pub subject: String,
    /// What was decided: "accept", "yes", or the orders' ids ("hold" for none).
    pub chosen: Vec<String>,
    /// Made by a human actor (a team).
    pub human: bool,
    /// A team's decision taken from the advisor when its time ran out.
    pub defaulted: bool,
    /// The chance of the decision under each candidate, in the order given.
    pub chances: Vec<f64>,
    /// What the advisor (the played scenario's weights, at their best) would have decided.
    pub advised: Vec<String>,
    /// The actor's expected utility from the advised decision minus that from the one made
    /// (positive: the departure cost it; negative: it gained), in points of 0-100.
    pub cost: f64,
}

impl DecisionPoint {
    /// Whether a team decided otherwise than its weights predicted.
    pub fn departed(&self) -> bool {
        self.human && !self.defaulted && self.chosen != self.advised
    }
}

/// The chance that `actor` gives exactly `chosen` (after `forced`) under `scenario`: the chance
/// of each pick given the ones before, and of holding after the last when fewer than allowed.
fn orders_chance(
    scenario: &Scenario,
    state: &GameState,
    actor: usize,
    memory: &[f64],
    forced: &[usize],
    chosen: &[usize],
) -> f64 {
    let mut chance = 1.0;
    let mut before: Vec<usize> = forced.to_vec();
    let limit = scenario.calendar.orders_per_turn as usize;
    for step in 0..=chosen.len() {
        if before.len() >= limit {
            break;
        }
        let mut draws = Draws::new(0, state.turn, Some(actor), "fit");
        let (_, decisions) =
            agents::choose_orders(scenario, state, actor, memory, &before, &mut draws);
        let Some(first) = decisions.first() else {
            break;
        };
        let label = chosen
            .get(step)
            .map_or("hold".to_owned(), |a| scenario.actions[*a].id.clone());
        chance *= agents::chance_of(scenario, first, &label);
        match chosen.get(step) {
            Some(action) => before.push(*action),
            None => break,
        }
    }
    chance
}

/// The utility `actor` expects from giving `orders` in `state` (effects at their expected
/// values), 0-100.
fn expected_utility(scenario: &Scenario, state: &GameState, actor: usize, orders: &[usize]) -> f64 {
    let mut next = state.clone();
    for action in orders {
        rules::apply_order(scenario, &mut next, actor, *action, &mut Spread::Expected);
    }
    100.0 * utility(scenario, &next, actor)
}

fn ids(scenario: &Scenario, orders: &[usize]) -> Vec<String> {
    if orders.is_empty() {
        vec!["hold".to_owned()]
    } else {
        orders
            .iter()
            .map(|a| scenario.actions[*a].id.clone())
            .collect()
    }
}

/// Every decision of the record with its chance under each of `candidates` (scenarios that
/// share the record's actors, actions and indicators: the one played and its variants).
pub fn judge(
    record: &GameRecord,
    candidates: &[Arc<Scenario>],
    origin: &str,
) -> Result<Vec<DecisionPoint>, RecordError> {
    let mut game = record.start(origin)?;
    let played = game.scenario().clone();
    let mut points = Vec::new();
    for recorded in &record.turns {
        if game.is_over() {
            break;
        }
        record::set_turn_inputs(&mut game, recorded, origin)?;
        let humans: Vec<String> = recorded.inputs.humans.clone();
        let is_human = |code: &str| humans.iter().any(|h| h == code);
        let defaulted = |code: &str, what: &str| {
            recorded
                .inputs
                .defaulted
                .iter()
                .any(|d| d == &format!("{code} {what}"))
        };
        let turn = recorded.turn;
        let month = recorded.month.clone();
        // A decision between two answers (accept or reject, yes or no), judged.
        let single = |actor: &String,
                      kind: &str,
                      subject: &String,
                      label: &str,
                      chances: Vec<f64>,
                      advised: &str,
                      decision: &agents::Decision,
                      asked: String| {
            let value = |option: &str| decision.value_of(option).unwrap_or(0.0);
            DecisionPoint {
                turn,
                month: month.clone(),
                actor: actor.clone(),
                kind: kind.into(),
                subject: subject.clone(),
                chosen: vec![label.to_owned()],
                human: is_human(actor),
                defaulted: defaulted(actor, &asked),
                chances,
                advised: vec![advised.to_owned()],
                cost: 100.0 * (value(advised) - value(label)),
            }
        };
        game.run_phase(Phase::Events);
        game.run_phase(Phase::Proposals);
        // Answers, judged at the state when answers open.
        let state = game.state().clone();
        let tabled = game.agenda().tabled.clone();
        for entry in &recorded.entries {
            let Entry::Answered {
                proposal,
                actor,
                accept,
                decided,
                ..
            } = entry
            else {
                continue;
            };
            if *decided == Decider::Script {
                continue;
            }
            let (Some(p), Some(party)) =
                (played.proposal_index(proposal), played.actor_index(actor))
            else {
                continue;
            };
            let Some((_, authors)) = tabled.iter().find(|(t, _)| *t == p) else {
                continue;
            };
            let label = if *accept { "accept" } else { "reject" };
            let chances = candidates
                .iter()
                .map(|candidate| {
                    let mut draws = Draws::new(0, turn, Some(party), "fit");
                    let (_, decision) =
                        agents::answer_proposal(candidate, &state, p, authors, party, &mut draws);
                    agents::chance_of(candidate, &decision, label)
                })
                .collect();
            let advisor = Advisor::new(&played, party);
            let (advice, decision) = advisor.answer(&state, p, authors);
            let advised = if advice { "accept" } else { "reject" };
            points.push(single(
                actor,
                "answer",
                proposal,
                label,
                chances,
                advised,
                &decision,
                format!("answer to {proposal}"),
            ));
        }
        game.run_phase(Phase::Answers);
        game.run_phase(Phase::Drafting);
        // Votes, judged at the state when the vote opens.
        let state = game.state().clone();
        let drafts = game.agenda().drafts.clone();
        for entry in &recorded.entries {
            let Entry::Voted {
                draft,
                actor,
                vote,
                decided,
                ..
            } = entry
            else {
                continue;
            };
            if *decided == Decider::Script {
                continue;
            }
            let Some(voter) = played.actor_index(actor) else {
                continue;
            };
            let Some(&(d, text, drafter)) =
                drafts.iter().find(|(d, ..)| played.drafts[*d].id == *draft)
            else {
                continue;
            };
            let label = if *vote == Vote::Yes { "yes" } else { "no" };
            let chances = candidates
                .iter()
                .map(|candidate| {
                    let mut draws = Draws::new(0, turn, Some(voter), "fit");
                    let (_, decision) =
                        agents::vote(candidate, &state, d, text, drafter, voter, &mut draws);
                    agents::chance_of(candidate, &decision, label)
                })
                .collect();
            let (advice, decision) = Advisor::new(&played, voter).vote(&state, d, text, drafter);
            let advised = if advice == Vote::Yes { "yes" } else { "no" };
            points.push(single(
                actor,
                "vote",
                draft,
                label,
                chances,
                advised,
                &decision,
                format!("vote on {draft}"),
            ));
        }
        game.run_phase(Phase::Voting);
        // Orders, judged at the state when orders are given, with each actor's memory then.
        let state = game.state().clone();
        let forced_all = game.agenda().forced_orders.clone();
        let mut memories: Vec<(usize, Vec<f64>)> = {
            let world = game.world_mut();
            let mut query = world.query::<(&ActorSlot, &Memory)>();
            query
                .iter(world)
                .map(|(slot, memory)| (slot.0, memory.0.clone()))
                .collect()
        };
        memories.sort_by_key(|(slot, _)| *slot);
        game.run_phase(Phase::Orders);
        let mut given: Vec<(usize, Vec<usize>)> = {
            let world = game.world_mut();
            let mut query = world.query::<(&ActorSlot, &Orders)>();
            query
                .iter(world)
                .map(|(slot, orders)| (slot.0, orders.0.clone()))
                .collect()
        };
        given.sort_by_key(|(slot, _)| *slot);
        for (actor, orders) in &given {
            let code = played.actors[*actor].code.clone();
            let human = is_human(&code);
            let forced: Vec<usize> = if human {
                Vec::new()
            } else {
                forced_all
                    .iter()
                    .filter(|(who, _)| who == actor)
                    .map(|(_, action)| *action)
                    .collect()
            };
            let mut chosen = orders.clone();
            for action in &forced {
                if let Some(position) = chosen.iter().position(|a| a == action) {
                    chosen.remove(position);
                }
            }
            let memory = memories
                .iter()
                .find(|(slot, _)| slot == actor)
                .map(|(_, m)| m.clone())
                .unwrap_or_default();
            let chances = candidates
                .iter()
                .map(|candidate| {
                    orders_chance(candidate, &state, *actor, &memory, &forced, &chosen)
                })
                .collect();
            let (advice, _) = Advisor::new(&played, *actor).orders(&state);
            let cost = if human {
                expected_utility(&played, &state, *actor, &advice)
                    - expected_utility(&played, &state, *actor, &chosen)
            } else {
                0.0
            };
            points.push(DecisionPoint {
                turn,
                month: month.clone(),
                actor: code.clone(),
                kind: "orders".into(),
                subject: String::new(),
                chosen: ids(&played, &chosen),
                human,
                defaulted: defaulted(&code, "orders"),
                chances,
                advised: ids(&played, &advice),
                cost,
            });
        }
        for phase in phases_from(Phase::Resolution) {
            game.run_phase(*phase);
        }
    }
    Ok(points)
}

/// How well one candidate explains the decisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    pub id: String,
    pub name: String,
    /// Sum of the log chances of the decisions counted (higher is better).
    pub log_likelihood: f64,
    /// The geometric mean chance per decision.
    pub mean_chance: f64,
    pub decisions: usize,
    /// exp(this log likelihood - the best's): 1 for the best.
    pub relative: f64,
}

/// Scores each candidate over the decision points `counted` picks.
pub fn fits(
    points: &[DecisionPoint],
    names: &[(String, String)],
    counted: impl Fn(&DecisionPoint) -> bool,
) -> Vec<Fit> {
    let chosen: Vec<&DecisionPoint> = points.iter().filter(|p| counted(p)).collect();
    let mut list: Vec<Fit> = names
        .iter()
        .enumerate()
        .map(|(index, (id, name))| {
            let log_likelihood: f64 = chosen
                .iter()
                .map(|p| p.chances.get(index).copied().unwrap_or(0.0).max(FLOOR).ln())
                .sum();
            Fit {
                id: id.clone(),
                name: name.clone(),
                log_likelihood,
                mean_chance: if chosen.is_empty() {
                    0.0
                } else {
                    (log_likelihood / chosen.len() as f64).exp()
                },
                decisions: chosen.len(),
                relative: 0.0,
            }
        })
        .collect();
    let best = list
        .iter()
        .map(|f| f.log_likelihood)
        .fold(f64::NEG_INFINITY, f64::max);
    for fit in &mut list {
        fit.relative = (fit.log_likelihood - best).exp();
    }
    list
}
