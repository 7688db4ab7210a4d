//! The after-action report of a recorded game: the timeline, indicators and scores over time,
//! the AI decisions that mattered with their reasons, every move where a team departed from
//! what its weights predicted (and what that cost or gained), which of the essay's hypotheses
//! best explains the decisions made, and discussion questions drawn from what happened. As a
//! document (HTML with inline SVG charts, or Markdown), CSV (one row per turn) or JSON.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::charts::{self, Bar, Series};
use super::document::{Block, Document};
use super::fit::{self, DecisionPoint, Fit};
use super::timeline::entry_line;
use crate::game::Score;
use crate::record::{self, GameRecord, RecordError};
use crate::scenario::{Scenario, Scope};

/// A candidate explanation: an id, a name, and the scenario it plays (the one played, or a
/// hypothesis as a variant of it).
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    pub scenario: Arc<Scenario>,
}

/// The essay's four hypotheses (the shipped variants) applied to the record's own scenario, at
/// the record's difficulty; a variant whose base is another scenario is left out.
pub fn shipped_hypotheses(record: &GameRecord) -> Vec<Candidate> {
    crate::scenario::SHIPPED_VARIANTS
        .iter()
        .filter_map(|(origin, source)| {
            let (variant, scenario) =
                crate::scenario::variant_of(&record.scenario, source, origin).ok()?;
            (variant.base == record.scenario.id).then(|| Candidate {
                id: variant.id,
                name: variant.name,
                scenario: Arc::new(record.difficulty.apply(&scenario)),
            })
        })
        .collect()
}

/// One month of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Month {
    pub turn: u32,
    pub month: String,
    pub flashpoints: Vec<String>,
    /// Team decisions taken from the advisor when time ran out.
    pub defaulted: Vec<String>,
    pub lines: Vec<String>,
}

/// An AI decision that mattered, with its reasons in sentences.
#[derive(Debug, Clone, Serialize)]
pub struct KeyDecision {
    pub turn: u32,
    pub month: String,
    pub actor: String,
    /// Who decided what, in words (the first reason begins with it).
    #[serde(skip)]
    pub headline: String,
    pub reasons: Vec<String>,
    /// The chosen option's value (change in the actor's utility, risks and costs counted).
    pub value: f64,
}

/// The whole report, as data.
#[derive(Debug, Clone, Serialize)]
pub struct AfterAction {
    pub scenario: String,
    pub seed: u64,
    pub ending: Option<String>,
    pub ending_name: Option<String>,
    pub ending_description: Option<String>,
    pub turns_played: u32,
    /// Actors played by teams (humans) at some point.
    pub teams: Vec<String>,
    pub months: Vec<String>,
    pub timeline: Vec<Month>,
    /// Global indicators by id: (name, value after each turn).
    pub indicators: BTreeMap<String, (String, Vec<f64>)>,
    /// Each actor's utility after each turn, 0-100.
    pub utilities: BTreeMap<String, Vec<f64>>,
    /// Each actor's score had the game stopped after each turn, 0-100.
    pub running_scores: BTreeMap<String, Vec<f64>>,
    pub scores: Vec<Score>,
    pub key_decisions: Vec<KeyDecision>,
    /// Every decision judged, with its chance under each hypothesis (in `hypotheses` order).
    pub decisions: Vec<DecisionPoint>,
    pub departures: Vec<DecisionPoint>,
    /// The scenario as played and each hypothesis, over every decision.
    pub hypotheses: Vec<Fit>,
    /// The same over the teams' own decisions (empty when no team played).
    pub hypotheses_teams: Vec<Fit>,
    pub questions: Vec<String>,
}

fn name_of(scenario: &Scenario, code: &str) -> String {
    scenario
        .actors
        .iter()
        .find(|a| a.code == code)
        .map_or(code.to_owned(), |a| a.name.clone())
}

