//! Competition ranking ("1224"): exactly equal values share a rank and the next rank is
//! skipped (1, 2, 3, 3, 5).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One entry of a ranking: the position of the ranked thing in the input, and its rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Placement {
    /// Index into the ranked input.
    pub index: usize,
    /// Competition rank, 1 = highest value.
    pub rank: u32,
}

/// Ranks `values` from highest to lowest; `None` (no data) is left out.
///
/// Values are compared at full precision (the exact `Decimal`, never a display rounding), so
/// 4.6550 and 4.6649 hold different ranks though both display as 4.66: only exactly equal
/// values share a rank, and the rank after a tie is skipped. The returned order is the
/// display order: by value, highest first; tied entries keep their input order (for items,
/// the definition's question order), so the order is stable and documented.
///
/// # Example
///
/// ```
/// use csat_scoring::ranking::competition_rank;
/// use rust_decimal::Decimal;
///
/// let v = |x: i64| Some(Decimal::new(x, 2));
/// let ranks = competition_rank(&[v(450), v(470), None, v(460), v(460), v(440)]);
/// let got: Vec<(usize, u32)> = ranks.iter().map(|p| (p.index, p.rank)).collect();
/// assert_eq!(got, [(1, 1), (3, 2), (4, 2), (0, 4), (5, 5)]);
/// ```
#[must_use]
pub fn competition_rank(values: &[Option<Decimal>]) -> Vec<Placement> {
    let mut order: Vec<(usize, Decimal)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    // A stable sort keeps input order among equal values.
    order.sort_by_key(|&(_, v)| std::cmp::Reverse(v));
    let mut out = Vec::with_capacity(order.len());
    let mut rank = 0u32;
    let mut previous: Option<Decimal> = None;
    for (position, (index, value)) in order.into_iter().enumerate() {
        // Decimal equality compares values, not representations: 4.50 == 4.5.
        if previous != Some(value) {
            rank = u32::try_from(position + 1).unwrap_or(u32::MAX);
            previous = Some(value);
        }
        out.push(Placement { index, rank });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn ranks(values: &[Option<Decimal>]) -> Vec<(usize, u32)> {
        competition_rank(values)
            .iter()
            .map(|p| (p.index, p.rank))
            .collect()
    }

    #[test]
    fn ties_share_and_skip() {
        // 5, 4, 4, 4, 3 -> 1, 2, 2, 2, 5
        let got = ranks(&[
            Some(dec!(5)),
            Some(dec!(4)),
            Some(dec!(4.0)),
            Some(dec!(4.00)),
            Some(dec!(3)),
        ]);
        assert_eq!(got, vec![(0, 1), (1, 2), (2, 2), (3, 2), (4, 5)]);
    }

    #[test]
    fn equal_rationals_tie_and_near_values_do_not() {
        // 14/3 and 28/6 are the same rational, so their decimal quotients are equal;
        // 4.6667 is a different value that would display the same at 2 decimals.
        let a = dec!(14) / dec!(3);
        let b = dec!(28) / dec!(6);
        let got = ranks(&[Some(a), Some(dec!(4.6667)), Some(b)]);
        assert_eq!(got, vec![(1, 1), (0, 2), (2, 2)]);
    }

    #[test]
    fn equal_rationals_give_equal_quotients() {
        // The ranking relies on Decimal division giving the same quotient for a/b and
        // ka/kb: check every mean a/b of up to 60 answers on a 1..5 scale, k = 2..6.
        for b in 1i64..=60 {
            for a in b..=5 * b {
                let q = Decimal::from(a) / Decimal::from(b);
                for k in 2..=6 {
                    assert_eq!(
                        q,
                        Decimal::from(a * k) / Decimal::from(b * k),
                        "{a}/{b} k={k}"
                    );
                }
            }
        }
    }

    #[test]
    fn no_data_is_left_out() {
        assert!(ranks(&[None, None]).is_empty());
        assert_eq!(ranks(&[None, Some(dec!(1))]), vec![(1, 1)]);
    }
}
