//! Playing one actor in the terminal against the AI: a briefing, then each month the news, the
//! proposals to table and answer, the Security Council, and the secret orders with their predicted
//! effects. An advisor (the AI's own reasoning for the player's actor) says what it would do.
//! Every rule and preview comes from `crate::session`; this file only prints and reads.

use std::io::{BufRead, Write};
use std::sync::Arc;

use crate::game::{Game, Phase};
use crate::scenario::{Scenario, Scope};
use crate::session::{Advice, Ask, Choice, Progress, Reply, Request, Session};
use crate::sim::state::utility;

use super::timeline::entry_line;

/// Why a session stopped early.
#[derive(Debug)]
pub enum Stop {
    /// The player typed q, or the input ended.
    Quit,
    Io(std::io::Error),
}

impl From<std::io::Error> for Stop {
    fn from(error: std::io::Error) -> Self {
        Stop::Io(error)
    }
}

/// A player's game in the terminal, on the session every front end shares.
pub struct Terminal<R, W> {
    session: Session,
    actor: usize,
    input: R,
    out: W,
    /// Where the game is saved after every turn.
    autosave: Option<std::path::PathBuf>,
    difficulty: crate::agents::Difficulty,
    /// For a game branched from a record: where it came from, kept in every save.
    lineage: Option<crate::record::Branch>,
    /// The last turn written to the save file (0 for the start), None until a save succeeds.
    saved_turn: Option<u32>,
}

/// The interests of `actor`, for the briefing: weight, what it wants, and where that comes from.
pub fn briefing(scenario: &Scenario, actor: usize) -> String {
    let definition = &scenario.actors[actor];
    let mut text = format!(
        "Briefing: you are {} ({})\n",
        definition.name, definition.code
    );
    if !definition.posture.is_empty() {
        text.push_str(&format!("Posture: {}\n", definition.posture));
    }
    text.push_str(
        "Your interests, strongest first; your score is how well the state serves them:\n",
    );
    let mut interests: Vec<_> = definition.interests.iter().collect();
    interests.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    for interest in interests {
        let source = crate::report::sources::describe(&interest.source);
        text.push_str(&format!(
            "  {:.2}  {}: {}\n",
            interest.weight, interest.label, source
        ));
    }
    let shifts = crate::report::briefing::shifts_in_words(scenario, actor);
    if !shifts.is_empty() {
        text.push_str("Events can change them, from the start of a month:\n");
    }
    for shift in shifts {
        text.push_str(&format!(
            "  {}: {:.2}  {}: {}\n",
            shift.when,
            shift.weight,
            shift.wants,
            crate::report::sources::describe(&shift.source)
        ));
    }
    text
}

impl<R: BufRead, W: Write> Terminal<R, W> {
    /// Continues a game (new, resumed or branched) with the player at `actor`.
    pub fn from_game(game: Game, actor: usize, input: R, out: W) -> Self {
        Terminal {
            session: Session::new(game, &[actor]),
            actor,
            input,
            out,
            autosave: None,
            difficulty: Default::default(),
            lineage: None,
            saved_turn: None,
        }
    }

    /// Marks the game as a branch of a record.
    pub fn with_lineage(mut self, lineage: crate::record::Branch) -> Self {
        self.lineage = Some(lineage);
        self
    }

    /// Saves the game to `path` after every turn (atomically), recording `difficulty`.
    pub fn autosave_to(
        mut self,
        path: std::path::PathBuf,
        difficulty: crate::agents::Difficulty,
    ) -> Self {
        self.autosave = Some(path);
        self.difficulty = difficulty;
        self
    }

    /// Saves the game now to its save file; the first save of a session, so that a file that
    /// cannot be written is found before the first month is played.
    pub fn save_now(&mut self) -> Result<(), crate::record::RecordError> {
        let Some(path) = self.autosave.clone() else {
            return Ok(());
        };
        self.save_to(&path)
    }

    fn save_to(&mut self, path: &std::path::Path) -> Result<(), crate::record::RecordError> {
        let mut record = crate::record::GameRecord::from_game(self.session.game(), self.difficulty);
        record.branched_from = self.lineage.clone();
        record.save(path)?;
        self.saved_turn = Some(self.turns_played());
        Ok(())
    }

    /// Turns played to the end (a turn in progress does not count).
    fn turns_played(&self) -> u32 {
        self.session.game().history().last().map_or(0, |t| t.turn)
    }

    /// True when the save file holds every turn played (or the game has no save file).
    pub fn all_saved(&self) -> bool {
        self.autosave.is_none() || self.saved_turn == Some(self.turns_played())
    }

