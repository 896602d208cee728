//! Ingestion errors: what went wrong, and where.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// An error raised while reading a definition, a wave description or a response file.
///
/// The error is opaque: match on [`Error::kind`] to decide what to do, read
/// [`Error::position`] to find the record, and show its `Display` form to a person. The form
/// follows the `csv` crate's: the file (when read from a path), the record and the line it
/// starts on, the column, then the problem, e.g.
/// `record 3 (line 4), column "q07": 9 is outside the scale 1..5`.
#[derive(Debug, Clone)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug, Clone)]
struct Inner {
    kind: ErrorKind,
    position: Option<Position>,
    path: Option<PathBuf>,
    rejection: bool,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Self {
            inner: Box::new(Inner {
                kind,
                position: None,
                path: None,
                rejection: false,
            }),
        }
    }

    pub(crate) fn at(kind: ErrorKind, position: Position) -> Self {
        let mut e = Self::new(kind);
        e.inner.position = Some(position);
        e
    }

    pub(crate) fn io(source: io::Error) -> Self {
        Self::new(ErrorKind::Io {
            source: Arc::new(source),
        })
    }

    /// Attaches the file the error is about, unless one is already attached.
    #[must_use]
    pub(crate) fn in_file(mut self, path: Option<&Path>) -> Self {
        if self.inner.path.is_none() {
            self.inner.path = path.map(Path::to_path_buf);
        }
        self
    }

    pub(crate) fn into_rejection(mut self) -> Self {
        self.inner.rejection = true;
        self
    }

    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// Where in a response file it went wrong: record, line, column, value. `None` for errors
    /// that are not about one place in a response file (I/O, a definition file).
    #[must_use]
    pub fn position(&self) -> Option<&Position> {
        self.inner.position.as_ref()
    }

    /// The file being read, when it was opened by path.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.inner.path.as_deref()
    }

    /// Whether this error rejected one record and reading could go on past it (a lenient
    /// reader does); `false` for errors that end reading (I/O, header, definition).
    #[must_use]
    pub fn is_rejection(&self) -> bool {
        self.inner.rejection
    }

    /// Consumes the error and returns its kind.
    #[must_use]
    pub fn into_kind(self) -> ErrorKind {
        self.inner.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.inner.path {
            write!(f, "{}: ", path.display())?;
        }
        if let Some(position) = &self.inner.position {
            write!(f, "{position}: ")?;
        }
        self.inner.kind.fmt(f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.inner.kind)
    }
}

impl From<csat_model::Error> for Error {
    fn from(e: csat_model::Error) -> Self {
        Self::new(ErrorKind::Definition(e))
    }
}

/// Where an error happened in a response file.
///
/// `record` counts data records from 1 (the header is record 0, for header errors); `line` is
/// the 1-based physical line the record starts on, the header being line 1 in a CSV file, so a
/// quoted field that spans lines moves every later record's line but not its record number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Position {
    /// Data record number, from 1; 0 is the CSV header.
    pub record: u64,
    /// Physical line the record starts on, from 1. For a JSON array, the line the element
    /// starts on; for JSON lines, the line of the object.
    pub line: u64,
    /// The column (CSV header name or JSON key, trimmed), if the error is about one.
    pub column: Option<String>,
    /// The column's 0-based field index in a CSV record (`None` for JSON and for columns that
    /// are missing from the header).
    pub column_index: Option<usize>,
    /// The offending value: the cell's text after trimming (bytes that are not UTF-8 shown as
    /// U+FFFD; for JSON, the string, or the value written as JSON).
    pub value: Option<String>,
}

impl Position {
    pub(crate) fn record(record: u64, line: u64) -> Self {
        Self {
            record,
            line,
            column: None,
            column_index: None,
            value: None,
        }
    }

    pub(crate) fn column(mut self, name: &str, index: Option<usize>) -> Self {
        self.column = Some(name.to_owned());
        self.column_index = index;
        self
    }

