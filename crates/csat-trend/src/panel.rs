//! Many items across waves: per-item changes, rank moves and records, matched by item id.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::change::{Change, ChangeOptions};
use crate::error::{Error, ErrorKind, check_id};
use crate::measure::Measure;
use crate::rank::{RankComparison, Ranking};
use crate::record::{Record, RecordOptions};
use crate::series::{Series, WavePoint, check_waves, wave_context};

/// One wave of a [`Panel`]: its items and their values, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PanelWave<T> {
    wave: WavePoint,
    items: Vec<(String, T)>,
    index: BTreeMap<String, usize>,
}

/// Items across waves: each wave has values for its own set of items (an item new this year,
/// an item dropped, 27 items one year and 26 the next), matched by stable item id. An item
/// missing from a wave is a gap in that item's series.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use csat_model::Period;
/// use csat_trend::{ChangeOptions, Figure, Panel, WavePoint};
/// use rust_decimal_macros::dec;
///
/// let wave = |y: i32| -> Result<WavePoint, Box<dyn std::error::Error>> {
///     let d = NaiveDate::from_ymd_opt(y, 11, 24).ok_or("date")?;
///     Ok(WavePoint::new(y.to_string(), Period::new(d, d)?)?)
/// };
/// let panel = Panel::new([
///     (wave(2020)?, vec![("attitude", Figure::new(dec!(4.60))), ("dropped", Figure::new(dec!(4.1)))]),
///     (wave(2021)?, vec![("attitude", Figure::new(dec!(4.74))), ("new", Figure::new(dec!(4.5)))]),
/// ])?;
/// let ch = panel.changes("2020", "2021", &ChangeOptions::new())?;
/// assert_eq!(ch.changes()[0].change().points(), dec!(0.14));
/// assert_eq!(ch.new_items(), ["new"]);
/// assert_eq!(ch.dropped_items(), ["dropped"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel<T> {
    waves: Vec<PanelWave<T>>,
    items: Vec<String>,
}

impl<T> Panel<T> {
    /// A panel from waves (any order) and their items; fails on a repeated wave, two waves
    /// with the same period, an invalid item id, or an item given twice in one wave.
    pub fn new<S, I>(waves: impl IntoIterator<Item = (WavePoint, I)>) -> Result<Self, Error>
    where
        S: Into<String>,
        I: IntoIterator<Item = (S, T)>,
    {
        let mut out = Vec::new();
        for (wave, items) in waves {
            let mut list = Vec::new();
            let mut index = BTreeMap::new();
            for (item, value) in items {
                let item = item.into();
                check_id("item", &item).map_err(|e| e.within(wave_context(wave.wave_id())))?;
                if index.insert(item.clone(), list.len()).is_some() {
                    return Err(Error::from(ErrorKind::DuplicateItem { item })
                        .within(wave_context(wave.wave_id())));
                }
                list.push((item, value));
            }
            out.push(PanelWave {
                wave,
                items: list,
                index,
            });
        }
        check_waves(out.iter().map(|w| &w.wave))?;
        out.sort_by_key(|w| w.wave.period());
        let mut items: Vec<String> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for w in &out {
            for (item, _) in &w.items {
                if seen.insert(item.as_str()) {
                    items.push(item.clone());
                }
            }
        }
        Ok(Self { waves: out, items })
    }

    /// The waves in time order.
    pub fn waves(&self) -> impl Iterator<Item = &WavePoint> + '_ {
        self.waves.iter().map(|w| &w.wave)
    }

    /// Every item id, in order of first appearance (earliest wave first, then the wave's own
    /// order).
    #[must_use]
    pub fn items(&self) -> &[String] {
        &self.items
    }

    /// The items of one wave with their values, in the order given.
    pub fn wave_items(&self, wave: &str) -> Result<&[(String, T)], Error> {
        Ok(&self.wave(wave)?.items)
    }

    /// The value of an item in a wave; `None` for an unknown wave or an item not in that wave.
    #[must_use]
    pub fn value(&self, wave: &str, item: &str) -> Option<&T> {
        let w = self.waves.iter().find(|w| w.wave.wave_id() == wave)?;
        w.index.get(item).map(|&i| &w.items[i].1)
    }

    fn wave(&self, wave: &str) -> Result<&PanelWave<T>, Error> {
        self.waves
            .iter()
            .find(|w| w.wave.wave_id() == wave)
            .ok_or_else(|| {
                ErrorKind::UnknownWave {
                    wave: wave.to_owned(),
                }
                .into()
            })
    }

    /// One item across all waves, with a gap where a wave does not have it.
    pub fn series(&self, item: &str) -> Result<Series<T>, Error>
    where
        T: Clone,
    {
        if !self.items.iter().any(|i| i == item) {
            return Err(ErrorKind::UnknownItem {
                item: item.to_owned(),
            }
            .into());
        }
        Ok(Series::from_sorted(
            self.waves
                .iter()
                .map(|w| {
                    let v = w.index.get(item).map(|&i| w.items[i].1.clone());
                    (w.wave.clone(), v)
                })
                .collect(),
        ))
    }
}

