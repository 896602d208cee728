//! The two-pass fast path: a response's own score and counter indices by table lookups.

use csat_model::{AnswerRef, ResponseView, SurveyDefinition, check_answer_ref};

#[cfg(doc)]
use super::Tally;
use super::low::Own;
use super::steps::{ANSWERED, LevelStep, NO_HIT, Step, Steps};

/// The own score and counter indices of `r` (into `hits`, how many of them) by table
/// lookups, for responses whose every answer fits: `None` for anything else (an answer that
/// does not fit, a count mismatch), and then the caller asks [`Tally::own_score`], which
/// finds the same result or the error. Mapped points add up in `i64` unchecked:
/// [`Steps::plan`] made the steps only if no respondent's points can overflow.
#[inline]
pub(super) fn own_score_fast<V: ResponseView + ?Sized>(
    steps: &Steps,
    def: &SurveyDefinition,
    r: &V,
    hits: &mut Vec<u32>,
) -> Option<(Own, usize)> {
    if r.answer_count() != steps.questions || r.attribute_count() != def.attributes().len() {
        return None;
    }
    if hits.len() < steps.hits {
        hits.resize(steps.hits, NO_HIT);
    }
    // Counter indices in any order: the rated items' first, then the others', then the
    // chosen options.
    let (level_hits, rest) = hits.split_at_mut(steps.levels.len());
    let (other_hits, chosen) = rest.split_at_mut(steps.others.len());
    let (level_sum, answered, points) = level_sums(&steps.levels, r, level_hits)?;
    let chosen = other_hits_of(&steps.others, def, r, other_hits, chosen)?;
    let score = if steps.mapped {
        i128::from(points)
    } else {
        i128::from(level_sum)
    };
    let satisfied = answered > 0 && score >= *steps.bar.get(usize::try_from(answered).ok()?)?;
    Some((
        Own {
            level_sum,
            answered,
            satisfied,
        },
        steps.questions + chosen,
    ))
}

/// The rated items of [`own_score_fast`]: level sum, rated answers and mapped points, and
/// each item's counter (`NO_HIT` when unanswered) into its place of `out`.
#[inline]
fn level_sums<V: ResponseView + ?Sized>(
    levels: &[LevelStep],
    r: &V,
    out: &mut [u32],
) -> Option<(u64, u64, i64)> {
    let mut packed = 0u64;
    let mut points = 0i64;
    for (step, out) in levels.iter().zip(out) {
        *out = match r.answer(step.question) {
            Some(AnswerRef::Level(v)) => {
                let slot = step.slots.get(usize::from(v))?;
                if slot.hit == NO_HIT {
                    return None;
                }
                packed += slot.level;
                points += slot.points;
                slot.hit
            }
            None => NO_HIT,
            Some(_) => return None,
        };
    }
    Some((packed & (ANSWERED - 1), packed >> 32, points))
}

/// The other questions of [`own_score_fast`]: each one's counter (`NO_HIT` when unanswered)
/// into its place of `out`, chosen options into `chosen`; how many chosen options.
#[inline]
fn other_hits_of<V: ResponseView + ?Sized>(
    others: &[(usize, Step)],
    def: &SurveyDefinition,
    r: &V,
    out: &mut [u32],
    chosen: &mut [u32],
) -> Option<usize> {
    let mut chosen_len = 0;
    for ((i, step), out) in others.iter().zip(out) {
        let i = *i;
        *out = match (step, r.answer(i)) {
            (_, None) => NO_HIT,
            (&Step::Recommend(base), Some(AnswerRef::Recommend(v))) if v <= 10 => {
                base + u32::from(v)
            }
            (&Step::Choice(base, options), Some(AnswerRef::Choice(c))) if c < options => {
                base + u32::from(c)
            }
            (Step::Multiple(..) | Step::Checked(_), Some(_)) => {
                checked_hit(step, def, i, r, chosen, &mut chosen_len)?
            }
            _ => return None,
        };
    }
    Some(chosen_len)
}

/// The counter of a multiple-choice or open-text answer (the chosen options' counters go
/// into `chosen` from `chosen_len` on), if `check_answer_ref` accepts it. Apart from the hot
/// loop, which then need not keep the answer in memory for the check.
#[inline(never)]
fn checked_hit<V: ResponseView + ?Sized>(
    step: &Step,
    def: &SurveyDefinition,
    i: usize,
    r: &V,
    chosen: &mut [u32],
    chosen_len: &mut usize,
) -> Option<u32> {
    let a = r.answer(i)?;
    check_answer_ref(def, i, a).ok()?;
    match *step {
        Step::Multiple(base, options) => {
            // The respondents counter after the options, then each chosen option (checked:
            // fewer than `options`, without repeats, so they fit in the plan's room).
            if let AnswerRef::Choices(set) = a {
                let room = chosen.get_mut(*chosen_len..)?.get_mut(..set.len())?;
                for (out, &o) in room.iter_mut().zip(set) {
                    *out = base + u32::from(o);
                }
                *chosen_len += set.len();
            }
            Some(base + options)
        }
        Step::Checked(hit) => Some(hit),
        _ => None,
    }
}
