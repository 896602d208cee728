//! A figure across waves, ordered by period, with gaps.

use csat_model::{Period, WaveInfo};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, ErrorKind, check_id};

/// A wave's place in time: its id and fieldwork period.
///
/// Waves are ordered by period (start, then end), so yearly, quarterly and irregular waves all
/// work; the wave id only identifies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "WavePointRaw", into = "WavePointRaw")]
pub struct WavePoint {
    wave_id: String,
    period: Period,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WavePointRaw {
    wave_id: String,
    period: Period,
}

impl WavePoint {
    /// A wave with a non-empty id without surrounding white space.
    pub fn new(wave_id: impl Into<String>, period: Period) -> Result<Self, Error> {
        let wave_id = wave_id.into();
        check_id("wave", &wave_id)?;
        Ok(Self { wave_id, period })
    }

    /// The wave id, e.g. `2021`.
    #[must_use]
    pub fn wave_id(&self) -> &str {
        &self.wave_id
    }

    /// The fieldwork period.
    #[must_use]
    pub fn period(&self) -> Period {
        self.period
    }
}

impl From<&WaveInfo> for WavePoint {
    fn from(w: &WaveInfo) -> Self {
        // WaveInfo validated its id with the same rule.
        Self {
            wave_id: w.id().to_owned(),
            period: w.period(),
        }
    }
}

impl TryFrom<WavePointRaw> for WavePoint {
    type Error = Error;

    fn try_from(r: WavePointRaw) -> Result<Self, Error> {
        Self::new(r.wave_id, r.period)
    }
}

impl From<WavePoint> for WavePointRaw {
    fn from(p: WavePoint) -> Self {
        Self {
            wave_id: p.wave_id,
            period: p.period,
        }
    }
}

/// One wave of a [`Series`]: the wave and its value, `None` for a gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry<T> {
    wave: WavePoint,
    value: Option<T>,
}

impl<T> Entry<T> {
    /// The wave.
    #[must_use]
    pub fn wave(&self) -> &WavePoint {
        &self.wave
    }

    /// The wave id.
    #[must_use]
    pub fn wave_id(&self) -> &str {
        &self.wave.wave_id
    }

    /// The value, `None` when the wave has no value (a gap, never a zero).
    #[must_use]
    pub fn value(&self) -> Option<&T> {
        self.value.as_ref()
    }
}

/// A figure across waves, in time order.
///
/// Every wave appears once; a wave without the figure (the item was not asked, the segment was
/// empty, the survey did not run) is a gap (`None`), which no computation treats as zero.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use csat_model::Period;
/// use csat_trend::{Figure, Series, WavePoint};
/// use rust_decimal_macros::dec;
///
/// let year = |y| -> Result<WavePoint, Box<dyn std::error::Error>> {
///     let p = Period::new(
///         NaiveDate::from_ymd_opt(y, 11, 24).ok_or("date")?,
///         NaiveDate::from_ymd_opt(y, 11, 30).ok_or("date")?,
///     )?;
///     Ok(WavePoint::new(y.to_string(), p)?)
/// };
/// // Given out of order: the series sorts by period.
/// let s = Series::new([
///     (year(2021)?, Some(Figure::new(dec!(4.62)))),
///     (year(2019)?, Some(Figure::new(dec!(4.50)))),
///     (year(2020)?, None),
/// ])?;
/// let ids: Vec<&str> = s.entries().iter().map(|e| e.wave_id()).collect();
/// assert_eq!(ids, ["2019", "2020", "2021"]);
/// assert!(s.value("2020").is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series<T> {
    entries: Vec<Entry<T>>,
}

impl<T> Series<T> {
    /// A series from waves and values in any order; fails if a wave id repeats or two waves
    /// share the same period.
    pub fn new(entries: impl IntoIterator<Item = (WavePoint, Option<T>)>) -> Result<Self, Error> {
        Self::from_entries(
            entries
                .into_iter()
                .map(|(wave, value)| Entry { wave, value })
                .collect(),
        )
    }

    fn from_entries(mut entries: Vec<Entry<T>>) -> Result<Self, Error> {
        check_waves(entries.iter().map(|e| &e.wave))?;
        entries.sort_by_key(|e| e.wave.period);
        Ok(Self { entries })
    }

    /// The waves in time order with their values.
    #[must_use]
    pub fn entries(&self) -> &[Entry<T>] {
        &self.entries
    }

