//! Reading a CSV file on every core: the file is cut into chunks at record boundaries, each
//! worker checks and folds its chunks' rows, and the per-chunk results are committed in file
//! order, so that record numbers, lines, duplicate checks and the strict policy behave exactly
//! as in the streaming [`CsvReader`].

mod ids;
mod record;
mod row;

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use csat_model::{ResponseView, SurveyDefinition};

use crate::csv_input::CsvReader;
use crate::error::{Error, ErrorKind, Position};
use crate::header::check_header;
use crate::options::{Policy, ReadOptions};
use crate::rows::Rows;
use crate::summary::Summary;

use ids::{IdKey, IdSet, IdShape, Seen};
use record::{Record, Scan, next_line_start, scan, skip_blank_lines};
pub use row::CsvRow;
use row::{CellError, RowFacts, RowPlan, RowScratch, check_line, check_row};

/// Default chunk size: large enough that per-chunk costs vanish, small enough that two
/// workers' buffers stay a few megabytes.
pub const DEFAULT_CHUNK_SIZE: usize = 4 << 20;

/// The largest chunk size: 1 GiB, so that record and line numbers within a chunk fit in 32
/// bits (the per-row bookkeeping of the in-order checks is kept small).
pub const MAX_CHUNK_SIZE: usize = 1 << 30;

/// Default number of rejections kept with their errors (all are counted in the summary).
pub const DEFAULT_KEPT_REJECTIONS: usize = 1000;

/// Bytes read past a chunk's nominal end up front, so that its last record is usually whole.
const SLACK: usize = 64 << 10;

/// What a parallel fold produced.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Folded<A> {
    /// The merged accumulator of every accepted row.
    pub value: A,
    /// The counts, as the streaming reader keeps them (`accepted + rejected == rows_read`).
    pub summary: Summary,
    /// The first rejected records' errors, in file order, at most
    /// [`keep_rejections`](ParallelCsv::keep_rejections) of them (always empty under the strict
    /// policy, which returns the first as the error).
    pub rejections: Vec<Error>,
}

/// A CSV response file read on several threads and folded into any mergeable accumulator.
///
/// [`open`](Self::open) reads and checks the header exactly as [`CsvReader`] does;
/// [`fold`](Self::fold) then cuts the rest of the file into chunks of
/// [`chunk_size`](Self::chunk_size) bytes, has [`threads`](Self::threads) workers check each
/// record as [`CsvReader`] would (same error kinds, positions and summary) and fold every
/// accepted row, as a borrowed [`CsvRow`], into a per-chunk accumulator made by `init`; the
/// chunks' accumulators are merged in file order. Nothing is allocated per row on the common
/// paths: an ordinary line is split and checked in one pass (four one-digit rated cells per
/// eight-byte word), attribute values seen before are not checked again, and cells are
/// borrowed from the worker's buffer; a line with anything unusual takes the general path,
/// which reports its problem as [`CsvReader`] does.
///
/// The file is read in blocks with positioned reads, never mapped, so memory is a few blocks
/// per worker plus the accumulators and the duplicate checks of [`ReadOptions`] (the set of
/// accepted respondent ids: at most 12.5 MB for ids of the file's first id's shape, a prefix
/// and up to 8 digits, about 50 bytes an id otherwise; one 64-bit hash per distinct answer
/// vector if duplicate answers are checked).
///
/// Results do not depend on the number of threads or the chunk size, provided `merge` is
/// associative (it need not be commutative: chunks merge in file order).
///
/// # Example
///
/// ```
/// use csat_ingest::{ParallelCsv, ReadOptions};
/// use csat_model::{AnswerRef, ResponseView};
///
/// let def = csat_ingest::parse_definition_json(r#"{"id": "s", "title": "t",
///     "questions": [{"id": "q1", "label": "a", "kind": "rated"}]}"#)?;
/// let csv = b"respondent_id,q1\nR1,5\nR2,9\nR3,4\n";
/// // Sum of levels and number of answers, on two threads.
/// let folded = ParallelCsv::from_bytes(&def, csv, ReadOptions::lenient())?
///     .threads(2)
///     .fold(
///         || (0u64, 0u64),
///         |(sum, n), row| {
///             if let Some(AnswerRef::Level(v)) = row.answer(0) {
///                 *sum += u64::from(v);
///                 *n += 1;
///             }
///             Ok::<_, std::convert::Infallible>(())
///         },
///         |a, b| Ok((a.0 + b.0, a.1 + b.1)),
///     )?;
/// assert_eq!(folded.value, (9, 2));
/// assert_eq!(folded.summary.to_string(), "3 rows read: 2 accepted, 1 rejected");
/// assert_eq!(
///     folded.rejections[0].to_string(),
///     r#"record 2 (line 3), column "q1": 9 is outside the scale 1..5"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct ParallelCsv<'d> {
    def: &'d SurveyDefinition,
    source: Source<'d>,
    path: Option<PathBuf>,
    opts: ReadOptions,
    threads: usize,
    chunk_size: usize,
    keep: usize,
    headers: Vec<String>,
    plan: RowPlan,
    len: u64,
    data_start: u64,
    data_line: u64,
    shape: Option<IdShape>,
}

