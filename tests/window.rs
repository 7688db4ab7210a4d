//! The window: its flow on a headless app (screens, the match advancing, the privacy rule
//! between people at one machine), and the real window under Xvfb, checked by its screenshots.
#![cfg(feature = "window")]

mod common;

use std::path::Path;
use std::process::Command;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use peninsula::agents::Difficulty;
use peninsula::game::Game;
use peninsula::gui::{self, EntryLogged, Match, Screen, Seat, next_person, visible_request};
use peninsula::session::Progress;
use peninsula::sim::log::Entry;

fn new_match(humans: &[&str], seed: u64) -> Match {
    let scenario = common::korea();
    let humans: Vec<usize> = humans
        .iter()
        .map(|c| scenario.actor_index(c).expect("actor"))
        .collect();
    Match::new(
        Game::new(scenario, seed, false),
        &humans,
        Difficulty::Normal,
    )
}

/// A headless app with the window's flow, playing `game` on the game screen from its next update.
fn flow_app(game: Match) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin));
    gui::flow_plugin(&mut app);
    app.insert_resource(game);
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Game);
    app
}

/// Steps until someone must decide.
fn to_request(game: &mut Match) {
    for _ in 0..100 {
        if game.session.waiting().is_some() {
            return;
        }
        game.step();
    }
    panic!("nobody was asked anything");
}

#[test]
fn no_screen_shows_another_players_pending_decision() {
    let mut game = new_match(&["USA", "CHN"], 3);
    let mut seen = Vec::new();
    for _ in 0..12 {
        to_request(&mut game);
        let waiting = game.session.waiting().cloned().expect("waiting");
        // Behind the privacy screen nothing is visible.
        assert_eq!(game.seat, Seat::Hidden);
        assert!(visible_request(&game).is_none());
        assert_eq!(next_person(&game), Some(waiting.actor.clone()));
        // The other player taking the machine sees nothing of this request.
        let other = if waiting.actor == "USA" { "CHN" } else { "USA" };
        game.seat = Seat::Open(other.to_owned());
        assert!(
            visible_request(&game).is_none(),
            "{other} saw {}'s request",
            waiting.actor
        );
        // Its own player sees it, answers, and the screen goes private again.
        game.seat = Seat::Open(waiting.actor.clone());
        let shown = visible_request(&game)
            .expect("its own player sees it")
            .clone();
        assert_eq!(shown.actor, waiting.actor);
        let advice = game.advice_for(shown.id).expect("advice").picks.clone();
        game.picks.insert(shown.id, advice);
        assert!(game.submit(&shown), "{:?}", game.refusal);
        assert_eq!(
            game.seat,
            Seat::Hidden,
            "the screen hides after each answer"
        );
        assert!(
            game.picks.is_empty(),
            "no picks are left for the next player to see"
        );
        seen.push(shown.actor);
    }
    assert!(seen.iter().any(|a| a == "USA") && seen.iter().any(|a| a == "CHN"));
}

#[test]
fn a_choice_against_the_advisor_is_kept_for_the_debrief() {
    let mut game = new_match(&["PRK"], 5);
    loop {
        to_request(&mut game);
        let request = visible_request(&game)
            .expect("one player sees its own")
            .clone();
        if request.ask.kind() != "orders" {
            let advice = game.advice_for(request.id).expect("advice").picks.clone();
            game.picks.insert(request.id, advice);
            assert!(game.submit(&request));
            continue;
        }
        let advice = game.advice_for(request.id).expect("advice").picks.clone();
        let other = request
            .options
            .iter()
            .find(|o| o.unavailable.is_none() && !advice.contains(&o.id))
            .expect("an order the advisor did not pick");
        game.picks.insert(request.id, vec![other.id.clone()]);
        assert!(game.submit(&request));
        break;
    }
    assert_eq!(game.departures.len(), 1);
    assert_eq!(game.departures[0].kind, "orders");
    assert_eq!(game.departures[0].actor, "PRK");
}

