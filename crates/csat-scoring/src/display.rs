//! Rounding for display. The engine never rounds; reports call these, which say their
//! strategy in their names.
//!
//! Reports show 2 decimals for 5-point means ([`MEAN_DP`]), 1 for NPS and percentages
//! ([`NPS_DP`], [`PERCENT_DP`]) and whole percent for the response rate
//! ([`RESPONSE_RATE_DP`]), rounding half away from zero (4.665 → 4.67, −0.05 → −0.1).

use rust_decimal::{Decimal, RoundingStrategy};

use crate::figure::Figure;

/// Decimals shown for means on a 5-point scale.
pub const MEAN_DP: u32 = 2;
/// Decimals shown for percentages.
pub const PERCENT_DP: u32 = 1;
/// Decimals shown for the NPS.
pub const NPS_DP: u32 = 1;
/// Decimals shown for the response rate.
pub const RESPONSE_RATE_DP: u32 = 0;

/// Rounds `value` to `dp` decimals, half away from zero
/// (`RoundingStrategy::MidpointAwayFromZero`).
///
/// ```
/// use csat_scoring::display::round_half_away;
/// use rust_decimal::Decimal;
///
/// assert_eq!(round_half_away(Decimal::new(4665, 3), 2), Decimal::new(467, 2));
/// assert_eq!(round_half_away(Decimal::new(-5, 2), 1), Decimal::new(-1, 1));
/// ```
#[must_use]
pub fn round_half_away(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// A figure's value rounded half away from zero to `dp` decimals; `None` when it has no data.
#[must_use]
pub fn round_figure(figure: &Figure, dp: u32) -> Option<Decimal> {
    figure.value.map(|v| round_half_away(v, dp))
}

/// Percentages of `counts` in their total, rounded to `dp` decimals so that they add up to
/// exactly 100 (largest-remainder method); `None` when the total is zero.
///
/// Each share is first truncated to `dp` decimals; the units of `10^-dp` still missing go to
/// the shares with the largest remainders; among equal remainders, to the larger count, then
/// to the earlier position. The shares are computed from the integer counts exactly (no
/// intermediate rounding), so the result depends only on the counts.
///
/// ```
/// use csat_scoring::display::largest_remainder;
/// use rust_decimal::Decimal;
///
/// // 1/3 each: 33.4 + 33.3 + 33.3 = 100.0
/// let p = largest_remainder(&[1, 1, 1], 1).unwrap();
/// assert_eq!(p, [Decimal::new(334, 1), Decimal::new(333, 1), Decimal::new(333, 1)]);
/// assert_eq!(p.iter().sum::<Decimal>(), Decimal::from(100));
/// ```
#[must_use]
pub fn largest_remainder(counts: &[u64], dp: u32) -> Option<Vec<Decimal>> {
    let total: u128 = counts.iter().map(|&c| u128::from(c)).sum();
    if total == 0 {
        return None;
    }
    // Work in units of 10^-dp percent: share_i = count_i × 100 × 10^dp / total units.
    let unit_scale = 100u128.checked_mul(10u128.checked_pow(dp)?)?;
    let mut floors = Vec::with_capacity(counts.len());
    let mut remainders = Vec::with_capacity(counts.len());
    for &c in counts {
        let scaled = u128::from(c).checked_mul(unit_scale)?;
        floors.push(scaled / total);
        remainders.push(scaled % total);
    }
    let assigned: u128 = floors.iter().sum();
    let missing = usize::try_from(unit_scale - assigned).ok()?;
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|&a, &b| {
        remainders[b]
            .cmp(&remainders[a])
            .then(counts[b].cmp(&counts[a]))
            .then(a.cmp(&b))
    });
    for &i in order.iter().take(missing) {
        floors[i] += 1;
    }
    floors
        .into_iter()
        .map(|units| {
            let units = i128::try_from(units).ok()?;
            Decimal::try_from_i128_with_scale(units, dp).ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounds_half_away_from_zero() {
        // Banker's rounding would give 4.66 and 0.2; reports want 4.67 and 0.3.
        assert_eq!(round_half_away(dec!(4.665), 2), dec!(4.67));
        assert_eq!(round_half_away(dec!(0.25), 1), dec!(0.3));
        assert_eq!(round_half_away(dec!(-0.25), 1), dec!(-0.3));
        assert_eq!(round_half_away(dec!(29.4944), 0), dec!(29));
        assert_eq!(round_half_away(dec!(60.5769), 1), dec!(60.6));
    }

    #[test]
    fn license_model_shares() {
        // REFERENCE-2021: 46.8 / 0 / 13.8 / 39.4 of those who answered. With 44, 0, 13, 37
        // of 94: 46.808.., 0, 13.829.., 39.361.. -> floors 46.8 + 0 + 13.8 + 39.3 = 99.9, the
        // missing 0.1 goes to the largest remainder (39.361 -> .061 vs .008, .029).
        let p = largest_remainder(&[44, 0, 13, 37], 1).unwrap();
        assert_eq!(p, vec![dec!(46.8), dec!(0.0), dec!(13.8), dec!(39.4)]);
        assert_eq!(p.iter().sum::<Decimal>(), dec!(100));
    }

    #[test]
    fn remainder_ties_go_to_larger_count_then_earlier() {
        // 1, 1, 1 of 3 at 0 dp: floors 33 + 33 + 33 = 99; equal remainders, equal counts ->
        // first position gets the extra point.
        assert_eq!(
            largest_remainder(&[1, 1, 1], 0).unwrap(),
            vec![dec!(34), dec!(33), dec!(33)]
        );
        assert_eq!(largest_remainder(&[0, 0], 1), None);
        assert_eq!(largest_remainder(&[5], 2).unwrap(), vec![dec!(100.00)]);
    }
}
