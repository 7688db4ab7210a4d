//! The plain game state: every number the rules read and write, with no ECS types in it, so the
//! resolution system and the agents' look-ahead work on the same data.

use bevy_ecs::prelude::Resource;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::scenario::{Actor, Cond, Preference, Ref, Scenario, Shift};
pub use crate::scenario::{Cells, Gauge, bounds};

/// A promise in force until `until_turn` (inclusive): the proposal's commitment `promise`, by
/// which `actor` takes no action of `kind` (when it gives one up).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    pub proposal: usize,
    pub actor: usize,
    pub kind: Option<usize>,
    pub until_turn: u32,
    /// Its place in the proposal's `commitments` (determined by the rest; not hashed).
    pub promise: usize,
}

/// The whole state of a game between turns. Its numbers sit in three flat lists (the numbers,
/// the yes-or-no flags, the turns something last happened) so that the look-ahead copies a state
/// in a few moves; the accessors give each part by name.
#[derive(Resource, Debug, PartialEq)]
pub struct GameState {
    /// The turn being played (1 is the first); 0 before the first turn starts.
    pub turn: u32,
    /// Indicator values by slot, then trust from one actor in another (-100..100) row by row,
    /// then political capital by actor.
    numbers: Vec<f64>,
    /// By proposal, whether a deal from it is in force; then by event, whether it has fired;
    /// then by interest shift, whether it holds (see `Scenario::shift_count`).
    flags: Vec<bool>,
    /// By proposal, the turn a deal was last struck; by proposal, the turn it was last tabled;
    /// by draft, the turn it was last voted on; by action, the last turn anyone took it; then by
    /// fading action and actor, the last turn the actor took it and the turns it took it before
    /// (bit `i` for `i + 1` turns before the last); then, when a condition asks, by draft the
    /// turn a text of it was last adopted; then by pair of `Scenario::taken_by`, the turn its
    /// actor last took its action.
    turns: Vec<Option<u32>>,
    pub commitments: Vec<Commitment>,
    /// The ending reached, by index, once the game is over.
    pub ending: Option<usize>,
    /// The lengths of the parts.
    slots: usize,
    actors: usize,
    proposals: usize,
    drafts: usize,
    events: usize,
    actions: usize,
    /// Fading actions times actors (see `repeat`).
    fading: usize,
    /// Drafts whose adoptions are kept (all or none).
    adoptions: usize,
    /// Proposals whose rejections are kept (all or none).
    rejections: usize,
}

impl Clone for GameState {
    fn clone(&self) -> Self {
        let mut copy = GameState {
            turn: 0,
            numbers: Vec::new(),
            flags: Vec::new(),
            turns: Vec::new(),
            commitments: Vec::new(),
            ending: None,
            slots: 0,
            actors: 0,
            proposals: 0,
            drafts: 0,
            events: 0,
            actions: 0,
            fading: 0,
            adoptions: 0,
            rejections: 0,
        };
        copy.clone_from(self);
        copy
    }

    /// Copies into the lists already allocated, so the look-ahead's scratch states never
    /// allocate once they have their size.
    fn clone_from(&mut self, source: &Self) {
        self.turn = source.turn;
        copy_into(&mut self.numbers, &source.numbers);
        copy_into(&mut self.flags, &source.flags);
        copy_into(&mut self.turns, &source.turns);
        copy_into(&mut self.commitments, &source.commitments);
        self.ending = source.ending;
        self.slots = source.slots;
        self.actors = source.actors;
        self.proposals = source.proposals;
        self.drafts = source.drafts;
        self.events = source.events;
        self.actions = source.actions;
        self.fading = source.fading;
        self.adoptions = source.adoptions;
        self.rejections = source.rejections;
    }
}

/// `vec.clone_from(source)` for plain values, with the common case (same length: a scratch
/// state of the same game) a straight copy.
#[inline]
fn copy_into<T: Copy>(vec: &mut Vec<T>, source: &[T]) {
    if vec.len() == source.len() {
        vec.copy_from_slice(source);
    } else {
        vec.clear();
        vec.extend_from_slice(source);
    }
}

