//! The game screen: the map at the centre; above it the month and the fire (tension, its danger
//! zone and the war line); on the left every indicator with its trend and the endings; on the
//! right the decision asked of you (options with cost and effect on your interests, the
//! advisor's hint on request); below, the month's news, diplomacy, the Security Council and the
//! charts. Click a news line to see why an AI actor did it.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui_plot::{Legend, Line, Plot, PlotPoints};

use super::flow::{Match, Screen, Seat, next_person, visible_request};
use super::map::{Backdrops, MapArea, PLACES, Projection};
use super::theme::{self, rgb};
use crate::scenario::{Scenario, Scope};
use crate::session::{Ask, Request};
use crate::sim::log::{Decider, Entry};
use crate::sim::rules;
use crate::sim::state::utility;
use crate::sim::turn::TurnRecord;

/// The lower panel's tabs.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    News,
    Diplomacy,
    Council,
    Charts,
    Scores,
}

impl Tab {
    fn from_name(name: &str) -> Option<Tab> {
        match name {
            "news" => Some(Tab::News),
            "diplomacy" => Some(Tab::Diplomacy),
            "council" => Some(Tab::Council),
            "charts" => Some(Tab::Charts),
            "scores" => Some(Tab::Scores),
            _ => None,
        }
    }
}

/// The screen's switches: which tab, whether the hint is showing.
#[derive(Resource, Default)]
pub struct View {
    pub tab: Tab,
    pub hint: bool,
}

/// The privacy screen's card: whose turn it is at the machine, and a button to take it.
pub fn privacy_card(ui: &mut egui::Ui, name: &str, shown: &mut bool) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.25);
        ui.label(theme::title("Privacy screen"));
        ui.add_space(8.0);
        ui.label(format!(
            "Pass the machine to the player of {name}. Nothing private to another player is on \
             screen."
        ));
        ui.add_space(12.0);
        if ui
            .add(egui::Button::new(theme::heading(format!(
                "I play {name}: show my screen"
            ))))
            .on_hover_text("Only the player of this actor should press this")
            .clicked()
        {
            *shown = true;
        }
    });
}

fn month_name(scenario: &Scenario, turn: u32) -> String {
    let label = crate::sim::turn::month_label(scenario, turn.max(1));
    let (year, month) = label.split_once('-').unwrap_or((&label, "1"));
    let months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let index = month.parse::<usize>().unwrap_or(1).clamp(1, 12) - 1;
    format!("{} {year}", months[index])
}

/// The tension gauge: the value, the danger zone, and the line at which war breaks out.
fn fire_gauge(ui: &mut egui::Ui, scenario: &Scenario, value: f64, previous: Option<f64>) {
    let war_line = scenario
        .endings
        .iter()
        .find(|e| e.id == "war")
        .and_then(|e| {
            e.when.iter().find_map(|c| match c {
                crate::scenario::Cond::Above(_, v) => Some(*v),
                _ => None,
            })
        })
        .unwrap_or(100.0);
    let danger = war_line - 25.0;
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width().min(420.0), 30.0),
        egui::Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    let x = |v: f64| rect.left() + rect.width() * (v / 100.0).clamp(0.0, 1.0) as f32;
    painter.rect_filled(rect, 4.0, theme::ecolor((44, 50, 60)));
    painter.rect_filled(
        egui::Rect::from_min_max(egui::pos2(x(danger), rect.top()), rect.right_bottom()),
        4.0,
        theme::ecolor((96, 40, 16)),
    );
    let fill = if value >= danger { rgb::BAD } else { rgb::WARN };
    painter.rect_filled(
        egui::Rect::from_min_max(
            rect.left_top() + egui::vec2(0.0, 8.0),
            egui::pos2(x(value), rect.bottom() - 8.0),
        ),
        3.0,
        theme::ecolor(fill),
    );
    painter.line_segment(
        [
            egui::pos2(x(war_line), rect.top()),
            egui::pos2(x(war_line), rect.bottom()),
        ],
        egui::Stroke::new(3.0, theme::ecolor(rgb::BAD)),
    );
    painter.text(
        egui::pos2(x(war_line) - 4.0, rect.center().y),
        egui::Align2::RIGHT_CENTER,
        "WAR",
        egui::FontId::proportional(11.0),
        theme::ecolor(rgb::TEXT),
    );
    let trend = previous
        .and_then(|p| change_in_words(value - p))
        .map_or(String::new(), |change| format!(" ({change})"));
    painter.text(
        rect.left_center() + egui::vec2(8.0, 0.0),
        egui::Align2::LEFT_CENTER,
        format!("THE FIRE  {value:.0}{trend}"),
        egui::FontId::proportional(13.0),
        theme::ecolor(rgb::TEXT),
    );
    response.on_hover_text(format!(
        "Tension, 0-100. Above {danger:.0} is the danger zone; above {war_line:.0} war breaks out and the game ends."
    ));
}

