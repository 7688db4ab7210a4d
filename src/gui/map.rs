//! The map of Northeast Asia in Bevy 2D: Natural Earth coastlines (converted once by
//! `tools/coastlines.py` into `assets/map/northeast_asia.json`, embedded in the binary so the
//! game runs from any folder), the actors' countries in their colours, capitals, lines of trust
//! and hostility between actors, and markers for the month's events.

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use serde::Deserialize;

use super::flow::{Match, Screen};
use super::theme::{self, rgb};
use crate::sim::log::Entry;

const MAP: &str = include_str!("../../assets/map/northeast_asia.json");

#[derive(Deserialize)]
struct MapFile {
    frame: Frame,
    countries: Vec<Country>,
}

#[derive(Deserialize, Clone, Copy)]
struct Frame {
    west: f32,
    east: f32,
    south: f32,
    north: f32,
}

#[derive(Deserialize)]
struct Country {
    name: String,
    shapes: Vec<Shape>,
}

#[derive(Deserialize)]
struct Shape {
    ring: Vec<[f32; 2]>,
    triangles: Vec<[u32; 3]>,
}

/// Where on the screen the map may draw (logical pixels, from the window's top left), as the
/// game screen's panels leave it; the map fits itself into it.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct MapArea {
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
}

/// The game screen's panels, each a rectangle (left, top, width, height in logical pixels from
/// the window's top left) and its colour. The map's world draws them as plain rectangles over
/// the map's overflow, and egui draws only the panels' contents: under software rendering an
/// egui fill costs several times a rectangle of Bevy's (its shader converts colours with powers).
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Backdrops(pub [([f32; 4], (u8, u8, u8)); BACKDROPS]);

/// One of the rectangles behind the panels, by its place in `Backdrops`.
#[derive(Component)]
struct Backdrop(usize);

/// The panels: top, bottom, left, right.
const BACKDROPS: usize = 4;

/// Above the map and its overlay, below egui.
const BACKDROP_Z: f32 = 10.0;

/// The map's parent entity: its transform fits the map into the `MapArea`.
#[derive(Component)]
struct MapRoot;

/// The frame's projection: degrees to map units, longitude shrunk by the cosine of 38°N.
#[derive(Resource, Clone, Copy)]
pub(super) struct Projection {
    frame: Frame,
}

impl Projection {
    const SHRINK: f32 = 0.788;
    fn local(&self, lon: f32, lat: f32) -> Vec2 {
        let centre_lon = (self.frame.west + self.frame.east) / 2.0;
        let centre_lat = (self.frame.south + self.frame.north) / 2.0;
        Vec2::new((lon - centre_lon) * Self::SHRINK, lat - centre_lat)
    }
    /// Where a place is drawn in the window, in logical pixels from its top left.
    pub(super) fn on_screen(&self, area: &MapArea, lon: f32, lat: f32) -> (f32, f32) {
        let scale = self.scale(area);
        let local = self.local(lon, lat);
        (
            area.left + area.width / 2.0 + local.x * scale,
            area.top + area.height / 2.0 - local.y * scale,
        )
    }

    /// Pixels per map unit: the map fills the area, cropped rather than letterboxed.
    fn scale(&self, area: &MapArea) -> f32 {
        let size = self.size();
        (area.width / size.x).max(area.height / size.y).max(0.01)
    }

    fn size(&self) -> Vec2 {
        Vec2::new(
            (self.frame.east - self.frame.west) * Self::SHRINK,
            self.frame.north - self.frame.south,
        )
    }
}

/// Places on the map, for actors by code: their capital, or where their forces stand when the
/// capital is off the map (then the label says so).
pub(super) const PLACES: [(&str, &str, f32, f32); 6] = [
    ("CHN", "Beijing", 116.4, 39.9),
    ("PRK", "Pyongyang", 125.75, 39.03),
    ("KOR", "Seoul", 126.98, 37.57),
    ("RUS", "◀ Moscow (Vladivostok)", 131.9, 43.1),
    ("USA", "Washington ▶ (Pacific forces)", 146.0, 27.0),
    ("JPN", "Tokyo", 139.7, 35.7),
];

/// The nuclear test site and the sea the missiles fall into.
const TEST_SITE: (f32, f32) = (129.08, 41.28);
const MISSILE_SEA: (f32, f32) = (136.0, 40.5);
const OVER_JAPAN: (f32, f32) = (147.5, 42.0);
const EXERCISE_AREA: (f32, f32) = (127.6, 35.3);

