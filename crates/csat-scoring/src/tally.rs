//! The tally: integer counts of everything a report needs, built in one pass and mergeable.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use csat_model::{
    AnswerRef, NpsBand, NpsBands, QuestionKind, ResponseView, ScoreBasis, SurveyDefinition,
    check_answer_ref,
};
use rust_decimal::Decimal;

use crate::error::{Error, ErrorKind};
use crate::lowest::Lowest;
use crate::spec::TallySpec;

/// The counts of one question, indexed so that sums are derived from counts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum QuestionCounts {
    /// A rated item: respondents per level, indexed by position on the scale (lowest first).
    Rated(Vec<u64>),
    /// A recommendation question: respondents per answer 0..=10.
    Recommendation([u64; 11]),
    /// A single-choice question: respondents per option, in option order.
    SingleChoice(Vec<u64>),
    /// A multiple-choice question.
    MultipleChoice {
        /// Respondents choosing each option, in option order.
        options: Vec<u64>,
        /// Respondents who chose at least one option.
        respondents: u64,
    },
    /// An open-text question: how many gave a text.
    OpenText(u64),
}

impl QuestionCounts {
    /// How many answered the question.
    #[must_use]
    pub fn answered(&self) -> u64 {
        match self {
            Self::Rated(c) | Self::SingleChoice(c) => c.iter().sum(),
            Self::Recommendation(c) => c.iter().sum(),
            Self::MultipleChoice { respondents, .. } => *respondents,
            Self::OpenText(n) => *n,
        }
    }
}

/// The counts of one group of respondents: the whole sample or one segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    respondents: u64,
    scored: u64,
    satisfied: u64,
    questions: Vec<QuestionCounts>,
}

impl Counts {
    /// The counts of a flat group laid out by `plan`.
    fn from_flat(def: &SurveyDefinition, plan: &Plan, g: &[u64]) -> Self {
        let at = |i: usize| g.get(i).copied().unwrap_or(0);
        let block = |o: usize, n: usize| g.get(o..o + n).map(<[u64]>::to_vec).unwrap_or_default();
        let questions = def
            .questions()
            .iter()
            .zip(&plan.offsets)
            .map(|(q, &o)| match q.kind() {
                QuestionKind::Rated { scale } => QuestionCounts::Rated(block(o, scale.len())),
                QuestionKind::Recommendation => {
                    let mut c = [0; 11];
                    for (k, x) in c.iter_mut().enumerate() {
                        *x = at(o + k);
                    }
                    QuestionCounts::Recommendation(c)
                }
                QuestionKind::SingleChoice { options } => {
                    QuestionCounts::SingleChoice(block(o, options.len()))
                }
                QuestionKind::MultipleChoice { options } => QuestionCounts::MultipleChoice {
                    options: block(o, options.len()),
                    respondents: at(o + options.len()),
                },
                _ => QuestionCounts::OpenText(at(o)),
            })
            .collect();
        Self {
            respondents: at(0),
            scored: at(1),
            satisfied: at(2),
            questions,
        }
    }

    /// Respondents in the group, including those who left everything blank.
    #[must_use]
    pub fn respondents(&self) -> u64 {
        self.respondents
    }

    /// Respondents who answered at least one rated item (the satisfaction-rate base).
    #[must_use]
    pub fn scored(&self) -> u64 {
        self.scored
    }

    /// Scored respondents whose own score reached the satisfied threshold.
    #[must_use]
    pub fn satisfied(&self) -> u64 {
        self.satisfied
    }

    /// Counts per question, in the definition's question order.
    #[must_use]
    pub fn questions(&self) -> &[QuestionCounts] {
        &self.questions
    }
}

/// Counts per value of one attribute, plus the respondents who gave no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segmented {
    pub(crate) values: ValueCounts,
    pub(crate) missing: Counts,
}

/// Counts per attribute value, sorted by value (made from the tally's flat counters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ValueCounts {
    entries: Vec<(String, Counts)>,
}

impl<'a> IntoIterator for &'a ValueCounts {
    type Item = (&'a String, &'a Counts);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, Counts)>,
        fn(&'a (String, Counts)) -> (&'a String, &'a Counts),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, c)| (k, c))
    }
}

/// Counts per pair of values of two attributes, plus the respondents missing either value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PairSegmented {
    pub(crate) values: BTreeMap<String, BTreeMap<String, Counts>>,
    pub(crate) missing: Counts,
}

/// A respondent's own score, computed before anything is counted.
#[derive(Debug, PartialEq, Eq)]
struct Own {
    level_sum: u64,
    answered: u64,
    satisfied: bool,
}

/// A kept low scorer, ordered by own mean (exact rational), then respondent id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LowEntry {
    pub(crate) level_sum: u64,
    pub(crate) answered: u64,
    pub(crate) respondent: String,
    pub(crate) attributes: Vec<Option<String>>,
}

fn cmp_low<'a>(
    (sum_a, n_a, id_a, attrs_a): (u64, u64, &str, impl Iterator<Item = Option<&'a str>>),
    b: &LowEntry,
) -> Ordering {
    // sum_a / n_a vs sum_b / n_b with n > 0: cross-multiply in u128, which cannot overflow.
    (u128::from(sum_a) * u128::from(b.answered))
        .cmp(&(u128::from(b.level_sum) * u128::from(n_a)))
        .then_with(|| id_a.cmp(&b.respondent))
        .then_with(|| n_a.cmp(&b.answered))
        .then_with(|| cmp_attributes(attrs_a, &b.attributes))
}

/// Orders attribute values as `Vec<Option<String>>` does (lexicographically, `None` first,
/// shorter first), without owning the left-hand side.
fn cmp_attributes<'a>(
    mut a: impl Iterator<Item = Option<&'a str>>,
    b: &[Option<String>],
) -> Ordering {
    let mut b = b.iter().map(Option::as_deref);
    loop {
        match (a.next(), b.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match x.cmp(&y) {
                Ordering::Equal => {}
                other => return other,
            },
        }
    }
}

/// A view's attribute values, in order, as `Vec<Option<String>>` compares them.
fn view_attributes<V: ResponseView + ?Sized>(r: &V) -> impl Iterator<Item = Option<&str>> {
    (0..r.attribute_count()).map(|i| r.attribute(i))
}

fn owned_attributes<V: ResponseView + ?Sized>(r: &V) -> Vec<Option<String>> {
    view_attributes(r).map(|a| a.map(str::to_owned)).collect()
}

impl Ord for LowEntry {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_low(
            (
                self.level_sum,
                self.answered,
                &self.respondent,
                self.attributes.iter().map(Option::as_deref),
            ),
            other,
        )
    }
}

impl PartialOrd for LowEntry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A kept detractor, ordered by answer (lowest first), then respondent id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct DetractorEntry {
    pub(crate) answer: u8,
    pub(crate) respondent: String,
    pub(crate) attributes: Vec<Option<String>>,
}

/// The attribute positions of a spec's segments, and of its pairs.
type Grouping = (Vec<usize>, Vec<(usize, usize)>);

/// What the definition and spec resolve to, computed once per tally.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Plan {
    pub(crate) threshold: Decimal,
    pub(crate) basis: ScoreBasis,
    pub(crate) bands: NpsBands,
    /// Rated question positions.
    pub(crate) rated: Vec<usize>,
    /// Recommendation question positions.
    pub(crate) recommend: Vec<usize>,
    /// Per question: mapped value per scale position, if the mapping covers the scale.
    pub(crate) mapped: Vec<Option<Vec<Decimal>>>,
    /// The scale of the integer mapped points in [`Rule::Level`]: units of
    /// `10^-points_scale`, so that a respondent's points add up in `i128` instead of one
    /// `Decimal` addition per answer.
    points_scale: u32,
    /// Per question: how an answer is checked and turned into a count slot.
    rules: Vec<Rule>,
    /// Per question: where its block starts in a flat group (after respondents, scored,
    /// satisfied).
    offsets: Vec<usize>,
    /// Counters in a flat group.
    pub(crate) width: usize,
    /// The satisfied threshold as integers, for the common case.
    bar: IntegerBar,
    pub(crate) segment_attrs: Vec<usize>,
    pub(crate) pair_attrs: Vec<(usize, usize)>,
    /// Per question, the common answers as table lookups (see [`own_score_fast`]); `None` when
    /// the fast path cannot be proven exact for this plan (then every response takes the
    /// general path).
    steps: Option<Steps>,
}

