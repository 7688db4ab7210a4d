//! Predicted effects in the one score scale players see: points of the 0-100 score, interest by
//! interest. An actor's score is its weighted mean satisfaction times 100, so an interest's share
//! of a change is its weight over the total weight times its change in satisfaction, times 100.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;
use crate::sim::GameState;
use crate::sim::state::{interest_label, interest_now};

/// What an option does for one interest, in score points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    pub interest: String,
    pub points: f64,
}

/// The change from `before` to `after` for each of `actor`'s interests, in score points, largest
/// first; interests that do not move are left out. Returns the effects and their sum.
pub fn points(
    scenario: &Scenario,
    before: &GameState,
    after: &GameState,
    actor: usize,
) -> (Vec<Effect>, f64) {
    // The interests as they stand when the choice is made, shifts included.
    let count = scenario.actors[actor].interests.len();
    let standing: Vec<_> = (0..count)
        .map(|index| interest_now(scenario, before, actor, index))
        .collect();
    let total_weight: f64 = standing.iter().map(|(weight, _)| weight).sum();
    if total_weight <= 0.0 {
        return (Vec::new(), 0.0);
    }
    let mut effects = Vec::new();
    let mut sum = 0.0;
    for (index, (weight, gauge)) in standing.iter().enumerate() {
        let change = gauge.satisfaction(after) - gauge.satisfaction(before);
        let points = crate::sim::decision::POINTS * weight / total_weight * change;
        sum += points;
        if points.abs() >= 0.005 {
            effects.push(Effect {
                interest: interest_label(scenario, before, actor, index).to_owned(),
                points,
            });
        }
    }
    effects.sort_by(|a, b| b.points.abs().total_cmp(&a.points.abs()));
    (effects, sum)
}
