//! Figures that carry their counts, so a change between waves can be tested.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, overflow};
use crate::measure::Measure;
use crate::significance::{self, Alpha, TestResult};

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Answers to one rated item counted per level, e.g. 70 × 5, 28 × 4, 7 × 3.
///
/// Level values are decimals so a mapped scale works as well as the plain one (100, 90, 70, 0,
/// -10). The mean and the sample variance are computed once, exactly: the sums are exact, and
/// each is a single `Decimal` division (exact whenever the quotient fits in 28 significant
/// digits, otherwise rounded in the 28th).
///
/// Its value as a [`Measure`] is the mean; its difference test is Welch's t-test.
///
/// # Example
///
/// ```
/// use csat_trend::{LevelCounts, Measure};
/// use rust_decimal_macros::dec;
///
/// let c = LevelCounts::from_levels([(5, 3), (4, 1)])?;
/// assert_eq!(c.mean(), dec!(4.75)); // (3 × 5 + 4) / 4
/// // Σ c·x² = 91, n Σ c·x² − (Σ c·x)² = 364 − 361 = 3, over n (n − 1) = 12
/// assert_eq!(c.sample_variance(), Some(dec!(0.25)));
/// assert_eq!(c.value(), c.mean());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "LevelCountsRaw", into = "LevelCountsRaw")]
pub struct LevelCounts {
    levels: Vec<(Decimal, u64)>,
    n: u64,
    sum: Decimal,
    mean: Decimal,
    variance: Option<Decimal>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelCountsRaw {
    levels: Vec<LevelCountRaw>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelCountRaw {
    #[serde(with = "rust_decimal::serde::str")]
    value: Decimal,
    count: u64,
}

impl LevelCounts {
    /// Counts per level value, in any order. Fails if a level value is given twice, if there
    /// are no answers at all, or if the sums leave `Decimal`'s range.
    pub fn new(levels: impl IntoIterator<Item = (Decimal, u64)>) -> Result<Self, Error> {
        let mut levels: Vec<(Decimal, u64)> = levels.into_iter().collect();
        levels.sort_by_key(|l| l.0);
        if let Some(w) = levels.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(invalid_levels(format!("level {} is given twice", w[0].0)));
        }
        let mut n: u64 = 0;
        let mut sum = Decimal::ZERO;
        let mut sum_sq = Decimal::ZERO;
        for &(x, c) in &levels {
            let cd = Decimal::from(c);
            n = n
                .checked_add(c)
                .ok_or_else(|| overflow("number of answers"))?;
            let cx = cd
                .checked_mul(x)
                .ok_or_else(|| overflow("sum of answers"))?;
            sum = sum
                .checked_add(cx)
                .ok_or_else(|| overflow("sum of answers"))?;
            sum_sq = cx
                .checked_mul(x)
                .and_then(|v| sum_sq.checked_add(v))
                .ok_or_else(|| overflow("sum of squared answers"))?;
        }
        if n == 0 {
            return Err(invalid_levels("there are no answers".to_owned()));
        }
        let nd = Decimal::from(n);
        let mean = sum
            .checked_div(nd)
            .ok_or_else(|| overflow("mean of answers"))?;
        let variance = if n >= 2 {
            // n Σcx² − (Σcx)² is exact; dividing once by n(n − 1) keeps a single rounding.
            let numerator = nd
                .checked_mul(sum_sq)
                .zip(sum.checked_mul(sum))
                .and_then(|(a, b)| a.checked_sub(b))
                .ok_or_else(|| overflow("variance of answers"))?;
            let denominator = nd
                .checked_mul(Decimal::from(n - 1))
                .ok_or_else(|| overflow("variance of answers"))?;
            Some(
                numerator
                    .checked_div(denominator)
                    .ok_or_else(|| overflow("variance of answers"))?,
            )
        } else {
            None
        };
        Ok(Self {
            levels,
            n,
            sum,
            mean,
            variance,
        })
    }

    /// Counts per level of an integer scale, e.g. `[(5, 70), (4, 28), (3, 7)]`.
    pub fn from_levels(levels: impl IntoIterator<Item = (u8, u64)>) -> Result<Self, Error> {
        Self::new(levels.into_iter().map(|(l, c)| (Decimal::from(l), c)))
    }

    /// The level values and their counts, ascending by value.
    #[must_use]
    pub fn levels(&self) -> &[(Decimal, u64)] {
        &self.levels
    }

    /// Number of answers.
    #[must_use]
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Sum of the answers, Σ count × value (exact).
    #[must_use]
    pub fn sum(&self) -> Decimal {
        self.sum
    }

    /// Mean answer, Σ count × value / n.
    #[must_use]
    pub fn mean(&self) -> Decimal {
        self.mean
    }

    /// Sample variance (divisor n − 1), `None` with fewer than two answers.
    #[must_use]
    pub fn sample_variance(&self) -> Option<Decimal> {
        self.variance
    }
}

fn invalid_levels(problem: String) -> Error {
    ErrorKind::InvalidCounts {
        what: "level counts",
        problem,
    }
    .into()
}

impl Measure for LevelCounts {
    fn value(&self) -> Decimal {
        self.mean
    }

