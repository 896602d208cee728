//! # csat-trend: survey results over time
//!
//! Compares scored waves of the same survey, as the annual reports do: figures by year, this
//! year against last year in points and in rank, record highs, and whether a change is real.
//!
//! ## Overview
//!
//! - [`Series`]: one figure across waves ([`WavePoint`]: wave id and [`Period`](csat_model::Period)),
//!   ordered by period; yearly, quarterly or irregular. A wave without the figure is a gap
//!   (`None`), never a zero.
//! - What a series holds is a [`Measure`]: a bare [`Figure`], or a figure with its counts —
//!   [`LevelCounts`] (a mean from counts per level), [`Proportion`] (a share in percent),
//!   [`NpsCounts`] (NPS) — which can also be tested for significance.
//! - [`Change`]: later vs earlier (previous wave, or a chosen base wave) in points (exact:
//!   87.50 − 79.38 = 8.12) and percent, with a [`Direction`] judged by a [`Tolerance`]; with
//!   [`ChangeOptions::with_significance`] a move is only *called* when significant.
//! - [`Record`]: a record high or low against every earlier wave, with the earlier best it
//!   beat ([`Series::record_at`], [`Panel::records`] for items).
//! - [`Ranking`] and [`RankComparison`]: competition ranks (given as data or computed), matched
//!   by item id across waves whose item sets differ; movers sorted by size of move.
//! - [`Panel`]: many items across waves (per-item changes, ranks, records).
//! - Significance: [`welch_t_test`], [`two_proportion_z_test`], [`nps_difference_test`], each a
//!   [`TestResult`] with statistic, degrees of freedom, two-sided p-value and the confidence
//!   interval of the difference at 1 − [`Alpha`].
//! - [`Trend`]: least-squares slope per year or per wave ([`TimeAxis`]), and
//!   [`Series::moving_average`].
//! - [`KpiHistory`]: which waves met a [`Target`], current and longest [`Streak`]s.
//! - [`CategoryShares`]: option shares by wave ([`ShareTable`]) and their changes.
//! - [`from_scores`]: the scoring engine's results (`csat_scoring::Scores` of several waves) as
//!   the inputs above, through [`from_scores::ScoredWaves`].
//!
//! Figures are exact `Decimal`s; test statistics, p-values and confidence limits are `f64`
//! (computed from exact sums; see `docs/trend.md` for every formula).
//!
//! ## Examples
//!
//! ```
//! use chrono::NaiveDate;
//! use csat_model::Period;
//! use csat_trend::{
//!     Alpha, ChangeOptions, Direction, Measure, NpsCounts, RecordOptions, Series, WavePoint,
//! };
//! use rust_decimal::RoundingStrategy;
//! use rust_decimal_macros::dec;
//!
//! let wave = |y: i32| -> Result<WavePoint, Box<dyn std::error::Error>> {
//!     let start = NaiveDate::from_ymd_opt(y, 11, 24).ok_or("date")?;
//!     let end = NaiveDate::from_ymd_opt(y, 11, 30).ok_or("date")?;
//!     Ok(WavePoint::new(y.to_string(), Period::new(start, end)?)?)
//! };
//! // REFERENCE-2021: NPS 59.4 (2020, over 106 returned) → 60.6 (2021, 104 answered).
//! let nps = Series::new([
//!     (wave(2020)?, Some(NpsCounts::new(70, 28, 7)?.with_base(106)?)),
//!     (wave(2021)?, Some(NpsCounts::new(69, 29, 6)?)),
//! ])?;
//! let opts = ChangeOptions::new().with_significance(Alpha::FIVE_PERCENT);
//! let change = nps.latest_change(&opts)?.ok_or("two waves")?;
//! let shown = |d: rust_decimal::Decimal| d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
//! assert_eq!(shown(change.from()), dec!(59.4));
//! assert_eq!(shown(change.to()), dec!(60.6));
//! assert_eq!(change.direction(), Direction::Up);
//! // A rise of 1.1 points on ~105 answers is far from significant: not called.
//! assert!(!change.is_called());
//! assert_eq!(change.called_direction(), Direction::Flat);
//! // Still a record high against every earlier wave.
//! assert!(nps.latest_record(&RecordOptions::new())?.is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Errors
//!
//! Every fallible function returns [`Error`]; [`Error::kind`] is a `#[non_exhaustive]`
//! [`ErrorKind`] (unknown wave, gap, duplicate wave or item, two waves with the same period,
//! invalid counts, a test asked of a bare figure, too few answers, no variance, overflow), and
//! [`Error::context`] says where (`waves "2020" -> "2021"`, `item "q01"`).
//!
//! ## Limitations
//!
//! - Significance tests treat the two waves as independent samples; a panel of the same
//!   respondents would need a paired test.
//! - The tests are large-sample approximations (normal or Student t); with a handful of
//!   answers their p-values are rough.
//! - The year axis of a trend counts 365.25 days per year, so yearly waves on the same
//!   calendar date are not exactly one unit apart (366 days across a 29 February).
//! - `Decimal` holds 28 significant digits: a quotient such as 1/3 is rounded in the last one.

mod change;
mod counts;
mod error;
pub mod from_scores;
mod kpi;
mod measure;
mod panel;
mod rank;
mod record;
mod series;
mod shares;
mod significance;
mod slope;

pub use change::{Change, ChangeOptions, Direction, Tolerance};
pub use counts::{LevelCounts, NpsCounts, Proportion};
pub use error::{Error, ErrorKind};
pub use kpi::{KpiHistory, Streak, Target, TargetRule};
pub use measure::{Figure, Measure};
pub use panel::{ItemChange, ItemChanges, ItemRecord, Panel};
pub use rank::{RankChange, RankComparison, RankedItem, Ranking};
pub use record::{Record, RecordKind, RecordOptions};
pub use series::{Entry, Series, WavePoint};
pub use shares::{CategoryShares, ShareCounts, ShareRow, ShareTable};
pub use significance::{
    Alpha, TestKind, TestResult, nps_difference_test, two_proportion_z_test, welch_t_test,
};
pub use slope::{TimeAxis, Trend};

#[doc = include_str!("../../../docs/trend.md")]
#[cfg(doctest)]
pub struct TrendDoc;
