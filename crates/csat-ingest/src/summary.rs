//! What a read did: rows read, accepted, rejected (by kind), and data-quality flags.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::ErrorKind;

/// Counts kept by a reader as it goes, readable at any time.
///
/// Every record read is either accepted or rejected, so `accepted + rejected == rows_read`
/// ([`Summary::is_consistent`]); nothing is dropped silently. The data-quality flags
/// (`blank_rows`, `straight_liners`, `duplicate_answers`) count *accepted* records: flagged
/// records are still returned, for the caller to keep or drop and to say how many.
///
/// ```
/// let s = csat_ingest::Summary::default();
/// assert_eq!(s.to_string(), "0 rows read: 0 accepted, 0 rejected");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Summary {
    /// Data records read (CSV records after the header, JSON objects); blank lines are not
    /// records.
    pub rows_read: u64,
    /// Records turned into responses.
    pub accepted: u64,
    /// Records rejected, each with an error.
    pub rejected: u64,
    /// Rejections by [`ErrorKind::name`], e.g. `"out_of_scale" => 2`.
    pub rejections_by_kind: BTreeMap<String, u64>,
    /// Accepted records with no answer at all (attributes alone do not count as answers).
    pub blank_rows: u64,
    /// Accepted records that answered every rated item (at least two) with one same level.
    pub straight_liners: u64,
    /// Records rejected because their respondent id was already seen (also counted under
    /// `"duplicate_respondent"` in `rejections_by_kind`).
    pub duplicate_ids: u64,
    /// Accepted, non-blank records whose answers equal an earlier accepted record's, detected
    /// by comparing 64-bit hashes of the answers (a collision could flag a record wrongly, with
    /// odds about n²/2⁶⁴ for n records).
    pub duplicate_answers: u64,
}

impl Summary {
    /// Whether every record read was either accepted or rejected, and the rejections by kind
    /// add up to the rejections.
    #[must_use]
    pub fn is_consistent(&self) -> bool {
        self.accepted.checked_add(self.rejected) == Some(self.rows_read)
            && self.rejections_by_kind.values().sum::<u64>() == self.rejected
    }

    pub(crate) fn count_rejection(&mut self, kind: &ErrorKind) {
        self.rejected += 1;
        let name = kind.name();
        if let Some(n) = self.rejections_by_kind.get_mut(name) {
            *n += 1;
        } else {
            self.rejections_by_kind.insert(name.to_owned(), 1);
        }
        if matches!(kind, ErrorKind::DuplicateRespondent { .. }) {
            self.duplicate_ids += 1;
        }
    }

    pub(crate) fn count_accepted(&mut self, flags: &RowFlags) {
        self.accepted += 1;
        self.blank_rows += u64::from(flags.blank);
        self.straight_liners += u64::from(flags.straight_liner);
        self.duplicate_answers += u64::from(flags.duplicate_answers_of.is_some());
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} rows read: {} accepted, {} rejected",
            self.rows_read, self.accepted, self.rejected
        )
    }
}

/// Where an accepted record came from and the data-quality flags it raised.
///
/// Readers yield it next to each response (`CsvReader::flagged`, `JsonReader::flagged`), so a
/// caller can list the flagged respondents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RowFlags {
    /// The record number (from 1).
    pub record: u64,
    /// The line the record starts on.
    pub line: u64,
    /// No question answered.
    pub blank: bool,
    /// Every rated item answered (at least two) with the same level.
    pub straight_liner: bool,
    /// The record number of an earlier accepted record with the same answers (by 64-bit hash).
    pub duplicate_answers_of: Option<u64>,
}

impl RowFlags {
    /// Whether any flag is raised.
    #[must_use]
    pub fn is_flagged(&self) -> bool {
        self.blank || self.straight_liner || self.duplicate_answers_of.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_stay_consistent() {
        let mut s = Summary {
            rows_read: 3,
            ..Summary::default()
        };
        s.count_accepted(&RowFlags {
            blank: true,
            ..RowFlags::default()
        });
        s.count_accepted(&RowFlags {
            straight_liner: true,
            duplicate_answers_of: Some(1),
            ..RowFlags::default()
        });
        s.count_rejection(&ErrorKind::DuplicateRespondent {
            id: "R1".into(),
            first_record: 1,
        });
        assert!(s.is_consistent());
        assert_eq!(
            (
                s.blank_rows,
                s.straight_liners,
                s.duplicate_answers,
                s.duplicate_ids
            ),
            (1, 1, 1, 1)
        );
        assert_eq!(s.rejections_by_kind["duplicate_respondent"], 1);
        assert_eq!(s.to_string(), "3 rows read: 2 accepted, 1 rejected");
        s.rows_read = 4;
        assert!(!s.is_consistent());
    }

    #[test]
    fn flags() {
        assert!(!RowFlags::default().is_flagged());
        assert!(
            RowFlags {
                duplicate_answers_of: Some(2),
                ..RowFlags::default()
            }
            .is_flagged()
        );
    }

    #[test]
    fn serde_round_trip() {
        let mut s = Summary {
            rows_read: 1,
            ..Summary::default()
        };
        s.count_rejection(&ErrorKind::MissingRespondentId);
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains("\"missing_respondent_id\":1"), "{json}");
        let back: Summary = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }
}
