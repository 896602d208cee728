//! Splitting bytes into CSV records and fields exactly as the `csv` crate does with the
//! streaming reader's settings (RFC 4180 quotes, doubled quotes, `\n` terminator, blank lines
//! skipped), so that both readers see the same fields.
//!
//! A record without a quote is split with `memchr`; a record with a quote goes through the
//! state machine of `csv-core`, byte by byte except inside quoted fields.

use memchr::{memchr, memchr_iter};

/// One field: a range of the input, or of the record's unescaped copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Field {
    start: usize,
    end: usize,
    copied: bool,
}

/// The fields of the record last scanned.
#[derive(Debug, Default)]
pub(crate) struct Record {
    pub(crate) fields: Vec<Field>,
    /// The unescaped bytes of a record that had quotes (all its fields are copied here).
    copy: Vec<u8>,
    /// The input range the fields of a record without quotes lie in.
    span: (usize, usize),
    copied: bool,
}

impl Record {
    /// The bytes of field `i` (unescaped).
    pub(crate) fn field<'a>(&'a self, input: &'a [u8], i: usize) -> &'a [u8] {
        let f = self.fields[i];
        if f.copied {
            &self.copy[f.start..f.end]
        } else {
            &input[f.start..f.end]
        }
    }

    /// The record's fields as one text, if all of it is UTF-8: then every field is too (they
    /// are cut at ASCII bytes), and [`field_text`](Self::field_text) slices it without
    /// checking each field again.
    pub(crate) fn text<'a>(&'a self, input: &'a [u8]) -> Option<&'a str> {
        let bytes = if self.copied {
            &self.copy[..]
        } else {
            &input[self.span.0..self.span.1]
        };
        simdutf8::basic::from_utf8(bytes).ok()
    }

    /// Field `i` of the record's [`text`](Self::text).
    pub(crate) fn field_text<'a>(&self, text: &'a str, i: usize) -> Option<&'a str> {
        let f = self.fields[i];
        let offset = if self.copied { 0 } else { self.span.0 };
        text.get(f.start - offset..f.end - offset)
    }

    pub(crate) fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether the record is one field holding exactly `\r`: a blank CRLF line, which the
    /// streaming reader skips.
    pub(crate) fn is_bare_cr(&self, input: &[u8]) -> bool {
        self.fields.len() == 1 && self.field(input, 0) == b"\r"
    }
}

/// What scanning from a record start found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scan {
    /// A record ends at `end` (after its `\n`, or at the end of the input); `newlines` counts
    /// the `\n` bytes it consumed (its terminator and those inside quoted fields).
    Record { end: usize, newlines: u64 },
    /// The input ends inside the record and more input may follow.
    NeedMore,
}