/// Builds the report of a record, weighing the scenario as played and `hypotheses`.
pub fn build(
    recorded: &GameRecord,
    hypotheses: &[Candidate],
    origin: &str,
) -> Result<AfterAction, RecordError> {
    let game = record::replay(recorded, None, true, origin)?;
    let scenario = game.scenario().clone();
    let history = game.history();
    let mut candidates = vec![Candidate {
        id: "as_played".into(),
        name: "The scenario as played (no hypothesis)".into(),
        scenario: scenario.clone(),
    }];
    candidates.extend(hypotheses.iter().cloned());
    let scenarios: Vec<Arc<Scenario>> = candidates.iter().map(|c| c.scenario.clone()).collect();
    let decisions = fit::judge(recorded, &scenarios, origin)?;
    let names: Vec<(String, String)> = candidates
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    let hypotheses_all = fit::fits(&decisions, &names, |_| true);
    let hypotheses_teams = if decisions.iter().any(|d| d.human && !d.defaulted) {
        fit::fits(&decisions, &names, |d| d.human && !d.defaulted)
    } else {
        Vec::new()
    };

    let mut teams: Vec<String> = history
        .iter()
        .flat_map(|t| t.inputs.humans.iter().cloned())
        .collect();
    teams.sort();
    teams.dedup();
    let months: Vec<String> = history.iter().map(|t| t.month.clone()).collect();
    let timeline = history
        .iter()
        .map(|turn| Month {
            turn: turn.turn,
            month: turn.month.clone(),
            flashpoints: turn.inputs.flashpoints.clone(),
            defaulted: turn.inputs.defaulted.clone(),
            lines: turn
                .entries
                .iter()
                .map(|entry| entry_line(&scenario, entry))
                .collect(),
        })
        .collect();
    let mut indicators = BTreeMap::new();
    for indicator in scenario
        .indicators
        .iter()
        .filter(|i| i.scope == Scope::Global)
    {
        let label = scenario.slot_label(indicator.base_slot);
        let values = history
            .iter()
            .map(|t| t.indicators.get(&label).copied().unwrap_or(0.0))
            .collect();
        indicators.insert(indicator.id.clone(), (indicator.name.clone(), values));
    }
    let mut utilities: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut running_scores: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for actor in &scenario.actors {
        let values: Vec<f64> = history
            .iter()
            .map(|t| 100.0 * t.utility.get(&actor.code).copied().unwrap_or(0.0))
            .collect();
        let mut sum = 0.0;
        let running = values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                sum += v;
                sum / (i + 1) as f64
            })
            .collect();
        running_scores.insert(actor.code.clone(), running);
        utilities.insert(actor.code.clone(), values);
    }

    // The AI decisions that mattered: answers, votes and orders of consequence, the largest
    // values first, then in the order they happened.
    let mut key: Vec<KeyDecision> = Vec::new();
    for turn in history {
        for decision in &turn.decisions {
            let weighty = match decision.context.as_str() {
                "answer" | "vote" | "proposal" => decision.runner_up.is_some(),
                "orders" => scenario
                    .actions
                    .iter()
                    .find(|a| a.id == decision.choice)
                    .is_some_and(|a| a.severity >= 2.0 || a.cost >= 3.0),
                _ => false,
            };
            if weighty {
                key.push(KeyDecision {
                    turn: turn.turn,
                    month: turn.month.clone(),
                    actor: decision.actor.clone(),
                    headline: decision.headline(&scenario),
                    reasons: decision.sentences(&scenario),
                    value: decision.value,
                });
            }
        }
    }
    // The same choice made again (a proposal tabled and refused each season) is told once.
    let mut seen: Vec<String> = Vec::new();
    key.retain(|k| {
        if seen.contains(&k.headline) {
            false
        } else {
            seen.push(k.headline.clone());
            true
        }
    });
    key.sort_by(|a, b| b.value.abs().total_cmp(&a.value.abs()));
    key.truncate(10);
    key.sort_by_key(|k| k.turn);

    let departures: Vec<DecisionPoint> =
        decisions.iter().filter(|d| d.departed()).cloned().collect();
    let report = game.report();
    let ending = report
        .ending
        .as_ref()
        .and_then(|id| scenario.endings.iter().find(|e| &e.id == id));
    let mut after = AfterAction {
        scenario: scenario.name.clone(),
        seed: recorded.seed,
        ending: report.ending.clone(),
        ending_name: report.ending_name.clone(),
        ending_description: ending.map(|e| e.description.clone()),
        turns_played: report.turns_played,
        teams,
        months,
        timeline,
        indicators,
        utilities,
        running_scores,
        scores: report.scores,
        key_decisions: key,
        decisions,
        departures,
        hypotheses: hypotheses_all,
        hypotheses_teams,
        questions: Vec::new(),
    };
    after.questions = questions(&after, &scenario);
    Ok(after)
}

