//! The AI actors: they score every option by looking ahead through the same rules functions the
//! resolution uses, on a copy of the state, and keep the reasons for what they chose.
//!
//! Plain functions on `Scenario` and `GameState`; the phase systems in `game::phases` call them.

pub mod advisor;
mod explain;
mod options;

pub use crate::sim::decision::{Contribution, Decision, Flip};
pub use advisor::Advisor;
use options::{Choice, Options, Term, Terms};

use sha2::Digest;

use crate::scenario::{Ref, Scenario};
use crate::sim::random::Draws;
use crate::sim::rules::{self, Spread};
use crate::sim::state::{GameState, utility};

// The model's constants (the value of capital, the scale of risk and reciprocity, the chance of a
// wanted frozen action, the veto and abstention margins, the temperature scale) are the
// scenario's `tunables`, with their defaults in `scenario::Tunables::DEFAULT`.
/// Decisions closer than this are ties, broken by the seeded draw.
const TIE: f64 = 1e-9;

/// How hard the AI plays: a multiplier on every actor's temperature. Easy opponents explore more
/// (and so blunder more); hard ones almost always take their best option.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
pub enum Difficulty {
    Easy,
    #[default]
    Normal,
    Hard,
}

impl Difficulty {
    pub fn temperature_factor(self) -> f64 {
        match self {
            Difficulty::Easy => 4.0,
            Difficulty::Normal => 1.0,
            Difficulty::Hard => 0.25,
        }
    }

    /// The scenario with every actor's temperature scaled for this difficulty.
    pub fn apply(self, scenario: &Scenario) -> Scenario {
        let mut scaled = scenario.clone();
        if self != Difficulty::Normal {
            for actor in &mut scaled.actors {
                actor.temperature *= self.temperature_factor();
            }
            scaled.hash = crate::scenario::hex_digest(&sha2::Sha256::digest(
                format!("{}:{self:?}", scenario.hash).as_bytes(),
            ));
        }
        scaled
    }
}

/// e^x from additions, multiplications and divisions only, which IEEE 754 rounds the same way on
/// every machine; the platform's `exp` may differ in the last bit, and a choice must not.
/// Accurate to about 1e-15 relative, which is all a softmax needs.
pub fn portable_exp(x: f64) -> f64 {
    let mut lane = [x];
    exp_lanes(&mut lane);
    lane[0]
}

/// `portable_exp` of every value, in place. Eight values at a time go through the same
/// operations in the same order, lane by lane, so each result is the same bits as `portable_exp`
/// alone; the lanes' divisions overlap instead of waiting on each other. The last few values go
/// through four lanes or two (padded), so a two-option answer costs a two-lane pass.
pub fn portable_exp_each(values: &mut [f64]) {
    let mut chunks = values.chunks_exact_mut(8);
    for chunk in &mut chunks {
        if let Ok(lanes) = <&mut [f64; 8]>::try_from(chunk) {
            exp_lanes(lanes);
        }
    }
    let mut rest = chunks.into_remainder();
    while !rest.is_empty() {
        rest = match rest.len() {
            1 | 2 => exp_padded::<2>(rest),
            _ => exp_padded::<4>(rest),
        };
    }
}

/// `exp_lanes` over the first `N` values (or all of them, padded, when fewer); returns the rest.
fn exp_padded<const N: usize>(values: &mut [f64]) -> &mut [f64] {
    let (head, rest) = values.split_at_mut(values.len().min(N));
    let mut lanes = [0.0; N];
    lanes[..head.len()].copy_from_slice(head);
    exp_lanes(&mut lanes);
    head.copy_from_slice(&lanes[..head.len()]);
    rest
}

/// 1/n for the Taylor series' terms, each rounded once when the program is compiled.
const INVERSES: [f64; EXP_TERMS + 1] = {
    let mut inverses = [0.0; EXP_TERMS + 1];
    let mut n = 1;
    while n <= EXP_TERMS {
        inverses[n] = 1.0 / n as f64;
        n += 1;
    }
    inverses
};

/// Terms of e^r's series: for |r| <= ln 2 / 2 the first term left out, r^14 / 14!, is below
/// 5e-18, under a twentieth of the last bit of a result near 1.
const EXP_TERMS: usize = 13;

