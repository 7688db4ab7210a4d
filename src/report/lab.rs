//! The hypothesis lab page: the scenario and the essay's hypotheses (variants) played over the
//! same seeds, side by side; each ending's probability with its 95% interval; which differences
//! from the unchanged scenario are significant and which could be chance, in plain words; and,
//! from a sensitivity sweep, a tornado chart of the weights that move an ending most.

use super::charts::{self, Bar};
use super::document::{Block, Document};
use crate::batch::Summary;
use crate::batch::sweep::{Change, Sweep};

fn percent(value: f64) -> String {
    format!("{:.1}%", value * 100.0)
}

fn points(value: f64) -> String {
    format!("{:+.1} points", value * 100.0)
}

/// The lab page. `summaries[0]` is the unchanged scenario; `names` gives each summary's label a
/// readable name; `sweep` adds the tornado chart.
pub fn lab(
    summaries: &[Summary],
    names: &[(String, String)],
    sweep: Option<&Sweep>,
    about: &str,
) -> Document {
    let name = |label: &str| {
        names
            .iter()
            .find(|(l, _)| l == label)
            .map_or(label.to_owned(), |(_, n)| n.clone())
    };
    let mut doc = Document::new("The hypothesis lab", about.to_owned());
    doc.paragraph(
        "The essay offers four explanations of why the United States and China did not \
         cooperate: precedent in a new bipolar order (P13-P19), a crisis useful to both \
         (P20-P23), the Iran linkage (P24), and North Korea's own agenda (P26). Each is a variant \
         of the scenario that changes some interest weights. Here every version is played by the \
         AI over the same seeds, so the only difference between the columns is the hypothesis.",
    );
    if let Some(base) = summaries.first() {
        compare(&mut doc, base, summaries, &name);
    }
    if let Some(sweep) = sweep {
        tornado(&mut doc, sweep);
    }
    doc
}

/// The endings side by side, the differences in words, scores and escalation.
fn compare(
    doc: &mut Document,
    base: &Summary,
    summaries: &[Summary],
    name: &dyn Fn(&str) -> String,
) {
    doc.heading("How often each ending happens");
    // Endings no version ever reached are named in words, not drawn.
    let reached = |ending: &str| {
        summaries.iter().any(|s| {
            s.endings
                .iter()
                .any(|(e, rate)| e == ending && rate.rate > 0.0)
        })
    };
    let never: Vec<String> = base
        .endings
        .iter()
        .filter(|(ending, _)| !reached(ending))
        .map(|(ending, _)| ending.replace('_', " "))
        .collect();
    let groups: Vec<(String, Vec<Bar>)> = base
        .endings
        .iter()
        .filter(|(ending, _)| reached(ending))
        .map(|(ending, _)| {
            let bars = summaries
                .iter()
                .enumerate()
                .filter_map(|(style, summary)| {
                    summary
                        .endings
                        .iter()
                        .find(|(e, _)| e == ending)
                        .map(|(_, rate)| Bar {
                            label: charts::clip(32, &name(&summary.label)),
                            value: rate.rate,
                            interval: Some((rate.low, rate.high)),
                            style,
                            note: format!(
                                "{} [{}-{}]",
                                percent(rate.rate),
                                percent(rate.low),
                                percent(rate.high)
                            ),
                        })
                })
                .collect();
            (ending.replace('_', " "), bars)
        })
        .collect();
    let top = summaries
        .iter()
        .flat_map(|s| s.endings.iter().map(|(_, r)| r.high))
        .fold(0.0_f64, f64::max);
    let max = ((top * 10.0).ceil() / 10.0).clamp(0.1, 1.0);
    doc.push(Block::Figure {
        svg: charts::bar_chart(&groups, 0.0, max, "share of games, with 95% interval"),
        caption: format!(
            "{} games per column. The whisker is the 95% interval: with this many games, the true \
             share lies within it in 19 cases out of 20.",
            base.games
        ),
        words: if never.is_empty() {
            String::new()
        } else {
            format!("Never reached in any version: {}.", never.join(", "))
        },
    });
    let mut head = vec!["Ending".to_owned()];
    head.extend(summaries.iter().map(|s| name(&s.label)));
    doc.push(Block::Table {
        numeric: (1..head.len()).collect(),
        head,
        rows: base
            .endings
            .iter()
            .map(|(ending, _)| {
                let mut row = vec![ending.replace('_', " ")];
                row.extend(summaries.iter().map(|s| {
                    s.endings
                        .iter()
                        .find(|(e, _)| e == ending)
                        .map_or(String::new(), |(_, r)| {
                            format!(
                                "{} [{}-{}]",
                                percent(r.rate),
                                percent(r.low),
                                percent(r.high)
                            )
                        })
                }));
                row
            })
            .collect(),
    });

    doc.heading("Which differences are real");
    doc.paragraph(
        "A difference is called significant when its 95% interval (Newcombe's method) leaves out \
         zero: chance alone would rarely produce it. Otherwise the two versions cannot be told \
         apart with this many games; more games (--runs) narrow the intervals.",
    );
    let mut real = Vec::new();
    let mut unclear = Vec::new();
    for summary in summaries.iter().skip(1) {
        for (ending, rate) in &summary.endings {
            let Some((_, from)) = base.endings.iter().find(|(e, _)| e == ending) else {
                continue;
            };
            let change = Change::between(*from, *rate);
            if from.rate == 0.0 && rate.rate == 0.0 {
                continue;
            }
            let sentence = format!(
                "Under \"{}\", {} happens in {} of games against {} without it ({}, interval {} to {}).",
                name(&summary.label),
                ending.replace('_', " "),
                percent(rate.rate),
                percent(from.rate),
                points(change.change),
                points(change.low),
                points(change.high)
            );
            if change.significant() {
                real.push(sentence);
            } else {
                unclear.push(sentence);
            }
        }
    }
    doc.subheading("Significant: the hypothesis changes how the crisis ends");
    if real.is_empty() {
        doc.paragraph("None at this number of games.");
    } else {
        doc.list(real);
    }
    doc.subheading("Not significant: could be chance");
    if unclear.is_empty() {
        doc.paragraph("None.");
    } else {
        doc.list(unclear);
    }

    doc.heading("Scores and escalation");
    let mut head = vec!["".to_owned()];
    head.extend(summaries.iter().map(|s| name(&s.label)));
    let mut rows = vec![
        std::iter::once("mean length (months)".to_owned())
            .chain(summaries.iter().map(|s| format!("{:.1}", s.mean_turns)))
            .collect::<Vec<_>>(),
        std::iter::once("mean escalation".to_owned())
            .chain(
                summaries
                    .iter()
                    .map(|s| format!("{:.1}", s.mean_escalation)),
            )
            .collect(),
    ];
    for actor in base.mean_scores.keys() {
        rows.push(
            std::iter::once(format!("mean score {actor}"))
                .chain(summaries.iter().map(|s| {
                    s.mean_scores
                        .get(actor)
                        .map_or(String::new(), |v| format!("{v:.1}"))
                }))
                .collect(),
        );
    }
    doc.push(Block::Table {
        numeric: (1..head.len()).collect(),
        head,
        rows,
    });
}

