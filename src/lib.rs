//! Peninsula: a turn-based strategy game about the 2017 North Korea crisis.
//!
//! The core (scenarios, simulation, agents, and the game that runs a turn over them) builds and
//! tests with no window. Front ends (the command line in `cli`) sit on top and only call down.

pub mod agents;
pub mod batch;
pub mod classroom;
pub mod cli;
pub mod files;
pub mod game;
#[cfg(feature = "window")]
pub mod gui;
pub mod record;
pub mod report;
pub mod scenario;
pub mod session;
pub mod sim;