/// e^x on each lane: x = k ln 2 + r with |r| <= ln 2 / 2 (ln 2 in two parts, so that r keeps
/// its precision when k is large), then e^x = 2^k e^r, with e^r from its Taylor series by
/// Horner's rule, multiplying by each 1/n instead of dividing.
fn exp_lanes<const N: usize>(xs: &mut [f64; N]) {
    // ln 2 = HIGH + LOW, HIGH with its low 21 bits zero so that k * HIGH is exact.
    const LN_2_HIGH: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
    const LN_2_LOW: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
    let mut k = [0_i64; N];
    let mut r = [0.0; N];
    for lane in 0..N {
        let x = xs[lane].clamp(-700.0, 700.0);
        let whole = x * std::f64::consts::LOG2_E + if x >= 0.0 { 0.5 } else { -0.5 };
        k[lane] = whole as i64;
        let k = k[lane] as f64;
        r[lane] = (x - k * LN_2_HIGH) - k * LN_2_LOW;
    }
    let mut sum = [1.0; N];
    for inverse in INVERSES[1..].iter().rev() {
        for lane in 0..N {
            sum[lane] = 1.0 + sum[lane] * r[lane] * inverse;
        }
    }
    for lane in 0..N {
        if !xs[lane].is_nan() {
            xs[lane] = sum[lane] * f64::from_bits(((k[lane] + 1023) as u64) << 52);
        }
    }
}

/// The value to `actor` of the escalation an action brings, near war.
fn escalation_risk(scenario: &Scenario, state: &GameState, actor: usize, severity: f64) -> f64 {
    let tension = rules::escalation(scenario, state);
    let top = scenario.slot_max[scenario.escalation_slot];
    let closeness =
        ((tension - scenario.danger_from) / (top - scenario.danger_from).max(1e-9)).clamp(0.0, 1.0);
    -scenario.actors[actor].risk_aversion * severity * closeness * scenario.tunables.risk_scale
}

/// Generous tit-for-tat: the value of how an option moves others' trust in `actor`, given what
/// `actor` remembers of each (+1 cooperated, -1 harmed it), at the scenario's `scale`.
fn reciprocity(
    before: &GameState,
    after: &GameState,
    actor: usize,
    memory: &[f64],
    scale: f64,
) -> f64 {
    memory
        .iter()
        .enumerate()
        .filter(|(other, _)| *other != actor)
        .map(|(other, remembered)| {
            remembered * (after.trust(other, actor) - before.trust(other, actor)) / 100.0 * scale
        })
        .sum()
}

/// The chance that a party accepts, from the margin of its own answer (accept minus reject) at
/// its temperature (the same softmax its decision uses).
fn acceptance_chance(scenario: &Scenario, party: usize, margin: f64) -> f64 {
    let tau = scenario.softmax_temperature(party);
    if tau > 0.0 {
        1.0 / (1.0 + portable_exp(-margin / tau))
    } else if margin >= 0.0 {
        1.0
    } else {
        0.0
    }
}

/// The AI's working memory for its look-ahead: the options being weighed and spare copies of the
/// state, kept from one decision to the next so that thinking does not allocate once warm. It
/// holds no game information between decisions: any decision made with it is the same as with a
/// new one.
#[derive(Debug, Default)]
pub struct Lookahead {
    options: Options,
    spare: Vec<GameState>,
    candidates: Vec<GameState>,
    chances: Vec<(usize, f64)>,
    votes: Vec<(usize, Vote)>,
    /// The frozen actions wanted with no deal, from one state and from another.
    wanted: Vec<Wanted>,
    wanted_before: Vec<Wanted>,
    /// What the parties of a deal broken in the orders weighed take once it is broken.
    wanted_after: Vec<Wanted>,
    /// The deals the deciding actor could break this turn.
    bound: Vec<usize>,
}

/// A frozen action a committed actor would take with no deal, and over how many turns of the
/// freeze it counts.
#[derive(Debug, Clone, Copy)]
struct Wanted {
    actor: usize,
    action: usize,
    turns: f64,
}

impl Lookahead {
    /// A copy of `state` in a spare buffer.
    fn copy(&mut self, state: &GameState) -> GameState {
        match self.spare.pop() {
            Some(mut copy) => {
                copy.clone_from(state);
                copy
            }
            None => state.clone(),
        }
    }

    /// A spare state to write over (`clone_from`): a copy of `like` only when none is spare.
    fn scratch(&mut self, like: &GameState) -> GameState {
        self.spare.pop().unwrap_or_else(|| like.clone())
    }

    /// Gives a copy back for reuse.
    fn recycle(&mut self, state: GameState) {
        self.spare.push(state);
    }

    /// Picks among the options weighed and, when `reasons` is given, explains the pick there.
    fn decide(
        &mut self,
        scenario: &Scenario,
        draws: &mut Draws,
        reasons: Option<&mut Vec<Decision>>,
        context: &str,
        subject: &str,
    ) -> usize {
        let chosen = self.options.pick(scenario, draws);
        if let Some(reasons) = reasons {
            reasons.push(explain::explain(
                scenario,
                &self.options,
                context,
                subject,
                chosen,
            ));
        }
        chosen
    }

