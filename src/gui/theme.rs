//! One palette and one type scale for every screen. Actor colours are Okabe-Ito (safe for the
//! common kinds of colour blindness) and always come with the actor's code or a shape as well.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// The sea behind the map.
pub const SEA: Color = Color::srgb(0.075, 0.125, 0.18);

/// The frame of a screen that fills the window (menu, briefing, debrief): no fill of its own,
/// the window is cleared to `rgb::PANEL_DARK` there (`clear_for`). Under software rendering an
/// egui fill of the whole window costs about as much as the rest of the frame.
pub fn backdrop() -> egui::Frame {
    egui::Frame::NONE
}

/// The window's clear colour on each screen: the sea behind the map, the dark panel colour
/// behind the screens that fill the window.
fn clear_for(screen: Res<State<super::flow::Screen>>, mut clear: ResMut<ClearColor>) {
    clear.0 = match screen.get() {
        super::flow::Screen::Game => SEA,
        _ => color(rgb::PANEL_DARK),
    };
}

pub mod rgb {
    /// Okabe-Ito, in the order actors take them.
    pub const ACTORS: [(u8, u8, u8); 7] = [
        (0, 114, 178),   // blue
        (213, 94, 0),    // vermillion
        (204, 121, 167), // reddish purple
        (230, 159, 0),   // orange
        (86, 180, 233),  // sky blue
        (0, 158, 115),   // bluish green
        (240, 228, 66),  // yellow
    ];
    pub const LAND: (u8, u8, u8) = (58, 64, 72);
    pub const PANEL: (u8, u8, u8) = (24, 28, 36);
    pub const PANEL_DARK: (u8, u8, u8) = (17, 20, 26);
    pub const TEXT: (u8, u8, u8) = (226, 228, 232);
    pub const MUTED: (u8, u8, u8) = (150, 156, 166);
    pub const GOOD: (u8, u8, u8) = (0, 158, 115);
    pub const BAD: (u8, u8, u8) = (213, 94, 0);
    pub const WARN: (u8, u8, u8) = (230, 159, 0);
    pub const ACCENT: (u8, u8, u8) = (86, 180, 233);
}

/// An egui colour from the palette.
pub fn ecolor((r, g, b): (u8, u8, u8)) -> egui::Color32 {
    egui::Color32::from_rgb(r, g, b)
}

/// A Bevy colour from the palette.
pub fn color((r, g, b): (u8, u8, u8)) -> Color {
    Color::srgb_u8(r, g, b)
}

/// The actor's colour, by its place in the scenario.
pub fn actor_rgb(actor: usize) -> (u8, u8, u8) {
    rgb::ACTORS[actor % rgb::ACTORS.len()]
}

/// The actor's shape, for when colour is not enough.
pub fn actor_shape(actor: usize) -> &'static str {
    // Glyphs the default proportional fonts carry.
    ["★", "■", "♦", "⬟", "✚", "▶", "◼"][actor % 7]
}

/// The type scale, in points at text scale 1: body, heading, title, display.
pub const BODY: f32 = 14.0;
pub const HEADING: f32 = 17.0;
pub const TITLE: f32 = 22.0;
pub const DISPLAY: f32 = 40.0;

/// The player's text scale (Ctrl + and Ctrl -).
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct TextScale(pub f32);

impl Default for TextScale {
    fn default() -> Self {
        TextScale(1.0)
    }
}

/// A heading in the type scale.
pub fn heading(text: impl Into<String>) -> egui::RichText {
    egui::RichText::new(text.into())
        .size(HEADING)
        .strong()
        .color(ecolor(rgb::TEXT))
}

pub fn title(text: impl Into<String>) -> egui::RichText {
    egui::RichText::new(text.into())
        .size(TITLE)
        .strong()
        .color(ecolor(rgb::TEXT))
}

pub fn muted(text: impl Into<String>) -> egui::RichText {
    egui::RichText::new(text.into()).color(ecolor(rgb::MUTED))
}

/// Score points, green up and vermillion down, always signed.
pub fn points(value: f64) -> egui::RichText {
    let colour = if value > 0.05 {
        rgb::GOOD
    } else if value < -0.05 {
        rgb::BAD
    } else {
        rgb::MUTED
    };
    egui::RichText::new(format!("{value:+.1}"))
        .color(ecolor(colour))
        .monospace()
}

fn apply_style(mut contexts: EguiContexts, scale: Res<TextScale>, mut done: Local<Option<f32>>) {
    if *done == Some(scale.0) {
        return;
    }
    let Ok(ctx) = contexts.ctx_mut() else {
        return;
    };
    let mut visuals = egui::Visuals::dark();
    visuals.panel_fill = ecolor(rgb::PANEL);
    visuals.window_fill = ecolor(rgb::PANEL);
    visuals.extreme_bg_color = ecolor(rgb::PANEL_DARK);
    visuals.override_text_color = Some(ecolor(rgb::TEXT));
    visuals.selection.bg_fill = ecolor((0, 90, 140));
    visuals.hyperlink_color = ecolor(rgb::ACCENT);
    ctx.set_visuals(visuals);
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily, FontId, TextStyle};
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(BODY * 0.85, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(BODY, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(BODY, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(HEADING, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(BODY * 0.95, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 4.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.interaction.tooltip_delay = 0.2;
    });
    ctx.set_zoom_factor(scale.0);
    *done = Some(scale.0);
}

fn change_scale(keys: Res<ButtonInput<KeyCode>>, mut scale: ResMut<TextScale>) {
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    if !ctrl {
        return;
    }
    if keys.any_just_pressed([KeyCode::Equal, KeyCode::NumpadAdd]) {
        scale.0 = (scale.0 + 0.1).min(1.6);
    }
    if keys.any_just_pressed([KeyCode::Minus, KeyCode::NumpadSubtract]) {
        scale.0 = (scale.0 - 0.1).max(0.8);
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TextScale>()
        .add_systems(EguiPrimaryContextPass, apply_style)
        .add_systems(
            Update,
            clear_for.run_if(state_changed::<super::flow::Screen>),
        )
        .add_systems(Update, change_scale);
}

/// A root `Ui` covering the window, for panels to be shown in.
pub fn root_ui(ctx: &egui::Context, name: &'static str) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        egui::Id::new(name),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}
