//! The window's game flow without pixels: the screens, the match being played (its session, the
//! month's news, the advice asked for, the player's picks), the privacy rule between people
//! sharing one machine, the turn advancing phase by phase with each log entry sent as a message,
//! autosave and the automation used by tests and demos. Tested on a headless app.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use bevy::window::RequestRedraw;

use crate::agents::Difficulty;
use crate::game::{Game, Phase};
use crate::record::GameRecord;
use crate::scenario::Scenario;
use crate::session::{Advice, Progress, Reply, Request, Session};
use crate::sim::log::Entry;

/// The screens.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Menu,
    Briefing,
    Game,
    Debrief,
}

impl std::str::FromStr for Screen {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        match text.to_ascii_lowercase().as_str() {
            "menu" => Ok(Screen::Menu),
            "briefing" => Ok(Screen::Briefing),
            "game" => Ok(Screen::Game),
            "debrief" => Ok(Screen::Debrief),
            other => Err(format!(
                "no screen \"{other}\": choose menu, briefing, game or debrief"
            )),
        }
    }
}

/// Whose private view is on screen when several people share the machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seat {
    /// The privacy screen: nobody's orders, answers or reasons are shown.
    Hidden,
    /// This actor's player has the machine.
    Open(String),
}

/// A move a person made that its advisor (its own weights, at their best) would not have.
#[derive(Debug, Clone, PartialEq)]
pub struct Departure {
    pub turn: u32,
    pub actor: String,
    pub kind: &'static str,
    pub chose: Vec<String>,
    pub advised: Vec<String>,
    /// Predicted score points of the choice minus those of the advice.
    pub points: f64,
}

/// One entry of the game's log, sent as the turn advances, with the turn it belongs to.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct EntryLogged {
    pub turn: u32,
    pub entry: Entry,
}

/// The game being played in the window.
#[derive(Resource)]
pub struct Match {
    pub session: Session,
    /// Every entry so far, with its turn: the history's, then those sent as `EntryLogged`.
    pub news: Vec<(u32, Entry)>,
    /// Advice asked for, by request: computed once per decision.
    pub advice: HashMap<u64, Advice>,
    /// What the player has ticked so far, by request.
    pub picks: HashMap<u64, Vec<String>>,
    /// Why the last reply was refused.
    pub refusal: Option<String>,
    pub seat: Seat,
    pub departures: Vec<Departure>,
    /// The news entry whose reasons the why panel shows.
    pub why: Option<usize>,
    /// Where the game is saved after every turn.
    pub save: Option<PathBuf>,
    /// The last save or load message.
    pub status: String,
    pub difficulty: Difficulty,
    /// Turns still to be played by the AI in every seat (demos, tests).
    pub autoplay: u32,
    /// Seconds until the next phase while a turn resolves on screen.
    pub wait: f32,
    /// Skip the phase-by-phase view for the rest of this turn.
    pub skip: bool,
    /// Another line to draw beside this one (the historical line in a what-if).
    pub compare: Option<GameRecord>,
    /// Watching the historical line: nobody is asked anything.
    pub watching: bool,
    /// A person took an actor over for one month only: when it ends, the AI takes the seat
    /// back and the line plays on by itself.
    pub one_month: bool,
    /// A take-over asked for while a month was being played: the actor, and whether for that
    /// month only. It starts with the next month.
    pub taking_over: Option<(usize, bool)>,
    /// Decisions the teacher's timer took from the advisor, in words.
    pub timed_out: Vec<String>,
    /// The teacher paused the game: no phase is played.
    pub paused: bool,
}

impl Match {
    pub fn new(game: Game, humans: &[usize], difficulty: Difficulty) -> Self {
        let session = Session::new(game, humans);
        let seat = match session.humans() {
            [one] => Seat::Open(session.scenario().actors[*one].code.clone()),
            _ => Seat::Hidden,
        };
        let mut news = Vec::new();
        for record in session.game().history() {
            news.extend(record.entries.iter().map(|e| (record.turn, e.clone())));
        }
        Match {
            session,
            news,
            advice: HashMap::new(),
            picks: HashMap::new(),
            refusal: None,
            seat,
            departures: Vec::new(),
            why: None,
            save: None,
            status: String::new(),
            difficulty,
            autoplay: 0,
            wait: 0.0,
            skip: false,
            compare: None,
            watching: false,
            one_month: false,
            taking_over: None,
            timed_out: Vec::new(),
            paused: false,
        }
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        self.session.scenario()
    }

