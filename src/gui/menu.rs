//! The menu: a new game (scenario, variant, which actors are people, seed, difficulty), a saved
//! game or record to load, the historical line to watch, quit. A broken file shows its located
//! error here; nothing panics.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::Launch;
use super::flow::{Match, Screen};
use super::theme::{self, rgb};
use crate::agents::Difficulty;
use crate::game::Game;
use crate::scenario::{self, Scenario};

/// What the menu's form holds.
#[derive(Resource)]
struct Form {
    scenario_path: String,
    variant_path: String,
    /// The scenario the form shows actors for (the embedded one until a file is chosen).
    scenario: Option<Arc<Scenario>>,
    humans: Vec<bool>,
    seed: u64,
    difficulty: Difficulty,
    load_path: String,
    error: Option<String>,
}

impl Default for Form {
    fn default() -> Self {
        let scenario = scenario::default_scenario().ok().map(Arc::new);
        let count = scenario.as_ref().map_or(0, |s| s.actors.len());
        let mut humans = vec![false; count];
        if let Some(china) = scenario.as_ref().and_then(|s| s.actor_index("CHN")) {
            humans[china] = true;
        }
        Form {
            scenario_path: String::new(),
            variant_path: String::new(),
            scenario,
            humans,
            seed: 1,
            difficulty: Difficulty::Normal,
            load_path: String::new(),
            error: None,
        }
    }
}

/// Loads the scenario named in the form (with its variant), or says where the file is wrong.
fn load_scenario(path: &str, variant: &str) -> Result<Scenario, String> {
    let variants: Vec<PathBuf> = if variant.trim().is_empty() {
        Vec::new()
    } else {
        vec![PathBuf::from(variant.trim())]
    };
    let base = if path.trim().is_empty() {
        None
    } else {
        Some(Path::new(path.trim()))
    };
    scenario::load_with_variants(base, &variants).map_err(|error| error.to_string())
}

/// Starts a match and goes to the first screen for it.
pub(super) fn start(
    commands: &mut Commands,
    next: &mut NextState<Screen>,
    game: Match,
    first: Screen,
) {
    commands.insert_resource(game);
    next.set(first);
}

/// A new game of `scenario` with people at `humans`, saved after every turn in the saves folder.
pub(super) fn new_match(
    scenario: &Scenario,
    humans: &[usize],
    seed: u64,
    difficulty: Difficulty,
    save: bool,
) -> Match {
    let game = Game::new(Arc::new(difficulty.apply(scenario)), seed, false);
    let mut game = Match::new(game, humans, difficulty);
    if save && let Some(first) = humans.first() {
        game.save = Some(crate::cli::saves::new_save_path(
            &scenario.actors[*first].code,
        ));
    }
    game
}

/// A saved game or record, resumed with its people where it stopped.
pub(super) fn load_match(path: &Path) -> Result<Match, String> {
    let origin = path.display().to_string();
    let record = crate::record::load(path).map_err(|e| e.to_string())?;
    let game = crate::record::replay(&record, None, true, &origin).map_err(|e| e.to_string())?;
    let scenario = game.scenario().clone();
    let humans: Vec<usize> = record
        .turns
        .last()
        .map(|t| {
            t.inputs
                .humans
                .iter()
                .filter_map(|code| scenario.actor_index(code))
                .collect()
        })
        .unwrap_or_default();
    let mut game = Match::new(game, &humans, record.difficulty);
    game.save = Some(path.to_path_buf());
    game.status = format!("Loaded {}", path.display());
    Ok(game)
}

/// The historical line from `seed`, watched month by month; any actor can be taken over.
pub(super) fn history_match(seed: u64) -> Result<Match, String> {
    let scenario = scenario::default_scenario().map_err(|e| e.to_string())?;
    let record = crate::record::historical(seed).map_err(|e| e.to_string())?;
    let mut game = Match::new(
        Game::new(Arc::new(scenario), seed, false),
        &[],
        Difficulty::Normal,
    );
    game.watching = true;
    game.compare = Some(record);
    Ok(game)
}