/// The sweep's ranking for the ending it moves most, as a tornado chart, with the list in words.
fn tornado(doc: &mut Document, sweep: &Sweep) {
    doc.heading("Which weights matter most (sensitivity sweep)");
    let ending = sweep
        .base
        .iter()
        .map(|(ending, _)| ending.clone())
        .max_by(|a, b| {
            let reach = |e: &str| {
                sweep
                    .ranking(e)
                    .first()
                    .map_or(0.0, |(_, shift)| shift.change.change.abs())
            };
            reach(a).total_cmp(&reach(b)).then_with(|| b.cmp(a))
        })
        .unwrap_or_default();
    let ranking = sweep.ranking(&ending);
    let shown: Vec<_> = ranking.iter().take(12).collect();
    doc.paragraph(format!(
        "Each weight was moved down and up by {:.0}% of its value and the games replayed over the \
         same {} seeds. The bars show how far that moves the chance of {} (weight up minus weight \
         down), with the 95% interval; the longest bars are the assumptions the result rests on \
         most. A star marks a change whose interval leaves out zero.",
        sweep.delta * 100.0,
        sweep.runs,
        ending.replace('_', " ")
    ));
    let span = shown
        .iter()
        .map(|(_, s)| s.change.low.abs().max(s.change.high.abs()))
        .fold(0.01_f64, f64::max);
    let bars = shown
        .iter()
        .map(|(weight, shift)| Bar {
            label: charts::clip(32, &weight.weight),
            value: shift.change.change,
            interval: Some((shift.change.low, shift.change.high)),
            style: if shift.change.change >= 0.0 { 1 } else { 4 },
            note: format!(
                "{}{}",
                points(shift.change.change),
                if shift.change.significant() { " *" } else { "" }
            ),
        })
        .collect();
    doc.push(Block::Figure {
        svg: charts::bar_chart(
            &[(String::new(), bars)],
            -span,
            span,
            &format!("change in the chance of {}", ending.replace('_', " ")),
        ),
        caption: format!(
            "Tornado chart: the {} weights that move {} most.",
            shown.len(),
            ending.replace('_', " ")
        ),
        words: shown
            .iter()
            .take(3)
            .map(|(w, s)| format!("{} ({})", w.weight, points(s.change.change)))
            .collect::<Vec<_>>()
            .join("; "),
    });
}
