//! Streaming JSON responses: an array of objects, or JSON lines.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use csat_model::{Response, SurveyDefinition};
use serde_json::{Map, Value};

use crate::columns::{ChoiceLayout, Presence, Target};
use crate::definition::json_parse_kind;
use crate::error::{Error, ErrorKind, Position};
use crate::json_array::{ArrayElements, SplitError, Start};
use crate::options::ReadOptions;
use crate::rows::{Draft, Rows};
use crate::summary::{RowFlags, Summary};

#[derive(Debug)]
enum Source<R> {
    Array(ArrayElements<BufReader<R>>),
    Lines { rdr: BufReader<R>, line: u64 },
}

/// Reads responses from JSON: an array of objects ([`JsonReader::array`]) or one object per
/// line ([`JsonReader::lines`]), one object at a time.
///
/// Object keys are the column names of the CSV format (matched exactly, not trimmed); values
/// are strings, numbers, `null` (blank), `true`/`false` (in 0/1 option columns), or for a
/// multiple-choice question an array of option ids or labels. A key that is absent is a
/// missing column ([`ErrorKind::MissingColumn`], rejecting that object) unless
/// [`ReadOptions::allow_missing_columns`] is set; an object without the respondent id is
/// [`ErrorKind::MissingRespondentId`]. Policies, summary and flags are as for
/// [`CsvReader`](crate::CsvReader).
///
/// # Positions
///
/// `record` is the 1-based object index. `line` is the line the object starts on: for JSON
/// lines the object's own line (blank lines are skipped, not counted as records); for an array,
/// the line where the element starts. `column` is the key; `column_index` is always `None`.
///
/// # Limitations
///
/// serde_json keeps the last of two equal keys in one object, so such a repeat is not reported.
#[derive(Debug)]
pub struct JsonReader<'d, R> {
    source: Source<R>,
    buf: Vec<u8>,
    draft: Draft,
    presence: Presence,
    layouts: Vec<ChoiceLayout>,
    rows: Rows<'d>,
}

impl<'d> JsonReader<'d, File> {
    /// Opens a JSON file: JSON lines if the extension is `.jsonl` or `.ndjson`, else an array.
    pub fn from_path(
        def: &'d SurveyDefinition,
        path: impl AsRef<Path>,
        opts: ReadOptions,
    ) -> Result<Self, Error> {
        let path = path.as_ref();
        let file = File::open(path).map_err(|e| Error::io(e).in_file(Some(path)))?;
        let lines = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
        let rdr = BufReader::new(file);
        let source = if lines {
            Source::Lines { rdr, line: 0 }
        } else {
            Source::Array(ArrayElements::new(rdr))
        };
        Self::build(def, source, opts, Some(path))
    }
}

impl<'d, R: Read> JsonReader<'d, R> {
    /// A reader of a JSON array of objects.
    pub fn array(def: &'d SurveyDefinition, rdr: R, opts: ReadOptions) -> Result<Self, Error> {
        let source = Source::Array(ArrayElements::new(BufReader::new(rdr)));
        Self::build(def, source, opts, None)
    }

    /// A reader of JSON lines: one object per line.
    pub fn lines(def: &'d SurveyDefinition, rdr: R, opts: ReadOptions) -> Result<Self, Error> {
        let source = Source::Lines {
            rdr: BufReader::new(rdr),
            line: 0,
        };
        Self::build(def, source, opts, None)
    }

    fn build(
        def: &'d SurveyDefinition,
        source: Source<R>,
        opts: ReadOptions,
        path: Option<&Path>,
    ) -> Result<Self, Error> {
        let rows = Rows::new(def, opts, path)?;
        Ok(Self {
            source,
            buf: Vec::new(),
            draft: Draft::default(),
            presence: Presence::new(rows.columns()),
            layouts: Vec::new(),
            rows,
        })
    }

    /// Counts so far: records read, accepted, rejected, flags.
    #[must_use]
    pub fn summary(&self) -> &Summary {
        self.rows.summary()
    }

    /// The next object as a response with its data-quality flags.
    pub fn next_flagged(&mut self) -> Option<Result<(Response, RowFlags), Error>> {
        if self.rows.is_finished() {
            return None;
        }
        let start = match self.next_bytes() {
            Ok(Some(start)) => start,
            Ok(None) => {
                self.rows.finish();
                return None;
            }
            Err(e) => return Some(Err(self.rows.fatal(e))),
        };
        let record = self.rows.begin_record(&mut self.draft);
        let result = self.read_record(record, start);
        Some(self.rows.conclude(result))
    }

