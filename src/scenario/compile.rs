//! Validation: checks every cross-reference and range of a `ScenarioFile` and builds the indexed
//! `Scenario`, in which actors, indicators and actions are numbers the simulation can use directly.

use sha2::{Digest, Sha256};

use super::error::{Problem, ScenarioError, format_number, locate, unknown};
use super::types::*;

/// A validated scenario, with every name resolved to an index.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub description: String,
    pub calendar: Calendar,
    /// Slot of the escalation indicator, where its danger starts, and its top (war).
    pub escalation_slot: usize,
    pub danger_from: f64,
    pub council: Option<Council>,
    pub indicators: Vec<Indicator>,
    /// Number of value slots: one per global indicator, one per actor per per-actor indicator.
    pub slots: usize,
    pub slot_min: Vec<f64>,
    pub slot_max: Vec<f64>,
    pub actors: Vec<Actor>,
    pub start_values: Vec<f64>,
    /// Trust at the start, `[from][to]`.
    pub start_trust: Vec<Vec<f64>>,
    pub kinds: Vec<String>,
    pub actions: Vec<Action>,
    /// Actions taken just before the first turn (see `ScenarioFile::recent_actions`).
    pub recent_actions: Vec<usize>,
    pub proposals: Vec<Proposal>,
    pub drafts: Vec<Draft>,
    pub events: Vec<Event>,
    /// Events the teacher injects (`Game::inject_flashpoint`); they never fire on their own.
    pub flashpoints: Vec<Event>,
    pub dynamics: Vec<(ResolvedEffect, Option<Ref>, Vec<Cond>, String)>,
    pub endings: Vec<Ending>,
    pub time_limit_ending: usize,
    /// SHA-256 of the scenario's canonical form (variants included), in hex.
    pub hash: String,
    /// The file as written (after variants), for names and texts.
    pub file: ScenarioFile,
    /// What validation found questionable but not wrong (see `citation_warnings`).
    pub warnings: Vec<Problem>,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub meaning: String,
    pub scope: Scope,
    pub min: f64,
    pub max: f64,
    /// First slot; a per-actor indicator has one slot per actor from here.
    pub base_slot: usize,
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub code: String,
    pub name: String,
    pub permanent_member: bool,
    pub posture: String,
    pub capital: f64,
    pub capital_per_turn: f64,
    pub temperature: f64,
    pub risk_aversion: f64,
    pub forgiveness: f64,
    pub interests: Vec<Interest>,
    /// Each interest, in the same order, as its satisfaction reads for this actor (given by
    /// `compile` once the slots' ranges are known).
    pub gauges: Vec<super::Gauge>,
    /// The actions it may take, in scenario order (given by `compile`).
    pub actions: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Interest {
    pub target: Ref,
    pub written: Target,
    pub prefers: Preference,
    pub weight: f64,
    pub source: Source,
    /// Words for explanations: "a lower tension", "its own initiative".
    pub label: String,
}

/// A resolved target. "Concerned" actor is supplied where it is read (the interest's owner, the
/// action's taker).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    Slot(usize),
    /// Per-actor indicator of the concerned actor: `base_slot + actor`.
    Own(usize),
    Relation(usize),
    Trust(usize, usize),
    TrustFrom(usize),
    TrustFromAll,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedEffect {
    pub target: Ref,
    pub change: f64,
    pub spread: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    Above(Ref, f64),
    Below(Ref, f64),
    TurnAtLeast(u32),
    TurnAtMost(u32),
    DealInForce(usize),
    DealStruck(usize),
    TakenWithin(usize, u32),
    NotFrozen(usize),
}

#[derive(Debug, Clone)]
pub struct Action {
    pub id: String,
    pub name: String,
    /// `allowed[actor]`: may this actor take it.
    pub allowed: Vec<bool>,
    pub kind: Option<usize>,
    pub cost: f64,
    pub severity: f64,
    pub preconditions: Vec<Cond>,
    pub effects: Vec<ResolvedEffect>,
    pub news: String,
    pub source: Option<Source>,
}

#[derive(Debug, Clone)]
pub struct Proposal {
    pub id: String,
    pub name: String,
    pub proposers: Vec<usize>,
    pub parties: Vec<usize>,
    /// (actor, kind, turns).
    pub commitments: Vec<(usize, usize, u32)>,
    pub cost: f64,
    pub preconditions: Vec<Cond>,
    pub on_table: Vec<ResolvedEffect>,
    pub on_accept: Vec<ResolvedEffect>,
    pub on_reject: Vec<ResolvedEffect>,
    pub on_deal: Vec<ResolvedEffect>,
    pub on_break: Vec<ResolvedEffect>,
    pub retable_after: u32,
    pub news: String,
    pub source: Option<Source>,
}

#[derive(Debug, Clone)]
pub struct Draft {
    pub id: String,
    pub name: String,
    pub drafters: Vec<usize>,
    pub preconditions: Vec<Cond>,
    /// (name, effects), strongest first.
    pub texts: Vec<(String, Vec<ResolvedEffect>)>,
    pub retable_after: u32,
    pub source: Option<Source>,
}

#[derive(Debug, Clone)]
pub struct Council {
    pub elected_members: u32,
    pub votes_needed: u32,
    pub on_unanimous: Vec<ResolvedEffect>,
}

#[derive(Debug, Clone)]
pub enum EventOutcome {
    Effects(Vec<ResolvedEffect>),
    Table {
        proposal: usize,
        by: Vec<usize>,
    },
    Draft {
        draft: usize,
        by: usize,
    },
    Order {
        actor: usize,
        action: usize,
    },
    Answer {
        proposal: usize,
        actor: usize,
        accept: bool,
    },
}

#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub name: String,
    pub at_turn: Option<u32>,
    pub conditions: Vec<Cond>,
    pub chance: f64,
    pub historical: bool,
    pub once: bool,
    pub outcomes: Vec<EventOutcome>,
    pub news: String,
    pub source: Option<Source>,
}

#[derive(Debug, Clone)]
pub struct Ending {
    pub id: String,
    pub name: String,
    pub description: String,
    pub when: Vec<Cond>,
}

impl Ref {
    /// Whether the target is read for an actor concerned (its own indicator, trust towards it).
    pub fn concerns_an_actor(self) -> bool {
        matches!(
            self,
            Ref::Own(_) | Ref::Relation(_) | Ref::TrustFrom(_) | Ref::TrustFromAll
        )
    }
}

