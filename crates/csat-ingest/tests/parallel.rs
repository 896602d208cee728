//! The parallel reader against the streaming one: same responses, same summary, same errors
//! at the same positions, whatever the thread count and chunk size (tiny chunks put chunk
//! boundaries inside quoted fields that span lines).

mod common;

use std::convert::Infallible;
use std::fmt::Write as _;

use common::{HEADER, data, survey};
use csat_ingest::{
    CsvRow, ErrorKind, Folded, ParallelCsv, Policy, ReadOptions, read_csv, read_csv_path,
};
use csat_model::{Response, SurveyDefinition};
use proptest::prelude::*;

/// Every accepted row as an owned response, in file order.
fn parallel(
    def: &SurveyDefinition,
    csv: &[u8],
    opts: ReadOptions,
    threads: usize,
    chunk: usize,
) -> Result<Folded<Vec<Response>>, csat_ingest::Error> {
    ParallelCsv::from_bytes(def, csv, opts)?
        .threads(threads)
        .chunk_size(chunk)
        .fold(
            Vec::new,
            |v, row: &CsvRow<'_>| {
                v.push(row.to_response(def).expect("accepted rows are valid"));
                Ok::<_, Infallible>(())
            },
            |mut a, b| {
                a.extend(b);
                Ok(a)
            },
        )
}

/// Asserts that the parallel reader reads `csv` exactly as `read_csv` does.
fn same(def: &SurveyDefinition, csv: &[u8], opts: &ReadOptions, threads: usize, chunk: usize) {
    let context = format!(
        "threads {threads}, chunk {chunk}, {:?}, input {:?}",
        opts.policy,
        String::from_utf8_lossy(csv)
    );
    let streaming = read_csv(def, csv, opts.clone());
    let par = parallel(def, csv, opts.clone(), threads, chunk);
    match (streaming, par) {
        (Ok(s), Ok(p)) => {
            assert_eq!(p.value, s.responses, "{context}");
            assert_eq!(p.summary, s.summary, "{context}");
            let a: Vec<String> = s.rejections.iter().map(ToString::to_string).collect();
            let b: Vec<String> = p.rejections.iter().map(ToString::to_string).collect();
            assert_eq!(b, a, "{context}");
            for (x, y) in s.rejections.iter().zip(&p.rejections) {
                assert_eq!(x.position(), y.position(), "{context}");
                assert_eq!(x.kind().name(), y.kind().name(), "{context}");
                assert_eq!(x.is_rejection(), y.is_rejection(), "{context}");
            }
        }
        (Err(s), Err(p)) => {
            assert_eq!(p.to_string(), s.to_string(), "{context}");
            assert_eq!(p.position(), s.position(), "{context}");
            assert_eq!(p.is_rejection(), s.is_rejection(), "{context}");
        }
        (s, p) => panic!(
            "{context}: streaming {:?} vs parallel {:?}",
            s.map(|i| i.summary),
            p.map(|f| f.summary)
        ),
    }
}

fn both_policies(def: &SurveyDefinition, csv: &[u8], base: &ReadOptions) {
    for policy in [Policy::Lenient, Policy::Strict] {
        let opts = base.clone().policy(policy);
        for (threads, chunk) in [(1, 1 << 20), (1, 1), (2, 1), (3, 7), (4, 16), (2, 64)] {
            same(def, csv, &opts, threads, chunk);
        }
    }
}

#[test]
fn fixture_files_read_the_same() {
    let def = survey();
    for name in ["good.csv", "bad.csv", "bom_crlf.csv", "flags.csv"] {
        let bytes = std::fs::read(data(name)).unwrap();
        both_policies(&def, &bytes, &ReadOptions::default());
        both_policies(
            &def,
            &bytes,
            &ReadOptions::default()
                .check_duplicate_ids(false)
                .check_duplicate_answers(false),
        );
    }
    let bytes = std::fs::read(data("separator.csv")).unwrap();
    both_policies(&def, &bytes, &ReadOptions::default().separator('┋'));
}

