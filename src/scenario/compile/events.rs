//! Events (dated or conditional, scripted or not) and flashpoints, which are events a teacher
//! injects: both validated by the same code.

use super::calendar::turn_of;
use super::resolver::{Names, Resolver};
use super::sources::check_source;
use super::{Action, Checker, Context, Event, EventOutcome, Place};
use crate::scenario::error::format_number;
use crate::scenario::types::*;

/// Checks the events and the flashpoints and builds them: (events, flashpoints).
pub(super) fn events(
    checker: &mut Checker,
    resolver: &Resolver,
    names: &Names,
    actions: &[Action],
) -> (Vec<Event>, Vec<Event>) {
    let file = checker.file;
    let mut events = Vec::new();
    let mut flashpoints = Vec::new();
    // Flashpoints are events that fire only when injected: validated by the same code.
    let sections = file.events_and_flashpoints();
    for (flashpoint, def) in &sections {
        let section = if *flashpoint { "flashpoints" } else { "events" };
        let place = Place::new(format!("{section}[{}]", def.id), &[&def.id]);
        let (at_turn, conditions, chance) = match &def.trigger {
            Trigger::AtTurn(turn) => {
                if *turn == 0 || *turn > file.calendar.turns {
                    let message = format!(
                        "turn {turn} is outside the calendar (1..{})",
                        file.calendar.turns
                    );
                    checker.problem(&place.child("trigger"), message);
                }
                (Some(*turn), Vec::new(), 1.0)
            }
            Trigger::OnDate(date) => {
                let turn = turn_of(checker, date, &place.child("trigger"));
                (Some(turn.unwrap_or(0)), Vec::new(), 1.0)
            }
            Trigger::When { conditions, chance } => {
                if !(0.0..=1.0).contains(chance) {
                    checker.problem(
                        &place.child("trigger.chance"),
                        format!("chance {} is outside 0..1", format_number(*chance)),
                    );
                }
                let conditions = resolver.conditions(
                    checker,
                    names,
                    conditions,
                    Context::World,
                    &place.child("trigger"),
                );
                super::check_start_of_month(checker, &conditions, &place.child("trigger"));
                (None, conditions, *chance)
            }
        };
        let mut outcomes = Vec::new();
        for (number, outcome) in def.outcomes.iter().enumerate() {
            let child = place.child(&format!("outcomes[{number}]"));
            match outcome {
                Outcome::Effects(effects) => {
                    outcomes.push(EventOutcome::Effects(resolver.effects(
                        checker,
                        effects,
                        Context::World,
                        &child,
                    )));
                }
                Outcome::Table { proposal, by } => {
                    let proposal = checker.named(
                        &names.proposals,
                        |id| id.as_str(),
                        proposal,
                        "proposal",
                        &child,
                    );
                    let by: Vec<usize> = by
                        .iter()
                        .filter_map(|code| checker.actor(code, &child))
                        .collect();
                    if let Some(proposal) = proposal {
                        outcomes.push(EventOutcome::Table { proposal, by });
                    }
                }
                Outcome::Draft { draft, by } => {
                    let draft =
                        checker.named(&names.drafts, |id| id.as_str(), draft, "draft", &child);
                    let by = checker.actor(by, &child);
                    if let (Some(draft), Some(by)) = (draft, by) {
                        outcomes.push(EventOutcome::Draft { draft, by });
                    }
                }
                Outcome::Answer {
                    proposal,
                    actor,
                    accept,
                } => {
                    let proposal_index = checker.named(
                        &names.proposals,
                        |id| id.as_str(),
                        proposal,
                        "proposal",
                        &child,
                    );
                    let actor_index = checker.actor(actor, &child);
                    if let (Some(proposal_index), Some(actor_index)) = (proposal_index, actor_index)
                    {
                        let definition = &file.proposals[proposal_index];
                        if !definition.parties.contains(actor)
                            && !definition.consulted.contains(actor)
                        {
                            let message = format!(
                                "{actor} is neither a party to \"{proposal}\" nor consulted on \
                                 it; only they answer"
                            );
                            checker.problem(&child.with_anchor(actor), message);
                        }
                        outcomes.push(EventOutcome::Answer {
                            proposal: proposal_index,
                            actor: actor_index,
                            accept: *accept,
                        });
                    }
                }
                Outcome::Order { actor, action } => {
                    let actor_index = checker.actor(actor, &child);
                    let action_index =
                        checker.named(&names.actions, |id| id.as_str(), action, "action", &child);
                    if let (Some(actor_index), Some(action_index)) = (actor_index, action_index) {
                        if !actions[action_index].allowed[actor_index] {
                            let message = format!(
                                "{actor} may not take \"{action}\"; add it to the action's `actors`"
                            );
                            checker.problem(&child.with_anchor(action), message);
                        }
                        outcomes.push(EventOutcome::Order {
                            actor: actor_index,
                            action: action_index,
                        });
                    }
                }
            }
        }
        if let Some(source) = &def.source {
            check_source(checker, source, &place.child("source"));
        }
        let event = Event {
            id: def.id.clone(),
            name: def.name.clone(),
            at_turn,
            conditions,
            chance,
            historical: def.historical,
            once: def.once,
            outcomes,
            news: def.news.clone(),
            source: def.source.clone(),
        };
        if *flashpoint {
            flashpoints.push(event);
        } else {
            events.push(event);
        }
    }
    (events, flashpoints)
}