#[test]
fn a_wrong_pick_is_refused_on_screen_and_nothing_moves_on() {
    let mut game = new_match(&["KOR"], 2);
    to_request(&mut game);
    let request = visible_request(&game).expect("visible").clone();
    game.picks
        .insert(request.id, vec!["no_such_option".to_owned()]);
    assert!(!game.submit(&request));
    assert!(
        game.refusal
            .as_deref()
            .is_some_and(|r| r.contains("not one of the options"))
    );
    assert_eq!(game.step(), Progress::Waiting);
    assert_eq!(game.session.waiting().map(|r| r.id), Some(request.id));
}

#[test]
fn an_all_ai_match_plays_to_its_ending_and_opens_the_debrief() {
    let mut game = new_match(&[], 9);
    game.autoplay = u32::MAX;
    let mut app = flow_app(game);
    for _ in 0..400 {
        app.update();
        if *app.world().resource::<State<Screen>>().get() == Screen::Debrief {
            break;
        }
    }
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Debrief
    );
    let game = app.world().resource::<Match>();
    assert!(game.session.game().is_over());
    assert!(!game.news.is_empty(), "the news was kept for the screens");
}

/// What the test heard of the entries logged, in order.
#[derive(Resource, Default)]
struct Heard(Vec<(u32, Entry)>);

#[test]
fn each_logged_entry_is_sent_as_a_message_and_kept_in_the_news() {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin));
    gui::flow_plugin(&mut app);
    app.init_resource::<Heard>().add_systems(
        Update,
        |mut logged: MessageReader<EntryLogged>, mut heard: ResMut<Heard>| {
            heard
                .0
                .extend(logged.read().map(|m| (m.turn, m.entry.clone())));
        },
    );
    let mut game = new_match(&[], 9);
    game.autoplay = 2;
    app.insert_resource(game);
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Game);
    for _ in 0..20 {
        app.update();
    }
    // Paused, nothing more is logged; one more frame hears the last messages.
    app.world_mut().resource_mut::<Match>().paused = true;
    app.update();
    let game = app.world().resource::<Match>();
    let filed: Vec<(u32, Entry)> = game
        .session
        .game()
        .history()
        .iter()
        .flat_map(|record| record.entries.iter().map(|e| (record.turn, e.clone())))
        .collect();
    assert!(
        game.session.game().history().len() >= 2,
        "two months played"
    );
    assert_eq!(app.world().resource::<Heard>().0, game.news);
    assert_eq!(game.news[..filed.len()], filed[..], "in the order logged");
}

#[test]
fn a_person_stops_the_flow_until_they_answer() {
    let mut app = flow_app(new_match(&["CHN"], 7));
    for _ in 0..50 {
        app.update();
    }
    let game = app.world().resource::<Match>();
    let request = visible_request(game).expect("China is asked in its first month");
    assert_eq!(request.actor, "CHN");
    assert_eq!(game.session.game().state().turn, 1);
    assert!(
        game.session.game().history().is_empty(),
        "no month was played past it"
    );
}

/// Frames the flow asked for since the last look (the cursor keeps its place: a headless
/// app's messages outlive an update).
fn redraws_asked(
    app: &mut App,
    cursor: &mut bevy::ecs::message::MessageCursor<bevy::window::RequestRedraw>,
) -> usize {
    let messages = app
        .world()
        .resource::<Messages<bevy::window::RequestRedraw>>();
    cursor.read(messages).count()
}

#[test]
fn the_window_asks_for_frames_while_the_match_plays_on_and_none_while_a_person_decides() {
    let mut app = flow_app(new_match(&["CHN"], 7));
    let mut cursor = Default::default();
    // The screen changes, then the AI plays the first phases: each frame asks for the next.
    app.update();
    assert!(
        redraws_asked(&mut app, &mut cursor) > 0,
        "the new screen asks to be drawn"
    );
    let mut waited = None;
    for frame in 0..50 {
        app.update();
        if app.world().resource::<Match>().session.waiting().is_some() {
            waited = Some(frame);
            break;
        }
        assert!(gui::plays_on(app.world().resource::<Match>()));
        assert!(
            redraws_asked(&mut app, &mut cursor) > 0,
            "frame {frame}: the AI plays on"
        );
    }
    assert!(waited.is_some(), "China is asked in its first month");
    // Once the screen has settled, a person deciding costs no frame at all.
    for _ in 0..5 {
        app.update();
    }
    redraws_asked(&mut app, &mut cursor);
    assert!(!gui::plays_on(app.world().resource::<Match>()));
    for _ in 0..3 {
        app.update();
        assert_eq!(
            redraws_asked(&mut app, &mut cursor),
            0,
            "nothing changes while China decides"
        );
    }
}

