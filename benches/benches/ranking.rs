//! Ranking and low-scorer selection at 1,000,000 respondents: competition ranking of a
//! million exact means, and keeping the 20 lowest of a million respondents in a tally.

#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use csat_model::{Answer, Question, Response, SurveyDefinition};
use csat_scoring::ranking::competition_rank;
use csat_scoring::{Tally, TallySpec};
use rust_decimal::Decimal;

const N: usize = 1_000_000;

fn lcg(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *state >> 33
}

fn ranking(c: &mut Criterion) {
    let mut s = 42;
    // Means of 26 answers (sum / 26): many ties, as real respondent means have.
    let means: Vec<Option<Decimal>> = (0..N)
        .map(|_| Some(Decimal::from(26 + lcg(&mut s) % 105) / Decimal::from(26)))
        .collect();
    let mut g = c.benchmark_group("ranking");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("competition_rank of 1M means", |b| {
        b.iter(|| black_box(competition_rank(&means)));
    });
    g.finish();

    let def = SurveyDefinition::builder("s", "t")
        .question(Question::rated("q01", "a", None).expect("valid"))
        .question(Question::rated("q02", "b", None).expect("valid"))
        .build()
        .expect("valid");
    let rs: Vec<Response> = (0..N)
        .map(|i| {
            let level = |s: &mut u64| Answer::Level(1 + (lcg(s) % 5) as u8);
            Response::builder(&def, format!("R{i:08}"))
                .answer("q01", level(&mut s))
                .and_then(|b| b.answer("q02", level(&mut s)))
                .and_then(csat_model::ResponseBuilder::build)
                .expect("valid")
        })
        .collect();
    let empty = Tally::with_spec(&def, TallySpec::new().low_scorers(20)).expect("spec fits");
    let mut g = c.benchmark_group("low scorers");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("20 lowest of 1M respondents (respondents/s)", |b| {
        b.iter(|| {
            let mut t = empty.empty_like();
            for r in &rs {
                t.add(r).expect("fits");
            }
            black_box(t)
        });
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    targets = ranking
}
criterion_main!(benches);
