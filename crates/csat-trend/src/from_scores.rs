//! The scoring engine's results as trend inputs.
//!
//! [`ScoredWaves`] lines up the [`Scores`] of several waves of one survey and hands out the
//! series and panels the rest of the crate works on; the free functions convert single
//! results. A figure without data in a wave (an item no one answered, a segment that is empty
//! that year, an NPS question not asked) becomes a gap, never a zero.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use csat_model::{Answer, Period, Question, QuestionKind, Response, SurveyDefinition};
//! use csat_scoring::{Scores, ScoringOptions, Tally};
//! use csat_trend::from_scores::ScoredWaves;
//! use csat_trend::{ChangeOptions, WavePoint};
//! use rust_decimal_macros::dec;
//!
//! let def = SurveyDefinition::builder("annual", "客户满意度调查")
//!     .question(Question::rated("q01", "工作态度", None)?)
//!     .question(Question::new("nps", "推荐意愿", QuestionKind::Recommendation)?)
//!     .build()?;
//! let score = |answers: &[(u8, u8)]| -> Result<Scores, Box<dyn std::error::Error>> {
//!     let mut tally = Tally::new(&def)?;
//!     for (i, &(level, nps)) in answers.iter().enumerate() {
//!         let r = Response::builder(&def, format!("R{i}"))
//!             .answer("q01", Answer::Level(level))?
//!             .answer("nps", Answer::Recommend(nps))?
//!             .build()?;
//!         tally.add(&r)?;
//!     }
//!     Ok(Scores::compute(&def, &tally, &ScoringOptions::default())?)
//! };
//! let wave = |y: i32| -> Result<WavePoint, Box<dyn std::error::Error>> {
//!     let d = NaiveDate::from_ymd_opt(y, 11, 24).ok_or("date")?;
//!     Ok(WavePoint::new(y.to_string(), Period::new(d, d)?)?)
//! };
//! let s2020 = score(&[(4, 8), (5, 9), (3, 6)])?;
//! let s2021 = score(&[(5, 10), (5, 9), (4, 7)])?;
//! let waves = ScoredWaves::new([(wave(2020)?, &s2020), (wave(2021)?, &s2021)])?;
//!
//! // Overall average 4 -> 4.666…: up 0.666… points.
//! let avg = waves.overall_average()?;
//! let change = avg.latest_change(&ChangeOptions::new())?.ok_or("two waves")?;
//! assert_eq!(change.points(), dec!(14) / dec!(3) - dec!(4));
//! // NPS 0 -> 66.666…
//! let nps = waves.nps(None)?;
//! assert_eq!(nps.latest_change(&ChangeOptions::new())?.ok_or("two waves")?.from(), dec!(0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use csat_scoring::{Breakdown, ChoiceScores, ItemScore, NpsScore, SatisfactionRate, Scores};
use rust_decimal::Decimal;

use crate::counts::{LevelCounts, NpsCounts, Proportion};
use crate::error::{Error, ErrorKind};
use crate::measure::Figure;
use crate::panel::Panel;
use crate::rank::{RankComparison, Ranking};
use crate::series::{Series, WavePoint, check_waves, wave_context};
use crate::shares::{CategoryShares, ShareCounts};

fn scores_error(problem: String) -> Error {
    ErrorKind::Scores { problem }.into()
}

/// An item's answers counted per level of its scale; `None` if no one answered it.
pub fn level_counts(item: &ItemScore) -> Result<Option<LevelCounts>, Error> {
    if item.n == 0 {
        return Ok(None);
    }
    LevelCounts::from_levels(item.levels.iter().map(|l| (l.level, l.count)))
        .map(Some)
        .map_err(|e| e.within(format!("item {:?}", item.question)))
}

/// The answers of every rated item pooled per level value: their mean is the plain overall
/// average (the grand mean of all answered cells); `None` if no item was answered.
///
/// Fails if the pooled mean differs from the engine's grand mean, which would mean the two
/// crates disagree on what the overall average is.
pub fn pooled_level_counts(breakdown: &Breakdown) -> Result<Option<LevelCounts>, Error> {
    let mut pooled: Vec<(u8, u64)> = Vec::new();
    for item in &breakdown.items {
        for l in &item.levels {
            match pooled.iter_mut().find(|(v, _)| *v == l.level) {
                Some((_, c)) => {
                    *c = c.checked_add(l.count).ok_or_else(|| {
                        Error::from(ErrorKind::Overflow {
                            what: "pooled level counts",
                        })
                    })?;
                }
                None => pooled.push((l.level, l.count)),
            }
        }
    }
    if pooled.iter().all(|&(_, c)| c == 0) {
        return Ok(None);
    }
    let counts = LevelCounts::from_levels(pooled)?;
    if breakdown.grand_mean.value != Some(counts.mean()) {
        return Err(scores_error(format!(
            "the pooled item answers average {} but the engine's grand mean is {:?}",
            counts.mean(),
            breakdown.grand_mean.value
        )));
    }
    Ok(Some(counts))
}

