//! Loading a wave directory: `survey.toml`, `wave.toml` and `responses.csv`.

use std::path::Path;

use csat_model::{SurveyDefinition, Wave};

use crate::definition::{read_definition, read_wave_info};
use crate::error::Error;
use crate::ingested::read_csv_path;
use crate::options::ReadOptions;
use crate::summary::{RowFlags, Summary};

/// A wave loaded from a directory, with what reading it found.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LoadedWave {
    /// The survey definition (`survey.toml`).
    pub definition: SurveyDefinition,
    /// The wave (`wave.toml`) with its accepted responses (`responses.csv`).
    pub wave: Wave,
    /// The counts of reading `responses.csv`.
    pub summary: Summary,
    /// The rejected records' errors (lenient policy; empty under strict).
    pub rejections: Vec<Error>,
    /// The flags of each response: `flags[i]` belongs to `wave.responses()[i]`.
    pub flags: Vec<RowFlags>,
}

/// Loads `dir/survey.toml`, `dir/wave.toml` and `dir/responses.csv` into a [`Wave`].
///
/// The wave must belong to the definition's survey ([`Wave::new`]); with
/// [`ReadOptions::check_duplicate_ids`] switched off, a repeated respondent id fails there, as
/// a [`Definition`](crate::ErrorKind::Definition) error naming `responses.csv`.
pub fn load_wave_dir(dir: impl AsRef<Path>, opts: ReadOptions) -> Result<LoadedWave, Error> {
    let dir = dir.as_ref();
    let definition = read_definition(dir.join("survey.toml"))?;
    let wave_path = dir.join("wave.toml");
    let info = read_wave_info(&wave_path)?;
    let responses_path = dir.join("responses.csv");
    let ingested = read_csv_path(&definition, &responses_path, opts)?;
    let wave = Wave::new(info, &definition, ingested.responses).map_err(|e| {
        let file = if matches!(e.kind(), csat_model::ErrorKind::InvalidWave { .. }) {
            &wave_path
        } else {
            &responses_path
        };
        Error::from(e).in_file(Some(file))
    })?;
    Ok(LoadedWave {
        definition,
        wave,
        summary: ingested.summary,
        rejections: ingested.rejections,
        flags: ingested.flags,
    })
}