impl Proposal {
    /// The parties that answer a tabling by `authors`: those who did not write it.
    pub fn answering<'a>(&'a self, authors: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
        self.parties
            .iter()
            .copied()
            .filter(move |party| !authors.contains(party))
    }
}

impl Scenario {
    pub fn actor_index(&self, code: &str) -> Option<usize> {
        self.actors.iter().position(|actor| actor.code == code)
    }
    pub fn action_index(&self, id: &str) -> Option<usize> {
        self.actions.iter().position(|action| action.id == id)
    }
    pub fn proposal_index(&self, id: &str) -> Option<usize> {
        self.proposals.iter().position(|proposal| proposal.id == id)
    }
    pub fn flashpoint_index(&self, id: &str) -> Option<usize> {
        self.flashpoints
            .iter()
            .position(|flashpoint| flashpoint.id == id)
    }
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|indicator| indicator.id == id)
    }
    /// A short label for a slot: `tension`, `standing[USA]`.
    pub fn slot_label(&self, slot: usize) -> String {
        for indicator in &self.indicators {
            match indicator.scope {
                Scope::Global if indicator.base_slot == slot => return indicator.id.clone(),
                Scope::PerActor
                    if (indicator.base_slot..indicator.base_slot + self.actors.len())
                        .contains(&slot) =>
                {
                    return format!(
                        "{}[{}]",
                        indicator.id,
                        self.actors[slot - indicator.base_slot].code
                    );
                }
                _ => {}
            }
        }
        format!("slot{slot}")
    }
}

/// Where an item sits in the file, for error positions: quoted strings searched in order.
struct Place {
    at: String,
    anchors: Vec<String>,
}

impl Place {
    fn new(at: impl Into<String>, anchors: &[&str]) -> Self {
        Place {
            at: at.into(),
            anchors: anchors
                .iter()
                .map(|anchor| format!("\"{anchor}\""))
                .collect(),
        }
    }
    fn child(&self, at: &str) -> Place {
        Place {
            at: format!("{}.{at}", self.at),
            anchors: self.anchors.clone(),
        }
    }
    fn with_anchor(&self, anchor: &str) -> Place {
        let mut anchors = self.anchors.clone();
        anchors.push(format!("\"{anchor}\""));
        Place {
            at: self.at.clone(),
            anchors,
        }
    }
}

struct Checker<'a> {
    file: &'a ScenarioFile,
    source: &'a str,
    problems: Vec<Problem>,
    actor_codes: Vec<String>,
    kinds: Vec<String>,
}

impl Checker<'_> {
    fn problem(&mut self, place: &Place, message: String) {
        self.problems.push(Problem {
            position: locate(self.source, &place.anchors),
            at: place.at.clone(),
            message,
        });
    }

    fn known(list: &[String]) -> String {
        if list.is_empty() {
            "(none defined)".to_owned()
        } else {
            list.join(", ")
        }
    }

    fn actor(&mut self, code: &str, place: &Place) -> Option<usize> {
        let found = self.actor_codes.iter().position(|known| known == code);
        if found.is_none() {
            let message = unknown("actor", code, &self.actor_codes);
            self.problem(&place.with_anchor(code), message);
        }
        found
    }

    fn named<T>(
        &mut self,
        list: &[T],
        name: impl Fn(&T) -> &str,
        id: &str,
        what: &str,
        place: &Place,
    ) -> Option<usize> {
        let found = list.iter().position(|item| name(item) == id);
        if found.is_none() {
            let message = unknown(what, id, list.iter().map(&name));
            self.problem(&place.with_anchor(id), message);
        }
        found
    }

    fn kind(&mut self, kind: &str, place: &Place) -> Option<usize> {
        let found = self.kinds.iter().position(|known| known == kind);
        if found.is_none() {
            let message = format!(
                "unknown action kind \"{kind}\"; kinds given to actions: {}",
                Self::known(&self.kinds)
            );
            self.problem(&place.with_anchor(kind), message);
        }
        found
    }
}

/// Which targets a context allows: "Own" and trust towards the actor concerned need one.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    WithActor,
    World,
}

/// Checks a scenario file and builds the indexed scenario, or lists every problem found.
pub fn compile(file: ScenarioFile, source: &str, origin: &str) -> Result<Scenario, ScenarioError> {
    let actor_codes: Vec<String> = file.actors.iter().map(|actor| actor.code.clone()).collect();
    let mut kinds: Vec<String> = Vec::new();
    for action in &file.actions {
        if let Some(kind) = &action.kind
            && !kinds.contains(kind)
        {
            kinds.push(kind.clone());
        }
    }
    let mut checker = Checker {
        file: &file,
        source,
        problems: Vec::new(),
        actor_codes,
        kinds: kinds.clone(),
    };
    let scenario = build(&mut checker, origin);
    let problems = std::mem::take(&mut checker.problems);
    match scenario {
        Some(mut scenario) if problems.is_empty() => {
            super::gauge::attach(&mut scenario);
            for (index, actor) in scenario.actors.iter_mut().enumerate() {
                actor.actions = (0..scenario.actions.len())
                    .filter(|action| scenario.actions[*action].allowed[index])
                    .collect();
            }
            Ok(scenario)
        }
        _ => Err(ScenarioError::Invalid {
            origin: origin.to_owned(),
            problems,
        }),
    }
}

/// Ids the engine uses for itself: an action called "hold" would be taken for giving no order.
const RESERVED_ACTION_IDS: [&str; 1] = ["hold"];

/// Checks every id and actor code: present, made of letters, digits, `_` and `-`, not reserved,
/// and distinct. Returns false when any is wrong.
fn check_names(checker: &mut Checker) -> bool {
    let file = checker.file;
    let before = checker.problems.len();
    let lists: [(&str, &str, Vec<&str>); 8] = [
        (
            "actor",
            "actors",
            file.actors.iter().map(|a| a.code.as_str()).collect(),
        ),
        (
            "indicator",
            "indicators",
            file.indicators.iter().map(|i| i.id.as_str()).collect(),
        ),
        (
            "action",
            "actions",
            file.actions.iter().map(|a| a.id.as_str()).collect(),
        ),
        (
            "proposal",
            "proposals",
            file.proposals.iter().map(|p| p.id.as_str()).collect(),
        ),
        (
            "draft",
            "drafts",
            file.drafts.iter().map(|d| d.id.as_str()).collect(),
        ),
        (
            "event",
            "events",
            file.events.iter().map(|e| e.id.as_str()).collect(),
        ),
        (
            "flashpoint",
            "flashpoints",
            file.flashpoints.iter().map(|f| f.id.as_str()).collect(),
        ),
        (
            "ending",
            "endings",
            file.endings.iter().map(|e| e.id.as_str()).collect(),
        ),
    ];
    for (what, list, ids) in lists {
        let field = if what == "actor" { "code" } else { "id" };
        for (number, id) in ids.iter().enumerate() {
            if let Err(message) = check_id(id) {
                let anchors = [list.to_owned(), format!("{field}: \"{id}\"")];
                checker.problems.push(Problem {
                    position: locate(checker.source, &anchors),
                    at: format!("{list}[{number}].{field}"),
                    message: format!("{what} {field} {message}"),
                });
            } else if what == "action" && RESERVED_ACTION_IDS.contains(id) {
                let place = Place::new(format!("{list}[{id}]"), &[id]);
                checker.problem(
                    &place,
                    format!(
                        "\"{id}\" is reserved: the engine uses it for giving no order; choose another id"
                    ),
                );
            }
        }
        duplicates(checker, ids, what, list);
    }
    checker.problems.len() == before
}

