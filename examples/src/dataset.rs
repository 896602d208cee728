//! The default dataset: three waves (2019, 2020, 2021) of the IT-services vendor's annual
//! customer-satisfaction survey, as raw responses with invented companies and people.
//!
//! [`Dataset::generate`] rebuilds the three `responses.csv` files deterministically (the same
//! bytes on every machine: a fixed-seed SplitMix64, no `rand` crate) and verifies them, from the
//! CSV bytes alone, against the published figures of REFERENCE-2021.md: 105 of 356 returned,
//! overall average 4.62, the 26 item means and their competition ranks, NPS 69/29/6 = 60.6, the
//! five lowest respondents, the make-up of the sample, the license-model shares, the top
//! segments, open-text themes; 2020's ranks and NPS 59.4; 2019's NPS 48.1; records and trends
//! across the waves. [`Dataset::write_to`] writes a wave directory per year.
//!
//! # Example
//!
//! ```
//! use csat_examples::dataset::Dataset;
//!
//! let ds = Dataset::generate()?;
//! let w = ds.wave("2021").unwrap();
//! assert_eq!(w.rows(), 105);
//! assert!(ds.checks().iter().any(|c| c.contains("= 4.62")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod build;
mod comments;
mod names;
mod plan;
mod reference;
mod rng;
mod table;
mod verify;

use std::path::{Path, PathBuf};

use csat_model::{SurveyDefinition, WaveInfo};

/// The waves oldest first, with their committed definition and wave files.
const SOURCES: [(&str, &str, &str); 3] = [
    (
        "2019",
        include_str!("../data/annual/2019/survey.toml"),
        include_str!("../data/annual/2019/wave.toml"),
    ),
    (
        "2020",
        include_str!("../data/annual/2020/survey.toml"),
        include_str!("../data/annual/2020/wave.toml"),
    ),
    (
        "2021",
        include_str!("../data/annual/2021/survey.toml"),
        include_str!("../data/annual/2021/wave.toml"),
    ),
];

/// The file names of a wave directory.
pub const SURVEY_FILE: &str = "survey.toml";
/// See [`SURVEY_FILE`].
pub const WAVE_FILE: &str = "wave.toml";
/// See [`SURVEY_FILE`].
pub const RESPONSES_FILE: &str = "responses.csv";

/// The committed dataset's directory, `examples/data/annual` in the source tree, with one
/// subdirectory per year.
#[must_use]
pub fn default_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join("annual")
}

/// One generated wave: its year and the contents of its three files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedWave {
    year: &'static str,
    survey_toml: &'static str,
    wave_toml: &'static str,
    responses_csv: Vec<u8>,
    rows: usize,
}

impl GeneratedWave {
    /// The wave id, e.g. `2021`.
    #[must_use]
    pub fn year(&self) -> &str {
        self.year
    }

    /// The survey definition file (committed, not generated).
    #[must_use]
    pub fn survey_toml(&self) -> &str {
        self.survey_toml
    }

    /// The wave file: `csat_model::WaveInfo` in TOML (committed, not generated).
    #[must_use]
    pub fn wave_toml(&self) -> &str {
        self.wave_toml
    }

    /// The generated responses, CSV with a header row, UTF-8, LF line ends.
    #[must_use]
    pub fn responses_csv(&self) -> &[u8] {
        &self.responses_csv
    }

    /// The number of responses (data rows of the CSV).
    #[must_use]
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The wave directory's files as (name, contents).
    #[must_use]
    pub fn files(&self) -> [(&'static str, &[u8]); 3] {
        [
            (SURVEY_FILE, self.survey_toml.as_bytes()),
            (WAVE_FILE, self.wave_toml.as_bytes()),
            (RESPONSES_FILE, &self.responses_csv),
        ]
    }
}

/// A file [`Dataset::write_to`] considered, and whether it had to be (re)written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenFile {
    path: PathBuf,
    changed: bool,
}

impl WrittenFile {
    /// Where the file is.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `false` when the file already held exactly these bytes and was left untouched.
    #[must_use]
    pub fn changed(&self) -> bool {
        self.changed
    }
}

/// The three generated waves, verified against the published figures.
#[derive(Debug, Clone)]
pub struct Dataset {
    waves: Vec<GeneratedWave>,
    checks: Vec<String>,
}