impl GameState {
    /// The state at the start of a scenario.
    pub fn new(scenario: &Scenario) -> Self {
        let numbers = scenario
            .start_values
            .iter()
            .copied()
            .chain(scenario.start_trust.iter().flatten().copied())
            .chain(scenario.actors.iter().map(|actor| actor.capital))
            .collect();
        let flags =
            vec![false; scenario.proposals.len() + scenario.events.len() + scenario.shift_count()];
        let rejections = if scenario.tracks_rejection {
            scenario.proposals.len()
        } else {
            0
        };
        let turns = std::iter::repeat_n(None, 2 * scenario.proposals.len() + scenario.drafts.len())
            .chain(
                (0..scenario.actions.len())
                    .map(|action| scenario.recent_actions.contains(&action).then_some(0)),
            )
            .chain(std::iter::repeat_n(
                None,
                2 * scenario.fading_count() * scenario.actors.len(),
            ))
            .chain(std::iter::repeat_n(
                None,
                if scenario.tracks_adoption {
                    scenario.drafts.len()
                } else {
                    0
                },
            ))
            .chain(std::iter::repeat_n(None, rejections))
            .chain(std::iter::repeat_n(None, scenario.taken_by.len()))
            .collect();
        GameState {
            turn: 0,
            numbers,
            flags,
            turns,
            commitments: Vec::new(),
            ending: None,
            slots: scenario.start_values.len(),
            actors: scenario.actors.len(),
            proposals: scenario.proposals.len(),
            drafts: scenario.drafts.len(),
            events: scenario.events.len(),
            actions: scenario.actions.len(),
            fading: scenario.fading_count() * scenario.actors.len(),
            adoptions: if scenario.tracks_adoption {
                scenario.drafts.len()
            } else {
                0
            },
            rejections,
        }
    }

    /// Indicator values by slot (see `Scenario::slots`).
    pub fn values(&self) -> &[f64] {
        &self.numbers[..self.slots]
    }

    pub fn values_mut(&mut self) -> &mut [f64] {
        &mut self.numbers[..self.slots]
    }

    /// Political capital by actor.
    pub fn capital(&self) -> &[f64] {
        &self.numbers[self.slots + self.actors * self.actors..]
    }

    pub fn capital_mut(&mut self) -> &mut [f64] {
        let start = self.slots + self.actors * self.actors;
        &mut self.numbers[start..]
    }

    /// By proposal: whether a deal from it is in force.
    pub fn in_force(&self) -> &[bool] {
        &self.flags[..self.proposals]
    }

    pub fn in_force_mut(&mut self) -> &mut [bool] {
        &mut self.flags[..self.proposals]
    }

    /// By event: whether it has fired.
    pub fn fired(&self) -> &[bool] {
        &self.flags[self.proposals..self.proposals + self.events]
    }

    pub fn fired_mut(&mut self) -> &mut [bool] {
        &mut self.flags[self.proposals..self.proposals + self.events]
    }

    /// By interest shift (`Shift::flag`): whether it holds this turn.
    pub fn shifted(&self) -> &[bool] {
        &self.flags[self.proposals + self.events..]
    }

    pub fn shifted_mut(&mut self) -> &mut [bool] {
        &mut self.flags[self.proposals + self.events..]
    }

    /// By proposal: the turn a deal from it was last struck.
    pub fn struck_at(&self) -> &[Option<u32>] {
        &self.turns[..self.proposals]
    }

    pub fn struck_at_mut(&mut self) -> &mut [Option<u32>] {
        &mut self.turns[..self.proposals]
    }

    /// By proposal: the turn it was last put forward, for cool-downs.
    pub fn proposal_tabled_at(&self) -> &[Option<u32>] {
        &self.turns[self.proposals..2 * self.proposals]
    }

