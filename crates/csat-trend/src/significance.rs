//! Is a change real? Tests of the difference between two waves.
//!
//! Inputs are exact counts; the sums, means, variances and standard-error terms are computed in
//! `Decimal`, and only the last steps (square root, test statistic, degrees of freedom,
//! p-value, critical value, confidence limits) are `f64`, with the normal and Student t
//! distributions from `statrs`. Every test compares `later` with `earlier`: the difference is
//! later − earlier, so a rise has a positive statistic.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

use crate::counts::{LevelCounts, NpsCounts, Proportion};
use crate::error::{Error, ErrorKind, overflow};
use crate::measure::Measure;

/// A significance level α in (0, 1): a difference is called significant when its two-sided
/// p-value is below α, and confidence intervals are at level 1 − α.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Alpha(f64);

impl Alpha {
    /// α = 0.05 (95 % confidence intervals).
    pub const FIVE_PERCENT: Alpha = Alpha(0.05);
    /// α = 0.01 (99 % confidence intervals).
    pub const ONE_PERCENT: Alpha = Alpha(0.01);
    /// α = 0.10 (90 % confidence intervals).
    pub const TEN_PERCENT: Alpha = Alpha(0.10);

    /// A level strictly between 0 and 1.
    pub fn new(alpha: f64) -> Result<Self, Error> {
        if alpha.is_finite() && alpha > 0.0 && alpha < 1.0 {
            Ok(Self(alpha))
        } else {
            Err(ErrorKind::InvalidAlpha {
                value: alpha.to_string(),
            }
            .into())
        }
    }

    /// α itself.
    #[must_use]
    pub fn get(self) -> f64 {
        self.0
    }

    /// The confidence level of the intervals, 1 − α.
    #[must_use]
    pub fn confidence(self) -> f64 {
        1.0 - self.0
    }
}

impl TryFrom<f64> for Alpha {
    type Error = Error;

    fn try_from(v: f64) -> Result<Self, Error> {
        Self::new(v)
    }
}

impl From<Alpha> for f64 {
    fn from(a: Alpha) -> f64 {
        a.0
    }
}

/// Which test produced a [`TestResult`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TestKind {
    /// Welch's unequal-variances t-test of two means.
    WelchT,
    /// Two-proportion z-test (pooled standard error for the statistic).
    TwoProportionZ,
    /// z-test of the difference of two NPS values.
    NpsZ,
}

/// The outcome of a difference test: later − earlier.
///
/// `difference` is exact (`Decimal`, from the two figures' values); the standard error,
/// statistic, degrees of freedom, p-value and confidence limits are `f64`. All but the
/// statistic and the p-value are in the figures' units: scale points for means, percentage
/// points for shares, NPS points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestResult {
    kind: TestKind,
    alpha: Alpha,
    #[serde(with = "rust_decimal::serde::str")]
    difference: Decimal,
    standard_error: f64,
    statistic: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    degrees_of_freedom: Option<f64>,
    p_value: f64,
    ci_low: f64,
    ci_high: f64,
}

impl TestResult {
    /// The test.
    #[must_use]
    pub fn kind(&self) -> TestKind {
        self.kind
    }

    /// The significance level the test was run at (the interval is at 1 − α).
    #[must_use]
    pub fn alpha(&self) -> Alpha {
        self.alpha
    }

    /// Later − earlier, exact.
    #[must_use]
    pub fn difference(&self) -> Decimal {
        self.difference
    }

    /// Standard error of the difference used in the statistic.
    #[must_use]
    pub fn standard_error(&self) -> f64 {
        self.standard_error
    }

    /// The test statistic (t or z), difference / standard error.
    #[must_use]
    pub fn statistic(&self) -> f64 {
        self.statistic
    }

    /// Welch–Satterthwaite degrees of freedom for the t-test; `None` for z-tests and when
    /// both variances are zero.
    #[must_use]
    pub fn degrees_of_freedom(&self) -> Option<f64> {
        self.degrees_of_freedom
    }

    /// Two-sided p-value.
    #[must_use]
    pub fn p_value(&self) -> f64 {
        self.p_value
    }

    /// Confidence interval of the difference at level 1 − α, (low, high).
    #[must_use]
    pub fn confidence_interval(&self) -> (f64, f64) {
        (self.ci_low, self.ci_high)
    }

