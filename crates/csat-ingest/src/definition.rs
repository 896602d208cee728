//! Reading survey definitions and wave descriptions from TOML and JSON files.

use std::path::Path;

use csat_model::{SurveyDefinition, WaveInfo};
use serde::de::DeserializeOwned;

use crate::error::{Error, ErrorKind};

/// Reads a survey definition from a `.toml` or `.json` file (chosen by extension).
///
/// Errors name the path; parse errors also give the line and column.
pub fn read_definition(path: impl AsRef<Path>) -> Result<SurveyDefinition, Error> {
    let path = path.as_ref();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let parse = match extension.as_str() {
        "toml" => parse_definition_toml,
        "json" => parse_definition_json,
        _ => {
            return Err(Error::new(ErrorKind::UnsupportedFormat { extension }).in_file(Some(path)));
        }
    };
    let text = read_text(path)?;
    parse(&text).map_err(|e| e.in_file(Some(path)))
}

/// Parses a survey definition from TOML text.
pub fn parse_definition_toml(text: &str) -> Result<SurveyDefinition, Error> {
    from_toml(text)
}

/// Parses a survey definition from JSON text.
pub fn parse_definition_json(text: &str) -> Result<SurveyDefinition, Error> {
    serde_json::from_str(text).map_err(|e| json_parse_error(&e))
}

/// Reads a wave description (`wave.toml`: id, survey_id, period {start, end}, sent, returned).
pub fn read_wave_info(path: impl AsRef<Path>) -> Result<WaveInfo, Error> {
    let path = path.as_ref();
    let text = read_text(path)?;
    parse_wave_info_toml(&text).map_err(|e| e.in_file(Some(path)))
}

/// Parses a wave description from TOML text.
pub fn parse_wave_info_toml(text: &str) -> Result<WaveInfo, Error> {
    from_toml(text)
}

pub(crate) fn read_text(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::InvalidData {
            Error::new(ErrorKind::InvalidUtf8).in_file(Some(path))
        } else {
            Error::io(e).in_file(Some(path))
        }
    })
}

fn from_toml<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map_or((1, 1), |span| line_and_column(text, span.start));
        Error::new(ErrorKind::Parse {
            format: "TOML",
            line,
            column,
            message: e.message().trim_end().to_owned(),
        })
    })
}

/// Converts a serde_json error, dropping the " at line L column C" suffix that the kind's own
/// message already gives.
pub(crate) fn json_parse_error(e: &serde_json::Error) -> Error {
    Error::new(json_parse_kind(e, 0, 0))
}

/// The kind for a serde_json error in a text that starts at `line_offset` lines and (on its
/// first line) `column_offset` bytes into the file.
pub(crate) fn json_parse_kind(
    e: &serde_json::Error,
    line_offset: u64,
    column_offset: u64,
) -> ErrorKind {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
    let line = e.line().max(1) as u64;
    let column = e.column().max(1) as u64;
    ErrorKind::Parse {
        format: "JSON",
        line: line + line_offset,
        column: if line == 1 {
            column + column_offset
        } else {
            column
        },
        message,
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (u64, u64) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() as u64 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() as u64 + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = r#"
id = "s"
title = "客户满意度调查"

[[questions]]
id = "q01"
label = "态度"
kind = "rated"
"#;

    #[test]
    fn parses_toml_and_json() {
        let d = parse_definition_toml(TOML).unwrap();
        assert_eq!(d.questions().len(), 1);
        let j = parse_definition_json(
            r#"{"id":"s","title":"t","questions":[{"id":"q01","label":"a","kind":"rated"}]}"#,
        )
        .unwrap();
        assert_eq!(j.question_index("q01"), Some(0));
    }

    #[test]
    fn toml_errors_give_line_and_column() {
        // `kind = rated` (no quotes) is on line 8 of this text; the value starts at column 8.
        let bad = TOML.replace("kind = \"rated\"", "kind = rated");
        let e = parse_definition_toml(&bad).unwrap_err();
        match e.kind() {
            ErrorKind::Parse {
                format,
                line,
                column,
                ..
            } => assert_eq!((*format, *line, *column), ("TOML", 8, 8)),
            k => panic!("unexpected kind {k:?}"),
        }
        assert!(
            e.to_string()
                .starts_with("TOML parse error at line 8, column 8: ")
        );
    }

    #[test]
    fn json_errors_give_line_and_column() {
        // The stray `x` is on line 2, column 11.
        let e = parse_definition_json("{\"id\": \"s\",\n \"title\": x}").unwrap_err();
        assert_eq!(
            e.to_string(),
            "JSON parse error at line 2, column 11: expected value"
        );
    }

    #[test]
    fn model_validation_errors_surface() {
        let bad = format!("{TOML}\n[[questions]]\nid = \"q01\"\nlabel = \"x\"\nkind = \"rated\"\n");
        let e = parse_definition_toml(&bad).unwrap_err();
        assert!(
            e.to_string().contains("duplicate question id \"q01\""),
            "{e}"
        );
    }

    #[test]
    fn unsupported_extension_and_missing_file_name_the_path() {
        let e = read_definition("survey.yaml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "survey.yaml: unsupported definition file extension \"yaml\", expected .toml or .json"
        );
        let e = read_definition("/nonexistent/survey.toml").unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Io { .. }));
        assert_eq!(e.path(), Some(Path::new("/nonexistent/survey.toml")));
    }

    #[test]
    fn line_and_column_count_characters() {
        // "ab\n" is 3 bytes and each of 满意 is 3 bytes, so `x` starts at byte 9, column 3.
        assert_eq!(line_and_column("ab\n满意x", 9), (2, 3));
        assert_eq!(line_and_column("abc", 0), (1, 1));
    }
}
