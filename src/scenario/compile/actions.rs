//! Actions: who may take them, their cost, severity, kind, preconditions and effects; and the
//! actions taken just before the first turn.

use super::resolver::{Names, Resolver, Roles};
use super::sources::check_source;
use super::{Action, Checker, Context, Fade, Place};
use crate::scenario::error::format_number;

/// Checks the actions and builds them.
pub(super) fn actions(checker: &mut Checker, resolver: &Resolver, names: &Names) -> Vec<Action> {
    let file = checker.file;
    let actor_count = file.actors.len();
    let mut actions = Vec::new();
    let mut fading = 0;
    for def in &file.actions {
        let place = Place::new(format!("actions[{}]", def.id), &[&def.id]);
        let mut allowed = vec![false; actor_count];
        if def.actors.is_empty() {
            checker.problem(
                &place.child("actors"),
                "name at least one actor who may take it".into(),
            );
        }
        for code in &def.actors {
            if let Some(index) = checker.actor(code, &place.child("actors")) {
                allowed[index] = true;
            }
        }
        if !(0.0..=5.0).contains(&def.severity) {
            checker.problem(
                &place.child("severity"),
                format!("severity {} is outside 0..5", format_number(def.severity)),
            );
        }
        if let Some(source) = &def.source {
            check_source(checker, source, &place.child("source"));
        }
        let kind = def
            .kind
            .as_ref()
            .and_then(|kind| checker.kind(kind, &place.child("kind")));
        let target = def.target.as_ref().and_then(|code| {
            let at = place.child("target");
            let aimed = checker.actor(code, &at)?;
            if allowed[aimed] {
                let message = format!("{code} may take the action, so it cannot be its target");
                checker.problem(&at.with_anchor(code), message);
            }
            Some(aimed)
        });
        let takers: Vec<usize> = (0..actor_count).filter(|a| allowed[*a]).collect();
        let fades = def.fades.as_ref().map(|fade| {
            let at = place.child("fades").then("fades:");
            if !(0.0..=1.0).contains(&fade.factor) {
                let message = format!(
                    "factor {} is outside 0..1 (0.5 halves the effects each month in a row)",
                    format_number(fade.factor)
                );
                checker.problem(&at.child("factor").then("factor:"), message);
            }
            if !(1..=31).contains(&fade.months) {
                let message = format!(
                    "months {} is outside 1..31 (how far back a repetition counts)",
                    fade.months
                );
                checker.problem(&at.child("months").then("months:"), message);
            }
            check_source(checker, &fade.source, &at.child("source").then("source:"));
            fading += 1;
            Fade {
                factor: fade.factor,
                months: fade.months,
                index: fading - 1,
            }
        });
        actions.push(Action {
            id: def.id.clone(),
            name: def.name.clone(),
            allowed,
            target,
            kind,
            cost: def.cost,
            severity: def.severity,
            preconditions: Vec::new(),
            effects: resolver.effects_with(
                checker,
                &def.effects,
                Context::WithActor,
                &place.child("effects"),
                &Roles {
                    target,
                    concerned: Some(&takers),
                },
            ),
            landed: Vec::new(),
            news: def.news.clone(),
            source: def.source.clone(),
            fades,
        });
    }
    // Conditions can name actions and proposals, so they are resolved once every action's
    // other fields are checked.
    for (action, def) in actions.iter_mut().zip(&file.actions) {
        let place = Place::new(format!("actions[{}].preconditions", def.id), &[&def.id]);
        action.preconditions = resolver.conditions(
            checker,
            names,
            &def.preconditions,
            Context::WithActor,
            &place,
        );
    }
    actions
}

/// The actions taken in the month before the first turn.
pub(super) fn recent_actions(checker: &mut Checker, names: &Names) -> Vec<usize> {
    let file = checker.file;
    file.recent_actions
        .iter()
        .filter_map(|id| {
            checker.named(
                &names.actions,
                |a| a.as_str(),
                id,
                "action",
                &Place::new("recent_actions", &[]),
            )
        })
        .collect()
}
