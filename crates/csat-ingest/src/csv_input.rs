//! Streaming CSV responses.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use csat_model::{Response, SurveyDefinition};

use crate::columns::Target;
use crate::error::{Error, ErrorKind, Position};
use crate::header::check_header;
use crate::options::ReadOptions;
use crate::rows::{Draft, Rows};
use crate::summary::{RowFlags, Summary};

/// Reads responses from CSV (RFC 4180, UTF-8 with or without BOM, LF or CRLF), one record at a
/// time.
///
/// [`from_reader`](Self::from_reader) reads and checks the header; the reader is then an
/// [`Iterator`] of `Result<Response, Error>`. Under [`Policy::Strict`](crate::Policy::Strict)
/// it yields the first error and ends; under [`Policy::Lenient`](crate::Policy::Lenient) it
/// yields each rejected record's error and goes on. [`summary`](Self::summary) tells, at any
/// time, how many records were read, accepted and rejected. [`flagged`](Self::flagged) yields
/// each response with its [`RowFlags`].
///
/// One record buffer is reused for the whole file, so memory stays flat whatever its size
/// (except for the duplicate checks, see [`ReadOptions`]).
///
/// # Columns
///
/// Header names are trimmed and matched exactly against the definition: the respondent id
/// column ([`SurveyDefinition::respondent_column`]), each attribute's and question's
/// [`column`](csat_model::Question::column), and for a multiple-choice question either its own
/// column (items separated by [`ReadOptions::separator`]) or one 0/1 column per option, named
/// by the option's `column` or else `<question column>:<option id>`. Column order is free.
#[derive(Debug)]
pub struct CsvReader<'d, R> {
    csv: csv::Reader<Tracked<R>>,
    record: csv::ByteRecord,
    headers: Vec<String>,
    layout: Vec<Option<Target>>,
    draft: Draft,
    rows: Rows<'d>,
}

impl<'d> CsvReader<'d, File> {
    /// Opens a CSV file and reads its header. Errors name the path.
    pub fn from_path(
        def: &'d SurveyDefinition,
        path: impl AsRef<Path>,
        opts: ReadOptions,
    ) -> Result<Self, Error> {
        let path = path.as_ref();
        let file = File::open(path).map_err(|e| Error::io(e).in_file(Some(path)))?;
        Self::build(def, file, opts, Some(path))
    }
}

impl<'d, R: Read> CsvReader<'d, R> {
    /// Reads the header from `rdr` and checks it against `def`: every column known (unless
    /// ignored), none twice, every required column present.
    pub fn from_reader(
        def: &'d SurveyDefinition,
        rdr: R,
        opts: ReadOptions,
    ) -> Result<Self, Error> {
        Self::build(def, rdr, opts, None)
    }

    fn build(
        def: &'d SurveyDefinition,
        rdr: R,
        opts: ReadOptions,
        path: Option<&Path>,
    ) -> Result<Self, Error> {
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(opts.delimiter)
            // Field counts are checked here, so that the error names the record and line.
            .flexible(true)
            // Records end at `\n` only, so that csv's line count after a record is the next
            // line whatever the line ends (see `start_line`); the `\r` of a CRLF is left at the
            // end of the last field, where trimming removes it, and a `\r`-only record is a
            // blank CRLF line.
            .terminator(csv::Terminator::Any(b'\n'))
            .has_headers(true)
            .from_reader(Tracked::new(rdr));
        let rows = Rows::new(def, opts, path)?;
        let in_file = |e: Error| e.in_file(path);
        let header = csv
            .byte_headers()
            .map_err(|e| in_file(csv_error(e)))?
            .clone();
        let line = start_line(&header, csv.position(), csv.get_ref());
        let (headers, layout) = check_header(def, &rows, header.iter(), line, path)?;

        Ok(Self {
            csv,
            record: csv::ByteRecord::new(),
            headers,
            layout,
            draft: Draft::default(),
            rows,
        })
    }

    /// The header's column names, trimmed.
    #[must_use]
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Counts so far: records read, accepted, rejected, flags.
    #[must_use]
    pub fn summary(&self) -> &Summary {
        self.rows.summary()
    }

    /// The next record as a response with its data-quality flags.
    pub fn next_flagged(&mut self) -> Option<Result<(Response, RowFlags), Error>> {
        if self.rows.is_finished() {
            return None;
        }
        let read = loop {
            match self.csv.read_byte_record(&mut self.record) {
                Ok(true) if self.record.len() == 1 && &self.record[0] == b"\r" => {}
                other => break other,
            }
        };
        match read {
            Ok(true) => {
                let line = start_line(&self.record, self.csv.position(), self.csv.get_ref());
                let record = self.rows.begin_record(&mut self.draft);
                let result = self.read_record(record, line);
                Some(self.rows.conclude(result))
            }
            Ok(false) => {
                self.rows.finish();
                None
            }
            Err(e) => Some(Err(self.rows.fatal(csv_error(e)))),
        }
    }

