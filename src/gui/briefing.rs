//! The briefing for each person before the first month: its interests with their weights and
//! the essay paragraphs behind them (paraphrased), its actions, and the endings with what
//! triggers each. With several people, each briefing waits behind the privacy screen.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::flow::{Match, Screen};
use super::theme;
use crate::scenario::Scenario;

/// Which person's briefing is showing, and whether its player has the machine.
#[derive(Resource, Default)]
struct Reading {
    index: usize,
    shown: bool,
}

/// An ending's trigger in words: "tension above 99", "any of (...)", "from 2017-09", the same
/// words as the printed briefings.
pub(super) fn trigger(scenario: &Scenario, ending: usize) -> String {
    if ending == scenario.time_limit_ending {
        return format!("the calendar runs out ({} months)", scenario.calendar.turns);
    }
    let file = &scenario.file;
    file.endings
        .get(ending)
        .map(|definition| crate::report::briefing::listed(file, &definition.when, " and "))
        .unwrap_or_default()
}

/// The briefing's content for `actor`, shared with the debrief's reminder.
pub(super) fn show_briefing(ui: &mut egui::Ui, scenario: &Scenario, actor: usize) {
    let definition = &scenario.actors[actor];
    ui.label(
        egui::RichText::new(format!(
            "{} Briefing: you are {}",
            theme::actor_shape(actor),
            definition.name
        ))
        .size(theme::TITLE)
        .strong()
        .color(theme::ecolor(theme::actor_rgb(actor))),
    );
    if !definition.posture.is_empty() {
        ui.label(egui::RichText::new(&definition.posture).italics());
    }
    ui.add_space(8.0);
    ui.columns(2, |columns| {
        let ui = &mut columns[0];
        ui.label(theme::heading("Your interests"));
        ui.label(theme::muted(
            "Your score (0-100) is how well the world serves these, weighted. Sources are the \
             essay's paragraphs, in our words.",
        ));
        let total: f64 = definition.interests.iter().map(|i| i.weight).sum();
        let mut interests: Vec<_> = definition.interests.iter().enumerate().collect();
        interests.sort_by(|a, b| b.1.weight.total_cmp(&a.1.weight));
        let shifts = crate::report::briefing::shifts_in_words(scenario, actor);
        egui::ScrollArea::vertical()
            .id_salt("interests")
            .max_height(ui.available_height() - 8.0)
            .show(ui, |ui| {
                for (index, interest) in interests {
                    ui.horizontal(|ui| {
                        let share = (interest.weight / total.max(1e-9)) as f32;
                        let (bar, response) =
                            ui.allocate_exact_size(egui::vec2(64.0, 10.0), egui::Sense::hover());
                        ui.painter()
                            .rect_filled(bar, 3.0, theme::ecolor((44, 50, 60)));
                        let filled = egui::Rect::from_min_size(
                            bar.min,
                            egui::vec2(bar.width() * (share * 4.0).min(1.0), bar.height()),
                        );
                        ui.painter().rect_filled(
                            filled,
                            3.0,
                            theme::ecolor(theme::actor_rgb(actor)),
                        );
                        response.on_hover_text(format!(
                            "weight {:.2}: {:.0}% of your score",
                            interest.weight,
                            100.0 * share
                        ));
                        ui.label(theme::heading(&interest.label));
                    });
                    ui.label(crate::report::sources::describe(&interest.source));
                    // What events can make of it, told under it.
                    for shift in shifts.iter().filter(|shift| shift.interest == index) {
                        ui.label(
                            egui::RichText::new(format!(
                                "{}{}: {} (weight {:.2})",
                                shift.when[..1].to_uppercase(),
                                &shift.when[1..],
                                shift.wants,
                                shift.weight
                            ))
                            .strong()
                            .color(theme::ecolor(theme::actor_rgb(actor))),
                        )
                        .on_hover_text(
                            "Actors reconsider at the start of each month, once its events \
                             have happened.",
                        );
                        ui.label(theme::muted(crate::report::sources::describe(
                            &shift.source,
                        )));
                    }
                    ui.add_space(4.0);
                }
            });
        let ui = &mut columns[1];
        ui.label(theme::heading("What you can do"));
        let actions: Vec<&str> = scenario
            .actions
            .iter()
            .filter(|a| a.allowed[actor])
            .map(|a| a.name.as_str())
            .collect();
        ui.label(actions.join(" · "));
        let proposals: Vec<&str> = scenario
            .proposals
            .iter()
            .filter(|p| p.proposers.contains(&actor))
            .map(|p| p.name.as_str())
            .collect();
        if !proposals.is_empty() {
            ui.label(format!("You may table: {}", proposals.join(", ")));
        }
        if let Some(seat) = crate::report::briefing::seat_words(scenario, actor) {
            ui.label(format!("You hold {seat}."));
        }
        ui.add_space(10.0);
        ui.label(theme::heading("How the game ends"));
        for (index, ending) in scenario.endings.iter().enumerate() {
            ui.label(egui::RichText::new(&ending.name).strong());
            ui.label(theme::muted(format!(
                "{}: {}",
                trigger(scenario, index),
                ending.description
            )));
        }
    });
}

fn briefing(
    mut contexts: EguiContexts,
    game: Option<Res<Match>>,
    mut reading: ResMut<Reading>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(game) = game else {
        next.set(Screen::Menu);
        return Ok(());
    };
    let humans = game.session.humans().to_vec();
    let Some(&actor) = humans.get(reading.index) else {
        reading.index = 0;
        reading.shown = false;
        next.set(Screen::Game);
        return Ok(());
    };
    let scenario = game.scenario().clone();
    let several = humans.len() > 1;
    let mut root = theme::root_ui(ctx, "briefing");
    egui::CentralPanel::default()
        .frame(theme::backdrop().inner_margin(28.0))
        .show(&mut root, |ui| {
            if several && !reading.shown {
                super::game::privacy_card(ui, &scenario.actors[actor].name, &mut reading.shown);
                return;
            }
            show_briefing(ui, &scenario, actor);
        });
    let proceed = egui::Area::new(egui::Id::new("briefing-next"))
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-28.0, -20.0))
        .show(ctx, |ui| {
            (!several || reading.shown)
                && (ui
                    .add(
                        egui::Button::new(theme::heading("Continue  [Enter]"))
                            .min_size(egui::vec2(150.0, 34.0)),
                    )
                    .on_hover_text("To the next briefing, or to the first month (Enter)")
                    .clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Enter)))
        })
        .inner;
    if proceed {
        reading.index += 1;
        reading.shown = false;
    }
    Ok(())
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Reading>().add_systems(
        EguiPrimaryContextPass,
        briefing.run_if(in_state(Screen::Briefing)),
    );
}
