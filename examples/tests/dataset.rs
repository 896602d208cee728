//! The committed dataset under examples/data/annual is exactly what the generator produces,
//! and the 2021 wave reproduces REFERENCE-2021.md, recomputed here from the committed CSV
//! independently of the generator's own checks.

use std::collections::HashMap;
use std::path::PathBuf;

use csat_examples::dataset::{self, Dataset};
use csat_model::{SurveyDefinition, WaveInfo};
use rust_decimal::{Decimal, RoundingStrategy};

const YEARS: [&str; 3] = ["2019", "2020", "2021"];

fn committed(year: &str, file: &str) -> Vec<u8> {
    let path = dataset::default_dir().join(year).join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn definition(year: &str) -> SurveyDefinition {
    toml::from_str(&String::from_utf8(committed(year, "survey.toml")).unwrap()).unwrap()
}

/// Rounded for display, half away from zero, as the report shows figures.
fn shown(num: i64, den: i64, dp: u32) -> Decimal {
    (Decimal::from(num) / Decimal::from(den))
        .round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// A committed CSV as header-indexed rows of text.
struct Csv {
    columns: HashMap<String, usize>,
    rows: Vec<Vec<String>>,
}

impl Csv {
    fn read(year: &str) -> Self {
        let bytes = committed(year, "responses.csv");
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        let columns = r
            .headers()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, h)| (h.to_owned(), i))
            .collect();
        let rows = r
            .records()
            .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
            .collect();
        Self { columns, rows }
    }

    fn cell<'a>(&self, row: &'a [String], column: &str) -> &'a str {
        &row[self.columns[column]]
    }

    /// (sum, answered) of a rated item.
    fn item(&self, id: &str) -> (i64, i64) {
        let mut s = (0, 0);
        for row in &self.rows {
            if let Ok(level) = self.cell(row, id).parse::<i64>() {
                s = (s.0 + level, s.1 + 1);
            }
        }
        s
    }

    fn nps_bands(&self) -> (i64, i64, i64, i64) {
        let (mut pro, mut pas, mut det, mut blank) = (0, 0, 0, 0);
        for row in &self.rows {
            match self.cell(row, "nps").parse::<u8>() {
                Ok(9..=10) => pro += 1,
                Ok(7..=8) => pas += 1,
                Ok(_) => det += 1,
                Err(_) => blank += 1,
            }
        }
        (pro, pas, det, blank)
    }
}

/// Competition ranks of exact means (sum, n), compared by cross-multiplication.
fn ranks(means: &[(i64, i64)]) -> Vec<u32> {
    means
        .iter()
        .map(|&(s, n)| 1 + means.iter().filter(|&&(t, m)| t * n > s * m).count() as u32)
        .collect()
}

#[test]
fn committed_files_are_what_the_generator_writes() {
    let ds = Dataset::generate().unwrap();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("regenerated-annual");
    let _ = std::fs::remove_dir_all(&dir);
    let written = ds.write_to(&dir).unwrap();
    assert_eq!(written.len(), 9);
    assert!(written.iter().all(dataset::WrittenFile::changed));
    for year in YEARS {
        for file in ["survey.toml", "wave.toml", "responses.csv"] {
            let regenerated = std::fs::read(dir.join(year).join(file)).unwrap();
            assert!(
                regenerated == committed(year, file),
                "{year}/{file} differs from the generator's output: rerun \
                 `cargo run --release --example generate_dataset`"
            );
        }
    }
    // Writing the same bytes again leaves every file alone.
    assert!(
        !ds.write_to(&dir)
            .unwrap()
            .iter()
            .any(dataset::WrittenFile::changed)
    );
}

#[test]
fn wave_files_parse_and_the_survey_keeps_its_ids() {
    // (year, period start, period end, sent); 2021 from REFERENCE-2021.md, "The wave".
    let waves = [
        ("2019", "2019-11-25", "2019-11-29", 330),
        ("2020", "2020-11-23", "2020-11-27", 340),
        ("2021", "2021-11-24", "2021-11-30", 356),
    ];
    let ids_2021: Vec<String> = definition("2021")
        .rated_items()
        .map(|(_, q)| q.id().to_owned())
        .collect();
    assert_eq!(ids_2021.len(), 26);
    for (year, start, end, sent) in waves {
        let info: WaveInfo =
            toml::from_str(&String::from_utf8(committed(year, "wave.toml")).unwrap()).unwrap();
        assert_eq!(info.id(), year);
        assert_eq!(info.survey_id(), "it-services-annual");
        assert_eq!(info.period().start().to_string(), start);
        assert_eq!(info.period().end().to_string(), end);
        assert_eq!(info.sent(), Some(sent));
        let def = definition(year);
        assert_eq!(def.id(), "it-services-annual");
        let ids: Vec<String> = def.rated_items().map(|(_, q)| q.id().to_owned()).collect();
        if year == "2021" {
            continue;
        }
        // 2019 and 2020: the 26 items of 2021 plus remote_support, dropped in 2021.
        assert_eq!(ids.len(), 27);
        assert!(ids_2021.iter().all(|id| ids.contains(id)));
        assert!(ids.iter().any(|id| id == "remote_support"));
    }
}

