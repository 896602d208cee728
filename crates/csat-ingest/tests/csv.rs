//! CSV reading on the fixture files in tests/data/ (see tests/common/mod.rs for the survey).
//!
//! Expected values are read off the fixture files by hand: record numbers count data records
//! from 1, lines count physical lines with the header on line 1.

mod common;

use std::fs::File;
use std::io::{self, Read};

use csat_ingest::{CsvReader, ErrorKind, Policy, ReadOptions, read_csv, read_csv_path};
use csat_model::Answer;

use common::{HEADER, Pos, attrs, choice, choices, data, level, pos, rec, survey, text};

#[test]
fn good_file_reads_labels_numbers_quotes_blanks_and_multiline_fields() {
    let def = survey();
    let got = read_csv_path(&def, data("good.csv"), ReadOptions::default()).unwrap();
    assert_eq!(
        got.summary.to_string(),
        "6 rows read: 6 accepted, 0 rejected"
    );
    assert!(got.summary.is_consistent());
    assert!(got.rejections.is_empty());
    let r = &got.responses;
    assert_eq!(r.len(), 6);

    // R001: labels 满意/较满意 and a number; quoted comma in the company; a separator cell with
    // an id and a label (public = option 0, 混合云 = hybrid = option 2); 订阅制 = option 1.
    assert_eq!(r[0].respondent_id(), "R001");
    assert_eq!(
        r[0].attributes(),
        attrs([
            Some("北京某某科技有限公司, 北京分公司"),
            Some("东区"),
            Some("经理")
        ])
    );
    assert_eq!(
        r[0].answers(),
        &[
            level(5),
            level(4),
            level(5),
            rec(9),
            choice(1),
            choices(&[0, 2]),
            text("希望多举办技术交流")
        ]
    );
    // R002: doubled quotes in a quoted company name; blank open text is not answered.
    assert_eq!(r[1].attribute(0), Some("上海\"星辰\"信息技术有限公司"));
    assert_eq!(
        r[1].answers(),
        &[
            level(4),
            level(4),
            level(4),
            rec(10),
            choice(2),
            choices(&[1]),
            None
        ]
    );
    // R003: cells with surrounding spaces are trimmed; blank multiple choice; a quoted field
    // with a newline and a comma is kept as written.
    assert_eq!(
        r[2].answers(),
        &[
            level(3),
            level(3),
            level(2),
            rec(7),
            choice(0),
            None,
            text("第一行\n第二行, 含逗号")
        ]
    );
    // R004: every cell but the id blank.
    assert_eq!(r[3].attributes(), attrs([None, None, None]));
    assert!(r[3].is_blank());
    // R005: 很不满意 = 1, 不满意 = 2; " 暂未使用 " is option 3; open text trimmed at the ends.
    assert_eq!(
        r[4].answers(),
        &[
            level(1),
            level(2),
            level(1),
            rec(0),
            choice(0),
            choices(&[3]),
            text("前后空格")
        ]
    );
    // R006: quotes inside an unquoted field are kept; "private;" has a trailing separator.
    assert_eq!(r[5].attribute(0), Some("杭州\"西湖\"软件"));
    assert_eq!(r[5].answers(), r[1].answers());

    // Lines: R003's quoted field spans lines 4-5, so R004 starts on line 6.
    let lines: Vec<(u64, u64)> = got.flags.iter().map(|f| (f.record, f.line)).collect();
    assert_eq!(lines, [(1, 2), (2, 3), (3, 4), (4, 6), (5, 7), (6, 8)]);
    // Flags: R002 and R006 answer 4 on all three rated items; R004 is blank; R006 repeats R002.
    assert!(got.flags[1].straight_liner && got.flags[5].straight_liner);
    assert!(got.flags[3].blank);
    assert_eq!(got.flags[5].duplicate_answers_of, Some(2));
    assert!(!got.flags[0].is_flagged() && !got.flags[2].is_flagged() && !got.flags[4].is_flagged());
    let s = &got.summary;
    assert_eq!(
        (s.blank_rows, s.straight_liners, s.duplicate_answers),
        (1, 2, 1)
    );
}

