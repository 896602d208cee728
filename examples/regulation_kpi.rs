//! The regulation's weighted KPI (DOMAIN.md section 2): overall satisfaction of the
//! 14-dimension survey against its 90% target, and the satisfaction rate against 85%.
//!
//! ```text
//! cargo run --example regulation_kpi                               # the bundled quarter
//! cargo run --example regulation_kpi -- SURVEY.toml RESPONSES.csv WAVE.toml
//! ```
//!
//! By default it reads the regulation survey (`docs/examples/regulation-survey.toml`) and one
//! quarter of 20 customers' answers (`examples/data/regulation/`); give three paths to run it
//! on your own quarter. Each dimension's mean mapped value (100/90/70/0/-10) is weighted by the
//! table and the result is checked against the definition's targets.

use std::process::ExitCode;

use csat::ingest::{ReadOptions, read_csv_path, read_definition, read_wave_info};
use csat::model::Wave;
use csat::report::{AnnualReport, ReportInput};
use csat::scoring::Kpi;
use csat::scoring::display::round_half_away;

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data/regulation");
    let (survey, responses, wave) = match args.as_slice() {
        [] => (
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../docs/examples/regulation-survey.toml"
            )
            .to_owned(),
            format!("{data}/responses-2021Q4.csv"),
            format!("{data}/wave-2021Q4.toml"),
        ),
        [s, r, w] => (s.clone(), r.clone(), w.clone()),
        _ => return Err("usage: regulation_kpi [SURVEY.toml RESPONSES.csv WAVE.toml]".into()),
    };
    let def = read_definition(&survey)?;
    let info = read_wave_info(&wave)?;
    let ingested = read_csv_path(&def, &responses, ReadOptions::default())?;
    println!("{responses}: {}", ingested.summary);
    let wave = Wave::new(info, &def, ingested.responses)?;
    let report = AnnualReport::build(&ReportInput::new(&def, &wave))?;

    let s = &report.satisfaction;
    let w = s
        .weighted
        .as_ref()
        .ok_or("the regulation survey has a weights table")?;
    println!("{} · {}", report.survey.title, report.survey.wave);
    println!(
        "{:<12} {:>6} {:>10} {:>12}",
        "dimension", "weight", "mapped", "contribution"
    );
    for p in &w.parts {
        println!(
            "{:<12} {:>5}% {:>10} {:>12}",
            p.label,
            p.weight,
            p.mapped_mean.text(),
            p.contribution
                .map_or_else(|| "–".to_owned(), |c| round_half_away(c, 2).to_string())
        );
    }
    println!(
        "weighted satisfaction: {}% (n = {} answers)",
        w.value.text(),
        w.value.n
    );
    println!(
        "satisfaction rate: {}% ({} of {} at or above {})",
        s.satisfaction_rate.text(),
        s.satisfied,
        s.satisfaction_rate.n,
        s.threshold
    );
    for k in &s.kpis {
        let name = match k.kpi {
            Kpi::OverallSatisfaction => "overall satisfaction",
            Kpi::SatisfactionRate => "satisfaction rate",
            Kpi::Nps => "NPS",
            _ => "overall average",
        };
        let verdict = match k.met {
            Some(true) => "met",
            Some(false) => "NOT met",
            None => "no data",
        };
        println!(
            "KPI {name}: {} against target {} -> {verdict}",
            k.actual.text(),
            k.target
        );
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