    /// Whether the difference is significant: p-value < α.
    #[must_use]
    pub fn is_significant(&self) -> bool {
        self.p_value < self.alpha.0
    }
}

fn to_f64(d: Decimal) -> Result<f64, Error> {
    d.to_f64().ok_or_else(|| overflow("conversion to f64"))
}

fn stat_err(e: impl std::fmt::Display) -> Error {
    ErrorKind::Statistics {
        problem: e.to_string(),
    }
    .into()
}

/// A result for two figures without any spread. Equal figures: nothing to detect (statistic 0,
/// p-value 1, interval [0, 0]); different figures: the ratio is undefined, so an error.
fn no_spread(
    kind: TestKind,
    test: &'static str,
    alpha: Alpha,
    difference: Decimal,
) -> Result<TestResult, Error> {
    if !difference.is_zero() {
        return Err(ErrorKind::NoVariance {
            test,
            difference: difference.to_string(),
        }
        .into());
    }
    Ok(TestResult {
        kind,
        alpha,
        difference,
        standard_error: 0.0,
        statistic: 0.0,
        degrees_of_freedom: None,
        p_value: 1.0,
        ci_low: 0.0,
        ci_high: 0.0,
    })
}

fn difference_of<M: Measure>(earlier: &M, later: &M) -> Result<Decimal, Error> {
    later
        .value()
        .checked_sub(earlier.value())
        .ok_or_else(|| overflow("difference"))
}

/// Welch's t-test of two means given as counts per level (no raw data needed).
///
/// With sample variances s² (divisor n − 1) and `a = s₁²/n₁`, `b = s₂²/n₂`:
/// `t = (x̄₂ − x̄₁) / √(a + b)`, `df = (a + b)² / (a²/(n₁ − 1) + b²/(n₂ − 1))`,
/// p = 2 · P(T_df > |t|), interval `(x̄₂ − x̄₁) ± t_{df, 1−α/2} · √(a + b)`. The same as
/// `scipy.stats.ttest_ind_from_stats(..., equal_var=False)`.
///
/// Each wave needs at least 2 answers. If neither wave has any spread (everyone gave the same
/// answer), equal means give p = 1 and different means are refused with
/// [`ErrorKind::NoVariance`].
///
/// # Example
///
/// ```
/// use csat_trend::{Alpha, LevelCounts, welch_t_test};
///
/// let y2020 = LevelCounts::from_levels([(5, 60), (4, 35), (3, 10)])?;
/// let y2021 = LevelCounts::from_levels([(5, 78), (4, 22), (3, 5)])?;
/// let t = welch_t_test(&y2020, &y2021, Alpha::FIVE_PERCENT)?;
/// assert!(t.statistic() > 0.0);
/// assert!(t.is_significant());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn welch_t_test(
    earlier: &LevelCounts,
    later: &LevelCounts,
    alpha: Alpha,
) -> Result<TestResult, Error> {
    const TEST: &str = "a t-test";
    let variance = |c: &LevelCounts, which| {
        c.sample_variance().ok_or(ErrorKind::TooFewObservations {
            which,
            test: TEST,
            needed: 2,
            found: c.n(),
        })
    };
    let v1 = variance(earlier, "earlier")?;
    let v2 = variance(later, "later")?;
    let n1 = Decimal::from(earlier.n());
    let n2 = Decimal::from(later.n());
    let a = v1 / n1;
    let b = v2 / n2;
    let difference = difference_of(earlier, later)?;
    let se2 = a.checked_add(b).ok_or_else(|| overflow("standard error"))?;
    if se2.is_zero() {
        return no_spread(TestKind::WelchT, TEST, alpha, difference);
    }
    let (af, bf) = (to_f64(a)?, to_f64(b)?);
    let se = (af + bf).sqrt();
    let statistic = to_f64(difference)? / se;
    let df = (af + bf).powi(2)
        / (af.powi(2) / to_f64(n1 - Decimal::ONE)? + bf.powi(2) / to_f64(n2 - Decimal::ONE)?);
    let dist = StudentsT::new(0.0, 1.0, df).map_err(stat_err)?;
    let p_value = (2.0 * dist.sf(statistic.abs())).min(1.0);
    let critical = dist.inverse_cdf(1.0 - alpha.0 / 2.0);
    let centre = to_f64(difference)?;
    Ok(TestResult {
        kind: TestKind::WelchT,
        alpha,
        difference,
        standard_error: se,
        statistic,
        degrees_of_freedom: Some(df),
        p_value,
        ci_low: centre - critical * se,
        ci_high: centre + critical * se,
    })
}

