//! Errors of trend analysis.

use std::fmt;

/// An error raised when trend inputs do not hold together or a computation is undefined.
///
/// The error is opaque: match on [`Error::kind`] to decide what to do, and use its `Display`
/// form to tell a person what is wrong and where, e.g.
/// `waves "2020" -> "2021": later figure: a t-test needs at least 2 answers, found 1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: Box<ErrorKind>,
    context: Option<String>,
}

impl Error {
    /// What went wrong.
    #[must_use]
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Where it went wrong, when the error was raised inside a larger computation (e.g.
    /// `waves "2020" -> "2021"` or `item "impl_attitude"`).
    #[must_use]
    pub fn context(&self) -> Option<&str> {
        self.context.as_deref()
    }

    /// Consumes the error and returns its kind.
    #[must_use]
    pub fn into_kind(self) -> ErrorKind {
        *self.kind
    }

    /// The same error with an outer context prepended (`outer: inner context`).
    pub(crate) fn within(mut self, outer: impl fmt::Display) -> Self {
        self.context = Some(match self.context {
            Some(inner) => format!("{outer}: {inner}"),
            None => outer.to_string(),
        });
        self
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Self {
            kind: Box::new(kind),
            context: None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.context {
            Some(c) => write!(f, "{c}: {}", self.kind),
            None => self.kind.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

/// The kinds of trend error.
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
        /// What carries the id ("wave", "item", "option").
        what: &'static str,
        /// The offending id.
        id: String,
    },
    /// The same wave appears twice in a series or panel.
    #[error("wave {wave:?} appears twice")]
    DuplicateWave {
        /// The repeated wave id.
        wave: String,
    },
    /// Two waves have exactly the same period, so their order in time is ambiguous.
    #[error("waves {first:?} and {second:?} have the same period, so their order is ambiguous")]
    SamePeriod {
        /// One wave.
        first: String,
        /// The other wave.
        second: String,
    },
    /// A wave id that is not in the series or panel.
    #[error("unknown wave {wave:?}")]
    UnknownWave {
        /// The unknown wave id.
        wave: String,
    },
    /// A wave is in the series but has no value there (a gap), and a value was needed.
    #[error("wave {wave:?} has no value (a gap)")]
    Gap {
        /// The wave id.
        wave: String,
    },
    /// An item id that is not in the panel.
    #[error("unknown item {item:?}")]
    UnknownItem {
        /// The unknown item id.
        item: String,
    },
    /// The same item appears twice in one wave or ranking.
    #[error("item {item:?} appears twice")]
    DuplicateItem {
        /// The repeated item id.
        item: String,
    },
    /// A rank below 1.
    #[error("item {item:?} has rank {rank}; ranks start at 1")]
    InvalidRank {
        /// The item id.
        item: String,
        /// The rank given.
        rank: u32,
    },
    /// Counts that cannot describe a sample (a level given twice, no answers, more successes
    /// than answers, NPS bands adding up to more than the base).
    #[error("{what}: {problem}")]
    InvalidCounts {
        /// Which counts ("level counts", "proportion", "NPS counts", "share counts").
        what: &'static str,
        /// What is wrong.
        problem: String,
    },
    /// A significance test was asked for a measure that carries no counts to test with.
    #[error(
        "{measure} carries no counts, so its change cannot be tested; use LevelCounts, Proportion or NpsCounts"
    )]
    NotTestable {
        /// The measure's type.
        measure: &'static str,
    },
    /// A figure has too few observations for the test.
    #[error("{which} figure: {test} needs at least {needed} answers, found {found}")]
    TooFewObservations {
        /// "earlier" or "later".
        which: &'static str,
        /// The test ("a t-test").
        test: &'static str,
        /// Minimum needed.
        needed: u64,
        /// Number found.
        found: u64,
    },
    /// Both figures have no spread at all but differ, so the test statistic is undefined
    /// (a division of a non-zero difference by a zero standard error).
    #[error(
        "{test}: both figures have zero variance but differ by {difference}, so the test is undefined"
    )]
    NoVariance {
        /// The test.
        test: &'static str,
        /// The difference, later minus earlier.
        difference: String,
    },
    /// A significance level outside (0, 1).
    #[error("significance level {value} is outside (0, 1)")]
    InvalidAlpha {
        /// The value given.
        value: String,
    },
    /// A negative tolerance.
    #[error("tolerance {value} is negative")]
    InvalidTolerance {
        /// The value given.
        value: String,
    },
    /// A moving-average window of zero waves.
    #[error("a moving-average window needs at least 1 wave, got {window}")]
    InvalidWindow {
        /// The window given.
        window: usize,
    },
    /// A least-squares trend needs at least two values at distinct times.
    #[error("a trend needs at least 2 values at distinct times, found {found}")]
    TooFewPoints {
        /// Number of usable values.
        found: usize,
    },
    /// An exact computation left the range of `Decimal` (about ±7.9e28) or of `u64`.
    #[error("{what} is out of range")]
    Overflow {
        /// What overflowed.
        what: &'static str,
    },
    /// The statistics library refused its parameters (e.g. non-finite degrees of freedom).
    #[error("statistics: {problem}")]
    Statistics {
        /// What the library reported.
        problem: String,
    },
    /// A conversion from the scoring engine's results found something it cannot carry.
    #[error("scores: {problem}")]
    Scores {
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

pub(crate) fn overflow(what: &'static str) -> Error {
    ErrorKind::Overflow { what }.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_prefixed() {
        let e: Error = ErrorKind::Gap {
            wave: "2020".into(),
        }
        .into();
        let e = e.within("item \"q01\"").within("panel");
        assert_eq!(e.context(), Some("panel: item \"q01\""));
        assert_eq!(
            e.to_string(),
            "panel: item \"q01\": wave \"2020\" has no value (a gap)"
        );
    }
}