    pub fn proposal_tabled_at_mut(&mut self) -> &mut [Option<u32>] {
        &mut self.turns[self.proposals..2 * self.proposals]
    }

    /// By draft: the turn it was last voted on, for cool-downs.
    pub fn draft_voted_at(&self) -> &[Option<u32>] {
        &self.turns[2 * self.proposals..2 * self.proposals + self.drafts]
    }

    pub fn draft_voted_at_mut(&mut self) -> &mut [Option<u32>] {
        let start = 2 * self.proposals;
        &mut self.turns[start..start + self.drafts]
    }

    /// By action: the last turn anyone took it.
    pub fn action_taken_at(&self) -> &[Option<u32>] {
        let start = 2 * self.proposals + self.drafts;
        &self.turns[start..start + self.actions]
    }

    pub fn action_taken_at_mut(&mut self) -> &mut [Option<u32>] {
        let start = 2 * self.proposals + self.drafts;
        &mut self.turns[start..start + self.actions]
    }

    /// Records that `actor` takes the fading action `fading` (its `Fade::index`) this turn, and
    /// returns how many times it took it in the `months` turns before this one (at most 31).
    pub fn repeat(&mut self, fading: usize, actor: usize, months: u32) -> u32 {
        let turn = self.turn;
        let at = self.after_actions() + 2 * (fading * self.actors + actor);
        // Bit `k` of `earlier`: taken `k` turns before this one (bit 0, this turn, left clear).
        let earlier = match self.turns[at] {
            Some(last) if last <= turn => {
                let known = (self.turns[at + 1].unwrap_or(0) << 1) | 1;
                known.checked_shl(turn - last).unwrap_or(0) & !1
            }
            _ => 0,
        };
        let window = if months >= 31 {
            u32::MAX
        } else {
            (1 << (months + 1)) - 1
        };
        self.turns[at] = Some(turn);
        self.turns[at + 1] = Some(earlier >> 1);
        (earlier & window).count_ones()
    }

    /// By draft, the turn a text of it was last adopted; empty unless a condition of the
    /// scenario asks (`Scenario::tracks_adoption`), so that other scenarios keep their hashes.
    pub fn adopted_at(&self) -> &[Option<u32>] {
        let start = self.after_actions() + 2 * self.fading;
        &self.turns[start..start + self.adoptions]
    }

    pub fn adopted_at_mut(&mut self) -> &mut [Option<u32>] {
        let start = self.after_actions() + 2 * self.fading;
        &mut self.turns[start..start + self.adoptions]
    }

    /// By proposal, the turn a deal from it was last rejected; empty unless a condition of the
    /// scenario asks (`Scenario::tracks_rejection`), so that other scenarios keep their hashes.
    pub fn rejected_at(&self) -> &[Option<u32>] {
        let start = self.after_actions() + 2 * self.fading + self.adoptions;
        &self.turns[start..start + self.rejections]
    }

    pub fn rejected_at_mut(&mut self) -> &mut [Option<u32>] {
        let start = self.after_actions() + 2 * self.fading + self.adoptions;
        &mut self.turns[start..start + self.rejections]
    }

    /// By pair of `Scenario::taken_by`, the last turn its actor took its action.
    pub fn taken_by_at(&self) -> &[Option<u32>] {
        let start = self.after_actions() + 2 * self.fading + self.adoptions + self.rejections;
        &self.turns[start..]
    }

    pub fn taken_by_at_mut(&mut self) -> &mut [Option<u32>] {
        let start = self.after_actions() + 2 * self.fading + self.adoptions + self.rejections;
        &mut self.turns[start..]
    }

    /// Where the parts of `turns` after the actions' last turns start.
    fn after_actions(&self) -> usize {
        2 * self.proposals + self.drafts + self.actions
    }

    /// How many actors the state holds.
    pub fn actors(&self) -> usize {
        self.actors
    }

