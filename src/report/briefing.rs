//! Briefing packs for the actors and the teacher's guide, as documents (HTML for print, or
//! Markdown). Everything comes from the scenario: interests with their weights and sources,
//! actions, deals, endings and flashpoints; the essay is cited by paragraph and paraphrased.

use super::document::{Block, Document};
use super::sources;
use crate::scenario::{Condition, Scenario, ScenarioFile, Target, format_number};

/// A target in words: "tension", "China's initiative", "trust between the two".
pub fn target_words(file: &ScenarioFile, target: &Target) -> String {
    let indicator = |id: &str| {
        file.indicators
            .iter()
            .find(|i| i.id == id)
            .map_or(id.to_owned(), |i| i.name.to_lowercase())
    };
    let actor = |code: &str| {
        file.actors
            .iter()
            .find(|a| a.code == code)
            .map_or(code.to_owned(), |a| a.name.clone())
    };
    match target {
        Target::Indicator(id) => indicator(id),
        Target::Own(id) => format!("its own {}", indicator(id)),
        Target::Of(id, code) => format!("{}'s {}", actor(code), indicator(id)),
        Target::Relation(code) => format!("relations with {}", actor(code)),
        Target::Trust(from, to) => format!("{}'s trust in {}", actor(from), actor(to)),
        Target::TrustFrom(code) => format!("{}'s trust in it", actor(code)),
        Target::TrustFromAll => "everyone's trust in it".to_owned(),
    }
}

/// A condition in words: "tension above 99".
pub fn condition_words(file: &ScenarioFile, condition: &Condition) -> String {
    let action_name = |id: &str| {
        file.actions
            .iter()
            .find(|a| a.id == id)
            .map_or(id.to_owned(), |a| a.name.to_lowercase())
    };
    let proposal = |id: &str| {
        file.proposals
            .iter()
            .find(|p| p.id == id)
            .map_or(id.to_owned(), |p| p.name.clone())
    };
    match condition {
        Condition::Above(target, value) => format!("{} above {value}", target_words(file, target)),
        Condition::Below(target, value) => format!("{} below {value}", target_words(file, target)),
        Condition::TurnAtLeast(turn) => format!("from turn {turn}"),
        Condition::TurnAtMost(turn) => format!("until turn {turn}"),
        Condition::DealInForce(id) => format!("the deal \"{}\" is in force", proposal(id)),
        Condition::DealStruck(id) => format!("the deal \"{}\" has been struck", proposal(id)),
        Condition::TakenWithin(action, turns) => {
            format!("a {}{}", action_name(action), within(*turns))
        }
        Condition::Adopted(id, turns) => {
            let name = file
                .drafts
                .iter()
                .find(|d| d.id == *id)
                .map_or(id.clone(), |d| d.name.clone());
            format!("the Council adopted \"{name}\"{}", within(*turns))
        }
        Condition::Rejected(id, turns) => {
            format!("a party rejected \"{}\"{}", proposal(id), within(*turns))
        }
        Condition::TakenBy(code, action, turns) => {
            let who = file
                .actors
                .iter()
                .find(|a| a.code == *code)
                .map_or(code.clone(), |a| a.name.clone());
            format!("{who}: {},{}", action_name(action), within(*turns))
        }
        Condition::NotFrozen(kind) => format!("{kind} not frozen by a deal"),
        Condition::FromDate(date) => format!("from {date}"),
        Condition::UntilDate(date) => format!("until {date}"),
        Condition::Any(conditions) => format!("any of ({})", listed(file, conditions, "; ")),
        Condition::All(conditions) => format!("all of ({})", listed(file, conditions, "; ")),
        Condition::Not(condition) => format!("not ({})", condition_words(file, condition)),
    }
}

/// " this month", " this month or last", " in the last 3 months": a window of turns, read as
/// months, that includes the current one.
fn within(turns: u32) -> String {
    match turns {
        0 | 1 => " this month".to_owned(),
        2 => " this month or last".to_owned(),
        _ => format!(" in the last {turns} months"),
    }
}

/// Conditions in words, joined by `separator` (" and " for a list that must all hold).
pub fn listed(file: &ScenarioFile, conditions: &[Condition], separator: &str) -> String {
    conditions
        .iter()
        .map(|c| condition_words(file, c))
        .collect::<Vec<_>>()
        .join(separator)
}

