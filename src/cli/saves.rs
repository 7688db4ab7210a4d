//! The saves folder: every game played without `--save` gets a file of its own, named by actor,
//! date and time, so starting a new game never replaces an unfinished one. `peninsula saves`
//! lists them; a damaged file is reported and left exactly as it is.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::record::{self, GameRecord};

/// The user's data folder for Peninsula: `$XDG_DATA_HOME/peninsula`, else
/// `~/.local/share/peninsula`, else `peninsula-data` in the current folder.
fn data_folder() -> PathBuf {
    std::env::var_os("XDG_DATA_HOME")
        .filter(|base| !base.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))
        .map_or_else(
            || PathBuf::from("peninsula-data"),
            |base| base.join("peninsula"),
        )
}

/// Where games are saved unless told otherwise.
pub(crate) fn saves_folder() -> PathBuf {
    data_folder().join("saves")
}

/// A new file for a new game of `actor`: `PRK-2026-11-28-1620.ron`, with `-2`, `-3`... when a
/// game was started the same minute. Never an existing file.
pub(crate) fn new_save_path(actor: &str) -> PathBuf {
    let folder = saves_folder();
    let _ = std::fs::create_dir_all(&folder);
    let code: String = actor
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    let stem = format!("{code}-{}", timestamp());
    let mut path = folder.join(format!("{stem}.ron"));
    let mut number = 2;
    while std::fs::symlink_metadata(&path).is_ok() {
        path = folder.join(format!("{stem}-{number}.ron"));
        number += 1;
    }
    path
}

/// The current UTC date and time as `2026-11-28-1620`.
fn timestamp() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (seconds / 86_400) as i64;
    let minutes = (seconds % 86_400) / 60;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}-{:02}{:02}",
        minutes / 60,
        minutes % 60
    )
}

/// One file found among the saves.
struct Saved {
    path: PathBuf,
    modified: std::time::SystemTime,
    game: Result<GameRecord, String>,
}

/// Every `.ron` file in the saves folder, and the autosaves older versions kept in the data
/// folder, newest first. Temporary files of interrupted saves (`.name.tmp`) are not games.
fn find_saves() -> Vec<Saved> {
    let mut found = Vec::new();
    let mut look = |folder: &Path, only_autosaves: bool| {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !name.ends_with(".ron") {
                continue;
            }
            if only_autosaves && !name.starts_with("autosave") {
                continue;
            }
            let path = entry.path();
            let modified = entry
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            let game = record::load(&path).map_err(|error| error.to_string());
            found.push(Saved {
                path,
                modified,
                game,
            });
        }
    };
    look(&saves_folder(), false);
    look(&data_folder(), true);
    found.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.path.cmp(&b.path)));
    found
}

/// Before a new game: says how many unfinished games are kept and which saves are damaged.
pub(super) fn announce_kept_games() {
    let saves = find_saves();
    let unfinished = saves
        .iter()
        .filter(|s| matches!(&s.game, Ok(game) if game.ending.is_none()))
        .count();
    if unfinished > 0 {
        say!(
            "You have {unfinished} unfinished game(s), each kept in its own file; `peninsula saves` lists them."
        );
    }
    for saved in saves.iter().filter(|s| s.game.is_err()) {
        say!(
            "Note: {} is damaged and is left as it is (`peninsula saves` says why); this game saves to a new file.",
            saved.path.display()
        );
    }
}

/// The player who made a save (the first human in its last turn), when there was one.
fn player(game: &GameRecord) -> Option<&str> {
    game.turns
        .iter()
        .rev()
        .find_map(|t| t.inputs.humans.first())
        .map(String::as_str)
}

/// `peninsula saves`.
pub(super) fn list() -> ExitCode {
    let saves = find_saves();
    let mut out = format!("Saves folder: {}\n", saves_folder().display());
    if saves.is_empty() {
        out.push_str("No saved games yet: `peninsula play` starts one.\n");
        return super::emit(&out);
    }
    let mut unfinished = String::new();
    let mut finished = String::new();
    let mut damaged = String::new();
    for saved in &saves {
        let path = saved.path.display();
        match &saved.game {
            Ok(game) => {
                let turn = game.turns.last().map_or(0, |t| t.turn);
                let month = game
                    .turns
                    .last()
                    .map_or_else(|| "not started".to_owned(), |t| t.month.clone());
                let stem = saved
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let who = player(game)
                    .map(str::to_owned)
                    .or_else(|| stem.split('-').next().map(str::to_owned))
                    .unwrap_or_default();
                match &game.ending {
                    None => unfinished.push_str(&format!(
                        "  {who:<7} turn {turn:>2} of {} ({month}), {}\n          {path}\n          continue: peninsula play --resume {path}\n",
                        game.scenario.calendar.turns, game.scenario_name
                    )),
                    Some(ending) => finished.push_str(&format!(
                        "  {who:<7} {ending} after {turn} turns, {}\n          {path}\n",
                        game.scenario_name
                    )),
                }
            }
            Err(reason) => damaged.push_str(&format!(
                "  {}\n          left as it is; an older copy may be in your backups\n",
                reason.trim_end().replace('\n', "\n          ")
            )),
        }
    }
    for (title, body) in [
        ("Unfinished games, newest first:", unfinished),
        ("Finished games:", finished),
        ("Damaged files (not read, not changed):", damaged),
    ] {
        if !body.is_empty() {
            out.push_str(&format!("{title}\n{body}"));
        }
    }
    super::emit(&out)
}
