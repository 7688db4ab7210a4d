//! A game: a Bevy world holding one scenario's state, actors and phase schedules, played turn by
//! turn until an ending. A world is `Send`, so a game can move to a worker thread or live in
//! another app; `restart` plays a new game in the same world, keeping its schedules and buffers.
//!
//! This is where the turn is assembled: its phases run the simulation's rules (`sim`) on the
//! decisions of the AI (`agents`), so it sits above both, and neither imports it.

pub mod phases;

use std::collections::BTreeMap;
use std::sync::Arc;

use bevy_ecs::prelude::*;
use serde::{Deserialize, Serialize};

pub use phases::{FROM_ORDERS, PHASES, Phase, phases_from};

use crate::scenario::Scenario;
use crate::sim::decision::Decision;
use crate::sim::log::{Entry, TurnLog};
use crate::sim::state::GameState;
use crate::sim::turn::{
    self, ActorSlot, Agenda, Controller, Directives, GameSettings, History, Inputs, Memory, Quiet,
    ScenarioResource, TurnRecord, Utilities,
};

/// A flashpoint id the scenario does not define.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct UnknownFlashpoint {
    /// Names the id and lists the scenario's flashpoints.
    pub message: String,
}

/// One game in progress.
pub struct Game {
    world: World,
    scenario: Arc<Scenario>,
}

/// An actor's final score: its mean utility over the calendar, 0..100. Turns after an early ending
/// count at the utility the ending left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub actor: String,
    pub name: String,
    pub score: f64,
}

/// A whole game, as printed by `peninsula run --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GameReport {
    pub scenario: String,
    pub scenario_id: String,
    pub scenario_hash: String,
    pub seed: u64,
    pub no_script: bool,
    pub ending: Option<String>,
    pub ending_name: Option<String>,
    pub turns_played: u32,
    pub scores: Vec<Score>,
    pub turns: Vec<TurnRecord>,
}

impl Game {
    /// A new game at the scenario's start, every actor played by the AI.
    pub fn new(scenario: Arc<Scenario>, seed: u64, no_script: bool) -> Self {
        let mut world = World::new();
        phases::add_phases(&mut world);
        let mut game = Game {
            world,
            scenario: scenario.clone(),
        };
        game.restart(scenario, seed, no_script);
        game
    }

    /// Starts a new game in this world: the scenario's start, every actor played by the AI, no
    /// history. The schedules and the AI's buffers are kept, so many games played one after
    /// another in one world allocate little; the game is the same as a `Game::new` one.
    pub fn restart(&mut self, scenario: Arc<Scenario>, seed: u64, no_script: bool) {
        let world = &mut self.world;
        let actors: Vec<Entity> = world
            .query_filtered::<Entity, With<ActorSlot>>()
            .iter(world)
            .collect();
        for entity in actors {
            world.despawn(entity);
        }
        // Nothing reads the despawned actors' removal messages; without clearing them they would
        // pile up over the games played in this world.
        world.clear_trackers();
        world.insert_resource(ScenarioResource(scenario.clone()));
        world.insert_resource(GameSettings {
            seed,
            no_script,
            reseed: None,
        });
        world.insert_resource(GameState::new(&scenario));
        world.insert_resource(TurnLog::default());
        world.insert_resource(Directives::default());
        world.insert_resource(Agenda::default());
        world.resource_mut::<History>().0.clear();
        turn::spawn_actors(world, &scenario);
        self.scenario = scenario;
    }

