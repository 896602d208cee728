//! Record highs and lows (创历史新高) against every earlier wave.

use csat_trend::{Figure, RecordOptions, Series, WavePoint};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, trend};
use crate::stat::Stat;

/// High or low.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RecordKind {
    /// Above every earlier wave.
    High,
    /// Below every earlier wave.
    Low,
}

/// A value of the current wave beyond the value of every earlier wave that has one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RecordNote {
    /// High or low.
    pub kind: RecordKind,
    /// How many earlier waves with a value it was compared with.
    pub earlier_waves: u64,
    /// The wave that held the earlier best (or worst).
    pub previous_wave: String,
    /// The earlier best (or worst), shown like the value itself.
    pub previous_value: Stat,
}

/// Whether the last wave of `points` sets a record; `make` builds a shown figure from a value
/// and its base.
pub(crate) fn record(
    what: &str,
    points: Vec<(WavePoint, Option<(Decimal, u64)>)>,
    make: fn(Option<Decimal>, u64) -> Stat,
) -> Result<Option<RecordNote>, Error> {
    let Some((last, Some(_))) = points.last().cloned() else {
        return Ok(None);
    };
    let bases: Vec<(String, u64)> = points
        .iter()
        .filter_map(|(w, v)| Some((w.wave_id().to_owned(), v.as_ref()?.1)))
        .collect();
    let series = Series::new(
        points
            .into_iter()
            .map(|(w, v)| (w, v.map(|(x, n)| Figure::with_base(x, n)))),
    )
    .map_err(trend(what))?;
    let r = series
        .record_at(last.wave_id(), &RecordOptions::new())
        .map_err(trend(what))?;
    Ok(r.map(|r| {
        let n = bases
            .iter()
            .find(|(w, _)| w == r.previous_wave())
            .map_or(0, |(_, n)| *n);
        RecordNote {
            kind: match r.kind() {
                csat_trend::RecordKind::High => RecordKind::High,
                csat_trend::RecordKind::Low => RecordKind::Low,
            },
            earlier_waves: r.earlier_waves() as u64,
            previous_wave: r.previous_wave().to_owned(),
            previous_value: make(Some(r.previous_value()), n),
        }
    }))
}
