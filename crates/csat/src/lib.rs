//! # csat: customer-satisfaction survey analysis in one dependency
//!
//! ## Overview
//!
//! This crate only re-exports the workspace's libraries, so a service adds one line to its
//! `Cargo.toml` and reaches every part under one name:
//!
//! | path | crate | what |
//! |---|---|---|
//! | [`model`] | `csat-model` | survey definitions, scales, responses, waves |
//! | `ingest` | `csat-ingest` | reading definitions and responses (CSV, JSON) |
//! | `scoring` | `csat-scoring` | exact, streaming, mergeable scores |
//! | `trend` | `csat-trend` | changes, ranks, records, significance across waves |
//! | `report` | `csat-report` | the annual report as data, and its renderings |
//!
//! ## Examples
//!
//! The README's API in ten lines: tally a wave and score it.
//!
//! ```
//! use csat::ingest::{load_wave_dir, ReadOptions};
//! use csat::scoring::{display, Scores, ScoringOptions, Tally};
//!
//! # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/annual/2021");
//! # /*
//! let dir = "examples/data/annual/2021";
//! # */
//! let wave = load_wave_dir(dir, ReadOptions::default())?;
//! println!("{}", wave.summary); // 105 rows read: 105 accepted, 0 rejected
//! let mut tally = Tally::new(&wave.definition)?;
//! tally.add_all(wave.wave.responses())?;
//! let scores = Scores::compute(&wave.definition, &tally, &ScoringOptions::default())?;
//! let average = display::round_figure(&scores.total.grand_mean, display::MEAN_DP);
//! println!("overall average {average:?}, NPS {:?}", scores.total.nps[0].score.value);
//! # assert_eq!(average, Some(rust_decimal::Decimal::new(462, 2)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The default dataset's 2021 report, compared with 2019 and 2020, as Markdown and JSON:
//!
//! ```
//! use csat::ingest::{ReadOptions, load_wave_dir};
//! use csat::report::{render, AnnualReport, NpsBasis, RenderOptions, ReportInput, ReportOptions};
//!
//! let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/annual");
//! let waves = ["2019", "2020", "2021"]
//!     .map(|year| load_wave_dir(format!("{data}/{year}"), ReadOptions::default()));
//! let [y2019, y2020, y2021] = waves;
//! let (y2019, y2020, y2021) = (y2019?, y2020?, y2021?);
//!
//! let options = ReportOptions::default()
//!     .with_nps_basis("2020", NpsBasis::Returned) // 2020's NPS was taken over 106 returned
//!     .with_segment_pair("region", "industry");
//! let input = ReportInput::new(&y2021.definition, &y2021.wave)
//!     .with_previous(&y2019.definition, &y2019.wave)
//!     .with_previous(&y2020.definition, &y2020.wave)
//!     .with_options(options);
//! let report = AnnualReport::build(&input)?;
//!
//! assert_eq!(report.headline.overall_average.text(), "4.62");
//! let markdown = render::markdown(&report, &RenderOptions::default());
//! assert!(markdown.contains("整体平均分 **4.62**"));
//! let json = report.to_json()?;
//! assert_eq!(AnnualReport::from_json(&json)?, report);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Crate features
//!
//! All on by default; turn off `default-features` and pick what a service needs:
//!
//! - `ingest`: [`ingest`] (`csat-ingest`).
//! - `scoring`: [`scoring`] (`csat-scoring`).
//! - `trend`: [`trend`] (`csat-trend`).
//! - `report`: [`report`] (`csat-report`); turns on `scoring` and `trend`.
//!
//! [`model`] is always there.
//!
//! ## Errors
//!
//! Each crate has its own opaque `Error` with a `kind()`; see each module.
//!
//! ## Limitations
//!
//! Nothing beyond those of the re-exported crates.

pub use csat_model as model;

#[cfg(feature = "ingest")]
pub use csat_ingest as ingest;

#[cfg(feature = "report")]
pub use csat_report as report;

#[cfg(feature = "scoring")]
pub use csat_scoring as scoring;

#[cfg(feature = "trend")]
pub use csat_trend as trend;

/// Reads a CSV response file on every core and tallies it: the one call a service needs to
/// score a large file.
///
/// `empty` says what to count (its definition and [`scoring::TallySpec`]); the file is checked
/// exactly as [`ingest::CsvReader`] checks it against that definition (same errors, positions
/// and summary; strict or lenient as `options` says), cut into chunks that
/// [`ingest::ParallelCsv`]'s workers fold into copies of `empty`, and the chunk tallies are
/// merged. Memory stays flat whatever the file size (see `docs/performance.md`). Score the
/// result with [`scoring::Scores::compute`].
///
/// # Errors
///
/// The first rejected record under the strict policy, a header or I/O error, or a response the
/// tally refuses (as [`ingest::ErrorKind::Fold`] at the row's position).
///
/// # Example
///
/// ```
/// use csat::ingest::{read_definition, ReadOptions};
/// use csat::scoring::{display, Scores, ScoringOptions, Tally, TallySpec};
///
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/annual/2021");
/// let def = read_definition(format!("{dir}/survey.toml"))?;
/// let empty = Tally::with_spec(&def, TallySpec::for_definition(&def).segment_pair("region", "industry"))?;
/// let folded = csat::tally_csv_path(&empty, format!("{dir}/responses.csv"), ReadOptions::default())?;
/// assert_eq!(folded.summary.accepted, 105); // REFERENCE-2021: 105 returned
/// let scores = Scores::compute(&def, &folded.value, &ScoringOptions::default())?;
/// // REFERENCE-2021: overall average 4.62.
/// let average = display::round_figure(&scores.total.grand_mean, display::MEAN_DP);
/// assert_eq!(average, Some(rust_decimal::Decimal::new(462, 2)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(all(feature = "ingest", feature = "scoring"))]
pub fn tally_csv_path(
    empty: &scoring::Tally,
    path: impl AsRef<std::path::Path>,
    options: ingest::ReadOptions,
) -> Result<ingest::Folded<scoring::Tally>, ingest::Error> {
    ingest::ParallelCsv::open(empty.definition(), path, options)?.fold(
        || empty.empty_like(),
        |tally, row| tally.add(row),
        scoring::Tally::merge,
    )
}
