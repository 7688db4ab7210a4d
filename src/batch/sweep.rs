//! A sensitivity sweep: each interest weight moved down and up in turn, the batch played again
//! over the same seeds, and the weights ranked by how far they move each ending's probability.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Rate, run_batch, truncate};
use crate::scenario::Scenario;

/// One weight of the scenario: an actor's interest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weight {
    pub actor: usize,
    pub interest: usize,
}

impl Weight {
    /// Every interest weight of the scenario, actor by actor.
    pub fn all(scenario: &Scenario) -> Vec<Weight> {
        scenario
            .actors
            .iter()
            .enumerate()
            .flat_map(|(actor, definition)| {
                (0..definition.interests.len()).map(move |interest| Weight { actor, interest })
            })
            .collect()
    }

    /// The weights a user names: an actor code (all its weights) or `CODE:label` (one of them,
    /// by its label as briefings print it, such as `CHN:lower tension`).
    pub fn named(scenario: &Scenario, names: &[String]) -> Result<Vec<Weight>, String> {
        let mut chosen: Vec<Weight> = Vec::new();
        for name in names {
            let (code, label) = match name.split_once(':') {
                Some((code, label)) => (code.trim(), Some(label.trim())),
                None => (name.trim(), None),
            };
            let actor = scenario
                .actor_index(code)
                .or_else(|| scenario.actor_index(&code.to_uppercase()))
                .ok_or_else(|| {
                    crate::scenario::unknown(
                        "actor",
                        code,
                        scenario.actors.iter().map(|a| a.code.as_str()),
                    )
                })?;
            let interests = &scenario.actors[actor].interests;
            let found: Vec<Weight> = match label {
                None => (0..interests.len())
                    .map(|interest| Weight { actor, interest })
                    .collect(),
                Some(label) => {
                    let interest = interests
                        .iter()
                        .position(|i| i.label.eq_ignore_ascii_case(label))
                        .ok_or_else(|| {
                            format!(
                                "{code} has no interest \"{label}\"; its interests are: {}",
                                interests
                                    .iter()
                                    .map(|i| i.label.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        })?;
                    vec![Weight { actor, interest }]
                }
            };
            for weight in found {
                if !chosen.contains(&weight) {
                    chosen.push(weight);
                }
            }
        }
        Ok(chosen)
    }

    /// "CHN: lower tension".
    pub fn name(self, scenario: &Scenario) -> String {
        let actor = &scenario.actors[self.actor];
        format!("{}: {}", actor.code, actor.interests[self.interest].label)
    }
}

/// A difference of two proportions with its 95% interval (Newcombe's method from the two
/// Wilson intervals).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub change: f64,
    pub low: f64,
    pub high: f64,
}

impl Change {
    pub fn between(from: Rate, to: Rate) -> Change {
        let change = to.rate - from.rate;
        Change {
            change,
            low: change - ((to.rate - to.low).powi(2) + (from.high - from.rate).powi(2)).sqrt(),
            high: change + ((to.high - to.rate).powi(2) + (from.rate - from.low).powi(2)).sqrt(),
        }
    }

    /// Whether the interval leaves out zero.
    pub fn significant(&self) -> bool {
        self.low > 0.0 || self.high < 0.0
    }
}

/// What moving one weight does to one ending.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndingShift {
    pub ending: String,
    pub down: Rate,
    pub up: Rate,
    /// From the weight moved down to the weight moved up.
    pub change: Change,
}

/// One weight moved down and up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightShift {
    /// "CHN: lower tension".
    pub weight: String,
    pub actor: String,
    pub interest: String,
    pub value: f64,
    pub down: f64,
    pub up: f64,
    pub endings: Vec<EndingShift>,
}

/// A whole sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sweep {
    pub scenario: String,
    pub runs: u64,
    pub first_seed: u64,
    pub delta: f64,
    pub no_script: bool,
    /// The unchanged scenario's ending rates over the same seeds.
    pub base: Vec<(String, Rate)>,
    pub weights: Vec<WeightShift>,
    pub games: u64,
    pub seconds: f64,
}

impl Sweep {
    /// The weights ranked by how far they move `ending` (largest change first).
    pub fn ranking(&self, ending: &str) -> Vec<(&WeightShift, &EndingShift)> {
        let mut list: Vec<(&WeightShift, &EndingShift)> = self
            .weights
            .iter()
            .filter_map(|w| {
                w.endings
                    .iter()
                    .find(|e| e.ending == ending)
                    .map(|e| (w, e))
            })
            .collect();
        list.sort_by(|a, b| {
            b.1.change
                .change
                .abs()
                .total_cmp(&a.1.change.change.abs())
                .then_with(|| a.0.weight.cmp(&b.0.weight))
        });
        list
    }
}

/// What a sweep is asked to do.
#[derive(Debug, Clone)]
pub struct SweepPlan {
    pub weights: Vec<Weight>,
    /// The fraction a weight is moved by, down and up (0.5: 0.6 becomes 0.3 and 0.9).
    pub delta: f64,
    pub runs: u64,
    pub first_seed: u64,
    pub no_script: bool,
    pub threads: usize,
}