    /// The advice for a waiting request, computed the first time it is asked for.
    pub fn advice_for(&mut self, request: u64) -> Option<&Advice> {
        if !self.advice.contains_key(&request) {
            let advice = self.session.advice(request)?;
            self.advice.insert(request, advice);
        }
        self.advice.get(&request)
    }

    /// Sends the player's picks for `request`; a refusal is kept to show.
    pub fn submit(&mut self, request: &Request) -> bool {
        let picks = self.picks.get(&request.id).cloned().unwrap_or_default();
        let advised = self
            .advice_for(request.id)
            .map(|a| a.picks.clone())
            .unwrap_or_default();
        match self.session.submit(&Reply {
            request: request.id,
            picks: picks.clone(),
        }) {
            Ok(()) => {
                let mut sorted = picks.clone();
                sorted.sort();
                let mut wanted = advised.clone();
                wanted.sort();
                if sorted != wanted && !self.watching && self.autoplay == 0 {
                    let sum = |ids: &[String]| -> f64 {
                        request
                            .options
                            .iter()
                            .filter(|o| ids.contains(&o.id))
                            .map(|o| o.points)
                            .sum()
                    };
                    self.departures.push(Departure {
                        turn: request.turn,
                        actor: request.actor.clone(),
                        kind: request.ask.kind(),
                        chose: picks.clone(),
                        advised: advised.clone(),
                        points: sum(&picks) - sum(&advised),
                    });
                }
                self.refusal = None;
                self.picks.remove(&request.id);
                // With several people, the next person's request waits behind the privacy screen.
                if self.session.humans().len() > 1 {
                    self.seat = Seat::Hidden;
                }
                true
            }
            Err(refusal) => {
                self.refusal = Some(refusal.to_string());
                false
            }
        }
    }

    /// A person takes `actor` over from the next month, while watching a line play: for good, or
    /// for that month only (an override of its answers and orders, after which the AI decides
    /// again). Asked for during a month, it waits for that month's end.
    pub fn take_over(&mut self, actor: usize, only_this_month: bool) {
        if !self.session.between_turns() {
            self.taking_over = Some((actor, only_this_month));
            return;
        }
        self.taking_over = None;
        self.watching = false;
        self.one_month = only_this_month;
        self.session.set_humans(&[actor]);
        self.seat = Seat::Open(self.scenario().actors[actor].code.clone());
    }

    /// Plays one step: a phase, or (in autoplay) the advisor's answer to a waiting request. What
    /// it logs stays in the session until `advance` sends it.
    pub fn step(&mut self) -> Progress {
        if self.autoplay > 0
            && let Some(request) = self.session.waiting().cloned()
        {
            let picks = self
                .advice_for(request.id)
                .map(|a| a.picks.clone())
                .unwrap_or_default();
            self.picks.insert(request.id, picks);
            self.submit(&request);
            return Progress::Waiting;
        }
        let progress = self.session.advance();
        if let Progress::TurnEnded(turn) = progress {
            self.skip = false;
            self.autoplay = self.autoplay.saturating_sub(1);
            self.autosave();
            if self.one_month {
                self.one_month = false;
                self.session.set_humans(&[]);
                self.watching = true;
                self.seat = Seat::Hidden;
                self.status = format!(
                    "Month {turn} played with your decisions; the AI decides again (both lines are on the charts)"
                );
            }
            if let Some((actor, only_this_month)) = self.taking_over {
                self.take_over(actor, only_this_month);
            }
        }
        progress
    }

    /// Saves after a turn when the game has a save file, saying so either way.
    pub fn autosave(&mut self) {
        let Some(path) = self.save.clone() else {
            return;
        };
        let record = GameRecord::from_game(self.session.game(), self.difficulty);
        let turn = self.session.game().state().turn;
        self.status = match record.save(&path) {
            Ok(()) => format!("Saved after turn {turn} to {}", path.display()),
            Err(error) => format!("SAVE FAILED after turn {turn}: {error}"),
        };
    }
}

/// The request the screen may show now: the waiting one, if its actor's player has the machine.
/// Behind the privacy screen nothing private is visible.
pub fn visible_request(game: &Match) -> Option<&Request> {
    let request = game.session.waiting()?;
    match &game.seat {
        Seat::Open(actor) if *actor == request.actor => Some(request),
        _ => None,
    }
}

