//! The model is data: a sixth actor with its own interests and actions loads and plays with no
//! change to the game's code, and can be consulted on a deal without holding a veto over it.

mod common;

use std::sync::Arc;

use peninsula::game::Game;
use peninsula::scenario::{self, *};
use peninsula::sim::log::Entry;

fn with_japan() -> String {
    let mut file =
        scenario::parse_scenario(DEFAULT_SCENARIO_SOURCE, "korea_2017.ron").expect("parses");
    let essay = |paragraphs: Vec<u32>, paraphrase: &str| Source::Essay {
        paragraphs,
        paraphrase: paraphrase.into(),
    };
    file.actors.push(ActorDef {
        code: "JPN".into(),
        name: "Japan".into(),
        permanent_member: false,
        seat: None,
        posture: "alarmed ally".into(),
        capital: 6.0,
        capital_per_turn: 3.0,
        temperature: 0.02,
        risk_aversion: 1.5,
        forgiveness: 0.3,
        start: Default::default(),
        trust: [
            ("USA".to_owned(), 60.0),
            ("PRK".to_owned(), -70.0),
            ("CHN".to_owned(), -10.0),
        ]
        .into(),
        interests: vec![
            InterestDef {
                target: Target::Indicator("missile_capability".into()),
                prefers: Preference::Lower,
                weight: 0.9,
                source: Source::Assumption {
                    reason: "missiles overfly Japan; not in the essay".into(),
                },
                shifts: Vec::new(),
            },
            InterestDef {
                target: Target::Indicator("tension".into()),
                prefers: Preference::Lower,
                weight: 0.6,
                source: Source::Assumption {
                    reason: "war next door; not in the essay".into(),
                },
                shifts: Vec::new(),
            },
            InterestDef {
                target: Target::Relation("USA".into()),
                prefers: Preference::Higher,
                weight: 0.5,
                source: essay(vec![22], "US presence in the region as a pillar of order"),
                shifts: Vec::new(),
            },
        ],
    });
    file.actions.push(ActionDef {
        id: "missile_defence".into(),
        name: "Missile defence deployment".into(),
        actors: vec!["JPN".into()],
        kind: None,
        cost: 2.0,
        severity: 1.0,
        preconditions: vec![],
        effects: vec![
            Effect {
                target: Target::Indicator("missile_capability".into()),
                change: -3.0,
                spread: 1.0,
            },
            Effect {
                target: Target::TrustFrom("USA".into()),
                change: 5.0,
                spread: 0.0,
            },
            Effect {
                target: Target::TrustFrom("CHN".into()),
                change: -4.0,
                spread: 0.0,
            },
        ],
        news: "{actor} deploys more missile defence.".into(),
        source: None,
        fades: None,
    });
    file.actions.push(ActionDef {
        id: "japan_sanctions".into(),
        name: "Japanese sanctions".into(),
        actors: vec!["JPN".into()],
        kind: None,
        cost: 1.0,
        severity: 0.5,
        preconditions: vec![],
        effects: vec![
            Effect {
                target: Target::Indicator("sanctions_pressure".into()),
                change: 3.0,
                spread: 1.0,
            },
            Effect {
                target: Target::TrustFrom("PRK".into()),
                change: -5.0,
                spread: 0.0,
            },
        ],
        news: "{actor} adds its own sanctions.".into(),
        source: None,
        fades: None,
    });
    // Japan is heard on dual-track, but cannot sink it.
    if let Some(dual_track) = file.proposals.iter_mut().find(|p| p.id == "dual_track") {
        dual_track.consulted.push("JPN".into());
    }
    ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default()).expect("serialises")
}

#[test]
fn a_sixth_actor_with_its_own_interests_and_actions_plays_to_an_ending() {
    let text = with_japan();
    let scenario =
        Arc::new(scenario::load_scenario_str(&text, "korea_with_japan.ron").expect("validates"));
    assert_eq!(scenario.actors.len(), 6);
    let mut japan_acted = false;
    for seed in 0..5 {
        let mut game = Game::new(scenario.clone(), seed, false);
        game.play(None);
        assert!(game.is_over(), "seed {seed} ended");
        assert_eq!(game.scores().len(), 6);
        japan_acted |= game
            .history()
            .iter()
            .flat_map(|t| &t.entries)
            .any(|entry| matches!(entry, Entry::Order { actor, .. } if actor == "JPN"));
    }
    assert!(japan_acted, "Japan never used its own actions");
}

#[test]
fn the_sixth_actor_scenario_also_validates_from_a_file() {
    let path = common::temp_file("korea_with_japan.ron", &with_japan());
    let output = common::binary()
        .arg("validate")
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Plays until dual-track is answered, with the given answers imposed, and returns that turn's
/// entries.
fn dual_track_answered(answers: &[(&str, bool)]) -> Vec<Entry> {
    let scenario = Arc::new(
        scenario::load_scenario_str(&with_japan(), "korea_with_japan.ron").expect("valid"),
    );
    let dual_track = scenario.proposal_index("dual_track").expect("dual_track");
    let mut game = Game::new(scenario.clone(), 3, false);
    for _ in 0..6 {
        for (code, accept) in answers {
            let actor = scenario.actor_index(code).expect("actor");
            game.directives_mut()
                .answers
                .insert((dual_track, actor), *accept);
        }
        game.play_turn();
        let entries = game
            .history()
            .last()
            .expect("a turn played")
            .entries
            .clone();
        if entries
            .iter()
            .any(|e| matches!(e, Entry::Answered { proposal, .. } if proposal == "dual_track"))
        {
            return entries;
        }
    }
    panic!("dual-track was never answered in six turns");
}

#[test]
fn a_consulted_actor_is_heard_but_its_no_does_not_sink_the_deal() {
    let entries =
        dual_track_answered(&[("PRK", true), ("USA", true), ("KOR", true), ("JPN", false)]);
    assert!(
        entries.iter().any(|e| matches!(e,
            Entry::Answered { proposal, actor, accept: false, .. }
                if proposal == "dual_track" && actor == "JPN")),
        "Japan was not asked: {entries:?}"
    );
    assert!(
        entries
            .iter()
            .any(|e| matches!(e, Entry::DealStruck { proposal } if proposal == "dual_track")),
        "the parties all accepted, yet no deal: {entries:?}"
    );
}

#[test]
fn a_partys_no_still_sinks_the_deal_and_only_parties_are_named_for_it() {
    let entries =
        dual_track_answered(&[("PRK", true), ("USA", false), ("KOR", true), ("JPN", false)]);
    let rejected: Vec<&Vec<String>> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::DealRejected {
                proposal,
                rejected_by,
            } if proposal == "dual_track" => Some(rejected_by),
            _ => None,
        })
        .collect();
    assert_eq!(rejected, vec![&vec!["USA".to_owned()]], "{entries:?}");
}

#[test]
fn an_actor_both_party_and_consulted_is_refused_where_written() {
    let mut file = scenario::parse_scenario(&with_japan(), "both.ron").expect("parses");
    for proposal in &mut file.proposals {
        if proposal.id == "dual_track" {
            proposal.consulted.push("USA".into());
        }
    }
    let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default()).expect("ron");
    let error = scenario::load_scenario_str(&text, "both.ron")
        .expect_err("USA is a party and consulted")
        .to_string();
    assert!(error.contains("proposals[dual_track].consulted"), "{error}");
    assert!(
        error.contains("USA is already asked for its answer"),
        "{error}"
    );
    assert!(error.contains("both.ron:"), "{error}");
}