fn place(code: &str) -> Option<(f32, f32)> {
    PLACES
        .iter()
        .find(|(c, ..)| *c == code)
        .map(|(_, _, lon, lat)| (*lon, *lat))
}

fn spawn_map(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    game: Option<Res<Match>>,
) {
    let Ok(file) = serde_json::from_str::<MapFile>(MAP) else {
        error!("the embedded map does not parse; the game plays without it");
        return;
    };
    let projection = Projection { frame: file.frame };
    commands.insert_resource(projection);
    let scenario = game.as_ref().map(|g| g.scenario().clone());
    let actor_of = |name: &str| {
        scenario
            .as_ref()
            .and_then(|s| s.actors.iter().position(|a| a.name == name))
    };
    let root = commands
        .spawn((
            Name::new("Map"),
            MapRoot,
            Transform::default(),
            Visibility::default(),
            DespawnOnExit(Screen::Game),
        ))
        .id();
    for country in &file.countries {
        let fill = match actor_of(&country.name) {
            Some(actor) => {
                let (r, g, b) = theme::actor_rgb(actor);
                let (lr, lg, lb) = rgb::LAND;
                let mix = |a: u8, b: u8| ((u16::from(a) * 45 + u16::from(b) * 55) / 100) as u8;
                theme::color((mix(r, lr), mix(g, lg), mix(b, lb)))
            }
            None => theme::color(rgb::LAND),
        };
        let material = materials.add(ColorMaterial::from_color(fill));
        for shape in &country.shapes {
            let positions: Vec<[f32; 3]> = shape
                .ring
                .iter()
                .map(|[lon, lat]| projection.local(*lon, *lat).extend(0.0).to_array())
                .collect();
            let indices: Vec<u32> = shape.triangles.iter().flatten().copied().collect();
            let mesh = Mesh::new(
                PrimitiveTopology::TriangleList,
                RenderAssetUsages::RENDER_WORLD,
            )
            .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
            .with_inserted_indices(Indices::U32(indices));
            commands.spawn((
                Name::new(country.name.clone()),
                Mesh2d(meshes.add(mesh)),
                MeshMaterial2d(material.clone()),
                Transform::default(),
                ChildOf(root),
            ));
        }
    }
}

/// The rectangles behind the panels, sized by `place_backdrops`.
fn spawn_backdrops(mut commands: Commands) {
    for index in 0..BACKDROPS {
        commands.spawn((
            Name::new("Panel backdrop"),
            Backdrop(index),
            Sprite::from_color(Color::NONE, Vec2::ZERO),
            Transform::from_xyz(0.0, 0.0, BACKDROP_Z),
            DespawnOnExit(Screen::Game),
        ));
    }
}

/// Puts each rectangle where its panel is, in its colour.
fn place_backdrops(
    backdrops: Option<Res<Backdrops>>,
    windows: Query<&Window>,
    mut sprites: Query<(&Backdrop, &mut Sprite, &mut Transform)>,
) {
    let (Some(backdrops), Some(window)) = (backdrops, windows.iter().next()) else {
        return;
    };
    for (backdrop, mut sprite, mut transform) in &mut sprites {
        let ([left, top, width, height], colour) = &backdrops.0[backdrop.0];
        sprite.color = theme::color(*colour);
        sprite.custom_size = Some(Vec2::new(*width, *height));
        transform.translation = Vec3::new(
            left + width / 2.0 - window.width() / 2.0,
            window.height() / 2.0 - (top + height / 2.0),
            BACKDROP_Z,
        );
    }
}

/// Fits the map into the area the panels leave.
fn fit_map(
    area: Option<Res<MapArea>>,
    windows: Query<&Window>,
    projection: Option<Res<Projection>>,
    mut root: Query<&mut Transform, With<MapRoot>>,
) {
    let (Some(area), Some(projection)) = (area, projection) else {
        return;
    };
    let Some(window) = windows.iter().next() else {
        return;
    };
    let scale = projection.scale(&area);
    let centre = Vec2::new(
        area.left + area.width / 2.0 - window.width() / 2.0,
        window.height() / 2.0 - (area.top + area.height / 2.0),
    );
    for mut transform in &mut root {
        transform.translation = centre.extend(0.0);
        transform.scale = Vec3::new(scale, scale, 1.0);
    }
}