/// An id or code as the engine and the command line can use it.
pub(crate) fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("is empty; give it a short name like \"USA\" or \"missile_test\"".into());
    }
    if id.len() > 64 {
        return Err(format!(
            "\"{}...\" is longer than 64 characters",
            id.chars().take(20).collect::<String>()
        ));
    }
    match id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        Some(c) => Err(format!(
            "\"{}\" contains {c:?}; use only letters, digits, _ and -",
            id.escape_debug()
        )),
        None => Ok(()),
    }
}

fn duplicates(checker: &mut Checker, ids: Vec<&str>, what: &str, list: &str) {
    let mut seen: Vec<&str> = Vec::new();
    for id in ids {
        if seen.contains(&id) {
            let place = Place::new(format!("{list}[{id}]"), &[id, id]);
            checker.problem(
                &place,
                format!("{what} \"{id}\" is defined twice; give each a distinct id"),
            );
        }
        seen.push(id);
    }
}

/// Numbers must be finite, and counts of turns or members within reason (so that no sum of
/// turns can overflow and "never again" is written as a large but sane number).
fn check_numbers(checker: &mut Checker) {
    const MANY: u32 = 1000;
    let file = checker.file;
    let finite = |value: f64| value.is_finite();
    for def in &file.indicators {
        if !(finite(def.min) && finite(def.max) && finite(def.start)) {
            let place = Place::new(format!("indicators[{}]", def.id), &[&def.id]);
            checker.problem(&place, "min, max and start must be finite numbers".into());
        }
    }
    if !finite(file.escalation.danger_from) {
        checker.problem(
            &Place::new("escalation.danger_from", &[]),
            "must be a finite number".into(),
        );
    }
    for def in &file.actions {
        if !(0.0..=1000.0).contains(&def.cost) {
            let place = Place::new(format!("actions[{}].cost", def.id), &[&def.id]);
            checker.problem(
                &place,
                format!("cost {} is outside 0..1000", format_number(def.cost)),
            );
        }
    }
    for def in &file.proposals {
        let place = Place::new(format!("proposals[{}]", def.id), &[&def.id]);
        if !(0.0..=1000.0).contains(&def.cost) {
            checker.problem(
                &place.child("cost"),
                format!("cost {} is outside 0..1000", format_number(def.cost)),
            );
        }
        if def.retable_after > MANY {
            checker.problem(
                &place.child("retable_after"),
                format!("{} turns: at most {MANY}", def.retable_after),
            );
        }
        for commitment in &def.commitments {
            if commitment.turns > MANY {
                checker.problem(
                    &place.child("commitments"),
                    format!("{} turns: at most {MANY}", commitment.turns),
                );
            }
        }
    }
    for def in &file.drafts {
        if def.retable_after > MANY {
            let place = Place::new(format!("drafts[{}].retable_after", def.id), &[&def.id]);
            checker.problem(
                &place,
                format!("{} turns: at most {MANY}", def.retable_after),
            );
        }
    }
    if let Some(council) = &file.security_council {
        let permanent = file.actors.iter().filter(|a| a.permanent_member).count() as u32;
        if council.elected_members > MANY {
            let message = format!(
                "{} elected members: at most {MANY}",
                council.elected_members
            );
            checker.problem(
                &Place::new("security_council.elected_members", &[]),
                message,
            );
        }
        let seats = permanent.saturating_add(council.elected_members);
        if council.votes_needed == 0 || council.votes_needed > seats {
            let message = format!(
                "{} votes needed: expected 1 to {seats} (the seats on the council)",
                council.votes_needed
            );
            checker.problem(&Place::new("security_council.votes_needed", &[]), message);
        }
    }
}