/// A month's change as the panels show it, in whole points with its sign ("+3", "-12"); None
/// when it rounds to no change, so that no trend reads "+0" or "-0".
fn change_in_words(change: f64) -> Option<String> {
    let points = change.round();
    (points != 0.0 && points.is_finite()).then(|| format!("{points:+.0}"))
}

/// The record the trends are measured from: the end of the month before the last one played, so
/// the fire and every indicator show how the last month moved them (with this month's events so
/// far, once a month is under way).
fn month_ago(game: &Match) -> Option<&TurnRecord> {
    game.session.game().history().iter().rev().nth(1)
}

fn top_bar(ui: &mut egui::Ui, game: &mut Match) {
    let scenario = game.scenario().clone();
    let state = game.session.game().state().clone();
    let previous = month_ago(game).and_then(|t| t.indicators.get("tension").copied());
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.label(theme::title(month_name(&scenario, state.turn)));
            ui.label(theme::muted(format!(
                "Month {} of {}{}",
                state.turn.max(1),
                scenario.calendar.turns,
                if game.watching {
                    " · the historical line"
                } else {
                    ""
                }
            )));
        });
        ui.add_space(16.0);
        if let Some(tension) = scenario.indicators.iter().find(|i| i.id == "tension") {
            fire_gauge(ui, &scenario, state.values()[tension.base_slot], previous);
        }
        ui.add_space(16.0);
        for &actor in game.session.humans() {
            if game.seat != Seat::Open(scenario.actors[actor].code.clone()) {
                continue;
            }
            ui.vertical(|ui| {
                ui.label(
                    egui::RichText::new(format!(
                        "{} {}  score {:.0}",
                        theme::actor_shape(actor),
                        scenario.actors[actor].name,
                        100.0 * utility(&scenario, &state, actor)
                    ))
                    .strong()
                    .color(theme::ecolor(theme::actor_rgb(actor))),
                )
                .on_hover_text("Your score, 0-100: how well the world serves your interests now");
                ui.label(theme::muted(format!(
                    "political capital {:.0}",
                    state.capital()[actor]
                )))
                .on_hover_text("Spent on orders and proposals; some comes back every month");
            });
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Menu")
                .on_hover_text("Back to the menu (the game is saved after every month)")
                .clicked()
            {
                game.status = "menu".to_owned();
            }
            if ui
                .button("Save")
                .on_hover_text("Save now (Ctrl+S); the game also saves after every month")
                .clicked()
            {
                save_now(game);
            }
            if !game.status.is_empty() && game.status != "menu" {
                // In the room the score and the buttons leave, whole on hover.
                ui.add(egui::Label::new(theme::muted(&game.status)).truncate())
                    .on_hover_text(&game.status);
            }
        });
    });
}

fn save_now(game: &mut Match) {
    if game.save.is_none() {
        let code = game
            .session
            .humans()
            .first()
            .map_or("AI".to_owned(), |a| game.scenario().actors[*a].code.clone());
        game.save = Some(crate::cli::saves::new_save_path(&code));
    }
    game.autosave();
    if game.status.is_empty() {
        game.status = "Saved".to_owned();
    }
}

