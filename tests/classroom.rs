//! The classroom kit: briefing packs and the teacher's guide, flashpoints (validated, injected,
//! recorded, replayed), undo, the turn timer's default answer, the after-action report of a
//! recorded game, the lab page, and a scripted class from first turn to report.

mod common;

use std::sync::Arc;

use peninsula::agents::Vote;
use peninsula::classroom::{Class, Question, Reply, Request};
use peninsula::game::Game;
use peninsula::record::{self, GameRecord};
use peninsula::report::after_action::{self, AfterAction};
use peninsula::report::{briefing, lab};
use peninsula::scenario::{self, Source};

fn korea_source() -> &'static str {
    scenario::DEFAULT_SCENARIO_SOURCE
}

#[test]
fn every_actor_has_a_briefing_with_its_interests_weights_and_citations() {
    let korea = common::korea();
    for (index, actor) in korea.actors.iter().enumerate() {
        let document = briefing::briefing(&korea, index);
        let text = document.to_markdown();
        let html = document.to_html();
        assert!(text.contains(&format!("Briefing: {} ({})", actor.name, actor.code)));
        for interest in &actor.interests {
            assert!(
                text.contains(&interest.label),
                "{}: {} missing",
                actor.code,
                interest.label
            );
            assert!(text.contains(&format!("{:.2}", interest.weight)));
            match &interest.source {
                Source::Essay { paragraphs, .. } => {
                    let cited: Vec<String> = paragraphs.iter().map(|p| format!("P{p}")).collect();
                    assert!(
                        text.contains(&cited.join(", ")),
                        "{}: {cited:?}",
                        actor.code
                    );
                }
                Source::Record { date, .. } => assert!(text.contains(date)),
                Source::Assumption { reason } => assert!(text.contains(reason.as_str())),
            }
        }
        for needed in [
            "Your interests",
            "What you can do",
            "What the others want, publicly",
            "How the game can end",
            "Your position memo",
            "Stalemate",
        ] {
            assert!(text.contains(needed), "{}: no {needed}", actor.code);
        }
        // Self-contained and printable: no scripts, nothing fetched, A4 print rules.
        assert!(!html.contains("<script"));
        assert!(!html.contains("src=\"http"));
        assert!(!html.contains("<link"));
        assert!(html.contains("@page { size: A4"));
    }
}

#[test]
fn the_teachers_guide_has_the_plan_the_seats_every_flashpoint_and_the_questions() {
    let korea = common::korea();
    let text = briefing::teacher_guide(&korea).to_markdown();
    for needed in [
        "Learning objectives",
        "The 90 minutes",
        "Who plays what",
        "Discussion questions",
        "What the essay says",
        "P13-P17",
    ] {
        assert!(text.contains(needed), "no {needed}");
    }
    assert!(korea.flashpoints.len() >= 3);
    for flashpoint in &korea.file.flashpoints {
        assert!(text.contains(&flashpoint.name));
        assert!(text.contains(&flashpoint.use_when));
    }
}

#[test]
fn an_ending_combining_and_dating_its_conditions_is_told_in_words() {
    let source = std::fs::read_to_string(common::root().join("tests/fixtures/minimal.ron"))
        .expect("fixture exists");
    let war = "when: [Above(Indicator(\"tension\"), 99.0)]";
    assert!(source.contains(war), "fixture changed");
    let text = source.replacen(
        war,
        "when: [FromDate(\"2017-09\"), Any([Above(Indicator(\"tension\"), 90.0), \
         Not(All([DealStruck(\"freeze\"), UntilDate(\"2017-10\")]))])]",
        1,
    );
    let scenario = scenario::load_scenario_str(&text, "edited.ron").expect("valid");
    // The words the briefings print and the window shows.
    assert_eq!(
        briefing::listed(&scenario.file, &scenario.file.endings[0].when, " and "),
        "from 2017-09 and any of (tension above 90; not (all of (the deal \"Test freeze\" has \
         been struck; until 2017-10)))"
    );
}

