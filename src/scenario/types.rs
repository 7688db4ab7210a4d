//! The scenario file format, as written in RON by scenario authors.
//!
//! These types mirror the file one to one; nothing here is checked beyond syntax. Cross-references
//! (actor codes, indicator and action ids) are checked by `validate`, which turns a `ScenarioFile`
//! into the indexed `Scenario` the simulation runs on.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A whole scenario: the actors, the shared indicators, the actions and deals, the script.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// Short machine name, used by variants to name their base (`korea_2017`).
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The essay that `Essay` sources cite; without it, paragraphs P1 to P27 are accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub essay: Option<EssayDef>,
    pub calendar: Calendar,
    /// Which indicator is the escalation ladder, and where the danger zone starts.
    pub escalation: Escalation,
    #[serde(default)]
    pub security_council: Option<SecurityCouncil>,
    /// The AI's model constants (see `Tunables`); every one left out keeps its default, and a
    /// section left at the defaults is left out of the scenario's hash.
    #[serde(default, skip_serializing_if = "Tunables::is_default")]
    pub tunables: Tunables,
    pub indicators: Vec<IndicatorDef>,
    pub actors: Vec<ActorDef>,
    pub actions: Vec<ActionDef>,
    #[serde(default)]
    pub proposals: Vec<ProposalDef>,
    #[serde(default)]
    pub drafts: Vec<DraftDef>,
    #[serde(default)]
    pub events: Vec<EventDef>,
    /// Events a teacher injects at the start of a turn of their choosing; never fired by the game
    /// itself. Empty by default, and then left out of the scenario's hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flashpoints: Vec<FlashpointDef>,
    /// Actions taken in the month before the first turn: part of the starting situation, so
    /// conditions like `TakenWithin` see them (turn 0).
    #[serde(default)]
    pub recent_actions: Vec<String>,
    /// Changes applied every turn after the orders (decay, growth, pressure).
    #[serde(default)]
    pub dynamics: Vec<Dynamic>,
    /// Checked in order after each turn; the first whose conditions hold ends the game.
    pub endings: Vec<EndingDef>,
    /// The ending when the calendar runs out.
    pub time_limit_ending: String,
}

impl ScenarioFile {
    /// The events, then the flashpoints as events (validated and listed alike), each marked
    /// true when it is a flashpoint.
    pub fn events_and_flashpoints(&self) -> Vec<(bool, EventDef)> {
        self.events
            .iter()
            .map(|event| (false, event.clone()))
            .chain(self.flashpoints.iter().map(|f| (true, f.as_event())))
            .collect()
    }
}

/// The calendar: the first month and how many monthly turns the game lasts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    pub start_year: i32,
    /// 1 = January.
    pub start_month: u32,
    pub turns: u32,
    /// How many actions an actor may order in one turn.
    #[serde(default = "default_orders_per_turn")]
    pub orders_per_turn: u32,
}

fn default_orders_per_turn() -> u32 {
    2
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// A global indicator whose top is war.
    pub indicator: String,
    /// Above this value the agents count escalation risk against an action's severity.
    pub danger_from: f64,
}

/// The Security Council: who sits besides the actors with a seat, and what a resolution needs.
/// A text passes with `votes_needed` yes votes and no veto; an abstention is not a no.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SecurityCouncil {
    /// Unnamed members not played as actors, who vote yes when more than half of the actors
    /// voting do and abstain otherwise (the simplest council; `members` names them instead).
    #[serde(default)]
    pub elected_members: u32,
    pub votes_needed: u32,
    /// Members not played as actors, each with its seat and how it leans.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MemberDef>,
    /// Effects on each member voting yes when a text passes unanimously ("Own" means the voter).
    #[serde(default)]
    pub on_unanimous: Vec<Effect>,
}

impl Commits {
    /// Whether it is the default, a freeze.
    pub fn is_freeze(&self) -> bool {
        *self == Commits::Freeze
    }
}

/// A seat on the Security Council.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum SeatDef {
    /// A permanent member: its "no" is a veto.
    Permanent,
    /// An elected member from the first month to the second, both included:
    /// `Elected("2017-01", "2018-12")`. Its "no" counts against a text and vetoes nothing.
    Elected(String, String),
}

/// A member of the Security Council that no actor plays.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MemberDef {
    pub name: String,
    pub seat: SeatDef,
    /// How it votes on every draft, unless `on` says otherwise for a draft.
    pub leaning: Leaning,
    /// By draft id, how it votes on that draft instead.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub on: BTreeMap<String, Leaning>,
    pub source: Source,
}