fn indicators(ui: &mut egui::Ui, game: &Match) {
    let scenario = game.scenario();
    let state = game.session.game().state();
    let month_ago = month_ago(game);
    let seat = match &game.seat {
        Seat::Open(code) => scenario.actor_index(code),
        Seat::Hidden => None,
    };
    ui.label(theme::heading("The world"));
    for indicator in &scenario.indicators {
        let (slot, label) = match (indicator.scope, seat) {
            (Scope::Global, _) => (indicator.base_slot, indicator.name.clone()),
            (Scope::PerActor, Some(actor)) => (
                indicator.base_slot + actor,
                format!("Your {}", indicator.name.to_lowercase()),
            ),
            (Scope::PerActor, None) => continue,
        };
        let value = state.values()[slot];
        let key = scenario.slot_label(slot);
        let before = month_ago.and_then(|t| t.indicators.get(&key).copied());
        let change = before.map_or(0.0, |b| value - b);
        let trend = match change_in_words(change) {
            None => egui::RichText::new("  =")
                .color(theme::ecolor(rgb::MUTED))
                .monospace(),
            Some(words) => {
                let colour = if change > 0.0 { rgb::ACCENT } else { rgb::WARN };
                egui::RichText::new(format!("{words:>3}"))
                    .color(theme::ecolor(colour))
                    .monospace()
            }
        };
        ui.horizontal(|ui| {
            ui.add(
                egui::ProgressBar::new(
                    ((value - indicator.min) / (indicator.max - indicator.min).max(1e-9)) as f32,
                )
                .desired_width(64.0)
                .desired_height(8.0)
                .fill(theme::ecolor(rgb::ACCENT)),
            );
            ui.label(egui::RichText::new(format!("{value:>3.0}")).monospace());
            ui.label(trend);
            ui.add(egui::Label::new(&label).truncate());
        })
        .response
        .on_hover_text(format!(
            "{}: {}\n{value:.0} now, {change:+.0} since last month",
            indicator.name, indicator.meaning
        ));
    }
    ui.add_space(10.0);
    ui.label(theme::heading("Endings"));
    let progress = rules::ending_progress(scenario, state);
    for (index, ending) in scenario.endings.iter().enumerate() {
        let closeness = progress.get(index).copied().unwrap_or(0.0) as f32;
        let colour = match ending.id.as_str() {
            "war" | "regime_collapse" | "nuclear_breakout" => rgb::BAD,
            "stalemate" => rgb::MUTED,
            _ => rgb::GOOD,
        };
        ui.horizontal(|ui| {
            ui.add(
                egui::ProgressBar::new(closeness)
                    .desired_width(64.0)
                    .desired_height(8.0)
                    .fill(theme::ecolor(colour)),
            );
            ui.label(format!("{:>3.0}%", 100.0 * closeness));
            ui.label(&ending.name);
        })
        .response
        .on_hover_text(format!(
            "{}\nTriggered by {}",
            ending.description,
            super::briefing::trigger(scenario, index)
        ));
    }
}

