//! Cross-group analysis (交叉分组分析): scores cut by an attribute or a pair of attributes.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use csat_model::SurveyDefinition;

use crate::breakdown::{Breakdown, breakdown};
use crate::error::Error;
use crate::options::{NpsBase, RankBasis};
use crate::ranking::competition_rank;
use crate::tally::{Counts, Tally};

/// The scores of one segment value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Segment {
    /// Fewer respondents than the minimum base: show with a warning, or not at all.
    pub below_min_base: bool,
    /// Every score, within the segment (the NPS over those who answered).
    pub scores: Breakdown,
}

/// A segment value's place when segments are ranked by their overall average.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RankedSegment {
    /// The segment's value, or values for a pair (first attribute's value first).
    pub values: Vec<String>,
    /// Competition rank, 1 = highest overall average.
    pub rank: u32,
    /// The segment's grand mean at full precision.
    #[serde(with = "rust_decimal::serde::str")]
    pub grand_mean: Decimal,
}

/// Scores cut by one attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AttributeSegments {
    /// The attribute id.
    pub attribute: String,
    /// The minimum base used for `below_min_base`.
    pub min_base: u64,
    /// Per value, in ascending order of the value.
    pub values: BTreeMap<String, Segment>,
    /// Respondents who gave no value, if any.
    pub missing: Option<Segment>,
    /// Values at or above the minimum base with answers, by grand mean, highest first (ties
    /// in ascending order of the value).
    pub ranking: Vec<RankedSegment>,
}

/// Scores cut by a pair of attributes (e.g. region × industry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PairSegments {
    /// The two attribute ids.
    pub attributes: [String; 2],
    /// The minimum base used for `below_min_base`.
    pub min_base: u64,
    /// Per first value, then per second value, both ascending.
    pub values: BTreeMap<String, BTreeMap<String, Segment>>,
    /// Respondents missing either value, if any.
    pub missing: Option<Segment>,
    /// Pairs at or above the minimum base with answers, by grand mean, highest first (ties
    /// in ascending order of the values).
    pub ranking: Vec<RankedSegment>,
}

impl AttributeSegments {
    /// The segment of one value.
    #[must_use]
    pub fn get(&self, value: &str) -> Option<&Segment> {
        self.values.get(value)
    }
}

impl PairSegments {
    /// The segment of one pair of values.
    #[must_use]
    pub fn get(&self, first: &str, second: &str) -> Option<&Segment> {
        self.values.get(first)?.get(second)
    }
}

fn segment(scores: Breakdown, min_base: u64) -> Segment {
    Segment {
        below_min_base: scores.respondents < min_base,
        scores,
    }
}

/// Ranks segments (given with their value keys) by grand mean, leaving out those below base.
fn rank_segments<'a>(
    segments: impl Iterator<Item = (Vec<String>, &'a Segment)>,
) -> Vec<RankedSegment> {
    let eligible: Vec<(Vec<String>, Option<Decimal>)> = segments
        .filter(|(_, s)| !s.below_min_base)
        .map(|(k, s)| (k, s.scores.grand_mean.value))
        .collect();
    let values: Vec<Option<Decimal>> = eligible.iter().map(|(_, v)| *v).collect();
    competition_rank(&values)
        .into_iter()
        .filter_map(|p| {
            let (key, value) = &eligible[p.index];
            Some(RankedSegment {
                values: key.clone(),
                rank: p.rank,
                grand_mean: (*value)?,
            })
        })
        .collect()
}

fn part(
    def: &SurveyDefinition,
    tally: &Tally,
    counts: &Counts,
    rank_by: RankBasis,
    min_base: u64,
) -> Result<Segment, Error> {
    Ok(segment(
        breakdown(def, &tally.plan, counts, rank_by, NpsBase::Answered)?,
        min_base,
    ))
}

fn missing(
    def: &SurveyDefinition,
    tally: &Tally,
    counts: &Counts,
    rank_by: RankBasis,
    min_base: u64,
) -> Result<Option<Segment>, Error> {
    if counts.respondents() == 0 {
        return Ok(None);
    }
    part(def, tally, counts, rank_by, min_base).map(Some)
}

pub(crate) fn attribute_segments(
    def: &SurveyDefinition,
    tally: &Tally,
    rank_by: RankBasis,
    min_base: u64,
) -> Result<Vec<AttributeSegments>, Error> {
    let mut out = Vec::with_capacity(tally.view().segments.len());
    for (seg, &ai) in tally.view().segments.iter().zip(&tally.plan.segment_attrs) {
        let mut values = BTreeMap::new();
        for (v, c) in &seg.values {
            values.insert(v.clone(), part(def, tally, c, rank_by, min_base)?);
        }
        let ranking = rank_segments(values.iter().map(|(k, s)| (vec![k.clone()], s)));
        out.push(AttributeSegments {
            attribute: def.attributes()[ai].id.clone(),
            min_base,
            values,
            missing: missing(def, tally, &seg.missing, rank_by, min_base)?,
            ranking,
        });
    }
    Ok(out)
}

pub(crate) fn pair_segments(
    def: &SurveyDefinition,
    tally: &Tally,
    rank_by: RankBasis,
    min_base: u64,
) -> Result<Vec<PairSegments>, Error> {
    let mut out = Vec::with_capacity(tally.view().pairs.len());
    for (seg, &(ai, bi)) in tally.view().pairs.iter().zip(&tally.plan.pair_attrs) {
        let mut values: BTreeMap<String, BTreeMap<String, Segment>> = BTreeMap::new();
        for (v1, inner) in &seg.values {
            let mut row = BTreeMap::new();
            for (v2, c) in inner {
                row.insert(v2.clone(), part(def, tally, c, rank_by, min_base)?);
            }
            values.insert(v1.clone(), row);
        }
        let ranking = rank_segments(values.iter().flat_map(|(v1, row)| {
            row.iter()
                .map(move |(v2, s)| (vec![v1.clone(), v2.clone()], s))
        }));
        out.push(PairSegments {
            attributes: [
                def.attributes()[ai].id.clone(),
                def.attributes()[bi].id.clone(),
            ],
            min_base,
            values,
            missing: missing(def, tally, &seg.missing, rank_by, min_base)?,
            ranking,
        });
    }
    Ok(out)
}
