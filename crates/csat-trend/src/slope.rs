//! Least-squares trend and moving average of a series.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, overflow};
use crate::measure::{Figure, Measure};
use crate::series::Series;

/// Days in a Julian year: the year length of the [`TimeAxis::Years`] axis.
const DAYS_PER_YEAR: Decimal = Decimal::from_parts(36525, 0, 0, false, 2);

/// What the x of a least-squares trend is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TimeAxis {
    /// Years since the first wave of the series: whole days between period start dates,
    /// divided by 365.25. The slope is per year, whatever the spacing of the waves (yearly,
    /// quarterly, irregular).
    #[default]
    Years,
    /// The wave's position in the series (0, 1, 2, …; gaps keep their position). The slope is
    /// per wave.
    WaveIndex,
}

/// A least-squares line through a series' values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trend {
    axis: TimeAxis,
    #[serde(with = "rust_decimal::serde::str")]
    slope: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    intercept: Decimal,
    points: usize,
}

impl Trend {
    /// The axis the slope is measured along.
    #[must_use]
    pub fn axis(&self) -> TimeAxis {
        self.axis
    }

    /// Change per year ([`TimeAxis::Years`]) or per wave ([`TimeAxis::WaveIndex`]).
    #[must_use]
    pub fn slope(&self) -> Decimal {
        self.slope
    }

    /// The fitted value at the first wave of the series (x = 0).
    #[must_use]
    pub fn intercept(&self) -> Decimal {
        self.intercept
    }

    /// Number of values fitted (gaps are left out).
    #[must_use]
    pub fn points(&self) -> usize {
        self.points
    }
}

impl<T: Measure> Series<T> {
    /// The least-squares line through the values (gaps left out).
    ///
    /// With x in whole days (or wave positions) the sums are exact integers and decimals, and
    /// slope = (nΣxy − ΣxΣy) / (nΣx² − (Σx)²) is a single `Decimal` division (times 365.25 on
    /// the year axis); intercept = (Σy − slope·Σx) / n, also from exact sums with one division.
    /// The sums are taken over y − y₀ (y₀ the first value), which gives the same line with
    /// smaller numbers.
    /// Needs at least two values at distinct x.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use csat_model::Period;
    /// use csat_trend::{Figure, Series, TimeAxis, WavePoint};
    /// use rust_decimal_macros::dec;
    ///
    /// let wave = |id: &str, y, m, d| -> Result<WavePoint, Box<dyn std::error::Error>> {
    ///     let day = NaiveDate::from_ymd_opt(y, m, d).ok_or("date")?;
    ///     Ok(WavePoint::new(id, Period::new(day, day)?)?)
    /// };
    /// let s = Series::new([
    ///     (wave("q1", 2021, 1, 1)?, Some(Figure::new(dec!(80)))),
    ///     (wave("q3", 2021, 7, 2)?, Some(Figure::new(dec!(82)))),
    /// ])?;
    /// // 2 points over 182 days: per year 2 × 365.25 / 182.
    /// let t = s.trend(TimeAxis::Years)?;
    /// assert_eq!(t.slope(), dec!(730.5) / dec!(182));
    /// assert_eq!(s.trend(TimeAxis::WaveIndex)?.slope(), dec!(2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn trend(&self, axis: TimeAxis) -> Result<Trend, Error> {
        let origin = self.entries().first().map(|e| e.wave().period().start());
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for (i, e) in self.entries().iter().enumerate() {
            let Some(v) = e.value() else { continue };
            let x = match (axis, origin) {
                (TimeAxis::Years, Some(o)) => {
                    Decimal::from((e.wave().period().start() - o).num_days())
                }
                _ => Decimal::from(i),
            };
            xs.push(x);
            ys.push(v.value());
        }
        let n = xs.len();
        let ov = || overflow("least-squares sums");
        // Fitting y − y₀ instead of y changes neither the slope nor (after adding y₀ back) the
        // intercept, but keeps the sums small: n·ȳ of 28-digit means would be rounded, and a
        // constant series then fits exactly.
        let reference = ys.first().copied().unwrap_or_default();
        for y in &mut ys {
            *y = y.checked_sub(reference).ok_or_else(ov)?;
        }
        let nd = Decimal::from(n);
        let (mut sx, mut sy, mut sxx, mut sxy) =
            (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for (&x, &y) in xs.iter().zip(&ys) {
            sx = sx.checked_add(x).ok_or_else(ov)?;
            sy = sy.checked_add(y).ok_or_else(ov)?;
            sxx = x
                .checked_mul(x)
                .and_then(|v| sxx.checked_add(v))
                .ok_or_else(ov)?;
            sxy = x
                .checked_mul(y)
                .and_then(|v| sxy.checked_add(v))
                .ok_or_else(ov)?;
        }
        let numerator = nd
            .checked_mul(sxy)
            .zip(sx.checked_mul(sy))
            .and_then(|(a, b)| a.checked_sub(b))
            .ok_or_else(ov)?;
        let denominator = nd
            .checked_mul(sxx)
            .zip(sx.checked_mul(sx))
            .and_then(|(a, b)| a.checked_sub(b))
            .ok_or_else(ov)?;
        if n < 2 || denominator.is_zero() {
            return Err(ErrorKind::TooFewPoints { found: n }.into());
        }
        // Per x unit, as one division of exact sums so reversed time gives exactly −slope.
        let slope_x = numerator.checked_div(denominator).ok_or_else(ov)?;
        let slope = match axis {
            TimeAxis::Years => numerator
                .checked_mul(DAYS_PER_YEAR)
                .and_then(|v| v.checked_div(denominator))
                .ok_or_else(ov)?,
            _ => slope_x,
        };
        // (Σy·den − num·Σx) / (n·den): the intercept from the exact sums, one division.
        let intercept = sy
            .checked_mul(denominator)
            .zip(numerator.checked_mul(sx))
            .and_then(|(a, b)| a.checked_sub(b))
            .zip(nd.checked_mul(denominator))
            .and_then(|(a, b)| a.checked_div(b))
            .and_then(|v| v.checked_add(reference))
            .ok_or_else(ov)?;
        Ok(Trend {
            axis,
            slope,
            intercept,
            points: n,
        })
    }

