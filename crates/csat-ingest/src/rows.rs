//! The part of reading shared by the CSV and JSON readers: turning the cells of one record into
//! a checked response, tracking duplicates and data-quality flags, and keeping the summary.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use csat_model::{Answer, QuestionKind, Response, SurveyDefinition};

use crate::cell;
use crate::columns::{ColumnMap, Target};
use crate::error::{Error, ErrorKind, Position};
use crate::options::{Policy, ReadOptions};
use crate::summary::{RowFlags, Summary};

/// One record being assembled. Kept by the reader and reset for each record, so the per-option
/// scratch lists keep their capacity.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    id: Option<String>,
    attributes: Vec<Option<String>>,
    answers: Vec<Option<Answer>>,
    /// Chosen options per question (used by multiple-choice questions only).
    chosen: Vec<Vec<u16>>,
}

impl Draft {
    fn start(&mut self, def: &SurveyDefinition) {
        self.id = None;
        // These two move into the response, so they are allocated per record anyway.
        self.attributes = vec![None; def.attributes().len()];
        self.answers = vec![None; def.questions().len()];
        self.chosen.resize_with(def.questions().len(), Vec::new);
        for c in &mut self.chosen {
            c.clear();
        }
    }
}

/// State shared by a reader's records.
#[derive(Debug)]
pub(crate) struct Rows<'d> {
    def: &'d SurveyDefinition,
    opts: ReadOptions,
    columns: ColumnMap,
    rated: Vec<usize>,
    multiple_choice: Vec<usize>,
    seen_ids: HashMap<String, u64>,
    answer_hashes: HashMap<u64, u64>,
    summary: Summary,
    records: u64,
    finished: bool,
    path: Option<PathBuf>,
}

impl<'d> Rows<'d> {
    pub(crate) fn new(
        def: &'d SurveyDefinition,
        opts: ReadOptions,
        path: Option<&Path>,
    ) -> Result<Self, Error> {
        let columns = ColumnMap::new(def).map_err(|k| Error::new(k).in_file(path))?;
        Ok(Self {
            def,
            opts,
            columns,
            rated: def.rated_items().map(|(i, _)| i).collect(),
            multiple_choice: def
                .questions()
                .iter()
                .enumerate()
                .filter(|(_, q)| matches!(q.kind(), QuestionKind::MultipleChoice { .. }))
                .map(|(i, _)| i)
                .collect(),
            seen_ids: HashMap::new(),
            answer_hashes: HashMap::new(),
            summary: Summary::default(),
            records: 0,
            finished: false,
            path: path.map(Path::to_path_buf),
        })
    }