/// Plays the sweep: the unchanged batch, then each weight moved down and up over the same seeds.
/// `progress(done, total)` is told after each batch.
pub fn sweep(
    scenario: &Arc<Scenario>,
    plan: &SweepPlan,
    mut progress: impl FnMut(usize, usize),
) -> Sweep {
    let started = std::time::Instant::now();
    let total = 1 + 2 * plan.weights.len();
    let play = |scenario: Arc<Scenario>| {
        run_batch(
            "sweep",
            scenario,
            plan.runs,
            plan.first_seed,
            plan.no_script,
            plan.threads,
        )
        .endings
    };
    let base = play(scenario.clone());
    progress(1, total);
    let mut weights = Vec::with_capacity(plan.weights.len());
    for (done, weight) in plan.weights.iter().enumerate() {
        let value = scenario.actors[weight.actor].interests[weight.interest].weight;
        let moved = |factor: f64| {
            let mut changed = Scenario::clone(scenario);
            changed.actors[weight.actor].interests[weight.interest].weight = value * factor;
            Arc::new(changed)
        };
        let (down_value, up_value) = (value * (1.0 - plan.delta), value * (1.0 + plan.delta));
        let down = play(moved(1.0 - plan.delta));
        progress(2 + 2 * done, total);
        let up = play(moved(1.0 + plan.delta));
        progress(3 + 2 * done, total);
        let actor = &scenario.actors[weight.actor];
        weights.push(WeightShift {
            weight: weight.name(scenario),
            actor: actor.code.clone(),
            interest: actor.interests[weight.interest].label.clone(),
            value,
            down: down_value,
            up: up_value,
            endings: down
                .into_iter()
                .zip(up)
                .map(|((ending, down), (_, up))| EndingShift {
                    ending,
                    down,
                    up,
                    change: Change::between(down, up),
                })
                .collect(),
        });
    }
    Sweep {
        scenario: scenario.id.clone(),
        runs: plan.runs,
        first_seed: plan.first_seed,
        delta: plan.delta,
        no_script: plan.no_script,
        base,
        weights,
        games: plan.runs * total as u64,
        seconds: started.elapsed().as_secs_f64(),
    }
}

/// The sweep in words: for each ending that any weight moves, the weights that move it most.
pub fn render_sweep(sweep: &Sweep, top: usize) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: each of {} weights moved down and up by {:.0}%, {} games each over seeds {} to {}{}; {} games in {:.1} s",
        sweep.scenario,
        sweep.weights.len(),
        sweep.delta * 100.0,
        sweep.runs,
        sweep.first_seed,
        sweep.first_seed.wrapping_add(sweep.runs.saturating_sub(1)),
        if sweep.no_script { ", no script" } else { "" },
        sweep.games,
        sweep.seconds
    );
    let _ = writeln!(
        out,
        "Change: the ending's probability with the weight moved up minus with it moved down, in points, with its 95% interval; * where the interval leaves out zero."
    );
    for (ending, base) in &sweep.base {
        let ranking = sweep.ranking(ending);
        if ranking
            .iter()
            .all(|(_, shift)| shift.change.change == 0.0 && shift.down.rate == 0.0)
        {
            continue;
        }
        let _ = writeln!(
            out,
            "\n{ending} (unchanged: {base})\n  {:<58} {:>7} {:>7} {:>23}",
            "weight: value (down, up)", "down", "up", "change"
        );
        for (weight, shift) in ranking.into_iter().take(top) {
            let label = format!(
                "{}: {:.2} ({:.2}, {:.2})",
                weight.weight, weight.value, weight.down, weight.up
            );
            let _ = writeln!(
                out,
                "  {:<58} {:>7} {:>7} {:>+7.1} [{:>+6.1} {:>+6.1}]{}",
                truncate(&label, 58),
                format!("{:.1}%", shift.down.rate * 100.0),
                format!("{:.1}%", shift.up.rate * 100.0),
                shift.change.change * 100.0,
                shift.change.low * 100.0,
                shift.change.high * 100.0,
                if shift.change.significant() { " *" } else { "" }
            );
        }
    }
    out
}

/// One CSV line per weight and ending.
pub fn sweep_csv(sweep: &Sweep) -> String {
    let mut out = String::from(
        "actor,interest,value,down,up,ending,rate_down,rate_up,change,change_low,change_high,significant\n",
    );
    for weight in &sweep.weights {
        for shift in &weight.endings {
            let interest = if weight.interest.contains([',', '"']) {
                format!("\"{}\"", weight.interest.replace('"', "\"\""))
            } else {
                weight.interest.clone()
            };
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{},{},{},{},{}\n",
                weight.actor,
                interest,
                weight.value,
                weight.down,
                weight.up,
                shift.ending,
                shift.down.rate,
                shift.up.rate,
                shift.change.change,
                shift.change.low,
                shift.change.high,
                shift.change.significant()
            ));
        }
    }
    out
}