    /// Plays without keeping the AI's reasons (batch runs): the same game, faster.
    pub fn set_quiet(&mut self, quiet: bool) {
        if quiet {
            self.world.insert_resource(Quiet);
        } else {
            self.world.remove_resource::<Quiet>();
        }
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    pub fn state(&self) -> &GameState {
        self.world.resource::<GameState>()
    }

    pub fn is_over(&self) -> bool {
        self.state().ending.is_some()
    }

    pub fn history(&self) -> &[TurnRecord] {
        &self.world.resource::<History>().0
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    pub fn world_mut(&mut self) -> &mut World {
        &mut self.world
    }

    /// The game's seed and switches.
    pub fn settings(&self) -> &GameSettings {
        self.world.resource::<GameSettings>()
    }

    /// From `turn` on, draw from `seed` instead (a branch played over many seeds).
    pub fn reseed(&mut self, turn: u32, seed: u64) {
        self.world.resource_mut::<GameSettings>().reseed = Some((turn, seed));
    }

    /// Sets who plays each actor this turn and what they (or an override) decided, from a
    /// record's inputs; every actor not listed as human goes back to the AI.
    pub fn set_inputs(&mut self, inputs: &Inputs) -> Result<(), String> {
        let (directives, humans) = inputs.to_directives(&self.scenario)?;
        for actor in 0..self.scenario.actors.len() {
            let controller = if humans.contains(&actor) {
                Controller::Human
            } else {
                Controller::Ai
            };
            self.set_controller(actor, controller);
        }
        *self.directives_mut() = directives;
        Ok(())
    }

    /// Adds inputs to those already set for this turn (an override on top of a record's inputs).
    pub fn add_inputs(&mut self, inputs: &Inputs) -> Result<(), String> {
        let (extra, humans) = inputs.to_directives(&self.scenario)?;
        for actor in humans {
            self.set_controller(actor, Controller::Human);
        }
        let mut directives = self.directives_mut();
        directives.orders.extend(extra.orders);
        directives.answers.extend(extra.answers);
        directives.tabling.extend(extra.tabling);
        directives.votes.extend(extra.votes);
        directives.drafts.extend(extra.drafts);
        Ok(())
    }

    /// Injects one of the scenario's flashpoints: it fires at the start of the next turn played
    /// (several fire in the order injected) and is kept in that turn's record, so a replay
    /// fires it again at the same point.
    pub fn inject_flashpoint(&mut self, id: &str) -> Result<(), UnknownFlashpoint> {
        let index = self
            .scenario
            .flashpoint_index(id)
            .ok_or_else(|| UnknownFlashpoint {
                message: crate::scenario::unknown(
                    "flashpoint",
                    id,
                    self.scenario.flashpoints.iter().map(|f| f.id.as_str()),
                ),
            })?;
        self.directives_mut().flashpoints.push(index);
        Ok(())
    }

    /// The flashpoints injected and waiting for the next turn, by id.
    pub fn waiting_flashpoints(&self) -> Vec<String> {
        let directives = self.world.resource::<Directives>();
        directives
            .flashpoints
            .iter()
            .map(|f| self.scenario.flashpoints[*f].id.clone())
            .collect()
    }

    /// What the turn being played has logged so far.
    pub fn current_entries(&self) -> &[Entry] {
        &self.world.resource::<TurnLog>().entries
    }

    /// The AI's explained decisions of the turn being played so far.
    pub fn current_decisions(&self) -> &[Decision] {
        &self.world.resource::<TurnLog>().decisions
    }

    /// What is on the table in the turn being played.
    pub fn agenda(&self) -> &Agenda {
        self.world.resource::<Agenda>()
    }

    /// Decisions to impose on the turn about to be played (cleared after it).
    pub fn directives_mut(&mut self) -> Mut<'_, Directives> {
        self.world.resource_mut::<Directives>()
    }

    /// Hands an actor to a human (or back to the AI).
    pub fn set_controller(&mut self, actor: usize, controller: Controller) {
        let world = &mut self.world;
        let mut query = world.query::<(&ActorSlot, &mut Controller)>();
        for (slot, mut current) in query.iter_mut(world) {
            if slot.0 == actor {
                *current = controller;
            }
        }
    }

    /// What `actor` remembers of each other actor (reciprocity memory), as its AI reads it.
    pub fn memory(&self, actor: usize) -> Vec<f64> {
        let world = &self.world;
        world
            .iter_entities()
            .find(|entity| {
                entity
                    .get::<ActorSlot>()
                    .is_some_and(|slot| slot.0 == actor)
            })
            .and_then(|entity| entity.get::<Memory>().map(|memory| memory.0.clone()))
            .unwrap_or_else(|| vec![0.0; self.scenario.actors.len()])
    }

    /// Runs one phase of the current turn.
    pub fn run_phase(&mut self, phase: Phase) {
        self.world.run_schedule(phase);
    }

    /// Plays one whole turn; does nothing once the game is over.
    pub fn play_turn(&mut self) {
        if self.is_over() {
            return;
        }
        self.world.run_schedule(phases::WholeTurn);
    }

    /// Plays until an ending, or at most `turns` more turns.
    pub fn play(&mut self, turns: Option<u32>) {
        let mut left = turns.unwrap_or(u32::MAX);
        while !self.is_over() && left > 0 {
            self.play_turn();
            left -= 1;
        }
    }

    /// The final (or current) scores, in scenario order.
    pub fn scores(&self) -> Vec<Score> {
        let world = &self.world;
        let mut list: Vec<(usize, Vec<f64>)> = Vec::new();
        for entity in world.iter_entities() {
            if let (Some(slot), Some(utilities)) =
                (entity.get::<ActorSlot>(), entity.get::<Utilities>())
            {
                list.push((slot.0, utilities.0.clone()));
            }
        }
        list.sort_by_key(|(slot, _)| *slot);
        let calendar = self.scenario.calendar.turns as usize;
        list.into_iter()
            .map(|(slot, utilities)| {
                let played = utilities.len();
                let last = utilities.last().copied().unwrap_or(0.0);
                let total: f64 =
                    utilities.iter().sum::<f64>() + last * calendar.saturating_sub(played) as f64;
                let actor = &self.scenario.actors[slot];
                Score {
                    actor: actor.code.clone(),
                    name: actor.name.clone(),
                    score: 100.0 * total / calendar.max(played).max(1) as f64,
                }
            })
            .collect()
    }

    /// Everything about the game so far.
    pub fn report(&self) -> GameReport {
        let settings = self.world.resource::<GameSettings>();
        let ending = self.state().ending.map(|e| &self.scenario.endings[e]);
        GameReport {
            scenario: self.scenario.name.clone(),
            scenario_id: self.scenario.id.clone(),
            scenario_hash: self.scenario.hash.clone(),
            seed: settings.seed,
            no_script: settings.no_script,
            ending: ending.map(|e| e.id.clone()),
            ending_name: ending.map(|e| e.name.clone()),
            turns_played: self.state().turn,
            scores: self.scores(),
            turns: self.history().to_vec(),
        }
    }

    /// Each actor's utility after each turn, by code.
    pub fn utilities(&self) -> BTreeMap<String, Vec<f64>> {
        let mut out = BTreeMap::new();
        for record in self.history() {
            for (code, value) in &record.utility {
                out.entry(code.clone())
                    .or_insert_with(Vec::new)
                    .push(*value);
            }
        }
        out
    }
}
