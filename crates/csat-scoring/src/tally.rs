//! The tally: integer counts of everything a report needs, built in one pass and mergeable.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

use csat_model::{
    Answer, NpsBand, NpsBands, QuestionKind, Response, ScoreBasis, SurveyDefinition, check_answer,
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
    fn empty(kind: &QuestionKind) -> Self {
        match kind {
            QuestionKind::Rated { scale } => Self::Rated(vec![0; scale.len()]),
            QuestionKind::Recommendation => Self::Recommendation([0; 11]),
            QuestionKind::SingleChoice { options } => Self::SingleChoice(vec![0; options.len()]),
            QuestionKind::MultipleChoice { options } => Self::MultipleChoice {
                options: vec![0; options.len()],
                respondents: 0,
            },
            // Open text and any kind added to the model later: count answers only.
            _ => Self::OpenText(0),
        }
    }

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

    fn add(&mut self, kind: &QuestionKind, answer: &Answer) {
        match (self, kind, answer) {
            (Self::Rated(c), QuestionKind::Rated { scale }, Answer::Level(v)) => {
                if let Some(p) = scale.position(*v) {
                    c[p] += 1;
                }
            }
            (Self::Recommendation(c), _, Answer::Recommend(v)) => {
                if let Some(x) = c.get_mut(usize::from(*v)) {
                    *x += 1;
                }
            }
            (Self::SingleChoice(c), _, Answer::Choice(i)) => {
                if let Some(x) = c.get_mut(usize::from(*i)) {
                    *x += 1;
                }
            }
            (
                Self::MultipleChoice {
                    options,
                    respondents,
                },
                _,
                Answer::Choices(set),
            ) => {
                *respondents += 1;
                for i in set {
                    if let Some(x) = options.get_mut(usize::from(*i)) {
                        *x += 1;
                    }
                }
            }
            (Self::OpenText(n), _, _) => *n += 1,
            // `Tally::add` checked every answer against its question first.
            _ => {}
        }
    }

    fn merge_from(&mut self, other: &Self) {
        match (self, other) {
            (Self::Rated(a), Self::Rated(b)) | (Self::SingleChoice(a), Self::SingleChoice(b)) => {
                add_slices(a, b);
            }
            (Self::Recommendation(a), Self::Recommendation(b)) => add_slices(a, b),
            (
                Self::MultipleChoice {
                    options: a,
                    respondents: ra,
                },
                Self::MultipleChoice {
                    options: b,
                    respondents: rb,
                },
            ) => {
                add_slices(a, b);
                *ra += rb;
            }
            (Self::OpenText(a), Self::OpenText(b)) => *a += b,
            // Both sides come from the same definition (checked by `Tally::merge_from`).
            _ => {}
        }
    }
}

fn add_slices(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
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
    fn empty(def: &SurveyDefinition) -> Self {
        Self {
            respondents: 0,
            scored: 0,
            satisfied: 0,
            questions: def
                .questions()
                .iter()
                .map(|q| QuestionCounts::empty(q.kind()))
                .collect(),
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

    fn add(&mut self, def: &SurveyDefinition, r: &Response, own: &Own) {
        self.respondents += 1;
        if own.answered > 0 {
            self.scored += 1;
            if own.satisfied {
                self.satisfied += 1;
            }
        }
        for ((counts, q), a) in self
            .questions
            .iter_mut()
            .zip(def.questions())
            .zip(r.answers())
        {
            if let Some(a) = a {
                counts.add(q.kind(), a);
            }
        }
    }

    fn merge_from(&mut self, other: &Self) {
        self.respondents += other.respondents;
        self.scored += other.scored;
        self.satisfied += other.satisfied;
        for (a, b) in self.questions.iter_mut().zip(&other.questions) {
            a.merge_from(b);
        }
    }
}

/// Counts per value of one attribute, plus the respondents who gave no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segmented {
    pub(crate) values: BTreeMap<String, Counts>,
    pub(crate) missing: Counts,
}

/// Counts per pair of values of two attributes, plus the respondents missing either value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PairSegmented {
    pub(crate) values: BTreeMap<String, BTreeMap<String, Counts>>,
    pub(crate) missing: Counts,
}

/// A respondent's own score, computed before anything is counted.
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

fn cmp_low(
    (sum_a, n_a, id_a, attrs_a): (u64, u64, &str, &[Option<String>]),
    b: &LowEntry,
) -> Ordering {
    // sum_a / n_a vs sum_b / n_b with n > 0: cross-multiply in u128, which cannot overflow.
    (u128::from(sum_a) * u128::from(b.answered))
        .cmp(&(u128::from(b.level_sum) * u128::from(n_a)))
        .then_with(|| id_a.cmp(&b.respondent))
        .then_with(|| n_a.cmp(&b.answered))
        .then_with(|| attrs_a.cmp(&b.attributes))
}

