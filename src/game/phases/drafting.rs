//! Phase `Drafting`: Security Council drafts go on the agenda, each with the text its drafter picks.
//! The state is only read here.

use bevy_ecs::prelude::*;

use super::{code, controllers};
use crate::agents::Lookahead;
use crate::sim::log::{Decider, Entry, TurnLog};
use crate::sim::rules;
use crate::sim::state::GameState;
use crate::sim::turn::{ActorSlot, Agenda, Controller, Directives, ScenarioResource};

/// Phase 4. Drafts go to the Security Council: forced ones, then AI drafters' choices.
pub fn draft_resolutions(
    scenario: Res<ScenarioResource>,
    directives: Res<Directives>,
    state: Res<GameState>,
    mut agenda: ResMut<Agenda>,
    mut log: ResMut<TurnLog>,
    actors: Query<(&ActorSlot, &Controller)>,
    mut look: Local<Lookahead>,
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
