//! A game's key events, counted as they happen: proposals tabled, answered and struck, Security
//! Council results, vetoes and yes votes, broken deals, and every action taken by each actor.
//! They are kept by what happened and the ids it names, and put into words ("dual_track tabled")
//! once, when the game is over, instead of for every entry.

use std::collections::BTreeMap;

use crate::agents::Vote;
use crate::sim::log::Entry;

/// What a key event is; the ids it names are kept beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A proposal tabled.
    Tabled,
    /// A party's answer to a proposal (accepted or not).
    Answered(bool),
    /// A deal struck from a proposal.
    Struck,
    /// A deal from a proposal broken by an actor.
    Broke,
    /// A draft's vote (adopted or not).
    Council(bool),
    /// A draft vetoed by an actor.
    Vetoed,
    /// A yes vote on a draft by an actor.
    VotedYes,
    /// An action taken by an actor.
    Order,
}

/// A key event's words, as batch tables and rows show them.
fn words(kind: Kind, first: &str, second: &str) -> String {
    match kind {
        Kind::Tabled => format!("{first} tabled"),
        Kind::Answered(accept) => format!(
            "{first}: {second} {}",
            if accept { "accepts" } else { "rejects" }
        ),
        Kind::Struck => format!("{first} struck"),
        Kind::Broke => format!("{first}: {second} breaks it"),
        Kind::Council(adopted) => format!("{first} {}", if adopted { "adopted" } else { "fails" }),
        Kind::Vetoed => format!("{first}: {second} vetoes"),
        Kind::VotedYes => format!("{first}: {second} votes yes"),
        Kind::Order => format!("{first} by {second}"),
    }
}

/// The key events of one game so far.
#[derive(Debug, Default)]
pub(super) struct KeyEvents {
    /// Each key seen: what it is, the ids it names, and how often.
    seen: Vec<(Kind, String, String, u32)>,
}

impl KeyEvents {
    /// Counts the key events in one entry.
    pub(super) fn count(&mut self, entry: &Entry) {
        match entry {
            Entry::Tabled { proposal, .. } => self.add(Kind::Tabled, proposal, ""),
            Entry::Answered {
                proposal,
                actor,
                accept,
                ..
            } => self.add(Kind::Answered(*accept), proposal, actor),
            Entry::DealStruck { proposal } => self.add(Kind::Struck, proposal, ""),
            Entry::Broke { actor, proposal } => self.add(Kind::Broke, proposal, actor),
            Entry::CouncilResult {
                draft,
                adopted,
                vetoed_by,
                ..
            } => {
                self.add(Kind::Council(*adopted), draft, "");
                for actor in vetoed_by {
                    self.add(Kind::Vetoed, draft, actor);
                }
            }
            Entry::Voted {
                draft,
                actor,
                vote: Vote::Yes,
                ..
            } => self.add(Kind::VotedYes, draft, actor),
            Entry::Order { actor, action, .. } => self.add(Kind::Order, action, actor),
            _ => {}
        }
    }

    fn add(&mut self, kind: Kind, first: &str, second: &str) {
        match self
            .seen
            .iter_mut()
            .find(|(k, a, b, _)| *k == kind && a == first && b == second)
        {
            Some((.., count)) => *count += 1,
            None => self
                .seen
                .push((kind, first.to_owned(), second.to_owned(), 1)),
        }
    }

    /// Every key in words, with its count.
    pub(super) fn into_words(self) -> BTreeMap<String, u32> {
        let mut counts = BTreeMap::new();
        for (kind, first, second, count) in self.seen {
            *counts.entry(words(kind, &first, &second)).or_insert(0) += count;
        }
        counts
    }
}
