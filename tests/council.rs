//! The Security Council as fifteen members: actors on permanent or elected seats, members no
//! actor plays voting by their leanings, an abstention that is not a no, and nine yes votes with
//! no veto to pass.

mod common;

use std::sync::Arc;

use bevy_ecs::schedule::IntoScheduleConfigs;

use common::*;
use peninsula::agents::{self, Vote};
use peninsula::game::phases::{draft_resolutions, vote_resolutions};
use peninsula::scenario::{Scenario, Seat};
use peninsula::sim::GameState;
use peninsula::sim::log::{Entry, TurnLog};
use peninsula::sim::random::Draws;
use peninsula::sim::rules;

const LEGACY: &str =
    "security_council: Some((elected_members: 10, votes_needed: 9, on_unanimous: [";

/// The minimal fixture with `council` (the inside of `Some((...))` up to `on_unanimous`) as its
/// Security Council.
fn with_council(council: &str) -> String {
    minimal_replacing(
        LEGACY,
        &format!("security_council: Some(({council} on_unanimous: ["),
    )
}

/// Members in RON: `count` of them named `prefix` 1, 2..., each on `seat` with `leaning`.
fn members(prefix: &str, count: usize, seat: &str, leaning: &str) -> String {
    (1..=count)
        .map(|n| {
            format!(
                "(name: \"{prefix} {n}\", seat: {seat}, leaning: {leaning}, \
                 source: Assumption(reason: \"A test member.\")),"
            )
        })
        .collect()
}

fn load(text: &str) -> Arc<Scenario> {
    Arc::new(load_edited(text).unwrap_or_else(|e| panic!("valid: {e}")))
}