/// Capitals, trust and hostility between actors, and the month's events, drawn each frame.
fn draw_overlay(
    mut gizmos: Gizmos,
    game: Option<Res<Match>>,
    projection: Option<Res<Projection>>,
    root: Query<&Transform, With<MapRoot>>,
) {
    let (Some(game), Some(projection)) = (game, projection) else {
        return;
    };
    let Some(transform) = root.iter().next() else {
        return;
    };
    let to_screen = |lon: f32, lat: f32| {
        let local = projection.local(lon, lat);
        transform.translation.truncate() + local * transform.scale.truncate()
    };
    let scale = transform.scale.x;
    let scenario = game.scenario();
    let state = game.session.game().state();
    let anchors: Vec<Option<Vec2>> = scenario
        .actors
        .iter()
        .map(|a| place(&a.code).map(|(lon, lat)| to_screen(lon, lat)))
        .collect();
    // Relations: green for trust, vermillion for hostility, stronger lines for stronger feeling.
    for i in 0..anchors.len() {
        for j in (i + 1)..anchors.len() {
            let (Some(a), Some(b)) = (anchors[i], anchors[j]) else {
                continue;
            };
            let feeling = ((state.trust(i, j) + state.trust(j, i)) / 2.0) as f32;
            if feeling.abs() < 10.0 {
                continue;
            }
            let (r, g, bl) = if feeling > 0.0 { rgb::GOOD } else { rgb::BAD };
            let alpha = (feeling.abs() / 80.0).clamp(0.25, 0.95);
            let colour = Color::srgba_u8(r, g, bl, (alpha * 255.0) as u8);
            let mid = (a + b) / 2.0 + (b - a).perp().normalize_or_zero() * 0.08 * a.distance(b);
            gizmos.linestrip_2d(
                (0..=16).map(|k| {
                    let t = k as f32 / 16.0;
                    a.lerp(mid, t).lerp(mid.lerp(b, t), t)
                }),
                colour,
            );
        }
    }
    for (index, anchor) in anchors.iter().enumerate() {
        if let Some(at) = anchor {
            let colour = theme::color(theme::actor_rgb(index));
            gizmos.circle_2d(Isometry2d::from_translation(*at), 0.32 * scale, colour);
            gizmos.circle_2d(Isometry2d::from_translation(*at), 0.16 * scale, colour);
        }
    }
    // The month's events: a missile's track, a test site, the exercises.
    let turn = state.turn;
    for (_, entry) in game.news.iter().rev().take_while(|(t, _)| *t == turn) {
        let Entry::Order { action, .. } = entry else {
            continue;
        };
        let Some(index) = scenario.action_index(action) else {
            continue;
        };
        let kind = scenario.actions[index]
            .kind
            .map(|k| scenario.kinds[k].as_str())
            .unwrap_or("");
        let warn = theme::color(rgb::WARN);
        match (kind, action.as_str()) {
            ("testing", id) if id.contains("nuclear") => {
                let at = to_screen(TEST_SITE.0, TEST_SITE.1);
                for ring in 1..=3 {
                    gizmos.circle_2d(
                        Isometry2d::from_translation(at),
                        0.3 * ring as f32 * scale,
                        warn,
                    );
                }
            }
            ("testing", _) => {
                let from = to_screen(125.75, 39.03);
                let far = if scenario.actions[index].severity >= 3.0 {
                    OVER_JAPAN
                } else {
                    MISSILE_SEA
                };
                let to = to_screen(far.0, far.1);
                let apex = (from + to) / 2.0 + Vec2::new(0.0, 0.35 * from.distance(to));
                gizmos.linestrip_2d(
                    (0..=24).map(|k| {
                        let t = k as f32 / 24.0;
                        from.lerp(apex, t).lerp(apex.lerp(to, t), t)
                    }),
                    warn,
                );
                gizmos.circle_2d(Isometry2d::from_translation(to), 0.25 * scale, warn);
            }
            ("exercises", _) => {
                let at = to_screen(EXERCISE_AREA.0, EXERCISE_AREA.1);
                gizmos.rect_2d(
                    Isometry2d::from_translation(at),
                    Vec2::splat(1.4 * scale),
                    warn,
                );
            }
            _ => {}
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Game), (spawn_map, spawn_backdrops))
        .add_systems(
            PostUpdate,
            (fit_map, draw_overlay, place_backdrops)
                .chain()
                .run_if(in_state(Screen::Game))
                .before(TransformSystems::Propagate),
        )
        .add_systems(
            Startup,
            |mut commands: Commands, mut store: ResMut<GizmoConfigStore>| {
                // No multisampling: the map is flat shapes, and software renderers pay 4x for it.
                commands.spawn((Name::new("Camera"), Camera2d, Msaa::Off));
                let (config, _) = store.config_mut::<DefaultGizmoConfigGroup>();
                config.line.width = 2.5;
            },
        );
}
