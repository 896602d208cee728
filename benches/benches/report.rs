//! Building the annual report and rendering it: the default dataset (2021 with 2019 and 2020 as
//! earlier waves, as `annual_report` runs it) and a 2021 wave of 1,000,000 respondents (the
//! default dataset's 105 responses repeated under new ids, with the same earlier waves).

#![allow(
    missing_docs,
    reason = "criterion_group! generates undocumented functions"
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use csat_ingest::{LoadedWave, ReadOptions, load_wave_dir};
use csat_model::{Response, Wave, WaveInfo};
use csat_report::{AnnualReport, RenderOptions, ReportInput, ReportOptions, render};

const BIG: usize = 1_000_000;

fn data(rest: &str) -> String {
    format!(
        "{}/../examples/data/annual/{rest}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn load(year: &str) -> LoadedWave {
    load_wave_dir(data(year), ReadOptions::default()).expect("the default dataset loads")
}

fn options() -> ReportOptions {
    let text = std::fs::read_to_string(data("report-options.toml")).expect("report options");
    toml::from_str(&text).expect("report options parse")
}

/// The 2021 wave grown to `n` respondents: response `i` answers as response `i mod 105`.
fn grown(w: &LoadedWave, n: usize) -> Wave {
    let def = &w.definition;
    let base = w.wave.responses();
    let responses: Vec<Response> = (0..n)
        .map(|i| {
            let r = &base[i % base.len()];
            Response::new(
                def,
                format!("R{i:08}"),
                r.attributes().to_vec(),
                r.answers().to_vec(),
            )
            .expect("a copy of a valid response is valid")
        })
        .collect();
    let info = w.wave.info();
    let info = WaveInfo::new(info.id(), info.survey_id(), info.period())
        .and_then(|i| i.with_sent(3 * n as u64))
        .expect("valid wave facts");
    Wave::new(info, def, responses).expect("unique ids")
}

/// The default report's input with `wave` as the 2021 wave.
fn input<'a>(
    waves: &'a [LoadedWave; 3],
    wave: &'a Wave,
    options: &ReportOptions,
) -> ReportInput<'a> {
    let [y2019, y2020, y2021] = waves;
    ReportInput::new(&y2021.definition, wave)
        .with_previous(&y2019.definition, &y2019.wave)
        .with_previous(&y2020.definition, &y2020.wave)
        .with_options(options.clone())
}

fn report(c: &mut Criterion) {
    let waves = [load("2019"), load("2020"), load("2021")];
    let [y2019, y2020, y2021] = &waves;
    let options = options();
    let render_options = RenderOptions::default();

    let mut g = c.benchmark_group("report/default dataset");
    g.sample_size(20).measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Elements(
        (y2019.wave.responses().len() + y2020.wave.responses().len() + y2021.wave.responses().len())
            as u64,
    ));
    let small = input(&waves, &y2021.wave, &options);
    g.bench_function("build (respondents/s)", |b| {
        b.iter(|| AnnualReport::build(black_box(&small)).expect("builds"));
    });
    let built = AnnualReport::build(&small).expect("builds");
    g.throughput(Throughput::Elements(1));
    g.bench_function("markdown", |b| {
        b.iter(|| render::markdown(black_box(&built), &render_options));
    });
    g.bench_function("html", |b| {
        b.iter(|| render::html(black_box(&built), &render_options));
    });
    g.bench_function("json", |b| {
        b.iter(|| render::json(black_box(&built)).expect("serializes"));
    });
    g.bench_function("csv tables", |b| {
        b.iter(|| render::csv_tables(black_box(&built), &render_options).expect("renders"));
    });
    g.finish();

    let big_wave = grown(y2021, BIG);
    let big = input(&waves, &big_wave, &options);
    let mut g = c.benchmark_group("report/1M respondents");
    g.sample_size(10).measurement_time(Duration::from_secs(40));
    g.throughput(Throughput::Elements(BIG as u64));
    g.bench_function("build (respondents/s)", |b| {
        b.iter(|| AnnualReport::build(black_box(&big)).expect("builds"));
    });
    let built = AnnualReport::build(&big).expect("builds");
    g.throughput(Throughput::Elements(1));
    g.bench_function("markdown", |b| {
        b.iter(|| render::markdown(black_box(&built), &render_options));
    });
    g.bench_function("html", |b| {
        b.iter(|| render::html(black_box(&built), &render_options));
    });
    g.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