#[test]
fn bom_and_crlf_read_the_same_as_the_plain_file() {
    let def = survey();
    let plain = read_csv_path(&def, data("good.csv"), ReadOptions::default()).unwrap();
    let bom = read_csv_path(&def, data("bom_crlf.csv"), ReadOptions::default()).unwrap();
    assert_eq!(bom.responses, plain.responses);
    assert_eq!(bom.flags, plain.flags);
    assert_eq!(bom.summary, plain.summary);
    let reader = CsvReader::from_path(&def, data("bom_crlf.csv"), ReadOptions::default()).unwrap();
    assert_eq!(reader.headers()[0], "respondent_id");
}

/// The rejections of bad.csv, read off the file by hand: (record, line, column, column index,
/// trimmed value) and message.
fn bad_csv_rejections() -> [(Pos<'static>, &'static str); 12] {
    [
        (
            (2, 4, Some("q01"), Some(4), Some("9")),
            r#"record 2 (line 4), column "q01": 9 is outside the scale 1..5"#,
        ),
        (
            (3, 5, Some("q02"), Some(5), Some("很满意")),
            r#"record 3 (line 5), column "q02": "很满意" is neither a level value nor a level label of the scale"#,
        ),
        (
            (4, 6, Some("q03"), Some(6), Some("4.5")),
            r#"record 4 (line 6), column "q03": "4.5" is not a whole number"#,
        ),
        (
            (5, 7, Some("nps"), Some(7), Some("11")),
            r#"record 5 (line 7), column "nps": 11 is outside the scale 0..10"#,
        ),
        (
            (6, 8, Some("nps"), Some(7), Some("九")),
            r#"record 6 (line 8), column "nps": "九" is not a whole number"#,
        ),
        (
            (7, 9, Some("license"), Some(8), Some("月付")),
            r#"record 7 (line 9), column "license": "月付" is neither an option id nor an option label"#,
        ),
        (
            (8, 10, Some("cloud"), Some(9), Some("public;edge")),
            r#"record 8 (line 10), column "cloud": "edge" is neither an option id nor an option label"#,
        ),
        (
            (9, 11, Some("region"), Some(2), Some("华东")),
            r#"record 9 (line 11), column "region": "华东" is not one of the attribute's declared values"#,
        ),
        (
            (10, 12, None, None, None),
            "record 10 (line 12): expected 11 fields (as in the header), found 9",
        ),
        (
            (11, 13, Some("respondent_id"), Some(0), Some("B01")),
            r#"record 11 (line 13), column "respondent_id": duplicate respondent id "B01" (first seen at record 1)"#,
        ),
        (
            (12, 14, Some("respondent_id"), Some(0), Some("")),
            r#"record 12 (line 14), column "respondent_id": missing respondent id"#,
        ),
        (
            (13, 15, Some("wishes"), Some(10), Some("坏\u{fffd}")),
            r#"record 13 (line 15), column "wishes": invalid UTF-8"#,
        ),
    ]
}

