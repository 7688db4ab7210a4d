//! The turn as a sequence of named phase schedules, each one small system, run in `PHASES` order:
//!
//! 1. `Events`: the turn starts, commitments expire, scripted and random events fire.
//! 2. `Proposals`: proposals are tabled (by events, then by AI proposers).
//! 3. `Answers`: each party answers each tabled proposal; deals are struck or rejected.
//! 4. `Drafting`: Security Council drafts are tabled with the text the drafter picks.
//! 5. `Voting`: permanent members vote; texts are adopted or fail.
//! 6. `Orders`: each actor's secret orders are chosen (AI) or taken from directives (humans).
//! 7. `Resolution`: all orders are checked against the same state, then carried out in actor
//!    order; dynamics and capital income follow; values are clamped.
//! 8. `Scoring`: each actor's utility is recorded and its reciprocity memory updated.
//! 9. `EndCheck`: the ending, if any, and the turn's record with its state hash.
//!
//! Only `Resolution` and the diplomacy phases change the state's numbers, and only through `rules`.
#![expect(
    clippy::too_many_arguments,
    reason = "a phase system takes each resource, query and buffer it uses as a parameter"
)]

use std::collections::BTreeMap;
use std::sync::Arc;

use bevy_ecs::prelude::*;
use bevy_ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use serde::{Deserialize, Serialize};

use super::decision::Decision;
use super::log::{Decider, Entry, TurnLog};
use super::random::Draws;
use super::rules::Vote;
use super::rules::{self, Spread};
use super::state::{GameState, utility};
use crate::agents;
use crate::scenario::{EventOutcome, Scenario, unknown};

/// The phases of a turn, in order.
#[derive(ScheduleLabel, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    Events,
    Proposals,
    Answers,
    Drafting,
    Voting,
    Orders,
    Resolution,
    Scoring,
    EndCheck,
}

pub const PHASES: [Phase; 9] = [
    Phase::Events,
    Phase::Proposals,
    Phase::Answers,
    Phase::Drafting,
    Phase::Voting,
    Phase::Orders,
    Phase::Resolution,
    Phase::Scoring,
    Phase::EndCheck,
];

/// The phases from the secret orders to the end of the turn: what a front end runs once the
/// players have given their orders.
pub const FROM_ORDERS: [Phase; 4] = [
    Phase::Orders,
    Phase::Resolution,
    Phase::Scoring,
    Phase::EndCheck,
];

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

/// Registers the phase schedules; one system per phase.
pub fn plugin(app: &mut bevy_app::App) {
    add_phases(app.world_mut());
}

/// Adds the phase schedules, one system each, and the turn's resources to a world.
pub fn add_phases(world: &mut World) {
    let systems: [(Phase, ScheduleConfigsFn); 9] = [
        (Phase::Events, |s| s.add_systems(run_events)),
        (Phase::Proposals, |s| s.add_systems(table_proposals)),
        (Phase::Answers, |s| s.add_systems(answer_proposals)),
        (Phase::Drafting, |s| s.add_systems(draft_resolutions)),
        (Phase::Voting, |s| s.add_systems(vote_resolutions)),
        (Phase::Orders, |s| s.add_systems(choose_orders)),
        (Phase::Resolution, |s| s.add_systems(resolve_orders)),
        (Phase::Scoring, |s| s.add_systems(score_actors)),
        (Phase::EndCheck, |s| s.add_systems(check_end)),
    ];
    for (phase, add) in systems {
        let mut schedule = Schedule::new(phase);
        // One system per phase: a single thread keeps the order obvious and the result fixed.
        schedule.set_executor(SingleThreadedExecutor::new());
        add(&mut schedule);
        world.add_schedule(schedule);
    }
    world.init_resource::<TurnLog>();
    world.init_resource::<Directives>();
    world.init_resource::<Agenda>();
    world.init_resource::<History>();
}

type ScheduleConfigsFn = fn(&mut Schedule) -> &mut Schedule;

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

fn code(scenario: &Scenario, actor: usize) -> String {
    scenario.actors[actor].code.clone()
}