    /// Chooses up to `orders_per_turn` orders for `actor`, after the `forced` ones, into `orders`.
    /// With `reasons`, one decision is explained per choice made (the last one may be to hold).
    /// Once its buffers have grown, a choice without reasons allocates nothing.
    #[expect(
        clippy::too_many_arguments,
        reason = "the decision's inputs and its output, each a plain value the system passes through"
    )]
    pub fn orders(
        &mut self,
        scenario: &Scenario,
        state: &GameState,
        actor: usize,
        memory: &[f64],
        forced: &[usize],
        draws: &mut Draws,
        mut reasons: Option<&mut Vec<Decision>>,
        orders: &mut Vec<usize>,
    ) {
        let mut current = self.copy(state);
        // Scripted orders come first; the look-ahead counts only those resolution will carry out.
        let mut check = rules::OrderCheck::new(scenario, state, actor);
        orders.clear();
        for action in forced {
            if check.check(scenario, state, *action, orders, true).is_ok() {
                orders.push(*action);
            }
        }
        for action in orders.iter() {
            rules::apply_order(
                scenario,
                &mut current,
                actor,
                *action,
                &mut Spread::Expected,
            );
        }
        // The candidates' states, written in place: the first `count` are this choice's.
        let mut candidates = std::mem::take(&mut self.candidates);
        while orders.len() < scenario.calendar.orders_per_turn as usize {
            // The deals it could break: keeping them is worth their remaining months, breaking
            // one is worth what the parties then do in those months.
            let mut bound = std::mem::take(&mut self.bound);
            breakable(&current, actor, &mut bound);
            self.options.begin(scenario, actor, &current);
            self.options.push(Choice::Hold, Terms::default());
            if bound.is_empty() {
                self.options.outcome(1.0, &current);
            } else {
                let mut kept = self.copy(&current);
                keep_deals(scenario, &current, &mut kept, &bound);
                self.options.outcome(1.0, &kept);
                self.recycle(kept);
            }
            let mut count = 0;
            for &action in &scenario.actors[actor].actions {
                let definition = &scenario.actions[action];
                let mut trial = check;
                if trial.check(scenario, state, action, orders, false).is_err() {
                    continue;
                }
                if count == candidates.len() {
                    candidates.push(current.clone());
                } else {
                    candidates[count].clone_from(&current);
                }
                let next = &mut candidates[count];
                count += 1;
                let outcome =
                    rules::apply_order(scenario, next, actor, action, &mut Spread::Expected);
                match outcome.broke {
                    Some(proposal) => {
                        self.after_breach(scenario, &current, next, proposal, actor);
                    }
                    None if !bound.is_empty() => keep_deals(scenario, &current, next, &bound),
                    None => {}
                }
                let mut terms = Terms::default().with(
                    Term::Capital,
                    -definition.cost * scenario.tunables.capital_value,
                );
                let risk = escalation_risk(scenario, next, actor, definition.severity);
                if risk != 0.0 {
                    terms = terms.with(Term::Risk, risk);
                }
                let reciprocal = reciprocity(
                    &current,
                    next,
                    actor,
                    memory,
                    scenario.tunables.reciprocity_scale,
                );
                if reciprocal != 0.0 {
                    terms = terms.with(Term::Reciprocity, reciprocal);
                }
                if let Some(proposal) = outcome.broke {
                    terms = terms.with(Term::Breaking(proposal), 0.0);
                }
                self.options.push(Choice::Action(action), terms);
                // A breach, or a deal kept, moves more than the action's own effects reach.
                let reach = if outcome.broke.is_none() && bound.is_empty() {
                    scenario.actors[actor].reach[action]
                } else {
                    u64::MAX
                };
                self.options.outcome_within(1.0, next, reach);
            }
            self.bound = bound;
            let chosen = self.decide(scenario, draws, reasons.as_deref_mut(), "orders", "");
            match self.options.choices[chosen] {
                Choice::Action(action) => {
                    // Option 0 is holding; the others are the candidates in order.
                    std::mem::swap(&mut current, &mut candidates[chosen - 1]);
                    let _ = check.check(scenario, state, action, orders, false);
                    orders.push(action);
                }
                _ => break,
            }
        }
        self.candidates = candidates;
        self.recycle(current);
    }

    /// The state if `party` answers a tabled proposal (the others accepting), with the freezes'
    /// consequences projected over the commitments' length: under the deal, or (rejecting) with
    /// the frozen actions `wanted` in `state` with no deal.
    #[expect(
        clippy::too_many_arguments,
        reason = "the answer's inputs, each a plain value the caller passes through"
    )]
    fn after_answer(
        &mut self,
        scenario: &Scenario,
        state: &GameState,
        proposal: usize,
        authors: &[usize],
        party: usize,
        accept: bool,
        wanted: &[Wanted],
    ) -> GameState {
        let mut next = self.copy(state);
        rules::answer_proposal(
            scenario,
            &mut next,
            proposal,
            party,
            authors,
            accept,
            &mut Spread::Expected,
        );
        if accept {
            rules::strike_deal(
                scenario,
                &mut next,
                proposal,
                authors,
                &mut Spread::Expected,
            );
            self.under_deal(scenario, next, proposal)
        } else {
            without_deal(scenario, &mut next, wanted);
            next
        }
    }

    /// The frozen actions of `proposal`'s commitments that each committed actor wants in
    /// `before` with no deal (taking one would raise its utility there), into `wanted`. Each
    /// is taken with the scenario's `freeze_likelihood` each turn of its freeze. They depend
    /// on `before` alone, so one list serves every projection from the same state.
    fn wanted_without_deal(
        &mut self,
        scenario: &Scenario,
        before: &GameState,
        proposal: usize,
        wanted: &mut Vec<Wanted>,
    ) {
        wanted.clear();
        for promise in &scenario.proposals[proposal].commitments {
            let Some(kind) = promise.kind else {
                continue; // it gives up nothing
            };
            let turns = over_the_freeze(scenario, promise.turns);
            self.wanted_of_kind(scenario, before, promise.actor, kind, turns, wanted);
        }
    }

    /// The frozen actions of `kind` that `actor` wants in `judged_on` (taking one would raise its
    /// utility there), each counted `turns` times, added to `wanted`.
    fn wanted_of_kind(
        &mut self,
        scenario: &Scenario,
        judged_on: &GameState,
        actor: usize,
        kind: usize,
        turns: f64,
        wanted: &mut Vec<Wanted>,
    ) {
        // Each action's outcome: `gains_from` writes all of it.
        let mut taken = self.scratch(judged_on);
        // The actor's utility in `judged_on`, once computed.
        let mut judged = None;
        for (action, definition) in scenario.actions.iter().enumerate() {
            if definition.kind == Some(kind)
                && gains_from(scenario, judged_on, &mut taken, actor, action, &mut judged)
            {
                wanted.push(Wanted {
                    actor,
                    action,
                    turns,
                });
            }
        }
        self.recycle(taken);
    }

    /// The rest of a deal's months once `breaker`'s order has broken it (`before` still holds
    /// the deal, `after` is the state the breach left, changed in place): each party, the breaker
    /// too, takes the frozen actions it wants in `after`, as often as with no deal over the
    /// months its promise had left (the breaker once less: the breach was one). This is what a
    /// look-ahead of one month misses: the other side's reply, and the breaker's next steps.
    fn after_breach(
        &mut self,
        scenario: &Scenario,
        before: &GameState,
        after: &mut GameState,
        proposal: usize,
        breaker: usize,
    ) {
        let mut wanted = std::mem::take(&mut self.wanted_after);
        wanted.clear();
        for commitment in &before.commitments {
            let Some(kind) = commitment.kind else {
                continue; // it gave up nothing
            };
            if commitment.proposal != proposal || commitment.until_turn <= before.turn {
                continue; // another deal's, or no month left to reply in
            }
            let mut times = over_the_freeze(scenario, commitment.until_turn - before.turn);
            if commitment.actor == breaker {
                times -= 1.0;
            }
            if times > 0.0 {
                self.wanted_of_kind(scenario, after, commitment.actor, kind, times, &mut wanted);
            }
        }
        without_deal(scenario, after, &wanted);
        self.wanted_after = wanted;
    }

    /// Projects a deal's commitments over their length: an actor that would still gain from a
    /// frozen action after paying for the breach takes it (breaking the deal) and goes on as
    /// without a deal; the others keep their word. Promises with monthly steps take them for
    /// their whole length, or for the first month only once the deal is projected broken.
    fn under_deal(
        &mut self,
        scenario: &Scenario,
        mut after: GameState,
        proposal: usize,
    ) -> GameState {
        // Each action's outcome: `gains_from` writes all of it.
        let mut taken = self.scratch(&after);
        let mut broken = false;
        for promise in &scenario.proposals[proposal].commitments {
            let Some(kind) = promise.kind else {
                continue; // nothing to break it with
            };
            // The committed actor's utility in the state it judges on, until that state changes.
            let mut judged = None;
            for (action, definition) in scenario.actions.iter().enumerate() {
                if definition.kind != Some(kind)
                    || !gains_from(
                        scenario,
                        &after,
                        &mut taken,
                        promise.actor,
                        action,
                        &mut judged,
                    )
                {
                    continue; // not its kind, or it keeps its word
                }
                let rest = (over_the_freeze(scenario, promise.turns) - 1.0).max(0.0);
                std::mem::swap(&mut after, &mut taken);
                judged = None;
                broken = true;
                rules::apply_order(
                    scenario,
                    &mut after,
                    promise.actor,
                    action,
                    &mut Spread::Scaled(rest),
                );
            }
        }
        for promise in &scenario.proposals[proposal].commitments {
            let months = if broken {
                1.0
            } else {
                f64::from(promise.turns)
            };
            rules::apply_effects(
                &mut after,
                &promise.steps,
                Some(promise.actor),
                &mut Spread::Scaled(months),
            );
        }
        self.recycle(taken);
        after
    }

    /// A party's answer to a tabled proposal: accept when the deal beats rejecting it. Returns
    /// the answer and its margin (the value of accepting over rejecting).
    #[expect(
        clippy::too_many_arguments,
        reason = "the decision's inputs, each a plain value the system passes through"
    )]
    pub fn answer(
        &mut self,
        scenario: &Scenario,
        state: &GameState,
        proposal: usize,
        authors: &[usize],
        party: usize,
        draws: &mut Draws,
        reasons: Option<&mut Vec<Decision>>,
    ) -> (bool, f64) {
        let mut wanted = std::mem::take(&mut self.wanted);
        self.wanted_without_deal(scenario, state, proposal, &mut wanted);
        self.weigh_answer(scenario, state, proposal, authors, party, &wanted);
        self.wanted = wanted;
        let chosen = self.decide(
            scenario,
            draws,
            reasons,
            "answer",
            &scenario.proposals[proposal].id,
        );
        (
            chosen == 0,
            self.options.value_of(Choice::Accept) - self.options.value_of(Choice::Reject),
        )
    }

    /// Weighs accepting a tabled proposal against rejecting it, for `party`; `wanted` holds the
    /// frozen actions wanted in `state` with no deal.
    fn weigh_answer(
        &mut self,
        scenario: &Scenario,
        state: &GameState,
        proposal: usize,
        authors: &[usize],
        party: usize,
        wanted: &[Wanted],
    ) {
        let accept = self.after_answer(scenario, state, proposal, authors, party, true, wanted);
        let reject = self.after_answer(scenario, state, proposal, authors, party, false, wanted);
        self.options.begin(scenario, party, state);
        self.options.push(Choice::Accept, Terms::default());
        self.options.outcome(1.0, &accept);
        self.options.push(Choice::Reject, Terms::default());
        self.options.outcome(1.0, &reject);
        self.recycle(accept);
        self.recycle(reject);
    }

    /// A proposer's challenge (after Bueno de Mesquita's expected-utility model): tabling leads to
    /// a deal with the chance that every party accepts, and otherwise to a refusal, each party
    /// giving its likelier answer. Returns whether to table and the expected gain over not
    /// tabling.
    pub fn tabling(
        &mut self,
        scenario: &Scenario,
        state: &GameState,
        proposal: usize,
        proposer: usize,
        draws: &mut Draws,
        reasons: Option<&mut Vec<Decision>>,
    ) -> (bool, f64) {
        let definition = &scenario.proposals[proposal];
        let authors = [proposer];
        let mut tabled = self.copy(state);
        rules::table_proposal(
            scenario,
            &mut tabled,
            proposal,
            &authors,
            &mut Spread::Expected,
        );
        let mut chances = std::mem::take(&mut self.chances);
        chances.clear();
        // What the committed actors want with no deal, once the proposal is tabled and before.
        let mut wanted = std::mem::take(&mut self.wanted);
        let mut wanted_before = std::mem::take(&mut self.wanted_before);
        self.wanted_without_deal(scenario, &tabled, proposal, &mut wanted);
        self.wanted_without_deal(scenario, state, proposal, &mut wanted_before);
        for party in definition.answering(&authors) {
            // Only the margin of each party's answer counts here, not the answer it would draw.
            self.weigh_answer(scenario, &tabled, proposal, &authors, party, &wanted);
            self.options.score();
            let margin =
                self.options.value_of(Choice::Accept) - self.options.value_of(Choice::Reject);
            chances.push((party, acceptance_chance(scenario, party, margin)));
        }
        let deal_chance: f64 = chances.iter().map(|(_, chance)| chance).product();
        let mut deal = self.copy(&tabled);
        for (party, _) in &chances {
            rules::answer_proposal(
                scenario,
                &mut deal,
                proposal,
                *party,
                &authors,
                true,
                &mut Spread::Expected,
            );
        }
        rules::strike_deal(
            scenario,
            &mut deal,
            proposal,
            &authors,
            &mut Spread::Expected,
        );
        let deal = self.under_deal(scenario, deal, proposal);
        // The refusal: the likeliest refuser refuses even when everyone leans towards yes.
        let refuser = chances
            .iter()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(party, _)| *party);
        let mut refused = tabled;
        for (party, chance) in &chances {
            let accept = *chance >= 0.5 && Some(*party) != refuser;
            rules::answer_proposal(
                scenario,
                &mut refused,
                proposal,
                *party,
                &authors,
                accept,
                &mut Spread::Expected,
            );
        }
        self.chances = chances;
        without_deal(scenario, &mut refused, &wanted_before);
        let mut hold = self.copy(state);
        without_deal(scenario, &mut hold, &wanted_before);
        self.wanted = wanted;
        self.wanted_before = wanted_before;
        self.options.begin(scenario, proposer, state);
        self.options.push(
            Choice::Table,
            Terms::default().with(
                Term::Capital,
                -definition.cost * scenario.tunables.capital_value,
            ),
        );
        self.options.outcome(deal_chance, &deal);
        self.options.outcome(1.0 - deal_chance, &refused);
        self.options.push(Choice::Hold, Terms::default());
        self.options.outcome(1.0, &hold);
        for copy in [deal, refused, hold] {
            self.recycle(copy);
        }
        let chosen = self.decide(scenario, draws, reasons, "proposal", &definition.id);
        let gain = self.options.value_of(Choice::Table) - self.options.value_of(Choice::Hold);
        (chosen == 0, gain)
    }

    /// How `voter` votes on `text` of `draft`: yes when adoption is worth it, veto on a real loss.
    #[expect(
        clippy::too_many_arguments,
        reason = "the decision's inputs, each a plain value the system passes through"
    )]
    pub fn vote(
        &mut self,
        scenario: &Scenario,
        state: &GameState,
        draft: usize,
        text: usize,
        drafter: usize,
        voter: usize,
        draws: &mut Draws,
        reasons: Option<&mut Vec<Decision>>,
    ) -> Vote {
        let mut adopted = self.copy(state);
        rules::adopt_resolution(
            scenario,
            &mut adopted,
            draft,
            text,
            drafter,
            &[voter],
            &mut Spread::Expected,
        );
        self.options.begin(scenario, voter, state);
        self.options.push(Choice::Yes, Terms::default());
        self.options.outcome(1.0, &adopted);
        self.options.push(
            Choice::No,
            Terms::default().with(Term::Reluctance, -scenario.tunables.abstain_margin),
        );
        self.options.outcome(1.0, state);
        self.recycle(adopted);
        let chosen = self.decide(scenario, draws, reasons, "vote", &scenario.drafts[draft].id);
        if chosen == 0 {
            Vote::Yes
        } else if self.options.value_of(Choice::Yes) < -scenario.tunables.veto_threshold {
            // A member that prefers "no" by more than the margin votes against (a veto from a
            // permanent seat); a smaller loss abstains.
            Vote::No.on_seat(scenario.actors[voter].permanent_member())
        } else {
            Vote::Abstain
        }
    }

    /// The drafter's choice of text: the strongest that passes with no veto and that it still
    /// gains from; None when no text would.
    pub fn text(
        &mut self,
        scenario: &Scenario,
        state: &GameState,
        draft: usize,
        drafter: usize,
    ) -> Option<usize> {
        let council = scenario.council.as_ref()?;
        let mut votes = std::mem::take(&mut self.votes);
        let mut found = None;
        let look_ahead = Draws::new(0, state.turn, Some(drafter), "look-ahead");
        for text in 0..scenario.drafts[draft].texts.len() {
            let mut quiet = look_ahead.clone();
            votes.clear();
            for member in 0..scenario.actors.len() {
                if scenario.actors[member].seat.sits(state.turn) {
                    let vote = self.vote(
                        scenario, state, draft, text, drafter, member, &mut quiet, None,
                    );
                    votes.push((member, vote));
                }
            }
            if !rules::passes(council, rules::tally(council, draft, state.turn, &votes)) {
                continue;
            }
            let mut adopted = self.copy(state);
            rules::adopt_resolution(
                scenario,
                &mut adopted,
                draft,
                text,
                drafter,
                &[],
                &mut Spread::Expected,
            );
            let gains = utility(scenario, &adopted, drafter) > utility(scenario, state, drafter);
            self.recycle(adopted);
            if gains {
                found = Some(text);
                break;
            }
        }
        self.votes = votes;
        found
    }
}

