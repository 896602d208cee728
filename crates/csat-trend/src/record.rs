//! Record highs and lows ("创历史新高"): a value beyond every earlier wave's.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, overflow};
use crate::measure::Measure;
use crate::series::{Series, pair_context};
use crate::significance::{Alpha, TestResult};

/// Which kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// Above every earlier wave.
    High,
    /// Below every earlier wave.
    Low,
}

/// Whether records must be significant to be called.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct RecordOptions {
    #[serde(skip_serializing_if = "Option::is_none")]
    significance: Option<Alpha>,
}

impl RecordOptions {
    /// No test: every record is called.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Test each record against the earlier best it beat at level α; it is called only when
    /// significant.
    #[must_use]
    pub fn with_significance(mut self, alpha: Alpha) -> Self {
        self.significance = Some(alpha);
        self
    }

    /// The significance level, if a test is asked for.
    #[must_use]
    pub fn significance(&self) -> Option<Alpha> {
        self.significance
    }
}

/// A wave whose value is strictly above (or below) the value of every earlier wave with a value.
///
/// A wave needs at least one earlier value to set a record; equalling the earlier best is not
/// a record. The earlier best it beat is the earliest wave that reached that best.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    kind: RecordKind,
    wave: String,
    #[serde(with = "rust_decimal::serde::str")]
    value: Decimal,
    previous_wave: String,
    #[serde(with = "rust_decimal::serde::str")]
    previous_value: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    margin: Decimal,
    earlier_waves: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    test: Option<TestResult>,
}

impl Record {
    /// High or low.
    #[must_use]
    pub fn kind(&self) -> RecordKind {
        self.kind
    }

    /// The wave that set the record.
    #[must_use]
    pub fn wave(&self) -> &str {
        &self.wave
    }

    /// The record value.
    #[must_use]
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The wave that held the earlier best.
    #[must_use]
    pub fn previous_wave(&self) -> &str {
        &self.previous_wave
    }

    /// The earlier best it beat.
    #[must_use]
    pub fn previous_value(&self) -> Decimal {
        self.previous_value
    }

    /// By how much it beat the earlier best: value − previous value (negative for a low).
    #[must_use]
    pub fn margin(&self) -> Decimal {
        self.margin
    }

    /// How many earlier waves with a value it was compared with.
    #[must_use]
    pub fn earlier_waves(&self) -> usize {
        self.earlier_waves
    }

    /// The test against the earlier best, when one was asked for.
    #[must_use]
    pub fn test(&self) -> Option<&TestResult> {
        self.test.as_ref()
    }

    /// Whether the record is called: always without a test, else only when significant.
    #[must_use]
    pub fn is_called(&self) -> bool {
        self.test.as_ref().is_none_or(TestResult::is_significant)
    }
}

impl<T: Measure> Series<T> {
    /// Whether `wave` sets a record high or low against every earlier wave; `None` if not (or if
    /// no earlier wave has a value). Fails on an unknown wave or a gap, or when a test is asked
    /// for and cannot be run.
    pub fn record_at(&self, wave: &str, options: &RecordOptions) -> Result<Option<Record>, Error> {
        let (i, v) = self.require(wave)?;
        let earlier: Vec<(&str, &T)> = self.entries()[..i]
            .iter()
            .filter_map(|e| e.value().map(|x| (e.wave_id(), x)))
            .collect();
        let value = v.value();
        let mut best_high: Option<(&str, &T, Decimal)> = None;
        let mut best_low: Option<(&str, &T, Decimal)> = None;
        for &(w, x) in &earlier {
            let xv = x.value();
            // Strict comparisons keep the earliest wave that reached each extreme.
            if best_high.is_none_or(|(_, _, b)| xv > b) {
                best_high = Some((w, x, xv));
            }
            if best_low.is_none_or(|(_, _, b)| xv < b) {
                best_low = Some((w, x, xv));
            }
        }
        let beaten = match (best_high, best_low) {
            (Some(h), _) if value > h.2 => Some((RecordKind::High, h)),
            (_, Some(l)) if value < l.2 => Some((RecordKind::Low, l)),
            _ => None,
        };
        let Some((kind, (pw, px, pv))) = beaten else {
            return Ok(None);
        };
        let margin = value
            .checked_sub(pv)
            .ok_or_else(|| overflow("record margin").within(pair_context(pw, wave)))?;
        let test = match options.significance {
            Some(alpha) => Some(
                T::difference_test(px, v, alpha).map_err(|e| e.within(pair_context(pw, wave)))?,
            ),
            None => None,
        };
        Ok(Some(Record {
            kind,
            wave: wave.to_owned(),
            value,
            previous_wave: pw.to_owned(),
            previous_value: pv,
            margin,
            earlier_waves: earlier.len(),
            test,
        }))
    }