fn codes(scenario: &Scenario, actors: &[usize]) -> Vec<String> {
    actors.iter().map(|a| code(scenario, *a)).collect()
}

/// Controllers by actor slot, in slot order.
fn controllers(query: &Query<(&ActorSlot, &Controller)>) -> Vec<Controller> {
    let mut list = vec![Controller::Ai; query.iter().len()];
    for (slot, controller) in query {
        if let Some(place) = list.get_mut(slot.0) {
            *place = *controller;
        }
    }
    list
}

/// Phase 1. Starts the turn, fires the flashpoints injected for it (in the order given), then
/// the scenario's events in scenario order.
pub fn run_events(
    scenario: Res<ScenarioResource>,
    settings: Res<GameSettings>,
    mut state: ResMut<GameState>,
    mut agenda: ResMut<Agenda>,
    mut log: ResMut<TurnLog>,
    start: Option<ResMut<TurnStart>>,
    mut commands: Commands,
    actors: Query<(&ActorSlot, &Controller)>,
    mut directives: ResMut<Directives>,
) {
    let scenario = &scenario.0;
    let controllers = controllers(&actors);
    let human = |actor: &usize| controllers.get(*actor) == Some(&Controller::Human);
    state.turn += 1;
    *agenda = Agenda::default();
    log.entries.clear();
    log.decisions.clear();
    rules::expire_commitments(&mut state);
    match start {
        Some(mut start) => start.0.clone_from(&state),
        None => commands.insert_resource(TurnStart(state.clone())),
    }
    let turn = state.turn;
    let seed = settings.seed_for(turn);
    for flashpoint in std::mem::take(&mut directives.flashpoints) {
        let Some(event) = scenario.flashpoints.get(flashpoint) else {
            continue;
        };
        agenda.flashpoints.push(flashpoint);
        let mut draws = Draws::keyed(seed, turn, None, "flashpoint-effects:", &event.id);
        fire_event(&mut state, &mut agenda, &mut log, event, &human, &mut draws);
    }
    for (index, event) in scenario.events.iter().enumerate() {
        if (event.once && state.fired()[index]) || (event.historical && settings.no_script) {
            continue;
        }
        let fires = match event.at_turn {
            Some(at) => at == turn,
            None => {
                state.all_hold(&event.conditions, None)
                    && Draws::keyed(seed, turn, None, "event:", &event.id).unit() < event.chance
            }
        };
        if !fires {
            continue;
        }
        state.fired_mut()[index] = true;
        let mut draws = Draws::keyed(seed, turn, None, "event-effects:", &event.id);
        fire_event(&mut state, &mut agenda, &mut log, event, &human, &mut draws);
    }
    state.clamp(scenario);
}

/// Carries out one event (or injected flashpoint): its news, its effects, and what it puts on
/// the agenda.
fn fire_event(
    state: &mut GameState,
    agenda: &mut Agenda,
    log: &mut TurnLog,
    event: &crate::scenario::Event,
    human: &dyn Fn(&usize) -> bool,
    draws: &mut Draws,
) {
    // A script never decides for a human player: what it would have them do is left out,
    // and an event left with nothing to do does not happen.
    let outcomes: Vec<EventOutcome> = event
        .outcomes
        .iter()
        .filter_map(|outcome| match outcome {
            // A player among the authors is asked whether to co-sponsor it (Proposals phase).
            EventOutcome::Table { .. } => Some(outcome.clone()),
            EventOutcome::Draft { by, .. }
            | EventOutcome::Order { actor: by, .. }
            | EventOutcome::Answer { actor: by, .. }
                if human(by) =>
            {
                None
            }
            other => Some(other.clone()),
        })
        .collect();
    if outcomes.is_empty() && !event.outcomes.is_empty() {
        return;
    }
    log.entries.push(Entry::Event {
        event: event.id.clone(),
        news: event.news.clone(),
    });
    for outcome in &outcomes {
        match outcome {
            EventOutcome::Effects(effects) => {
                rules::apply_effects(state, effects, None, &mut Spread::Drawn(draws));
            }
            EventOutcome::Table { proposal, by } => {
                agenda.forced_tabling.push((*proposal, by.clone()))
            }
            EventOutcome::Draft { draft, by } => agenda.forced_drafts.push((*draft, *by)),
            EventOutcome::Order { actor, action } => agenda.forced_orders.push((*actor, *action)),
            EventOutcome::Answer {
                proposal,
                actor,
                accept,
            } => agenda.forced_answers.push((*proposal, *actor, *accept)),
        }
    }
}

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
    mut look: Local<agents::Lookahead>,
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
    mut look: Local<agents::Lookahead>,
) {
    let scenario = &scenario.0;
    let controllers = controllers(&actors);
    let turn = state.turn;
    let explain = quiet.is_none();
    for (proposal, authors) in &agenda.tabled {
        let definition = &scenario.proposals[*proposal];
        // Everyone answers the same proposal as tabled: decide first, then apply.
        let mut answers = Vec::new();
        for party in definition.answering(authors) {
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
        let rejected_by: Vec<usize> = answers
            .iter()
            .filter(|(_, accept)| !accept)
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
            log.entries.push(Entry::DealRejected {
                proposal: definition.id.clone(),
                rejected_by: codes(scenario, &rejected_by),
            });
        }
    }
    state.clamp(scenario);
}