impl Dataset {
    /// Builds the three waves and verifies them; fails with [`ErrorKind::ChecksFailed`],
    /// listing every figure not reproduced, if any check fails.
    pub fn generate() -> Result<Self, Error> {
        let mut checks = verify::Checks::default();
        let mut figures = Vec::with_capacity(SOURCES.len());
        let mut waves = Vec::with_capacity(SOURCES.len());
        for (spec, (year, survey_toml, wave_toml)) in plan::WAVES.iter().zip(SOURCES) {
            let construction = |problem: String| ErrorKind::Construction {
                year: year.to_owned(),
                problem,
            };
            if spec.year != year {
                return Err(construction(format!("the plan is for wave {}", spec.year)).into());
            }
            let def: SurveyDefinition =
                toml::from_str(survey_toml).map_err(|e| ErrorKind::File {
                    year: year.to_owned(),
                    file: SURVEY_FILE,
                    message: e.to_string(),
                })?;
            let info: WaveInfo = toml::from_str(wave_toml).map_err(|e| ErrorKind::File {
                year: year.to_owned(),
                file: WAVE_FILE,
                message: e.to_string(),
            })?;
            let responses = build::build(spec, &def).map_err(construction)?;
            let csv = table::write(&def, &responses).map_err(construction)?;
            figures.push(verify::wave(year, &def, &info, &csv, &mut checks));
            waves.push(GeneratedWave {
                year,
                survey_toml,
                wave_toml,
                responses_csv: csv,
                rows: responses.len(),
            });
        }
        let years: Vec<&str> = SOURCES.iter().map(|s| s.0).collect();
        verify::across(&mut checks, &years, &figures);
        if !checks.failed.is_empty() {
            return Err(ErrorKind::ChecksFailed {
                failed: checks.failed,
            }
            .into());
        }
        Ok(Self {
            waves,
            checks: checks.passed,
        })
    }

    /// The waves, oldest first.
    #[must_use]
    pub fn waves(&self) -> &[GeneratedWave] {
        &self.waves
    }

    /// The wave with id `year`.
    #[must_use]
    pub fn wave(&self, year: &str) -> Option<&GeneratedWave> {
        self.waves.iter().find(|w| w.year == year)
    }

    /// What was verified, one sentence per check, e.g.
    /// `2021: NPS 69/29/6 of 104 answered = 60.6`.
    #[must_use]
    pub fn checks(&self) -> &[String] {
        &self.checks
    }

    /// Writes `dir/<year>/{survey.toml, wave.toml, responses.csv}` for every wave, leaving
    /// files that already hold the same bytes untouched (so regenerating into the committed
    /// directory changes nothing).
    pub fn write_to(&self, dir: &Path) -> Result<Vec<WrittenFile>, Error> {
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| ErrorKind::Io { path, source }
        };
        let mut written = Vec::new();
        for w in &self.waves {
            let wave_dir = dir.join(w.year);
            std::fs::create_dir_all(&wave_dir).map_err(io(&wave_dir))?;
            for (name, bytes) in w.files() {
                let path = wave_dir.join(name);
                let changed = std::fs::read(&path).map_or(true, |old| old != bytes);
                if changed {
                    std::fs::write(&path, bytes).map_err(io(&path))?;
                }
                written.push(WrittenFile { path, changed });
            }
        }
        Ok(written)
    }
}

/// Why the dataset could not be generated or written; [`Error::kind`] says which way.
#[derive(Debug, thiserror::Error)]
#[error("{kind}")]
pub struct Error {
    kind: ErrorKind,
}

impl Error {
    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Self { kind }
    }
}

/// The ways generation can fail.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A committed `survey.toml` or `wave.toml` does not parse or validate.
    #[error("wave {year}: {file}: {message}")]
    File {
        /// The wave.
        year: String,
        /// The file name.
        file: &'static str,
        /// The parser's message.
        message: String,
    },
    /// The construction plan does not fit the wave's definition.
    #[error("wave {year}: {problem}")]
    Construction {
        /// The wave.
        year: String,
        /// What does not fit.
        problem: String,
    },
    /// Published figures the generated files do not reproduce.
    #[error("{} check(s) failed:\n  {}", failed.len(), failed.join("\n  "))]
    ChecksFailed {
        /// One sentence per failed check.
        failed: Vec<String>,
    },
    /// A file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}
