//! Weighing options: each option's expected change in every interest's satisfaction, the terms
//! beyond the interests, its value, and the seeded softmax pick. The buffers are kept between
//! decisions, so weighing allocates nothing once they have grown to the scenario's size.

use crate::scenario::{Scenario, Shift};
use crate::sim::random::Draws;
use crate::sim::state::{GameState, Gauge, shift_now, shifted};

use super::{TIE, portable_exp, portable_exp_each};

/// An option's unnormalised chance of being picked: softmax at temperature `tau` against the
/// best value; at zero temperature, only the best (ties shared).
pub(crate) fn softmax_weight(value: f64, best: f64, tau: f64) -> f64 {
    if tau <= 0.0 {
        if (best - value).abs() <= TIE {
            1.0
        } else {
            0.0
        }
    } else {
        portable_exp((value - best) / tau)
    }
}

/// What an option is, within the decision it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Choice {
    Hold,
    Action(usize),
    Accept,
    Reject,
    Table,
    Yes,
    No,
}

impl Choice {
    /// The option's name in explanations: "hold", an action id, "accept"...
    pub(crate) fn label(self, scenario: &Scenario) -> String {
        match self {
            Choice::Hold => "hold".to_owned(),
            Choice::Action(action) => scenario.actions[action].id.clone(),
            Choice::Accept => "accept".to_owned(),
            Choice::Reject => "reject".to_owned(),
            Choice::Table => "table".to_owned(),
            Choice::Yes => "yes".to_owned(),
            Choice::No => "no".to_owned(),
        }
    }
}

/// A term of an option's value beyond the actor's interests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Term {
    Capital,
    Risk,
    Reciprocity,
    /// Breaking the deal from this proposal.
    Breaking(usize),
    Reluctance,
}

impl Term {
    pub(crate) fn label(self, scenario: &Scenario) -> String {
        match self {
            Term::Capital => "political capital".to_owned(),
            Term::Risk => "risk of war".to_owned(),
            Term::Reciprocity => "reciprocity".to_owned(),
            Term::Breaking(proposal) => format!("breaking {}", scenario.proposals[proposal].name),
            Term::Reluctance => "the reluctance to oppose a text".to_owned(),
        }
    }
}

/// Up to four terms, in the order they were added.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Terms {
    list: [Option<(Term, f64)>; 4],
}

impl Terms {
    pub(crate) fn with(mut self, term: Term, value: f64) -> Self {
        if let Some(free) = self.list.iter_mut().find(|slot| slot.is_none()) {
            *free = Some((term, value));
        }
        self
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (Term, f64)> + '_ {
        self.list.iter().flatten().copied()
    }

    pub(crate) fn sum(&self) -> f64 {
        self.iter().map(|(_, value)| value).sum::<f64>()
    }
}

/// The options of one decision being weighed, and what each is worth to the actor.
#[derive(Debug, Default)]
pub(crate) struct Options {
    pub(crate) actor: usize,
    pub(crate) choices: Vec<Choice>,
    pub(crate) terms: Vec<Terms>,
    /// By option then interest: the expected change in the interest's satisfaction.
    raw: Vec<f64>,
    pub(crate) values: Vec<f64>,
    /// Each interest's satisfaction in the state the options start from.
    before: Vec<f64>,
    /// The actor's interests, as what their satisfaction reads, and their weights.
    gauges: Vec<Gauge>,
    weights: Vec<f64>,
    /// By interest, the flag of the shift that holds for it, if any (empty when the actor has
    /// no shifts).
    held: Vec<Option<usize>>,
    interests: usize,
    /// The actor's total weight.
    pub(crate) total: f64,
    softmax: Vec<f64>,
}

impl Options {
    /// Starts a decision of `actor` from the state `before`.
    /// The interests are weighed as they stand in `before`, shifts included: no option of a
    /// decision changes them (actors reconsider them only at the start of a turn).
    pub(crate) fn begin(&mut self, scenario: &Scenario, actor: usize, before: &GameState) {
        let definition = &scenario.actors[actor];
        self.actor = actor;
        self.interests = definition.interests.len();
        self.choices.clear();
        self.terms.clear();
        self.raw.clear();
        self.values.clear();
        self.gauges.clear();
        self.weights.clear();
        self.held.clear();
        if definition.shifts.is_empty() {
            self.gauges.extend_from_slice(&definition.gauges);
            self.weights
                .extend(definition.interests.iter().map(|interest| interest.weight));
        } else {
            for index in 0..self.interests {
                // The shift holding for it, found once: its weight and preference, and its flag.
                let shift = shift_now(scenario, before, actor, index);
                let (weight, gauge) = shifted(definition, index, shift);
                self.gauges.push(gauge);
                self.weights.push(weight);
                self.held.push(shift.map(|shift| shift.flag));
            }
        }
        self.total = self.weights.iter().sum::<f64>().max(1e-12);
        self.before.clear();
        self.before
            .extend(self.gauges.iter().map(|gauge| gauge.satisfaction(before)));
    }

