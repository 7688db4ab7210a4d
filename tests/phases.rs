//! Each phase system tested alone on a bare Bevy `App`, as in Bevy's `how_to_test_systems`:
//! build the app, add the one system, set up resources and entities, `update()`, assert.

mod common;

use bevy_app::App;
use bevy_ecs::prelude::*;
use common::*;
use peninsula::agents::Vote;
use peninsula::game::phases::*;
use peninsula::sim::GameState;
use peninsula::sim::log::{Decider, Entry, TurnLog};
use peninsula::sim::turn::*;

/// An app with the minimal scenario's resources and actors, and only `system` in `Update`.
fn bare_app<M>(system: impl IntoScheduleConfigs<bevy_ecs::system::ScheduleSystem, M>) -> App {
    bare_app_with(minimal(), system)
}

fn state(app: &App) -> &GameState {
    app.world().resource::<GameState>()
}

fn entries(app: &App) -> Vec<Entry> {
    app.world().resource::<TurnLog>().entries.clone()
}

#[test]
fn events_phase_starts_the_turn_and_fires_the_scripted_opening() {
    let mut app = bare_app(run_events);
    app.update();
    assert_eq!(state(&app).turn, 1);
    assert!(state(&app).fired()[0], "the AtTurn(1) event fired");
    assert_eq!(
        app.world().resource::<Agenda>().forced_tabling,
        vec![(0, vec![0])]
    );
    assert!(matches!(&entries(&app)[0], Entry::Event { event, .. } if event == "opening"));
}

#[test]
fn an_event_dated_by_month_fires_in_that_month_when_the_scenario_starts_in_another() {
    // The scenario starts in September 2017; the opening is dated November 2017, turn 3.
    let text = minimal_source()
        .replacen("start_month: 7", "start_month: 9", 1)
        .replacen("trigger: AtTurn(1)", "trigger: OnDate(\"2017-11\")", 1);
    let scenario = std::sync::Arc::new(
        peninsula::scenario::load_scenario_str(&text, "dated.ron").expect("valid"),
    );
    let mut app = bare_app_with(scenario.clone(), run_events);
    let mut fired_in = Vec::new();
    for _ in 0..6 {
        let before = state(&app).fired()[0];
        app.update();
        if state(&app).fired()[0] && !before {
            fired_in.push(month_label(&scenario, state(&app).turn));
        }
    }
    assert_eq!(fired_in, ["2017-11"]);
}

#[test]
fn events_phase_skips_the_script_when_switched_off() {
    let mut app = bare_app(run_events);
    app.insert_resource(GameSettings {
        seed: 11,
        no_script: true,
        reseed: None,
    });
    app.update();
    assert!(!state(&app).fired()[0]);
    assert!(app.world().resource::<Agenda>().forced_tabling.is_empty());
}

#[test]
fn proposals_phase_tables_what_events_forced() {
    let mut app = bare_app(table_proposals);
    app.world_mut()
        .resource_mut::<Agenda>()
        .forced_tabling
        .push((0, vec![0]));
    app.world_mut().resource_mut::<GameState>().turn = 1;
    app.update();
    assert_eq!(app.world().resource::<Agenda>().tabled, vec![(0, vec![0])]);
    assert_eq!(state(&app).proposal_tabled_at()[0], Some(1));
    assert!(matches!(
        &entries(&app)[0],
        Entry::Tabled {
            decided: Decider::Script,
            ..
        }
    ));
}

#[test]
fn answers_phase_strikes_the_deal_when_every_party_accepts() {
    let mut app = bare_app(answer_proposals);
    app.world_mut().resource_mut::<GameState>().turn = 1;
    app.world_mut()
        .resource_mut::<Agenda>()
        .tabled
        .push((0, vec![0]));
    app.world_mut()
        .resource_mut::<Directives>()
        .answers
        .insert((0, 1), true);
    let tension_before = state(&app).values()[0];
    app.update();
    assert!(state(&app).in_force()[0]);
    assert_eq!(state(&app).commitments.len(), 1);
    assert_eq!(
        state(&app).commitments[0].until_turn,
        3,
        "three turns from turn 1"
    );
    assert!(
        state(&app).values()[0] < tension_before,
        "on_deal lowers tension"
    );
    assert!(
        entries(&app)
            .iter()
            .any(|e| matches!(e, Entry::DealStruck { .. }))
    );
}

#[test]
fn answers_phase_lets_the_ai_reject_a_freeze_of_its_own_programme() {
    let mut app = bare_app(answer_proposals);
    app.world_mut().resource_mut::<GameState>().turn = 1;
    app.world_mut()
        .resource_mut::<Agenda>()
        .tabled
        .push((0, vec![0]));
    app.update();
    assert!(!state(&app).in_force()[0]);
    assert!(entries(&app).iter().any(|e| matches!(
        e,
        Entry::Answered {
            accept: false,
            decided: Decider::Ai,
            ..
        }
    )));
}

