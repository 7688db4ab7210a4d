//! The model is data: a sixth and a seventh actor with their own interests and actions load and
//! play with no change to the game's code, sit on the Security Council on their elected terms,
//! and are consulted on a deal without holding a veto over it.

mod common;

use std::sync::Arc;

use peninsula::game::Game;
use peninsula::scenario::{self, *};
use peninsula::sim::log::Entry;

/// The US-Japan alliance, from the public record, naming `actor` as the ally.
fn us_japan_treaty(actor: &str) -> AllyDef {
    AllyDef {
        actor: actor.into(),
        source: Source::Record {
            date: "1960-01-19".into(),
            what: "Treaty of Mutual Cooperation and Security between Japan and the United States"
                .into(),
            r#where: "the treaty's text, signed in Washington".into(),
        },
    }
}

/// korea_2017 with Japan (elected to the Council for 2016-2017) and Sweden (2017-2018) played as
/// actors instead of as Council members, both consulted on dual-track.
fn with_japan_and_sweden() -> String {
    let mut file =
        scenario::parse_scenario(DEFAULT_SCENARIO_SOURCE, "korea_2017.ron").expect("parses");
    // The only change to an existing actor: the US names Japan among its allies. No action is
    // edited: those that name the US's allies by role now reach Japan too.
    let usa = file
        .actors
        .iter()
        .position(|a| a.code == "USA")
        .expect("USA");
    file.actors[usa].allies.push(us_japan_treaty("JPN"));
    let essay = |paragraphs: Vec<u32>, paraphrase: &str| Source::Essay {
        paragraphs,
        paraphrase: paraphrase.into(),
    };
    file.actors.push(ActorDef {
        code: "JPN".into(),
        name: "Japan".into(),
        permanent_member: false,
        seat: Some(SeatDef::Elected("2016-01".into(), "2017-12".into())),
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
        allies: vec![us_japan_treaty("USA")],
    });
    file.actions.push(ActionDef {
        id: "missile_defence".into(),
        name: "Missile defence deployment".into(),
        actors: vec!["JPN".into()],
        target: None,
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
        target: None,
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
    file.actors.push(ActorDef {
        code: "SWE".into(),
        name: "Sweden".into(),
        permanent_member: false,
        seat: Some(SeatDef::Elected("2017-01".into(), "2018-12".into())),
        posture: "neutral go-between".into(),
        capital: 4.0,
        capital_per_turn: 2.0,
        temperature: 0.02,
        risk_aversion: 1.5,
        forgiveness: 0.6,
        start: Default::default(),
        trust: [("PRK".to_owned(), 0.0), ("USA".to_owned(), 30.0)].into(),
        interests: vec![
            InterestDef {
                target: Target::Indicator("tension".into()),
                prefers: Preference::Lower,
                weight: 0.8,
                source: Source::Assumption {
                    reason: "a neutral state wants no war; not in the essay".into(),
                },
                shifts: Vec::new(),
            },
            InterestDef {
                target: Target::Indicator("peace_process".into()),
                prefers: Preference::Higher,
                weight: 0.6,
                source: Source::Assumption {
                    reason: "a mediator gains from talks; not in the essay".into(),
                },
                shifts: Vec::new(),
            },
            InterestDef {
                target: Target::Indicator("nuclear_capability".into()),
                prefers: Preference::Lower,
                weight: 0.5,
                source: Source::Assumption {
                    reason: "it voted for every 2017 sanctions text; not in the essay".into(),
                },
                shifts: Vec::new(),
            },
        ],
        allies: Vec::new(),
    });
    file.actions.push(ActionDef {
        id: "mediate".into(),
        name: "Offer mediation".into(),
        actors: vec!["SWE".into()],
        target: None,
        kind: None,
        cost: 1.0,
        severity: 0.0,
        preconditions: vec![],
        effects: vec![
            Effect {
                target: Target::Indicator("tension".into()),
                change: -1.0,
                spread: 0.5,
            },
            Effect {
                target: Target::Indicator("peace_process".into()),
                change: 1.0,
                spread: 0.5,
            },
        ],
        news: "{actor} offers to host talks.".into(),
        source: None,
        fades: None,
    });
    // Played now, they leave the Council's unplayed members: still fifteen seats.
    if let Some(council) = &mut file.security_council {
        council
            .members
            .retain(|member| member.name != "Japan" && member.name != "Sweden");
    }
    // Japan and Sweden are heard on dual-track, but cannot sink it.
    if let Some(dual_track) = file.proposals.iter_mut().find(|p| p.id == "dual_track") {
        dual_track.consulted.push("JPN".into());
        dual_track.consulted.push("SWE".into());
    }
    ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default()).expect("serialises")
}

#[test]
fn a_sixth_and_seventh_actor_with_their_own_interests_and_actions_play_to_an_ending() {
    let text = with_japan_and_sweden();
    let scenario =
        Arc::new(scenario::load_scenario_str(&text, "korea_with_japan.ron").expect("validates"));
    assert_eq!(scenario.actors.len(), 7);
    let (mut japan_acted, mut sweden_acted) = (false, false);
    for seed in 0..5 {
        let mut game = Game::new(scenario.clone(), seed, false);
        game.play(None);
        assert!(game.is_over(), "seed {seed} ended");
        assert_eq!(game.scores().len(), 7);
        let ordered = |code: &str| {
            game.history()
                .iter()
                .flat_map(|t| &t.entries)
                .any(|entry| matches!(entry, Entry::Order { actor, .. } if actor == code))
        };
        japan_acted |= ordered("JPN");
        sweden_acted |= ordered("SWE");
    }
    assert!(japan_acted, "Japan never used its own actions");
    assert!(sweden_acted, "Sweden never used its own actions");
}

#[test]
fn an_ally_added_to_the_us_is_reached_by_joint_exercises_with_no_edit_to_the_action() {
    let scenario =
        scenario::load_scenario_str(&with_japan_and_sweden(), "korea_with_japan.ron").expect("ok");
    let code = |code: &str| {
        scenario
            .actors
            .iter()
            .position(|a| a.code == code)
            .expect(code)
    };
    let (usa, kor, jpn) = (code("USA"), code("KOR"), code("JPN"));
    let exercises = scenario
        .actions
        .iter()
        .position(|a| a.id == "joint_exercises")
        .expect("joint_exercises");
    let start = peninsula::sim::GameState::new(&scenario);
    let mut state = peninsula::sim::GameState::new(&scenario);
    peninsula::sim::rules::apply_order(
        &scenario,
        &mut state,
        usa,
        exercises,
        &mut peninsula::sim::rules::Spread::Expected,
    );
    for ally in [kor, jpn] {
        assert_eq!(state.trust(ally, usa), start.trust(ally, usa) + 2.0);
        assert_eq!(state.trust(usa, ally), start.trust(usa, ally) + 2.0);
    }
}

#[test]
fn the_elected_actors_vote_in_the_council_only_in_their_terms() {
    let scenario = Arc::new(
        scenario::load_scenario_str(&with_japan_and_sweden(), "korea_with_japan.ron")
            .expect("valid"),
    );
    let council = scenario.council.as_ref().expect("council");
    for turn in [1, 6, 7, 18] {
        let actors = scenario.actors.iter().filter(|a| a.seat.sits(turn)).count();
        let members = council.members.iter().filter(|m| m.seat.sits(turn)).count();
        assert_eq!(actors + members, 15, "turn {turn}: fifteen seats");
    }
    // Turn 7 is January 2018: Japan's term is over, Sweden's goes on.
    let (mut japan, mut sweden) = (Vec::new(), Vec::new());
    for seed in 0..8 {
        let mut game = Game::new(scenario.clone(), seed, false);
        game.play(None);
        for turn in game.history() {
            for entry in &turn.entries {
                if let Entry::Voted { actor, vote, .. } = entry {
                    assert_ne!(*vote, peninsula::agents::Vote::Veto, "{actor} has no veto");
                    match actor.as_str() {
                        "JPN" => japan.push(turn.turn),
                        "SWE" => sweden.push(turn.turn),
                        _ => {}
                    }
                }
            }
        }
    }
    assert!(!japan.is_empty() && !sweden.is_empty(), "both voted");
    assert!(
        japan.iter().all(|turn| *turn <= 6),
        "Japan after 2017: {japan:?}"
    );
    assert!(
        sweden.iter().any(|turn| *turn > 6),
        "Sweden sits through 2018: {sweden:?}"
    );
}

#[test]
fn the_sixth_actor_scenario_also_validates_from_a_file() {
    let path = common::temp_file("korea_with_japan.ron", &with_japan_and_sweden());
    common::assert_validates(&path);
}

/// Plays until dual-track is answered, with the given answers imposed, and returns that turn's
/// entries.
fn dual_track_answered(answers: &[(&str, bool)]) -> Vec<Entry> {
    let scenario = Arc::new(
        scenario::load_scenario_str(&with_japan_and_sweden(), "korea_with_japan.ron")
            .expect("valid"),
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
    let entries = dual_track_answered(&[
        ("PRK", true),
        ("USA", true),
        ("KOR", true),
        ("JPN", false),
        ("SWE", false),
    ]);
    for code in ["JPN", "SWE"] {
        assert!(
            entries.iter().any(|e| matches!(e,
                Entry::Answered { proposal, actor, accept: false, .. }
                    if proposal == "dual_track" && actor == code)),
            "{code} was not asked: {entries:?}"
        );
    }
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
    let mut file = scenario::parse_scenario(&with_japan_and_sweden(), "both.ron").expect("parses");
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
