//! Properties of reading: nothing is lost (accepted + rejected = rows read, and exactly the
//! good rows are accepted), and valid responses written out read back equal.
//!
//! The survey is tests/data/survey.toml (see tests/common/mod.rs).

mod common;

use std::sync::LazyLock;

use csat_ingest::{Policy, ReadOptions, read_csv, read_json_lines};
use csat_model::{Answer, FIVE_LEVEL_LABELS, Response, SurveyDefinition};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

use common::{HEADER, survey};

static SURVEY: LazyLock<SurveyDefinition> = LazyLock::new(survey);

const REGIONS: [&str; 4] = ["东区", "南区", "北区", "西区"];
const ROLES: [&str; 2] = ["员工", "经理"];
const LICENSE_IDS: [&str; 3] = ["per_device", "subscription", "saas"];
const LICENSE_LABELS: [&str; 3] = ["按设备数授权", "订阅制", "SaaS"];
const CLOUD_IDS: [&str; 4] = ["public", "private", "hybrid", "none"];
const CLOUD_LABELS: [&str; 4] = ["公有云", "私有云", "混合云", "暂未使用"];

/// A CSV field, quoted when it needs to be (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Text with the characters that stress CSV quoting: commas, quotes, newlines, Chinese.
fn tricky_text() -> impl Strategy<Value = String> {
    "[a-z满意公司 ,\"\n]{0,10}"
}

/// The ten cells after the respondent id of a row that is valid for the fixture survey, each
/// possibly blank, numbers and labels mixed.
fn good_cells() -> impl Strategy<Value = Vec<String>> {
    let rated = select(vec![
        "",
        "1",
        "2",
        "3",
        "4",
        "5",
        " 4 ",
        "满意",
        "较满意",
        "一般",
        "不满意",
        "很不满意",
    ]);
    (
        tricky_text(),
        select(vec!["", "东区", "南区", "北区", "西区"]),
        select(vec!["", "员工", "经理"]),
        [rated.clone(), rated.clone(), rated],
        prop_oneof![Just(String::new()), (0u8..=10).prop_map(|n| n.to_string())],
        select(vec![
            "",
            "per_device",
            "subscription",
            "saas",
            "订阅制",
            "SaaS",
        ]),
        subsequence(vec!["public", "私有云", "hybrid", "暂未使用"], 0..=4),
        tricky_text(),
    )
        .prop_map(
            |(company, region, role, rated, nps, license, cloud, wishes)| {
                let mut cells = vec![company, region.to_owned(), role.to_owned()];
                cells.extend(rated.iter().map(|s| (*s).to_owned()));
                cells.extend([nps, license.to_owned(), cloud.join(";"), wishes]);
                cells
            },
        )
}

/// Number of ways `corrupt` can spoil a row.
const CORRUPTIONS: usize = 12;

/// Spoils one row in the way `kind` says; every way is an error the reader must reject.
/// Returns the respondent id to write.
fn corrupt(kind: usize, i: usize, cells: &mut Vec<String>, earlier_good: Option<usize>) -> String {
    let id = format!("P{i}");
    match kind {
        0 => cells[3] = "6".into(),           // q01 outside 1..5
        1 => cells[4] = "很满意".into(),      // q02 not a label
        2 => cells[5] = "4.5".into(),         // q03 not a whole number
        3 => cells[6] = "11".into(),          // nps outside 0..10
        4 => cells[7] = "月付".into(),        // license not an option
        5 => cells[8] = "public;edge".into(), // cloud item not an option
        6 => cells[1] = "华东".into(),        // region not declared
        7 => {
            cells.pop(); // wrong number of fields
        }
        8 => return "  ".into(), // missing respondent id
        9 => {
            if let Some(j) = earlier_good {
                return format!("P{j}"); // duplicate of an accepted row
            }
            cells[3] = "0".into();
        }
        10 => cells[2] = "老板".into(), // role not declared
        _ => cells[6] = "abc".into(),   // nps not a number
    }
    id
}

/// Rows that are good (`None`) or spoiled in one way.
fn rows() -> impl Strategy<Value = Vec<(Vec<String>, Option<usize>)>> {
    prop::collection::vec(
        (good_cells(), prop::option::weighted(0.3, 0..CORRUPTIONS)),
        0..40,
    )
}

/// The CSV text of `rows`, and how many of them are good.
fn csv_text(rows: &[(Vec<String>, Option<usize>)]) -> (String, u64) {
    let mut text = format!("{HEADER}\n");
    let mut good = 0;
    let mut earlier_good = None;
    for (i, (cells, spoil)) in rows.iter().enumerate() {
        let mut cells = cells.clone();
        let id = match spoil {
            None => {
                good += 1;
                earlier_good = Some(i);
                format!("P{i}")
            }
            Some(kind) => corrupt(*kind, i, &mut cells, earlier_good),
        };
        let fields: Vec<String> = std::iter::once(id)
            .chain(cells)
            .map(|c| field(&c))
            .collect();
        text.push_str(&fields.join(","));
        text.push('\n');
    }
    (text, good)
}

