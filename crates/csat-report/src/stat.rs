//! Figures as the report carries them: the exact value, its display form, and its base.

use csat_scoring::Figure;
use csat_scoring::display::{MEAN_DP, NPS_DP, PERCENT_DP, RESPONSE_RATE_DP, round_half_away};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One figure of the report: the exact value, the value as shown, and the base it rests on.
///
/// `value` is exact (a `Decimal` quotient, serialized as a string); `shown` is `value` rounded
/// half away from zero to the places DOMAIN.md section 5 fixes for its kind (2 for means on
/// the 5-point scale, 1 for NPS and percentages, 0 for the response rate), always with that
/// many decimals (`"4.60"`, not `"4.6"`). Both are `None` when there is no data: no data is
/// never shown as 0.
///
/// # Example
///
/// ```
/// use csat_report::Stat;
/// use rust_decimal::Decimal;
///
/// // REFERENCE-2021: 105 returned of 356 sent = 29.49...% -> "29".
/// let rate = Stat::response_rate(Some(Decimal::from(10500) / Decimal::from(356)), 356);
/// assert_eq!(rate.shown.as_deref(), Some("29"));
/// assert_eq!(Stat::mean(Some(Decimal::new(46, 1)), 10).shown.as_deref(), Some("4.60"));
/// assert_eq!(Stat::percent(None, 0).shown, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Stat {
    /// The exact value; `None` when there is no data.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub value: Option<Decimal>,
    /// The value as displayed (rounded half away from zero, fixed decimals).
    pub shown: Option<String>,
    /// How many answers, cells or respondents the figure rests on.
    pub n: u64,
}

impl Stat {
    /// A value shown with `dp` decimals.
    #[must_use]
    pub fn with_places(value: Option<Decimal>, n: u64, dp: u32) -> Self {
        Self {
            value,
            shown: value.map(|v| shown(v, dp)),
            n,
        }
    }

    /// A mean on a 5-point scale: 2 decimals.
    #[must_use]
    pub fn mean(value: Option<Decimal>, n: u64) -> Self {
        Self::with_places(value, n, MEAN_DP)
    }

    /// A percentage: 1 decimal.
    #[must_use]
    pub fn percent(value: Option<Decimal>, n: u64) -> Self {
        Self::with_places(value, n, PERCENT_DP)
    }

    /// An NPS: 1 decimal.
    #[must_use]
    pub fn nps(value: Option<Decimal>, n: u64) -> Self {
        Self::with_places(value, n, NPS_DP)
    }

    /// A response rate: whole percent.
    #[must_use]
    pub fn response_rate(value: Option<Decimal>, n: u64) -> Self {
        Self::with_places(value, n, RESPONSE_RATE_DP)
    }

    pub(crate) fn mean_of(f: &Figure) -> Self {
        Self::mean(f.value, f.n)
    }

    pub(crate) fn percent_of(f: &Figure) -> Self {
        Self::percent(f.value, f.n)
    }

    pub(crate) fn nps_of(f: &Figure) -> Self {
        Self::nps(f.value, f.n)
    }

    /// The shown text, or `"–"` when there is no data.
    #[must_use]
    pub fn text(&self) -> &str {
        self.shown.as_deref().unwrap_or("–")
    }
}

/// A difference between two waves: exact, and shown with the places of what it measures.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Delta {
    /// later − earlier, exact.
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    /// The difference as displayed, with a sign (`"+0.05"`, `"-1.2"`, `"0.00"`).
    pub shown: String,
}

impl Delta {
    /// A difference shown with `dp` decimals.
    #[must_use]
    pub fn new(value: Decimal, dp: u32) -> Self {
        let s = shown(value, dp);
        let shown = if s.starts_with('-') || s.trim_start_matches(['0', '.']).is_empty() {
            s
        } else {
            format!("+{s}")
        };
        Self { value, shown }
    }
}

/// `v` rounded half away from zero to `dp` places and written with exactly `dp` decimals.
pub(crate) fn shown(v: Decimal, dp: u32) -> String {
    let mut r = round_half_away(v, dp);
    // Rounding never adds places; rescaling only pads zeros so 4.6 shows as 4.60.
    r.rescale(dp);
    if r.is_zero() {
        // -0.04 rounds to -0.0; a report shows 0.0.
        r.set_sign_positive(true);
    }
    r.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn places_and_half_away_from_zero() {
        // DOMAIN.md section 5: 2 / 1 / 0 places, half away from zero.
        assert_eq!(shown(dec!(4.665), 2), "4.67");
        assert_eq!(shown(dec!(4.6), 2), "4.60");
        assert_eq!(shown(dec!(29.4944), 0), "29");
        assert_eq!(shown(dec!(60.5769), 1), "60.6");
        assert_eq!(shown(dec!(-0.04), 1), "0.0");
        assert_eq!(shown(dec!(-0.05), 1), "-0.1");
    }

    #[test]
    fn deltas_carry_a_sign() {
        assert_eq!(Delta::new(dec!(0.054), 2).shown, "+0.05");
        assert_eq!(Delta::new(dec!(-1.25), 1).shown, "-1.3");
        assert_eq!(Delta::new(dec!(0.001), 2).shown, "0.00");
    }
}
