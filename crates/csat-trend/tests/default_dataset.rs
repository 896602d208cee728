//! Trends of the default dataset (examples/data/annual/{2019,2020,2021}) as the 2021 report
//! tells them (/work/shared/docs/REFERENCE-2021.md, DOMAIN.md section 2).
//!
//! Sources of the expected values:
//! - REFERENCE-2021.md: overall average 4.62 "the highest on record"; NPS 60.6 (69/29/6 of
//!   104 who answered) after 59.4 (70/28/7 over the 106 returned); each item's 2021 and 2020
//!   rank (26 items in 2021, 27 in 2020); 实施工程师现场服务的工作态度 4.74 "a record high".
//! - DOMAIN.md section 2: the NPS before 59.4 was 48.1 (2019).
//! - The dataset's plan (examples/src/dataset/plan.rs): the overall averages as exact fractions,
//!   12265/2755 (2019), 12643/2777 (2020), 12297/2660 (2021), and the dropped item
//!   `remote_support` at rank 25 in 2020.
//! - The survey definitions' `[targets]`: overall average at least 4.5.

use csat_ingest::{LoadedWave, ReadOptions, load_wave_dir};
use csat_scoring::{NpsBase, Scores, ScoringOptions, Tally};
use csat_trend::from_scores::ScoredWaves;
use csat_trend::{
    Alpha, ChangeOptions, Direction, Measure, RecordKind, RecordOptions, Target, TimeAxis,
    WavePoint,
};
use rust_decimal::{Decimal, RoundingStrategy};
use rust_decimal_macros::dec;

fn load(year: &str) -> LoadedWave {
    let dir = format!(
        "{}/../../examples/data/annual/{year}",
        env!("CARGO_MANIFEST_DIR")
    );
    load_wave_dir(&dir, ReadOptions::default()).unwrap()
}

fn score(w: &LoadedWave, options: &ScoringOptions) -> Scores {
    let mut tally = Tally::new(&w.definition).unwrap();
    tally.add_all(w.wave.responses()).unwrap();
    Scores::compute(&w.definition, &tally, options).unwrap()
}

/// The three waves, scored; 2020's NPS over the 106 returned as the report states it.
struct Dataset {
    waves: Vec<(WavePoint, Scores)>,
    labels: Vec<(String, String)>,
}

fn dataset() -> Dataset {
    let mut waves = Vec::new();
    let mut labels = Vec::new();
    for year in ["2021", "2019", "2020"] {
        let w = load(year);
        let options = if year == "2020" {
            assert_eq!(w.wave.returned(), 106);
            ScoringOptions::default().with_nps_base(NpsBase::Stated(w.wave.returned()))
        } else {
            ScoringOptions::default()
        };
        if year == "2021" {
            labels = w
                .definition
                .rated_items()
                .map(|(_, q)| (q.label().to_owned(), q.id().to_owned()))
                .collect();
        }
        waves.push((WavePoint::from(w.wave.info()), score(&w, &options)));
    }
    Dataset { waves, labels }
}

impl Dataset {
    fn scored(&self) -> ScoredWaves<'_> {
        ScoredWaves::new(self.waves.iter().map(|(w, s)| (w.clone(), s))).unwrap()
    }

    fn id_of(&self, label: &str) -> &str {
        &self
            .labels
            .iter()
            .find(|(l, _)| l == label)
            .unwrap_or_else(|| panic!("no 2021 item labelled {label}"))
            .1
    }
}