/// How the fast path turns one answer that is not a rated item's into a flat counter index.
/// Anything it does not accept (an answer that does not fit, a kind it does not know) sends
/// the response to the general path, which finds the same counts or the error.
#[derive(Debug, PartialEq, Eq)]
enum Step {
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
struct LevelStep {
    question: usize,
    slots: Box<[LevelSlot]>,
}

/// One level value of a rated item in [`LevelStep`]: its counter, its mapped points, and
/// `ANSWERED + value`, so that one addition counts the answer and sums its level; and the
/// three in one word for [`read_answers`] (see [`Steps::pack`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LevelSlot {
    hit: u32,
    points: i64,
    level: u64,
    all: u64,
}

/// One rated answer in [`LevelSlot::all`]: the count in bits 48.., the level in bits 32..48,
/// the points above the plan's least (see [`Steps::pack`]) in bits 0..32.
const PACKED_ANSWER: u64 = 1 << 48;

/// One rated answer in a packed sum: the count in the high 32 bits, the level sum in the low
/// 32 bits (which cannot carry: [`Steps::plan`] allows fewer than 2^24 rated items).
const ANSWERED: u64 = 1 << 32;

/// A level value that is not on the scale.
const NO_HIT: u32 = u32::MAX;

/// The fast path's plan: the rated items, the other questions, and how many counter indices
/// a response can have (one per question, `NO_HIT` when unanswered, then the chosen options
/// of multiple-choice questions).
#[derive(Debug, PartialEq, Eq)]
struct Steps {
    questions: usize,
    levels: Vec<LevelStep>,
    others: Vec<(usize, Step)>,
    hits: usize,
    /// Whether the satisfied bar is on mapped points (else on the level sum).
    mapped: bool,
    /// Per number of rated answers `a`, the least level sum or mapped points (in units of
    /// `10^-points_scale`) that reaches the satisfied threshold `t`: `⌈t × a⌉` in those
    /// units, so that the comparison is one integer comparison.
    bar: Vec<i128>,
    /// What [`count_fused`] needs, if it may count a response: the rated answers pack
    /// ([`Steps::pack`]), every other question is a recommendation or a single choice, at
    /// most two segments, no pairs.
    fused: Option<Fused>,
}

/// The plan of [`count_fused`] beyond the rated items (whose [`LevelSlot::all`] it adds up).
#[derive(Debug, PartialEq, Eq)]
struct Fused {
    /// Recommendation questions: position, counter of answer 0.
    recommends: Vec<(usize, u32)>,
    /// Single-choice questions: position, counter of option 0, number of options.
    choices: Vec<(usize, u32, u16)>,
    /// Whether the satisfied bar is on the points (else on the level sum).
    mapped: bool,
    /// Per number of rated answers `a`, the least points above the least (`a` × the least
    /// points of any answer below the plan's `bar`), or the least level sum, that is
    /// satisfied: one comparison with a part of the packed sum. 0 when any is, `u64::MAX`
    /// when none is.
    bar: Vec<u64>,
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
    fn plan(
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

/// No slot: the question was not answered.
const BLANK: u16 = u16::MAX;

/// How one question's answer is checked and where it is counted.
#[derive(Debug, PartialEq, Eq)]
enum Rule {
    /// Scale position by level value (`BLANK` for values not on the scale): one lookup
    /// instead of a search per count.
    /// The mapped points of each position (empty if the mapping does not cover the scale)
    /// ride along, so that a respondent's score needs no second lookup.
    Level(Box<[u16; 256]>, Box<[i128]>, Box<[i64]>),
    Recommend,
    Choice(usize),
    /// Multiple choice with this many options: checked by `check_answer_ref`.
    Multiple(usize),
    /// Open text (and kinds added later): checked by `check_answer_ref`, counted once.
    Other,
}

impl Rule {
    fn of(kind: &QuestionKind, points: Option<&Vec<i128>>) -> Self {
        match kind {
            QuestionKind::Rated { scale } => {
                let mut table = Box::new([BLANK; 256]);
                for (p, l) in (0u16..).zip(scale.levels()) {
                    table[usize::from(l.value)] = p;
                }
                let wide: Vec<i128> = points.cloned().unwrap_or_default();
                // The same points in 64 bits when they fit (any real mapping), so that a
                // respondent's points add up in one register; empty if they do not.
                let narrow: Vec<i64> = wide
                    .iter()
                    .map(|&v| i64::try_from(v))
                    .collect::<Result<_, _>>()
                    .unwrap_or_default();
                Self::Level(table, wide.into(), narrow.into())
            }
            QuestionKind::Recommendation => Self::Recommend,
            QuestionKind::SingleChoice { options } => Self::Choice(options.len()),
            QuestionKind::MultipleChoice { options } => Self::Multiple(options.len()),
            _ => Self::Other,
        }
    }

    /// How many counters the question's block has in a flat group.
    fn width(&self) -> usize {
        match self {
            Self::Level(table, ..) => table.iter().filter(|&&p| p != BLANK).count(),
            Self::Recommend => 11,
            Self::Choice(n) => *n,
            Self::Multiple(n) => n + 1,
            Self::Other => 1,
        }
    }
}

impl Plan {
    fn new(def: &SurveyDefinition, spec: &TallySpec) -> Result<Self, Error> {
        let (threshold, basis) = spec.satisfied_override().unwrap_or((
            def.thresholds().satisfied_at,
            def.thresholds().satisfied_basis,
        ));
        let mapping = def.mapping();
        let mut mapped = Vec::with_capacity(def.questions().len());
        for q in def.questions() {
            let Some(scale) = q.scale() else {
                mapped.push(None);
                continue;
            };
            let values: Option<Vec<Decimal>> = scale
                .levels()
                .iter()
                .map(|l| mapping.value(l.value))
                .collect();
            if values.is_none() && basis == ScoreBasis::MappedMean {
                let level = scale
                    .levels()
                    .iter()
                    .find(|l| mapping.value(l.value).is_none())
                    .map_or(0, |l| l.value);
                return Err(ErrorKind::MappingMissingLevel {
                    question: q.id().to_owned(),
                    level,
                    needed_for: "the satisfaction rate on the mapped basis",
                }
                .into());
            }
            mapped.push(values);
        }
        let (segment_attrs, pair_attrs) = Self::grouping(def, spec)?;
        let (points, points_scale) = integer_points(&mapped)?;
        let rules: Vec<Rule> = def
            .questions()
            .iter()
            .zip(&points)
            .map(|(q, p)| Rule::of(q.kind(), p.as_ref()))
            .collect();
        let mut offsets = Vec::with_capacity(rules.len());
        let mut width = 3;
        for r in &rules {
            offsets.push(width);
            width += r.width();
        }
        let steps = Steps::plan(
            (&rules, &offsets, width),
            (threshold, basis),
            points_scale,
            segment_attrs.len() <= 2 && pair_attrs.is_empty(),
        );
        Ok(Self {
            steps,
            bar: IntegerBar::new(threshold, points_scale),
            threshold,
            basis,
            bands: def.thresholds().nps,
            points_scale,
            rated: def.rated_items().map(|(i, _)| i).collect(),
            recommend: def.recommendation_questions().map(|(i, _)| i).collect(),
            mapped,
            rules,
            offsets,
            width,
            segment_attrs,
            pair_attrs,
        })
    }

    /// The attribute positions of the spec's segments and pairs, checked.
    fn grouping(def: &SurveyDefinition, spec: &TallySpec) -> Result<Grouping, Error> {
        let attr = |context: &'static str, id: &str| -> Result<usize, Error> {
            def.attribute_index(id).ok_or_else(|| {
                ErrorKind::UnknownAttribute {
                    context,
                    attribute: id.to_owned(),
                }
                .into()
            })
        };
        let mut segment_attrs = Vec::new();
        for s in spec.segments() {
            let i = attr("tally spec segment", s)?;
            if segment_attrs.contains(&i) {
                return Err(ErrorKind::InvalidSpec {
                    problem: format!("segment {s:?} is listed twice"),
                }
                .into());
            }
            segment_attrs.push(i);
        }
        let mut pair_attrs = Vec::new();
        for (a, b) in spec.pairs() {
            let p = (attr("tally spec pair", a)?, attr("tally spec pair", b)?);
            if p.0 == p.1 {
                return Err(ErrorKind::InvalidSpec {
                    problem: format!("pair ({a:?}, {b:?}) pairs an attribute with itself"),
                }
                .into());
            }
            if pair_attrs.contains(&p) {
                return Err(ErrorKind::InvalidSpec {
                    problem: format!("pair ({a:?}, {b:?}) is listed twice"),
                }
                .into());
            }
            pair_attrs.push(p);
        }
        Ok((segment_attrs, pair_attrs))
    }
}

/// Integer counts of a stream of responses: everything [`Scores`](crate::Scores) needs, in
/// memory that does not grow with the number of respondents (only the capped low-scorer and
/// detractor lists hold respondents, and segments hold one sub-tally per distinct value).
///
/// Build one with [`Tally::new`] or [`Tally::with_spec`], feed it with [`Tally::add`], and
/// combine tallies of disjoint sets of responses with [`Tally::merge`]: merging is
/// associative and commutative, the empty tally is its identity, and
/// `merge(tally(A), tally(B))` equals `tally(A ++ B)`, so shards, threads and batches combine
/// without re-reading data, and no result depends on response order.
///
/// While adding, counts are kept in one flat array per group (the whole sample, each segment
/// value), so that each answer is one increment; [`Tally::counts`] and [`Scores`](crate::Scores)
/// read them as [`Counts`], assembled on the first read after a change.
///
/// Respondent ids are trusted to be unique: a tally keeps no set of ids (that would grow with
/// the sample). [`Wave::new`](csat_model::Wave::new) and `csat-ingest` check uniqueness.
///
/// # Example
///
/// ```
/// use csat_model::{Answer, Question, QuestionKind, Response, SurveyDefinition};
/// use csat_scoring::Tally;
///
/// let def = SurveyDefinition::builder("s", "t")
///     .question(Question::rated("q01", "态度", None)?)
///     .question(Question::new("nps", "推荐", QuestionKind::Recommendation)?)
///     .build()?;
/// let r1 = Response::builder(&def, "R1").answer("q01", Answer::Level(5))?.build()?;
/// let r2 = Response::builder(&def, "R2").answer("nps", Answer::Recommend(6))?.build()?;
///
/// let mut a = Tally::new(&def)?;
/// a.add(&r1)?;
/// let mut b = Tally::new(&def)?;
/// b.add(&r2)?;
/// let merged = a.merge(b)?;
///
/// let mut both = Tally::new(&def)?;
/// both.add(&r2)?;
/// both.add(&r1)?;
/// assert_eq!(merged, both);
/// assert_eq!(merged.respondents(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Tally {
    pub(crate) def: Arc<SurveyDefinition>,
    pub(crate) spec: TallySpec,
    pub(crate) plan: Arc<Plan>,
    /// The counts, one flat array per group (see [`Plan::width`]).
    groups: Groups,
    pub(crate) low: Lowest<LowEntry>,
    pub(crate) detractors: Vec<Lowest<DetractorEntry>>,
    /// Reused per response for the flat counter indices of its answers, so adding allocates
    /// nothing.
    scratch: Vec<u32>,
    /// The counts as [`Counts`], made from `groups` when first read after a change.
    view: OnceLock<View>,
}

