//! Checking one record's cells exactly as the streaming reader does, into a borrowed row.

use csat_model::{AnswerRef, QuestionKind, ResponseView, Scale, SurveyDefinition};

use crate::cell;
use crate::columns::Target;
use crate::error::ErrorKind;
use crate::parallel::record::{Record, find_byte};

/// What one column of the file feeds, resolved once for the whole file.
#[derive(Debug, Clone)]
enum Column {
    Ignored,
    Respondent,
    Attribute(usize),
    /// A rated item; bit `d` of `digits` is set when the one-digit cell `d` is on the scale
    /// (see [`one_digit_level`]).
    Rated {
        question: usize,
        digits: u16,
        scale: Scale,
    },
    Recommend(usize),
    Choice(usize),
    /// A multiple-choice question's cell (separated items).
    Choices(usize),
    Text(usize),
    Flag {
        question: usize,
        option: u16,
    },
}

/// A column as the one-pass line path ([`check_line`]) reads it: small, so that a row's walk
/// along the columns stays in a few cache lines.
#[derive(Debug, Clone, Copy)]
enum Step {
    Skip,
    Respondent,
    /// A rated item; bit `d` of `digits` is set when the one-digit cell `d` is on its scale
    /// (the level is the digit).
    Level {
        question: usize,
        digits: u16,
    },
    Recommend(usize),
    /// An attribute, looked up among the values read before ([`Labels`]).
    Attribute(usize),
    /// Any other column: checked by [`put`] with its [`Column`].
    Cell,
}

/// A problem with one record, before its position is known: the kind, the 0-based field it
/// is in (`None` for the field count), and the trimmed cell text (lossy for bad UTF-8).
#[derive(Debug, Clone)]
pub(crate) struct CellError {
    pub(crate) kind: ErrorKind,
    pub(crate) field: Option<usize>,
    pub(crate) value: Option<String>,
}

/// A rejected record: the problem, and the respondent id when its cell came first.
pub(crate) type Rejected<'i> = Box<(CellError, Option<&'i str>)>;

/// How the columns of one file are read: built from the definition and the header's layout.
#[derive(Debug, Clone)]
pub(crate) struct RowPlan {
    columns: Vec<Column>,
    /// The respondent id column's field index.
    pub(crate) id_field: usize,
    questions: usize,
    attributes: usize,
    /// Positions of multiple-choice questions.
    multiple: Vec<usize>,
    /// Positions of rated questions (for the straight-liner flag).
    rated: Vec<usize>,
    separator: char,
    /// `columns` for the one-pass line path.
    steps: Vec<Step>,
    /// For each column, the block of four rated columns starting there, if there is one (see
    /// [`LevelBlock`]).
    blocks: Vec<Option<LevelBlock>>,
}

impl RowPlan {
    pub(crate) fn new(def: &SurveyDefinition, layout: &[Option<Target>], separator: char) -> Self {
        let columns = layout
            .iter()
            .map(|t| match *t {
                None => Column::Ignored,
                Some(Target::Respondent) => Column::Respondent,
                Some(Target::Attribute(i)) => Column::Attribute(i),
                Some(Target::OptionFlag { question, option }) => Column::Flag { question, option },
                Some(Target::Question(q)) => match def.questions()[q].kind() {
                    QuestionKind::Rated { scale } => Column::Rated {
                        question: q,
                        digits: (0..10u8)
                            .filter(|&d| scale.contains(d))
                            .fold(0, |bits, d| bits | 1 << d),
                        scale: scale.clone(),
                    },
                    QuestionKind::Recommendation => Column::Recommend(q),
                    QuestionKind::SingleChoice { .. } => Column::Choice(q),
                    QuestionKind::MultipleChoice { .. } => Column::Choices(q),
                    // Open text, and kinds added later, keep the text (as `cell::answer` does).
                    _ => Column::Text(q),
                },
            })
            .collect::<Vec<_>>();
        let steps = columns
            .iter()
            .map(|c| match *c {
                Column::Ignored => Step::Skip,
                Column::Respondent => Step::Respondent,
                Column::Rated {
                    question, digits, ..
                } => Step::Level { question, digits },
                Column::Recommend(q) => Step::Recommend(q),
                Column::Attribute(a) => Step::Attribute(a),
                _ => Step::Cell,
            })
            .collect::<Vec<_>>();
        let blocks = (0..steps.len())
            .map(|i| LevelBlock::new(steps.get(i..i + 4)?))
            .collect();
        Self {
            steps,
            blocks,
            id_field: layout
                .iter()
                .position(|t| *t == Some(Target::Respondent))
                .unwrap_or(usize::MAX),
            columns,
            questions: def.questions().len(),
            attributes: def.attributes().len(),
            multiple: def
                .questions()
                .iter()
                .enumerate()
                .filter(|(_, q)| matches!(q.kind(), QuestionKind::MultipleChoice { .. }))
                .map(|(i, _)| i)
                .collect(),
            rated: def.rated_items().map(|(i, _)| i).collect(),
            separator,
        }
    }

