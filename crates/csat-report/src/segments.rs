//! Cross-group analysis (交叉分组分析): scores by attribute and by pair of attributes.

use csat_model::SurveyDefinition;
use csat_scoring::{RankedSegment, Segment};
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::stat::Stat;

/// One segment: a value, or a pair of values.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SegmentRow {
    /// The value, or the pair of values (first attribute's first).
    pub values: Vec<String>,
    /// Respondents in the segment.
    pub respondents: u64,
    /// Overall average within the segment (2 decimals; `n` = answered cells).
    pub overall_average: Stat,
    /// NPS within the segment, over those who answered (1 decimal).
    pub nps: Option<Stat>,
    /// Fewer respondents than the minimum base: not ranked.
    pub below_min_base: bool,
    /// Competition rank by full-precision overall average among segments at or above the base.
    pub rank: Option<u32>,
}

/// Scores cut by one attribute or a pair.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SegmentTable {
    /// One attribute id, or two for a pair.
    pub attributes: Vec<String>,
    /// Their labels.
    pub labels: Vec<String>,
    /// Per attribute, the values that have respondents, in declared order (undeclared values
    /// last, ascending): the axes of a pivot table.
    pub values: Vec<Vec<String>>,
    /// The minimum base for ranking.
    pub min_base: u64,
    /// Segments with respondents, in declared value order (pairs: by first, then second).
    pub rows: Vec<SegmentRow>,
    /// Respondents without a value (for a pair: without either).
    pub missing: u64,
    /// The best segment's values (rank 1; the first in display order among ties).
    pub best: Option<Vec<String>>,
}

/// Position of a value in the attribute's declared list; undeclared values sort last.
fn order(def: &SurveyDefinition, attribute: &str, value: &str) -> (usize, String) {
    let pos = def
        .attributes()
        .iter()
        .find(|a| a.id == attribute)
        .and_then(|a| a.values.as_ref())
        .and_then(|vs| vs.iter().position(|v| v == value))
        .unwrap_or(usize::MAX);
    (pos, value.to_owned())
}

fn label(def: &SurveyDefinition, attribute: &str) -> String {
    def.attributes()
        .iter()
        .find(|a| a.id == attribute)
        .map_or_else(|| attribute.to_owned(), |a| a.label.clone())
}

fn row(
    values: Vec<String>,
    s: &Segment,
    nps_question: Option<&str>,
    ranking: &[RankedSegment],
) -> SegmentRow {
    let rank = ranking.iter().find(|r| r.values == values).map(|r| r.rank);
    SegmentRow {
        respondents: s.scores.respondents,
        overall_average: Stat::mean_of(&s.scores.grand_mean),
        nps: nps_question
            .and_then(|q| s.scores.nps_of(q))
            .map(|n| Stat::nps_of(&n.score)),
        below_min_base: s.below_min_base,
        rank,
        values,
    }
}

pub(crate) fn segments(ctx: &Context<'_>) -> Vec<SegmentTable> {
    let cur = &ctx.current;
    let def = cur.def;
    let q = cur.nps_question.as_deref();
    let mut out = Vec::new();
    for seg in &cur.scores.segments {
        let mut rows: Vec<SegmentRow> = seg
            .values
            .iter()
            .filter(|(_, s)| s.scores.respondents > 0)
            .map(|(v, s)| row(vec![v.clone()], s, q, &seg.ranking))
            .collect();
        rows.sort_by_key(|r| order(def, &seg.attribute, &r.values[0]));
        out.push(SegmentTable {
            labels: vec![label(def, &seg.attribute)],
            values: vec![rows.iter().map(|r| r.values[0].clone()).collect()],
            attributes: vec![seg.attribute.clone()],
            min_base: seg.min_base,
            best: best_in_order(&rows),
            rows,
            missing: seg.missing.as_ref().map_or(0, |m| m.scores.respondents),
        });
    }
    for pair in &cur.scores.pairs {
        let [a, b] = &pair.attributes;
        let mut rows: Vec<SegmentRow> = pair
            .values
            .iter()
            .flat_map(|(v1, inner)| {
                inner
                    .iter()
                    .filter(|(_, s)| s.scores.respondents > 0)
                    .map(|(v2, s)| row(vec![v1.clone(), v2.clone()], s, q, &pair.ranking))
            })
            .collect();
        rows.sort_by_key(|r| (order(def, a, &r.values[0]), order(def, b, &r.values[1])));
        let axis = |k: usize, attribute: &str| {
            let mut v: Vec<String> = rows.iter().map(|r| r.values[k].clone()).collect();
            v.sort_by_key(|x| order(def, attribute, x));
            v.dedup();
            v
        };
        out.push(SegmentTable {
            labels: vec![label(def, a), label(def, b)],
            values: vec![axis(0, a), axis(1, b)],
            attributes: vec![a.clone(), b.clone()],
            min_base: pair.min_base,
            best: best_in_order(&rows),
            rows,
            missing: pair.missing.as_ref().map_or(0, |m| m.scores.respondents),
        });
    }
    out
}

/// The first rank-1 row in display order.
fn best_in_order(rows: &[SegmentRow]) -> Option<Vec<String>> {
    rows.iter()
        .find(|r| r.rank == Some(1))
        .map(|r| r.values.clone())
}
