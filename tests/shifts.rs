//! Interests that shift with events: a shift holds while its conditions do (a lasting one for
//! good once they have), actors weigh and explain the interest as it stands, and a shift that is
//! written wrong is a located error.

mod common;

use std::sync::Arc;

use common::*;
use peninsula::game::Game;
use peninsula::game::phases::Phase;
use peninsula::scenario::Scenario;
use peninsula::sim::GameState;
use peninsula::sim::log::Entry;
use peninsula::sim::state::{interest_label, interest_now, utility};

/// Alphaland's first interest, a lower programme, as the fixture writes it.
const PROGRAMME: &str = "(target: Indicator(\"programme\"), prefers: Lower, weight: 0.8,\n                 source: Essay(paragraphs: [4], paraphrase: \"Wants the programme gone.\")";

/// The minimal fixture with `shifts` given to Alphaland's programme interest.
fn minimal_with_shifts(shifts: &str) -> String {
    minimal_replacing(
        PROGRAMME,
        &format!("{PROGRAMME},\n                 shifts: [{shifts}]"),
    )
}

/// Once the programme passes 55, Alphaland wants it near 70, with all its weight.
const ABOVE_55: &str = "(when: [Above(Indicator(\"programme\"), 55.0)], prefers: Some(Near(70.0)), weight: Some(1.0), \
     news: Some(\"{actor} resigns itself to the programme.\"), \
     source: Assumption(reason: \"a test of shifts\"))";

fn set_programme(game: &mut Game, value: f64) {
    let slot = game
        .scenario()
        .indicators
        .iter()
        .find(|indicator| indicator.id == "programme")
        .expect("the fixture has a programme")
        .base_slot;
    game.world_mut().resource_mut::<GameState>().values_mut()[slot] = value;
}

