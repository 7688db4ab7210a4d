//! The session every front end plays on: it stops when a person must decide, with typed
//! requests whose options keep their ids, refuses wrong replies with a reason, and hands out
//! each log entry once.

mod common;

use peninsula::game::Game;
use peninsula::session::{Ask, Progress, Reply, Request, Session};

fn session(humans: &[&str], seed: u64) -> Session {
    let scenario = common::korea();
    let humans: Vec<usize> = humans
        .iter()
        .map(|code| scenario.actor_index(code).expect("known actor"))
        .collect();
    Session::new(Game::new(scenario, seed, false), &humans)
}

/// Plays to the end of the current turn answering every request with the advisor's pick;
/// returns the requests made.
fn play_turn_with_advice(session: &mut Session) -> Vec<Request> {
    let mut asked = Vec::new();
    loop {
        match session.advance() {
            Progress::Waiting => {
                let request = session.waiting().cloned().expect("a request waits");
                let advice = session
                    .advice(request.id)
                    .expect("advice for a waiting request");
                session
                    .submit(&Reply {
                        request: request.id,
                        picks: advice.picks,
                    })
                    .expect("the advisor's pick is a valid reply");
                asked.push(request);
            }
            Progress::Played(_) => {}
            Progress::TurnEnded(_) | Progress::Over => return asked,
        }
    }
}

#[test]
fn a_person_is_asked_before_each_phase_in_which_it_decides() {
    let mut china = session(&["CHN"], 7);
    let asked = play_turn_with_advice(&mut china);
    let kinds: Vec<&str> = asked.iter().map(|r| r.ask.kind()).collect();
    assert!(
        kinds.contains(&"table"),
        "China may table dual track: {kinds:?}"
    );
    assert!(
        kinds.contains(&"vote"),
        "China votes on the July draft: {kinds:?}"
    );
    assert_eq!(kinds.last(), Some(&"orders"), "orders come last: {kinds:?}");
    assert!(asked.iter().all(|r| r.actor == "CHN" && r.turn == 1));
    // Later turns ask to table only when there is something China may table.
    for _ in 0..5 {
        for request in play_turn_with_advice(&mut china) {
            assert!(
                request.options.iter().any(|o| o.unavailable.is_none()),
                "turn {}: nothing to pick in {:?}",
                request.turn,
                request.ask
            );
        }
    }
    // Nobody else is asked anything, and an all-AI game never waits.
    let mut nobody = session(&[], 7);
    assert!(play_turn_with_advice(&mut nobody).is_empty());
}

#[test]
fn order_ids_do_not_shift_from_turn_to_turn() {
    let mut game = session(&["PRK"], 3);
    let mut lists = Vec::new();
    for _ in 0..3 {
        let asked = play_turn_with_advice(&mut game);
        let orders = asked
            .iter()
            .find(|r| matches!(r.ask, Ask::Orders { .. }))
            .expect("orders are asked every turn");
        lists.push(
            orders
                .options
                .iter()
                .map(|o| o.id.clone())
                .collect::<Vec<_>>(),
        );
    }
    assert!(lists.windows(2).all(|pair| pair[0] == pair[1]), "{lists:?}");
    assert!(
        lists[0].iter().any(|id| id == "missile_test"),
        "{:?}",
        lists[0]
    );
}

#[test]
fn a_wrong_reply_is_refused_with_a_reason_and_the_request_keeps_waiting() {
    let mut game = session(&["USA"], 5);
    let request = loop {
        match game.advance() {
            Progress::Waiting => {
                let request = game.waiting().cloned().expect("waiting");
                if matches!(request.ask, Ask::Orders { .. }) {
                    break request;
                }
                let advice = game.advice(request.id).expect("advice");
                game.submit(&Reply {
                    request: request.id,
                    picks: advice.picks,
                })
                .expect("valid");
            }
            Progress::Played(_) => {}
            other => panic!("the turn ended before the orders: {other:?}"),
        }
    };
    let refuse = |game: &mut Session, request: u64, picks: &[&str]| {
        let reply = Reply {
            request,
            picks: picks.iter().map(|p| (*p).to_owned()).collect(),
        };
        game.submit(&reply).expect_err("refused").to_string()
    };
    let available: Vec<&str> = request
        .options
        .iter()
        .filter(|o| o.unavailable.is_none())
        .map(|o| o.id.as_str())
        .collect();
    assert!(
        refuse(&mut game, request.id, &["launch_everything"]).contains("not one of the options")
    );
    assert!(refuse(&mut game, request.id + 99, &[]).contains("no request"));
    assert!(refuse(&mut game, request.id, &[available[0], available[0]]).contains("picked twice"));
    assert!(
        refuse(&mut game, request.id, &available[..3.min(available.len())]).contains("at most 2")
    );
    if let Some(blocked) = request.options.iter().find(|o| o.unavailable.is_some()) {
        assert!(refuse(&mut game, request.id, &[&blocked.id]).contains("cannot be picked now"));
    }
    assert_eq!(
        game.waiting().map(|r| r.id),
        Some(request.id),
        "still waiting"
    );
    assert_eq!(
        game.advance(),
        Progress::Waiting,
        "nothing is played past it"
    );
    game.submit(&Reply {
        request: request.id,
        picks: vec![available[0].to_owned()],
    })
    .expect("a valid reply is taken");
    assert_ne!(game.advance(), Progress::Waiting);
}