    /// How much `from` trusts `to`, -100..100.
    pub fn trust(&self, from: usize, to: usize) -> f64 {
        self.numbers[self.slots + from * self.actors + to]
    }

    pub fn trust_mut(&mut self, from: usize, to: usize) -> &mut f64 {
        &mut self.numbers[self.slots + from * self.actors + to]
    }

    /// Reads a target for the actor concerned (`who`); `None` where a target needs one and has none.
    #[inline]
    pub fn read(&self, target: Ref, who: Option<usize>) -> f64 {
        match (target, who) {
            (Ref::Slot(slot), _) => self.values()[slot],
            (Ref::Own(base), Some(actor)) => self.values()[base + actor],
            (Ref::Relation(other), Some(actor)) => {
                (self.trust(actor, other) + self.trust(other, actor)) / 2.0
            }
            (Ref::Trust(from, to), _) => self.trust(from, to),
            (Ref::TrustFrom(other), Some(actor)) => self.trust(other, actor),
            (Ref::TrustFromAll, Some(actor)) => {
                let others = self.actors().saturating_sub(1);
                if others == 0 {
                    0.0
                } else {
                    (0..self.actors())
                        .filter(|other| *other != actor)
                        .map(|other| self.trust(other, actor))
                        .sum::<f64>()
                        / others as f64
                }
            }
            _ => 0.0,
        }
    }

    /// Reads the cells of a gauge (`Gauge::cells`), as `read` reads its target.
    #[inline]
    pub fn read_cells(&self, cells: Cells) -> f64 {
        match cells {
            Cells::One(at) => self.numbers[at],
            Cells::Mean(there, back) => (self.numbers[there] + self.numbers[back]) / 2.0,
            Cells::TrustFromAll(actor) => self.read(Ref::TrustFromAll, Some(actor)),
        }
    }

    /// Adds `change` to cells (`Landed::cells`), as `add` adds it to their target.
    #[inline]
    pub fn add_cells(&mut self, cells: Cells, change: f64) {
        match cells {
            Cells::One(at) => self.numbers[at] += change,
            Cells::Mean(there, back) => {
                self.numbers[there] += change;
                self.numbers[back] += change;
            }
            Cells::TrustFromAll(actor) => self.add(Ref::TrustFromAll, Some(actor), change),
        }
    }

    /// Adds `change` to a target, unclamped; `clamp` brings values back into range.
    #[inline]
    pub fn add(&mut self, target: Ref, who: Option<usize>, change: f64) {
        // Indicators come first among the numbers (compiled slots are always in range).
        match (target, who) {
            (Ref::Slot(slot), _) => self.numbers[slot] += change,
            (Ref::Own(base), Some(actor)) => self.numbers[base + actor] += change,
            (Ref::Relation(other), Some(actor)) => {
                *self.trust_mut(actor, other) += change;
                *self.trust_mut(other, actor) += change;
            }
            (Ref::Trust(from, to), _) => *self.trust_mut(from, to) += change,
            (Ref::TrustFrom(other), Some(actor)) => *self.trust_mut(other, actor) += change,
            (Ref::TrustFromAll, Some(actor)) => {
                for other in 0..self.actors() {
                    if other != actor {
                        *self.trust_mut(other, actor) += change;
                    }
                }
            }
            _ => {}
        }
    }

    /// Brings every value into its range.
    pub fn clamp(&mut self, scenario: &Scenario) {
        for (slot, value) in self.values_mut().iter_mut().enumerate() {
            *value = value.clamp(scenario.slot_min[slot], scenario.slot_max[slot]);
        }
        let actors = self.actors;
        let trust = self.slots..self.slots + actors * actors;
        // Row by row: the diagonal (an actor's trust in itself) is always 0.
        for (from, row) in self.numbers[trust]
            .chunks_exact_mut(actors.max(1))
            .enumerate()
        {
            for (to, value) in row.iter_mut().enumerate() {
                *value = if from == to {
                    0.0
                } else {
                    value.clamp(-100.0, 100.0)
                };
            }
        }
    }

