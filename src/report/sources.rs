//! Where every number comes from: each interest weight, action, proposal, draft, event and
//! monthly dynamic of a scenario (variants applied) with its source, so that a teacher or a
//! reviewer can check the scenario against the essay in one listing. Briefings use `describe`.

use std::fmt::Write as _;

use serde::Serialize;

use crate::scenario::{
    Change, Effect, Leaning, Outcome, Scenario, ScenarioFile, SeatDef, Source, Target, VariantFile,
};

/// How many of an actor's interest weights rest on each kind of source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub actor: String,
    pub essay: usize,
    pub record: usize,
    pub assumption: usize,
}

/// One interest weight and its source.
#[derive(Debug, Clone, Serialize)]
pub struct InterestSource {
    pub actor: String,
    /// In words: "lower tension", "its own initiative".
    pub interest: String,
    pub weight: f64,
    /// The variants that set this weight, when it differs from the base scenario.
    pub changed_by: Vec<String>,
    pub source: Source,
}

/// One action, proposal, draft or event, its effects in short, and its source.
#[derive(Debug, Clone, Serialize)]
pub struct ItemSource {
    /// "interest shift", "action", "fade", "proposal", "draft", "event", "flashpoint" or
    /// "variant change".
    pub kind: String,
    pub id: String,
    pub name: String,
    /// Who may take it, table it, draft it, or whom it names.
    pub actors: Vec<String>,
    /// "tension +4", "trust PRK->USA -2"...
    pub effects: Vec<String>,
    /// None when the scenario gives no source.
    pub source: Option<Source>,
}

/// A change applied every month and the reason given for it.
#[derive(Debug, Clone, Serialize)]
pub struct DynamicSource {
    pub change: String,
    pub reason: String,
}

/// A variant applied to the listing's scenario, with its own source.
#[derive(Debug, Clone, Serialize)]
pub struct VariantSource {
    pub id: String,
    pub name: String,
    pub source: Source,
}

/// Every weight and effect of a scenario with its source.
#[derive(Debug, Clone, Serialize)]
pub struct Listing {
    pub scenario: String,
    pub name: String,
    /// The essay's title and its number of paragraphs, when the scenario declares it.
    pub essay: Option<(String, u32)>,
    pub variants: Vec<VariantSource>,
    /// The actor the listing is limited to, if any.
    pub actor: Option<String>,
    pub counts: Vec<Counts>,
    pub interests: Vec<InterestSource>,
    pub items: Vec<ItemSource>,
    pub dynamics: Vec<DynamicSource>,
    /// Validation warnings about the citations (see `scenario::citation_warnings`).
    pub warnings: Vec<String>,
}

/// A source in one line: "paraphrase (P4, P10)", "what (record of 2017-08-05, where)" or
/// "assumption: reason".
pub fn describe(source: &Source) -> String {
    match source {
        Source::Essay {
            paragraphs,
            paraphrase,
        } => format!("{paraphrase} ({})", paragraph_list(paragraphs)),
        Source::Record {
            date,
            what,
            r#where,
        } => format!("{what} (record of {date}: {where})"),
        Source::Assumption { reason } => format!("assumption: {reason}"),
    }
}

fn paragraph_list(paragraphs: &[u32]) -> String {
    let cited: Vec<String> = paragraphs.iter().map(|p| format!("P{p}")).collect();
    cited.join(", ")
}

/// Counts of essay, record and assumption sources among each actor's interest weights.
pub fn counts(scenario: &Scenario) -> Vec<Counts> {
    scenario
        .actors
        .iter()
        .map(|actor| {
            let mut counts = Counts {
                actor: actor.code.clone(),
                ..Counts::default()
            };
            for interest in &actor.interests {
                match interest.source {
                    Source::Essay { .. } => counts.essay += 1,
                    Source::Record { .. } => counts.record += 1,
                    Source::Assumption { .. } => counts.assumption += 1,
                }
            }
            counts
        })
        .collect()
}

