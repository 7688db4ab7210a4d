//! The rules: the one implementation of how orders, deals, resolutions, events and dynamics change
//! the state. The ECS phase systems call these on the live state; the agents call the very same
//! functions on a copy to look ahead. Nothing else may change a `GameState`'s numbers.

use super::random::Draws;
use super::state::{Commitment, GameState};
use crate::scenario::{Cond, Ref, ResolvedEffect, Scenario};

/// How effects with a spread are drawn: the expected (mean) value for look-ahead, or seeded draws.
pub enum Spread<'a> {
    Expected,
    /// The expected value times a factor: an action taken with some likelihood, or over turns.
    Scaled(f64),
    Drawn(&'a mut Draws),
}

impl Spread<'_> {
    /// The change to apply for an effect.
    fn change(&mut self, change: f64, spread: f64) -> f64 {
        match self {
            Spread::Expected => change,
            Spread::Scaled(factor) => change * *factor,
            Spread::Drawn(draws) => change + draws.spread(spread),
        }
    }
}

/// Applies effects for the actor concerned (`who`, the "Own" of the effects).
pub fn apply_effects(
    state: &mut GameState,
    effects: &[ResolvedEffect],
    who: Option<usize>,
    spread: &mut Spread,
) {
    for effect in effects {
        if effect.applies_for(who) {
            let change = spread.change(effect.change, effect.spread);
            state.add(effect.target, who, change);
        }
    }
}

/// Applies effects on behalf of several actors at once: effects on the world once, effects on
/// the actor concerned ("Own", trust towards it) once for each of them.
pub fn apply_effects_for_each(
    state: &mut GameState,
    effects: &[ResolvedEffect],
    actors: &[usize],
    spread: &mut Spread,
) {
    for effect in effects {
        if let Some(actor) = effect.only_for {
            // A role's effect for one actor: applied if that actor is among them.
            if actors.contains(&actor) {
                let change = spread.change(effect.change, effect.spread);
                state.add(effect.target, Some(actor), change);
            }
        } else if effect.target.concerns_an_actor() {
            for actor in actors {
                let change = spread.change(effect.change, effect.spread);
                state.add(effect.target, Some(*actor), change);
            }
        } else {
            let change = spread.change(effect.change, effect.spread);
            state.add(effect.target, actors.first().copied(), change);
        }
    }
}

/// Why an order cannot be given.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    NotAllowed,
    NotEnoughCapital {
        needed: f64,
        has: f64,
    },
    Precondition,
    /// The same action twice in one turn.
    Repeated,
    /// More orders than the scenario allows in a turn.
    TooMany {
        limit: u32,
    },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotAllowed => write!(f, "this actor may not take that action"),
            Refusal::NotEnoughCapital { needed, has } => {
                write!(f, "needs {needed:.0} political capital, has {has:.0}")
            }
            Refusal::Precondition => write!(f, "its preconditions do not hold now"),
            Refusal::Repeated => write!(f, "it is already ordered this turn"),
            Refusal::TooMany { limit } => write!(f, "only {limit} orders a turn are allowed"),
        }
    }
}

/// Whether `actor` may order `action` in this state (frozen kinds are allowed: that is a breach).
pub fn check_order(
    scenario: &Scenario,
    state: &GameState,
    actor: usize,
    action: usize,
) -> Result<(), Refusal> {
    OrderCheck::new(scenario, state, actor).check(scenario, state, action, &[], true)
}

/// Checks an actor's orders for one turn together, against the state as the orders phase began:
/// each must be allowed with its preconditions met then; together they must be affordable and
/// all different; and beyond the first `scripted` ones (which the scenario's script imposes) no
/// more than the scenario's orders per turn. Resolution, the AI and the player's screen all use it.
pub fn check_orders(
    scenario: &Scenario,
    state: &GameState,
    actor: usize,
    orders: &[usize],
    scripted: usize,
) -> Vec<Result<(), Refusal>> {
    let mut running = OrderCheck::new(scenario, state, actor);
    let mut accepted: Vec<usize> = Vec::new();
    let mut results = Vec::with_capacity(orders.len());
    for (index, action) in orders.iter().enumerate() {
        let result = running.check(scenario, state, *action, &accepted, index < scripted);
        if result.is_ok() {
            accepted.push(*action);
        }
        results.push(result);
    }
    results
}

