//! Proposals: deals made of commitments, with who tables them, who answers, and what each
//! step does.

use super::resolver::{Names, Resolver};
use super::sources::check_source;
use super::{Checker, Context, Place, Promise, Proposal};
use crate::scenario::types::{CommitmentDef, Commits};

/// Checks the proposals and builds them.
pub(super) fn proposals(
    checker: &mut Checker,
    resolver: &Resolver,
    names: &Names,
) -> Vec<Proposal> {
    let file = checker.file;
    let mut proposals = Vec::new();
    for def in &file.proposals {
        let place = Place::new(format!("proposals[{}]", def.id), &[&def.id]);
        let proposers: Vec<usize> = def
            .proposers
            .iter()
            .filter_map(|code| checker.actor(code, &place.child("proposers")))
            .collect();
        let parties: Vec<usize> = def
            .parties
            .iter()
            .filter_map(|code| checker.actor(code, &place.child("parties")))
            .collect();
        if def.proposers.is_empty() || def.parties.is_empty() {
            checker.problem(&place, "a proposal needs proposers and parties".into());
        }
        let mut consulted = Vec::new();
        for code in &def.consulted {
            let Some(actor) = checker.actor(code, &place.child("consulted")) else {
                continue;
            };
            if parties.contains(&actor) || consulted.contains(&actor) {
                let message = format!(
                    "{code} is already asked for its answer; an actor is either a party (its no \
                     sinks the deal) or consulted (heard, with no veto), once"
                );
                checker.problem(&place.child("consulted").with_anchor(code), message);
            } else {
                consulted.push(actor);
            }
        }
        let mut commitments = Vec::new();
        for (number, commitment) in def.commitments.iter().enumerate() {
            let child = place.child(&format!("commitments[{number}]"));
            if let Some(promise) = promise(checker, resolver, commitment, &child) {
                if !parties.contains(&promise.actor) && !proposers.contains(&promise.actor) {
                    let message = format!(
                        "{} commits but is neither a proposer nor a party; add it to `parties`",
                        commitment.actor
                    );
                    checker.problem(&child.with_anchor(&commitment.actor), message);
                }
                commitments.push(promise);
            }
        }
        if let Some(source) = &def.source {
            check_source(checker, source, &place.child("source"));
        }
        proposals.push(Proposal {
            id: def.id.clone(),
            name: def.name.clone(),
            proposers,
            parties,
            consulted,
            commitments,
            cost: def.cost,
            preconditions: resolver.conditions(
                checker,
                names,
                &def.preconditions,
                Context::World,
                &place.child("preconditions"),
            ),
            on_table: resolver.effects(
                checker,
                &def.on_table,
                Context::WithActor,
                &place.child("on_table"),
            ),
            on_accept: resolver.effects(
                checker,
                &def.on_accept,
                Context::WithActor,
                &place.child("on_accept"),
            ),
            on_reject: resolver.effects(
                checker,
                &def.on_reject,
                Context::WithActor,
                &place.child("on_reject"),
            ),
            on_deal: resolver.effects(
                checker,
                &def.on_deal,
                Context::WithActor,
                &place.child("on_deal"),
            ),
            on_break: resolver.effects(
                checker,
                &def.on_break,
                Context::WithActor,
                &place.child("on_break"),
            ),
            retable_after: def.retable_after,
            news: def.news.clone(),
            source: def.source.clone(),
        });
    }
    proposals
}

/// Checks one commitment and builds it: a freeze or a suspension gives up a kind of action; relief,
/// verification and talks are their monthly `steps` (exact, so written without spread).
fn promise(
    checker: &mut Checker,
    resolver: &Resolver,
    commitment: &CommitmentDef,
    place: &Place,
) -> Option<Promise> {
    let actor = checker.actor(&commitment.actor, place);
    let commits = commitment.commits;
    let kind = if commitment.freeze.is_empty() {
        None
    } else {
        Some(checker.kind(&commitment.freeze, place)?)
    };
    if commitment.turns == 0 {
        checker.problem(place, "a commitment lasts at least one turn".into());
    }
    match commits {
        Commits::Freeze | Commits::Suspend if commitment.freeze.is_empty() => {
            checker.problem(
                place,
                format!(
                    "a {commits:?} needs the kind of action it gives up: add `freeze: \"...\"` \
                     (one of the kinds given to actions)"
                ),
            );
        }
        Commits::Relief | Commits::Verification | Commits::Talks if commitment.steps.is_empty() => {
            checker.problem(
                place,
                format!(
                    "{commits:?} is what the actor does each month the deal holds: add `steps: \
                     [...]`, the effects of one month"
                ),
            );
        }
        _ => {}
    }
    if let Some(number) = commitment.steps.iter().position(|step| step.spread != 0.0) {
        checker.problem(
            &place.child(&format!("steps[{number}].spread")),
            "steps apply exactly each month: remove the spread".into(),
        );
    }
    let steps = resolver.effects(
        checker,
        &commitment.steps,
        Context::WithActor,
        &place.child("steps"),
    );
    let on_break = resolver.effects(
        checker,
        &commitment.on_break,
        Context::WithActor,
        &place.child("on_break"),
    );
    Some(Promise {
        actor: actor?,
        commits,
        kind,
        turns: commitment.turns,
        steps,
        on_break,
    })
}
