//! Targets, effects and conditions, resolved to indices wherever a section uses them.

use super::calendar::turn_of;
use super::{Checker, Cond, Context, Indicator, Place, Ref, ResolvedEffect};
use crate::scenario::error::format_number;
use crate::scenario::types::*;

/// The ids that conditions and event outcomes can name, as the file lists them.
pub(super) struct Names {
    pub(super) actions: Vec<String>,
    pub(super) proposals: Vec<String>,
    pub(super) drafts: Vec<String>,
}

impl Names {
    pub(super) fn of(file: &ScenarioFile) -> Self {
        Names {
            actions: file.actions.iter().map(|a| a.id.clone()).collect(),
            proposals: file.proposals.iter().map(|p| p.id.clone()).collect(),
            drafts: file.drafts.iter().map(|d| d.id.clone()).collect(),
        }
    }
}

/// Resolves targets against the indicators' slots, and roles against the actors' allies.
pub(super) struct Resolver<'a> {
    pub(super) indicators: &'a [Indicator],
    /// By actor, its allies as the file names them (unknown codes left out: `actors` reports
    /// them).
    pub(super) allies: Vec<Vec<usize>>,
}

/// The actors' allies as the file names them, known codes only.
pub(super) fn allies(checker: &Checker) -> Vec<Vec<usize>> {
    checker
        .file
        .actors
        .iter()
        .map(|actor| {
            actor
                .allies
                .iter()
                .filter_map(|ally| checker.actor_codes.iter().position(|c| *c == ally.actor))
                .collect()
        })
        .collect()
}

/// What the roles of an effect list stand for (`ROLES`): the target of the action the effects
/// belong to, and the actors that may be the one concerned.
pub(super) struct Roles<'a> {
    pub(super) target: Option<usize>,
    /// None: any actor.
    pub(super) concerned: Option<&'a [usize]>,
}

impl Roles<'_> {
    /// Effects that are not an action's: no target; any actor may be concerned.
    pub(super) const ANY: Roles<'static> = Roles {
        target: None,
        concerned: None,
    };
}

/// The actors' codes a target names, in order.
fn codes_in(target: &Target) -> Vec<&str> {
    match target {
        Target::Of(_, code) | Target::Relation(code) | Target::TrustFrom(code) => vec![code],
        Target::Trust(from, to) => vec![from, to],
        Target::Indicator(_) | Target::Own(_) | Target::TrustFromAll => Vec::new(),
    }
}

/// `target` with each actor's code passed through `code`.
fn with_codes(target: &Target, code: impl Fn(&str) -> String) -> Target {
    match target {
        Target::Of(id, who) => Target::Of(id.clone(), code(who)),
        Target::Relation(who) => Target::Relation(code(who)),
        Target::TrustFrom(who) => Target::TrustFrom(code(who)),
        Target::Trust(from, to) => Target::Trust(code(from), code(to)),
        other => other.clone(),
    }
}

