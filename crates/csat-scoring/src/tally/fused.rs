//! The one-pass path: a response counted straight into its groups while its answers are read.

use csat_model::{AnswerRef, ResponseView, SurveyDefinition};

use super::groups::{Groups, existing_group};
use super::low::Own;
use super::plan::Plan;
use super::steps::{ANSWERED, Fused, PACKED_ANSWER, Steps};

/// Counts `r` straight into its (at most two) segment groups, or the whole sample if there
/// is no segment (see [`Groups::total`]), while
/// reading its answers once, for a plan whose steps allow it ([`Steps::fused`]): `None`, with
/// nothing counted, for a response that does not fit, a segment value without a group yet,
/// or anything else unusual; then the caller takes the two-pass path, which counts it or
/// reports the error.
#[inline(never)]
pub(super) fn count_fused<V: ResponseView + ?Sized>(
    (steps, fused): (&Steps, &Fused),
    def: &SurveyDefinition,
    plan: &Plan,
    groups: &mut Groups,
    r: &V,
) -> Option<Own> {
    if r.answer_count() != steps.questions || r.attribute_count() != def.attributes().len() {
        return None;
    }
    let Groups {
        total, segments, ..
    } = groups;
    // Each group sliced to the common length (`Plan::width`, which every counter index of
    // the plan is below and `NO_HIT` is not), in locals of the closure rather than in an
    // array, so that one comparison proves every increment in bounds.
    match (&mut segments[..], &plan.segment_attrs[..]) {
        ([], []) => {
            let len = total.len();
            let t = &mut total[..len];
            let read = read_answers((steps, fused), r, len, |k| t[k] += 1);
            settle([t], (steps, fused), (r, len), read)
        }
        ([a], [ai]) => {
            let a = existing_group(a, r.attribute(*ai))?;
            let len = a.len();
            let a = &mut a[..len];
            let read = read_answers((steps, fused), r, len, |k| a[k] += 1);
            settle([a], (steps, fused), (r, len), read)
        }
        ([a, b], [ai, bi]) => {
            let a = existing_group(a, r.attribute(*ai))?;
            let b = existing_group(b, r.attribute(*bi))?;
            let len = a.len().min(b.len());
            let (a, b) = (&mut a[..len], &mut b[..len]);
            let read = read_answers((steps, fused), r, len, |k| {
                a[k] += 1;
                b[k] += 1;
            });
            settle([a, b], (steps, fused), (r, len), read)
        }
        _ => None,
    }
}

/// The answer loop of [`count_fused`]: each answer's counter index goes to `count` as soon
/// as the answer is read, if below `len` (every index of the plan is; `NO_HIT` is not).
#[expect(
    clippy::inline_always,
    reason = "measured: out of line, `len` and the groups live in memory and every \
              increment is checked again"
)]
#[inline(always)]
pub(super) fn read_answers<V: ResponseView + ?Sized>(
    (steps, fused): (&Steps, &Fused),
    r: &V,
    len: usize,
    mut count: impl FnMut(usize),
) -> Option<u64> {
    let mut packed = 0u64;
    for step in &steps.levels {
        match r.answer(step.question) {
            None => {}
            Some(AnswerRef::Level(v)) => {
                let slot = step.slots.get(usize::from(v))?;
                let hit = slot.hit as usize;
                if hit >= len {
                    return None;
                }
                packed += slot.all;
                count(hit);
            }
            Some(_) => return None,
        }
    }
    for &(i, base) in &fused.recommends {
        match recommend_hit(r.answer(i), base) {
            Ok(None) => {}
            Ok(Some(hit)) if hit < len => count(hit),
            _ => return None,
        }
    }
    for &(i, base, options) in &fused.choices {
        match choice_hit(r.answer(i), base, options) {
            Ok(None) => {}
            Ok(Some(hit)) if hit < len => count(hit),
            _ => return None,
        }
    }
    Some(packed)
}

