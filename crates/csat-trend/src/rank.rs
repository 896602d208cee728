//! Ranks of items in a wave and how they moved between waves, matched by item id.

use std::collections::BTreeMap;

use csat_scoring::ranking::competition_rank;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, check_id};

/// Items and their ranks in one wave (1 = best).
///
/// Ranks come in as data (e.g. the scoring engine's, or a published report's column), or are
/// computed here from values with the same competition rule: higher values rank first, items
/// with exactly equal values share a rank, and the next rank is skipped (1, 2, 3, 3, 5).
///
/// # Example
///
/// ```
/// use csat_trend::Ranking;
/// use rust_decimal_macros::dec;
///
/// let r = Ranking::from_values([
///     ("a", dec!(4.70)), ("b", dec!(4.66)), ("c", dec!(4.66)), ("d", dec!(4.65)),
/// ])?;
/// assert_eq!(r.rank("c"), Some(2));
/// assert_eq!(r.rank("d"), Some(4));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<RankedItem>", into = "Vec<RankedItem>")]
pub struct Ranking {
    ranks: BTreeMap<String, u32>,
}

/// One item and its rank.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RankedItem {
    /// The item id.
    pub item: String,
    /// Its rank, from 1.
    pub rank: u32,
}

impl Ranking {
    /// Ranks given as data; fails on a repeated or invalid item id or a rank of 0.
    pub fn from_ranks<S: Into<String>>(
        ranks: impl IntoIterator<Item = (S, u32)>,
    ) -> Result<Self, Error> {
        let mut map = BTreeMap::new();
        for (item, rank) in ranks {
            let item = item.into();
            check_id("item", &item)?;
            if rank == 0 {
                return Err(ErrorKind::InvalidRank { item, rank }.into());
            }
            if map.contains_key(&item) {
                return Err(ErrorKind::DuplicateItem { item }.into());
            }
            map.insert(item, rank);
        }
        Ok(Self { ranks: map })
    }

    /// Competition ranks of values, highest first; exactly equal values share a rank and the
    /// next rank is skipped. Full precision is compared, never a rounded display value.
    pub fn from_values<S: Into<String>>(
        values: impl IntoIterator<Item = (S, Decimal)>,
    ) -> Result<Self, Error> {
        let (items, values): (Vec<String>, Vec<Option<Decimal>>) =
            values.into_iter().map(|(s, v)| (s.into(), Some(v))).unzip();
        // The scoring engine's rule, so that ranks computed here and there always agree.
        let placements = competition_rank(&values);
        Self::from_ranks(
            placements
                .into_iter()
                .map(|p| (items[p.index].clone(), p.rank)),
        )
    }

    /// The rank of an item.
    #[must_use]
    pub fn rank(&self, item: &str) -> Option<u32> {
        self.ranks.get(item).copied()
    }

    /// Number of ranked items.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ranks.len()
    }

    /// Whether no item is ranked.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ranks.is_empty()
    }

    /// Items in rank order (ties by item id).
    #[must_use]
    pub fn in_order(&self) -> Vec<RankedItem> {
        let mut v: Vec<RankedItem> = self
            .ranks
            .iter()
            .map(|(item, &rank)| RankedItem {
                item: item.clone(),
                rank,
            })
            .collect();
        v.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.item.cmp(&b.item)));
        v
    }

    /// How the items moved from `previous` to this ranking.
    #[must_use]
    pub fn compare_with(&self, previous: &Ranking) -> RankComparison {
        RankComparison::new(previous, self)
    }
}

impl TryFrom<Vec<RankedItem>> for Ranking {
    type Error = Error;

    fn try_from(v: Vec<RankedItem>) -> Result<Self, Error> {
        Self::from_ranks(v.into_iter().map(|r| (r.item, r.rank)))
    }
}

impl From<Ranking> for Vec<RankedItem> {
    fn from(r: Ranking) -> Self {
        r.in_order()
    }
}

/// One item's rank in two waves.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RankChange {
    item: String,
    previous: u32,
    current: u32,
}

impl RankChange {
    /// The item id.
    #[must_use]
    pub fn item(&self) -> &str {
        &self.item
    }

    /// Its rank in the earlier wave.
    #[must_use]
    pub fn previous(&self) -> u32 {
        self.previous
    }

    /// Its rank in the later wave.
    #[must_use]
    pub fn current(&self) -> u32 {
        self.current
    }

    /// Places moved up: previous − current (5 → 1 is +4, 4 → 11 is −7).
    #[must_use]
    pub fn places(&self) -> i64 {
        i64::from(self.previous) - i64::from(self.current)
    }
}