/// The best hypothesis (not the scenario as played) of a fit list.
fn best_hypothesis(fits: &[Fit]) -> Option<&Fit> {
    fits.iter()
        .filter(|f| f.id != "as_played")
        .max_by(|a, b| a.log_likelihood.total_cmp(&b.log_likelihood))
}

fn questions(report: &AfterAction, scenario: &Scenario) -> Vec<String> {
    let mut list = Vec::new();
    match report.ending.as_deref() {
        Some("stalemate") => list.push(
            "The game ended with no deal and no war: the fire keeps burning (P26). Which single decision, by which actor, came closest to changing that?"
                .to_owned(),
        ),
        None => list.push(format!(
            "After {} months there is no deal and no war yet. If the class played on, which ending would come next, and which actor could steer towards another?",
            report.turns_played
        )),
        Some(_) => list.push(format!(
            "The game ended in \"{}\" after {} months. Which decision made it possible, and who paid for it?",
            report.ending_name.clone().unwrap_or_default(),
            report.turns_played
        )),
    }
    if let Some(worst) = report
        .departures
        .iter()
        .max_by(|a, b| a.cost.abs().total_cmp(&b.cost.abs()))
    {
        list.push(format!(
            "In {}, {} chose {} where its weights pointed to {} ({} {:.1} points of expected utility). What did the team see that the weights do not?",
            worst.month,
            name_of(scenario, &worst.actor),
            worst.chosen.join(" and "),
            worst.advised.join(" and "),
            if worst.cost >= 0.0 { "it cost" } else { "it gained" },
            worst.cost.abs()
        ));
    }
    for month in report.timeline.iter().filter(|m| !m.flashpoints.is_empty()) {
        let tension = report.indicators.get("tension").map(|(_, v)| v);
        let before = month
            .turn
            .checked_sub(2)
            .and_then(|i| tension.and_then(|v| v.get(i as usize)));
        let after = tension.and_then(|v| v.get(month.turn as usize - 1));
        let change = match (before, after) {
            (Some(b), Some(a)) => format!(" Tension went from {b:.0} to {a:.0}."),
            _ => String::new(),
        };
        let names: Vec<String> = month
            .flashpoints
            .iter()
            .map(|id| {
                scenario
                    .flashpoints
                    .iter()
                    .find(|f| &f.id == id)
                    .map_or(id.clone(), |f| f.name.clone())
            })
            .collect();
        list.push(format!(
            "The teacher injected \"{}\" in {}.{change} Did any actor change course because of it, and was that what the essay would predict?",
            names.join("\", \""),
            month.month
        ));
    }
    let us_rejected = report.timeline.iter().find_map(|m| {
        m.lines
            .iter()
            .any(|l| l.starts_with("United States rejects \"Dual track"))
            .then(|| m.month.clone())
    });
    if let Some(month) = us_rejected {
        list.push(format!(
            "The United States rejected dual-track in {month}. The essay calls this a dilemma: leniency sets a precedent and shifts the initiative to China, intransigence looks hegemonic (P14, P17). Which cost showed up in the scores?"
        ));
    }
    if let Some(best) = best_hypothesis(&report.hypotheses) {
        list.push(format!(
            "The decisions fit \"{}\" best of the essay's four hypotheses. Does that match what the teams wrote in their position memos?",
            best.name
        ));
    }
    if let Some(top) = report
        .scores
        .iter()
        .max_by(|a, b| a.score.total_cmp(&b.score))
    {
        list.push(format!(
            "{} scored highest ({:.1}). Did it win by its own moves or by the others' choices?",
            top.name, top.score
        ));
    }
    list
}