#[test]
fn the_shipped_flashpoints_are_cited_or_marked_as_assumptions_with_a_reason() {
    let korea = common::korea();
    let ids: Vec<&str> = korea.flashpoints.iter().map(|f| f.id.as_str()).collect();
    for needed in [
        "debris_near_japan",
        "moratorium_offer",
        "china_widens_trade",
    ] {
        assert!(ids.contains(&needed), "{ids:?}");
    }
    for flashpoint in &korea.file.flashpoints {
        match &flashpoint.source {
            Source::Essay { paragraphs, .. } => assert!(!paragraphs.is_empty()),
            Source::Record { date, .. } => assert!(date.starts_with("20")),
            Source::Assumption { reason } => assert!(reason.len() > 40),
        }
    }
}

#[test]
fn a_broken_flashpoint_is_refused_with_file_line_and_column() {
    let broken = korea_source().replacen(
        "(target: Of(\"leverage\", \"CHN\"), change: 4.0, spread: 1.0),\n                (target: Of(\"standing\", \"CHN\"), change: -3.0",
        "(target: Of(\"leverage\", \"XYZ\"), change: 4.0, spread: 1.0),\n                (target: Of(\"standing\", \"CHN\"), change: -3.0",
        1,
    );
    assert_ne!(
        broken,
        korea_source(),
        "the flashpoint text to break was found"
    );
    let error = scenario::load_scenario_str(&broken, "mine.ron")
        .expect_err("an unknown actor in a flashpoint is refused")
        .to_string();
    assert!(error.contains("mine.ron:"), "{error}");
    assert!(error.contains("flashpoints[china_widens_trade]"), "{error}");
    assert!(error.contains("XYZ"), "{error}");
    let line: usize = error
        .split(':')
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .expect("a line number");
    assert!(
        broken
            .lines()
            .nth(line - 1)
            .is_some_and(|l| l.contains("XYZ") || l.contains("china_widens_trade")),
        "{error}"
    );
}

#[test]
fn an_empty_flashpoint_list_leaves_the_scenario_and_its_hash_as_before() {
    // A scenario without flashpoints writes no `flashpoints` field, so its canonical form, and
    // with it the hash every record carries, is what it was before flashpoints existed.
    let golden =
        record::load(&common::root().join("tests/golden/historical_seed1.ron")).expect("loads");
    assert!(golden.scenario.flashpoints.is_empty());
    let text = ron::to_string(&golden.scenario).expect("writes");
    assert!(!text.contains("flashpoints"));
    let compiled = scenario::compile(golden.scenario.clone(), &text, "golden").expect("valid");
    assert_eq!(compiled.hash, golden.scenario_hash);
    let mut file = scenario::parse_scenario(korea_source(), "korea").expect("parses");
    assert!(!file.flashpoints.is_empty());
    file.flashpoints.clear();
    assert!(
        !ron::to_string(&file)
            .expect("writes")
            .contains("flashpoints")
    );
}

#[test]
fn an_injected_flashpoint_fires_next_turn_is_recorded_and_replays() {
    let korea = common::korea();
    let mut plain = Game::new(korea.clone(), 4, false);
    let mut shocked = Game::new(korea.clone(), 4, false);
    plain.play(Some(2));
    shocked.play(Some(2));
    let unknown = shocked.inject_flashpoint("meteor").expect_err("unknown");
    assert!(
        unknown.to_string().contains("debris_near_japan"),
        "{unknown}"
    );
    shocked
        .inject_flashpoint("debris_near_japan")
        .expect("known");
    assert_eq!(shocked.waiting_flashpoints(), ["debris_near_japan"]);
    plain.play(Some(4));
    shocked.play(Some(4));
    let third = &shocked.history()[2];
    assert_eq!(third.inputs.flashpoints, ["debris_near_japan"]);
    assert!(shocked.history()[3].inputs.flashpoints.is_empty());
    assert!(third.entries.iter().any(|e| matches!(
        e,
        peninsula::sim::log::Entry::Event { event, .. } if event == "debris_near_japan"
    )));
    assert_eq!(
        plain.history()[1].state_hash,
        shocked.history()[1].state_hash
    );
    assert_ne!(
        plain.history()[2].state_hash,
        shocked.history()[2].state_hash
    );
    // The record keeps it: the replay fires it again and every hash agrees.
    let recorded = GameRecord::from_game(&shocked, Default::default());
    let text = recorded.to_text().expect("writes");
    let parsed = record::parse(&text, "shocked.ron").expect("reads");
    let replayed = record::replay(&parsed, None, true, "shocked.ron").expect("verifies");
    assert_eq!(
        replayed.history()[2].state_hash,
        shocked.history()[2].state_hash
    );
}