/// The listing of `scenario` (variants already applied), limited to `actor` when given.
/// `base` is the scenario before the variants, to mark the weights they changed.
pub fn listing(
    scenario: &Scenario,
    base: Option<&ScenarioFile>,
    variants: &[VariantFile],
    actor: Option<&str>,
) -> Listing {
    let file = &scenario.file;
    let concerns = |codes: &[String]| actor.is_none_or(|code| codes.iter().any(|c| c == code));
    let mut interests = Vec::new();
    for (definition, compiled) in file.actors.iter().zip(&scenario.actors) {
        if actor.is_some_and(|code| code != definition.code) {
            continue;
        }
        for (written, interest) in definition.interests.iter().zip(&compiled.interests) {
            let in_base = base.is_none_or(|base| {
                base.actors
                    .iter()
                    .find(|a| a.code == definition.code)
                    .is_some_and(|a| a.interests.contains(written))
            });
            let changed_by = if in_base {
                Vec::new()
            } else {
                variants
                    .iter()
                    .filter(|variant| {
                        variant.changes.iter().any(|change| {
                            matches!(change, Change::Weight { actor, target, .. }
                                if *actor == definition.code && *target == written.target)
                        })
                    })
                    .map(|variant| variant.id.clone())
                    .collect()
            };
            interests.push(InterestSource {
                actor: definition.code.clone(),
                interest: interest.label.clone(),
                weight: written.weight,
                changed_by,
                source: written.source.clone(),
            });
        }
    }

    let mut items = Vec::new();
    for (index, definition) in file.actors.iter().enumerate() {
        if !concerns(std::slice::from_ref(&definition.code)) {
            continue;
        }
        let compiled = &scenario.actors[index];
        for (shift, words) in compiled
            .shifts
            .iter()
            .zip(super::briefing::shifts_in_words(scenario, index))
        {
            let interest = &compiled.interests[shift.interest].label;
            items.push(ItemSource {
                kind: "interest shift".into(),
                id: format!("{} {interest}", definition.code),
                name: words.when,
                actors: vec![definition.code.clone()],
                effects: vec![format!("{} (weight {:.2})", words.wants, words.weight)],
                source: Some(shift.source.clone()),
            });
        }
    }
    for definition in &file.actors {
        for ally in &definition.allies {
            let pair = [definition.code.clone(), ally.actor.clone()];
            if concerns(&pair) {
                items.push(ItemSource {
                    kind: "ally".into(),
                    id: format!("{} {}", definition.code, ally.actor),
                    name: format!("{} is an ally of {}", ally.actor, definition.code),
                    actors: pair.to_vec(),
                    effects: vec![format!(
                        "effects that name \"allies\" of {} reach {}",
                        definition.code, ally.actor
                    )],
                    source: Some(ally.source.clone()),
                });
            }
        }
    }
    for action in &file.actions {
        if concerns(&action.actors) {
            items.push(ItemSource {
                kind: "action".into(),
                id: action.id.clone(),
                name: action.name.clone(),
                actors: action.actors.clone(),
                effects: effects(&action.effects),
                source: action.source.clone(),
            });
            if let Some(fade) = &action.fades {
                items.push(ItemSource {
                    kind: "fade".into(),
                    id: action.id.clone(),
                    name: action.name.clone(),
                    actors: action.actors.clone(),
                    effects: vec![format!(
                        "effects x{} for each time the same actor made it in the {} months before",
                        fade.factor, fade.months
                    )],
                    source: Some(fade.source.clone()),
                });
            }
        }
    }
    for proposal in &file.proposals {
        let mut actors = proposal.proposers.clone();
        for party in &proposal.parties {
            if !actors.contains(party) {
                actors.push(party.clone());
            }
        }
        if concerns(&actors) {
            let mut listed: Vec<String> = scenario
                .proposal_index(&proposal.id)
                .map(|index| &scenario.proposals[index].commitments[..])
                .unwrap_or_default()
                .iter()
                .map(|c| format!("{} for {} turns", c.words(scenario), c.turns))
                .collect();
            listed.extend(
                effects(&proposal.on_deal)
                    .into_iter()
                    .map(|e| format!("deal: {e}")),
            );
            items.push(ItemSource {
                kind: "proposal".into(),
                id: proposal.id.clone(),
                name: proposal.name.clone(),
                actors,
                effects: listed,
                source: proposal.source.clone(),
            });
        }
    }
    for draft in &file.drafts {
        if concerns(&draft.drafters) {
            items.push(ItemSource {
                kind: "draft".into(),
                id: draft.id.clone(),
                name: draft.name.clone(),
                actors: draft.drafters.clone(),
                effects: draft.texts.iter().map(|t| t.name.clone()).collect(),
                source: draft.source.clone(),
            });
        }
    }
    for member in file.security_council.iter().flat_map(|c| &c.members) {
        let with: Vec<String> = std::iter::once(&member.leaning)
            .chain(member.on.values())
            .filter_map(|leaning| match leaning {
                Leaning::With(code) => Some(code.clone()),
                _ => None,
            })
            .collect();
        if actor.is_none() || concerns(&with) {
            let seat = match &member.seat {
                SeatDef::Permanent => "permanent seat".to_owned(),
                SeatDef::Elected(from, until) => format!("elected, {from} to {until}"),
            };
            let leanings = std::iter::once(format!("votes {:?}", member.leaning))
                .chain(
                    member
                        .on
                        .iter()
                        .map(|(draft, leaning)| format!("on {draft}: {leaning:?}")),
                )
                .collect();
            items.push(ItemSource {
                kind: "council member".into(),
                id: member.name.clone(),
                name: seat,
                actors: with,
                effects: leanings,
                source: Some(member.source.clone()),
            });
        }
    }
    for (flashpoint, event) in &file.events_and_flashpoints() {
        let kind = if *flashpoint { "flashpoint" } else { "event" };
        let mut named = Vec::new();
        let mut listed = Vec::new();
        for outcome in &event.outcomes {
            match outcome {
                Outcome::Effects(list) => listed.extend(effects(list)),
                Outcome::Table { proposal, by } => {
                    named.extend(by.iter().cloned());
                    listed.push(format!("{} table {proposal}", by.join(" and ")));
                }
                Outcome::Draft { draft, by } => {
                    named.push(by.clone());
                    listed.push(format!("{by} drafts {draft}"));
                }
                Outcome::Order { actor, action } => {
                    named.push(actor.clone());
                    listed.push(format!("{actor} takes {action}"));
                }
                Outcome::Answer {
                    proposal,
                    actor,
                    accept,
                } => {
                    named.push(actor.clone());
                    let answer = if *accept { "accepts" } else { "rejects" };
                    listed.push(format!("{actor} {answer} {proposal}"));
                }
            }
        }
        if actor.is_none() || concerns(&named) {
            items.push(ItemSource {
                kind: kind.into(),
                id: event.id.clone(),
                name: event.name.clone(),
                actors: named,
                effects: listed,
                source: event.source.clone(),
            });
        }
    }
    for variant in variants {
        for change in &variant.changes {
            if let Change::ActionEffect {
                action,
                target,
                change,
            } = change
            {
                let takers = file
                    .actions
                    .iter()
                    .find(|a| &a.id == action)
                    .map(|a| a.actors.clone())
                    .unwrap_or_default();
                if concerns(&takers) {
                    items.push(ItemSource {
                        kind: "variant change".into(),
                        id: format!("{}: {action}", variant.id),
                        name: format!("{action} now moves {}", target_text(target)),
                        actors: takers,
                        effects: vec![format!("{} {change:+}", target_text(target))],
                        source: Some(variant.source.clone()),
                    });
                }
            }
        }
    }

    let dynamics = if actor.is_some() {
        Vec::new()
    } else {
        file.dynamics
            .iter()
            .map(|dynamic| DynamicSource {
                change: match (&dynamic.per, dynamic.back_to_start) {
                    (_, Some(rate)) => match &dynamic.target {
                        Target::Own(id) => format!(
                            "every actor's {id} back {:.0}% of the way to its own start",
                            rate * 100.0
                        ),
                        other => format!(
                            "{} back {:.0}% of the way to its start",
                            target_text(other),
                            rate * 100.0
                        ),
                    },
                    (Some(per), None) => format!(
                        "{} {:+} x {}",
                        target_text(&dynamic.target),
                        dynamic.change,
                        target_text(per)
                    ),
                    (None, None) => {
                        format!("{} {:+}", target_text(&dynamic.target), dynamic.change)
                    }
                },
                reason: dynamic.reason.clone(),
            })
            .collect()
    };

    Listing {
        scenario: scenario.id.clone(),
        name: scenario.name.clone(),
        essay: file.essay.as_ref().map(|e| (e.title.clone(), e.paragraphs)),
        variants: variants
            .iter()
            .map(|v| VariantSource {
                id: v.id.clone(),
                name: v.name.clone(),
                source: v.source.clone(),
            })
            .collect(),
        actor: actor.map(str::to_owned),
        counts: counts(scenario)
            .into_iter()
            .filter(|c| actor.is_none_or(|code| c.actor == code))
            .collect(),
        interests,
        items,
        dynamics,
        warnings: scenario
            .warnings
            .iter()
            .filter(|w| actor.is_none_or(|code| w.at.contains(&format!("[{code}]"))))
            .map(ToString::to_string)
            .collect(),
    }
}

