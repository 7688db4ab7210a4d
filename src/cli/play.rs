//! Playing one actor in the terminal against the AI: a briefing, then each month the news, the
//! proposals to table and answer, the Security Council, and the secret orders with their predicted
//! effects. An advisor (the AI's own reasoning for the player's actor) says what it would do.

use std::io::{BufRead, Write};
use std::sync::Arc;

use crate::agents::{self, Vote};
use crate::scenario::{Scenario, Scope};
use crate::sim::random::Draws;
use crate::sim::rules::{self, Spread};
use crate::sim::state::utility;
use crate::sim::{Controller, Game, Phase};

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

/// A player's game in the terminal.
pub struct Session<R, W> {
    game: Game,
    actor: usize,
    input: R,
    out: W,
    printed: usize,
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
    text
}

impl<R: BufRead, W: Write> Session<R, W> {
    /// Continues a game (new, resumed or branched) with the player at `actor`.
    pub fn from_game(mut game: Game, actor: usize, input: R, out: W) -> Self {
        game.set_controller(actor, Controller::Human);
        Session {
            game,
            actor,
            input,
            out,
            printed: 0,
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
        let mut record = crate::record::GameRecord::from_game(&self.game, self.difficulty);
        record.branched_from = self.lineage.clone();
        record.save(path)?;
        self.saved_turn = Some(self.turns_played());
        Ok(())
    }

    /// Turns played to the end (a turn in progress does not count).
    fn turns_played(&self) -> u32 {
        self.game.history().last().map_or(0, |t| t.turn)
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
        self.game.scenario().clone()
    }

    /// The scenario as the advisor sees it: the player's actor never strays from its best option.
    fn advisor(&self) -> Scenario {
        let mut advisor = (**self.game.scenario()).clone();
        advisor.actors[self.actor].temperature = 0.0;
        advisor
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

    /// Prints the entries the current turn has logged since the last call.
    fn print_new_entries(&mut self) -> Result<(), Stop> {
        let scenario = self.scenario();
        let entries = self.game.current_entries().to_vec();
        for entry in entries.iter().skip(self.printed) {
            writeln!(self.out, "  {}", entry_line(&scenario, entry))?;
        }
        self.printed = entries.len();
        Ok(())
    }

    /// Plays until an ending; returns early if the player quits.
    pub fn play(&mut self) -> Result<(), Stop> {
        let scenario = self.scenario();
        writeln!(self.out, "{}\n{}\n", scenario.name, scenario.description)?;
        write!(self.out, "{}", briefing(&scenario, self.actor))?;
        writeln!(
            self.out,
            "\nAt any prompt: Enter takes the default, q quits."
        )?;
        if let Some(path) = &self.autosave {
            writeln!(
                self.out,
                "The game is saved after every turn to {}; `peninsula play --resume {}` continues it.",
                path.display(),
                path.display()
            )?;
        }
        if self.game.state().turn > 0 {
            writeln!(self.out, "Resuming after turn {}.", self.game.state().turn)?;
        }
        while !self.game.is_over() {
            self.play_turn()?;
        }
        let report = self.game.report();
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

    fn play_turn(&mut self) -> Result<(), Stop> {
        let scenario = self.scenario();
        let actor = self.actor;
        self.printed = 0;
        self.game.run_phase(Phase::Events);
        let turn = self.game.state().turn;
        writeln!(
            self.out,
            "\n=== {} (turn {turn} of {}) === capital {:.0}, your utility {:.3}",
            crate::sim::turn::month_label(&scenario, turn),
            scenario.calendar.turns,
            self.game.state().capital[actor],
            utility(&scenario, self.game.state(), actor)
        )?;
        self.print_indicators()?;
        self.print_new_entries()?;

        // Proposals the player may table.
        for (proposal, definition) in scenario.proposals.iter().enumerate() {
            if !rules::can_table(&scenario, self.game.state(), proposal, actor) {
                continue;
            }
            let mut draws = Draws::new(0, turn, Some(actor), "advisor");
            let (advice, ..) = agents::consider_tabling(
                &self.advisor(),
                self.game.state(),
                proposal,
                actor,
                &mut draws,
            );
            writeln!(
                self.out,
                "You may table \"{}\": {}",
                definition.name,
                commitments(&scenario, proposal)
            )?;
            let table = self.yes_no(
                &format!(
                    "  Table it? [y/n] (advisor: {})",
                    if advice { "y" } else { "n" }
                ),
                advice,
            )?;
            self.game
                .directives_mut()
                .tabling
                .insert((proposal, actor), table);
        }
        self.game.run_phase(Phase::Proposals);
        self.print_new_entries()?;

        // Answers to what is on the table.
        let tabled = self.game.agenda().tabled.clone();
        for (proposal, authors) in tabled {
            let definition = &scenario.proposals[proposal];
            if !definition.answering(&authors).any(|party| party == actor) {
                continue;
            }
            let mut draws = Draws::new(0, turn, Some(actor), "advisor");
            let (advice, decision) = agents::answer_proposal(
                &self.advisor(),
                self.game.state(),
                proposal,
                &authors,
                actor,
                &mut draws,
            );
            writeln!(
                self.out,
                "\"{}\" asks: {}",
                definition.name,
                commitments(&scenario, proposal)
            )?;
            writeln!(
                self.out,
                "  Advisor: {} ({})",
                if advice { "accept" } else { "reject" },
                decision.short_reason()
            )?;
            let accept = self.yes_no(
                &format!(
                    "  Accept? [y/n] (Enter: {})",
                    if advice { "y" } else { "n" }
                ),
                advice,
            )?;
            self.game
                .directives_mut()
                .answers
                .insert((proposal, actor), accept);
        }
        self.game.run_phase(Phase::Answers);
        self.print_new_entries()?;

        // Drafts the player may put to the Security Council.
        for (draft, definition) in scenario.drafts.iter().enumerate() {
            if !rules::can_draft(&scenario, self.game.state(), draft, actor) {
                continue;
            }
            writeln!(
                self.out,
                "You may put \"{}\" to the Security Council. Texts, strongest first:",
                definition.name
            )?;
            for (number, (name, _)) in definition.texts.iter().enumerate() {
                writeln!(self.out, "  {}) {name}", number + 1)?;
            }
            let advice = agents::choose_text(&scenario, self.game.state(), draft, actor);
            let hint = advice.map_or("none".to_owned(), |t| (t + 1).to_string());
            let text = loop {
                let answer = self.ask(&format!(
                    "  Which text? a number, 0 for none, Enter for the advisor's ({hint})"
                ))?;
                match answer.parse::<usize>() {
                    _ if answer.is_empty() => break advice,
                    Ok(0) => break None,
                    Ok(number) if number <= definition.texts.len() => break Some(number - 1),
                    _ => writeln!(
                        self.out,
                        "  Give a number from 0 to {}.",
                        definition.texts.len()
                    )?,
                }
            };
            if let Some(text) = text {
                self.game
                    .directives_mut()
                    .drafts
                    .insert((draft, actor), text);
            }
        }
        self.game.run_phase(Phase::Drafting);
        self.print_new_entries()?;

        // Votes.
        let drafts = self.game.agenda().drafts.clone();
        if scenario.actors[actor].permanent_member {
            for (draft, text, drafter) in drafts {
                let mut draws = Draws::new(0, turn, Some(actor), "advisor");
                let (advice, decision) = agents::vote(
                    &self.advisor(),
                    self.game.state(),
                    draft,
                    text,
                    drafter,
                    actor,
                    &mut draws,
                );
                writeln!(
                    self.out,
                    "Vote on \"{}\". Advisor: {advice:?} ({})",
                    scenario.drafts[draft].texts[text].0,
                    decision.short_reason()
                )?;
                let vote = loop {
                    let answer = self
                        .ask("  [y]es, [a]bstain or [v]eto (Enter: advisor)")?
                        .to_lowercase();
                    match answer.as_str() {
                        "" => break advice,
                        "y" | "yes" => break Vote::Yes,
                        "a" | "abstain" => break Vote::Abstain,
                        "v" | "veto" => break Vote::Veto,
                        _ => writeln!(self.out, "  Type y, a or v.")?,
                    }
                };
                self.game
                    .directives_mut()
                    .votes
                    .insert((draft, actor), vote);
            }
        }
        self.game.run_phase(Phase::Voting);
        self.print_new_entries()?;

        self.choose_orders()?;
        for phase in [
            Phase::Orders,
            Phase::Resolution,
            Phase::Scoring,
            Phase::EndCheck,
        ] {
            self.game.run_phase(phase);
        }
        if let Some(record) = self.game.history().last().cloned() {
            writeln!(self.out, "Resolution:")?;
            for entry in record.entries.iter().skip(self.printed) {
                writeln!(self.out, "  {}", entry_line(&scenario, entry))?;
            }
        }
        if let Some(path) = self.autosave.clone()
            && let Err(error) = self.save_to(&path)
        {
            self.recover_from_failed_save(&path, &error)?;
        }
        Ok(())
    }

    fn print_indicators(&mut self) -> Result<(), Stop> {
        let scenario = self.scenario();
        let state = self.game.state().clone();
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
            line.push_str(&format!("{label} {:.0}  ", state.values[slot]));
        }
        writeln!(self.out, "{}", line.trim_end())?;
        Ok(())
    }

    fn choose_orders(&mut self) -> Result<(), Stop> {
        let scenario = self.scenario();
        let actor = self.actor;
        let state = self.game.state().clone();
        let limit = scenario.calendar.orders_per_turn as usize;
        let mut options = Vec::new();
        for (action, definition) in scenario.actions.iter().enumerate() {
            if rules::check_order(&scenario, &state, actor, action).is_err() {
                continue;
            }
            let mut next = state.clone();
            let outcome =
                rules::apply_order(&scenario, &mut next, actor, action, &mut Spread::Expected);
            let gain = utility(&scenario, &next, actor) - utility(&scenario, &state, actor);
            let mut effects = Vec::new();
            for slot in 0..scenario.slots {
                let change = next.values[slot] - state.values[slot];
                if change.abs() >= 0.5 {
                    effects.push(format!("{} {change:+.0}", scenario.slot_label(slot)));
                }
            }
            if outcome.broke.is_some() {
                effects.push("BREAKS YOUR COMMITMENT".to_owned());
            }
            options.push((action, definition, gain, effects));
        }
        let memory = vec![0.0; scenario.actors.len()];
        let mut draws = Draws::new(0, state.turn, Some(actor), "advisor");
        let (advice, advised) =
            agents::choose_orders(&self.advisor(), &state, actor, &memory, &[], &mut draws);
        // The value the advisor gives each option for the first order, costs and risks included.
        let values = advised
            .first()
            .map(|d| d.options.clone())
            .unwrap_or_default();
        writeln!(
            self.out,
            "Secret orders: up to {limit}, capital {:.0}. Utility: what the order does for your interests; \
             value: that with its cost in capital and its risks, as the advisor weighs it.",
            state.capital[actor]
        )?;
        for (number, (action, definition, gain, effects)) in options.iter().enumerate() {
            let advised = if advice.contains(action) {
                " [advisor]"
            } else {
                ""
            };
            let value = values
                .iter()
                .find(|(id, _)| *id == definition.id)
                .map_or(*gain, |(_, v)| *v);
            writeln!(
                self.out,
                "  {:>2}) {} (cost {:.0}, severity {:.0}, utility {gain:+.4}, value {value:+.4}){advised}\n      {}",
                number + 1,
                definition.name,
                definition.cost,
                definition.severity,
                effects.join(", ")
            )?;
        }
        loop {
            let answer = self.ask(&format!(
                "  Numbers separated by spaces, Enter for the advisor's, 0 to hold (up to {limit}):"
            ))?;
            let chosen: Vec<usize> = if answer.is_empty() {
                advice.clone()
            } else if answer == "0" {
                Vec::new()
            } else {
                let picks: Result<Vec<usize>, _> =
                    answer.split_whitespace().map(str::parse::<usize>).collect();
                match picks {
                    Ok(picks)
                        if picks.len() <= limit
                            && picks.iter().all(|p| (1..=options.len()).contains(p)) =>
                    {
                        picks.iter().map(|p| options[p - 1].0).collect()
                    }
                    _ => {
                        writeln!(
                            self.out,
                            "  Give up to {limit} numbers from 1 to {}.",
                            options.len()
                        )?;
                        continue;
                    }
                }
            };
            // The same check resolution makes: affordable together, each once.
            let checks = rules::check_orders(&scenario, &state, actor, &chosen, 0);
            if let Some((action, Err(refusal))) =
                chosen.iter().zip(&checks).find(|(_, c)| c.is_err())
            {
                writeln!(
                    self.out,
                    "  \"{}\" cannot be ordered with that: {refusal}.",
                    scenario.actions[*action].name
                )?;
                continue;
            }
            self.game.directives_mut().orders.insert(actor, chosen);
            return Ok(());
        }
    }
}

/// "North Korea freezes testing for 6 turns; ..."
fn commitments(scenario: &Scenario, proposal: usize) -> String {
    let parts: Vec<String> = scenario.proposals[proposal]
        .commitments
        .iter()
        .map(|(actor, kind, turns)| {
            format!(
                "{} freezes {} for {turns} turns",
                scenario.actors[*actor].name, scenario.kinds[*kind]
            )
        })
        .collect();
    parts.join("; ")
}