    /// Whether `actor` is under a commitment freezing `kind` this turn.
    pub fn frozen(&self, actor: usize, kind: usize) -> Option<&Commitment> {
        self.commitments
            .iter()
            .find(|c| c.actor == actor && c.kind == Some(kind) && c.until_turn >= self.turn)
    }

    /// Whether `turns[index]` (a turn something last happened; the list may be empty when
    /// nothing asks) falls within the last `turns` turns, this one included.
    fn within(&self, list: &[Option<u32>], index: usize, turns: u32) -> bool {
        list.get(index)
            .copied()
            .flatten()
            .is_some_and(|at| at.saturating_add(turns) > self.turn)
    }

    /// Checks a condition for the actor concerned.
    pub fn holds(&self, condition: &Cond, who: Option<usize>) -> bool {
        match condition {
            Cond::Above(target, value) => self.read(*target, who) > *value,
            Cond::Below(target, value) => self.read(*target, who) < *value,
            Cond::TurnAtLeast(turn) => self.turn >= *turn,
            Cond::TurnAtMost(turn) => self.turn <= *turn,
            Cond::DealInForce(proposal) => self.in_force()[*proposal],
            Cond::DealStruck(proposal) => self.struck_at()[*proposal].is_some(),
            Cond::TakenWithin(action, turns) => {
                self.within(self.action_taken_at(), *action, *turns)
            }
            Cond::Adopted(draft, turns) => self.within(self.adopted_at(), *draft, *turns),
            Cond::Rejected(proposal, turns) => self.within(self.rejected_at(), *proposal, *turns),
            Cond::TakenBy(pair, turns) => self.within(self.taken_by_at(), *pair, *turns),
            Cond::NotFrozen(kind) => who.is_none_or(|actor| self.frozen(actor, *kind).is_none()),
            Cond::Any(_) | Cond::All(_) | Cond::Not(_) => self.combination_holds(condition, who),
        }
    }

    /// `holds` for `Any`, `All` and `Not`, kept apart so that the simple conditions, checked
    /// many times a turn by the look-ahead, stay a flat match.
    #[inline(never)]
    fn combination_holds(&self, condition: &Cond, who: Option<usize>) -> bool {
        match condition {
            Cond::Any(conditions) => conditions.iter().any(|each| self.holds(each, who)),
            Cond::All(conditions) => self.all_hold(conditions, who),
            Cond::Not(condition) => !self.holds(condition, who),
            simple => self.holds(simple, who),
        }
    }

    pub fn all_hold(&self, conditions: &[Cond], who: Option<usize>) -> bool {
        conditions
            .iter()
            .all(|condition| self.holds(condition, who))
    }

    /// SHA-256 over the exact bits of every value, in a fixed order, in hex.
    pub fn hash(&self) -> String {
        self.hash_with(&[])
    }

    /// The hash with the actors' reciprocity memories (kept on the ECS entities, in slot order)
    /// folded in: they steer later choices, so a difference in them must show the turn it arises.
    pub fn hash_with(&self, memories: &[Vec<f64>]) -> String {
        let mut hasher = Sha256::new();
        for memory in memories {
            for value in memory {
                hasher.update(value.to_bits().to_le_bytes());
            }
        }
        hasher.update(self.turn.to_le_bytes());
        // Values, trust and capital, in that order.
        for value in &self.numbers {
            hasher.update(value.to_bits().to_le_bytes());
        }
        for commitment in &self.commitments {
            // A promise that gives up no kind of action hashes its kind as u64::MAX.
            let kind = commitment.kind.map_or(u64::MAX, |kind| kind as u64);
            for number in [commitment.proposal as u64, commitment.actor as u64, kind] {
                hasher.update(number.to_le_bytes());
            }
            hasher.update(commitment.until_turn.to_le_bytes());
        }
        let optional = |value: Option<u32>| value.map_or(u64::MAX, u64::from);
        for flag in self.in_force() {
            hasher.update([u8::from(*flag)]);
        }
        // Struck, tabled, voted on and taken, in that order.
        for value in &self.turns {
            hasher.update(optional(*value).to_le_bytes());
        }
        for flag in self.fired() {
            hasher.update([u8::from(*flag)]);
        }
        // None in a scenario without shifts, so its hashes are as they were before shifts.
        for flag in self.shifted() {
            hasher.update([u8::from(*flag)]);
        }
        hasher.update(self.ending.map_or(u64::MAX, |e| e as u64).to_le_bytes());
        crate::scenario::hex_digest(&hasher.finalize())
    }
}

