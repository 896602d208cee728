//! Change between two waves: in points, in percent, with a direction and optionally a test.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, overflow};
use crate::measure::Measure;
use crate::series::{Series, WavePoint, pair_context};
use crate::significance::{Alpha, TestResult};

/// How far a figure may move and still count as flat, in the figure's own units (points),
/// inclusive: with a tolerance of 0.05, a move of exactly 0.05 is flat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "ToleranceRaw", into = "ToleranceRaw")]
pub struct Tolerance(Decimal);

#[derive(Serialize, Deserialize)]
#[serde(transparent)]
struct ToleranceRaw(#[serde(with = "rust_decimal::serde::str")] Decimal);

impl Tolerance {
    /// No tolerance: any non-zero move is up or down.
    pub const ZERO: Tolerance = Tolerance(Decimal::ZERO);

    /// A tolerance of at least zero.
    pub fn new(points: Decimal) -> Result<Self, Error> {
        if points.is_sign_negative() && !points.is_zero() {
            return Err(ErrorKind::InvalidTolerance {
                value: points.to_string(),
            }
            .into());
        }
        Ok(Self(points))
    }

    /// The tolerance in points.
    #[must_use]
    pub fn get(self) -> Decimal {
        self.0
    }
}

impl TryFrom<ToleranceRaw> for Tolerance {
    type Error = Error;

    fn try_from(r: ToleranceRaw) -> Result<Self, Error> {
        Self::new(r.0)
    }
}

impl From<Tolerance> for ToleranceRaw {
    fn from(t: Tolerance) -> Self {
        Self(t.0)
    }
}

/// Which way a figure moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Rose by more than the tolerance.
    Up,
    /// Fell by more than the tolerance.
    Down,
    /// Moved by at most the tolerance.
    Flat,
}

impl Direction {
    /// The direction of a move of `points` given a tolerance.
    #[must_use]
    pub fn of(points: Decimal, tolerance: Tolerance) -> Self {
        if points > tolerance.0 {
            Self::Up
        } else if points < -tolerance.0 {
            Self::Down
        } else {
            Self::Flat
        }
    }
}

/// How changes are judged: the tolerance for "flat" and, optionally, a significance level at
/// which a move must be significant to be called.
///
/// # Example
///
/// ```
/// use csat_trend::{Alpha, ChangeOptions, Tolerance};
/// use rust_decimal_macros::dec;
///
/// let opts = ChangeOptions::new()
///     .with_tolerance(Tolerance::new(dec!(0.01))?)
///     .with_significance(Alpha::FIVE_PERCENT);
/// assert_eq!(opts.significance(), Some(Alpha::FIVE_PERCENT));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ChangeOptions {
    tolerance: Tolerance,
    #[serde(skip_serializing_if = "Option::is_none")]
    significance: Option<Alpha>,
}

impl ChangeOptions {
    /// Zero tolerance, no significance test.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The same options with a tolerance for "flat".
    #[must_use]
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The same options asking for a difference test at level α; a change is then called
    /// only when it is significant.
    #[must_use]
    pub fn with_significance(mut self, alpha: Alpha) -> Self {
        self.significance = Some(alpha);
        self
    }

    /// The tolerance.
    #[must_use]
    pub fn tolerance(&self) -> Tolerance {
        self.tolerance
    }

    /// The significance level, if a test is asked for.
    #[must_use]
    pub fn significance(&self) -> Option<Alpha> {
        self.significance
    }
}

/// The change of a figure from one wave to another.
///
/// `points` is exact: 87.50 − 79.38 = 8.12. `percent` is the change relative to the earlier
/// value's magnitude, points × 100 / |from|, so its sign always matches the direction; it is
/// `None` when the earlier value is zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    from_wave: String,
    to_wave: String,
    #[serde(with = "rust_decimal::serde::str")]
    from: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    to: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    points: Decimal,
    #[serde(
        with = "rust_decimal::serde::str_option",
        skip_serializing_if = "Option::is_none",
        default
    )]
    percent: Option<Decimal>,
    direction: Direction,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    test: Option<TestResult>,
}