    pub(crate) fn fields(&self) -> usize {
        self.columns.len()
    }
}

/// An answer as kept for a row: like [`AnswerRef`], with the multiple-choice set as a range of
/// the row's choice list.
#[derive(Debug, Clone, Copy)]
enum Code<'a> {
    Level(u8),
    Recommend(u8),
    Choice(u16),
    Choices(usize, usize),
    Text(&'a str),
}

/// One accepted CSV record, borrowed from the parallel reader's buffers: the respondent id,
/// attribute values and answers, checked against the definition exactly as
/// [`CsvReader`](crate::CsvReader) checks them. It is a [`ResponseView`], so
/// `csat_scoring::Tally::add` counts it without an owned [`Response`](csat_model::Response);
/// [`to_response`](Self::to_response) makes one when needed.
#[derive(Debug, Clone, Copy)]
pub struct CsvRow<'a> {
    id: &'a str,
    attributes: &'a [Option<&'a str>],
    answers: &'a [Option<Code<'a>>],
    choices: &'a [u16],
}

impl CsvRow<'_> {
    /// The owned, checked response.
    pub fn to_response(
        &self,
        def: &SurveyDefinition,
    ) -> Result<csat_model::Response, csat_model::Error> {
        csat_model::Response::new(
            def,
            self.id,
            self.attributes
                .iter()
                .map(|a| a.map(str::to_owned))
                .collect(),
            (0..self.answers.len())
                .map(|i| ResponseView::answer(self, i).map(AnswerRef::to_owned))
                .collect(),
        )
    }
}

impl ResponseView for CsvRow<'_> {
    #[inline]
    fn respondent_id(&self) -> &str {
        self.id
    }

    #[inline]
    fn attribute_count(&self) -> usize {
        self.attributes.len()
    }

    #[inline]
    fn attribute(&self, index: usize) -> Option<&str> {
        self.attributes.get(index).copied().flatten()
    }

    #[inline]
    fn answer_count(&self) -> usize {
        self.answers.len()
    }

    #[inline]
    fn answer(&self, index: usize) -> Option<AnswerRef<'_>> {
        Some(match self.answers.get(index).copied().flatten()? {
            Code::Level(v) => AnswerRef::Level(v),
            Code::Recommend(v) => AnswerRef::Recommend(v),
            Code::Choice(i) => AnswerRef::Choice(i),
            Code::Choices(start, end) => AnswerRef::Choices(&self.choices[start..end]),
            Code::Text(t) => AnswerRef::Text(t),
        })
    }

    #[inline]
    fn is_blank(&self) -> bool {
        self.answers.iter().all(Option::is_none)
    }
}

/// What a worker keeps from row to row: the row buffers, the attribute values it has checked,
/// and the one-pass path's list of cells to remember.
#[derive(Debug, Default)]
pub(crate) struct RowScratch {
    bufs: RowBuffers,
    labels: Labels,
    /// Attribute cells of the current line to add to `labels`: (attribute, start, end).
    learn: Vec<(usize, usize, usize)>,
}

/// The per-row buffers; the reference-holding vectors are kept empty between rows (see
/// [`reuse_texts`] and [`reuse_codes`]) so that they can borrow each row's bytes.
#[derive(Debug, Default)]
struct RowBuffers {
    attributes: Vec<Option<&'static str>>,
    answers: Vec<Option<Code<'static>>>,
    chosen: Vec<Vec<u16>>,
    choices: Vec<u16>,
}