fn shown(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

#[test]
fn overall_average_by_year_rises_to_a_record() {
    let data = dataset();
    let avg = data.scored().overall_average().unwrap();
    let years: Vec<&str> = avg.waves().map(WavePoint::wave_id).collect();
    assert_eq!(years, ["2019", "2020", "2021"]);
    let exact = [
        dec!(12265) / dec!(2755),
        dec!(12643) / dec!(2777),
        dec!(12297) / dec!(2660),
    ];
    let values: Vec<Decimal> = avg.present().map(|(_, v)| v.value()).collect();
    assert_eq!(values, exact);
    let display: Vec<Decimal> = values.iter().map(|&v| shown(v, 2)).collect();
    assert_eq!(display, [dec!(4.45), dec!(4.55), dec!(4.62)]);

    let changes = avg.changes_from_previous(&ChangeOptions::new()).unwrap();
    for (_, c) in changes.present() {
        assert_eq!(c.direction(), Direction::Up);
    }
    let last = avg.latest_change(&ChangeOptions::new()).unwrap().unwrap();
    assert_eq!(last.points(), exact[2] - exact[1]);

    // "Overall average 4.62, the highest on record."
    let record = avg.latest_record(&RecordOptions::new()).unwrap().unwrap();
    assert_eq!(record.kind(), RecordKind::High);
    assert_eq!(record.previous_wave(), "2020");
    assert_eq!(record.earlier_waves(), 2);
    assert_eq!(shown(record.value(), 2), dec!(4.62));

    // Rising every year: a positive slope per year.
    assert!(avg.trend(TimeAxis::Years).unwrap().slope() > Decimal::ZERO);

    // Target overall_average >= 4.5: missed in 2019, met since.
    let kpi = avg.kpi(Target::at_least(dec!(4.5)));
    assert_eq!(kpi.missed_waves(), ["2019"]);
    let run = kpi.current_run().unwrap();
    assert!(run.met());
    assert_eq!((run.first_wave(), run.length()), ("2020", 2));
}

#[test]
fn nps_by_year_48_1_59_4_60_6() {
    let data = dataset();
    let nps = data.scored().nps(None).unwrap();
    let display: Vec<Decimal> = nps.present().map(|(_, v)| shown(v.value(), 1)).collect();
    assert_eq!(display, [dec!(48.1), dec!(59.4), dec!(60.6)]);
    let y2020 = nps.value("2020").unwrap();
    assert_eq!(
        (
            y2020.promoters(),
            y2020.passives(),
            y2020.detractors(),
            y2020.base()
        ),
        (70, 28, 7, 106)
    );
    let y2021 = nps.value("2021").unwrap();
    assert_eq!(y2021.base(), 104);

    let opts = ChangeOptions::new().with_significance(Alpha::FIVE_PERCENT);
    let last = nps.latest_change(&opts).unwrap().unwrap();
    // 100 × 63 / 104 − 100 × 63 / 106 = 1.14…
    assert_eq!(
        last.points(),
        dec!(6300) / dec!(104) - dec!(6300) / dec!(106)
    );
    assert_eq!(last.direction(), Direction::Up);
    // The same counts as the NPS row of tests/reference/make_reference.py: p = 0.8907658963681944.
    let p = last.test().unwrap().p_value();
    assert!((p - 0.890_765_896_368_194_4).abs() < 1e-9, "p = {p}");
    assert!(!last.is_called());
    // 48.1 -> 59.4: 100 × 63 / 106 − 100 × 50 / 104 = 11.36 points, yet on ~105 answers a
    // wave not significant either: p = 0.20809955329571694 in the same script.
    let first = nps.change("2019", "2020", &opts).unwrap();
    assert_eq!(
        first.points(),
        dec!(6300) / dec!(106) - dec!(5000) / dec!(104)
    );
    assert_eq!(first.direction(), Direction::Up);
    let p = first.test().unwrap().p_value();
    assert!((p - 0.208_099_553_295_716_94).abs() < 1e-9, "p = {p}");
    assert!(!first.is_called());
}

#[path = "../../../examples/tests/support/reference_2021.rs"]
mod reference_2021;
use reference_2021::reference_items;

#[test]
fn item_ranks_2021_against_2020() {
    let data = dataset();
    let scored = data.scored();
    let engine = scored.rank_comparison("2020", "2021").unwrap();
    // Ranked here from the exact item means with the same competition rule.
    let own = scored
        .items()
        .unwrap()
        .rank_comparison("2020", "2021")
        .unwrap();
    assert_eq!(engine, own);

    assert_eq!(engine.matched().len(), 26);
    assert!(engine.new_items().is_empty());
    assert_eq!(engine.dropped_items().len(), 1);
    assert_eq!(engine.dropped_items()[0].item, "remote_support");
    assert_eq!(engine.dropped_items()[0].rank, 25);
    for (label, _score, rank21, rank20) in reference_items() {
        let c = engine.get(data.id_of(&label)).unwrap();
        assert_eq!((c.current(), c.previous()), (rank21, rank20), "{label}");
    }

    // Largest moves from the table: RMA 16 -> 2 (+14), delivery reliability 6 -> 19 (−13),
    // fault-fixing skill 3 -> 15 (−12), after-sales implementation 17 -> 6 (+11).
    let movers: Vec<(&str, i64)> = engine
        .movers()
        .iter()
        .take(4)
        .map(|c| (c.item(), c.places()))
        .collect();
    assert_eq!(
        movers,
        [
            (data.id_of("设备返修(RMA)的综合评价"), 14),
            (data.id_of("交货的可靠性"), -13),
            (data.id_of("服务工程师解决故障的技术能力"), -12),
            (data.id_of("售后实施服务工作的综合评价"), 11),
        ]
    );
    // Unchanged: 22, 23, 24.
    let still = engine.matched().iter().filter(|c| c.places() == 0).count();
    assert_eq!(still, 3);
}

#[test]
fn attitude_item_4_74_is_a_record_high() {
    let data = dataset();
    let items = data.scored().items().unwrap();
    let records = items.records("2021", &RecordOptions::new()).unwrap();
    let attitude = records
        .iter()
        .find(|r| r.item() == "impl_attitude")
        .expect("impl_attitude sets a record in 2021");
    let r = attitude.record();
    assert_eq!(r.kind(), RecordKind::High);
    assert_eq!(shown(r.value(), 2), dec!(4.74));
    assert_eq!(r.earlier_waves(), 2);
    assert!(r.margin() > Decimal::ZERO);
    assert_eq!(data.id_of("实施工程师现场服务的工作态度"), "impl_attitude");

    // Its series has all three waves, and the dropped item ends with a gap in 2021.
    let s = items.series("impl_attitude").unwrap();
    assert_eq!(s.present().count(), 3);
    let dropped = items.series("remote_support").unwrap();
    assert!(dropped.value("2021").is_none());
    assert!(dropped.value("2020").is_some());
}