/// A team's scripted answers: reject every proposal, vote yes, hold in month 2, otherwise the
/// advisor's orders.
fn stubborn(request: &Request) -> Reply {
    match &request.question {
        Question::Table { .. } => Reply::Table(false),
        Question::Answer { .. } => Reply::Answer(false),
        Question::Draft { .. } => request.advice.clone(),
        Question::Vote { .. } => Reply::Vote(Vote::Yes),
        Question::Orders { .. } if request.turn == 2 => Reply::Orders(Vec::new()),
        Question::Orders { .. } => request.advice.clone(),
    }
}

fn twelve_turn_record() -> GameRecord {
    let mut class = Class::new(common::korea(), 2, &["USA"]).expect("a class");
    for turn in 1..=12 {
        if turn == 4 {
            class.inject("moratorium_offer").expect("known");
        }
        class.play_turn(&mut stubborn).expect("plays");
    }
    class.record()
}

fn report_of(record: &GameRecord) -> AfterAction {
    let hypotheses = after_action::shipped_hypotheses(record);
    assert_eq!(hypotheses.len(), 4);
    after_action::build(record, &hypotheses, "game.ron").expect("a report")
}

#[test]
fn the_report_of_a_recorded_twelve_turn_game_agrees_with_its_record() {
    let recorded = twelve_turn_record();
    assert_eq!(recorded.turns.len(), 12, "the game lasts the twelve turns");
    let path = common::temp_file("twelve.ron", "");
    recorded.save(&path).expect("saves");
    let recorded = record::load(&path).expect("loads");
    let report = report_of(&recorded);
    // Timeline and charts: one month per turn, each series one value per turn.
    let months: Vec<&str> = recorded.turns.iter().map(|t| t.month.as_str()).collect();
    assert_eq!(report.months, months);
    assert_eq!(report.timeline.len(), 12);
    for (name, values) in report.indicators.values() {
        assert_eq!(values.len(), 12, "{name}");
    }
    let tension = &report.indicators["tension"].1;
    for (turn, value) in recorded.turns.iter().zip(tension) {
        assert_eq!(turn.indicators["tension"], *value);
    }
    for (code, values) in &report.utilities {
        assert_eq!(values.len(), 12);
        assert!((values[11] - 100.0 * recorded.turns[11].utility[code]).abs() < 1e-9);
    }
    assert_eq!(report.timeline[3].flashpoints, ["moratorium_offer"]);
    // Departures: exactly the team's decisions that differ from the advisor's.
    assert!(!report.departures.is_empty());
    for departure in &report.departures {
        assert_eq!(departure.actor, "USA");
        assert_ne!(departure.chosen, departure.advised);
        let turn = &recorded.turns[departure.turn as usize - 1];
        assert!(turn.inputs.humans.contains(&"USA".to_owned()));
    }
    let held = report
        .departures
        .iter()
        .find(|d| d.turn == 2 && d.kind == "orders");
    assert!(
        held.is_some_and(|d| d.chosen == ["hold"]),
        "holding in month 2 departs from the advisor: {:?}",
        report.departures
    );
    for decision in report.decisions.iter().filter(|d| !d.human) {
        assert!(
            decision.chances[0] > 0.0,
            "the AI's own choice is possible: {decision:?}"
        );
    }
    // The hypotheses: the scenario as played and the four, ranked, the best at 1.
    assert_eq!(report.hypotheses.len(), 5);
    assert!(
        report
            .hypotheses
            .iter()
            .any(|f| (f.relative - 1.0).abs() < 1e-12)
    );
    assert!(
        report
            .hypotheses
            .iter()
            .all(|f| f.decisions == report.decisions.len())
    );
    assert_eq!(report.hypotheses_teams.len(), 5);
    // The page itself.
    let html = report.document(&recorded.scenario_name).to_html();
    assert!(
        html.matches("<svg").count() >= 4,
        "charts: scores, indicators, hypotheses"
    );
    for needed in [
        "Timeline",
        "Scores over time",
        "Indicators over time",
        "Which hypothesis explains the decisions best",
        "Where the teams departed from their weights",
        "Decisions that mattered",
        "Questions for discussion",
        "FLASHPOINT injected by the teacher: moratorium_offer",
    ] {
        assert!(html.contains(needed), "no {needed}");
    }
    let best = report
        .hypotheses
        .iter()
        .filter(|f| f.id != "as_played")
        .max_by(|a, b| a.log_likelihood.total_cmp(&b.log_likelihood))
        .expect("four hypotheses");
    assert!(report.questions.iter().any(|q| q.contains(&best.name)));
    assert!(!html.contains("<script") && !html.contains("src=\"http"));
    let csv = report.csv();
    assert_eq!(csv.lines().count(), 13);
    assert!(
        csv.lines()
            .next()
            .is_some_and(|h| h.contains("tension") && h.contains("score_USA"))
    );
}