fn error_of(text: &str) -> String {
    match load_edited(text) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

/// Two permanent members that no actor plays vote yes, ten elected members too, and the one
/// permanent actor (Alphaland) abstains: 12 yes of 13, which passes.
fn fifteen() -> Arc<Scenario> {
    load(&with_council(&format!(
        "votes_needed: 9, members: [{}{}],",
        members("Permanent", 2, "Permanent", "Yes"),
        members("Elected", 10, "Elected(\"2017-01\", \"2018-12\")", "Yes"),
    )))
}

#[test]
fn an_abstention_is_not_a_no_and_nine_yes_votes_with_no_veto_pass() {
    let scenario = fifteen();
    let council = scenario.council.as_ref().expect("council");
    let alphaland = scenario.actor_index("AAA").expect("AAA");
    let tally = rules::tally(council, 0, 1, &[(alphaland, Vote::Abstain)]);
    assert_eq!(tally.yes, 12);
    assert!(!tally.vetoed && !tally.unanimous);
    assert!(rules::passes(council, tally), "12 yes, one abstention");
    // Under the older council, the unnamed members follow the actors' majority: one abstention
    // of one sinks the text.
    let legacy = minimal();
    let old = legacy.council.as_ref().expect("council");
    let tally = rules::tally(old, 0, 1, &[(alphaland, Vote::Abstain)]);
    assert_eq!(tally.yes, 0);
    assert!(!rules::passes(old, tally));
    // All yes is unanimous; a veto sinks any count.
    let all = rules::tally(council, 0, 1, &[(alphaland, Vote::Yes)]);
    assert!(all.unanimous && all.yes == 13);
    let vetoed = rules::tally(council, 0, 1, &[(alphaland, Vote::Veto)]);
    assert!(vetoed.vetoed && !rules::passes(council, vetoed));
}

#[test]
fn members_vote_as_they_lean_and_only_while_they_sit() {
    // Turn 1 is 2017-07; the scenario has six turns, to 2017-12.
    let scenario = load(&with_council(&format!(
        "votes_needed: 3, members: [{}{}{}{}],",
        members("Against", 1, "Permanent", "No"),
        members(
            "Follower",
            1,
            "Elected(\"2016-01\", \"2017-08\")",
            "With(\"AAA\")"
        ),
        members("Late", 1, "Elected(\"2017-10\", \"2019-12\")", "Yes"),
        members(
            "Majority",
            1,
            "Elected(\"2017-01\", \"2017-12\")",
            "Majority"
        ),
    )));
    let council = scenario.council.as_ref().expect("council");
    let aaa = scenario.actor_index("AAA").expect("AAA");
    let seats: Vec<Seat> = council.members.iter().map(|m| m.seat).collect();
    assert_eq!(
        seats,
        vec![
            Seat::Permanent,
            Seat::Elected { from: 1, until: 2 },
            Seat::Elected { from: 4, until: 6 },
            Seat::Elected { from: 1, until: 6 },
        ]
    );
    let votes = |turn: u32, vote: Vote| -> Vec<Option<Vote>> {
        council
            .members
            .iter()
            .map(|m| rules::member_vote(m, 0, turn, &[(aaa, vote)]))
            .collect()
    };
    // A permanent member's "no" is a veto; the follower votes with Alphaland while it sits.
    assert_eq!(
        votes(1, Vote::Yes),
        vec![Some(Vote::Veto), Some(Vote::Yes), None, Some(Vote::Yes)]
    );
    // An elected follower cannot veto: with a vetoing Alphaland it votes no.
    assert_eq!(
        votes(2, Vote::Veto),
        vec![Some(Vote::Veto), Some(Vote::No), None, Some(Vote::Abstain)]
    );
    assert_eq!(
        votes(5, Vote::Abstain),
        vec![Some(Vote::Veto), None, Some(Vote::Yes), Some(Vote::Abstain)]
    );
    assert!(rules::tally(council, 0, 1, &[(aaa, Vote::Yes)]).vetoed);
}

#[test]
fn a_leaning_can_differ_by_draft() {
    let scenario = load(&with_council(
        "votes_needed: 1, members: [(name: \"Picky\", seat: Permanent, leaning: Yes, \
         on: {\"censure\": Abstain}, source: Assumption(reason: \"A test member.\"))],",
    ));
    let council = scenario.council.as_ref().expect("council");
    let member = &council.members[0];
    assert_eq!(rules::member_vote(member, 0, 1, &[]), Some(Vote::Abstain));
    assert_eq!(rules::member_vote(member, 7, 1, &[]), Some(Vote::Yes));
}

/// Betaland, which wants the programme higher, on the censure that lowers it.
fn betaland_votes_on_the_censure(seat: &str) -> (Vote, Arc<Scenario>) {
    let text = with_council(&format!(
        "votes_needed: 9, members: [{}],",
        members("Elected", 10, "Elected(\"2017-01\", \"2018-12\")", "Yes")
    ))
    .replacen(
        "code: \"BBB\", name: \"Betaland\",",
        &format!("code: \"BBB\", name: \"Betaland\", seat: Some({seat}),"),
        1,
    );
    let scenario = load(&text);
    let state = GameState::new(&scenario);
    let betaland = scenario.actor_index("BBB").expect("BBB");
    let alphaland = scenario.actor_index("AAA").expect("AAA");
    let mut draws = Draws::new(1, 1, Some(betaland), "test");
    let (vote, _) = agents::vote(&scenario, &state, 0, 0, alphaland, betaland, &mut draws);
    (vote, scenario)
}

#[test]
fn an_actor_on_an_elected_seat_votes_no_where_a_permanent_one_vetoes() {
    let (elected, scenario) = betaland_votes_on_the_censure("Elected(\"2017-07\", \"2017-09\")");
    assert_eq!(elected, Vote::No);
    let betaland = scenario.actor_index("BBB").expect("BBB");
    assert_eq!(
        scenario.actors[betaland].seat,
        Seat::Elected { from: 1, until: 3 }
    );
    let (permanent, _) = betaland_votes_on_the_censure("Permanent");
    assert_eq!(permanent, Vote::Veto);
}

#[test]
fn the_council_votes_with_elected_actors_while_they_sit_and_logs_the_members() {
    let text = with_council(&format!(
        "votes_needed: 9, members: [{}{}],",
        members("Permanent", 2, "Permanent", "Yes"),
        members("Elected", 9, "Elected(\"2017-01\", \"2018-12\")", "Yes"),
    ))
    .replacen(
        "code: \"BBB\", name: \"Betaland\",",
        "code: \"BBB\", name: \"Betaland\", seat: Some(Elected(\"2017-08\", \"2017-08\")),",
        1,
    );
    let scenario = load(&text);
    let test = scenario.action_index("test").expect("test action");
    for (turn, betaland_votes) in [(2, true), (3, false)] {
        let mut app = bare_app_with(
            scenario.clone(),
            (draft_resolutions, vote_resolutions).chain(),
        );
        {
            let mut state = app.world_mut().resource_mut::<GameState>();
            state.turn = turn;
            state.action_taken_at_mut()[test] = Some(turn - 1);
        }
        app.update();
        let log = app.world().resource::<TurnLog>().entries.clone();
        let voters: Vec<&str> = log
            .iter()
            .filter_map(|e| match e {
                Entry::Voted { actor, .. } => Some(actor.as_str()),
                _ => None,
            })
            .collect();
        let expected: &[&str] = if betaland_votes {
            &["AAA", "BBB"]
        } else {
            &["AAA"]
        };
        assert_eq!(voters, expected, "turn {turn}: {log:?}");
        let Some(Entry::CouncilResult {
            others,
            yes,
            adopted,
            vetoed_by,
            ..
        }) = log
            .iter()
            .find(|e| matches!(e, Entry::CouncilResult { .. }))
        else {
            panic!("turn {turn}: no vote: {log:?}");
        };
        assert_eq!(others.len(), 11, "every member is listed");
        assert!(others.iter().all(|(_, vote)| *vote == Vote::Yes));
        // Betaland opposes the censure but cannot veto it: the members carry it.
        assert!(vetoed_by.is_empty(), "{log:?}");
        assert!(*adopted && *yes >= 11, "turn {turn}: {log:?}");
    }
}

#[test]
fn the_timeline_counts_the_members_votes() {
    let scenario = fifteen();
    let entry = Entry::CouncilResult {
        draft: "censure".into(),
        text: "Strong censure".into(),
        adopted: true,
        yes: 12,
        needed: 9,
        vetoed_by: Vec::new(),
        unanimous: false,
        others: vec![
            ("One".into(), Vote::Yes),
            ("Two".into(), Vote::Yes),
            ("Three".into(), Vote::Abstain),
        ],
    };
    let line = peninsula::report::timeline::entry_line(&scenario, &entry);
    assert!(
        line.ends_with("(12 votes, 9 needed); the other members: 2 yes, 1 abstain"),
        "{line}"
    );
}

#[test]
fn council_mistakes_are_located_and_say_what_to_write() {
    let cases = [
        (
            members("Late", 1, "Elected(\"2018-01\", \"2017-01\")", "Yes"),
            "the term ends (2017-01) before it begins (2018-01)",
        ),
        (
            members("Gone", 1, "Elected(\"2015-01\", \"2016-12\")", "Yes"),
            "holds in no month of the scenario",
        ),
        (
            members("Odd", 1, "Elected(\"2017-13\", \"2018-12\")", "Yes"),
            "there is no month 13",
        ),
        (
            members("Lost", 1, "Permanent", "With(\"ZZZ\")"),
            "unknown actor \"ZZZ\"",
        ),
        (
            "(name: \"Picky\", seat: Permanent, leaning: Yes, on: {\"nothing\": No}, \
             source: Assumption(reason: \"A test member.\")),"
                .to_owned(),
            "unknown draft \"nothing\"",
        ),
        (
            members("Twin", 1, "Permanent", "Yes") + &members("Twin", 1, "Permanent", "Yes"),
            "two members are named \"Twin 1\"",
        ),
    ];
    for (list, expected) in cases {
        let message = error_of(&with_council(&format!(
            "votes_needed: 9, members: [{list}],"
        )));
        assert!(message.contains(expected), "{expected}: {message}");
        assert!(
            message.contains("edited.ron:") && message.contains("security_council.members["),
            "located: {message}"
        );
    }
    let both = error_of(&minimal_replacing(
        "permanent_member: true,",
        "permanent_member: true, seat: Some(Permanent),",
    ));
    assert!(
        both.contains("actors[AAA].seat") && both.contains("keep one"),
        "{both}"
    );
    let short = error_of(&with_council("votes_needed: 9, members: [],"));
    assert!(short.contains("9 votes needed: expected 1 to 1"), "{short}");
}
