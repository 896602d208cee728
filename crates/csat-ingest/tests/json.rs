//! JSON array and JSON lines reading on the fixture files in tests/data/.
//!
//! responses.json and responses.jsonl hold the records of good.csv; expected positions are
//! read off the fixture files by hand (`cat -n`).

mod common;

use std::fs::File;

use csat_ingest::{ErrorKind, JsonReader, ReadOptions, read_csv_path, read_json, read_json_lines};
use csat_model::Answer;

use common::{HEADER, Pos, data, pos, survey};

#[test]
fn json_array_reads_the_same_responses_as_the_csv() {
    let def = survey();
    let csv = read_csv_path(&def, data("good.csv"), ReadOptions::default()).unwrap();
    let json = read_json(
        &def,
        File::open(data("responses.json")).unwrap(),
        ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(json.responses, csv.responses);
    assert_eq!(
        json.summary.to_string(),
        "6 rows read: 6 accepted, 0 rejected"
    );
    // R003 is pretty-printed over lines 4-16, so R004..R006 start on lines 17-19.
    let lines: Vec<(u64, u64)> = json.flags.iter().map(|f| (f.record, f.line)).collect();
    assert_eq!(lines, [(1, 2), (2, 3), (3, 4), (4, 17), (5, 18), (6, 19)]);
    assert_eq!(
        (
            json.summary.blank_rows,
            json.summary.straight_liners,
            json.summary.duplicate_answers
        ),
        (1, 2, 1)
    );
}

#[test]
fn json_lines_read_the_same_responses_and_skip_blank_lines() {
    let def = survey();
    let csv = read_csv_path(&def, data("good.csv"), ReadOptions::default()).unwrap();
    let file = File::open(data("responses.jsonl")).unwrap();
    let lines = read_json_lines(&def, file, ReadOptions::default()).unwrap();
    assert_eq!(lines.responses, csv.responses);
    // A blank line follows the third object.
    let at: Vec<(u64, u64)> = lines.flags.iter().map(|f| (f.record, f.line)).collect();
    assert_eq!(at, [(1, 1), (2, 2), (3, 3), (4, 5), (5, 6), (6, 7)]);

    // from_path picks the format by extension.
    let n = JsonReader::from_path(&def, data("responses.jsonl"), ReadOptions::default())
        .unwrap()
        .flatten()
        .count();
    let m = JsonReader::from_path(&def, data("responses.json"), ReadOptions::default())
        .unwrap()
        .flatten()
        .count();
    assert_eq!((n, m), (6, 6));
}

#[test]
fn json_lines_errors_name_record_line_and_key() {
    let def = survey();
    let file = File::open(data("bad.jsonl")).unwrap();
    let got = read_json_lines(&def, file, ReadOptions::lenient()).unwrap();
    let ids: Vec<&str> = got
        .responses
        .iter()
        .map(csat_model::Response::respondent_id)
        .collect();
    assert_eq!(ids, ["J01", "J11"]);
    // J11: 满意 = 5, "10" as a string, a separated string for the multiple choice.
    assert_eq!(got.responses[1].answer(0), Some(&Answer::Level(5)));
    assert_eq!(got.responses[1].answer(3), Some(&Answer::Recommend(10)));
    assert_eq!(
        got.responses[1].answer(5),
        Some(&Answer::Choices(vec![0, 2]))
    );

    let unknown =
        "unknown column (not a question, attribute or respondent id column of the survey)";
    let expected: Vec<(Pos<'_>, String)> = vec![
        (
            (2, 3, Some("q01"), None, Some("9")),
            r#"record 2 (line 3), column "q01": 9 is outside the scale 1..5"#.into(),
        ),
        (
            (3, 4, None, None, None),
            "record 3 (line 4): expected an object, found an array".into(),
        ),
        (
            (4, 5, Some("extra"), None, None),
            format!(r#"record 4 (line 5), column "extra": {unknown}"#),
        ),
        (
            (5, 6, Some("wishes"), None, None),
            r#"record 5 (line 6), column "wishes": missing column, required by question "wishes""#
                .into(),
        ),
        (
            (6, 7, Some("q01"), None, Some("[5]")),
            r#"record 6 (line 7), column "q01": expected a string, a number or null, found an array"#
                .into(),
        ),
        (
            (7, 8, Some("cloud"), None, Some(r#"["public","edge"]"#)),
            r#"record 7 (line 8), column "cloud": "edge" is neither an option id nor an option label"#
                .into(),
        ),
        (
            // Line 9 is `{"respondent_id": "J08", "q01": 5,` (34 bytes): input ends after
            // column 34 (the message is serde_json's).
            (8, 9, None, None, None),
            "record 8 (line 9): JSON parse error at line 9, column 34: EOF while parsing a value"
                .into(),
        ),
        (
            (9, 10, Some("respondent_id"), None, None),
            r#"record 9 (line 10), column "respondent_id": missing respondent id"#.into(),
        ),
        (
            (10, 11, Some("respondent_id"), None, Some("J01")),
            r#"record 10 (line 11), column "respondent_id": duplicate respondent id "J01" (first seen at record 1)"#
                .into(),
        ),
    ];
    assert_eq!(got.rejections.len(), expected.len());
    for (e, (position, message)) in got.rejections.iter().zip(&expected) {
        assert_eq!(pos(e), *position, "{e}");
        assert_eq!(e.to_string(), *message);
    }
    assert_eq!(
        got.summary.to_string(),
        "11 rows read: 2 accepted, 9 rejected"
    );
    assert!(got.summary.is_consistent());
}

#[test]
fn json_array_errors_name_record_and_the_line_the_element_starts_on() {
    let def = survey();
    let got = read_json(
        &def,
        File::open(data("bad.json")).unwrap(),
        ReadOptions::lenient(),
    )
    .unwrap();
    let ids: Vec<&str> = got
        .responses
        .iter()
        .map(csat_model::Response::respondent_id)
        .collect();
    assert_eq!(ids, ["A01", "A05"]);
    // An empty array for a multiple choice is not answered.
    assert_eq!(got.responses[1].answer(5), None);
    let messages: Vec<String> = got.rejections.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            // A02 starts on line 3; its q02 is on line 9 but the record's line is its start.
            r#"record 2 (line 3), column "q02": "很满意" is neither a level value nor a level label of the scale"#,
            // Line 18 is `  {"respondent_id": "A03", "q01": 5 "q02": 4},`: the element starts
            // at column 3, and the `"` of "q02" is its 35th byte, so column 37.
            "record 3 (line 18): JSON parse error at line 18, column 37: expected `,` or `}`",
            "record 4 (line 19): expected an object, found a string",
        ]
    );
    assert_eq!(
        pos(&got.rejections[0]),
        (2, 3, Some("q02"), None, Some("很满意"))
    );
    assert_eq!(
        got.summary.to_string(),
        "5 rows read: 2 accepted, 3 rejected"
    );
}

#[test]
fn strict_json_stops_at_the_first_bad_object() {
    let def = survey();
    let e = read_json(
        &def,
        File::open(data("bad.json")).unwrap(),
        ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(pos(&e), (2, 3, Some("q02"), None, Some("很满意")));
    let mut reader = JsonReader::lines(
        &def,
        File::open(data("bad.jsonl")).unwrap(),
        ReadOptions::default(),
    )
    .unwrap();
    assert!(reader.next().unwrap().is_ok());
    assert!(reader.next().unwrap().is_err());
    assert!(reader.next().is_none());
    assert_eq!(
        reader.summary().to_string(),
        "2 rows read: 1 accepted, 1 rejected"
    );
}

#[test]
fn broken_array_framing_ends_reading() {
    let def = survey();
    let e = read_json(
        &def,
        &b"{\"respondent_id\": \"X\"}"[..],
        ReadOptions::lenient(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "JSON parse error at line 1, column 1: expected `[` at the start of a JSON array"
    );
    assert!(!e.is_rejection());

    let text = "[\n{\"respondent_id\": \"X\"}\n{\"respondent_id\": \"Y\"}]";
    let mut reader = JsonReader::array(
        &def,
        text.as_bytes(),
        ReadOptions::lenient().allow_missing_columns(true),
    )
    .unwrap();
    assert_eq!(reader.next().unwrap().unwrap().respondent_id(), "X");
    let e = reader.next().unwrap().unwrap_err();
    assert_eq!(
        e.to_string(),
        "JSON parse error at line 3, column 1: expected `,` or `]` after an array element"
    );
    assert!(reader.next().is_none());
    assert_eq!(
        reader.summary().to_string(),
        "1 rows read: 1 accepted, 0 rejected"
    );
}

#[test]
fn option_keys_take_booleans_and_numbers() {
    let def = survey();
    let text = r#"{"respondent_id": "O1", "cloud:public": true, "cloud:private": 0, "cloud:hybrid": 1, "cloud:none": false}
{"respondent_id": "O2", "cloud:public": false, "cloud:private": null, "cloud:hybrid": 0, "cloud:none": 0}
{"respondent_id": "O3", "cloud:public": "yes", "cloud:private": 0, "cloud:hybrid": 0, "cloud:none": 0}
{"respondent_id": 4, "cloud": ["public", null, "私有云"], "cloud:none": 1}
"#;
    let opts = ReadOptions::lenient().allow_missing_columns(true);
    let got = read_json_lines(&def, text.as_bytes(), opts).unwrap();
    assert_eq!(
        got.responses[0].answer(5),
        Some(&Answer::Choices(vec![0, 2]))
    );
    assert_eq!(got.responses[1].answer(5), None);
    assert_eq!(
        got.rejections[0].to_string(),
        r#"record 3 (line 3), column "cloud:public": "yes" is not 0 or 1"#
    );
    assert!(matches!(
        got.rejections[1].kind(),
        ErrorKind::MixedChoiceColumns { question } if question == "cloud"
    ));
    assert_eq!(
        got.summary.to_string(),
        "4 rows read: 2 accepted, 2 rejected"
    );
}

#[test]
fn json_lines_with_invalid_utf8_reject_the_line() {
    let def = survey();
    let mut bytes = b"{\"respondent_id\": \"U1\", \"wishes\": \"".to_vec();
    bytes.push(0xfe);
    bytes.extend_from_slice(b"\"}\n{\"respondent_id\": \"U2\"}\n");
    let opts = ReadOptions::lenient().allow_missing_columns(true);
    let got = read_json_lines(&def, &bytes[..], opts).unwrap();
    assert_eq!(got.responses[0].respondent_id(), "U2");
    assert_eq!(
        got.rejections[0].to_string(),
        "record 1 (line 1): invalid UTF-8"
    );
    // The same survey's CSV header, as keys, is what JSON objects use.
    assert_eq!(
        HEADER.split(',').count(),
        def.questions().len() + def.attributes().len() + 1
    );
}