/// Flat counters: per group `[respondents, scored, satisfied, question blocks...]`, each
/// question's block at [`Plan::offsets`]. Counting an answer is one indexed increment.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Groups {
    /// The whole sample, counted only when there is no segment (else empty): every
    /// respondent is in exactly one group of the first segment (a value's or the missing
    /// one), so the whole sample is their sum ([`Groups::whole`]), and each answer is counted
    /// into one group fewer.
    total: Vec<u64>,
    /// Per segment attribute: counters per value (sorted by value), and for no value.
    segments: Vec<(ByValue, Vec<u64>)>,
    /// Per attribute pair: counters per pair of values (sorted), and for either missing.
    pairs: Vec<(Keyed<ValuePair>, Vec<u64>)>,
}

/// The values of an attribute pair.
type ValuePair = (String, String);

/// Flat groups by key, sorted by key.
type Keyed<K> = Vec<(K, Vec<u64>)>;

/// Flat groups by attribute value, sorted by value, with a hash index beside them so that
/// finding a respondent's group costs one hash and one string comparison instead of a binary
/// search of string comparisons. The index only accelerates: equality, merging and reading
/// see the sorted groups alone.
#[derive(Debug, Clone, Default)]
struct ByValue {
    entries: Keyed<String>,
    index: ValueIndex,
}

impl PartialEq for ByValue {
    fn eq(&self, other: &Self) -> bool {
        // The index follows from the entries.
        self.entries == other.entries
    }
}

impl Eq for ByValue {}

impl ByValue {
    /// The flat counters of `value`, created (zeroed) on first use.
    #[inline]
    fn group(&mut self, value: &str, width: usize) -> &mut Vec<u64> {
        let i = match self.index.find(&self.entries, value) {
            Some(i) => i,
            None => self.insert(value, width),
        };
        &mut self.entries[i].1
    }

    /// The flat counters of `value`, if it has a group (and the index is on).
    #[expect(
        clippy::inline_always,
        reason = "measured: called out of line, the lookup costs a third more per response"
    )]
    #[inline(always)]
    fn find_mut(&mut self, value: &str) -> Option<&mut Vec<u64>> {
        let i = self.index.find(&self.entries, value)?;
        self.entries.get_mut(i).map(|(_, g)| g)
    }

    /// Where `value` is, adding it (zeroed) if new: the slow path of [`ByValue::group`].
    #[cold]
    fn insert(&mut self, value: &str, width: usize) -> usize {
        match self
            .entries
            .binary_search_by(|(k, _)| k.as_str().cmp(value))
        {
            // Present but not indexed: only when the index is off (see `ValueIndex::insert`).
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (value.to_owned(), vec![0; width]));
                self.index.insert(&self.entries, i);
                i
            }
        }
    }
}

/// Open addressing over the positions of sorted entries: slot `s` holds position + 1, 0 is
/// empty; at most half the slots are full, so every probe sequence meets an empty slot.
#[derive(Debug, Clone, Default)]
struct ValueIndex {
    slots: Vec<u32>,
    /// `64 - log2(slots.len())`: the hash's top bits pick the first slot.
    shift: u32,
}

