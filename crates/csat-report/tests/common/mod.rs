//! The default dataset's 2021 report, built as the `annual_report` example builds it.

// Each test file uses a part of this module.
#![allow(dead_code)]

use csat_ingest::{LoadedWave, ReadOptions, load_wave_dir};
use csat_report::{AnnualReport, ReportInput, ReportOptions};

pub fn data_dir() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/annual").to_owned()
}

pub fn load(year: &str) -> LoadedWave {
    load_wave_dir(format!("{}/{year}", data_dir()), ReadOptions::default())
        .unwrap_or_else(|e| panic!("loading {year}: {e}"))
}

/// The options of the default report, from the file the `annual_report` example reads:
/// REFERENCE-2021.md's sample facts, 2020's NPS over the 106 returned, region × industry,
/// call-back columns company / department / industry.
pub fn options() -> ReportOptions {
    let path = format!("{}/report-options.toml", data_dir());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn default_report() -> AnnualReport {
    let (y2019, y2020, y2021) = (load("2019"), load("2020"), load("2021"));
    let input = ReportInput::new(&y2021.definition, &y2021.wave)
        .with_previous(&y2019.definition, &y2019.wave)
        .with_previous(&y2020.definition, &y2020.wave)
        .with_options(options());
    AnnualReport::build(&input).expect("the default report builds")
}

/// The regulation's 14-dimension weighted survey (docs/examples/regulation-survey.toml) with
/// four customers answering every item 5, 4, 3 and 2: mapped 100, 90, 70, 0, so every
/// dimension's mean mapped value is (100 + 90 + 70 + 0) / 4 = 65 and the weighted
/// satisfaction is 65; three of four customers reach 70, a satisfaction rate of 75.
pub fn regulation_report() -> AnnualReport {
    use csat_model::{Answer, Period, Response, Wave, WaveInfo};
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/examples/regulation-survey.toml"
    );
    let def = csat_ingest::read_definition(path).expect("the regulation survey");
    let responses = [("C1", 5), ("C2", 4), ("C3", 3), ("C4", 2)]
        .into_iter()
        .map(|(id, level)| {
            let mut b = Response::builder(&def, id);
            for i in 1..=14 {
                b = b.answer(&format!("r{i:02}"), Answer::Level(level)).unwrap();
            }
            b.build().unwrap()
        })
        .collect();
    let d = |m, day| chrono::NaiveDate::from_ymd_opt(2021, m, day).unwrap();
    let info = WaveInfo::new(
        "2021Q4",
        def.id(),
        Period::new(d(12, 1), d(12, 10)).unwrap(),
    )
    .unwrap()
    .with_sent(5)
    .unwrap();
    let wave = Wave::new(info, &def, responses).unwrap();
    AnnualReport::build(&ReportInput::new(&def, &wave)).expect("the regulation report builds")
}