/// One of an actor's interest shifts, told for a briefing.
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftWords {
    /// The actor's interest it changes.
    pub interest: usize,
    /// When it holds: "while ..." or "once ... (for the rest of the game)".
    pub when: String,
    /// What the actor then wants: "sanctions pressure near 65".
    pub wants: String,
    pub weight: f64,
    pub source: crate::scenario::Source,
}

/// `actor`'s interest shifts in words, in the file's order.
pub fn shifts_in_words(scenario: &Scenario, actor: usize) -> Vec<ShiftWords> {
    let file = &scenario.file;
    let written = file.actors[actor]
        .interests
        .iter()
        .flat_map(|interest| &interest.shifts);
    scenario.actors[actor]
        .shifts
        .iter()
        .zip(written)
        .map(|(shift, def)| {
            let conditions = listed(file, &def.when, " and ");
            ShiftWords {
                interest: shift.interest,
                when: if shift.lasting {
                    format!("once {conditions} (for the rest of the game)")
                } else {
                    format!("while {conditions}")
                },
                wants: shift.label.clone(),
                weight: shift.weight,
                source: shift.source.clone(),
            }
        })
        .collect()
}

/// An actor's seat on the Security Council in words ("an elected seat from 2018-01 to 2018-06,
/// a vote without a veto"), or None when it has none.
pub fn seat_words(scenario: &Scenario, actor: usize) -> Option<String> {
    use crate::scenario::Seat;
    match scenario.actors[actor].seat {
        Seat::None => None,
        Seat::Permanent => Some("a permanent seat on the Security Council, with a veto".into()),
        Seat::Elected { from, until } => {
            let month = |turn| crate::sim::turn::month_label(scenario, turn);
            Some(format!(
                "an elected seat on the Security Council from {} to {}: a vote, without a veto",
                month(from),
                month(until)
            ))
        }
    }
}

fn endings_table(scenario: &Scenario) -> Block {
    let file = &scenario.file;
    let rows = file
        .endings
        .iter()
        .map(|ending| {
            let when = if ending.when.is_empty() {
                format!("{} months pass with no other ending", file.calendar.turns)
            } else {
                listed(file, &ending.when, " and ")
            };
            vec![ending.name.clone(), when, ending.description.clone()]
        })
        .collect();
    Block::Table {
        head: vec!["Ending".into(), "When".into(), "What it means".into()],
        rows,
        numeric: Vec::new(),
    }
}

