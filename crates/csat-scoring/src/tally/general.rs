//! The general path: a response checked answer by answer, and its own score in checked
//! arithmetic.

use csat_model::{AnswerRef, ResponseView, ScoreBasis, SurveyDefinition, check_answer_ref};
use rust_decimal::Decimal;

use super::Tally;
use super::low::Own;
use super::plan::{BLANK, Plan, Rule, flat};
use crate::error::{Error, ErrorKind};

impl Tally {
    /// Checks `r` against the definition and computes its own score and the count slot of
    /// each answer (into `slots`), counting nothing.
    #[cold]
    #[inline(never)]
    pub(super) fn own_score<V: ResponseView + ?Sized>(
        def: &SurveyDefinition,
        plan: &Plan,
        r: &V,
        hits: &mut Vec<u32>,
    ) -> Result<Own, Error> {
        let mismatch = |problem: String| -> Error {
            ErrorKind::ResponseMismatch {
                respondent: r.respondent_id().to_owned(),
                problem,
            }
            .into()
        };
        if r.answer_count() != def.questions().len() {
            return Err(mismatch(format!(
                "{} answers for the {} questions of survey {:?}",
                r.answer_count(),
                def.questions().len(),
                def.id()
            )));
        }
        if r.attribute_count() != def.attributes().len() {
            return Err(mismatch(format!(
                "{} attribute values for the {} attributes of survey {:?}",
                r.attribute_count(),
                def.attributes().len(),
                def.id()
            )));
        }
        let mapped_basis = plan.basis == ScoreBasis::MappedMean;
        let mut level_sum = 0u64;
        let mut answered = 0u64;
        // Points add up in 64 bits; the 128-bit sum beside them is used only if a value did
        // not fit or the sum overflowed (`wide_points`).
        let mut points = 0i64;
        let mut points_wide = 0i128;
        let mut wide_points = false;
        let overflow = || {
            Error::from(ErrorKind::Overflow {
                what: "a respondent's mapped points",
            })
        };
        hits.clear();
        // One pass: check each answer, find its count slot, and add rated levels to the
        // respondent's own score.
        for (i, rule) in plan.rules.iter().enumerate() {
            let Some(a) = r.answer(i) else {
                continue;
            };
            let slot = match (rule, a) {
                (Rule::Level(table, wide, narrow), AnswerRef::Level(v))
                    if table[usize::from(v)] != BLANK =>
                {
                    let p = usize::from(table[usize::from(v)]);
                    level_sum += u64::from(v);
                    answered += 1;
                    if mapped_basis {
                        if !wide_points {
                            match narrow.get(p).map(|&v| points.checked_add(v)) {
                                Some(Some(sum)) => points = sum,
                                // Not covered by the mapping: no points, as `wide` is empty too.
                                None if wide.is_empty() => {}
                                _ => {
                                    wide_points = true;
                                    points_wide = i128::from(points);
                                }
                            }
                        }
                        if wide_points && let Some(&value) = wide.get(p) {
                            points_wide = points_wide.checked_add(value).ok_or_else(overflow)?;
                        }
                    }
                    Ok(table[usize::from(v)])
                }
                (Rule::Recommend, AnswerRef::Recommend(v)) if v <= 10 => Ok(u16::from(v)),
                (Rule::Choice(n), AnswerRef::Choice(c)) if usize::from(c) < *n => Ok(c),
                (Rule::Multiple(n), a) => check_answer_ref(def, i, a).map(|()| {
                    // The respondents slot after the options, then each chosen option.
                    if let AnswerRef::Choices(set) = a {
                        for &o in set {
                            hits.push(flat(plan.offsets[i] + usize::from(o)));
                        }
                    }
                    u16::try_from(*n).unwrap_or(u16::MAX)
                }),
                (Rule::Other, a) => check_answer_ref(def, i, a).map(|()| 0),
                (_, a) => Err(check_answer_ref(def, i, a)
                    .err()
                    .unwrap_or_else(|| format!("answer {a:?} does not fit"))),
            };
            let slot =
                slot.map_err(|p| mismatch(format!("question {:?}: {p}", def.questions()[i].id())))?;
            hits.push(flat(plan.offsets[i] + usize::from(slot)));
        }
        let points = if wide_points {
            points_wide
        } else {
            i128::from(points)
        };
        let satisfied = answered > 0
            && match plan.bar.satisfied(plan.basis, level_sum, points, answered) {
                Some(satisfied) => satisfied,
                None => satisfied_in_decimals(plan, level_sum, points, answered)?,
            };
        Ok(Own {
            level_sum,
            answered,
            satisfied,
        })
    }
}

/// Whether a respondent reaches the threshold, compared in `Decimal` (when the integer
/// comparison would overflow).
fn satisfied_in_decimals(
    plan: &Plan,
    level_sum: u64,
    points: i128,
    answered: u64,
) -> Result<bool, Error> {
    let bar = plan
        .threshold
        .checked_mul(Decimal::from(answered))
        .ok_or(ErrorKind::Overflow {
            what: "a respondent's satisfied threshold",
        })?;
    if plan.basis == ScoreBasis::ScaleMean {
        return Ok(Decimal::from(level_sum) >= bar);
    }
    let points = Decimal::try_from_i128_with_scale(points, plan.points_scale).map_err(|_| {
        Error::from(ErrorKind::Overflow {
            what: "a respondent's mapped points",
        })
    })?;
    Ok(points >= bar)
}