/// Ranks of two waves matched by item id: items in both, items new in the later wave, items
/// dropped from it. Ranks are compared as given; they are not renumbered over the common items
/// (a report's 2020 column keeps 2020's ranks among 2020's 27 items).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankComparison {
    matched: Vec<RankChange>,
    new_items: Vec<RankedItem>,
    dropped_items: Vec<RankedItem>,
}

impl RankComparison {
    /// Compares `current` with `previous`.
    #[must_use]
    pub fn new(previous: &Ranking, current: &Ranking) -> Self {
        let mut matched = Vec::new();
        let mut new_items = Vec::new();
        for r in current.in_order() {
            match previous.rank(&r.item) {
                Some(p) => matched.push(RankChange {
                    item: r.item,
                    previous: p,
                    current: r.rank,
                }),
                None => new_items.push(r),
            }
        }
        let dropped_items = previous
            .in_order()
            .into_iter()
            .filter(|r| current.rank(&r.item).is_none())
            .collect();
        Self {
            matched,
            new_items,
            dropped_items,
        }
    }

    /// Items ranked in both waves, in the later wave's rank order (ties by item id).
    #[must_use]
    pub fn matched(&self) -> &[RankChange] {
        &self.matched
    }

    /// The match of one item.
    #[must_use]
    pub fn get(&self, item: &str) -> Option<&RankChange> {
        self.matched.iter().find(|c| c.item == item)
    }

    /// Items that moved, largest move first (ties: rises before falls, then the later wave's
    /// rank order).
    #[must_use]
    pub fn movers(&self) -> Vec<&RankChange> {
        let mut v: Vec<&RankChange> = self.matched.iter().filter(|c| c.places() != 0).collect();
        v.sort_by(|a, b| {
            b.places()
                .abs()
                .cmp(&a.places().abs())
                .then_with(|| b.places().cmp(&a.places()))
                .then_with(|| a.current.cmp(&b.current))
                .then_with(|| a.item.cmp(&b.item))
        });
        v
    }

    /// Items ranked only in the later wave.
    #[must_use]
    pub fn new_items(&self) -> &[RankedItem] {
        &self.new_items
    }

    /// Items ranked only in the earlier wave.
    #[must_use]
    pub fn dropped_items(&self) -> &[RankedItem] {
        &self.dropped_items
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn competition_ranks_by_hand() {
        // DOMAIN.md section 2: 1, 2, 3, 3, 5.
        let r = Ranking::from_values([
            ("e", dec!(4.1)),
            ("a", dec!(4.9)),
            ("c", dec!(4.5)),
            ("b", dec!(4.7)),
            ("d", dec!(4.50)),
        ])
        .unwrap();
        let got: Vec<(String, u32)> = r.in_order().into_iter().map(|x| (x.item, x.rank)).collect();
        let want = [("a", 1), ("b", 2), ("c", 3), ("d", 3), ("e", 5)];
        assert_eq!(got, want.map(|(i, r)| (i.to_owned(), r)).to_vec());
    }

    #[test]
    fn ranks_as_data_are_checked() {
        let e = Ranking::from_ranks([("a", 1), ("a", 2)]).unwrap_err();
        assert_eq!(e.to_string(), "item \"a\" appears twice");
        let e = Ranking::from_ranks([("a", 0)]).unwrap_err();
        assert_eq!(e.to_string(), "item \"a\" has rank 0; ranks start at 1");
        assert!(Ranking::from_ranks([("", 1)]).is_err());
    }

    #[test]
    fn new_dropped_and_movers() {
        let before = Ranking::from_ranks([("a", 1), ("b", 2), ("c", 3), ("old", 4)]).unwrap();
        let after = Ranking::from_ranks([("c", 1), ("a", 2), ("new", 3), ("b", 4)]).unwrap();
        let cmp = after.compare_with(&before);
        let m: Vec<(&str, i64)> = cmp
            .movers()
            .iter()
            .map(|c| (c.item(), c.places()))
            .collect();
        assert_eq!(m, [("c", 2), ("b", -2), ("a", -1)]);
        assert_eq!(
            cmp.new_items(),
            [RankedItem {
                item: "new".into(),
                rank: 3
            }]
        );
        assert_eq!(
            cmp.dropped_items(),
            [RankedItem {
                item: "old".into(),
                rank: 4
            }]
        );
        assert_eq!(cmp.get("a").map(RankChange::previous), Some(1));
        let json = serde_json::to_string(&before).unwrap();
        assert_eq!(serde_json::from_str::<Ranking>(&json).unwrap(), before);
    }
}