/// Every record-level error of bad.csv, with its position and message.
#[test]
fn lenient_reports_every_bad_record_with_its_position() {
    let def = survey();
    let file = File::open(data("bad.csv")).unwrap();
    let got = read_csv(&def, file, ReadOptions::lenient()).unwrap();

    let accepted: Vec<&str> = got
        .responses
        .iter()
        .map(csat_model::Response::respondent_id)
        .collect();
    assert_eq!(accepted, ["B01", "B14"]);
    // B01's quoted field spans lines 2-3; B14 is record 14 on line 16.
    assert_eq!((got.flags[1].record, got.flags[1].line), (14, 16));

    let expected = bad_csv_rejections();
    assert_eq!(got.rejections.len(), expected.len());
    for (e, (position, message)) in got.rejections.iter().zip(expected) {
        assert_eq!(pos(e), position, "{e}");
        assert_eq!(e.to_string(), message);
        assert!(e.is_rejection());
    }
    let kinds: Vec<&str> = got.rejections.iter().map(|e| e.kind().name()).collect();
    assert_eq!(
        kinds,
        [
            "out_of_scale",
            "unknown_label",
            "malformed_number",
            "out_of_scale",
            "malformed_number",
            "unknown_option",
            "unknown_option",
            "unknown_attribute_value",
            "field_count",
            "duplicate_respondent",
            "missing_respondent_id",
            "invalid_utf8",
        ]
    );
    assert!(matches!(
        got.rejections[9].kind(),
        ErrorKind::DuplicateRespondent { id, first_record: 1 } if id == "B01"
    ));

    let s = &got.summary;
    assert_eq!(s.to_string(), "14 rows read: 2 accepted, 12 rejected");
    assert!(s.is_consistent());
    assert_eq!(s.accepted + s.rejected, s.rows_read);
    assert_eq!(s.duplicate_ids, 1);
    let by_kind: Vec<(&str, u64)> = s
        .rejections_by_kind
        .iter()
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    assert_eq!(
        by_kind,
        [
            ("duplicate_respondent", 1),
            ("field_count", 1),
            ("invalid_utf8", 1),
            ("malformed_number", 2),
            ("missing_respondent_id", 1),
            ("out_of_scale", 2),
            ("unknown_attribute_value", 1),
            ("unknown_label", 1),
            ("unknown_option", 2),
        ]
    );
}

#[test]
fn strict_stops_at_the_first_bad_record_of_the_same_file() {
    let def = survey();
    let mut reader = CsvReader::from_path(&def, data("bad.csv"), ReadOptions::default()).unwrap();
    assert_eq!(reader.next().unwrap().unwrap().respondent_id(), "B01");
    let e = reader.next().unwrap().unwrap_err();
    assert_eq!(pos(&e), (2, 4, Some("q01"), Some(4), Some("9")));
    // Opened by path, so the message names the file.
    assert!(
        e.to_string()
            .ends_with(r#"bad.csv: record 2 (line 4), column "q01": 9 is outside the scale 1..5"#)
    );
    assert!(reader.next().is_none());
    assert!(reader.next().is_none());
    assert_eq!(
        reader.summary().to_string(),
        "2 rows read: 1 accepted, 1 rejected"
    );
    assert!(reader.summary().is_consistent());

    let e = read_csv_path(&def, data("bad.csv"), ReadOptions::default()).unwrap_err();
    assert_eq!(pos(&e), (2, 4, Some("q01"), Some(4), Some("9")));
    assert!(matches!(
        e.kind(),
        ErrorKind::OutOfScale { min: 1, max: 5, .. }
    ));
}

#[test]
fn lenient_iterator_yields_each_rejection_and_goes_on() {
    let def = survey();
    let reader = CsvReader::from_path(&def, data("bad.csv"), ReadOptions::lenient()).unwrap();
    let results: Vec<_> = reader.collect();
    assert_eq!(results.len(), 14);
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 2);
}

fn header_error(csv: &str, opts: ReadOptions) -> csat_ingest::Error {
    let def = survey();
    CsvReader::from_reader(&def, csv.as_bytes(), opts).unwrap_err()
}

#[test]
fn unknown_columns_are_errors_unless_ignored() {
    let csv = format!("{HEADER},q99\nR1,,,,5,5,5,9,,,,x\n");
    let e = header_error(&csv, ReadOptions::default());
    assert_eq!(pos(&e), (0, 1, Some("q99"), Some(11), None));
    assert_eq!(
        e.to_string(),
        r#"header (line 1), column "q99": unknown column (not a question, attribute or respondent id column of the survey)"#
    );
    assert!(!e.is_rejection());

    let def = survey();
    for opts in [
        ReadOptions::default().ignore_column("q99"),
        ReadOptions::default().ignore_unknown_columns(),
    ] {
        let got = read_csv(&def, csv.as_bytes(), opts).unwrap();
        assert_eq!(
            got.responses[0].answers()[..3],
            [level(5), level(5), level(5)]
        );
    }
    let e = header_error(&csv, ReadOptions::default().ignore_column("q98"));
    assert!(matches!(e.kind(), ErrorKind::UnknownColumn { column } if column == "q99"));
}

