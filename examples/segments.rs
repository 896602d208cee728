//! Segment analysis (交叉分组分析): the default dataset's 2021 scores by industry, by region
//! and by region × industry, with the best segment named and small segments flagged.
//!
//! ```text
//! cargo run --example segments
//! ```
//!
//! REFERENCE-2021.md: "other finance" (其他金融) scored highest; east-region finance
//! (东区 × 其他金融) scored highest.

use std::process::ExitCode;

use csat::ingest::{ReadOptions, load_wave_dir};
use csat::report::{AnnualReport, ReportInput, ReportOptions, SegmentTable};

fn print(t: &SegmentTable) {
    println!(
        "\n{} (best: {}; segments under {} respondents are not ranked)",
        t.labels.join(" × "),
        t.best
            .as_ref()
            .map_or_else(|| "–".to_owned(), |b| b.join(" × ")),
        t.min_base
    );
    for r in &t.rows {
        println!(
            "  {:<16} n = {:>3}  average {}  NPS {:>6}  {}",
            r.values.join(" × "),
            r.respondents,
            r.overall_average.text(),
            r.nps.as_ref().map_or("–", |n| n.text()),
            match (r.below_min_base, r.rank) {
                (true, _) => "(base too small)".to_owned(),
                (false, Some(rank)) => format!("rank {rank}"),
                (false, None) => String::new(),
            }
        );
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/annual/2021");
    let w = load_wave_dir(dir, ReadOptions::default())?;
    let options = ReportOptions::default()
        .with_segments(["industry", "region"])
        .with_segment_pair("region", "industry");
    let report =
        AnnualReport::build(&ReportInput::new(&w.definition, &w.wave).with_options(options))?;
    for t in &report.segments {
        print(t);
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