/// The running check behind `check_orders`, one order at a time: what is left of the actor's
/// capital and how many of its own orders it has given. Copy it to try an order without keeping it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OrderCheck {
    actor: usize,
    budget: f64,
    chosen: u32,
    limit: u32,
}

impl OrderCheck {
    /// Nothing ordered yet this turn.
    pub fn new(scenario: &Scenario, state: &GameState, actor: usize) -> Self {
        OrderCheck {
            actor,
            budget: state.capital()[actor],
            chosen: 0,
            limit: scenario.calendar.orders_per_turn,
        }
    }

    /// Checks the next order after those `accepted` so far (a `scripted` one does not count
    /// against the limit); an order that passes is counted and paid for.
    pub fn check(
        &mut self,
        scenario: &Scenario,
        state: &GameState,
        action: usize,
        accepted: &[usize],
        scripted: bool,
    ) -> Result<(), Refusal> {
        let definition = &scenario.actions[action];
        let result = if accepted.contains(&action) {
            Err(Refusal::Repeated)
        } else if !scripted && self.chosen >= self.limit {
            Err(Refusal::TooMany { limit: self.limit })
        } else if !definition.allowed[self.actor] {
            Err(Refusal::NotAllowed)
        } else if self.budget + 1e-9 < definition.cost {
            Err(Refusal::NotEnoughCapital {
                needed: definition.cost,
                has: self.budget,
            })
        } else if !state.all_hold(&definition.preconditions, Some(self.actor)) {
            Err(Refusal::Precondition)
        } else {
            Ok(())
        };
        if result.is_ok() {
            self.budget -= definition.cost;
            if !scripted {
                self.chosen += 1;
            }
        }
        result
    }
}

/// What carrying out an order did beyond its effects.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrderOutcome {
    /// The proposal whose commitment the order broke.
    pub broke: Option<usize>,
    /// For a gesture that fades: how many times the actor made it in the months that count, and
    /// the share of its effects left (1 for a first time).
    pub repeated: Option<(u32, f64)>,
}

/// Carries out one order: pays its cost, breaks any commitment it violates, applies its effects.
pub fn apply_order(
    scenario: &Scenario,
    state: &mut GameState,
    actor: usize,
    action: usize,
    spread: &mut Spread,
) -> OrderOutcome {
    let definition = &scenario.actions[action];
    state.capital_mut()[actor] -= definition.cost;
    let mut outcome = OrderOutcome::default();
    if let Some(kind) = definition.kind
        && let Some(commitment) = state.frozen(actor, kind)
    {
        let (proposal, promise) = (commitment.proposal, commitment.promise);
        break_deal(scenario, state, proposal, actor, spread);
        // The broken promise's own cost, on top of the deal's.
        apply_effects(
            state,
            &scenario.proposals[proposal].commitments[promise].on_break,
            Some(actor),
            spread,
        );
        outcome.broke = Some(proposal);
    }
    // The effects as they land for this actor: the same changes as `apply_effects` on
    // `definition.effects` would make.
    // A fading gesture keeps the share `left` of its effects (1 otherwise: the same bits).
    let left = match definition.fades {
        None => 1.0,
        Some(fade) => {
            let before = state.repeat(fade.index, actor, fade.months);
            // Multiplied out, not `powi`, so that every platform gets the same bits.
            let left = (0..before).fold(1.0, |left, _| left * fade.factor);
            outcome.repeated = Some((before, left));
            left
        }
    };
    for effect in &definition.landed[actor] {
        let change = spread.change(effect.change, effect.spread) * left;
        state.add_cells(effect.cells, change);
    }
    state.action_taken_at_mut()[action] = Some(state.turn);
    // Only the pairs a condition asks about are kept.
    if let Some(pair) = scenario.taken_by.iter().position(|p| *p == (actor, action)) {
        state.taken_by_at_mut()[pair] = Some(state.turn);
    }
    outcome
}