    /// Every record in the series' history, in time order.
    pub fn records(&self, options: &RecordOptions) -> Result<Vec<Record>, Error> {
        let mut out = Vec::new();
        for (w, _) in self.present() {
            if let Some(r) = self.record_at(w.wave_id(), options)? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Whether the latest wave with a value sets a record.
    pub fn latest_record(&self, options: &RecordOptions) -> Result<Option<Record>, Error> {
        match self.latest() {
            Some((w, _)) => self.record_at(w.wave_id(), options),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::counts::Proportion;
    use crate::measure::Figure;
    use crate::series::test_support::year;

    fn figures(values: &[(i32, Option<Decimal>)]) -> Series<Figure> {
        Series::new(values.iter().map(|&(y, v)| (year(y), v.map(Figure::new)))).unwrap()
    }

    #[test]
    fn high_low_and_ties() {
        let s = figures(&[
            (2016, Some(dec!(4.50))),
            (2017, Some(dec!(4.50))),
            (2018, Some(dec!(4.40))),
            (2019, None),
            (2020, Some(dec!(4.50))),
            (2021, Some(dec!(4.62))),
        ]);
        let opts = RecordOptions::new();
        // 2016 has nothing before it; 2017 and 2020 only equal the best.
        assert!(s.record_at("2016", &opts).unwrap().is_none());
        assert!(s.record_at("2017", &opts).unwrap().is_none());
        assert!(s.record_at("2020", &opts).unwrap().is_none());
        let low = s.record_at("2018", &opts).unwrap().unwrap();
        assert_eq!(low.kind(), RecordKind::Low);
        assert_eq!(low.previous_wave(), "2016");
        let high = s.latest_record(&opts).unwrap().unwrap();
        assert_eq!(high.kind(), RecordKind::High);
        assert_eq!(high.value(), dec!(4.62));
        // The earliest wave that reached 4.50 holds the earlier best.
        assert_eq!(high.previous_wave(), "2016");
        assert_eq!(high.previous_value(), dec!(4.50));
        assert_eq!(high.margin(), dec!(0.12));
        assert_eq!(high.earlier_waves(), 4);
        assert!(high.is_called());
        let all = s.records(&opts).unwrap();
        let waves: Vec<&str> = all.iter().map(Record::wave).collect();
        assert_eq!(waves, ["2018", "2021"]);
        assert!(s.record_at("2019", &opts).is_err());
    }

    #[test]
    fn extreme_values_give_an_error_not_a_panic() {
        let s = figures(&[(2020, Some(Decimal::MIN)), (2021, Some(Decimal::MAX))]);
        let e = s.latest_record(&RecordOptions::new()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "waves \"2020\" -> \"2021\": record margin is out of range"
        );
        let e = s.latest_change(&crate::ChangeOptions::new()).unwrap_err();
        assert!(matches!(e.kind(), crate::ErrorKind::Overflow { .. }));
    }

    #[test]
    fn record_needs_significance_when_asked() {
        // 52/100 after 50/100: a record high, far from significant.
        let s = Series::new([
            (year(2020), Some(Proportion::new(50, 100).unwrap())),
            (year(2021), Some(Proportion::new(52, 100).unwrap())),
        ])
        .unwrap();
        let r = s
            .latest_record(&RecordOptions::new().with_significance(Alpha::FIVE_PERCENT))
            .unwrap()
            .unwrap();
        assert_eq!(r.margin(), dec!(2));
        assert!(!r.is_called());
        assert!(r.test().unwrap().p_value() > 0.5);
    }
}
