//! What a series can hold: anything with an exact value, optionally testable.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::significance::{Alpha, TestResult};

/// A figure that can be followed over time: it has an exact value and, if it carries the
/// counts behind it, a test of the difference between two waves.
///
/// Implemented by [`Figure`] (a bare value), [`LevelCounts`](crate::LevelCounts) (a mean from
/// counts per level: Welch's t-test), [`Proportion`](crate::Proportion) (a share in percent:
/// two-proportion z-test) and [`NpsCounts`](crate::NpsCounts) (NPS: the NPS z-test).
pub trait Measure {
    /// The exact figure, in the units it is reported in (scale points for a mean, percent for
    /// a share, NPS points).
    fn value(&self) -> Decimal;

    /// Tests whether `later` differs from `earlier` at significance level `alpha`.
    ///
    /// The default refuses with [`ErrorKind::NotTestable`]: a bare value carries no spread.
    fn difference_test(earlier: &Self, later: &Self, alpha: Alpha) -> Result<TestResult, Error>
    where
        Self: Sized,
    {
        let _ = (earlier, later, alpha);
        Err(ErrorKind::NotTestable {
            measure: std::any::type_name::<Self>(),
        }
        .into())
    }
}

/// A bare figure with, if known, the number of answers behind it.
///
/// Use it for values that arrive already computed (a published overall average, a weighted
/// satisfaction). It cannot be tested for significance: use the count-carrying measures for
/// that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    #[serde(with = "rust_decimal::serde::str")]
    value: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    n: Option<u64>,
}

impl Figure {
    /// A figure without a stated base.
    #[must_use]
    pub fn new(value: Decimal) -> Self {
        Self { value, n: None }
    }

    /// A figure over `n` answers.
    #[must_use]
    pub fn with_base(value: Decimal, n: u64) -> Self {
        Self { value, n: Some(n) }
    }

    /// The number of answers behind it, if known.
    #[must_use]
    pub fn n(&self) -> Option<u64> {
        self.n
    }
}

impl From<Decimal> for Figure {
    fn from(value: Decimal) -> Self {
        Self::new(value)
    }
}

impl Measure for Figure {
    fn value(&self) -> Decimal {
        self.value
    }

    fn difference_test(_: &Self, _: &Self, _: Alpha) -> Result<TestResult, Error> {
        Err(ErrorKind::NotTestable { measure: "Figure" }.into())
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn figure_is_not_testable() {
        let a = Figure::with_base(dec!(4.5), 100);
        let e = Figure::difference_test(&a, &a, Alpha::FIVE_PERCENT).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Figure carries no counts, so its change cannot be tested; use LevelCounts, Proportion or NpsCounts"
        );
        assert_eq!(a.value(), dec!(4.5));
        assert_eq!(a.n(), Some(100));
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"value":"4.5","n":100}"#
        );
    }
}
