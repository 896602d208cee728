//! The regulation's weighted KPI (DOMAIN.md section 2): overall satisfaction of the
//! 14-dimension survey against its 90% target, and the satisfaction rate against 85%.
//!
//! ```text
//! cargo run --example regulation_kpi
//! ```
//!
//! Four customers of one quarter answer every item 5, 4, 3 and 2 (mapped 100, 90, 70, 0), so
//! each dimension's mean mapped value is (100 + 90 + 70 + 0) / 4 = 65 and the weighted
//! satisfaction Σ weight × 65 / 100 = 65.0%; three of four customers reach 70: 75.0%.

use std::process::ExitCode;

use csat::ingest::{parse_wave_info_toml, read_definition};
use csat::model::{Answer, Response, Wave};
use csat::report::{AnnualReport, ReportInput};
use csat::scoring::Kpi;
use csat::scoring::display::round_half_away;

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/examples/regulation-survey.toml"
    );
    let def = read_definition(path)?;
    let info = parse_wave_info_toml(
        r#"
        id = "2021Q4"
        survey_id = "regulation-quarterly"
        period = { start = "2021-12-01", end = "2021-12-10" }
        sent = 4
        "#,
    )?;
    let mut responses = Vec::new();
    for (customer, level) in [("C1", 5), ("C2", 4), ("C3", 3), ("C4", 2)] {
        let mut r = Response::builder(&def, customer).attribute("quarter", "Q4")?;
        for (_, q) in def.rated_items() {
            r = r.answer(q.id(), Answer::Level(level))?;
        }
        responses.push(r.build()?);
    }
    let wave = Wave::new(info, &def, responses)?;
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