fn build(checker: &mut Checker, _origin: &str) -> Option<Scenario> {
    let file = checker.file;
    check_numbers(checker);
    check_essay(checker);
    let actor_count = file.actors.len();
    if actor_count == 0 {
        checker.problem(
            &Place::new("actors", &[]),
            "a scenario needs at least one actor".into(),
        );
    }
    // Names first: with a missing, malformed or repeated name every cross-reference would
    // mislead ("known actors: AAA, AAA"), so nothing else is checked until they are right.
    if !check_names(checker) {
        return None;
    }

    if file.calendar.turns == 0 || file.calendar.turns > 600 {
        checker.problem(
            &Place::new("calendar.turns", &[]),
            format!("{} turns: expected 1 to 600", file.calendar.turns),
        );
    }
    if !(1..=10).contains(&file.calendar.orders_per_turn) {
        let message = format!(
            "{} orders a turn: expected 1 to 10",
            file.calendar.orders_per_turn
        );
        checker.problem(&Place::new("calendar.orders_per_turn", &[]), message);
    }
    if !(1..=12).contains(&file.calendar.start_month) {
        let message = format!(
            "month {}: expected 1 (January) to 12 (December)",
            file.calendar.start_month
        );
        checker.problem(&Place::new("calendar.start_month", &[]), message);
    }

    // Indicators and their slots.
    let mut indicators = Vec::new();
    let mut slots = 0;
    let mut slot_min = Vec::new();
    let mut slot_max = Vec::new();
    let mut start_values = Vec::new();
    for def in &file.indicators {
        let place = Place::new(format!("indicators[{}]", def.id), &[&def.id]);
        if def.min >= def.max || def.min.is_nan() || def.max.is_nan() {
            checker.problem(
                &place,
                format!(
                    "min {} must be below max {}",
                    format_number(def.min),
                    format_number(def.max)
                ),
            );
        }
        if !(def.min..=def.max).contains(&def.start) {
            checker.problem(
                &place,
                format!(
                    "start {} is outside {}..{}",
                    format_number(def.start),
                    format_number(def.min),
                    format_number(def.max)
                ),
            );
        }
        let width = if def.scope == Scope::Global {
            1
        } else {
            actor_count
        };
        indicators.push(Indicator {
            id: def.id.clone(),
            name: def.name.clone(),
            meaning: def.meaning.clone(),
            scope: def.scope,
            min: def.min,
            max: def.max,
            base_slot: slots,
        });
        for _ in 0..width {
            slot_min.push(def.min);
            slot_max.push(def.max);
            start_values.push(def.start);
        }
        slots += width;
    }

    let resolver = Resolver {
        indicators: &indicators,
    };

    // Escalation.
    let escalation_place = Place::new("escalation.indicator", &[&file.escalation.indicator]);
    let escalation_slot = match indicators
        .iter()
        .find(|i| i.id == file.escalation.indicator)
    {
        Some(indicator) if indicator.scope == Scope::Global => indicator.base_slot,
        Some(_) => {
            checker.problem(
                &escalation_place,
                "the escalation indicator must be Global".into(),
            );
            0
        }
        None => {
            let known = indicators.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
            let message = format!(
                "unknown indicator \"{}\"; known indicators: {}",
                file.escalation.indicator,
                Checker::known(&known)
            );
            checker.problem(&escalation_place, message);
            0
        }
    };

    // Actors.
    let mut actors = Vec::new();
    let mut start_trust = vec![vec![0.0; actor_count]; actor_count];
    for (index, def) in file.actors.iter().enumerate() {
        let place = Place::new(format!("actors[{}]", def.code), &[&def.code]);
        for (indicator_id, value) in &def.start {
            let child = place.child(&format!("start[{indicator_id}]"));
            match indicators.iter().find(|i| &i.id == indicator_id) {
                Some(indicator) if indicator.scope == Scope::PerActor => {
                    if !(indicator.min..=indicator.max).contains(value) {
                        let message = format!(
                            "start {} is outside {}..{}",
                            format_number(*value),
                            format_number(indicator.min),
                            format_number(indicator.max)
                        );
                        checker.problem(&child.with_anchor(indicator_id), message);
                    }
                    start_values[indicator.base_slot + index] = *value;
                }
                Some(_) => {
                    let message = format!(
                        "\"{indicator_id}\" is a Global indicator; only PerActor indicators can start per actor"
                    );
                    checker.problem(&child.with_anchor(indicator_id), message);
                }
                None => {
                    let known = per_actor_ids(&indicators);
                    let message = format!(
                        "unknown indicator \"{indicator_id}\"; per-actor indicators: {}",
                        Checker::known(&known)
                    );
                    checker.problem(&child.with_anchor(indicator_id), message);
                }
            }
        }
        for (other, value) in &def.trust {
            let child = place.child(&format!("trust[{other}]"));
            if let Some(other_index) = checker.actor(other, &child) {
                if !(-100.0..=100.0).contains(value) {
                    checker.problem(
                        &child.with_anchor(other),
                        format!("trust {} is outside -100..100", format_number(*value)),
                    );
                }
                if other_index == index {
                    checker.problem(
                        &child.with_anchor(other),
                        "an actor has no trust in itself; remove it".into(),
                    );
                }
                start_trust[index][other_index] = *value;
            }
        }
        for (name, value, low, high) in [
            ("temperature", def.temperature, 0.0, 10.0),
            ("risk_aversion", def.risk_aversion, 0.0, 100.0),
            ("forgiveness", def.forgiveness, 0.0, 1.0),
            ("capital", def.capital, 0.0, 1000.0),
            ("capital_per_turn", def.capital_per_turn, 0.0, 1000.0),
        ] {
            if !(low..=high).contains(&value) {
                checker.problem(
                    &place.child(name),
                    format!("{} is outside {low}..{high}", format_number(value)),
                );
            }
        }
        if def.interests.is_empty() {
            checker.problem(
                &place.child("interests"),
                "an actor needs at least one interest".into(),
            );
        }
        let mut interests = Vec::new();
        for (number, interest) in def.interests.iter().enumerate() {
            let mut child = place.child(&format!("interests[{number}]"));
            // Point at the interest itself: its target's name, then the field.
            let named = match &interest.target {
                Target::Indicator(id) | Target::Own(id) | Target::Of(id, _) => Some(id),
                Target::Relation(actor) | Target::Trust(actor, _) | Target::TrustFrom(actor) => {
                    Some(actor)
                }
                Target::TrustFromAll => None,
            };
            if let Some(named) = named {
                child = child.with_anchor(named);
            }
            if !(0.0..=1.0).contains(&interest.weight) {
                let message = format!(
                    "weight {} is outside 0..1; weights are relative, 1 the strongest",
                    format_number(interest.weight)
                );
                checker.problem(&child.child("weight"), message);
            }
            let mut source_place = child.child("source");
            source_place.anchors.push("source:".into());
            check_source(checker, &interest.source, &source_place);
            if let Some(target) = resolver.resolve(
                checker,
                &interest.target,
                Context::WithActor,
                &child.child("target"),
            ) {
                if let Preference::Near(point) = interest.prefers {
                    let (low, high) = resolver.bounds(target);
                    if !(low..=high).contains(&point) {
                        checker.problem(
                            &child.child("prefers"),
                            format!(
                                "ideal point {} is outside {}..{}",
                                format_number(point),
                                format_number(low),
                                format_number(high)
                            ),
                        );
                    }
                }
                interests.push(Interest {
                    target,
                    written: interest.target.clone(),
                    prefers: interest.prefers,
                    weight: interest.weight,
                    source: interest.source.clone(),
                    label: interest_label(&indicators, &interest.target, &interest.prefers),
                });
            }
        }
        actors.push(Actor {
            code: def.code.clone(),
            name: def.name.clone(),
            permanent_member: def.permanent_member,
            posture: def.posture.clone(),
            capital: def.capital,
            capital_per_turn: def.capital_per_turn,
            temperature: def.temperature,
            risk_aversion: def.risk_aversion,
            forgiveness: def.forgiveness,
            interests,
            gauges: Vec::new(),
            actions: Vec::new(),
        });
    }

    // Actions.
    let mut actions = Vec::new();
    for def in &file.actions {
        let place = Place::new(format!("actions[{}]", def.id), &[&def.id]);
        let mut allowed = vec![false; actor_count];
        if def.actors.is_empty() {
            checker.problem(
                &place.child("actors"),
                "name at least one actor who may take it".into(),
            );
        }
        for code in &def.actors {
            if let Some(index) = checker.actor(code, &place.child("actors")) {
                allowed[index] = true;
            }
        }
        if !(0.0..=5.0).contains(&def.severity) {
            checker.problem(
                &place.child("severity"),
                format!("severity {} is outside 0..5", format_number(def.severity)),
            );
        }
        if let Some(source) = &def.source {
            check_source(checker, source, &place.child("source"));
        }
        let kind = def
            .kind
            .as_ref()
            .and_then(|kind| checker.kind(kind, &place.child("kind")));
        actions.push(Action {
            id: def.id.clone(),
            name: def.name.clone(),
            allowed,
            kind,
            cost: def.cost,
            severity: def.severity,
            preconditions: Vec::new(),
            effects: resolver.effects(
                checker,
                &def.effects,
                Context::WithActor,
                &place.child("effects"),
            ),
            news: def.news.clone(),
            source: def.source.clone(),
        });
    }
    // Conditions can name actions and proposals, so they are resolved once both lists exist.
    let action_ids: Vec<String> = file.actions.iter().map(|a| a.id.clone()).collect();
    let proposal_ids: Vec<String> = file.proposals.iter().map(|p| p.id.clone()).collect();
    let names = Names {
        actions: &action_ids,
        proposals: &proposal_ids,
    };
    for (action, def) in actions.iter_mut().zip(&file.actions) {
        let place = Place::new(format!("actions[{}].preconditions", def.id), &[&def.id]);
        action.preconditions = resolver.conditions(
            checker,
            &names,
            &def.preconditions,
            Context::WithActor,
            &place,
        );
    }

    let recent_actions: Vec<usize> = file
        .recent_actions
        .iter()
        .filter_map(|id| {
            checker.named(
                &action_ids,
                |a| a.as_str(),
                id,
                "action",
                &Place::new("recent_actions", &[]),
            )
        })
        .collect();

    // Proposals.
    let mut proposals = Vec::new();
    for def in &file.proposals {
        let place = Place::new(format!("proposals[{}]", def.id), &[&def.id]);
        let proposers: Vec<usize> = def
            .proposers
            .iter()
            .filter_map(|code| checker.actor(code, &place.child("proposers")))
            .collect();
        let parties: Vec<usize> = def
            .parties
            .iter()
            .filter_map(|code| checker.actor(code, &place.child("parties")))
            .collect();
        if def.proposers.is_empty() || def.parties.is_empty() {
            checker.problem(&place, "a proposal needs proposers and parties".into());
        }
        let mut commitments = Vec::new();
        for (number, commitment) in def.commitments.iter().enumerate() {
            let child = place.child(&format!("commitments[{number}]"));
            let actor = checker.actor(&commitment.actor, &child);
            let kind = checker.kind(&commitment.freeze, &child);
            if commitment.turns == 0 {
                checker.problem(&child, "a commitment lasts at least one turn".into());
            }
            if let (Some(actor), Some(kind)) = (actor, kind) {
                if !parties.contains(&actor) && !proposers.contains(&actor) {
                    let message = format!(
                        "{} commits but is neither a proposer nor a party; add it to `parties`",
                        commitment.actor
                    );
                    checker.problem(&child.with_anchor(&commitment.actor), message);
                }
                commitments.push((actor, kind, commitment.turns));
            }
        }
        if let Some(source) = &def.source {
            check_source(checker, source, &place.child("source"));
        }
        proposals.push(Proposal {
            id: def.id.clone(),
            name: def.name.clone(),
            proposers,
            parties,
            commitments,
            cost: def.cost,
            preconditions: resolver.conditions(
                checker,
                &names,
                &def.preconditions,
                Context::World,
                &place.child("preconditions"),
            ),
            on_table: resolver.effects(
                checker,
                &def.on_table,
                Context::WithActor,
                &place.child("on_table"),
            ),
            on_accept: resolver.effects(
                checker,
                &def.on_accept,
                Context::WithActor,
                &place.child("on_accept"),
            ),
            on_reject: resolver.effects(
                checker,
                &def.on_reject,
                Context::WithActor,
                &place.child("on_reject"),
            ),
            on_deal: resolver.effects(
                checker,
                &def.on_deal,
                Context::WithActor,
                &place.child("on_deal"),
            ),
            on_break: resolver.effects(
                checker,
                &def.on_break,
                Context::WithActor,
                &place.child("on_break"),
            ),
            retable_after: def.retable_after,
            news: def.news.clone(),
            source: def.source.clone(),
        });
    }

    // Security Council drafts.
    let mut drafts = Vec::new();
    for def in &file.drafts {
        let place = Place::new(format!("drafts[{}]", def.id), &[&def.id]);
        let drafters = def
            .drafters
            .iter()
            .filter_map(|code| checker.actor(code, &place.child("drafters")))
            .collect();
        if def.texts.is_empty() {
            checker.problem(
                &place.child("texts"),
                "a draft needs at least one text".into(),
            );
        }
        let texts = def
            .texts
            .iter()
            .enumerate()
            .map(|(number, text)| {
                let child = place.child(&format!("texts[{number}]"));
                (
                    text.name.clone(),
                    resolver.effects(checker, &text.effects, Context::WithActor, &child),
                )
            })
            .collect();
        drafts.push(Draft {
            id: def.id.clone(),
            name: def.name.clone(),
            drafters,
            preconditions: resolver.conditions(
                checker,
                &names,
                &def.preconditions,
                Context::WithActor,
                &place.child("preconditions"),
            ),
            texts,
            retable_after: def.retable_after,
            source: def.source.clone(),
        });
    }
    if !file.drafts.is_empty() && file.security_council.is_none() {
        checker.problem(
            &Place::new("security_council", &[]),
            "drafts need a `security_council` section".into(),
        );
    }
    let council = file.security_council.as_ref().map(|council| Council {
        elected_members: council.elected_members,
        votes_needed: council.votes_needed,
        on_unanimous: resolver.effects(
            checker,
            &council.on_unanimous,
            Context::WithActor,
            &Place::new("security_council.on_unanimous", &[]),
        ),
    });

    // Events.
    let draft_ids: Vec<String> = file.drafts.iter().map(|d| d.id.clone()).collect();
    let mut events = Vec::new();
    let mut flashpoints = Vec::new();
    // Flashpoints are events that fire only when injected: validated by the same code.
    let sections = file.events_and_flashpoints();
    for (flashpoint, def) in &sections {
        let section = if *flashpoint { "flashpoints" } else { "events" };
        let place = Place::new(format!("{section}[{}]", def.id), &[&def.id]);
        let (at_turn, conditions, chance) = match &def.trigger {
            Trigger::AtTurn(turn) => {
                if *turn == 0 || *turn > file.calendar.turns {
                    let message = format!(
                        "turn {turn} is outside the calendar (1..{})",
                        file.calendar.turns
                    );
                    checker.problem(&place.child("trigger"), message);
                }
                (Some(*turn), Vec::new(), 1.0)
            }
            Trigger::When { conditions, chance } => {
                if !(0.0..=1.0).contains(chance) {
                    checker.problem(
                        &place.child("trigger.chance"),
                        format!("chance {} is outside 0..1", format_number(*chance)),
                    );
                }
                let conditions = resolver.conditions(
                    checker,
                    &names,
                    conditions,
                    Context::World,
                    &place.child("trigger"),
                );
                (None, conditions, *chance)
            }
        };
        let mut outcomes = Vec::new();
        for (number, outcome) in def.outcomes.iter().enumerate() {
            let child = place.child(&format!("outcomes[{number}]"));
            match outcome {
                Outcome::Effects(effects) => {
                    outcomes.push(EventOutcome::Effects(resolver.effects(
                        checker,
                        effects,
                        Context::World,
                        &child,
                    )));
                }
                Outcome::Table { proposal, by } => {
                    let proposal = checker.named(
                        &proposal_ids,
                        |id| id.as_str(),
                        proposal,
                        "proposal",
                        &child,
                    );
                    let by: Vec<usize> = by
                        .iter()
                        .filter_map(|code| checker.actor(code, &child))
                        .collect();
                    if let Some(proposal) = proposal {
                        outcomes.push(EventOutcome::Table { proposal, by });
                    }
                }
                Outcome::Draft { draft, by } => {
                    let draft = checker.named(&draft_ids, |id| id.as_str(), draft, "draft", &child);
                    let by = checker.actor(by, &child);
                    if let (Some(draft), Some(by)) = (draft, by) {
                        outcomes.push(EventOutcome::Draft { draft, by });
                    }
                }
                Outcome::Answer {
                    proposal,
                    actor,
                    accept,
                } => {
                    let proposal_index = checker.named(
                        &proposal_ids,
                        |id| id.as_str(),
                        proposal,
                        "proposal",
                        &child,
                    );
                    let actor_index = checker.actor(actor, &child);
                    if let (Some(proposal_index), Some(actor_index)) = (proposal_index, actor_index)
                    {
                        if !file.proposals[proposal_index].parties.contains(actor) {
                            let message = format!(
                                "{actor} is not a party to \"{proposal}\"; only parties answer"
                            );
                            checker.problem(&child.with_anchor(actor), message);
                        }
                        outcomes.push(EventOutcome::Answer {
                            proposal: proposal_index,
                            actor: actor_index,
                            accept: *accept,
                        });
                    }
                }
                Outcome::Order { actor, action } => {
                    let actor_index = checker.actor(actor, &child);
                    let action_index =
                        checker.named(&action_ids, |id| id.as_str(), action, "action", &child);
                    if let (Some(actor_index), Some(action_index)) = (actor_index, action_index) {
                        if !actions[action_index].allowed[actor_index] {
                            let message = format!(
                                "{actor} may not take \"{action}\"; add it to the action's `actors`"
                            );
                            checker.problem(&child.with_anchor(action), message);
                        }
                        outcomes.push(EventOutcome::Order {
                            actor: actor_index,
                            action: action_index,
                        });
                    }
                }
            }
        }
        if let Some(source) = &def.source {
            check_source(checker, source, &place.child("source"));
        }
        let event = Event {
            id: def.id.clone(),
            name: def.name.clone(),
            at_turn,
            conditions,
            chance,
            historical: def.historical,
            once: def.once,
            outcomes,
            news: def.news.clone(),
            source: def.source.clone(),
        };
        if *flashpoint {
            flashpoints.push(event);
        } else {
            events.push(event);
        }
    }

    // Dynamics.
    let mut dynamics = Vec::new();
    for (number, def) in file.dynamics.iter().enumerate() {
        let place = Place::new(format!("dynamics[{number}]"), &[]);
        let effect = Effect {
            target: def.target.clone(),
            change: def.change,
            spread: 0.0,
        };
        let resolved = resolver.effects(
            checker,
            std::slice::from_ref(&effect),
            Context::World,
            &place,
        );
        let per = def
            .per
            .as_ref()
            .and_then(|per| resolver.resolve(checker, per, Context::World, &place.child("per")));
        let when = resolver.conditions(
            checker,
            &names,
            &def.when,
            Context::World,
            &place.child("when"),
        );
        if let Some(effect) = resolved.into_iter().next() {
            dynamics.push((effect, per, when, def.reason.clone()));
        }
    }

    // Endings.
    let mut endings = Vec::new();
    for def in &file.endings {
        let place = Place::new(format!("endings[{}]", def.id), &[&def.id]);
        endings.push(Ending {
            id: def.id.clone(),
            name: def.name.clone(),
            description: def.description.clone(),
            when: resolver.conditions(
                checker,
                &names,
                &def.when,
                Context::World,
                &place.child("when"),
            ),
        });
    }
    let ending_ids: Vec<String> = endings.iter().map(|e| e.id.clone()).collect();
    let time_limit_place = Place::new("time_limit_ending", &[&file.time_limit_ending]);
    let time_limit_ending = checker.named(
        &ending_ids,
        |id| id.as_str(),
        &file.time_limit_ending,
        "ending",
        &time_limit_place,
    );
    for ending in &endings {
        if ending.when.is_empty()
            && Some(ending.id.as_str()) != Some(file.time_limit_ending.as_str())
        {
            let place = Place::new(format!("endings[{}].when", ending.id), &[&ending.id]);
            checker.problem(
                &place,
                "an ending with no conditions would end the game at once; add `when`".into(),
            );
        }
    }

    let canonical = ron::to_string(file).unwrap_or_default();
    let hash = hex(&Sha256::digest(canonical.as_bytes()));
    Some(Scenario {
        id: file.id.clone(),
        name: file.name.clone(),
        description: file.description.clone(),
        calendar: file.calendar.clone(),
        escalation_slot,
        danger_from: file.escalation.danger_from,
        council,
        indicators,
        slots,
        slot_min,
        slot_max,
        actors,
        start_values,
        start_trust,
        kinds: checker.kinds.clone(),
        actions,
        recent_actions,
        proposals,
        drafts,
        events,
        flashpoints,
        dynamics,
        endings,
        time_limit_ending: time_limit_ending?,
        hash,
        file: file.clone(),
        warnings: citation_warnings(file, checker.source),
    })
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn per_actor_ids(indicators: &[Indicator]) -> Vec<String> {
    indicators
        .iter()
        .filter(|i| i.scope == Scope::PerActor)
        .map(|i| i.id.clone())
        .collect()
}

fn check_source(checker: &mut Checker, source: &Source, place: &Place) {
    let last = checker
        .file
        .essay
        .as_ref()
        .map_or(DEFAULT_ESSAY_PARAGRAPHS, |essay| essay.paragraphs);
    for message in source_problems(source, last) {
        checker.problem(place, message);
    }
}

/// What is wrong with a source, given that the essay runs from P1 to `last`.
pub(crate) fn source_problems(source: &Source, last: u32) -> Vec<String> {
    let mut problems = Vec::new();
    match source {
        Source::Essay {
            paragraphs,
            paraphrase,
        } => {
            if paragraphs.is_empty() {
                problems.push("an essay source names at least one paragraph, like [13, 14]".into());
            }
            if let Some(bad) = paragraphs.iter().find(|p| **p == 0 || **p > last) {
                problems.push(format!(
                    "paragraph P{bad} does not exist: the essay has P1 to P{last}; cite a \
                     paragraph in that range, or use Record(...) or Assumption(...)"
                ));
            }
            if paraphrase.trim().is_empty() {
                problems.push("an essay source needs a paraphrase in our own words".into());
            }
        }
        Source::Record {
            date,
            what,
            r#where,
        } => {
            if let Err(message) = check_date(date) {
                problems.push(format!("record date \"{date}\": {message}"));
            }
            if what.trim().is_empty() {
                problems.push("a record source needs `what`: the fact, in our own words".into());
            }
            if r#where.trim().is_empty() {
                problems.push(
                    "a record source needs `where`: the document that records it, like \
                     \"UN press release SC/12945\""
                        .into(),
                );
            }
        }
        Source::Assumption { reason } => {
            if reason.trim().is_empty() {
                problems.push("an assumption needs a reason".into());
            }
        }
    }
    problems
}

