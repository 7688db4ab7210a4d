//! The game window: Bevy 2D for the map, egui for the panels. Screens are Bevy states (menu,
//! briefing, game, debrief); every rule, preview and piece of advice comes from
//! `crate::session`, so the window only shows and asks. Nothing here is needed by the simulation.

mod auto;
mod briefing;
mod debrief;
mod flow;
mod game;
mod map;
mod menu;
mod teacher;
mod theme;

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::window::{PresentMode, WindowResolution};
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::{EguiInput, EguiPlugin, EguiPreUpdateSet};

pub use flow::{
    Departure, EntryLogged, Match, Screen, Seat, next_person, plays_on, visible_request,
};

/// The window's game flow (screens, the match advancing phase by phase) without any rendering:
/// for headless apps in tests.
pub fn flow_plugin(app: &mut App) {
    flow::plugin(app);
}

/// The teacher's timer and controls (the panel draws only in a window).
pub fn teacher_plugin(app: &mut App) {
    teacher::plugin(app);
}

pub use teacher::Teacher;

/// How the window starts: from the menu, or straight into a game (for demos and tests).
#[derive(Debug, Clone, Default, Resource)]
pub struct Launch {
    /// A scenario file; the embedded scenario when None.
    pub scenario: Option<PathBuf>,
    /// Actors played by people, by code. With `autoplay` the AI takes their seats.
    pub humans: Vec<String>,
    pub seed: Option<u64>,
    /// Turns to play at once, every seat taken by the AI, before the screenshot.
    pub autoplay: Option<u32>,
    /// Where to save a screenshot of `screen` once it is drawn.
    pub screenshot: Option<PathBuf>,
    /// Which screen to capture.
    pub screen: Option<Screen>,
    /// Quit once the screenshot is saved.
    pub exit: bool,
    /// Window size in logical pixels.
    pub size: (u32, u32),
    /// Open the why panel on the first explained AI move (for screenshots).
    pub open_why: bool,
    /// The tab of the lower panel to show first: "news", "diplomacy", "council", "charts",
    /// "scores".
    pub tab: Option<String>,
    /// Time this many frames of the wanted screen and print the median and 95th percentile.
    pub measure: Option<u32>,
    /// Watch the historical line for `autoplay` months, then take the `humans` seats and play
    /// three months more (a what-if beside history).
    pub what_if: bool,
    /// Open the teacher's controls, with this many seconds per decision on the timer.
    pub teacher: Option<f32>,
}

/// True when a display is there to open a window on.
pub fn has_display() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}

/// The longest the window waits for something to change before it draws anyway.
const IDLE_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

/// When the window draws. A turn-based game changes only on input, when egui asks to repaint
/// (a hover, a cursor blinking), or while the match plays on (`flow`'s `keep_drawing` asks for
/// those frames); otherwise it waits, at most a second (the teacher's timer shows seconds).
/// Screenshots and measurements draw every frame.
fn drawing(launch: &Launch) -> WinitSettings {
    if launch.screenshot.is_some() || launch.measure.is_some() {
        WinitSettings::game()
    } else {
        waiting_up_to(IDLE_WAIT)
    }
}

/// A window that draws on a change, or after `wait` at the latest.
fn waiting_up_to(wait: std::time::Duration) -> WinitSettings {
    WinitSettings {
        focused_mode: UpdateMode::reactive(wait),
        unfocused_mode: UpdateMode::reactive_low_power(wait),
    }
}

/// bevy_egui tells egui the modifier keys every frame, and egui repaints at once after any
/// event, so a window meant to wait for input would draw without end: only a change of the
/// modifiers is passed on (egui keeps their state between frames).
fn only_changed_modifiers(
    mut inputs: Query<&mut EguiInput>,
    mut last: Local<Option<bevy_egui::egui::Modifiers>>,
) {
    use bevy_egui::egui::Event;
    for mut input in &mut inputs {
        if input
            .0
            .events
            .iter()
            .any(|event| matches!(event, Event::WindowFocused(false)))
        {
            // Losing focus clears egui's modifiers: the next state is news.
            *last = None;
            continue;
        }
        let mut seen = *last;
        input.0.events.retain(|event| match event {
            Event::ModifiersChanged(modifiers) => {
                let changed = seen != Some(*modifiers);
                seen = Some(*modifiers);
                changed
            }
            _ => true,
        });
        *last = seen;
    }
}

/// Opens the window and runs it until the player quits.
pub fn run(launch: Launch) -> ExitCode {
    let (width, height) = if launch.size.0 == 0 {
        (1280, 720)
    } else {
        launch.size
    };
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "Peninsula: Taming the Fire".to_owned(),
            resolution: WindowResolution::new(width, height).with_scale_factor_override(1.0),
            present_mode: PresentMode::AutoVsync,
            ..default()
        }),
        ..default()
    }))
    .add_plugins(EguiPlugin::default())
    .insert_resource(ClearColor(theme::SEA))
    .insert_resource(drawing(&launch))
    .insert_resource(launch)
    .add_systems(
        PreUpdate,
        only_changed_modifiers
            .after(EguiPreUpdateSet::ProcessInput)
            .before(EguiPreUpdateSet::BeginPass),
    );
    flow::plugin(&mut app);
    theme::plugin(&mut app);
    menu::plugin(&mut app);
    briefing::plugin(&mut app);
    map::plugin(&mut app);
    game::plugin(&mut app);
    debrief::plugin(&mut app);
    auto::plugin(&mut app);
    teacher::plugin(&mut app);
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}