/// How many turns of a freeze of `turns` a wanted frozen action counts for: taken with the
/// scenario's `freeze_likelihood` each turn, from the middle of the freeze on average.
fn over_the_freeze(scenario: &Scenario, turns: u32) -> f64 {
    scenario.tunables.freeze_likelihood * f64::from(turns) / 2.0
}

/// Whether `actor` gains from taking `action` in `judged_on`: the order is allowed there and its
/// utility rises. `taken` receives the state after the action; `judged` keeps the utility in
/// `judged_on` once computed.
fn gains_from(
    scenario: &Scenario,
    judged_on: &GameState,
    taken: &mut GameState,
    actor: usize,
    action: usize,
    judged: &mut Option<f64>,
) -> bool {
    if rules::check_order(scenario, judged_on, actor, action).is_err() {
        return false;
    }
    taken.clone_from(judged_on);
    rules::apply_order(scenario, taken, actor, action, &mut Spread::Expected);
    let before = *judged.get_or_insert_with(|| utility(scenario, judged_on, actor));
    utility(scenario, taken, actor) > before
}

/// The deals `actor` could break in `state`: those where it holds a live promise to give up a
/// kind of action, each once, into `bound`.
fn breakable(state: &GameState, actor: usize, bound: &mut Vec<usize>) {
    bound.clear();
    for commitment in &state.commitments {
        if commitment.actor == actor
            && commitment.kind.is_some()
            && commitment.until_turn >= state.turn
            && !bound.contains(&commitment.proposal)
        {
            bound.push(commitment.proposal);
        }
    }
}