#[test]
fn a_scripted_class_two_teams_three_ai_one_flashpoint_one_undo_one_timeout_ends_in_a_report() {
    let mut class = Class::new(common::korea(), 9, &["CHN", "PRK"]).expect("a class");
    assert_eq!(class.teams(), ["CHN", "PRK"]);
    let mut asked: Vec<Request> = Vec::new();
    // Month 1: North Korea's time runs out on its orders; China answers by script.
    class
        .play_turn(&mut |request: &Request| {
            asked.push(request.clone());
            match (&request.actor[..], &request.question) {
                ("PRK", Question::Orders { .. }) => Reply::TimeUp,
                (_, Question::Answer { .. }) => Reply::Answer(true),
                (_, Question::Vote { .. }) => Reply::Vote(Vote::Yes),
                (_, Question::Table { .. }) => Reply::Table(false),
                _ => request.advice.clone(),
            }
        })
        .expect("month 1");
    assert!(asked.iter().any(|r| r.actor == "CHN"));
    assert!(asked.iter().any(|r| r.actor == "PRK"));
    assert!(asked.iter().all(|r| r.actor == "CHN" || r.actor == "PRK"));
    let first = &class.game().history()[0];
    assert_eq!(first.inputs.defaulted, ["PRK orders"]);
    let advised = asked
        .iter()
        .find(|r| r.actor == "PRK" && matches!(r.question, Question::Orders { .. }))
        .map(|r| r.advice.clone())
        .expect("PRK was asked for orders");
    let Reply::Orders(advised) = advised else {
        panic!("orders advice")
    };
    assert_eq!(first.inputs.orders["PRK"], advised);

    // Month 2 with a flashpoint; month 3 played, undone, and played again differently.
    class.inject("china_widens_trade").expect("known");
    class.play_turn(&mut stubborn).expect("month 2");
    let before = class.game().history()[1].state_hash.clone();
    class.play_turn(&mut stubborn).expect("month 3");
    let first_try = class.game().history()[2].state_hash.clone();
    class.undo().expect("undo");
    assert_eq!(class.game().history().len(), 2);
    assert_eq!(class.game().history()[1].state_hash, before);
    assert_eq!(class.game().state().turn, 2);
    let mut generous = |request: &Request| match &request.question {
        Question::Answer { .. } => Reply::Answer(true),
        Question::Orders { .. } => Reply::Orders(Vec::new()),
        _ => request.advice.clone(),
    };
    class.play_turn(&mut generous).expect("month 3 again");
    assert_ne!(class.game().history()[2].state_hash, first_try);
    for _ in 0..3 {
        if !class.game().is_over() {
            class.play_turn(&mut stubborn).expect("plays on");
        }
    }
    let recorded = class.record();
    assert_eq!(recorded.turns[1].inputs.flashpoints, ["china_widens_trade"]);
    assert_eq!(recorded.turns[0].inputs.defaulted, ["PRK orders"]);
    // Determinism: the record replays, every hash checked.
    record::replay(&recorded, None, true, "class.ron").expect("the class replays");
    let report = report_of(&recorded);
    assert_eq!(report.teams, ["CHN", "PRK"]);
    // The timed-out orders are known as the advisor's: kept out of the teams' own decisions.
    assert!(
        report
            .decisions
            .iter()
            .any(|d| d.turn == 1 && d.actor == "PRK" && d.kind == "orders" && d.defaulted)
    );
    let own = report
        .decisions
        .iter()
        .filter(|d| d.human && !d.defaulted)
        .count();
    assert!(own > 0);
    assert!(report.hypotheses_teams.iter().all(|f| f.decisions == own));
    assert!(
        report
            .departures
            .iter()
            .all(|d| !(d.turn == 1 && d.actor == "PRK" && d.kind == "orders")),
        "a timed-out answer is the advisor's, not a departure"
    );
    let html = report.document(&recorded.scenario_name).to_html();
    assert!(html.contains("Time ran out"));
    assert!(html.contains("china_widens_trade"));
}