impl Resolver<'_> {
    pub(super) fn bounds(&self, target: Ref) -> (f64, f64) {
        match target {
            Ref::Slot(slot) | Ref::Own(slot) => self
                .indicators
                .iter()
                .rev()
                .find(|i| i.base_slot <= slot)
                .map_or((0.0, 100.0), |i| (i.min, i.max)),
            _ => (-100.0, 100.0),
        }
    }

    fn indicator(
        &self,
        checker: &mut Checker,
        id: &str,
        scope: Scope,
        place: &Place,
    ) -> Option<usize> {
        match self.indicators.iter().find(|i| i.id == id) {
            Some(indicator) if indicator.scope == scope => Some(indicator.base_slot),
            Some(indicator) => {
                let (wanted, fix) = match scope {
                    Scope::Global => (
                        "a Global indicator",
                        "use Own(\"..\") or Of(\"..\", \"ACTOR\") for it",
                    ),
                    Scope::PerActor => ("a PerActor indicator", "use Indicator(\"..\") for it"),
                };
                let message = format!("\"{}\" is not {wanted}; {fix}", indicator.id);
                checker.problem(&place.with_anchor(id), message);
                None
            }
            None => {
                let known: Vec<String> = self
                    .indicators
                    .iter()
                    .filter(|i| i.scope == scope)
                    .map(|i| i.id.clone())
                    .collect();
                let label = if scope == Scope::Global {
                    "global"
                } else {
                    "per-actor"
                };
                let message = format!(
                    "unknown indicator \"{id}\"; {label} indicators: {}",
                    Checker::known(&known)
                );
                checker.problem(&place.with_anchor(id), message);
                None
            }
        }
    }

    pub(super) fn resolve(
        &self,
        checker: &mut Checker,
        target: &Target,
        context: Context,
        place: &Place,
    ) -> Option<Ref> {
        let needs_actor = |checker: &mut Checker, what: &str| {
            let message = format!(
                "{what} needs an actor concerned, which this place has not; name the actor instead"
            );
            checker.problem(place, message);
        };
        match target {
            Target::Indicator(id) => self
                .indicator(checker, id, Scope::Global, place)
                .map(Ref::Slot),
            Target::Own(id) => {
                if context == Context::World {
                    needs_actor(checker, "Own(..)");
                    return None;
                }
                self.indicator(checker, id, Scope::PerActor, place)
                    .map(Ref::Own)
            }
            Target::Of(id, code) => {
                let base = self.indicator(checker, id, Scope::PerActor, place);
                let actor = checker.actor(code, place);
                Some(Ref::Slot(base? + actor?))
            }
            Target::Relation(code) => {
                if context == Context::World {
                    needs_actor(checker, "Relation(..)");
                    return None;
                }
                checker.actor(code, place).map(Ref::Relation)
            }
            Target::Trust(from, to) => {
                let from = checker.actor(from, place);
                let to = checker.actor(to, place);
                Some(Ref::Trust(from?, to?))
            }
            Target::TrustFrom(code) => {
                if context == Context::World {
                    needs_actor(checker, "TrustFrom(..)");
                    return None;
                }
                checker.actor(code, place).map(Ref::TrustFrom)
            }
            Target::TrustFromAll => {
                if context == Context::World {
                    needs_actor(checker, "TrustFromAll");
                    return None;
                }
                Some(Ref::TrustFromAll)
            }
        }
    }

    pub(super) fn effects(
        &self,
        checker: &mut Checker,
        effects: &[Effect],
        context: Context,
        place: &Place,
    ) -> Vec<ResolvedEffect> {
        self.effects_with(checker, effects, context, place, &Roles::ANY)
    }

    /// The effects of a list whose roles stand for `roles`.
    pub(super) fn effects_with(
        &self,
        checker: &mut Checker,
        effects: &[Effect],
        context: Context,
        place: &Place,
        roles: &Roles,
    ) -> Vec<ResolvedEffect> {
        let mut out = Vec::new();
        for (number, effect) in effects.iter().enumerate() {
            let child = place.child(&format!("[{number}]"));
            if effect.spread < 0.0 {
                checker.problem(
                    &child,
                    format!("spread {} is negative", format_number(effect.spread)),
                );
            }
            if !effect.change.is_finite() || !effect.spread.is_finite() {
                checker.problem(&child, "change and spread must be finite numbers".into());
            }
            let named = codes_in(&effect.target);
            if named.iter().any(|code| ROLES.contains(code)) {
                self.roles(checker, effect, context, &child, roles, &mut out);
            } else if let Some(target) = self.resolve(checker, &effect.target, context, &child) {
                out.push(ResolvedEffect {
                    target,
                    change: effect.change,
                    spread: effect.spread,
                    only_for: None,
                });
            }
        }
        out
    }

    /// An effect that names roles, as the effects they stand for: `"target"` replaced by the
    /// action's target; with `"actor"` or `"allies"`, one effect for each actor that may be
    /// concerned (and each of its allies), applied only when that actor is.
    fn roles(
        &self,
        checker: &mut Checker,
        effect: &Effect,
        context: Context,
        place: &Place,
        roles: &Roles,
        out: &mut Vec<ResolvedEffect>,
    ) {
        let named = codes_in(&effect.target);
        let mut target = effect.target.clone();
        if named.contains(&"target") {
            let Some(aimed) = roles.target else {
                let message = if roles.concerned.is_some() {
                    "the role \"target\" is the actor an action is aimed at: give the action \
                     `target: Some(\"CODE\")`, or name the actor"
                } else {
                    "the role \"target\" is the actor an action is aimed at, and only actions \
                     have one: name the actor here"
                }
                .to_owned();
                checker.problem(&place.with_anchor("\"target\""), message);
                return;
            };
            let code = checker.actor_codes[aimed].clone();
            target = with_codes(&target, |who| {
                if who == "target" {
                    code.clone()
                } else {
                    who.to_owned()
                }
            });
        }
        let per_actor = named.contains(&"actor") || named.contains(&"allies");
        if !per_actor {
            if let Some(resolved) = self.resolve(checker, &target, context, place) {
                out.push(ResolvedEffect {
                    target: resolved,
                    change: effect.change,
                    spread: effect.spread,
                    only_for: None,
                });
            }
            return;
        }
        if context == Context::World {
            let message = "the roles \"actor\" and \"allies\" need an actor concerned, which \
                           this place has not; name the actors instead"
                .to_owned();
            checker.problem(place, message);
            return;
        }
        // The rest of the target (an indicator's id, the other actors' codes) is checked once,
        // whoever is concerned: its problems are told once, even when no actor has an ally.
        let Some(anyone) = checker.actor_codes.first().cloned() else {
            return;
        };
        let probe = with_codes(&target, |who| match who {
            "actor" | "allies" => anyone.clone(),
            other => other.to_owned(),
        });
        if self.resolve(checker, &probe, context, place).is_none() {
            return;
        }
        let everyone: Vec<usize> = (0..checker.actor_codes.len()).collect();
        let concerned = roles.concerned.unwrap_or(&everyone);
        let uses_allies = named.contains(&"allies");
        for &actor in concerned {
            let allies: Vec<Option<usize>> = if uses_allies {
                self.allies[actor].iter().copied().map(Some).collect()
            } else {
                vec![None]
            };
            for ally in allies {
                let codes = &checker.actor_codes;
                let resolved_target = with_codes(&target, |who| match who {
                    "actor" => codes[actor].clone(),
                    "allies" => ally.map_or_else(String::new, |ally| codes[ally].clone()),
                    other => other.to_owned(),
                });
                if let Some(resolved) = self.resolve(checker, &resolved_target, context, place) {
                    out.push(ResolvedEffect {
                        target: resolved,
                        change: effect.change,
                        spread: effect.spread,
                        only_for: Some(actor),
                    });
                }
            }
        }
    }

    pub(super) fn conditions(
        &self,
        checker: &mut Checker,
        names: &Names,
        conditions: &[Condition],
        context: Context,
        place: &Place,
    ) -> Vec<Cond> {
        let mut out = Vec::new();
        for (number, condition) in conditions.iter().enumerate() {
            let child = place.child(&format!("[{number}]"));
            out.extend(self.condition(checker, names, condition, context, &child));
        }
        out
    }

    /// One condition, nested ones included; None after a problem.
    fn condition(
        &self,
        checker: &mut Checker,
        names: &Names,
        condition: &Condition,
        context: Context,
        place: &Place,
    ) -> Option<Cond> {
        match condition {
            Condition::Above(target, value) => self
                .resolve(checker, target, context, place)
                .map(|t| Cond::Above(t, *value)),
            Condition::Below(target, value) => self
                .resolve(checker, target, context, place)
                .map(|t| Cond::Below(t, *value)),
            Condition::TurnAtLeast(turn) => Some(Cond::TurnAtLeast(*turn)),
            Condition::TurnAtMost(turn) => Some(Cond::TurnAtMost(*turn)),
            Condition::FromDate(date) => turn_of(checker, date, place).map(Cond::TurnAtLeast),
            Condition::UntilDate(date) => turn_of(checker, date, place).map(Cond::TurnAtMost),
            Condition::DealInForce(id) => checker
                .named(&names.proposals, |p| p.as_str(), id, "proposal", place)
                .map(Cond::DealInForce),
            Condition::DealStruck(id) => checker
                .named(&names.proposals, |p| p.as_str(), id, "proposal", place)
                .map(Cond::DealStruck),
            Condition::TakenWithin(id, turns) => {
                at_most_1000(checker, *turns, place);
                checker
                    .named(&names.actions, |a| a.as_str(), id, "action", place)
                    .map(|action| Cond::TakenWithin(action, *turns))
            }
            Condition::Adopted(id, turns) => {
                at_most_1000(checker, *turns, place);
                checker.asks_adoption = true;
                checker
                    .named(&names.drafts, |d| d.as_str(), id, "draft", place)
                    .map(|draft| Cond::Adopted(draft, *turns))
            }
            Condition::Rejected(id, turns) => {
                at_most_1000(checker, *turns, place);
                checker.asks_rejection = true;
                checker
                    .named(&names.proposals, |p| p.as_str(), id, "proposal", place)
                    .map(|proposal| Cond::Rejected(proposal, *turns))
            }
            Condition::TakenBy(code, id, turns) => {
                at_most_1000(checker, *turns, place);
                let actor = checker.actor(code, place);
                let action = checker.named(&names.actions, |a| a.as_str(), id, "action", place);
                let (actor, action) = (actor?, action?);
                let pair = match checker.taken_by.iter().position(|p| *p == (actor, action)) {
                    Some(pair) => pair,
                    None => {
                        checker.taken_by.push((actor, action));
                        checker.taken_by.len() - 1
                    }
                };
                Some(Cond::TakenBy(pair, *turns))
            }
            Condition::NotFrozen(kind) => {
                if context == Context::World {
                    checker.problem(
                        place,
                        "NotFrozen(..) needs an actor concerned; use it on actions".into(),
                    );
                    None
                } else {
                    checker.kind(kind, place).map(Cond::NotFrozen)
                }
            }
            Condition::Any(conditions) => self
                .nested(checker, names, "Any", conditions, context, place)
                .map(Cond::Any),
            Condition::All(conditions) => self
                .nested(checker, names, "All", conditions, context, place)
                .map(Cond::All),
            Condition::Not(condition) => self
                .condition(checker, names, condition, context, &place.child("Not"))
                .map(|condition| Cond::Not(Box::new(condition))),
        }
    }

    /// The conditions listed in an `Any` or `All`, each placed as `Any[1]`; None after a problem.
    fn nested(
        &self,
        checker: &mut Checker,
        names: &Names,
        which: &str,
        conditions: &[Condition],
        context: Context,
        place: &Place,
    ) -> Option<Vec<Cond>> {
        if conditions.is_empty() {
            let never = if which == "Any" { "never" } else { "always" };
            checker.problem(
                &place.then(&format!("{which}(")),
                format!(
                    "{which}([]) lists no condition, so it {never} holds; list at least one, or remove it"
                ),
            );
            return None;
        }
        let before = checker.problems.len();
        let resolved: Vec<Cond> = conditions
            .iter()
            .enumerate()
            .filter_map(|(number, condition)| {
                let child = place.child(&format!("{which}[{number}]"));
                self.condition(checker, names, condition, context, &child)
            })
            .collect();
        (checker.problems.len() == before).then_some(resolved)
    }
}

/// A window of turns in a condition is at most 1000.
fn at_most_1000(checker: &mut Checker, turns: u32, place: &Place) {
    if turns > 1000 {
        checker.problem(place, format!("{turns} turns: at most 1000"));
    }
}