    /// The remaining records as responses with their data-quality flags; the reader (and its
    /// [`summary`](Self::summary)) stays usable afterwards.
    ///
    /// ```
    /// use csat_ingest::{CsvReader, ReadOptions};
    ///
    /// let def = csat_ingest::parse_definition_json(r#"{"id": "s", "title": "t",
    ///     "questions": [{"id": "q1", "label": "a", "kind": "rated"},
    ///                   {"id": "q2", "label": "b", "kind": "rated"}]}"#)?;
    /// let csv = "respondent_id,q1,q2\nR1,4,4\nR2,3,5\n";
    /// let mut reader = CsvReader::from_reader(&def, csv.as_bytes(), ReadOptions::default())?;
    /// let straight: Vec<String> = reader
    ///     .flagged()
    ///     .filter_map(Result::ok)
    ///     .filter(|(_, flags)| flags.straight_liner)
    ///     .map(|(r, _)| r.respondent_id().to_owned())
    ///     .collect();
    /// assert_eq!(straight, ["R1"]);
    /// assert_eq!(reader.summary().straight_liners, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn flagged(&mut self) -> impl Iterator<Item = Result<(Response, RowFlags), Error>> + '_ {
        std::iter::from_fn(|| self.next_flagged())
    }

    fn read_record(&mut self, record: u64, line: u64) -> Result<(Response, RowFlags), Error> {
        let position = || Position::record(record, line);
        if self.record.len() != self.headers.len() {
            let kind = ErrorKind::FieldCount {
                expected: self.headers.len(),
                found: self.record.len(),
            };
            return Err(Error::at(kind, position()));
        }
        for (i, field) in self.record.iter().enumerate() {
            let Some(target) = self.layout[i] else {
                continue;
            };
            let at = |kind, value: &str| {
                Error::at(
                    kind,
                    position().column(&self.headers[i], Some(i)).value(value),
                )
            };
            let Ok(text) = std::str::from_utf8(field) else {
                let lossy = String::from_utf8_lossy(field);
                return Err(at(ErrorKind::InvalidUtf8, lossy.trim()));
            };
            let cell = text.trim();
            self.rows
                .apply(&mut self.draft, target, cell)
                .map_err(|kind| at(kind, cell))?;
        }
        self.rows.accept(&mut self.draft, record, line)
    }
}

impl<R: Read> Iterator for CsvReader<'_, R> {
    type Item = Result<Response, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_flagged().map(|r| r.map(|(response, _)| response))
    }
}

fn csv_error(e: csv::Error) -> Error {
    // With byte records and flexible field counts, csv reports nothing but I/O errors; keep
    // anything else as one rather than lose it.
    if !matches!(e.kind(), csv::ErrorKind::Io(_)) {
        return Error::io(std::io::Error::other(e));
    }
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(io),
        other => Error::io(std::io::Error::other(format!("{other:?}"))),
    }
}

/// The line a record starts on, from csv's position just after it.
///
/// csv's own record positions are taken before the blank lines it skips and, with CRLF line
/// ends, before the `\n` of the previous line end (rust-csv issue 395), so they can be short.
/// Its line count after a record is exact, so the start is that count less the newlines inside
/// the record's quoted fields and less the `\n` that ended it, if one did: only the last record
/// of an input without a final line end has none.
fn start_line<R>(record: &csv::ByteRecord, after: &csv::Position, input: &Tracked<R>) -> u64 {
    #[allow(
        clippy::naive_bytecount,
        reason = "records are short; a SIMD byte-count crate is not worth the dependency"
    )]
    let inside = record.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
    let unterminated = input.eof && after.byte() == input.total && input.last != Some(b'\n');
    after
        .line()
        .saturating_sub(inside + u64::from(!unterminated))
        .max(1)
}

/// The input, counting what it hands out so that the end of the input can be recognised.
#[derive(Debug)]
struct Tracked<R> {
    inner: R,
    total: u64,
    last: Option<u8>,
    eof: bool,
}

impl<R> Tracked<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            total: 0,
            last: None,
            eof: false,
        }
    }
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            self.eof = !buf.is_empty();
        } else {
            self.total += n as u64;
            self.last = Some(buf[n - 1]);
        }
        Ok(n)
    }
}
