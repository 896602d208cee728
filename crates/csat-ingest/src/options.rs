//! How to read a response file: policy, separators, which checks to run.

use serde::{Deserialize, Serialize};

/// What a reader does with a bad record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Policy {
    /// Stop at the first bad record: yield its error, then end.
    #[default]
    Strict,
    /// Skip each bad record, yielding its error, and keep going.
    Lenient,
}

/// What to do with columns the definition does not know.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnknownColumns {
    /// Every unknown column is an [`ErrorKind::UnknownColumn`](crate::ErrorKind::UnknownColumn).
    #[default]
    Reject,
    /// The listed columns (header names, trimmed) are ignored; other unknown columns are errors.
    Ignore(Vec<String>),
    /// Every unknown column is ignored.
    IgnoreAll,
}

/// Options for reading responses, built from [`ReadOptions::default`] with builder-style
/// setters:
///
/// ```
/// use csat_ingest::{Policy, ReadOptions};
///
/// let opts = ReadOptions::default()
///     .policy(Policy::Lenient)
///     .separator('┋')
///     .ignore_column("submitted_at");
/// assert_eq!(opts.policy, Policy::Lenient);
/// assert!(opts.check_duplicate_ids);
/// ```
///
/// # Memory
///
/// A reader holds one record at a time, so memory stays flat whatever the file size, with two
/// exceptions, both on by default: [`check_duplicate_ids`](Self::check_duplicate_ids) keeps
/// every accepted respondent id (and its record number), and
/// [`check_duplicate_answers`](Self::check_duplicate_answers) keeps a 64-bit hash (and record
/// number) per distinct answer vector. Switch both off for strictly flat memory.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// Strict (default) or lenient.
    pub policy: Policy,
    /// Separator between the items of a multiple-choice cell (default `;`; survey tools also
    /// use `┋` and `|`).
    pub separator: char,
    /// CSV field delimiter (default `,`).
    pub delimiter: u8,
    /// Whether a repeated respondent id rejects the record (default on). Keeps every accepted
    /// id in memory: the one thing, with duplicate-answer hashes, that grows with the file.
    pub check_duplicate_ids: bool,
    /// Whether to flag records whose answers equal an earlier record's (default on). Compares
    /// 64-bit hashes of the answers, kept for every distinct answer vector.
    pub check_duplicate_answers: bool,
    /// Whether absent question and attribute columns are read as "not answered" (default off:
    /// every question and attribute column is required). The respondent id column is always
    /// required.
    pub allow_missing_columns: bool,
    /// What to do with columns the definition does not know (default: reject).
    pub unknown_columns: UnknownColumns,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            policy: Policy::Strict,
            separator: ';',
            delimiter: b',',
            check_duplicate_ids: true,
            check_duplicate_answers: true,
            allow_missing_columns: false,
            unknown_columns: UnknownColumns::Reject,
        }
    }
}

impl ReadOptions {
    /// The defaults: strict, `;` separator, `,` delimiter, duplicate checks on, every column
    /// required, unknown columns rejected.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The defaults with the lenient policy.
    #[must_use]
    pub fn lenient() -> Self {
        Self::default().policy(Policy::Lenient)
    }

    /// Sets the policy.
    #[must_use]
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// Sets the multiple-choice separator.
    #[must_use]
    pub fn separator(mut self, separator: char) -> Self {
        self.separator = separator;
        self
    }

    /// Sets the CSV field delimiter (e.g. `b';'` or `b'\t'`).
    #[must_use]
    pub fn delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = delimiter;
        self
    }

    /// Turns the duplicate respondent id check on or off.
    #[must_use]
    pub fn check_duplicate_ids(mut self, on: bool) -> Self {
        self.check_duplicate_ids = on;
        self
    }

    /// Turns the duplicate answers flag on or off.
    #[must_use]
    pub fn check_duplicate_answers(mut self, on: bool) -> Self {
        self.check_duplicate_answers = on;
        self
    }

    /// Lets question and attribute columns be absent (read as not answered).
    #[must_use]
    pub fn allow_missing_columns(mut self, on: bool) -> Self {
        self.allow_missing_columns = on;
        self
    }

    /// Ignores one named unknown column (in addition to any already ignored).
    #[must_use]
    pub fn ignore_column(mut self, name: impl Into<String>) -> Self {
        let name = name.into();
        match &mut self.unknown_columns {
            UnknownColumns::Reject => self.unknown_columns = UnknownColumns::Ignore(vec![name]),
            UnknownColumns::Ignore(names) => names.push(name),
            UnknownColumns::IgnoreAll => {}
        }
        self
    }

    /// Ignores every unknown column.
    #[must_use]
    pub fn ignore_unknown_columns(mut self) -> Self {
        self.unknown_columns = UnknownColumns::IgnoreAll;
        self
    }

    /// Whether an unknown column of this name is ignored rather than an error.
    pub(crate) fn ignores(&self, column: &str) -> bool {
        match &self.unknown_columns {
            UnknownColumns::Reject => false,
            UnknownColumns::Ignore(names) => names.iter().any(|n| n.trim() == column),
            UnknownColumns::IgnoreAll => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_strict_and_checked() {
        let o = ReadOptions::default();
        assert_eq!(o.policy, Policy::Strict);
        assert_eq!(o.separator, ';');
        assert!(o.check_duplicate_ids && o.check_duplicate_answers);
        assert!(!o.allow_missing_columns);
        assert!(!o.ignores("x"));
    }

    #[test]
    fn ignoring_columns_accumulates() {
        let o = ReadOptions::new().ignore_column("a").ignore_column("b ");
        assert!(o.ignores("a") && o.ignores("b") && !o.ignores("c"));
        let o = o.ignore_unknown_columns().ignore_column("d");
        assert!(o.ignores("anything"));
        assert_eq!(ReadOptions::lenient().policy, Policy::Lenient);
    }
}
