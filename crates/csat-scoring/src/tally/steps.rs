//! The fast paths' plan: each answer as a table lookup, and the packed sums of the one-pass
//! path.

use csat_model::ScoreBasis;
use rust_decimal::Decimal;

#[cfg(doc)]
use super::fused::{count_fused, read_answers};
use super::plan::{BLANK, Rule};

/// How the fast path turns one answer that is not a rated item's into a flat counter index.
/// Anything it does not accept (an answer that does not fit, a kind it does not know) sends
/// the response to the general path, which finds the same counts or the error.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// A recommendation question: the counter of answer 0.
    Recommend(u32),
    /// A single-choice question: the counter of option 0, and the number of options.
    Choice(u32, u16),
    /// A multiple-choice question, checked by `check_answer_ref`: the counter of option 0, and
    /// the number of options (the respondents counter follows the options).
    Multiple(u32, u32),
    /// Open text and kinds added later, checked by `check_answer_ref`: their one counter.
    Checked(u32),
}

/// A rated item in the fast path: per level value, its counter (`NO_HIT` off the scale) and
/// its mapped points (0 when the mapping does not cover the scale: then the basis is the
/// scale mean and points are not read).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct LevelStep {
    pub(super) question: usize,
    pub(super) slots: Box<[LevelSlot]>,
}

/// One level value of a rated item in [`LevelStep`]: its counter, its mapped points, and
/// `ANSWERED + value`, so that one addition counts the answer and sums its level; and the
/// three in one word for [`read_answers`] (see [`Steps::pack`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LevelSlot {
    pub(super) hit: u32,
    pub(super) points: i64,
    pub(super) level: u64,
    pub(super) all: u64,
}

/// One rated answer in [`LevelSlot::all`]: the count in bits 48.., the level in bits 32..48,
/// the points above the plan's least (see [`Steps::pack`]) in bits 0..32.
pub(super) const PACKED_ANSWER: u64 = 1 << 48;

/// One rated answer in a packed sum: the count in the high 32 bits, the level sum in the low
/// 32 bits (which cannot carry: [`Steps::plan`] allows fewer than 2^24 rated items).
pub(super) const ANSWERED: u64 = 1 << 32;

/// A level value that is not on the scale.
pub(super) const NO_HIT: u32 = u32::MAX;

/// The fast path's plan: the rated items, the other questions, and how many counter indices
/// a response can have (one per question, `NO_HIT` when unanswered, then the chosen options
/// of multiple-choice questions).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Steps {
    pub(super) questions: usize,
    pub(super) levels: Vec<LevelStep>,
    pub(super) others: Vec<(usize, Step)>,
    pub(super) hits: usize,
    /// Whether the satisfied bar is on mapped points (else on the level sum).
    pub(super) mapped: bool,
    /// Per number of rated answers `a`, the least level sum or mapped points (in units of
    /// `10^-points_scale`) that reaches the satisfied threshold `t`: `⌈t × a⌉` in those
    /// units, so that the comparison is one integer comparison.
    pub(super) bar: Vec<i128>,
    /// What [`count_fused`] needs, if it may count a response: the rated answers pack
    /// ([`Steps::pack`]), every other question is a recommendation or a single choice, at
    /// most two segments, no pairs.
    pub(super) fused: Option<Fused>,
}

/// The plan of [`count_fused`] beyond the rated items (whose [`LevelSlot::all`] it adds up).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Fused {
    /// Recommendation questions: position, counter of answer 0.
    pub(super) recommends: Vec<(usize, u32)>,
    /// Single-choice questions: position, counter of option 0, number of options.
    pub(super) choices: Vec<(usize, u32, u16)>,
    /// Whether the satisfied bar is on the points (else on the level sum).
    pub(super) mapped: bool,
    /// Per number of rated answers `a`, the least points above the least (`a` × the least
    /// points of any answer below the plan's `bar`), or the least level sum, that is
    /// satisfied: one comparison with a part of the packed sum. 0 when any is, `u64::MAX`
    /// when none is.
    pub(super) bar: Vec<u64>,
}

impl Fused {
    fn plan(others: &[(usize, Step)], mapped: bool, bar: &[i128], least: i64) -> Option<Self> {
        let mut recommends = Vec::new();
        let mut choices = Vec::new();
        for &(i, ref step) in others {
            match *step {
                Step::Recommend(base) => recommends.push((i, base)),
                Step::Choice(base, options) => choices.push((i, base, options)),
                Step::Multiple(..) | Step::Checked(_) => return None,
            }
        }
        let bar = (0i128..)
            .zip(bar)
            .map(|(a, &b)| {
                let above = if mapped {
                    b.checked_sub(a.checked_mul(i128::from(least))?)?
                } else {
                    b
                };
                Some(u64::try_from(above.max(0)).unwrap_or(u64::MAX))
            })
            .collect::<Option<_>>()?;
        Some(Self {
            recommends,
            choices,
            mapped,
            bar,
        })
    }
}