#[derive(Debug)]
enum Source<'d> {
    File(File),
    Bytes(&'d [u8]),
}

impl Source<'_> {
    /// Fills `buf` from `offset` as far as the input goes; returns the bytes read.
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        match self {
            Self::Bytes(b) => {
                let start = usize::try_from(offset).unwrap_or(usize::MAX).min(b.len());
                let n = buf.len().min(b.len() - start);
                buf[..n].copy_from_slice(&b[start..start + n]);
                Ok(n)
            }
            Self::File(f) => {
                let mut done = 0;
                while done < buf.len() {
                    match read_file_at(f, &mut buf[done..], offset + done as u64) {
                        Ok(0) => break,
                        Ok(n) => done += n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(e),
                    }
                }
                Ok(done)
            }
        }
    }

    fn len(&self) -> io::Result<u64> {
        match self {
            Self::Bytes(b) => Ok(b.len() as u64),
            Self::File(f) => Ok(f.metadata()?.len()),
        }
    }
}

#[cfg(unix)]
fn read_file_at(f: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(f, buf, offset)
}

#[cfg(windows)]
fn read_file_at(f: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(f, buf, offset)
}

#[cfg(not(any(unix, windows)))]
fn read_file_at(_: &File, _: &mut [u8], _: u64) -> io::Result<usize> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "positioned reads are not available on this platform",
    ))
}

/// A growing window of the input, starting at `base`: `buf[..filled]`.
struct Window<'s, 'd> {
    source: &'s Source<'d>,
    len: u64,
    base: u64,
    buf: Vec<u8>,
    filled: usize,
}

impl Window<'_, '_> {
    /// The bytes read so far.
    fn data(&self) -> &[u8] {
        &self.buf[..self.filled]
    }

    fn load(&mut self, base: u64, want: usize) -> io::Result<()> {
        self.base = base;
        self.filled = 0;
        self.grow(want)
    }

    /// Reads up to `more` further bytes (fewer at the end of the input).
    fn grow(&mut self, more: usize) -> io::Result<()> {
        let old = self.filled;
        let left = self.len.saturating_sub(self.base + old as u64);
        let more = more.min(usize::try_from(left).unwrap_or(usize::MAX));
        // The buffer keeps its length between chunks, so only new capacity is zeroed.
        if self.buf.len() < old + more {
            self.buf.resize(old + more, 0);
        }
        let n = self
            .source
            .read_at(&mut self.buf[old..old + more], self.base + old as u64)?;
        self.filled = old + n;
        if n < more {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the file became shorter while it was read",
            ));
        }
        Ok(())
    }

    fn at_eof(&self) -> bool {
        self.base + self.filled as u64 >= self.len
    }
}

impl<'d> ParallelCsv<'d> {
    /// Opens a CSV file and reads its header, as [`CsvReader::from_path`] does. Errors name
    /// the path.
    pub fn open(
        def: &'d SurveyDefinition,
        path: impl AsRef<Path>,
        opts: ReadOptions,
    ) -> Result<Self, Error> {
        let path = path.as_ref();
        let file = File::open(path).map_err(|e| Error::io(e).in_file(Some(path)))?;
        Self::build(def, Source::File(file), Some(path), opts)
    }

    /// Reads CSV held in memory (the same checks as [`open`](Self::open)).
    pub fn from_bytes(
        def: &'d SurveyDefinition,
        bytes: &'d [u8],
        opts: ReadOptions,
    ) -> Result<Self, Error> {
        Self::build(def, Source::Bytes(bytes), None, opts)
    }

