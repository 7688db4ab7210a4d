//! Endings: checked in order after each turn, and the one the calendar running out reaches.

use super::resolver::{Names, Resolver};
use super::{Checker, Context, Ending, Place};

/// Checks the endings and builds them, with the index of the time-limit ending (None after a
/// problem with it).
pub(super) fn endings(
    checker: &mut Checker,
    resolver: &Resolver,
    names: &Names,
) -> (Vec<Ending>, Option<usize>) {
    let file = checker.file;
    let mut endings = Vec::new();
    for def in &file.endings {
        let place = Place::new(format!("endings[{}]", def.id), &[&def.id]);
        endings.push(Ending {
            id: def.id.clone(),
            name: def.name.clone(),
            description: def.description.clone(),
            when: resolver.conditions(
                checker,
                names,
                &def.when,
                Context::World,
                &place.child("when"),
            ),
        });
    }
    let ending_ids: Vec<String> = endings.iter().map(|e| e.id.clone()).collect();
    let time_limit_place = Place::new("time_limit_ending", &[&file.time_limit_ending]);
    let time_limit_ending = checker.named(
        &ending_ids,
        |id| id.as_str(),
        &file.time_limit_ending,
        "ending",
        &time_limit_place,
    );
    // Judged on the conditions as written: one that could not be read is reported on its own.
    for ending in &file.endings {
        if ending.when.is_empty()
            && Some(ending.id.as_str()) != Some(file.time_limit_ending.as_str())
        {
            let place = Place::new(format!("endings[{}].when", ending.id), &[&ending.id]);
            checker.problem(
                &place,
                "an ending with no conditions would end the game at once; add `when`".into(),
            );
        }
    }
    (endings, time_limit_ending)
}