/// A deal is broken by `breaker`: its costs fall on the breaker and every commitment of it ends.
pub fn break_deal(
    scenario: &Scenario,
    state: &mut GameState,
    proposal: usize,
    breaker: usize,
    spread: &mut Spread,
) {
    apply_effects(
        state,
        &scenario.proposals[proposal].on_break,
        Some(breaker),
        spread,
    );
    state
        .commitments
        .retain(|commitment| commitment.proposal != proposal);
    state.in_force_mut()[proposal] = false;
}

/// Whether `proposer` may table `proposal` now: one of its proposers, able to pay, past the
/// cool-down, no deal from it in force, its preconditions met.
pub fn can_table(scenario: &Scenario, state: &GameState, proposal: usize, proposer: usize) -> bool {
    table_check(scenario, state, proposal, proposer).is_ok()
}

/// `can_table` with the reason it may not, for a player's screen.
pub fn table_check(
    scenario: &Scenario,
    state: &GameState,
    proposal: usize,
    proposer: usize,
) -> Result<(), String> {
    let definition = &scenario.proposals[proposal];
    let cooling = state.proposal_tabled_at()[proposal]
        .map(|at| at.saturating_add(definition.retable_after))
        .filter(|again| *again > state.turn);
    if !definition.proposers.contains(&proposer) {
        Err("only its proposers may table it".to_owned())
    } else if state.capital()[proposer] + 1e-9 < definition.cost {
        Err(format!(
            "needs {:.0} political capital, has {:.0}",
            definition.cost,
            state.capital()[proposer]
        ))
    } else if let Some(again) = cooling {
        Err(format!(
            "it was tabled recently; it may be tabled again from turn {again}"
        ))
    } else if state.in_force()[proposal] {
        Err("the deal is in force".to_owned())
    } else if !state.all_hold(&definition.preconditions, None) {
        Err("its preconditions do not hold now".to_owned())
    } else {
        Ok(())
    }
}

/// Whether `drafter` may put `draft` to the Security Council now.
pub fn can_draft(scenario: &Scenario, state: &GameState, draft: usize, drafter: usize) -> bool {
    draft_check(scenario, state, draft, drafter).is_ok()
}

/// `can_draft` with the reason it may not, for a player's screen.
pub fn draft_check(
    scenario: &Scenario,
    state: &GameState,
    draft: usize,
    drafter: usize,
) -> Result<(), String> {
    let definition = &scenario.drafts[draft];
    let cooling = state.draft_voted_at()[draft]
        .map(|at| at.saturating_add(definition.retable_after))
        .filter(|again| *again > state.turn);
    if scenario.council.is_none() {
        Err("this scenario has no Security Council".to_owned())
    } else if !definition.drafters.contains(&drafter) {
        Err("only its drafters may put it to the vote".to_owned())
    } else if let Some(again) = cooling {
        Err(format!(
            "it was voted on recently; it may be put again from turn {again}"
        ))
    } else if !state.all_hold(&definition.preconditions, Some(drafter)) {
        Err("its preconditions do not hold now".to_owned())
    } else {
        Ok(())
    }
}

/// A proposal is put on the table by `by`: each proposer pays and gets the tabling effects.
pub fn table_proposal(
    scenario: &Scenario,
    state: &mut GameState,
    proposal: usize,
    by: &[usize],
    spread: &mut Spread,
) {
    let definition = &scenario.proposals[proposal];
    for proposer in by {
        state.capital_mut()[*proposer] -= definition.cost;
    }
    apply_effects_for_each(state, &definition.on_table, by, spread);
    state.proposal_tabled_at_mut()[proposal] = Some(state.turn);
}