    fn difference_test(earlier: &Self, later: &Self, alpha: Alpha) -> Result<TestResult, Error> {
        significance::welch_t_test(earlier, later, alpha)
    }
}

impl TryFrom<LevelCountsRaw> for LevelCounts {
    type Error = Error;

    fn try_from(r: LevelCountsRaw) -> Result<Self, Error> {
        Self::new(r.levels.into_iter().map(|l| (l.value, l.count)))
    }
}

impl From<LevelCounts> for LevelCountsRaw {
    fn from(c: LevelCounts) -> Self {
        Self {
            levels: c
                .levels
                .into_iter()
                .map(|(value, count)| LevelCountRaw { value, count })
                .collect(),
        }
    }
}

/// A share: `successes` of the `n` respondents who answered (satisfied customers, an option
/// chosen, a KPI met).
///
/// Its value as a [`Measure`] is the share in percent, successes × 100 / n; its difference
/// test is the two-proportion z-test.
///
/// # Example
///
/// ```
/// use csat_trend::{Measure, Proportion};
/// use rust_decimal_macros::dec;
///
/// // DOMAIN.md: 3 of 4 customers satisfied is 75 %.
/// assert_eq!(Proportion::new(3, 4)?.value(), dec!(75));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ProportionRaw", into = "ProportionRaw")]
pub struct Proportion {
    successes: u64,
    n: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProportionRaw {
    successes: u64,
    n: u64,
}

impl Proportion {
    /// `successes` of `n`; fails if `n` is zero or `successes > n`.
    pub fn new(successes: u64, n: u64) -> Result<Self, Error> {
        if n == 0 {
            return Err(ErrorKind::InvalidCounts {
                what: "proportion",
                problem: "no one answered (n = 0)".to_owned(),
            }
            .into());
        }
        if successes > n {
            return Err(ErrorKind::InvalidCounts {
                what: "proportion",
                problem: format!("{successes} successes out of {n} answers"),
            }
            .into());
        }
        Ok(Self { successes, n })
    }

    /// Number of successes.
    #[must_use]
    pub fn successes(&self) -> u64 {
        self.successes
    }

    /// Number of respondents who answered.
    #[must_use]
    pub fn n(&self) -> u64 {
        self.n
    }

    /// The share as a fraction 0..1, successes / n.
    #[must_use]
    pub fn fraction(&self) -> Decimal {
        Decimal::from(self.successes) / Decimal::from(self.n)
    }
}

impl Measure for Proportion {
    fn value(&self) -> Decimal {
        // successes ≤ n < 2^64, so successes × 100 stays far inside Decimal's range.
        Decimal::from(self.successes) * HUNDRED / Decimal::from(self.n)
    }