impl Ord for LowEntry {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_low(
            (
                self.level_sum,
                self.answered,
                &self.respondent,
                &self.attributes,
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
    pub(crate) segment_attrs: Vec<usize>,
    pub(crate) pair_attrs: Vec<(usize, usize)>,
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
        Ok(Self {
            threshold,
            basis,
            bands: def.thresholds().nps,
            rated: def.rated_items().map(|(i, _)| i).collect(),
            recommend: def.recommendation_questions().map(|(i, _)| i).collect(),
            mapped,
            segment_attrs,
            pair_attrs,
        })
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
    pub(crate) total: Counts,
    pub(crate) segments: Vec<Segmented>,
    pub(crate) pairs: Vec<PairSegmented>,
    pub(crate) low: Lowest<LowEntry>,
    pub(crate) detractors: Vec<Lowest<DetractorEntry>>,
}

impl PartialEq for Tally {
    fn eq(&self, other: &Self) -> bool {
        // The plan follows from the definition and spec.
        (Arc::ptr_eq(&self.def, &other.def) || self.def == other.def)
            && self.spec == other.spec
            && self.total == other.total
            && self.segments == other.segments
            && self.pairs == other.pairs
            && self.low == other.low
            && self.detractors == other.detractors
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
        let segments = plan
            .segment_attrs
            .iter()
            .map(|_| Segmented {
                values: BTreeMap::new(),
                missing: Counts::empty(def),
            })
            .collect();
        let pairs = plan
            .pair_attrs
            .iter()
            .map(|_| PairSegmented {
                values: BTreeMap::new(),
                missing: Counts::empty(def),
            })
            .collect();
        let detractors = plan
            .recommend
            .iter()
            .map(|_| Lowest::new(spec.detractor_cap()))
            .collect();
        Ok(Self {
            def: Arc::new(def.clone()),
            total: Counts::empty(def),
            low: Lowest::new(spec.low_scorer_count()),
            spec,
            plan: Arc::new(plan),
            segments,
            pairs,
            detractors,
        })
    }

    /// An empty tally with the same definition and spec (the identity of [`Tally::merge`]).
    #[must_use]
    pub fn empty_like(&self) -> Self {
        let def = &self.def;
        Self {
            def: Arc::clone(def),
            spec: self.spec.clone(),
            plan: Arc::clone(&self.plan),
            total: Counts::empty(def),
            segments: self
                .segments
                .iter()
                .map(|_| Segmented {
                    values: BTreeMap::new(),
                    missing: Counts::empty(def),
                })
                .collect(),
            pairs: self
                .pairs
                .iter()
                .map(|_| PairSegmented {
                    values: BTreeMap::new(),
                    missing: Counts::empty(def),
                })
                .collect(),
            low: Lowest::new(self.spec.low_scorer_count()),
            detractors: self
                .detractors
                .iter()
                .map(|_| Lowest::new(self.spec.detractor_cap()))
                .collect(),
        }
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
        self.total.respondents
    }

    /// The whole-sample counts.
    #[must_use]
    pub fn counts(&self) -> &Counts {
        &self.total
    }

    /// Counts one response. The response is checked against the tally's definition first and
    /// nothing is counted if it does not fit ([`ErrorKind::ResponseMismatch`]).
    pub fn add(&mut self, r: &Response) -> Result<(), Error> {
        let own = self.own_score(r)?;
        let def = Arc::clone(&self.def);
        let def = def.as_ref();
        self.total.add(def, r, &own);
        for (seg, &ai) in self.segments.iter_mut().zip(&self.plan.segment_attrs) {
            let counts = match r.attribute(ai) {
                Some(v) => slot(&mut seg.values, v, || Counts::empty(def)),
                None => &mut seg.missing,
            };
            counts.add(def, r, &own);
        }
        for (seg, &(ai, bi)) in self.pairs.iter_mut().zip(&self.plan.pair_attrs) {
            let counts = match (r.attribute(ai), r.attribute(bi)) {
                (Some(a), Some(b)) => {
                    let inner = slot(&mut seg.values, a, BTreeMap::new);
                    slot(inner, b, || Counts::empty(def))
                }
                _ => &mut seg.missing,
            };
            counts.add(def, r, &own);
        }
        if own.answered > 0 {
            let key = (
                own.level_sum,
                own.answered,
                r.respondent_id(),
                r.attributes(),
            );
            if self.low.admits(|largest| cmp_low(key, largest)) {
                self.low.push(LowEntry {
                    level_sum: own.level_sum,
                    answered: own.answered,
                    respondent: r.respondent_id().to_owned(),
                    attributes: r.attributes().to_vec(),
                });
            }
        }
        for (list, &qi) in self.detractors.iter_mut().zip(&self.plan.recommend) {
            if let Some(Answer::Recommend(v)) = r.answer(qi)
                && self.plan.bands.band(*v) == NpsBand::Detractor
            {
                let candidate = DetractorEntry {
                    answer: *v,
                    respondent: r.respondent_id().to_owned(),
                    attributes: r.attributes().to_vec(),
                };
                if list.admits(|largest| candidate.cmp(largest)) {
                    list.push(candidate);
                }
            }
        }
        Ok(())
    }

    /// Counts every response of `responses`, stopping at the first that does not fit.
    pub fn add_all<'r>(
        &mut self,
        responses: impl IntoIterator<Item = &'r Response>,
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
        let def = Arc::clone(&self.def);
        let def = def.as_ref();
        self.total.merge_from(&other.total);
        for (a, b) in self.segments.iter_mut().zip(&other.segments) {
            a.missing.merge_from(&b.missing);
            for (v, c) in &b.values {
                slot(&mut a.values, v, || Counts::empty(def)).merge_from(c);
            }
        }
        for (a, b) in self.pairs.iter_mut().zip(&other.pairs) {
            a.missing.merge_from(&b.missing);
            for (v1, inner) in &b.values {
                let target = slot(&mut a.values, v1, BTreeMap::new);
                for (v2, c) in inner {
                    slot(target, v2, || Counts::empty(def)).merge_from(c);
                }
            }
        }
        self.low.merge_from(&other.low);
        for (a, b) in self.detractors.iter_mut().zip(&other.detractors) {
            a.merge_from(b);
        }
        Ok(())
    }

    /// Checks `r` against the definition and computes its own score, counting nothing.
    fn own_score(&self, r: &Response) -> Result<Own, Error> {
        let def = self.def.as_ref();
        let mismatch = |problem: String| -> Error {
            ErrorKind::ResponseMismatch {
                respondent: r.respondent_id().to_owned(),
                problem,
            }
            .into()
        };
        if r.answers().len() != def.questions().len() {
            return Err(mismatch(format!(
                "{} answers for the {} questions of survey {:?}",
                r.answers().len(),
                def.questions().len(),
                def.id()
            )));
        }
        if r.attributes().len() != def.attributes().len() {
            return Err(mismatch(format!(
                "{} attribute values for the {} attributes of survey {:?}",
                r.attributes().len(),
                def.attributes().len(),
                def.id()
            )));
        }
        for (i, a) in r.answers().iter().enumerate() {
            if let Some(a) = a {
                check_answer(def, i, a).map_err(|p| {
                    mismatch(format!("question {:?}: {p}", def.questions()[i].id()))
                })?;
            }
        }
        let plan = &self.plan;
        let mut level_sum = 0u64;
        let mut answered = 0u64;
        let mut points = Decimal::ZERO;
        for &i in &plan.rated {
            let (Some(Answer::Level(v)), Some(scale)) = (r.answer(i), def.questions()[i].scale())
            else {
                continue;
            };
            level_sum += u64::from(*v);
            answered += 1;
            if plan.basis == ScoreBasis::MappedMean
                && let (Some(p), Some(values)) = (scale.position(*v), &plan.mapped[i])
            {
                points = points.checked_add(values[p]).ok_or_else(|| {
                    Error::from(ErrorKind::Overflow {
                        what: "a respondent's mapped points",
                    })
                })?;
            }
        }
        let satisfied = if answered == 0 {
            false
        } else {
            let bar =
                plan.threshold
                    .checked_mul(Decimal::from(answered))
                    .ok_or(ErrorKind::Overflow {
                        what: "a respondent's satisfied threshold",
                    })?;
            match plan.basis {
                ScoreBasis::ScaleMean => Decimal::from(level_sum) >= bar,
                _ => points >= bar,
            }
        };
        Ok(Own {
            level_sum,
            answered,
            satisfied,
        })
    }
}

/// The value under `key`, created on first use; the key is only allocated then, as most
/// lookups find an existing segment.
fn slot<'m, V>(map: &'m mut BTreeMap<String, V>, key: &str, make: impl FnOnce() -> V) -> &'m mut V {
    if !map.contains_key(key) {
        map.insert(key.to_owned(), make());
    }
    map.get_mut(key)
        .unwrap_or_else(|| unreachable!("the key was inserted just above"))
}
