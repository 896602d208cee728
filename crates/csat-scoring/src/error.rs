//! Errors of the scoring engine.

use std::fmt;

use rust_decimal::Decimal;

/// An error raised while tallying responses or computing scores.
///
/// The error is opaque: match on [`Error::kind`] to decide what to do, and use its `Display`
/// form to tell a person what is wrong and where, e.g.
/// `weights sum to 99.5, not 100 (choose WeightSumPolicy::Renormalise to rescale them)`.
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

/// The kinds of scoring error.
///
/// New kinds may be added in minor releases, so matches need a wildcard arm.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A tally spec or scoring option names an attribute the definition does not declare.
    #[error("{context}: unknown attribute {attribute:?}")]
    UnknownAttribute {
        /// Where the name was given, e.g. `tally spec segment`.
        context: &'static str,
        /// The unknown attribute id.
        attribute: String,
    },
    /// Invitations per segment were given for an attribute the tally was not segmented by.
    #[error("response rate by {attribute:?}: the tally is not segmented by that attribute")]
    NotSegmented {
        /// The attribute id.
        attribute: String,
    },
    /// A tally spec that cannot be used (a pair of one attribute with itself, a repeat).
    #[error("tally spec: {problem}")]
    InvalidSpec {
        /// What is wrong, in words.
        problem: String,
    },
    /// The value mapping does not cover a level of a rated item whose mapped value is needed.
    #[error(
        "value mapping has no value for level {level} of question {question:?}, needed for {needed_for}"
    )]
    MappingMissingLevel {
        /// The rated question.
        question: String,
        /// The unmapped level.
        level: u8,
        /// What needs it, e.g. `the satisfaction rate on the mapped basis`.
        needed_for: &'static str,
    },
    /// Two tallies, or a tally and the definition given to score it, belong to different
    /// survey definitions (or to the same definition tallied with different specs).
    #[error("{context}: {problem}")]
    DefinitionMismatch {
        /// What was attempted, e.g. `merging tallies`.
        context: &'static str,
        /// What differs, e.g. `survey "a" vs survey "b"`.
        problem: String,
    },
    /// A response does not fit the tally's definition (wrong number of answers or attribute
    /// values, or an answer that does not fit its question).
    #[error("respondent {respondent:?}: {problem}")]
    ResponseMismatch {
        /// The respondent id.
        respondent: String,
        /// What does not fit, in words.
        problem: String,
    },
    /// The weights table does not sum to 100 and the caller chose to reject such tables.
    #[error("weights sum to {sum}, not 100 (choose WeightSumPolicy::Renormalise to rescale them)")]
    WeightsDoNotSumTo100 {
        /// The sum of the weights, exact.
        sum: Decimal,
    },
    /// Every weight that would be used is zero, so the weighted satisfaction has no base.
    #[error("weights of the answered items sum to zero")]
    ZeroWeightSum,
    /// A stated NPS base is smaller than the number of people who answered.
    #[error(
        "NPS of {question:?}: stated base {stated} is smaller than the {answered} who answered"
    )]
    NpsBaseTooSmall {
        /// The recommendation question.
        question: String,
        /// The stated base.
        stated: u64,
        /// How many answered.
        answered: u64,
    },
    /// More questionnaires returned than sent, overall or in a segment.
    #[error("response rate{where_}: {returned} returned is more than {sent} sent")]
    ReturnedExceedsSent {
        /// Empty overall, or ` of industry "银行"` for a segment.
        where_: String,
        /// Questionnaires returned.
        returned: u64,
        /// Questionnaires sent.
        sent: u64,
    },
    /// A figure was asked to divide by a negative number.
    #[error("a figure cannot divide by the negative denominator {denominator}")]
    NegativeDenominator {
        /// The denominator given.
        denominator: Decimal,
    },
    /// A number grew past what `u64` counts or `Decimal` values hold (extreme mapping values
    /// or weights).
    #[error("arithmetic overflow while computing {what}")]
    Overflow {
        /// What was being computed.
        what: &'static str,
    },
}
