//! Category shares by wave: the same options every wave, as shares of those who answered.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::change::ChangeOptions;
use crate::counts::Proportion;
use crate::error::{Error, ErrorKind, check_id};
use crate::measure::Measure;
use crate::panel::{ItemChanges, Panel};
use crate::series::WavePoint;

/// One wave's answers to a choice question: how many answered, and how many chose each
/// option. Counts may add up to more than `answered` (multiple choice); each is at most
/// `answered`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ShareCountsRaw", into = "ShareCountsRaw")]
pub struct ShareCounts {
    answered: u64,
    counts: Vec<(String, u64)>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShareCountsRaw {
    answered: u64,
    counts: Vec<OptionCountRaw>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionCountRaw {
    option: String,
    count: u64,
}

impl ShareCounts {
    /// Counts per option (in display order) out of `answered` respondents. List every option
    /// offered, with 0 where no one chose it: an option left out is "not offered" in that wave
    /// (a gap), not zero.
    pub fn new<S: Into<String>>(
        answered: u64,
        counts: impl IntoIterator<Item = (S, u64)>,
    ) -> Result<Self, Error> {
        if answered == 0 {
            return Err(invalid("no one answered".to_owned()));
        }
        let mut out: Vec<(String, u64)> = Vec::new();
        for (option, count) in counts {
            let option = option.into();
            check_id("option", &option)?;
            if out.iter().any(|(o, _)| *o == option) {
                return Err(invalid(format!("option {option:?} is given twice")));
            }
            if count > answered {
                return Err(invalid(format!(
                    "option {option:?} chosen {count} times by {answered} respondents"
                )));
            }
            out.push((option, count));
        }
        Ok(Self {
            answered,
            counts: out,
        })
    }

    /// Respondents who answered the question.
    #[must_use]
    pub fn answered(&self) -> u64 {
        self.answered
    }

    /// Options and how many chose each.
    #[must_use]
    pub fn counts(&self) -> &[(String, u64)] {
        &self.counts
    }
}

fn invalid(problem: String) -> Error {
    ErrorKind::InvalidCounts {
        what: "share counts",
        problem,
    }
    .into()
}

impl TryFrom<ShareCountsRaw> for ShareCounts {
    type Error = Error;

    fn try_from(r: ShareCountsRaw) -> Result<Self, Error> {
        Self::new(
            r.answered,
            r.counts.into_iter().map(|c| (c.option, c.count)),
        )
    }
}

impl From<ShareCounts> for ShareCountsRaw {
    fn from(c: ShareCounts) -> Self {
        Self {
            answered: c.answered,
            counts: c
                .counts
                .into_iter()
                .map(|(option, count)| OptionCountRaw { option, count })
                .collect(),
        }
    }
}

/// A choice question's option shares across waves (e.g. public-cloud adoption by year).
///
/// Each option's share is count × 100 / answered, in percent, exact up to `Decimal`'s 28
/// significant digits. Changes between waves are in percentage points and can be tested with
/// the two-proportion z-test.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use csat_model::Period;
/// use csat_trend::{CategoryShares, ChangeOptions, ShareCounts, WavePoint};
/// use rust_decimal_macros::dec;
///
/// let wave = |y: i32| -> Result<WavePoint, Box<dyn std::error::Error>> {
///     let d = NaiveDate::from_ymd_opt(y, 11, 24).ok_or("date")?;
///     Ok(WavePoint::new(y.to_string(), Period::new(d, d)?)?)
/// };
/// let shares = CategoryShares::new([
///     (wave(2020)?, ShareCounts::new(80, [("public", 12), ("private", 60), ("none", 8)])?),
///     (wave(2021)?, ShareCounts::new(100, [("public", 25), ("private", 65), ("none", 10)])?),
/// ])?;
/// let table = shares.table();
/// assert_eq!(table.rows()[0].shares(), [Some(dec!(15)), Some(dec!(25))]);
/// let ch = shares.changes("2020", "2021", &ChangeOptions::new())?;
/// assert_eq!(ch.get("public").ok_or("public")?.points(), dec!(10));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryShares {
    panel: Panel<Proportion>,
}

impl CategoryShares {
    /// Shares from each wave's counts; fails on a repeated wave or two waves with the same
    /// period.
    pub fn new(waves: impl IntoIterator<Item = (WavePoint, ShareCounts)>) -> Result<Self, Error> {
        let mut rows = Vec::new();
        for (wave, counts) in waves {
            let mut items = Vec::with_capacity(counts.counts.len());
            for (option, count) in counts.counts {
                items.push((option, Proportion::new(count, counts.answered)?));
            }
            rows.push((wave, items));
        }
        Ok(Self {
            panel: Panel::new(rows)?,
        })
    }

    /// The shares as a panel of proportions (option id = item id), for rank, record and
    /// series queries.
    #[must_use]
    pub fn panel(&self) -> &Panel<Proportion> {
        &self.panel
    }

