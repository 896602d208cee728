//! A computed figure that carries its base: numerator, denominator, n and method.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};

/// How a [`Figure`] was computed. `docs/scoring.md` gives each formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Method {
    /// Share of one level among those who answered the item, in percent:
    /// `100 × count / answered`.
    LevelShare,
    /// Mean on the item's own scale: `Σ level × count / answered`.
    ScaleMean,
    /// Mean of mapped values: `Σ mapped(level) × count / answered`.
    MappedMean,
    /// Population variance on the item's scale (divides by n, not n − 1):
    /// `(n × Σ level² − (Σ level)²) / n²`.
    PopulationVariance,
    /// Share answering one of the two highest levels, in percent.
    TopTwoBox,
    /// Share answering one of the two lowest levels, in percent.
    BottomTwoBox,
    /// Grand mean of every answered rated cell: `Σ levels / answered cells`.
    GrandMean,
    /// Unweighted mean of the means of the items that have answers.
    MeanOfItemMeans,
    /// One respondent's own mean over the rated items they answered: `Σ levels / answered`.
    RespondentMean,
    /// Share of scored respondents whose own score reaches the threshold, in percent.
    SatisfactionRate,
    /// `100 × (promoters − detractors) / base`.
    NpsScore,
    /// Share of one NPS band over the NPS base, in percent.
    NpsShare,
    /// Share of an option among those who answered a single-choice question, in percent.
    ChoiceShareOfAnswered,
    /// Share of respondents (who answered a multiple-choice question) choosing an option, in
    /// percent; options may add up to more than 100.
    ChoiceShareOfRespondents,
    /// Share of all mentions of a multiple-choice question going to an option, in percent.
    ChoiceShareOfMentions,
    /// `100 × returned / sent`.
    ResponseRate,
}

/// One computed figure with its base, so a report can show "n = 104" beside it.
///
/// `value` is `numerator / denominator` computed with `Decimal` (28 significant digits, the
/// only rounding the engine does; the exact rational is the pair numerator / denominator), or
/// `None` when the denominator is zero: no data is never shown as 0 or NaN. Percentages are on
/// a 0..100 basis, the `× 100` being part of the numerator.
///
/// # Example
///
/// ```
/// use csat_scoring::{Figure, Method};
/// use rust_decimal::Decimal;
///
/// // 2021 NPS: 100 × (69 − 6) / 104.
/// let nps = Figure::new(Decimal::from(6300), Decimal::from(104), 104, Method::NpsScore)?;
/// assert_eq!(csat_scoring::display::round_figure(&nps, 1), Some(Decimal::new(606, 1)));
/// let none = Figure::new(Decimal::ZERO, Decimal::ZERO, 0, Method::ScaleMean)?;
/// assert_eq!(none.value, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Figure {
    /// `numerator / denominator`, or `None` when there is no data.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub value: Option<Decimal>,
    /// The numerator, exact.
    #[serde(with = "rust_decimal::serde::str")]
    pub numerator: Decimal,
    /// The denominator, exact and never negative.
    #[serde(with = "rust_decimal::serde::str")]
    pub denominator: Decimal,
    /// How many respondents or answered cells the figure rests on.
    pub n: u64,
    /// How it was computed.
    pub method: Method,
}

impl Figure {
    /// A figure `numerator / denominator` resting on `n`.
    ///
    /// A zero denominator gives `value: None`, never an error. Fails with
    /// [`ErrorKind::Overflow`] if the quotient does not fit a `Decimal`, and with
    /// [`ErrorKind::NegativeDenominator`] for a negative denominator (no method divides by a
    /// negative base).
    pub fn new(
        numerator: Decimal,
        denominator: Decimal,
        n: u64,
        method: Method,
    ) -> Result<Self, Error> {
        if denominator.is_sign_negative() && !denominator.is_zero() {
            return Err(ErrorKind::NegativeDenominator { denominator }.into());
        }
        let value = if denominator.is_zero() {
            None
        } else {
            Some(
                numerator
                    .checked_div(denominator)
                    .ok_or(ErrorKind::Overflow { what: "a quotient" })?,
            )
        };
        Ok(Self {
            value,
            numerator,
            denominator,
            n,
            method,
        })
    }

    /// A figure from integer counts: `scale × numerator / denominator` (scale 100 for
    /// percentages, 1 otherwise).
    pub(crate) fn counts(
        numerator: u64,
        denominator: u64,
        scale: u32,
        method: Method,
    ) -> Result<Self, Error> {
        let num = Decimal::from(numerator)
            .checked_mul(Decimal::from(scale))
            .ok_or(ErrorKind::Overflow { what: "a share" })?;
        Self::new(num, Decimal::from(denominator), denominator, method)
    }

    /// Whether there is data (`value` is `Some`).
    #[must_use]
    pub fn has_data(&self) -> bool {
        self.value.is_some()
    }
}

pub(crate) fn add(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal, Error> {
    a.checked_add(b)
        .ok_or_else(|| ErrorKind::Overflow { what }.into())
}

pub(crate) fn mul(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal, Error> {
    a.checked_mul(b)
        .ok_or_else(|| ErrorKind::Overflow { what }.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn zero_denominator_is_no_data() {
        let f = Figure::new(dec!(0), dec!(0), 0, Method::ScaleMean).unwrap();
        assert_eq!(f.value, None);
        assert!(!f.has_data());
        assert!(Figure::new(dec!(1), dec!(-1), 1, Method::ScaleMean).is_err());
    }

    #[test]
    fn counts_scale_percentages() {
        // 100 × 66 / 104 = 63.4615...
        let f = Figure::counts(66, 104, 100, Method::LevelShare).unwrap();
        assert_eq!(f.numerator, dec!(6600));
        assert_eq!(f.denominator, dec!(104));
        assert_eq!(f.n, 104);
        assert!(f.value.unwrap() > dec!(63.46) && f.value.unwrap() < dec!(63.47));
    }
}