#[test]
fn drafting_and_voting_adopt_a_censure_after_a_test() {
    let scenario = minimal();
    let mut app = bare_app((draft_resolutions, vote_resolutions).chain());
    {
        let mut state = app.world_mut().resource_mut::<GameState>();
        state.turn = 2;
        state.action_taken_at_mut()[scenario.action_index("test").expect("test action")] = Some(1);
    }
    let before = state(&app).values()[1];
    app.update();
    let log = entries(&app);
    assert!(
        log.iter().any(|e| matches!(e, Entry::Drafted { .. })),
        "{log:?}"
    );
    assert!(
        log.iter().any(|e| matches!(
            e,
            Entry::Voted {
                vote: Vote::Yes,
                ..
            }
        )),
        "{log:?}"
    );
    assert!(
        log.iter()
            .any(|e| matches!(e, Entry::CouncilResult { adopted: true, .. })),
        "{log:?}"
    );
    assert!(
        state(&app).values()[1] < before,
        "the censure lowers the programme"
    );
}

#[test]
fn drafting_waits_for_its_precondition() {
    let mut app = bare_app(draft_resolutions);
    app.world_mut().resource_mut::<GameState>().turn = 2;
    app.update();
    assert!(app.world().resource::<Agenda>().drafts.is_empty());
}

#[test]
fn orders_phase_lets_the_ai_choose_and_takes_human_orders_as_given() {
    let mut app = bare_app(choose_orders);
    app.world_mut().resource_mut::<GameState>().turn = 1;
    let mut query = app.world_mut().query::<(&ActorSlot, &mut Controller)>();
    for (slot, mut controller) in query.iter_mut(app.world_mut()) {
        if slot.0 == 0 {
            *controller = Controller::Human;
        }
    }
    app.world_mut()
        .resource_mut::<Directives>()
        .orders
        .insert(0, vec![1]);
    app.update();
    let mut query = app.world_mut().query::<(&ActorSlot, &Orders)>();
    let mut orders: Vec<(usize, Vec<usize>)> = query
        .iter(app.world())
        .map(|(s, o)| (s.0, o.0.clone()))
        .collect();
    orders.sort();
    assert_eq!(orders[0], (0, vec![1]), "the human's talks order stands");
    assert_eq!(
        orders[1],
        (1, vec![0]),
        "Betaland's AI tests: its programme is its top interest"
    );
}

#[test]
fn resolution_phase_applies_valid_orders_and_voids_unaffordable_ones() {
    let mut app = bare_app(resolve_orders);
    {
        let mut state = app.world_mut().resource_mut::<GameState>();
        state.turn = 1;
        state.capital_mut()[0] = 0.0;
    }
    let mut query = app.world_mut().query::<(&ActorSlot, &mut Orders)>();
    for (slot, mut orders) in query.iter_mut(app.world_mut()) {
        orders.0 = if slot.0 == 0 { vec![1] } else { vec![0] };
    }
    let programme = state(&app).values()[1];
    app.update();
    let log = entries(&app);
    assert!(
        log.iter()
            .any(|e| matches!(e, Entry::OrderRefused { actor, .. } if actor == "AAA")),
        "{log:?}"
    );
    assert!(
        log.iter()
            .any(|e| matches!(e, Entry::Order { actor, .. } if actor == "BBB")),
        "{log:?}"
    );
    assert!(
        state(&app).values()[1] > programme + 3.0,
        "the test raised the programme"
    );
    assert_eq!(
        state(&app).capital()[1],
        6.0 - 2.0 + 3.0,
        "cost paid, income received"
    );
}

#[test]
fn resolution_phase_breaks_a_deal_when_a_frozen_kind_is_ordered() {
    let mut app = bare_app(resolve_orders);
    {
        let mut state = app.world_mut().resource_mut::<GameState>();
        state.turn = 2;
        state.in_force_mut()[0] = true;
        state.commitments.push(peninsula::sim::state::Commitment {
            proposal: 0,
            actor: 1,
            kind: Some(0),
            until_turn: 3,
            promise: 0,
        });
    }
    let mut query = app.world_mut().query::<(&ActorSlot, &mut Orders)>();
    for (slot, mut orders) in query.iter_mut(app.world_mut()) {
        orders.0 = if slot.0 == 1 { vec![0] } else { vec![] };
    }
    app.update();
    assert!(!state(&app).in_force()[0]);
    assert!(state(&app).commitments.is_empty());
    assert!(
        entries(&app)
            .iter()
            .any(|e| matches!(e, Entry::Broke { actor, .. } if actor == "BBB"))
    );
}