proptest! {
    #[test]
    fn lenient_accepts_exactly_the_good_rows_and_loses_nothing(rows in rows()) {
        let (text, good) = csv_text(&rows);
        let got = read_csv(&SURVEY, text.as_bytes(), ReadOptions::lenient()).unwrap();
        let s = &got.summary;
        prop_assert_eq!(s.rows_read, rows.len() as u64);
        prop_assert_eq!(s.accepted + s.rejected, s.rows_read);
        prop_assert_eq!(s.accepted, good);
        prop_assert_eq!(got.responses.len() as u64, good);
        prop_assert_eq!(got.rejections.len() as u64, rows.len() as u64 - good);
        prop_assert!(s.is_consistent());
        prop_assert!(got.rejections.iter().all(csat_ingest::Error::is_rejection));
    }

    #[test]
    fn strict_reads_up_to_the_first_bad_row(rows in rows()) {
        let (text, _) = csv_text(&rows);
        let first_bad = rows.iter().position(|(_, spoil)| spoil.is_some());
        let opts = ReadOptions::default().policy(Policy::Strict);
        let mut reader = csat_ingest::CsvReader::from_reader(&SURVEY, text.as_bytes(), opts).unwrap();
        let results: Vec<_> = reader.by_ref().collect();
        let s = reader.summary();
        prop_assert!(s.is_consistent());
        if let Some(b) = first_bad {
            prop_assert_eq!(results.len(), b + 1);
            prop_assert!(results[b].is_err());
            prop_assert_eq!((s.accepted, s.rejected), (b as u64, 1));
        } else {
            prop_assert_eq!(s.accepted, rows.len() as u64);
            prop_assert_eq!(s.rejected, 0);
        }
    }
}

/// One valid response with how each answer is written: (response, write levels as labels,
/// write options as labels).
fn responses() -> impl Strategy<Value = Vec<(Response, bool, bool)>> {
    let trimmed = || {
        prop::option::of(tricky_text())
            .prop_map(|t| t.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()))
    };
    let one = (
        trimmed(),
        prop::option::of(0..REGIONS.len()),
        prop::option::of(0..ROLES.len()),
        [
            prop::option::of(1u8..=5),
            prop::option::of(1u8..=5),
            prop::option::of(1u8..=5),
        ],
        prop::option::of(0u8..=10),
        prop::option::of(0u16..3),
        subsequence(vec![0u16, 1, 2, 3], 0..=4),
        trimmed(),
        any::<bool>(),
        any::<bool>(),
    );
    prop::collection::vec(one, 0..25).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(
                |(i, (company, region, role, levels, nps, license, cloud, wishes, l, o))| {
                    let attributes = vec![
                        company,
                        region.map(|r| REGIONS[r].to_owned()),
                        role.map(|r| ROLES[r].to_owned()),
                    ];
                    let mut answers: Vec<Option<Answer>> =
                        levels.iter().map(|v| v.map(Answer::Level)).collect();
                    answers.push(nps.map(Answer::Recommend));
                    answers.push(license.map(Answer::Choice));
                    answers.push(if cloud.is_empty() {
                        None
                    } else {
                        Some(Answer::Choices(cloud))
                    });
                    answers.push(wishes.map(Answer::Text));
                    let r = Response::new(&SURVEY, format!("R{i}"), attributes, answers)
                        .expect("generated responses are valid");
                    (r, l, o)
                },
            )
            .collect()
    })
}

/// The cells of a response, in the fixture header's order.
fn cells(r: &Response, level_labels: bool, option_labels: bool) -> Vec<String> {
    let mut out = vec![r.respondent_id().to_owned()];
    out.extend(r.attributes().iter().map(|a| a.clone().unwrap_or_default()));
    for a in r.answers() {
        out.push(match a {
            None => String::new(),
            Some(Answer::Level(v)) if level_labels => FIVE_LEVEL_LABELS[usize::from(*v) - 1].into(),
            Some(Answer::Level(v) | Answer::Recommend(v)) => v.to_string(),
            Some(Answer::Choice(i)) => {
                let names = if option_labels {
                    LICENSE_LABELS
                } else {
                    LICENSE_IDS
                };
                names[usize::from(*i)].into()
            }
            Some(Answer::Choices(is)) => {
                let names = if option_labels {
                    CLOUD_LABELS
                } else {
                    CLOUD_IDS
                };
                is.iter()
                    .map(|i| names[usize::from(*i)])
                    .collect::<Vec<_>>()
                    .join(";")
            }
            Some(Answer::Text(t)) => t.clone(),
            Some(other) => panic!("the fixture survey has no answer like {other:?}"),
        });
    }
    out
}

proptest! {
    #[test]
    fn valid_responses_written_to_csv_read_back_equal(rows in responses()) {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(HEADER.split(',')).unwrap();
        for (r, l, o) in &rows {
            w.write_record(cells(r, *l, *o)).unwrap();
        }
        let bytes = w.into_inner().unwrap();
        let got = read_csv(&SURVEY, &bytes[..], ReadOptions::default()).unwrap();
        let expected: Vec<&Response> = rows.iter().map(|(r, _, _)| r).collect();
        let read: Vec<&Response> = got.responses.iter().collect();
        prop_assert_eq!(read, expected);
        prop_assert_eq!(got.summary.rejected, 0);
    }

    #[test]
    fn valid_responses_written_to_json_lines_read_back_equal(rows in responses()) {
        let mut text = String::new();
        for (r, l, o) in &rows {
            let object: serde_json::Map<String, serde_json::Value> = HEADER
                .split(',')
                .zip(cells(r, *l, *o))
                .map(|(k, v)| {
                    let v = if v.is_empty() { serde_json::Value::Null } else { v.into() };
                    (k.to_owned(), v)
                })
                .collect();
            text.push_str(&serde_json::to_string(&object).unwrap());
            text.push('\n');
        }
        let got = read_json_lines(&SURVEY, text.as_bytes(), ReadOptions::default()).unwrap();
        let expected: Vec<&Response> = rows.iter().map(|(r, _, _)| r).collect();
        let read: Vec<&Response> = got.responses.iter().collect();
        prop_assert_eq!(read, expected);
    }
}