    /// The table: one row per option (order of first appearance), one column per wave in time
    /// order; an option not offered in a wave is `None`.
    #[must_use]
    pub fn table(&self) -> ShareTable {
        let waves: Vec<WavePoint> = self.panel.waves().cloned().collect();
        let rows = self
            .panel
            .items()
            .iter()
            .map(|option| ShareRow {
                option: option.clone(),
                shares: waves
                    .iter()
                    .map(|w| self.panel.value(w.wave_id(), option).map(Measure::value))
                    .collect(),
            })
            .collect();
        ShareTable { waves, rows }
    }

    /// Each option's change in percentage points from one wave to another, with the options
    /// that appeared or disappeared.
    pub fn changes(
        &self,
        from: &str,
        to: &str,
        options: &ChangeOptions,
    ) -> Result<ItemChanges, Error> {
        self.panel.changes(from, to, options)
    }
}

/// Option shares by wave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareTable {
    waves: Vec<WavePoint>,
    rows: Vec<ShareRow>,
}

impl ShareTable {
    /// The columns: waves in time order.
    #[must_use]
    pub fn waves(&self) -> &[WavePoint] {
        &self.waves
    }

    /// One row per option.
    #[must_use]
    pub fn rows(&self) -> &[ShareRow] {
        &self.rows
    }
}

/// One option's share in each wave, in percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareRow {
    option: String,
    #[serde(with = "share_list")]
    shares: Vec<Option<Decimal>>,
}

impl ShareRow {
    /// The option id.
    #[must_use]
    pub fn option(&self) -> &str {
        &self.option
    }

    /// Its share per wave (same order as [`ShareTable::waves`]); `None` where not offered.
    #[must_use]
    pub fn shares(&self) -> &[Option<Decimal>] {
        &self.shares
    }
}

/// Decimals as strings inside a list, so the wire form does not depend on rust_decimal's
/// feature flags.
mod share_list {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(transparent)]
    struct Share(#[serde(with = "rust_decimal::serde::str_option")] Option<Decimal>);

    #[allow(clippy::ptr_arg)] // serde's `with` passes `&Vec<T>`
    pub(super) fn serialize<S: Serializer>(
        v: &Vec<Option<Decimal>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        v.iter().map(|&x| Share(x)).collect::<Vec<_>>().serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<Option<Decimal>>, D::Error> {
        Ok(Vec::<Share>::deserialize(d)?
            .into_iter()
            .map(|s| s.0)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::series::test_support::year;
    use crate::significance::Alpha;

    #[test]
    fn table_changes_and_gaps() {
        // REFERENCE-2021's licensing question: 46.8 % / 0 % / 13.8 % / 39.4 % of 94 answers
        // (44, 0, 13, 37); the 2020 wave did not offer SaaS.
        let s = CategoryShares::new([
            (
                year(2021),
                ShareCounts::new(
                    94,
                    [
                        ("device", 44),
                        ("subscription", 0),
                        ("saas", 13),
                        ("buyout", 37),
                    ],
                )
                .unwrap(),
            ),
            (
                year(2020),
                ShareCounts::new(90, [("device", 45), ("subscription", 3), ("buyout", 42)])
                    .unwrap(),
            ),
        ])
        .unwrap();
        let t = s.table();
        let ids: Vec<&str> = t.waves().iter().map(WavePoint::wave_id).collect();
        assert_eq!(ids, ["2020", "2021"]);
        let options: Vec<&str> = t.rows().iter().map(ShareRow::option).collect();
        assert_eq!(options, ["device", "subscription", "buyout", "saas"]);
        assert_eq!(
            t.rows()[0].shares(),
            [Some(dec!(50)), Some(dec!(4400) / dec!(94))]
        );
        assert_eq!(t.rows()[3].shares(), [None, Some(dec!(1300) / dec!(94))]);
        let shown = (dec!(4400) / dec!(94))
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        assert_eq!(shown, dec!(46.8));

        let ch = s
            .changes(
                "2020",
                "2021",
                &ChangeOptions::new().with_significance(Alpha::FIVE_PERCENT),
            )
            .unwrap();
        assert_eq!(ch.new_items(), ["saas"]);
        // subscription: 0 − 3 × 100 / 90 = −3.33… points.
        assert_eq!(
            ch.get("subscription").unwrap().points(),
            -(dec!(300) / dec!(90))
        );
        assert!(ch.get("device").unwrap().test().is_some());
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.contains(r#""shares":[null,"#));
        assert_eq!(serde_json::from_str::<ShareTable>(&json).unwrap(), t);
    }

    #[test]
    fn bad_counts() {
        assert!(ShareCounts::new(0, [("a", 0)]).is_err());
        let e = ShareCounts::new(5, [("a", 6)]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "share counts: option \"a\" chosen 6 times by 5 respondents"
        );
        assert!(ShareCounts::new(5, [("a", 1), ("a", 2)]).is_err());
    }
}
