//! Renderings of an [`AnnualReport`]: Markdown, CSV tables, JSON and single-file HTML.
//!
//! All renderings are deterministic (no timestamps), so they can be compared with golden
//! files, and all text is UTF-8. Figures appear as their [`Stat::shown`](crate::Stat::shown)
//! form, so every rendering rounds the same way.
//!
//! # Example
//!
//! ```
//! # use csat_model::{Answer, Period, Question, Response, SurveyDefinition, Wave, WaveInfo};
//! # use chrono::NaiveDate;
//! use csat_report::{render, AnnualReport, Language, RenderOptions, ReportInput};
//!
//! # let def = SurveyDefinition::builder("s", "满意度").question(Question::rated("q01", "态度", None)?).build()?;
//! # let r = Response::builder(&def, "R1").answer("q01", Answer::Level(5))?.build()?;
//! # let d = NaiveDate::from_ymd_opt(2021, 11, 24).ok_or("date")?;
//! # let wave = Wave::new(WaveInfo::new("2021", "s", Period::new(d, d)?)?, &def, vec![r])?;
//! let report = AnnualReport::build(&ReportInput::new(&def, &wave))?;
//! let md = render::markdown(&report, &RenderOptions::new(Language::En));
//! assert!(md.starts_with("# 满意度"));
//! let html = render::html(&report, &RenderOptions::default());
//! assert!(html.contains(r#"<meta charset="utf-8">"#));
//! let tables = render::csv_tables(&report, &RenderOptions::default())?;
//! assert!(tables.iter().any(|t| t.name == "items.csv"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod charts;
mod csv_tables;
mod html;
mod markdown;
mod phrases;
mod tables;

pub use csv_tables::{CsvTable, csv_tables};
pub use html::html;
pub use markdown::markdown;

use crate::error::Error;
use crate::report::AnnualReport;

/// The report as pretty-printed JSON; the same as [`AnnualReport::to_json`].
pub fn json(report: &AnnualReport) -> Result<String, Error> {
    report.to_json()
}
