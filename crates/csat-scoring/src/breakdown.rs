//! Every score of one group of respondents: the whole sample or one segment.

use csat_model::{QuestionKind, SurveyDefinition};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::choice::{ChoiceKind, ChoiceScores, score_choice};
use crate::error::Error;
use crate::figure::{Figure, Method, add};
use crate::item::{ItemScore, score_item};
use crate::nps::{NpsScore, score_nps};
use crate::options::{NpsBase, RankBasis};
use crate::ranking::competition_rank;
use crate::satisfaction::{SatisfactionRate, satisfaction_rate};
use crate::tally::{Counts, Plan, QuestionCounts};
use crate::weighted::{WeightedSatisfaction, weighted_satisfaction};

/// An item's place in the ranking.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RankedItem {
    /// Question id.
    pub question: String,
    /// Competition rank (1 = best; ties share a rank and the next is skipped).
    pub rank: u32,
    /// The full-precision value ranked (scale mean or mapped mean, per
    /// [`RankBasis`]).
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
}

/// How many answered an open-text question.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextAnswers {
    /// Question id.
    pub question: String,
    /// Respondents who gave a text.
    pub answered: u64,
}

/// Every score of one group of respondents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Breakdown {
    /// Respondents in the group, including blank ones.
    pub respondents: u64,
    /// Rated items, in the definition's order.
    pub items: Vec<ItemScore>,
    /// Items with answers, best first (see [`crate::ranking::competition_rank`]; ties in
    /// definition order).
    pub ranking: Vec<RankedItem>,
    /// The plain overall average: `Σ answered levels / answered cells` over every rated item
    /// ([`Method::GrandMean`]).
    pub grand_mean: Figure,
    /// The unweighted mean of the item means of the items with answers
    /// ([`Method::MeanOfItemMeans`]; `n` is the number of items).
    pub mean_of_item_means: Figure,
    /// The weighted satisfaction, if the definition has a weights table.
    pub weighted_satisfaction: Option<WeightedSatisfaction>,
    /// The satisfaction rate.
    pub satisfaction_rate: SatisfactionRate,
    /// NPS per recommendation question, in definition order.
    pub nps: Vec<NpsScore>,
    /// Single- and multiple-choice questions, in definition order.
    pub choices: Vec<ChoiceScores>,
    /// Open-text questions, in definition order.
    pub open_text: Vec<TextAnswers>,
}

impl Breakdown {
    /// The score of a rated item by id.
    #[must_use]
    pub fn item(&self, question: &str) -> Option<&ItemScore> {
        self.items.iter().find(|i| i.question == question)
    }

    /// The NPS of a recommendation question by id.
    #[must_use]
    pub fn nps_of(&self, question: &str) -> Option<&NpsScore> {
        self.nps.iter().find(|n| n.question == question)
    }

    /// The shares of a choice question by id.
    #[must_use]
    pub fn choice(&self, question: &str) -> Option<&ChoiceScores> {
        self.choices.iter().find(|c| c.question == question)
    }
}

pub(crate) fn breakdown(
    def: &SurveyDefinition,
    plan: &Plan,
    counts: &Counts,
    rank_by: RankBasis,
    nps_base: NpsBase,
) -> Result<Breakdown, Error> {
    let mut items = Vec::with_capacity(plan.rated.len());
    let mut nps = Vec::new();
    let mut choices = Vec::new();
    let mut open_text = Vec::new();
    for ((q, c), mapped) in def
        .questions()
        .iter()
        .zip(counts.questions())
        .zip(&plan.mapped)
    {
        match (q.kind(), c) {
            (QuestionKind::Rated { scale }, QuestionCounts::Rated(levels)) => {
                items.push(score_item(q, scale, levels, mapped.as_deref())?);
            }
            (_, QuestionCounts::Recommendation(d)) => {
                nps.push(score_nps(q.id(), d, plan.bands, nps_base)?);
            }
            (_, QuestionCounts::SingleChoice(options)) => {
                let answered = options.iter().sum();
                choices.push(score_choice(q, ChoiceKind::Single, options, answered)?);
            }
            (
                _,
                QuestionCounts::MultipleChoice {
                    options,
                    respondents,
                },
            ) => {
                choices.push(score_choice(
                    q,
                    ChoiceKind::Multiple,
                    options,
                    *respondents,
                )?);
            }
            (_, other) => open_text.push(TextAnswers {
                question: q.id().to_owned(),
                answered: other.answered(),
            }),
        }
    }

    let ranked_values: Vec<Option<Decimal>> = items
        .iter()
        .map(|i| match rank_by {
            RankBasis::MappedMean => i.mapped_mean.as_ref().and_then(|m| m.value),
            _ => i.mean.value,
        })
        .collect();
    let mut ranking = Vec::with_capacity(items.len());
    for p in competition_rank(&ranked_values) {
        items[p.index].rank = Some(p.rank);
        if let Some(value) = ranked_values[p.index] {
            ranking.push(RankedItem {
                question: items[p.index].question.clone(),
                rank: p.rank,
                value,
            });
        }
    }

    let what = "the overall average";
    let mut level_sum = Decimal::ZERO;
    let mut cells = 0u64;
    let mut mean_sum = Decimal::ZERO;
    let mut means = 0u64;
    for i in &items {
        level_sum = add(level_sum, i.mean.numerator, what)?;
        cells += i.n;
        if let Some(m) = i.mean.value {
            mean_sum = add(mean_sum, m, what)?;
            means += 1;
        }
    }

    Ok(Breakdown {
        respondents: counts.respondents(),
        grand_mean: Figure::new(level_sum, Decimal::from(cells), cells, Method::GrandMean)?,
        mean_of_item_means: Figure::new(
            mean_sum,
            Decimal::from(means),
            means,
            Method::MeanOfItemMeans,
        )?,
        weighted_satisfaction: weighted_satisfaction(def, plan, counts)?,
        satisfaction_rate: satisfaction_rate(counts, plan.threshold, plan.basis)?,
        items,
        ranking,
        nps,
        choices,
        open_text,
    })
}
