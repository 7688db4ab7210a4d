//! An AI decision and its reasons, as the turn's log and the game records keep them: each
//! interest's contribution, the margin over the runner-up, and the weight that would have flipped
//! it. Plain data; `agents` makes them, everything above reads them.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;

/// Points of the 0-100 score in one unit of utility: every number a person reads about a
/// decision is in points.
pub const POINTS: f64 = 100.0;

/// The smallest value, in utility, shown among the reasons: half a hundredth of a point, the
/// least that prints as other than 0.00 points.
const SHOWN: f64 = 0.005 / POINTS;

/// What one interest (or one other term) added to the chosen option's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    /// "higher tension", "its own initiative", or a term like "political capital".
    pub label: String,
    pub value: f64,
    /// Essay paragraphs behind the weight; empty for records, assumptions and other terms.
    pub paragraphs: Vec<u32>,
    /// The date of the public-record entry behind the weight, when that is its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
}

/// The smallest change of one weight that would have made the runner-up win.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flip {
    pub interest: String,
    pub weight: f64,
    pub would_need: f64,
    pub paragraphs: Vec<u32>,
    /// The date of the public-record entry behind the weight, when that is its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
}

/// One AI decision and its reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub actor: String,
    /// "orders", "answer", "proposal", "vote".
    pub context: String,
    /// The proposal or draft decided on; empty for orders.
    #[serde(default)]
    pub subject: String,
    pub choice: String,
    pub value: f64,
    pub runner_up: Option<String>,
    /// Chosen value minus the runner-up's (negative when exploration picked a worse option).
    pub margin: f64,
    /// The chosen option's terms, largest first.
    pub contributions: Vec<Contribution>,
    pub flip: Option<Flip>,
    /// Every option weighed, with its value.
    pub options: Vec<(String, f64)>,
}

impl Decision {
    pub fn value_of(&self, label: &str) -> Option<f64> {
        self.options
            .iter()
            .find(|(option, _)| option == label)
            .map(|(_, value)| *value)
    }

    /// One line: the deciding reason, for timelines.
    pub fn short_reason(&self) -> String {
        let best = self
            .contributions
            .iter()
            .filter(|c| c.value > 1e-12)
            .max_by(|a, b| a.value.total_cmp(&b.value));
        let worst = self
            .contributions
            .iter()
            .filter(|c| c.value < -1e-12)
            .min_by(|a, b| a.value.total_cmp(&b.value));
        match (best, worst) {
            (Some(top), _) => format!(
                "for {}{}",
                top.label,
                cite(&top.paragraphs, top.record.as_deref())
            ),
            (None, Some(top)) => format!(
                "despite {}{}",
                top.label,
                cite(&top.paragraphs, top.record.as_deref())
            ),
            (None, None) => "nothing it weighs would change".to_owned(),
        }
    }

    /// What was decided, in words: "rejected \"Dual track\" rather than accept it".
    fn described(&self, scenario: &Scenario) -> String {
        let action = |id: &str| {
            scenario
                .actions
                .iter()
                .find(|a| a.id == id)
                .map_or(format!("\"{id}\""), |a| format!("\"{}\"", a.name))
        };
        let proposal = scenario
            .proposals
            .iter()
            .find(|p| p.id == self.subject)
            .map_or(self.subject.clone(), |p| p.name.clone());
        let draft = scenario
            .drafts
            .iter()
            .find(|d| d.id == self.subject)
            .map_or(self.subject.clone(), |d| d.name.clone());
        match (self.context.as_str(), self.choice.as_str()) {
            ("orders", "hold") => "gave no further order this month".to_owned(),
            ("orders", choice) => match self.runner_up.as_deref() {
                Some("hold") | None => format!("ordered {} rather than nothing", action(choice)),
                Some(runner) => {
                    format!("ordered {} rather than {}", action(choice), action(runner))
                }
            },
            ("answer", "accept") => format!("accepted \"{proposal}\" rather than reject it"),
            ("answer", _) => format!("rejected \"{proposal}\" rather than accept it"),
            ("proposal", "table") => format!("tabled \"{proposal}\""),
            ("proposal", _) => format!("chose not to table \"{proposal}\""),
            ("vote", "yes") => format!("voted for the text on \"{draft}\""),
            ("vote", _) => format!("would not vote for the text on \"{draft}\""),
            (_, choice) => format!("chose \"{choice}\""),
        }
    }

