//! Validation errors of the domain model.

use std::fmt;

/// An error raised when a survey definition, scale, mapping, weights table, period or response
/// does not hold together.
///
/// The error is opaque: match on [`Error::kind`] to decide what to do, and use its `Display`
/// form to tell a person what is wrong and where, e.g.
/// `question "q07": scale levels are not in ascending order (3 after 4)`.
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl std::error::Error for Error {}

/// The kinds of model validation error.
///
/// New kinds may be added in minor releases, so matches need a wildcard arm.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An identifier is empty or has leading or trailing white space.
    #[error(
        "{what} id {id:?} is invalid: ids must be non-empty and have no surrounding white space"
    )]
    InvalidId {
        /// What kind of thing carries the id ("question", "dimension", ...).
        what: &'static str,
        /// The offending id.
        id: String,
    },
    /// Two things of the same kind share an id.
    #[error("duplicate {what} id {id:?}")]
    DuplicateId {
        /// What kind of thing ("question", "dimension", "attribute", "option", "level", ...).
        what: &'static str,
        /// The repeated id.
        id: String,
    },
    /// A question or dimension refers to a dimension that is not declared.
    #[error("{referrer} refers to unknown dimension {dimension:?}")]
    UnknownDimension {
        /// Who refers to it, e.g. `question "q01"`.
        referrer: String,
        /// The unknown dimension id.
        dimension: String,
    },
    /// Dimension parents form a cycle.
    #[error("dimension {dimension:?} is its own ancestor")]
    DimensionCycle {
        /// A dimension on the cycle.
        dimension: String,
    },
    /// A scale has fewer than two levels.
    #[error("{owner}: a scale needs at least two levels, found {found}")]
    EmptyScale {
        /// Who owns the scale.
        owner: String,
        /// How many levels were given.
        found: usize,
    },
    /// Scale levels are not strictly ascending.
    #[error("{owner}: scale levels are not in ascending order ({value} after {previous})")]
    UnorderedScale {
        /// Who owns the scale.
        owner: String,
        /// The level that came before.
        previous: u8,
        /// The level that is not greater than it.
        value: u8,
    },
    /// Two levels of a scale share a label, so labels could not be read back unambiguously.
    #[error("{owner}: level label {label:?} is used twice")]
    DuplicateLevelLabel {
        /// Who owns the scale.
        owner: String,
        /// The repeated label.
        label: String,
    },
    /// A choice question has no options.
    #[error("question {question:?}: a choice question needs at least one option")]
    NoOptions {
        /// The question id.
        question: String,
    },
    /// A definition file gives a field that the question's kind does not take (a scale on a
    /// choice question, options on a rated one).
    #[error("question {question:?}: field `{field}` is not allowed on a {kind} question")]
    MisplacedField {
        /// The question id.
        question: String,
        /// The field.
        field: &'static str,
        /// The question's kind as written in files (`rated`, `single_choice`, ...).
        kind: &'static str,
    },
    /// A value mapping does not map a level of a scale it is used with.
    #[error("value mapping has no value for level {level} ({label:?}) of {owner}")]
    MappingMissingLevel {
        /// Who uses the scale.
        owner: String,
        /// The unmapped level.
        level: u8,
        /// Its label.
        label: String,
    },
    /// A value mapping maps a level twice.
    #[error("value mapping maps level {level} twice")]
    MappingDuplicateLevel {
        /// The level.
        level: u8,
    },
    /// A value mapping is empty.
    #[error("value mapping is empty")]
    EmptyMapping,
    /// A weight names neither a rated question nor a dimension.
    #[error("weight on unknown item or dimension {target:?}")]
    UnknownWeightTarget {
        /// The unknown id.
        target: String,
    },
    /// A weight names a question that is not rated on a scale.
    #[error("weight on question {target:?}, which is not a rated item")]
    WeightOnUnratedQuestion {
        /// The question id.
        target: String,
    },
    /// A weight is negative.
    #[error("weight of {target:?} is negative ({weight})")]
    NegativeWeight {
        /// The item or dimension id.
        target: String,
        /// The weight as given.
        weight: String,
    },
    /// A weights table is empty or all its weights are zero.
    #[error("weights table has no positive weight")]
    NoPositiveWeight,
    /// The same rated item would be weighted twice (directly and through a dimension, or through
    /// two nested dimensions).
    #[error("item {item:?} is weighted twice (through {first:?} and {second:?})")]
    OverlappingWeights {
        /// The item weighted twice.
        item: String,
        /// The first weight target that covers it.
        first: String,
        /// The second weight target that covers it.
        second: String,
    },
    /// NPS cut points are out of order or out of 0..=10.
    #[error(
        "NPS bands are invalid: passives from {passive_min}, promoters from {promoter_min}; need 0 < passives <= promoters <= 10"
    )]
    InvalidNpsBands {
        /// Lowest passive answer.
        passive_min: u8,
        /// Lowest promoter answer.
        promoter_min: u8,
    },
    /// A percentage target or threshold is outside its sensible range.
    #[error("{what} = {value} is outside {range}")]
    OutOfRange {
        /// Which setting.
        what: &'static str,
        /// The value as given.
        value: String,
        /// The allowed range, in words.
        range: &'static str,
    },
    /// A period ends before it starts.
    #[error("period ends ({end}) before it starts ({start})")]
    InvalidPeriod {
        /// Start date.
        start: chrono::NaiveDate,
        /// End date.
        end: chrono::NaiveDate,
    },
    /// An answer names a question the definition does not have.
    #[error("respondent {respondent:?}: unknown question {question:?}")]
    UnknownQuestion {
        /// The respondent id.
        respondent: String,
        /// The unknown question id.
        question: String,
    },
    /// A respondent attribute is not declared by the definition.
    #[error("respondent {respondent:?}: unknown attribute {attribute:?}")]
    UnknownAttribute {
        /// The respondent id.
        respondent: String,
        /// The unknown attribute id.
        attribute: String,
    },
    /// An attribute value is not one of the attribute's declared values.
    #[error(
        "respondent {respondent:?}: attribute {attribute:?} = {value:?} is not one of its declared values"
    )]
    UnknownAttributeValue {
        /// The respondent id.
        respondent: String,
        /// The attribute id.
        attribute: String,
        /// The value given.
        value: String,
    },
    /// An answer does not fit its question (wrong kind, level outside the scale, unknown option).
    #[error("respondent {respondent:?}: question {question:?}: {problem}")]
    InvalidAnswer {
        /// The respondent id.
        respondent: String,
        /// The question id.
        question: String,
        /// What is wrong with the answer.
        problem: String,
    },
    /// A response has answers or attributes that do not line up with its definition.
    #[error("respondent {respondent:?}: expected {expected} {what}, found {found}")]
    ShapeMismatch {
        /// The respondent id.
        respondent: String,
        /// "answers" or "attribute values".
        what: &'static str,
        /// How many the definition declares.
        expected: usize,
        /// How many the response carries.
        found: usize,
    },
    /// A wave's responses belong to a different survey, or a wave is otherwise inconsistent.
    #[error("wave {wave:?}: {problem}")]
    InvalidWave {
        /// The wave id.
        wave: String,
        /// What is wrong.
        problem: String,
    },
}

pub(crate) fn check_id(what: &'static str, id: &str) -> Result<(), Error> {
    if id.is_empty() || id.trim() != id {
        return Err(ErrorKind::InvalidId {
            what,
            id: id.to_owned(),
        }
        .into());
    }
    Ok(())
}
