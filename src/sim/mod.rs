//! The simulation: the plain game state, the rules that change it, seeded randomness, and the
//! ECS world in which a turn runs as a sequence of phase schedules.
//!
//! Nothing here knows about a window or the command line.

pub mod decision;
mod game;
pub mod log;
pub mod phases;
pub mod random;
pub mod rules;
pub mod state;
pub mod turn;

pub use game::{Game, GameReport, Score, UnknownFlashpoint};
pub use phases::{PHASES, Phase};
pub use state::GameState;
pub use turn::{Controller, Directives, GameSettings, Inputs, TurnRecord};

/// Registers everything the simulation needs in an app.
pub fn plugin(app: &mut bevy_app::App) {
    phases::plugin(app);
}
