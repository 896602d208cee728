//! Checking a CSV header against the definition, shared by the streaming and the parallel
//! readers so that both accept the same headers and report the same errors.

use std::path::Path;

use csat_model::SurveyDefinition;

use crate::columns::{Presence, Target};
use crate::error::{Error, ErrorKind, Position};
use crate::rows::Rows;

/// The header's trimmed column names and what each column feeds (`None`: ignored), from the
/// raw header fields; `line` is the line the header starts on.
pub(crate) fn check_header<'f>(
    def: &SurveyDefinition,
    rows: &Rows<'_>,
    fields: impl Iterator<Item = &'f [u8]>,
    line: u64,
    path: Option<&Path>,
) -> Result<(Vec<String>, Vec<Option<Target>>), Error> {
    let in_file = |e: Error| e.in_file(path);
    let at = |kind: ErrorKind, name: &str, index: Option<usize>| {
        in_file(Error::at(
            kind,
            Position::record(0, line).column(name, index),
        ))
    };

    let mut headers = Vec::new();
    for (i, field) in fields.enumerate() {
        let text = std::str::from_utf8(field).map_err(|_| {
            let lossy = String::from_utf8_lossy(field);
            at(ErrorKind::InvalidUtf8, lossy.trim(), Some(i))
        })?;
        // csv strips a BOM, unless the input arrived in pieces shorter than the BOM.
        let text = if i == 0 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        headers.push(text.trim().to_owned());
    }

    let columns = rows.columns();
    let mut presence = Presence::new(columns);
    let mut layout = Vec::with_capacity(headers.len());
    for (i, name) in headers.iter().enumerate() {
        match columns.get(name) {
            Some(target) => {
                if !presence.mark(columns, name) {
                    let first_index = headers.iter().position(|h| h == name).unwrap_or(i);
                    let kind = ErrorKind::DuplicateColumn {
                        column: name.clone(),
                        first_index,
                    };
                    return Err(at(kind, name, Some(i)));
                }
                layout.push(Some(target));
            }
            None if rows.opts().ignores(name) => layout.push(None),
            None => {
                let kind = ErrorKind::UnknownColumn {
                    column: name.clone(),
                };
                return Err(at(kind, name, Some(i)));
            }
        }
    }
    let mut choice_layouts = Vec::new();
    presence
        .check(
            def,
            columns,
            rows.opts().allow_missing_columns,
            &mut choice_layouts,
        )
        .map_err(|(kind, name)| {
            let index = headers.iter().position(|h| *h == name);
            at(kind, &name, index)
        })?;
    Ok((headers, layout))
}
