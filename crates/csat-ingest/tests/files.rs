//! Definition files, wave files and wave directories.

mod common;

use std::fs;
use std::path::PathBuf;

use csat_ingest::{ErrorKind, Policy, ReadOptions, load_wave_dir, read_definition, read_wave_info};

use common::{data, survey};

/// A fresh directory under Cargo's scratch space for integration tests.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("csat-ingest")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn wave_dir(name: &str, responses: &str) -> PathBuf {
    let dir = scratch(name);
    fs::copy(data("survey.toml"), dir.join("survey.toml")).unwrap();
    fs::copy(data("wave.toml"), dir.join("wave.toml")).unwrap();
    fs::copy(data(responses), dir.join("responses.csv")).unwrap();
    dir
}

#[test]
fn loads_a_wave_directory() {
    let dir = wave_dir("good", "good.csv");
    let loaded = load_wave_dir(&dir, ReadOptions::default()).unwrap();
    assert_eq!(loaded.definition.id(), "fixture");
    // wave.toml: id 2021, sent 20; good.csv holds six responses.
    assert_eq!(loaded.wave.info().id(), "2021");
    assert_eq!(loaded.wave.info().sent(), Some(20));
    assert_eq!(loaded.wave.responses().len(), 6);
    assert_eq!(loaded.wave.returned(), 6);
    assert_eq!(loaded.flags.len(), 6);
    assert_eq!(
        loaded.summary.to_string(),
        "6 rows read: 6 accepted, 0 rejected"
    );
    assert!(loaded.rejections.is_empty());
}

#[test]
fn a_lenient_wave_keeps_its_rejections() {
    let dir = wave_dir("bad", "bad.csv");
    let loaded = load_wave_dir(&dir, ReadOptions::default().policy(Policy::Lenient)).unwrap();
    assert_eq!(loaded.wave.responses().len(), 2);
    assert_eq!(loaded.rejections.len(), 12);
    let first = loaded.rejections[0].to_string();
    assert!(
        first.ends_with(
            r#"responses.csv: record 2 (line 4), column "q01": 9 is outside the scale 1..5"#
        ),
        "{first}"
    );
    let e = load_wave_dir(&dir, ReadOptions::default()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::OutOfScale { .. }));
}

#[test]
fn a_wave_of_another_survey_is_a_definition_error() {
    let dir = wave_dir("other-survey", "good.csv");
    fs::write(
        dir.join("wave.toml"),
        "id = \"2021\"\nsurvey_id = \"other\"\nperiod = { start = \"2021-11-01\", end = \"2021-12-15\" }\n",
    )
    .unwrap();
    let e = load_wave_dir(&dir, ReadOptions::default()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Definition(_)));
    assert!(e.path().unwrap().ends_with("wave.toml"));
    assert!(
        e.to_string()
            .ends_with(r#"wave.toml: wave "2021": belongs to survey "other", not "fixture""#),
        "{e}"
    );
}

#[test]
fn duplicate_ids_unchecked_still_fail_the_wave() {
    let dir = scratch("dup-unchecked");
    fs::copy(data("survey.toml"), dir.join("survey.toml")).unwrap();
    fs::copy(data("wave.toml"), dir.join("wave.toml")).unwrap();
    fs::write(
        dir.join("responses.csv"),
        format!("{}\nR1,,,,5,,,,,,\nR1,,,,4,,,,,,\n", common::HEADER),
    )
    .unwrap();
    let e = load_wave_dir(&dir, ReadOptions::default().check_duplicate_ids(false)).unwrap_err();
    assert!(e.path().unwrap().ends_with("responses.csv"));
    assert!(
        e.to_string().ends_with("duplicate respondent id \"R1\""),
        "{e}"
    );
}

#[test]
fn missing_files_name_their_path() {
    let dir = scratch("empty");
    let e = load_wave_dir(&dir, ReadOptions::default()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io { .. }));
    assert!(e.path().unwrap().ends_with("survey.toml"));
}

#[test]
fn definitions_read_from_toml_and_json_alike() {
    let toml = survey();
    let dir = scratch("json-definition");
    let json_path = dir.join("survey.json");
    fs::write(&json_path, serde_json::to_string_pretty(&toml).unwrap()).unwrap();
    assert_eq!(read_definition(&json_path).unwrap(), toml);
    let upper = dir.join("SURVEY.JSON");
    fs::copy(&json_path, &upper).unwrap();
    assert_eq!(read_definition(&upper).unwrap(), toml);
}

#[test]
fn definition_parse_errors_name_path_line_and_column() {
    let dir = scratch("bad-definition");
    let path = dir.join("survey.toml");
    // Line 3 lacks the closing quote of the title, which starts at column 9.
    fs::write(&path, "id = \"s\"\n\ntitle = \"unterminated\n").unwrap();
    let e = read_definition(&path).unwrap_err();
    assert_eq!(e.path(), Some(path.as_path()));
    match e.kind() {
        ErrorKind::Parse { format, line, .. } => assert_eq!((*format, *line), ("TOML", 3)),
        k => panic!("unexpected kind {k:?}"),
    }
    assert!(e.to_string().starts_with(&format!(
        "{}: TOML parse error at line 3, column ",
        path.display()
    )));

    let path = dir.join("survey.json");
    fs::write(&path, "{\n  \"id\": \"s\",\n  \"title\": 7\n}\n").unwrap();
    let e = read_definition(&path).unwrap_err();
    // `7` is on line 3 at column 12; serde_json points just past it.
    match e.kind() {
        ErrorKind::Parse {
            format,
            line,
            column,
            ..
        } => {
            assert_eq!((*format, *line, *column), ("JSON", 3, 12));
        }
        k => panic!("unexpected kind {k:?}"),
    }
}

#[test]
fn wave_info_reads() {
    let info = read_wave_info(data("wave.toml")).unwrap();
    assert_eq!(info.survey_id(), "fixture");
    assert_eq!(info.period().start().to_string(), "2021-11-01");
    let e = read_wave_info(data("nope.toml")).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io { .. }));
}