#[test]
fn missing_columns_are_errors_unless_allowed() {
    let header = HEADER.replace(",q03", "");
    let csv = format!("{header}\nR1,,,,5,4,9,,,\n");
    let e = header_error(&csv, ReadOptions::default());
    assert_eq!(pos(&e), (0, 1, Some("q03"), None, None));
    assert_eq!(
        e.to_string(),
        r#"header (line 1), column "q03": missing column, required by question "q03""#
    );

    let def = survey();
    let got = read_csv(
        &def,
        csv.as_bytes(),
        ReadOptions::default().allow_missing_columns(true),
    )
    .unwrap();
    assert_eq!(
        got.responses[0].answers()[..4],
        [level(5), level(4), None, rec(9)]
    );

    // The respondent id column is required even then.
    let e = header_error(
        "q01\n5\n",
        ReadOptions::default().allow_missing_columns(true),
    );
    assert_eq!(
        e.to_string(),
        r#"header (line 1), column "respondent_id": missing column, required by the respondent id"#
    );
    // An empty input has no header at all.
    let e = header_error("", ReadOptions::default());
    assert!(
        matches!(e.kind(), ErrorKind::MissingColumn { column, .. } if column == "respondent_id")
    );
}

#[test]
fn duplicate_and_mixed_columns_are_errors() {
    let e = header_error(&format!("{HEADER}, q01 \n"), ReadOptions::default());
    assert_eq!(pos(&e), (0, 1, Some("q01"), Some(11), None));
    assert_eq!(
        e.to_string(),
        r#"header (line 1), column "q01": duplicate column (first at field 4)"#
    );
    assert!(matches!(
        e.kind(),
        ErrorKind::DuplicateColumn { first_index: 4, .. }
    ));

    let e = header_error(&format!("{HEADER},cloud:public\n"), ReadOptions::default());
    assert_eq!(pos(&e), (0, 1, Some("cloud"), Some(9), None));
    assert_eq!(
        e.to_string(),
        r#"header (line 1), column "cloud": question "cloud" is given both as one cell and as 0/1 option columns"#
    );
}

#[test]
fn header_names_are_trimmed_and_may_come_in_any_order() {
    let def = survey();
    let csv = "\u{feff} wishes , cloud,license,nps,q03,q02,q01,role,region,company,respondent_id \n\
               好,public,saas,8,3,4,5,员工,东区,甲,R1\n";
    let got = read_csv(&def, csv.as_bytes(), ReadOptions::default()).unwrap();
    assert_eq!(
        got.responses[0].answers(),
        &[
            level(5),
            level(4),
            level(3),
            rec(8),
            choice(2),
            choices(&[0]),
            text("好")
        ]
    );
    assert_eq!(
        got.responses[0].attributes(),
        attrs([Some("甲"), Some("东区"), Some("员工")])
    );
}

#[test]
fn header_with_invalid_utf8_is_an_error() {
    let def = survey();
    let mut bytes = b"respondent_id,q".to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice(b"\nR1,5\n");
    let e = CsvReader::from_reader(&def, &bytes[..], ReadOptions::default()).unwrap_err();
    assert_eq!(pos(&e), (0, 1, Some("q\u{fffd}"), Some(1), None));
    assert_eq!(
        e.to_string(),
        "header (line 1), column \"q\u{fffd}\": invalid UTF-8"
    );
}