/// A party answers a tabled proposal. Accepting a text one did not write has its own cost.
pub fn answer_proposal(
    scenario: &Scenario,
    state: &mut GameState,
    proposal: usize,
    party: usize,
    authors: &[usize],
    accept: bool,
    spread: &mut Spread,
) {
    let definition = &scenario.proposals[proposal];
    if accept {
        if !authors.contains(&party) {
            apply_effects(state, &definition.on_accept, Some(party), spread);
        }
    } else {
        apply_effects(state, &definition.on_reject, Some(party), spread);
    }
}

/// Every party accepted: the commitments start this turn and the deal's effects apply.
pub fn strike_deal(
    scenario: &Scenario,
    state: &mut GameState,
    proposal: usize,
    authors: &[usize],
    spread: &mut Spread,
) {
    let definition = &scenario.proposals[proposal];
    state
        .commitments
        .retain(|commitment| commitment.proposal != proposal);
    for (index, promise) in definition.commitments.iter().enumerate() {
        state.commitments.push(Commitment {
            proposal,
            actor: promise.actor,
            kind: promise.kind,
            until_turn: state.turn.saturating_add(promise.turns).saturating_sub(1),
            promise: index,
        });
    }
    state.in_force_mut()[proposal] = true;
    state.struck_at_mut()[proposal] = Some(state.turn);
    apply_effects_for_each(state, &definition.on_deal, authors, spread);
}

/// A Security Council text is adopted: its effects apply, with the drafter as "Own"; when the vote
/// was unanimous each member that voted yes gets the council's unanimity effects.
pub fn adopt_resolution(
    scenario: &Scenario,
    state: &mut GameState,
    draft: usize,
    text: usize,
    drafter: usize,
    unanimous_voters: &[usize],
    spread: &mut Spread,
) {
    apply_effects(
        state,
        &scenario.drafts[draft].texts[text].1,
        Some(drafter),
        spread,
    );
    let turn = state.turn;
    if let Some(at) = state.adopted_at_mut().get_mut(draft) {
        *at = Some(turn);
    }
    if let Some(council) = &scenario.council
        && !unanimous_voters.is_empty()
    {
        apply_effects_for_each(state, &council.on_unanimous, unanimous_voters, spread);
    }
}

/// A vote on a Security Council text. A permanent member's "no" is a veto; an elected member's
/// counts against the text and blocks nothing; an abstention is neither yes nor no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Vote {
    Yes,
    Abstain,
    Veto,
    No,
}

impl Vote {
    /// The vote as the seat casts it: a permanent member's "no" is a veto, and an elected
    /// member cannot veto, so its veto is a "no".
    pub fn on_seat(self, permanent: bool) -> Vote {
        match self {
            Vote::No | Vote::Veto if permanent => Vote::Veto,
            Vote::No | Vote::Veto => Vote::No,
            vote => vote,
        }
    }
}

/// A vote's count: the yes votes, whether a permanent member vetoed, and whether every member
/// voting said yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub yes: u32,
    pub vetoed: bool,
    pub unanimous: bool,
}

/// How a member no actor plays votes on `draft`, given the actors' votes `(actor, vote)`; None
/// when it does not sit in `turn`.
pub fn member_vote(
    member: &crate::scenario::Member,
    draft: usize,
    turn: u32,
    actors: &[(usize, Vote)],
) -> Option<Vote> {
    use crate::scenario::Lean;
    if !member.seat.sits(turn) {
        return None;
    }
    let vote = match member.leaning_on(draft) {
        Lean::Yes => Vote::Yes,
        Lean::Abstain => Vote::Abstain,
        Lean::No => Vote::No,
        Lean::With(actor) => actors
            .iter()
            .find(|(a, _)| *a == actor)
            .map_or(Vote::Abstain, |(_, vote)| *vote),
        Lean::Majority => majority(actors),
    };
    Some(vote.on_seat(member.seat == crate::scenario::Seat::Permanent))
}

