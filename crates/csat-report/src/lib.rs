//! # csat-report: the annual report as data, and its renderings
//!
//! ## Overview
//!
//! [`AnnualReport::build`] turns a wave of responses (with its survey definition) and any
//! earlier waves of the same survey into an [`AnnualReport`]: plain serde data with one section
//! per section of a published annual report (REFERENCE-2021.md is the model):
//!
//! | section | type | holds |
//! |---|---|---|
//! | `survey` | [`SurveySection`] | period, working days, sent, returned, response rate |
//! | `sample` | [`SampleSection`] | the sample by attribute, named shares ("63% over 1000 people"), ratios ("25:1") |
//! | `headline` | [`Headline`] | overall average and whether it is a record, highest and lowest item |
//! | `items` | [`ItemTable`] | every item's score, rank, last year's rank and movement |
//! | `nps` | [`NpsSection`] | promoters, passives, detractors, score, change, history |
//! | `callbacks` | [`Callbacks`] | detractors and lowest-scoring respondents to call back |
//! | `segments` | [`SegmentTable`] | scores by industry, region, region × industry, with the best named |
//! | `choices` | [`ChoiceTable`] | choice-question distributions |
//! | `comments` | [`CommentsSection`] | open text grouped by a keyword → theme [`ThemeDictionary`] |
//! | `satisfaction` | [`SatisfactionSection`] | weighted satisfaction, satisfaction rate, KPI verdicts |
//! | `trend` | [`TrendSection`] | headline figures and items by wave |
//!
//! Every figure is a [`Stat`]: the exact value (a decimal string in JSON), the value as shown
//! (rounded half away from zero: 2 decimals for 5-point means, 1 for NPS and percentages, 0
//! for the response rate, DOMAIN.md section 5) and the base `n` it rests on.
//!
//! The JSON form is versioned ([`SCHEMA_VERSION`], `docs/report-schema.md`): decimals as
//! strings, a stable field order, every key always present (`null` when there is no value),
//! so a service can store a report and read it back years later with
//! [`AnnualReport::from_json`].
//!
//! The [`render`] module writes a report as Markdown, CSV (one table per file), JSON and a
//! single-file HTML page with inline SVG charts, with fixed headings in Chinese or English
//! ([`Language`]) and the survey's own labels unchanged.
//!
//! ## Examples
//!
//! ```
//! use csat_ingest::{ReadOptions, load_wave_dir};
//! use csat_report::{AnnualReport, Language, NpsBasis, RenderOptions, ReportInput, ReportOptions, render};
//!
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/annual");
//! let y2020 = load_wave_dir(format!("{dir}/2020"), ReadOptions::default())?;
//! let y2021 = load_wave_dir(format!("{dir}/2021"), ReadOptions::default())?;
//! let options = ReportOptions::default()
//!     // The 2020 report took its NPS over the 106 returned questionnaires.
//!     .with_nps_basis("2020", NpsBasis::Returned)
//!     .with_segment_pair("region", "industry");
//! let input = ReportInput::new(&y2021.definition, &y2021.wave)
//!     .with_previous(&y2020.definition, &y2020.wave)
//!     .with_options(options);
//! let report = AnnualReport::build(&input)?;
//!
//! assert_eq!(report.headline.overall_average.text(), "4.62");
//! assert_eq!(report.survey.response_rate.as_ref().map(|r| r.text()), Some("29"));
//! let nps = report.nps.as_ref().ok_or("no NPS")?;
//! assert_eq!((nps.promoters, nps.passives, nps.detractors, nps.score.text()), (69, 29, 6, "60.6"));
//!
//! let md = render::markdown(&report, &RenderOptions::new(Language::En));
//! assert!(md.contains("| 1 | 实施工程师现场服务的工作态度 | 4.74 |"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Errors
//!
//! [`AnnualReport::build`] returns an [`Error`] whose [`Error::kind`] is a `#[non_exhaustive]`
//! [`ErrorKind`]: waves that do not belong together (another survey, a definition that is not
//! the wave's, a repeated wave, an "earlier" wave that is not earlier), options naming an
//! attribute, value or question the survey lacks, a theme dictionary with a blank keyword,
//! and the scoring or trend error of a wave. [`AnnualReport::from_json`] refuses a document of
//! another schema version. Rendering Markdown, JSON and HTML cannot fail; CSV can only fail
//! inside the `csv` writer.
//!
//! ## Limitations
//!
//! - The report holds the current wave's comments and call-back lists; it is meant for a
//!   wave that fits in memory (a [`csat_model::Wave`]). Figures come from the streaming
//!   scoring engine, so a very large wave costs time, not memory beyond the responses.
//! - Themes are found by keyword (substring) match, not by language understanding.
//! - Working days count Monday to Friday; public holidays are not known.
//! - Charts are drawn for a handful of waves and up to a few dozen items or segments; longer
//!   lists still render, only taller.

mod callbacks;
mod choices;
mod comments;
mod context;
mod error;
mod headline;
mod input;
mod items;
mod language;
mod nps;
mod options;
mod record;
pub mod render;
mod report;
mod satisfaction;
mod segments;
mod stat;
mod survey;
mod themes;
mod trend;

pub use callbacks::{CallbackColumn, Callbacks, DetractorRow, LowScorerRow};
pub use choices::{ChoiceRow, ChoiceTable, ChoiceType};
pub use comments::{Comment, CommentsSection, TextQuestion, ThemeGroup};
pub use error::{Error, ErrorKind};
pub use headline::{Headline, ItemHeadline};
pub use input::ReportInput;
pub use items::{DroppedItem, ItemRow, ItemTable};
pub use language::{Language, RenderOptions};
pub use nps::{NpsPoint, NpsSection};
pub use options::{
    DEFAULT_COMMENTS_PER_THEME, DEFAULT_DETRACTOR_CAP, DEFAULT_LOW_SCORERS, NpsBasis,
    ReportOptions, ShareFactSpec,
};
pub use record::{RecordKind, RecordNote};
pub use report::{AnnualReport, SCHEMA_VERSION};
pub use satisfaction::{KpiRow, SatisfactionSection, WeightedPartRow, WeightedSummary};
pub use segments::{SegmentRow, SegmentTable};
pub use stat::{Delta, Stat};
pub use survey::{AttributeMakeup, RatioFact, SampleSection, ShareFact, SurveySection, ValueCount};
pub use themes::{Theme, ThemeDictionary};
pub use trend::{ChoiceTrend, ItemTrend, OptionTrend, TrendSection, TrendWave};

#[doc = include_str!("../../../docs/report-schema.md")]
#[cfg(doctest)]
pub struct ReportSchemaDoc;