/// The `bound` deals kept to their end: each live promise of theirs in `state` takes its monthly
/// steps for this month and every month it has left, applied to `after`.
fn keep_deals(scenario: &Scenario, state: &GameState, after: &mut GameState, bound: &[usize]) {
    for commitment in &state.commitments {
        if !bound.contains(&commitment.proposal) || commitment.until_turn < state.turn {
            continue;
        }
        let promise = &scenario.proposals[commitment.proposal].commitments[commitment.promise];
        if promise.steps.is_empty() {
            continue;
        }
        let months = f64::from(commitment.until_turn - state.turn + 1);
        rules::apply_effects(
            after,
            &promise.steps,
            Some(commitment.actor),
            &mut Spread::Scaled(months),
        );
    }
}

/// Projects no deal: each committed actor takes the frozen actions it wants, scaled by how many
/// turns of the freeze each counts for.
fn without_deal(scenario: &Scenario, after: &mut GameState, wanted: &[Wanted]) {
    for wanted in wanted {
        rules::apply_order(
            scenario,
            after,
            wanted.actor,
            wanted.action,
            &mut Spread::Scaled(wanted.turns),
        );
    }
}

/// Chooses up to `orders_per_turn` orders for `actor`, after the `forced` ones. Returns the actions
/// and one decision per choice made (the last one may be to hold).
pub fn choose_orders(
    scenario: &Scenario,
    state: &GameState,
    actor: usize,
    memory: &[f64],
    forced: &[usize],
    draws: &mut Draws,
) -> (Vec<usize>, Vec<Decision>) {
    let mut reasons = Vec::new();
    let mut orders = Vec::new();
    Lookahead::default().orders(
        scenario,
        state,
        actor,
        memory,
        forced,
        draws,
        Some(&mut reasons),
        &mut orders,
    );
    (orders, reasons)
}

