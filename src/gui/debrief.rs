//! The debrief: the ending; each person's score beside the score the AI earned in the same seat
//! on the same seed; the turning points; where a person departed from what its weights
//! predicted; the charts; save the record, watch it again, or branch from any month.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::flow::{Match, Screen, Seat};
use super::theme::{self, rgb};
use crate::game::Game;
use crate::record::GameRecord;

/// What the debrief computed once on entering.
#[derive(Resource, Default)]
struct Debrief {
    /// The all-AI game on the same scenario and seed: each actor's score.
    ai_scores: Vec<(String, f64)>,
    /// (month, actor, change in score points), largest first.
    turning_points: Vec<(u32, String, f64)>,
    save_path: String,
    branch_at: u32,
    message: String,
}

fn enter(game: Option<Res<Match>>, mut commands: Commands) {
    let Some(game) = game else {
        return;
    };
    let played = game.session.game();
    let scenario = played.scenario().clone();
    let settings = played.settings().clone();
    let mut ai = Game::new(scenario.clone(), settings.seed, settings.no_script);
    ai.set_quiet(false);
    ai.play(None);
    let ai_scores = ai
        .scores()
        .into_iter()
        .map(|s| (s.actor, s.score))
        .collect();
    let mut turning_points = Vec::new();
    let history = played.history();
    for pair in history.windows(2) {
        for (code, after) in &pair[1].utility {
            if let Some(before) = pair[0].utility.get(code) {
                turning_points.push((pair[1].turn, code.clone(), 100.0 * (after - before)));
            }
        }
    }
    turning_points.sort_by(|a, b| b.2.abs().total_cmp(&a.2.abs()));
    turning_points.truncate(6);
    let save_path = game
        .save
        .as_ref()
        .map(|p| p.with_extension("record.ron"))
        .unwrap_or_else(|| PathBuf::from("peninsula-record.ron"))
        .display()
        .to_string();
    commands.insert_resource(Debrief {
        ai_scores,
        turning_points,
        save_path,
        branch_at: 1,
        message: String::new(),
    });
}

