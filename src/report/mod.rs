//! Reports built from a scenario or a game, for any front end: the command line prints them, a
//! briefing pack or the window shows the same data. Nothing here draws or reads a terminal.

pub mod after_action;
pub mod briefing;
pub mod charts;
pub mod document;
pub mod fit;
pub mod lab;
pub mod sources;
pub mod timeline;

pub use document::{Block, Document};