/// Yes when more than half of the actors voting vote yes; otherwise an abstention.
fn majority(actors: &[(usize, Vote)]) -> Vote {
    let yes = actors.iter().filter(|(_, v)| *v == Vote::Yes).count();
    if yes * 2 > actors.len() {
        Vote::Yes
    } else {
        Vote::Abstain
    }
}

/// Counts a vote on `draft` in `turn`: the actors' votes `(actor, vote)` as cast, the members no
/// actor plays as they lean, and the unnamed elected members with the majority of the actors.
pub fn tally(
    council: &crate::scenario::Council,
    draft: usize,
    turn: u32,
    actors: &[(usize, Vote)],
) -> Tally {
    let mut yes = 0_u32;
    let mut voting = 0_u32;
    let mut vetoed = false;
    let mut count = |vote: Vote| {
        voting += 1;
        yes += u32::from(vote == Vote::Yes);
        vetoed |= vote == Vote::Veto;
    };
    for (_, vote) in actors {
        count(*vote);
    }
    for member in &council.members {
        if let Some(vote) = member_vote(member, draft, turn, actors) {
            count(vote);
        }
    }
    if council.elected_members > 0 {
        let follow = majority(actors) == Vote::Yes;
        voting = voting.saturating_add(council.elected_members);
        if follow {
            yes = yes.saturating_add(council.elected_members);
        }
    }
    Tally {
        yes,
        vetoed,
        unanimous: voting > 0 && yes == voting,
    }
}

/// A text passes with no veto and enough yes votes.
pub fn passes(council: &crate::scenario::Council, tally: Tally) -> bool {
    !tally.vetoed && tally.yes >= council.votes_needed
}

/// The commitments whose time is over are dropped at the start of a turn; a deal with none left
/// has run its course.
pub fn expire_commitments(state: &mut GameState) {
    let turn = state.turn;
    state
        .commitments
        .retain(|commitment| commitment.until_turn >= turn);
    for proposal in 0..state.in_force().len() {
        if state.in_force()[proposal] && !state.commitments.iter().any(|c| c.proposal == proposal) {
            state.in_force_mut()[proposal] = false;
        }
    }
}

/// Each promise in force takes its month's steps (relief, inspections, talks), exactly.
pub fn keep_promises(scenario: &Scenario, state: &mut GameState) {
    for index in 0..state.commitments.len() {
        let commitment = state.commitments[index];
        if commitment.until_turn < state.turn {
            continue;
        }
        let promise = &scenario.proposals[commitment.proposal].commitments[commitment.promise];
        apply_effects(
            state,
            &promise.steps,
            Some(commitment.actor),
            &mut Spread::Expected,
        );
    }
}

/// The end of resolution: the promises' monthly steps, the per-turn dynamics, political capital
/// income, then every value clamped into its range.
pub fn close_turn(scenario: &Scenario, state: &mut GameState) {
    let mut before = state.clone();
    close_turn_with(scenario, state, &mut before);
}

/// `close_turn`, with a spare state to hold the values the dynamics read (no allocation once
/// the spare has its size).
pub fn close_turn_with(scenario: &Scenario, state: &mut GameState, before: &mut GameState) {
    keep_promises(scenario, state);
    before.clone_from(state);
    for (effect, per, when, _) in &scenario.dynamics {
        if !before.all_hold(when, None) {
            continue;
        }
        let scale = per.map_or(1.0, |per| before.read(per, None));
        state.add(effect.target, None, effect.change * scale);
    }
    for (actor, definition) in scenario.actors.iter().enumerate() {
        state.capital_mut()[actor] =
            (state.capital()[actor] + definition.capital_per_turn).min(capital_cap(definition));
    }
    state.clamp(scenario);
}

/// Political capital cannot be banked beyond three times the larger of the starting capital and
/// the monthly income.
pub fn capital_cap(actor: &crate::scenario::Actor) -> f64 {
    3.0 * actor.capital.max(actor.capital_per_turn)
}