/// How satisfied an actor is with one interest, 0..1.
#[inline]
pub fn satisfaction(value: f64, low: f64, high: f64, prefers: &Preference) -> f64 {
    let width = high - low;
    let position = ((value - low) / width).clamp(0.0, 1.0);
    match prefers {
        Preference::Higher => position,
        Preference::Lower => 1.0 - position,
        Preference::Near(point) => 1.0 - ((value - point).abs() / width).clamp(0.0, 1.0),
    }
}

/// An actor's utility in a state: the weighted mean of its interests' satisfaction, 0..1, each
/// interest as its shifts holding in `state` leave it.
pub fn utility(scenario: &Scenario, state: &GameState, actor: usize) -> f64 {
    let definition = &scenario.actors[actor];
    let mut total = 0.0;
    let mut weights = 0.0;
    if definition.shifts.is_empty() {
        for (interest, gauge) in definition.interests.iter().zip(&definition.gauges) {
            total += interest.weight * gauge.satisfaction(state);
            weights += interest.weight;
        }
    } else {
        for index in 0..definition.interests.len() {
            let (weight, gauge) = interest_now(scenario, state, actor, index);
            total += weight * gauge.satisfaction(state);
            weights += weight;
        }
    }
    if weights > 0.0 { total / weights } else { 0.0 }
}

/// `actor`'s interest `index` as it stands in `state`: its weight and its gauge, changed by the
/// last of its shifts that holds there.
pub fn interest_now(
    scenario: &Scenario,
    state: &GameState,
    actor: usize,
    index: usize,
) -> (f64, Gauge) {
    shifted(
        &scenario.actors[actor],
        index,
        shift_now(scenario, state, actor, index),
    )
}

/// Interest `index` of `actor` with `shift` (one of its shifts, if any holds): weight and gauge.
pub fn shifted(actor: &Actor, index: usize, shift: Option<&Shift>) -> (f64, Gauge) {
    let gauge = actor.gauges[index];
    match shift {
        Some(shift) => (
            shift.weight,
            Gauge {
                prefers: shift.prefers,
                ..gauge
            },
        ),
        None => (actor.interests[index].weight, gauge),
    }
}

/// Words for `actor`'s interest `index` as it stands in `state`: "sanctions pressure near 65".
pub fn interest_label<'a>(
    scenario: &'a Scenario,
    state: &GameState,
    actor: usize,
    index: usize,
) -> &'a str {
    shift_now(scenario, state, actor, index)
        .map_or(&scenario.actors[actor].interests[index].label, |shift| {
            &shift.label
        })
}

/// The shift of `actor`'s interest `index` that holds in `state`, if any (the last listed).
pub fn shift_now<'a>(
    scenario: &'a Scenario,
    state: &GameState,
    actor: usize,
    index: usize,
) -> Option<&'a crate::scenario::Shift> {
    scenario.actors[actor]
        .shifts
        .iter()
        .rev()
        .find(|shift| shift.interest == index && state.shifted()[shift.flag])
}

impl Gauge {
    /// The interest's satisfaction in `state`, 0..1.
    #[inline]
    pub fn satisfaction(&self, state: &GameState) -> f64 {
        satisfaction(
            state.read_cells(self.cells),
            self.low,
            self.high,
            &self.prefers,
        )
    }
}
