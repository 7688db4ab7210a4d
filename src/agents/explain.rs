//! Explanations: from the options an actor weighed, each interest's contribution, the margin over
//! the runner-up, and the smallest single weight change that would have flipped the choice (the
//! `Decision` they fill in is plain data in `sim::decision`).

use super::options::Options;
use crate::scenario::{Scenario, Source};
use crate::sim::decision::{Contribution, Decision, Flip};

fn paragraphs(source: &Source) -> Vec<u32> {
    match source {
        Source::Essay { paragraphs, .. } => paragraphs.clone(),
        Source::Record { .. } | Source::Assumption { .. } => Vec::new(),
    }
}

fn record_date(source: &Source) -> Option<String> {
    match source {
        Source::Record { date, .. } => Some(date.clone()),
        Source::Essay { .. } | Source::Assumption { .. } => None,
    }
}

pub(super) fn explain(
    scenario: &Scenario,
    options: &Options,
    context: &str,
    subject: &str,
    chosen: usize,
) -> Decision {
    let definition = &scenario.actors[options.actor];
    let values = &options.values;
    let chosen_value = values[chosen];
    let runner = values
        .iter()
        .enumerate()
        .filter(|(index, _)| *index != chosen)
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
        .map(|(index, _)| index);
    // Orders are explained against holding; a choice between two answers, against the other one.
    let against = if context == "orders" { None } else { runner };
    // An interest shifted in this decision is told, and cited, as it stands.
    let standing = |index: usize| match options.shift(scenario, index) {
        Some(shift) => (&shift.label, &shift.source),
        None => {
            let interest = &definition.interests[index];
            (&interest.label, &interest.source)
        }
    };
    let mut contributions: Vec<Contribution> = (0..definition.interests.len())
        .map(|index| {
            let (label, source) = standing(index);
            Contribution {
                label: label.clone(),
                value: options.weighted(chosen, index)
                    - against.map_or(0.0, |r| options.weighted(r, index)),
                paragraphs: paragraphs(source),
                record: record_date(source),
            }
        })
        .collect();
    let mut extras: Vec<(String, f64)> = options.terms[chosen]
        .iter()
        .map(|(term, value)| (term.label(scenario), value))
        .collect();
    if let Some(runner) = against {
        let runner_label = options.choices[runner].label(scenario);
        for (term, value) in options.terms[runner].iter() {
            extras.push((
                format!("{} (\"{runner_label}\")", term.label(scenario)),
                -value,
            ));
        }
    }
    contributions.extend(extras.into_iter().map(|(label, value)| Contribution {
        label,
        value,
        paragraphs: Vec::new(),
        record: None,
    }));
    contributions.sort_by(|a, b| b.value.abs().total_cmp(&a.value.abs()));
    let mut flip = None;
    let mut margin = 0.0;
    if let Some(runner) = runner {
        margin = chosen_value - values[runner];
        // Exactly where one weight w makes the two options equal. With every other weight fixed,
        // value(w) = (S + w r) / (W' + w) + e, where r is the raw change in this interest's
        // satisfaction, S the weighted sum of the others, W' their total weight, e the other terms.
        let (c_raw, r_raw) = (options.raw(chosen), options.raw(runner));
        let (c_extras, r_extras) = (options.terms[chosen].sum(), options.terms[runner].sum());
        let weights = options.weights();
        let total: f64 = weights.iter().sum();
        let mut best: Option<(f64, Flip)> = None;
        for index in 0..definition.interests.len() {
            let others = total - weights[index];
            let sum_other = |raw: &[f64]| -> f64 {
                raw.iter()
                    .zip(weights)
                    .enumerate()
                    .filter(|(j, _)| *j != index)
                    .map(|(_, (x, w))| x * w)
                    .sum()
            };
            let (s_c, s_r) = (sum_other(c_raw), sum_other(r_raw));
            let extra_gap = r_extras - c_extras;
            let denominator = (c_raw[index] - r_raw[index]) - extra_gap;
            if denominator.abs() < 1e-15 {
                continue;
            }
            let needed = (extra_gap * others - (s_c - s_r)) / denominator;
            if !(0.0..=1.0).contains(&needed)
                || (needed - weights[index]).abs() < 1e-9
                || others + needed <= 0.0
            {
                continue;
            }
            let change = (needed - weights[index]).abs();
            if best.as_ref().is_none_or(|(smallest, _)| change < *smallest) {
                best = Some((change, {
                    let (label, source) = standing(index);
                    Flip {
                        interest: label.clone(),
                        weight: weights[index],
                        would_need: needed,
                        paragraphs: paragraphs(source),
                        record: record_date(source),
                    }
                }));
            }
        }
        flip = best.map(|(_, flip)| flip);
    }
    Decision {
        actor: definition.code.clone(),
        context: context.to_owned(),
        subject: subject.to_owned(),
        choice: options.choices[chosen].label(scenario),
        value: chosen_value,
        runner_up: runner.map(|r| options.choices[r].label(scenario)),
        margin,
        contributions,
        flip,
        options: options
            .choices
            .iter()
            .zip(values)
            .map(|(choice, value)| (choice.label(scenario), *value))
            .collect(),
    }
}