/// How a member that no actor plays votes on a text.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Leaning {
    Yes,
    Abstain,
    /// Against: a veto from a permanent member.
    No,
    /// As the actor with this code votes (abstaining when it has no vote that month).
    With(String),
    /// Yes when more than half of the actors voting vote yes; otherwise it abstains.
    Majority,
}

/// The constants of the AI's model, in the units of an actor's utility: 1 is the whole of its
/// satisfaction, 0.01 one point of its 0-100 score. Every default is an assumption of the model,
/// not a finding of the essay or the record: set when the model was written, and kept because
/// the shipped scenario passes its plausibility checks with them.
///
/// In a scenario: `tunables: (veto_threshold: 0.01, capital_value: 0.002)`; each one left out
/// keeps its default. A variant changes them with `Tunables(veto_threshold: Some(0.01))`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Tunables {
    /// Utility of one point of political capital: an action or a proposal costing `cost` is
    /// worth `cost * capital_value` less. 0 to 1; default 0.001 (a tenth of a score point), so
    /// that a cost of 1 to 4 tips close choices without outweighing what an action does.
    pub capital_value: f64,
    /// Utility lost per rung of an action's severity (0-5) when the escalation indicator is at
    /// the top of its range, scaled by the actor's `risk_aversion` and by how far the indicator
    /// is into its danger zone (`escalation.danger_from`). 0 to 1; default 0.004, so that an
    /// act of war near war costs about two score points to an actor of average risk aversion.
    pub risk_scale: f64,
    /// Utility of moving by 100 points the trust of an actor the decider remembers (generous
    /// tit-for-tat: +1 for a friend, -1 for a foe). 0 to 1; default 0.01 (one score point), so
    /// that memory steers near-ties and never outweighs an actor's interests.
    pub reciprocity_scale: f64,
    /// The chance each turn that an actor bound by a freeze would, with no deal, take a frozen
    /// action it wants: how much of that action a freeze is counted as preventing. A
    /// probability, 0 to 1; default 0.5, as likely as not each month.
    pub freeze_likelihood: f64,
    /// A permanent member votes no on a text when adoption costs it more than
    /// `abstain_margin`; it vetoes when the loss is above `veto_threshold`, and abstains
    /// otherwise. 0 to 1 (at 1 no text can cost that much, so nobody vetoes); default 0.004
    /// (0.4 score points), so that only a real loss is vetoed.
    pub veto_threshold: f64,
    /// The loss a member accepts before it opposes a text at all (the reluctance to stand
    /// against the Council). 0 to 1; default 0.0005 (a twentieth of a score point). Above
    /// `veto_threshold`, every "no" of a permanent member is a veto.
    pub abstain_margin: f64,
    /// Turns an actor's `temperature` into the softmax temperature of its choices, in utility:
    /// the AI picks option i with a chance proportional to e^(value_i / (temperature *
    /// temperature_scale)). 0 to 1 (0 makes every actor take its best option); default 0.1, so
    /// that the shipped temperatures (0.01 to 0.025) make an option a tenth to a quarter of a
    /// score point below the best about a third as likely: actors stray only between near-ties.
    pub temperature_scale: f64,
}

impl Tunables {
    /// The model's defaults, documented field by field; the one place they are written.
    pub const DEFAULT: Tunables = Tunables {
        capital_value: 0.001,
        risk_scale: 0.004,
        reciprocity_scale: 0.01,
        freeze_likelihood: 0.5,
        veto_threshold: 0.004,
        abstain_margin: 0.0005,
        temperature_scale: 0.1,
    };