    /// What is on disk, in words, after `how` ("Stopped."): said when the game stops, never
    /// claiming more than was written.
    fn saved_note(&self, how: &str) -> String {
        let Some(path) = &self.autosave else {
            return how.to_owned();
        };
        let played = self.turns_played();
        match self.saved_turn {
            Some(saved) if saved == played => format!(
                "{how} The game is saved up to turn {played} in {}; `peninsula play --resume {}` continues it.",
                path.display(),
                path.display()
            ),
            Some(saved) => format!(
                "{how} WARNING: {} NOT saved: the last good save, in {}, holds the game up to turn {saved}; `peninsula play --resume {}` continues from there.",
                if saved + 1 == played {
                    format!("turn {played} is")
                } else {
                    format!("turns {} to {played} are", saved + 1)
                },
                path.display(),
                path.display()
            ),
            None => format!(
                "{how} WARNING: nothing was saved: {} could not be written.",
                path.display()
            ),
        }
    }

    /// After a save fails: says so loudly, keeps the last good save, and offers another file.
    fn recover_from_failed_save(
        &mut self,
        path: &std::path::Path,
        error: &crate::record::RecordError,
    ) -> Result<(), Stop> {
        let kept = match self.saved_turn {
            Some(turn) => format!(
                "The last good save, up to turn {turn}, is intact in {}.",
                path.display()
            ),
            None => "Nothing has been saved yet.".to_owned(),
        };
        writeln!(
            self.out,
            "\n!! SAVE FAILED: turn {} could not be saved: {}\n!! {kept}",
            self.turns_played(),
            error.to_string().trim_end()
        )?;
        loop {
            let answer = self.ask(
                "!! Save to another file? Type its path, or press Enter to go on (the next turn tries again):",
            )?;
            if answer.is_empty() {
                return Ok(());
            }
            let other = std::path::PathBuf::from(&answer);
            if let Err(reason) = super::records::check_output(&other, &[], None, false) {
                writeln!(self.out, "!! {reason}")?;
                continue;
            }
            match self.save_to(&other) {
                Ok(()) => {
                    writeln!(
                        self.out,
                        "Saved up to turn {} in {}; the game saves there from now on.",
                        self.turns_played(),
                        other.display()
                    )?;
                    self.autosave = Some(other);
                    return Ok(());
                }
                Err(error) => writeln!(
                    self.out,
                    "!! That failed too: {}",
                    error.to_string().trim_end()
                )?,
            }
        }
    }

    fn scenario(&self) -> Arc<Scenario> {
        self.session.scenario().clone()
    }