/// Scans the record starting at `pos` (a record start: not a blank line) into `rec`.
/// `at_eof` says whether `input` ends where the file does.
pub(crate) fn scan(
    input: &[u8],
    pos: usize,
    delimiter: u8,
    at_eof: bool,
    rec: &mut Record,
) -> Scan {
    rec.fields.clear();
    let line_end = memchr(b'\n', &input[pos..]).map(|i| pos + i);
    let Some(stop) = line_end.or(at_eof.then_some(input.len())) else {
        return Scan::NeedMore;
    };
    if delimiter != b'"' && delimiter != b'\n' && split_plain(input, pos, stop, delimiter, rec) {
        return Scan::Record {
            end: line_end.map_or(stop, |e| e + 1),
            newlines: u64::from(line_end.is_some()),
        };
    }
    scan_quoted(input, pos, delimiter, at_eof, rec)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The high bit of each byte of `word` that equals `b` (exact, no false positives).
#[inline]
fn bytes_equal(word: u64, b: u8) -> u64 {
    let x = word ^ (ONES * u64::from(b));
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// The first position of byte `b` in `hay`, eight bytes at a time: cheaper than `memchr` on
/// the short runs between delimiters.
#[inline]
pub(crate) fn find_byte(hay: &[u8], b: u8) -> Option<usize> {
    let mut words = hay.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut words {
        let hits = bytes_equal(u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])), b);
        if hits != 0 {
            return Some(base + (hits.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&x| x == b)
        .map(|k| base + k)
}

/// Splits the line `input[pos..stop]` at delimiters eight bytes at a time, unless it has a
/// quote (then returns `false` and the caller takes the quote-aware path).
#[inline]
fn split_plain(input: &[u8], pos: usize, stop: usize, delimiter: u8, rec: &mut Record) -> bool {
    let line = &input[pos..stop];
    let mut start = pos;
    let mut words = line.chunks_exact(8);
    let mut base = pos;
    for chunk in &mut words {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if bytes_equal(word, b'"') != 0 {
            rec.fields.clear();
            return false;
        }
        let mut hits = bytes_equal(word, delimiter);
        while hits != 0 {
            let at = base + (hits.trailing_zeros() / 8) as usize;
            rec.fields.push(Field {
                start,
                end: at,
                copied: false,
            });
            start = at + 1;
            hits &= hits - 1;
        }
        base += 8;
    }
    for (k, &b) in words.remainder().iter().enumerate() {
        if b == b'"' {
            rec.fields.clear();
            return false;
        }
        if b == delimiter {
            rec.fields.push(Field {
                start,
                end: base + k,
                copied: false,
            });
            start = base + k + 1;
        }
    }
    rec.fields.push(Field {
        start,
        end: stop,
        copied: false,
    });
    rec.span = (pos, stop);
    rec.copied = false;
    true
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    StartField,
    InField,
    InQuoted,
    AfterQuote,
}

/// csv-core's automaton (quoting on, doubled quotes, no escape character, no comments,
/// terminator `\n`), every field copied (unescaped) into `rec.copy`.
fn scan_quoted(input: &[u8], pos: usize, delimiter: u8, at_eof: bool, rec: &mut Record) -> Scan {
    rec.fields.clear();
    rec.copy.clear();
    rec.copied = true;
    let mut state = State::StartField;
    let mut start = 0;
    let mut newlines = 0u64;
    let mut i = pos;
    loop {
        if i == input.len() {
            if !at_eof {
                return Scan::NeedMore;
            }
            rec.fields.push(Field {
                start,
                end: rec.copy.len(),
                copied: true,
            });
            return Scan::Record { end: i, newlines };
        }
        let b = input[i];
        match state {
            State::StartField if b == b'"' => state = State::InQuoted,
            State::AfterQuote if b == b'"' => {
                rec.copy.push(b'"');
                state = State::InQuoted;
            }
            State::StartField | State::InField | State::AfterQuote if b == delimiter => {
                rec.fields.push(Field {
                    start,
                    end: rec.copy.len(),
                    copied: true,
                });
                start = rec.copy.len();
                state = State::StartField;
            }
            State::StartField | State::InField | State::AfterQuote if b == b'\n' => {
                rec.fields.push(Field {
                    start,
                    end: rec.copy.len(),
                    copied: true,
                });
                return Scan::Record {
                    end: i + 1,
                    newlines: newlines + 1,
                };
            }
            State::StartField | State::InField => {
                rec.copy.push(b);
                state = State::InField;
            }
            State::AfterQuote => {
                // `"ab"c`: csv-core reads on as an unquoted field.
                rec.copy.push(b);
                state = State::InField;
            }
            State::InQuoted => {
                // Copy up to the next quote in one go.
                let rest = &input[i..];
                let run = memchr(b'"', rest).unwrap_or(rest.len());
                let chunk = &rest[..run];
                newlines += memchr_iter(b'\n', chunk).count() as u64;
                rec.copy.extend_from_slice(chunk);
                i += run;
                if i < input.len() {
                    state = State::AfterQuote;
                    i += 1;
                }
                continue;
            }
        }
        i += 1;
    }
}

/// Skips blank lines (`\n` only) from `pos`; returns the new position and how many were
/// skipped.
pub(crate) fn skip_blank_lines(input: &[u8], mut pos: usize) -> (usize, u64) {
    let from = pos;
    while pos < input.len() && input[pos] == b'\n' {
        pos += 1;
    }
    (pos, (pos - from) as u64)
}

/// The first position after a `\n` at or after `from`, if any.
pub(crate) fn next_line_start(input: &[u8], from: usize) -> Option<usize> {
    memchr(b'\n', &input[from..]).map(|i| from + i + 1)
}

/// Whether `input` has a delimiter or a quote: used by tests to pick interesting inputs.
#[cfg(test)]
pub(crate) fn has_special(input: &[u8], delimiter: u8) -> bool {
    memchr::memchr2_iter(delimiter, b'"', input)
        .next()
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(input: &[u8], at_eof: bool) -> (Vec<Vec<u8>>, Scan) {
        let mut rec = Record::default();
        let scan = scan(input, 0, b',', at_eof, &mut rec);
        let f = (0..rec.len())
            .map(|i| rec.field(input, i).to_vec())
            .collect();
        (f, scan)
    }

    fn csv_crate(input: &[u8]) -> Vec<Vec<u8>> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(input);
        let mut rec = csv::ByteRecord::new();
        assert!(r.read_byte_record(&mut rec).unwrap());
        rec.iter().map(<[u8]>::to_vec).collect()
    }

    #[test]
    fn agrees_with_the_csv_crate_on_awkward_records() {
        // Each input is one record; the expected fields are whatever csv itself makes of it.
        for input in [
            &b"a,b,c\n"[..],
            b"a,,\n",
            b",\n",
            b"a,b",
            b"a,b,",
            b"\"x,y\",z\n",
            b"\"he said \"\"hi\"\"\",2\n",
            b"\"multi\nline\",3\n",
            b"\"ab\"cd,e\n",
            b"ab\"cd,e\n",
            b"\"unterminated, still\n going",
            b"\"\"\n",
            b"\"\",\"\"\n",
            b"a\r\n",
            b"\"a\"\r\n",
            "银行,\"东区，\"\"一\"\"\",5\n".as_bytes(),
        ] {
            let (ours, scan) = fields(input, true);
            assert_eq!(
                ours,
                csv_crate(input),
                "{:?}",
                String::from_utf8_lossy(input)
            );
            let newlines = memchr_iter(b'\n', input).count() as u64;
            let Scan::Record { end, newlines: n } = scan else {
                panic!("complete input")
            };
            assert_eq!((end, n), (input.len(), newlines), "{input:?}");
        }
    }

    #[test]
    fn needs_more_input_inside_a_record_only_before_the_end_of_the_file() {
        assert_eq!(fields(b"a,b", false).1, Scan::NeedMore);
        assert_eq!(fields(b"\"a\nb", false).1, Scan::NeedMore);
        assert_eq!(
            fields(b"\"a\nb\"\n", false).1,
            Scan::Record {
                end: 6,
                newlines: 2
            }
        );
        assert!(has_special(b"a,b", b','));
        assert_eq!(skip_blank_lines(b"\n\nx", 0), (2, 2));
        assert_eq!(next_line_start(b"ab\ncd", 0), Some(3));
        assert_eq!(next_line_start(b"abcd", 1), None);
    }
}
