//! The advisor: what the AI would decide for a human player's actor, at its best (no
//! exploration). Front ends show it as advice and take it as the default answer (Enter in the
//! terminal, a turn timer running out in class).

use super::{Decision, Vote};
use crate::scenario::Scenario;
use crate::sim::GameState;
use crate::sim::random::Draws;

/// The AI's reasoning for one actor, at temperature 0.
#[derive(Debug, Clone)]
pub struct Advisor {
    scenario: Scenario,
    actor: usize,
}

impl Advisor {
    /// An advisor for `actor` in `scenario`: the same weights, never straying from its best.
    pub fn new(scenario: &Scenario, actor: usize) -> Advisor {
        let mut scenario = scenario.clone();
        if let Some(definition) = scenario.actors.get_mut(actor) {
            definition.temperature = 0.0;
        }
        Advisor { scenario, actor }
    }

    fn draws(&self, state: &GameState) -> Draws {
        Draws::new(0, state.turn, Some(self.actor), "advisor")
    }

    /// Whether to table `proposal`, with the reasons.
    pub fn tabling(&self, state: &GameState, proposal: usize) -> (bool, Decision) {
        let (table, decision, _) = self.tabling_gain(state, proposal);
        (table, decision)
    }

    /// `tabling`, with the expected gain over not tabling (to choose among proposals).
    pub fn tabling_gain(&self, state: &GameState, proposal: usize) -> (bool, Decision, f64) {
        super::consider_tabling(
            &self.scenario,
            state,
            proposal,
            self.actor,
            &mut self.draws(state),
        )
    }

    /// Whether to accept a tabled proposal, with the reasons.
    pub fn answer(
        &self,
        state: &GameState,
        proposal: usize,
        authors: &[usize],
    ) -> (bool, Decision) {
        super::answer_proposal(
            &self.scenario,
            state,
            proposal,
            authors,
            self.actor,
            &mut self.draws(state),
        )
    }

    /// Which text of `draft` to put to the Security Council (None: none).
    pub fn text(&self, state: &GameState, draft: usize) -> Option<usize> {
        super::choose_text(&self.scenario, state, draft, self.actor)
    }

    /// How to vote on `text` of `draft`, with the reasons.
    pub fn vote(
        &self,
        state: &GameState,
        draft: usize,
        text: usize,
        drafter: usize,
    ) -> (Vote, Decision) {
        super::vote(
            &self.scenario,
            state,
            draft,
            text,
            drafter,
            self.actor,
            &mut self.draws(state),
        )
    }

    /// The orders to give (no reciprocity memory: the advisor judges the moves themselves), with
    /// one decision per choice.
    pub fn orders(&self, state: &GameState) -> (Vec<usize>, Vec<Decision>) {
        self.orders_remembering(state, &vec![0.0; self.scenario.actors.len()])
    }

    /// The orders to give, weighing what the actor remembers of each other actor as its AI
    /// would (the player's screen, which has the game's memory at hand).
    pub fn orders_remembering(
        &self,
        state: &GameState,
        memory: &[f64],
    ) -> (Vec<usize>, Vec<Decision>) {
        super::choose_orders(
            &self.scenario,
            state,
            self.actor,
            memory,
            &[],
            &mut self.draws(state),
        )
    }
}
