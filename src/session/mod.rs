//! A game as front ends play it: the turn advances phase by phase and stops whenever an actor
//! played by a person must decide, with a typed request that carries everything a screen shows
//! (options with stable ids, their cost, their predicted effect on each of the actor's interests in
//! score points, which are unavailable and why) and, when asked, the advisor's pick with its
//! reasons. A front end answers with a `Reply`; a wrong one is refused with a reason.
//!
//! Requests and replies are plain serde data. The terminal game and the window both sit on this;
//! neither holds a rule or a preview of its own. Each kind of decision lives in its own module
//! under `kinds/`: who is asked, the options and their previews, the advice, the reply's check.

mod kinds;
mod preview;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::game::{Game, PHASES, Phase};
use crate::scenario::Scenario;
use crate::sim::Controller;
use crate::sim::log::Entry;

pub use kinds::{terms, text_id, text_of, vote_id, vote_of};
pub use preview::{Effect, points};

/// What a person is asked to decide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Unique within the game; a reply names it.
    pub id: u64,
    /// The actor deciding, by code.
    pub actor: String,
    pub turn: u32,
    pub ask: Ask,
    /// Everything that may be picked (and what may not, with the reason).
    pub options: Vec<Choice>,
    /// How many options may be picked: at least, at most.
    pub at_least: usize,
    pub at_most: usize,
}

/// The kind of decision, with what it is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Ask {
    /// Put at most one proposal on the table this month.
    Table,
    /// Accept or reject a proposal on the table.
    Answer {
        proposal: String,
        name: String,
        authors: Vec<String>,
        /// The commitments it asks for, in words.
        terms: Vec<String>,
    },
    /// Put a draft to the Security Council, choosing its text (strongest first), or not.
    Draft { draft: String, name: String },
    /// Vote on a text before the Security Council.
    Vote {
        draft: String,
        name: String,
        text: String,
        drafter: String,
    },
    /// Give up to `at_most` secret orders.
    Orders { capital: f64 },
}

impl Ask {
    /// The decision's kind in one word: "table", "answer", "draft", "vote", "orders".
    pub fn kind(&self) -> &'static str {
        match self {
            Ask::Table => "table",
            Ask::Answer { .. } => "answer",
            Ask::Draft { .. } => "draft",
            Ask::Vote { .. } => "vote",
            Ask::Orders { .. } => "orders",
        }
    }
}

/// One option of a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stable from turn to turn: an action, proposal or vote id.
    pub id: String,
    pub label: String,
    /// Political capital it costs.
    pub cost: f64,
    /// Its predicted effect on each of the actor's interests, in points of the 0-100 score.
    pub effects: Vec<Effect>,
    /// The sum of `effects`: what it does for the actor's score.
    pub points: f64,
    /// Why it cannot be picked now, when it cannot.
    pub unavailable: Option<String>,
    /// A warning or condition: "breaks your commitment under Dual track", "if every party accepts".
    pub note: Option<String>,
}

/// A person's answer to a request: the ids of the options picked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub request: u64,
    pub picks: Vec<String>,
}

/// The advisor's pick for a request (the AI's own reasoning for the actor, at its best), with
/// its reasons in sentences.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advice {
    pub picks: Vec<String>,
    /// One line: the deciding reason.
    pub summary: String,
    /// What counted for and against, with the essay paragraphs behind each weight.
    pub reasons: Vec<String>,
}

/// Why a reply was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum Refusal {
    #[error("no request {0} is waiting (the one waiting is {1})")]
    NotWaiting(u64, String),
    #[error("\"{0}\" is not one of the options ({1})")]
    UnknownOption(String, String),
    #[error("\"{0}\" cannot be picked now: {1}")]
    Unavailable(String, String),
    #[error("pick {what}")]
    Count { what: String },
    #[error("\"{0}\" is picked twice")]
    Repeated(String),
    #[error("\"{0}\" cannot be ordered with that: {1}")]
    NotTogether(String, String),
}

/// What `advance` did.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// A phase was played.
    Played(Phase),
    /// A request waits for a reply (`waiting()`).
    Waiting,
    /// The turn (this number) ended with its last phase.
    TurnEnded(u32),
    /// The game has ended.
    Over,
}

/// A game with its people: who plays which actor, where the turn stands, what is asked.
pub struct Session {
    game: Game,
    humans: Vec<usize>,
    /// The next phase to play, as an index into `PHASES`.
    next: usize,
    /// The requests of the next phase have been made.
    asked: bool,
    pending: std::collections::VecDeque<Request>,
    next_id: u64,
    /// Entries of the turn in progress already handed out by `take_entries`.
    handed_out: usize,
    /// The turn whose entries are being handed out.
    entries_turn: u32,
}