impl AfterAction {
    /// The report as a document: HTML with charts, or Markdown.
    pub fn document(&self, scenario_name: &str) -> Document {
        let mut doc = Document::new(
            "After-action report",
            format!(
                "{scenario_name}, seed {}: {} months played, ending: {}{}",
                self.seed,
                self.turns_played,
                self.ending_name
                    .clone()
                    .unwrap_or_else(|| "none yet".into()),
                if self.teams.is_empty() {
                    ", all actors played by the AI".to_owned()
                } else {
                    format!(", teams played {}", self.teams.join(", "))
                }
            ),
        );
        doc.heading("How it ended");
        if let Some(description) = &self.ending_description {
            doc.paragraph(description.clone());
        }
        let mut scores = self.scores.clone();
        scores.sort_by(|a, b| b.score.total_cmp(&a.score));
        doc.table(
            &[
                "Actor",
                if self.ending.is_some() {
                    "Score (0-100)"
                } else {
                    "Score so far (0-100)"
                },
                "Played by",
            ],
            scores
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone(),
                        format!("{:.1}", s.score),
                        if self.teams.contains(&s.actor) {
                            "a team".to_owned()
                        } else {
                            "the AI".to_owned()
                        },
                    ]
                })
                .collect(),
            &[1],
        );

        doc.heading("Scores over time");
        let running: Vec<Series> = self
            .running_scores
            .iter()
            .map(|(code, values)| Series {
                label: code.clone(),
                values: values.clone(),
            })
            .collect();
        let (low, high) = range(running.iter().flat_map(|s| s.values.iter().copied()));
        let marks = self.flashpoint_marks();
        doc.push(Block::Figure {
            svg: charts::line_chart(&self.months, &running, low, high, &marks),
            caption: "Each actor's score had the game stopped that month (the mean of its utility so far).".into(),
            words: running
                .iter()
                .map(|s| format!("{} ends at {:.1}", s.label, s.values.last().copied().unwrap_or(0.0)))
                .collect::<Vec<_>>()
                .join("; "),
        });

        doc.heading("Indicators over time");
        let all: Vec<(&String, &(String, Vec<f64>))> = self.indicators.iter().collect();
        for chunk in all.chunks(5) {
            let series: Vec<Series> = chunk
                .iter()
                .map(|(_, (name, values))| Series {
                    label: name.clone(),
                    values: values.clone(),
                })
                .collect();
            doc.push(Block::Figure {
                svg: charts::line_chart(&self.months, &series, 0.0, 100.0, &marks),
                caption: "Shared indicators after each month (0-100).".into(),
                words: series
                    .iter()
                    .map(|s| {
                        format!(
                            "{} from {:.0} to {:.0}",
                            s.label,
                            s.values.first().copied().unwrap_or(0.0),
                            s.values.last().copied().unwrap_or(0.0)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            });
        }

        doc.heading("Which hypothesis explains the decisions best");
        doc.paragraph(
            "Each decision an actor made (answers, votes, orders; the historical script left out) \
             was weighed again under the scenario as played and under each of the essay's four \
             hypotheses, with the same look-ahead the AI decides by. A hypothesis explains the \
             game well when it makes the decisions actually taken likely. Relative likelihood: 1 \
             for the best; 0.1 means the decisions were ten times less likely under it.",
        );
        self.fit_section(&mut doc, &self.hypotheses, "all decisions");
        if !self.hypotheses_teams.is_empty() {
            doc.subheading("The teams' own decisions");
            self.fit_section(&mut doc, &self.hypotheses_teams, "team decisions");
        }

        doc.heading("Where the teams departed from their weights");
        if self.teams.is_empty() {
            doc.paragraph("No team played: every actor followed its weights.");
        } else if self.departures.is_empty() {
            doc.paragraph("Every team decision matched what its weights predicted.");
        } else {
            doc.paragraph(
                "A departure is a team decision other than the advisor's (its actor's weights at \
                 their best). Cost: the expected utility given up, in points of 0-100; a negative \
                 cost is a gain the weights did not foresee.",
            );
            doc.table(
                &["Month", "Team", "Decision", "Chose", "Weights said", "Cost"],
                self.departures
                    .iter()
                    .map(|d| {
                        vec![
                            d.month.clone(),
                            d.actor.clone(),
                            if d.subject.is_empty() {
                                d.kind.clone()
                            } else {
                                format!("{} on {}", d.kind, d.subject)
                            },
                            d.chosen.join(", "),
                            d.advised.join(", "),
                            format!("{:+.2}", d.cost),
                        ]
                    })
                    .collect(),
                &[5],
            );
        }
        let defaulted: Vec<String> = self
            .timeline
            .iter()
            .flat_map(|m| m.defaulted.iter().map(move |d| format!("{}: {d}", m.month)))
            .collect();
        if !defaulted.is_empty() {
            doc.paragraph(format!(
                "Time ran out, and the advisor answered, for: {}.",
                defaulted.join("; ")
            ));
        }

        doc.heading("Decisions that mattered, and the AI's reasons");
        for decision in &self.key_decisions {
            doc.push(Block::Paragraph(format!(
                "{} — {}",
                decision.month,
                decision.reasons.join(" ")
            )));
        }

        doc.heading("Timeline");
        doc.table(
            &["Month", "What happened"],
            self.timeline
                .iter()
                .map(|m| {
                    let mut lines = Vec::new();
                    for id in &m.flashpoints {
                        lines.push(format!("FLASHPOINT injected by the teacher: {id}."));
                    }
                    for d in &m.defaulted {
                        lines.push(format!("Time ran out: {d} (the advisor's answer)."));
                    }
                    lines.extend(m.lines.iter().cloned());
                    vec![m.month.clone(), lines.join(" · ")]
                })
                .collect(),
            &[],
        );

        doc.heading("Questions for discussion");
        doc.list(self.questions.clone());
        doc
    }

    fn flashpoint_marks(&self) -> Vec<(usize, String)> {
        self.timeline
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.flashpoints.is_empty())
            .map(|(i, m)| (i, m.flashpoints.join(", ")))
            .collect()
    }

    fn fit_section(&self, doc: &mut Document, fits: &[Fit], what: &str) {
        let mut ranked: Vec<&Fit> = fits.iter().collect();
        ranked.sort_by(|a, b| b.log_likelihood.total_cmp(&a.log_likelihood));
        let bars = ranked
            .iter()
            .enumerate()
            .map(|(style, f)| Bar {
                label: charts::clip(30, &f.name),
                value: f.relative,
                interval: None,
                style,
                note: format!("{:.3}", f.relative),
            })
            .collect();
        let best = best_hypothesis(fits);
        doc.push(Block::Figure {
            svg: charts::bar_chart(&[(String::new(), bars)], 0.0, 1.0, "relative likelihood"),
            caption: format!(
                "Relative likelihood of the {} decisions counted ({what}).",
                fits.first().map_or(0, |f| f.decisions)
            ),
            words: match best {
                Some(best) => format!(
                    "Of the four hypotheses, \"{}\" explains them best.",
                    best.name
                ),
                None => String::new(),
            },
        });
        doc.table(
            &[
                "Rank",
                "Explanation",
                "Log-likelihood",
                "Mean chance per decision",
                "Relative",
            ],
            ranked
                .iter()
                .enumerate()
                .map(|(rank, f)| {
                    vec![
                        (rank + 1).to_string(),
                        f.name.clone(),
                        format!("{:.2}", f.log_likelihood),
                        format!("{:.2}", f.mean_chance),
                        format!("{:.3}", f.relative),
                    ]
                })
                .collect(),
            &[0, 2, 3, 4],
        );
    }

    /// One row per turn: the global indicators, each actor's utility and running score, the
    /// flashpoints injected and the team decisions that timed out.
    pub fn csv(&self) -> String {
        let mut head = vec!["turn".to_owned(), "month".to_owned()];
        head.extend(self.indicators.keys().cloned());
        head.extend(self.utilities.keys().map(|c| format!("utility_{c}")));
        head.extend(self.running_scores.keys().map(|c| format!("score_{c}")));
        head.push("flashpoints".into());
        head.push("timed_out".into());
        let mut out = head.join(",");
        out.push('\n');
        for (i, month) in self.timeline.iter().enumerate() {
            let mut row = vec![month.turn.to_string(), month.month.clone()];
            let at = |values: &Vec<f64>| values.get(i).map_or(String::new(), |v| format!("{v:.3}"));
            row.extend(self.indicators.values().map(|(_, v)| at(v)));
            row.extend(self.utilities.values().map(at));
            row.extend(self.running_scores.values().map(at));
            row.push(csv_field(&month.flashpoints.join(" ")));
            row.push(csv_field(&month.defaulted.join("; ")));
            out.push_str(&row.join(","));
            out.push('\n');
        }
        out
    }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// A y range around the values, in steps of 5.
fn range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values {
        low = low.min(v);
        high = high.max(v);
    }
    if !low.is_finite() {
        return (0.0, 100.0);
    }
    // Four gridlines at round numbers: the span is a multiple of 20.
    let low = (((low - 2.0) / 5.0).floor() * 5.0).max(0.0);
    let span = ((high + 2.0 - low) / 20.0).ceil().max(1.0) * 20.0;
    let high = (low + span).min(100.0);
    ((high - span).max(0.0), high)
}
