//! The AI actors: they score every option by looking ahead through the same rules functions the
//! resolution uses, on a copy of the state, and keep the reasons for what they chose.
//!
//! Plain functions on `Scenario` and `GameState`; the ECS systems in `sim::turn` call them.

mod explain;

pub use explain::{Contribution, Decision, Flip};

use sha2::Digest;

use crate::scenario::{Ref, Scenario};
use crate::sim::random::Draws;
use crate::sim::rules::{self, Spread};
use crate::sim::state::{GameState, interest_satisfaction, utility};

/// Utility the agents give one point of political capital (the price of an action's cost).
pub const CAPITAL_VALUE: f64 = 0.001;
/// Utility lost per rung of severity when the escalation indicator sits at the top of its range,
/// before the actor's own risk aversion.
pub const RISK_SCALE: f64 = 0.004;
/// Utility of moving a remembered friend's or foe's trust by 100 points (generous tit-for-tat).
pub const RECIPROCITY_SCALE: f64 = 0.01;
/// The chance each turn that an actor uses a frozen action it wants, counted when it weighs a freeze.
pub const FREEZE_LIKELIHOOD: f64 = 0.5;
/// A member vetoes a text that costs it more than this...
pub const VETO_THRESHOLD: f64 = 0.004;
/// ...abstains on a loss above this, and votes yes otherwise.
pub const ABSTAIN_MARGIN: f64 = 0.0005;
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

/// One option the agent weighs: a label, the predicted state, and terms beyond its interests.
struct Candidate {
    label: String,
    /// The states it may lead to, with their probabilities (summing to 1).
    outcomes: Vec<(f64, GameState)>,
    extras: Vec<(String, f64)>,
}

impl Candidate {
    fn sure(label: &str, state: GameState, extras: Vec<(String, f64)>) -> Self {
        Candidate {
            label: label.to_owned(),
            outcomes: vec![(1.0, state)],
            extras,
        }
    }
}

/// Per-interest weighted satisfaction deltas of `after` against `before`, divided by total weight.
fn raw_deltas(
    scenario: &Scenario,
    actor: usize,
    before: &GameState,
    after: &GameState,
) -> Vec<f64> {
    scenario.actors[actor]
        .interests
        .iter()
        .map(|interest| {
            interest_satisfaction(scenario, after, actor, interest)
                - interest_satisfaction(scenario, before, actor, interest)
        })
        .collect()
}

/// How one candidate scores: the expected change in each interest's satisfaction (raw, and
/// weighted by the actor's weights over their total), the other terms, and the value.
pub(crate) struct Scored {
    pub raw: Vec<f64>,
    pub weighted: Vec<f64>,
    pub extras: f64,
    pub value: f64,
}

fn score(scenario: &Scenario, actor: usize, before: &GameState, candidate: &Candidate) -> Scored {
    let interests = &scenario.actors[actor].interests;
    let total: f64 = interests.iter().map(|i| i.weight).sum::<f64>().max(1e-12);
    let mut raw = vec![0.0; interests.len()];
    for (probability, state) in &candidate.outcomes {
        for (sum, delta) in raw
            .iter_mut()
            .zip(raw_deltas(scenario, actor, before, state))
        {
            *sum += probability * delta;
        }
    }
    let weighted: Vec<f64> = interests
        .iter()
        .zip(&raw)
        .map(|(interest, r)| interest.weight * r / total)
        .collect();
    let extras = candidate.extras.iter().map(|(_, v)| v).sum::<f64>();
    let value = weighted.iter().sum::<f64>() + extras;
    Scored {
        raw,
        weighted,
        extras,
        value,
    }
}

/// Scores the candidates against `before`, picks one (softmax at the actor's temperature, with a
/// seeded draw for ties and exploration) and explains the pick.
fn decide(
    scenario: &Scenario,
    actor: usize,
    before: &GameState,
    candidates: Vec<Candidate>,
    draws: &mut Draws,
    context: &str,
    subject: &str,
) -> (usize, Decision, Vec<Candidate>) {
    let scored: Vec<Scored> = candidates
        .iter()
        .map(|candidate| score(scenario, actor, before, candidate))
        .collect();
    let best = scored
        .iter()
        .map(|s| s.value)
        .fold(f64::NEG_INFINITY, f64::max);
    let tau = scenario.actors[actor].temperature * 0.1;
    let weights: Vec<f64> = scored
        .iter()
        .map(|s| {
            if tau <= 0.0 {
                if (best - s.value).abs() <= TIE {
                    1.0
                } else {
                    0.0
                }
            } else {
                portable_exp((s.value - best) / tau)
            }
        })
        .collect();
    let sum: f64 = weights.iter().sum();
    let mut pick = draws.unit() * sum;
    let mut chosen = weights.len() - 1;
    for (index, weight) in weights.iter().enumerate() {
        if pick < *weight {
            chosen = index;
            break;
        }
        pick -= weight;
    }
    let decision = explain::explain(
        scenario,
        actor,
        context,
        subject,
        &candidates,
        &scored,
        chosen,
    );
    (chosen, decision, candidates)
}