/// The decision panel: the request on screen, its options, the hint, confirm.
fn decision(ui: &mut egui::Ui, game: &mut Match, view: &mut View, keys: &Keys) {
    if let Some(name) = next_person(game)
        && game.session.humans().len() > 1
    {
        let mut shown = false;
        let full = game
            .scenario()
            .actor_index(&name)
            .map_or(name.clone(), |a| game.scenario().actors[a].name.clone());
        privacy_card(ui, &full, &mut shown);
        if shown {
            game.seat = Seat::Open(name);
        }
        return;
    }
    let Some(request) = visible_request(game).cloned() else {
        if game.watching {
            watching(ui, game);
        } else if game.session.game().is_over() {
            ui.label(theme::heading("The game is over"));
        } else {
            ui.label(theme::heading("The month resolves"));
            ui.label(theme::muted(
                "Orders are carried out, the world moves, scores are counted. Space skips ahead.",
            ));
        }
        return;
    };
    let (title, detail) = match &request.ask {
        Ask::Table => (
            "Table a proposal?".to_owned(),
            "You may put one proposal on the table this month, or none.".to_owned(),
        ),
        Ask::Answer {
            name,
            authors,
            terms,
            ..
        } => (
            format!("\"{name}\""),
            format!(
                "Tabled by {}. It asks: {}.",
                authors.join(", "),
                terms.join("; ")
            ),
        ),
        Ask::Draft { name, .. } => (
            format!("Put \"{name}\" to the Council?"),
            "Choose a text, strongest first, or none.".to_owned(),
        ),
        Ask::Vote { text, drafter, .. } => (
            format!("Vote: \"{text}\""),
            format!("Drafted by {drafter}. A veto by any permanent member sinks it."),
        ),
        Ask::Orders { capital } => (
            format!("Secret orders: up to {}", request.at_most),
            format!("Political capital {capital:.0}. Orders are revealed when the month resolves."),
        ),
    };
    ui.label(theme::title(title));
    ui.label(theme::muted(detail));
    ui.add_space(6.0);
    let mut picks = game.picks.get(&request.id).cloned().unwrap_or_default();
    let advised = if view.hint {
        game.advice_for(request.id).cloned()
    } else {
        None
    };
    egui::ScrollArea::vertical()
        .id_salt("options")
        .max_height(ui.available_height() - 150.0)
        .show(ui, |ui| {
            for (number, option) in request.options.iter().enumerate() {
                let picked = picks.contains(&option.id);
                let hinted = advised
                    .as_ref()
                    .is_some_and(|a| a.picks.contains(&option.id));
                let available = option.unavailable.is_none();
                let frame_fill = if picked {
                    theme::ecolor((18, 60, 90))
                } else {
                    theme::ecolor(rgb::PANEL_DARK)
                };
                let response = egui::Frame::new()
                    .fill(frame_fill)
                    .corner_radius(5.0)
                    .inner_margin(egui::Margin::symmetric(8, 5))
                    .stroke(if hinted {
                        egui::Stroke::new(1.5, theme::ecolor(rgb::ACCENT))
                    } else {
                        egui::Stroke::NONE
                    })
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal(|ui| {
                            let key = if number < 9 {
                                format!("{} ", number + 1)
                            } else {
                                String::new()
                            };
                            let mut text =
                                egui::RichText::new(format!("{key}{}", option.label)).strong();
                            if !available {
                                text = text.color(theme::ecolor(rgb::MUTED)).strikethrough();
                            }
                            ui.label(text);
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    ui.label(theme::points(option.points));
                                    if option.cost > 0.0 {
                                        ui.label(theme::muted(format!("cost {:.0}", option.cost)));
                                    }
                                    if hinted {
                                        ui.label(
                                            egui::RichText::new("advisor")
                                                .color(theme::ecolor(rgb::ACCENT)),
                                        );
                                    }
                                },
                            );
                        });
                        if let Some(note) = &option.note {
                            let colour = if note.starts_with("breaks") {
                                rgb::BAD
                            } else {
                                rgb::MUTED
                            };
                            ui.label(
                                egui::RichText::new(note)
                                    .small()
                                    .color(theme::ecolor(colour)),
                            );
                        }
                        if let Some(reason) = &option.unavailable {
                            ui.label(
                                egui::RichText::new(format!("unavailable: {reason}"))
                                    .small()
                                    .color(theme::ecolor(rgb::MUTED)),
                            );
                        }
                    })
                    .response
                    .interact(egui::Sense::click());
                let mut tip = String::from("Effect on your interests, in score points:\n");
                for effect in &option.effects {
                    tip.push_str(&format!("  {:+.1}  {}\n", effect.points, effect.interest));
                }
                if option.effects.is_empty() {
                    tip.push_str("  none expected\n");
                }
                let response = response.on_hover_text(tip);
                let pressed = keys.digit == Some(number + 1);
                if (response.clicked() || pressed) && available {
                    toggle(&mut picks, &option.id, request.at_most);
                }
            }
        });
    game.picks.insert(request.id, picks.clone());
    ui.add_space(6.0);
    if let Some(advice) = &advised {
        egui::Frame::new()
            .fill(theme::ecolor((14, 40, 58)))
            .inner_margin(8.0)
            .corner_radius(5.0)
            .show(ui, |ui| {
                ui.label(
                    egui::RichText::new(format!(
                        "Advisor: {}",
                        if advice.picks.is_empty() {
                            "nothing".to_owned()
                        } else {
                            advice
                                .picks
                                .iter()
                                .map(|id| label_of(&request, id))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    ))
                    .strong(),
                );
                ui.label(theme::muted(&advice.summary));
                egui::CollapsingHeader::new("Why")
                    .id_salt("advice-why")
                    .show(ui, |ui| {
                        for reason in &advice.reasons {
                            ui.label(reason);
                        }
                    });
            });
    }
    if let Some(refusal) = &game.refusal {
        ui.label(egui::RichText::new(refusal).color(theme::ecolor(rgb::WARN)));
    }
    ui.horizontal(|ui| {
        let confirm = ui
            .add(
                egui::Button::new(theme::heading("Confirm  [Enter]"))
                    .min_size(egui::vec2(130.0, 32.0)),
            )
            .on_hover_text(format!(
                "Send your choice (Enter); pick {} to {}",
                request.at_least, request.at_most
            ));
        if ui
            .button(if view.hint {
                "Hide hint (H)"
            } else {
                "Advisor's hint (H)"
            })
            .on_hover_text("What your own interests, weighed at their best, would choose")
            .clicked()
        {
            view.hint = !view.hint;
        }
        if (confirm.clicked() || keys.enter) && game.submit(&request) {
            view.hint = false;
        }
    });
    if keys.hint {
        view.hint = !view.hint;
    }
}

fn label_of(request: &Request, id: &str) -> String {
    request
        .options
        .iter()
        .find(|o| o.id == id)
        .map_or(id.to_owned(), |o| o.label.clone())
}

fn toggle(picks: &mut Vec<String>, id: &str, at_most: usize) {
    if let Some(index) = picks.iter().position(|p| p == id) {
        picks.remove(index);
    } else if at_most == 1 {
        *picks = vec![id.to_owned()];
    } else if picks.len() < at_most {
        picks.push(id.to_owned());
    }
}