impl ValueIndex {
    /// The position of `key` in `entries`, if indexed.
    #[expect(
        clippy::inline_always,
        reason = "measured: called out of line, the lookup costs a third more per response"
    )]
    #[inline(always)]
    fn find(&self, entries: &[(String, Vec<u64>)], key: &str) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = self.first_slot(key);
        loop {
            let position = usize::try_from(*self.slots.get(at)?).ok()?.checked_sub(1)?;
            if same_text(&entries.get(position)?.0, key) {
                return Some(position);
            }
            at = (at + 1) & mask;
        }
    }

    #[inline]
    fn first_slot(&self, key: &str) -> usize {
        // `shift` is below 64 (0 only for the empty table, where nothing is looked up).
        usize::try_from(value_hash(key) >> (self.shift & 63)).unwrap_or(0)
    }

    /// Records that `entries[at]` was just inserted (the entries after it moved up by one).
    fn insert(&mut self, entries: &[(String, Vec<u64>)], at: usize) {
        let Ok(at) = u32::try_from(at) else {
            // Too many values to index: finding falls back to the binary search.
            self.slots.clear();
            return;
        };
        let Some(needed) = entries.len().checked_mul(2) else {
            self.slots.clear();
            return;
        };
        if needed > self.slots.len() {
            self.rebuild(entries);
            return;
        }
        for s in &mut self.slots {
            if *s > at {
                *s += 1;
            }
        }
        self.place(entries, at);
    }

    /// Indexes every entry, in a table of at least four times as many slots.
    fn rebuild(&mut self, entries: &[(String, Vec<u64>)]) {
        let Some(size) = entries
            .len()
            .checked_mul(4)
            .and_then(usize::checked_next_power_of_two)
            .filter(|_| u32::try_from(entries.len()).is_ok())
        else {
            self.slots.clear();
            return;
        };
        self.slots = vec![0; size.max(8)];
        self.shift = 64 - self.slots.len().trailing_zeros();
        for p in (0u32..).take(entries.len()) {
            self.place(entries, p);
        }
    }

    /// Puts position `p` in the first empty slot of its probe sequence.
    fn place(&mut self, entries: &[(String, Vec<u64>)], p: u32) {
        let (Some(mask), Some((key, _))) = (
            self.slots.len().checked_sub(1),
            usize::try_from(p).ok().and_then(|i| entries.get(i)),
        ) else {
            return;
        };
        let mut at = self.first_slot(key);
        while let Some(s) = self.slots.get_mut(at) {
            if *s == 0 {
                *s = p + 1;
                return;
            }
            at = (at + 1) & mask;
        }
    }
}

/// `a == b`, with short strings compared in a few word loads rather than a `bcmp` call
/// (attribute values are mostly short). Overlapping loads cover every byte.
#[inline]
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let half = |c: &[u8]| <[u8; 4]>::try_from(c).map_or(0, u32::from_le_bytes);
    let word = |c: &[u8]| <[u8; 8]>::try_from(c).map_or(0, u64::from_le_bytes);
    match n {
        0 => true,
        1..4 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=8 => half(&a[..4]) == half(&b[..4]) && half(&a[n - 4..]) == half(&b[n - 4..]),
        9..=16 => word(&a[..8]) == word(&b[..8]) && word(&a[n - 8..]) == word(&b[n - 8..]),
        _ => a == b,
    }
}

/// A fast hash of a short string (`FxHash`'s multiply-rotate, reading the bytes in at most
/// a few words): only for finding slots, any hash would be correct.
#[inline(always)]
fn value_hash(key: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let b = key.as_bytes();
    let word = |c: &[u8]| <[u8; 8]>::try_from(c).map_or(0, u64::from_le_bytes);
    let half = |c: &[u8]| <[u8; 4]>::try_from(c).map_or(0, |w| u64::from(u32::from_le_bytes(w)));
    let mut h = mix(0, b.len() as u64);
    match b.len() {
        0 => {}
        1..4 => {
            let (first, mid, last) = (b[0], b[b.len() / 2], b[b.len() - 1]);
            h = mix(
                h,
                u64::from(first) | u64::from(mid) << 8 | u64::from(last) << 16,
            );
        }
        4..=8 => h = mix(h, half(&b[..4]) | half(&b[b.len() - 4..]) << 32),
        9..=16 => h = mix(mix(h, word(&b[..8])), word(&b[b.len() - 8..])),
        _ => h = long_value_hash(h, b),
    }
    // The multiply leaves the low bits poorly mixed; slots are chosen by the top bits.
    h
}

/// [`value_hash`] of a value longer than 16 bytes (rare for a segment), apart so that the
/// short cases inline.
#[cold]
#[inline(never)]
fn long_value_hash(mut h: u64, b: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let word = |c: &[u8]| <[u8; 8]>::try_from(c).map_or(0, u64::from_le_bytes);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, word(c));
    }
    if !chunks.remainder().is_empty() {
        h = mix(h, word(&b[b.len().saturating_sub(8)..]));
    }
    h
}

impl Groups {
    fn empty(plan: &Plan) -> Self {
        Self {
            total: if plan.segment_attrs.is_empty() {
                vec![0; plan.width]
            } else {
                Vec::new()
            },
            segments: plan
                .segment_attrs
                .iter()
                .map(|_| (ByValue::default(), vec![0; plan.width]))
                .collect(),
            pairs: plan
                .pair_attrs
                .iter()
                .map(|_| (Vec::new(), vec![0; plan.width]))
                .collect(),
        }
    }
}

impl Groups {
    /// The whole sample's counters (see [`Groups::total`]).
    fn whole(&self) -> Vec<u64> {
        match self.segments.first() {
            None => self.total.clone(),
            Some((values, missing)) => {
                let mut whole = missing.clone();
                for (_, g) in &values.entries {
                    add_into(&mut whole, g);
                }
                whole
            }
        }
    }

    /// Respondents in the whole sample.
    fn respondents(&self) -> u64 {
        let first = |g: &[u64]| g.first().copied().unwrap_or(0);
        match self.segments.first() {
            None => first(&self.total),
            Some((values, missing)) => {
                first(missing) + values.entries.iter().map(|(_, g)| first(g)).sum::<u64>()
            }
        }
    }

    /// Counts one respondent (own score `own`, counter indices `hits`) into the whole sample
    /// (through the first segment's groups, if any) and the groups of its segment values.
    fn count<V: ResponseView + ?Sized>(&mut self, plan: &Plan, r: &V, own: &Own, hits: &[u32]) {
        let width = plan.width;
        let total = &mut self.total;
        // Up to two segments (or the whole sample) in one pass over the hits; the rest (more
        // segments, pairs) one group per pass.
        let more = match (&mut self.segments[..], &plan.segment_attrs[..]) {
            ([a, b, more @ ..], [ai, bi, more_attrs @ ..]) => {
                let a = segment_group(a, r.attribute(*ai), width);
                let b = segment_group(b, r.attribute(*bi), width);
                count_into([a, b], own, hits);
                more.iter_mut().zip(more_attrs)
            }
            ([a, more @ ..], [ai, more_attrs @ ..]) => {
                let a = segment_group(a, r.attribute(*ai), width);
                count_into([a], own, hits);
                more.iter_mut().zip(more_attrs)
            }
            (more, more_attrs) => {
                count_into([total], own, hits);
                more.iter_mut().zip(more_attrs)
            }
        };
        for (segment, &ai) in more {
            count_into([segment_group(segment, r.attribute(ai), width)], own, hits);
        }
        for ((values, missing), &(ai, bi)) in self.pairs.iter_mut().zip(&plan.pair_attrs) {
            let group = match (r.attribute(ai), r.attribute(bi)) {
                (Some(a), Some(b)) => {
                    // Pairs are rarer than single segments: the key is built for the search.
                    let key = (a.to_owned(), b.to_owned());
                    let make = || key.clone();
                    group_of(values, &key, make, width)
                }
                _ => missing,
            };
            count_into([group], own, hits);
        }
    }
}

/// The counts in the shape the rest of the crate reads.
#[derive(Debug, Clone)]
pub(crate) struct View {
    pub(crate) total: Counts,
    pub(crate) segments: Vec<Segmented>,
    pub(crate) pairs: Vec<PairSegmented>,
}

impl PartialEq for Tally {
    fn eq(&self, other: &Self) -> bool {
        // The plan follows from the definition and spec.
        (Arc::ptr_eq(&self.def, &other.def) || self.def == other.def)
            && self.spec == other.spec
            && self.groups == other.groups
            && self.low == other.low
            && self.detractors == other.detractors
    }
}

/// The flat counters of `key`, created (zeroed) on first use; one binary search when present.
#[inline]
fn group_of<'g, K: Ord + ?Sized, O: std::borrow::Borrow<K>>(
    groups: &'g mut Vec<(O, Vec<u64>)>,
    key: &K,
    make: impl FnOnce() -> O,
    width: usize,
) -> &'g mut Vec<u64> {
    let i = match groups.binary_search_by(|(k, _)| k.borrow().cmp(key)) {
        Ok(i) => i,
        Err(i) => {
            groups.insert(i, (make(), vec![0; width]));
            i
        }
    };
    &mut groups[i].1
}