fn menu(
    mut contexts: EguiContexts,
    mut form: ResMut<Form>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let form = &mut *form;
    let mut root = theme::root_ui(ctx, "menu");
    egui::CentralPanel::default()
        .frame(theme::backdrop())
        .show(&mut root, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(28.0);
                ui.label(
                    egui::RichText::new("PENINSULA")
                        .size(theme::DISPLAY)
                        .strong()
                        .color(theme::ecolor(rgb::TEXT)),
                );
                ui.label(theme::muted(
                    "Taming the Fire: the 2017 North Korea crisis, five capitals, eighteen months",
                ));
                ui.add_space(18.0);
            });
            ui.columns(2, |columns| {
                new_game(&mut columns[0], form, &mut commands, &mut next);
                other_ways_in(&mut columns[1], form, &mut commands, &mut next, &mut exit);
            });
            if let Some(error) = &form.error {
                ui.add_space(12.0);
                egui::Frame::new()
                    .fill(theme::ecolor((60, 24, 16)))
                    .inner_margin(12.0)
                    .corner_radius(6.0)
                    .show(ui, |ui| {
                        ui.label(
                            egui::RichText::new(error)
                                .monospace()
                                .color(theme::ecolor(rgb::WARN)),
                        );
                    });
            }
        });
    Ok(())
}

fn card(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::new()
        .fill(theme::ecolor(rgb::PANEL))
        .inner_margin(18.0)
        .corner_radius(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
}

fn new_game(
    ui: &mut egui::Ui,
    form: &mut Form,
    commands: &mut Commands,
    next: &mut NextState<Screen>,
) {
    card(ui, |ui| {
        ui.label(theme::title("New game"));
        ui.add_space(6.0);
        ui.label("Scenario file (empty: the July 2017 scenario)");
        let path = ui
            .text_edit_singleline(&mut form.scenario_path)
            .on_hover_text("A .ron scenario file; leave empty for the embedded July 2017 scenario");
        ui.label("Variant file (optional)");
        let variant = ui
            .text_edit_singleline(&mut form.variant_path)
            .on_hover_text(
                "A .ron variant overlaying the scenario's weights (scenarios/variants/)",
            );
        if path.lost_focus() || variant.lost_focus() {
            match load_scenario(&form.scenario_path, &form.variant_path) {
                Ok(scenario) => {
                    form.humans = vec![false; scenario.actors.len()];
                    if let Some(first) = form.humans.first_mut() {
                        *first = true;
                    }
                    form.scenario = Some(Arc::new(scenario));
                    form.error = None;
                }
                Err(error) => form.error = Some(error),
            }
        }
        ui.add_space(8.0);
        ui.label(theme::heading("Who plays whom"));
        if let Some(scenario) = form.scenario.clone() {
            for (index, actor) in scenario.actors.iter().enumerate() {
                let label = format!(
                    "{} {}  {}",
                    theme::actor_shape(index),
                    actor.code,
                    actor.name
                );
                ui.checkbox(
                    &mut form.humans[index],
                    egui::RichText::new(label).color(theme::ecolor(theme::actor_rgb(index))),
                )
                .on_hover_text("Ticked: played by a person at this machine. Unticked: the AI.");
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            ui.label("Seed");
            ui.add(egui::DragValue::new(&mut form.seed))
                .on_hover_text("The same seed and the same decisions give the same game");
            ui.label("Difficulty");
            egui::ComboBox::from_id_salt("difficulty")
                .selected_text(format!("{:?}", form.difficulty))
                .show_ui(ui, |ui| {
                    for level in [Difficulty::Easy, Difficulty::Normal, Difficulty::Hard] {
                        ui.selectable_value(&mut form.difficulty, level, format!("{level:?}"));
                    }
                })
                .response
                .on_hover_text("How strictly the AI actors play to their interests");
        });
        ui.add_space(10.0);
        let start_button = ui
            .add(
                egui::Button::new(theme::heading("Start  [Enter]"))
                    .min_size(egui::vec2(160.0, 36.0)),
            )
            .on_hover_text("Begin with a briefing for each person (Enter)");
        if start_button.clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            match load_scenario(&form.scenario_path, &form.variant_path) {
                Ok(scenario) => {
                    let humans: Vec<usize> =
                        (0..form.humans.len()).filter(|i| form.humans[*i]).collect();
                    let game = new_match(&scenario, &humans, form.seed, form.difficulty, true);
                    let first = if humans.is_empty() {
                        Screen::Game
                    } else {
                        Screen::Briefing
                    };
                    start(commands, next, game, first);
                }
                Err(error) => form.error = Some(error),
            }
        }
    });
}

