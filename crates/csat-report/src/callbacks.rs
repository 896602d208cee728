//! Who to call back: the detractors and the lowest-scoring respondents.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::stat::Stat;

/// An attribute shown beside each call-back entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CallbackColumn {
    /// Attribute id.
    pub attribute: String,
    /// Attribute label.
    pub label: String,
}

/// A detractor to call back.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DetractorRow {
    /// Respondent id.
    pub respondent: String,
    /// Their answer, 0..=10.
    pub answer: u8,
    /// The values of [`Callbacks::columns`], in that order (`None` where blank).
    pub details: Vec<Option<String>>,
}

/// A respondent among the lowest own averages.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LowScorerRow {
    /// Respondent id.
    pub respondent: String,
    /// Own average over the rated items answered (2 decimals; `n` = items answered).
    pub mean: Stat,
    /// The values of [`Callbacks::columns`], in that order.
    pub details: Vec<Option<String>>,
}

/// The call-back lists.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Callbacks {
    /// The attributes shown beside each entry.
    pub columns: Vec<CallbackColumn>,
    /// The recommendation question detractors are taken from, if any.
    pub question: Option<String>,
    /// Every detractor counted.
    pub detractor_total: u64,
    /// The detractors listed (at most the option's cap), lowest answer first, then by
    /// respondent id.
    pub detractors: Vec<DetractorRow>,
    /// The lowest own averages, lowest first, ties by respondent id.
    pub low_scorers: Vec<LowScorerRow>,
}

fn details(columns: &[CallbackColumn], values: &BTreeMap<String, String>) -> Vec<Option<String>> {
    columns
        .iter()
        .map(|c| values.get(&c.attribute).cloned())
        .collect()
}

pub(crate) fn callbacks(ctx: &Context<'_>) -> Callbacks {
    let cur = &ctx.current;
    let def = cur.def;
    let columns: Vec<CallbackColumn> = match &ctx.options.callback_attributes {
        Some(ids) => ids
            .iter()
            .filter_map(|id| def.attributes().iter().find(|a| a.id == *id))
            .collect::<Vec<_>>(),
        None => def
            .attributes()
            .iter()
            .filter(|a| a.values.is_none())
            .collect(),
    }
    .into_iter()
    .map(|a| CallbackColumn {
        attribute: a.id.clone(),
        label: a.label.clone(),
    })
    .collect();
    let list = cur
        .nps_question
        .as_deref()
        .and_then(|q| cur.scores.detractors.iter().find(|d| d.question == q));
    Callbacks {
        question: list.map(|l| l.question.clone()),
        detractor_total: list.map_or(0, |l| l.total),
        detractors: list
            .map(|l| {
                l.listed
                    .iter()
                    .map(|d| DetractorRow {
                        respondent: d.respondent.clone(),
                        answer: d.answer,
                        details: details(&columns, &d.attributes),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        low_scorers: cur
            .scores
            .low_scorers
            .iter()
            .map(|l| LowScorerRow {
                respondent: l.respondent.clone(),
                mean: Stat::mean_of(&l.mean),
                details: details(&columns, &l.attributes),
            })
            .collect(),
        columns,
    }
}
