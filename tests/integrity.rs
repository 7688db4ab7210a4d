//! Nothing lost, nothing forged: verification that checks everything a replay recomputes, saves
//! that survive failures, one rule for every command that writes, and loaders that reject typos.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use peninsula::agents::Difficulty;
use peninsula::game::Game;
use peninsula::record::{self, GameRecord, RecordError};

fn recorded_game(seed: u64) -> GameRecord {
    let mut game = Game::new(common::korea(), seed, true);
    game.play(None);
    GameRecord::from_game(&game, Difficulty::Normal)
}

fn run(args: &[&std::ffi::OsStr], stdin: &str, data_home: &Path) -> Output {
    let mut command = common::binary();
    command.args(args).env_remove("HOME");
    feed(command, stdin, data_home)
}

/// Runs a command with its own data folder, typing `stdin` into it.
fn feed(mut command: std::process::Command, stdin: &str, data_home: &Path) -> Output {
    use std::io::Write;
    let mut child = command
        .env("XDG_DATA_HOME", data_home)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().expect("runs")
}

fn os(text: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(text)
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A fresh, empty folder for one test.
fn folder(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("integrity-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&path);
    std::fs::create_dir_all(&path).expect("temp folder");
    path
}

// Item 7: a forged record, resealed with a correct checksum, is caught and the first difference named.

#[test]
fn verify_catches_every_forged_part_of_a_resealed_record() {
    let original = recorded_game(21);
    assert!(record::replay(&original, None, true, "good").is_ok());
    type Forgery = (&'static str, fn(&mut GameRecord), &'static str);
    let forgeries: [Forgery; 7] = [
        (
            "an entry",
            |r| {
                let entry = r.turns[1].entries.remove(0);
                r.turns[1].entries.push(entry);
            },
            "entry 1",
        ),
        (
            "an indicator",
            |r| {
                let value = r.turns[2].indicators.get_mut("tension").expect("tension");
                *value += 1.0;
            },
            "tension",
        ),
        (
            "a utility",
            |r| {
                let value = r.turns[0].utility.get_mut("USA").expect("USA");
                *value += 0.25;
            },
            "utility of USA",
        ),
        (
            "an extra indicator",
            |r| {
                r.turns[0].indicators.insert("invented".into(), 1.0);
            },
            "invented",
        ),
        ("a score", |r| r.scores[0].score += 10.0, "score"),
        ("the ending", |r| r.ending = Some("war".into()), "ending"),
        (
            "the scenario name",
            |r| r.scenario_name = "Another game".into(),
            "scenario_name",
        ),
    ];
    let folder = folder("forged");
    for (what, forge, named) in forgeries {
        let mut forged = original.clone();
        forge(&mut forged);
        // Saved again: the checksum is recomputed, so only verification can tell.
        let path = folder.join("forged.ron");
        forged.save(&path).expect("saves");
        let loaded = record::load(&path).expect("the checksum is right");
        let error = match record::replay(&loaded, None, true, "forged.ron") {
            Ok(_) => panic!("a forged {what} was verified"),
            Err(error) => error,
        };
        assert!(
            matches!(
                error,
                RecordError::Diverged(_) | RecordError::Summary { .. }
            ),
            "{what}: {error}"
        );
        assert!(error.to_string().contains(named), "{what}: {error}");
        let output = run(
            &[os("replay"), path.as_os_str(), os("--verify")],
            "",
            &folder,
        );
        assert_eq!(output.status.code(), Some(2), "{what}: {}", text(&output));
        assert!(!text(&output).contains("verified"), "{what}");
    }
}

// Item 8: compare --json refuses records of different scenarios, as text mode does.

#[test]
fn compare_refuses_records_of_different_scenarios_in_json_too() {
    let folder = folder("compare");
    let korea = folder.join("korea.ron");
    recorded_game(2).save(&korea).expect("saves");
    let mut game = Game::new(common::minimal(), 2, true);
    game.play(None);
    let minimal = folder.join("minimal.ron");
    GameRecord::from_game(&game, Difficulty::Normal)
        .save(&minimal)
        .expect("saves");
    for json in [false, true] {
        let mut args = vec![os("compare"), korea.as_os_str(), minimal.as_os_str()];
        if json {
            args.push(os("--json"));
        }
        let output = run(&args, "", &folder);
        assert_eq!(output.status.code(), Some(2), "json {json}");
        assert!(text(&output).contains("same scenario"), "{}", text(&output));
    }
}

// Item 9: a typo inside an enum variant is an error naming the valid fields.

#[test]
fn typos_inside_enum_variants_are_refused_with_the_valid_fields() {
    use peninsula::scenario;
    let base = scenario::DEFAULT_SCENARIO_SOURCE;
    // A misspelt optional field reads like an extra one: it must be refused, not ignored.
    for (variant, valid) in [
        ("Assumption(", "reason"),
        ("Essay(", "paragraphs"),
        ("When(", "conditions"),
        ("Table(", "proposal"),
        ("Order(", "actor"),
        ("Answer(", "accept"),
        ("Draft(", "draft"),
    ] {
        // The first use after the header comments (which mention the format).
        let body = base.find("ScenarioFile(").expect("the scenario starts");
        assert!(base[body..].contains(variant), "{variant}");
        let typo = format!(
            "{}{}",
            &base[..body],
            base[body..].replacen(variant, &format!("{variant}misspelt: 1, "), 1)
        );
        let error = scenario::load_scenario_str(&typo, "typo.ron")
            .err()
            .unwrap_or_else(|| panic!("an unknown field in {variant} was accepted"));
        let message = error.to_string();
        assert!(message.starts_with("typo.ron:"), "{message}");
        assert!(
            message.contains("misspelt") && message.contains(valid),
            "{variant}: {message}"
        );
    }
    let variant_path = common::root().join("scenarios/variants/h1_bipolar_precedent.ron");
    let variant = std::fs::read_to_string(&variant_path).expect("reads");
    let folder = folder("variant_typo");
    for (from, to, valid) in [
        ("ActionEffect(action:", "ActionEffect(acton:", "action"),
        ("Assumption(reason:", "Assumption(reasn:", "reason"),
        ("Essay(paragraphs:", "Essay(paragraps:", "paragraphs"),
    ] {
        if !variant.contains(from) {
            continue;
        }
        let typo = variant.replacen(from, to, 1);
        let error = scenario::parse_variant(&typo, "typo.ron")
            .err()
            .unwrap_or_else(|| panic!("{to} was accepted in a variant"));
        assert!(error.to_string().contains(valid), "{error}");
    }
    let personality = "VariantFile(id: \"calm\", name: \"Calm\", base: \"korea_2017\",\n    source: Assumption(reason: \"test\"),\n    changes: [Personality(actor: \"USA\", temprature: Some(0.5))],\n)\n";
    let error = scenario::parse_variant(personality, "calm.ron")
        .expect_err("a misspelt personality field is refused");
    let message = error.to_string();
    assert!(
        message.contains("calm.ron:3:") && message.contains("temperature"),
        "{message}"
    );
    let path = folder.join("calm.ron");
    std::fs::write(&path, personality).expect("writes");
    let output = run(&[os("validate"), path.as_os_str()], "", &folder);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
}

// Item 10: empty codes, reserved ids and a variant base that is a path are refused.

#[test]
fn empty_codes_reserved_ids_and_path_like_bases_are_refused() {
    use peninsula::scenario;
    let base = common::minimal_source();
    let empty = base.replacen("code: \"BBB\"", "code: \"\"", 1);
    let message = scenario::load_scenario_str(&empty, "empty.ron")
        .expect_err("an empty code is refused")
        .to_string();
    assert!(
        message.contains("empty.ron:") && message.contains("empty"),
        "{message}"
    );
    assert!(!message.contains("known actors"), "no cascade: {message}");

    let action = regex_free_first_id(&base, "actions: [");
    let reserved = base.replace(&format!("\"{action}\""), "\"hold\"");
    let message = scenario::load_scenario_str(&reserved, "hold.ron")
        .expect_err("an action called hold is refused")
        .to_string();
    assert!(message.contains("reserved"), "{message}");

    let duplicate = base.replacen("code: \"BBB\"", "code: \"AAA\"", 1);
    let message = scenario::load_scenario_str(&duplicate, "dup.ron")
        .expect_err("a duplicate actor is refused")
        .to_string();
    assert_eq!(message.lines().count(), 1, "one clear message: {message}");
    assert!(message.contains("defined twice"), "{message}");

    let folder = folder("base_path");
    let variants = folder.join("variants");
    std::fs::create_dir_all(&variants).expect("folder");
    std::fs::write(folder.join("secret.ron"), scenario::DEFAULT_SCENARIO_SOURCE).expect("writes");
    let walker = variants.join("walker.ron");
    std::fs::write(
        &walker,
        "VariantFile(id: \"w\", name: \"W\", base: \"../secret\",\n    source: Assumption(reason: \"test\"),\n    changes: [],\n)\n",
    )
    .expect("writes");
    let output = run(&[os("validate"), walker.as_os_str()], "", &folder);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("not a path"), "{}", text(&output));
}

/// The id of the first entry after `list` in a scenario's source.
fn regex_free_first_id(source: &str, list: &str) -> String {
    let after = &source[source.find(list).expect("list")..];
    let start = after.find("id: \"").expect("an id") + 5;
    let end = after[start..].find('"').expect("closing quote");
    after[start..start + end].to_owned()
}

// Item 11: clear, located messages for deep nesting, huge numbers, bad bytes, loops and devices.

#[test]
fn hostile_inputs_get_clear_located_messages_and_exit_2() {
    let folder = folder("hostile");
    let source = peninsula::scenario::DEFAULT_SCENARIO_SOURCE;
    let mut record_text = String::new();
    let record_path = folder.join("record.ron");
    recorded_game(5).save(&record_path).expect("saves");
    record_text.push_str(&std::fs::read_to_string(&record_path).expect("reads"));
    let at = record_text.find("kind:").expect("an entry");
    let deep_record = format!(
        "{}extra: {}{}",
        &record_text[..at],
        "[".repeat(200_000),
        &record_text[at..]
    );
    let mut non_utf8 = source.as_bytes().to_vec();
    let second_line = source.find('\n').expect("lines") + 3;
    non_utf8[second_line] = 0xFF;
    let huge = {
        let at = source.find("capital: ").expect("capital") + "capital: ".len();
        let end = at + source[at..].find(',').expect("comma");
        format!("{}1e308{}", &source[..at], &source[end..])
    };
    let cases: Vec<(&str, Vec<u8>, &str, &[&str])> = vec![
        (
            "deep.ron",
            deep_record.into_bytes(),
            "replay",
            &["nest too deeply"],
        ),
        (
            "bytes.ron",
            non_utf8,
            "validate",
            &["bytes.ron:2:", "UTF-8"],
        ),
        ("huge.ron", huge.into_bytes(), "validate", &["1e308"]),
    ];
    for (name, bytes, command, expected) in cases {
        let path = folder.join(name);
        std::fs::write(&path, bytes).expect("writes");
        let output = run(&[os(command), path.as_os_str()], "", &folder);
        let said = text(&output);
        assert_eq!(output.status.code(), Some(2), "{name}: {said}");
        for words in expected {
            assert!(said.contains(words), "{name}: expected {words:?} in {said}");
        }
        assert!(
            !said.contains("recursion_limit") && !said.contains("0000000000"),
            "{said}"
        );
    }
    #[cfg(unix)]
    {
        let first = folder.join("loop-a.ron");
        let second = folder.join("loop-b.ron");
        std::os::unix::fs::symlink(&second, &first).expect("link");
        std::os::unix::fs::symlink(&first, &second).expect("link");
        for command in ["validate", "replay"] {
            let output = run(&[os(command), first.as_os_str()], "", &folder);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{command}: {}",
                text(&output)
            );
        }
        let zero = Path::new("/dev/zero");
        if zero.exists() {
            for command in ["validate", "replay"] {
                let started = std::time::Instant::now();
                let output = run(&[os(command), zero.as_os_str()], "", &folder);
                assert_eq!(
                    output.status.code(),
                    Some(2),
                    "{command}: {}",
                    text(&output)
                );
                assert!(text(&output).contains("larger than"), "{}", text(&output));
                assert!(started.elapsed().as_secs() < 20);
            }
        }
    }
}