#[test]
fn option_flag_columns() {
    let def = survey();
    let file = File::open(data("flags.csv")).unwrap();
    let got = read_csv(&def, file, ReadOptions::lenient()).unwrap();
    // F01: public and hybrid ticked. F02: nothing ticked, so not answered. F03: " 1 " trimmed,
    // a blank private cell is "not ticked", none ticked.
    assert_eq!(
        got.responses[0].answer(5),
        Some(&Answer::Choices(vec![0, 2]))
    );
    assert_eq!(got.responses[1].answer(5), None);
    assert_eq!(
        got.responses[2].answer(5),
        Some(&Answer::Choices(vec![0, 3]))
    );
    // F04: "2" in cloud:private (field 10) on line 5.
    assert_eq!(got.rejections.len(), 1);
    let e = &got.rejections[0];
    assert_eq!(pos(e), (4, 5, Some("cloud:private"), Some(10), Some("2")));
    assert_eq!(
        e.to_string(),
        r#"record 4 (line 5), column "cloud:private": "2" is not 0 or 1"#
    );
    assert_eq!(
        got.summary.to_string(),
        "4 rows read: 3 accepted, 1 rejected"
    );

    // A missing option column names the option.
    let csv = "respondent_id,company,region,role,q01,q02,q03,nps,license,cloud:public,cloud:private,cloud:hybrid,wishes\n";
    let e = header_error(csv, ReadOptions::default());
    assert_eq!(
        e.to_string(),
        r#"header (line 1), column "cloud:none": missing column, required by option "none" of question "cloud""#
    );
    let ok = CsvReader::from_reader(
        &def,
        csv.as_bytes(),
        ReadOptions::default().allow_missing_columns(true),
    );
    assert!(ok.is_ok());
}

#[test]
fn separator_can_be_set() {
    let def = survey();
    let opts = ReadOptions::default().separator('┋');
    let got = read_csv_path(&def, data("separator.csv"), opts).unwrap();
    assert_eq!(
        got.responses[0].answer(5),
        Some(&Answer::Choices(vec![0, 2]))
    );
    assert_eq!(
        got.responses[1].answer(5),
        Some(&Answer::Choices(vec![0, 1, 3]))
    );

    // With the default `;` the whole cell is one unknown item.
    let e = read_csv_path(&def, data("separator.csv"), ReadOptions::default()).unwrap_err();
    assert_eq!(
        pos(&e),
        (1, 2, Some("cloud"), Some(9), Some("public┋混合云"))
    );

    let csv = format!("{HEADER}\nR1,,,,,,,,,private|混合云,\n");
    let got = read_csv(&def, csv.as_bytes(), ReadOptions::default().separator('|')).unwrap();
    assert_eq!(
        got.responses[0].answer(5),
        Some(&Answer::Choices(vec![1, 2]))
    );
}

#[test]
fn other_delimiters() {
    let def = survey();
    let csv = format!("{}\nR1;甲, 乙;东区;;5;;;;;;\n", HEADER.replace(',', ";"));
    let got = read_csv(&def, csv.as_bytes(), ReadOptions::default().delimiter(b';')).unwrap();
    assert_eq!(got.responses[0].attribute(0), Some("甲, 乙"));
}

#[test]
fn duplicate_checks_can_be_switched_off() {
    let def = survey();
    let csv = format!("{HEADER}\nR1,,,,5,4,3,,,,\nR1,,,,5,4,3,,,,\n");
    let got = read_csv(
        &def,
        csv.as_bytes(),
        ReadOptions::default()
            .check_duplicate_ids(false)
            .check_duplicate_answers(false),
    )
    .unwrap();
    assert_eq!(got.responses.len(), 2);
    assert_eq!(got.flags[1].duplicate_answers_of, None);
    assert_eq!(got.summary.duplicate_answers, 0);
}

/// Fails with an I/O error after handing out `ok` bytes.
struct FailAfter {
    data: Vec<u8>,
    at: usize,
}

impl Read for FailAfter {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at >= self.data.len() {
            return Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "link dropped",
            ));
        }
        let n = buf.len().min(self.data.len() - self.at);
        buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[test]
fn io_errors_end_reading_under_both_policies() {
    let def = survey();
    for policy in [Policy::Strict, Policy::Lenient] {
        let data = format!("{HEADER}\nR1,,,,5,4,3,,,,\nR2,,,,5").into_bytes();
        let src = FailAfter { data, at: 0 };
        let mut reader =
            CsvReader::from_reader(&def, src, ReadOptions::default().policy(policy)).unwrap();
        assert_eq!(reader.next().unwrap().unwrap().respondent_id(), "R1");
        let e = reader.next().unwrap().unwrap_err();
        assert_eq!(e.to_string(), "I/O error: link dropped");
        assert!(!e.is_rejection() && e.position().is_none());
        assert!(reader.next().is_none());
        assert_eq!(
            reader.summary().to_string(),
            "1 rows read: 1 accepted, 0 rejected"
        );

        let src = FailAfter {
            data: format!("{HEADER}\nR1,,,,5,4,3,,,,\n").into_bytes(),
            at: 0,
        };
        let e = read_csv(&def, src, ReadOptions::default().policy(policy)).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Io { .. }));
    }
}

