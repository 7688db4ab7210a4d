//! What a turn works on: the resources and components its phases read and write (the scenario,
//! settings, actors, directives, agenda), the decisions given from outside the AI (`Inputs`) and
//! the record each turn leaves (`TurnRecord`). The phases themselves are in `game::phases`.

use std::collections::BTreeMap;
use std::sync::Arc;

use bevy_ecs::prelude::*;
use serde::{Deserialize, Serialize};

use super::decision::Decision;
use super::log::Entry;
use super::rules::Vote;
use super::state::GameState;
use crate::scenario::{Scenario, unknown};

/// The scenario being played, shared.
#[derive(Resource, Clone)]
pub struct ScenarioResource(pub Arc<Scenario>);

/// The game's seed and switches.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GameSettings {
    pub seed: u64,
    /// Historical (scripted) events are skipped: every choice comes from the weights.
    pub no_script: bool,
    /// From this turn on, draw from another seed (a branch played over many seeds).
    #[serde(default)]
    pub reseed: Option<(u32, u64)>,
}

impl GameSettings {
    /// The seed that drives the draws of `turn`.
    pub fn seed_for(&self, turn: u32) -> u64 {
        match self.reseed {
            Some((from, seed)) if turn >= from => seed,
            _ => self.seed,
        }
    }
}

/// Batch play: the AI keeps no reasons, the log gives no "why" and no news text for orders, and no
/// history is kept (the caller reads each turn's log after the turn). Choices, the other entries
/// and the state are exactly those of the same game played in full.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct Quiet;

/// An actor entity's index in the scenario (and in every per-actor list of the state).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ActorSlot(pub usize);

/// The actor's code, `USA`.
#[derive(Component, Debug, Clone, PartialEq, Eq)]
pub struct ActorCode(pub String);

/// Who decides for an actor.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Controller {
    Ai,
    /// Decisions come from `Directives`; with none given the actor holds, rejects and abstains.
    Human,
}

/// The orders an actor gives this turn.
#[derive(Component, Debug, Clone, Default)]
pub struct Orders(pub Vec<usize>);

/// Reciprocity memory: per other actor, +1 cooperated with us, -1 harmed us, fading towards 0.
#[derive(Component, Debug, Clone)]
pub struct Memory(pub Vec<f64>);

/// The actor's utility after each turn played.
#[derive(Component, Debug, Clone, Default)]
pub struct Utilities(pub Vec<f64>);

/// Decisions given from outside the AI for the current turn: human players and branch overrides.
/// Cleared at the end of every turn.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Directives {
    /// Replace an actor's orders (action indices).
    pub orders: BTreeMap<usize, Vec<usize>>,
    /// (proposal, actor) -> accept.
    pub answers: BTreeMap<(usize, usize), bool>,
    /// (proposal, actor) -> table it or not.
    pub tabling: BTreeMap<(usize, usize), bool>,
    /// (draft, actor) -> vote on that draft's text this turn.
    pub votes: BTreeMap<(usize, usize), Vote>,
    /// (draft, drafter) -> the text it puts to the Security Council.
    pub drafts: BTreeMap<(usize, usize), usize>,
    /// Flashpoints to fire at the next `Events` phase, in order; kept until then (one injected
    /// in the middle of a turn fires at the start of the next).
    #[serde(default)]
    pub flashpoints: Vec<usize>,
    /// Decisions of human actors that were not given in time and were taken from the advisor
    /// ("PRK orders"); they change nothing in play and are kept in the record to say so.
    #[serde(default)]
    pub defaulted: Vec<String>,
}

/// What is on the table in the turn being played.
#[derive(Resource, Debug, Clone, Default)]
pub struct Agenda {
    pub forced_tabling: Vec<(usize, Vec<usize>)>,
    pub forced_drafts: Vec<(usize, usize)>,
    pub forced_orders: Vec<(usize, usize)>,
    /// (proposal, actor, accept) scripted by events.
    pub forced_answers: Vec<(usize, usize, bool)>,
    /// (proposal, authors) tabled this turn.
    pub tabled: Vec<(usize, Vec<usize>)>,
    /// (draft, text, drafter) put to the vote this turn.
    pub drafts: Vec<(usize, usize, usize)>,
    /// Flashpoints injected and fired this turn, in order.
    pub flashpoints: Vec<usize>,
}

/// The state as the turn began, for the scoring phase's memory update.
#[derive(Resource, Debug, Clone)]
pub struct TurnStart(pub GameState);

/// The decisions given from outside the AI in one turn (players, overrides), by code and id, so a
/// record can replay them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inputs {
    /// Actors played by a human this turn.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub humans: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub orders: BTreeMap<String, Vec<String>>,
    /// (proposal, actor, accept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<(String, String, bool)>,
    /// (proposal, actor, table it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tabling: Vec<(String, String, bool)>,
    /// (draft, actor, vote).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<(String, String, Vote)>,
    /// (draft, drafter, text number from 0, strongest first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drafts: Vec<(String, String, usize)>,
    /// Flashpoints the teacher injected, fired at the start of this turn in this order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flashpoints: Vec<String>,
    /// Human decisions taken from the advisor because no answer came in time ("PRK orders").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub defaulted: Vec<String>,
}

impl Inputs {
    pub fn is_empty(&self) -> bool {
        *self == Inputs::default()
    }

