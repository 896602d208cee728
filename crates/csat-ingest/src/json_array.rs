//! Splitting a JSON array into its elements as bytes, one at a time, so that an array of any
//! length is read with one element in memory.
//!
//! Only the array's own framing (`[`, `,`, `]`) is parsed here; each element's bytes go to
//! serde_json. Bracket depth is tracked outside strings to find where an element ends, so a
//! malformed element is still delimited and can be rejected on its own.

use std::io::{self, BufRead};

use crate::error::ErrorKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    First,
    Next,
    Done,
}

/// The elements of a JSON array read from `R`.
#[derive(Debug)]
pub(crate) struct ArrayElements<R> {
    rdr: R,
    line: u64,
    column: u64,
    state: State,
}

/// Where an element starts: 1-based line and byte column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Start {
    pub(crate) line: u64,
    pub(crate) column: u64,
}

/// A framing error (fatal) or an I/O error.
#[derive(Debug)]
pub(crate) enum SplitError {
    Io(io::Error),
    Syntax(ErrorKind),
}

impl From<io::Error> for SplitError {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

impl<R: BufRead> ArrayElements<R> {
    pub(crate) fn new(rdr: R) -> Self {
        Self {
            rdr,
            line: 1,
            column: 1,
            state: State::Start,
        }
    }

    fn peek(&mut self) -> io::Result<Option<u8>> {
        loop {
            match self.rdr.fill_buf() {
                Ok(buf) => return Ok(buf.first().copied()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn bump(&mut self, b: u8) {
        self.rdr.consume(1);
        if b == b'\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
    }

    fn skip_whitespace(&mut self) -> io::Result<Option<u8>> {
        while let Some(b) = self.peek()? {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.bump(b);
            } else {
                return Ok(Some(b));
            }
        }
        Ok(None)
    }

    fn syntax(&self, message: &str) -> SplitError {
        SplitError::Syntax(ErrorKind::Parse {
            format: "JSON",
            line: self.line,
            column: self.column,
            message: message.to_owned(),
        })
    }

    /// Copies the next element's bytes into `buf` and returns where it starts; `None` after the
    /// closing `]` (and nothing but white space after it).
    pub(crate) fn next_element(&mut self, buf: &mut Vec<u8>) -> Result<Option<Start>, SplitError> {
        loop {
            match self.state {
                State::Done => return Ok(None),
                State::Start => match self.skip_whitespace()? {
                    Some(b'[') => {
                        self.bump(b'[');
                        self.state = State::First;
                    }
                    Some(_) => return Err(self.syntax("expected `[` at the start of a JSON array")),
                    None => return Err(self.syntax("expected a JSON array, found end of input")),
                },
                State::First => match self.skip_whitespace()? {
                    Some(b']') => self.close()?,
                    Some(_) => return self.element(buf).map(Some),
                    None => return Err(self.syntax("unexpected end of input inside the array")),
                },
                State::Next => match self.skip_whitespace()? {
                    Some(b',') => {
                        self.bump(b',');
                        match self.skip_whitespace()? {
                            Some(b']') => {
                                return Err(self.syntax("expected an array element after `,`"));
                            }
                            Some(_) => return self.element(buf).map(Some),
                            None => {
                                return Err(self.syntax("unexpected end of input inside the array"));
                            }
                        }
                    }
                    Some(b']') => self.close()?,
                    Some(_) => {
                        return Err(self.syntax("expected `,` or `]` after an array element"));
                    }
                    None => return Err(self.syntax("unexpected end of input inside the array")),
                },
            }
        }
    }

    fn close(&mut self) -> Result<(), SplitError> {
        self.bump(b']');
        self.state = State::Done;
        if self.skip_whitespace()?.is_some() {
            return Err(self.syntax("trailing characters after the array"));
        }
        Ok(())
    }

    fn element(&mut self, buf: &mut Vec<u8>) -> Result<Start, SplitError> {
        buf.clear();
        let start = Start {
            line: self.line,
            column: self.column,
        };
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        loop {
            let Some(b) = self.peek()? else {
                return Err(self.syntax("unexpected end of input inside an array element"));
            };
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    // At depth 0 a closing bracket is the array's own, and a comma the next
                    // element's: the element ends before either.
                    b'}' | b']' | b',' if depth == 0 => break,
                    b'}' | b']' => depth -= 1,
                    _ => {}
                }
            }
            self.bump(b);
            buf.push(b);
            if depth == 0 && !in_string && matches!(b, b'}' | b']') {
                break;
            }
        }
        self.state = State::Next;
        Ok(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> (Vec<(String, u64, u64)>, Option<String>) {
        let mut a = ArrayElements::new(text.as_bytes());
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            match a.next_element(&mut buf) {
                Ok(Some(s)) => {
                    out.push((String::from_utf8(buf.clone()).unwrap(), s.line, s.column));
                }
                Ok(None) => return (out, None),
                Err(SplitError::Syntax(k)) => return (out, Some(k.to_string())),
                Err(SplitError::Io(e)) => return (out, Some(e.to_string())),
            }
        }
    }

    #[test]
    fn splits_elements_with_their_lines() {
        let (els, err) =
            split("[\n {\"a\": \"x,}]\\\"\"},\n {\"b\": [1, {\"c\": 2}]}, 3 ,\"s\"\n]\n");
        assert_eq!(err, None);
        assert_eq!(
            els,
            vec![
                ("{\"a\": \"x,}]\\\"\"}".to_owned(), 2, 2),
                ("{\"b\": [1, {\"c\": 2}]}".to_owned(), 3, 2),
                ("3 ".to_owned(), 3, 24),
                // White space before the closing `]` stays with the element; serde_json allows it.
                ("\"s\"\n".to_owned(), 3, 27),
            ]
        );
        assert_eq!(split(" [ ] ").0.len(), 0);
    }

    #[test]
    fn framing_errors_are_positioned() {
        assert_eq!(
            split("{}").1.unwrap(),
            "JSON parse error at line 1, column 1: expected `[` at the start of a JSON array"
        );
        assert_eq!(
            split("[{},]").1.unwrap(),
            "JSON parse error at line 1, column 5: expected an array element after `,`"
        );
        assert_eq!(
            split("[{} {}]").1.unwrap(),
            "JSON parse error at line 1, column 5: expected `,` or `]` after an array element"
        );
        assert_eq!(
            split("[{\"a\": 1").1.unwrap(),
            "JSON parse error at line 1, column 9: unexpected end of input inside an array element"
        );
        assert_eq!(
            split("[]\n[]").1.unwrap(),
            "JSON parse error at line 2, column 1: trailing characters after the array"
        );
        assert!(split("").1.unwrap().contains("found end of input"));
    }
}
