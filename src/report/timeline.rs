//! One line per thing that happened in a turn, in words: the timeline of the command line and
//! of the after-action report.

use crate::agents::Vote;
use crate::scenario::Scenario;
use crate::sim::log::{Decider, Entry};

fn name<'a>(scenario: &'a Scenario, code: &'a str) -> &'a str {
    scenario
        .actors
        .iter()
        .find(|a| a.code == code)
        .map_or(code, |a| a.name.as_str())
}

fn proposal_name<'a>(scenario: &'a Scenario, id: &'a str) -> &'a str {
    scenario
        .proposals
        .iter()
        .find(|p| p.id == id)
        .map_or(id, |p| p.name.as_str())
}

fn draft_name<'a>(scenario: &'a Scenario, id: &'a str) -> &'a str {
    scenario
        .drafts
        .iter()
        .find(|d| d.id == id)
        .map_or(id, |d| d.name.as_str())
}

fn because(why: &Option<String>, decided: Decider) -> String {
    match (why, decided) {
        (Some(why), Decider::Script) => format!(" (scripted; {why})"),
        (None, Decider::Script) => " (scripted)".to_owned(),
        (_, Decider::Player) => " (player)".to_owned(),
        (Some(why), Decider::Ai) => format!(" ({why})"),
        (None, Decider::Ai) => String::new(),
    }
}

/// One line per entry.
pub fn entry_line(scenario: &Scenario, entry: &Entry) -> String {
    match entry {
        Entry::Event { news, .. } => format!("News: {news}"),
        Entry::Tabled {
            proposal,
            by,
            decided,
            why,
        } => {
            let names: Vec<&str> = by.iter().map(|c| name(scenario, c)).collect();
            format!(
                "{} {} \"{}\"{}",
                names.join(" and "),
                if names.len() == 1 { "tables" } else { "table" },
                proposal_name(scenario, proposal),
                because(why, *decided)
            )
        }
        Entry::Answered {
            proposal,
            actor,
            accept,
            decided,
            why,
        } => format!(
            "{} {} \"{}\"{}",
            name(scenario, actor),
            if *accept { "accepts" } else { "rejects" },
            proposal_name(scenario, proposal),
            because(why, *decided)
        ),
        Entry::DealStruck { proposal } => {
            format!("Deal struck: \"{}\"", proposal_name(scenario, proposal))
        }
        Entry::DealRejected {
            proposal,
            rejected_by,
        } => {
            let names: Vec<&str> = rejected_by.iter().map(|c| name(scenario, c)).collect();
            format!(
                "No deal on \"{}\": rejected by {}",
                proposal_name(scenario, proposal),
                names.join(", ")
            )
        }
        Entry::Drafted {
            draft,
            text,
            by,
            decided,
        } => format!(
            "{} puts \"{}\" to the Security Council: {}{}",
            name(scenario, by),
            draft_name(scenario, draft),
            text,
            because(&None, *decided)
        ),
        Entry::Voted {
            actor,
            vote,
            decided,
            why,
            ..
        } => {
            let word = match vote {
                Vote::Yes => "votes yes",
                Vote::Abstain => "abstains",
                Vote::Veto => "vetoes",
                Vote::No => "votes no",
            };
            format!(
                "  {} {word}{}",
                name(scenario, actor),
                because(why, *decided)
            )
        }
        Entry::CouncilResult {
            text,
            adopted,
            yes,
            needed,
            vetoed_by,
            unanimous,
            others,
            ..
        } => {
            let verdict = if *adopted {
                let how = if *unanimous {
                    "unanimously"
                } else {
                    "by majority"
                };
                format!("Security Council adopts \"{text}\" {how} ({yes} votes, {needed} needed)")
            } else if !vetoed_by.is_empty() {
                let names: Vec<&str> = vetoed_by.iter().map(|c| name(scenario, c)).collect();
                format!("\"{text}\" fails: vetoed by {}", names.join(", "))
            } else {
                format!("\"{text}\" fails: {yes} votes, {needed} needed")
            };
            match others_in_words(others) {
                Some(words) => format!("{verdict}; {words}"),
                None => verdict,
            }
        }
        Entry::Order {
            news, decided, why, ..
        } => format!("{news}{}", because(why, *decided)),
        Entry::OrderRefused {
            actor,
            action,
            reason,
        } => {
            let name = name(scenario, actor);
            let possessive = if name.ends_with('s') {
                format!("{name}'")
            } else {
                format!("{name}'s")
            };
            format!("{possessive} order \"{action}\" is void: {reason}")
        }
        Entry::Broke { actor, proposal } => {
            format!(
                "{} breaks its commitment under \"{}\"",
                name(scenario, actor),
                proposal_name(scenario, proposal)
            )
        }
        Entry::Ending { name: ending, .. } => format!("Ending: {ending}"),
        Entry::Shifted { news, .. } => format!("News: {news}"),
    }
}

/// The votes of the members no actor plays, counted: "the other members: 10 yes, 2 abstain";
/// None when there are none.
pub fn others_in_words(others: &[(String, Vote)]) -> Option<String> {
    if others.is_empty() {
        return None;
    }
    let counts: Vec<String> = [
        (Vote::Yes, "yes"),
        (Vote::No, "no"),
        (Vote::Abstain, "abstain"),
        (Vote::Veto, "veto"),
    ]
    .iter()
    .filter_map(|(vote, word)| {
        let count = others.iter().filter(|(_, v)| v == vote).count();
        (count > 0).then(|| format!("{count} {word}"))
    })
    .collect();
    Some(format!("the other members: {}", counts.join(", ")))
}