#[test]
fn scoring_phase_records_utilities_and_remembers_a_harmful_move() {
    let mut app = bare_app(score_actors);
    {
        let mut state = app.world_mut().resource_mut::<GameState>();
        state.turn = 1;
        *state.trust_mut(0, 1) -= 30.0;
    }
    app.update();
    let mut query = app.world_mut().query::<(&ActorSlot, &Utilities, &Memory)>();
    for (slot, utilities, memory) in query.iter(app.world()) {
        assert_eq!(utilities.0.len(), 1);
        assert!((0.0..=1.0).contains(&utilities.0[0]));
        if slot.0 == 0 {
            // Alphaland's forgiveness is the default 0.3: memory is -1 (remembered) or 0 (forgiven).
            assert!(memory.0[1] == -1.0 || memory.0[1] == 0.0, "{:?}", memory.0);
        }
    }
}

#[test]
fn end_check_phase_ends_on_breakout_and_files_the_record() {
    let mut app = bare_app(check_end);
    {
        let mut state = app.world_mut().resource_mut::<GameState>();
        state.turn = 2;
        state.values_mut()[1] = 100.0;
    }
    app.update();
    let scenario = minimal();
    assert_eq!(state(&app).ending, Some(1), "{}", scenario.endings[1].id);
    let history = &app.world().resource::<History>().0;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].month, "2017-08");
    assert_eq!(
        history[0].state_hash,
        state(&app).hash_with(&[vec![0.0; 2], vec![0.0; 2]])
    );
}

#[test]
fn end_check_phase_ends_in_stalemate_when_the_calendar_runs_out() {
    let mut app = bare_app(check_end);
    app.world_mut().resource_mut::<GameState>().turn = 6;
    app.update();
    assert_eq!(state(&app).ending, Some(2));
}

#[test]
fn a_scripted_event_can_react_to_a_rejected_deal_the_month_after() {
    // The opening tables the freeze in turn 1 and Betaland, which wants its programme, says no;
    // a walkout is scripted for the month after a refusal.
    let text = minimal_replacing(
        "        (id: \"incident\",",
        "        (id: \"walkout\", name: \"Walkout\", \
         trigger: When(conditions: [Rejected(\"freeze\", 2)], chance: 1.0), \
         outcomes: [Effects([(target: Indicator(\"tension\"), change: 3.0)])], \
         news: \"Alphaland walks out.\"),\n        (id: \"incident\",",
    );
    let scenario = std::sync::Arc::new(load_edited(&text).expect("valid"));
    assert!(scenario.tracks_rejection);
    let freeze = scenario.proposal_index("freeze").expect("freeze");
    let mut game = peninsula::game::Game::new(scenario.clone(), 11, false);
    game.play_turn();
    let first = &game.history()[0].entries;
    assert!(
        first
            .iter()
            .any(|e| matches!(e, Entry::DealRejected { proposal, .. } if proposal == "freeze")),
        "{first:?}"
    );
    assert_eq!(game.state().rejected_at()[freeze], Some(1));
    assert!(
        !first
            .iter()
            .any(|e| matches!(e, Entry::Event { event, .. } if event == "walkout")),
        "read before the answers, it cannot fire in the month of the refusal"
    );
    game.play_turn();
    let second = &game.history()[1].entries;
    assert!(
        second
            .iter()
            .any(|e| matches!(e, Entry::Event { event, .. } if event == "walkout")),
        "{second:?}"
    );
    // The fixture asks no such thing, and keeps no such turns.
    assert!(GameState::new(&minimal()).rejected_at().is_empty());
}

#[test]
fn a_rejection_condition_names_a_real_proposal_and_warns_of_one_turn() {
    let error = load_edited(&minimal_replacing(
        "trigger: When(conditions: [Above(Indicator(\"tension\"), 40.0)], chance: 0.5)",
        "trigger: When(conditions: [Rejected(\"thaw\", 2)], chance: 0.5)",
    ))
    .map(|_| ())
    .expect_err("no such proposal")
    .to_string();
    assert!(
        error.contains("unknown proposal \"thaw\"") && error.contains("events[incident]"),
        "{error}"
    );
    let warned = load_edited(&minimal_replacing(
        "trigger: When(conditions: [Above(Indicator(\"tension\"), 40.0)], chance: 0.5)",
        "trigger: When(conditions: [Rejected(\"freeze\", 1)], chance: 0.5)",
    ))
    .expect("a warning, not an error");
    assert!(
        warned
            .warnings
            .iter()
            .any(|w| w.message.contains("within 1 turn never holds")),
        "{:?}",
        warned.warnings
    );
}

#[test]
fn a_whole_turn_plays_as_its_phases_one_by_one() {
    use peninsula::game::{Game, PHASES};
    for seed in [1, 7, 30] {
        let mut whole = Game::new(korea(), seed, false);
        let mut by_phase = Game::new(korea(), seed, false);
        while !whole.is_over() {
            whole.play_turn();
            for phase in PHASES {
                by_phase.run_phase(phase);
            }
            assert_eq!(whole.state(), by_phase.state(), "seed {seed}");
            assert_eq!(
                whole.current_entries(),
                by_phase.current_entries(),
                "seed {seed}"
            );
        }
        assert!(by_phase.is_over(), "seed {seed}");
        assert_eq!(whole.scores(), by_phase.scores(), "seed {seed}");
    }
}
