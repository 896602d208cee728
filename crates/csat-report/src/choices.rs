//! Choice-question distributions.

use csat_scoring::ChoiceKind;
use csat_scoring::display::{PERCENT_DP, largest_remainder};
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::stat::{Stat, shown};

/// Single or multiple choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChoiceType {
    /// One option per respondent: shares of those who answered add up to 100.
    Single,
    /// Any number: shares of respondents who answered, adding up to more than 100.
    Multiple,
}

/// One option's count and share.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChoiceRow {
    /// Option id.
    pub option: String,
    /// Option label.
    pub label: String,
    /// Respondents who chose it.
    pub count: u64,
    /// `100 × count / answered` (1 decimal; `n` = respondents who answered the question).
    /// With `choice_shares_sum_to_100`, a single-choice `shown` is the largest-remainder
    /// share, so the column adds up to exactly 100.0.
    pub share: Stat,
}

/// A choice question's distribution.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChoiceTable {
    /// Question id.
    pub question: String,
    /// Question label.
    pub label: String,
    /// Single or multiple choice.
    pub kind: ChoiceType,
    /// Respondents who answered.
    pub answered: u64,
    /// Options chosen in all (equals `answered` for single choice).
    pub mentions: u64,
    /// Options in the definition's order.
    pub options: Vec<ChoiceRow>,
}

pub(crate) fn choices(ctx: &Context<'_>) -> Vec<ChoiceTable> {
    let sum_to_100 = ctx.options.choice_shares_sum_to_100;
    ctx.current
        .scores
        .total
        .choices
        .iter()
        .map(|c| {
            let kind = match c.kind {
                ChoiceKind::Single => ChoiceType::Single,
                _ => ChoiceType::Multiple,
            };
            let counts: Vec<u64> = c.options.iter().map(|o| o.count).collect();
            let spread = (sum_to_100 && kind == ChoiceType::Single)
                .then(|| largest_remainder(&counts, PERCENT_DP))
                .flatten();
            let options = c
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let mut share = Stat::percent_of(&o.share);
                    if let Some(p) = spread.as_ref().and_then(|s| s.get(i)) {
                        share.shown = Some(shown(*p, PERCENT_DP));
                    }
                    ChoiceRow {
                        option: o.option.clone(),
                        label: o.label.clone(),
                        count: o.count,
                        share,
                    }
                })
                .collect();
            ChoiceTable {
                question: c.question.clone(),
                label: c.label.clone(),
                kind,
                answered: c.answered,
                mentions: c.mentions,
                options,
            }
        })
        .collect()
}