/// The flat counters of a segment's group for `value` (its missing group for no value).
#[inline]
fn segment_group<'g>(
    (values, missing): &'g mut (ByValue, Vec<u64>),
    value: Option<&str>,
    width: usize,
) -> &'g mut Vec<u64> {
    match value {
        Some(v) => values.group(v, width),
        None => missing,
    }
}

/// Counts one respondent into groups of flat counters: `hits` are the flat indices of its
/// answers. Several groups per pass, so that each index is read once; an index past the
/// shortest group (none is: groups are all `Plan::width` long and the plan's indices are
/// below it) is skipped, which the one comparison proves for every group.
#[inline]
fn count_into<const N: usize>(groups: [&mut Vec<u64>; N], own: &Own, hits: &[u32]) {
    let len = groups.iter().map(|g| g.len()).min().unwrap_or(0);
    let mut groups = groups.map(|g| &mut g[..len]);
    let scored = u64::from(own.answered > 0);
    let satisfied = u64::from(own.satisfied && own.answered > 0);
    for g in &mut groups {
        if let [respondents, s, sat, ..] = g {
            *respondents += 1;
            *s += scored;
            *sat += satisfied;
        }
    }
    for &k in hits {
        let k = k as usize;
        if k < len {
            for g in &mut groups {
                g[k] += 1;
            }
        }
    }
}

