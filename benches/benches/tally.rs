//! Tally throughput on pre-parsed responses (one core), merging two tallies, and scoring a
//! tally.

#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use csat_benches::{ITEMS, answered_cells, responses, spec_definition};
use csat_model::{Attribute, Question, QuestionKind, Response, SurveyDefinition};
use csat_scoring::{Scores, ScoringOptions, Tally, TallySpec};

const ROWS: usize = 20_000;

fn spec() -> TallySpec {
    TallySpec::new()
        .segment_by("industry")
        .segment_by("region")
        .low_scorers(20)
        .detractors(0)
}

/// The benchmark survey with its first 13 items only.
fn half_definition() -> SurveyDefinition {
    let mut b = SurveyDefinition::builder("bench", "half");
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
    for i in 1..=13 {
        let id = format!("q{i:02}");
        b = b.question(Question::rated(id.clone(), id, None).expect("valid"));
    }
    b.question(Question::new("nps", "nps", QuestionKind::Recommendation).expect("valid"))
        .question(Question::new("comment", "comment", QuestionKind::OpenText).expect("valid"))
        .build()
        .expect("valid")
}

fn tally(c: &mut Criterion) {
    let def = spec_definition().expect("the benchmark survey is valid");
    let rs = responses(&def, ROWS, 1);
    let empty = Tally::with_spec(&def, spec()).expect("spec fits");

    let mut g = c.benchmark_group("tally");
    g.throughput(Throughput::Elements(answered_cells(&rs)));
    g.bench_function("add 20k responses (answers/s)", |b| {
        b.iter(|| {
            let mut t = empty.empty_like();
            for r in &rs {
                t.add(r).expect("fits");
            }
            black_box(t)
        });
    });
    g.finish();

    // How the cost grows with segments: the same responses cut by 0, 2 and 4 attributes.
    let mut g = c.benchmark_group("tally by segments");
    g.throughput(Throughput::Elements(answered_cells(&rs)));
    for attrs in [
        &[][..],
        &["industry", "region"],
        &["industry", "region", "company_size", "role"],
    ] {
        let mut spec = TallySpec::new().low_scorers(20).detractors(0);
        for a in attrs {
            spec = spec.segment_by(*a);
        }
        let empty = Tally::with_spec(&def, spec).expect("spec fits");
        g.bench_function(format!("{} segments", attrs.len()), |b| {
            b.iter(|| {
                let mut t = empty.empty_like();
                for r in &rs {
                    t.add(r).expect("fits");
                }
                black_box(t)
            });
        });
    }
    g.finish();

    // How the cost grows with items: the first 13 items only, against all 26.
    let half = half_definition();
    let half_rs: Vec<Response> = rs
        .iter()
        .map(|r| {
            let mut answers = r.answers()[..13].to_vec();
            answers.extend_from_slice(&r.answers()[ITEMS..]);
            Response::new(&half, r.respondent_id(), r.attributes().to_vec(), answers)
                .expect("same answers")
        })
        .collect();
    let empty_half = Tally::with_spec(&half, spec()).expect("spec fits");
    let mut g = c.benchmark_group("tally by items");
    g.throughput(Throughput::Elements(rs.len() as u64));
    g.bench_function("13 items (respondents/s)", |b| {
        b.iter(|| {
            let mut t = empty_half.empty_like();
            for r in &half_rs {
                t.add(r).expect("fits");
            }
            black_box(t)
        });
    });
    g.bench_function("26 items (respondents/s)", |b| {
        b.iter(|| {
            let mut t = empty.empty_like();
            for r in &rs {
                t.add(r).expect("fits");
            }
            black_box(t)
        });
    });
    g.finish();

    let mut a = empty.empty_like();
    a.add_all(&rs[..ROWS / 2]).expect("fits");
    let mut b2 = empty.empty_like();
    b2.add_all(&rs[ROWS / 2..]).expect("fits");
    let mut g = c.benchmark_group("merge");
    g.throughput(Throughput::Elements(1));
    g.bench_function("two tallies (merges/s)", |b| {
        b.iter(|| black_box(a.clone().merge(b2.clone()).expect("same spec")));
    });
    g.finish();

    let whole = a.merge(b2).expect("same spec");
    let mut g = c.benchmark_group("score");
    g.throughput(Throughput::Elements(1));
    g.bench_function("Scores::compute (scorings/s)", |b| {
        b.iter(|| {
            black_box(Scores::compute(&def, &whole, &ScoringOptions::default()).expect("scores"))
        });
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = tally
}
criterion_main!(benches);
