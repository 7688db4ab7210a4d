//! The Security Council: its drafts (texts strongest first) and what a unanimous vote does.

use super::resolver::{Names, Resolver};
use super::sources::check_source;
use super::{Checker, Context, Council, Draft, Lean, Member, Place};
use crate::scenario::types::Leaning;

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
pub(super) fn council(
    checker: &mut Checker,
    resolver: &Resolver,
    drafts: &[Draft],
) -> Option<Council> {
    let file = checker.file;
    let council = file.security_council.as_ref()?;
    let mut members = Vec::new();
    for def in &council.members {
        let place = Place::new(
            format!("security_council.members[{}]", def.name),
            &[&def.name],
        );
        if def.name.trim().is_empty() {
            checker.problem(&place.child("name"), "a member needs a name".into());
        }
        if council
            .members
            .iter()
            .filter(|m| m.name == def.name)
            .count()
            > 1
        {
            checker.problem(
                &place.child("name"),
                format!(
                    "two members are named \"{}\"; give each its own name",
                    def.name
                ),
            );
        }
        let seat = super::calendar::seat(checker, Some(&def.seat), &place.child("seat"));
        let leaning = lean(checker, &def.leaning, &place.child("leaning"));
        let mut on = Vec::new();
        for (draft, leaning) in &def.on {
            let child = place.child(&format!("on[{draft}]"));
            let index = checker.named(drafts, |d| d.id.as_str(), draft, "draft", &child);
            if let (Some(index), Some(leaning)) = (index, lean(checker, leaning, &child)) {
                on.push((index, leaning));
            }
        }
        check_source(checker, &def.source, &place.child("source"));
        if let (Some(seat), Some(leaning)) = (seat, leaning) {
            members.push(Member {
                name: def.name.clone(),
                seat,
                leaning,
                on,
                source: def.source.clone(),
            });
        }
    }
    Some(Council {
        elected_members: council.elected_members,
        votes_needed: council.votes_needed,
        members,
        on_unanimous: resolver.effects(
            checker,
            &council.on_unanimous,
            Context::WithActor,
            &Place::new("security_council.on_unanimous", &[]),
        ),
    })
}

/// A leaning, with the actor it votes with found by code.
fn lean(checker: &mut Checker, leaning: &Leaning, place: &Place) -> Option<Lean> {
    Some(match leaning {
        Leaning::Yes => Lean::Yes,
        Leaning::Abstain => Lean::Abstain,
        Leaning::No => Lean::No,
        Leaning::Majority => Lean::Majority,
        Leaning::With(code) => Lean::With(checker.actor(code, place)?),
    })
}
