//! Dynamics: the changes applied every turn after the orders.

use super::resolver::{Names, Resolver};
use super::{Checker, Cond, Context, Place, Ref, ResolvedEffect};
use crate::scenario::types::*;

/// A monthly change: the effect, what scales it, when it applies, and why.
pub(super) type Dynamic = (ResolvedEffect, Option<Ref>, Vec<Cond>, String);

/// Checks the dynamics and builds them. `start` holds every slot's starting value, for the
/// drifts back to it.
pub(super) fn dynamics(
    checker: &mut Checker,
    resolver: &Resolver,
    names: &Names,
    start: &[f64],
) -> Vec<Dynamic> {
    let file = checker.file;
    let mut dynamics = Vec::new();
    for (number, def) in file.dynamics.iter().enumerate() {
        let place = Place::new(format!("dynamics[{number}]"), &[]);
        let when = resolver.conditions(
            checker,
            names,
            &def.when,
            Context::World,
            &place.child("when"),
        );
        if let Some(rate) = def.back_to_start {
            back_to_start(
                checker,
                resolver,
                start,
                def,
                rate,
                when,
                &place,
                &mut dynamics,
            );
            continue;
        }
        let effect = Effect {
            target: def.target.clone(),
            change: def.change,
            spread: 0.0,
        };
        let resolved = resolver.effects(
            checker,
            std::slice::from_ref(&effect),
            Context::World,
            &place,
        );
        let per = def
            .per
            .as_ref()
            .and_then(|per| resolver.resolve(checker, per, Context::World, &place.child("per")));
        if let Some(effect) = resolved.into_iter().next() {
            dynamics.push((effect, per, when, def.reason.clone()));
        }
    }
    dynamics
}

/// A drift back to the start, as the two changes it is: minus `rate` times the value, plus
/// `rate` times the value it started at, for the one slot named or for every actor's own.
#[expect(
    clippy::too_many_arguments,
    reason = "the section's context and the one dynamic being built"
)]
fn back_to_start(
    checker: &mut Checker,
    resolver: &Resolver,
    start: &[f64],
    def: &crate::scenario::types::Dynamic,
    rate: f64,
    when: Vec<Cond>,
    place: &Place,
    dynamics: &mut Vec<Dynamic>,
) {
    if !(rate > 0.0 && rate <= 1.0) {
        checker.problem(
            &place.child("back_to_start"),
            format!("{rate} is not a share of the way back: give a number above 0 and at most 1"),
        );
    }
    if def.change != 0.0 || def.per.is_some() {
        checker.problem(
            place,
            "a drift back to the start sets its own change: remove `change` and `per`".to_owned(),
        );
    }
    let targets: Vec<Target> = match &def.target {
        Target::Own(id) => checker
            .file
            .actors
            .iter()
            .map(|actor| Target::Of(id.clone(), actor.code.clone()))
            .collect(),
        other => vec![other.clone()],
    };
    for target in targets {
        match resolver.resolve(checker, &target, Context::World, &place.child("target")) {
            Some(Ref::Slot(slot)) => {
                let pull = ResolvedEffect {
                    target: Ref::Slot(slot),
                    change: -rate,
                    spread: 0.0,
                    only_for: None,
                };
                let rest = ResolvedEffect {
                    target: Ref::Slot(slot),
                    change: rate * start[slot],
                    spread: 0.0,
                    only_for: None,
                };
                dynamics.push((
                    pull,
                    Some(Ref::Slot(slot)),
                    when.clone(),
                    def.reason.clone(),
                ));
                dynamics.push((rest, None, when.clone(), def.reason.clone()));
            }
            Some(_) => checker.problem(
                &place.child("target"),
                "only an indicator drifts back to its start, not trust: name an indicator"
                    .to_owned(),
            ),
            None => {}
        }
    }
}