/// The most values an attribute's label table keeps: enough for the segmenting attributes of
/// a survey (industry, region, size, role), few enough for a linear search.
const MAX_LABELS: usize = 64;

/// Attribute values a worker has read and checked before ("interned" labels), by attribute:
/// a cell whose bytes are those of a known value is taken as that value without checking it
/// again (UTF-8, trimming, the attribute's closed list). A table stops learning at
/// [`MAX_LABELS`] values; cells of other values are then checked as usual, so an attribute of
/// many values (a company name) costs a bounded search and no growing memory.
#[derive(Debug, Default)]
struct Labels {
    tables: Vec<LabelTable>,
}

#[derive(Debug, Default)]
struct LabelTable {
    /// The cell's length and first eight bytes (zero-padded): most searches compare only these.
    keys: Vec<(usize, u64)>,
    /// The cells' bytes as read (before trimming).
    cells: Vec<Box<[u8]>>,
    /// The checked, trimmed values.
    values: Vec<Box<str>>,
}

/// The first eight bytes of `cell`, zero-padded; `from_cell` is the input from the cell's start
/// on, read as one word when it has eight bytes.
#[inline]
fn prefix(cell: &[u8], from_cell: &[u8]) -> u64 {
    if let Some(word) = from_cell.first_chunk::<8>() {
        let keep = if cell.len() >= 8 {
            u64::MAX
        } else {
            (1u64 << (8 * cell.len())) - 1
        };
        return u64::from_le_bytes(*word) & keep;
    }
    cell.iter()
        .take(8)
        .rev()
        .fold(0, |w, &b| w << 8 | u64::from(b))
}

impl Labels {
    /// The checked value of attribute `a` read from `cell`, if known.
    #[inline]
    fn find(&self, a: usize, cell: &[u8], from_cell: &[u8]) -> Option<&str> {
        let table = self.tables.get(a)?;
        let key = (cell.len(), prefix(cell, from_cell));
        let i = table.keys.iter().position(|&k| k == key)?;
        // Keys of equal length and first eight bytes are rare; look for the exact one then.
        let i = if cell.len() <= 8 || table.cells[i][8..] == cell[8..] {
            i
        } else {
            table.cells.iter().position(|c| **c == *cell)?
        };
        Some(&table.values[i])
    }

    /// Remembers that `cell` of attribute `a` reads as the checked value `value`.
    fn learn(&mut self, a: usize, cell: &[u8], value: &str) {
        if self.tables.len() <= a {
            self.tables.resize_with(a + 1, LabelTable::default);
        }
        let table = &mut self.tables[a];
        if table.keys.len() < MAX_LABELS && !table.cells.iter().any(|c| **c == *cell) {
            table.keys.push((cell.len(), prefix(cell, cell)));
            table.cells.push(cell.into());
            table.values.push(value.into());
        }
    }
}

/// Reuses a vector's allocation for references of another lifetime: the vector is emptied,
/// and `collect` takes an empty vector's buffer over in place (same size and alignment).
fn reuse_texts<'b>(mut v: Vec<Option<&str>>) -> Vec<Option<&'b str>> {
    v.clear();
    v.into_iter().map(|_| None).collect()
}

fn reuse_codes<'b>(mut v: Vec<Option<Code<'_>>>) -> Vec<Option<Code<'b>>> {
    v.clear();
    v.into_iter().map(|_| None).collect()
}

/// What checking a record found about the row, besides the view handed to the consumer.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RowFacts {
    pub(crate) blank: bool,
    pub(crate) straight_liner: bool,
}

/// Checks `rec` (whose field count was checked) and, if every cell is good, calls `use_row`
/// with the row. On error returns the first problem in column order and whether the
/// respondent id cell came before it (and was not blank), in which case the id is returned
/// too, for the duplicate check.
pub(crate) fn check_row<'i, R>(
    plan: &RowPlan,
    def: &SurveyDefinition,
    input: &'i [u8],
    rec: &'i Record,
    scratch: &mut RowScratch,
    use_row: &mut impl FnMut(&CsvRow<'_>, RowFacts) -> R,
) -> Result<R, Rejected<'i>> {
    with_row(
        plan,
        &mut scratch.bufs,
        use_row,
        |chosen, attributes, answers| fill(plan, def, input, rec, chosen, attributes, answers),
    )
}