    /// The directives and human actors, named by code and id.
    pub fn from_directives(
        scenario: &Scenario,
        directives: &Directives,
        humans: &[usize],
    ) -> Inputs {
        let actor = |index: &usize| scenario.actors[*index].code.clone();
        Inputs {
            humans: humans.iter().map(actor).collect(),
            orders: directives
                .orders
                .iter()
                .map(|(who, list)| {
                    (
                        actor(who),
                        list.iter()
                            .map(|a| scenario.actions[*a].id.clone())
                            .collect(),
                    )
                })
                .collect(),
            answers: directives
                .answers
                .iter()
                .map(|((proposal, who), accept)| {
                    (
                        scenario.proposals[*proposal].id.clone(),
                        actor(who),
                        *accept,
                    )
                })
                .collect(),
            tabling: directives
                .tabling
                .iter()
                .map(|((proposal, who), table)| {
                    (scenario.proposals[*proposal].id.clone(), actor(who), *table)
                })
                .collect(),
            votes: directives
                .votes
                .iter()
                .map(|((draft, who), vote)| (scenario.drafts[*draft].id.clone(), actor(who), *vote))
                .collect(),
            drafts: directives
                .drafts
                .iter()
                .map(|((draft, who), text)| (scenario.drafts[*draft].id.clone(), actor(who), *text))
                .collect(),
            flashpoints: directives
                .flashpoints
                .iter()
                .map(|f| scenario.flashpoints[*f].id.clone())
                .collect(),
            defaulted: directives.defaulted.clone(),
        }
    }

    /// Back to directives and human actor indices; names an unknown code or id.
    pub fn to_directives(&self, scenario: &Scenario) -> Result<(Directives, Vec<usize>), String> {
        let actor = |code: &String| {
            scenario.actor_index(code).ok_or_else(|| {
                unknown(
                    "actor",
                    code,
                    scenario.actors.iter().map(|a| a.code.as_str()),
                )
            })
        };
        let action = |id: &String| {
            scenario.action_index(id).ok_or_else(|| {
                unknown("action", id, scenario.actions.iter().map(|a| a.id.as_str()))
            })
        };
        let proposal = |id: &String| {
            scenario.proposal_index(id).ok_or_else(|| {
                unknown(
                    "proposal",
                    id,
                    scenario.proposals.iter().map(|p| p.id.as_str()),
                )
            })
        };
        let draft = |id: &String| {
            scenario
                .drafts
                .iter()
                .position(|d| &d.id == id)
                .ok_or_else(|| unknown("draft", id, scenario.drafts.iter().map(|d| d.id.as_str())))
        };
        let mut directives = Directives::default();
        for (who, list) in &self.orders {
            let actions: Result<Vec<usize>, String> = list.iter().map(action).collect();
            directives.orders.insert(actor(who)?, actions?);
        }
        for (id, who, accept) in &self.answers {
            directives
                .answers
                .insert((proposal(id)?, actor(who)?), *accept);
        }
        for (id, who, table) in &self.tabling {
            directives
                .tabling
                .insert((proposal(id)?, actor(who)?), *table);
        }
        for (id, who, vote) in &self.votes {
            directives.votes.insert((draft(id)?, actor(who)?), *vote);
        }
        for (id, who, text) in &self.drafts {
            let index = draft(id)?;
            if *text >= scenario.drafts[index].texts.len() {
                return Err(format!("draft \"{id}\" has no text number {}", text + 1));
            }
            directives.drafts.insert((index, actor(who)?), *text);
        }
        for id in &self.flashpoints {
            let index = scenario.flashpoint_index(id).ok_or_else(|| {
                unknown(
                    "flashpoint",
                    id,
                    scenario.flashpoints.iter().map(|f| f.id.as_str()),
                )
            })?;
            directives.flashpoints.push(index);
        }
        directives.defaulted.clone_from(&self.defaulted);
        let humans: Result<Vec<usize>, String> = self.humans.iter().map(actor).collect();
        Ok((directives, humans?))
    }
}

/// One played turn, as kept in the history and written into records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TurnRecord {
    pub turn: u32,
    /// "2017-07".
    pub month: String,
    /// What players and overrides decided this turn (empty in an all-AI game).
    #[serde(default, skip_serializing_if = "Inputs::is_empty")]
    pub inputs: Inputs,
    pub entries: Vec<Entry>,
    /// The AI's reasons; not written into record files (a replay recomputes them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// Indicator values after the turn, by label (`tension`, `standing[USA]`).
    pub indicators: BTreeMap<String, f64>,
    /// Each actor's utility after the turn, by code.
    pub utility: BTreeMap<String, f64>,
    pub state_hash: String,
}

/// Every turn played so far.
#[derive(Resource, Debug, Clone, Default)]
pub struct History(pub Vec<TurnRecord>);

/// The calendar month of a turn, "2017-07" for turn 1 of a July 2017 start.
pub fn month_label(scenario: &Scenario, turn: u32) -> String {
    let months_from_zero =
        scenario.calendar.start_month as i64 - 1 + i64::from(turn.saturating_sub(1));
    let year = i64::from(scenario.calendar.start_year) + months_from_zero.div_euclid(12);
    let month = months_from_zero.rem_euclid(12) + 1;
    format!("{year}-{month:02}")
}

/// Spawns one entity per actor, with AI control.
pub fn spawn_actors(world: &mut World, scenario: &Scenario) {
    for (index, actor) in scenario.actors.iter().enumerate() {
        world.spawn(actor_bundle(index, actor, scenario.actors.len()));
    }
}

fn actor_bundle(index: usize, actor: &crate::scenario::Actor, count: usize) -> impl Bundle {
    (
        Name::new(actor.name.clone()),
        ActorSlot(index),
        ActorCode(actor.code.clone()),
        Controller::Ai,
        Orders::default(),
        Memory(vec![0.0; count]),
        Utilities::default(),
    )
}