/// REFERENCE-2021.md, "Item scores and ranks": id, 2021 mean (hundredths), rank 2021, rank 2020.
const ITEMS: [(&str, i64, u32, u32); 26] = [
    ("impl_attitude", 474, 1, 5),
    ("rma_overall", 470, 2, 16),
    ("sales_reachability", 469, 3, 6),
    ("sales_problem_solving", 467, 4, 11),
    ("svc_patience", 467, 5, 1),
    ("impl_communication", 466, 6, 8),
    ("company_overall", 466, 6, 9),
    ("impl_overall", 466, 6, 17),
    ("sales_technical", 465, 9, 19),
    ("svc_response", 465, 10, 13),
    ("presales_communication", 464, 11, 4),
    ("helpdesk_attitude", 464, 12, 2),
    ("impl_technical", 464, 13, 14),
    ("company_image", 464, 13, 18),
    ("svc_technical", 463, 15, 3),
    ("contact_frequency", 463, 16, 26),
    ("presales_overall", 461, 17, 15),
    ("presales_design", 461, 17, 19),
    ("delivery_reliability", 460, 19, 6),
    ("ordering_ease", 460, 20, 11),
    ("impl_training", 459, 21, 10),
    ("hotline_availability", 458, 22, 22),
    ("documentation", 457, 23, 23),
    ("delivery_speed", 455, 24, 24),
    ("training_overall", 453, 25, 21),
    ("new_tech_promotion", 447, 26, 27),
];

#[test]
fn wave_2021_reproduces_the_published_scores() {
    let csv = Csv::read("2021");
    // REFERENCE-2021.md: 105 returned of 356 sent, response rate 29%.
    assert_eq!(csv.rows.len(), 105);
    assert_eq!(shown(100 * 105, 356, 0), Decimal::from(29));

    let means: Vec<(i64, i64)> = ITEMS.iter().map(|(id, ..)| csv.item(id)).collect();
    for (&(id, mean, _, _), &(s, n)) in ITEMS.iter().zip(&means) {
        assert_eq!(shown(s, n, 2), Decimal::new(mean, 2), "{id}: {s}/{n}");
    }
    let expected: Vec<u32> = ITEMS.iter().map(|i| i.2).collect();
    assert_eq!(ranks(&means), expected);

    // Overall average 4.62: all answered rated cells of the wave.
    let (s, n) = means.iter().fold((0, 0), |a, m| (a.0 + m.0, a.1 + m.1));
    assert_eq!(shown(s, n, 2), Decimal::new(462, 2));
}

#[test]
fn wave_2021_reproduces_nps_and_the_lowest_respondents() {
    let csv = Csv::read("2021");
    // REFERENCE-2021.md, "NPS": 69 / 29 / 6 of the 104 who answered, NPS 60.6; detractors
    // listed with scores 5, 6, 6, 4, 6, 6.
    let (pro, pas, det, blank) = csv.nps_bands();
    assert_eq!((pro, pas, det, blank), (69, 29, 6, 1));
    assert_eq!(
        shown(100 * (pro - det), pro + pas + det, 1),
        Decimal::new(606, 1)
    );
    let detractors: Vec<u8> = csv
        .rows
        .iter()
        .filter_map(|r| csv.cell(r, "nps").parse::<u8>().ok())
        .filter(|&s| s <= 6)
        .collect();
    assert_eq!(detractors, [5, 6, 6, 4, 6, 6]);

    // REFERENCE-2021.md, "Low-score customers": 3.08, 3.38, 3.65, 3.73, 3.74.
    let mut own: Vec<(i64, i64)> = csv
        .rows
        .iter()
        .map(|row| {
            ITEMS.iter().fold((0, 0), |a, (id, ..)| {
                match csv.cell(row, id).parse::<i64>() {
                    Ok(l) => (a.0 + l, a.1 + 1),
                    Err(_) => a,
                }
            })
        })
        .collect();
    own.sort_by(|&(s, n), &(t, m)| (s * m).cmp(&(t * n)));
    let lowest: Vec<Decimal> = own[..5].iter().map(|&(s, n)| shown(s, n, 2)).collect();
    let published: Vec<Decimal> = [308, 338, 365, 373, 374]
        .into_iter()
        .map(|v| Decimal::new(v, 2))
        .collect();
    assert_eq!(lowest, published);
    // Nobody else ties the fifth.
    assert!(own[5].0 * own[4].1 > own[4].0 * own[5].1);
}

