//! The regulation's weighted (overall) satisfaction.

use csat_model::SurveyDefinition;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::figure::{Figure, Method, add, mul};
use crate::options::WeightSumPolicy;
use crate::tally::{Counts, Plan, QuestionCounts};

/// One row of the weights table as used: a rated item, or a dimension whose items' answers are
/// pooled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WeightedPart {
    /// The item or dimension id of the weights table.
    pub target: String,
    /// Its weight in percent, as given.
    #[serde(with = "rust_decimal::serde::str")]
    pub weight: Decimal,
    /// The rated items it covers.
    pub items: Vec<String>,
    /// The pooled mean mapped value: `Σ mapped × count / Σ count` over its items' answers
    /// ([`Method::MappedMean`]).
    pub mapped_mean: Figure,
    /// `weight / used weight sum`, the share it carries after renormalisation; `None` if left
    /// out. Shown for reading; `contribution` does not go through this rounded quotient.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub effective_weight: Option<Decimal>,
    /// `weight × Σ mapped / (used weight sum × answered)`; `None` if left out.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub contribution: Option<Decimal>,
}

/// The weighted satisfaction on the 100-point basis (a percentage):
/// `Σ_parts weight × mean mapped value / Σ_parts weight`, over the parts with answers.
///
/// With weights summing to 100 and every part answered this is the regulation's
/// `Σ(samples × mapped value × weight) / (total samples × 100) × 100%`, taken per part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WeightedSatisfaction {
    /// The weighted satisfaction, or `None` when no part with a positive weight has answers.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub value: Option<Decimal>,
    /// Sum of all weights of the table.
    #[serde(with = "rust_decimal::serde::str")]
    pub weight_sum: Decimal,
    /// Sum of the weights of the parts with answers (the divisor).
    #[serde(with = "rust_decimal::serde::str")]
    pub used_weight_sum: Decimal,
    /// Whether weights were rescaled: the used sum is not 100 (the table did not sum to 100,
    /// or parts were left out).
    pub renormalised: bool,
    /// The parts, in the table's order.
    pub parts: Vec<WeightedPart>,
    /// Targets left out because nobody answered any of their items.
    pub left_out: Vec<String>,
    /// Rated items that no weight covers (not part of the figure).
    pub unweighted_items: Vec<String>,
    /// Answered cells in the parts used.
    pub cells: u64,
}

/// Checks the table's sum against the policy.
pub(crate) fn check_policy(def: &SurveyDefinition, policy: WeightSumPolicy) -> Result<(), Error> {
    if let Some(w) = def.weights() {
        let sum = w.sum();
        if policy == WeightSumPolicy::Reject && sum != Decimal::ONE_HUNDRED {
            return Err(ErrorKind::WeightsDoNotSumTo100 { sum }.into());
        }
    }
    Ok(())
}

/// The weighted satisfaction of `counts`, or `None` if the definition has no weights table.
pub(crate) fn weighted_satisfaction(
    def: &SurveyDefinition,
    plan: &Plan,
    counts: &Counts,
) -> Result<Option<WeightedSatisfaction>, Error> {
    let Some(table) = def.weights() else {
        return Ok(None);
    };
    let what = "the weighted satisfaction";
    let mut covered = vec![false; def.questions().len()];
    let mut pooled = Vec::with_capacity(table.weights().len());
    for row in table.weights() {
        let items = def.items_of_target(&row.target);
        let mut points = Decimal::ZERO;
        let mut n = 0u64;
        for &i in &items {
            covered[i] = true;
            let (QuestionCounts::Rated(c), Some(values)) =
                (&counts.questions()[i], &plan.mapped[i])
            else {
                let q = &def.questions()[i];
                let level = q
                    .scale()
                    .and_then(|s| {
                        let m = def.mapping();
                        s.levels().iter().find(|l| m.value(l.value).is_none())
                    })
                    .map_or(0, |l| l.value);
                return Err(ErrorKind::MappingMissingLevel {
                    question: q.id().to_owned(),
                    level,
                    needed_for: "the weighted satisfaction",
                }
                .into());
            };
            for (&v, &k) in values.iter().zip(c) {
                points = add(points, mul(v, Decimal::from(k), what)?, what)?;
                n += k;
            }
        }
        let names = items
            .iter()
            .map(|&i| def.questions()[i].id().to_owned())
            .collect();
        pooled.push((row, names, points, n));
    }
    let used: Decimal = pooled
        .iter()
        .filter(|p| p.3 > 0)
        .try_fold(Decimal::ZERO, |acc, p| add(acc, p.0.percent, what))?;
    let mut parts = Vec::with_capacity(pooled.len());
    let mut left_out = Vec::new();
    let mut total = Decimal::ZERO;
    let mut cells = 0u64;
    for (row, items, points, n) in pooled {
        let mapped_mean = Figure::new(points, Decimal::from(n), n, Method::MappedMean)?;
        let (effective_weight, contribution) = if n == 0 {
            left_out.push(row.target.clone());
            (None, None)
        } else if used.is_zero() {
            (None, None)
        } else {
            cells += n;
            // One division per part of exact products, so scaling every weight by the same
            // factor gives the same quotients.
            let part = mul(row.percent, points, what)?
                .checked_div(mul(used, Decimal::from(n), what)?)
                .ok_or(ErrorKind::Overflow { what })?;
            total = add(total, part, what)?;
            (row.percent.checked_div(used), Some(part))
        };
        parts.push(WeightedPart {
            target: row.target.clone(),
            weight: row.percent,
            items,
            mapped_mean,
            effective_weight,
            contribution,
        });
    }
    let unweighted_items = plan
        .rated
        .iter()
        .filter(|&&i| !covered[i])
        .map(|&i| def.questions()[i].id().to_owned())
        .collect();
    Ok(Some(WeightedSatisfaction {
        value: (!used.is_zero()).then_some(total),
        weight_sum: table.sum(),
        used_weight_sum: used,
        renormalised: used != Decimal::ONE_HUNDRED,
        parts,
        left_out,
        unweighted_items,
        cells,
    }))
}