/// Checks an ISO calendar date, `YYYY-MM-DD`, between 1900 and 2100.
fn check_date(date: &str) -> Result<(), String> {
    const EXPECTED: &str = "expected an ISO date like \"2017-08-05\" (year-month-day)";
    let parts: Vec<&str> = date.trim().split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return Err(EXPECTED.into());
    };
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return Err(EXPECTED.into());
    }
    let number = |text: &str| text.parse::<u32>().map_err(|_| EXPECTED.to_owned());
    let (year, month, day) = (number(year)?, number(month)?, number(day)?);
    if !(1900..=2100).contains(&year) {
        return Err(format!("the year {year} is outside 1900..2100"));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("there is no month {month}; months run 01 to 12")),
    };
    if day == 0 || day > days {
        return Err(format!("month {month:02} of {year} has days 01 to {days}"));
    }
    Ok(())
}

/// Warnings that do not stop a scenario from loading: an actor whose weights cite mostly
/// paragraphs that, by the essay's `speaks_of`, state other actors' views and not its own.
pub fn citation_warnings(file: &ScenarioFile, source: &str) -> Vec<Problem> {
    let Some(essay) = &file.essay else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    for actor in &file.actors {
        let mut judged = 0;
        let mut about_others: Vec<String> = Vec::new();
        for interest in &actor.interests {
            let Source::Essay { paragraphs, .. } = &interest.source else {
                continue;
            };
            let known: Vec<&Vec<String>> = paragraphs
                .iter()
                .filter_map(|p| essay.speaks_of.get(p))
                .collect();
            if known.is_empty() {
                continue;
            }
            judged += 1;
            if !known.iter().any(|actors| actors.contains(&actor.code)) {
                let cited: Vec<String> = paragraphs.iter().map(|p| format!("P{p}")).collect();
                about_others.push(format!("{:?} ({})", interest.target, cited.join(", ")));
            }
        }
        if judged > 0 && about_others.len() * 2 > judged {
            let anchors = [format!("code: \"{}\"", actor.code), "interests".to_owned()];
            warnings.push(Problem {
                position: locate(source, &anchors),
                at: format!("actors[{}].interests", actor.code),
                message: format!(
                    "{} of {judged} weights citing the essay cite only paragraphs that state other \
                     actors' views, not {}'s: {}; where the essay is silent on {}, mark the weight \
                     Assumption(reason: ...) or cite the public record with Record(date, what, where)",
                    about_others.len(),
                    actor.code,
                    about_others.join("; "),
                    actor.code
                ),
            });
        }
    }
    warnings
}

