//! Trend tables: the headline figures and every item across waves.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::stat::Stat;

/// One wave's headline figures.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TrendWave {
    /// Wave id.
    pub wave: String,
    /// First day of fieldwork.
    pub period_start: NaiveDate,
    /// Last day of fieldwork.
    pub period_end: NaiveDate,
    /// Responses scored.
    pub respondents: u64,
    /// Response rate (whole percent), if the wave states how many were sent.
    pub response_rate: Option<Stat>,
    /// Overall average (2 decimals).
    pub overall_average: Stat,
    /// Rated items with answers.
    pub items: u64,
    /// NPS (1 decimal), over the wave's basis.
    pub nps: Option<Stat>,
    /// Satisfaction rate (1 decimal).
    pub satisfaction_rate: Stat,
    /// Weighted satisfaction (1 decimal), if the wave's definition has weights.
    pub weighted_satisfaction: Option<Stat>,
}

/// One item across waves; `means[i]` and `ranks[i]` belong to `TrendSection::waves[i]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ItemTrend {
    /// Question id.
    pub item: String,
    /// Its label in the current wave.
    pub label: String,
    /// Mean per wave (2 decimals); `None` where the item was not asked or not answered.
    pub means: Vec<Option<Stat>>,
    /// Rank per wave, among that wave's items.
    pub ranks: Vec<Option<u32>>,
}

/// One option of a choice question across waves.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OptionTrend {
    /// Option id.
    pub option: String,
    /// Its label in the current wave.
    pub label: String,
    /// Share per wave (1 decimal), of those who answered; `None` where not asked.
    pub shares: Vec<Option<Stat>>,
}

/// A choice question across waves (e.g. cloud adoption by year).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChoiceTrend {
    /// Question id.
    pub question: String,
    /// Its label in the current wave.
    pub label: String,
    /// Options of the current wave, in its order.
    pub options: Vec<OptionTrend>,
}

/// Figures by wave, oldest first, the current wave last.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TrendSection {
    /// The waves and their headline figures.
    pub waves: Vec<TrendWave>,
    /// The current wave's items, in its ranking order.
    pub items: Vec<ItemTrend>,
    /// The current wave's choice questions.
    pub choices: Vec<ChoiceTrend>,
}

pub(crate) fn trend(ctx: &Context<'_>) -> TrendSection {
    let waves = ctx
        .waves()
        .map(|w| {
            let t = &w.scores.total;
            TrendWave {
                wave: w.id().to_owned(),
                period_start: w.point.period().start(),
                period_end: w.point.period().end(),
                respondents: t.respondents,
                response_rate: w
                    .scores
                    .response_rate
                    .as_ref()
                    .map(|r| Stat::response_rate(r.rate.value, r.rate.n)),
                overall_average: Stat::mean_of(&t.grand_mean),
                items: t.ranking.len() as u64,
                nps: w.nps().map(|n| Stat::nps_of(&n.score)),
                satisfaction_rate: Stat::percent_of(&t.satisfaction_rate.rate),
                weighted_satisfaction: t
                    .weighted_satisfaction
                    .as_ref()
                    .map(|x| Stat::percent(x.value, x.cells)),
            }
        })
        .collect();
    let cur = &ctx.current.scores.total;
    let items = cur
        .ranking
        .iter()
        .filter_map(|r| cur.item(&r.question))
        .map(|item| ItemTrend {
            item: item.question.clone(),
            label: item.label.clone(),
            means: ctx
                .waves()
                .map(|w| {
                    w.scores
                        .item(&item.question)
                        .map(|i| Stat::mean_of(&i.mean))
                })
                .collect(),
            ranks: ctx
                .waves()
                .map(|w| w.scores.item(&item.question).and_then(|i| i.rank))
                .collect(),
        })
        .collect();
    let choices = cur
        .choices
        .iter()
        .map(|c| ChoiceTrend {
            question: c.question.clone(),
            label: c.label.clone(),
            options: c
                .options
                .iter()
                .map(|o| OptionTrend {
                    option: o.option.clone(),
                    label: o.label.clone(),
                    shares: ctx
                        .waves()
                        .map(|w| {
                            let q = w.scores.total.choice(&c.question)?;
                            let x = q.options.iter().find(|x| x.option == o.option)?;
                            Some(Stat::percent_of(&x.share))
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    TrendSection {
        waves,
        items,
        choices,
    }
}