    /// Each tunable as (name in the file, value), in the file's order.
    pub fn named(&self) -> [(&'static str, f64); 7] {
        [
            ("capital_value", self.capital_value),
            ("risk_scale", self.risk_scale),
            ("reciprocity_scale", self.reciprocity_scale),
            ("freeze_likelihood", self.freeze_likelihood),
            ("veto_threshold", self.veto_threshold),
            ("abstain_margin", self.abstain_margin),
            ("temperature_scale", self.temperature_scale),
        ]
    }

    /// The tunables set away from their defaults: (name, value, default).
    pub fn changed(&self) -> Vec<(&'static str, f64, f64)> {
        self.named()
            .into_iter()
            .zip(Self::DEFAULT.named())
            .filter(|((_, value), (_, default))| value.to_bits() != default.to_bits())
            .map(|((name, value), (_, default))| (name, value, default))
            .collect()
    }

    /// Whether every tunable has its default value (bit for bit).
    pub fn is_default(&self) -> bool {
        self.changed().is_empty()
    }
}

impl Default for Tunables {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Whether an indicator has one value for the world or one per actor.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum Scope {
    Global,
    PerActor,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    pub id: String,
    pub name: String,
    pub meaning: String,
    #[serde(default = "default_scope")]
    pub scope: Scope,
    pub min: f64,
    pub max: f64,
    pub start: f64,
}

fn default_scope() -> Scope {
    Scope::Global
}

/// Where a weight or an effect comes from: the essay's paragraphs, an entry of the public
/// record, or an assumption with its reason.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub enum Source {
    /// Paragraph numbers of the essay (`P13` is 13) and a paraphrase in our own words.
    Essay {
        paragraphs: Vec<u32>,
        paraphrase: String,
    },
    /// A fact of the public record that the essay does not state: when (an ISO date,
    /// `2017-08-05`), what happened, and where it is documented.
    Record {
        date: String,
        what: String,
        r#where: String,
    },
    /// Not in the essay nor in a record we cite: why we think it holds.
    Assumption { reason: String },
}

/// The text that `Essay` sources cite: how many paragraphs it has, and whose views each one
/// states (so that validation can warn when an actor's weights rest on paragraphs about others).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EssayDef {
    pub title: String,
    /// Paragraphs are numbered from P1 to this number.
    pub paragraphs: u32,
    /// For a paragraph, the actors whose own views or interests it states. Paragraphs left out
    /// are not judged.
    #[serde(default)]
    pub speaks_of: BTreeMap<u32, Vec<String>>,
}

/// Paragraphs of the essay the shipped scenarios are built from, for scenarios that do not
/// declare their essay.
pub const DEFAULT_ESSAY_PARAGRAPHS: u32 = 27;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActorDef {
    /// Three-letter code (`USA`); the key every other part of the scenario uses.
    pub code: String,
    pub name: String,
    /// A permanent member of the Security Council, with a veto: the same as
    /// `seat: Some(Permanent)`.
    #[serde(default)]
    pub permanent_member: bool,
    /// Its seat on the Security Council, permanent or elected for a span of months; none by
    /// default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<SeatDef>,
    #[serde(default)]
    pub posture: String,
    /// Political capital at the start and gained each turn; actions spend it.
    pub capital: f64,
    pub capital_per_turn: f64,
    /// Randomness of the AI's choices: 0 always picks the best; higher explores.
    #[serde(default = "default_temperature")]
    pub temperature: f64,
    /// How much the AI fears climbing the escalation ladder near war.
    #[serde(default = "default_risk_aversion")]
    pub risk_aversion: f64,
    /// Generous tit-for-tat: how readily it forgives a harmful move (0 never, 1 always).
    #[serde(default = "default_forgiveness")]
    pub forgiveness: f64,
    /// Starting values of per-actor indicators that differ from the indicator's default.
    #[serde(default)]
    pub start: BTreeMap<String, f64>,
    /// Trust in each other actor at the start, -100..100; missing pairs start at 0.
    #[serde(default)]
    pub trust: BTreeMap<String, f64>,
    pub interests: Vec<InterestDef>,
    /// Its allies, named in effects as the role `"allies"` (see `ROLES`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allies: Vec<AllyDef>,
}

/// An ally of an actor, with the source that makes it one.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AllyDef {
    pub actor: String,
    pub source: Source,
}

/// Words an effect may use in place of an actor's code, so that an action need not name the
/// actors it concerns: `"actor"`, the actor concerned (who takes the action, answers, votes...);
/// `"target"`, the actor an action is aimed at (its `target`); `"allies"`, each ally of the actor
/// concerned (the effect applies once for each). `Trust("allies", "actor")` is the trust each of
/// the actor's allies holds in it; `Of("standing", "target")` the standing of the action's target.
pub const ROLES: [&str; 3] = ["actor", "target", "allies"];

fn default_temperature() -> f64 {
    0.02
}
fn default_risk_aversion() -> f64 {
    1.0
}
fn default_forgiveness() -> f64 {
    0.3
}