/// Result of a z statistic: two-sided p-value and interval around `centre` with `se_ci`.
fn z_result(
    kind: TestKind,
    alpha: Alpha,
    difference: Decimal,
    statistic: f64,
    se_stat: f64,
    se_ci: f64,
) -> Result<TestResult, Error> {
    let normal = Normal::standard();
    let p_value = (2.0 * normal.sf(statistic.abs())).min(1.0);
    let critical = normal.inverse_cdf(1.0 - alpha.0 / 2.0);
    let centre = to_f64(difference)?;
    Ok(TestResult {
        kind,
        alpha,
        difference,
        standard_error: se_stat,
        statistic,
        degrees_of_freedom: None,
        p_value,
        ci_low: centre - critical * se_ci,
        ci_high: centre + critical * se_ci,
    })
}

/// Two-proportion z-test of two shares.
///
/// With p̂ᵢ = xᵢ/nᵢ and the pooled p̄ = (x₁ + x₂)/(n₁ + n₂):
/// `z = (p̂₂ − p̂₁) / √(p̄(1 − p̄)(1/n₁ + 1/n₂))`, p = 2 · P(Z > |z|). The interval uses the
/// unpooled (Wald) standard error `√(p̂₁(1 − p̂₁)/n₁ + p̂₂(1 − p̂₂)/n₂)`:
/// `(p̂₂ − p̂₁) ± z_{1−α/2} · se`. Differences, standard error and interval are reported in
/// percentage points.
///
/// Both shares 0 % (or both 100 %) give z = 0 and p = 1.
pub fn two_proportion_z_test(
    earlier: &Proportion,
    later: &Proportion,
    alpha: Alpha,
) -> Result<TestResult, Error> {
    let (x1, n1) = (earlier.successes(), earlier.n());
    let (x2, n2) = (later.successes(), later.n());
    let difference = difference_of(earlier, later)?;
    let total = n1.checked_add(n2).ok_or_else(|| overflow("pooled base"))?;
    let hits = x1
        .checked_add(x2)
        .ok_or_else(|| overflow("pooled successes"))?;
    // p̄(1 − p̄)(1/n₁ + 1/n₂) = hits·(total − hits) / (total·n₁·n₂): exact integers, one division.
    let numerator = Decimal::from(hits)
        .checked_mul(Decimal::from(total - hits))
        .ok_or_else(|| overflow("pooled variance"))?;
    let denominator = Decimal::from(total)
        .checked_mul(Decimal::from(n1))
        .and_then(|v| v.checked_mul(Decimal::from(n2)))
        .ok_or_else(|| overflow("pooled variance"))?;
    let pooled_var = numerator
        .checked_div(denominator)
        .ok_or_else(|| overflow("pooled variance"))?;
    if pooled_var.is_zero() {
        return no_spread(
            TestKind::TwoProportionZ,
            "a two-proportion test",
            alpha,
            difference,
        );
    }
    let (p1, p2) = (earlier.fraction(), later.fraction());
    let wald_var =
        p1 * (Decimal::ONE - p1) / Decimal::from(n1) + p2 * (Decimal::ONE - p2) / Decimal::from(n2);
    let se_stat = to_f64(pooled_var)?.sqrt();
    let se_ci = to_f64(wald_var)?.sqrt();
    let statistic = to_f64(p2 - p1)? / se_stat;
    z_result(
        TestKind::TwoProportionZ,
        alpha,
        difference,
        statistic,
        se_stat * 100.0,
        se_ci * 100.0,
    )
}