    fn build(
        def: &'d SurveyDefinition,
        source: Source<'d>,
        path: Option<&Path>,
        opts: ReadOptions,
    ) -> Result<Self, Error> {
        let rows = Rows::new(def, opts.clone(), path)?;
        let in_file = |e: Error| e.in_file(path);
        let len = source.len().map_err(|e| in_file(Error::io(e)))?;
        let mut w = Window {
            source: &source,
            len,
            base: 0,
            buf: Vec::new(),
            filled: 0,
        };
        w.load(0, SLACK).map_err(|e| in_file(Error::io(e)))?;
        let mut rec = Record::default();
        // csv skips a byte order mark at the very start.
        let mut pos = if w.data().starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let mut line = 1;
        let header = next_record(&mut w, &mut pos, &mut line, opts.delimiter, &mut rec)
            .map_err(|e| in_file(Error::io(e)))?;
        // Without a header record, csv counts the line after the last line end.
        let header_line = header.map_or_else(
            || {
                let ends_in_newline = len > 0 && w.data().last() == Some(&b'\n');
                (line - u64::from(ends_in_newline)).max(1)
            },
            |h| h.line,
        );
        let fields: Vec<&[u8]> = (0..rec.len()).map(|i| rec.field(w.data(), i)).collect();
        let (headers, layout) = check_header(def, &rows, fields.into_iter(), header_line, path)?;
        let data_start = w.base + pos as u64;
        let data_line = line;
        let plan = RowPlan::new(def, &layout, opts.separator);

        // The first record's id decides which ids are kept as bits.
        let mut shape = None;
        if opts.check_duplicate_ids {
            let (mut p, mut l) = (pos, line);
            while let Some(r) = next_record(&mut w, &mut p, &mut l, opts.delimiter, &mut rec)
                .map_err(|e| in_file(Error::io(e)))?
            {
                if r.bare_cr {
                    continue;
                }
                if rec.len() > plan.id_field
                    && let Ok(id) = std::str::from_utf8(rec.field(w.data(), plan.id_field))
                {
                    shape = IdShape::of(id.trim());
                }
                break;
            }
        }
        drop(w);
        Ok(Self {
            def,
            source,
            path: path.map(Path::to_path_buf),
            opts,
            threads: std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
            chunk_size: DEFAULT_CHUNK_SIZE,
            keep: DEFAULT_KEPT_REJECTIONS,
            headers,
            plan,
            len,
            data_start,
            data_line,
            shape,
        })
    }

    /// Sets the number of worker threads (default: the available parallelism; 0 means the
    /// default). One thread reads on the calling thread and gives the same results.
    #[must_use]
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = if threads == 0 {
            std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
        } else {
            threads
        };
        self
    }

    /// Sets the chunk size in bytes (default [`DEFAULT_CHUNK_SIZE`]; at least 1, at most
    /// [`MAX_CHUNK_SIZE`]). Records are never split: a chunk holds the records that start in its
    /// byte range.
    #[must_use]
    pub fn chunk_size(mut self, bytes: usize) -> Self {
        self.chunk_size = bytes.clamp(1, MAX_CHUNK_SIZE);
        self
    }

    /// Sets how many rejections are kept with their errors in [`Folded::rejections`] (default
    /// [`DEFAULT_KEPT_REJECTIONS`]); the summary counts all of them.
    #[must_use]
    pub fn keep_rejections(mut self, n: usize) -> Self {
        self.keep = n;
        self
    }

    /// The header's column names, trimmed.
    #[must_use]
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Folds every accepted row into an accumulator.
    ///
    /// `init` makes an empty accumulator (one per chunk), `fold` adds one row to it, `merge`
    /// combines the accumulators of consecutive parts of the file (earlier part first). Under
    /// [`Policy::Strict`] the first rejected record is the error; under [`Policy::Lenient`]
    /// rejected records are counted and the first ones kept in [`Folded::rejections`]. An
    /// error from `fold` ends reading and is returned as [`ErrorKind::Fold`] at the row's
    /// position (one from `merge`, without a position).
    pub fn fold<A, E, I, F, M>(&self, init: I, fold: F, merge: M) -> Result<Folded<A>, Error>
    where
        A: Send,
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
        I: Fn() -> A + Sync,
        F: Fn(&mut A, &CsvRow<'_>) -> Result<(), E> + Sync,
        M: Fn(A, A) -> Result<A, E> + Sync,
    {
        let data_len = self.len.saturating_sub(self.data_start);
        let chunk = self.chunk_size as u64;
        let chunks = usize::try_from(data_len.div_ceil(chunk).max(1)).unwrap_or(usize::MAX);
        let job = Job {
            csv: self,
            chunks,
            next: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            commit: Mutex::new(Commit {
                next: 0,
                pending: BTreeMap::new(),
                end: self.data_start,
                records: 0,
                line: self.data_line,
                acc: None,
                summary: Summary::default(),
                kept: Vec::new(),
                unresolved: Vec::new(),
                fatal: None,
                ids: IdSet::new(self.shape.as_ref()),
                hashes: HashSet::new(),
            }),
            advanced: Condvar::new(),
            init: &init,
            fold: &fold,
            merge: &merge,
        };
        let threads = self.threads.clamp(1, chunks);
        if threads == 1 {
            job.work();
        } else {
            std::thread::scope(|s| {
                for _ in 1..threads {
                    s.spawn(|| job.work());
                }
                job.work();
            });
        }
        let commit = job
            .commit
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        self.finish(commit, &init)
    }

    fn finish<A>(&self, mut c: Commit<A>, init: &impl Fn() -> A) -> Result<Folded<A>, Error> {
        if !c.unresolved.is_empty() {
            self.resolve_first_records(&mut c)?;
        }
        if let Some(e) = c.fatal {
            return Err(e);
        }
        Ok(Folded {
            value: c.acc.unwrap_or_else(init),
            summary: c.summary,
            rejections: c.kept,
        })
    }

    /// Names the first record of each repeated numbered id, which the bitmap does not keep:
    /// one more pass over the file, taken only when such a duplicate was rejected.
    fn resolve_first_records<A>(&self, c: &mut Commit<A>) -> Result<(), Error> {
        let mut wanted: HashMap<String, u64> =
            c.unresolved.iter().map(|u| (u.id.clone(), 0)).collect();
        let opts = self
            .opts
            .clone()
            .policy(Policy::Lenient)
            .check_duplicate_ids(false)
            .check_duplicate_answers(false);
        let mut left = wanted.len();
        let mut visit = |r: &csat_model::Response, record: u64| {
            if let Some(first) = wanted.get_mut(r.respondent_id())
                && *first == 0
            {
                *first = record;
                left -= 1;
            }
            left > 0
        };
        match &self.source {
            Source::Bytes(b) => {
                scan_responses(CsvReader::from_reader(self.def, *b, opts)?, &mut visit);
            }
            Source::File(_) => {
                let path = self.path.as_deref().unwrap_or(Path::new(""));
                scan_responses(CsvReader::from_path(self.def, path, opts)?, &mut visit);
            }
        }
        for u in std::mem::take(&mut c.unresolved) {
            let first_record = wanted.get(&u.id).copied().unwrap_or(0);
            let e = self.rejection(
                ErrorKind::DuplicateRespondent {
                    id: u.id,
                    first_record,
                },
                u.position,
            );
            match u.slot {
                Slot::Kept(i) => c.kept[i] = e,
                Slot::Fatal => c.fatal = Some(e),
            }
        }
        Ok(())
    }

    fn rejection(&self, kind: ErrorKind, position: Position) -> Error {
        Error::at(kind, position)
            .into_rejection()
            .in_file(self.path.as_deref())
    }

    fn position(&self, record: u64, line: u64, e: &CellError) -> Position {
        let p = Position::record(record, line);
        match e.field {
            Some(i) => {
                let p = p.column(&self.headers[i], Some(i));
                match &e.value {
                    Some(v) => p.value(v.clone()),
                    None => p,
                }
            }
            None => p,
        }
    }
}

