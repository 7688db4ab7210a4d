//! The names every other section refers to: actor codes and the ids of indicators, actions,
//! proposals, drafts, events, flashpoints and endings.

use super::{Checker, Place};
use crate::scenario::error::{Problem, locate};

/// Ids the engine uses for itself: an action called "hold" would be taken for giving no order.
const RESERVED_ACTION_IDS: [&str; 1] = ["hold"];

/// Checks every id and actor code: present, made of letters, digits, `_` and `-`, not reserved,
/// and distinct. Returns false when any is wrong.
pub(super) fn check_names(checker: &mut Checker) -> bool {
    let file = checker.file;
    let before = checker.problems.len();
    let lists: [(&str, &str, Vec<&str>); 8] = [
        (
            "actor",
            "actors",
            file.actors.iter().map(|a| a.code.as_str()).collect(),
        ),
        (
            "indicator",
            "indicators",
            file.indicators.iter().map(|i| i.id.as_str()).collect(),
        ),
        (
            "action",
            "actions",
            file.actions.iter().map(|a| a.id.as_str()).collect(),
        ),
        (
            "proposal",
            "proposals",
            file.proposals.iter().map(|p| p.id.as_str()).collect(),
        ),
        (
            "draft",
            "drafts",
            file.drafts.iter().map(|d| d.id.as_str()).collect(),
        ),
        (
            "event",
            "events",
            file.events.iter().map(|e| e.id.as_str()).collect(),
        ),
        (
            "flashpoint",
            "flashpoints",
            file.flashpoints.iter().map(|f| f.id.as_str()).collect(),
        ),
        (
            "ending",
            "endings",
            file.endings.iter().map(|e| e.id.as_str()).collect(),
        ),
    ];
    for (what, list, ids) in lists {
        let field = if what == "actor" { "code" } else { "id" };
        for (number, id) in ids.iter().enumerate() {
            if let Err(message) = check_id(id) {
                let anchors = [list.to_owned(), format!("{field}: \"{id}\"")];
                checker.problems.push(Problem {
                    position: locate(checker.source, &anchors),
                    at: format!("{list}[{number}].{field}"),
                    message: format!("{what} {field} {message}"),
                });
            } else if what == "actor" && crate::scenario::ROLES.contains(id) {
                let place = Place::new(format!("{list}[{id}]"), &[id]);
                checker.problem(
                    &place,
                    format!(
                        "\"{id}\" is reserved: effects use it for a role (actor, target, allies); choose another code"
                    ),
                );
            } else if what == "action" && RESERVED_ACTION_IDS.contains(id) {
                let place = Place::new(format!("{list}[{id}]"), &[id]);
                checker.problem(
                    &place,
                    format!(
                        "\"{id}\" is reserved: the engine uses it for giving no order; choose another id"
                    ),
                );
            }
        }
        duplicates(checker, ids, what, list);
    }
    checker.problems.len() == before
}

/// An id or code as the engine and the command line can use it.
pub(crate) fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("is empty; give it a short name like \"USA\" or \"missile_test\"".into());
    }
    if id.len() > 64 {
        return Err(format!(
            "\"{}...\" is longer than 64 characters",
            id.chars().take(20).collect::<String>()
        ));
    }
    match id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        Some(c) => Err(format!(
            "\"{}\" contains {c:?}; use only letters, digits, _ and -",
            id.escape_debug()
        )),
        None => Ok(()),
    }
}

fn duplicates(checker: &mut Checker, ids: Vec<&str>, what: &str, list: &str) {
    let mut seen: Vec<&str> = Vec::new();
    for id in ids {
        if seen.contains(&id) {
            let place = Place::new(format!("{list}[{id}]"), &[id, id]);
            checker.problem(
                &place,
                format!("{what} \"{id}\" is defined twice; give each a distinct id"),
            );
        }
        seen.push(id);
    }
}
