//! The second shipped scenario, korea_2018: written only with what the engine expresses, it
//! loads, keeps its dated script in its months, seats the 2018 Council, and reproduces what the
//! record says of 2018 where its notes (scenarios/korea_2018.md) say it does.

mod common;

use std::sync::Arc;

use peninsula::game::Game;
use peninsula::scenario::{self, Scenario};
use peninsula::sim::log::Entry;

fn korea_2018() -> Arc<Scenario> {
    let path = common::root().join("scenarios/korea_2018.ron");
    Arc::new(scenario::load_scenario(&path).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn the_2018_scenario_validates_from_the_command_line() {
    common::assert_validates(&common::root().join("scenarios/korea_2018.ron"));
}

#[test]
fn its_script_keeps_to_the_months_of_2018() {
    let scenario = korea_2018();
    let mut game = Game::new(scenario.clone(), 1, false);
    game.play(None);
    let fired: Vec<(String, String)> = game
        .history()
        .iter()
        .flat_map(|turn| {
            turn.entries.iter().filter_map(|entry| match entry {
                Entry::Event { event, .. } => Some((event.clone(), turn.month.clone())),
                _ => None,
            })
        })
        .collect();
    for (event, month) in [
        ("new_year_address", "2018-01"),
        ("high_level_talks", "2018-01"),
        ("summit_accepted", "2018-03"),
        ("panmunjom_declaration", "2018-04"),
    ] {
        assert!(
            fired.contains(&(event.to_owned(), month.to_owned())),
            "{event} in {month}: {fired:?}"
        );
    }
    assert!(
        fired.iter().all(|(_, month)| month.starts_with("2018-")),
        "{fired:?}"
    );
}

#[test]
fn the_council_has_its_2018_members_and_fifteen_seats() {
    let scenario = korea_2018();
    let council = scenario.council.as_ref().expect("council");
    for turn in 1..=scenario.calendar.turns {
        let actors = scenario.actors.iter().filter(|a| a.seat.sits(turn)).count();
        let members = council.members.iter().filter(|m| m.seat.sits(turn)).count();
        assert_eq!(actors + members, 15, "turn {turn}");
    }
    assert!(council.members.iter().any(|m| m.name == "Kuwait"));
    assert!(!council.members.iter().any(|m| m.name == "Japan"));
}

/// Over 100 scripted games: no war and no collapse in 2018, and the two Koreas end the year
/// talking more than they began it, as they did (the Panmunjom and Pyongyang summits).
#[test]
fn with_its_script_the_year_ends_without_war_and_with_the_koreas_talking() {
    let scenario = korea_2018();
    let dialogue = scenario
        .indicators
        .iter()
        .find(|indicator| indicator.id == "inter_korean_dialogue")
        .expect("dialogue")
        .base_slot;
    let ending = |id: &str| {
        scenario
            .endings
            .iter()
            .position(|e| e.id == id)
            .expect("ending")
    };
    let (war, collapse) = (ending("war"), ending("regime_collapse"));
    let (mut calm, mut talking) = (0, 0);
    let games = 100;
    for seed in 1..=games {
        let mut game = Game::new(scenario.clone(), seed, false);
        let start = game.state().values()[dialogue];
        game.play(None);
        let reached = game.state().ending;
        calm += u32::from(reached != Some(war) && reached != Some(collapse));
        talking += u32::from(game.state().values()[dialogue] > start);
    }
    assert!(
        calm >= 95,
        "{calm} of {games} games without war or collapse"
    );
    assert!(
        talking >= 80,
        "{talking} of {games} games end with more dialogue"
    );
}