impl Session {
    /// A session over a game (new, resumed or branched) with people at `humans` (actor indices).
    pub fn new(game: Game, humans: &[usize]) -> Self {
        let turn = game.state().turn;
        let mut session = Session {
            game,
            humans: Vec::new(),
            next: 0,
            asked: false,
            pending: Default::default(),
            next_id: 1,
            handed_out: 0,
            entries_turn: turn,
        };
        session.set_humans(humans);
        session
    }

    pub fn game(&self) -> &Game {
        &self.game
    }

    /// The game, to save or inspect; the session keeps its place in the turn.
    pub fn game_mut(&mut self) -> &mut Game {
        &mut self.game
    }

    /// Gives the game back (the turn in progress, if any, is left where it stands).
    pub fn into_game(self) -> Game {
        self.game
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        self.game.scenario()
    }

    /// Hands actors to people (the others to the AI) from the next turn; between turns only,
    /// as in a what-if taken over from the historical line. Returns false mid-turn.
    pub fn set_humans(&mut self, humans: &[usize]) -> bool {
        if !self.between_turns() {
            return false;
        }
        let mut list = humans.to_vec();
        list.sort_unstable();
        list.dedup();
        for actor in 0..self.game.scenario().actors.len() {
            let controller = if list.contains(&actor) {
                Controller::Human
            } else {
                Controller::Ai
            };
            self.game.set_controller(actor, controller);
        }
        self.humans = list;
        true
    }

    /// The actors played by people, in scenario order.
    pub fn humans(&self) -> &[usize] {
        &self.humans
    }

    /// True between turns: no phase of a turn has been played yet.
    pub fn between_turns(&self) -> bool {
        self.next == 0 && !self.asked
    }

    /// The phase to be played next.
    pub fn next_phase(&self) -> Phase {
        PHASES[self.next]
    }

    /// The request waiting for a reply, the first of the phase's.
    pub fn waiting(&self) -> Option<&Request> {
        self.pending.front()
    }

    /// Every request of the phase not yet answered (several when several people play).
    pub fn pending(&self) -> impl Iterator<Item = &Request> {
        self.pending.iter()
    }

    /// Plays the next phase, or stops because a person must decide first.
    pub fn advance(&mut self) -> Progress {
        if !self.pending.is_empty() {
            return Progress::Waiting;
        }
        if self.between_turns() && self.game.is_over() {
            return Progress::Over;
        }
        let phase = PHASES[self.next];
        if !self.asked {
            self.asked = true;
            let requests = kinds::requests(&self.game, phase, &self.humans);
            for mut request in requests {
                request.id = self.next_id;
                self.next_id += 1;
                self.pending.push_back(request);
            }
            if !self.pending.is_empty() {
                return Progress::Waiting;
            }
        }
        self.game.run_phase(phase);
        self.asked = false;
        self.next += 1;
        if self.next == PHASES.len() {
            self.next = 0;
            return Progress::TurnEnded(self.game.state().turn);
        }
        Progress::Played(phase)
    }

    /// Plays on until a request waits, the turn ends, or the game is over.
    pub fn advance_to_decision(&mut self) -> Progress {
        loop {
            match self.advance() {
                Progress::Played(_) => continue,
                other => return other,
            }
        }
    }

    /// Answers the waiting request `reply.request`; a reply that breaks a rule is refused and the
    /// request keeps waiting.
    pub fn submit(&mut self, reply: &Reply) -> Result<(), Refusal> {
        let Some(index) = self.pending.iter().position(|r| r.id == reply.request) else {
            let waiting = self
                .pending
                .front()
                .map_or("none".to_owned(), |r| r.id.to_string());
            return Err(Refusal::NotWaiting(reply.request, waiting));
        };
        let request = self.pending[index].clone();
        kinds::check(&self.game, &request, &reply.picks)?;
        kinds::apply(&mut self.game, &request, &reply.picks);
        self.pending.remove(index);
        Ok(())
    }

    /// The advisor's pick for a waiting request, with its reasons; None for an unknown request.
    pub fn advice(&self, request: u64) -> Option<Advice> {
        let request = self.pending.iter().find(|r| r.id == request)?;
        Some(kinds::advise(&self.game, request))
    }

    /// The log entries of the turn in progress (or just ended) not handed out yet.
    pub fn take_entries(&mut self) -> Vec<Entry> {
        let turn = self.game.state().turn;
        if turn != self.entries_turn {
            self.entries_turn = turn;
            self.handed_out = 0;
        }
        let entries: &[Entry] = if self.between_turns() {
            // The turn has been filed: its entries are in the history.
            self.game
                .history()
                .last()
                .filter(|record| record.turn == turn)
                .map_or(&[], |record| &record.entries)
        } else {
            self.game.current_entries()
        };
        let fresh = entries
            .get(self.handed_out..)
            .map(<[Entry]>::to_vec)
            .unwrap_or_default();
        self.handed_out = entries.len();
        fresh
    }
}
