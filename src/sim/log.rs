//! What happened in a turn, entry by entry, in the order it happened: the timeline's source and
//! the game record's body.

use bevy_ecs::prelude::Resource;
use serde::{Deserialize, Serialize};

use super::decision::Decision;
use super::rules::Vote;

/// Who made a decision: the AI, the scenario's script, or a player (or a branch's override).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decider {
    Ai,
    Script,
    Player,
}

/// One thing that happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[serde(deny_unknown_fields)]
pub enum Entry {
    Event {
        event: String,
        news: String,
    },
    Tabled {
        proposal: String,
        by: Vec<String>,
        decided: Decider,
        why: Option<String>,
    },
    Answered {
        proposal: String,
        actor: String,
        accept: bool,
        decided: Decider,
        why: Option<String>,
    },
    DealStruck {
        proposal: String,
    },
    DealRejected {
        proposal: String,
        rejected_by: Vec<String>,
    },
    Drafted {
        draft: String,
        text: String,
        by: String,
        decided: Decider,
    },
    Voted {
        draft: String,
        actor: String,
        vote: Vote,
        decided: Decider,
        why: Option<String>,
    },
    CouncilResult {
        draft: String,
        text: String,
        adopted: bool,
        yes: u32,
        needed: u32,
        vetoed_by: Vec<String>,
        unanimous: bool,
        /// The votes of the members no actor plays, by name.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        others: Vec<(String, Vote)>,
    },
    Order {
        actor: String,
        action: String,
        news: String,
        decided: Decider,
        why: Option<String>,
    },
    OrderRefused {
        actor: String,
        action: String,
        reason: String,
    },
    Broke {
        actor: String,
        proposal: String,
    },
    Ending {
        ending: String,
        name: String,
    },
    /// One of an actor's interests changes as a shift starts (`holds`) or ends; `interest` says
    /// what it now wants ("sanctions pressure near 65").
    Shifted {
        actor: String,
        interest: String,
        holds: bool,
        news: String,
        /// For a shift of weight alone, the weight the interest now has (absent otherwise).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        weighs: Option<f64>,
    },
}

/// The entries of the turn being played, and the AI decisions behind them.
#[derive(Resource, Debug, Clone, Default)]
pub struct TurnLog {
    pub entries: Vec<Entry>,
    pub decisions: Vec<Decision>,
}

impl TurnLog {
    /// Keeps a choice's explained decisions and returns the one-line reason of the last (None
    /// when nothing was explained).
    pub fn keep_reasons(&mut self, reasons: Vec<Decision>) -> Option<String> {
        let why = reasons.last().map(Decision::short_reason);
        self.decisions.extend(reasons);
        why
    }
}
