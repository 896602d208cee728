//! NPS over time: the default dataset's NPS by year, the latest change and whether it is
//! significant, and whether it is a record.
//!
//! ```text
//! cargo run --example nps_over_time
//! ```
//!
//! REFERENCE-2021.md: 48.1 (2019) -> 59.4 (2020, over the 106 returned) -> 60.6 (2021).

use std::process::ExitCode;

use csat::ingest::{ReadOptions, load_wave_dir};
use csat::report::{AnnualReport, Delta, NpsBasis, RecordKind, ReportInput, ReportOptions};
use csat::trend::{Alpha, ChangeOptions, NpsCounts, Series, WavePoint};

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data/annual");
    let mut waves = Vec::new();
    for year in ["2019", "2020", "2021"] {
        waves.push(load_wave_dir(
            format!("{data}/{year}"),
            ReadOptions::default(),
        )?);
    }
    let (current, previous) = waves.split_last().ok_or("three waves")?;
    let mut input = ReportInput::new(&current.definition, &current.wave)
        .with_options(ReportOptions::default().with_nps_basis("2020", NpsBasis::Returned));
    for w in previous {
        input = input.with_previous(&w.definition, &w.wave);
    }
    let report = AnnualReport::build(&input)?;
    let nps = report
        .nps
        .as_ref()
        .ok_or("the survey asks for a recommendation")?;

    println!("wave  promoters passives detractors  base  NPS");
    for h in &nps.history {
        println!(
            "{:<5} {:>9} {:>8} {:>10} {:>5}  {}",
            h.wave,
            h.promoters,
            h.passives,
            h.detractors,
            h.base,
            h.score.text()
        );
    }
    if let Some(change) = &nps.change {
        let verdict = match nps.change_significant {
            Some(true) => "significant at 5%",
            Some(false) => "not significant at 5%",
            None => "not tested",
        };
        println!(
            "change since the previous wave: {} ({verdict})",
            change.shown
        );
    }
    if let Some(record) = &nps.record {
        println!(
            "a record {}: the earlier best was {} in {}",
            match record.kind {
                RecordKind::High => "high",
                _ => "low",
            },
            record.previous_value.text(),
            record.previous_wave
        );
    }

    // The same with the trend crate directly, e.g. to test 2019 -> 2021.
    let series = Series::new(nps.history.iter().zip(&waves).map(|(h, w)| {
        let counts = NpsCounts::new(h.promoters, h.passives, h.detractors)
            .and_then(|c| c.with_base(h.base))
            .ok();
        (WavePoint::from(w.wave.info()), counts)
    }))?;
    let two_years = series.change(
        "2019",
        "2021",
        &ChangeOptions::new().with_significance(Alpha::FIVE_PERCENT),
    )?;
    let test = two_years.test().ok_or("a test was asked for")?;
    println!(
        "2019 -> 2021: {} points, p = {:.3} ({})",
        Delta::new(two_years.points(), 1).shown,
        test.p_value(),
        if test.is_significant() {
            "significant"
        } else {
            "not significant"
        }
    );
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
