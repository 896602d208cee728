//! The benchmark workload's metrics (shared/bench/SPEC.md) through the public API.
//!
//! usage: `cargo run --release --example spec_metrics -- DATA_DIR OUT.json`
//!
//! Reads `DATA_DIR/responses.csv` and `DATA_DIR/weights.json`, folds the rows into a
//! `csat_scoring::Tally` on every core with `csat_ingest::ParallelCsv` (each chunk of the file
//! tallied apart, the tallies merged in file order; memory flat in the number of rows, apart
//! from the reader's duplicate-id bitmap), computes `Scores`, and writes the metrics in the
//! peers' JSON schema (shared/bench/README.md). `SPEC_METRICS_THREADS=N` sets the number of
//! threads (default: all cores; 1 gives the same file), `SPEC_METRICS_CHUNK_KIB=K` the chunk size
//! in KiB (default 4096; any size gives the same file). The engine's figures are exact decimals;
//! each float written is the f64 quotient of the figure's exact integer numerator and
//! denominator, as the peers' `sum / count`, so the files agree to the last bit or nearly.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::Path;
use std::time::Instant;

use csat_ingest::{ParallelCsv, ReadOptions};
use csat_model::{Attribute, Question, QuestionKind, SurveyDefinition, WeightsTable};
use csat_scoring::{Breakdown, Figure, Scores, ScoringOptions, Tally, TallySpec};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value, json};

const ITEMS: usize = 26;
const LOW_SCORERS: usize = 20;

/// The columns of the file that no SPEC metric reads: skipped unread (see `main`).
const UNUSED_COLUMNS: [&str; 6] = [
    "company",
    "department",
    "company_size",
    "role",
    "submitted_at",
    "comment",
];

/// The part of the SPEC's survey the metrics read: the two attributes segmented by, 26
/// five-level items, the 0..10 recommendation; weights from `weights.json`. The file's other
/// columns are ignored by name ([`UNUSED_COLUMNS`]), as a reader of only these columns would.
fn definition(weights: WeightsTable) -> Result<SurveyDefinition, Box<dyn Error>> {
    let mut b = SurveyDefinition::builder("bench", "CSAT benchmark survey");
    for a in ["industry", "region"] {
        b = b.attribute(Attribute::new(a, a));
    }
    for i in 1..=ITEMS {
        let id = format!("q{i:02}");
        b = b.question(Question::rated(id.clone(), id, None)?);
    }
    Ok(
        b.question(Question::new("nps", "nps", QuestionKind::Recommendation)?)
            .weights(weights)
            .build()?,
    )
}

/// `weights.json`: `{"q01": "4", ...}`, decimal strings in percent.
fn weights(path: &Path) -> Result<WeightsTable, Box<dyn Error>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let raw: BTreeMap<String, String> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = Vec::with_capacity(raw.len());
    for (item, w) in raw {
        let w: Decimal = w
            .parse()
            .map_err(|e| format!("weights.json: {item} = {w:?}: {e}"))?;
        rows.push((item, w));
    }
    Ok(WeightsTable::new(rows)?)
}

/// The f64 of `numerator / denominator` of an exact figure, or null with no data.
fn float(f: &Figure, numerator_scale: u32) -> Result<Value, Box<dyn Error>> {
    if f.value.is_none() {
        return Ok(Value::Null);
    }
    // Percent figures carry the × 100 in the numerator; take it out exactly first.
    let num = f.numerator / Decimal::from(numerator_scale);
    let (Some(n), Some(d)) = (num.to_f64(), f.denominator.to_f64()) else {
        return Err(format!("{f:?} does not convert to f64").into());
    };
    Ok(json!(n / d))
}

fn exact(v: Option<Decimal>) -> Value {
    v.and_then(|v| v.to_f64()).map_or(Value::Null, |v| json!(v))
}

fn segment_metrics(b: &Breakdown) -> Result<Value, Box<dyn Error>> {
    Ok(json!({
        "n": b.respondents,
        "grand_mean": float(&b.grand_mean, 1)?,
        "nps_score": b.nps.first().map_or(Ok(Value::Null), |n| float(&n.score, 1))?,
    }))
}

