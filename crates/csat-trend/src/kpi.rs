//! A KPI over time: which waves met the target, and streaks.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::measure::Measure;
use crate::series::Series;

/// Which side of the threshold meets the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetRule {
    /// Met when value ≥ threshold (satisfaction ≥ 90 %).
    AtLeast,
    /// Met when value ≤ threshold (a complaint rate).
    AtMost,
}

/// A target a figure is judged by, compared exactly (never with a rounded value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    #[serde(with = "rust_decimal::serde::str")]
    threshold: Decimal,
    rule: TargetRule,
}

impl Target {
    /// Met when value ≥ `threshold`, e.g. the regulation's overall satisfaction ≥ 90.
    #[must_use]
    pub fn at_least(threshold: Decimal) -> Self {
        Self {
            threshold,
            rule: TargetRule::AtLeast,
        }
    }

    /// Met when value ≤ `threshold`.
    #[must_use]
    pub fn at_most(threshold: Decimal) -> Self {
        Self {
            threshold,
            rule: TargetRule::AtMost,
        }
    }

    /// The threshold.
    #[must_use]
    pub fn threshold(&self) -> Decimal {
        self.threshold
    }

    /// The rule.
    #[must_use]
    pub fn rule(&self) -> TargetRule {
        self.rule
    }

    /// Whether a value meets the target.
    #[must_use]
    pub fn is_met(&self, value: Decimal) -> bool {
        match self.rule {
            TargetRule::AtLeast => value >= self.threshold,
            TargetRule::AtMost => value <= self.threshold,
        }
    }
}

/// A run of consecutive waves with the same outcome.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Streak {
    met: bool,
    first_wave: String,
    last_wave: String,
    length: usize,
}

impl Streak {
    /// Whether the target was met throughout (else missed throughout).
    #[must_use]
    pub fn met(&self) -> bool {
        self.met
    }

    /// The first wave of the run.
    #[must_use]
    pub fn first_wave(&self) -> &str {
        &self.first_wave
    }

    /// The last wave of the run.
    #[must_use]
    pub fn last_wave(&self) -> &str {
        &self.last_wave
    }

    /// Number of waves in the run.
    #[must_use]
    pub fn length(&self) -> usize {
        self.length
    }
}

/// A target checked at every wave of a series.
///
/// Streaks are runs of consecutive waves of the series; a gap (a wave without the figure) ends
/// a run, since nothing says whether the target was met then.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use csat_model::Period;
/// use csat_trend::{Figure, Series, Target, WavePoint};
/// use rust_decimal_macros::dec;
///
/// let q = |id: &str, m| -> Result<WavePoint, Box<dyn std::error::Error>> {
///     let d = NaiveDate::from_ymd_opt(2021, m, 1).ok_or("date")?;
///     Ok(WavePoint::new(id, Period::new(d, d)?)?)
/// };
/// let s = Series::new([
///     (q("Q1", 1)?, Some(Figure::new(dec!(91.2)))),
///     (q("Q2", 4)?, Some(Figure::new(dec!(89.9)))),
///     (q("Q3", 7)?, Some(Figure::new(dec!(90)))),
///     (q("Q4", 10)?, Some(Figure::new(dec!(92.4)))),
/// ])?;
/// let kpi = s.kpi(Target::at_least(dec!(90)));
/// assert_eq!(kpi.met_waves(), ["Q1", "Q3", "Q4"]);
/// let current = kpi.current_run().ok_or("no run")?;
/// assert!(current.met());
/// assert_eq!(current.length(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KpiHistory {
    target: Target,
    outcomes: Series<bool>,
}

impl KpiHistory {
    /// The target.
    #[must_use]
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// Met (`true`) or missed (`false`) per wave; gaps stay gaps.
    #[must_use]
    pub fn outcomes(&self) -> &Series<bool> {
        &self.outcomes
    }

    /// Waves that met the target, in time order.
    #[must_use]
    pub fn met_waves(&self) -> Vec<&str> {
        self.waves_where(true)
    }