#[test]
fn awkward_layouts_read_the_same() {
    let def = survey();
    let h = HEADER;
    for body in [
        String::new(),
        h.to_owned(),
        format!("{h}\n"),
        format!("\n\n{h}\n\nR1,c,东区,员工,5,4,3,9,saas,public,ok\n\n"),
        format!(
            "{h}\r\nR1,c,东区,员工,5,4,3,9,saas,public,ok\r\n\r\nR2,c,东区,员工,5,4,3,9,,,\r\n"
        ),
        format!("{h}\nR1,\"c\n\n,\",东区,员工,5,4,3,9,saas,public,\"a\nb\"\nR2,c,,,,,,,,,"),
        format!("{h}\nR1,c,东区\nR2,c,东区,员工,5,4,3,9,saas,public,x,extra\n"),
        format!("{h}\n R1 ,c,东区,员工, 5 ,4,3,10,saas, public ; none ,x\n"),
        format!(
            "{h}\nR1,c,东区,员工,5,4,3,9,saas,public,x\nR1,c,东区,员工,9,4,3,9,saas,public,x\nR1,c,东区,员工,5,4,3,9,saas,public,x\n"
        ),
        format!(
            "{h}\nR1,c,东区,员工,9,4,3,9,saas,public,x\nR1,c,东区,员工,5,4,3,9,saas,public,x\n"
        ),
        format!("{h}\n,c,东区,员工,5,4,3,9,saas,public,x\nR2,c,火星,员工,5,4,3,9,saas,public,x\n"),
        format!(
            "{h}\nR1,c,东区,员工,5,4,3,9,saas,public,x\nR2,c,东区,员工,5,4,3,9,saas,public,x\n"
        ),
        format!(
            "{h}\nR1,c,东区,员工,较满意,+4,3,09,per_device,none,x\nR2,c,东区,员工,4.5,4,3,9,x,y,z\n"
        ),
        // Unterminated quote at the end of the file (without a final line end: with one, the
        // streaming reader counts the record's start a line early).
        format!("{h}\nR1,\"unterminated,东区,员工,5,4,3,9,saas,public,x"),
        format!("{h}\nR1,\"a\"\"b\",东区,员工,5,4,3,9,saas,public,\"x\"y\n"),
    ] {
        both_policies(&def, body.as_bytes(), &ReadOptions::default());
    }
    let mut bad_utf8 = format!("{h}\nR1,c,东区,员工,5,4,3,9,saas,public,x\nR2,").into_bytes();
    bad_utf8.extend_from_slice(b"\xff\xfe,\xe4\xb8,");
    bad_utf8
        .extend_from_slice("员工,5,4,3,9,saas,public,x\nR3,c,东区,员工,5,4,3,9,,,\n".as_bytes());
    both_policies(&def, &bad_utf8, &ReadOptions::default());
}

#[test]
fn header_errors_are_the_streaming_readers() {
    let def = survey();
    for header in [
        "respondent_id,company,region\nR1,c,东区\n",
        "respondent_id,q01,q01\n",
        "respondent_id,nope\n",
        "",
        "\n\n",
    ] {
        let s = read_csv(&def, header.as_bytes(), ReadOptions::default()).unwrap_err();
        let p =
            ParallelCsv::from_bytes(&def, header.as_bytes(), ReadOptions::default()).unwrap_err();
        assert_eq!(p.to_string(), s.to_string());
        assert_eq!(p.position(), s.position());
    }
}

#[test]
fn files_are_read_by_path_with_the_path_in_errors() {
    let def = survey();
    let path = data("bad.csv");
    let s = read_csv_path(&def, &path, ReadOptions::default()).unwrap_err();
    let p = csat_ingest::fold_csv_path(
        &def,
        &path,
        ReadOptions::default(),
        2,
        || 0u64,
        |n, _row| {
            *n += 1;
            Ok::<_, Infallible>(())
        },
        |a, b| Ok(a + b),
    )
    .unwrap_err();
    assert_eq!(p.to_string(), s.to_string());
    assert!(p.to_string().contains("bad.csv"));
    let missing = ParallelCsv::open(&def, data("no-such.csv"), ReadOptions::default());
    assert!(matches!(missing.unwrap_err().kind(), ErrorKind::Io { .. }));
}

#[test]
fn fold_errors_end_reading_at_the_row() {
    let def = survey();
    let csv = format!(
        "{HEADER}\nR1,c,东区,员工,5,4,3,9,saas,public,x\nR2,c,东区,员工,1,4,3,9,saas,public,x\n"
    );
    for threads in [1, 2] {
        let e = ParallelCsv::from_bytes(&def, csv.as_bytes(), ReadOptions::default())
            .unwrap()
            .threads(threads)
            .chunk_size(8)
            .fold(
                || (),
                |(), row| {
                    if csat_model::ResponseView::respondent_id(row) == "R2" {
                        Err("R2 is not welcome")
                    } else {
                        Ok(())
                    }
                },
                |(), ()| Ok(()),
            )
            .unwrap_err();
        assert_eq!(e.kind().name(), "fold");
        assert_eq!(
            e.to_string(),
            "record 2 (line 3): the fold refused the row: R2 is not welcome"
        );
    }
}