/// NPS counts over the base the engine used (those who answered, or a stated base); `None`
/// if the base is zero.
pub fn nps_counts(nps: &NpsScore) -> Result<Option<NpsCounts>, Error> {
    if nps.base == 0 {
        return Ok(None);
    }
    NpsCounts::new(nps.promoters, nps.passives, nps.detractors)
        .and_then(|c| c.with_base(nps.base))
        .map(Some)
        .map_err(|e| e.within(format!("NPS question {:?}", nps.question)))
}

/// The satisfaction rate as satisfied of scored respondents; `None` if no one was scored.
pub fn satisfaction_proportion(rate: &SatisfactionRate) -> Result<Option<Proportion>, Error> {
    if rate.scored == 0 {
        return Ok(None);
    }
    Proportion::new(rate.satisfied, rate.scored).map(Some)
}

/// A scoring figure as a bare [`Figure`] with its base; `None` if it has no data.
#[must_use]
pub fn figure(f: &csat_scoring::Figure) -> Option<Figure> {
    f.value.map(|v| Figure::with_base(v, f.n))
}

/// The engine's ranking of a wave's items (its competition ranks, as data).
pub fn ranking(breakdown: &Breakdown) -> Result<Ranking, Error> {
    Ranking::from_ranks(
        breakdown
            .ranking
            .iter()
            .map(|r| (r.question.as_str(), r.rank)),
    )
}

/// A choice question's option counts over the respondents who answered it, with option ids;
/// `None` if no one answered.
pub fn share_counts(choice: &ChoiceScores) -> Result<Option<ShareCounts>, Error> {
    if choice.answered == 0 {
        return Ok(None);
    }
    ShareCounts::new(
        choice.answered,
        choice.options.iter().map(|o| (o.option.as_str(), o.count)),
    )
    .map(Some)
    .map_err(|e| e.within(format!("question {:?}", choice.question)))
}

/// The scores of several waves of one survey, in time order, seen whole or through one
/// segment.
#[derive(Debug, Clone)]
pub struct ScoredWaves<'a> {
    waves: Vec<(WavePoint, &'a Scores, Option<&'a Breakdown>)>,
}

impl<'a> ScoredWaves<'a> {
    /// Waves (any order) with their scores; fails on a repeated wave, two waves with the same
    /// period, or scores of different surveys.
    pub fn new(waves: impl IntoIterator<Item = (WavePoint, &'a Scores)>) -> Result<Self, Error> {
        let mut v: Vec<(WavePoint, &'a Scores, Option<&'a Breakdown>)> = waves
            .into_iter()
            .map(|(w, s)| (w, s, Some(&s.total)))
            .collect();
        check_waves(v.iter().map(|(w, _, _)| w))?;
        if let Some((first_wave, first, _)) = v.first()
            && let Some((w, s, _)) = v.iter().find(|(_, s, _)| s.survey_id != first.survey_id)
        {
            return Err(scores_error(format!(
                "wave {:?} scores survey {:?} but wave {:?} scores {:?}",
                w.wave_id(),
                s.survey_id,
                first_wave.wave_id(),
                first.survey_id
            )));
        }
        v.sort_by_key(|(w, _, _)| w.period());
        Ok(Self { waves: v })
    }

    /// The same waves seen through one segment (respondents with `attribute = value`); a wave
    /// without that segment is a gap. Segments below the engine's minimum base are included:
    /// check `Segment::below_min_base` before reporting them.
    #[must_use]
    pub fn segment(&self, attribute: &str, value: &str) -> Self {
        Self {
            waves: self
                .waves
                .iter()
                .map(|(w, s, _)| {
                    let b = s
                        .segments_by(attribute)
                        .and_then(|a| a.get(value))
                        .map(|seg| &seg.scores);
                    (w.clone(), *s, b)
                })
                .collect(),
        }
    }

    /// The waves in time order.
    pub fn waves(&self) -> impl Iterator<Item = &WavePoint> + '_ {
        self.waves.iter().map(|(w, _, _)| w)
    }