/// What an interest, condition or effect refers to.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A global indicator.
    Indicator(String),
    /// A per-actor indicator of the actor concerned (the interest's owner, an action's taker).
    Own(String),
    /// A per-actor indicator of a named actor.
    Of(String, String),
    /// The trust between the actor concerned and a named actor, both ways averaged.
    Relation(String),
    /// The trust the first actor holds in the second.
    Trust(String, String),
    /// The trust a named actor holds in the actor concerned.
    TrustFrom(String),
    /// The trust every other actor holds in the actor concerned.
    TrustFromAll,
}

/// Which way an actor wants a value to move.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub enum Preference {
    Higher,
    Lower,
    /// An ideal point: the closer the better.
    Near(f64),
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct InterestDef {
    pub target: Target,
    pub prefers: Preference,
    /// 0..=1, relative to the actor's other interests.
    pub weight: f64,
    pub source: Source,
    /// Changes of this interest's preference or weight while a condition holds (a nuclear test
    /// that moves how much sanctioning an actor will accept), each with its own source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shifts: Vec<ShiftDef>,
}

/// A change in an interest while its conditions hold. Actors reconsider their interests at the
/// start of each turn, once the month's events have fired: a shift that holds then counts for the
/// whole turn. When several of an interest's shifts hold, the last one listed counts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ShiftDef {
    /// Every condition must hold (combine with `Any`, `All` and `Not`); `Own` targets are the
    /// actor's own.
    pub when: Vec<Condition>,
    /// Once it has held, the shift stays for the rest of the game.
    #[serde(default)]
    pub lasting: bool,
    /// The preference while it holds; by default the interest's own.
    #[serde(default)]
    pub prefers: Option<Preference>,
    /// The weight while it holds (0..=1); by default the interest's own.
    #[serde(default)]
    pub weight: Option<f64>,
    /// What the news says when the shift starts: `{actor}` is the actor's name.
    #[serde(default)]
    pub news: Option<String>,
    pub source: Source,
}

/// A condition on the state; used by preconditions, events, dynamics and endings. A list of
/// conditions holds when all of them hold; `Any`, `All` and `Not` combine them otherwise, nested
/// as deep as needed: `Any([Above(Indicator("tension"), 90.0), Not(DealStruck("freeze"))])`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Condition {
    Above(Target, f64),
    Below(Target, f64),
    /// From this turn on (1 is the first).
    TurnAtLeast(u32),
    TurnAtMost(u32),
    /// From this calendar month on: `"2017-09"` (a day, `"2017-09-03"`, stands for its month).
    /// Read as the turn of that month; the month must fall within the calendar.
    FromDate(String),
    /// Until this calendar month, that month included.
    UntilDate(String),
    /// At least one of these holds (at least one must be listed).
    Any(Vec<Condition>),
    /// Every one of these holds (at least one must be listed); useful inside `Any` and `Not`.
    All(Vec<Condition>),
    /// This does not hold.
    Not(Box<Condition>),
    /// A deal made from this proposal has been struck and is in force.
    DealInForce(String),
    /// This proposal has been struck at some point in the game.
    DealStruck(String),
    /// This action was taken (by anyone) within the last N turns, this one included.
    TakenWithin(String, u32),
    /// The Security Council adopted a text of this draft within the last N turns, this one
    /// included: a script can react to what the Council did.
    Adopted(String, u32),
    /// A party rejected a deal from this proposal within the last N turns, this one included: a
    /// script can react to a refusal.
    Rejected(String, u32),
    /// This actor took this action within the last N turns, this one included:
    /// `TakenBy("CHN", "enforce_sanctions", 1)`.
    TakenBy(String, String, u32),
    /// The actor concerned is not under a commitment freezing this kind of action.
    NotFrozen(String),
}

/// A change to a target, with a seeded spread around it (uniform in -spread..=spread).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    pub target: Target,
    pub change: f64,
    #[serde(default)]
    pub spread: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActionDef {
    pub id: String,
    pub name: String,
    /// Who may take it.
    pub actors: Vec<String>,
    /// The actor it is aimed at, if any: its effects may name it as the role `"target"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// A kind that commitments can freeze (`testing`, `exercises`).
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub cost: f64,
    /// Rung on the escalation ladder, 0 (none) to 5 (an act of war).
    #[serde(default)]
    pub severity: f64,
    #[serde(default)]
    pub preconditions: Vec<Condition>,
    pub effects: Vec<Effect>,
    /// One line for the news; `{actor}` is replaced by the actor's name.
    pub news: String,
    #[serde(default)]
    pub source: Option<Source>,
    /// A gesture worth less when repeated: see `FadeDef`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fades: Option<FadeDef>,
}

