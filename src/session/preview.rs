//! Predicted effects in the one score scale players see: points of the 0-100 score, interest by
//! interest. An actor's score is its weighted mean satisfaction times 100, so an interest's share
//! of a change is its weight over the total weight times its change in satisfaction, times 100.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;
use crate::sim::GameState;
use crate::sim::state::interest_satisfaction;

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
    let interests = &scenario.actors[actor].interests;
    let total_weight: f64 = interests.iter().map(|i| i.weight).sum();
    if total_weight <= 0.0 {
        return (Vec::new(), 0.0);
    }
    let mut effects = Vec::new();
    let mut sum = 0.0;
    for interest in interests {
        let change = interest_satisfaction(scenario, after, actor, interest)
            - interest_satisfaction(scenario, before, actor, interest);
        let points = 100.0 * interest.weight / total_weight * change;
        sum += points;
        if points.abs() >= 0.005 {
            effects.push(Effect {
                interest: interest.label.clone(),
                points,
            });
        }
    }
    effects.sort_by(|a, b| b.points.abs().total_cmp(&a.points.abs()));
    (effects, sum)
}
