//! The tally: integer counts of everything a report needs, built in one pass and mergeable.

mod by_value;
mod fast;
mod fused;
mod general;
mod groups;
mod low;
mod plan;
mod steps;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use csat_model::{AnswerRef, NpsBand, QuestionKind, ResponseView, ScoreBasis, SurveyDefinition};
use rust_decimal::Decimal;

use crate::error::{Error, ErrorKind};
use crate::lowest::Lowest;
use crate::spec::TallySpec;

use fast::own_score_fast;
use fused::count_fused;
use groups::{Groups, add_into, group_of};
pub(crate) use low::{DetractorEntry, LowEntry};
use low::{Own, cmp_attributes, cmp_low, owned_attributes, view_attributes};
pub(crate) use plan::Plan;
use steps::Steps;

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
}