    fn difference_test(earlier: &Self, later: &Self, alpha: Alpha) -> Result<TestResult, Error> {
        significance::two_proportion_z_test(earlier, later, alpha)
    }
}

impl TryFrom<ProportionRaw> for Proportion {
    type Error = Error;

    fn try_from(r: ProportionRaw) -> Result<Self, Error> {
        Self::new(r.successes, r.n)
    }
}

impl From<Proportion> for ProportionRaw {
    fn from(p: Proportion) -> Self {
        Self {
            successes: p.successes,
            n: p.n,
        }
    }
}

/// Answers to the 0..10 recommendation question counted per band, over a base.
///
/// The base is normally promoters + passives + detractors, but a report may state a larger
/// one (REFERENCE-2021: 2020's NPS is over 106 returned while the bands add up to 105); answers
/// outside the bands then count in the base only.
///
/// Its value as a [`Measure`] is NPS = (promoters − detractors) × 100 / base; its difference
/// test is the NPS z-test.
///
/// # Example
///
/// ```
/// use csat_trend::{Measure, NpsCounts};
/// use rust_decimal::RoundingStrategy;
/// use rust_decimal_macros::dec;
///
/// // REFERENCE-2021: 69 promoters, 29 passives, 6 detractors of 104 → 60.6.
/// let nps = NpsCounts::new(69, 29, 6)?;
/// assert_eq!(nps.base(), 104);
/// let shown = nps.value().round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
/// assert_eq!(shown, dec!(60.6));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "NpsCountsRaw", into = "NpsCountsRaw")]
pub struct NpsCounts {
    promoters: u64,
    passives: u64,
    detractors: u64,
    base: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct NpsCountsRaw {
    promoters: u64,
    passives: u64,
    detractors: u64,
    base: u64,
}

impl NpsCounts {
    /// Counts whose base is their sum; fails if the sum is zero or overflows.
    pub fn new(promoters: u64, passives: u64, detractors: u64) -> Result<Self, Error> {
        let base = promoters
            .checked_add(passives)
            .and_then(|s| s.checked_add(detractors))
            .ok_or_else(|| overflow("NPS base"))?;
        Self::check(Self {
            promoters,
            passives,
            detractors,
            base,
        })
    }

    /// The same counts over a stated base, which must be at least their sum.
    pub fn with_base(self, base: u64) -> Result<Self, Error> {
        Self::check(Self { base, ..self })
    }

    fn check(c: Self) -> Result<Self, Error> {
        let sum = c
            .promoters
            .checked_add(c.passives)
            .and_then(|s| s.checked_add(c.detractors))
            .ok_or_else(|| overflow("NPS base"))?;
        if c.base == 0 {
            return Err(ErrorKind::InvalidCounts {
                what: "NPS counts",
                problem: "the base is zero".to_owned(),
            }
            .into());
        }
        if sum > c.base {
            return Err(ErrorKind::InvalidCounts {
                what: "NPS counts",
                problem: format!(
                    "{} promoters + {} passives + {} detractors = {sum} is more than the base {}",
                    c.promoters, c.passives, c.detractors, c.base
                ),
            }
            .into());
        }
        Ok(c)
    }

    /// Promoters (default 9-10).
    #[must_use]
    pub fn promoters(&self) -> u64 {
        self.promoters
    }

    /// Passives (default 7-8).
    #[must_use]
    pub fn passives(&self) -> u64 {
        self.passives
    }

    /// Detractors (default 0-6).
    #[must_use]
    pub fn detractors(&self) -> u64 {
        self.detractors
    }

    /// The base NPS is computed over.
    #[must_use]
    pub fn base(&self) -> u64 {
        self.base
    }
}

impl Measure for NpsCounts {
    fn value(&self) -> Decimal {
        // Both counts are below 2^64, so the difference times 100 fits in Decimal.
        (Decimal::from(self.promoters) - Decimal::from(self.detractors)) * HUNDRED
            / Decimal::from(self.base)
    }

