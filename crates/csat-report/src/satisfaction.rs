//! Weighted satisfaction, satisfaction rate and the KPI verdicts.

use csat_model::ScoreBasis;
use csat_scoring::Kpi;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::stat::Stat;

/// One row of the weights table as used.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WeightedPartRow {
    /// Item or dimension id.
    pub target: String,
    /// Its label.
    pub label: String,
    /// Weight in percent, as given.
    #[serde(with = "rust_decimal::serde::str")]
    pub weight: Decimal,
    /// The rated items it covers.
    pub items: Vec<String>,
    /// Pooled mean mapped value of its items' answers (1 decimal; `n` = answered cells).
    pub mapped_mean: Stat,
    /// Its contribution to the weighted satisfaction, exact; `None` if left out.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub contribution: Option<Decimal>,
}

/// The regulation's weighted satisfaction.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WeightedSummary {
    /// `Σ weight × mean mapped value / Σ weight` over the parts with answers, in percent
    /// (1 decimal; `n` = answered cells).
    pub value: Stat,
    /// Sum of the table's weights.
    #[serde(with = "rust_decimal::serde::str")]
    pub weight_sum: Decimal,
    /// Whether weights were rescaled (a part left out, or a table not summing to 100).
    pub renormalised: bool,
    /// The parts, in the table's order.
    pub parts: Vec<WeightedPartRow>,
    /// Targets left out because nobody answered their items.
    pub left_out: Vec<String>,
    /// Rated items no weight covers (not part of the figure).
    pub unweighted_items: Vec<String>,
}

/// A target of the definition and whether it is met.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KpiRow {
    /// Which KPI.
    pub kpi: Kpi,
    /// The target (at least this).
    #[serde(with = "rust_decimal::serde::str")]
    pub target: Decimal,
    /// The value reached (2 decimals for the overall average, else 1).
    pub actual: Stat,
    /// Whether the full-precision value reaches the target; `None` without data.
    pub met: Option<bool>,
}

/// Satisfaction on the regulation's terms, and the KPI verdicts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SatisfactionSection {
    /// The weighted satisfaction, if the definition has a weights table.
    pub weighted: Option<WeightedSummary>,
    /// Share of respondents whose own score reaches the threshold (1 decimal; `n` = scored
    /// respondents).
    pub satisfaction_rate: Stat,
    /// Respondents whose own score reached the threshold.
    pub satisfied: u64,
    /// The threshold, e.g. 70.
    #[serde(with = "rust_decimal::serde::str")]
    pub threshold: Decimal,
    /// What the threshold is measured on.
    pub basis: ScoreBasis,
    /// The unweighted mean of the item means (2 decimals; `n` = items).
    pub mean_of_item_means: Stat,
    /// The definition's targets, in a fixed order (overall satisfaction, satisfaction rate,
    /// NPS, overall average).
    pub kpis: Vec<KpiRow>,
}

pub(crate) fn satisfaction(ctx: &Context<'_>) -> SatisfactionSection {
    let def = ctx.current.def;
    let total = &ctx.current.scores.total;
    let label_of = |target: &str| {
        def.question(target)
            .map(|q| q.label().to_owned())
            .or_else(|| def.dimension(target).map(|d| d.label.clone()))
            .unwrap_or_else(|| target.to_owned())
    };
    let weighted = total
        .weighted_satisfaction
        .as_ref()
        .map(|w| WeightedSummary {
            value: Stat::percent(w.value, w.cells),
            weight_sum: w.weight_sum,
            renormalised: w.renormalised,
            parts: w
                .parts
                .iter()
                .map(|p| WeightedPartRow {
                    target: p.target.clone(),
                    label: label_of(&p.target),
                    weight: p.weight,
                    items: p.items.clone(),
                    mapped_mean: Stat::percent_of(&p.mapped_mean),
                    contribution: p.contribution,
                })
                .collect(),
            left_out: w.left_out.clone(),
            unweighted_items: w.unweighted_items.clone(),
        });
    let base_of = |kpi: Kpi| match kpi {
        Kpi::OverallSatisfaction => total.weighted_satisfaction.as_ref().map_or(0, |w| w.cells),
        Kpi::SatisfactionRate => total.satisfaction_rate.scored,
        Kpi::Nps => total.nps.first().map_or(0, |n| n.base),
        _ => total.grand_mean.n,
    };
    let kpis = ctx
        .current
        .scores
        .kpis
        .iter()
        .map(|k| KpiRow {
            kpi: k.kpi,
            target: k.target,
            actual: match k.kpi {
                Kpi::OverallAverage => Stat::mean(k.actual, base_of(k.kpi)),
                _ => Stat::percent(k.actual, base_of(k.kpi)),
            },
            met: k.met,
        })
        .collect();
    let rate = &total.satisfaction_rate;
    SatisfactionSection {
        weighted,
        satisfaction_rate: Stat::percent_of(&rate.rate),
        satisfied: rate.satisfied,
        threshold: rate.threshold,
        basis: rate.basis,
        mean_of_item_means: Stat::mean_of(&total.mean_of_item_means),
        kpis,
    }
}
