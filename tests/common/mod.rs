//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses its own subset")]

use std::path::PathBuf;
use std::sync::Arc;

use peninsula::scenario::{self, Scenario};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn minimal_source() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/minimal.ron")).expect("fixture exists")
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