    /// The trailing moving average over `window` consecutive waves: at each wave, the mean of
    /// that wave and the `window − 1` before it. A gap in the window, or fewer than `window`
    /// waves so far, gives a gap (the mean is never taken over fewer values than asked). The
    /// mean is Σ/window, one `Decimal` division.
    pub fn moving_average(&self, window: usize) -> Result<Series<Figure>, Error> {
        if window == 0 {
            return Err(ErrorKind::InvalidWindow { window }.into());
        }
        let k = Decimal::from(window);
        let entries = self.entries();
        let mut out = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let value = if i + 1 >= window {
                let mut sum = Some(Decimal::ZERO);
                for w in &entries[i + 1 - window..=i] {
                    sum = match (sum, w.value()) {
                        (Some(s), Some(v)) => Some(
                            s.checked_add(v.value())
                                .ok_or_else(|| overflow("moving sum"))?,
                        ),
                        _ => None,
                    };
                }
                sum.map(|s| Figure::new(s / k))
            } else {
                None
            };
            out.push((e.wave().clone(), value));
        }
        Ok(Series::from_sorted(out))
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::series::test_support::{on, year};

    #[test]
    fn yearly_trend_by_hand() {
        // 2019-11-24, 2020-11-24, 2021-11-24: x = 0, 366, 731 days (2020 is a leap year).
        // y = 4.50, 4.55, 4.62. n = 3, Σx = 1097, Σy = 13.67, Σx² = 133956 + 534361 = 668317,
        // Σxy = 366·4.55 + 731·4.62 = 1665.30 + 3377.22 = 5042.52.
        // num = 3·5042.52 − 1097·13.67 = 15127.56 − 14995.99 = 131.57
        // den = 3·668317 − 1097² = 2004951 − 1203409 = 801542
        let s = Series::new([
            (year(2019), Some(Figure::new(dec!(4.50)))),
            (year(2020), Some(Figure::new(dec!(4.55)))),
            (year(2021), Some(Figure::new(dec!(4.62)))),
        ])
        .unwrap();
        let t = s.trend(TimeAxis::Years).unwrap();
        assert_eq!(t.slope(), dec!(131.57) * dec!(365.25) / dec!(801542));
        assert_eq!(t.points(), 3);
        // Per wave: x = 0, 1, 2: num = 3·(4.55 + 9.24) − 3·13.67 = 41.37 − 41.01 = 0.36,
        // den = 3·5 − 9 = 6: 0.06 per wave; intercept (13.67·6 − 0.36·3) / 18 = 4.496666…
        let w = s.trend(TimeAxis::WaveIndex).unwrap();
        assert_eq!(w.slope(), dec!(0.06));
        assert_eq!(w.intercept(), (dec!(82.02) - dec!(1.08)) / dec!(18));
    }

    #[test]
    fn trend_needs_two_distinct_points() {
        let s =
            Series::new([(year(2019), Some(Figure::new(dec!(1)))), (year(2020), None)]).unwrap();
        let e = s.trend(TimeAxis::Years).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a trend needs at least 2 values at distinct times, found 1"
        );
    }

    #[test]
    fn irregular_waves_slope_per_year() {
        // 10 points over half a year (2021-01-01 → 2021-07-02 is 182 days) is 10·365.25/182
        // per year.
        let s = Series::new([
            (on("a", 2021, 1, 1), Some(Figure::new(dec!(70)))),
            (on("b", 2021, 7, 2), Some(Figure::new(dec!(80)))),
        ])
        .unwrap();
        assert_eq!(
            s.trend(TimeAxis::Years).unwrap().slope(),
            dec!(3652.5) / dec!(182)
        );
    }

    #[test]
    fn moving_average_respects_gaps() {
        let s = Series::new([
            (year(2017), Some(Figure::new(dec!(1)))),
            (year(2018), Some(Figure::new(dec!(2)))),
            (year(2019), Some(Figure::new(dec!(4)))),
            (year(2020), None),
            (year(2021), Some(Figure::new(dec!(5)))),
        ])
        .unwrap();
        let ma = s.moving_average(2).unwrap();
        let v: Vec<Option<Decimal>> = ma
            .entries()
            .iter()
            .map(|e| e.value().map(Measure::value))
            .collect();
        assert_eq!(v, [None, Some(dec!(1.5)), Some(dec!(3)), None, None]);
        let one = s.moving_average(1).unwrap();
        assert_eq!(one.value("2019").map(Measure::value), Some(dec!(4)));
        assert!(s.moving_average(0).is_err());
    }
}
