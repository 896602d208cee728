//! # csat-ingest: reading survey responses
//!
//! Turns response files, as survey tools export them, into [`csat_model::Response`]s checked
//! against a [`SurveyDefinition`](csat_model::SurveyDefinition), one record at a time, and says
//! what it did: how many records were read, accepted and rejected, why each rejection, and which
//! accepted records look suspicious.
//!
//! ## Overview
//!
//! - **Definitions**: [`read_definition`] reads a TOML or JSON definition file
//!   (`docs/definition-format.md`); [`read_wave_info`] reads a `wave.toml`;
//!   [`load_wave_dir`] reads a whole wave directory (`survey.toml`, `wave.toml`,
//!   `responses.csv`) into a [`csat_model::Wave`].
//! - **CSV**: [`CsvReader`] streams a CSV file (RFC 4180, UTF-8 with or without BOM, LF or CRLF)
//!   as an iterator of `Result<Response, Error>`; [`read_csv`] and [`read_csv_path`] collect it
//!   into an [`Ingested`].
//! - **Parallel CSV**: [`ParallelCsv`] (or [`fold_csv_path`]) reads a CSV file on every core
//!   and folds each accepted row, borrowed as a [`CsvRow`] (a
//!   [`ResponseView`](csat_model::ResponseView), nothing allocated per row), into any mergeable
//!   accumulator, such as a `csat_scoring::Tally`: the same checks, errors, positions and summary
//!   as [`CsvReader`], whatever the number of threads (`docs/performance.md`).
//! - **JSON**: [`JsonReader`] does the same for an array of objects or JSON lines, with the same
//!   column names as keys; [`read_json`] and [`read_json_lines`] collect.
//! - **Options**: [`ReadOptions`] chooses the [`Policy`] (strict: stop at the first bad record;
//!   lenient: skip it, report it, go on), the multiple-choice separator, the duplicate checks,
//!   and how absent or unknown columns are treated.
//! - **Summary**: [`Summary`] counts records read, accepted and rejected (always
//!   `accepted + rejected == rows_read`), rejections by kind, and data-quality flags on accepted
//!   records: blank rows, straight-liners, duplicate answers; [`RowFlags`] gives them per record.
//!
//! ## Cells
//!
//! Every cell is trimmed; a blank cell is "not answered", never a zero. A rated item takes a
//! level value (`4`) or a level label exactly (`较满意`); a recommendation takes a whole number
//! 0..10; a choice takes an option id or label; a multiple-choice cell takes items split by the
//! separator (`;` by default), or the question comes as one 0/1 column per option; open text is
//! kept as written; an attribute with declared values must take one of them.
//!
//! ## Examples
//!
//! ```
//! use csat_ingest::{CsvReader, ErrorKind, Policy, ReadOptions};
//! use csat_model::Answer;
//!
//! let def = csat_ingest::parse_definition_toml(r#"
//!     id = "annual"
//!     title = "客户满意度调查"
//!
//!     [[attributes]]
//!     id = "region"
//!     label = "区域"
//!     values = ["东区", "南区", "北区", "西区"]
//!
//!     [[questions]]
//!     id = "q01"
//!     label = "实施工程师现场服务的工作态度"
//!     kind = "rated"
//!
//!     [[questions]]
//!     id = "nps"
//!     label = "推荐意愿"
//!     kind = "recommendation"
//! "#)?;
//!
//! let csv = "respondent_id,region,q01,nps\n\
//!            R001,东区,满意,9\n\
//!            R002,南区,9,10\n\
//!            R003,,4,\n";
//! let mut reader = CsvReader::from_reader(&def, csv.as_bytes(), ReadOptions::lenient())?;
//!
//! let first = reader.next().unwrap()?;
//! assert_eq!(first.answers(), &[Some(Answer::Level(5)), Some(Answer::Recommend(9))]);
//!
//! let bad = reader.next().unwrap().unwrap_err();
//! assert!(matches!(bad.kind(), ErrorKind::OutOfScale { .. }));
//! assert_eq!(bad.position().unwrap().line, 3);
//! assert_eq!(
//!     bad.to_string(),
//!     r#"record 2 (line 3), column "q01": 9 is outside the scale 1..5"#
//! );
//!
//! let third = reader.next().unwrap()?;
//! assert_eq!(third.attribute(0), None); // blank region: not given
//! assert!(reader.next().is_none());
//! assert_eq!(reader.summary().to_string(), "3 rows read: 2 accepted, 1 rejected");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Errors
//!
//! Every function returns [`Error`]: an opaque error whose [`Error::kind`] is a
//! `#[non_exhaustive]` [`ErrorKind`] (out of scale, unknown label or option, malformed number,
//! wrong field count, duplicate or missing respondent id, unknown, missing or duplicate column,
//! invalid UTF-8, I/O, definition, parse) and whose [`Error::position`] is a [`Position`]:
//! record, line, column and value. Its `Display` form says where, like the `csv` crate's:
//! `record 9 (line 10), column "respondent_id": duplicate respondent id "R017" (first seen at
//! record 2)`. [`Error::is_rejection`] tells a rejected record (reading can go on) from an error
//! that ends reading (header, I/O).
//!
//! ## Limitations
//!
//! - Memory is flat in the file size except for the duplicate checks, which keep every accepted
//!   respondent id and a 64-bit hash per distinct answer vector; both can be switched off in
//!   [`ReadOptions`]. [`ParallelCsv`] keeps ids shaped like the file's first id (a prefix and up
//!   to 8 digits) as bits of a bitmap, at most 12.5 MB whatever the row count, and names the first
//!   record of a repeated such id with one more pass over the file, only when one is rejected.
//! - [`ParallelCsv`] needs a file (positioned reads) or bytes in memory, not a stream; its
//!   [`CsvRow`]s carry no record number (records are numbered when chunks are committed in file
//!   order), and a chunk whose guessed start fell inside a quoted line break is read twice, so
//!   `fold` should have no effect beyond its accumulator.
//! - Duplicate answers are detected by hash: a collision could flag a record wrongly (odds about
//!   n²/2⁶⁴ for n records).
//! - One record is rejected for its first problem only, in column order (for JSON: unknown keys,
//!   missing keys, then the definition's order).
//! - Lines are physical lines (`\n`); a quoted CSV field that spans lines is one record starting
//!   on its first line. Parse-error columns count bytes, as the parsers do.

mod cell;
mod columns;
mod csv_input;
mod definition;
mod error;
mod header;
mod ingested;
mod json_array;
mod json_input;
mod options;
mod parallel;
mod rows;
mod summary;
mod wave_dir;

pub use csv_input::CsvReader;
pub use definition::{
    parse_definition_json, parse_definition_toml, parse_wave_info_toml, read_definition,
    read_wave_info,
};
pub use error::{Error, ErrorKind, Position};
pub use ingested::{Ingested, read_csv, read_csv_path, read_json, read_json_lines};
pub use json_input::JsonReader;
pub use options::{Policy, ReadOptions, UnknownColumns};
pub use parallel::{
    CsvRow, DEFAULT_CHUNK_SIZE, DEFAULT_KEPT_REJECTIONS, Folded, MAX_CHUNK_SIZE, ParallelCsv,
    fold_csv_path,
};
pub use summary::{RowFlags, Summary};
pub use wave_dir::{LoadedWave, load_wave_dir};