fn scan_responses<R: io::Read>(
    mut reader: CsvReader<'_, R>,
    visit: &mut impl FnMut(&csat_model::Response, u64) -> bool,
) {
    while let Some(next) = reader.next_flagged() {
        if let Ok((response, flags)) = next
            && !visit(&response, flags.record)
        {
            break;
        }
    }
}

/// Reads [`ParallelCsv::open`]`(def, path, opts)` with `threads` workers (0: the available
/// parallelism) and folds it (see [`ParallelCsv::fold`]).
pub fn fold_csv_path<A, E, I, F, M>(
    def: &SurveyDefinition,
    path: impl AsRef<Path>,
    opts: ReadOptions,
    threads: usize,
    init: I,
    fold: F,
    merge: M,
) -> Result<Folded<A>, Error>
where
    A: Send,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
    I: Fn() -> A + Sync,
    F: Fn(&mut A, &CsvRow<'_>) -> Result<(), E> + Sync,
    M: Fn(A, A) -> Result<A, E> + Sync,
{
    ParallelCsv::open(def, path, opts)?
        .threads(threads)
        .fold(init, fold, merge)
}

/// Where [`next_record`] found a record.
struct Found {
    line: u64,
    bare_cr: bool,
}

/// Reads the next record of a window from `pos` (skipping blank lines, growing the window as
/// needed), advancing `pos` and `line`; `None` at the end of the input.
fn next_record(
    w: &mut Window<'_, '_>,
    pos: &mut usize,
    line: &mut u64,
    delimiter: u8,
    rec: &mut Record,
) -> io::Result<Option<Found>> {
    loop {
        let (p, n) = skip_blank_lines(w.data(), *pos);
        *pos = p;
        *line += n;
        if *pos == w.filled {
            if w.at_eof() {
                rec.fields.clear();
                return Ok(None);
            }
            w.grow(w.filled.max(SLACK))?;
            continue;
        }
        match scan(w.data(), *pos, delimiter, w.at_eof(), rec) {
            Scan::NeedMore => w.grow(w.filled.max(SLACK))?,
            Scan::Record { end, newlines } => {
                let found = Found {
                    line: *line,
                    bare_cr: rec.is_bare_cr(w.data()),
                };
                *pos = end;
                *line += newlines;
                return Ok(Some(found));
            }
        }
    }
}

/// A rejected duplicate whose first record is looked up at the end.
struct Unresolved {
    id: String,
    position: Position,
    slot: Slot,
}

enum Slot {
    Kept(usize),
    Fatal,
}

/// State of the in-order commit of chunk results.
struct Commit<A> {
    /// The next chunk to commit.
    next: usize,
    pending: BTreeMap<usize, ChunkOut<A>>,
    /// Where the committed chunks end (the next chunk must start there).
    end: u64,
    /// Records in the committed chunks.
    records: u64,
    /// The line `end` is on.
    line: u64,
    acc: Option<A>,
    summary: Summary,
    kept: Vec<Error>,
    unresolved: Vec<Unresolved>,
    fatal: Option<Error>,
    ids: IdSet,
    hashes: HashSet<u64>,
}

/// A row as a worker saw it, for the checks that need file order: one per accepted row when
/// ids are checked, so kept small (a chunk is at most [`MAX_CHUNK_SIZE`] bytes, so its record
/// and line numbers fit in 32 bits).
struct RowOut {
    /// Record number within the chunk, from 1.
    record: u32,
    /// `\n`s between the chunk's start and the record's start.
    line: u32,
    kind: RowKind,
    /// Whether the row's numbered id was accepted before it (set by the commit's first pass).
    seen: bool,
}

enum RowKind {
    Accepted {
        id: Option<IdKey>,
        blank: bool,
        straight_liner: bool,
        /// Whether the row's answer hash is the next of [`ChunkOut::answer_hashes`].
        hashed: bool,
    },
    Rejected(Box<(CellError, Option<IdKey>)>),
}

/// One chunk's result.
struct ChunkOut<A> {
    start: u64,
    end: u64,
    records: u64,
    lines: u64,
    acc: A,
    /// Rows needing an in-order check (all accepted rows when ids or answers are checked,
    /// and every rejection), in order.
    rows: Vec<RowOut>,
    /// Text of the ids in `rows` that are not numbered.
    id_text: String,
    /// The answer hashes of the accepted rows in `rows` marked `hashed`, in order.
    answer_hashes: Vec<u64>,
    /// Accepted rows not in `rows`, with their flags.
    accepted: u64,
    blank: u64,
    straight: u64,
    /// An error that ends reading (from `fold`, or I/O), with the chunk-relative record and
    /// line offset when it is about a row.
    fatal: Option<(u64, u64, Error)>,
}

/// What a worker is asked to do with a chunk.
#[derive(Clone, Copy)]
enum Start {
    /// Guess the first record start after `nominal` (the chunk's nominal start).
    After(u64),
    /// Start exactly here.
    At(u64),
}

struct Job<'j, 'd, A, I, F, M> {
    csv: &'j ParallelCsv<'d>,
    chunks: usize,
    next: AtomicUsize,
    stop: AtomicBool,
    commit: Mutex<Commit<A>>,
    advanced: Condvar,
    init: &'j I,
    fold: &'j F,
    merge: &'j M,
}

impl<A, E, I, F, M> Job<'_, '_, A, I, F, M>
where
    A: Send,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
    I: Fn() -> A + Sync,
    F: Fn(&mut A, &CsvRow<'_>) -> Result<(), E> + Sync,
    M: Fn(A, A) -> Result<A, E> + Sync,
{
    fn nominal(&self, c: usize) -> (u64, u64) {
        let csv = self.csv;
        let size = csv.chunk_size as u64;
        let start = csv.data_start + c as u64 * size;
        let end = if c + 1 >= self.chunks {
            csv.len
        } else {
            (start + size).min(csv.len)
        };
        (start, end)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Commit<A>> {
        self.commit.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A worker: claims chunks in order, reads them, and commits what it can.
    fn work(&self) {
        let window = self.csv.threads + 1;
        let mut buf = Vec::new();
        let mut scratch = Scratch::default();
        loop {
            let c = self.next.fetch_add(1, Ordering::Relaxed);
            if c >= self.chunks {
                return;
            }
            {
                // Keep at most `window` chunks ahead of the commit, so pending results stay few.
                let mut st = self.lock();
                while c >= st.next + window && !self.stop.load(Ordering::Relaxed) {
                    st = self
                        .advanced
                        .wait(st)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            }
            if self.stop.load(Ordering::Relaxed) {
                return;
            }
            let (nominal, end) = self.nominal(c);
            let start = if c == 0 {
                Start::At(nominal)
            } else {
                Start::After(nominal)
            };
            let out = self.read_chunk(start, end, &mut buf, &mut scratch, None);
            let mut st = self.lock();
            if st.fatal.is_some() {
                // An earlier chunk ended the read while this one was being read.
                return;
            }
            st.pending.insert(c, out);
            loop {
                let c = st.next;
                let Some(out) = st.pending.remove(&c) else {
                    break;
                };
                self.commit_chunk(&mut st, c, out, &mut buf, &mut scratch);
                st.next += 1;
                if st.fatal.is_some() {
                    self.stop.store(true, Ordering::Relaxed);
                    st.pending.clear();
                    break;
                }
            }
            drop(st);
            self.advanced.notify_all();
        }
    }

    /// Reads the records that start in `[start, end)` into a chunk result; with `skip`,
    /// folds again leaving out those chunk-relative records (nothing else is recorded).
    fn read_chunk(
        &self,
        start: Start,
        end: u64,
        buf: &mut Vec<u8>,
        scratch: &mut Scratch,
        skip: Option<&[u64]>,
    ) -> ChunkOut<A> {
        let csv = self.csv;
        let mut out = ChunkOut {
            start: 0,
            end: 0,
            records: 0,
            lines: 0,
            acc: (self.init)(),
            rows: Vec::new(),
            id_text: String::new(),
            answer_hashes: Vec::new(),
            accepted: 0,
            blank: 0,
            straight: 0,
            fatal: None,
        };
        let mut w = Window {
            source: &csv.source,
            len: csv.len,
            base: 0,
            buf: std::mem::take(buf),
            filled: 0,
        };
        let result = self.read_into(start, end, &mut w, scratch, skip, &mut out);
        if let Err(e) = result {
            out.fatal = Some((0, 0, Error::io(e).in_file(csv.path.as_deref())));
        }
        *buf = std::mem::take(&mut w.buf);
        out
    }

    #[allow(
        clippy::too_many_lines,
        reason = "one pass over a chunk's records; the steps share many locals"
    )]
    fn read_into(
        &self,
        start: Start,
        end: u64,
        w: &mut Window<'_, '_>,
        scratch: &mut Scratch,
        skip: Option<&[u64]>,
        out: &mut ChunkOut<A>,
    ) -> io::Result<()> {
        let csv = self.csv;
        let opts = &csv.opts;
        let want = usize::try_from(end.saturating_sub(match start {
            Start::After(n) => n - 1,
            Start::At(p) => p,
        }))
        .unwrap_or(usize::MAX)
        .saturating_add(SLACK);
        let mut pos = match start {
            Start::At(p) => {
                w.load(p, want)?;
                0
            }
            Start::After(nominal) => {
                // The first line start at or after `nominal`: after a `\n` at `nominal - 1` or
                // later. Right unless that `\n` is inside a quoted field, which the commit
                // finds out (the previous chunk ends elsewhere) and then reads it again.
                w.load(nominal - 1, want)?;
                loop {
                    if let Some(p) = next_line_start(w.data(), 0) {
                        break p;
                    }
                    if w.at_eof() {
                        break w.filled;
                    }
                    w.grow(w.filled.max(SLACK))?;
                }
            }
        };
        out.start = w.base + pos as u64;
        let check_ids = opts.check_duplicate_ids && skip.is_none();
        let hash_answers = opts.check_duplicate_answers && skip.is_none();
        let list_accepted = check_ids || hash_answers;
        let strict = opts.policy == Policy::Strict;
        let Scratch { rec, row } = scratch;
        loop {
            let (p, n) = skip_blank_lines(w.data(), pos);
            pos = p;
            out.lines += n;
            if pos == w.filled {
                if w.at_eof() {
                    break;
                }
                w.grow(w.filled.max(SLACK))?;
                continue;
            }
            if w.base + pos as u64 >= end {
                break;
            }
            let record = out.records + 1;
            let leave_out = skip.is_some_and(|s| s.binary_search(&record).is_ok());
            let shape = csv.shape.as_ref();
            let id_text = &mut out.id_text;
            let mut key_of = |id: &str| {
                shape.and_then(|s| s.number(id)).map_or_else(
                    || {
                        let start = id_text.len() as u32;
                        id_text.push_str(id);
                        IdKey::Text {
                            start,
                            end: id_text.len() as u32,
                        }
                    },
                    IdKey::Number,
                )
            };
            let acc = &mut out.acc;
            let mut use_row = |r: &CsvRow<'_>, facts: RowFacts| {
                let hash = hash_answers.then(|| hash_answers_of(r));
                let id = check_ids.then(|| key_of(r.respondent_id()));
                let folded = if leave_out {
                    Ok(())
                } else {
                    (self.fold)(acc, r)
                };
                (folded, id, facts, hash)
            };
            // An ordinary line is split and checked in one pass; anything else (quotes, a
            // bad cell, a line not yet read to its end) takes the general path below.
            let data = w.data();
            let line_end = match memchr::memchr(b'\n', &data[pos..]) {
                Some(k) => Some((pos + k, pos + k + 1, 1)),
                None if w.at_eof() => Some((data.len(), data.len(), 0)),
                None => None,
            };
            let fast = line_end.and_then(|(line_end, record_end, newlines)| {
                let line = &data[pos..line_end];
                check_line(&csv.plan, csv.def, line, opts.delimiter, row, &mut use_row)
                    .map(|checked| (checked, record_end, newlines))
            });
            let line;
            let checked = if let Some((checked, record_end, newlines)) = fast {
                out.records += 1;
                line = out.lines;
                pos = record_end;
                out.lines += newlines;
                Ok(checked)
            } else {
                let (record_end, newlines) =
                    match scan(w.data(), pos, opts.delimiter, w.at_eof(), rec) {
                        Scan::NeedMore => {
                            w.grow(w.filled.max(SLACK))?;
                            continue;
                        }
                        Scan::Record { end, newlines } => (end, newlines),
                    };
                if rec.is_bare_cr(w.data()) {
                    pos = record_end;
                    out.lines += newlines;
                    continue;
                }
                out.records += 1;
                line = out.lines;
                pos = record_end;
                out.lines += newlines;
                if rec.len() != csv.plan.fields() {
                    if skip.is_none() {
                        let e = CellError {
                            kind: ErrorKind::FieldCount {
                                expected: csv.plan.fields(),
                                found: rec.len(),
                            },
                            field: None,
                            value: None,
                        };
                        out.rows.push(RowOut {
                            record: record as u32,
                            line: line as u32,
                            kind: RowKind::Rejected(Box::new((e, None))),
                            seen: false,
                        });
                        if strict {
                            break;
                        }
                    }
                    continue;
                }
                check_row(&csv.plan, csv.def, w.data(), rec, row, &mut use_row)
            };
            match checked {
                Ok((folded, id, facts, hash)) => {
                    if let Err(e) = folded {
                        let kind = ErrorKind::Fold {
                            source: Arc::from(e.into()),
                        };
                        out.fatal = Some((record, line, Error::new(kind)));
                        break;
                    }
                    if list_accepted {
                        let hash = hash.filter(|_| !facts.blank);
                        let hashed = hash.is_some();
                        out.answer_hashes.extend(hash);
                        out.rows.push(RowOut {
                            record: record as u32,
                            line: line as u32,
                            kind: RowKind::Accepted {
                                id,
                                blank: facts.blank,
                                straight_liner: facts.straight_liner,
                                hashed,
                            },
                            seen: false,
                        });
                    } else {
                        out.accepted += 1;
                        out.blank += u64::from(facts.blank);
                        out.straight += u64::from(facts.straight_liner);
                    }
                }
                Err(rejected) => {
                    let (e, id) = *rejected;
                    if skip.is_none() {
                        let id = id.filter(|_| check_ids).map(&mut key_of);
                        out.rows.push(RowOut {
                            record: record as u32,
                            line: line as u32,
                            kind: RowKind::Rejected(Box::new((e, id))),
                            seen: false,
                        });
                        if strict {
                            break;
                        }
                    }
                }
            }
        }
        out.end = w.base + pos as u64;
        Ok(())
    }

    /// Commits chunk `c`, the next in file order.
    fn commit_chunk(
        &self,
        st: &mut Commit<A>,
        c: usize,
        mut out: ChunkOut<A>,
        buf: &mut Vec<u8>,
        scratch: &mut Scratch,
    ) {
        let csv = self.csv;
        let (_, end) = self.nominal(c);
        if out.start != st.end {
            // The guessed start was inside a quoted field: read the chunk again from where
            // the previous one really ended.
            out = self.read_chunk(Start::At(st.end), end, buf, scratch, None);
        }
        st.summary.rows_read += out.records;
        st.summary.accepted += out.accepted;
        st.summary.blank_rows += out.blank;
        st.summary.straight_liners += out.straight;
        let mut skip = Vec::new();
        let mut rows = std::mem::take(&mut out.rows);
        mark_seen_numbers(&mut st.ids, &mut rows);
        let mut answer_hashes = std::mem::take(&mut out.answer_hashes).into_iter();
        for r in rows {
            let record = st.records + u64::from(r.record);
            let line = st.line + u64::from(r.line);
            match r.kind {
                RowKind::Accepted {
                    id,
                    blank,
                    straight_liner,
                    hashed,
                } => {
                    // Taken in order whether or not the row turns out a duplicate.
                    let answers = if hashed { answer_hashes.next() } else { None };
                    if let Some(key) = id {
                        if let Some(first) = earlier(st, key, r.seen, &out.id_text, Some(record)) {
                            skip.push(u64::from(r.record));
                            let text = self.id_text(key, &out.id_text);
                            self.reject_duplicate(st, text, first.record(), record, line);
                            if st.fatal.is_some() {
                                return;
                            }
                            continue;
                        }
                    }
                    st.summary.accepted += 1;
                    st.summary.blank_rows += u64::from(blank);
                    st.summary.straight_liners += u64::from(straight_liner);
                    if let Some(h) = answers
                        && !st.hashes.insert(h)
                    {
                        st.summary.duplicate_answers += 1;
                    }
                }
                RowKind::Rejected(rejected) => {
                    let (e, id) = *rejected;
                    if let Some(key) = id {
                        if let Some(first) = earlier(st, key, r.seen, &out.id_text, None) {
                            let text = self.id_text(key, &out.id_text);
                            self.reject_duplicate(st, text, first.record(), record, line);
                            if st.fatal.is_some() {
                                return;
                            }
                            continue;
                        }
                    }
                    st.summary.count_rejection(&e.kind);
                    let position = csv.position(record, line, &e);
                    self.keep_rejection(st, csv.rejection(e.kind, position));
                    if st.fatal.is_some() {
                        return;
                    }
                }
            }
        }
        if let Some((r, l, e)) = out.fatal.take() {
            let e = if r == 0 {
                e
            } else {
                let position = Position::record(st.records + r, st.line + l);
                Error::at(e.into_kind(), position).in_file(csv.path.as_deref())
            };
            st.fatal = Some(e);
            return;
        }
        let mut acc = out.acc;
        if !skip.is_empty() {
            // Rows the commit found to be duplicates were folded by the worker: fold the
            // chunk again without them.
            let again = self.read_chunk(Start::At(out.start), end, buf, scratch, Some(&skip));
            if let Some((_, _, e)) = again.fatal {
                st.fatal = Some(e);
                return;
            }
            acc = again.acc;
        }
        st.acc = match st.acc.take() {
            None => Some(acc),
            Some(prev) => match (self.merge)(prev, acc) {
                Ok(merged) => Some(merged),
                Err(e) => {
                    let kind = ErrorKind::Fold {
                        source: Arc::from(e.into()),
                    };
                    st.fatal = Some(Error::new(kind).in_file(csv.path.as_deref()));
                    return;
                }
            },
        };
        st.records += out.records;
        st.line += out.lines;
        st.end = out.end;
    }

    fn id_text(&self, key: IdKey, text: &str) -> String {
        match key {
            IdKey::Text { start, end } => text[start as usize..end as usize].to_owned(),
            IdKey::Number(n) => self
                .csv
                .shape
                .as_ref()
                .map(|s| s.text(n))
                .unwrap_or_default(),
        }
    }

    fn reject_duplicate(
        &self,
        st: &mut Commit<A>,
        id: String,
        first: Option<u64>,
        record: u64,
        line: u64,
    ) {
        let csv = self.csv;
        let field = csv.plan.id_field;
        let position = Position::record(record, line)
            .column(&csv.headers[field], Some(field))
            .value(id.clone());
        let kind = ErrorKind::DuplicateRespondent {
            id: id.clone(),
            first_record: first.unwrap_or(0),
        };
        st.summary.count_rejection(&kind);
        let error = csv.rejection(kind, position.clone());
        let slot = if csv.opts.policy == Policy::Strict {
            Some(Slot::Fatal)
        } else if st.kept.len() < csv.keep {
            Some(Slot::Kept(st.kept.len()))
        } else {
            None
        };
        self.keep_rejection(st, error);
        if first.is_none()
            && let Some(slot) = slot
        {
            st.unresolved.push(Unresolved { id, position, slot });
        }
    }

    fn keep_rejection(&self, st: &mut Commit<A>, e: Error) {
        if self.csv.opts.policy == Policy::Strict {
            st.fatal = Some(e);
        } else if st.kept.len() < self.csv.keep {
            st.kept.push(e);
        }
    }
}

/// Marks the rows whose numbered id was accepted before them, accepting the ids of accepted
/// rows, in file order. A loop of nothing else: the bitmap is larger than the caches, and a
/// tight loop keeps many of its reads in flight.
fn mark_seen_numbers(ids: &mut IdSet, rows: &mut [RowOut]) {
    for r in rows {
        match &r.kind {
            RowKind::Accepted {
                id: Some(IdKey::Number(n)),
                ..
            } => r.seen = !ids.insert_number(*n),
            RowKind::Rejected(rejected) => {
                if let (_, Some(IdKey::Number(n))) = **rejected {
                    r.seen = ids.contains_number(n);
                }
            }
            RowKind::Accepted { .. } => {}
        }
    }
}

/// Whether the id `key` of a row was accepted before it (and where, when known). With `accept_at`, an id not seen before is accepted (for the row
/// at that record). Numbered ids were looked up by [`mark_seen_numbers`], which set `seen`.
fn earlier<A>(
    st: &mut Commit<A>,
    key: IdKey,
    seen: bool,
    id_text: &str,
    accept_at: Option<u64>,
) -> Option<Seen> {
    match (key, accept_at) {
        (IdKey::Number(_), _) => seen.then_some(Seen::Unrecorded),
        (IdKey::Text { .. }, Some(record)) => {
            st.ids.insert(key, text_of(key, id_text), record).err()
        }
        (IdKey::Text { .. }, None) => st.ids.get(key, text_of(key, id_text)),
    }
}

/// The text of a text id (empty for a numbered one, which the set does not need).
fn text_of(key: IdKey, arena: &str) -> &str {
    match key {
        IdKey::Text { start, end } => &arena[start as usize..end as usize],
        IdKey::Number(_) => "",
    }
}

/// A worker's reusable buffers.
#[derive(Default)]
struct Scratch {
    rec: Record,
    row: RowScratch,
}

/// A 64-bit hash of a row's answers, for the duplicate-answers flag.
fn hash_answers_of(r: &CsvRow<'_>) -> u64 {
    let mut h = DefaultHasher::new();
    for i in 0..r.answer_count() {
        r.answer(i).hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_outcomes_stay_small() {
        // One is kept per accepted row while its chunk waits for the in-order commit (when ids
        // are checked): 32 bytes is about 0.8 MB per 4 MiB chunk of the benchmark's file.
        assert!(
            std::mem::size_of::<RowOut>() <= 32,
            "{}",
            std::mem::size_of::<RowOut>()
        );
    }
}