    /// Waves that missed the target, in time order.
    #[must_use]
    pub fn missed_waves(&self) -> Vec<&str> {
        self.waves_where(false)
    }

    fn waves_where(&self, met: bool) -> Vec<&str> {
        self.outcomes
            .present()
            .filter(|&(_, &m)| m == met)
            .map(|(w, _)| w.wave_id())
            .collect()
    }

    /// All runs, in time order.
    #[must_use]
    pub fn runs(&self) -> Vec<Streak> {
        let mut runs: Vec<Streak> = Vec::new();
        let mut open = false;
        for e in self.outcomes.entries() {
            match e.value() {
                Some(&met) => {
                    if let Some(last) = runs.last_mut().filter(|r| open && r.met == met) {
                        e.wave_id().clone_into(&mut last.last_wave);
                        last.length += 1;
                    } else {
                        runs.push(Streak {
                            met,
                            first_wave: e.wave_id().to_owned(),
                            last_wave: e.wave_id().to_owned(),
                            length: 1,
                        });
                    }
                    open = true;
                }
                None => open = false,
            }
        }
        runs
    }

    /// The run (met or missed) that ends at the last wave of the series; `None` if that wave
    /// is a gap.
    #[must_use]
    pub fn current_run(&self) -> Option<Streak> {
        let last = self.outcomes.entries().last()?;
        last.value()?;
        self.runs().pop()
    }

    /// The longest run of waves that met the target (the most recent of equally long ones).
    #[must_use]
    pub fn longest_streak(&self) -> Option<Streak> {
        self.runs()
            .into_iter()
            .filter(|r| r.met)
            .fold(None, |best: Option<Streak>, r| match best {
                Some(b) if b.length > r.length => Some(b),
                _ => Some(r),
            })
    }
}

impl<T: Measure> Series<T> {
    /// Checks a target at every wave.
    #[must_use]
    pub fn kpi(&self, target: Target) -> KpiHistory {
        KpiHistory {
            target,
            outcomes: self.map(|v| target.is_met(v.value())),
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::measure::Figure;
    use crate::series::test_support::year;

    fn kpi(values: &[(i32, Option<Decimal>)], target: Target) -> KpiHistory {
        Series::new(values.iter().map(|&(y, v)| (year(y), v.map(Figure::new))))
            .unwrap()
            .kpi(target)
    }

    #[test]
    fn streaks_break_on_misses_and_gaps() {
        let h = kpi(
            &[
                (2014, Some(dec!(91))),
                (2015, Some(dec!(92))),
                (2016, None),
                (2017, Some(dec!(90))),
                (2018, Some(dec!(89.99))),
                (2019, Some(dec!(93))),
                (2020, Some(dec!(94))),
                (2021, Some(dec!(95))),
            ],
            Target::at_least(dec!(90)),
        );
        assert_eq!(h.missed_waves(), ["2018"]);
        let runs: Vec<(bool, usize)> = h.runs().iter().map(|r| (r.met(), r.length())).collect();
        assert_eq!(runs, [(true, 2), (true, 1), (false, 1), (true, 3)]);
        let cur = h.current_run().unwrap();
        assert_eq!(
            (cur.first_wave(), cur.last_wave(), cur.length()),
            ("2019", "2021", 3)
        );
        let best = h.longest_streak().unwrap();
        assert_eq!(best.first_wave(), "2019");
    }

    #[test]
    fn at_most_and_trailing_gap() {
        let h = kpi(
            &[(2020, Some(dec!(3))), (2021, None)],
            Target::at_most(dec!(5)),
        );
        assert_eq!(h.met_waves(), ["2020"]);
        assert!(h.current_run().is_none());
        assert_eq!(h.longest_streak().unwrap().length(), 1);
        let none = kpi(&[(2020, Some(dec!(9)))], Target::at_most(dec!(5)));
        assert!(none.longest_streak().is_none());
        assert!(!none.current_run().unwrap().met());
    }
}
