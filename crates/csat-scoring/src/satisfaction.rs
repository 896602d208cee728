//! Satisfaction rate: the share of respondents whose own score reaches a threshold.

use csat_model::ScoreBasis;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::figure::{Figure, Method};
use crate::tally::Counts;

/// The share of scored respondents (those who answered at least one rated item) whose own
/// score reaches the threshold.
///
/// A respondent's own score on the mapped basis is `points / answered`, the mean mapped value
/// of the items they answered; on the scale basis, the mean of their answers. The comparison is
/// made while tallying, exactly, as `points >= threshold × answered`, so no per-respondent
/// mean is ever rounded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SatisfactionRate {
    /// `100 × satisfied / scored` ([`Method::SatisfactionRate`]).
    pub rate: Figure,
    /// Respondents whose own score reached the threshold.
    pub satisfied: u64,
    /// Respondents who answered at least one rated item.
    pub scored: u64,
    /// The threshold, e.g. 70.
    #[serde(with = "rust_decimal::serde::str")]
    pub threshold: Decimal,
    /// What the threshold is measured on.
    pub basis: ScoreBasis,
}

pub(crate) fn satisfaction_rate(
    counts: &Counts,
    threshold: Decimal,
    basis: ScoreBasis,
) -> Result<SatisfactionRate, Error> {
    Ok(SatisfactionRate {
        rate: Figure::counts(
            counts.satisfied(),
            counts.scored(),
            100,
            Method::SatisfactionRate,
        )?,
        satisfied: counts.satisfied(),
        scored: counts.scored(),
        threshold,
        basis,
    })
}
