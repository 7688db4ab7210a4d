//! The classroom: one game in which teams play some actors and the AI the others, run by a
//! teacher who injects the scenario's flashpoints, undoes the last turn, and keeps a turn timer
//! whose expiry takes the advisor's answer (marked as such in the record). Front ends (the
//! window's teacher mode, a test's scripted class) drive a `Class`; nothing here draws, waits or
//! reads a clock: a front end that times out answers `Reply::TimeUp`.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::agents::{Advisor, Difficulty, Vote};
use crate::game::{Game, Phase, UnknownFlashpoint};
use crate::record::{self, GameRecord, RecordError};
use crate::scenario::Scenario;
use crate::sim::Controller;
use crate::sim::rules;

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
    #[error("no turn has been played: there is nothing to undo")]
    NothingToUndo,
    #[error("the game is over")]
    Over,
    #[error(transparent)]
    Record(#[from] RecordError),
}

/// A class in progress.
pub struct Class {
    game: Game,
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
        let mut class = Class {
            game: Game::new(scenario, seed, false),
            teams: indices,
            difficulty: Difficulty::Normal,
        };
        class.hand_seats();
        Ok(class)
    }

    fn hand_seats(&mut self) {
        for actor in 0..self.game.scenario().actors.len() {
            let controller = if self.teams.contains(&actor) {
                Controller::Human
            } else {
                Controller::Ai
            };
            self.game.set_controller(actor, controller);
        }
    }

    pub fn game(&self) -> &Game {
        &self.game
    }

    /// The actors played by teams, by code.
    pub fn teams(&self) -> Vec<String> {
        let scenario = self.game.scenario();
        self.teams
            .iter()
            .map(|a| scenario.actors[*a].code.clone())
            .collect()
    }

    /// Injects a flashpoint: it fires at the start of the next turn and is kept in the record.
    pub fn inject(&mut self, flashpoint: &str) -> Result<(), ClassError> {
        Ok(self.game.inject_flashpoint(flashpoint)?)
    }

    /// Takes back the last turn played: the game is replayed from its record without it, so the
    /// class stands exactly where it stood before that turn (same seed, same draws).
    pub fn undo(&mut self) -> Result<(), ClassError> {
        if self.game.history().is_empty() {
            return Err(ClassError::NothingToUndo);
        }
        self.game = record::undo_last_turn(&self.game, self.difficulty)?;
        self.hand_seats();
        Ok(())
    }

    /// The game so far as a record (for saving, replaying, and the after-action report).
    pub fn record(&self) -> GameRecord {
        GameRecord::from_game(&self.game, self.difficulty)
    }

    /// Plays one turn, asking `seats` each team's decisions in the turn's order; the AI plays
    /// the other actors.
    pub fn play_turn(
        &mut self,
        seats: &mut dyn FnMut(&Request) -> Reply,
    ) -> Result<(), ClassError> {
        if self.game.is_over() {
            return Err(ClassError::Over);
        }
        let scenario = self.game.scenario().clone();
        self.game.run_phase(Phase::Events);
        let turn = self.game.state().turn;
        let month = crate::sim::turn::month_label(&scenario, turn);
        let code = |actor: usize| scenario.actors[actor].code.clone();
        let ask = |actor: usize, question: Question, advice: Reply, why: Option<String>| Request {
            turn,
            month: month.clone(),
            actor: code(actor),
            question,
            advice,
            advice_why: why,
        };
        let teams = self.teams.clone();

        for &actor in &teams {
            let advisor = Advisor::new(&scenario, actor);
            for proposal in 0..scenario.proposals.len() {
                if !rules::can_table(&scenario, self.game.state(), proposal, actor) {
                    continue;
                }
                let (advice, decision) = advisor.tabling(self.game.state(), proposal);
                let request = ask(
                    actor,
                    Question::Table {
                        proposal: scenario.proposals[proposal].id.clone(),
                    },
                    Reply::Table(advice),
                    Some(decision.short_reason()),
                );
                let table = match self.reply(seats, &request, "whether to table")? {
                    Reply::Table(table) => table,
                    _ => unreachable!("reply checks the kind"),
                };
                self.game
                    .directives_mut()
                    .tabling
                    .insert((proposal, actor), table);
            }
        }
        self.game.run_phase(Phase::Proposals);

        let tabled = self.game.agenda().tabled.clone();
        for (proposal, authors) in &tabled {
            let definition = &scenario.proposals[*proposal];
            for actor in definition.asked(authors) {
                if !teams.contains(&actor) {
                    continue;
                }
                let advisor = Advisor::new(&scenario, actor);
                let (advice, decision) = advisor.answer(self.game.state(), *proposal, authors);
                let request = ask(
                    actor,
                    Question::Answer {
                        proposal: definition.id.clone(),
                        authors: authors.iter().map(|a| code(*a)).collect(),
                    },
                    Reply::Answer(advice),
                    Some(decision.short_reason()),
                );
                let accept = match self.reply(seats, &request, "an answer")? {
                    Reply::Answer(accept) => accept,
                    _ => unreachable!("reply checks the kind"),
                };
                self.game
                    .directives_mut()
                    .answers
                    .insert((*proposal, actor), accept);
            }
        }
        self.game.run_phase(Phase::Answers);

        for &actor in &teams {
            let advisor = Advisor::new(&scenario, actor);
            for (draft, definition) in scenario.drafts.iter().enumerate() {
                if !rules::can_draft(&scenario, self.game.state(), draft, actor) {
                    continue;
                }
                let advice = advisor.text(self.game.state(), draft);
                let request = ask(
                    actor,
                    Question::Draft {
                        draft: definition.id.clone(),
                        texts: definition.texts.iter().map(|(n, _)| n.clone()).collect(),
                    },
                    Reply::Draft(advice),
                    None,
                );
                let text = match self.reply(seats, &request, "a text")? {
                    Reply::Draft(text) => text,
                    _ => unreachable!("reply checks the kind"),
                };
                if let Some(text) = text.filter(|t| *t < definition.texts.len()) {
                    self.game
                        .directives_mut()
                        .drafts
                        .insert((draft, actor), text);
                }
            }
        }
        self.game.run_phase(Phase::Drafting);

        let drafts = self.game.agenda().drafts.clone();
        for &actor in &teams {
            if !scenario.actors[actor].seat.sits(self.game.state().turn) {
                continue;
            }
            let advisor = Advisor::new(&scenario, actor);
            for &(draft, text, drafter) in &drafts {
                let (advice, decision) = advisor.vote(self.game.state(), draft, text, drafter);
                let request = ask(
                    actor,
                    Question::Vote {
                        draft: scenario.drafts[draft].id.clone(),
                        text: scenario.drafts[draft].texts[text].0.clone(),
                        drafter: code(drafter),
                    },
                    Reply::Vote(advice),
                    Some(decision.short_reason()),
                );
                let vote = match self.reply(seats, &request, "a vote")? {
                    Reply::Vote(vote) => vote,
                    _ => unreachable!("reply checks the kind"),
                };
                self.game
                    .directives_mut()
                    .votes
                    .insert((draft, actor), vote);
            }
        }
        self.game.run_phase(Phase::Voting);

        for &actor in &teams {
            let state = self.game.state().clone();
            let advisor = Advisor::new(&scenario, actor);
            let (advice, decisions) = advisor.orders(&state);
            let allowed: Vec<String> = (0..scenario.actions.len())
                .filter(|a| rules::check_order(&scenario, &state, actor, *a).is_ok())
                .map(|a| scenario.actions[a].id.clone())
                .collect();
            let request = ask(
                actor,
                Question::Orders {
                    allowed,
                    limit: scenario.calendar.orders_per_turn as usize,
                },
                Reply::Orders(
                    advice
                        .iter()
                        .map(|a| scenario.actions[*a].id.clone())
                        .collect(),
                ),
                decisions.first().map(|d| d.short_reason()),
            );
            let ids = match self.reply(seats, &request, "orders")? {
                Reply::Orders(ids) => ids,
                _ => unreachable!("reply checks the kind"),
            };
            let refused = |reason: String| ClassError::Orders {
                actor: code(actor),
                reason,
            };
            let mut chosen = Vec::new();
            for id in &ids {
                let action = scenario.action_index(id).ok_or_else(|| {
                    refused(crate::scenario::unknown(
                        "action",
                        id,
                        scenario.actions.iter().map(|a| a.id.as_str()),
                    ))
                })?;
                chosen.push(action);
            }
            if chosen.len() > scenario.calendar.orders_per_turn as usize {
                return Err(refused(format!(
                    "at most {} orders a turn",
                    scenario.calendar.orders_per_turn
                )));
            }
            let checks = rules::check_orders(&scenario, &state, actor, &chosen, 0);
            if let Some((action, Err(refusal))) =
                chosen.iter().zip(&checks).find(|(_, c)| c.is_err())
            {
                return Err(refused(format!(
                    "\"{}\" cannot be ordered with that: {refusal}",
                    scenario.actions[*action].id
                )));
            }
            self.game.directives_mut().orders.insert(actor, chosen);
        }
        for phase in crate::game::FROM_ORDERS {
            self.game.run_phase(*phase);
        }
        Ok(())
    }

    /// Asks a team; on `TimeUp` takes the advisor's answer and marks it in the turn's record.
    fn reply(
        &mut self,
        seats: &mut dyn FnMut(&Request) -> Reply,
        request: &Request,
        asked: &'static str,
    ) -> Result<Reply, ClassError> {
        let reply = match seats(request) {
            Reply::TimeUp => {
                let what = match &request.question {
                    Question::Table { proposal } => format!("tabling {proposal}"),
                    Question::Answer { proposal, .. } => format!("answer to {proposal}"),
                    Question::Draft { draft, .. } => format!("text of {draft}"),
                    Question::Vote { draft, .. } => format!("vote on {draft}"),
                    Question::Orders { .. } => "orders".to_owned(),
                };
                self.game
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
