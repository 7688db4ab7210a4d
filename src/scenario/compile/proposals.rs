//! Proposals: deals made of commitments, with who tables them, who answers, and what each
//! step does.

use super::resolver::{Names, Resolver};
use super::sources::check_source;
use super::{Checker, Context, Place, Proposal};

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
            let actor = checker.actor(&commitment.actor, &child);
            let kind = checker.kind(&commitment.freeze, &child);
            if commitment.turns == 0 {
                checker.problem(&child, "a commitment lasts at least one turn".into());
            }
            if let (Some(actor), Some(kind)) = (actor, kind) {
                if !parties.contains(&actor) && !proposers.contains(&actor) {
                    let message = format!(
                        "{} commits but is neither a proposer nor a party; add it to `parties`",
                        commitment.actor
                    );
                    checker.problem(&child.with_anchor(&commitment.actor), message);
                }
                commitments.push((actor, kind, commitment.turns));
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
