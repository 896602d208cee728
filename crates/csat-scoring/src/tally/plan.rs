//! The plan: what a definition and spec resolve to, once per tally.

use csat_model::{NpsBands, QuestionKind, ScoreBasis, SurveyDefinition};
use rust_decimal::Decimal;

#[cfg(doc)]
use super::fast::own_score_fast;
use super::steps::Steps;
use crate::error::{Error, ErrorKind};
use crate::spec::TallySpec;

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
    pub(super) points_scale: u32,
    /// Per question: how an answer is checked and turned into a count slot.
    pub(super) rules: Vec<Rule>,
    /// Per question: where its block starts in a flat group (after respondents, scored,
    /// satisfied).
    pub(super) offsets: Vec<usize>,
    /// Counters in a flat group.
    pub(crate) width: usize,
    /// The satisfied threshold as integers, for the common case.
    pub(super) bar: IntegerBar,
    pub(crate) segment_attrs: Vec<usize>,
    pub(crate) pair_attrs: Vec<(usize, usize)>,
    /// Per question, the common answers as table lookups (see [`own_score_fast`]); `None` when
    /// the fast path cannot be proven exact for this plan (then every response takes the
    /// general path).
    pub(super) steps: Option<Steps>,
}

/// No slot: the question was not answered.
pub(super) const BLANK: u16 = u16::MAX;

/// How one question's answer is checked and where it is counted.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Rule {
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
    pub(super) fn new(def: &SurveyDefinition, spec: &TallySpec) -> Result<Self, Error> {
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

/// The satisfied threshold `t` as an integer comparison: on the scale basis
/// `level_sum × 10^scale(t) >= mantissa(t) × answered`, on the mapped basis (points in units of
/// `10^-points_scale`) `points × 10^(s - points_scale) >= mantissa(t) × 10^(s - scale(t)) ×
/// answered` with `s` the larger scale. Exact, as the `Decimal` comparison it replaces; `None`
/// (then `Decimal` decides) if a product would overflow.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct IntegerBar {
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
    pub(super) fn satisfied(
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
pub(super) fn flat(i: usize) -> u32 {
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