/// How a gesture repeated loses its effect: each time the same actor took the action in the
/// `months` months before, its effects are multiplied by `factor` once more (0.5 and 6: made every
/// other month, the fourth time carries an eighth). Its cost stays.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FadeDef {
    /// 0..1: 1 never fades, 0 counts only a first time.
    pub factor: f64,
    /// How far back a repetition is remembered, 1..=31 months.
    pub months: u32,
    pub source: Source,
}

/// One party's promise in a deal, for some turns: what it `commits` to (a freeze by default),
/// the kind of action it gives up (`freeze`: taking one breaks the deal), what it does each month
/// the deal holds (`steps`), and what breaking it costs besides the deal's own `on_break`.
///
/// ```ron
/// (actor: "PRK", freeze: "testing", turns: 6),
/// (actor: "USA", commits: Relief, freeze: "sanctions", turns: 6,
///  steps: [(target: Indicator("sanctions_pressure"), change: -3.0)]),
/// ```
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CommitmentDef {
    pub actor: String,
    /// What the promise is, for the words that tell it; `Freeze` when left out.
    #[serde(default, skip_serializing_if = "Commits::is_freeze")]
    pub commits: Commits,
    /// The kind of action given up; taking one breaks the deal. Needed by `Freeze` and
    /// `Suspend`; for the others, what would break the promise (none: it cannot be broken).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub freeze: String,
    pub turns: u32,
    /// Effects each month the deal holds, at the end of the month ("Own" is the committed
    /// actor), exactly (without spread): relief in steps, inspections, talks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Effect>,
    /// Effects on the committed actor when it breaks this promise, on top of the deal's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_break: Vec<Effect>,
}

/// The kinds of promise a deal can hold.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub enum Commits {
    /// Gives up a kind of action (a test freeze).
    #[default]
    Freeze,
    /// Stops an activity it has been carrying out (exercises), a kind of action too.
    Suspend,
    /// Eases pressure month by month (its `steps`).
    Relief,
    /// Lets others verify (its `steps`: trust, transparency).
    Verification,
    /// Takes part in talks (its `steps`: the peace process).
    Talks,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProposalDef {
    pub id: String,
    pub name: String,
    /// Who may table it; when several table it together they are co-authors.
    pub proposers: Vec<String>,
    /// Who must accept for the deal to be struck.
    pub parties: Vec<String>,
    /// Who is asked for its answer but holds no veto: the deal is struck on the parties' answers
    /// alone. A consulted actor's answer is told and its `on_accept` or `on_reject` applies to
    /// it; it makes no commitment (only proposers and parties can).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consulted: Vec<String>,
    pub commitments: Vec<CommitmentDef>,
    #[serde(default)]
    pub cost: f64,
    #[serde(default)]
    pub preconditions: Vec<Condition>,
    /// On each proposer when tabled ("Own" is the proposer).
    #[serde(default)]
    pub on_table: Vec<Effect>,
    /// On each party that accepts a text it did not write ("Own" is that party).
    #[serde(default)]
    pub on_accept: Vec<Effect>,
    /// On each party that rejects ("Own" is that party).
    #[serde(default)]
    pub on_reject: Vec<Effect>,
    /// On the world when the deal is struck ("Own" is each proposer).
    #[serde(default)]
    pub on_deal: Vec<Effect>,
    /// On an actor that breaks its commitment ("Own" is the breaker).
    #[serde(default)]
    pub on_break: Vec<Effect>,
    /// Turns to wait before it may be tabled again after a rejection.
    #[serde(default = "default_retable_after")]
    pub retable_after: u32,
    pub news: String,
    #[serde(default)]
    pub source: Option<Source>,
}

fn default_retable_after() -> u32 {
    3
}

/// A Security Council draft: texts from strongest to weakest; the drafter picks one.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DraftDef {
    pub id: String,
    pub name: String,
    pub drafters: Vec<String>,
    #[serde(default)]
    pub preconditions: Vec<Condition>,
    pub texts: Vec<DraftText>,
    /// Turns before the same draft may come back after a vote.
    #[serde(default = "default_retable_after")]
    pub retable_after: u32,
    #[serde(default)]
    pub source: Option<Source>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DraftText {
    pub name: String,
    /// On the world when adopted ("Own" is the drafter).
    pub effects: Vec<Effect>,
}

