//! Explanations: every AI decision keeps each interest's contribution, the margin over the
//! runner-up, and the smallest single weight change that would have flipped it.

use serde::{Deserialize, Serialize};

use super::Candidate;
use crate::scenario::{Scenario, Source};

/// What one interest (or one other term) added to the chosen option's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// "higher tension", "its own initiative", or a term like "political capital".
    pub label: String,
    pub value: f64,
    /// Essay paragraphs behind the weight; empty for assumptions and non-interest terms.
    pub paragraphs: Vec<u32>,
}

/// The smallest change of one weight that would have made the runner-up win.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flip {
    pub interest: String,
    pub weight: f64,
    pub would_need: f64,
    pub paragraphs: Vec<u32>,
}

/// One AI decision and its reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub actor: String,
    /// "orders", "answer", "proposal", "vote".
    pub context: String,
    pub choice: String,
    pub value: f64,
    pub runner_up: Option<String>,
    /// Chosen value minus the runner-up's (negative when exploration picked a worse option).
    pub margin: f64,
    /// The chosen option's terms, largest first.
    pub contributions: Vec<Contribution>,
    pub flip: Option<Flip>,
    /// Every option weighed, with its value.
    pub options: Vec<(String, f64)>,
}

impl Decision {
    pub fn value_of(&self, label: &str) -> Option<f64> {
        self.options
            .iter()
            .find(|(option, _)| option == label)
            .map(|(_, value)| *value)
    }

    /// One line: the deciding reason, for timelines.
    pub fn short_reason(&self) -> String {
        let Some(top) = self.contributions.iter().find(|c| c.value.abs() > 1e-12) else {
            return "nothing it weighs would change".to_owned();
        };
        let direction = if top.value >= 0.0 { "for" } else { "despite" };
        let cite = cite(&top.paragraphs);
        format!("{direction} {}{cite}", top.label)
    }

    /// Sentences for `--explain`: the contributions, the margin and the flipping weight.
    pub fn sentences(&self, scenario: &Scenario) -> Vec<String> {
        let name = scenario
            .actors
            .iter()
            .find(|a| a.code == self.actor)
            .map_or(self.actor.clone(), |a| a.name.clone());
        let mut lines = Vec::new();
        let runner = match &self.runner_up {
            Some(runner) => format!(" over \"{runner}\" by a margin of {:.4}", self.margin),
            None => String::new(),
        };
        lines.push(format!("{name} chose \"{}\"{runner}.", self.choice));
        let weighed: Vec<String> = self
            .contributions
            .iter()
            .filter(|c| c.value.abs() > 1e-6)
            .take(4)
            .map(|c| format!("{} ({:+.4}{})", c.label, c.value, cite(&c.paragraphs)))
            .collect();
        if !weighed.is_empty() {
            let against = match (&self.runner_up, self.context.as_str()) {
                (_, "orders") | (None, _) => "doing nothing".to_owned(),
                (Some(runner), _) => format!("\"{runner}\""),
            };
            lines.push(format!(
                "What weighed most, against {against}: {}.",
                weighed.join("; ")
            ));
        }
        if let Some(flip) = &self.flip {
            lines.push(format!(
                "It would have chosen \"{}\" had the weight on {} been {:.2} instead of {:.2}{}.",
                self.runner_up.clone().unwrap_or_default(),
                flip.interest,
                flip.would_need,
                flip.weight,
                cite(&flip.paragraphs)
            ));
        } else if self.runner_up.is_some() {
            lines.push("No single weight within 0..1 would have flipped it.".to_owned());
        }
        lines
    }
}

fn cite(paragraphs: &[u32]) -> String {
    if paragraphs.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = paragraphs.iter().map(|p| format!("P{p}")).collect();
        format!(", {}", list.join(", "))
    }
}

fn paragraphs(source: &Source) -> Vec<u32> {
    match source {
        Source::Essay { paragraphs, .. } => paragraphs.clone(),
        Source::Assumption { .. } => Vec::new(),
    }
}

pub(super) fn explain(
    scenario: &Scenario,
    actor: usize,
    context: &str,
    candidates: &[Candidate],
    scored: &[(Vec<f64>, f64)],
    chosen: usize,
) -> Decision {
    let definition = &scenario.actors[actor];
    let (chosen_deltas, chosen_value) = &scored[chosen];
    let runner = scored
        .iter()
        .enumerate()
        .filter(|(index, _)| *index != chosen)
        .max_by(|a, b| a.1.1.total_cmp(&b.1.1).then(b.0.cmp(&a.0)))
        .map(|(index, _)| index);
    // Orders are explained against holding; a choice between two answers, against the other one.
    let against = if context == "orders" { None } else { runner };
    let mut contributions: Vec<Contribution> = definition
        .interests
        .iter()
        .enumerate()
        .map(|(index, interest)| Contribution {
            label: interest.label.clone(),
            value: chosen_deltas[index] - against.map_or(0.0, |r| scored[r].0[index]),
            paragraphs: paragraphs(&interest.source),
        })
        .collect();
    let mut extras: Vec<(String, f64)> = candidates[chosen].extras.clone();
    if let Some(runner) = against {
        for (label, value) in &candidates[runner].extras {
            extras.push((
                format!("{label} (\"{}\")", candidates[runner].label),
                -value,
            ));
        }
    }
    contributions.extend(extras.into_iter().map(|(label, value)| Contribution {
        label,
        value,
        paragraphs: Vec::new(),
    }));
    contributions.sort_by(|a, b| b.value.abs().total_cmp(&a.value.abs()));
    let mut flip = None;
    let mut margin = 0.0;
    if let Some(runner) = runner {
        margin = chosen_value - scored[runner].1;
        let mut best: Option<(f64, Flip)> = None;
        for (index, interest) in definition.interests.iter().enumerate() {
            // Value per unit of this weight (the deltas are already divided by the total weight).
            let per_weight = |deltas: &Vec<f64>| {
                if interest.weight > 0.0 {
                    deltas[index] / interest.weight
                } else {
                    0.0
                }
            };
            let gap = per_weight(chosen_deltas) - per_weight(&scored[runner].0);
            if gap.abs() < 1e-12 {
                continue;
            }
            let needed = interest.weight - margin / gap;
            if !(0.0..=1.0).contains(&needed) {
                continue;
            }
            let change = (needed - interest.weight).abs();
            if best.as_ref().is_none_or(|(smallest, _)| change < *smallest) {
                best = Some((
                    change,
                    Flip {
                        interest: interest.label.clone(),
                        weight: interest.weight,
                        would_need: needed,
                        paragraphs: paragraphs(&interest.source),
                    },
                ));
            }
        }
        flip = best.map(|(_, flip)| flip);
    }
    Decision {
        actor: definition.code.clone(),
        context: context.to_owned(),
        choice: candidates[chosen].label.clone(),
        value: *chosen_value,
        runner_up: runner.map(|r| candidates[r].label.clone()),
        margin,
        contributions,
        flip,
        options: candidates
            .iter()
            .zip(scored)
            .map(|(c, (_, v))| (c.label.clone(), *v))
            .collect(),
    }
}