fn check_essay(checker: &mut Checker) {
    let Some(essay) = &checker.file.essay else {
        return;
    };
    let place = Place::new("essay", &[]);
    if essay.title.trim().is_empty() {
        checker.problem(&place.child("title"), "the essay needs a title".into());
    }
    if essay.paragraphs == 0 || essay.paragraphs > 10_000 {
        checker.problem(
            &place.child("paragraphs"),
            format!("{} paragraphs: expected 1 to 10000", essay.paragraphs),
        );
    }
    for (paragraph, actors) in &essay.speaks_of {
        let child = place.child(&format!("speaks_of[{paragraph}]"));
        if *paragraph == 0 || *paragraph > essay.paragraphs {
            checker.problem(
                &child,
                format!(
                    "paragraph P{paragraph} does not exist: the essay has P1 to P{}",
                    essay.paragraphs
                ),
            );
        }
        for actor in actors {
            checker.actor(actor, &child);
        }
    }
}

fn interest_label(indicators: &[Indicator], target: &Target, prefers: &Preference) -> String {
    let name = |id: &str| {
        indicators
            .iter()
            .find(|i| i.id == id)
            .map_or(id.to_owned(), |i| i.name.to_lowercase())
    };
    let what = match target {
        Target::Indicator(id) => name(id),
        Target::Own(id) => format!("its own {}", name(id)),
        Target::Of(id, actor) => format!("{}'s {}", actor, name(id)),
        Target::Relation(actor) => format!("its relations with {actor}"),
        Target::Trust(from, to) => format!("{from}'s trust in {to}"),
        Target::TrustFrom(actor) => format!("{actor}'s trust in it"),
        Target::TrustFromAll => "the trust others hold in it".to_owned(),
    };
    match prefers {
        Preference::Higher => format!("higher {what}"),
        Preference::Lower => format!("lower {what}"),
        Preference::Near(point) => format!("{what} near {point}"),
    }
}

