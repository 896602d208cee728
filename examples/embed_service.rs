//! Embedding csat in a service: one dependency (`csat`), a request handler that turns a
//! survey definition, a wave and its responses into a stored report, and a reader that brings
//! the stored report back, years later, as typed data.
//!
//! ```text
//! cargo run --example embed_service
//! ```
//!
//! The "store" is a map standing in for a database; the request is the JSON a web handler
//! would receive. No network is involved.

use std::collections::BTreeMap;
use std::process::ExitCode;

use csat::ingest::{ReadOptions, parse_definition_json, parse_wave_info_toml, read_csv};
use csat::model::Wave;
use csat::report::{AnnualReport, Language, RenderOptions, ReportInput, render};

/// A report store keyed by survey and wave, holding the versioned JSON form.
#[derive(Default)]
struct Store {
    reports: BTreeMap<(String, String), String>,
}

/// Handles `{"definition": {...}, "wave_toml": "...", "responses_csv": "..."}`: validates
/// everything, builds the report, stores its JSON and returns the key.
fn handle(store: &mut Store, request: &str) -> Result<(String, String), String> {
    let body: serde_json::Value =
        serde_json::from_str(request).map_err(|e| format!("request is not JSON: {e}"))?;
    let field = |name: &str| {
        body.get(name)
            .ok_or_else(|| format!("request has no {name:?}"))
    };
    let def = parse_definition_json(&field("definition")?.to_string())
        .map_err(|e| format!("definition: {e}"))?;
    let info = parse_wave_info_toml(
        field("wave_toml")?
            .as_str()
            .ok_or("wave_toml is not a string")?,
    )
    .map_err(|e| format!("wave: {e}"))?;
    let csv = field("responses_csv")?
        .as_str()
        .ok_or("responses_csv is not a string")?;
    // Strict reading: a bad record is the caller's to fix, and the message says where.
    let ingested = read_csv(&def, csv.as_bytes(), ReadOptions::default())
        .map_err(|e| format!("responses: {e}"))?;
    let wave = Wave::new(info, &def, ingested.responses).map_err(|e| format!("wave: {e}"))?;
    let report = AnnualReport::build(&ReportInput::new(&def, &wave)).map_err(|e| e.to_string())?;
    let key = (report.survey.survey_id.clone(), report.survey.wave.clone());
    store
        .reports
        .insert(key.clone(), report.to_json().map_err(|e| e.to_string())?);
    Ok(key)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let request = serde_json::json!({
        "definition": {
            "id": "helpdesk",
            "title": "服务台满意度",
            "attributes": [{"id": "region", "label": "区域", "values": ["东区", "南区"]}],
            "questions": [
                {"id": "q01", "label": "响应速度", "kind": "rated"},
                {"id": "q02", "label": "解决问题的能力", "kind": "rated"},
                {"id": "nps", "label": "推荐意愿", "kind": "recommendation"},
                {"id": "comment", "label": "意见和建议", "kind": "open_text"}
            ]
        },
        "wave_toml": "id = \"2024Q1\"\nsurvey_id = \"helpdesk\"\nperiod = { start = \"2024-03-25\", end = \"2024-03-29\" }\nsent = 8\n",
        "responses_csv": "respondent_id,region,q01,q02,nps,comment\n\
            R1,东区,5,5,10,\n\
            R2,东区,4,5,9,希望加强监控告警\n\
            R3,南区,4,3,6,故障定位太慢\n\
            R4,南区,5,4,8,\n"
    });
    let mut store = Store::default();
    let key = handle(&mut store, &request.to_string())?;
    println!(
        "stored report {key:?} ({} bytes of JSON)",
        store.reports[&key].len()
    );

    // A bad request gets a message that says where.
    let mut bad = request.clone();
    bad["responses_csv"] = "respondent_id,region,q01,q02,nps,comment\nR1,东区,7,5,10,\n".into();
    if let Err(e) = handle(&mut store, &bad.to_string()) {
        println!("refused: {e}");
    }

    // Later: read the stored JSON back as typed data.
    let report = AnnualReport::from_json(&store.reports[&key])?;
    let h = &report.headline;
    println!(
        "overall average {} (n = {}), NPS {}, response rate {}%",
        h.overall_average.text(),
        h.overall_average.n,
        h.nps.as_ref().map_or("–", |n| n.text()),
        h.response_rate.as_ref().map_or("–", |r| r.text())
    );
    for theme in report.comments.themes.iter().filter(|t| t.count > 0) {
        println!("theme {}: {} comment(s)", theme.label_en, theme.count);
    }
    let markdown = render::markdown(&report, &RenderOptions::new(Language::En));
    for line in markdown.lines().take(12) {
        println!("{line}");
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