/// e^x from additions, multiplications and divisions only, which IEEE 754 rounds the same way on
/// every machine; the platform's `exp` may differ in the last bit, and a choice must not.
/// Accurate to about 1e-15 relative, which is all a softmax needs.
pub fn portable_exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let x = x.clamp(-700.0, 700.0);
    // x = k ln 2 + r with |r| <= ln 2 / 2; e^x = 2^k e^r.
    const LN_2: f64 = std::f64::consts::LN_2;
    let k = (x / LN_2 + if x >= 0.0 { 0.5 } else { -0.5 }) as i64;
    let r = x - k as f64 * LN_2;
    // Taylor series of e^r to the 20th term, by Horner's rule.
    let mut sum = 1.0;
    for n in (1..=20).rev() {
        sum = 1.0 + sum * r / f64::from(n);
    }
    let scale = f64::from_bits(((k + 1023) as u64) << 52);
    sum * scale
}

/// The value to `actor` of the escalation an action brings, near war.
fn escalation_risk(scenario: &Scenario, state: &GameState, actor: usize, severity: f64) -> f64 {
    let tension = rules::escalation(scenario, state);
    let top = scenario.slot_max[scenario.escalation_slot];
    let closeness =
        ((tension - scenario.danger_from) / (top - scenario.danger_from).max(1e-9)).clamp(0.0, 1.0);
    -scenario.actors[actor].risk_aversion * severity * closeness * RISK_SCALE
}

/// Generous tit-for-tat: the value of how an option moves others' trust in `actor`, given what
/// `actor` remembers of each (+1 cooperated, -1 harmed it).
fn reciprocity(before: &GameState, after: &GameState, actor: usize, memory: &[f64]) -> f64 {
    memory
        .iter()
        .enumerate()
        .filter(|(other, _)| *other != actor)
        .map(|(other, remembered)| {
            remembered * (after.trust[other][actor] - before.trust[other][actor]) / 100.0
                * RECIPROCITY_SCALE
        })
        .sum()
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
    let mut decisions = Vec::new();
    let mut current = state.clone();
    // Scripted orders come first; the look-ahead counts only those resolution will carry out.
    let checks = rules::check_orders(scenario, state, actor, forced, forced.len());
    let mut orders: Vec<usize> = forced
        .iter()
        .zip(&checks)
        .filter(|(_, check)| check.is_ok())
        .map(|(action, _)| *action)
        .collect();
    let scripted = orders.len();
    for action in &orders {
        rules::apply_order(
            scenario,
            &mut current,
            actor,
            *action,
            &mut Spread::Expected,
        );
    }
    while orders.len() < scenario.calendar.orders_per_turn as usize {
        let mut candidates = vec![Candidate::sure("hold", current.clone(), Vec::new())];
        let mut actions = vec![None];
        for (action, definition) in scenario.actions.iter().enumerate() {
            let mut trial = orders.clone();
            trial.push(action);
            let allowed = rules::check_orders(scenario, state, actor, &trial, scripted);
            if allowed.last().is_none_or(|check| check.is_err()) {
                continue;
            }
            let mut next = current.clone();
            let outcome =
                rules::apply_order(scenario, &mut next, actor, action, &mut Spread::Expected);
            let mut extras = vec![(
                "political capital".to_owned(),
                -definition.cost * CAPITAL_VALUE,
            )];
            let risk = escalation_risk(scenario, &next, actor, definition.severity);
            if risk != 0.0 {
                extras.push(("risk of war".to_owned(), risk));
            }
            let reciprocal = reciprocity(&current, &next, actor, memory);
            if reciprocal != 0.0 {
                extras.push(("reciprocity".to_owned(), reciprocal));
            }
            if let Some(proposal) = outcome.broke {
                extras.push((
                    format!("breaking {}", scenario.proposals[proposal].name),
                    0.0,
                ));
            }
            candidates.push(Candidate::sure(&definition.id, next, extras));
            actions.push(Some(action));
        }
        let (chosen, decision, mut candidates) =
            decide(scenario, actor, &current, candidates, draws, "orders", "");
        decisions.push(decision);
        match actions[chosen] {
            Some(action) => {
                orders.push(action);
                current = candidates.swap_remove(chosen).outcomes.swap_remove(0).1;
            }
            None => break,
        }
    }
    (orders, decisions)
}

