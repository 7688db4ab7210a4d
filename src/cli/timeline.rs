//! The readable timeline of a game: month by month, who did what and why, the changes that
//! mattered, the ending and the scores.

use std::fmt::Write;

use crate::game::GameReport;
use crate::scenario::{Scenario, Scope};

pub use crate::report::timeline::entry_line;

/// The whole timeline as text.
pub fn render(scenario: &Scenario, report: &GameReport, explain: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (seed {}{})",
        report.scenario,
        report.seed,
        if report.no_script { ", no script" } else { "" }
    );
    let mut previous: Vec<f64> = scenario.start_values.clone();
    for record in &report.turns {
        let _ = writeln!(out, "\n{}  turn {}", record.month, record.turn);
        for entry in &record.entries {
            let _ = writeln!(out, "  {}", entry_line(scenario, entry));
        }
        if explain {
            for decision in &record.decisions {
                if decision.choice == "hold" && decision.context == "proposal" {
                    continue;
                }
                for line in decision.sentences(scenario) {
                    let _ = writeln!(out, "    why: {line}");
                }
            }
        }
        let mut changes = Vec::new();
        for indicator in scenario
            .indicators
            .iter()
            .filter(|i| i.scope == Scope::Global)
        {
            let now = record.indicators.get(&indicator.id).copied().unwrap_or(0.0);
            let before = previous[indicator.base_slot];
            if format!("{before:.0}") != format!("{now:.0}") {
                changes.push(format!("{} {:.0}→{:.0}", indicator.id, before, now));
            }
            previous[indicator.base_slot] = now;
        }
        if !changes.is_empty() {
            let _ = writeln!(out, "  Changes: {}", changes.join(", "));
        }
    }
    let _ = writeln!(out);
    match &report.ending_name {
        Some(ending) => {
            let description = scenario
                .endings
                .iter()
                .find(|e| Some(&e.id) == report.ending.as_ref());
            let _ = writeln!(
                out,
                "Ending after {} turn(s): {}{}",
                report.turns_played,
                ending,
                description.map_or(String::new(), |e| format!(". {}", e.description))
            );
        }
        None => {
            let _ = writeln!(
                out,
                "Stopped after {} turn(s) with no ending yet.",
                report.turns_played
            );
        }
    }
    let scores: Vec<String> = report
        .scores
        .iter()
        .map(|s| format!("{} {:.1}", s.actor, s.score))
        .collect();
    let _ = writeln!(
        out,
        "Scores (mean utility over the game, 0-100): {}",
        scores.join("  ")
    );
    out
}
