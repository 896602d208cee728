//! The default dataset's 2021 report, built as the `annual_report` example builds it.

use csat_ingest::{LoadedWave, ReadOptions, load_wave_dir};
use csat_report::{AnnualReport, NpsBasis, ReportInput, ReportOptions, ShareFactSpec};

pub fn data_dir() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/annual").to_owned()
}

pub fn load(year: &str) -> LoadedWave {
    load_wave_dir(format!("{}/{year}", data_dir()), ReadOptions::default())
        .unwrap_or_else(|e| panic!("loading {year}: {e}"))
}

/// The options of the default report: REFERENCE-2021.md's sample facts, 2020's NPS over the
/// 106 returned, region × industry, call-back columns company / department / industry.
pub fn options() -> ReportOptions {
    ReportOptions::default()
        .with_nps_basis("2020", NpsBasis::Returned)
        .with_segments(["industry", "region", "company_size", "role"])
        .with_segment_pair("region", "industry")
        .with_share_fact(ShareFactSpec::new(
            "公司规模1000人以上",
            "company_size",
            ["1001-2000", "2000+"],
        ))
        .with_share_fact(ShareFactSpec::new(
            "IT人员占比不超过30%",
            "it_share",
            ["≤10%", "11-30%"],
        ))
        .with_callback_attributes(["company", "department", "industry"])
}

pub fn default_report() -> AnnualReport {
    let (y2019, y2020, y2021) = (load("2019"), load("2020"), load("2021"));
    let input = ReportInput::new(&y2021.definition, &y2021.wave)
        .with_previous(&y2019.definition, &y2019.wave)
        .with_previous(&y2020.definition, &y2020.wave)
        .with_options(options());
    AnnualReport::build(&input).expect("the default report builds")
}
