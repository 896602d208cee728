//! Tally throughput on pre-parsed responses (one core), merging two tallies, and scoring a
//! tally.

#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use csat_benches::{answered_cells, responses, spec_definition};
use csat_scoring::{Scores, ScoringOptions, Tally, TallySpec};

const ROWS: usize = 20_000;

fn spec() -> TallySpec {
    TallySpec::new()
        .segment_by("industry")
        .segment_by("region")
        .low_scorers(20)
        .detractors(0)
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