/// Phase 4. Drafts go to the Security Council: forced ones, then AI drafters' choices.
pub fn draft_resolutions(
    scenario: Res<ScenarioResource>,
    directives: Res<Directives>,
    state: Res<GameState>,
    mut agenda: ResMut<Agenda>,
    mut log: ResMut<TurnLog>,
    actors: Query<(&ActorSlot, &Controller)>,
    mut look: Local<agents::Lookahead>,
) {
    let scenario = &scenario.0;
    let controllers = controllers(&actors);
    let forced = std::mem::take(&mut agenda.forced_drafts);
    for (draft, by) in forced {
        // A scripted draft still gets the drafter's choice of text; the strongest if none passes.
        let text = look.text(scenario, &state, draft, by).unwrap_or(0);
        agenda.drafts.push((draft, text, by));
        log.entries.push(Entry::Drafted {
            draft: scenario.drafts[draft].id.clone(),
            text: scenario.drafts[draft].texts[text].0.clone(),
            by: code(scenario, by),
            decided: Decider::Script,
        });
    }
    for (draft, definition) in scenario.drafts.iter().enumerate() {
        if agenda.drafts.iter().any(|(d, _, _)| *d == draft) {
            continue;
        }
        for drafter in &definition.drafters {
            if !rules::can_draft(scenario, &state, draft, *drafter) {
                continue;
            }
            let text = match directives.drafts.get(&(draft, *drafter)) {
                Some(text) => Some(*text),
                _ if controllers[*drafter] == Controller::Human => None,
                _ => look.text(scenario, &state, draft, *drafter),
            };
            if let Some(text) = text {
                agenda.drafts.push((draft, text, *drafter));
                log.entries.push(Entry::Drafted {
                    draft: definition.id.clone(),
                    text: definition.texts[text].0.clone(),
                    by: code(scenario, *drafter),
                    decided: if controllers[*drafter] == Controller::Human {
                        Decider::Player
                    } else {
                        Decider::Ai
                    },
                });
                break;
            }
        }
    }
}

