//! Phase `Voting`: the Security Council votes on each draft on the agenda: the actors with a seat
//! that month, then the members no actor plays as they lean. Resolutions are adopted here and
//! nowhere else.

use bevy_ecs::prelude::*;

use super::{codes, controllers};
use crate::agents::Lookahead;
use crate::sim::log::{Decider, Entry, TurnLog};
use crate::sim::random::Draws;
use crate::sim::rules::{self, Spread, Vote};
use crate::sim::state::GameState;
use crate::sim::turn::{
    ActorSlot, Agenda, Controller, Directives, GameSettings, Quiet, ScenarioResource,
};

/// Phase 5. The Council votes on each draft; a veto or too few yes votes fails it.
pub fn vote_resolutions(
    scenario: Res<ScenarioResource>,
    settings: Res<GameSettings>,
    directives: Res<Directives>,
    mut state: ResMut<GameState>,
    agenda: Res<Agenda>,
    mut log: ResMut<TurnLog>,
    actors: Query<(&ActorSlot, &Controller)>,
    quiet: Option<Res<Quiet>>,
    mut look: Local<Lookahead>,
) {
    let scenario = &scenario.0;
    let Some(council) = &scenario.council else {
        return;
    };
    let explain = quiet.is_none();
    let controllers = controllers(&actors);
    let turn = state.turn;
    for (draft, text, drafter) in &agenda.drafts {
        let definition = &scenario.drafts[*draft];
        let mut votes = Vec::new();
        for (member, actor) in scenario.actors.iter().enumerate() {
            if !actor.seat.sits(turn) {
                continue;
            }
            let (vote, decided, why) = match directives.votes.get(&(*draft, member)) {
                Some(vote) => (
                    vote.on_seat(actor.permanent_member()),
                    Decider::Player,
                    None,
                ),
                None if controllers[member] == Controller::Human => {
                    (Vote::Abstain, Decider::Player, None)
                }
                None => {
                    let mut draws = Draws::keyed(
                        settings.seed_for(turn),
                        turn,
                        Some(member),
                        "vote:",
                        &definition.id,
                    );
                    let mut reasons = Vec::new();
                    let vote = look.vote(
                        scenario,
                        &state,
                        *draft,
                        *text,
                        *drafter,
                        member,
                        &mut draws,
                        explain.then_some(&mut reasons),
                    );
                    (vote, Decider::Ai, log.keep_reasons(reasons))
                }
            };
            votes.push((member, vote));
            log.entries.push(Entry::Voted {
                draft: definition.id.clone(),
                actor: actor.code.clone(),
                vote,
                decided,
                why,
            });
        }
        let tally = rules::tally(council, *draft, turn, &votes);
        let vetoed_by: Vec<usize> = votes
            .iter()
            .filter(|(_, v)| *v == Vote::Veto)
            .map(|(m, _)| *m)
            .collect();
        let others: Vec<(String, Vote)> = council
            .members
            .iter()
            .filter_map(|member| {
                rules::member_vote(member, *draft, turn, &votes)
                    .map(|vote| (member.name.clone(), vote))
            })
            .collect();
        let adopted = rules::passes(council, tally);
        let unanimous = tally.unanimous;
        let yes = tally.yes;
        if adopted {
            let voters: Vec<usize> = if unanimous {
                votes.iter().map(|(m, _)| *m).collect()
            } else {
                Vec::new()
            };
            let mut draws = Draws::keyed(
                settings.seed_for(turn),
                turn,
                Some(*drafter),
                "resolution:",
                &definition.id,
            );
            rules::adopt_resolution(
                scenario,
                &mut state,
                *draft,
                *text,
                *drafter,
                &voters,
                &mut Spread::Drawn(&mut draws),
            );
        }
        state.draft_voted_at_mut()[*draft] = Some(turn);
        log.entries.push(Entry::CouncilResult {
            draft: definition.id.clone(),
            text: definition.texts[*text].0.clone(),
            adopted,
            yes,
            needed: council.votes_needed,
            vetoed_by: codes(scenario, &vetoed_by)
                .into_iter()
                .chain(
                    others
                        .iter()
                        .filter(|(_, vote)| *vote == Vote::Veto)
                        .map(|(name, _)| name.clone()),
                )
                .collect(),
            unanimous: adopted && unanimous,
            others,
        });
    }
    state.clamp(scenario);
}