/// Plays `game` to the end of the month, answering each request with the advisor's picks;
/// returns how many requests there were.
fn play_month(game: &mut Match) -> usize {
    let mut asked = 0;
    for _ in 0..200 {
        if let Some(request) = game.session.waiting().cloned() {
            asked += 1;
            let picks = game
                .advice_for(request.id)
                .map(|advice| advice.picks.clone())
                .unwrap_or_default();
            game.picks.insert(request.id, picks);
            assert!(game.submit(&request), "{:?}", game.refusal);
            continue;
        }
        if let Progress::TurnEnded(_) = game.step() {
            return asked;
        }
    }
    panic!("the month never ended");
}

#[test]
fn an_actor_taken_over_for_one_month_goes_back_to_the_ai_and_the_line_plays_on() {
    let mut game = new_match(&[], 7);
    game.watching = true;
    assert_eq!(play_month(&mut game), 0, "watching asks nobody");
    let china = game.scenario().actor_index("CHN").expect("CHN");
    game.take_over(china, true);
    assert!(!game.watching);
    assert_eq!(game.seat, Seat::Open("CHN".to_owned()));
    assert!(
        play_month(&mut game) > 0,
        "China is asked in the month taken over"
    );
    assert!(game.watching, "the line plays on by itself");
    assert!(game.session.humans().is_empty());
    assert_eq!(game.seat, Seat::Hidden);
    assert_eq!(play_month(&mut game), 0, "nobody is asked after that month");
    // Asked for in the middle of a month, a take-over waits for its end.
    game.step();
    assert!(!game.session.between_turns());
    game.take_over(china, false);
    assert!(game.watching && game.session.humans().is_empty());
    assert_eq!(
        play_month(&mut game),
        0,
        "the month under way plays on by itself"
    );
    // Taken over for good, the seat stays with the person.
    assert!(!game.watching);
    assert!(play_month(&mut game) > 0);
    assert!(play_month(&mut game) > 0, "still China's to decide");
}

#[test]
fn when_the_teachers_timer_runs_out_the_advisor_answers_and_it_is_marked() {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, bevy::input::InputPlugin));
    gui::flow_plugin(&mut app);
    gui::teacher_plugin(&mut app);
    app.insert_resource(new_match(&["CHN"], 7));
    app.world_mut().resource_mut::<gui::Teacher>().seconds = 0.0001;
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Game);
    // Real time passes: the timer counts it, and the month resolves at its pace on screen.
    let started = std::time::Instant::now();
    let months = |app: &App| {
        app.world()
            .resource::<Match>()
            .session
            .game()
            .history()
            .len()
    };
    while started.elapsed().as_secs() < 20 && months(&app) < 2 {
        app.update();
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let game = app.world().resource::<Match>();
    assert!(
        game.session.game().history().len() >= 2,
        "the timer kept the class moving without anyone answering"
    );
    assert!(
        game.timed_out
            .iter()
            .any(|line| line.contains("the advisor's answer")),
        "{:?}",
        game.timed_out
    );
    assert!(
        game.departures.is_empty(),
        "a timed-out answer is not the team's departure"
    );
    // With the timer off, nobody answering holds the game.
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, bevy::input::InputPlugin));
    gui::flow_plugin(&mut app);
    gui::teacher_plugin(&mut app);
    app.insert_resource(new_match(&["CHN"], 7));
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Game);
    for _ in 0..60 {
        app.update();
    }
    assert!(
        app.world()
            .resource::<Match>()
            .session
            .game()
            .history()
            .is_empty()
    );
}

// The real window under Xvfb.