    fn difference_test(earlier: &Self, later: &Self, alpha: Alpha) -> Result<TestResult, Error> {
        significance::nps_difference_test(earlier, later, alpha)
    }
}

impl TryFrom<NpsCountsRaw> for NpsCounts {
    type Error = Error;

    fn try_from(r: NpsCountsRaw) -> Result<Self, Error> {
        Self::check(Self {
            promoters: r.promoters,
            passives: r.passives,
            detractors: r.detractors,
            base: r.base,
        })
    }
}

impl From<NpsCounts> for NpsCountsRaw {
    fn from(c: NpsCounts) -> Self {
        Self {
            promoters: c.promoters,
            passives: c.passives,
            detractors: c.detractors,
            base: c.base,
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::RoundingStrategy;
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn level_counts_mean_and_variance_by_hand() {
        // 70 × 5 + 28 × 4 + 7 × 3 = 350 + 112 + 21 = 483 over 105 answers: 4.6.
        // Σcx² = 70·25 + 28·16 + 7·9 = 1750 + 448 + 63 = 2261;
        // (105·2261 − 483²) / (105·104) = (237405 − 233289) / 10920 = 4116 / 10920 = 0.376923…
        let c = LevelCounts::from_levels([(3, 7), (5, 70), (4, 28)]).unwrap();
        assert_eq!(c.n(), 105);
        assert_eq!(c.sum(), dec!(483));
        assert_eq!(c.mean(), dec!(4.6));
        assert_eq!(c.sample_variance().unwrap(), dec!(4116) / dec!(10920));
        assert_eq!(c.levels()[0], (dec!(3), 7));
    }

    #[test]
    fn level_counts_refuse_bad_input() {
        let e = LevelCounts::new([(dec!(5), 1), (dec!(5.0), 2)]).unwrap_err();
        assert_eq!(e.to_string(), "level counts: level 5 is given twice");
        let e = LevelCounts::from_levels([(5, 0), (4, 0)]).unwrap_err();
        assert_eq!(e.to_string(), "level counts: there are no answers");
        let one = LevelCounts::from_levels([(5, 1)]).unwrap();
        assert_eq!(one.sample_variance(), None);
    }

    #[test]
    fn proportion_checks() {
        assert_eq!(Proportion::new(3, 4).unwrap().fraction(), dec!(0.75));
        assert!(Proportion::new(5, 4).is_err());
        assert!(Proportion::new(0, 0).is_err());
        let json = serde_json::to_string(&Proportion::new(1, 2).unwrap()).unwrap();
        assert_eq!(json, r#"{"successes":1,"n":2}"#);
        assert!(serde_json::from_str::<Proportion>(r#"{"successes":3,"n":2}"#).is_err());
    }

    #[test]
    fn nps_with_stated_base() {
        // REFERENCE-2021: 2020 had 70 / 28 / 7 (105) but NPS is over 106 returned:
        // (70 − 7) × 100 / 106 = 59.43… → 59.4.
        let c = NpsCounts::new(70, 28, 7).unwrap().with_base(106).unwrap();
        let shown = c
            .value()
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
        assert_eq!(shown, dec!(59.4));
        let e = NpsCounts::new(70, 28, 7)
            .unwrap()
            .with_base(104)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "NPS counts: 70 promoters + 28 passives + 7 detractors = 105 is more than the base 104"
        );
        assert!(NpsCounts::new(0, 0, 0).is_err());
    }

    #[test]
    fn level_counts_serde() {
        let c = LevelCounts::from_levels([(5, 2), (4, 1)]).unwrap();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"levels":[{"value":"4","count":1},{"value":"5","count":2}]}"#
        );
        assert_eq!(serde_json::from_str::<LevelCounts>(&json).unwrap(), c);
    }
}
