//! The model is data: a sixth actor with its own interests and actions loads and plays with no
//! change to the game's code.

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
            },
            InterestDef {
                target: Target::Indicator("tension".into()),
                prefers: Preference::Lower,
                weight: 0.6,
                source: Source::Assumption {
                    reason: "war next door; not in the essay".into(),
                },
            },
            InterestDef {
                target: Target::Relation("USA".into()),
                prefers: Preference::Higher,
                weight: 0.5,
                source: essay(vec![22], "US presence in the region as a pillar of order"),
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
    });
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
