//! What a tally keeps besides the whole-sample counts: segments, list sizes, the satisfied
//! threshold.

use csat_model::{ScoreBasis, SurveyDefinition};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How many low scorers a tally keeps unless told otherwise.
pub const DEFAULT_LOW_SCORERS: usize = 10;

/// How many detractors (per recommendation question) a tally keeps unless told otherwise.
pub const DEFAULT_DETRACTORS: usize = 100;

/// What a [`Tally`](crate::Tally) records besides the whole-sample counts.
///
/// - the attributes, and pairs of attributes, to cut results by (segments);
/// - how many low scorers and detractors to keep (the only lists, so the only memory that
///   would otherwise grow with the number of respondents);
/// - the satisfied threshold and basis, if they should differ from the definition's
///   [`Thresholds`](csat_model::Thresholds): whether a respondent is satisfied is decided as
///   they are tallied, since only counts are kept.
///
/// [`TallySpec::for_definition`] (what [`Tally::new`](crate::Tally::new) uses) segments by
/// every attribute with a closed list of values; open attributes such as company names are
/// segmented by only on request, as each distinct value costs a sub-tally.
///
/// # Example
///
/// ```
/// use csat_scoring::TallySpec;
///
/// let spec = TallySpec::new()
///     .segment_by("industry")
///     .segment_by("region")
///     .segment_pair("region", "industry")
///     .low_scorers(20)
///     .detractors(50);
/// assert_eq!(spec.segments(), ["industry", "region"]);
/// assert_eq!(spec.low_scorer_count(), 20);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallySpec {
    segments: Vec<String>,
    pairs: Vec<(String, String)>,
    low_scorers: usize,
    detractors: usize,
    #[serde(with = "rust_decimal::serde::str_option")]
    satisfied_at: Option<Decimal>,
    satisfied_basis: Option<ScoreBasis>,
}

impl Default for TallySpec {
    fn default() -> Self {
        Self::new()
    }
}

impl TallySpec {
    /// No segments, [`DEFAULT_LOW_SCORERS`] low scorers, [`DEFAULT_DETRACTORS`] detractors,
    /// the definition's satisfied threshold.
    #[must_use]
    pub fn new() -> Self {
        Self {
            segments: Vec::new(),
            pairs: Vec::new(),
            low_scorers: DEFAULT_LOW_SCORERS,
            detractors: DEFAULT_DETRACTORS,
            satisfied_at: None,
            satisfied_basis: None,
        }
    }

    /// [`TallySpec::new`] plus a segment for every attribute of `def` that has a closed list
    /// of values, in declaration order.
    #[must_use]
    pub fn for_definition(def: &SurveyDefinition) -> Self {
        let mut spec = Self::new();
        spec.segments = def
            .attributes()
            .iter()
            .filter(|a| a.values.is_some())
            .map(|a| a.id.clone())
            .collect();
        spec
    }

    /// Also cut results by `attribute`.
    #[must_use]
    pub fn segment_by(mut self, attribute: impl Into<String>) -> Self {
        self.segments.push(attribute.into());
        self
    }

    /// Also cut results by the pair (`first`, `second`), e.g. industry × region.
    #[must_use]
    pub fn segment_pair(mut self, first: impl Into<String>, second: impl Into<String>) -> Self {
        self.pairs.push((first.into(), second.into()));
        self
    }

    /// Keep the `k` respondents with the lowest own mean (0 keeps none).
    #[must_use]
    pub fn low_scorers(mut self, k: usize) -> Self {
        self.low_scorers = k;
        self
    }

    /// Keep at most `cap` detractors per recommendation question (0 keeps none; the counts
    /// are kept regardless).
    #[must_use]
    pub fn detractors(mut self, cap: usize) -> Self {
        self.detractors = cap;
        self
    }

    /// Count a respondent as satisfied when their own score on `basis` reaches `threshold`,
    /// instead of the definition's thresholds.
    #[must_use]
    pub fn satisfied_at(mut self, threshold: Decimal, basis: ScoreBasis) -> Self {
        self.satisfied_at = Some(threshold);
        self.satisfied_basis = Some(basis);
        self
    }

    /// Attributes to segment by.
    #[must_use]
    pub fn segments(&self) -> &[String] {
        &self.segments
    }

    /// Attribute pairs to segment by.
    #[must_use]
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// How many low scorers are kept.
    #[must_use]
    pub fn low_scorer_count(&self) -> usize {
        self.low_scorers
    }

    /// How many detractors per recommendation question are kept.
    #[must_use]
    pub fn detractor_cap(&self) -> usize {
        self.detractors
    }

    /// The satisfied threshold override, if any.
    #[must_use]
    pub fn satisfied_override(&self) -> Option<(Decimal, ScoreBasis)> {
        self.satisfied_at.zip(self.satisfied_basis)
    }
}