/// The briefing pack of one actor: its situation, interests with weights and sources, actions,
/// what the others publicly want, the endings, and a position-memo prompt.
pub fn briefing(scenario: &Scenario, actor: usize) -> Document {
    let file = &scenario.file;
    let definition = &scenario.actors[actor];
    let code = &definition.code;
    let mut doc = Document::new(
        format!("Briefing: {} ({code})", definition.name),
        format!(
            "{}: {} monthly turns from {}-{:02}",
            scenario.name,
            scenario.calendar.turns,
            scenario.calendar.start_year,
            scenario.calendar.start_month
        ),
    );
    doc.heading("Your situation");
    doc.paragraph(scenario.description.clone());
    if !definition.posture.is_empty() {
        doc.paragraph(format!("Your posture: {}", definition.posture));
    }
    if let Some(seat) = seat_words(scenario, actor) {
        doc.paragraph(format!("You hold {seat}."));
    }
    doc.paragraph(format!(
        "Each month: news, diplomacy (proposals and answers, Security Council drafts and votes{}), \
         then up to {} secret orders, resolved at once. Your score is how well the state of the \
         world serves your interests below, averaged over the game; the AI is scored the same way.",
        match definition.seat {
            crate::scenario::Seat::Permanent => ", where you hold a veto",
            crate::scenario::Seat::Elected { .. } => ", where you hold an elected seat",
            crate::scenario::Seat::None => "",
        },
        scenario.calendar.orders_per_turn
    ));

    doc.heading("Your interests");
    doc.paragraph(
        "Strongest first. The weight (0 to 1) says how much each counts against the others. \
         Sources are the essay's paragraphs (P14 is paragraph 14), paraphrased; a dated public \
         record; or an assumption of the game's authors, with the reason.",
    );
    let mut interests: Vec<_> = definition.interests.iter().collect();
    interests.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let rows = interests
        .iter()
        .map(|interest| {
            vec![
                format!("{:.2}", interest.weight),
                interest.label.clone(),
                sources::gist(&interest.source),
                sources::cite(&interest.source),
            ]
        })
        .collect();
    doc.table(&["Weight", "You want", "Why", "Source"], rows, &[0]);
    let shifts = shifts_in_words(scenario, actor);
    if !shifts.is_empty() {
        doc.subheading("When your interests change");
        doc.paragraph(
            "Events can move what you want. At the start of each month, once its events have \
             happened, each of these applies while its condition holds.",
        );
        let rows = shifts
            .iter()
            .map(|shift| {
                vec![
                    shift.when.clone(),
                    format!("{:.2}", shift.weight),
                    shift.wants.clone(),
                    sources::gist(&shift.source),
                    sources::cite(&shift.source),
                ]
            })
            .collect();
        doc.table(&["When", "Weight", "You want", "Why", "Source"], rows, &[1]);
    }

    doc.heading("What you can do");
    let listing = sources::listing(scenario, None, &[], Some(code));
    let actions: Vec<Vec<String>> = file
        .actions
        .iter()
        .filter(|a| a.actors.iter().any(|c| c == code))
        .map(|action| {
            let effects = listing
                .items
                .iter()
                .find(|i| i.kind == "action" && i.id == action.id)
                .map(|i| i.effects.join(", "))
                .unwrap_or_default();
            vec![
                action.name.clone(),
                format!("{:.0}", action.cost),
                format!("{:.0}", action.severity),
                effects,
            ]
        })
        .collect();
    doc.table(
        &["Action", "Cost", "Escalation", "Effects (about)"],
        actions,
        &[1, 2],
    );
    let deals: Vec<String> = file
        .proposals
        .iter()
        .filter(|p| {
            p.proposers.contains(code) || p.parties.contains(code) || p.consulted.contains(code)
        })
        .map(|p| {
            let role = if p.proposers.contains(code) {
                "you may table it"
            } else if p.parties.contains(code) {
                "you are asked to answer"
            } else {
                "you are consulted: your answer is heard, but holds no veto"
            };
            let commitments: Vec<String> = scenario
                .proposal_index(&p.id)
                .map(|index| &scenario.proposals[index].commitments[..])
                .unwrap_or_default()
                .iter()
                .map(|c| format!("{} for {} months", c.words(scenario), c.turns))
                .collect();
            format!("{} ({role}): {}.", p.name, commitments.join("; "))
        })
        .collect();
    if !deals.is_empty() {
        doc.subheading("Deals");
        doc.list(deals);
    }

    doc.heading("What the others want, publicly");
    doc.paragraph(
        "Their stated positions as the essay and the public record give them; their exact \
         weights are theirs to know.",
    );
    let others: Vec<Vec<String>> = scenario
        .actors
        .iter()
        .filter(|other| other.code != *code)
        .map(|other| {
            let mut top: Vec<_> = other.interests.iter().collect();
            top.sort_by(|a, b| b.weight.total_cmp(&a.weight));
            let wants: Vec<String> = top
                .iter()
                .take(3)
                .map(|i| format!("{} ({})", i.label, sources::cite(&i.source)))
                .collect();
            vec![other.name.clone(), wants.join("; ")]
        })
        .collect();
    doc.table(&["Actor", "Wants most"], others, &[]);

    doc.heading("How the game can end");
    doc.push(endings_table(scenario));

    doc.heading("Your position memo");
    doc.push(Block::Callout(format!(
        "Before the first turn, write half a page as {}'s delegation: (1) your two most important \
         interests and the paragraph of the essay behind each; (2) what you will say to the \
         dual-track (freeze for freeze) proposal, and what would change your mind; (3) one actor \
         you will try to work with and what you can offer it; (4) the ending you fear most and \
         the move that would bring it closer.",
        definition.name
    )));
    doc.push(Block::WritingSpace(6));
    doc
}