/// While the historical line plays: take any actor over at the start of a month, for good or
/// for that month only.
fn watching(ui: &mut egui::Ui, game: &mut Match) {
    ui.label(theme::title("The historical line"));
    ui.label(theme::muted(
        "The scenario's script and the AI play the months as they happened. Click a line of news \
         to see why. Take over an actor to play on from here, or decide for it for one month and \
         watch what follows: both lines stay on the charts.",
    ));
    ui.add_space(8.0);
    let scenario = game.scenario().clone();
    if let Some((actor, only_this_month)) = game.taking_over {
        ui.label(
            egui::RichText::new(format!(
                "You take over {} {} at the end of this month.",
                scenario.actors[actor].name,
                if only_this_month {
                    "for one month"
                } else {
                    "for good"
                }
            ))
            .color(theme::ecolor(rgb::WARN)),
        );
        ui.add_space(4.0);
    }
    for (index, actor) in scenario.actors.iter().enumerate() {
        ui.horizontal(|ui| {
            let take = egui::Button::new(
                egui::RichText::new(format!(
                    "{} Take over {}",
                    theme::actor_shape(index),
                    actor.name
                ))
                .color(theme::ecolor(theme::actor_rgb(index))),
            );
            if ui
                .add(take)
                .on_hover_text("From the next month, you decide for this actor")
                .clicked()
            {
                game.take_over(index, false);
            }
            if ui
                .add(egui::Button::new("this month only"))
                .on_hover_text(
                    "Decide for this actor in the next month only, then the AI decides again",
                )
                .clicked()
            {
                game.take_over(index, true);
            }
        });
    }
}

/// The month's news; a line with a reason opens the why panel.
fn news(ui: &mut egui::Ui, game: &mut Match) {
    let scenario = game.scenario().clone();
    let turn = game.session.game().state().turn;
    egui::ScrollArea::vertical()
        .id_salt("news")
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut open = None;
            for (index, (entry_turn, entry)) in game.news.iter().enumerate() {
                if *entry_turn + 1 < turn {
                    continue;
                }
                let line = crate::report::timeline::entry_line(&scenario, entry);
                let explained = has_reason(entry);
                let colour = if *entry_turn == turn {
                    rgb::TEXT
                } else {
                    rgb::MUTED
                };
                let text =
                    egui::RichText::new(format!("{}  {line}", month_name(&scenario, *entry_turn)))
                        .color(theme::ecolor(colour));
                if explained {
                    if ui
                        .add(egui::Label::new(text).sense(egui::Sense::click()))
                        .on_hover_text("Click: why did they do it?")
                        .clicked()
                    {
                        open = Some(index);
                    }
                } else {
                    ui.label(text);
                }
            }
            if open.is_some() {
                game.why = open;
            }
        });
}

fn has_reason(entry: &Entry) -> bool {
    matches!(
        entry,
        Entry::Order {
            decided: Decider::Ai,
            why: Some(_),
            ..
        } | Entry::Answered { why: Some(_), .. }
            | Entry::Voted {
                decided: Decider::Ai,
                why: Some(_),
                ..
            }
            | Entry::Tabled {
                decided: Decider::Ai,
                why: Some(_),
                ..
            }
    )
}

/// The why panel: the full reasons behind an AI move.
fn why_window(ctx: &egui::Context, game: &mut Match) {
    let Some(index) = game.why else {
        return;
    };
    let Some((turn, entry)) = game.news.get(index).cloned() else {
        game.why = None;
        return;
    };
    let scenario = game.scenario().clone();
    let (actor, context, choice) = match &entry {
        Entry::Order { actor, action, .. } => (actor.clone(), "orders", action.clone()),
        Entry::Answered { actor, accept, .. } => (
            actor.clone(),
            "answer",
            if *accept { "accept" } else { "reject" }.to_owned(),
        ),
        Entry::Voted { actor, vote, .. } => {
            (actor.clone(), "vote", format!("{vote:?}").to_lowercase())
        }
        Entry::Tabled { by, .. } => (
            by.first().cloned().unwrap_or_default(),
            "proposal",
            "table".to_owned(),
        ),
        _ => (String::new(), "", String::new()),
    };
    let game_ref = game.session.game();
    let decisions: Vec<crate::agents::Decision> =
        match game_ref.history().iter().find(|t| t.turn == turn) {
            Some(record) => record.decisions.clone(),
            None => game_ref.current_decisions().to_vec(),
        };
    let decision = decisions.iter().rev().find(|d| {
        d.actor == actor && d.context == context && (context != "orders" || d.choice == choice)
    });
    let mut open = true;
    egui::Window::new(theme::heading("Why?"))
        .id(egui::Id::new("why"))
        .open(&mut open)
        .default_width(460.0)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 90.0))
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(
                egui::RichText::new(crate::report::timeline::entry_line(&scenario, &entry))
                    .strong(),
            );
            ui.add_space(6.0);
            match decision {
                Some(decision) => {
                    // In points of the score, as every number on screen.
                    for sentence in decision.sentences(&scenario) {
                        ui.label(sentence);
                    }
                }
                None => {
                    ui.label(theme::muted("The reasons for this move were not kept."));
                }
            }
        });
    if !open {
        game.why = None;
    }
}