/// The one explained decision a single-decision call produced.
fn only(mut reasons: Vec<Decision>) -> Decision {
    match reasons.pop() {
        Some(decision) => decision,
        None => unreachable!("every decision with reasons asked for pushes one"),
    }
}

/// A party's answer to a tabled proposal, with its reasons.
pub fn answer_proposal(
    scenario: &Scenario,
    state: &GameState,
    proposal: usize,
    authors: &[usize],
    party: usize,
    draws: &mut Draws,
) -> (bool, Decision) {
    let mut reasons = Vec::with_capacity(1);
    let (accept, _) = Lookahead::default().answer(
        scenario,
        state,
        proposal,
        authors,
        party,
        draws,
        Some(&mut reasons),
    );
    (accept, only(reasons))
}

/// A proposer's challenge, with its reasons: whether to table, the decision, and the expected
/// gain over not tabling.
pub fn consider_tabling(
    scenario: &Scenario,
    state: &GameState,
    proposal: usize,
    proposer: usize,
    draws: &mut Draws,
) -> (bool, Decision, f64) {
    let mut reasons = Vec::with_capacity(1);
    let (table, gain) = Lookahead::default().tabling(
        scenario,
        state,
        proposal,
        proposer,
        draws,
        Some(&mut reasons),
    );
    (table, only(reasons), gain)
}