/// The teacher's guide: objectives tied to the essay, a 90-minute plan, seats, flashpoints and
/// discussion questions with what the essay says.
pub fn teacher_guide(scenario: &Scenario) -> Document {
    let file = &scenario.file;
    let mut doc = Document::new(
        "Teacher's guide: a 90-minute class",
        format!(
            "{}: five actors, {} monthly turns from {}-{:02}, AI for every seat no team takes",
            scenario.name,
            scenario.calendar.turns,
            scenario.calendar.start_year,
            scenario.calendar.start_month
        ),
    );
    doc.heading("Learning objectives");
    doc.list(vec![
        "Explain why two powers that say they want the same outcome (a denuclearised peninsula, \
         no regime collapse) still fail to cooperate (P2-P7, P12)."
            .into(),
        "Describe the United States' dilemma: compromise and look lenient, shifting the \
         initiative to China, or hold firm and look like an unyielding hegemon (P13-P17)."
            .into(),
        "Weigh four explanations against what happens in play: precedent in a new bipolar order \
         (P13-P19), a crisis useful to both (P20-P23), the Iran linkage (P24), and North Korea's \
         own agenda (P26)."
            .into(),
        "Use evidence: cite the paragraph behind a position, and tell apart what the essay says, \
         what the public record adds, and what the game assumes."
            .into(),
    ]);

    doc.heading("The 90 minutes");
    doc.table(
        &["Minutes", "What happens", "Teacher does"],
        vec![
            vec!["0-10".into(), "Framing: the July 2017 situation, the essay's question (P12), the roles.".into(),
                 "Hand out the briefings printed with `peninsula brief --all --out briefings/`.".into()],
            vec!["10-25".into(), "Teams read their briefing and write the position memo.".into(),
                 "Walk round; ask each team for the paragraph behind its top interest.".into()],
            vec!["25-65".into(), "Play three to six turns (about 7 minutes each): diplomacy, then secret orders.".into(),
                 "Run the turn timer; when it runs out the advisor answers for the team, marked in the record. Inject one flashpoint (below); undo a turn if a team misread the rules.".into()],
            vec!["65-80".into(), "Debrief with the after-action report on the projector.".into(),
                 "`peninsula report class.ron --out report.html`: timeline, scores, departures, which hypothesis fits.".into()],
            vec!["80-90".into(), "Discussion (questions below) and the exit ticket: which hypothesis does your team's play support, and why?".into(),
                 "Show the lab page (`peninsula batch --runs 500 --variant ... --report lab.html`) if time allows.".into()],
        ],
        &[],
    );

    doc.heading("Who plays what");
    doc.list(vec![
        "Two teams (10-20 students): the United States and China. The essay is about these two \
         (P1, P12); everything else the AI plays by its weights."
            .into(),
        "Three teams (15-30): add North Korea, to test P26: a state with its own agenda, not a \
         token of the great powers."
            .into(),
        "Four or five teams: add South Korea (inter-Korean dialogue, P26) and Russia (co-author \
         of dual-track, P9, P15). With all five seats taken there is no AI left to compare \
         with, so keep at least one AI seat."
            .into(),
        "Leave to the AI whatever no team takes: its reasons are in the report, so the class can \
         ask why it did what it did."
            .into(),
    ]);

    model_settings(&mut doc, scenario);

    doc.heading("Flashpoints");
    if file.flashpoints.is_empty() {
        doc.paragraph("This scenario defines no flashpoints.");
    } else {
        doc.paragraph(
            "Inject one at the start of any turn: in the window's teacher mode, from the command \
             line with `peninsula run --flashpoint 3:moratorium_offer --record class.ron`, or \
             with `Class::inject` in the library. It is kept in the game record, so the replay \
             and the report show it.",
        );
        let listing = sources::listing(scenario, None, &[], None);
        let rows = file
            .flashpoints
            .iter()
            .map(|flashpoint| {
                let effects = listing
                    .items
                    .iter()
                    .find(|i| i.kind == "flashpoint" && i.id == flashpoint.id)
                    .map(|i| i.effects.join(", "))
                    .unwrap_or_default();
                vec![
                    format!("{} ({})", flashpoint.name, flashpoint.id),
                    flashpoint.use_when.clone(),
                    effects,
                    format!(
                        "{}: {}",
                        sources::cite(&flashpoint.source),
                        sources::gist(&flashpoint.source)
                    ),
                ]
            })
            .collect();
        doc.table(
            &["Flashpoint", "When to use it", "Effects (about)", "Source"],
            rows,
            &[],
        );
    }

    doc.heading("Discussion questions");
    let questions = [
        (
            "Both powers call for a peaceful resolution through dialogue. Why did that shared language not become shared action in your game?",
            "The essay lists the shared interests (denuclearisation, no regime change, the UN track: P4-P6) and asks why they diverge anyway (P12).",
        ),
        (
            "Should the United States have accepted dual-track? What would it have cost, and who would have gained the initiative?",
            "P14-P17: leniency damages the US image as leader and sets a precedent; intransigence feeds the narrative of a hegemon. China and Russia hold the only concrete proposal (P15).",
        ),
        (
            "Did anyone gain from keeping the crisis going?",
            "The cynical reading (P20-P23): China gains leverage on other issues, the US a reason for its presence in the South; the fire is tamed, not put out.",
        ),
        (
            "How much did North Korea's own choices decide the outcome?",
            "P26: the North has its own objectives; the answer lies in inter-Korean dialogue more than in the US-China dynamic. Its media even attacked China (P11).",
        ),
        (
            "Where did the game's assumptions matter? Find one weight marked as an assumption in your briefing and argue for a different value.",
            "The briefings mark every weight the essay does not support; `peninsula sweep` shows which weights move the endings most.",
        ),
    ];
    doc.table(
        &["Question", "What the essay says"],
        questions
            .iter()
            .map(|(q, note)| vec![(*q).to_owned(), (*note).to_owned()])
            .collect(),
        &[],
    );

    council_members(&mut doc, scenario);
    doc.heading("How the game can end");
    doc.push(endings_table(scenario));
    doc
}

