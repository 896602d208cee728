//! Computing every result from a tally.

use std::sync::Arc;

use csat_model::SurveyDefinition;
use serde::{Deserialize, Serialize};

use crate::breakdown::{Breakdown, breakdown};
use crate::error::{Error, ErrorKind};
use crate::item::ItemScore;
use crate::kpi::{Kpi, KpiCheck, check_targets};
use crate::options::ScoringOptions;
use crate::respondents::{DetractorList, LowScorer, detractor, low_scorer};
use crate::response_rate::{ResponseRate, response_rate};
use crate::segments::{AttributeSegments, PairSegments, attribute_segments, pair_segments};
use crate::tally::{Plan, Tally};
use crate::weighted::check_policy;

/// Every result of a tally: plain data, serializable, each figure with its base.
///
/// # Example
///
/// ```
/// use csat_model::{Answer, Question, QuestionKind, Response, SurveyDefinition};
/// use csat_scoring::{Scores, ScoringOptions, Tally, display};
/// use rust_decimal::Decimal;
///
/// let def = SurveyDefinition::builder("s", "t")
///     .question(Question::rated("q01", "态度", None)?)
///     .question(Question::new("nps", "推荐", QuestionKind::Recommendation)?)
///     .build()?;
/// let mut tally = Tally::new(&def)?;
/// for (id, level, nps) in [("R1", 5, 10), ("R2", 4, 9), ("R3", 4, 6)] {
///     let r = Response::builder(&def, id)
///         .answer("q01", Answer::Level(level))?
///         .answer("nps", Answer::Recommend(nps))?
///         .build()?;
///     tally.add(&r)?;
/// }
/// let scores = Scores::compute(&def, &tally, &ScoringOptions::default())?;
/// let q01 = scores.item("q01").unwrap();
/// // (5 + 4 + 4) / 3 = 4.333... -> 4.33
/// assert_eq!(display::round_figure(&q01.mean, 2), Some(Decimal::new(433, 2)));
/// // 100 × (2 − 1) / 3 = 33.3...
/// assert_eq!(display::round_figure(&scores.total.nps[0].score, 1), Some(Decimal::new(333, 1)));
/// assert_eq!(scores.low_scorers[0].respondent, "R2"); // 4, tied with R3, ids ascending
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Scores {
    /// The survey's id.
    pub survey_id: String,
    /// The whole sample.
    pub total: Breakdown,
    /// Targets of the definition and whether they are met.
    pub kpis: Vec<KpiCheck>,
    /// The response rate, if invitations were given.
    pub response_rate: Option<ResponseRate>,
    /// The respondents with the lowest own mean on the item scale, lowest first, ties by
    /// respondent id; respondents who answered no rated item are left out.
    pub low_scorers: Vec<LowScorer>,
    /// Detractors per recommendation question.
    pub detractors: Vec<DetractorList>,
    /// Scores per value of each segmenting attribute, in the tally spec's order.
    pub segments: Vec<AttributeSegments>,
    /// Scores per pair of values of each attribute pair, in the tally spec's order.
    pub pairs: Vec<PairSegments>,
}

impl Scores {
    /// Computes every result of `tally`, a tally of `def`'s responses.
    ///
    /// Fails with [`ErrorKind::DefinitionMismatch`] if `tally` was made from another
    /// definition, [`ErrorKind::WeightsDoNotSumTo100`] under
    /// [`WeightSumPolicy::Reject`](crate::WeightSumPolicy::Reject),
    /// [`ErrorKind::NpsBaseTooSmall`], [`ErrorKind::ReturnedExceedsSent`],
    /// [`ErrorKind::UnknownAttribute`] or [`ErrorKind::NotSegmented`] for invitations per
    /// segment of an attribute the tally does not segment by, and [`ErrorKind::Overflow`]
    /// for values beyond `Decimal`'s range.
    pub fn compute(
        def: &SurveyDefinition,
        tally: &Tally,
        options: &ScoringOptions,
    ) -> Result<Self, Error> {
        if !(std::ptr::eq(def, Arc::as_ptr(&tally.def)) || *def == *tally.def) {
            return Err(ErrorKind::DefinitionMismatch {
                context: "scoring a tally",
                problem: format!(
                    "the tally counts survey {:?} under another definition than the one given ({:?})",
                    tally.def.id(),
                    def.id()
                ),
            }
            .into());
        }
        check_policy(def, options.weight_sum)?;
        let plan: &Plan = &tally.plan;
        let min_base = options
            .min_segment_base
            .unwrap_or(def.thresholds().min_segment_base);
        let total = breakdown(
            def,
            plan,
            &tally.view().total,
            options.rank_by,
            options.nps_base,
        )?;
        let segments = attribute_segments(def, tally, options.rank_by, min_base)?;
        let pairs = pair_segments(def, tally, options.rank_by, min_base)?;
        let response_rate = match &options.invitations {
            None => None,
            Some(inv) => Some(response_rate(
                def,
                inv,
                tally.view().total.respondents(),
                &segments,
            )?),
        };

        let kpis = check_targets(def.targets(), |kpi| match kpi {
            Kpi::OverallSatisfaction => total.weighted_satisfaction.as_ref().and_then(|w| w.value),
            Kpi::SatisfactionRate => total.satisfaction_rate.rate.value,
            Kpi::Nps => total.nps.first().and_then(|n| n.score.value),
            _ => total.grand_mean.value,
        });

        let low_scorers = tally
            .low
            .sorted()
            .iter()
            .map(|e| low_scorer(def, e))
            .collect::<Result<_, _>>()?;
        let detractors = tally
            .detractors
            .iter()
            .zip(&total.nps)
            .map(|(list, n)| DetractorList {
                question: n.question.clone(),
                total: n.detractors,
                listed: list.sorted().iter().map(|e| detractor(def, e)).collect(),
            })
            .collect();

        Ok(Self {
            survey_id: def.id().to_owned(),
            total,
            kpis,
            response_rate,
            low_scorers,
            detractors,
            segments,
            pairs,
        })
    }

    /// The whole-sample score of a rated item by id.
    #[must_use]
    pub fn item(&self, question: &str) -> Option<&ItemScore> {
        self.total.item(question)
    }

    /// The segments of one attribute.
    #[must_use]
    pub fn segments_by(&self, attribute: &str) -> Option<&AttributeSegments> {
        self.segments.iter().find(|s| s.attribute == attribute)
    }

    /// The segments of one attribute pair, in the order the tally spec gave it.
    #[must_use]
    pub fn pair(&self, first: &str, second: &str) -> Option<&PairSegments> {
        self.pairs
            .iter()
            .find(|p| p.attributes[0] == first && p.attributes[1] == second)
    }
}