/// One chart: the global indicators over the months (and the other line's, dashed).
fn charts(ui: &mut egui::Ui, game: &Match, scores: bool) {
    let scenario = game.scenario();
    let history = game.session.game().history();
    let plot = Plot::new(if scores { "scores" } else { "indicators" })
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .allow_scroll(false)
        .allow_drag(false)
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_label("month")
        .y_axis_label(if scores {
            "score (0-100)"
        } else {
            "value (0-100)"
        });
    if game.compare.is_some() {
        ui.label(theme::muted(
            "Solid: this game. Dashed: the line it left (history, or the game it branched from).",
        ));
    }
    let other = game.compare.as_ref().map(|record| record.turns.as_slice());
    plot.show(ui, |plot| {
        if scores {
            for (index, actor) in scenario.actors.iter().enumerate() {
                series(
                    plot,
                    format!("{} {}", theme::actor_shape(index), actor.code),
                    theme::ecolor(theme::actor_rgb(index)),
                    (history, other),
                    |t| t.utility.get(&actor.code).map(|u| 100.0 * u),
                );
            }
        } else {
            let shown = [
                "tension",
                "nuclear_capability",
                "sanctions_pressure",
                "regime_stability",
                "peace_process",
                "inter_korean_dialogue",
            ];
            for (index, id) in shown.iter().enumerate() {
                let Some(indicator) = scenario.indicators.iter().find(|i| i.id == *id) else {
                    continue;
                };
                series(
                    plot,
                    indicator.name.clone(),
                    theme::ecolor(rgb::ACTORS[(index + 3) % rgb::ACTORS.len()]),
                    (history, other),
                    |t| t.indicators.get(*id).copied(),
                );
            }
        }
    });
}

/// Proposals on the table and deals in force.
fn diplomacy(ui: &mut egui::Ui, game: &Match) {
    let scenario = game.scenario();
    let state = game.session.game().state();
    let turn = state.turn;
    ui.columns(2, |columns| {
        let ui = &mut columns[0];
        ui.label(theme::heading("On the table this month"));
        let mut any = false;
        for (_, entry) in game.news.iter().filter(|(t, _)| *t == turn) {
            match entry {
                Entry::Tabled { proposal, by, .. } => {
                    any = true;
                    let name = scenario
                        .proposal_index(proposal)
                        .map_or(proposal.clone(), |p| scenario.proposals[p].name.clone());
                    ui.label(
                        egui::RichText::new(format!("{name}, tabled by {}", by.join(", ")))
                            .strong(),
                    );
                    if let Some(p) = scenario.proposal_index(proposal) {
                        ui.label(theme::muted(crate::session::terms(scenario, p).join("; ")));
                    }
                }
                Entry::Answered { actor, accept, .. } => {
                    ui.label(format!(
                        "  {actor}: {}",
                        if *accept { "accepts" } else { "rejects" }
                    ));
                }
                Entry::DealStruck { .. } => {
                    ui.label(egui::RichText::new("  Deal struck").color(theme::ecolor(rgb::GOOD)));
                }
                Entry::DealRejected { rejected_by, .. } => {
                    ui.label(
                        egui::RichText::new(format!(
                            "  No deal: rejected by {}",
                            rejected_by.join(", ")
                        ))
                        .color(theme::ecolor(rgb::BAD)),
                    );
                }
                _ => {}
            }
        }
        if !any {
            ui.label(theme::muted("Nothing tabled yet this month."));
        }
        let ui = &mut columns[1];
        ui.label(theme::heading("Deals in force"));
        let mut any = false;
        for (proposal, definition) in scenario.proposals.iter().enumerate() {
            if !state.in_force()[proposal] {
                continue;
            }
            any = true;
            ui.label(egui::RichText::new(&definition.name).strong());
            for commitment in state.commitments.iter().filter(|c| c.proposal == proposal) {
                let promise = &scenario.proposals[proposal].commitments[commitment.promise];
                ui.label(format!(
                    "  {} until month {}",
                    promise.words(scenario),
                    commitment.until_turn
                ));
            }
        }
        if !any {
            ui.label(theme::muted("No deal is in force."));
        }
    });
}

