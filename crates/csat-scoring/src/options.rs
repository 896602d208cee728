//! Choices the caller makes when scoring a tally.

use std::collections::BTreeMap;

use csat_model::WaveInfo;
use serde::{Deserialize, Serialize};

/// What to do when the weights table does not sum to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WeightSumPolicy {
    /// Fail with [`ErrorKind::WeightsDoNotSumTo100`](crate::ErrorKind::WeightsDoNotSumTo100)
    /// (the default: a table that does not add up is usually a typo).
    #[default]
    Reject,
    /// Divide every weight by the sum, so only the weights' proportions matter.
    Renormalise,
}

/// The base of the NPS: who the shares are taken over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NpsBase {
    /// Those who answered the recommendation question (the default).
    #[default]
    Answered,
    /// A stated number of returned questionnaires, e.g. 2020's 106 while the three bands add
    /// up to 105 (REFERENCE-2021). It must not be below the number who answered. Applies to
    /// the whole sample; segments always use those who answered.
    Stated(u64),
}

/// What items are ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RankBasis {
    /// The mean on the item's own scale (the default, as in the annual report).
    #[default]
    ScaleMean,
    /// The mean of mapped values.
    MappedMean,
}

/// Questionnaires sent (invitations) and returned, for the response rate, overall and per
/// segment value.
///
/// # Example
///
/// ```
/// use csat_scoring::Invitations;
///
/// let inv = Invitations::new(356).with_segment("region", "东区", 120);
/// assert_eq!(inv.sent(), 356);
/// assert_eq!(inv.segment_sent("region", "东区"), Some(120));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitations {
    sent: u64,
    returned: Option<u64>,
    by_segment: BTreeMap<String, BTreeMap<String, u64>>,
}

impl Invitations {
    /// `sent` questionnaires; returned defaults to the respondents tallied.
    #[must_use]
    pub fn new(sent: u64) -> Self {
        Self {
            sent,
            returned: None,
            by_segment: BTreeMap::new(),
        }
    }

    /// The wave's sent and (if stated) returned numbers; `None` if the wave does not say how
    /// many were sent.
    #[must_use]
    pub fn from_wave(info: &WaveInfo) -> Option<Self> {
        let mut inv = Self::new(info.sent()?);
        inv.returned = info.returned();
        Some(inv)
    }

    /// States the number returned, where it differs from the responses tallied.
    #[must_use]
    pub fn with_returned(mut self, returned: u64) -> Self {
        self.returned = Some(returned);
        self
    }

    /// States how many questionnaires went to respondents with `attribute = value`; the
    /// returned count of that segment is the tally's.
    #[must_use]
    pub fn with_segment(
        mut self,
        attribute: impl Into<String>,
        value: impl Into<String>,
        sent: u64,
    ) -> Self {
        self.by_segment
            .entry(attribute.into())
            .or_default()
            .insert(value.into(), sent);
        self
    }

    /// Questionnaires sent.
    #[must_use]
    pub fn sent(&self) -> u64 {
        self.sent
    }

    /// Questionnaires returned, if stated.
    #[must_use]
    pub fn returned(&self) -> Option<u64> {
        self.returned
    }

    /// Questionnaires sent to one segment value, if stated.
    #[must_use]
    pub fn segment_sent(&self, attribute: &str, value: &str) -> Option<u64> {
        self.by_segment.get(attribute)?.get(value).copied()
    }

    pub(crate) fn segments(&self) -> &BTreeMap<String, BTreeMap<String, u64>> {
        &self.by_segment
    }
}

/// Choices made when scoring; the defaults follow the annual report.
///
/// # Example
///
/// ```
/// use csat_scoring::{NpsBase, ScoringOptions, WeightSumPolicy};
///
/// let opts = ScoringOptions::default()
///     .with_nps_base(NpsBase::Stated(106))
///     .with_weight_sum(WeightSumPolicy::Renormalise);
/// assert_eq!(opts.nps_base, NpsBase::Stated(106));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScoringOptions {
    /// What to do when the weights do not sum to 100.
    pub weight_sum: WeightSumPolicy,
    /// The NPS base of the whole sample.
    pub nps_base: NpsBase,
    /// Invitations, for the response rate (none: no response rate).
    pub invitations: Option<Invitations>,
    /// Segments with fewer respondents are flagged (default: the definition's
    /// `min_segment_base`).
    pub min_segment_base: Option<u64>,
    /// What items are ranked by.
    pub rank_by: RankBasis,
}

impl ScoringOptions {
    /// Sets the weight-sum policy.
    #[must_use]
    pub fn with_weight_sum(mut self, policy: WeightSumPolicy) -> Self {
        self.weight_sum = policy;
        self
    }

    /// Sets the NPS base.
    #[must_use]
    pub fn with_nps_base(mut self, base: NpsBase) -> Self {
        self.nps_base = base;
        self
    }

    /// Sets the invitations for the response rate.
    #[must_use]
    pub fn with_invitations(mut self, invitations: Invitations) -> Self {
        self.invitations = Some(invitations);
        self
    }

    /// Sets the minimum segment base.
    #[must_use]
    pub fn with_min_segment_base(mut self, min: u64) -> Self {
        self.min_segment_base = Some(min);
        self
    }

    /// Sets what items are ranked by.
    #[must_use]
    pub fn with_rank_by(mut self, basis: RankBasis) -> Self {
        self.rank_by = basis;
        self
    }
}
