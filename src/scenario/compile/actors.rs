//! Actors: their starting values and trust, personality, and interests with their sources.

use super::indicators::per_actor_ids;
use super::resolver::{Names, Resolver};
use super::sources::check_source;
use super::{Actor, Checker, Context, Indicator, Interest, Place, Seat, Shift};
use crate::scenario::error::format_number;
use crate::scenario::types::*;

/// Checks the actors and builds them; fills in their per-actor starting values in
/// `start_values` and returns the starting trust, `[from][to]`.
pub(super) fn actors(
    checker: &mut Checker,
    resolver: &Resolver,
    names: &Names,
    start_values: &mut [f64],
) -> (Vec<Actor>, Vec<Vec<f64>>) {
    let file = checker.file;
    let indicators = resolver.indicators;
    let actor_count = file.actors.len();
    let mut actors = Vec::new();
    let mut start_trust = vec![vec![0.0; actor_count]; actor_count];
    // Shift flags are numbered across all the actors.
    let mut flags = 0;
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
                    let known = per_actor_ids(indicators);
                    let message = format!(
                        "unknown indicator \"{indicator_id}\"; per-actor indicators: {}",
                        Checker::known(&known)
                    );
                    checker.problem(&child.with_anchor(indicator_id), message);
                }
            }
        }
        let seat = actor_seat(checker, def, &place);
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
        let mut shifts = Vec::new();
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
            check_weight(checker, interest.weight, &child.child("weight"));
            let mut source_place = child.child("source");
            source_place.anchors.push("source:".into());
            check_source(checker, &interest.source, &source_place);
            if let Some(target) = resolver.resolve(
                checker,
                &interest.target,
                Context::WithActor,
                &child.child("target"),
            ) {
                check_ideal(checker, resolver, target, interest.prefers, &child);
                for (number, def) in interest.shifts.iter().enumerate() {
                    // Each shift is found at its own `when`, after the interest's `shifts`.
                    let mut place = child.child(&format!("shifts[{number}]")).then("shifts:");
                    for _ in 0..=number {
                        place = place.then("when:");
                    }
                    let when = &place.child("when");
                    if def.when.is_empty() {
                        let message = "a shift needs at least one condition; to change the \
                                       interest for the whole game, change the interest itself"
                            .to_owned();
                        checker.problem(when, message);
                    }
                    let conditions =
                        resolver.conditions(checker, names, &def.when, Context::WithActor, when);
                    super::check_start_of_month(checker, &conditions, when);
                    if def.prefers.is_none() && def.weight.is_none() {
                        let message =
                            "a shift changes `prefers`, `weight` or both; give at least one"
                                .to_owned();
                        checker.problem(&place, message);
                    }
                    // What the shift leaves out is the interest's own, checked above.
                    if let Some(prefers) = def.prefers {
                        check_ideal(checker, resolver, target, prefers, &place.then("prefers:"));
                    }
                    if let Some(weight) = def.weight {
                        check_weight(checker, weight, &place.child("weight").then("weight:"));
                    }
                    let prefers = def.prefers.unwrap_or(interest.prefers);
                    let weight = def.weight.unwrap_or(interest.weight);
                    check_source(checker, &def.source, &place.child("source").then("source:"));
                    shifts.push(Shift {
                        interest: interests.len(),
                        flag: flags,
                        when: conditions,
                        lasting: def.lasting,
                        prefers,
                        weight,
                        news: def.news.clone(),
                        source: def.source.clone(),
                        label: interest_label(indicators, &interest.target, &prefers),
                    });
                    flags += 1;
                }
                interests.push(Interest {
                    target,
                    written: interest.target.clone(),
                    prefers: interest.prefers,
                    weight: interest.weight,
                    source: interest.source.clone(),
                    label: interest_label(indicators, &interest.target, &interest.prefers),
                });
            }
        }
        let allies = allies(checker, index, &place);
        actors.push(Actor {
            code: def.code.clone(),
            name: def.name.clone(),
            seat,
            posture: def.posture.clone(),
            capital: def.capital,
            capital_per_turn: def.capital_per_turn,
            temperature: def.temperature,
            risk_aversion: def.risk_aversion,
            forgiveness: def.forgiveness,
            interests,
            gauges: Vec::new(),
            actions: Vec::new(),
            reach: Vec::new(),
            shifts,
            allies,
        });
    }
    (actors, start_trust)
}

/// Checks actor `index`'s allies (known, not itself, each once, with a source) and gives them.
fn allies(checker: &mut Checker, index: usize, place: &Place) -> Vec<usize> {
    let def = &checker.file.actors[index];
    let mut allies = Vec::new();
    for (number, ally) in def.allies.iter().enumerate() {
        let at = place.child(&format!("allies[{number}]"));
        check_source(checker, &ally.source, &at.child("source"));
        let Some(actor) = checker.actor(&ally.actor, &at) else {
            continue;
        };
        if actor == index {
            let message = format!("{} cannot be its own ally", ally.actor);
            checker.problem(&at.with_anchor(&ally.actor), message);
        } else if allies.contains(&actor) {
            let message = format!("{} is named as an ally twice", ally.actor);
            checker.problem(&at.with_anchor(&ally.actor), message);
        } else {
            allies.push(actor);
        }
    }
    allies
}

/// An actor's seat on the Security Council: `seat`, or `permanent_member: true` for a
/// permanent one (not both).
fn actor_seat(checker: &mut Checker, def: &ActorDef, place: &Place) -> Seat {
    let place = place.child("seat");
    if def.permanent_member && def.seat.is_some() {
        checker.problem(
            &place,
            "both `permanent_member: true` and a `seat`: keep one (`seat: Some(Permanent)` is the \
             same as `permanent_member: true`)"
                .into(),
        );
    }
    let written = if def.permanent_member {
        Some(&SeatDef::Permanent)
    } else {
        def.seat.as_ref()
    };
    super::calendar::seat(checker, written, &place).unwrap_or(Seat::None)
}

/// A weight must be within 0..=1.
fn check_weight(checker: &mut Checker, weight: f64, place: &Place) {
    if !(0.0..=1.0).contains(&weight) {
        let message = format!(
            "weight {} is outside 0..1; weights are relative, 1 the strongest",
            format_number(weight)
        );
        checker.problem(place, message);
    }
}

/// An ideal point must be within its target's range.
fn check_ideal(
    checker: &mut Checker,
    resolver: &Resolver,
    target: super::Ref,
    prefers: Preference,
    place: &Place,
) {
    if let Preference::Near(point) = prefers {
        let (low, high) = resolver.bounds(target);
        if !(low..=high).contains(&point) {
            checker.problem(
                &place.child("prefers"),
                format!(
                    "ideal point {} is outside {}..{}",
                    format_number(point),
                    format_number(low),
                    format_number(high)
                ),
            );
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