#[test]
fn a_wrong_reply_or_an_impossible_order_is_refused_with_the_reason() {
    let mut class = Class::new(common::korea(), 1, &["USA"]).expect("a class");
    let error = class
        .play_turn(&mut |request: &Request| match request.question {
            Question::Orders { .. } => Reply::Orders(vec!["nuclear_test".into()]),
            _ => request.advice.clone(),
        })
        .expect_err("the US cannot test the North's bomb");
    assert!(error.to_string().contains("USA"), "{error}");
    let unknown = Class::new(common::korea(), 1, &["JPN"])
        .err()
        .expect("unknown actor");
    assert!(unknown.to_string().contains("known actors"), "{unknown}");
}

#[test]
fn the_lab_page_puts_the_hypotheses_side_by_side_with_intervals_and_says_what_is_significant() {
    let base = common::korea();
    let mut columns = vec![("korea_2017".to_owned(), base.clone())];
    for (origin, source) in scenario::SHIPPED_VARIANTS.iter().take(2) {
        let (variant, compiled) = scenario::variant_of(&base.file, source, origin).expect("valid");
        columns.push((variant.id, Arc::new(compiled)));
    }
    let summaries: Vec<_> = columns
        .iter()
        .map(|(label, scenario)| {
            peninsula::batch::run_batch(label, scenario.clone(), 30, 1, false, 2)
        })
        .collect();
    let names = vec![
        ("korea_2017".to_owned(), "Unchanged scenario".to_owned()),
        ("h1_bipolar_precedent".to_owned(), "H1 name".to_owned()),
    ];
    let page = lab::lab(&summaries, &names, None, "30 games");
    let text = page.to_markdown();
    assert!(text.contains("Significant: the hypothesis changes how the crisis ends"));
    assert!(text.contains("Not significant: could be chance"));
    assert!(text.contains("H1 name"));
    assert!(
        text.contains("h2_useful_crisis"),
        "unnamed columns keep their label"
    );
    let html = page.to_html();
    assert!(html.contains("<svg"));
    // Every ending of every column, with its interval.
    for summary in &summaries {
        for (_, rate) in &summary.endings {
            let cell = format!(
                "{:.1}% [{:.1}%-{:.1}%]",
                rate.rate * 100.0,
                rate.low * 100.0,
                rate.high * 100.0
            );
            assert!(text.contains(&cell), "{cell}");
        }
    }
}

