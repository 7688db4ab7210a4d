//! Explanations are checked against the agent itself: the weight they say would flip a decision
//! does flip it, and the contributions add up to the option's value.

mod common;

use peninsula::agents;
use peninsula::game::{Game, Phase};
use peninsula::scenario::Scenario;
use peninsula::sim::random::Draws;

fn us_answer_to_dual_track(scenario: &Scenario) -> (bool, agents::Decision) {
    let shared = std::sync::Arc::new(scenario.clone());
    let mut game = Game::new(shared.clone(), 1, true);
    game.run_phase(Phase::Events);
    game.run_phase(Phase::Proposals);
    let (proposal, authors) = game.agenda().tabled[0].clone();
    let usa = scenario.actor_index("USA").expect("USA");
    let mut draws = Draws::new(1, 1, Some(usa), "test");
    agents::answer_proposal(&shared, game.state(), proposal, &authors, usa, &mut draws)
}

#[test]
fn the_flipping_weight_really_flips_the_us_answer_to_dual_track() {
    let mut korea = (*common::korea()).clone();
    let usa = korea.actor_index("USA").expect("USA");
    korea.actors[usa].temperature = 0.0;
    let (accepted, decision) = us_answer_to_dual_track(&korea);
    assert!(!accepted, "the US rejects dual-track on its weights");
    let flip = decision.flip.clone().expect("some single weight flips it");
    let index = korea.actors[usa]
        .interests
        .iter()
        .position(|i| i.label == flip.interest)
        .expect("interest");
    let beyond = flip.would_need + 0.01 * (flip.would_need - flip.weight).signum();
    korea.actors[usa].interests[index].weight = beyond.clamp(0.0, 1.0);
    let (flipped, _) = us_answer_to_dual_track(&korea);
    assert!(
        flipped,
        "with {} at {beyond:.3} the US accepts",
        flip.interest
    );
    let short = flip.would_need - 0.01 * (flip.would_need - flip.weight).signum();
    korea.actors[usa].interests[index].weight = short.clamp(0.0, 1.0);
    let (still, _) = us_answer_to_dual_track(&korea);
    assert!(
        !still,
        "just short of the flipping weight the US still rejects"
    );
}

#[test]
fn contributions_add_up_to_the_margin_over_the_alternative() {
    let (_, decision) = us_answer_to_dual_track(&common::korea());
    let sum: f64 = decision.contributions.iter().map(|c| c.value).sum();
    assert!(
        (sum - decision.margin).abs() < 1e-12,
        "{sum} vs {}",
        decision.margin
    );
    let words = decision.sentences(&common::korea()).join(" ");
    assert!(words.contains("rejected \"Dual track"), "{words}");
    assert!(
        words.contains(&format!(
            "by {:.2} points of its score",
            100.0 * decision.margin
        )),
        "{words}"
    );
    assert!(
        words.contains("would have gone the other way had the weight on"),
        "{words}"
    );
}

#[test]
fn reasons_are_told_in_points_of_the_score_as_everything_a_person_reads() {
    let (_, decision) = us_answer_to_dual_track(&common::korea());
    let sentences = decision.sentences(&common::korea());
    let words = sentences.join(" ");
    assert!(!words.contains("utility"), "{words}");
    // Every contribution shown is its value times 100, with the sign, and none shows as zero.
    let shown: Vec<&agents::Contribution> = decision
        .contributions
        .iter()
        .filter(|c| words.contains(&format!("{} ({:+.2} points", c.label, 100.0 * c.value)))
        .collect();
    assert!(shown.len() >= 2, "{words}");
    assert!(
        !words.contains("+0.00") && !words.contains("-0.00"),
        "{words}"
    );
    let headline = decision.headline(&common::korea());
    assert!(
        sentences[0].starts_with(&headline),
        "{headline} / {}",
        sentences[0]
    );
}