struct Names<'a> {
    actions: &'a [String],
    proposals: &'a [String],
}

struct Resolver<'a> {
    indicators: &'a [Indicator],
}

impl Resolver<'_> {
    fn bounds(&self, target: Ref) -> (f64, f64) {
        match target {
            Ref::Slot(slot) | Ref::Own(slot) => self
                .indicators
                .iter()
                .rev()
                .find(|i| i.base_slot <= slot)
                .map_or((0.0, 100.0), |i| (i.min, i.max)),
            _ => (-100.0, 100.0),
        }
    }

    fn indicator(
        &self,
        checker: &mut Checker,
        id: &str,
        scope: Scope,
        place: &Place,
    ) -> Option<usize> {
        match self.indicators.iter().find(|i| i.id == id) {
            Some(indicator) if indicator.scope == scope => Some(indicator.base_slot),
            Some(indicator) => {
                let (wanted, fix) = match scope {
                    Scope::Global => (
                        "a Global indicator",
                        "use Own(\"..\") or Of(\"..\", \"ACTOR\") for it",
                    ),
                    Scope::PerActor => ("a PerActor indicator", "use Indicator(\"..\") for it"),
                };
                let message = format!("\"{}\" is not {wanted}; {fix}", indicator.id);
                checker.problem(&place.with_anchor(id), message);
                None
            }
            None => {
                let known: Vec<String> = self
                    .indicators
                    .iter()
                    .filter(|i| i.scope == scope)
                    .map(|i| i.id.clone())
                    .collect();
                let label = if scope == Scope::Global {
                    "global"
                } else {
                    "per-actor"
                };
                let message = format!(
                    "unknown indicator \"{id}\"; {label} indicators: {}",
                    Checker::known(&known)
                );
                checker.problem(&place.with_anchor(id), message);
                None
            }
        }
    }

    fn resolve(
        &self,
        checker: &mut Checker,
        target: &Target,
        context: Context,
        place: &Place,
    ) -> Option<Ref> {
        let needs_actor = |checker: &mut Checker, what: &str| {
            let message = format!(
                "{what} needs an actor concerned, which this place has not; name the actor instead"
            );
            checker.problem(place, message);
        };
        match target {
            Target::Indicator(id) => self
                .indicator(checker, id, Scope::Global, place)
                .map(Ref::Slot),
            Target::Own(id) => {
                if context == Context::World {
                    needs_actor(checker, "Own(..)");
                    return None;
                }
                self.indicator(checker, id, Scope::PerActor, place)
                    .map(Ref::Own)
            }
            Target::Of(id, code) => {
                let base = self.indicator(checker, id, Scope::PerActor, place);
                let actor = checker.actor(code, place);
                Some(Ref::Slot(base? + actor?))
            }
            Target::Relation(code) => {
                if context == Context::World {
                    needs_actor(checker, "Relation(..)");
                    return None;
                }
                checker.actor(code, place).map(Ref::Relation)
            }
            Target::Trust(from, to) => {
                let from = checker.actor(from, place);
                let to = checker.actor(to, place);
                Some(Ref::Trust(from?, to?))
            }
            Target::TrustFrom(code) => {
                if context == Context::World {
                    needs_actor(checker, "TrustFrom(..)");
                    return None;
                }
                checker.actor(code, place).map(Ref::TrustFrom)
            }
            Target::TrustFromAll => {
                if context == Context::World {
                    needs_actor(checker, "TrustFromAll");
                    return None;
                }
                Some(Ref::TrustFromAll)
            }
        }
    }

    fn effects(
        &self,
        checker: &mut Checker,
        effects: &[Effect],
        context: Context,
        place: &Place,
    ) -> Vec<ResolvedEffect> {
        let mut out = Vec::new();
        for (number, effect) in effects.iter().enumerate() {
            let child = place.child(&format!("[{number}]"));
            if effect.spread < 0.0 {
                checker.problem(
                    &child,
                    format!("spread {} is negative", format_number(effect.spread)),
                );
            }
            if !effect.change.is_finite() || !effect.spread.is_finite() {
                checker.problem(&child, "change and spread must be finite numbers".into());
            }
            if let Some(target) = self.resolve(checker, &effect.target, context, &child) {
                out.push(ResolvedEffect {
                    target,
                    change: effect.change,
                    spread: effect.spread,
                });
            }
        }
        out
    }

    fn conditions(
        &self,
        checker: &mut Checker,
        names: &Names,
        conditions: &[Condition],
        context: Context,
        place: &Place,
    ) -> Vec<Cond> {
        let mut out = Vec::new();
        for (number, condition) in conditions.iter().enumerate() {
            let child = place.child(&format!("[{number}]"));
            let resolved = match condition {
                Condition::Above(target, value) => self
                    .resolve(checker, target, context, &child)
                    .map(|t| Cond::Above(t, *value)),
                Condition::Below(target, value) => self
                    .resolve(checker, target, context, &child)
                    .map(|t| Cond::Below(t, *value)),
                Condition::TurnAtLeast(turn) => Some(Cond::TurnAtLeast(*turn)),
                Condition::TurnAtMost(turn) => Some(Cond::TurnAtMost(*turn)),
                Condition::DealInForce(id) => checker
                    .named(names.proposals, |p| p.as_str(), id, "proposal", &child)
                    .map(Cond::DealInForce),
                Condition::DealStruck(id) => checker
                    .named(names.proposals, |p| p.as_str(), id, "proposal", &child)
                    .map(Cond::DealStruck),
                Condition::TakenWithin(id, turns) => {
                    if *turns > 1000 {
                        checker.problem(&child, format!("{turns} turns: at most 1000"));
                    }
                    checker
                        .named(names.actions, |a| a.as_str(), id, "action", &child)
                        .map(|action| Cond::TakenWithin(action, *turns))
                }
                Condition::NotFrozen(kind) => {
                    if context == Context::World {
                        checker.problem(
                            &child,
                            "NotFrozen(..) needs an actor concerned; use it on actions".into(),
                        );
                        None
                    } else {
                        checker.kind(kind, &child).map(Cond::NotFrozen)
                    }
                }
            };
            out.extend(resolved);
        }
        out
    }
}