impl<T: Measure> Panel<T> {
    /// Competition ranks of the items of one wave by value (highest first, exact ties share a
    /// rank, the next rank is skipped).
    pub fn ranking(&self, wave: &str) -> Result<Ranking, Error> {
        let w = self.wave(wave)?;
        Ranking::from_values(w.items.iter().map(|(i, v)| (i.as_str(), v.value())))
            .map_err(|e| e.within(wave_context(wave)))
    }

    /// Each item's rank in `to` against its rank in `from`, each wave ranked among its own
    /// items.
    pub fn rank_comparison(&self, from: &str, to: &str) -> Result<RankComparison, Error> {
        Ok(RankComparison::new(
            &self.ranking(from)?,
            &self.ranking(to)?,
        ))
    }

    /// Each item's change from `from` to `to`, for the items in both waves; items only in
    /// `to` are new, items only in `from` are dropped.
    pub fn changes(
        &self,
        from: &str,
        to: &str,
        options: &ChangeOptions,
    ) -> Result<ItemChanges, Error> {
        let a = self.wave(from)?;
        let b = self.wave(to)?;
        let mut changes = Vec::new();
        let mut new_items = Vec::new();
        for (item, v) in &b.items {
            match a.index.get(item) {
                Some(&i) => {
                    let change = Change::between(from, &a.items[i].1, to, v, options)
                        .map_err(|e| e.within(format!("item {item:?}")))?;
                    changes.push(ItemChange {
                        item: item.clone(),
                        change,
                    });
                }
                None => new_items.push(item.clone()),
            }
        }
        let dropped_items = a
            .items
            .iter()
            .filter(|(item, _)| !b.index.contains_key(item))
            .map(|(item, _)| item.clone())
            .collect();
        Ok(ItemChanges {
            changes,
            new_items,
            dropped_items,
        })
    }

    /// The items of `wave` that set a record high or low against every earlier wave that had
    /// them, in the wave's item order.
    pub fn records(&self, wave: &str, options: &RecordOptions) -> Result<Vec<ItemRecord>, Error>
    where
        T: Clone,
    {
        let w = self.wave(wave)?;
        let mut out = Vec::new();
        for (item, _) in &w.items {
            let series = self.series(item)?;
            if let Some(record) = series
                .record_at(wave, options)
                .map_err(|e| e.within(format!("item {item:?}")))?
            {
                out.push(ItemRecord {
                    item: item.clone(),
                    record,
                });
            }
        }
        Ok(out)
    }
}

/// One item's change between two waves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemChange {
    item: String,
    change: Change,
}

impl ItemChange {
    /// The item id.
    #[must_use]
    pub fn item(&self) -> &str {
        &self.item
    }

    /// Its change.
    #[must_use]
    pub fn change(&self) -> &Change {
        &self.change
    }
}

/// Per-item changes between two waves, with the items that appeared and disappeared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemChanges {
    changes: Vec<ItemChange>,
    new_items: Vec<String>,
    dropped_items: Vec<String>,
}

impl ItemChanges {
    /// Items in both waves, in the later wave's item order.
    #[must_use]
    pub fn changes(&self) -> &[ItemChange] {
        &self.changes
    }

    /// The change of one item.
    #[must_use]
    pub fn get(&self, item: &str) -> Option<&Change> {
        self.changes
            .iter()
            .find(|c| c.item == item)
            .map(|c| &c.change)
    }

    /// Items in both waves, largest move in points first (ties: rises first, then item
    /// order).
    #[must_use]
    pub fn by_size(&self) -> Vec<&ItemChange> {
        let mut v: Vec<&ItemChange> = self.changes.iter().collect();
        v.sort_by(|a, b| {
            b.change
                .points()
                .abs()
                .cmp(&a.change.points().abs())
                .then_with(|| b.change.points().cmp(&a.change.points()))
        });
        v
    }

    /// Items only in the later wave.
    #[must_use]
    pub fn new_items(&self) -> &[String] {
        &self.new_items
    }

    /// Items only in the earlier wave.
    #[must_use]
    pub fn dropped_items(&self) -> &[String] {
        &self.dropped_items
    }
}

/// An item's record in a wave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRecord {
    item: String,
    record: Record,
}

impl ItemRecord {
    /// The item id.
    #[must_use]
    pub fn item(&self) -> &str {
        &self.item
    }

