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

/// Resolves targets against the indicators' slots.
pub(super) struct Resolver<'a> {
    pub(super) indicators: &'a [Indicator],
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
            if let Some(target) = self.resolve(checker, &effect.target, context, &child) {
                out.push(ResolvedEffect {
                    target,
                    change: effect.change,
                    spread: effect.spread,
                });
            }
        }
        out
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