/// The Security Council: each draft's texts (strong to weak), this month's votes and results.
fn council(ui: &mut egui::Ui, game: &Match) {
    let scenario = game.scenario();
    ui.columns(2, |columns| {
        let ui = &mut columns[0];
        ui.label(theme::heading("Drafts and their texts, strongest first"));
        for draft in &scenario.drafts {
            ui.label(egui::RichText::new(&draft.name).strong());
            for (index, (text, _)) in draft.texts.iter().enumerate() {
                ui.label(theme::muted(format!("  {}. {text}", index + 1)));
            }
        }
        let ui = &mut columns[1];
        ui.label(theme::heading("Votes"));
        let mut any = false;
        for (turn, entry) in game.news.iter().rev() {
            match entry {
                Entry::CouncilResult {
                    text,
                    adopted,
                    yes,
                    needed,
                    vetoed_by,
                    others,
                    ..
                } => {
                    any = true;
                    let (verdict, colour) = if *adopted {
                        (format!("adopted, {yes} votes ({needed} needed)"), rgb::GOOD)
                    } else if !vetoed_by.is_empty() {
                        (format!("vetoed by {}", vetoed_by.join(", ")), rgb::BAD)
                    } else {
                        (format!("failed, {yes} of {needed} votes"), rgb::BAD)
                    };
                    ui.label(
                        egui::RichText::new(format!(
                            "{}: \"{text}\" {verdict}",
                            month_name(scenario, *turn)
                        ))
                        .color(theme::ecolor(colour)),
                    );
                    // Newest first: the members' count under the result, then the actors' votes.
                    if let Some(words) = crate::report::timeline::others_in_words(others) {
                        ui.label(theme::muted(format!("    {words}")));
                    }
                }
                Entry::Voted { actor, vote, .. } => {
                    ui.label(theme::muted(format!("    {actor}: {vote:?}")));
                }
                _ => {}
            }
        }
        if !any {
            ui.label(theme::muted("No text has been put to the vote yet."));
        }
    });
}

/// Keys pressed this frame that the screen acts on.
#[derive(Default)]
struct Keys {
    enter: bool,
    hint: bool,
    digit: Option<usize>,
}

fn read_keys(ctx: &egui::Context) -> Keys {
    if ctx.egui_wants_keyboard_input() {
        return Keys::default();
    }
    ctx.input(|input| {
        let digits = [
            egui::Key::Num1,
            egui::Key::Num2,
            egui::Key::Num3,
            egui::Key::Num4,
            egui::Key::Num5,
            egui::Key::Num6,
            egui::Key::Num7,
            egui::Key::Num8,
            egui::Key::Num9,
        ];
        Keys {
            enter: input.key_pressed(egui::Key::Enter),
            hint: input.key_pressed(egui::Key::H),
            digit: digits
                .iter()
                .position(|k| input.key_pressed(*k))
                .map(|i| i + 1),
        }
    })
}