    pub(crate) fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.record == 0 {
            write!(f, "header (line {})", self.line)?;
        } else {
            write!(f, "record {} (line {})", self.record, self.line)?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column:?}")?;
        }
        Ok(())
    }
}

/// The kinds of ingestion error.
///
/// New kinds may be added in minor releases, so matches need a wildcard arm. Record-level kinds
/// (a bad cell, a bad row) reject one record; the others end reading.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A rated answer or recommendation is a whole number that is not a level of its scale.
    #[error("{value} is outside the scale {min}..{max}")]
    OutOfScale {
        /// The number as written.
        value: String,
        /// The scale's lowest level.
        min: u8,
        /// The scale's highest level.
        max: u8,
    },
    /// A rated answer is text that is neither a level value nor a level label.
    #[error("{value:?} is neither a level value nor a level label of the scale")]
    UnknownLabel {
        /// The text as written (trimmed).
        value: String,
    },
    /// A choice answer (or one item of a multiple-choice cell) is neither an option id nor an
    /// option label.
    #[error("{value:?} is neither an option id nor an option label")]
    UnknownOption {
        /// The text as written (trimmed).
        value: String,
    },
    /// A cell that must hold a number does not hold a well-formed one (`4.5` on a rated item,
    /// `abc` for a recommendation, `2` in a 0/1 option column).
    #[error("{value:?} is not {expected}")]
    MalformedNumber {
        /// The text as written (trimmed).
        value: String,
        /// What was expected, e.g. `a whole number` or `0 or 1`.
        expected: &'static str,
    },
    /// An attribute with a closed list of values has a value outside it.
    #[error("{value:?} is not one of the attribute's declared values")]
    UnknownAttributeValue {
        /// The value as written (trimmed).
        value: String,
    },
    /// A CSV record has more or fewer fields than the header.
    #[error("expected {expected} fields (as in the header), found {found}")]
    FieldCount {
        /// Number of header fields.
        expected: usize,
        /// Number of fields in the record.
        found: usize,
    },
    /// A respondent id was already seen in an accepted record.
    #[error("duplicate respondent id {id:?} (first seen at record {first_record})")]
    DuplicateRespondent {
        /// The repeated id.
        id: String,
        /// The record that first carried it.
        first_record: u64,
    },
    /// The respondent id cell is blank (or the JSON object has no respondent id).
    #[error("missing respondent id")]
    MissingRespondentId,
    /// A column (CSV header or JSON key) names no question, attribute or respondent id of the
    /// definition.
    #[error("unknown column (not a question, attribute or respondent id column of the survey)")]
    UnknownColumn {
        /// The column name (trimmed).
        column: String,
    },
    /// A required column is absent.
    #[error("missing column, required by {required_by}")]
    MissingColumn {
        /// The column name expected.
        column: String,
        /// What needs it, e.g. `question "q07"`.
        required_by: String,
    },
    /// A header names the same column twice.
    #[error("duplicate column (first at field {first_index})")]
    DuplicateColumn {
        /// The column name.
        column: String,
        /// The 0-based field index of its first occurrence.
        first_index: usize,
    },
    /// A multiple-choice question is given both as one cell column and as 0/1 option columns.
    #[error("question {question:?} is given both as one cell and as 0/1 option columns")]
    MixedChoiceColumns {
        /// The question id.
        question: String,
    },
    /// Two things of the definition would be read from the same column name (an attribute
    /// named like a `<question>:<option>` column, say).
    #[error("column name {column:?} is claimed by both {first} and {second}")]
    AmbiguousColumn {
        /// The column name.
        column: String,
        /// The first claimant, e.g. `attribute "a"`.
        first: String,
        /// The second claimant.
        second: String,
    },
    /// A JSON value has the wrong type (an array where a single value belongs, a record that
    /// is not an object).
    #[error("expected {expected}, found {found}")]
    JsonType {
        /// What was expected.
        expected: &'static str,
        /// What was found.
        found: &'static str,
    },
    /// Bytes that are not UTF-8.
    #[error("invalid UTF-8")]
    InvalidUtf8,
    /// Reading failed.
    #[error("I/O error: {source}")]
    Io {
        /// The underlying error, shared so that the error stays `Clone`.
        #[source]
        source: Arc<io::Error>,
    },
    /// A survey definition or wave does not hold together, or a response does not fit it.
    #[error(transparent)]
    Definition(csat_model::Error),
    /// A TOML or JSON text does not parse (or parses into something the model rejects).
    #[error("{format} parse error at line {line}, column {column}: {message}")]
    Parse {
        /// `TOML` or `JSON`.
        format: &'static str,
        /// 1-based line.
        line: u64,
        /// 1-based column (bytes, as the parsers count).
        column: u64,
        /// The parser's message.
        message: String,
    },
    /// The consumer of a parallel read ([`ParallelCsv::fold`](crate::ParallelCsv::fold))
    /// refused a row or could not merge two results; reading stops.
    #[error("the fold refused the row: {source}")]
    Fold {
        /// The consumer's error, shared so that the error stays `Clone`.
        #[source]
        source: Arc<dyn std::error::Error + Send + Sync>,
    },
    /// A definition file with an extension other than `.toml` or `.json`.
    #[error("unsupported definition file extension {extension:?}, expected .toml or .json")]
    UnsupportedFormat {
        /// The extension found (empty if none).
        extension: String,
    },
}

