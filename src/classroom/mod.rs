//! The classroom: one game in which teams play some actors and the AI the others, run by a
//! teacher who injects the scenario's flashpoints, undoes the last turn, and keeps a turn timer
//! whose expiry takes the advisor's answer (marked as such in the record). A `Class` is a front
//! end of the one session (`crate::session`), as the window and the terminal are: what a team
//! may decide, the advisor's answer and every rule come from there, put as one question at a
//! time. Nothing here draws, waits or reads a clock: a front end that times out answers
//! `Reply::TimeUp`.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::agents::{Difficulty, Vote};
use crate::game::{Game, UnknownFlashpoint};
use crate::record::{self, GameRecord, RecordError};
use crate::scenario::Scenario;
use crate::session::{self, Ask, Progress, Session};

/// What a team is asked, with everything needed to show it (serde data, so a class host can
/// carry it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Question {
    /// May table this proposal: table it?
    Table { proposal: String },
    /// A proposal on the table names the team's actor as a party: accept?
    Answer {
        proposal: String,
        authors: Vec<String>,
    },
    /// May put this draft to the Security Council: which text (by number, strongest first)?
    Draft { draft: String, texts: Vec<String> },
    /// A permanent member votes on a text.
    Vote {
        draft: String,
        text: String,
        drafter: String,
    },
    /// Secret orders: up to `limit` of the actions allowed now (ids).
    Orders { allowed: Vec<String>, limit: usize },
}

/// A team's answer. `TimeUp` takes the advisor's answer and marks it as such.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    Table(bool),
    Answer(bool),
    Draft(Option<usize>),
    Vote(Vote),
    Orders(Vec<String>),
    TimeUp,
}

/// One question to one team, with the advisor's answer (the default when time runs out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub turn: u32,
    pub month: String,
    pub actor: String,
    pub question: Question,
    pub advice: Reply,
    /// The advisor's reason in one line, tied to the essay paragraph behind the deciding weight.
    pub advice_why: Option<String>,
}