pub use crate::sim::rules::{Vote, tally};

/// The chance that the decider, at its temperature in `scenario`, picks the option `label`
/// among the options `decision` weighed: the same softmax its choice is drawn from. Zero for an
/// option it did not weigh.
pub fn chance_of(scenario: &Scenario, decision: &Decision, label: &str) -> f64 {
    let Some(actor) = scenario.actor_index(&decision.actor) else {
        return 0.0;
    };
    let tau = scenario.softmax_temperature(actor);
    let best = decision
        .options
        .iter()
        .map(|(_, value)| *value)
        .fold(f64::NEG_INFINITY, f64::max);
    let weight = |value: f64| options::softmax_weight(value, best, tau);
    let total: f64 = decision.options.iter().map(|(_, v)| weight(*v)).sum();
    let chosen: f64 = decision
        .options
        .iter()
        .filter(|(option, _)| option == label)
        .map(|(_, v)| weight(*v))
        .sum();
    if total > 0.0 { chosen / total } else { 0.0 }
}

/// How `voter` votes on `text` of `draft`, with its reasons.
pub fn vote(
    scenario: &Scenario,
    state: &GameState,
    draft: usize,
    text: usize,
    drafter: usize,
    voter: usize,
    draws: &mut Draws,
) -> (Vote, Decision) {
    let mut reasons = Vec::with_capacity(1);
    let vote = Lookahead::default().vote(
        scenario,
        state,
        draft,
        text,
        drafter,
        voter,
        draws,
        Some(&mut reasons),
    );
    (vote, only(reasons))
}