/// Runs the game in a window under Xvfb with `args`; None when Xvfb is missing outside CI.
fn window(args: &[&str]) -> Option<std::process::Output> {
    let has_xvfb = Command::new("sh")
        .args(["-c", "command -v xvfb-run"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_xvfb {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the window test: install xvfb (the .ci/run script does)"
        );
        eprintln!("SKIPPED: xvfb-run is not installed (apt-get install xvfb mesa-vulkan-drivers)");
        return None;
    }
    let binary = env!("CARGO_BIN_EXE_peninsula");
    let output = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x800x24", binary, "play"])
        .args(args)
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("xvfb-run runs");
    Some(output)
}

struct Frame {
    width: usize,
    height: usize,
    pixels: Vec<[u8; 3]>,
}

impl Frame {
    fn load(path: &Path) -> Frame {
        let decoder = png::Decoder::new(std::io::BufReader::new(
            std::fs::File::open(path).expect("the screenshot exists"),
        ));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut buffer = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buffer).expect("a frame");
        let channels = info.color_type.samples();
        let pixels = buffer[..info.buffer_size()]
            .chunks(channels)
            .map(|p| [p[0], p[1], p[2]])
            .collect();
        Frame {
            width: info.width as usize,
            height: info.height as usize,
            pixels,
        }
    }

    /// The pixels of a region given as fractions of the frame.
    fn region(
        &self,
        left: f32,
        top: f32,
        right: f32,
        bottom: f32,
    ) -> impl Iterator<Item = [u8; 3]> {
        let x = |f: f32| (f * self.width as f32) as usize;
        let y = |f: f32| (f * self.height as f32) as usize;
        let (x0, x1, y0, y1) = (x(left), x(right), y(top), y(bottom));
        (y0..y1).flat_map(move |row| (x0..x1).map(move |col| self.pixels[row * self.width + col]))
    }

    /// Distinct colours in a region.
    fn colours(&self, left: f32, top: f32, right: f32, bottom: f32) -> usize {
        self.region(left, top, right, bottom)
            .collect::<std::collections::HashSet<_>>()
            .len()
    }

    /// The most common colour in a region.
    fn dominant(&self, left: f32, top: f32, right: f32, bottom: f32) -> [u8; 3] {
        let mut counts = std::collections::HashMap::new();
        for pixel in self.region(left, top, right, bottom) {
            *counts.entry(pixel).or_insert(0) += 1;
        }
        counts
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map(|(c, _)| c)
            .unwrap_or([0, 0, 0])
    }
}

fn near(colour: [u8; 3], target: (u8, u8, u8)) -> bool {
    let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).abs();
    d(colour[0], target.0) + d(colour[1], target.1) + d(colour[2], target.2) < 30
}

#[test]
fn the_game_window_plays_three_months_and_draws_the_map_and_panels() {
    let shot = common::temp_file("game.png", "");
    let path = shot.display().to_string();
    let Some(output) = window(&[
        "--as",
        "CHN",
        "--seed",
        "7",
        "--autoplay",
        "3",
        "--screenshot",
        &path,
        "--exit",
    ]) else {
        return;
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the window failed: {stderr}");
    let frame = Frame::load(&shot);
    assert_eq!(
        (frame.width, frame.height),
        (1280, 720),
        "the window's size"
    );
    assert!(
        frame.colours(0.0, 0.0, 1.0, 1.0) > 400,
        "a real frame, not a blank one"
    );
    // The map between the panels: sea, land in several colours, lines.
    let map = frame.colours(0.25, 0.15, 0.68, 0.68);
    assert!(map > 60, "the map has {map} colours");
    let sea = frame.dominant(0.25, 0.15, 0.68, 0.68);
    assert!(
        near(sea, (19, 32, 46)) || near(sea, (58, 64, 72)),
        "sea or land dominate the map area, found {sea:?}"
    );
    // The panels around it, in the panel colour, with text on them.
    for (name, region) in [
        ("left", (0.0, 0.15, 0.2, 0.65)),
        ("right", (0.7, 0.15, 1.0, 0.65)),
        ("bottom", (0.3, 0.75, 0.7, 1.0)),
    ] {
        let (l, t, r, b) = region;
        assert!(
            near(frame.dominant(l, t, r, b), (24, 28, 36)),
            "the {name} panel is drawn"
        );
        assert!(frame.colours(l, t, r, b) > 20, "the {name} panel has text");
    }
    assert!(
        near(frame.dominant(0.3, 0.0, 0.7, 0.08), (17, 20, 26)),
        "the top bar is drawn"
    );
}