#[test]
fn the_command_line_writes_briefings_and_reports_and_never_overwrites_unasked() {
    let folder = common::temp_file("marker", "").with_file_name("briefings");
    let _ = std::fs::remove_dir_all(&folder);
    let run = |args: &[&str]| common::binary().args(args).output().expect("runs");
    let out = run(&["brief", "--all", "--out", folder.to_str().expect("utf-8")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for code in ["USA", "CHN", "RUS", "PRK", "KOR"] {
        let html =
            std::fs::read_to_string(folder.join(format!("briefing-{code}.html"))).expect("written");
        assert!(html.contains("<!DOCTYPE html>"));
    }
    assert!(folder.join("teacher-guide.html").is_file());
    let again = run(&["brief", "--all", "--out", folder.to_str().expect("utf-8")]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--overwrite"));

    let game = folder.join("game.ron");
    let played = run(&[
        "run",
        "--seed",
        "3",
        "--turns",
        "4",
        "--flashpoint",
        "2:debris_near_japan",
        "--record",
        game.to_str().expect("utf-8"),
    ]);
    assert!(
        played.status.success(),
        "{}",
        String::from_utf8_lossy(&played.stderr)
    );
    let recorded = record::load(&game).expect("a record");
    assert_eq!(recorded.turns[1].inputs.flashpoints, ["debris_near_japan"]);
    let unknown = run(&["run", "--turns", "1", "--flashpoint", "2:meteor"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("moratorium_offer"));
    let report = folder.join("report.md");
    let out = run(&[
        "report",
        game.to_str().expect("utf-8"),
        "--out",
        report.to_str().expect("utf-8"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read_to_string(&report)
            .expect("written")
            .contains("# After-action report")
    );
    let wrong = run(&[
        "report",
        game.to_str().expect("utf-8"),
        "--out",
        folder.join("r.pdf").to_str().expect("utf-8"),
    ]);
    assert_eq!(wrong.status.code(), Some(2));
    let missing = run(&[
        "report",
        folder.join("nothing.ron").to_str().expect("utf-8"),
    ]);
    assert_eq!(missing.status.code(), Some(2));
}

/// A question's kind, as the session names a request's.
fn kind_of(question: &Question) -> &'static str {
    match question {
        Question::Table { .. } => "table",
        Question::Answer { .. } => "answer",
        Question::Draft { .. } => "draft",
        Question::Vote { .. } => "vote",
        Question::Orders { .. } => "orders",
    }
}

#[test]
fn a_class_asks_what_the_session_asks_and_plays_the_same_game() {
    use peninsula::session::{self, Progress, Session};
    // Three months of a class whose teams take the advisor's answer each time.
    let mut class = Class::new(common::korea(), 4, &["USA", "CHN"]).expect("a class");
    let mut questions = Vec::new();
    for _ in 0..3 {
        class
            .play_turn(&mut |request: &Request| {
                questions.push((request.actor.clone(), kind_of(&request.question)));
                request.advice.clone()
            })
            .expect("plays");
    }
    // The same months on the session, each request answered with the advisor's picks (a
    // class puts a month's tabling as one question for each proposal it may table).
    let scenario = common::korea();
    let humans: Vec<usize> = ["USA", "CHN"]
        .iter()
        .map(|code| scenario.actor_index(code).expect("actor"))
        .collect();
    let mut session = Session::new(Game::new(scenario, 4, false), &humans);
    let mut asked = Vec::new();
    let mut months = 0;
    while months < 3 {
        match session.advance() {
            Progress::Waiting => {
                let request = session.waiting().cloned().expect("waiting");
                let questions = match request.ask.kind() {
                    "table" => request
                        .options
                        .iter()
                        .filter(|o| o.unavailable.is_none())
                        .count(),
                    _ => 1,
                };
                for _ in 0..questions {
                    asked.push((request.actor.clone(), request.ask.kind()));
                }
                let advice = session.advice(request.id).expect("advice");
                session
                    .submit(&session::Reply {
                        request: request.id,
                        picks: advice.picks,
                    })
                    .expect("the advice is a valid reply");
            }
            Progress::TurnEnded(_) => months += 1,
            Progress::Over => break,
            Progress::Played(_) => {}
        }
    }
    assert!(questions.len() >= 6, "{questions:?}");
    assert_eq!(questions, asked);
    let last = |game: &Game| game.history().last().expect("a month").state_hash.clone();
    assert_eq!(last(class.game()), last(session.game()));
}
