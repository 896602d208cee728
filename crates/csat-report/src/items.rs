//! The item table: this year's score and rank beside last year's.

use csat_trend::{ChangeOptions, Ranking};
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::error::{Error, trend};
use crate::record::{RecordNote, record};
use crate::stat::{Delta, Stat};
use csat_scoring::display::MEAN_DP;

/// One rated item of the current wave.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ItemRow {
    /// Question id (stable across waves).
    pub item: String,
    /// Question label.
    pub label: String,
    /// Dimension id, if any.
    pub dimension: Option<String>,
    /// Dimension label, if any.
    pub dimension_label: Option<String>,
    /// Mean on the item's scale (2 decimals; `n` = respondents who answered it).
    pub mean: Stat,
    /// Share answering one of the two highest levels (1 decimal).
    pub top2_box: Stat,
    /// Competition rank by full-precision mean (1 = best; ties share, next rank skipped).
    pub rank: u32,
    /// Its rank in the previous wave, among that wave's items; `None` if not asked then.
    pub previous_rank: Option<u32>,
    /// Places moved up since the previous wave (previous − current; negative = down).
    pub rank_move: Option<i64>,
    /// Its mean in the previous wave.
    pub previous_mean: Option<Stat>,
    /// Mean change since the previous wave, in points (2 decimals).
    pub change: Option<Delta>,
    /// A record high or low against every earlier wave that asked it.
    pub record: Option<RecordNote>,
}

/// An item of the previous wave not asked in the current one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DroppedItem {
    /// Question id.
    pub item: String,
    /// Its label in the previous wave.
    pub label: String,
    /// Its rank in the previous wave.
    pub previous_rank: Option<u32>,
}

/// Every rated item, ranked, with the previous wave's ranks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ItemTable {
    /// The wave compared with (the latest earlier wave), if any.
    pub previous_wave: Option<String>,
    /// How many items the previous wave ranked.
    pub previous_item_count: Option<u64>,
    /// Items with answers, best first (ties in the definition's order).
    pub rows: Vec<ItemRow>,
    /// Items of the current wave nobody answered (not ranked).
    pub unanswered: Vec<String>,
    /// Items of the previous wave not asked now.
    pub dropped: Vec<DroppedItem>,
}

pub(crate) fn items(ctx: &Context<'_>) -> Result<ItemTable, Error> {
    let cur = &ctx.current;
    let def = cur.def;
    let prev = ctx.last_previous();
    let comparison = match prev {
        Some(p) => {
            let ranks = |s: &csat_scoring::Scores| {
                Ranking::from_ranks(s.total.ranking.iter().map(|r| (r.question.clone(), r.rank)))
            };
            let before = ranks(&p.scores).map_err(trend("item ranks"))?;
            let now = ranks(&cur.scores).map_err(trend("item ranks"))?;
            Some(now.compare_with(&before))
        }
        None => None,
    };
    let mut rows = Vec::with_capacity(cur.scores.total.ranking.len());
    for ranked in &cur.scores.total.ranking {
        let Some(item) = cur.scores.item(&ranked.question) else {
            continue;
        };
        let prev_item = prev.and_then(|p| p.scores.item(&item.question));
        let previous_mean = prev_item.map(|i| Stat::mean_of(&i.mean));
        let change = match (prev_item.and_then(|i| i.mean.value), item.mean.value) {
            (Some(a), Some(b)) => {
                let c = csat_trend::Change::between(
                    prev.map_or("", |p| p.id()),
                    &csat_trend::Figure::new(a),
                    cur.id(),
                    &csat_trend::Figure::new(b),
                    &ChangeOptions::new(),
                )
                .map_err(trend(format!("item {:?}", item.question)))?;
                Some(Delta::new(c.points(), MEAN_DP))
            }
            _ => None,
        };
        let rank_change = comparison.as_ref().and_then(|c| c.get(&item.question));
        let history = ctx
            .waves()
            .map(|w| {
                let v = w
                    .scores
                    .item(&item.question)
                    .and_then(|i| Some((i.mean.value?, i.mean.n)));
                (w.point.clone(), v)
            })
            .collect();
        let dimension_label = item
            .dimension
            .as_deref()
            .and_then(|d| def.dimension(d))
            .map(|d| d.label.clone());
        rows.push(ItemRow {
            item: item.question.clone(),
            label: item.label.clone(),
            dimension: item.dimension.clone(),
            dimension_label,
            mean: Stat::mean_of(&item.mean),
            top2_box: Stat::percent_of(&item.top2_box),
            rank: ranked.rank,
            previous_rank: prev_item.and_then(|i| i.rank),
            rank_move: rank_change.map(csat_trend::RankChange::places),
            previous_mean,
            change,
            record: record(&format!("item {:?}", item.question), history, Stat::mean)?,
        });
    }
    let unanswered = cur
        .scores
        .total
        .items
        .iter()
        .filter(|i| i.rank.is_none())
        .map(|i| i.question.clone())
        .collect();
    let dropped = prev
        .map(|p| {
            p.scores
                .total
                .items
                .iter()
                .filter(|i| cur.scores.item(&i.question).is_none())
                .map(|i| DroppedItem {
                    item: i.question.clone(),
                    label: i.label.clone(),
                    previous_rank: i.rank,
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(ItemTable {
        previous_wave: prev.map(|p| p.id().to_owned()),
        previous_item_count: prev.map(|p| p.scores.total.ranking.len() as u64),
        rows,
        unanswered,
        dropped,
    })
}
