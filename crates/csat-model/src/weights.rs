//! The weights table: rated item or dimension -> weight in percent.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, check_id};

/// One row of a weights table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weight {
    /// A rated question id or a dimension id.
    pub target: String,
    /// The weight in percent, e.g. `10` for 10 %.
    #[serde(with = "crate::decimal")]
    pub percent: Decimal,
}

/// Weights of rated items or dimensions, in percent, as in the regulation's table
/// (专业技术 10, 日常 7, ... 培训 10).
///
/// The constructor checks what can be checked without a survey: ids well formed and unique,
/// no negative weight, at least one positive weight. Whether each target exists, and whether an
/// item is covered twice, is checked when the table is attached to a
/// [`SurveyDefinition`](crate::SurveyDefinition). Weights need not sum to 100: the scoring
/// engine either rejects or renormalises other sums, as its caller chooses.
///
/// # Example
///
/// ```
/// use csat_model::WeightsTable;
/// use rust_decimal::Decimal;
///
/// let w = WeightsTable::new([("q01", Decimal::from(60)), ("q02", Decimal::from(40))])?;
/// assert_eq!(w.sum(), Decimal::from(100));
/// assert!(WeightsTable::new([("q01", Decimal::from(-1))]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Weight>", into = "Vec<Weight>")]
pub struct WeightsTable {
    weights: Vec<Weight>,
}

impl WeightsTable {
    /// A table from `(target id, percent)` pairs, kept in the given order.
    pub fn new<S: Into<String>>(
        entries: impl IntoIterator<Item = (S, Decimal)>,
    ) -> Result<Self, Error> {
        let mut weights: Vec<Weight> = Vec::new();
        for (target, percent) in entries {
            let target = target.into();
            check_id("weight target", &target)?;
            if weights.iter().any(|w| w.target == target) {
                return Err(ErrorKind::DuplicateId {
                    what: "weight target",
                    id: target,
                }
                .into());
            }
            if percent.is_sign_negative() && !percent.is_zero() {
                return Err(ErrorKind::NegativeWeight {
                    target,
                    weight: percent.to_string(),
                }
                .into());
            }
            weights.push(Weight { target, percent });
        }
        if !weights.iter().any(|w| w.percent > Decimal::ZERO) {
            return Err(ErrorKind::NoPositiveWeight.into());
        }
        Ok(Self { weights })
    }

    /// The rows in their given order.
    #[must_use]
    pub fn weights(&self) -> &[Weight] {
        &self.weights
    }

    /// The weight of a target, if listed.
    #[must_use]
    pub fn get(&self, target: &str) -> Option<Decimal> {
        self.weights
            .iter()
            .find(|w| w.target == target)
            .map(|w| w.percent)
    }

    /// The sum of all weights (exact).
    #[must_use]
    pub fn sum(&self) -> Decimal {
        self.weights.iter().map(|w| w.percent).sum()
    }
}

impl TryFrom<Vec<Weight>> for WeightsTable {
    type Error = Error;

    fn try_from(v: Vec<Weight>) -> Result<Self, Error> {
        Self::new(v.into_iter().map(|w| (w.target, w.percent)))
    }
}

impl From<WeightsTable> for Vec<Weight> {
    fn from(t: WeightsTable) -> Self {
        t.weights
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn regulation_table_sums_to_100() {
        // DOMAIN.md section 2: 10+7+7+7+7+7+7+8+5+6+6+3+10+10 = 100.
        let w = WeightsTable::new([
            ("d01", dec!(10)),
            ("d02", dec!(7)),
            ("d03", dec!(7)),
            ("d04", dec!(7)),
            ("d05", dec!(7)),
            ("d06", dec!(7)),
            ("d07", dec!(7)),
            ("d08", dec!(8)),
            ("d09", dec!(5)),
            ("d10", dec!(6)),
            ("d11", dec!(6)),
            ("d12", dec!(3)),
            ("d13", dec!(10)),
            ("d14", dec!(10)),
        ])
        .unwrap();
        assert_eq!(w.sum(), dec!(100));
        assert_eq!(w.get("d09"), Some(dec!(5)));
    }

    #[test]
    fn bad_tables_are_named() {
        let e = WeightsTable::new([("q01", dec!(-0.5))]).unwrap_err();
        assert_eq!(e.to_string(), "weight of \"q01\" is negative (-0.5)");
        let e = WeightsTable::new([("q01", dec!(1)), ("q01", dec!(2))]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::DuplicateId { .. }));
        let e = WeightsTable::new([("q01", dec!(0))]).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::NoPositiveWeight);
        let e = WeightsTable::new([(" q01", dec!(1))]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::InvalidId { .. }));
    }
}