fn report(s: &Scores) -> Result<Value, Box<dyn Error>> {
    let t = &s.total;
    let mut items = Map::new();
    for item in &t.items {
        let mapped = item.mapped_mean.as_ref().ok_or("every item is mapped")?;
        items.insert(
            item.question.clone(),
            json!({
                "n": item.n,
                "counts": item.levels.iter().map(|l| l.count).collect::<Vec<_>>(),
                "mean": float(&item.mean, 1)?,
                "mapped_mean": float(mapped, 1)?,
            }),
        );
    }
    let nps = t.nps.first().ok_or("the survey has an NPS question")?;
    let mut segments = Map::new();
    for attribute in ["industry", "region"] {
        let seg = s
            .segments_by(attribute)
            .ok_or("segmented by industry and region")?;
        let mut values = Map::new();
        for (value, segment) in &seg.values {
            values.insert(value.clone(), segment_metrics(&segment.scores)?);
        }
        if let Some(missing) = &seg.missing {
            // The peers group a blank value under a null key, which JSON writes as "null".
            values.insert("null".to_owned(), segment_metrics(&missing.scores)?);
        }
        segments.insert(attribute.to_owned(), Value::Object(values));
    }
    let low: Vec<Value> = s
        .low_scorers
        .iter()
        .map(|l| Ok(json!({"id": l.respondent, "mean": float(&l.mean, 1)?})))
        .collect::<Result<_, Box<dyn Error>>>()?;
    Ok(json!({
        "n_respondents": t.respondents,
        "items": items,
        "grand_mean": float(&t.grand_mean, 1)?,
        "weighted_satisfaction": exact(t.weighted_satisfaction.as_ref().and_then(|w| w.value)),
        "ranking": t.ranking.iter().map(|r| r.question.clone()).collect::<Vec<_>>(),
        "nps": {
            "promoters": nps.promoters,
            "passives": nps.passives,
            "detractors": nps.detractors,
            "n": nps.answered,
            "score": float(&nps.score, 1)?,
        },
        "segments": segments,
        // A share 0..1 in the SPEC, a percentage in the engine.
        "satisfaction_rate": float(&t.satisfaction_rate.rate, 100)?,
        "low_scorers": low,
    }))
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // Display, not Debug: the error names record, line, column and value.
            eprintln!("error: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, out] = args.as_slice() else {
        return Err("usage: spec_metrics DATA_DIR OUT.json".into());
    };
    let data = Path::new(data);
    let start = Instant::now();
    let def = definition(weights(&data.join("weights.json"))?)?;
    // Straight-liners are legitimate here; the duplicate-answer check would only flag them.
    let mut opts = ReadOptions::new().check_duplicate_answers(false);
    for column in UNUSED_COLUMNS {
        opts = opts.ignore_column(column);
    }
    let spec = TallySpec::new()
        .segment_by("industry")
        .segment_by("region")
        .low_scorers(LOW_SCORERS)
        .detractors(0);
    let empty = Tally::with_spec(&def, spec)?;
    // Every core by default; SPEC_METRICS_THREADS=1 reads on one thread (same results).
    let threads = match std::env::var("SPEC_METRICS_THREADS") {
        Ok(n) => n
            .parse()
            .map_err(|e| format!("SPEC_METRICS_THREADS={n:?}: {e}"))?,
        Err(_) => 0,
    };
    let mut csv = ParallelCsv::open(&def, data.join("responses.csv"), opts)?.threads(threads);
    if let Ok(kib) = std::env::var("SPEC_METRICS_CHUNK_KIB") {
        let kib: usize = kib
            .parse()
            .map_err(|e| format!("SPEC_METRICS_CHUNK_KIB={kib:?}: {e}"))?;
        csv = csv.chunk_size(kib << 10);
    }
    let folded = csv.fold(
        || empty.empty_like(),
        |tally, row| tally.add(row),
        Tally::merge,
    )?;
    let tally = folded.value;
    let read = start.elapsed();
    let scoring = Instant::now();
    let scores = Scores::compute(&def, &tally, &ScoringOptions::default())?;
    std::fs::write(out, serde_json::to_string_pretty(&report(&scores)?)?)?;
    eprintln!(
        "{}; read and tallied in {:.2?}, scored and written in {:.2?}",
        folded.summary,
        read,
        scoring.elapsed()
    );
    Ok(())
}
