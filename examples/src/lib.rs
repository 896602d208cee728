//! # csat-examples: runnable examples and the default dataset
//!
//! ## Overview
//!
//! This package holds the workspace's runnable examples (`cargo run --example <name>`) and the
//! code behind them that deserves tests of its own:
//!
//! - [`dataset`]: the default three-wave dataset of the annual survey under
//!   `examples/data/annual/` (2019, 2020, 2021; `survey.toml`, `wave.toml`, `responses.csv` per
//!   year), its deterministic generator and the checks that the 2021 wave reproduces every figure
//!   of the published report (docs: `examples/data/annual/README.md`).
//!
//! Examples:
//!
//! - `generate_dataset [OUT_DIR]`: rebuilds and verifies the dataset, writes it to `OUT_DIR`
//!   (default: the committed `examples/data/annual`) and prints what it verified.
//!
//! ## Examples
//!
//! ```
//! let ds = csat_examples::dataset::Dataset::generate()?;
//! let csv = ds.wave("2021").unwrap().responses_csv();
//! assert!(csv.starts_with(b"respondent_id,company,department,contact,industry"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Errors
//!
//! [`dataset::Error`] with [`dataset::Error::kind`]: a committed definition that does not parse,
//! a construction plan that does not fit it, figures not reproduced (every failed check listed),
//! or a file that cannot be written.
//!
//! ## Limitations
//!
//! The companies, departments, people and comments are invented; only the aggregate figures of
//! 2021 (and 2020's ranks and NPS) come from a real report. 2019 is plausible, not published.

pub mod dataset;