fn other_ways_in(
    ui: &mut egui::Ui,
    form: &mut Form,
    commands: &mut Commands,
    next: &mut NextState<Screen>,
    exit: &mut MessageWriter<AppExit>,
) {
    card(ui, |ui| {
        ui.label(theme::title("Continue"));
        ui.label("A saved game or a game record (.ron)");
        ui.text_edit_singleline(&mut form.load_path)
            .on_hover_text("Saves live in the saves folder; `peninsula saves` lists them");
        if ui
            .button("Load")
            .on_hover_text("Replays the record, checks every turn, and continues it")
            .clicked()
        {
            match load_match(Path::new(form.load_path.trim())) {
                Ok(game) => start(commands, next, game, Screen::Game),
                Err(error) => form.error = Some(error),
            }
        }
    });
    ui.add_space(12.0);
    card(ui, |ui| {
        ui.label(theme::title("History and what-if"));
        ui.label(theme::muted(
            "Watch the historical line month by month with every AI move's reasons; take over any \
             actor at any month and play on, with both lines on one chart.",
        ));
        if ui
            .button("Replay history")
            .on_hover_text("The July 2017 scenario with its script, played by the AI")
            .clicked()
        {
            match history_match(form.seed) {
                Ok(game) => start(commands, next, game, Screen::Game),
                Err(error) => form.error = Some(error),
            }
        }
    });
    ui.add_space(12.0);
    card(ui, |ui| {
        ui.label(theme::muted(
            "Keys: Enter confirm · H advisor's hint · Space skip the resolution · 1-9 pick an \
             option · W why · Ctrl+S save · Ctrl +/- text size",
        ));
        if ui.button("Quit").on_hover_text("Close the game").clicked() {
            exit.write(AppExit::Success);
        }
    });
}

/// Straight into a game when the command line says so (demos, tests, `--as`).
fn start_from_launch(
    launch: Res<Launch>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
    mut form: ResMut<Form>,
) {
    let wanted = launch.screen.unwrap_or(if launch.autoplay.is_some() {
        Screen::Game
    } else {
        Screen::Menu
    });
    if launch.what_if {
        match history_match(launch.seed.unwrap_or(1)) {
            Ok(mut game) => {
                game.autoplay = launch.autoplay.unwrap_or(3);
                start(&mut commands, &mut next, game, Screen::Game);
            }
            Err(error) => form.error = Some(error),
        }
        return;
    }
    if wanted == Screen::Menu {
        return;
    }
    let path = launch
        .scenario
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let scenario = match load_scenario(&path, "") {
        Ok(scenario) => scenario,
        Err(error) => {
            form.error = Some(error);
            return;
        }
    };
    let humans: Vec<usize> = launch
        .humans
        .iter()
        .filter_map(|code| scenario.actor_index(&code.to_uppercase()))
        .collect();
    let mut game = new_match(
        &scenario,
        &humans,
        launch.seed.unwrap_or(1),
        Difficulty::Normal,
        false,
    );
    game.autoplay = launch.autoplay.unwrap_or(0);
    if wanted == Screen::Debrief {
        game.autoplay = u32::MAX;
    }
    let first = if wanted == Screen::Briefing {
        Screen::Briefing
    } else {
        Screen::Game
    };
    start(&mut commands, &mut next, game, first);
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Form>()
        .add_systems(PostStartup, start_from_launch)
        .add_systems(EguiPrimaryContextPass, menu.run_if(in_state(Screen::Menu)));
}
