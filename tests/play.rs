//! Playing one actor in the terminal, driven through the binary's standard input.

mod common;

use std::io::Write;
use std::process::Stdio;

fn play(args: &[&str], input: &str) -> (Option<i32>, String, String) {
    // One save file per game: a save holding another game is never replaced.
    static GAMES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let number = GAMES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let save = common::temp_file(&format!("play-save-{number}.ron"), "");
    play_saving(args, input, &save)
}

fn play_saving(
    args: &[&str],
    input: &str,
    save: &std::path::Path,
) -> (Option<i32>, String, String) {
    let mut child = common::binary()
        .arg("play")
        .arg("--terminal")
        .args(args)
        .arg("--save")
        .arg(save)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("writes");
    let output = child.wait_with_output().expect("finishes");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into(),
        String::from_utf8_lossy(&output.stderr).into(),
    )
}

#[test]
fn taking_the_advisors_choices_plays_a_whole_game_to_an_ending() {
    let (code, out, err) = play(&["--as", "USA", "--seed", "3"], &"\n".repeat(200));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Briefing: you are United States"), "{out}");
    assert!(out.contains("Secret orders"));
    assert!(
        out.contains("Dual track"),
        "the July proposal reaches the player"
    );
    assert!(out.contains("<- you"), "final scores are shown");
}

#[test]
fn a_player_can_choose_orders_by_number_and_is_corrected_on_bad_input() {
    let input = format!("n\n99\n1 2\n{}", "0\n".repeat(200));
    let (code, out, _) = play(&["--as", "PRK", "--seed", "5"], &input);
    assert_eq!(code, Some(0));
    assert!(out.contains("Give up to 2 numbers"), "{out}");
    assert!(
        out.contains("(player)"),
        "the player's own orders are marked"
    );
}

#[test]
fn q_quits_cleanly_and_an_unknown_actor_is_bad_input() {
    let (code, _, _) = play(&["--as", "CHN"], "q\n");
    assert_eq!(code, Some(0));
    let (code, _, err) = play(&["--as", "JPN"], "");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("known actors: USA, CHN, RUS, PRK, KOR"),
        "{err}"
    );
}

#[test]
fn the_actor_menu_accepts_a_number() {
    let (code, out, _) = play(&[], &format!("9\n2\n{}", "\n".repeat(200)));
    assert_eq!(code, Some(0));
    assert!(out.contains("Not an actor here."));
    assert!(out.contains("Briefing: you are China"));
}

#[test]
fn a_saved_game_resumes_where_it_stopped_and_its_record_verifies() {
    let save = common::temp_file("resume.ron", "");
    let (code, _, err) = play_saving(&["--as", "KOR", "--seed", "9"], "\n\n\n\n\n\n\nq\n", &save);
    assert_eq!(code, Some(0), "{err}");
    let saved = peninsula::record::load(&save).expect("the autosave loads");
    let turns = saved.turns.len();
    assert!(turns >= 1, "at least one turn was saved");
    assert_eq!(saved.turns[0].inputs.humans, vec!["KOR".to_owned()]);
    let resume = save.display().to_string();
    let (code, out, err) = play_saving(&["--resume", &resume], &"\n".repeat(300), &save);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains(&format!("Resuming after turn {turns}")),
        "{out}"
    );
    assert!(
        out.contains("Briefing: you are South Korea"),
        "the player keeps their actor"
    );
    let finished = peninsula::record::load(&save).expect("loads");
    assert!(finished.ending.is_some());
    assert!(
        peninsula::record::replay(&finished, None, true, "finished").is_ok(),
        "the whole game verifies"
    );
    assert_eq!(
        finished.turns[turns - 1].state_hash,
        saved.turns[turns - 1].state_hash
    );
}