/// The end of [`count_fused`]: the respondent counters of `groups` and the own score when
/// every answer fitted; else the counts of the answers read before the one that did not are
/// taken back ([`uncount_answers`]) and `None`.
#[expect(
    clippy::inline_always,
    reason = "measured: since tally.rs was split into modules, `#[inline]` leaves it out of \
              line and adding a response costs 8% more"
)]
#[inline(always)]
fn settle<V: ResponseView + ?Sized, const N: usize>(
    mut groups: [&mut [u64]; N],
    (steps, fused): (&Steps, &Fused),
    (r, len): (&V, usize),
    read: Option<u64>,
) -> Option<Own> {
    let Some(packed) = read else {
        return uncount_answers(groups, (steps, fused), r, len);
    };
    let answered = packed / PACKED_ANSWER;
    let level_sum = packed / ANSWERED % (PACKED_ANSWER / ANSWERED);
    let score = if fused.mapped {
        packed % ANSWERED
    } else {
        level_sum
    };
    let satisfied = answered > 0
        && match usize::try_from(answered)
            .ok()
            .and_then(|a| fused.bar.get(a))
        {
            Some(&bar) => score >= bar,
            // Not reached: the bar has an entry per possible count of rated answers.
            None => return uncount_answers(groups, (steps, fused), r, len),
        };
    let (scored, satisfied_count) = (u64::from(answered > 0), u64::from(satisfied));
    for g in &mut groups {
        if let [respondents, s, sat, ..] = g {
            *respondents += 1;
            *s += scored;
            *sat += satisfied_count;
        }
    }
    Some(Own {
        level_sum,
        answered,
        satisfied,
    })
}

/// The counter of a recommendation answer in [`count_fused`] (`base`: the counter of 0):
/// `Ok(None)` when unanswered, `Err(())` when it does not fit.
#[inline]
fn recommend_hit(answer: Option<AnswerRef<'_>>, base: u32) -> Result<Option<usize>, ()> {
    match answer {
        None => Ok(None),
        Some(AnswerRef::Recommend(v)) if v <= 10 => Ok(Some(base as usize + usize::from(v))),
        Some(_) => Err(()),
    }
}

/// The counter of a single-choice answer in [`count_fused`] (`base`: the counter of option
/// 0): `Ok(None)` when unanswered, `Err(())` when it does not fit.
#[inline]
fn choice_hit(answer: Option<AnswerRef<'_>>, base: u32, options: u16) -> Result<Option<usize>, ()> {
    match answer {
        None => Ok(None),
        Some(AnswerRef::Choice(c)) if c < options => Ok(Some(base as usize + usize::from(c))),
        Some(_) => Err(()),
    }
}

/// Takes back what [`read_answers`] counted: it reads the answers again, in the same order
/// (a view is read access: it answers the same each time), and takes back the count of
/// each up to the first that does not fit, where [`read_answers`] stopped (or all, if they
/// all fit). Always `None`.
#[cold]
#[inline(never)]
fn uncount_answers<V: ResponseView + ?Sized, const N: usize>(
    mut groups: [&mut [u64]; N],
    (steps, fused): (&Steps, &Fused),
    r: &V,
    len: usize,
) -> Option<Own> {
    let mut take_back = |hit: usize| {
        for g in &mut groups {
            if let Some(c) = g.get_mut(hit) {
                *c -= 1;
            }
        }
    };
    for step in &steps.levels {
        match r.answer(step.question) {
            None => {}
            Some(AnswerRef::Level(v)) => match step.slots.get(usize::from(v)) {
                Some(slot) if (slot.hit as usize) < len => take_back(slot.hit as usize),
                _ => return None,
            },
            Some(_) => return None,
        }
    }
    for &(i, base) in &fused.recommends {
        match recommend_hit(r.answer(i), base) {
            Ok(None) => {}
            Ok(Some(hit)) if hit < len => take_back(hit),
            _ => return None,
        }
    }
    for &(i, base, options) in &fused.choices {
        match choice_hit(r.answer(i), base, options) {
            Ok(None) => {}
            Ok(Some(hit)) if hit < len => take_back(hit),
            _ => return None,
        }
    }
    None
}