    /// The remaining objects as responses with their data-quality flags; the reader (and its
    /// [`summary`](Self::summary)) stays usable afterwards.
    pub fn flagged(&mut self) -> impl Iterator<Item = Result<(Response, RowFlags), Error>> + '_ {
        std::iter::from_fn(|| self.next_flagged())
    }

    /// Fills `buf` with the next record's bytes.
    fn next_bytes(&mut self) -> Result<Option<Start>, Error> {
        match &mut self.source {
            Source::Array(elements) => match elements.next_element(&mut self.buf) {
                Ok(start) => Ok(start),
                Err(SplitError::Io(e)) => Err(Error::io(e)),
                Err(SplitError::Syntax(kind)) => Err(Error::new(kind)),
            },
            Source::Lines { rdr, line } => loop {
                self.buf.clear();
                if rdr.read_until(b'\n', &mut self.buf).map_err(Error::io)? == 0 {
                    return Ok(None);
                }
                *line += 1;
                // Without its line end, a parse error at the end of the line stays on it.
                while let Some(b'\n' | b'\r') = self.buf.last() {
                    self.buf.pop();
                }
                if !self.buf.iter().all(u8::is_ascii_whitespace) {
                    return Ok(Some(Start {
                        line: *line,
                        column: 1,
                    }));
                }
            },
        }
    }

    fn read_record(&mut self, record: u64, start: Start) -> Result<(Response, RowFlags), Error> {
        let line = start.line;
        let position = || Position::record(record, line);
        let Ok(text) = std::str::from_utf8(&self.buf) else {
            return Err(Error::at(ErrorKind::InvalidUtf8, position()));
        };
        let value: Value = serde_json::from_str(text).map_err(|e| {
            let kind = json_parse_kind(&e, start.line - 1, start.column - 1);
            Error::at(kind, position())
        })?;
        let Value::Object(object) = value else {
            let kind = ErrorKind::JsonType {
                expected: "an object",
                found: type_name(&value),
            };
            return Err(Error::at(kind, position()));
        };
        self.check_keys(&object, record, line)?;
        self.read_object(&object, record, line)?;
        self.rows.accept(&mut self.draft, record, line)
    }

    fn check_keys(
        &mut self,
        object: &Map<String, Value>,
        record: u64,
        line: u64,
    ) -> Result<(), Error> {
        let def = self.rows.def();
        let columns = self.rows.columns();
        self.presence.clear();
        // An absent respondent id is reported as such when the object is read.
        self.presence.mark(columns, def.respondent_column());
        for key in object.keys() {
            if columns.get(key).is_some() {
                self.presence.mark(columns, key);
            } else if !self.rows.opts().ignores(key) {
                let kind = ErrorKind::UnknownColumn {
                    column: key.clone(),
                };
                return Err(Error::at(
                    kind,
                    Position::record(record, line).column(key, None),
                ));
            }
        }
        let allow_missing = self.rows.opts().allow_missing_columns;
        self.presence
            .check(def, columns, allow_missing, &mut self.layouts)
            .map_err(|(kind, name)| {
                Error::at(kind, Position::record(record, line).column(&name, None))
            })
    }

    fn read_object(
        &mut self,
        object: &Map<String, Value>,
        record: u64,
        line: u64,
    ) -> Result<(), Error> {
        for (name, target) in self.rows.columns().entries() {
            let at = |kind, value: &Value| {
                let mut p = Position::record(record, line).column(name, None);
                if !value.is_null() {
                    p = p.value(match value {
                        Value::String(s) => s.trim().to_owned(),
                        v => v.to_string(),
                    });
                }
                Error::at(kind, p)
            };
            let value = object.get(name).unwrap_or(&Value::Null);
            match (*target, value) {
                (Target::Question(q), Value::Array(items))
                    if self.layouts[q] == ChoiceLayout::Cell =>
                {
                    for item in items {
                        let text = scalar_text(item, false).map_err(|k| at(k, value))?;
                        self.rows
                            .apply_choice_item(
                                &mut self.draft,
                                q,
                                text.as_deref().unwrap_or("").trim(),
                            )
                            .map_err(|k| at(k, value))?;
                    }
                }
                (target, _) => {
                    let is_flag = matches!(target, Target::OptionFlag { .. });
                    let text = scalar_text(value, is_flag).map_err(|k| at(k, value))?;
                    let cell = text.as_deref().unwrap_or("").trim();
                    self.rows
                        .apply(&mut self.draft, target, cell)
                        .map_err(|k| at(k, value))?;
                }
            }
        }
        Ok(())
    }
}

impl<R: Read> Iterator for JsonReader<'_, R> {
    type Item = Result<Response, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_flagged().map(|r| r.map(|(response, _)| response))
    }
}

/// A single JSON value as cell text (`None` for null). In a 0/1 option column, `true` and
/// `false` read as `1` and `0`.
fn scalar_text(v: &Value, flag: bool) -> Result<Option<Cow<'_, str>>, ErrorKind> {
    Ok(match v {
        Value::Null => None,
        Value::String(s) => Some(Cow::Borrowed(s.as_str())),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        Value::Bool(b) if flag => Some(Cow::Borrowed(if *b { "1" } else { "0" })),
        Value::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
        Value::Array(_) | Value::Object(_) => {
            return Err(ErrorKind::JsonType {
                expected: "a string, a number or null",
                found: type_name(v),
            });
        }
    })
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