#[test]
fn a_missing_file_names_its_path() {
    let def = survey();
    let e = read_csv_path(&def, data("nope.csv"), ReadOptions::default()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io { .. }));
    assert!(e.path().unwrap().ends_with("tests/data/nope.csv"));
}

#[test]
fn flagged_lists_flagged_respondents() {
    let def = survey();
    let mut reader = CsvReader::from_path(&def, data("good.csv"), ReadOptions::default()).unwrap();
    let flagged: Vec<(String, bool, bool, Option<u64>)> = reader
        .flagged()
        .map(Result::unwrap)
        .filter(|(_, f)| f.is_flagged())
        .map(|(r, f)| {
            (
                r.respondent_id().to_owned(),
                f.blank,
                f.straight_liner,
                f.duplicate_answers_of,
            )
        })
        .collect();
    assert_eq!(
        flagged,
        [
            ("R002".to_owned(), false, true, None),
            ("R004".to_owned(), true, false, None),
            ("R006".to_owned(), false, true, Some(2)),
        ]
    );
    assert_eq!(reader.summary().rows_read, 6);
}

#[test]
fn crlf_quoted_newlines_and_blank_lines_keep_lines_right() {
    let def = survey();
    // Line 1 header, lines 2-3 R1 (a quoted CRLF inside), line 4 blank, line 5 R2, line 6
    // blank (LF only), line 7 R3.
    let csv = format!(
        "{HEADER}\r\nR1,,,,5,4,3,,,,\"a\r\nb\"\r\n\r\nR2,,,,9,4,3,,,,\r\n\nR3,,,,1,1,1,,,,\r\n"
    );
    let got = read_csv(&def, csv.as_bytes(), ReadOptions::lenient()).unwrap();
    assert_eq!(
        got.responses[0].answer(6),
        Some(&Answer::Text("a\r\nb".into()))
    );
    assert_eq!((got.flags[0].record, got.flags[0].line), (1, 2));
    assert_eq!((got.flags[1].record, got.flags[1].line), (3, 7));
    assert_eq!(
        pos(&got.rejections[0]),
        (2, 5, Some("q01"), Some(4), Some("9"))
    );
    assert_eq!(
        got.summary.to_string(),
        "3 rows read: 2 accepted, 1 rejected"
    );
}

#[test]
fn blank_lines_and_a_missing_final_line_end_keep_lines_right() {
    let def = survey();
    // Line 1 blank, header on line 2, line 3 blank, R1 on line 4, lines 5-6 blank, R2 on
    // line 7 with no line end after it.
    let csv = format!("\n{HEADER}\n\nR1,,,,5,4,3,,,,\n\n\nR2,,,,9,4,3,,,,");
    let got = read_csv(&def, csv.as_bytes(), ReadOptions::lenient()).unwrap();
    assert_eq!((got.flags[0].record, got.flags[0].line), (1, 4));
    assert_eq!(
        pos(&got.rejections[0]),
        (2, 7, Some("q01"), Some(4), Some("9"))
    );

    let csv = format!("\n{HEADER},q99\n");
    let e = CsvReader::from_reader(&def, csv.as_bytes(), ReadOptions::default()).unwrap_err();
    assert_eq!(pos(&e), (0, 2, Some("q99"), Some(11), None));
    // A header without a line end, and no records.
    let got = read_csv(&def, HEADER.as_bytes(), ReadOptions::default()).unwrap();
    assert_eq!(
        got.summary.to_string(),
        "0 rows read: 0 accepted, 0 rejected"
    );
}
