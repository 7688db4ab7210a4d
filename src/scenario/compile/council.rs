//! The Security Council: its drafts (texts strongest first) and what a unanimous vote does.

use super::resolver::{Names, Resolver};
use super::{Checker, Context, Council, Draft, Place};

/// Checks the Security Council drafts and builds them.
pub(super) fn drafts(checker: &mut Checker, resolver: &Resolver, names: &Names) -> Vec<Draft> {
    let file = checker.file;
    let mut drafts = Vec::new();
    for def in &file.drafts {
        let place = Place::new(format!("drafts[{}]", def.id), &[&def.id]);
        let drafters = def
            .drafters
            .iter()
            .filter_map(|code| checker.actor(code, &place.child("drafters")))
            .collect();
        if def.texts.is_empty() {
            checker.problem(
                &place.child("texts"),
                "a draft needs at least one text".into(),
            );
        }
        let texts = def
            .texts
            .iter()
            .enumerate()
            .map(|(number, text)| {
                let child = place.child(&format!("texts[{number}]"));
                (
                    text.name.clone(),
                    resolver.effects(checker, &text.effects, Context::WithActor, &child),
                )
            })
            .collect();
        drafts.push(Draft {
            id: def.id.clone(),
            name: def.name.clone(),
            drafters,
            preconditions: resolver.conditions(
                checker,
                names,
                &def.preconditions,
                Context::WithActor,
                &place.child("preconditions"),
            ),
            texts,
            retable_after: def.retable_after,
            source: def.source.clone(),
        });
    }
    if !file.drafts.is_empty() && file.security_council.is_none() {
        checker.problem(
            &Place::new("security_council", &[]),
            "drafts need a `security_council` section".into(),
        );
    }
    drafts
}

/// Checks the Security Council section and builds it; drafts need one.
pub(super) fn council(checker: &mut Checker, resolver: &Resolver) -> Option<Council> {
    let file = checker.file;
    file.security_council.as_ref().map(|council| Council {
        elected_members: council.elected_members,
        votes_needed: council.votes_needed,
        on_unanimous: resolver.effects(
            checker,
            &council.on_unanimous,
            Context::WithActor,
            &Place::new("security_council.on_unanimous", &[]),
        ),
    })
}