/// The actor whose player should take the machine next, when the privacy screen is up.
pub fn next_person(game: &Match) -> Option<String> {
    let request = game.session.waiting()?;
    match &game.seat {
        Seat::Open(actor) if *actor == request.actor => None,
        _ => Some(request.actor.clone()),
    }
}

/// Seconds between phases while a turn resolves on screen.
const PHASE_PAUSE: f32 = 0.35;

/// Plays one step and sends what it logged.
fn step(game: &mut Match, logged: &mut MessageWriter<EntryLogged>) -> Progress {
    let progress = game.step();
    let turn = game.session.game().state().turn;
    logged.write_batch(
        game.session
            .take_entries()
            .into_iter()
            .map(|entry| EntryLogged { turn, entry }),
    );
    progress
}

/// Advances the game while nobody must decide: phase by phase with a pause in resolution (skip
/// with Space), at once in autoplay. Every entry logged goes out as an `EntryLogged`. The end of
/// the game opens the debrief.
fn advance(
    game: Option<ResMut<Match>>,
    time: Res<Time>,
    mut next: ResMut<NextState<Screen>>,
    mut logged: MessageWriter<EntryLogged>,
) {
    let Some(mut game) = game else {
        return;
    };
    if game.paused {
        return;
    }
    if game.autoplay > 0 {
        // Up to one turn per frame, so the window stays responsive.
        for _ in 0..64 {
            match step(&mut game, &mut logged) {
                Progress::Over => {
                    next.set(Screen::Debrief);
                    return;
                }
                Progress::TurnEnded(_) => return,
                _ => {}
            }
        }
        return;
    }
    let delta = time.delta_secs();
    loop {
        if game.session.waiting().is_some() {
            return;
        }
        let resolving = game.watching
            || matches!(
                game.session.next_phase(),
                Phase::Resolution | Phase::Scoring | Phase::EndCheck
            );
        let paced = resolving && !game.skip;
        if paced {
            game.wait -= delta;
            if game.wait > 0.0 {
                return;
            }
            game.wait = PHASE_PAUSE;
        }
        match step(&mut game, &mut logged) {
            Progress::Over => {
                next.set(Screen::Debrief);
                return;
            }
            Progress::Played(_) if !paced => continue,
            _ => return,
        }
    }
}

/// Whether the match plays on by itself: a phase to play that nobody must decide, or turns of
/// autoplay left, and no pause.
pub fn plays_on(game: &Match) -> bool {
    !game.paused
        && !game.session.game().is_over()
        && (game.autoplay > 0 || game.session.waiting().is_none())
}

/// Frames still to draw after the screen changed, so that its layout settles and the map fits
/// before the window waits for input.
#[derive(Resource, Default)]
struct Settling(u32);

/// Frames drawn after a change of screen.
const SETTLING_FRAMES: u32 = 3;

/// The window draws only when something changes (input, or egui asking to repaint), so a game
/// waiting for a person costs nothing. This asks for the next frame while the match plays on
/// by itself or the screen is changing; nothing else would wake the window then.
fn keep_drawing(
    game: Option<Res<Match>>,
    next: Res<NextState<Screen>>,
    screen: Res<State<Screen>>,
    mut settling: ResMut<Settling>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if screen.is_changed() || matches!(*next, NextState::Pending(_)) {
        settling.0 = SETTLING_FRAMES;
    }
    let playing = *screen.get() == Screen::Game && game.is_some_and(|game| plays_on(&game));
    if playing || settling.0 > 0 {
        settling.0 = settling.0.saturating_sub(1);
        redraw.write(RequestRedraw);
    }
}

/// Keeps each entry logged in the match's news, which the screens read.
fn keep_news(mut logged: MessageReader<EntryLogged>, game: Option<ResMut<Match>>) {
    let Some(mut game) = game else {
        logged.clear();
        return;
    };
    for message in logged.read() {
        game.news.push((message.turn, message.entry.clone()));
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .add_message::<EntryLogged>()
        .add_message::<RequestRedraw>()
        .init_resource::<Settling>()
        .add_systems(
            Update,
            (advance.run_if(in_state(Screen::Game)), keep_news).chain(),
        )
        .add_systems(Last, keep_drawing);
}