impl Steps {
    /// The steps of a plan, or `None` if some counter index does not fit in `u32`, the
    /// mapped points of a respondent could overflow `i64`, or a bar overflows `i128` (then
    /// the general path, which checks every addition, is used).
    /// `few_groups`: whether a response is counted into at most three groups (the whole
    /// sample and two segments), as [`count_fused`] needs.
    pub(super) fn plan(
        (rules, offsets, width): (&[Rule], &[usize], usize),
        (threshold, basis): (Decimal, ScoreBasis),
        points_scale: u32,
        few_groups: bool,
    ) -> Option<Self> {
        let index = |i: usize| u32::try_from(i).ok().filter(|&k| k != NO_HIT);
        index(width)?;
        // The largest |points| a respondent can reach: one answer per rated item.
        let mut reach: i64 = 0;
        let mut levels = Vec::new();
        let mut others = Vec::new();
        let mut hits = rules.len();
        for (question, (rule, &o)) in rules.iter().zip(offsets).enumerate() {
            let step = match rule {
                Rule::Level(table, wide, narrow) => {
                    if narrow.len() != wide.len() {
                        return None;
                    }
                    let top = table.iter().rposition(|&p| p != BLANK).map_or(0, |v| v + 1);
                    let mut slots = vec![
                        LevelSlot {
                            hit: NO_HIT,
                            points: 0,
                            level: 0,
                            all: 0,
                        };
                        top
                    ];
                    let mut largest: i64 = 0;
                    for ((slot, &p), value) in slots.iter_mut().zip(table.iter()).zip(0u64..) {
                        if p == BLANK {
                            continue;
                        }
                        let points = narrow.get(usize::from(p)).copied().unwrap_or(0);
                        largest = largest.max(points.checked_abs()?);
                        *slot = LevelSlot {
                            hit: index(o + usize::from(p))?,
                            points,
                            level: ANSWERED + value,
                            all: 0,
                        };
                    }
                    reach = reach.checked_add(largest)?;
                    levels.push(LevelStep {
                        question,
                        slots: slots.into(),
                    });
                    continue;
                }
                Rule::Recommend => Step::Recommend(index(o)?),
                Rule::Choice(n) => Step::Choice(index(o)?, u16::try_from(*n).ok()?),
                Rule::Multiple(n) => {
                    hits = hits.checked_add(*n)?;
                    Step::Multiple(index(o)?, index(*n)?)
                }
                Rule::Other => Step::Checked(index(o)?),
            };
            others.push((question, step));
        }
        if levels.len() >= 1 << 24 {
            return None;
        }
        let mapped = basis == ScoreBasis::MappedMean;
        // ⌈t × a⌉ in units of 10^-unit_scale, t = mantissa × 10^-scale(t).
        let unit_scale = if mapped { points_scale } else { 0 };
        let ts = threshold.scale();
        let bar = (0..=levels.len())
            .map(|a| {
                let t_a = threshold.mantissa().checked_mul(i128::try_from(a).ok()?)?;
                if unit_scale >= ts {
                    t_a.checked_mul(10i128.checked_pow(unit_scale - ts)?)
                } else {
                    let d = 10i128.checked_pow(ts - unit_scale)?;
                    Some(t_a.div_euclid(d) + i128::from(t_a.rem_euclid(d) != 0))
                }
            })
            .collect::<Option<Vec<i128>>>()?;
        let fused = Self::pack(&mut levels)
            .filter(|_| few_groups)
            .and_then(|least| Fused::plan(&others, mapped, &bar, least));
        Some(Self {
            questions: rules.len(),
            levels,
            others,
            hits,
            mapped,
            bar,
            fused,
        })
    }

    /// Fills [`LevelSlot::all`] and gives the least points `m` of any rated answer, if a
    /// respondent's sums fit in one word: the count and level sum in 16 bits each (at most
    /// 257 rated items: 255 × 257 < 2^16), and the points minus `m` per answer in 32 bits
    /// (their largest sum is checked). Then one addition per answer sums all three, and the
    /// points are the sum plus `m` × count.
    fn pack(levels: &mut [LevelStep]) -> Option<i64> {
        if levels.len() > 257 {
            return None;
        }
        let answers = |l: &LevelStep| -> Vec<LevelSlot> {
            l.slots
                .iter()
                .filter(|s| s.hit != NO_HIT)
                .copied()
                .collect()
        };
        let least = levels
            .iter()
            .flat_map(answers)
            .map(|s| s.points)
            .min()
            .unwrap_or(0);
        let above = |s: &LevelSlot| i128::from(s.points) - i128::from(least);
        let reach: i128 = levels
            .iter()
            .map(|l| answers(l).iter().map(above).max().unwrap_or(0))
            .sum();
        if reach >= 1 << 32 {
            return None;
        }
        for slot in levels.iter_mut().flat_map(|l| l.slots.iter_mut()) {
            if slot.hit != NO_HIT {
                let level = slot.level & (ANSWERED - 1);
                slot.all = PACKED_ANSWER | level << 32 | u64::try_from(above(slot)).ok()?;
            }
        }
        Some(least)
    }
}