/// The state if `party` answers a tabled proposal (the others accepting), with the freezes'
/// consequences projected over the commitments' length.
fn after_answer(
    scenario: &Scenario,
    state: &GameState,
    proposal: usize,
    authors: &[usize],
    party: usize,
    accept: bool,
) -> GameState {
    let mut next = state.clone();
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
    }
    project_freezes(scenario, state, next, proposal, accept)
}

/// Projects what the commitments of a deal change over their length. With no deal, each committed
/// actor takes the frozen actions it wants, with `FREEZE_LIKELIHOOD` each turn. Under the deal, an
/// actor that would still gain from such an action after paying for the breach takes it (breaking
/// the deal) and goes on as without a deal; the others keep their word.
fn project_freezes(
    scenario: &Scenario,
    before: &GameState,
    mut after: GameState,
    proposal: usize,
    deal: bool,
) -> GameState {
    for (committed, kind, turns) in &scenario.proposals[proposal].commitments {
        let over_the_freeze = FREEZE_LIKELIHOOD * f64::from(*turns) / 2.0;
        for (action, definition) in scenario.actions.iter().enumerate() {
            if definition.kind != Some(*kind) {
                continue;
            }
            let judged_on = if deal { &after } else { before };
            if rules::check_order(scenario, judged_on, *committed, action).is_err() {
                continue;
            }
            let mut taken = judged_on.clone();
            rules::apply_order(
                scenario,
                &mut taken,
                *committed,
                action,
                &mut Spread::Expected,
            );
            if utility(scenario, &taken, *committed) <= utility(scenario, judged_on, *committed) {
                continue; // it would not take it (or would keep its word)
            }
            if deal {
                let rest = (over_the_freeze - 1.0).max(0.0);
                after = taken;
                rules::apply_order(
                    scenario,
                    &mut after,
                    *committed,
                    action,
                    &mut Spread::Scaled(rest),
                );
            } else {
                rules::apply_order(
                    scenario,
                    &mut after,
                    *committed,
                    action,
                    &mut Spread::Scaled(over_the_freeze),
                );
            }
        }
    }
    after
}

/// A party's answer to a tabled proposal: accept when the deal beats rejecting it.
pub fn answer_proposal(
    scenario: &Scenario,
    state: &GameState,
    proposal: usize,
    authors: &[usize],
    party: usize,
    draws: &mut Draws,
) -> (bool, Decision) {
    let accept = Candidate::sure(
        "accept",
        after_answer(scenario, state, proposal, authors, party, true),
        Vec::new(),
    );
    let reject = Candidate::sure(
        "reject",
        after_answer(scenario, state, proposal, authors, party, false),
        Vec::new(),
    );
    let (chosen, decision, _) = decide(
        scenario,
        party,
        state,
        vec![accept, reject],
        draws,
        "answer",
        &scenario.proposals[proposal].id,
    );
    (chosen == 0, decision)
}

/// The chance that `party` accepts, from the margin of its own answer at its temperature (the
/// same softmax its decision uses).
fn acceptance_chance(scenario: &Scenario, party: usize, decision: &Decision) -> f64 {
    let margin =
        decision.value_of("accept").unwrap_or(0.0) - decision.value_of("reject").unwrap_or(0.0);
    let tau = scenario.actors[party].temperature * 0.1;
    if tau > 0.0 {
        1.0 / (1.0 + portable_exp(-margin / tau))
    } else if margin >= 0.0 {
        1.0
    } else {
        0.0
    }
}