impl Change {
    /// The change from `from` (in wave `from_wave`) to `to` (in `to_wave`), judged by `options`.
    ///
    /// Fails when a test is asked for and cannot be run (a bare [`Figure`](crate::Figure), too
    /// few answers, no spread with a non-zero difference), with the two waves as context.
    ///
    /// # Example
    ///
    /// ```
    /// use csat_trend::{Change, ChangeOptions, Direction, Figure};
    /// use rust_decimal_macros::dec;
    ///
    /// let c = Change::between(
    ///     "2020", &Figure::new(dec!(79.38)),
    ///     "2021", &Figure::new(dec!(87.50)),
    ///     &ChangeOptions::new(),
    /// )?;
    /// assert_eq!(c.points(), dec!(8.12));
    /// assert_eq!(c.direction(), Direction::Up);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn between<T: Measure>(
        from_wave: &str,
        from: &T,
        to_wave: &str,
        to: &T,
        options: &ChangeOptions,
    ) -> Result<Self, Error> {
        let context = || pair_context(from_wave, to_wave);
        let (a, b) = (from.value(), to.value());
        let points = b
            .checked_sub(a)
            .ok_or_else(|| overflow("change in points").within(context()))?;
        let percent = if a.is_zero() {
            None
        } else {
            Some(
                points
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|v| v.checked_div(a.abs()))
                    .ok_or_else(|| overflow("change in percent").within(context()))?,
            )
        };
        let test = match options.significance {
            Some(alpha) => {
                Some(T::difference_test(from, to, alpha).map_err(|e| e.within(context()))?)
            }
            None => None,
        };
        Ok(Self {
            from_wave: from_wave.to_owned(),
            to_wave: to_wave.to_owned(),
            from: a,
            to: b,
            points,
            percent,
            direction: Direction::of(points, options.tolerance),
            test,
        })
    }

    /// The earlier wave.
    #[must_use]
    pub fn from_wave(&self) -> &str {
        &self.from_wave
    }

    /// The later wave.
    #[must_use]
    pub fn to_wave(&self) -> &str {
        &self.to_wave
    }

    /// The earlier value.
    #[must_use]
    pub fn from(&self) -> Decimal {
        self.from
    }

    /// The later value.
    #[must_use]
    pub fn to(&self) -> Decimal {
        self.to
    }

    /// to − from, exact.
    #[must_use]
    pub fn points(&self) -> Decimal {
        self.points
    }

    /// points × 100 / |from|; `None` when from is zero.
    #[must_use]
    pub fn percent(&self) -> Option<Decimal> {
        self.percent
    }

    /// The direction by the tolerance alone.
    #[must_use]
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The difference test, when one was asked for.
    #[must_use]
    pub fn test(&self) -> Option<&TestResult> {
        self.test.as_ref()
    }

    /// Whether the move is called: beyond the tolerance and, when a test was asked for,
    /// significant.
    #[must_use]
    pub fn is_called(&self) -> bool {
        self.direction != Direction::Flat
            && self.test.as_ref().is_none_or(TestResult::is_significant)
    }

    /// The direction as it should be reported: [`Direction::Flat`] unless the move is called.
    #[must_use]
    pub fn called_direction(&self) -> Direction {
        if self.is_called() {
            self.direction
        } else {
            Direction::Flat
        }
    }
}

impl<T: Measure> Series<T> {
    /// The change from one wave to another (either may be the earlier one in time; the change
    /// is always `to` minus `from`). Fails on an unknown wave or a gap.
    pub fn change(&self, from: &str, to: &str, options: &ChangeOptions) -> Result<Change, Error> {
        let (_, a) = self.require(from)?;
        let (_, b) = self.require(to)?;
        Change::between(from, a, to, b, options)
    }