/// The first ending whose conditions hold, or the time-limit ending after the last turn.
pub fn check_ending(scenario: &Scenario, state: &GameState) -> Option<usize> {
    let found = scenario
        .endings
        .iter()
        .enumerate()
        .find(|(index, ending)| {
            *index != scenario.time_limit_ending && state.all_hold(&ending.when, None)
        })
        .map(|(index, _)| index);
    found.or((state.turn >= scenario.calendar.turns).then_some(scenario.time_limit_ending))
}

/// The escalation indicator's value.
pub fn escalation(scenario: &Scenario, state: &GameState) -> f64 {
    state.read(Ref::Slot(scenario.escalation_slot), None)
}

/// How close the state is to each ending, 0 (far) to 1 (reached), in scenario order: the least
/// advanced of its conditions. A threshold is measured from the far end of its range; a deal or
/// a turn is all or nothing (a turn counts up); the time-limit ending advances with the calendar.
/// `Any` is as advanced as its most advanced part and `All` as its least. `Not` is measured as
/// the condition it amounts to: not above a threshold as below it (from the top of the range),
/// not below as above, not from turn t as until turn t - 1, not until turn t as from turn t + 1,
/// not any as all of the negations and not all as any of them; for the rest (a deal, an action
/// taken, a freeze), which are all or nothing, it is 1 minus its part's progress.
pub fn ending_progress(scenario: &Scenario, state: &GameState) -> Vec<f64> {
    let progress = |condition: &Cond| condition_progress(scenario, state, condition, false);
    scenario
        .endings
        .iter()
        .enumerate()
        .map(|(index, ending)| {
            if index == scenario.time_limit_ending {
                f64::from(state.turn) / f64::from(scenario.calendar.turns.max(1))
            } else {
                ending.when.iter().map(progress).fold(1.0, f64::min)
            }
        })
        .collect()
}

/// How advanced `condition` is (or, `negated`, its negation), 0 to 1; see `ending_progress`.
fn condition_progress(
    scenario: &Scenario,
    state: &GameState,
    condition: &Cond,
    negated: bool,
) -> f64 {
    let span = |target: Ref| crate::sim::state::bounds(scenario, target);
    let value = |target: Ref| state.read(target, None);
    let above = |target: Ref, threshold: f64| {
        let (low, _) = span(target);
        (value(target) - low) / (threshold - low).max(1e-9)
    };
    let below = |target: Ref, threshold: f64| {
        let (_, high) = span(target);
        (high - value(target)) / (high - threshold).max(1e-9)
    };
    let all_or_nothing = |holds: bool| f64::from(u8::from(holds));
    let fraction = match (condition, negated) {
        (Cond::Above(target, threshold), false) | (Cond::Below(target, threshold), true) => {
            above(*target, *threshold)
        }
        (Cond::Below(target, threshold), false) | (Cond::Above(target, threshold), true) => {
            below(*target, *threshold)
        }
        (Cond::TurnAtLeast(turn), false) => f64::from(state.turn) / f64::from((*turn).max(1)),
        (Cond::TurnAtLeast(turn), true) => all_or_nothing(state.turn < *turn),
        (Cond::TurnAtMost(turn), false) => all_or_nothing(state.turn <= *turn),
        (Cond::TurnAtMost(turn), true) => f64::from(state.turn) / f64::from(turn.saturating_add(1)),
        // Any of the parts, or (negated) all of their negations; All the other way round.
        (Cond::Any(conditions), false) | (Cond::All(conditions), true) => conditions
            .iter()
            .map(|part| condition_progress(scenario, state, part, negated))
            .fold(0.0, f64::max),
        (Cond::All(conditions), false) | (Cond::Any(conditions), true) => conditions
            .iter()
            .map(|part| condition_progress(scenario, state, part, negated))
            .fold(1.0, f64::min),
        (Cond::Not(part), _) => condition_progress(scenario, state, part, !negated),
        // A deal, an action taken, a freeze: all or nothing, so the negation is 1 minus it.
        (_, negated) => all_or_nothing(state.holds(condition, None) != negated),
    };
    fraction.clamp(0.0, 1.0)
}