/// The Security Council's members no team plays: their seats, how they vote, and why.
fn council_members(doc: &mut Document, scenario: &Scenario) {
    use crate::scenario::{Lean, Seat};
    let Some(council) = scenario.council.as_ref().filter(|c| !c.members.is_empty()) else {
        return;
    };
    doc.heading("The rest of the Security Council");
    doc.paragraph(format!(
        "A text passes with {} yes votes and no veto; an abstention is not a no. Besides the \
         actors with a seat, these members vote as they lean:",
        council.votes_needed
    ));
    let month = |turn| crate::sim::turn::month_label(scenario, turn);
    let lean = |lean: Lean| match lean {
        Lean::Yes => "yes".to_owned(),
        Lean::Abstain => "abstains".to_owned(),
        Lean::No => "no".to_owned(),
        Lean::With(actor) => format!("as {} votes", scenario.actors[actor].name),
        Lean::Majority => "as most actors voting do".to_owned(),
    };
    // A source shared with the member above is not printed again.
    let mut last = String::new();
    let rows = council
        .members
        .iter()
        .map(|member| {
            let seat = match member.seat {
                Seat::Elected { from, until } => format!("{} to {}", month(from), month(until)),
                _ => "permanent".to_owned(),
            };
            let votes = std::iter::once(lean(member.leaning))
                .chain(member.on.iter().map(|(draft, leaning)| {
                    format!("{}: {}", scenario.drafts[*draft].name, lean(*leaning))
                }))
                .collect::<Vec<_>>()
                .join("; ");
            let why = super::sources::gist(&member.source);
            let shown = if why == last {
                "As above.".to_owned()
            } else {
                why.clone()
            };
            last = why;
            vec![member.name.clone(), seat, votes, shown]
        })
        .collect();
    doc.table(&["Member", "Seat", "Votes", "Why"], rows, &[]);
}

/// The model's constants this scenario sets away from their defaults, if any: a teacher should
/// know when the AI weighs costs, risk or the veto differently from the shipped game.
fn model_settings(doc: &mut Document, scenario: &Scenario) {
    let changed = scenario.tunables.changed();
    if changed.is_empty() {
        return;
    }
    doc.heading("The model's settings");
    doc.paragraph(
        "This scenario changes some of the AI's model constants. Their defaults are assumptions \
         of the model, not findings of the essay; see `tunables` in the README.",
    );
    let rows = changed
        .into_iter()
        .map(|(name, value, default)| {
            vec![
                name.to_owned(),
                format_number(value),
                format_number(default),
                tunable_meaning(name).to_owned(),
            ]
        })
        .collect();
    doc.table(
        &["Setting", "Here", "Default", "What it does"],
        rows,
        &[1, 2],
    );
}

/// What a tunable does, in a few words for the teacher's guide.
fn tunable_meaning(name: &str) -> &'static str {
    match name {
        "capital_value" => "what a point of political capital is worth to the AI",
        "risk_scale" => "how much the AI fears escalating near war",
        "reciprocity_scale" => "how much the AI repays help and harm",
        "freeze_likelihood" => "how much of a frozen action a freeze is counted as preventing",
        "veto_threshold" => "the loss above which a permanent member vetoes a text",
        "abstain_margin" => "the loss above which a member opposes a text at all",
        "temperature_scale" => "how far every AI actor strays from its best option",
        _ => "",
    }
}