    /// The change into `wave` from the nearest earlier wave that has a value (gaps are skipped,
    /// and the change names the wave it came from); `None` when no earlier wave has a value.
    pub fn change_from_previous(
        &self,
        wave: &str,
        options: &ChangeOptions,
    ) -> Result<Option<Change>, Error> {
        let (i, b) = self.require(wave)?;
        let previous = self.entries()[..i]
            .iter()
            .rev()
            .find_map(|e| e.value().map(|v| (e.wave_id(), v)));
        previous
            .map(|(from, a)| Change::between(from, a, wave, b, options))
            .transpose()
    }

    /// The change of the latest wave with a value from the one before it with a value; `None`
    /// with fewer than two values.
    pub fn latest_change(&self, options: &ChangeOptions) -> Result<Option<Change>, Error> {
        match self.latest() {
            Some((w, _)) => self.change_from_previous(w.wave_id(), options),
            None => Ok(None),
        }
    }

    /// For every wave, the change from the previous wave with a value: a series of changes
    /// on the same waves, with a gap where the wave has no value or nothing came before it.
    pub fn changes_from_previous(&self, options: &ChangeOptions) -> Result<Series<Change>, Error> {
        let mut out = Vec::with_capacity(self.len());
        let mut previous: Option<(&WavePoint, &T)> = None;
        for e in self.entries() {
            let change = match (previous, e.value()) {
                (Some((pw, pv)), Some(v)) => {
                    Some(Change::between(pw.wave_id(), pv, e.wave_id(), v, options)?)
                }
                _ => None,
            };
            if let Some(v) = e.value() {
                previous = Some((e.wave(), v));
            }
            out.push((e.wave().clone(), change));
        }
        Ok(Series::from_sorted(out))
    }

