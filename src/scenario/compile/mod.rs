//! Validation: checks every cross-reference and range of a `ScenarioFile` and builds the indexed
//! `Scenario`, in which actors, indicators and actions are numbers the simulation can use directly.
//!
//! One file per section of the scenario file; `build` calls them in the file's order, so the
//! problems come out in the order an author reads them.

mod actions;
mod actors;
mod calendar;
mod council;
mod dynamics;
mod endings;
mod events;
mod indicators;
mod names;
mod numbers;
mod proposals;
mod resolver;
mod sources;
mod tunables;

use sha2::{Digest, Sha256};

use super::error::{Problem, ScenarioError, locate, unknown};
use super::types::*;

pub(crate) use names::check_id;
pub use sources::citation_warnings;
pub(crate) use sources::source_problems;

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
    /// The AI's model constants, the file's or their defaults.
    pub tunables: Tunables,
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
    /// Whether the state keeps when each draft was last adopted (a condition asks it).
    pub tracks_adoption: bool,
    /// Whether a condition asks when a deal was last rejected (`GameState::rejected_at`).
    pub tracks_rejection: bool,
    /// The (actor, action) pairs a `TakenBy` condition asks about, in the order first asked:
    /// the state keeps the last turn each was taken.
    pub taken_by: Vec<(usize, usize)>,
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
    /// Its seat on the Security Council.
    pub seat: Seat,
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
    /// By action: which of its gauges (bit `i` for gauge `i`) its taking the action can move,
    /// when the order breaks no deal (given by `compile`; see `Gauge`).
    pub reach: Vec<u64>,
    /// Its interests' shifts, interest by interest in the file's order.
    pub shifts: Vec<Shift>,
    /// Its allies (the role `"allies"` in effects).
    pub allies: Vec<usize>,
}

/// A change in one of an actor's interests while its conditions hold (see `ShiftDef`).
#[derive(Debug, Clone)]
pub struct Shift {
    /// The actor's interest it changes.
    pub interest: usize,
    /// Its place among the state's shift flags (`GameState::shifted`).
    pub flag: usize,
    pub when: Vec<Cond>,
    pub lasting: bool,
    /// The preference and weight while it holds.
    pub prefers: Preference,
    pub weight: f64,
    pub news: Option<String>,
    pub source: Source,
    /// Words for the interest while it holds: "sanctions pressure near 65".
    pub label: String,
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
    /// Applied only when this actor is the one concerned: one of the effects a role (`ROLES`)
    /// stands for, resolved for that actor.
    pub only_for: Option<usize>,
}

impl ResolvedEffect {
    /// Whether it applies when `who` is the actor concerned.
    pub fn applies_for(&self, who: Option<usize>) -> bool {
        self.only_for.is_none_or(|actor| who == Some(actor))
    }
}

/// An effect resolved for the actor it concerns: the numbers of the state it changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Landed {
    pub cells: super::Cells,
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
    /// A text of this draft adopted within N turns.
    Adopted(usize, u32),
    Rejected(usize, u32),
    /// The pair (`Scenario::taken_by`) taken within N turns.
    TakenBy(usize, u32),
    NotFrozen(usize),
    /// At least one holds (never empty).
    Any(Vec<Cond>),
    /// Every one holds (never empty).
    All(Vec<Cond>),
    Not(Box<Cond>),
}