/// The one-pass path for a whole line (`line`, without its `\n`): splits and checks its cells
/// in a single walk along the plan's columns and, if the line is an ordinary good record,
/// calls `use_row` with the row exactly as [`check_row`] would.
///
/// Returns `None`, having called nothing, for anything else: a field that starts with a quote,
/// a wrong number of fields, a cell that is not UTF-8 or does not pass its check, a blank CRLF
/// line. The caller then takes the general path ([`scan`](super::record::scan) and
/// [`check_row`]), which finds the same fields and reports the problem with its position, so
/// this path decides nothing on its own. It agrees with the general path because, without a
/// field that starts with a quote, the `csv` crate's fields are exactly the runs between
/// delimiters (a quote inside a field is an ordinary byte), and a `\r` before the `\n` only
/// ends the last cell, which is trimmed.
pub(crate) fn check_line<R>(
    plan: &RowPlan,
    def: &SurveyDefinition,
    line: &[u8],
    delimiter: u8,
    scratch: &mut RowScratch,
    use_row: &mut impl FnMut(&CsvRow<'_>, RowFacts) -> R,
) -> Option<R> {
    if line == b"\r" {
        return None;
    }
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let RowScratch {
        bufs,
        labels,
        learn,
    } = scratch;
    learn.clear();
    let split = Split {
        plan,
        def,
        line,
        delimiter,
        labels,
    };
    let out = with_row(plan, bufs, use_row, |chosen, attributes, answers| {
        split.fill(learn, chosen, attributes, answers).ok_or(())
    })
    .ok();
    for &(a, start, end) in learn.iter() {
        let cell = &line[start..end];
        if let Ok(text) = std::str::from_utf8(cell) {
            labels.learn(a, cell, trim(text));
        }
    }
    out
}

/// Prepares the row buffers, fills them with `fill`, completes the multiple-choice sets and
/// hands the row to `use_row`.
fn with_row<'i, R, E>(
    plan: &RowPlan,
    scratch: &mut RowBuffers,
    use_row: &mut impl FnMut(&CsvRow<'_>, RowFacts) -> R,
    fill: impl FnOnce(
        &mut [Vec<u16>],
        &mut [Option<&'i str>],
        &mut [Option<Code<'i>>],
    ) -> Result<&'i str, E>,
) -> Result<R, E> {
    let mut attributes: Vec<Option<&'i str>> = reuse_texts(std::mem::take(&mut scratch.attributes));
    let mut answers: Vec<Option<Code<'i>>> = reuse_codes(std::mem::take(&mut scratch.answers));
    attributes.resize(plan.attributes, None);
    answers.resize(plan.questions, None);
    scratch.chosen.resize_with(plan.questions, Vec::new);
    for &q in &plan.multiple {
        scratch.chosen[q].clear();
    }
    scratch.choices.clear();
    let result = fill(&mut scratch.chosen, &mut attributes, &mut answers);
    let out = match result {
        Ok(id) => {
            for &q in &plan.multiple {
                let chosen = &mut scratch.chosen[q];
                chosen.sort_unstable();
                chosen.dedup();
                if !chosen.is_empty() {
                    let start = scratch.choices.len();
                    scratch.choices.extend_from_slice(chosen);
                    answers[q] = Some(Code::Choices(start, scratch.choices.len()));
                }
            }
            let row = CsvRow {
                id,
                attributes: &attributes,
                answers: &answers,
                choices: &scratch.choices,
            };
            let facts = RowFacts {
                blank: row.is_blank(),
                straight_liner: straight_liner(plan, &answers),
            };
            Ok(use_row(&row, facts))
        }
        Err(e) => Err(e),
    };
    scratch.attributes = reuse_texts(attributes);
    scratch.answers = reuse_codes(answers);
    out
}

fn straight_liner(plan: &RowPlan, answers: &[Option<Code<'_>>]) -> bool {
    if plan.rated.len() < 2 {
        return false;
    }
    let mut first = None;
    for &i in &plan.rated {
        match (answers[i], first) {
            (Some(Code::Level(v)), None) => first = Some(v),
            (Some(Code::Level(v)), Some(f)) if v == f => {}
            _ => return false,
        }
    }
    true
}

/// Whether a character starting with byte `b` may be white space (`char::is_whitespace`):
/// ASCII controls and space, and the lead bytes of U+0085, U+00A0, U+1680, U+2000..U+205F and
/// U+3000.
#[inline]
fn may_be_space(b: u8) -> bool {
    b <= b' ' || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// `str::trim`, skipped when neither end can be white space (the usual cell).
#[inline]
fn trim(t: &str) -> &str {
    let bytes = t.as_bytes();
    let (Some(&first), Some(_)) = (bytes.first(), bytes.last()) else {
        return t;
    };
    // The last character's first byte: at most three continuation bytes back.
    let last_lead = bytes
        .iter()
        .rev()
        .take(4)
        .find(|&&b| b & 0xC0 != 0x80)
        .copied()
        .unwrap_or(0);
    if may_be_space(first) || may_be_space(last_lead) {
        t.trim()
    } else {
        t
    }
}

/// Trims a cell as `str::trim` does, after checking it is UTF-8.
fn text(bytes: &[u8]) -> Result<&str, CellError> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(t.trim()),
        Err(_) => Err(CellError {
            kind: ErrorKind::InvalidUtf8,
            field: None,
            value: Some(String::from_utf8_lossy(bytes).trim().to_owned()),
        }),
    }
}

fn fill<'i>(
    plan: &RowPlan,
    def: &SurveyDefinition,
    input: &'i [u8],
    rec: &'i Record,
    chosen: &mut [Vec<u16>],
    attributes: &mut [Option<&'i str>],
    answers: &mut [Option<Code<'i>>],
) -> Result<&'i str, Rejected<'i>> {
    let mut id: Option<&'i str> = None;
    // Most records are UTF-8 throughout: check them once, not field by field.
    let whole = rec.text(input);
    for (i, column) in plan.columns.iter().enumerate() {
        let bytes = rec.field(input, i);
        // The common case first: a one-digit level, which is UTF-8 and has nothing to trim.
        if let Column::Rated {
            question, digits, ..
        } = *column
            && let [d] = bytes
            && let Some(v) = one_digit_level(digits, *d)
        {
            answers[question] = Some(Code::Level(v));
            continue;
        }
        if matches!(column, Column::Ignored) {
            continue;
        }
        let cell = match whole.and_then(|t| rec.field_text(t, i)) {
            Some(t) => trim(t),
            None => text(bytes).map_err(|mut e| {
                e.field = Some(i);
                Box::new((e, id))
            })?,
        };
        put(
            plan, def, column, cell, &mut id, chosen, attributes, answers,
        )
        .map_err(|kind| {
            let e = CellError {
                kind,
                field: Some(i),
                value: Some(cell.to_owned()),
            };
            Box::new((e, id))
        })?;
    }
    // The header check requires the respondent id column, so a good record has an id.
    id.ok_or_else(|| {
        Box::new((
            CellError {
                kind: ErrorKind::MissingRespondentId,
                field: None,
                value: None,
            },
            None,
        ))
    })
}

/// [`fill`] for a whole line without quotes, splitting as it goes; `None` at the first thing
/// that is not an ordinary good cell (see [`check_line`]).
/// One line to split, with what splitting it reads.
struct Split<'i> {
    plan: &'i RowPlan,
    def: &'i SurveyDefinition,
    line: &'i [u8],
    delimiter: u8,
    labels: &'i Labels,
}

impl<'i> Split<'i> {
    #[allow(
        clippy::too_many_lines,
        reason = "one walk along the columns; the cases share the position and the row"
    )]
    fn fill(
        &self,
        learn: &mut Vec<(usize, usize, usize)>,
        chosen: &mut [Vec<u16>],
        attributes: &mut [Option<&'i str>],
        answers: &mut [Option<Code<'i>>],
    ) -> Option<&'i str> {
        let Self {
            plan,
            def,
            line,
            delimiter,
            labels,
        } = *self;
        let mut id: Option<&'i str> = None;
        let last = plan.steps.len().checked_sub(1)?;
        let mut p = 0;
        let mut i = 0;
        while let Some(&step) = plan.steps.get(i) {
            let rest = line.get(p..)?;
            // Four rated cells of one digit each, all followed by the delimiter, read from one
            // eight-byte word: the bulk of a response file.
            if let Some(Some(block)) = plan.blocks.get(i)
                && i + 3 < last
                && let Some(word) = rest.first_chunk::<8>()
                && let Some(levels) = block.levels(u64::from_le_bytes(*word), delimiter)
            {
                for (&question, v) in block.questions.iter().zip(levels) {
                    *answers.get_mut(question)? = Some(Code::Level(v));
                }
                p += 8;
                i += 4;
                continue;
            }
            i += 1;
            // A one-digit level followed by the delimiter (or the end of the line, in the last
            // column).
            if let Step::Level { question, digits } = step
                && let [d, after @ ..] = rest
                && let Some(v) = one_digit_level(digits, *d)
                && (if i - 1 == last {
                    after.is_empty()
                } else {
                    after.first() == Some(&delimiter)
                })
            {
                *answers.get_mut(question)? = Some(Code::Level(v));
                p += 2;
                continue;
            }
            let i = i - 1;
            let end_ok = |at: usize| {
                if i == last {
                    at == rest.len()
                } else {
                    rest.get(at) == Some(&delimiter)
                }
            };
            // The cell's bytes, from `start` in the line.
            let (start, bytes) = match rest.first() {
                // A blank cell: nothing to check, unless it is the respondent id.
                Some(&b) if b == delimiter && i < last && !matches!(step, Step::Respondent) => {
                    p += 1;
                    continue;
                }
                Some(b'"') => {
                    // A quoted field that ends on this line, then the delimiter. A doubled quote
                    // is fine in a column that is not read; anything else goes the general way.
                    let close = closing_quote(rest, matches!(step, Step::Skip))?;
                    if !end_ok(close + 1) {
                        return None;
                    }
                    let start = p + 1;
                    p += close + 2;
                    if matches!(step, Step::Skip) {
                        continue;
                    }
                    (start, &rest[1..close])
                }
                _ => {
                    let len = match find_byte(rest, delimiter) {
                        Some(k) if i < last => k,
                        None if i == last => rest.len(),
                        // Too few or too many fields.
                        _ => return None,
                    };
                    let start = p;
                    p += len + 1;
                    (start, &rest[..len])
                }
            };
            match step {
                Step::Skip => {}
                Step::Attribute(a) => {
                    if let Some(value) = labels.find(a, bytes, &line[start..]) {
                        *attributes.get_mut(a)? = (!value.is_empty()).then_some(value);
                    } else {
                        let cell = trim(std::str::from_utf8(bytes).ok()?);
                        let column = plan.columns.get(i)?;
                        put(
                            plan, def, column, cell, &mut id, chosen, attributes, answers,
                        )
                        .ok()?;
                        if !cell.is_empty() {
                            learn.push((a, start, start + bytes.len()));
                        }
                    }
                }
                Step::Recommend(q) if matches!(bytes, [b'0'..=b'9'] | [b'1', b'0']) => {
                    let v = if bytes.len() == 2 {
                        10
                    } else {
                        bytes[0] - b'0'
                    };
                    *answers.get_mut(q)? = Some(Code::Recommend(v));
                }
                _ => {
                    // `simdutf8` takes fewer instructions than `str::from_utf8` even on the
                    // short cells that get here (every row's id): 47 a row fewer by callgrind.
                    let cell = trim(simdutf8::basic::from_utf8(bytes).ok()?);
                    let column = plan.columns.get(i)?;
                    put(
                        plan, def, column, cell, &mut id, chosen, attributes, answers,
                    )
                    .ok()?;
                }
            }
        }
        id
    }
}

/// The closing quote of the quoted field `rest` starts with, if it is on this line. A field
/// with doubled quotes gives `None` unless it is `unread` (its text would need unescaping).
#[inline]
fn closing_quote(rest: &[u8], unread: bool) -> Option<usize> {
    let mut from = 1;
    loop {
        let q = from + find_byte(rest.get(from..)?, b'"')?;
        if rest.get(q + 1) != Some(&b'"') {
            return Some(q);
        }
        if !unread {
            return None;
        }
        from = q + 2;
    }
}

/// The level of the one-digit cell `d` of a rated column whose scale accepts the digits set
/// in `digits` (the level is the digit), if it is one of them.
#[inline]
fn one_digit_level(digits: u16, d: u8) -> Option<u8> {
    let v = d.wrapping_sub(b'0');
    (v < 10 && digits >> v & 1 == 1).then_some(v)
}

/// Four rated columns in a row whose scales accept the same run of digits `lo..=hi`: their
/// cells are read together from one eight-byte word when they are four one-digit cells, each
/// followed by the delimiter.
#[derive(Debug, Clone, Copy)]
struct LevelBlock {
    questions: [usize; 4],
    /// `'0' + lo` and `'0' + hi + 1` in each 16-bit lane.
    lo: u64,
    hi: u64,
}

/// One in each 16-bit lane.
const LANES: u64 = 0x0001_0001_0001_0001;
/// The top bit of each 16-bit lane.
const LANE_TOPS: u64 = 0x8000 * LANES;

impl LevelBlock {
    fn new(steps: &[Step]) -> Option<Self> {
        if steps.len() != 4 {
            return None;
        }
        let mut questions = [0; 4];
        let mut digits = None;
        for (slot, step) in questions.iter_mut().zip(steps) {
            let Step::Level {
                question,
                digits: d,
            } = *step
            else {
                return None;
            };
            if digits.is_some_and(|first| first != d) {
                return None;
            }
            digits = Some(d);
            *slot = question;
        }
        let digits = digits.filter(|&d| d != 0)?;
        // The accepted digits must be one run: `lo..=hi`, all set.
        let lo = digits.trailing_zeros();
        let hi = digits.ilog2();
        if u32::from(digits >> lo) != (1u32 << (hi - lo + 1)) - 1 {
            return None;
        }
        Some(Self {
            questions,
            lo: (u64::from(b'0') + u64::from(lo)) * LANES,
            hi: (u64::from(b'0') + u64::from(hi) + 1) * LANES,
        })
    }

    /// The four levels in `word` (the line's next eight bytes, little-endian), if its bytes 1,
    /// 3, 5 and 7 are delimiters and its bytes 0, 2, 4 and 6 digits in `lo..=hi`.
    #[inline]
    fn levels(&self, word: u64, delimiter: u8) -> Option<[u8; 4]> {
        if word & 0xFF00_FF00_FF00_FF00 != u64::from(delimiter) * (LANES << 8) {
            return None;
        }
        // Each lane holds one byte; with its top bit set, subtracting a byte value cannot
        // borrow from the next lane, and the top bit survives exactly when lane >= value.
        let cells = word & 0x00FF_00FF_00FF_00FF;
        let (at_least_lo, below_hi) =
            ((cells | LANE_TOPS) - self.lo, (cells | LANE_TOPS) - self.hi);
        if at_least_lo & LANE_TOPS != LANE_TOPS || below_hi & LANE_TOPS != 0 {
            return None;
        }
        let mut levels = [0; 4];
        for (k, level) in levels.iter_mut().enumerate() {
            *level = ((cells >> (16 * k)) as u8).wrapping_sub(b'0');
        }
        Some(levels)
    }
}

/// Checks one trimmed cell of a column that is read and puts it into the row.
#[allow(
    clippy::too_many_arguments,
    reason = "the row's parts are borrowed apart so that the cell can borrow the input"
)]
#[inline]
fn put<'i>(
    plan: &RowPlan,
    def: &SurveyDefinition,
    column: &Column,
    cell: &'i str,
    id: &mut Option<&'i str>,
    chosen: &mut [Vec<u16>],
    attributes: &mut [Option<&'i str>],
    answers: &mut [Option<Code<'i>>],
) -> Result<(), ErrorKind> {
    match *column {
        Column::Ignored => {}
        Column::Respondent => {
            if cell.is_empty() {
                return Err(ErrorKind::MissingRespondentId);
            }
            *id = Some(cell);
        }
        _ if cell.is_empty() => {}
        Column::Attribute(a) => {
            if !def.attributes()[a].accepts(cell) {
                return Err(ErrorKind::UnknownAttributeValue {
                    value: cell.to_owned(),
                });
            }
            attributes[a] = Some(cell);
        }
        Column::Rated {
            question,
            ref scale,
            ..
        } => answers[question] = Some(Code::Level(cell::level(scale, cell)?)),
        Column::Recommend(q) => {
            let v = match cell.as_bytes() {
                [d @ b'0'..=b'9'] => d - b'0',
                [b'1', b'0'] => 10,
                _ => cell::recommendation(cell)?,
            };
            answers[q] = Some(Code::Recommend(v));
        }
        Column::Choice(q) => {
            let options = def.questions()[q].options().unwrap_or_default();
            answers[q] = Some(Code::Choice(cell::option(options, cell)?));
        }
        Column::Choices(q) => {
            let options = def.questions()[q].options().unwrap_or_default();
            cell::choices(options, cell, plan.separator, &mut chosen[q])?;
        }
        Column::Text(q) => answers[q] = Some(Code::Text(cell)),
        Column::Flag { question, option } => {
            if cell::flag(cell)? {
                chosen[question].push(option);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(question: usize, digits: &[u16]) -> Step {
        Step::Level {
            question,
            digits: digits.iter().fold(0, |bits, d| bits | 1 << d),
        }
    }

    fn word(text: &str) -> u64 {
        u64::from_le_bytes(text.as_bytes().try_into().unwrap())
    }

    #[test]
    fn four_rated_cells_are_read_from_one_word() {
        let five = [1, 2, 3, 4, 5];
        let steps = [
            level(3, &five),
            level(4, &five),
            level(7, &five),
            level(8, &five),
        ];
        let block = LevelBlock::new(&steps).expect("one run of digits");
        assert_eq!(block.questions, [3, 4, 7, 8]);
        // Expected levels: the digits as written.
        assert_eq!(block.levels(word("5,4,1,3,"), b','), Some([5, 4, 1, 3]));
        assert_eq!(block.levels(word("1;1;5;5;"), b';'), Some([1, 1, 5, 5]));
        // Off the scale, not a digit, a blank or a wrong delimiter: read cell by cell instead.
        for text in [
            "6,4,1,3,", "5,4,0,3,", "5,4,1,x,", "5,,4,1,3", "5;4;1;3;", "54,1,3,2",
        ] {
            assert_eq!(block.levels(word(text), b','), None, "{text}");
        }
        // A scale 0..10 accepts every digit.
        let eleven: Vec<u16> = (0..=10).collect();
        let steps = [0, 1, 2, 3].map(|q| level(q, &eleven));
        let block = LevelBlock::new(&steps).unwrap();
        assert_eq!(block.levels(word("0,9,5,0,"), b','), Some([0, 9, 5, 0]));
    }

    #[test]
    fn blocks_need_four_rated_columns_with_one_run_of_digits() {
        let five = [1, 2, 3, 4, 5];
        let odd = [1, 3, 5];
        let seven = [1, 2, 3, 4, 5, 6, 7];
        assert!(
            LevelBlock::new(&[level(0, &odd); 4]).is_none(),
            "1, 3, 5 is not a run"
        );
        assert!(
            LevelBlock::new(&[
                level(0, &five),
                level(1, &five),
                level(2, &seven),
                level(3, &five)
            ])
            .is_none(),
            "different scales"
        );
        assert!(
            LevelBlock::new(&[
                level(0, &five),
                level(1, &five),
                Step::Skip,
                level(3, &five)
            ])
            .is_none()
        );
        assert!(
            LevelBlock::new(&[level(0, &five); 3]).is_none(),
            "three columns"
        );
        assert!(
            LevelBlock::new(&[level(0, &[]); 4]).is_none(),
            "no one-digit level"
        );
    }

    #[test]
    fn label_keys_are_the_same_from_a_word_or_byte_by_byte() {
        for cell in ["", "东区", "其他金融", "abcdefgh", "abcdefghij"] {
            let bytes = cell.as_bytes();
            let mut line = bytes.to_vec();
            line.extend_from_slice(b",5,4,3,2,1,");
            assert_eq!(prefix(bytes, &line), prefix(bytes, bytes), "{cell}");
        }
    }
}
