//! Agents against scripted opponents, in the style of Axelrod's `versus_test`: the opponent's moves
//! are given turn by turn and the agent's expected answers are written out.

mod common;

use std::sync::Arc;

use peninsula::game::Game;
use peninsula::scenario::{self, Scenario};
use peninsula::sim::Controller;
use peninsula::sim::log::Entry;

fn standoff(forgiveness: f64) -> Arc<Scenario> {
    let text = std::fs::read_to_string(common::root().join("tests/fixtures/standoff.ron"))
        .expect("fixture");
    let text = text.replacen(
        "forgiveness: 0.0",
        &format!("forgiveness: {forgiveness:?}"),
        1,
    );
    Arc::new(scenario::load_scenario_str(&text, "standoff.ron").expect("valid fixture"))
}

/// Plays Alphaland (AI) against Betaland's scripted `moves` ('C' or 'D'); returns Alphaland's.
fn versus(scenario: Arc<Scenario>, moves: &str) -> String {
    let mut game = Game::new(scenario.clone(), 1, false);
    game.set_controller(1, Controller::Human);
    let mut answers = String::new();
    for opponent in moves.chars() {
        let action = if opponent == 'C' {
            "b_cooperate"
        } else {
            "b_defect"
        };
        let index = scenario.action_index(action).expect("action");
        game.directives_mut().orders.insert(1, vec![index]);
        game.play_turn();
        let turn = game.history().last().expect("a turn was played");
        let ours = turn.entries.iter().find_map(|entry| match entry {
            Entry::Order { actor, action, .. } if actor == "AAA" => Some(action.clone()),
            _ => None,
        });
        answers.push(match ours.as_deref() {
            Some("a_cooperate") => 'C',
            Some("a_defect") => 'D',
            _ => '-',
        });
    }
    answers
}

#[test]
fn tit_for_tat_cooperates_first_then_copies_the_opponents_last_move() {
    let expected = [
        ("CCCCCCCCCC", "CCCCCCCCCC"),
        ("DDDDDDDDDD", "CDDDDDDDDD"),
        ("CCDCCDDCCC", "CCCDCCDDCC"),
        ("DCDCDCDCDC", "CDCDCDCDCD"),
    ];
    for (opponent, answers) in expected {
        assert_eq!(
            versus(standoff(0.0), opponent),
            answers,
            "against {opponent}"
        );
    }
}

#[test]
fn a_fully_forgiving_actor_never_retaliates() {
    assert_eq!(versus(standoff(1.0), "DDDDDDDDDD"), "CCCCCCCCCC");
    assert_eq!(versus(standoff(1.0), "CDCDCDCDCD"), "CCCCCCCCCC");
}

#[test]
fn partial_forgiveness_is_seeded_and_sometimes_forgives() {
    let scenario = standoff(0.5);
    let first = versus(scenario.clone(), "DDDDDDDDDD");
    assert_eq!(
        first,
        versus(scenario, "DDDDDDDDDD"),
        "same seed, same answers"
    );
    assert!(first.starts_with('C'));
    assert!(
        first[1..].contains('C') && first[1..].contains('D'),
        "{first}: forgives some defections, not all"
    );
}
