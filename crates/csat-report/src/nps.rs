//! The NPS section: counts, shares, score, change and history.

use csat_trend::{Alpha, ChangeOptions, NpsCounts};
use serde::{Deserialize, Serialize};

use crate::context::{Context, Scored};
use crate::error::Error;
use crate::options::NpsBasis;
use crate::record::{RecordNote, record};
use crate::stat::{Delta, Stat};
use csat_scoring::display::NPS_DP;

/// One wave's NPS.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NpsPoint {
    /// Wave id.
    pub wave: String,
    /// Over whom it is computed.
    pub basis: NpsBasis,
    /// Promoters (default 9-10).
    pub promoters: u64,
    /// Passives (default 7-8).
    pub passives: u64,
    /// Detractors (default 0-6).
    pub detractors: u64,
    /// Respondents who answered.
    pub answered: u64,
    /// The base: `answered`, or every returned questionnaire.
    pub base: u64,
    /// `100 × (promoters − detractors) / base` (1 decimal; `n` = base).
    pub score: Stat,
}

/// The NPS of the current wave, with its composition and history.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NpsSection {
    /// Recommendation question id.
    pub question: String,
    /// Its label.
    pub label: String,
    /// Over whom the current NPS is computed.
    pub basis: NpsBasis,
    /// Respondents per answer 0..=10.
    pub distribution: [u64; 11],
    /// Lowest answer counted as passive (default 7).
    pub passive_min: u8,
    /// Lowest answer counted as promoter (default 9).
    pub promoter_min: u8,
    /// Promoters.
    pub promoters: u64,
    /// Passives.
    pub passives: u64,
    /// Detractors.
    pub detractors: u64,
    /// Respondents who answered.
    pub answered: u64,
    /// The base of the shares and the score.
    pub base: u64,
    /// The NPS (1 decimal; `n` = base).
    pub score: Stat,
    /// `100 × promoters / base` (1 decimal).
    pub promoter_share: Stat,
    /// `100 × passives / base` (1 decimal).
    pub passive_share: Stat,
    /// `100 × detractors / base` (1 decimal).
    pub detractor_share: Stat,
    /// Change since the previous wave with an NPS, in points (1 decimal).
    pub change: Option<Delta>,
    /// Whether that change is significant at the 5% level (NPS z-test, the waves taken as
    /// independent samples); `None` without a previous NPS or when the test cannot be run.
    pub change_significant: Option<bool>,
    /// Whether the NPS is a record against every earlier wave.
    pub record: Option<RecordNote>,
    /// Every wave's NPS, oldest first, the current wave last.
    pub history: Vec<NpsPoint>,
}

fn point(w: &Scored<'_>) -> Option<NpsPoint> {
    let n = w.nps()?;
    Some(NpsPoint {
        wave: w.id().to_owned(),
        basis: w.nps_basis,
        promoters: n.promoters,
        passives: n.passives,
        detractors: n.detractors,
        answered: n.answered,
        base: n.base,
        score: Stat::nps_of(&n.score),
    })
}

fn counts(p: &NpsPoint) -> Option<NpsCounts> {
    NpsCounts::new(p.promoters, p.passives, p.detractors)
        .and_then(|c| c.with_base(p.base))
        .ok()
}

pub(crate) fn nps(ctx: &Context<'_>) -> Result<Option<NpsSection>, Error> {
    let cur = &ctx.current;
    let (Some(n), Some(q)) = (cur.nps(), cur.nps_question.as_deref()) else {
        return Ok(None);
    };
    let label = cur.def.question(q).map_or("", |q| q.label()).to_owned();
    let history: Vec<NpsPoint> = ctx.waves().filter_map(point).collect();
    let now = history.last();
    let before = history.len().checked_sub(2).and_then(|i| history.get(i));
    let (change, change_significant) = match (before, now) {
        (Some(b), Some(a)) => {
            let delta = b
                .score
                .value
                .zip(a.score.value)
                .map(|(x, y)| Delta::new(y - x, NPS_DP));
            // The test needs counts on both sides; a failed test leaves the verdict open.
            let significant = counts(b).zip(counts(a)).and_then(|(x, y)| {
                let opts = ChangeOptions::new().with_significance(Alpha::FIVE_PERCENT);
                csat_trend::Change::between(&b.wave, &x, &a.wave, &y, &opts)
                    .ok()
                    .map(|c| c.test().is_some_and(csat_trend::TestResult::is_significant))
            });
            (delta, significant)
        }
        _ => (None, None),
    };
    let series = ctx
        .waves()
        .map(|w| {
            let v = w.nps().and_then(|n| Some((n.score.value?, n.base)));
            (w.point.clone(), v)
        })
        .collect();
    Ok(Some(NpsSection {
        question: q.to_owned(),
        label,
        basis: cur.nps_basis,
        distribution: n.distribution,
        passive_min: n.bands.passive_min(),
        promoter_min: n.bands.promoter_min(),
        promoters: n.promoters,
        passives: n.passives,
        detractors: n.detractors,
        answered: n.answered,
        base: n.base,
        score: Stat::nps_of(&n.score),
        promoter_share: Stat::percent_of(&n.promoter_share),
        passive_share: Stat::percent_of(&n.passive_share),
        detractor_share: Stat::percent_of(&n.detractor_share),
        change,
        change_significant,
        record: record("the NPS", series, Stat::nps)?,
        history,
    }))
}