    /// For every wave, the change from a chosen base wave (base → wave, also for waves before
    /// the base); a gap at the base itself and where a wave has no value.
    pub fn changes_from_base(
        &self,
        base: &str,
        options: &ChangeOptions,
    ) -> Result<Series<Change>, Error> {
        let (bi, bv) = self.require(base)?;
        let mut out = Vec::with_capacity(self.len());
        for (i, e) in self.entries().iter().enumerate() {
            let change = match e.value() {
                Some(v) if i != bi => Some(Change::between(base, bv, e.wave_id(), v, options)?),
                _ => None,
            };
            out.push((e.wave().clone(), change));
        }
        Ok(Series::from_sorted(out))
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::counts::LevelCounts;
    use crate::measure::Figure;
    use crate::series::test_support::year;

    fn figures(values: &[(i32, Option<Decimal>)]) -> Series<Figure> {
        Series::new(values.iter().map(|&(y, v)| (year(y), v.map(Figure::new)))).unwrap()
    }

    #[test]
    fn points_percent_and_direction() {
        // 87.50 − 79.38 = 8.12 (DOMAIN.md section 5), 8.12 × 100 / 79.38 = 10.229…
        let s = figures(&[(2020, Some(dec!(79.38))), (2021, Some(dec!(87.50)))]);
        let c = s.change("2020", "2021", &ChangeOptions::new()).unwrap();
        assert_eq!(c.points(), dec!(8.12));
        assert_eq!(c.points().to_string(), "8.12");
        assert_eq!(c.percent().unwrap(), dec!(812) / dec!(79.38));
        assert_eq!(c.direction(), Direction::Up);
        assert!(c.is_called());
        let back = s.change("2021", "2020", &ChangeOptions::new()).unwrap();
        assert_eq!(back.points(), dec!(-8.12));
        assert_eq!(back.direction(), Direction::Down);
    }

    #[test]
    fn tolerance_is_inclusive() {
        let tol = Tolerance::new(dec!(0.05)).unwrap();
        assert_eq!(Direction::of(dec!(0.05), tol), Direction::Flat);
        assert_eq!(Direction::of(dec!(-0.05), tol), Direction::Flat);
        assert_eq!(Direction::of(dec!(0.051), tol), Direction::Up);
        assert_eq!(Direction::of(dec!(-0.06), tol), Direction::Down);
        assert!(Tolerance::new(dec!(-0.01)).is_err());
        assert!(Tolerance::new(dec!(-0)).is_ok());
    }

    #[test]
    fn negative_base_percent_keeps_sign() {
        // NPS from −10 to −5: +5 points, +50 % of |−10|.
        let s = figures(&[(2020, Some(dec!(-10))), (2021, Some(dec!(-5)))]);
        let c = s.latest_change(&ChangeOptions::new()).unwrap().unwrap();
        assert_eq!(c.percent(), Some(dec!(50)));
        let z = figures(&[(2020, Some(dec!(0))), (2021, Some(dec!(5)))]);
        assert_eq!(
            z.latest_change(&ChangeOptions::new())
                .unwrap()
                .unwrap()
                .percent(),
            None
        );
    }

    #[test]
    fn previous_skips_gaps_and_base_covers_all() {
        let s = figures(&[
            (2018, Some(dec!(4.40))),
            (2019, Some(dec!(4.50))),
            (2020, None),
            (2021, Some(dec!(4.62))),
        ]);
        let c = s
            .change_from_previous("2021", &ChangeOptions::new())
            .unwrap()
            .unwrap();
        assert_eq!(c.from_wave(), "2019");
        assert_eq!(c.points(), dec!(0.12));
        assert!(
            s.change_from_previous("2018", &ChangeOptions::new())
                .unwrap()
                .is_none()
        );
        let e = s
            .change_from_previous("2020", &ChangeOptions::new())
            .unwrap_err();
        assert_eq!(e.to_string(), "wave \"2020\" has no value (a gap)");

        let all = s.changes_from_previous(&ChangeOptions::new()).unwrap();
        let got: Vec<Option<Decimal>> = all
            .entries()
            .iter()
            .map(|e| e.value().map(Change::points))
            .collect();
        assert_eq!(got, [None, Some(dec!(0.10)), None, Some(dec!(0.12))]);

        let base = s.changes_from_base("2019", &ChangeOptions::new()).unwrap();
        let got: Vec<Option<Decimal>> = base
            .entries()
            .iter()
            .map(|e| e.value().map(Change::points))
            .collect();
        assert_eq!(got, [Some(dec!(-0.10)), None, None, Some(dec!(0.12))]);
        assert!(s.changes_from_base("1999", &ChangeOptions::new()).is_err());
    }

    #[test]
    fn significance_gates_the_call() {
        // Two small waves: a rise of 0.2 on 5 answers each is not significant.
        let before = LevelCounts::from_levels([(5, 2), (4, 2), (3, 1)]).unwrap();
        let after = LevelCounts::from_levels([(5, 3), (4, 1), (3, 1)]).unwrap();
        let s = Series::new([(year(2020), Some(before)), (year(2021), Some(after))]).unwrap();
        let opts = ChangeOptions::new().with_significance(Alpha::FIVE_PERCENT);
        let c = s.change("2020", "2021", &opts).unwrap();
        assert_eq!(c.points(), dec!(0.2));
        assert_eq!(c.direction(), Direction::Up);
        assert!(!c.test().unwrap().is_significant());
        assert!(!c.is_called());
        assert_eq!(c.called_direction(), Direction::Flat);

        let f = figures(&[(2020, Some(dec!(1))), (2021, Some(dec!(2)))]);
        let e = f.change("2020", "2021", &opts).unwrap_err();
        assert_eq!(e.context(), Some("waves \"2020\" -> \"2021\""));
        assert!(matches!(e.kind(), ErrorKind::NotTestable { .. }));
    }

    #[test]
    fn serde_writes_decimals_as_strings() {
        let s = figures(&[(2020, Some(dec!(79.38))), (2021, Some(dec!(87.50)))]);
        let c = s.change("2020", "2021", &ChangeOptions::new()).unwrap();
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["points"], "8.12");
        assert_eq!(json["direction"], "up");
        let back: Change = serde_json::from_value(json).unwrap();
        assert_eq!(back, c);
    }
}