/// Phase 5. Permanent members vote on each draft; a veto or too few votes fails it.
pub fn vote_resolutions(
    scenario: Res<ScenarioResource>,
    settings: Res<GameSettings>,
    directives: Res<Directives>,
    mut state: ResMut<GameState>,
    agenda: Res<Agenda>,
    mut log: ResMut<TurnLog>,
    actors: Query<(&ActorSlot, &Controller)>,
    quiet: Option<Res<Quiet>>,
    mut look: Local<agents::Lookahead>,
) {
    let scenario = &scenario.0;
    let Some(council) = &scenario.council else {
        return;
    };
    let explain = quiet.is_none();
    let controllers = controllers(&actors);
    let turn = state.turn;
    for (draft, text, drafter) in &agenda.drafts {
        let definition = &scenario.drafts[*draft];
        let mut votes = Vec::new();
        for (member, actor) in scenario.actors.iter().enumerate() {
            if !actor.permanent_member {
                continue;
            }
            let (vote, decided, why) = match directives.votes.get(&(*draft, member)) {
                Some(vote) => (*vote, Decider::Player, None),
                None if controllers[member] == Controller::Human => {
                    (Vote::Abstain, Decider::Player, None)
                }
                None => {
                    let mut draws = Draws::keyed(
                        settings.seed_for(turn),
                        turn,
                        Some(member),
                        "vote:",
                        &definition.id,
                    );
                    let mut reasons = Vec::new();
                    let vote = look.vote(
                        scenario,
                        &state,
                        *draft,
                        *text,
                        *drafter,
                        member,
                        &mut draws,
                        explain.then_some(&mut reasons),
                    );
                    (vote, Decider::Ai, log.keep_reasons(reasons))
                }
            };
            votes.push((member, vote));
            log.entries.push(Entry::Voted {
                draft: definition.id.clone(),
                actor: actor.code.clone(),
                vote,
                decided,
                why,
            });
        }
        let permanent: Vec<Vote> = votes.iter().map(|(_, v)| *v).collect();
        let (yes, unanimous) = rules::tally(council, &permanent);
        let vetoed_by: Vec<usize> = votes
            .iter()
            .filter(|(_, v)| *v == Vote::Veto)
            .map(|(m, _)| *m)
            .collect();
        let adopted = rules::passes(council, &permanent);
        if adopted {
            let voters: Vec<usize> = if unanimous {
                votes.iter().map(|(m, _)| *m).collect()
            } else {
                Vec::new()
            };
            let mut draws = Draws::keyed(
                settings.seed_for(turn),
                turn,
                Some(*drafter),
                "resolution:",
                &definition.id,
            );
            rules::adopt_resolution(
                scenario,
                &mut state,
                *draft,
                *text,
                *drafter,
                &voters,
                &mut Spread::Drawn(&mut draws),
            );
        }
        state.draft_voted_at_mut()[*draft] = Some(turn);
        log.entries.push(Entry::CouncilResult {
            draft: definition.id.clone(),
            text: definition.texts[*text].0.clone(),
            adopted,
            yes,
            needed: council.votes_needed,
            vetoed_by: codes(scenario, &vetoed_by),
            unanimous: adopted && unanimous,
        });
    }
    state.clamp(scenario);
}

/// Phase 6. Each actor's orders for the turn: directives, else forced ones plus the AI's choices.
pub fn choose_orders(
    scenario: Res<ScenarioResource>,
    settings: Res<GameSettings>,
    directives: Res<Directives>,
    state: Res<GameState>,
    agenda: Res<Agenda>,
    mut log: ResMut<TurnLog>,
    mut actors: Query<(&ActorSlot, &Controller, &Memory, &mut Orders)>,
    quiet: Option<Res<Quiet>>,
    mut look: Local<agents::Lookahead>,
) {
    let scenario = &scenario.0;
    let explain = quiet.is_none();
    let mut list: Vec<_> = actors.iter_mut().collect();
    list.sort_by_key(|(slot, ..)| slot.0);
    for (slot, controller, memory, mut orders) in list {
        let actor = slot.0;
        let forced: Vec<usize> = agenda
            .forced_orders
            .iter()
            .filter(|(who, _)| *who == actor)
            .map(|(_, action)| *action)
            .collect();
        match directives.orders.get(&actor) {
            Some(given) => orders.0.clone_from(given),
            None if *controller == Controller::Human => orders.0 = forced,
            None => {
                let mut draws = Draws::new(
                    settings.seed_for(state.turn),
                    state.turn,
                    Some(actor),
                    "orders",
                );
                look.orders(
                    scenario,
                    &state,
                    actor,
                    &memory.0,
                    &forced,
                    &mut draws,
                    explain.then_some(&mut log.decisions),
                    &mut orders.0,
                );
            }
        }
    }
}