/// When an event fires.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub enum Trigger {
    /// At this turn (1 is the first).
    AtTurn(u32),
    /// In this calendar month, `"2017-09"` (a day, `"2017-09-03"`, stands for its month): at
    /// the turn of that month, whichever month the scenario starts in.
    OnDate(String),
    /// Any turn whose state meets the conditions, with a seeded chance.
    When {
        conditions: Vec<Condition>,
        chance: f64,
    },
}

/// What an event does.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub enum Outcome {
    /// Effects; "Own" targets are not allowed here.
    Effects(Vec<Effect>),
    /// A proposal is tabled by the named actors.
    Table { proposal: String, by: Vec<String> },
    /// A draft is tabled by the named actor and put to the vote.
    Draft { draft: String, by: String },
    /// An actor is made to take an action this turn.
    Order { actor: String, action: String },
    /// An actor is made to answer a proposal tabled this turn.
    Answer {
        proposal: String,
        actor: String,
        accept: bool,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    pub id: String,
    pub name: String,
    pub trigger: Trigger,
    /// Part of the historical script; switched off by `--no-script`.
    #[serde(default)]
    pub historical: bool,
    /// Fires at most once a game.
    #[serde(default = "default_true")]
    pub once: bool,
    pub outcomes: Vec<Outcome>,
    pub news: String,
    #[serde(default)]
    pub source: Option<Source>,
}

/// A flashpoint: an event held back for the teacher, injected at the start of any turn.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FlashpointDef {
    pub id: String,
    pub name: String,
    /// For the teacher's guide: when in a class it is worth injecting, and what it tests.
    pub use_when: String,
    pub outcomes: Vec<Outcome>,
    pub news: String,
    /// Required: the essay, a dated record, or an assumption with its reason.
    pub source: Source,
}

impl FlashpointDef {
    /// The flashpoint as an event that fires whenever it is injected (validated like one).
    pub fn as_event(&self) -> EventDef {
        EventDef {
            id: self.id.clone(),
            name: self.name.clone(),
            trigger: Trigger::When {
                conditions: Vec::new(),
                chance: 1.0,
            },
            historical: false,
            once: false,
            outcomes: self.outcomes.clone(),
            news: self.news.clone(),
            source: Some(self.source.clone()),
        }
    }
}

fn default_true() -> bool {
    true
}

/// A change applied each turn, optionally scaled by another value and only under conditions.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dynamic {
    /// A global indicator, a named actor's, or `Own(..)`: each actor's own (with
    /// `back_to_start` only).
    pub target: Target,
    #[serde(default)]
    pub change: f64,
    /// Multiply the change by this value (for example pressure times sanctions).
    #[serde(default)]
    pub per: Option<Target>,
    /// Instead of `change`: each month the value moves this share (0 to 1) of the way back to
    /// where it started, as in `back_to_start: Some(0.06)`. With `Own("standing")`, every
    /// actor's standing drifts back to its own start, so a new actor needs no line of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back_to_start: Option<f64>,
    #[serde(default)]
    pub when: Vec<Condition>,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EndingDef {
    pub id: String,
    pub name: String,
    pub description: String,
    /// All must hold. Empty only for the time-limit ending.
    #[serde(default)]
    pub when: Vec<Condition>,
}

/// An overlay that changes a base scenario: one of the essay's hypotheses, say.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VariantFile {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The `id` of the scenario it applies to.
    pub base: String,
    pub source: Source,
    pub changes: Vec<Change>,
}

/// One change a variant makes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub enum Change {
    /// Set the weight of an actor's interest in a target (added if the actor had none).
    Weight {
        actor: String,
        target: Target,
        prefers: Option<Preference>,
        weight: f64,
        source: Source,
    },
    /// Set an indicator's starting value (for a per-actor one, name the actor).
    Start {
        indicator: String,
        actor: Option<String>,
        value: f64,
    },
    /// Set the change of an action's effect on a target (added if the action had none).
    ActionEffect {
        action: String,
        target: Target,
        change: f64,
    },
    /// Set an actor's personality numbers.
    Personality {
        actor: String,
        temperature: Option<f64>,
        risk_aversion: Option<f64>,
        forgiveness: Option<f64>,
    },
    /// Set some of the model's constants (see `Tunables`); those left out keep the base's.
    Tunables {
        capital_value: Option<f64>,
        risk_scale: Option<f64>,
        reciprocity_scale: Option<f64>,
        freeze_likelihood: Option<f64>,
        veto_threshold: Option<f64>,
        abstain_margin: Option<f64>,
        temperature_scale: Option<f64>,
    },
}