impl ErrorKind {
    /// A stable snake_case name for the kind, used as the key of
    /// [`Summary::rejections_by_kind`](crate::Summary::rejections_by_kind).
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::OutOfScale { .. } => "out_of_scale",
            Self::UnknownLabel { .. } => "unknown_label",
            Self::UnknownOption { .. } => "unknown_option",
            Self::MalformedNumber { .. } => "malformed_number",
            Self::UnknownAttributeValue { .. } => "unknown_attribute_value",
            Self::FieldCount { .. } => "field_count",
            Self::DuplicateRespondent { .. } => "duplicate_respondent",
            Self::MissingRespondentId => "missing_respondent_id",
            Self::UnknownColumn { .. } => "unknown_column",
            Self::MissingColumn { .. } => "missing_column",
            Self::DuplicateColumn { .. } => "duplicate_column",
            Self::MixedChoiceColumns { .. } => "mixed_choice_columns",
            Self::AmbiguousColumn { .. } => "ambiguous_column",
            Self::JsonType { .. } => "json_type",
            Self::InvalidUtf8 => "invalid_utf8",
            Self::Io { .. } => "io",
            Self::Definition(_) => "definition",
            Self::Parse { .. } => "parse",
            Self::UnsupportedFormat { .. } => "unsupported_format",
            Self::Fold { .. } => "fold",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_record_line_column() {
        let e = Error::at(
            ErrorKind::OutOfScale {
                value: "9".into(),
                min: 1,
                max: 5,
            },
            Position::record(3, 4).column("q07", Some(7)).value("9"),
        );
        assert_eq!(
            e.to_string(),
            "record 3 (line 4), column \"q07\": 9 is outside the scale 1..5"
        );
        let e = e.in_file(Some(Path::new("responses.csv")));
        assert_eq!(
            e.to_string(),
            "responses.csv: record 3 (line 4), column \"q07\": 9 is outside the scale 1..5"
        );
        assert!(!e.is_rejection());
        assert!(e.into_rejection().is_rejection());
    }

    #[test]
    fn header_errors_say_header() {
        let e = Error::at(
            ErrorKind::UnknownColumn {
                column: "q99".into(),
            },
            Position::record(0, 1).column("q99", Some(3)),
        );
        assert_eq!(
            e.to_string(),
            "header (line 1), column \"q99\": unknown column (not a question, attribute or respondent id column of the survey)"
        );
        assert_eq!(e.kind().name(), "unknown_column");
    }

    #[test]
    fn io_error_keeps_its_source() {
        let e = Error::io(io::Error::new(io::ErrorKind::UnexpectedEof, "cut short"));
        assert_eq!(e.to_string(), "I/O error: cut short");
        assert!(std::error::Error::source(&e).is_some());
        assert!(e.position().is_none());
    }
}