#[test]
fn requests_and_replies_are_plain_serde_data() {
    let mut game = session(&["CHN"], 7);
    let asked = play_turn_with_advice(&mut game);
    for request in &asked {
        let text = serde_json::to_string(request).expect("serialises");
        let back: Request = serde_json::from_str(&text).expect("reads back");
        assert_eq!(&back, request);
    }
    let reply: Reply = serde_json::from_str(r#"{"request": 4, "picks": ["chn_offer_talks"]}"#)
        .expect("a reply reads from JSON");
    assert_eq!(reply.picks, vec!["chn_offer_talks".to_owned()]);
}

#[test]
fn predicted_effects_are_score_points_interest_by_interest() {
    let mut game = session(&["USA"], 2);
    let asked = play_turn_with_advice(&mut game);
    let orders = asked
        .iter()
        .find(|r| matches!(r.ask, Ask::Orders { .. }))
        .expect("orders asked");
    let moving: Vec<_> = orders
        .options
        .iter()
        .filter(|o| o.points.abs() > 0.05)
        .collect();
    assert!(!moving.is_empty(), "some order moves the score");
    for option in &orders.options {
        let sum: f64 = option.effects.iter().map(|e| e.points).sum();
        assert!((sum - option.points).abs() < 0.01 * option.effects.len().max(1) as f64);
        // Points on a 0-100 scale: one order moves the score by a few points, not by 0.004.
        assert!(
            option.points.abs() < 25.0,
            "{}: {}",
            option.id,
            option.points
        );
    }
    assert!(
        moving.iter().any(|o| o.points.abs() > 0.2),
        "shown on the score scale"
    );
}

#[test]
fn a_session_answered_by_its_advisor_is_the_same_game_every_time() {
    let play = || {
        let mut game = session(&["KOR", "RUS"], 11);
        for _ in 0..4 {
            play_turn_with_advice(&mut game);
        }
        game.game()
            .history()
            .iter()
            .map(|t| t.state_hash.clone())
            .collect::<Vec<_>>()
    };
    let first = play();
    assert_eq!(first.len(), 4);
    assert_eq!(first, play());
}

#[test]
fn several_people_are_each_asked_for_their_own_actor() {
    let mut game = session(&["USA", "CHN"], 4);
    let asked = play_turn_with_advice(&mut game);
    let orders: Vec<&str> = asked
        .iter()
        .filter(|r| matches!(r.ask, Ask::Orders { .. }))
        .map(|r| r.actor.as_str())
        .collect();
    assert_eq!(orders, vec!["USA", "CHN"]);
    let ids: Vec<u64> = asked.iter().map(|r| r.id).collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids, unique, "every request has its own id");
}

#[test]
fn every_entry_is_handed_out_once_in_order() {
    let mut game = session(&["PRK"], 8);
    let mut handed = Vec::new();
    for _ in 0..3 {
        loop {
            let progress = game.advance();
            handed.extend(game.take_entries());
            match progress {
                Progress::Waiting => {
                    let request = game.waiting().cloned().expect("waiting");
                    let picks = game.advice(request.id).expect("advice").picks;
                    game.submit(&Reply {
                        request: request.id,
                        picks,
                    })
                    .expect("valid");
                }
                Progress::Played(_) => {}
                _ => break,
            }
        }
    }
    let recorded: Vec<_> = game
        .game()
        .history()
        .iter()
        .flat_map(|t| t.entries.clone())
        .collect();
    assert_eq!(handed, recorded);
}

#[test]
fn the_advisor_reads_what_the_actor_remembers() {
    let mut game = session(&["CHN"], 7);
    for _ in 0..3 {
        play_turn_with_advice(&mut game);
    }
    let china = game.scenario().actor_index("CHN").expect("China");
    let memory = game.game().memory(china);
    assert_eq!(memory.len(), game.scenario().actors.len());
    assert!(
        memory.iter().any(|m| *m != 0.0),
        "after three turns China remembers something: {memory:?}"
    );
}

#[test]
fn an_order_that_breaks_a_deal_says_whom_it_frees_and_for_how_long() {
    let mut north = session(&["PRK"], 7);
    let scenario = north.scenario().clone();
    let dual_track = scenario
        .proposals
        .iter()
        .position(|p| p.id == "dual_track")
        .expect("dual track");
    let authors = [
        scenario.actor_index("CHN").expect("CHN"),
        scenario.actor_index("RUS").expect("RUS"),
    ];
    {
        let mut state = north
            .game_mut()
            .world_mut()
            .resource_mut::<peninsula::sim::GameState>();
        peninsula::sim::rules::strike_deal(
            &scenario,
            &mut state,
            dual_track,
            &authors,
            &mut peninsula::sim::rules::Spread::Expected,
        );
    }
    loop {
        assert!(matches!(
            north.advance(),
            Progress::Waiting | Progress::Played(_)
        ));
        let Some(request) = north.waiting().cloned() else {
            continue;
        };
        if request.ask.kind() != "orders" {
            let picks = north.advice(request.id).expect("advice").picks;
            north
                .submit(&Reply {
                    request: request.id,
                    picks,
                })
                .expect("valid");
            continue;
        }
        let test = request
            .options
            .iter()
            .find(|option| option.id == "missile_test")
            .expect("the North may launch");
        let note = test.note.as_deref().unwrap_or_default();
        assert!(
            note.starts_with("breaks your commitment under \"Dual track (freeze for freeze)\"")
                && note.contains(": United States and South Korea would be free")
                && note.contains("months it had left"),
            "{note}"
        );
        let talks = request
            .options
            .iter()
            .find(|option| option.id == "offer_talks")
            .expect("the North may offer talks");
        assert_eq!(talks.note, None);
        break;
    }
}