fn shifted_entries(game: &Game) -> Vec<(String, String, bool, String)> {
    game.current_entries()
        .iter()
        .filter_map(|entry| match entry {
            Entry::Shifted {
                actor,
                interest,
                holds,
                news,
                ..
            } => Some((actor.clone(), interest.clone(), *holds, news.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_shift_holds_while_its_condition_does_and_each_change_is_news() {
    let scenario = Arc::new(load_edited(&minimal_with_shifts(ABOVE_55)).expect("valid"));
    assert_eq!(scenario.shift_count(), 1);
    let mut game = Game::new(scenario, 1, true);
    set_programme(&mut game, 50.0);
    game.run_phase(Phase::Events);
    assert_eq!(game.state().shifted(), [false]);
    assert!(shifted_entries(&game).is_empty());

    set_programme(&mut game, 60.0);
    game.run_phase(Phase::Events);
    assert_eq!(game.state().shifted(), [true]);
    assert_eq!(
        shifted_entries(&game),
        [(
            "AAA".to_owned(),
            "programme near 70".to_owned(),
            true,
            "Alphaland resigns itself to the programme.".to_owned()
        )]
    );

    // Still above: no news.
    game.run_phase(Phase::Events);
    assert!(shifted_entries(&game).is_empty());

    set_programme(&mut game, 40.0);
    game.run_phase(Phase::Events);
    assert_eq!(game.state().shifted(), [false]);
    assert_eq!(
        shifted_entries(&game),
        [(
            "AAA".to_owned(),
            "lower programme".to_owned(),
            false,
            "Alphaland wants lower programme again.".to_owned()
        )]
    );
}

#[test]
fn a_shift_of_weight_alone_is_told_as_caring_more_or_less() {
    let weight_only = "(when: [Above(Indicator(\"programme\"), 55.0)], weight: Some(0.3), \
         source: Assumption(reason: \"a test of shifts\"))";
    let scenario = Arc::new(load_edited(&minimal_with_shifts(weight_only)).expect("valid"));
    let mut game = Game::new(scenario, 1, true);
    let news = |game: &Game| -> Vec<String> {
        shifted_entries(game).into_iter().map(|(.., n)| n).collect()
    };
    set_programme(&mut game, 60.0);
    game.run_phase(Phase::Events);
    assert_eq!(
        news(&game),
        ["Alphaland now cares less about lower programme."]
    );
    let weighs: Vec<Option<f64>> = game
        .current_entries()
        .iter()
        .filter_map(|entry| match entry {
            Entry::Shifted { weighs, .. } => Some(*weighs),
            _ => None,
        })
        .collect();
    assert_eq!(weighs, [Some(0.3)], "the new weight, for batches to count");
    set_programme(&mut game, 40.0);
    game.run_phase(Phase::Events);
    assert_eq!(
        news(&game),
        ["Alphaland weighs lower programme as it did before."]
    );
}

#[test]
fn a_lasting_shift_stays_once_its_condition_has_held() {
    let lasting = ABOVE_55.replace("(when:", "(lasting: true, when:");
    let scenario = Arc::new(load_edited(&minimal_with_shifts(&lasting)).expect("valid"));
    let mut game = Game::new(scenario, 1, true);
    set_programme(&mut game, 60.0);
    game.run_phase(Phase::Events);
    set_programme(&mut game, 40.0);
    game.run_phase(Phase::Events);
    assert_eq!(game.state().shifted(), [true]);
    assert!(shifted_entries(&game).is_empty());
}

#[test]
fn an_actor_weighs_and_explains_an_interest_as_it_stands() {
    let scenario = Arc::new(load_edited(&minimal_with_shifts(ABOVE_55)).expect("valid"));
    let mut state = GameState::new(&scenario);
    let plain = utility(&scenario, &state, 0);
    assert_eq!(interest_now(&scenario, &state, 0, 0).0, 0.8);
    assert_eq!(interest_label(&scenario, &state, 0, 0), "lower programme");

    state.shifted_mut()[0] = true;
    let (weight, gauge) = interest_now(&scenario, &state, 0, 0);
    assert_eq!(weight, 1.0);
    assert_eq!(interest_label(&scenario, &state, 0, 0), "programme near 70");
    // Programme 50, tension 50, standing 50 on 0..100: near 70 is 0.8 satisfied, the others 0.5.
    assert!((gauge.satisfaction(&state) - 0.8).abs() < 1e-12);
    let expected = (1.0 * 0.8 + 0.5 * 0.5 + 0.4 * 0.5) / (1.0 + 0.5 + 0.4);
    assert!((utility(&scenario, &state, 0) - expected).abs() < 1e-12);
    assert!((plain - 0.5).abs() < 1e-12, "without the shift: {plain}");

    // Played on, Alphaland's reasons name the interest as it stands once the shift holds.
    let mut game = Game::new(scenario, 3, true);
    game.set_quiet(false);
    set_programme(&mut game, 60.0);
    game.play_turn();
    let turn = game.history().last().expect("a turn was played");
    let reasons: Vec<String> = turn
        .decisions
        .iter()
        .filter(|decision| decision.actor == "AAA")
        .flat_map(|decision| decision.contributions.iter().map(|c| c.label.clone()))
        .collect();
    assert!(!reasons.is_empty(), "Alphaland decided something");
    assert!(
        reasons.iter().any(|label| label == "programme near 70"),
        "{reasons:?}"
    );
    assert!(!reasons.iter().any(|label| label == "lower programme"));
}

#[test]
fn a_scenario_without_shifts_keeps_its_hashes() {
    // The shipped scenario's state hash is that of a state with no shift flags at all.
    let scenario = minimal();
    assert_eq!(scenario.shift_count(), 0);
    let state = GameState::new(&scenario);
    assert!(state.shifted().is_empty());
    assert_eq!(state.fired().len(), scenario.events.len());
}

#[test]
fn a_shift_written_wrong_is_a_located_error() {
    let cases = [
        (
            "(when: [], weight: Some(1.0), source: Assumption(reason: \"r\"))",
            "shifts[0].when",
            "at least one condition",
        ),
        (
            "(when: [Above(Indicator(\"programme\"), 55.0)], source: Assumption(reason: \"r\"))",
            "shifts[0]",
            "`prefers`, `weight` or both",
        ),
        (
            "(when: [Above(Indicator(\"programme\"), 55.0)], weight: Some(1.5), source: Assumption(reason: \"r\"))",
            "shifts[0].weight",
            "weight 1.5 is outside 0..1",
        ),
        (
            "(when: [Above(Indicator(\"programme\"), 55.0)], prefers: Some(Near(140.0)), source: Assumption(reason: \"r\"))",
            "shifts[0].prefers",
            "ideal point 140 is outside 0..100",
        ),
        (
            "(when: [TakenWithin(\"tset\", 2)], weight: Some(1.0), source: Assumption(reason: \"r\"))",
            "shifts[0].when[0]",
            "\"tset\"",
        ),
        (
            "(when: [TurnAtLeast(2)], weight: Some(1.0), source: Essay(paragraphs: [400], paraphrase: \"p\"))",
            "shifts[0].source",
            "400",
        ),
    ];
    for (shift, at, message) in cases {
        let text = minimal_with_shifts(shift);
        let error = load_edited(&text).expect_err(shift);
        let problem = error
            .problems()
            .iter()
            .find(|problem| problem.message.contains(message))
            .unwrap_or_else(|| panic!("{shift}: no problem says {message:?}: {error}"));
        assert_eq!(
            problem.at,
            format!("actors[AAA].interests[0].{at}"),
            "{shift}"
        );
        let (line, _) = problem.position.expect("located");
        let shifts_line = text
            .lines()
            .position(|l| l.contains("shifts: ["))
            .expect("written")
            + 1;
        assert_eq!(line, shifts_line, "{shift}");
    }
}

/// korea_2017 at sanctions pressure `pressure` (45 after a 2371-sized resolution) and China's
/// sanctions shift held or not.
fn korea_at(pressure: f64, shifted: bool) -> (Arc<Scenario>, GameState) {
    let scenario = korea();
    let mut state = GameState::new(&scenario);
    state.turn = 3;
    let slot = scenario
        .indicators
        .iter()
        .find(|indicator| indicator.id == "sanctions_pressure")
        .expect("korea_2017 has sanctions")
        .base_slot;
    state.values_mut()[slot] = pressure;
    for flag in state.shifted_mut() {
        *flag = shifted;
    }
    (scenario, state)
}

#[test]
fn after_a_nuclear_test_china_backs_the_oil_cap_it_vetoed_before() {
    use peninsula::agents::{self, Vote};
    use peninsula::sim::random::Draws;
    let index = |scenario: &Scenario, code: &str| {
        scenario
            .actors
            .iter()
            .position(|actor| actor.code == code)
            .expect("actor")
    };
    let mut votes = Vec::new();
    let mut texts = Vec::new();
    for shifted in [false, true] {
        let (scenario, state) = korea_at(45.0, shifted);
        let draft = scenario
            .drafts
            .iter()
            .position(|draft| draft.id == "nuclear_test_resolution")
            .expect("draft");
        let (usa, chn) = (index(&scenario, "USA"), index(&scenario, "CHN"));
        let mut draws = Draws::new(1, 3, Some(chn), "vote");
        let (vote, decision) = agents::vote(&scenario, &state, draft, 1, usa, chn, &mut draws);
        votes.push((vote, decision.short_reason()));
        texts.push(agents::choose_text(&scenario, &state, draft, usa));
    }
    assert_eq!(votes[0].0, Vote::Veto, "{votes:?}");
    assert_eq!(votes[1].0, Vote::Yes, "{votes:?}");
    assert!(votes[1].1.contains("2017-09-11"), "{votes:?}");
    // The drafter, who foresees the votes, finds only the weakest text China lets through at 45
    // before the test (abstaining, it sinks none), and the oil cap after it.
    assert_eq!(texts, [Some(2), Some(1)]);
}

#[test]
fn briefings_tell_each_shift_under_its_interest_with_its_source() {
    use peninsula::report::briefing::shifts_in_words;
    let scenario = korea();
    let china = scenario.actor_index("CHN").expect("CHN");
    let words = shifts_in_words(&scenario, china);
    assert_eq!(words.len(), 1);
    let shift = &words[0];
    assert_eq!(
        scenario.actors[china].interests[shift.interest].label,
        "sanctions pressure near 45"
    );
    assert_eq!(
        shift.when,
        "once a nuclear test this month or last (for the rest of the game)"
    );
    assert_eq!(shift.wants, "sanctions pressure near 60");
    let output = binary().args(["briefing", "CHN"]).output().expect("runs");
    let terminal = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(
        terminal.contains(&shift.when) && terminal.contains("S/RES/2375"),
        "{terminal}"
    );
    let printed = peninsula::report::briefing::briefing(&scenario, china).to_markdown();
    assert!(printed.contains("When your interests change"), "{printed}");
    assert!(printed.contains("sanctions pressure near 60"));
}