    /// Adds an option; its outcomes follow with `outcome`.
    pub(crate) fn push(&mut self, choice: Choice, terms: Terms) {
        self.choices.push(choice);
        self.terms.push(terms);
        self.raw.resize(self.raw.len() + self.interests, 0.0);
    }

    /// The last option leads to `state` with this probability.
    pub(crate) fn outcome(&mut self, probability: f64, state: &GameState) {
        self.outcome_within(probability, state, u64::MAX);
    }

    /// The last option leads to `state` with this probability, and `state` differs from the
    /// state the options start from only in what the gauges in `reach` (bit `i` for gauge `i`;
    /// every gauge from the 65th on) read: the others' changes are zero, so they are left as
    /// they are, and the sums come out the same.
    pub(crate) fn outcome_within(&mut self, probability: f64, state: &GameState, reach: u64) {
        let start = self.raw.len() - self.interests;
        let raw = &mut self.raw[start..];
        for (index, ((gauge, before), raw)) in
            self.gauges.iter().zip(&self.before).zip(raw).enumerate()
        {
            if index >= 64 || reach & (1 << index) != 0 {
                *raw += probability * (gauge.satisfaction(state) - before);
            }
        }
    }

    /// The expected change of each interest's satisfaction for an option.
    pub(crate) fn raw(&self, option: usize) -> &[f64] {
        &self.raw[option * self.interests..(option + 1) * self.interests]
    }

    /// The weight of each interest in this decision.
    pub(crate) fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// The shift of the actor's that holds for interest `index` in this decision, if any.
    pub(crate) fn shift<'a>(&self, scenario: &'a Scenario, index: usize) -> Option<&'a Shift> {
        let flag = self.held.get(index).copied().flatten()?;
        scenario.actors[self.actor]
            .shifts
            .iter()
            .find(|shift| shift.flag == flag)
    }

    /// An interest's weighted share of an option's value.
    pub(crate) fn weighted(&self, option: usize, interest: usize) -> f64 {
        self.weights[interest] * self.raw(option)[interest] / self.total
    }

    /// Values every option: its weighted interests plus its other terms.
    pub(crate) fn score(&mut self) {
        self.values.clear();
        for (option, terms) in self.terms.iter().enumerate() {
            let interests: f64 = self
                .raw(option)
                .iter()
                .zip(&self.weights)
                .map(|(raw, weight)| weight * raw / self.total)
                .sum::<f64>();
            self.values.push(interests + terms.sum());
        }
    }

    /// Scores the options and picks one: softmax at the actor's temperature, with a seeded draw
    /// for ties and exploration.
    pub(crate) fn pick(&mut self, scenario: &Scenario, draws: &mut Draws) -> usize {
        self.score();
        let best = self
            .values
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        let tau = scenario.softmax_temperature(self.actor);
        self.softmax.clear();
        if tau > 0.0 {
            // The same weights as `softmax_weight`, with the exponentials taken together.
            self.softmax
                .extend(self.values.iter().map(|value| (value - best) / tau));
            portable_exp_each(&mut self.softmax);
        } else {
            self.softmax.extend(
                self.values
                    .iter()
                    .map(|value| softmax_weight(*value, best, tau)),
            );
        }
        let sum: f64 = self.softmax.iter().sum();
        let mut pick = draws.unit() * sum;
        let mut chosen = self.softmax.len() - 1;
        for (index, weight) in self.softmax.iter().enumerate() {
            if pick < *weight {
                chosen = index;
                break;
            }
            pick -= weight;
        }
        chosen
    }

    /// The value of the first option that is `choice`.
    pub(crate) fn value_of(&self, choice: Choice) -> f64 {
        self.choices
            .iter()
            .position(|c| *c == choice)
            .map_or(0.0, |index| self.values[index])
    }
}
