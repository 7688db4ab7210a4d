//! The simulation: the plain game state, the rules that change it, seeded randomness, the log of
//! what happened and the resources and components a turn works on.
//!
//! Nothing here knows about a window, the command line or the AI: `agents` decides on this data
//! and `game` runs the turn's phases over both.

pub mod decision;
pub mod log;
pub mod random;
pub mod rules;
pub mod state;
pub mod turn;

pub use state::GameState;
pub use turn::{Controller, Directives, GameSettings, Inputs, TurnRecord};
