//! Drafting: before the drafting phase, a person who may put a draft to the Security Council
//! chooses its text (strongest first), or none.

use super::{Kind, advice, advisor, choice, request};
use crate::game::{Game, Phase};
use crate::session::{Advice, Ask, Request};
use crate::sim::rules::{self, Spread};

pub(super) const KIND: Kind = Kind {
    phase: Phase::Drafting,
    requests,
    advise,
    check: super::no_more_checks,
    apply,
};

/// A text's id: its number, strongest first, from 1.
pub fn text_id(text: usize) -> String {
    (text + 1).to_string()
}

/// The text an id stands for (`text_id`'s inverse).
pub fn text_of(id: &str) -> Option<usize> {
    id.parse::<usize>().ok()?.checked_sub(1)
}

fn requests(game: &Game, humans: &[usize]) -> Vec<Request> {
    let scenario = game.scenario();
    let state = game.state();
    let forced = &game.agenda().forced_drafts;
    let mut list = Vec::new();
    for (draft, definition) in scenario.drafts.iter().enumerate() {
        if forced.iter().any(|(d, _)| *d == draft) {
            continue;
        }
        for &actor in humans {
            if !rules::can_draft(scenario, state, draft, actor) {
                continue;
            }
            let options = definition
                .texts
                .iter()
                .enumerate()
                .map(|(text, (name, _))| {
                    let mut adopted = state.clone();
                    rules::adopt_resolution(
                        scenario,
                        &mut adopted,
                        draft,
                        text,
                        actor,
                        &[],
                        &mut Spread::Expected,
                    );
                    let mut option = choice(
                        scenario,
                        actor,
                        (text_id(text), name.clone()),
                        0.0,
                        state,
                        &adopted,
                    );
                    option.note = Some("if adopted".to_owned());
                    option
                })
                .collect();
            let ask = Ask::Draft {
                draft: definition.id.clone(),
                name: definition.name.clone(),
            };
            list.push(request(game, actor, ask, options, (0, 1)));
        }
    }
    list
}

fn draft_of(game: &Game, request: &Request) -> Option<usize> {
    let Ask::Draft { draft, .. } = &request.ask else {
        return None;
    };
    game.scenario().drafts.iter().position(|d| &d.id == draft)
}

fn advise(game: &Game, request: &Request) -> Advice {
    let scenario = game.scenario();
    let Some(draft) = draft_of(game, request) else {
        return advice(scenario, Vec::new(), &[]);
    };
    let text = advisor(game, request).text(game.state(), draft);
    let mut advised = advice(scenario, text.map(text_id).into_iter().collect(), &[]);
    advised.summary = match text {
        Some(text) => format!(
            "the strongest text that passes with no veto and still serves you: \"{}\"",
            scenario.drafts[draft].texts[text].0
        ),
        None => "no text would pass and still serve you".to_owned(),
    };
    advised
}

fn apply(game: &mut Game, request: &Request, picks: &[String]) {
    let actor = super::actor_of(game, request);
    let Some(draft) = draft_of(game, request) else {
        return;
    };
    if let Some(text) = picks.first().and_then(|p| text_of(p)) {
        game.directives_mut().drafts.insert((draft, actor), text);
    }
}
