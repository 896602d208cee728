//! Errors of building, reading and rendering a report.

use std::fmt;

/// An error raised while building a report, reading one back, or rendering it.
///
/// The error is opaque: match on [`Error::kind`] to decide what to do, and use its `Display`
/// form to tell a person what is wrong and where, e.g.
/// `wave "2020": belongs to survey "other", not "it-services-annual"`.
#[derive(Debug)]
pub struct Error {
    kind: Box<ErrorKind>,
}

impl Error {
    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Consumes the error and returns its kind.
    #[must_use]
    pub fn into_kind(self) -> ErrorKind {
        *self.kind
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Self {
            kind: Box::new(kind),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.kind {
            ErrorKind::Scoring { source, .. } => Some(source),
            ErrorKind::Trend { source, .. } => Some(source),
            ErrorKind::Json(source) => Some(source),
            ErrorKind::Csv { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The kinds of report error.
///
/// New kinds may be added in minor releases, so matches need a wildcard arm.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A previous wave belongs to another survey than the current one.
    #[error("wave {wave:?}: belongs to survey {survey:?}, not {expected:?}")]
    OtherSurvey {
        /// The wave id.
        wave: String,
        /// Its survey id.
        survey: String,
        /// The current wave's survey id.
        expected: String,
    },
    /// A wave's responses were paired with a definition of another survey.
    #[error("wave {wave:?}: its survey is {survey:?} but the definition given is {definition:?}")]
    DefinitionMismatch {
        /// The wave id.
        wave: String,
        /// The wave's survey id.
        survey: String,
        /// The definition's survey id.
        definition: String,
    },
    /// Two waves share an id.
    #[error("wave {wave:?} is given twice")]
    DuplicateWave {
        /// The repeated wave id.
        wave: String,
    },
    /// A previous wave does not lie before the current wave.
    #[error(
        "previous wave {wave:?} ({start}) does not start before the current wave {current:?} ({current_start})"
    )]
    PreviousNotEarlier {
        /// The previous wave's id.
        wave: String,
        /// Its start date.
        start: chrono::NaiveDate,
        /// The current wave's id.
        current: String,
        /// The current wave's start date.
        current_start: chrono::NaiveDate,
    },
    /// An option names an attribute the current definition does not declare.
    #[error("report option {option}: unknown attribute {attribute:?}")]
    UnknownAttribute {
        /// The option, e.g. `segment_pairs`.
        option: &'static str,
        /// The unknown attribute id.
        attribute: String,
    },
    /// An option names a value that the attribute's closed list does not hold.
    #[error("report option {option}: attribute {attribute:?} has no value {value:?}")]
    UnknownValue {
        /// The option, e.g. `share_facts`.
        option: &'static str,
        /// The attribute id.
        attribute: String,
        /// The unknown value.
        value: String,
    },
    /// An option names a question the current definition does not have, or of the wrong kind.
    #[error("report option {option}: {question:?} is not a {expected} question of the survey")]
    UnknownQuestion {
        /// The option, e.g. `nps_question`.
        option: &'static str,
        /// The question id given.
        question: String,
        /// The kind it should have, e.g. `recommendation`.
        expected: &'static str,
    },
    /// A theme dictionary is not usable.
    #[error("theme dictionary: {problem}")]
    InvalidThemes {
        /// What is wrong, e.g. `theme "training" has no keywords`.
        problem: String,
    },
    /// The scoring engine refused a wave.
    #[error("wave {wave:?}: {source}")]
    Scoring {
        /// The wave id.
        wave: String,
        /// The scoring error.
        source: csat_scoring::Error,
    },
    /// A trend computation failed.
    #[error("trend of {what}: {source}")]
    Trend {
        /// What was followed, e.g. `the overall average`.
        what: String,
        /// The trend error.
        source: csat_trend::Error,
    },
    /// A serialized report uses a schema version this library cannot read.
    #[error(
        "report schema version {found} is not supported (this library reads version {supported})"
    )]
    UnsupportedSchema {
        /// The version found in the document.
        found: u64,
        /// The version this library writes and reads.
        supported: u32,
    },
    /// A JSON report could not be written or read.
    #[error("report JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A CSV table could not be written.
    #[error("CSV table {table:?}: {source}")]
    Csv {
        /// The table's file name.
        table: String,
        /// The CSV error.
        source: csv::Error,
    },
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        ErrorKind::Json(e).into()
    }
}

pub(crate) fn scoring(wave: &str) -> impl FnOnce(csat_scoring::Error) -> Error + '_ {
    move |source| {
        ErrorKind::Scoring {
            wave: wave.to_owned(),
            source,
        }
        .into()
    }
}

pub(crate) fn trend(what: impl Into<String>) -> impl FnOnce(csat_trend::Error) -> Error {
    let what = what.into();
    move |source| ErrorKind::Trend { what, source }.into()
}