/// A proposer's challenge (after Bueno de Mesquita's expected-utility model): tabling leads to a
/// deal with the chance that every party accepts, and otherwise to a refusal, each party giving
/// its likelier answer. Returns whether to table, the decision, and the expected gain over not
/// tabling.
pub fn consider_tabling(
    scenario: &Scenario,
    state: &GameState,
    proposal: usize,
    proposer: usize,
    draws: &mut Draws,
) -> (bool, Decision, f64) {
    let definition = &scenario.proposals[proposal];
    let authors = vec![proposer];
    let mut tabled = state.clone();
    rules::table_proposal(
        scenario,
        &mut tabled,
        proposal,
        &authors,
        &mut Spread::Expected,
    );
    let mut chances = Vec::new();
    for party in definition.answering(&authors) {
        let mut quiet = Draws::new(0, state.turn, Some(party), "look-ahead");
        let (_, decision) =
            answer_proposal(scenario, &tabled, proposal, &authors, party, &mut quiet);
        chances.push((party, acceptance_chance(scenario, party, &decision)));
    }
    let deal_chance: f64 = chances.iter().map(|(_, chance)| chance).product();
    let mut deal = tabled.clone();
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
    let deal = project_freezes(scenario, state, deal, proposal, true);
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
    let refused = project_freezes(scenario, state, refused, proposal, false);
    let table = Candidate {
        label: "table".into(),
        outcomes: vec![(deal_chance, deal), (1.0 - deal_chance, refused)],
        extras: vec![(
            "political capital".to_owned(),
            -definition.cost * CAPITAL_VALUE,
        )],
    };
    let hold = Candidate::sure(
        "hold",
        project_freezes(scenario, state, state.clone(), proposal, false),
        Vec::new(),
    );
    let (chosen, decision, _) = decide(
        scenario,
        proposer,
        state,
        vec![table, hold],
        draws,
        "proposal",
        &definition.id,
    );
    let gain = decision.value_of("table").unwrap_or(0.0) - decision.value_of("hold").unwrap_or(0.0);
    (chosen == 0, decision, gain)
}

pub use crate::sim::rules::{Vote, tally};

/// How `voter` votes on `text` of `draft`: yes when adoption is worth it, veto on a real loss.
pub fn vote(
    scenario: &Scenario,
    state: &GameState,
    draft: usize,
    text: usize,
    drafter: usize,
    voter: usize,
    draws: &mut Draws,
) -> (Vote, Decision) {
    let mut adopted = state.clone();
    rules::adopt_resolution(
        scenario,
        &mut adopted,
        draft,
        text,
        drafter,
        &[voter],
        &mut Spread::Expected,
    );
    let yes = Candidate::sure("yes", adopted, Vec::new());
    let no = Candidate::sure(
        "no",
        state.clone(),
        vec![("the reluctance to oppose a text".into(), -ABSTAIN_MARGIN)],
    );
    let (chosen, decision, _) = decide(
        scenario,
        voter,
        state,
        vec![yes, no],
        draws,
        "vote",
        &scenario.drafts[draft].id,
    );
    let vote = if chosen == 0 {
        Vote::Yes
    } else if scenario.actors[voter].permanent_member {
        // A member that prefers "no" by more than the margin vetoes; a smaller loss abstains.
        let yes_value = decision.value_of("yes").unwrap_or(0.0);
        if yes_value < -VETO_THRESHOLD {
            Vote::Veto
        } else {
            Vote::Abstain
        }
    } else {
        Vote::Abstain
    };
    (vote, decision)
}

/// The drafter's choice of text: the strongest that passes with no veto and that it still gains
/// from; None when no text would.
pub fn choose_text(
    scenario: &Scenario,
    state: &GameState,
    draft: usize,
    drafter: usize,
) -> Option<usize> {
    let council = scenario.council.as_ref()?;
    for text in 0..scenario.drafts[draft].texts.len() {
        let mut quiet = Draws::new(0, state.turn, Some(drafter), "look-ahead");
        let votes: Vec<Vote> = (0..scenario.actors.len())
            .filter(|member| scenario.actors[*member].permanent_member)
            .map(|member| vote(scenario, state, draft, text, drafter, member, &mut quiet).0)
            .collect();
        if !rules::passes(council, &votes) {
            continue;
        }
        let mut adopted = state.clone();
        rules::adopt_resolution(
            scenario,
            &mut adopted,
            draft,
            text,
            drafter,
            &[],
            &mut Spread::Expected,
        );
        if utility(scenario, &adopted, drafter) > utility(scenario, state, drafter) {
            return Some(text);
        }
    }
    None
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
    use super::portable_exp;

    #[test]
    fn portable_exp_matches_the_platform_closely() {
        for step in -400..=400 {
            let x = f64::from(step) * 0.05;
            let ours = portable_exp(x);
            let theirs = x.exp();
            assert!(
                ((ours - theirs) / theirs).abs() < 1e-13,
                "x={x}: {ours} vs {theirs}"
            );
        }
        assert_eq!(portable_exp(0.0), 1.0);
        assert!(portable_exp(-1000.0) >= 0.0 && portable_exp(-1000.0) < 1e-300);
    }
}
