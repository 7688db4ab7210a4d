//! Dynamics: the changes applied every turn after the orders.

use super::resolver::{Names, Resolver};
use super::{Checker, Cond, Context, Place, Ref, ResolvedEffect};
use crate::scenario::types::*;

/// A monthly change: the effect, what scales it, when it applies, and why.
pub(super) type Dynamic = (ResolvedEffect, Option<Ref>, Vec<Cond>, String);

/// Checks the dynamics and builds them.
pub(super) fn dynamics(checker: &mut Checker, resolver: &Resolver, names: &Names) -> Vec<Dynamic> {
    let file = checker.file;
    let mut dynamics = Vec::new();
    for (number, def) in file.dynamics.iter().enumerate() {
        let place = Place::new(format!("dynamics[{number}]"), &[]);
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
        let when = resolver.conditions(
            checker,
            names,
            &def.when,
            Context::World,
            &place.child("when"),
        );
        if let Some(effect) = resolved.into_iter().next() {
            dynamics.push((effect, per, when, def.reason.clone()));
        }
    }
    dynamics
}
