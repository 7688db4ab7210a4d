//! The model's constants: each within its range, or an error at the number as written.

use super::{Checker, Place};
use crate::scenario::error::format_number;
use crate::scenario::types::Tunables;

/// Checks each tunable against its range (all run 0 to 1: utilities at most the whole of an
/// actor's satisfaction, a probability, a scale on temperatures up to 10).
pub(super) fn check_tunables(checker: &mut Checker) -> Tunables {
    let tunables = checker.file.tunables;
    for ((name, value), (_, default)) in tunables.named().into_iter().zip(Tunables::DEFAULT.named())
    {
        if !(0.0..=1.0).contains(&value) {
            let place = Place::new(format!("tunables.{name}"), &[])
                .then("tunables")
                .then(name);
            checker.problem(
                &place,
                format!(
                    "{} is outside 0..1; write a number from 0 to 1, or leave it out for the \
                     default {}",
                    format_number(value),
                    format_number(default)
                ),
            );
        }
    }
    tunables
}
