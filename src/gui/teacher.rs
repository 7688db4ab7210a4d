//! Teacher controls (T opens them): a timer per decision whose expiry takes the advisor's answer
//! (marked as such on screen and in the debrief), pause, inject one of the scenario's flashpoints,
//! undo the last month, end the game and go to the debrief, and a projector view that shows only
//! public information.

use bevy::prelude::*;
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::flow::{Match, Screen, Seat};
use super::theme::{self, rgb};

/// The teacher's settings for the class.
#[derive(Resource, Default)]
pub struct Teacher {
    pub open: bool,
    /// Seconds a person has for each decision; 0 for no timer.
    pub seconds: f32,
    /// Time left on the waiting request (its id and seconds).
    pub left: Option<(u64, f32)>,
    pub paused: bool,
    pub projector: bool,
    pub flashpoint: usize,
    pub message: String,
}

/// While the timer runs, the window wakes four times a second, so that its seconds count down
/// one by one (it waits up to `IDLE_WAIT` otherwise). A window drawing every frame is left so.
fn pace_for_timer(teacher: Res<Teacher>, settings: Option<ResMut<WinitSettings>>) {
    let Some(mut settings) = settings else {
        return;
    };
    let UpdateMode::Reactive { wait, .. } = settings.focused_mode else {
        return;
    };
    let wanted = if teacher.left.is_some() {
        std::time::Duration::from_millis(250)
    } else {
        super::IDLE_WAIT
    };
    if wait != wanted {
        *settings = super::waiting_up_to(wanted);
    }
}

/// The timer: counts down while a request waits and takes the advisor's answer when it runs out.
/// It counts real seconds: the window may draw only once a second while it waits.
fn run_timer(time: Res<Time<Real>>, mut teacher: ResMut<Teacher>, game: Option<ResMut<Match>>) {
    let Some(mut game) = game else {
        return;
    };
    let Some(request) = game.session.waiting().cloned() else {
        teacher.left = None;
        return;
    };
    if teacher.seconds <= 0.0 || teacher.paused {
        return;
    }
    let left = match teacher.left {
        Some((id, left)) if id == request.id => left - time.delta_secs(),
        _ => teacher.seconds,
    };
    if left > 0.0 {
        teacher.left = Some((request.id, left));
        return;
    }
    let picks = game
        .advice_for(request.id)
        .map(|a| a.picks.clone())
        .unwrap_or_default();
    game.picks.insert(request.id, picks);
    if game.submit(&request) {
        game.timed_out.push(format!(
            "Month {}: {} {} (time ran out: the advisor's answer)",
            request.turn,
            request.actor,
            request.ask.kind()
        ));
        game.status = format!("Time ran out: {}'s advisor answered", request.actor);
    }
    teacher.left = None;
}

fn toggle(keys: Res<ButtonInput<KeyCode>>, mut teacher: ResMut<Teacher>) {
    if keys.just_pressed(KeyCode::KeyT) {
        teacher.open = !teacher.open;
    }
}

fn panel(
    mut contexts: EguiContexts,
    mut teacher: ResMut<Teacher>,
    game: Option<ResMut<Match>>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let Some(mut game) = game else {
        return Ok(());
    };
    if let Some((_, left)) = teacher.left {
        egui::Area::new(egui::Id::new("timer"))
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(140.0, 12.0))
            .show(&ctx, |ui| {
                let colour = if left < 10.0 { rgb::BAD } else { rgb::WARN };
                ui.label(
                    egui::RichText::new(format!("{:02}:{:02}", left as u32 / 60, left as u32 % 60))
                        .size(theme::TITLE)
                        .strong()
                        .color(theme::ecolor(colour)),
                )
                .on_hover_text("Time left for this decision; then the advisor's answer is taken");
            });
    }
    if teacher.projector {
        game.seat = Seat::Hidden;
    }
    game.paused = teacher.paused;
    if !teacher.open {
        return Ok(());
    }
    let teacher = &mut *teacher;
    let mut replacement = None;
    egui::Window::new(theme::heading("Teacher"))
        .id(egui::Id::new("teacher"))
        .default_pos(egui::pos2(320.0, 90.0))
        .collapsible(false)
        .show(&ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Timer per decision");
                ui.add(egui::Slider::new(&mut teacher.seconds, 0.0..=300.0).suffix(" s"))
                    .on_hover_text(
                        "0: no timer. When it runs out the advisor's answer is taken, and marked",
                    );
            });
            ui.checkbox(&mut teacher.paused, "Pause the timer and the resolution")
                .on_hover_text("Stops the clock and holds the month where it is");
            ui.checkbox(
                &mut teacher.projector,
                "Projector view: public information only",
            )
            .on_hover_text("No player's pending decisions or private numbers are shown");
            ui.separator();
            let flashpoints = game.scenario().flashpoints.clone();
            if !flashpoints.is_empty() {
                teacher.flashpoint = teacher.flashpoint.min(flashpoints.len() - 1);
                egui::ComboBox::from_label("Flashpoint")
                    .selected_text(flashpoints[teacher.flashpoint].name.clone())
                    .show_ui(ui, |ui| {
                        for (index, flashpoint) in flashpoints.iter().enumerate() {
                            ui.selectable_value(&mut teacher.flashpoint, index, &flashpoint.name);
                        }
                    });
                if ui
                    .button("Inject at the start of the next month")
                    .on_hover_text("It is kept in the record, so a replay gives the same game")
                    .clicked()
                {
                    let id = flashpoints[teacher.flashpoint].id.clone();
                    teacher.message = match game.session.game_mut().inject_flashpoint(&id) {
                        Ok(()) => format!(
                            "\"{}\" will break next month",
                            flashpoints[teacher.flashpoint].name
                        ),
                        Err(error) => error.to_string(),
                    };
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                let played = !game.session.game().history().is_empty();
                if ui
                    .add_enabled(played, egui::Button::new("Undo the last month"))
                    .on_hover_text(
                        "Replays the game without its last month played (and the month in progress)",
                    )
                    .clicked()
                {
                    match crate::record::undo_last_turn(game.session.game(), game.difficulty) {
                        Ok(undone) => {
                            let humans = game.session.humans().to_vec();
                            let mut again = Match::new(undone, &humans, game.difficulty);
                            again.save = game.save.clone();
                            again.status = "The last month was undone".to_owned();
                            replacement = Some(again);
                        }
                        Err(error) => teacher.message = error.to_string(),
                    }
                }
                if ui
                    .button("End the game: debrief")
                    .on_hover_text("Stop here and go to the debrief")
                    .clicked()
                {
                    next.set(Screen::Debrief);
                }
            });
            if !teacher.message.is_empty() {
                ui.label(theme::muted(&teacher.message));
            }
        });
    if let Some(replacement) = replacement {
        commands.insert_resource(replacement);
    }
    Ok(())
}

fn from_launch(launch: Option<Res<super::Launch>>, mut teacher: ResMut<Teacher>) {
    if let Some(seconds) = launch.and_then(|l| l.teacher) {
        teacher.open = true;
        teacher.seconds = seconds;
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Teacher>()
        .add_systems(Startup, from_launch)
        .add_systems(
            Update,
            (toggle, run_timer, pace_for_timer)
                .chain()
                .run_if(in_state(Screen::Game)),
        )
        .add_systems(EguiPrimaryContextPass, panel.run_if(in_state(Screen::Game)));
}
