//! Variant overlays: files that change weights, values and the model's constants of a base
//! scenario, such as the essay's four hypotheses. Applying one yields a new `ScenarioFile`,
//! validated like any other.

use super::error::{Problem, ScenarioError, locate, unknown};
use super::types::*;

/// Applies `variant` to `base`, or says which change does not fit the base.
pub fn apply_variant(
    mut base: ScenarioFile,
    variant: &VariantFile,
    variant_source: &str,
    origin: &str,
) -> Result<ScenarioFile, ScenarioError> {
    let mut problems = Vec::new();
    if variant.base != base.id {
        problems.push(Problem {
            position: locate(variant_source, &[format!("\"{}\"", variant.base)]),
            at: "base".into(),
            message: format!(
                "this variant is for \"{}\" but the scenario is \"{}\"",
                variant.base, base.id
            ),
        });
    }
    let last = base
        .essay
        .as_ref()
        .map_or(DEFAULT_ESSAY_PARAGRAPHS, |essay| essay.paragraphs);
    for message in super::compile::source_problems(&variant.source, last) {
        problems.push(Problem {
            position: locate(variant_source, &["source:".to_owned()]),
            at: "source".into(),
            message,
        });
    }
    let codes: Vec<String> = base.actors.iter().map(|a| a.code.clone()).collect();
    let mut problem = |number: usize, anchor: &str, message: String| {
        problems.push(Problem {
            position: locate(
                variant_source,
                &change_anchors(variant_source, number, anchor),
            ),
            at: format!("changes[{number}]"),
            message,
        });
    };
    for (number, change) in variant.changes.iter().enumerate() {
        match change {
            Change::Weight {
                actor,
                target,
                prefers,
                weight,
                source,
            } => {
                let Some(actor_def) = base.actors.iter_mut().find(|a| &a.code == actor) else {
                    problem(number, actor, unknown("actor", actor, &codes));
                    continue;
                };
                match actor_def
                    .interests
                    .iter_mut()
                    .find(|interest| &interest.target == target)
                {
                    Some(interest) => {
                        interest.weight = *weight;
                        interest.source = source.clone();
                        if let Some(prefers) = prefers {
                            interest.prefers = *prefers;
                        }
                    }
                    None => match prefers {
                        Some(prefers) => actor_def.interests.push(InterestDef {
                            target: target.clone(),
                            prefers: *prefers,
                            weight: *weight,
                            source: source.clone(),
                            shifts: Vec::new(),
                        }),
                        None => problem(
                            number,
                            actor,
                            format!(
                                "{actor} has no interest in {target:?}; to add one, say which way it prefers: \
                                 prefers: Some(Higher), Some(Lower) or Some(Near(50.0))"
                            ),
                        ),
                    },
                }
            }
            Change::Start {
                indicator,
                actor,
                value,
            } => {
                let Some(def) = base.indicators.iter_mut().find(|i| &i.id == indicator) else {
                    let known: Vec<&str> = base.indicators.iter().map(|i| i.id.as_str()).collect();
                    problem(
                        number,
                        indicator,
                        format!(
                            "unknown indicator \"{indicator}\"; known: {}",
                            known.join(", ")
                        ),
                    );
                    continue;
                };
                match (def.scope, actor) {
                    (Scope::Global, None) => def.start = *value,
                    (Scope::PerActor, Some(actor)) => {
                        match base.actors.iter_mut().find(|a| &a.code == actor) {
                            Some(actor_def) => {
                                actor_def.start.insert(indicator.clone(), *value);
                            }
                            None => problem(number, actor, unknown("actor", actor, &codes)),
                        }
                    }
                    (Scope::PerActor, None) => {
                        problem(
                            number,
                            indicator,
                            format!("\"{indicator}\" is per actor: name the actor"),
                        );
                    }
                    (Scope::Global, Some(_)) => {
                        problem(
                            number,
                            indicator,
                            format!("\"{indicator}\" is global: set actor: None"),
                        );
                    }
                }
            }
            Change::ActionEffect {
                action,
                target,
                change,
            } => {
                let Some(def) = base.actions.iter_mut().find(|a| &a.id == action) else {
                    let known: Vec<&str> = base.actions.iter().map(|a| a.id.as_str()).collect();
                    problem(
                        number,
                        action,
                        format!("unknown action \"{action}\"; known: {}", known.join(", ")),
                    );
                    continue;
                };
                match def
                    .effects
                    .iter_mut()
                    .find(|effect| &effect.target == target)
                {
                    Some(effect) => effect.change = *change,
                    None => def.effects.push(Effect {
                        target: target.clone(),
                        change: *change,
                        spread: 0.0,
                    }),
                }
            }
            Change::Personality {
                actor,
                temperature,
                risk_aversion,
                forgiveness,
            } => {
                let Some(def) = base.actors.iter_mut().find(|a| &a.code == actor) else {
                    problem(number, actor, unknown("actor", actor, &codes));
                    continue;
                };
                if let Some(value) = temperature {
                    def.temperature = *value;
                }
                if let Some(value) = risk_aversion {
                    def.risk_aversion = *value;
                }
                if let Some(value) = forgiveness {
                    def.forgiveness = *value;
                }
            }
            Change::Tunables {
                capital_value,
                risk_scale,
                reciprocity_scale,
                freeze_likelihood,
                veto_threshold,
                abstain_margin,
                temperature_scale,
            } => {
                // Ranges are checked when the result is compiled, at the number in the variant.
                let tunables = &mut base.tunables;
                for (value, field) in [
                    (capital_value, &mut tunables.capital_value),
                    (risk_scale, &mut tunables.risk_scale),
                    (reciprocity_scale, &mut tunables.reciprocity_scale),
                    (freeze_likelihood, &mut tunables.freeze_likelihood),
                    (veto_threshold, &mut tunables.veto_threshold),
                    (abstain_margin, &mut tunables.abstain_margin),
                    (temperature_scale, &mut tunables.temperature_scale),
                ] {
                    if let Some(value) = value {
                        *field = *value;
                    }
                }
            }
        }
    }
    if problems.is_empty() {
        base.name = format!("{} + {}", base.name, variant.name);
        Ok(base)
    } else {
        Err(ScenarioError::Invalid {
            origin: origin.to_owned(),
            problems,
        })
    }
}

/// Anchors leading `locate` to the `number`th change (0-based) and then to `anchor` inside it:
/// "changes", then each change's constructor in turn.
fn change_anchors(source: &str, number: usize, anchor: &str) -> Vec<String> {
    let start = source.find("changes").unwrap_or(0);
    let mut kinds: Vec<(usize, &str)> = [
        "Weight(",
        "Start(",
        "ActionEffect(",
        "Personality(",
        "Tunables(",
    ]
    .iter()
    .flat_map(|kind| source[start..].match_indices(kind).collect::<Vec<_>>())
    .collect();
    kinds.sort();
    let mut anchors = vec!["changes".to_owned()];
    anchors.extend(
        kinds
            .iter()
            .take(number + 1)
            .map(|(_, kind)| (*kind).to_owned()),
    );
    anchors.push(format!("\"{anchor}\""));
    anchors
}
