//! Reading a whole response file into memory: responses, flags, rejections and the summary.

use std::io::Read;
use std::path::Path;

use csat_model::{Response, SurveyDefinition};

use crate::csv_input::CsvReader;
use crate::error::Error;
use crate::json_input::JsonReader;
use crate::options::{Policy, ReadOptions};
use crate::summary::{RowFlags, Summary};

/// Everything read from one response file.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Ingested {
    /// The accepted responses, in file order.
    pub responses: Vec<Response>,
    /// The data-quality flags of each response: `flags[i]` belongs to `responses[i]`.
    pub flags: Vec<RowFlags>,
    /// The rejected records' errors, in file order (always empty under the strict policy,
    /// which returns the first one as the error instead).
    pub rejections: Vec<Error>,
    /// The counts; `summary.accepted == responses.len()` and
    /// `summary.rejected == rejections.len()`.
    pub summary: Summary,
}

/// Reads a whole CSV response file. Under [`Policy::Strict`] the first bad record is the error;
/// under [`Policy::Lenient`] bad records are collected in [`Ingested::rejections`]. Errors that
/// end reading (header, I/O) are returned under both.
pub fn read_csv<R: Read>(
    def: &SurveyDefinition,
    rdr: R,
    opts: ReadOptions,
) -> Result<Ingested, Error> {
    let policy = opts.policy;
    let mut reader = CsvReader::from_reader(def, rdr, opts)?;
    let mut ingested = collect(reader.flagged(), policy)?;
    ingested.summary = reader.summary().clone();
    Ok(ingested)
}

/// [`read_csv`] on a file; errors name the path.
pub fn read_csv_path(
    def: &SurveyDefinition,
    path: impl AsRef<Path>,
    opts: ReadOptions,
) -> Result<Ingested, Error> {
    let policy = opts.policy;
    let mut reader = CsvReader::from_path(def, path, opts)?;
    let mut ingested = collect(reader.flagged(), policy)?;
    ingested.summary = reader.summary().clone();
    Ok(ingested)
}

/// Reads a whole JSON array of response objects, like [`read_csv`].
pub fn read_json<R: Read>(
    def: &SurveyDefinition,
    rdr: R,
    opts: ReadOptions,
) -> Result<Ingested, Error> {
    let policy = opts.policy;
    let mut reader = JsonReader::array(def, rdr, opts)?;
    let mut ingested = collect(reader.flagged(), policy)?;
    ingested.summary = reader.summary().clone();
    Ok(ingested)
}

/// Reads whole JSON lines (one response object per line), like [`read_csv`].
pub fn read_json_lines<R: Read>(
    def: &SurveyDefinition,
    rdr: R,
    opts: ReadOptions,
) -> Result<Ingested, Error> {
    let policy = opts.policy;
    let mut reader = JsonReader::lines(def, rdr, opts)?;
    let mut ingested = collect(reader.flagged(), policy)?;
    ingested.summary = reader.summary().clone();
    Ok(ingested)
}

fn collect(
    records: impl Iterator<Item = Result<(Response, RowFlags), Error>>,
    policy: Policy,
) -> Result<Ingested, Error> {
    let mut ingested = Ingested::default();
    for record in records {
        match record {
            Ok((response, flags)) => {
                ingested.responses.push(response);
                ingested.flags.push(flags);
            }
            Err(e) if e.is_rejection() && policy == Policy::Lenient => ingested.rejections.push(e),
            Err(e) => return Err(e),
        }
    }
    Ok(ingested)
}