fn debrief(
    mut contexts: EguiContexts,
    game: Option<ResMut<Match>>,
    debrief: Option<ResMut<Debrief>>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let (Some(mut game), Some(mut debrief)) = (game, debrief) else {
        next.set(Screen::Menu);
        return Ok(());
    };
    let game = &mut *game;
    let debrief = &mut *debrief;
    let report = game.session.game().report();
    let scenario = game.scenario().clone();
    let mut root = theme::root_ui(&ctx, "debrief");
    let mut go: Option<Screen> = None;
    let mut replacement: Option<Match> = None;
    egui::CentralPanel::default()
        .frame(theme::backdrop().inner_margin(24.0))
        .show(&mut root, |ui| {
            ui.label(
                egui::RichText::new(report.ending_name.clone().unwrap_or_else(|| "Unfinished".to_owned()))
                    .size(theme::DISPLAY)
                    .strong(),
            );
            if let Some(ending) = scenario.endings.iter().find(|e| Some(&e.id) == report.ending.as_ref()) {
                ui.label(theme::muted(&ending.description));
            }
            ui.label(theme::muted(format!("After {} months, seed {}.", report.turns_played, report.seed)));
            ui.add_space(10.0);
            ui.columns(3, |columns| {
                let ui = &mut columns[0];
                ui.label(theme::heading("Scores, and the AI in the same seat"));
                egui::Grid::new("scores").striped(true).show(ui, |ui| {
                    ui.label(theme::muted("actor"));
                    ui.label(theme::muted("score"));
                    ui.label(theme::muted("AI, same seed"));
                    ui.end_row();
                    for (index, score) in report.scores.iter().enumerate() {
                        let human = game.session.humans().contains(&index);
                        let ai = debrief
                            .ai_scores
                            .iter()
                            .find(|(code, _)| *code == score.actor)
                            .map_or(0.0, |(_, s)| *s);
                        ui.label(
                            egui::RichText::new(format!(
                                "{} {}{}",
                                theme::actor_shape(index),
                                score.name,
                                if human { " (you)" } else { "" }
                            ))
                            .color(theme::ecolor(theme::actor_rgb(index))),
                        );
                        ui.label(egui::RichText::new(format!("{:.1}", score.score)).strong());
                        ui.label(format!("{ai:.1}"));
                        ui.end_row();
                    }
                });
                ui.add_space(8.0);
                ui.label(theme::heading("Turning points"));
                for (turn, code, change) in &debrief.turning_points {
                    ui.horizontal(|ui| {
                        ui.label(format!("Month {turn}: {code}"));
                        ui.label(theme::points(*change));
                    });
                }
                let ui = &mut columns[1];
                ui.label(theme::heading("Where you departed from your weights"));
                if game.departures.is_empty() {
                    ui.label(theme::muted("Every decision was the one your interests predicted."));
                }
                for departure in &game.departures {
                    ui.label(format!(
                        "Month {} {} ({}): chose {} where the weights said {}",
                        departure.turn,
                        departure.actor,
                        departure.kind,
                        list(&departure.chose),
                        list(&departure.advised)
                    ));
                    ui.horizontal(|ui| {
                        ui.label(theme::muted("predicted cost or gain"));
                        ui.label(theme::points(departure.points));
                    });
                }
                for line in &game.timed_out {
                    ui.label(egui::RichText::new(line).color(theme::ecolor(rgb::WARN)));
                }
                let ui = &mut columns[2];
                ui.label(theme::heading("What next"));
                ui.label("Save the game's record");
                ui.text_edit_singleline(&mut debrief.save_path)
                    .on_hover_text("A record replays the game exactly: `peninsula replay FILE --verify`");
                if ui.button("Save record").on_hover_text("Never replaces an existing file").clicked() {
                    let path = PathBuf::from(debrief.save_path.trim());
                    debrief.message = if path.exists() {
                        format!("{} exists; choose another name", path.display())
                    } else {
                        match GameRecord::from_game(game.session.game(), game.difficulty).save(&path) {
                            Ok(()) => format!("Saved to {}", path.display()),
                            Err(error) => format!("NOT saved: {error}"),
                        }
                    };
                }
                ui.add_space(8.0);
                let record = GameRecord::from_game(game.session.game(), game.difficulty);
                if ui.button("Watch it again").on_hover_text("Replay this game month by month with every AI reason").clicked() {
                    match crate::record::replay(&record, Some(0), false, "this game") {
                        Ok(start) => {
                            let mut again = Match::new(start, &[], game.difficulty);
                            again.watching = true;
                            again.compare = Some(record.clone());
                            replacement = Some(again);
                            go = Some(Screen::Game);
                        }
                        Err(error) => debrief.message = error.to_string(),
                    }
                }
                ui.horizontal(|ui| {
                    ui.label("Branch from month");
                    ui.add(egui::DragValue::new(&mut debrief.branch_at).range(1..=report.turns_played.max(1)));
                });
                if ui
                    .button("Branch and play on")
                    .on_hover_text("The months before it replay as they were; you decide from there, both lines on the charts")
                    .clicked()
                {
                    let inputs = crate::sim::Inputs::default();
                    match crate::record::branch_point(&record, debrief.branch_at, &inputs, None, "this game") {
                        Ok(mut start) => {
                            // The branch month is played afresh by the people, not from the record.
                            *start.directives_mut() = Default::default();
                            let humans = game.session.humans().to_vec();
                            let mut branch = Match::new(start, &humans, game.difficulty);
                            branch.compare = Some(record.clone());
                            if let [one] = humans.as_slice() {
                                branch.seat = Seat::Open(scenario.actors[*one].code.clone());
                            }
                            replacement = Some(branch);
                            go = Some(Screen::Game);
                        }
                        Err(error) => debrief.message = error.to_string(),
                    }
                }
                if !debrief.message.is_empty() {
                    ui.label(egui::RichText::new(&debrief.message).color(theme::ecolor(rgb::WARN)));
                }
                ui.add_space(8.0);
                if ui.button("Menu").clicked() {
                    go = Some(Screen::Menu);
                }
            });
            ui.add_space(10.0);
            ui.label(theme::heading("Scores month by month"));
            super::game::score_chart(ui, game);
        });
    if let Some(replacement) = replacement {
        commands.insert_resource(replacement);
    }
    if let Some(screen) = go {
        next.set(screen);
    }
    Ok(())
}

fn list(ids: &[String]) -> String {
    if ids.is_empty() {
        "nothing".to_owned()
    } else {
        ids.join(", ")
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Debrief), enter)
        .add_systems(
            EguiPrimaryContextPass,
            debrief.run_if(in_state(Screen::Debrief)),
        );
}