/// The drafter's choice of text: the strongest that passes with no veto and that it still gains
/// from; None when no text would.
pub fn choose_text(
    scenario: &Scenario,
    state: &GameState,
    draft: usize,
    drafter: usize,
) -> Option<usize> {
    Lookahead::default().text(scenario, state, draft, drafter)
}

/// Updates what `actor` remembers of each other actor after a turn: a drop in its trust in them is
/// a defection, remembered unless forgiven (a seeded draw against its forgiveness); a rise is
/// cooperation; otherwise the memory fades by half.
pub fn remember(
    scenario: &Scenario,
    before: &GameState,
    after: &GameState,
    actor: usize,
    memory: &mut [f64],
    draws: &mut Draws,
) {
    for (other, remembered) in memory.iter_mut().enumerate() {
        if other == actor {
            continue;
        }
        let change = after.read(Ref::Trust(actor, other), None)
            - before.read(Ref::Trust(actor, other), None);
        if change < -1.0 {
            let forgiven = draws.unit() < scenario.actors[actor].forgiveness;
            *remembered = if forgiven { 0.0 } else { -1.0 };
        } else if change > 1.0 {
            *remembered = 1.0;
        } else {
            *remembered *= 0.5;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{portable_exp, portable_exp_each};

    #[test]
    fn portable_exp_matches_the_platform_closely() {
        // The whole range a softmax meets (gaps of down to -700 temperatures) and past zero.
        for step in -14_000..=400 {
            let x = f64::from(step) * 0.05;
            let ours = portable_exp(x);
            let theirs = x.exp();
            assert!(
                ((ours - theirs) / theirs).abs() < 2e-15,
                "x={x}: {ours} vs {theirs}"
            );
        }
        assert_eq!(portable_exp(0.0), 1.0);
        assert!(portable_exp(-1000.0) >= 0.0 && portable_exp(-1000.0) < 1e-300);
        assert!(portable_exp(f64::NAN).is_nan());
    }

    #[test]
    fn exp_of_many_values_is_bit_for_bit_exp_of_each() {
        let mut values: Vec<f64> = (-300..=300)
            .map(|step| f64::from(step) * 0.137 - 1.0 / 3.0)
            .chain([0.0, -0.0, 700.5, -1000.0, f64::NAN, 1e-300])
            .collect();
        let one_by_one: Vec<f64> = values.iter().map(|x| portable_exp(*x)).collect();
        let same = |many: &[f64], one: &[f64]| {
            many.len() == one.len()
                && many
                    .iter()
                    .zip(one)
                    .all(|(a, b)| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()))
        };
        // Every length up to two full sets of lanes, so each way of finishing is used.
        for length in 0..=17 {
            let mut few = values[290..290 + length].to_vec();
            portable_exp_each(&mut few);
            assert!(
                same(&few, &one_by_one[290..290 + length]),
                "{length} values"
            );
        }
        portable_exp_each(&mut values);
        assert!(same(&values, &one_by_one));
    }
}