    /// Reads one answer; `q` or the end of input stops the game.
    fn ask(&mut self, prompt: &str) -> Result<String, Stop> {
        write!(self.out, "{prompt} ")?;
        self.out.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            let note = self.saved_note("Stopped.");
            writeln!(self.out, "\n{note}")?;
            return Err(Stop::Quit);
        }
        let line = line.trim().to_owned();
        if line.eq_ignore_ascii_case("q") || line.eq_ignore_ascii_case("quit") {
            let note = self.saved_note("Stopped.");
            writeln!(self.out, "\n{note}")?;
            return Err(Stop::Quit);
        }
        Ok(line)
    }

    fn yes_no(&mut self, prompt: &str, default: bool) -> Result<bool, Stop> {
        loop {
            let answer = self.ask(prompt)?.to_lowercase();
            match answer.as_str() {
                "" => return Ok(default),
                "y" | "yes" => return Ok(true),
                "n" | "no" => return Ok(false),
                _ => writeln!(self.out, "  Type y or n (or q to quit).")?,
            }
        }
    }

    /// Prints the entries the turn has logged since the last call.
    fn print_new_entries(&mut self) -> Result<(), Stop> {
        let scenario = self.scenario();
        for entry in self.session.take_entries() {
            writeln!(self.out, "  {}", entry_line(&scenario, &entry))?;
        }
        Ok(())
    }

    /// Plays until an ending; returns early if the player quits.
    pub fn play(&mut self) -> Result<(), Stop> {
        let scenario = self.scenario();
        writeln!(self.out, "{}\n{}\n", scenario.name, scenario.description)?;
        write!(self.out, "{}", briefing(&scenario, self.actor))?;
        writeln!(
            self.out,
            "\nAt any prompt: Enter takes the advisor's choice, q quits. Effects are in points of \
             your 0-100 score."
        )?;
        if let Some(path) = &self.autosave {
            writeln!(
                self.out,
                "The game is saved after every turn to {}; `peninsula play --resume {}` continues it.",
                path.display(),
                path.display()
            )?;
        }
        if self.session.game().state().turn > 0 {
            writeln!(
                self.out,
                "Resuming after turn {}.",
                self.session.game().state().turn
            )?;
        }
        while !self.session.game().is_over() {
            self.play_turn()?;
        }
        let report = self.session.game().report();
        writeln!(
            self.out,
            "\n{}",
            report.ending_name.clone().unwrap_or_default()
        )?;
        if let Some(ending) = scenario
            .endings
            .iter()
            .find(|e| Some(&e.id) == report.ending.as_ref())
        {
            writeln!(self.out, "{}", ending.description)?;
        }
        for score in &report.scores {
            let marker = if score.actor == scenario.actors[self.actor].code {
                "  <- you"
            } else {
                ""
            };
            writeln!(self.out, "  {:<16} {:5.1}{marker}", score.name, score.score)?;
        }
        if !self.all_saved() {
            let note = self.saved_note("The game is over.");
            writeln!(self.out, "\n{note}")?;
        }
        Ok(())
    }

    /// Plays one turn through the session: its phases, and the player's decisions as asked.
    fn play_turn(&mut self) -> Result<(), Stop> {
        loop {
            match self.session.advance() {
                Progress::Played(Phase::Events) => {
                    self.print_header()?;
                    self.print_new_entries()?;
                }
                Progress::Played(Phase::Resolution) => {
                    writeln!(self.out, "Resolution:")?;
                    self.print_new_entries()?;
                }
                Progress::Played(_) => self.print_new_entries()?,
                Progress::Waiting => self.decide()?,
                Progress::TurnEnded(_) => {
                    self.print_new_entries()?;
                    break;
                }
                Progress::Over => return Ok(()),
            }
        }
        if let Some(path) = self.autosave.clone()
            && let Err(error) = self.save_to(&path)
        {
            self.recover_from_failed_save(&path, &error)?;
        }
        Ok(())
    }

    fn print_header(&mut self) -> Result<(), Stop> {
        let scenario = self.scenario();
        let game = self.session.game();
        let turn = game.state().turn;
        let line = format!(
            "\n=== {} (turn {turn} of {}) === capital {:.0}, your score this month {:.1}",
            crate::sim::turn::month_label(&scenario, turn),
            scenario.calendar.turns,
            game.state().capital()[self.actor],
            100.0 * utility(&scenario, game.state(), self.actor)
        );
        writeln!(self.out, "{line}")?;
        let state = game.state().clone();
        let mut line = String::new();
        for indicator in &scenario.indicators {
            let slot = match indicator.scope {
                Scope::Global => indicator.base_slot,
                Scope::PerActor => indicator.base_slot + self.actor,
            };
            let label = if indicator.scope == Scope::PerActor {
                format!("your {}", indicator.id)
            } else {
                indicator.id.clone()
            };
            line.push_str(&format!("{label} {:.0}  ", state.values()[slot]));
        }
        writeln!(self.out, "{}", line.trim_end())?;
        Ok(())
    }

    /// Asks the player the waiting request, until the session takes the reply.
    fn decide(&mut self) -> Result<(), Stop> {
        let Some(request) = self.session.waiting().cloned() else {
            return Ok(());
        };
        let advice = self.session.advice(request.id).unwrap_or(Advice {
            picks: Vec::new(),
            summary: String::new(),
            reasons: Vec::new(),
        });
        loop {
            let picks = match &request.ask {
                Ask::Table => self.ask_tabling(&request, &advice)?,
                Ask::Answer { name, terms, .. } => {
                    writeln!(self.out, "\"{name}\" asks: {}", terms.join("; "))?;
                    let accept = advice.picks.iter().any(|p| p == "accept");
                    writeln!(
                        self.out,
                        "  Advisor: {} ({})",
                        if accept { "accept" } else { "reject" },
                        advice.summary
                    )?;
                    let yes = self.yes_no(
                        &format!(
                            "  Accept? [y/n] (Enter: {})",
                            if accept { "y" } else { "n" }
                        ),
                        accept,
                    )?;
                    vec![if yes { "accept" } else { "reject" }.to_owned()]
                }
                Ask::Draft { name, .. } => self.ask_text(&request, name, &advice)?,
                Ask::Vote { text, .. } => {
                    let hint = advice.picks.first().cloned().unwrap_or_default();
                    writeln!(
                        self.out,
                        "Vote on \"{text}\". Advisor: {hint} ({})",
                        advice.summary
                    )?;
                    loop {
                        let answer = self
                            .ask("  [y]es, [a]bstain or [v]eto (Enter: advisor)")?
                            .to_lowercase();
                        match answer.as_str() {
                            "" => break vec![hint.clone()],
                            "y" | "yes" => break vec!["yes".to_owned()],
                            "a" | "abstain" => break vec!["abstain".to_owned()],
                            "v" | "veto" => break vec!["veto".to_owned()],
                            _ => writeln!(self.out, "  Type y, a or v.")?,
                        }
                    }
                }
                Ask::Orders { capital } => self.ask_orders(&request, *capital, &advice)?,
            };
            let reply = Reply {
                request: request.id,
                picks,
            };
            match self.session.submit(&reply) {
                Ok(()) => return Ok(()),
                Err(refusal) => writeln!(self.out, "  {refusal}.")?,
            }
        }
    }

    fn ask_tabling(&mut self, request: &Request, advice: &Advice) -> Result<Vec<String>, Stop> {
        let mut picked = Vec::new();
        for option in request.options.iter().filter(|o| o.unavailable.is_none()) {
            writeln!(
                self.out,
                "You may table \"{}\" ({}): {}",
                option.label,
                effect_line(option),
                option.note.clone().unwrap_or_default()
            )?;
            let advised = advice.picks.contains(&option.id);
            let table = self.yes_no(
                &format!(
                    "  Table it? [y/n] (advisor: {})",
                    if advised { "y" } else { "n" }
                ),
                advised,
            )?;
            if table && picked.is_empty() {
                picked.push(option.id.clone());
            }
        }
        Ok(picked)
    }

    fn ask_text(
        &mut self,
        request: &Request,
        name: &str,
        advice: &Advice,
    ) -> Result<Vec<String>, Stop> {
        writeln!(
            self.out,
            "You may put \"{name}\" to the Security Council. Texts, strongest first:"
        )?;
        for option in &request.options {
            writeln!(
                self.out,
                "  {}) {} ({} {})",
                option.id,
                option.label,
                effect_line(option),
                option.note.clone().unwrap_or_default()
            )?;
        }
        let hint = advice.picks.first().cloned().unwrap_or("none".to_owned());
        loop {
            let answer = self.ask(&format!(
                "  Which text? a number, 0 for none, Enter for the advisor's ({hint})"
            ))?;
            match answer.as_str() {
                "" => return Ok(advice.picks.clone()),
                "0" => return Ok(Vec::new()),
                number if request.options.iter().any(|o| o.id == number) => {
                    return Ok(vec![number.to_owned()]);
                }
                _ => writeln!(
                    self.out,
                    "  Give a number from 0 to {}.",
                    request.options.len()
                )?,
            }
        }
    }

    fn ask_orders(
        &mut self,
        request: &Request,
        capital: f64,
        advice: &Advice,
    ) -> Result<Vec<String>, Stop> {
        let limit = request.at_most;
        let options: Vec<&Choice> = request
            .options
            .iter()
            .filter(|o| o.unavailable.is_none())
            .collect();
        writeln!(
            self.out,
            "Secret orders: up to {limit}, capital {capital:.0}. Each shows its cost and what it \
             does for your score, interest by interest."
        )?;
        for (number, option) in options.iter().enumerate() {
            let advised = if advice.picks.contains(&option.id) {
                " [advisor]"
            } else {
                ""
            };
            let note = option
                .note
                .as_ref()
                .map_or(String::new(), |n| format!("; {}", n.to_uppercase()));
            writeln!(
                self.out,
                "  {:>2}) {} (cost {:.0}){advised}\n      {}{note}",
                number + 1,
                option.label,
                option.cost,
                effect_line(option),
            )?;
        }
        loop {
            let answer = self.ask(&format!(
                "  Numbers separated by spaces, Enter for the advisor's, 0 to hold (up to {limit}):"
            ))?;
            if answer.is_empty() {
                return Ok(advice.picks.clone());
            }
            if answer == "0" {
                return Ok(Vec::new());
            }
            let picks: Result<Vec<usize>, _> =
                answer.split_whitespace().map(str::parse::<usize>).collect();
            match picks {
                Ok(picks)
                    if picks.len() <= limit
                        && picks.iter().all(|p| (1..=options.len()).contains(p)) =>
                {
                    return Ok(picks.iter().map(|p| options[p - 1].id.clone()).collect());
                }
                _ => writeln!(
                    self.out,
                    "  Give up to {limit} numbers from 1 to {}.",
                    options.len()
                )?,
            }
        }
    }
}

/// "score +1.2: lower tension +0.8, its own standing +0.4".
fn effect_line(option: &Choice) -> String {
    let parts: Vec<String> = option
        .effects
        .iter()
        .take(4)
        .map(|e| format!("{} {:+.1}", e.interest, e.points))
        .collect();
    if parts.is_empty() {
        format!("score {:+.1}", option.points)
    } else {
        format!("score {:+.1}: {}", option.points, parts.join(", "))
    }
}