/// Why a class cannot do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum ClassError {
    #[error("{0}")]
    UnknownActor(String),
    #[error(transparent)]
    UnknownFlashpoint(#[from] UnknownFlashpoint),
    #[error("{actor} was asked {asked} but replied {reply:?}")]
    WrongReply {
        actor: String,
        asked: &'static str,
        reply: Reply,
    },
    #[error("{actor}'s orders are refused: {reason}")]
    Orders { actor: String, reason: String },
    #[error("{actor}'s reply is refused: {reason}")]
    Refused { actor: String, reason: String },
    #[error("no turn has been played: there is nothing to undo")]
    NothingToUndo,
    #[error("the game is over")]
    Over,
    #[error(transparent)]
    Record(#[from] RecordError),
}

/// A class in progress.
pub struct Class {
    session: Session,
    teams: Vec<usize>,
    difficulty: Difficulty,
}

impl Class {
    /// A new class: `teams` (actor codes) are played by teams, the other actors by the AI.
    pub fn new(scenario: Arc<Scenario>, seed: u64, teams: &[&str]) -> Result<Class, ClassError> {
        let mut indices = Vec::new();
        for code in teams {
            let index = scenario.actor_index(code).ok_or_else(|| {
                ClassError::UnknownActor(crate::scenario::unknown(
                    "actor",
                    code,
                    scenario.actors.iter().map(|a| a.code.as_str()),
                ))
            })?;
            indices.push(index);
        }
        indices.sort_unstable();
        indices.dedup();
        Ok(Class {
            session: Session::new(Game::new(scenario, seed, false), &indices),
            teams: indices,
            difficulty: Difficulty::Normal,
        })
    }

    pub fn game(&self) -> &Game {
        self.session.game()
    }

    /// The actors played by teams, by code.
    pub fn teams(&self) -> Vec<String> {
        let scenario = self.session.scenario();
        self.teams
            .iter()
            .map(|a| scenario.actors[*a].code.clone())
            .collect()
    }

    /// Injects a flashpoint: it fires at the start of the next turn and is kept in the record.
    pub fn inject(&mut self, flashpoint: &str) -> Result<(), ClassError> {
        Ok(self.session.game_mut().inject_flashpoint(flashpoint)?)
    }

    /// Takes back the last turn played: the game is replayed from its record without it, so the
    /// class stands exactly where it stood before that turn (same seed, same draws).
    pub fn undo(&mut self) -> Result<(), ClassError> {
        if self.game().history().is_empty() {
            return Err(ClassError::NothingToUndo);
        }
        let game = record::undo_last_turn(self.game(), self.difficulty)?;
        self.session = Session::new(game, &self.teams);
        Ok(())
    }

    /// The game so far as a record (for saving, replaying, and the after-action report).
    pub fn record(&self) -> GameRecord {
        GameRecord::from_game(self.game(), self.difficulty)
    }

    /// Plays one turn, asking `seats` each team's decisions as the session asks them; the AI
    /// plays the other actors.
    pub fn play_turn(
        &mut self,
        seats: &mut dyn FnMut(&Request) -> Reply,
    ) -> Result<(), ClassError> {
        if self.game().is_over() && self.session.between_turns() {
            return Err(ClassError::Over);
        }
        loop {
            match self.session.advance() {
                Progress::Played(_) => {}
                Progress::Waiting => self.ask(seats)?,
                Progress::TurnEnded(_) | Progress::Over => return Ok(()),
            }
        }
    }

    /// Puts the waiting request to its team, a question at a time, and submits the answers.
    fn ask(&mut self, seats: &mut dyn FnMut(&Request) -> Reply) -> Result<(), ClassError> {
        let Some(request) = self.session.waiting().cloned() else {
            return Ok(());
        };
        let advice = self.session.advice(request.id).unwrap_or_default();
        let scenario = self.session.scenario().clone();
        let month = crate::sim::turn::month_label(&scenario, request.turn);
        let why = (!advice.summary.is_empty()).then(|| advice.summary.clone());
        let question = |question: Question, advice: Reply| Request {
            turn: request.turn,
            month: month.clone(),
            actor: request.actor.clone(),
            question,
            advice,
            advice_why: why.clone(),
        };
        let advised = |id: &str| advice.picks.iter().any(|pick| pick == id);
        let picks = match &request.ask {
            Ask::Table => {
                // One question for each proposal it may table.
                let mut picks = Vec::new();
                for option in request.options.iter().filter(|o| o.unavailable.is_none()) {
                    let asked = question(
                        Question::Table {
                            proposal: option.id.clone(),
                        },
                        Reply::Table(advised(&option.id)),
                    );
                    if let Reply::Table(true) = self.reply(
                        seats,
                        &asked,
                        "whether to table",
                        format!("tabling {}", option.id),
                    )? {
                        picks.push(option.id.clone());
                    }
                }
                picks
            }
            Ask::Answer {
                proposal, authors, ..
            } => {
                let asked = question(
                    Question::Answer {
                        proposal: proposal.clone(),
                        authors: authors.clone(),
                    },
                    Reply::Answer(advised("accept")),
                );
                match self.reply(seats, &asked, "an answer", format!("answer to {proposal}"))? {
                    Reply::Answer(true) => vec!["accept".to_owned()],
                    _ => vec!["reject".to_owned()],
                }
            }
            Ask::Draft { draft, .. } => {
                let index = scenario.drafts.iter().position(|d| &d.id == draft);
                let texts: Vec<String> = index
                    .map(|d| {
                        scenario.drafts[d]
                            .texts
                            .iter()
                            .map(|(n, _)| n.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                let asked = question(
                    Question::Draft {
                        draft: draft.clone(),
                        texts,
                    },
                    Reply::Draft(advice.picks.first().and_then(|id| session::text_of(id))),
                );
                match self.reply(seats, &asked, "a text", format!("text of {draft}"))? {
                    Reply::Draft(Some(text)) => vec![session::text_id(text)],
                    _ => Vec::new(),
                }
            }
            Ask::Vote {
                draft,
                text,
                drafter,
                ..
            } => {
                let asked = question(
                    Question::Vote {
                        draft: draft.clone(),
                        text: text.clone(),
                        drafter: drafter.clone(),
                    },
                    Reply::Vote(
                        advice
                            .picks
                            .first()
                            .and_then(|id| session::vote_of(id))
                            .unwrap_or(Vote::Abstain),
                    ),
                );
                let permanent = scenario
                    .actor_index(&request.actor)
                    .is_some_and(|a| scenario.actors[a].permanent_member());
                match self.reply(seats, &asked, "a vote", format!("vote on {draft}"))? {
                    Reply::Vote(cast) => vec![session::vote_id(cast, permanent).to_owned()],
                    _ => Vec::new(),
                }
            }
            Ask::Orders { .. } => {
                let asked = question(
                    Question::Orders {
                        allowed: request
                            .options
                            .iter()
                            .filter(|o| o.unavailable.is_none())
                            .map(|o| o.id.clone())
                            .collect(),
                        limit: request.at_most,
                    },
                    Reply::Orders(advice.picks.clone()),
                );
                match self.reply(seats, &asked, "orders", "orders".to_owned())? {
                    Reply::Orders(ids) => ids,
                    _ => Vec::new(),
                }
            }
        };
        self.session
            .submit(&session::Reply {
                request: request.id,
                picks,
            })
            .map_err(|refusal| {
                let (actor, reason) = (request.actor.clone(), refusal.to_string());
                match request.ask {
                    Ask::Orders { .. } => ClassError::Orders { actor, reason },
                    _ => ClassError::Refused { actor, reason },
                }
            })
    }

    /// Asks a team; on `TimeUp` takes the advisor's answer and marks `what` in the turn's record.
    fn reply(
        &mut self,
        seats: &mut dyn FnMut(&Request) -> Reply,
        request: &Request,
        asked: &'static str,
        what: String,
    ) -> Result<Reply, ClassError> {
        let reply = match seats(request) {
            Reply::TimeUp => {
                self.session
                    .game_mut()
                    .directives_mut()
                    .defaulted
                    .push(format!("{} {what}", request.actor));
                request.advice.clone()
            }
            other => other,
        };
        if std::mem::discriminant(&reply) != std::mem::discriminant(&request.advice) {
            return Err(ClassError::WrongReply {
                actor: request.actor.clone(),
                asked,
                reply,
            });
        }
        Ok(reply)
    }
}