#[derive(Debug, Clone)]
pub struct Action {
    pub id: String,
    pub name: String,
    /// `allowed[actor]`: may this actor take it.
    pub allowed: Vec<bool>,
    /// The actor it is aimed at (the role `"target"` in its effects).
    pub target: Option<usize>,
    pub kind: Option<usize>,
    pub cost: f64,
    pub severity: f64,
    pub preconditions: Vec<Cond>,
    pub effects: Vec<ResolvedEffect>,
    /// By actor, `effects` as they land when that actor takes the action: the numbers each
    /// changes, found once (given by `compile`; the rules apply these).
    pub landed: Vec<Vec<Landed>>,
    pub news: String,
    pub source: Option<Source>,
    /// For a gesture that fades when repeated: its factor, the months a repetition counts, and
    /// its place among the fading actions (the state keeps each actor's recent months of it).
    pub fades: Option<Fade>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fade {
    pub factor: f64,
    pub months: u32,
    /// Its place among the fading actions.
    pub index: usize,
}

#[derive(Debug, Clone)]
pub struct Proposal {
    pub id: String,
    pub name: String,
    pub proposers: Vec<usize>,
    pub parties: Vec<usize>,
    /// Asked for their answer, with no veto over the deal.
    pub consulted: Vec<usize>,
    /// (actor, kind, turns).
    pub commitments: Vec<Promise>,
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

/// A commitment of a proposal, as `CommitmentDef` writes it.
#[derive(Debug, Clone)]
pub struct Promise {
    pub actor: usize,
    pub commits: Commits,
    /// The kind of action that breaks it, if any.
    pub kind: Option<usize>,
    pub turns: u32,
    pub steps: Vec<ResolvedEffect>,
    pub on_break: Vec<ResolvedEffect>,
}

impl Promise {
    /// "North Korea freezes testing" (its length is the caller's to add).
    pub fn words(&self, scenario: &Scenario) -> String {
        let actor = &scenario.actors[self.actor].name;
        let kind = self.kind.map_or("", |kind| scenario.kinds[kind].as_str());
        let what = match self.commits {
            Commits::Freeze => format!("freezes {kind}"),
            Commits::Suspend => format!("suspends {kind}"),
            Commits::Relief => "grants relief in steps".to_owned(),
            Commits::Verification => "allows verification".to_owned(),
            Commits::Talks => "joins talks".to_owned(),
        };
        format!("{actor} {what}")
    }
}

impl Actor {
    /// A permanent member of the Security Council, whose "no" is a veto.
    pub fn permanent_member(&self) -> bool {
        self.seat == Seat::Permanent
    }
}

/// A seat on the Security Council, with the turns an elected one is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    None,
    Permanent,
    /// Held from turn `from` to turn `until`, both included (1 when the term began before the
    /// scenario; past the last turn when it ends after).
    Elected {
        from: u32,
        until: u32,
    },
}

impl Seat {
    /// Whether the seat votes in `turn`.
    pub fn sits(self, turn: u32) -> bool {
        match self {
            Seat::None => false,
            Seat::Permanent => true,
            Seat::Elected { from, until } => (from..=until).contains(&turn),
        }
    }
}

/// A member of the Security Council that no actor plays.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub seat: Seat,
    pub leaning: Lean,
    /// By draft, how it votes on that draft instead of `leaning`.
    pub on: Vec<(usize, Lean)>,
    pub source: Source,
}

impl Member {
    /// How it leans on `draft`.
    pub fn leaning_on(&self, draft: usize) -> Lean {
        self.on
            .iter()
            .find(|(d, _)| *d == draft)
            .map_or(self.leaning, |(_, lean)| *lean)
    }
}

/// `Leaning`, with the actor it votes with by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lean {
    Yes,
    Abstain,
    No,
    With(usize),
    Majority,
}

#[derive(Debug, Clone)]
pub struct Council {
    /// Unnamed members who vote yes when more than half of the actors voting do.
    pub elected_members: u32,
    pub votes_needed: u32,
    pub members: Vec<Member>,
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