fn game_screen(
    mut contexts: EguiContexts,
    game: Option<ResMut<Match>>,
    mut view: ResMut<View>,
    projection: Option<Res<Projection>>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let Some(mut game) = game else {
        next.set(Screen::Menu);
        return Ok(());
    };
    let game = &mut *game;
    let view = &mut *view;
    let keys = read_keys(&ctx);
    let typing = ctx.egui_wants_keyboard_input();
    ctx.input(|input| {
        if input.key_pressed(egui::Key::Space) {
            game.skip = true;
        }
        if input.modifiers.ctrl && input.key_pressed(egui::Key::S) {
            game.status = "save".to_owned();
        }
        if input.key_pressed(egui::Key::W) && !typing {
            game.why = match game.why {
                Some(_) => None,
                None => game.news.iter().rposition(|(_, e)| has_reason(e)),
            };
        }
    });
    if game.status == "save" {
        game.status.clear();
        save_now(game);
    }
    let mut root = theme::root_ui(&ctx, "game");
    // The panels' colours are drawn behind them by the map's world (`Backdrops`).
    let panel = || egui::Frame::new().inner_margin(egui::Margin::symmetric(14, 10));
    let top = egui::Panel::top("top")
        .frame(panel())
        .show(&mut root, |ui| top_bar(ui, game))
        .response
        .rect;
    let bottom = egui::Panel::bottom("bottom")
        .frame(panel())
        .exact_size(200.0)
        .show(&mut root, |ui| {
            ui.horizontal(|ui| {
                for (tab, label, tip) in [
                    (
                        Tab::News,
                        "News",
                        "The month's news; click a line to see why",
                    ),
                    (
                        Tab::Diplomacy,
                        "Diplomacy",
                        "Proposals on the table and deals in force",
                    ),
                    (Tab::Council, "Security Council", "Drafts, texts and votes"),
                    (Tab::Charts, "Charts", "Indicators month by month"),
                    (Tab::Scores, "Scores", "Every actor's score month by month"),
                ] {
                    if ui
                        .selectable_label(view.tab == tab, label)
                        .on_hover_text(tip)
                        .clicked()
                    {
                        view.tab = tab;
                    }
                }
            });
            ui.separator();
            let scrolled = |ui: &mut egui::Ui, add: &mut dyn FnMut(&mut egui::Ui)| {
                egui::ScrollArea::vertical()
                    .id_salt("tab")
                    .auto_shrink([false, false])
                    .show(ui, |ui| add(ui));
            };
            match view.tab {
                Tab::News => news(ui, game),
                Tab::Diplomacy => scrolled(ui, &mut |ui| diplomacy(ui, game)),
                Tab::Council => scrolled(ui, &mut |ui| council(ui, game)),
                Tab::Charts => charts(ui, game, false),
                Tab::Scores => charts(ui, game, true),
            }
        })
        .response
        .rect;
    let left = egui::Panel::left("left")
        .frame(panel())
        .exact_size(300.0)
        .show(&mut root, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("left")
                .show(ui, |ui| indicators(ui, game));
        })
        .response
        .rect;
    let right = egui::Panel::right("right")
        .frame(panel())
        .exact_size(400.0)
        .show(&mut root, |ui| decision(ui, game, view, &keys))
        .response
        .rect;
    let area = MapArea {
        left: left.right(),
        top: top.bottom(),
        width: (right.left() - left.right()).max(10.0),
        height: (bottom.top() - top.bottom()).max(10.0),
    };
    commands.insert_resource(area);
    let backdrop = |rect: egui::Rect, colour| {
        (
            [rect.left(), rect.top(), rect.width(), rect.height()],
            colour,
        )
    };
    commands.insert_resource(Backdrops([
        backdrop(top, rgb::PANEL_DARK),
        backdrop(bottom, rgb::PANEL),
        backdrop(left, rgb::PANEL),
        backdrop(right, rgb::PANEL),
    ]));
    if let Some(projection) = projection {
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Background,
            "map-labels".into(),
        ));
        let scenario = game.scenario();
        for (code, label, lon, lat) in PLACES {
            let (x, y) = projection.on_screen(&area, lon, lat);
            let colour = scenario
                .actor_index(code)
                .map_or(theme::ecolor(rgb::MUTED), |a| {
                    theme::ecolor(theme::actor_rgb(a))
                });
            let shape = scenario.actor_index(code).map_or("", theme::actor_shape);
            painter.text(
                egui::pos2(x, y + 12.0),
                egui::Align2::CENTER_TOP,
                format!("{shape} {label}"),
                egui::FontId::proportional(13.0),
                colour,
            );
        }
        painter.text(
            egui::pos2(area.left + 10.0, area.top + area.height - 10.0),
            egui::Align2::LEFT_BOTTOM,
            "green: trust · vermillion: hostility · orange: this month's tests and exercises",
            egui::FontId::proportional(11.0),
            theme::ecolor(rgb::MUTED),
        );
    }
    why_window(&ctx, game);
    if game.status == "menu" {
        game.status.clear();
        commands.remove_resource::<Match>();
        next.set(Screen::Menu);
    }
    Ok(())
}

fn set_first_tab(launch: Res<super::Launch>, mut view: ResMut<View>) {
    if let Some(tab) = launch.tab.as_deref().and_then(Tab::from_name) {
        view.tab = tab;
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<View>()
        .add_systems(Startup, set_first_tab)
        .add_systems(
            EguiPrimaryContextPass,
            game_screen.run_if(in_state(Screen::Game)),
        );
}

/// One quantity month by month: solid for this game, dashed (unnamed in the legend) for the
/// line it is compared with.
fn series(
    plot: &mut egui_plot::PlotUi<'_>,
    name: String,
    colour: egui::Color32,
    (turns, other): (&[crate::sim::TurnRecord], Option<&[crate::sim::TurnRecord]>),
    value: impl Fn(&crate::sim::TurnRecord) -> Option<f64>,
) {
    let points = |turns: &[crate::sim::TurnRecord]| -> PlotPoints {
        turns
            .iter()
            .filter_map(|t| value(t).map(|v| [f64::from(t.turn), v]))
            .collect()
    };
    plot.line(Line::new(name, points(turns)).color(colour).width(2.0));
    if let Some(other) = other {
        plot.line(
            Line::new("", points(other))
                .color(colour.gamma_multiply(0.6))
                .style(egui_plot::LineStyle::dashed_loose()),
        );
    }
}

/// Every actor's score month by month (for the debrief).
pub fn score_chart(ui: &mut egui::Ui, game: &Match) {
    charts(ui, game, true);
}

#[cfg(test)]
mod tests {
    use super::change_in_words;

    #[test]
    fn a_change_that_rounds_to_nothing_reads_as_no_change() {
        for change in [0.0, -0.0, 0.3, -0.49, f64::NAN] {
            assert_eq!(change_in_words(change), None, "{change}");
        }
        assert_eq!(change_in_words(0.5).as_deref(), Some("+1"));
        assert_eq!(change_in_words(0.7).as_deref(), Some("+1"));
        assert_eq!(change_in_words(-0.6).as_deref(), Some("-1"));
        assert_eq!(change_in_words(12.4).as_deref(), Some("+12"));
    }
}
