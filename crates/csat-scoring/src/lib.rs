//! # csat-scoring: exact, streaming, mergeable survey scores
//!
//! Everything a customer-satisfaction report needs, computed from responses exactly
//! (`rust_decimal`, integer counts), in one pass, in memory that does not grow with the number
//! of respondents. No I/O: responses come from `csat-ingest` or are built in code with
//! `csat-model`.
//!
//! ## Overview
//!
//! **Tally, then score.** A [`Tally`] holds integer counts: per rated item and scale level,
//! per recommendation answer 0..10, per choice option, per segment value, plus each
//! respondent's contribution to the satisfaction rate and two capped lists (lowest scorers,
//! detractors). [`Tally::add`] counts one [`Response`](csat_model::Response), or any
//! [`ResponseView`](csat_model::ResponseView) such as the borrowed rows of `csat-ingest`'s
//! parallel CSV reader;
//! [`Tally::merge`] combines tallies of disjoint responses (associative, commutative, the
//! empty tally is the identity), so shards, threads and batches combine without re-reading
//! data, and no result depends on response order. [`Scores::compute`] turns a tally into plain
//! serde data where every [`Figure`] carries its numerator, denominator, `n` and [`Method`].
//!
//! What is computed (formulas, bases and rounding rules in `docs/scoring.md`):
//!
//! | result | where |
//! |---|---|
//! | per item: n, counts and shares per level, mean, mapped mean, top-2 / bottom-2 box, variance, standard deviation, rank | [`ItemScore`] |
//! | plain overall average (grand mean of answered cells), mean of item means | [`Breakdown`] |
//! | the regulation's weighted satisfaction, renormalised over answered parts | [`WeightedSatisfaction`] |
//! | satisfaction rate (own score ≥ threshold) | [`SatisfactionRate`] |
//! | NPS, over those who answered or a stated base | [`NpsScore`], [`NpsBase`] |
//! | single / multiple choice shares | [`ChoiceScores`] |
//! | competition ranking (1, 2, 3, 3, 5) | [`ranking`] |
//! | response rate, overall and per segment | [`ResponseRate`], [`Invitations`] |
//! | KPI checks against the definition's targets | [`KpiCheck`] |
//! | lowest scorers, detractors | [`LowScorer`], [`DetractorList`] |
//! | all of the above per attribute value and per pair of values | [`AttributeSegments`], [`PairSegments`] |
//!
//! **The engine never rounds.** Values are exact `Decimal` quotients (28 significant digits);
//! [`display`] rounds for reports, half away from zero, and spreads percentages so they sum to
//! exactly 100 (largest remainder) when asked.
//!
//! ## Examples
//!
//! ```
//! use csat_model::{Answer, Question, QuestionKind, Response, SurveyDefinition, WeightsTable};
//! use csat_scoring::{display, Scores, ScoringOptions, Tally};
//! use rust_decimal::Decimal;
//!
//! let def = SurveyDefinition::builder("annual", "客户满意度调查")
//!     .question(Question::rated("q01", "工作态度", None)?)
//!     .question(Question::rated("q02", "响应速度", None)?)
//!     .question(Question::new("nps", "推荐意愿", QuestionKind::Recommendation)?)
//!     .weights(WeightsTable::new([("q01", Decimal::from(60)), ("q02", Decimal::from(40))])?)
//!     .build()?;
//!
//! // Two shards tallied apart, then merged.
//! let mut a = Tally::new(&def)?;
//! let mut b = Tally::new(&def)?;
//! for (shard, id, q01, q02, nps) in [(0, "R1", 5, 4, 10), (0, "R2", 4, 4, 8), (1, "R3", 3, 5, 6)] {
//!     let r = Response::builder(&def, id)
//!         .answer("q01", Answer::Level(q01))?
//!         .answer("q02", Answer::Level(q02))?
//!         .answer("nps", Answer::Recommend(nps))?
//!         .build()?;
//!     if shard == 0 { a.add(&r)? } else { b.add(&r)? }
//! }
//! let tally = a.merge(b)?;
//! let scores = Scores::compute(&def, &tally, &ScoringOptions::default())?;
//!
//! // q01: (5 + 4 + 3) / 3 = 4; q02: (4 + 4 + 5) / 3 = 4.333...
//! assert_eq!(scores.item("q01").unwrap().mean.value, Some(Decimal::from(4)));
//! assert_eq!(scores.total.ranking[0].question, "q02");
//! // Grand mean: 25 / 6 = 4.1666... -> 4.17 for display.
//! assert_eq!(display::round_figure(&scores.total.grand_mean, 2), Some(Decimal::new(417, 2)));
//! // Weighted: q01 mapped (100 + 90 + 70) / 3 = 86.666..., q02 (90 + 90 + 100) / 3 = 93.333...
//! // 60 % × 86.666... + 40 % × 93.333... = 52 + 37.333... = 89.333...
//! let w = scores.total.weighted_satisfaction.as_ref().unwrap();
//! assert_eq!(w.value.map(|v| display::round_half_away(v, 1)), Some(Decimal::new(893, 1)));
//! // NPS: 1 promoter, 1 passive, 1 detractor -> 0.
//! assert_eq!(scores.total.nps[0].score.value, Some(Decimal::ZERO));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Errors
//!
//! Every fallible function returns [`Error`], whose [`Error::kind`] is a `#[non_exhaustive]`
//! [`ErrorKind`]: an unknown attribute in a tally spec, a response that does not fit the
//! tally's definition, merging tallies of different definitions, weights that do not sum to
//! 100 under [`WeightSumPolicy::Reject`], a stated NPS base below the answers, more
//! questionnaires returned than sent, a value mapping missing a level that a figure needs.
//! An empty base is not an error: the figure's value is `None`.
//!
//! ## Limitations
//!
//! - Respondent ids are trusted to be unique; a tally keeps no set of ids.
//! - Counts are `u64`; `Decimal` holds 28 significant digits, so quotients such as 14/3 are
//!   rounded there (the exact rational stays available as numerator / denominator), and a
//!   mean of more than about 10^13 answers could tie with a different one in the ranking.
//! - Grand means, respondent means and the satisfaction rate on the scale basis add levels of
//!   every rated item; they are meaningful when the rated items share a scale.
//! - The standard deviation goes through a square root, precise to about the 28th significant
//!   digit rather than exact.
//! - A tally is not serializable yet: merge tallies within one process.

