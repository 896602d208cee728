//! CSV ingest throughput (MB/s): the streaming `CsvReader` building owned responses, and the
//! parallel `ParallelCsv` folding borrowed rows into a tally, on one thread and on all.

#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use csat_benches::{Workload, spec_definition};
use csat_ingest::{CsvReader, ParallelCsv, ReadOptions};
use csat_scoring::{Tally, TallySpec};

const ROWS: usize = 50_000;

fn ingest(c: &mut Criterion) {
    let def = spec_definition().expect("the benchmark survey is valid");
    let csv = Workload::new(2).csv(ROWS);
    let opts = ReadOptions::new().check_duplicate_answers(false);
    let spec = TallySpec::new()
        .segment_by("industry")
        .segment_by("region")
        .low_scorers(20)
        .detractors(0);
    let empty = Tally::with_spec(&def, spec).expect("spec fits");

    let mut g = c.benchmark_group("ingest");
    g.throughput(Throughput::Bytes(csv.len() as u64));
    g.bench_function("CsvReader, owned responses", |b| {
        b.iter(|| {
            let reader =
                CsvReader::from_reader(&def, csv.as_slice(), opts.clone()).expect("header");
            black_box(reader.flatten().count())
        });
    });
    g.bench_function("CsvReader + Tally::add", |b| {
        b.iter(|| {
            let reader =
                CsvReader::from_reader(&def, csv.as_slice(), opts.clone()).expect("header");
            let mut t = empty.empty_like();
            for r in reader {
                t.add(&r.expect("valid")).expect("fits");
            }
            black_box(t)
        });
    });
    for threads in [1, 0] {
        let name = if threads == 1 {
            "ParallelCsv + Tally::add, 1 thread".to_owned()
        } else {
            "ParallelCsv + Tally::add, all cores".to_owned()
        };
        g.bench_function(name, |b| {
            b.iter(|| {
                let folded = ParallelCsv::from_bytes(&def, csv.as_slice(), opts.clone())
                    .expect("header")
                    .threads(threads)
                    .fold(|| empty.empty_like(), |t, row| t.add(row), Tally::merge)
                    .expect("valid");
                black_box(folded.value)
            });
        });
    }
    g.bench_function("ParallelCsv, rows only, 1 thread", |b| {
        b.iter(|| {
            let folded = ParallelCsv::from_bytes(&def, csv.as_slice(), opts.clone())
                .expect("header")
                .threads(1)
                .fold(
                    || 0u64,
                    |n, _row| {
                        *n += 1;
                        Ok::<_, std::convert::Infallible>(())
                    },
                    |a, b| Ok(a + b),
                )
                .expect("valid");
            black_box(folded.value)
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
    targets = ingest
}
criterion_main!(benches);
