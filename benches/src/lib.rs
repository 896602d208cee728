//! # csat-benches: workloads for the criterion benchmarks
//!
//! ## Overview
//!
//! The benchmarks in `benches/` measure the engine on the workload of
//! `shared/bench/SPEC.md` (26 five-level items, a 0..10 recommendation, seven attributes,
//! a comment; about 167 bytes a row). This crate makes that workload in memory, without
//! Python: [`spec_definition`] is the survey `examples/spec_metrics.rs` reads, [`Workload`]
//! writes deterministic CSV shaped like `gen_data.py`'s (same columns, blanks, quoting and
//! value mix, not the same bytes), and [`responses`] builds pre-parsed responses.
//! `benches/compare_peers.sh` is the end-to-end comparison with polars and duckdb; results
//! are in `docs/performance.md`.
//!
//! ## Examples
//!
//! ```
//! let def = csat_benches::spec_definition()?;
//! let csv = csat_benches::Workload::new(7).csv(100);
//! let read = csat_ingest::read_csv(&def, csv.as_slice(), csat_ingest::ReadOptions::default())?;
//! assert_eq!(read.responses.len(), 100);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Errors
//!
//! [`spec_definition`] returns the model's error if the definition did not validate (it does).
//!
//! ## Limitations
//!
//! The generated values follow the shape of the benchmark data, not its exact distribution.

use std::fmt::Write as _;

use csat_model::{Attribute, Question, QuestionKind, Response, SurveyDefinition, WeightsTable};
use rust_decimal::Decimal;

/// Number of rated items of the workload.
pub const ITEMS: usize = 26;

/// The benchmark survey: seven open attributes, 26 five-level items weighted 4 (q07, q14,
/// q20 and q26: 3), the 0..10 recommendation and a comment.
pub fn spec_definition() -> Result<SurveyDefinition, csat_model::Error> {
    let mut b = SurveyDefinition::builder("bench", "CSAT benchmark survey");
    for a in [
        "company",
        "department",
        "industry",
        "region",
        "company_size",
        "role",
        "submitted_at",
    ] {
        b = b.attribute(Attribute::new(a, a));
    }
    let mut weights = Vec::new();
    for i in 1..=ITEMS {
        let id = format!("q{i:02}");
        let w = if matches!(i, 7 | 14 | 20 | 26) { 3 } else { 4 };
        weights.push((id.clone(), Decimal::from(w)));
        b = b.question(Question::rated(id.clone(), id, None)?);
    }
    b.question(Question::new("nps", "nps", QuestionKind::Recommendation)?)
        .question(Question::new("comment", "comment", QuestionKind::OpenText)?)
        .weights(WeightsTable::new(weights)?)
        .build()
}

const COMPANIES: [&str; 6] = [
    "杭州中安制造有限公司",
    "宁波明安汽车股份有限公司",
    "\"运维中心,网络组\"",
    "石家庄达丰银行股份有限公司",
    "\"上海\"\"星辰\"\"信息技术有限公司\"",
    "重庆德信人寿保险股份有限公司",
];
const DEPARTMENTS: [&str; 4] = ["信息技术部", "数据中心", "网络部", "\"运维中心,网络组\""];
const INDUSTRIES: [&str; 8] = [
    "银行",
    "证券",
    "保险",
    "其他金融",
    "运营商",
    "制造",
    "互联网",
    "其他",
];
const REGIONS: [&str; 4] = ["东区", "南区", "北区", "西区"];
const SIZES: [&str; 5] = ["1-50", "51-200", "201-1000", "1001-2000", "2000+"];
const COMMENTS: [&str; 4] = [
    "自动化运维做得好，监控告警及时",
    "\"工程师经验不足，监控告警误报多, 建议定期回访\"",
    "响应速度慢",
    "培训不足",
];

/// A deterministic generator of workload rows (xorshift; the seed picks the sequence).
#[derive(Debug, Clone)]
pub struct Workload {
    state: u64,
}

impl Workload {
    /// A generator with a seed.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self {
            state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
        }
    }

    fn next(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.state = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// An item answer: mostly 4 and 5, 2% blank.
    fn level(&mut self) -> Option<u8> {
        match self.below(1000) {
            0..20 => None,
            20..28 => Some(1),
            28..45 => Some(2),
            45..90 => Some(3),
            90..360 => Some(4),
            _ => Some(5),
        }
    }

    /// `n` data rows with the header, as CSV bytes.
    #[must_use]
    pub fn csv(&mut self, n: usize) -> Vec<u8> {
        let mut s = String::from(
            "respondent_id,company,department,industry,region,company_size,role,submitted_at",
        );
        for i in 1..=ITEMS {
            let _ = write!(s, ",q{i:02}");
        }
        s.push_str(",nps,comment\n");
        for row in 0..n {
            let id = (row as u64).wrapping_mul(2_654_435_761) % 100_000_000;
            let _ = write!(
                s,
                "R{id:08},{},{},{},{},{},{},2021-11-2{}",
                COMPANIES[self.below(COMPANIES.len())],
                DEPARTMENTS[self.below(DEPARTMENTS.len())],
                INDUSTRIES[self.below(INDUSTRIES.len())],
                REGIONS[self.below(REGIONS.len())],
                SIZES[self.below(SIZES.len())],
                if self.below(2) == 0 {
                    "员工"
                } else {
                    "经理"
                },
                self.below(7) + 1,
            );
            for _ in 0..ITEMS {
                s.push(',');
                if let Some(v) = self.level() {
                    let _ = write!(s, "{v}");
                }
            }
            s.push(',');
            if self.below(100) > 0 {
                let _ = write!(s, "{}", 4 + self.below(7));
            }
            s.push(',');
            if self.below(10) < 3 {
                s.push_str(COMMENTS[self.below(COMMENTS.len())]);
            }
            s.push('\n');
        }
        s.into_bytes()
    }
}

/// `n` pre-parsed responses of [`spec_definition`] (read from [`Workload::csv`]).
#[must_use]
pub fn responses(def: &SurveyDefinition, n: usize, seed: u64) -> Vec<Response> {
    let csv = Workload::new(seed).csv(n);
    csat_ingest::CsvReader::from_reader(def, csv.as_slice(), csat_ingest::ReadOptions::default())
        .map(|r| r.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

/// Answered cells of `responses` (items, recommendation and comment).
#[must_use]
pub fn answered_cells(responses: &[Response]) -> u64 {
    responses
        .iter()
        .map(|r| r.answers().iter().filter(|a| a.is_some()).count() as u64)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workload_reads_without_rejections() {
        let def = spec_definition().unwrap();
        let csv = Workload::new(1).csv(500);
        let read = csat_ingest::read_csv(&def, csv.as_slice(), csat_ingest::ReadOptions::default())
            .unwrap();
        assert_eq!(read.summary.rows_read, 500);
        assert_eq!(read.summary.accepted, 500);
        // 26 items + nps + comment at most per row, and the blanks leave fewer.
        let cells = answered_cells(&read.responses);
        assert!(cells < 500 * 28 && cells > 500 * 25, "{cells}");
        assert_eq!(responses(&def, 20, 1).len(), 20);
    }
}