// Saving: items 1 to 6.

fn minimal_scenario_in(folder: &Path) -> PathBuf {
    let path = folder.join("my.ron");
    std::fs::write(&path, common::minimal_source()).expect("writes");
    path
}

fn quit_after_choosing(folder: &Path, extra: &[&str]) -> Output {
    let mut args = vec![os("play"), os("--as"), os("PRK")];
    args.extend(extra.iter().map(|a| os(a)));
    run(&args, "q\n", folder)
}

#[cfg(unix)]
#[test]
fn a_full_disk_is_loud_keeps_the_last_good_save_and_never_claims_success() {
    let bash = Path::new("/bin/bash");
    if !bash.exists() {
        return;
    }
    let folder = folder("full_disk");
    // The size of a save at the start tells how small a limit lets only that one through.
    let probe = folder.join("probe.ron");
    let output = quit_after_choosing(
        &folder,
        &["--seed", "5", "--save", probe.to_str().expect("utf-8")],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let start_size = std::fs::metadata(&probe).expect("saved").len();
    let limit_kib = start_size / 1024 + 4;
    let save = folder.join("full.ron");
    let script = format!(
        "trap '' XFSZ; ulimit -f {limit_kib}; exec '{}' play --as PRK --seed 5 --save '{}'",
        env!("CARGO_BIN_EXE_peninsula"),
        save.display()
    );
    let mut command = std::process::Command::new(bash);
    command.arg("-c").arg(&script);
    let output = feed(command, &format!("{}q\n", "\n".repeat(40)), &folder);
    let said = text(&output);
    assert!(said.contains("SAVE FAILED"), "{said}");
    assert!(said.contains("Save to another file?"), "{said}");
    assert!(said.contains("NOT saved"), "{said}");
    assert_eq!(output.status.code(), Some(1), "{said}");
    let kept = record::load(&save).expect("the last good save is intact");
    let replayed = record::replay(&kept, None, true, "full.ron");
    assert!(replayed.is_ok(), "the kept save verifies");
    let claimed = format!("saved up to turn {} in", kept.turns.len() + 1);
    assert!(
        !said.contains(&claimed),
        "claims more than was written: {said}"
    );
}

#[test]
fn new_games_never_replace_unfinished_ones_and_saves_lists_them() {
    let folder = folder("saves_folder");
    for seed in ["1", "2", "3"] {
        let output = quit_after_choosing(&folder, &["--seed", seed]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    }
    let saves = folder.join("peninsula/saves");
    let files: Vec<PathBuf> = std::fs::read_dir(&saves)
        .expect("a saves folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 3, "one file per game: {files:?}");
    for file in &files {
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with("PRK-20"),
            "named by actor and date: {name}"
        );
        record::load(file).expect("each game loads");
    }
    let output = run(&[os("saves")], "", &folder);
    assert_eq!(output.status.code(), Some(0));
    let listed = text(&output);
    assert_eq!(
        listed.matches("peninsula play --resume").count(),
        3,
        "{listed}"
    );
}

#[test]
fn a_damaged_save_is_reported_and_left_as_it_is() {
    let folder = folder("damaged");
    let saves = folder.join("peninsula/saves");
    std::fs::create_dir_all(&saves).expect("folder");
    let damaged = saves.join("PRK-2017-07-01-0000.ron");
    let bytes = b"RecordFile(format: 1, checksum: \"ab\", game: (scenario_id: \"kor".to_vec();
    std::fs::write(&damaged, &bytes).expect("writes");
    let legacy = folder.join("peninsula/autosave.ron");
    std::fs::write(&legacy, b"not a save").expect("writes");
    let output = quit_after_choosing(&folder, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(text(&output).contains("damaged"), "{}", text(&output));
    assert_eq!(
        std::fs::read(&damaged).expect("kept"),
        bytes,
        "left as it is"
    );
    assert_eq!(std::fs::read(&legacy).expect("kept"), b"not a save");
    let output = run(&[os("saves")], "", &folder);
    let listed = text(&output);
    assert!(listed.contains("Damaged files"), "{listed}");
    assert!(listed.contains("PRK-2017-07-01-0000.ron"), "{listed}");
    assert!(listed.contains("autosave.ron"), "{listed}");
}

#[test]
fn no_command_writes_over_its_inputs_or_another_game() {
    let folder = folder("inputs");
    let scenario = minimal_scenario_in(&folder);
    let original = std::fs::read(&scenario).expect("reads");
    let s = scenario.as_os_str();
    let cases: Vec<Vec<&std::ffi::OsStr>> = vec![
        vec![os("run"), s, os("--record"), s],
        vec![os("run"), s, os("--record"), s, os("--overwrite")],
        vec![os("play"), s, os("--as"), os("AAA"), os("--save"), s],
        vec![
            os("play"),
            s,
            os("--as"),
            os("AAA"),
            os("--save"),
            s,
            os("--overwrite"),
        ],
    ];
    for args in cases {
        let output = run(&args, "q\n", &folder);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", text(&output));
        assert!(text(&output).contains("reads"), "{}", text(&output));
        assert_eq!(
            std::fs::read(&scenario).expect("reads"),
            original,
            "{args:?}"
        );
    }
    // An unfinished game is not replaced by a new one without --overwrite.
    let unfinished = folder.join("unfinished.ron");
    let output = run(
        &[
            os("play"),
            s,
            os("--as"),
            os("AAA"),
            os("--save"),
            unfinished.as_os_str(),
        ],
        "\n\n\nq\n",
        &folder,
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let kept = std::fs::read(&unfinished).expect("saved");
    for command in [
        vec![os("play"), s, os("--as"), os("BBB"), os("--save")],
        vec![os("run"), s, os("--record")],
    ] {
        let mut args = command.clone();
        args.push(unfinished.as_os_str());
        let output = run(&args, "q\n", &folder);
        assert_eq!(output.status.code(), Some(2), "{}", text(&output));
        assert!(
            text(&output).contains("unfinished game"),
            "{}",
            text(&output)
        );
        assert_eq!(std::fs::read(&unfinished).expect("reads"), kept);
    }
    let branch = run(
        &[
            os("branch"),
            unfinished.as_os_str(),
            os("--at"),
            os("1"),
            os("-o"),
            unfinished.as_os_str(),
        ],
        "",
        &folder,
    );
    assert_eq!(branch.status.code(), Some(2), "{}", text(&branch));
    assert_eq!(std::fs::read(&unfinished).expect("reads"), kept);
    let replaced = run(
        &[
            os("run"),
            s,
            os("--record"),
            unfinished.as_os_str(),
            os("--overwrite"),
        ],
        "",
        &folder,
    );
    assert_eq!(replaced.status.code(), Some(0), "{}", text(&replaced));
}

#[test]
fn branch_play_as_says_saved_only_when_a_file_holds_the_game() {
    let folder = folder("branch_play");
    let parent = folder.join("parent.ron");
    recorded_game(8).save(&parent).expect("saves");
    let out = folder.join("b.ron");
    let output = run(
        &[
            os("branch"),
            parent.as_os_str(),
            os("--at"),
            os("3"),
            os("--play-as"),
            os("KOR"),
            os("-o"),
            out.as_os_str(),
        ],
        "q\n",
        &folder,
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let saved = record::load(&out).expect("the branch's file exists");
    assert_eq!(saved.turns.len(), 2, "the shared history");
    assert!(record::replay(&saved, None, true, "b.ron").is_ok());
    assert!(
        text(&output).contains("saved up to turn 2 in"),
        "{}",
        text(&output)
    );
}

#[cfg(unix)]
#[test]
fn saving_writes_through_links_keeps_the_mode_and_refuses_read_only_files() {
    use std::os::unix::fs::PermissionsExt;
    let folder = folder("links");
    let real = folder.join("real");
    std::fs::create_dir_all(&real).expect("folder");
    let target = real.join("target.ron");
    recorded_game(1).save(&target).expect("saves");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let link = folder.join("link.ron");
    std::os::unix::fs::symlink(&target, &link).expect("link");
    let mut game = Game::new(common::korea(), 2, true);
    game.play_turn();
    GameRecord::from_game(&game, Difficulty::Normal)
        .save(&link)
        .expect("saves through the link");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    let written = record::load(&target).expect("the target holds the new game");
    assert_eq!(written.seed, 2);
    let mode = std::fs::metadata(&target)
        .expect("target")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600, "the mode is kept");

    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read(&target).expect("reads");
    let error = recorded_game(3)
        .save(&link)
        .expect_err("read-only is refused");
    assert!(error.to_string().contains("read-only"), "{error}");
    assert_eq!(std::fs::read(&target).expect("reads"), before);
    let output = run(
        &[
            os("run"),
            os("--turns"),
            os("1"),
            os("--record"),
            link.as_os_str(),
            os("--overwrite"),
        ],
        "",
        &folder,
    );
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("read-only"), "{}", text(&output));
}

/// A reader that stops early (`peninsula validate ... | head -1`) ends a command quietly with
/// success, as with any Unix tool, not with a panic.
#[test]
fn a_closed_output_pipe_ends_a_command_quietly() {
    use std::process::Stdio;
    let fixture = common::root().join("tests/fixtures/minimal.ron");
    // More output than a pipe holds, so that writing fails once the reader is gone.
    let files = vec![fixture; 3000];
    let mut child = common::binary()
        .arg("validate")
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}