#[test]
fn many_rejections_are_counted_and_the_first_kept() {
    let def = survey();
    let mut csv = format!("{HEADER}\n");
    for i in 0..50 {
        writeln!(csv, "R{i},c,东区,员工,9,4,3,9,saas,public,x").unwrap();
    }
    let p = ParallelCsv::from_bytes(&def, csv.as_bytes(), ReadOptions::lenient())
        .unwrap()
        .keep_rejections(3)
        .chunk_size(100)
        .fold(|| (), |(), _| Ok::<_, Infallible>(()), |(), ()| Ok(()))
        .unwrap();
    assert_eq!((p.summary.rows_read, p.summary.rejected), (50, 50));
    assert_eq!(p.rejections.len(), 3);
    assert_eq!(p.rejections[2].position().unwrap().record, 3);
}

/// One cell of a generated row: mostly good values, some bad ones, some quoted with commas,
/// quotes and line breaks.
fn cell(good: &'static [&'static str], bad: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        6 => proptest::sample::select(good).prop_map(str::to_owned),
        1 => proptest::sample::select(bad).prop_map(str::to_owned),
        1 => proptest::sample::select(good).prop_map(|g| format!("\"{g}\"")),
    ]
    .boxed()
}

fn row() -> impl Strategy<Value = String> {
    (
        cell(&["R1", "R2", "R3", "R4", "R12", "X7"], &["", " R1 "]),
        cell(
            &["公司", "a", "某某\"\"科技\"\", 有限公司"],
            &["\"多\n行\""],
        ),
        cell(&["东区", "南区", ""], &["火星"]),
        cell(&["员工", "经理", ""], &["老板"]),
        cell(&["5", "4", "1", "", "满意"], &["9", "4.5", "x"]),
        cell(&["5", "3", ""], &["0"]),
        cell(&["10", "9", "0", ""], &["11", "-1"]),
        cell(&["saas", "per_device", ""], &["cloud"]),
        cell(&["public", "public;hybrid", ""], &["mars"]),
        cell(&["", "好", "a,b", "第一行\n第二行"], &[" "]),
        prop_oneof![8 => Just(0usize), 1 => Just(1usize), 1 => Just(2usize)],
    )
        .prop_map(
            |(id, company, region, role, q1, q2, nps, license, cloud, wishes, shape)| {
                let cells = [
                    id,
                    company,
                    region,
                    role,
                    q1.clone(),
                    q2,
                    q1,
                    nps,
                    license,
                    cloud,
                    wishes,
                ];
                match shape {
                    // A record with a field too many or too few, or a blank line before it.
                    1 => format!("{},extra\n", cells.join(",")),
                    2 => format!("\n{}\n", cells[..5].join(",")),
                    _ => format!("{}\n", cells.join(",")),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_file_reads_the_same(
        rows in proptest::collection::vec(row(), 0..24),
        crlf in any::<bool>(),
        threads in 1usize..4,
        chunk in 1usize..96,
        lenient in any::<bool>(),
        ids in any::<bool>(),
    ) {
        let mut csv = format!("{HEADER}\n");
        for r in &rows {
            csv.push_str(r);
        }
        if crlf {
            csv = csv.replace('\n', "\r\n");
        }
        let def = survey();
        let opts = ReadOptions::default()
            .policy(if lenient { Policy::Lenient } else { Policy::Strict })
            .check_duplicate_ids(ids);
        same(&def, csv.as_bytes(), &opts, threads, chunk);
    }
}

/// A survey whose file has long runs of rated columns and columns that are not read: the
/// shape of a real response file, which the parallel reader splits in one pass per line (four
/// rated cells at a time where it can).
fn wide_survey() -> SurveyDefinition {
    let mut b = SurveyDefinition::builder("wide", "wide");
    b = b.attribute(csat_model::Attribute::new("region", "region"));
    for i in 1..=9 {
        let id = format!("q{i}");
        b = b.question(csat_model::Question::rated(id.clone(), id, None).unwrap());
    }
    b.question(
        csat_model::Question::new("nps", "nps", csat_model::QuestionKind::Recommendation).unwrap(),
    )
    .question(
        csat_model::Question::new("wishes", "wishes", csat_model::QuestionKind::OpenText).unwrap(),
    )
    .build()
    .unwrap()
}

const WIDE_HEADER: &str =
    "respondent_id,company,dept,region,q1,q2,q3,q4,q5,q6,q7,q8,q9,nps,note,memo,wishes,tail";

/// A cell of the wide file: good values, bad ones, and the awkward quoting the `csv` crate
/// accepts (a quote inside an unquoted field is an ordinary byte; `"ab"c` reads `abc`).
fn wide_cell(good: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        12 => proptest::sample::select(good).prop_map(str::to_owned),
        1 => proptest::sample::select(&["", " ", "9", "x", "55", "\r", "a\"b", "\"5\"x"][..])
            .prop_map(str::to_owned),
        1 => proptest::sample::select(good).prop_map(|g| format!("\"{g}\"")),
        1 => proptest::sample::select(good).prop_map(|g| format!("\"{g}\"\"\"")),
        1 => proptest::sample::select(good).prop_map(|g| format!(" \"{g}\"")),
    ]
    .boxed()
}

fn wide_row() -> impl Strategy<Value = String> {
    (
        wide_cell(&["R1", "R2", "R3", "R00000004", "R00000005"]),
        proptest::collection::vec(wide_cell(&["公司", "a,b", "某\"\"科技", "x\ny", ""]), 2),
        wide_cell(&["东区", "南区", ""]),
        proptest::collection::vec(wide_cell(&["1", "2", "3", "4", "5", "5", ""]), 9),
        wide_cell(&["10", "9", "0", ""]),
        proptest::collection::vec(wide_cell(&["", "备注", "\"\"", "a\"b"]), 2),
        wide_cell(&["", "好", "a,b"]),
        wide_cell(&["", "尾", "x,y"]),
    )
        .prop_map(|(id, unread, region, items, nps, notes, wishes, tail)| {
            let mut cells = vec![id];
            cells.extend(unread);
            cells.push(region);
            cells.extend(items);
            cells.push(nps);
            cells.extend(notes);
            cells.extend([wishes, tail]);
            format!("{}\n", cells.join(","))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn wide_files_with_unread_columns_read_the_same(
        rows in proptest::collection::vec(wide_row(), 0..24),
        crlf in any::<bool>(),
        threads in 1usize..4,
        chunk in 1usize..128,
        lenient in any::<bool>(),
    ) {
        let mut csv = format!("{WIDE_HEADER}\n");
        for r in &rows {
            csv.push_str(r);
        }
        if crlf {
            csv = csv.replace('\n', "\r\n");
        }
        let def = wide_survey();
        let opts = ReadOptions::default()
            .policy(if lenient { Policy::Lenient } else { Policy::Strict })
            .ignore_column("company")
            .ignore_column("dept")
            .ignore_column("note")
            .ignore_column("memo")
            .ignore_column("tail")
            .check_duplicate_answers(false);
        same(&def, csv.as_bytes(), &opts, threads, chunk);
        same(&def, csv.as_bytes(), &opts, 1, 1 << 20);
    }
}

#[test]
fn attribute_values_read_before_are_told_apart_and_still_checked() {
    // The parallel reader remembers up to 64 values per attribute and takes a cell with the
    // bytes of one as that value; everything must still read as the streaming reader reads it:
    // 150 company names sharing their first eight bytes (and more names than are
    // remembered), padded and quoted spellings of a region, and a region outside the
    // survey's list after the good ones were remembered.
    let def = survey();
    let mut csv = format!("{HEADER}\n");
    for i in 0..600 {
        let company = format!("某某科技有限公司{}", i % 150);
        let region = match i % 4 {
            0 => "东区",
            1 => " 东区 ",
            2 => "\"南区\"",
            _ => "南区",
        };
        writeln!(csv, "R{i},{company},{region},员工,5,4,3,9,saas,public,x").unwrap();
    }
    writeln!(
        csv,
        "R600,某某科技有限公司1,火星,员工,5,4,3,9,saas,public,x"
    )
    .unwrap();
    writeln!(
        csv,
        "R601,某某科技有限公司1,\"火星\",员工,5,4,3,9,saas,public,x"
    )
    .unwrap();
    for (threads, chunk) in [(1, 1 << 20), (2, 512), (3, 4096)] {
        same(
            &def,
            csv.as_bytes(),
            &ReadOptions::lenient(),
            threads,
            chunk,
        );
    }
    let p = parallel(&def, csv.as_bytes(), ReadOptions::lenient(), 2, 4096).unwrap();
    assert_eq!((p.summary.accepted, p.summary.rejected), (600, 2));
    let companies: std::collections::BTreeSet<_> = p
        .value
        .iter()
        .map(|r| r.attributes()[0].clone().unwrap())
        .collect();
    assert_eq!(companies.len(), 150);
}

#[test]
fn answers_of_a_rejected_duplicate_do_not_count_as_seen() {
    // R1's second row is a duplicate id (rejected), so its answers are not kept; R2 repeats the
    // answers of R1's first row: one duplicate answer vector, as the streaming reader counts.
    let def = survey();
    let csv = format!(
        "{HEADER}\nR1,c,东区,员工,5,4,3,9,saas,public,x\nR1,c,东区,员工,1,1,1,0,saas,public,x\nR2,c,东区,员工,5,4,3,9,saas,public,x\n"
    );
    both_policies(&def, csv.as_bytes(), &ReadOptions::default());
    let p = parallel(&def, csv.as_bytes(), ReadOptions::lenient(), 1, 1 << 20).unwrap();
    assert_eq!(p.summary.duplicate_answers, 1, "{}", p.summary);
    assert_eq!((p.summary.accepted, p.summary.rejected), (2, 1));
}