    /// Number of waves, gaps included.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the series has no waves.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The waves in time order.
    pub fn waves(&self) -> impl Iterator<Item = &WavePoint> + '_ {
        self.entries.iter().map(|e| &e.wave)
    }

    /// The waves that have a value, with it, in time order.
    pub fn present(&self) -> impl Iterator<Item = (&WavePoint, &T)> + '_ {
        self.entries
            .iter()
            .filter_map(|e| e.value.as_ref().map(|v| (&e.wave, v)))
    }

    /// Position of a wave in time order.
    #[must_use]
    pub fn position(&self, wave_id: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.wave.wave_id == wave_id)
    }

    /// The entry of a wave.
    #[must_use]
    pub fn get(&self, wave_id: &str) -> Option<&Entry<T>> {
        self.entries.iter().find(|e| e.wave.wave_id == wave_id)
    }

    /// The value of a wave; `None` for an unknown wave or a gap.
    #[must_use]
    pub fn value(&self, wave_id: &str) -> Option<&T> {
        self.get(wave_id).and_then(|e| e.value.as_ref())
    }

    /// The latest wave that has a value.
    #[must_use]
    pub fn latest(&self) -> Option<(&WavePoint, &T)> {
        self.entries
            .iter()
            .rev()
            .find_map(|e| e.value.as_ref().map(|v| (&e.wave, v)))
    }

    /// The same waves with each value transformed; gaps stay gaps.
    #[must_use]
    pub fn map<U>(&self, mut f: impl FnMut(&T) -> U) -> Series<U> {
        Series {
            entries: self
                .entries
                .iter()
                .map(|e| Entry {
                    wave: e.wave.clone(),
                    value: e.value.as_ref().map(&mut f),
                })
                .collect(),
        }
    }

    /// The same waves with each value transformed by a fallible function; the first error is
    /// returned with the wave it came from as context.
    pub fn try_map<U>(
        &self,
        mut f: impl FnMut(&T) -> Result<U, Error>,
    ) -> Result<Series<U>, Error> {
        let mut entries = Vec::with_capacity(self.entries.len());
        for e in &self.entries {
            let value = match &e.value {
                Some(v) => Some(f(v).map_err(|err| err.within(wave_context(&e.wave.wave_id)))?),
                None => None,
            };
            entries.push(Entry {
                wave: e.wave.clone(),
                value,
            });
        }
        Ok(Series { entries })
    }

    /// Index and value of a wave that must exist and have a value.
    pub(crate) fn require(&self, wave_id: &str) -> Result<(usize, &T), Error> {
        let i = self
            .position(wave_id)
            .ok_or_else(|| ErrorKind::UnknownWave {
                wave: wave_id.to_owned(),
            })?;
        let v = self.entries[i]
            .value
            .as_ref()
            .ok_or_else(|| ErrorKind::Gap {
                wave: wave_id.to_owned(),
            })?;
        Ok((i, v))
    }

    /// Builds a series that is already known to be in order with unique waves.
    pub(crate) fn from_sorted(entries: Vec<(WavePoint, Option<T>)>) -> Self {
        Self {
            entries: entries
                .into_iter()
                .map(|(wave, value)| Entry { wave, value })
                .collect(),
        }
    }
}

pub(crate) fn wave_context(wave_id: &str) -> String {
    format!("wave {wave_id:?}")
}

pub(crate) fn pair_context(from: &str, to: &str) -> String {
    format!("waves {from:?} -> {to:?}")
}

/// Unique wave ids and distinct periods.
pub(crate) fn check_waves<'a>(waves: impl Iterator<Item = &'a WavePoint>) -> Result<(), Error> {
    let mut seen: Vec<&WavePoint> = Vec::new();
    for w in waves {
        for s in &seen {
            if s.wave_id == w.wave_id {
                return Err(ErrorKind::DuplicateWave {
                    wave: w.wave_id.clone(),
                }
                .into());
            }
            if s.period == w.period {
                return Err(ErrorKind::SamePeriod {
                    first: s.wave_id.clone(),
                    second: w.wave_id.clone(),
                }
                .into());
            }
        }
        seen.push(w);
    }
    Ok(())
}

impl<T: Serialize> Serialize for Series<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.entries.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Series<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let entries = Vec::<Entry<T>>::deserialize(d)?;
        Self::from_entries(entries).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use chrono::NaiveDate;
    use csat_model::Period;

    use super::WavePoint;

    /// A wave on 24-30 November of `year`, id = the year.
    pub(crate) fn year(year: i32) -> WavePoint {
        let p = Period::new(
            NaiveDate::from_ymd_opt(year, 11, 24).expect("valid date"),
            NaiveDate::from_ymd_opt(year, 11, 30).expect("valid date"),
        )
        .expect("valid period");
        WavePoint::new(year.to_string(), p).expect("valid id")
    }

    /// A wave starting on a given date, lasting one day.
    pub(crate) fn on(id: &str, y: i32, m: u32, d: u32) -> WavePoint {
        let day = NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
        WavePoint::new(id, Period::new(day, day).expect("valid period")).expect("valid id")
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::year;
    use super::*;

    #[test]
    fn sorts_by_period_and_keeps_gaps() {
        let s = Series::new([
            (year(2021), Some(3)),
            (year(2019), None),
            (year(2020), Some(1)),
        ])
        .unwrap();
        let ids: Vec<&str> = s.waves().map(WavePoint::wave_id).collect();
        assert_eq!(ids, ["2019", "2020", "2021"]);
        assert_eq!(s.value("2019"), None);
        assert_eq!(
            s.latest().map(|(w, v)| (w.wave_id(), *v)),
            Some(("2021", 3))
        );
        assert_eq!(s.present().count(), 2);
    }

    #[test]
    fn duplicate_wave_and_same_period_are_refused() {
        let e = Series::new([(year(2020), Some(1)), (year(2020), Some(2))]).unwrap_err();
        assert_eq!(e.to_string(), "wave \"2020\" appears twice");
        let other = WavePoint::new("2020b", year(2020).period()).unwrap();
        let e = Series::new([(year(2020), Some(1)), (other, Some(2))]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::SamePeriod { .. }));
    }

    #[test]
    fn invalid_wave_id_is_refused() {
        let e = WavePoint::new(" 2020", year(2020).period()).unwrap_err();
        assert!(matches!(
            e.kind(),
            ErrorKind::InvalidId { what: "wave", .. }
        ));
    }

    #[test]
    fn serde_round_trip_revalidates() {
        let s = Series::new([(year(2019), Some(1)), (year(2020), None)]).unwrap();
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(
            json,
            r#"[{"wave":{"wave_id":"2019","period":{"start":"2019-11-24","end":"2019-11-30"}},"value":1},{"wave":{"wave_id":"2020","period":{"start":"2020-11-24","end":"2020-11-30"}},"value":null}]"#
        );
        let back: Series<i32> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        let dup = json.replace("\"2020\"", "\"2019\"");
        assert!(serde_json::from_str::<Series<i32>>(&dup).is_err());
    }
}