    fn series<T>(
        &self,
        mut f: impl FnMut(&'a Breakdown) -> Result<Option<T>, Error>,
    ) -> Result<Series<T>, Error> {
        let mut out = Vec::with_capacity(self.waves.len());
        for (w, _, b) in &self.waves {
            let v = match b {
                Some(b) => f(b).map_err(|e| e.within(wave_context(w.wave_id())))?,
                None => None,
            };
            out.push((w.clone(), v));
        }
        Ok(Series::from_sorted(out))
    }

    fn breakdown(&self, wave: &str) -> Result<Option<&'a Breakdown>, Error> {
        self.waves
            .iter()
            .find(|(w, _, _)| w.wave_id() == wave)
            .map(|(_, _, b)| *b)
            .ok_or_else(|| {
                ErrorKind::UnknownWave {
                    wave: wave.to_owned(),
                }
                .into()
            })
    }

    /// The plain overall average by wave, as pooled level counts (testable with Welch's
    /// t-test; note the test then treats every answered cell as an observation, although one
    /// respondent answers many items).
    pub fn overall_average(&self) -> Result<Series<LevelCounts>, Error> {
        self.series(pooled_level_counts)
    }

    /// NPS by wave, of the question `question` or, with `None`, of the first recommendation
    /// question; over the base each wave was scored with.
    pub fn nps(&self, question: Option<&str>) -> Result<Series<NpsCounts>, Error> {
        self.series(|b| {
            let n = match question {
                Some(q) => b.nps_of(q),
                None => b.nps.first(),
            };
            n.map_or(Ok(None), nps_counts)
        })
    }

    /// Satisfaction rate by wave (satisfied of scored respondents).
    pub fn satisfaction_rate(&self) -> Result<Series<Proportion>, Error> {
        self.series(|b| satisfaction_proportion(&b.satisfaction_rate))
    }

    /// Weighted (overall) satisfaction by wave, as a bare figure; a gap where the survey has
    /// no weights or nothing was answered.
    pub fn weighted_satisfaction(&self) -> Result<Series<Figure>, Error> {
        self.series(|b| {
            Ok(b.weighted_satisfaction
                .as_ref()
                .and_then(|w| w.value)
                .map(|v: Decimal| Figure::with_base(v, b.respondents)))
        })
    }

    /// One scoring figure by wave, picked by `pick` (e.g. an item's top-2 box); a gap where it
    /// is missing or has no data.
    pub fn figure(
        &self,
        mut pick: impl FnMut(&Breakdown) -> Option<&csat_scoring::Figure>,
    ) -> Result<Series<Figure>, Error> {
        self.series(|b| Ok(pick(b).and_then(figure)))
    }

    /// Every rated item's level counts by wave, matched by item id; items no one answered in
    /// a wave are left out of it (gaps).
    pub fn items(&self) -> Result<Panel<LevelCounts>, Error> {
        let mut rows = Vec::with_capacity(self.waves.len());
        for (w, _, b) in &self.waves {
            let mut items = Vec::new();
            for item in b.map_or(&[][..], |b| &b.items) {
                if let Some(c) =
                    level_counts(item).map_err(|e| e.within(wave_context(w.wave_id())))?
                {
                    items.push((item.question.clone(), c));
                }
            }
            rows.push((w.clone(), items));
        }
        Panel::new(rows)
    }

    /// The engine's ranking of the items in one wave; empty where the wave has no data.
    pub fn ranking(&self, wave: &str) -> Result<Ranking, Error> {
        match self.breakdown(wave)? {
            Some(b) => ranking(b).map_err(|e| e.within(wave_context(wave))),
            None => Ok(Ranking::default()),
        }
    }

    /// Each item's engine rank in `to` against its rank in `from`, matched by item id.
    pub fn rank_comparison(&self, from: &str, to: &str) -> Result<RankComparison, Error> {
        Ok(RankComparison::new(
            &self.ranking(from)?,
            &self.ranking(to)?,
        ))
    }

    /// A choice question's option shares by wave; waves where it was not asked or no one
    /// answered are left out of the table.
    pub fn choice_shares(&self, question: &str) -> Result<CategoryShares, Error> {
        let mut rows = Vec::new();
        for (w, _, b) in &self.waves {
            let Some(choice) = b.and_then(|b| b.choice(question)) else {
                continue;
            };
            if let Some(c) =
                share_counts(choice).map_err(|e| e.within(wave_context(w.wave_id())))?
            {
                rows.push((w.clone(), c));
            }
        }
        CategoryShares::new(rows)
    }
}