/// z-test of the difference of two NPS values.
///
/// With p and d the shares of promoters and detractors in each wave's base n, the variance of
/// one answer's score (+1, 0, −1) is `σ² = p + d − (p − d)²`;
/// `z = ΔNPS / √(σ₁²/n₁ + σ₂²/n₂)` (NPS as a fraction), p = 2 · P(Z > |z|), interval
/// `ΔNPS ± z_{1−α/2} · √(σ₁²/n₁ + σ₂²/n₂)`, reported in NPS points.
///
/// Two waves without spread (all promoters, say) give p = 1 when equal and are refused with
/// [`ErrorKind::NoVariance`] when different.
pub fn nps_difference_test(
    earlier: &NpsCounts,
    later: &NpsCounts,
    alpha: Alpha,
) -> Result<TestResult, Error> {
    let difference = difference_of(earlier, later)?;
    let term = |c: &NpsCounts| {
        let n = Decimal::from(c.base());
        let p = Decimal::from(c.promoters()) / n;
        let d = Decimal::from(c.detractors()) / n;
        let net = p - d;
        ((p + d - net * net) / n, net)
    };
    let (t1, net1) = term(earlier);
    let (t2, net2) = term(later);
    let se2 = t1 + t2;
    if se2.is_zero() {
        return no_spread(TestKind::NpsZ, "an NPS test", alpha, difference);
    }
    let se = to_f64(se2)?.sqrt();
    let statistic = to_f64(net2 - net1)? / se;
    z_result(
        TestKind::NpsZ,
        alpha,
        difference,
        statistic,
        se * 100.0,
        se * 100.0,
    )
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn alpha_bounds() {
        assert!(Alpha::new(0.0).is_err());
        assert!(Alpha::new(1.0).is_err());
        assert!(Alpha::new(f64::NAN).is_err());
        assert_eq!(
            Alpha::new(1.5).unwrap_err().to_string(),
            "significance level 1.5 is outside (0, 1)"
        );
        assert!((Alpha::new(0.05).unwrap().confidence() - 0.95).abs() < 1e-15);
        assert!(serde_json::from_str::<Alpha>("2.0").is_err());
    }

    #[test]
    fn welch_needs_two_answers() {
        let one = LevelCounts::from_levels([(5, 1)]).unwrap();
        let many = LevelCounts::from_levels([(5, 3), (4, 2)]).unwrap();
        let e = welch_t_test(&many, &one, Alpha::FIVE_PERCENT).unwrap_err();
        assert_eq!(
            e.to_string(),
            "later figure: a t-test needs at least 2 answers, found 1"
        );
    }

    #[test]
    fn no_spread_equal_and_different() {
        let fives = LevelCounts::from_levels([(5, 10)]).unwrap();
        let fours = LevelCounts::from_levels([(4, 10)]).unwrap();
        let same = welch_t_test(&fives, &fives, Alpha::FIVE_PERCENT).unwrap();
        assert!((same.p_value() - 1.0).abs() < f64::EPSILON);
        assert!(same.statistic().abs() < f64::EPSILON);
        assert!(!same.is_significant());
        let e = welch_t_test(&fives, &fours, Alpha::FIVE_PERCENT).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::NoVariance { .. }));
        let all = NpsCounts::new(10, 0, 0).unwrap();
        let none = NpsCounts::new(0, 0, 10).unwrap();
        assert!(nps_difference_test(&all, &none, Alpha::FIVE_PERCENT).is_err());
        let zero = Proportion::new(0, 10).unwrap();
        let r = two_proportion_z_test(&zero, &zero, Alpha::FIVE_PERCENT).unwrap();
        assert_eq!(r.difference(), dec!(0));
        assert!(!r.is_significant());
    }

    #[test]
    fn direction_of_statistic_follows_later_minus_earlier() {
        let lo = Proportion::new(30, 100).unwrap();
        let hi = Proportion::new(50, 100).unwrap();
        let up = two_proportion_z_test(&lo, &hi, Alpha::FIVE_PERCENT).unwrap();
        let down = two_proportion_z_test(&hi, &lo, Alpha::FIVE_PERCENT).unwrap();
        assert_eq!(up.difference(), dec!(20));
        assert_eq!(down.difference(), dec!(-20));
        assert!(up.statistic() > 0.0);
        assert!((up.statistic() + down.statistic()).abs() < 1e-12);
        assert!((up.p_value() - down.p_value()).abs() < 1e-15);
    }
}