/// Phase 7. Checks every order against the state as it stood, then carries them out in actor
/// order with seeded spreads; then dynamics, capital income and clamping.
pub fn resolve_orders(
    scenario: Res<ScenarioResource>,
    settings: Res<GameSettings>,
    directives: Res<Directives>,
    agenda: Res<Agenda>,
    mut state: ResMut<GameState>,
    mut log: ResMut<TurnLog>,
    actors: Query<(&ActorSlot, &Orders)>,
    quiet: Option<Res<Quiet>>,
    mut spare: Local<Option<GameState>>,
    mut valid: Local<Vec<(usize, usize)>>,
    mut accepted: Local<Vec<usize>>,
) {
    let scenario = &scenario.0;
    let mut list: Vec<(usize, &Orders)> = actors.iter().map(|(slot, o)| (slot.0, o)).collect();
    list.sort_by_key(|(slot, _)| *slot);
    valid.clear();
    for (actor, orders) in list {
        let orders = &orders.0;
        // Scripted orders lead an AI actor's list; a player's orders are all its own.
        let scripted = if directives.orders.contains_key(&actor) {
            0
        } else {
            orders
                .iter()
                .take_while(|action| agenda.forced_orders.contains(&(actor, **action)))
                .count()
        };
        let mut check = rules::OrderCheck::new(scenario, &state, actor);
        accepted.clear();
        for (index, action) in orders.iter().copied().enumerate() {
            match check.check(scenario, &state, action, &accepted, index < scripted) {
                Ok(()) => {
                    accepted.push(action);
                    valid.push((actor, action));
                }
                Err(refusal) => log.entries.push(Entry::OrderRefused {
                    actor: code(scenario, actor),
                    action: scenario.actions[action].id.clone(),
                    reason: refusal.to_string(),
                }),
            }
        }
    }
    for (actor, action) in valid.iter().copied() {
        let definition = &scenario.actions[action];
        let mut draws = Draws::keyed(
            settings.seed_for(state.turn),
            state.turn,
            Some(actor),
            "effects:",
            &definition.id,
        );
        let outcome = rules::apply_order(
            scenario,
            &mut state,
            actor,
            action,
            &mut Spread::Drawn(&mut draws),
        );
        if let Some(proposal) = outcome.broke {
            log.entries.push(Entry::Broke {
                actor: code(scenario, actor),
                proposal: scenario.proposals[proposal].id.clone(),
            });
        }
        let decided = if directives.orders.contains_key(&actor) {
            Decider::Player
        } else if agenda.forced_orders.contains(&(actor, action)) {
            Decider::Script
        } else {
            Decider::Ai
        };
        let why = log
            .decisions
            .iter()
            .rev()
            .find(|d| {
                d.context == "orders"
                    && d.actor == scenario.actors[actor].code
                    && d.choice == definition.id
            })
            .map(|d| d.short_reason());
        log.entries.push(Entry::Order {
            actor: code(scenario, actor),
            action: definition.id.clone(),
            news: if quiet.is_some() {
                String::new()
            } else {
                definition
                    .news
                    .replace("{actor}", &scenario.actors[actor].name)
            },
            decided,
            why: if decided == Decider::Ai { why } else { None },
        });
    }
    match spare.as_mut() {
        Some(before) => rules::close_turn_with(scenario, &mut state, before),
        None => {
            let mut before = state.clone();
            rules::close_turn_with(scenario, &mut state, &mut before);
            *spare = Some(before);
        }
    }
}

/// Phase 8. Records each actor's utility and updates its reciprocity memory.
pub fn score_actors(
    scenario: Res<ScenarioResource>,
    settings: Res<GameSettings>,
    state: Res<GameState>,
    start: Res<TurnStart>,
    mut actors: Query<(&ActorSlot, &mut Utilities, &mut Memory)>,
) {
    let scenario = &scenario.0;
    for (slot, mut utilities, mut memory) in &mut actors {
        utilities.0.push(utility(scenario, &state, slot.0));
        let mut draws = Draws::new(
            settings.seed_for(state.turn),
            state.turn,
            Some(slot.0),
            "memory",
        );
        agents::remember(
            scenario,
            &start.0,
            &state,
            slot.0,
            &mut memory.0,
            &mut draws,
        );
    }
}

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