    /// Who decided what, in words: "United States rejected \"Dual track\" rather than accept it".
    pub fn headline(&self, scenario: &Scenario) -> String {
        let name = scenario
            .actors
            .iter()
            .find(|a| a.code == self.actor)
            .map_or(self.actor.clone(), |a| a.name.clone());
        format!("{name} {}", self.described(scenario))
    }

    /// Sentences for `--explain` and the window's "why": what was decided, what counted for and
    /// against it (with the essay paragraphs behind each weight), the margin, and the weight that
    /// would have flipped it. Margins and contributions are in points of the 0-100 score.
    pub fn sentences(&self, scenario: &Scenario) -> Vec<String> {
        let mut lines = Vec::new();
        let margin = match &self.runner_up {
            Some(_) if self.margin >= 0.0 => {
                format!(", by {:.2} points of its score", POINTS * self.margin)
            }
            Some(runner) => {
                let runner = match (self.context.as_str(), runner.as_str()) {
                    ("orders", "hold") => "giving no order".to_owned(),
                    ("orders", id) => scenario
                        .actions
                        .iter()
                        .find(|a| a.id == id)
                        .map_or(format!("\"{id}\""), |a| format!("\"{}\"", a.name)),
                    (_, other) => format!("\"{other}\""),
                };
                format!(
                    ", though it valued {runner} more by {:.2} points: its temperature lets it stray from its best option",
                    -POINTS * self.margin
                )
            }
            None => String::new(),
        };
        lines.push(format!("{}{margin}.", self.headline(scenario)));
        let list = |positive: bool| -> Vec<String> {
            self.contributions
                .iter()
                .filter(|c| {
                    if positive {
                        c.value >= SHOWN
                    } else {
                        c.value <= -SHOWN
                    }
                })
                .take(3)
                .map(|c| {
                    format!(
                        "{} ({:+.2} points{})",
                        c.label,
                        POINTS * c.value,
                        cite(&c.paragraphs, c.record.as_deref())
                    )
                })
                .collect()
        };
        let (for_it, against_it) = (list(true), list(false));
        if !for_it.is_empty() {
            lines.push(format!("In favour: {}.", for_it.join("; ")));
        }
        if !against_it.is_empty() {
            lines.push(format!("Against: {}.", against_it.join("; ")));
        }
        if self.margin < 0.0 {
            return lines;
        }
        if let Some(flip) = &self.flip {
            lines.push(format!(
                "It would have gone the other way had the weight on {} been {:.2} instead of {:.2}{}.",
                flip.interest,
                flip.would_need,
                flip.weight,
                if flip.paragraphs.is_empty() && flip.record.is_none() {
                    " (an assumption, not from the essay)".to_owned()
                } else {
                    format!(
                        " ({})",
                        cite(&flip.paragraphs, flip.record.as_deref()).trim_start_matches(", ")
                    )
                }
            ));
        } else if self.runner_up.is_some() {
            lines.push(
                "No change of a single weight within 0 to 1 would have reversed it.".to_owned(),
            );
        }
        lines
    }
}

/// ", P13, P14" or ", record of 2017-08-05"; empty for assumptions and other terms.
fn cite(paragraphs: &[u32], record: Option<&str>) -> String {
    if let Some(date) = record {
        format!(", record of {date}")
    } else if paragraphs.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = paragraphs.iter().map(|p| format!("P{p}")).collect();
        format!(", {}", list.join(", "))
    }
}