    /// Everyone asked for an answer when `authors` table it: the parties that answer, then the
    /// consulted actors that did not write it.
    pub fn asked<'a>(&'a self, authors: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
        self.answering(authors).chain(
            self.consulted
                .iter()
                .copied()
                .filter(move |actor| !authors.contains(actor)),
        )
    }

    /// Whether `actor`'s no sinks the deal.
    pub fn holds_a_veto(&self, actor: usize) -> bool {
        self.parties.contains(&actor)
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
    /// The softmax temperature of `actor`'s choices, in utility: its temperature times the
    /// scenario's `temperature_scale`.
    pub fn softmax_temperature(&self, actor: usize) -> f64 {
        self.actors[actor].temperature * self.tunables.temperature_scale
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
    /// A part of this place: a field (`weight`) or an item of a list (`[2]`).
    fn child(&self, at: &str) -> Place {
        let dot = if at.starts_with('[') { "" } else { "." };
        Place {
            at: format!("{}{dot}{at}", self.at),
            anchors: self.anchors.clone(),
        }
    }
    /// The same place, narrowed to the next occurrence of `text` as written (not quoted).
    fn then(&self, text: &str) -> Place {
        let mut anchors = self.anchors.clone();
        anchors.push(text.to_owned());
        Place {
            at: self.at.clone(),
            anchors,
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
    /// Whether a condition asks when a draft was adopted: only then does the state keep it.
    asks_adoption: bool,
    asks_rejection: bool,
    /// The (actor, action) pairs a condition asks about: the state keeps when each was taken.
    taken_by: Vec<(usize, usize)>,
    warnings: Vec<Problem>,
}

impl Checker<'_> {
    fn problem(&mut self, place: &Place, message: String) {
        self.problems.push(Problem {
            position: locate(self.source, &place.anchors),
            at: place.at.clone(),
            message,
        });
    }

    /// Something questionable but not wrong: the file still loads (`Scenario::warnings`).
    fn warn(&mut self, place: &Place, message: String) {
        self.warnings.push(Problem {
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
            let message = if crate::scenario::ROLES.contains(&code) {
                // Effects resolve their roles before they get here.
                format!(
                    "\"{code}\" is a role, which only effects may name; name the actor here: {}",
                    Checker::known(&self.actor_codes)
                )
            } else {
                unknown("actor", code, &self.actor_codes)
            };
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
        asks_adoption: false,
        asks_rejection: false,
        taken_by: Vec::new(),
        warnings: Vec::new(),
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

fn build(checker: &mut Checker, _origin: &str) -> Option<Scenario> {
    let file = checker.file;
    numbers::check_numbers(checker);
    sources::check_essay(checker);
    if file.actors.is_empty() {
        checker.problem(
            &Place::new("actors", &[]),
            "a scenario needs at least one actor".into(),
        );
    }
    // Names first: with a missing, malformed or repeated name every cross-reference would
    // mislead ("known actors: AAA, AAA"), so nothing else is checked until they are right.
    if !names::check_names(checker) {
        return None;
    }
    calendar::check_calendar(checker);
    let tunables = tunables::check_tunables(checker);
    let indicators::Slots {
        indicators,
        count: slots,
        min: slot_min,
        max: slot_max,
        start: mut start_values,
    } = indicators::indicators(checker);
    let resolver = resolver::Resolver {
        indicators: &indicators,
        allies: resolver::allies(checker),
    };
    let names = resolver::Names::of(file);
    let escalation_slot = indicators::escalation(checker, &indicators);
    let (actors, start_trust) = actors::actors(checker, &resolver, &names, &mut start_values);
    let actions = actions::actions(checker, &resolver, &names);
    let recent_actions = actions::recent_actions(checker, &names);
    let proposals = proposals::proposals(checker, &resolver, &names);
    let drafts = council::drafts(checker, &resolver, &names);
    let council = council::council(checker, &resolver, &drafts);
    let (events, flashpoints) = events::events(checker, &resolver, &names, &actions);
    let dynamics = dynamics::dynamics(checker, &resolver, &names, &start_values);
    let (endings, time_limit_ending) = endings::endings(checker, &resolver, &names);

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
        tunables,
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
        tracks_adoption: checker.asks_adoption,
        tracks_rejection: checker.asks_rejection,
        taken_by: checker.taken_by.clone(),
        hash,
        file: file.clone(),
        warnings: checker
            .warnings
            .iter()
            .cloned()
            .chain(citation_warnings(file, checker.source))
            .collect(),
    })
}

/// Conditions read at the start of a month (event triggers, interest shifts) come before any
/// order of that month: an action "taken within 1 turn" there never holds, so it draws a warning
/// with the fix (2: this month or last). A warning, not an error, so that files and records
/// written before it still load.
fn check_start_of_month(checker: &mut Checker, conditions: &[Cond], place: &Place) {
    fn this_month_only(condition: &Cond) -> bool {
        match condition {
            Cond::TakenWithin(_, turns)
            | Cond::TakenBy(_, turns)
            | Cond::Adopted(_, turns)
            | Cond::Rejected(_, turns) => *turns <= 1,
            Cond::Any(parts) | Cond::All(parts) => parts.iter().any(this_month_only),
            Cond::Not(part) => this_month_only(part),
            _ => false,
        }
    }
    if conditions.iter().any(this_month_only) {
        let message = "read at the start of a month, before that month's answers, votes and \
                       orders, a condition within 1 turn never holds; write 2 for last month"
            .to_owned();
        checker.warn(&place.then("Taken"), message);
    }
}

impl Scenario {
    /// How many interest shifts the actors have in all: the state keeps one flag for each.
    pub fn shift_count(&self) -> usize {
        self.actors.iter().map(|actor| actor.shifts.len()).sum()
    }

    /// How many actions fade when repeated (`Action::fades`).
    pub fn fading_count(&self) -> usize {
        self.actions
            .iter()
            .filter(|action| action.fades.is_some())
            .count()
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