mod breakdown;
mod choice;
pub mod display;
mod error;
mod figure;
mod item;
mod kpi;
mod lowest;
pub mod nps;
mod options;
pub mod ranking;
mod respondents;
mod response_rate;
mod satisfaction;
mod scores;
mod segments;
mod spec;
mod tally;
mod weighted;

pub use breakdown::{Breakdown, RankedItem, TextAnswers};
pub use choice::{ChoiceKind, ChoiceScores, OptionShare};
pub use error::{Error, ErrorKind};
pub use figure::{Figure, Method};
pub use item::{ItemScore, LevelCount};
pub use kpi::{Kpi, KpiCheck};
pub use nps::NpsScore;
pub use options::{Invitations, NpsBase, RankBasis, ScoringOptions, WeightSumPolicy};
pub use respondents::{Detractor, DetractorList, LowScorer};
pub use response_rate::{ResponseRate, SegmentResponseRate};
pub use satisfaction::SatisfactionRate;
pub use scores::Scores;
pub use segments::{AttributeSegments, PairSegments, RankedSegment, Segment};
pub use spec::{DEFAULT_DETRACTORS, DEFAULT_LOW_SCORERS, TallySpec};
pub use tally::{Counts, QuestionCounts, Tally};
pub use weighted::{WeightedPart, WeightedSatisfaction};

#[doc = include_str!("../../../docs/scoring.md")]
#[cfg(doctest)]
pub struct ScoringDoc;