fn add_into(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

impl Eq for Tally {}

impl Tally {
    /// An empty tally of `def` with [`TallySpec::for_definition`].
    ///
    /// Fails with [`ErrorKind::MappingMissingLevel`] when the satisfied basis is the mapped
    /// mean and the value mapping does not cover some rated item's scale.
    pub fn new(def: &SurveyDefinition) -> Result<Self, Error> {
        Self::with_spec(def, TallySpec::for_definition(def))
    }

    /// An empty tally of `def` recording what `spec` asks for.
    ///
    /// Fails with [`ErrorKind::UnknownAttribute`] or [`ErrorKind::InvalidSpec`] for a bad
    /// segment, and as [`Tally::new`] does.
    pub fn with_spec(def: &SurveyDefinition, spec: TallySpec) -> Result<Self, Error> {
        let plan = Plan::new(def, &spec)?;
        let detractors = plan
            .recommend
            .iter()
            .map(|_| Lowest::new(spec.detractor_cap()))
            .collect();
        Ok(Self {
            def: Arc::new(def.clone()),
            groups: Groups::empty(&plan),
            low: Lowest::new(spec.low_scorer_count()),
            spec,
            plan: Arc::new(plan),
            detractors,
            scratch: Vec::new(),
            view: OnceLock::new(),
        })
    }

    /// An empty tally with the same definition and spec (the identity of [`Tally::merge`]).
    #[must_use]
    pub fn empty_like(&self) -> Self {
        Self {
            def: Arc::clone(&self.def),
            spec: self.spec.clone(),
            plan: Arc::clone(&self.plan),
            groups: Groups::empty(&self.plan),
            low: Lowest::new(self.spec.low_scorer_count()),
            detractors: self
                .detractors
                .iter()
                .map(|_| Lowest::new(self.spec.detractor_cap()))
                .collect(),
            scratch: Vec::new(),
            view: OnceLock::new(),
        }
    }

    /// The counts as [`Counts`] (made once after each change).
    pub(crate) fn view(&self) -> &View {
        self.view.get_or_init(|| {
            let def = self.def.as_ref();
            let plan = self.plan.as_ref();
            let counts = |g: &[u64]| Counts::from_flat(def, plan, g);
            View {
                total: counts(&self.groups.whole()),
                segments: self
                    .groups
                    .segments
                    .iter()
                    .map(|(values, missing)| Segmented {
                        values: ValueCounts {
                            entries: values
                                .entries
                                .iter()
                                .map(|(k, g)| (k.clone(), counts(g)))
                                .collect(),
                        },
                        missing: counts(missing),
                    })
                    .collect(),
                pairs: self
                    .groups
                    .pairs
                    .iter()
                    .map(|(values, missing)| {
                        let mut by_first: BTreeMap<String, BTreeMap<String, Counts>> =
                            BTreeMap::new();
                        for ((a, b), g) in values {
                            by_first
                                .entry(a.clone())
                                .or_default()
                                .insert(b.clone(), counts(g));
                        }
                        PairSegmented {
                            values: by_first,
                            missing: counts(missing),
                        }
                    })
                    .collect(),
            }
        })
    }

    /// The definition the tally counts answers of.
    #[must_use]
    pub fn definition(&self) -> &SurveyDefinition {
        &self.def
    }

    /// What the tally records.
    #[must_use]
    pub fn spec(&self) -> &TallySpec {
        &self.spec
    }

    /// The satisfied threshold and basis in force (the spec's override or the definition's).
    #[must_use]
    pub fn satisfied_threshold(&self) -> (Decimal, ScoreBasis) {
        (self.plan.threshold, self.plan.basis)
    }

    /// Respondents tallied, including blank ones.
    #[must_use]
    pub fn respondents(&self) -> u64 {
        self.groups.respondents()
    }

    /// The whole-sample counts.
    #[must_use]
    pub fn counts(&self) -> &Counts {
        &self.view().total
    }

    /// Counts one response: a [`Response`](csat_model::Response), or any other [`ResponseView`] such as the rows of
    /// `csat-ingest`'s parallel CSV reader. The response is checked against the tally's
    /// definition first and nothing is counted if it does not fit
    /// ([`ErrorKind::ResponseMismatch`]).
    pub fn add<V: ResponseView + ?Sized>(&mut self, r: &V) -> Result<(), Error> {
        // Borrow the fields apart rather than clone the shared plan per response: the Arc's
        // count would bounce between the cores of a parallel read.
        let Self {
            def,
            plan,
            groups,
            low,
            detractors,
            scratch: hits,
            view,
            ..
        } = self;
        let (def, plan) = (def.as_ref(), plan.as_ref());
        if view.get().is_some() {
            view.take();
        }
        let fused = match &plan.steps {
            Some(
                steps @ Steps {
                    fused: Some(fused), ..
                },
            ) => count_fused((steps, fused), def, plan, groups, r),
            _ => None,
        };
        let own = if let Some(own) = fused {
            own
        } else {
            Self::add_in_two_passes(def, plan, groups, hits, r)?
        };
        if own.answered > 0
            && low.admits(|largest| {
                // Most respondents lose on the mean alone: decide that inline.
                (u128::from(own.level_sum) * u128::from(largest.answered))
                    .cmp(&(u128::from(largest.level_sum) * u128::from(own.answered)))
                    .then_with(|| {
                        cmp_low(
                            (
                                own.level_sum,
                                own.answered,
                                r.respondent_id(),
                                view_attributes(r),
                            ),
                            largest,
                        )
                    })
            })
        {
            low.push(LowEntry {
                level_sum: own.level_sum,
                answered: own.answered,
                respondent: r.respondent_id().to_owned(),
                attributes: owned_attributes(r),
            });
        }
        for (list, &qi) in detractors.iter_mut().zip(&plan.recommend) {
            if list.keeps_any()
                && let Some(AnswerRef::Recommend(v)) = r.answer(qi)
                && plan.bands.band(v) == NpsBand::Detractor
                && list.admits(|largest| {
                    v.cmp(&largest.answer)
                        .then_with(|| r.respondent_id().cmp(&largest.respondent))
                        .then_with(|| cmp_attributes(view_attributes(r), &largest.attributes))
                })
            {
                list.push(DetractorEntry {
                    answer: v,
                    respondent: r.respondent_id().to_owned(),
                    attributes: owned_attributes(r),
                });
            }
        }
        Ok(())
    }

    /// Finds the own score and counter indices of `r` (by table lookups if it fits, else by
    /// [`Tally::own_score`], which reports a bad answer), then counts them: the path of
    /// responses [`count_fused`] does not take.
    #[inline(never)]
    fn add_in_two_passes<V: ResponseView + ?Sized>(
        def: &SurveyDefinition,
        plan: &Plan,
        groups: &mut Groups,
        hits: &mut Vec<u32>,
        r: &V,
    ) -> Result<Own, Error> {
        let fast = plan
            .steps
            .as_ref()
            .and_then(|steps| own_score_fast(steps, def, r, hits));
        let (own, used) = if let Some(found) = fast {
            found
        } else {
            let own = Self::own_score(def, plan, r, hits)?;
            (own, hits.len())
        };
        groups.count(plan, r, &own, hits.get(..used).unwrap_or_default());
        Ok(own)
    }

    /// Counts every response of `responses`, stopping at the first that does not fit.
    pub fn add_all<'r, V: ResponseView + ?Sized + 'r>(
        &mut self,
        responses: impl IntoIterator<Item = &'r V>,
    ) -> Result<(), Error> {
        for r in responses {
            self.add(r)?;
        }
        Ok(())
    }

    /// The tally of the union of two disjoint sets of responses.
    ///
    /// Fails with [`ErrorKind::DefinitionMismatch`] if the tallies have different definitions
    /// or specs.
    // By value so that merging reads as a fold: `a.merge(b)?.merge(c)?`.
    #[allow(clippy::needless_pass_by_value)]
    pub fn merge(mut self, other: Self) -> Result<Self, Error> {
        self.merge_from(&other)?;
        Ok(self)
    }

    /// Adds `other`'s counts to this tally (see [`Tally::merge`]).
    pub fn merge_from(&mut self, other: &Self) -> Result<(), Error> {
        if !(Arc::ptr_eq(&self.def, &other.def) || self.def == other.def) {
            return Err(ErrorKind::DefinitionMismatch {
                context: "merging tallies",
                problem: if self.def.id() == other.def.id() {
                    format!("two different definitions of survey {:?}", self.def.id())
                } else {
                    format!("survey {:?} vs survey {:?}", self.def.id(), other.def.id())
                },
            }
            .into());
        }
        if self.spec != other.spec {
            return Err(ErrorKind::DefinitionMismatch {
                context: "merging tallies",
                problem: "the tallies were made with different tally specs".to_owned(),
            }
            .into());
        }
        self.view.take();
        let width = self.plan.width;
        add_into(&mut self.groups.total, &other.groups.total);
        for ((values, missing), (b_values, b_missing)) in
            self.groups.segments.iter_mut().zip(&other.groups.segments)
        {
            add_into(missing, b_missing);
            for (v, g) in &b_values.entries {
                add_into(values.group(v, width), g);
            }
        }
        for ((values, missing), (b_values, b_missing)) in
            self.groups.pairs.iter_mut().zip(&other.groups.pairs)
        {
            add_into(missing, b_missing);
            for (k, g) in b_values {
                add_into(group_of(values, k, || k.clone(), width), g);
            }
        }
        self.low.merge_from(&other.low);
        for (a, b) in self.detractors.iter_mut().zip(&other.detractors) {
            a.merge_from(b);
        }
        Ok(())
    }

    /// Checks `r` against the definition and computes its own score and the count slot of
    /// each answer (into `slots`), counting nothing.
    #[cold]
    #[inline(never)]
    fn own_score<V: ResponseView + ?Sized>(
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

/// The own score and counter indices of `r` (into `hits`, how many of them) by table
/// lookups, for responses whose every answer fits: `None` for anything else (an answer that
/// does not fit, a count mismatch), and then the caller asks [`Tally::own_score`], which
/// finds the same result or the error. Mapped points add up in `i64` unchecked:
/// [`Steps::plan`] made the steps only if no respondent's points can overflow.
#[inline]
fn own_score_fast<V: ResponseView + ?Sized>(
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

/// Counts `r` straight into its (at most two) segment groups, or the whole sample if there
/// is no segment (see [`Groups::total`]), while
/// reading its answers once, for a plan whose steps allow it ([`Steps::fused`]): `None`, with
/// nothing counted, for a response that does not fit, a segment value without a group yet,
/// or anything else unusual; then the caller takes the two-pass path, which counts it or
/// reports the error.
#[inline(never)]
fn count_fused<V: ResponseView + ?Sized>(
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

/// The flat counters of a segment's group for `value` (its missing group for no value), if
/// the group exists: a new value is left to the two-pass path, so that no group is made for
/// a response that turns out not to fit.
#[inline]
fn existing_group<'g>(
    (values, missing): &'g mut (ByValue, Vec<u64>),
    value: Option<&str>,
) -> Option<&'g mut Vec<u64>> {
    match value {
        Some(v) => values.find_mut(v),
        None => Some(missing),
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
fn read_answers<V: ResponseView + ?Sized>(
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
#[inline]
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

/// The satisfied threshold `t` as an integer comparison: on the scale basis
/// `level_sum × 10^scale(t) >= mantissa(t) × answered`, on the mapped basis (points in units of
/// `10^-points_scale`) `points × 10^(s - points_scale) >= mantissa(t) × 10^(s - scale(t)) ×
/// answered` with `s` the larger scale. Exact, as the `Decimal` comparison it replaces; `None`
/// (then `Decimal` decides) if a product would overflow.
#[derive(Debug, PartialEq, Eq)]
struct IntegerBar {
    mantissa: i128,
    level_up: Option<i128>,
    points_up: Option<i128>,
    threshold_up: Option<i128>,
}

impl IntegerBar {
    fn new(threshold: Decimal, points_scale: u32) -> Self {
        let ts = threshold.scale();
        let s = ts.max(points_scale);
        Self {
            mantissa: threshold.mantissa(),
            level_up: 10i128.checked_pow(ts),
            points_up: 10i128.checked_pow(s - points_scale),
            threshold_up: 10i128.checked_pow(s - ts),
        }
    }

    #[inline]
    fn satisfied(
        &self,
        basis: ScoreBasis,
        level_sum: u64,
        points: i128,
        answered: u64,
    ) -> Option<bool> {
        let answered = i128::from(answered);
        if basis == ScoreBasis::ScaleMean {
            let lhs = i128::from(level_sum).checked_mul(self.level_up?)?;
            Some(lhs >= self.mantissa.checked_mul(answered)?)
        } else {
            let lhs = points.checked_mul(self.points_up?)?;
            let rhs = self
                .mantissa
                .checked_mul(self.threshold_up?)?
                .checked_mul(answered)?;
            Some(lhs >= rhs)
        }
    }
}

/// A flat counter index (groups are far smaller than 2^32 counters).
#[inline]
fn flat(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Per question, mapped values as integers (see `Plan::points`).
type IntegerPoints = Vec<Option<Vec<i128>>>;

/// Mapped values as integers in units of `10^-scale`, `scale` being the largest scale among
/// them.
fn integer_points(mapped: &[Option<Vec<Decimal>>]) -> Result<(IntegerPoints, u32), Error> {
    let points_scale = mapped
        .iter()
        .flatten()
        .flatten()
        .map(Decimal::scale)
        .max()
        .unwrap_or(0);
    let units = |v: &Decimal| -> Result<i128, Error> {
        10i128
            .checked_pow(points_scale - v.scale())
            .and_then(|f| v.mantissa().checked_mul(f))
            .ok_or_else(|| {
                ErrorKind::Overflow {
                    what: "the value mapping at a common scale",
                }
                .into()
            })
    };
    let points = mapped
        .iter()
        .map(|m| {
            m.as_ref()
                .map(|values| values.iter().map(units).collect::<Result<Vec<_>, _>>())
                .transpose()
        })
        .collect::<Result<_, _>>()?;
    Ok((points, points_scale))
}

#[cfg(test)]
mod tests {
    use super::*;
    use csat_model::{
        Answer, Attribute, ChoiceOption, Question, Response, Scale, Thresholds, ValueMapping,
    };
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    /// A view that hands out any answers, checked or not, as a foreign reader might.
    struct Raw {
        attributes: Vec<Option<String>>,
        answers: Vec<Option<Answer>>,
    }

    impl ResponseView for Raw {
        fn respondent_id(&self) -> &'static str {
            "R"
        }
        fn attribute_count(&self) -> usize {
            self.attributes.len()
        }
        fn attribute(&self, index: usize) -> Option<&str> {
            self.attributes.get(index)?.as_deref()
        }
        fn answer_count(&self) -> usize {
            self.answers.len()
        }
        fn answer(&self, index: usize) -> Option<AnswerRef<'_>> {
            self.answers.get(index)?.as_ref().map(Answer::as_ref)
        }
    }

    /// Rated 1..5, rated 1..3, recommendation, single choice (3), multiple choice (3), text.
    fn mixed(threshold: Decimal, mapping: ValueMapping) -> SurveyDefinition {
        let options = |n: u16| -> Vec<ChoiceOption> {
            (0..n)
                .map(|i| ChoiceOption::new(format!("o{i}"), format!("o{i}")))
                .collect()
        };
        let rated = |id: &str, top: u8| {
            Question::new(
                id,
                id,
                QuestionKind::Rated {
                    scale: Scale::numeric(1, top).unwrap(),
                },
            )
            .unwrap()
        };
        let mut t = Thresholds::default();
        t.satisfied_at = threshold;
        SurveyDefinition::builder("m", "m")
            .attribute(Attribute::new("a", "a"))
            .question(rated("q1", 5))
            .question(rated("q2", 3))
            .question(Question::new("nps", "nps", QuestionKind::Recommendation).unwrap())
            .question(
                Question::new(
                    "one",
                    "one",
                    QuestionKind::SingleChoice {
                        options: options(3),
                    },
                )
                .unwrap(),
            )
            .question(
                Question::new(
                    "many",
                    "many",
                    QuestionKind::MultipleChoice {
                        options: options(3),
                    },
                )
                .unwrap(),
            )
            .question(Question::new("text", "text", QuestionKind::OpenText).unwrap())
            .mapping(mapping)
            .thresholds(t)
            .build()
            .unwrap()
    }

    /// Answers of every kind, fitting or not, for any question.
    fn any_answer() -> impl Strategy<Value = Option<Answer>> {
        prop_oneof![
            Just(None),
            (0u8..=7).prop_map(|v| Some(Answer::Level(v))),
            (0u8..=12).prop_map(|v| Some(Answer::Recommend(v))),
            (0u16..=4).prop_map(|c| Some(Answer::Choice(c))),
            prop::collection::vec(0u16..=4, 0..=3).prop_map(|c| Some(Answer::Choices(c))),
            prop_oneof![Just(" "), Just("好")].prop_map(|t| Some(Answer::Text(t.to_owned()))),
        ]
    }

    /// Answers that fit the questions of [`mixed`], mostly.
    fn fitting() -> impl Strategy<Value = Vec<Option<Answer>>> {
        (
            prop::option::of(1u8..=5),
            prop::option::of(1u8..=3),
            prop::option::of(0u8..=10),
            prop::option::of(0u16..3),
            prop::option::of(prop::sample::subsequence(vec![0u16, 1, 2], 1..=3)),
            prop::option::of(Just("好".to_owned())),
        )
            .prop_map(|(a, b, c, d, e, f)| {
                vec![
                    a.map(Answer::Level),
                    b.map(Answer::Level),
                    c.map(Answer::Recommend),
                    d.map(Answer::Choice),
                    e.map(Answer::Choices),
                    f.map(Answer::Text),
                ]
            })
    }

    fn thresholds() -> impl Strategy<Value = (Decimal, ScoreBasis)> {
        (
            prop::sample::select(vec![
                dec!(0),
                dec!(-5),
                dec!(3),
                dec!(3.5),
                dec!(70),
                dec!(81.375),
                dec!(81.376),
                dec!(100.01),
            ]),
            prop::sample::select(vec![ScoreBasis::MappedMean, ScoreBasis::ScaleMean]),
        )
    }

    fn counted(hits: &[u32]) -> Vec<u32> {
        let mut h: Vec<u32> = hits.iter().copied().filter(|&k| k != NO_HIT).collect();
        h.sort_unstable();
        h
    }

    proptest! {
        /// The fast path agrees with the general one wherever it answers: same own score,
        /// same counters (in any order); and it answers for every response that fits.
        #[test]
        fn fast_path_agrees_with_the_general_path(
            answers in prop_oneof![prop::collection::vec(any_answer(), 6), fitting()],
            (threshold, basis) in thresholds(),
            decimal_mapping in any::<bool>(),
        ) {
            let mapping = if decimal_mapping {
                ValueMapping::new([
                    (5, dec!(100)),
                    (4, dec!(92.5)),
                    (3, dec!(70.25)),
                    (2, dec!(0)),
                    (1, dec!(-10.125)),
                ])
                .unwrap()
            } else {
                ValueMapping::default()
            };
            let def = mixed(dec!(70), mapping);
            let spec = TallySpec::new().satisfied_at(threshold, basis);
            let plan = Plan::new(&def, &spec).unwrap();
            let steps = plan.steps.as_ref().expect("the plan has a fast path");
            let r = Raw { attributes: vec![None], answers };
            let mut fast_hits = Vec::new();
            let mut slow_hits = Vec::new();
            let fast = own_score_fast(steps, &def, &r, &mut fast_hits);
            let slow = Tally::own_score(&def, &plan, &r, &mut slow_hits);
            match (fast, slow) {
                (Some((own, used)), Ok(expected)) => {
                    prop_assert_eq!(own, expected);
                    prop_assert_eq!(counted(&fast_hits[..used]), counted(&slow_hits));
                }
                (Some(found), Err(e)) => prop_assert!(false, "fast {found:?}, general {e}"),
                (None, Ok(own)) => prop_assert!(false, "only the general path took {own:?}"),
                (None, Err(_)) => {}
            }
        }
    }

    /// Rated 1..5, rated 1..3, recommendation, single choice (3); attributes a and b: a
    /// survey the one-pass path ([`count_fused`]) counts.
    fn fusable(mapping: ValueMapping) -> SurveyDefinition {
        let d = mixed(dec!(70), mapping);
        let mut b = SurveyDefinition::builder("f", "f")
            .attribute(Attribute::new("a", "a"))
            .attribute(Attribute::new("b", "b"));
        for q in &d.questions()[..4] {
            b = b.question(q.clone());
        }
        b.mapping(d.mapping().clone()).build().unwrap()
    }

    /// Attribute values: none, short, 4..8 bytes, 9..16 bytes, longer.
    fn any_value() -> impl Strategy<Value = Option<String>> {
        prop::option::of(
            prop::sample::select(vec!["x", "银行", "保险", "其他金融", "制造业与服务业之外"])
                .prop_map(str::to_owned),
        )
    }

    proptest! {
        /// Tallies counted on the one-pass path equal tallies counted on the two-pass path
        /// (the plan's `fused` switched off), after any sequence of responses that fit or
        /// not, with segment values new or seen before; and each response gets the same
        /// result on both.
        #[test]
        fn one_pass_path_agrees_with_the_two_pass_path(
            rows in prop::collection::vec(
                (
                    prop_oneof![prop::collection::vec(any_answer(), 4), fitting()],
                    any_value(),
                    any_value(),
                ),
                1..40,
            ),
            (threshold, basis) in thresholds(),
            segments in 0usize..=2,
            decimal_mapping in any::<bool>(),
        ) {
            let mapping = if decimal_mapping {
                ValueMapping::new([
                    (5, dec!(100)),
                    (4, dec!(92.5)),
                    (3, dec!(70.25)),
                    (2, dec!(0)),
                    (1, dec!(-10.125)),
                ])
                .unwrap()
            } else {
                ValueMapping::default()
            };
            let def = fusable(mapping);
            let mut spec = TallySpec::new().satisfied_at(threshold, basis).low_scorers(3);
            for a in ["a", "b"].iter().take(segments) {
                spec = spec.segment_by(*a);
            }
            let mut one = Tally::with_spec(&def, spec.clone()).unwrap();
            prop_assert!(one.plan.steps.as_ref().is_some_and(|s| s.fused.is_some()));
            let mut two = Tally::with_spec(&def, spec).unwrap();
            Arc::get_mut(&mut two.plan)
                .and_then(|p| p.steps.as_mut())
                .expect("a fresh plan with steps")
                .fused = None;
            for (answers, a, b) in rows {
                // Four answers for four questions (`fitting` makes six for `mixed`).
                let answers = answers.into_iter().take(4).collect();
                let r = Raw { attributes: vec![a, b], answers };
                let got = one.add(&r).map_err(|e| e.to_string());
                let expected = two.add(&r).map_err(|e| e.to_string());
                prop_assert_eq!(got, expected);
            }
            prop_assert_eq!(one.view().total.clone(), two.view().total.clone());
            prop_assert!(one == two);
        }
    }

    #[test]
    fn many_segment_values_are_found_and_kept_sorted() {
        // 500 values arriving in a scrambled order (i × 7919 mod 500 visits each once), each
        // value v answered by v mod 3 + 1 respondents: the index grows several times, and
        // insertions shift the indexed positions.
        let def = SurveyDefinition::builder("t", "t")
            .attribute(Attribute::new("company", "公司"))
            .question(Question::rated("q1", "一", None).unwrap())
            .build()
            .unwrap();
        let spec = TallySpec::new().segment_by("company");
        let mut even = Tally::with_spec(&def, spec.clone()).unwrap();
        let mut odd = Tally::with_spec(&def, spec).unwrap();
        let name = |v: usize| format!("公司{v}");
        let mut count = 0;
        for round in 0..3 {
            for i in 0..500usize {
                let value = i * 7919 % 500;
                if value % 3 < round {
                    continue;
                }
                count += 1;
                let r = Response::builder(&def, format!("R{count}"))
                    .attribute("company", name(value))
                    .unwrap()
                    .answer("q1", Answer::Level(5))
                    .unwrap()
                    .build()
                    .unwrap();
                // Alternate tallies, so that merging meets values both have and values one has.
                if count % 2 == 0 {
                    even.add(&r)
                } else {
                    odd.add(&r)
                }
                .unwrap();
            }
        }
        let merged = even.merge(odd).unwrap();
        let values = &merged.view().segments[0].values;
        let mut expected: Vec<(String, u64)> =
            (0..500).map(|v| (name(v), (v % 3 + 1) as u64)).collect();
        expected.sort();
        let got: Vec<(String, u64)> = values
            .into_iter()
            .map(|(k, c)| (k.clone(), c.respondents()))
            .collect();
        assert_eq!(got, expected);
        assert_eq!(
            merged.respondents(),
            expected.iter().map(|(_, c)| c).sum::<u64>()
        );
    }

    #[test]
    fn a_bad_answer_after_good_ones_counts_nothing() {
        // q1 fits, q2 is off the scale: the fast path gives up after q1, the general path
        // reports q2, and no counter moved (segments included).
        let d = def(None, dec!(70));
        let raw = Raw {
            attributes: vec![],
            answers: vec![Some(Answer::Level(5)), Some(Answer::Level(9))],
        };
        let mut t = Tally::new(&d).unwrap();
        let e = t.add(&raw).unwrap_err();
        assert_eq!(
            e.to_string(),
            "respondent \"R\": question \"q2\": 9 is outside the scale 1..5"
        );
        assert_eq!(t, Tally::new(&d).unwrap());
    }

    fn def(mapping: Option<ValueMapping>, threshold: Decimal) -> SurveyDefinition {
        let mut t = Thresholds::default();
        t.satisfied_at = threshold;
        let mut b = SurveyDefinition::builder("t", "t")
            .question(Question::rated("q1", "一", None).unwrap())
            .question(Question::rated("q2", "二", None).unwrap())
            .thresholds(t);
        if let Some(m) = mapping {
            b = b.mapping(m);
        }
        b.build().unwrap()
    }

    fn answers(def: &SurveyDefinition, id: &str, q1: u8, q2: u8) -> Response {
        Response::builder(def, id)
            .answer("q1", Answer::Level(q1))
            .unwrap()
            .answer("q2", Answer::Level(q2))
            .unwrap()
            .build()
            .unwrap()
    }

    #[test]
    fn decimal_mapping_is_compared_exactly() {
        // 4 -> 92.5, 3 -> 70.25: points 162.75 over 2 answers, own mean 81.375.
        // Satisfied at 81.375 (162.75 >= 81.375 × 2), not at 81.376 (162.75 < 162.752).
        let m = ValueMapping::new([
            (5, dec!(100)),
            (4, dec!(92.5)),
            (3, dec!(70.25)),
            (2, dec!(0)),
            (1, dec!(-10)),
        ])
        .unwrap();
        for (threshold, satisfied) in [(dec!(81.375), 1), (dec!(81.376), 0)] {
            let d = def(Some(m.clone()), threshold);
            let mut t = Tally::new(&d).unwrap();
            t.add(&answers(&d, "R1", 4, 3)).unwrap();
            assert_eq!(t.counts().scored(), 1);
            assert_eq!(t.counts().satisfied(), satisfied, "threshold {threshold}");
        }
    }

    #[test]
    fn counts_by_scale_position() {
        // 5 and 3 on the five-level scale: positions 4 and 2.
        let d = def(None, dec!(70));
        let mut t = Tally::new(&d).unwrap();
        t.add(&answers(&d, "R1", 5, 3)).unwrap();
        t.add(&answers(&d, "R2", 5, 1)).unwrap();
        assert_eq!(
            t.counts().questions()[0],
            QuestionCounts::Rated(vec![0, 0, 0, 0, 2])
        );
        assert_eq!(
            t.counts().questions()[1],
            QuestionCounts::Rated(vec![1, 0, 1, 0, 0])
        );
        assert_eq!(t.counts().questions()[1].answered(), 2);
        // Own mapped means: R1 (100 + 70) / 2 = 85 satisfied; R2 (100 − 10) / 2 = 45 not.
        assert_eq!((t.counts().scored(), t.counts().satisfied()), (2, 1));
    }

    #[test]
    fn answers_that_do_not_fit_are_refused_before_counting() {
        let d = def(None, dec!(70));
        let other = SurveyDefinition::builder("t", "t")
            .question(Question::new("q1", "一", QuestionKind::Recommendation).unwrap())
            .question(Question::rated("q2", "二", None).unwrap())
            .build()
            .unwrap();
        let r = Response::builder(&other, "R9")
            .answer("q1", Answer::Recommend(9))
            .unwrap()
            .answer("q2", Answer::Level(5))
            .unwrap()
            .build()
            .unwrap();
        let mut t = Tally::new(&d).unwrap();
        let e = t.add(&r).unwrap_err();
        assert_eq!(
            e.to_string(),
            "respondent \"R9\": question \"q1\": answer Recommend(9) does not fit a rated question"
        );
        assert_eq!(t.respondents(), 0);
        assert_eq!(t, Tally::new(&d).unwrap());
    }

    #[test]
    fn unmapped_scale_needs_the_scale_basis() {
        // A 1..7 item: the default mapping has no value for 6 and 7.
        let d = SurveyDefinition::builder("t", "t")
            .question(
                Question::new(
                    "q1",
                    "一",
                    QuestionKind::Rated {
                        scale: Scale::numeric(1, 7).unwrap(),
                    },
                )
                .unwrap(),
            )
            .build()
            .unwrap();
        let e = Tally::new(&d).unwrap_err();
        assert_eq!(
            e.kind(),
            &ErrorKind::MappingMissingLevel {
                question: "q1".into(),
                level: 6,
                needed_for: "the satisfaction rate on the mapped basis",
            }
        );
        let spec = TallySpec::new().satisfied_at(dec!(5), ScoreBasis::ScaleMean);
        let mut t = Tally::with_spec(&d, spec).unwrap();
        let r = Response::builder(&d, "R1")
            .answer("q1", Answer::Level(6))
            .unwrap()
            .build()
            .unwrap();
        t.add(&r).unwrap();
        assert_eq!(t.counts().satisfied(), 1); // 6 >= 5
    }
}
