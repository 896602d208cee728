//! The headline cards: overall average and whether it is a record, highest and lowest item.

use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::error::Error;
use crate::items::{ItemRow, ItemTable};
use crate::nps::NpsSection;
use crate::record::{RecordNote, record};
use crate::stat::{Delta, Stat};
use csat_scoring::display::MEAN_DP;

/// An item named on a headline card.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ItemHeadline {
    /// Question id.
    pub item: String,
    /// Question label.
    pub label: String,
    /// Its mean (2 decimals).
    pub mean: Stat,
    /// Whether the mean is a record high or low.
    pub record: Option<RecordNote>,
}

/// The figures a reader sees first.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Headline {
    /// The plain overall average: every answered rated cell (2 decimals; `n` = answered cells).
    pub overall_average: Stat,
    /// Change since the previous wave, in points.
    pub overall_change: Option<Delta>,
    /// Whether the overall average is a record against every earlier wave.
    pub overall_record: Option<RecordNote>,
    /// The best-ranked item (the first in display order among ties).
    pub highest: Option<ItemHeadline>,
    /// The worst-ranked item (the last in display order among ties).
    pub lowest: Option<ItemHeadline>,
    /// The NPS (1 decimal).
    pub nps: Option<Stat>,
    /// The response rate (whole percent).
    pub response_rate: Option<Stat>,
}

fn card(row: &ItemRow) -> ItemHeadline {
    ItemHeadline {
        item: row.item.clone(),
        label: row.label.clone(),
        mean: row.mean.clone(),
        record: row.record.clone(),
    }
}

pub(crate) fn headline(
    ctx: &Context<'_>,
    items: &ItemTable,
    nps: Option<&NpsSection>,
    response_rate: Option<&Stat>,
) -> Result<Headline, Error> {
    let grand = &ctx.current.scores.total.grand_mean;
    let history = ctx
        .waves()
        .map(|w| {
            let g = &w.scores.total.grand_mean;
            (w.point.clone(), g.value.map(|v| (v, g.n)))
        })
        .collect();
    let overall_change = ctx
        .last_previous()
        .and_then(|p| Some(grand.value? - p.scores.total.grand_mean.value?))
        .map(|d| Delta::new(d, MEAN_DP));
    Ok(Headline {
        overall_average: Stat::mean_of(grand),
        overall_change,
        overall_record: record("the overall average", history, Stat::mean)?,
        highest: items.rows.first().map(card),
        lowest: items.rows.last().map(card),
        nps: nps.map(|n| n.score.clone()),
        response_rate: response_rate.cloned(),
    })
}