#[test]
fn wave_2021_reproduces_the_sample_make_up_and_license_shares() {
    let csv = Csv::read("2021");
    let count = |column: &str, values: &[&str]| {
        i64::try_from(
            csv.rows
                .iter()
                .filter(|r| values.contains(&csv.cell(r, column)))
                .count(),
        )
        .unwrap()
    };
    // REFERENCE-2021.md, "The wave": staff 80, managers 25; male:female 25:1; 63% from
    // companies over 1000 people; 83% with IT staff at most 30%.
    assert_eq!(
        (count("role", &["员工"]), count("role", &["经理"])),
        (80, 25)
    );
    assert_eq!(count("gender", &["男"]), 25 * count("gender", &["女"]));
    let large = count("company_size", &["1001-2000", "2000+"]);
    assert_eq!(shown(100 * large, 105, 0), Decimal::from(63));
    let small_it = count("it_share", &["≤10%", "11-30%"]);
    assert_eq!(shown(100 * small_it, 105, 0), Decimal::from(83));

    // REFERENCE-2021.md, "Single-choice question": 46.8%, 0%, 13.8%, 39.4% of those who
    // answered.
    let answered = i64::try_from(
        csv.rows
            .iter()
            .filter(|r| !csv.cell(r, "license_model").is_empty())
            .count(),
    )
    .unwrap();
    let shares: Vec<Decimal> = [
        "按设备数授权，按需扩容",
        "订阅制",
        "SaaS",
        "一次性买断，不限管理规模",
    ]
    .iter()
    .map(|label| shown(100 * count("license_model", &[label]), answered, 1))
    .collect();
    assert_eq!(
        shares,
        [
            Decimal::new(468, 1),
            Decimal::ZERO,
            Decimal::new(138, 1),
            Decimal::new(394, 1)
        ]
    );
}

#[test]
fn wave_2021_top_segments_are_other_finance_and_east_finance() {
    // REFERENCE-2021.md, "Segments": other finance highest; east-region finance highest.
    // Compared by the grand mean of answered cells, segments of at least 3 respondents.
    let csv = Csv::read("2021");
    let mut by_industry: HashMap<String, (i64, i64, usize)> = HashMap::new();
    let mut by_cell: HashMap<String, (i64, i64, usize)> = HashMap::new();
    for row in &csv.rows {
        let (s, n) = ITEMS.iter().fold((0, 0), |a, (id, ..)| {
            match csv.cell(row, id).parse::<i64>() {
                Ok(l) => (a.0 + l, a.1 + 1),
                Err(_) => a,
            }
        });
        let industry = csv.cell(row, "industry").to_owned();
        let cell = format!("{industry}/{}", csv.cell(row, "region"));
        for (map, key) in [(&mut by_industry, industry), (&mut by_cell, cell)] {
            let e = map.entry(key).or_default();
            *e = (e.0 + s, e.1 + n, e.2 + 1);
        }
    }
    for (map, top) in [(&by_industry, "其他金融"), (&by_cell, "其他金融/东区")] {
        let (ts, tn, tc) = map[top];
        assert!(tc >= 3);
        for (k, &(s, n, c)) in map {
            if k != top && c >= 3 {
                assert!(ts * n > s * tn, "{k} {s}/{n} is not below {top} {ts}/{tn}");
            }
        }
    }
}

#[test]
fn wave_2020_gives_the_published_ranks_and_nps() {
    let csv = Csv::read("2020");
    assert_eq!(csv.rows.len(), 106);
    // REFERENCE-2021.md: the "rank 2020" column; the 27th item (dropped in 2021) takes the
    // one free rank, 25.
    let mut ids: Vec<&str> = ITEMS.iter().map(|i| i.0).collect();
    ids.push("remote_support");
    let mut expected: Vec<u32> = ITEMS.iter().map(|i| i.3).collect();
    expected.push(25);
    let means: Vec<(i64, i64)> = ids.iter().map(|id| csv.item(id)).collect();
    assert_eq!(ranks(&means), expected);
    // REFERENCE-2021.md, "NPS": 70 / 28 / 7, NPS 59.4 over the 106 returned.
    let (pro, pas, det, _) = csv.nps_bands();
    assert_eq!((pro, pas, det), (70, 28, 7));
    assert_eq!(shown(100 * (pro - det), 106, 1), Decimal::new(594, 1));
}

#[test]
fn nps_by_year_and_overall_average_records() {
    // DOMAIN.md, section 2: NPS 60.6, "the year before 59.4, before that 48.1".
    let csv = Csv::read("2019");
    let (pro, pas, det, blank) = csv.nps_bands();
    assert_eq!(blank, 0);
    assert_eq!(
        shown(100 * (pro - det), pro + pas + det, 1),
        Decimal::new(481, 1)
    );
    // REFERENCE-2021.md: 2021's overall average and 实施工程师现场服务的工作态度 are the highest
    // on record.
    let overall: Vec<(i64, i64)> = YEARS
        .iter()
        .map(|y| {
            let csv = Csv::read(y);
            definition(y)
                .rated_items()
                .map(|(_, q)| csv.item(q.id()))
                .fold((0, 0), |a, m| (a.0 + m.0, a.1 + m.1))
        })
        .collect();
    let attitude: Vec<(i64, i64)> = YEARS
        .iter()
        .map(|y| Csv::read(y).item("impl_attitude"))
        .collect();
    for series in [overall, attitude] {
        assert!(series.windows(2).all(|w| w[0].0 * w[1].1 < w[1].0 * w[0].1));
    }
}