fn target_text(target: &Target) -> String {
    match target {
        Target::Indicator(id) => id.clone(),
        Target::Own(id) => format!("own {id}"),
        Target::Of(id, actor) => format!("{id}[{actor}]"),
        Target::Relation(actor) => format!("relations with {actor}"),
        Target::Trust(from, to) => format!("trust {from}->{to}"),
        Target::TrustFrom(actor) => format!("trust from {actor}"),
        Target::TrustFromAll => "trust from all".into(),
    }
}

fn effects(list: &[Effect]) -> Vec<String> {
    list.iter()
        .map(|e| format!("{} {:+}", target_text(&e.target), e.change))
        .collect()
}

fn source_lines(source: Option<&Source>) -> String {
    match source {
        Some(Source::Essay {
            paragraphs,
            paraphrase,
        }) => format!("essay {}: {paraphrase}", paragraph_list(paragraphs)),
        Some(Source::Record {
            date,
            what,
            r#where,
        }) => format!("record {date}: {what} [{where}]"),
        Some(Source::Assumption { reason }) => format!("assumption: {reason}"),
        None => "no source given".into(),
    }
}

/// The listing as text for a reader.
pub fn render(listing: &Listing) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Sources of \"{}\" ({})",
        listing.name, listing.scenario
    );
    if let Some((title, paragraphs)) = &listing.essay {
        let _ = writeln!(out, "Essay: \"{title}\", paragraphs P1 to P{paragraphs}");
    }
    for variant in &listing.variants {
        let _ = writeln!(
            out,
            "Variant {} (\"{}\"): {}",
            variant.id,
            variant.name,
            source_lines(Some(&variant.source))
        );
    }
    if let Some(actor) = &listing.actor {
        let _ = writeln!(out, "Limited to {actor}.");
    }
    let _ = writeln!(
        out,
        "\nInterest weights by source:  essay  record  assumption"
    );
    for counts in &listing.counts {
        let _ = writeln!(
            out,
            "  {:<27}{:>6}  {:>6}  {:>10}",
            counts.actor, counts.essay, counts.record, counts.assumption
        );
    }
    let _ = writeln!(out, "\nInterests");
    let mut current = "";
    for interest in &listing.interests {
        if interest.actor != current {
            current = &interest.actor;
            let _ = writeln!(out, "  {current}");
        }
        let changed = if interest.changed_by.is_empty() {
            String::new()
        } else {
            format!("  [set by {}]", interest.changed_by.join(", "))
        };
        let _ = writeln!(
            out,
            "    {:.2}  {}{changed}\n          {}",
            interest.weight,
            interest.interest,
            source_lines(Some(&interest.source))
        );
    }
    for (kind, heading) in [
        (
            "interest shift",
            "Interest shifts (from the start of a month, while their conditions hold)",
        ),
        ("ally", "Allies"),
        ("action", "Actions"),
        ("fade", "Gestures that fade when repeated"),
        ("proposal", "Proposals"),
        ("draft", "Security Council drafts"),
        ("council member", "Security Council members no actor plays"),
        ("event", "Events"),
        ("flashpoint", "Flashpoints (injected by the teacher)"),
        ("variant change", "Changes made by variants"),
    ] {
        let items: Vec<&ItemSource> = listing.items.iter().filter(|i| i.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{heading}");
        for item in items {
            let actors = if item.actors.is_empty() {
                String::new()
            } else {
                format!(" ({})", item.actors.join(", "))
            };
            let _ = writeln!(
                out,
                "  {} \"{}\"{actors}\n          {}\n          {}",
                item.id,
                item.name,
                item.effects.join(", "),
                source_lines(item.source.as_ref())
            );
        }
    }
    if !listing.dynamics.is_empty() {
        let _ = writeln!(out, "\nMonthly dynamics");
        for dynamic in &listing.dynamics {
            let _ = writeln!(out, "  {}: {}", dynamic.change, dynamic.reason);
        }
    }
    if !listing.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings");
        for warning in &listing.warnings {
            let _ = writeln!(out, "  {warning}");
        }
    }
    out
}

/// A short citation: "P13, P14", "record of 2017-08-05", or "assumption".
pub fn cite(source: &Source) -> String {
    match source {
        Source::Essay { paragraphs, .. } => paragraph_list(paragraphs),
        Source::Record { date, .. } => format!("record of {date}"),
        Source::Assumption { .. } => "assumption".to_owned(),
    }
}

/// What a source says, in our words: the paraphrase, the recorded fact, or the assumption's
/// reason.
pub fn gist(source: &Source) -> String {
    match source {
        Source::Essay { paraphrase, .. } => paraphrase.clone(),
        Source::Record { what, r#where, .. } => format!("{what} ({where})"),
        Source::Assumption { reason } => reason.clone(),
    }
}
