//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses its own subset")]

use std::path::PathBuf;
use std::sync::Arc;

use peninsula::scenario::{self, Preference, Scenario, Target};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn minimal_source() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/minimal.ron")).expect("fixture exists")
}

/// The minimal fixture with the first `anchor` (which must be there) replaced by `with`.
pub fn minimal_replacing(anchor: &str, with: &str) -> String {
    let source = minimal_source();
    assert!(source.contains(anchor), "fixture changed: {anchor}");
    source.replacen(anchor, with, 1)
}

/// Loads an edited scenario text, as `edited.ron`.
pub fn load_edited(text: &str) -> Result<Scenario, scenario::ScenarioError> {
    scenario::load_scenario_str(text, "edited.ron")
}

pub fn minimal() -> Arc<Scenario> {
    Arc::new(
        scenario::load_scenario_str(&minimal_source(), "minimal.ron").expect("fixture is valid"),
    )
}

pub fn korea() -> Arc<Scenario> {
    Arc::new(scenario::default_scenario().expect("the embedded scenario is valid"))
}

/// Writes `text` to a fresh file under the target folder and returns its path.
pub fn temp_file(name: &str, text: &str) -> PathBuf {
    let folder = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "case-{}-{}",
        std::process::id(),
        name
    ));
    std::fs::create_dir_all(&folder).expect("temp folder");
    let path = folder.join(name);
    std::fs::write(&path, text).expect("write temp file");
    path
}

pub fn binary() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_peninsula"))
}

/// `peninsula validate FILE` succeeds (exit 0); otherwise fails with what it printed.
pub fn assert_validates(path: &std::path::Path) {
    let output = binary().arg("validate").arg(path).output().expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The scenario with every interest wanting the opposite, weights kept: `Higher` and `Lower`
/// swapped, an ideal point mirrored in its target's range (45 on 0..100 becomes 55), shifts
/// included.
pub fn reversed_preferences() -> Arc<Scenario> {
    let korea = korea();
    let mut file = korea.file.clone();
    let range = |target: &Target| match target {
        Target::Indicator(id) | Target::Own(id) | Target::Of(id, _) => korea
            .indicators
            .iter()
            .find(|indicator| &indicator.id == id)
            .map_or((0.0, 100.0), |indicator| (indicator.min, indicator.max)),
        _ => (-100.0, 100.0),
    };
    let opposite = |prefers: Preference, (low, high): (f64, f64)| match prefers {
        Preference::Higher => Preference::Lower,
        Preference::Lower => Preference::Higher,
        Preference::Near(point) => Preference::Near(low + high - point),
    };
    for actor in &mut file.actors {
        for interest in &mut actor.interests {
            let bounds = range(&interest.target);
            interest.prefers = opposite(interest.prefers, bounds);
            for shift in &mut interest.shifts {
                shift.prefers = shift.prefers.map(|prefers| opposite(prefers, bounds));
            }
        }
    }
    Arc::new(scenario::compile(file, "", "reversed preferences").expect("still valid"))
}

/// An app with `scenario`'s resources and actors (seed 11), and only `system` in `Update`.
pub fn bare_app_with<M>(
    scenario: Arc<Scenario>,
    system: impl bevy_ecs::schedule::IntoScheduleConfigs<bevy_ecs::system::ScheduleSystem, M>,
) -> bevy_app::App {
    use peninsula::sim::GameState;
    use peninsula::sim::turn::*;
    let mut app = bevy_app::App::new();
    app.insert_resource(ScenarioResource(scenario.clone()))
        .insert_resource(GameSettings {
            seed: 11,
            no_script: false,
            reseed: None,
        })
        .insert_resource(GameState::new(&scenario))
        .insert_resource(TurnStart(GameState::new(&scenario)))
        .init_resource::<peninsula::sim::log::TurnLog>()
        .init_resource::<Directives>()
        .init_resource::<Agenda>()
        .init_resource::<History>()
        .add_systems(bevy_app::Update, system);
    spawn_actors(app.world_mut(), &scenario);
    app
}