    pub(crate) fn def(&self) -> &'d SurveyDefinition {
        self.def
    }

    pub(crate) fn opts(&self) -> &ReadOptions {
        &self.opts
    }

    pub(crate) fn columns(&self) -> &ColumnMap {
        &self.columns
    }

    pub(crate) fn summary(&self) -> &Summary {
        &self.summary
    }

    pub(crate) fn is_finished(&self) -> bool {
        self.finished
    }

    /// The input is exhausted.
    pub(crate) fn finish(&mut self) {
        self.finished = true;
    }

    /// Counts a new record and returns its number.
    pub(crate) fn begin_record(&mut self, draft: &mut Draft) -> u64 {
        self.records += 1;
        self.summary.rows_read += 1;
        draft.start(self.def);
        self.records
    }

    /// An error that ends reading (I/O, a broken file structure).
    pub(crate) fn fatal(&mut self, e: Error) -> Error {
        self.finished = true;
        e.in_file(self.path.as_deref())
    }

    /// Reads one trimmed cell into the draft; blank is "not answered".
    pub(crate) fn apply(
        &self,
        draft: &mut Draft,
        target: Target,
        cell: &str,
    ) -> Result<(), ErrorKind> {
        match target {
            Target::Respondent => {
                if cell.is_empty() {
                    return Err(ErrorKind::MissingRespondentId);
                }
                if let Some(&first_record) = self.seen_ids.get(cell) {
                    return Err(ErrorKind::DuplicateRespondent {
                        id: cell.to_owned(),
                        first_record,
                    });
                }
                draft.id = Some(cell.to_owned());
            }
            _ if cell.is_empty() => {}
            Target::Attribute(i) => {
                draft.attributes[i] = Some(cell::attribute(&self.def.attributes()[i], cell)?);
            }
            Target::Question(q) => {
                draft.answers[q] = cell::answer(
                    &self.def.questions()[q],
                    cell,
                    self.opts.separator,
                    &mut draft.chosen[q],
                )?;
            }
            Target::OptionFlag { question, option } => {
                if cell::flag(cell)? {
                    draft.chosen[question].push(option);
                }
            }
        }
        Ok(())
    }

    /// Reads one item of a multiple-choice list (a JSON array) into the draft.
    pub(crate) fn apply_choice_item(
        &self,
        draft: &mut Draft,
        question: usize,
        item: &str,
    ) -> Result<(), ErrorKind> {
        if item.is_empty() {
            return Ok(());
        }
        let options = self.def.questions()[question].options().unwrap_or_default();
        draft.chosen[question].push(cell::option(options, item)?);
        Ok(())
    }

    /// Completes a record whose cells were all read: builds and checks the response, raises
    /// its flags, and remembers its id and answers for the duplicate checks.
    pub(crate) fn accept(
        &mut self,
        draft: &mut Draft,
        record: u64,
        line: u64,
    ) -> Result<(Response, RowFlags), Error> {
        for &q in &self.multiple_choice {
            let chosen = std::mem::take(&mut draft.chosen[q]);
            if let Some(a) = cell::choices_answer(chosen) {
                draft.answers[q] = Some(a);
            }
        }
        let at = || Position::record(record, line);
        let Some(id) = draft.id.take() else {
            return Err(Error::at(
                ErrorKind::MissingRespondentId,
                at().column(self.def.respondent_column(), None),
            ));
        };
        let response = Response::new(
            self.def,
            id,
            std::mem::take(&mut draft.attributes),
            std::mem::take(&mut draft.answers),
        )
        .map_err(|e| Error::at(ErrorKind::Definition(e), at()))?;

        let mut flags = RowFlags {
            record,
            line,
            blank: response.is_blank(),
            straight_liner: self.is_straight_liner(&response),
            duplicate_answers_of: None,
        };
        if self.opts.check_duplicate_answers && !flags.blank {
            let mut h = DefaultHasher::new();
            response.answers().hash(&mut h);
            match self.answer_hashes.entry(h.finish()) {
                Entry::Occupied(first) => flags.duplicate_answers_of = Some(*first.get()),
                Entry::Vacant(v) => {
                    v.insert(record);
                }
            }
        }
        if self.opts.check_duplicate_ids {
            self.seen_ids
                .insert(response.respondent_id().to_owned(), record);
        }
        Ok((response, flags))
    }

    fn is_straight_liner(&self, r: &Response) -> bool {
        if self.rated.len() < 2 {
            return false;
        }
        let mut first = None;
        for &i in &self.rated {
            match (r.answer(i), first) {
                (Some(Answer::Level(v)), None) => first = Some(*v),
                (Some(Answer::Level(v)), Some(f)) if *v == f => {}
                _ => return false,
            }
        }
        true
    }

    /// Counts a record's outcome; a rejection ends reading under the strict policy.
    pub(crate) fn conclude(
        &mut self,
        result: Result<(Response, RowFlags), Error>,
    ) -> Result<(Response, RowFlags), Error> {
        match result {
            Ok(ok) => {
                self.summary.count_accepted(&ok.1);
                Ok(ok)
            }
            Err(e) => {
                self.summary.count_rejection(e.kind());
                if self.opts.policy == Policy::Strict {
                    self.finished = true;
                }
                Err(e.into_rejection().in_file(self.path.as_deref()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use csat_model::{Attribute, Question};

    fn def() -> SurveyDefinition {
        SurveyDefinition::builder("s", "t")
            .attribute(Attribute::new("region", "区域").with_values(["东区"]))
            .question(Question::rated("q01", "a", None).unwrap())
            .question(Question::rated("q02", "b", None).unwrap())
            .question(Question::new("nps", "n", QuestionKind::Recommendation).unwrap())
            .build()
            .unwrap()
    }

    fn row(
        rows: &mut Rows<'_>,
        draft: &mut Draft,
        cells: &[(Target, &str)],
    ) -> Result<(Response, RowFlags), Error> {
        let record = rows.begin_record(draft);
        let mut result = Ok(());
        for &(t, c) in cells {
            result = result.and_then(|()| {
                rows.apply(draft, t, c)
                    .map_err(|k| Error::at(k, Position::record(record, record + 1)))
            });
        }
        let result = result.and_then(|()| rows.accept(draft, record, record + 1));
        rows.conclude(result)
    }

    #[test]
    fn flags_blank_straight_and_duplicate_answers() {
        let d = def();
        let mut rows = Rows::new(&d, ReadOptions::lenient(), None).unwrap();
        let mut draft = Draft::default();
        let (q1, q2, nps) = (
            Target::Question(0),
            Target::Question(1),
            Target::Question(2),
        );
        let resp = Target::Respondent;
        let (_, f) = row(&mut rows, &mut draft, &[(resp, "R1"), (q1, "5"), (q2, "5")]).unwrap();
        assert!(f.straight_liner && !f.blank && f.duplicate_answers_of.is_none());
        let (_, f) = row(
            &mut rows,
            &mut draft,
            &[(resp, "R2"), (q1, "满意"), (q2, "5")],
        )
        .unwrap();
        assert!(f.straight_liner);
        assert_eq!(f.duplicate_answers_of, Some(1));
        let (_, f) = row(&mut rows, &mut draft, &[(resp, "R3"), (q1, "")]).unwrap();
        assert!(f.blank && !f.straight_liner && f.duplicate_answers_of.is_none());
        let (_, f) = row(&mut rows, &mut draft, &[(resp, "R4")]).unwrap();
        assert!(
            f.blank && f.duplicate_answers_of.is_none(),
            "blanks are not duplicates"
        );
        let (_, f) = row(
            &mut rows,
            &mut draft,
            &[(resp, "R5"), (q1, "4"), (nps, "9")],
        )
        .unwrap();
        assert!(!f.is_flagged());
        let s = rows.summary();
        assert_eq!(
            (
                s.rows_read,
                s.accepted,
                s.blank_rows,
                s.straight_liners,
                s.duplicate_answers
            ),
            // R1 and R2 are straight-liners (5, 5); R3 and R4 are blank; R2 repeats R1.
            (5, 5, 2, 2, 1)
        );
    }

    #[test]
    fn duplicate_ids_refer_to_the_first_accepted_record() {
        let d = def();
        let mut rows = Rows::new(&d, ReadOptions::lenient(), None).unwrap();
        let mut draft = Draft::default();
        let resp = Target::Respondent;
        // Record 1 is rejected, so R1 is first accepted at record 2.
        let e = row(
            &mut rows,
            &mut draft,
            &[(resp, "R1"), (Target::Question(0), "9")],
        )
        .unwrap_err();
        assert!(e.is_rejection());
        row(&mut rows, &mut draft, &[(resp, "R1")]).unwrap();
        let e = row(&mut rows, &mut draft, &[(resp, "R1")]).unwrap_err();
        assert_eq!(
            e.kind().to_string(),
            "duplicate respondent id \"R1\" (first seen at record 2)"
        );
        let e = row(&mut rows, &mut draft, &[(resp, "")]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::MissingRespondentId));
        let e = row(
            &mut rows,
            &mut draft,
            &[(resp, "R9"), (Target::Attribute(0), "西区")],
        )
        .unwrap_err();
        assert_eq!(e.kind().name(), "unknown_attribute_value");
        let s = rows.summary();
        assert_eq!(
            (s.rows_read, s.accepted, s.rejected, s.duplicate_ids),
            (5, 1, 4, 1)
        );
        assert!(s.is_consistent());
        assert!(!rows.is_finished());
    }

    #[test]
    fn strict_stops_and_checks_can_be_switched_off() {
        let d = def();
        let opts = ReadOptions::new().check_duplicate_ids(false);
        let mut rows = Rows::new(&d, opts, None).unwrap();
        let mut draft = Draft::default();
        row(&mut rows, &mut draft, &[(Target::Respondent, "R1")]).unwrap();
        row(&mut rows, &mut draft, &[(Target::Respondent, "R1")]).unwrap();
        assert!(!rows.is_finished());
        row(&mut rows, &mut draft, &[(Target::Question(2), "11")]).unwrap_err();
        assert!(rows.is_finished());
    }
}