    /// The record.
    #[must_use]
    pub fn record(&self) -> &Record {
        &self.record
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PanelWaveRaw<T> {
    wave: WavePoint,
    items: Vec<PanelItemRaw<T>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PanelItemRaw<T> {
    item: String,
    value: T,
}

#[derive(Serialize)]
struct PanelWaveRef<'a, T> {
    wave: &'a WavePoint,
    items: Vec<PanelItemRef<'a, T>>,
}

#[derive(Serialize)]
struct PanelItemRef<'a, T> {
    item: &'a str,
    value: &'a T,
}

impl<T: Serialize> Serialize for Panel<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let waves: Vec<PanelWaveRef<'_, T>> = self
            .waves
            .iter()
            .map(|w| PanelWaveRef {
                wave: &w.wave,
                items: w
                    .items
                    .iter()
                    .map(|(item, value)| PanelItemRef { item, value })
                    .collect(),
            })
            .collect();
        waves.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Panel<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Vec::<PanelWaveRaw<T>>::deserialize(d)?;
        Self::new(
            raw.into_iter()
                .map(|w| (w.wave, w.items.into_iter().map(|i| (i.item, i.value)))),
        )
        .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::measure::Figure;
    use crate::series::test_support::year;

    fn panel() -> Panel<Figure> {
        Panel::new([
            (
                year(2020),
                vec![
                    ("a", Figure::new(dec!(4.60))),
                    ("b", Figure::new(dec!(4.70))),
                    ("gone", Figure::new(dec!(4.10))),
                ],
            ),
            (
                year(2019),
                vec![
                    ("a", Figure::new(dec!(4.50))),
                    ("b", Figure::new(dec!(4.75))),
                ],
            ),
            (
                year(2021),
                vec![
                    ("b", Figure::new(dec!(4.65))),
                    ("a", Figure::new(dec!(4.74))),
                    ("fresh", Figure::new(dec!(4.80))),
                ],
            ),
        ])
        .unwrap()
    }

    #[test]
    fn items_in_first_appearance_order_and_series_with_gaps() {
        let p = panel();
        assert_eq!(p.items(), ["a", "b", "gone", "fresh"]);
        let s = p.series("gone").unwrap();
        let v: Vec<Option<Figure>> = s.entries().iter().map(|e| e.value().copied()).collect();
        assert_eq!(v, [None, Some(Figure::new(dec!(4.10))), None]);
        assert!(p.series("nope").is_err());
        assert_eq!(p.value("2021", "a"), Some(&Figure::new(dec!(4.74))));
        assert_eq!(p.value("2021", "gone"), None);
    }

    #[test]
    fn changes_ranks_and_records() {
        let p = panel();
        let ch = p.changes("2020", "2021", &ChangeOptions::new()).unwrap();
        // a: 4.74 − 4.60 = 0.14; b: 4.65 − 4.70 = −0.05.
        assert_eq!(ch.get("a").unwrap().points(), dec!(0.14));
        assert_eq!(ch.get("b").unwrap().points(), dec!(-0.05));
        let order: Vec<&str> = ch.by_size().iter().map(|c| c.item()).collect();
        assert_eq!(order, ["a", "b"]);
        assert_eq!(ch.new_items(), ["fresh"]);
        assert_eq!(ch.dropped_items(), ["gone"]);

        let rc = p.rank_comparison("2020", "2021").unwrap();
        // 2020: b 1, a 2, gone 3; 2021: fresh 1, a 2, b 3.
        assert_eq!(
            rc.get("b").map(|c| (c.previous(), c.current())),
            Some((1, 3))
        );
        assert_eq!(rc.get("a").map(crate::RankChange::places), Some(0));

        // a's 4.74 beats 4.50 (2019) and 4.60 (2020); b's 4.65 is a low below 4.70 and 4.75.
        let recs = p.records("2021", &RecordOptions::new()).unwrap();
        let got: Vec<(&str, crate::RecordKind, &str)> = recs
            .iter()
            .map(|r| (r.item(), r.record().kind(), r.record().previous_wave()))
            .collect();
        assert_eq!(
            got,
            [
                ("b", crate::RecordKind::Low, "2020"),
                ("a", crate::RecordKind::High, "2020")
            ]
        );
    }

    #[test]
    fn duplicate_item_in_a_wave_names_the_wave() {
        let e = Panel::new([(
            year(2020),
            vec![("a", Figure::new(dec!(1))), ("a", Figure::new(dec!(2)))],
        )])
        .unwrap_err();
        assert_eq!(e.to_string(), "wave \"2020\": item \"a\" appears twice");
    }

    #[test]
    fn serde_round_trip() {
        let p = panel();
        let json = serde_json::to_string(&p).unwrap();
        let back: Panel<Figure> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
    }
}
