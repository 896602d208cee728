//! Properties of trends, changes and tests that must hold for any input.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use csat_model::Period;
use csat_trend::{
    Alpha, ChangeOptions, Direction, Figure, LevelCounts, Measure, NpsCounts, Proportion, Series,
    TimeAxis, WavePoint,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(offset))
        .unwrap()
}

fn wave(i: usize, offset: u64) -> WavePoint {
    let d = day(offset);
    WavePoint::new(format!("w{i}"), Period::new(d, d).unwrap()).unwrap()
}

/// Distinct wave dates as day offsets (any spacing: yearly, quarterly, irregular), ascending.
fn offsets() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::btree_set(0u64..20_000, 2..12)
        .prop_map(|s: BTreeSet<u64>| s.into_iter().collect())
}

/// Decimals such as 4.62, −10, 87.5 or 0.0001.
fn decimal() -> impl Strategy<Value = Decimal> {
    (-1_000_000i64..1_000_000, 0u32..5).prop_map(|(m, s)| Decimal::new(m, s))
}

/// Counts on a five-level scale with at least two answers.
fn level_counts() -> impl Strategy<Value = LevelCounts> {
    prop::collection::vec(0u64..60, 5)
        .prop_filter("at least two answers", |c| c.iter().sum::<u64>() >= 2)
        .prop_map(|c| LevelCounts::from_levels((1u8..=5).zip(c)).expect("valid counts"))
}

fn nps_counts() -> impl Strategy<Value = NpsCounts> {
    (0u64..80, 0u64..80, 0u64..80, 0u64..5)
        .prop_filter("someone answered", |(p, a, d, _)| p + a + d > 0)
        .prop_map(|(p, a, d, extra)| {
            let c = NpsCounts::new(p, a, d).unwrap();
            c.with_base(c.base() + extra).unwrap()
        })
}

fn proportion() -> impl Strategy<Value = Proportion> {
    (1u64..500)
        .prop_flat_map(|n| (0..=n, Just(n)))
        .prop_map(|(x, n)| Proportion::new(x, n).unwrap())
}

fn figures(offsets: &[u64], values: &[Decimal]) -> Series<Figure> {
    Series::new(
        offsets
            .iter()
            .zip(values)
            .enumerate()
            .map(|(i, (&o, &v))| (wave(i, o), Some(Figure::new(v)))),
    )
    .unwrap()
}

/// Every wave holds the same `value`: all pairs must show no change and no significance.
fn assert_constant_series<T: Measure + Clone>(
    offsets: &[u64],
    value: &T,
) -> Result<(), TestCaseError> {
    let s = Series::new(
        offsets
            .iter()
            .enumerate()
            .map(|(i, &o)| (wave(i, o), Some(value.clone()))),
    )
    .unwrap();
    let opts = ChangeOptions::new().with_significance(Alpha::FIVE_PERCENT);
    for c in s
        .changes_from_previous(&opts)
        .unwrap()
        .present()
        .map(|(_, c)| c)
    {
        prop_assert_eq!(c.points(), Decimal::ZERO);
        prop_assert_eq!(c.direction(), Direction::Flat);
        let t = c.test().unwrap();
        prop_assert!(!t.is_significant());
        prop_assert!((t.p_value() - 1.0).abs() < 1e-12, "p = {}", t.p_value());
        prop_assert!(!c.is_called());
    }
    for axis in [TimeAxis::Years, TimeAxis::WaveIndex] {
        let trend = s.trend(axis).unwrap();
        prop_assert_eq!(trend.slope(), Decimal::ZERO);
        prop_assert_eq!(trend.intercept(), value.value());
    }
    Ok(())
}

proptest! {
    #[test]
    fn constant_series_has_zero_slope_and_no_significant_change(
        offsets in offsets(),
        v in decimal(),
        counts in level_counts(),
        nps in nps_counts(),
        share in proportion(),
    ) {
        let values = vec![v; offsets.len()];
        let s = figures(&offsets, &values);
        for axis in [TimeAxis::Years, TimeAxis::WaveIndex] {
            prop_assert_eq!(s.trend(axis).unwrap().slope(), Decimal::ZERO);
        }
        assert_constant_series(&offsets, &counts)?;
        assert_constant_series(&offsets, &nps)?;
        assert_constant_series(&offsets, &share)?;
    }

    #[test]
    fn reversing_time_negates_the_slope(
        offsets in offsets(),
        values in prop::collection::vec(decimal(), 12),
    ) {
        let values = &values[..offsets.len()];
        let s = figures(&offsets, values);
        // Mirror every date around the span: the last wave becomes the first.
        let last = *offsets.last().unwrap();
        let mirrored: Vec<u64> = offsets.iter().map(|&o| last - o).collect();
        let r = Series::new(
            mirrored
                .iter()
                .zip(values)
                .enumerate()
                .map(|(i, (&o, &v))| (wave(i, o), Some(Figure::new(v)))),
        )
        .unwrap();
        let (a, b) = (s.trend(TimeAxis::Years).unwrap(), r.trend(TimeAxis::Years).unwrap());
        prop_assert_eq!(b.slope(), -a.slope());
        // On the wave axis, reversing the order of the values is reversing time.
        let reversed: Vec<Decimal> = values.iter().rev().copied().collect();
        let s_idx = figures(&offsets, values).trend(TimeAxis::WaveIndex).unwrap();
        let r_idx = figures(&offsets, &reversed).trend(TimeAxis::WaveIndex).unwrap();
        prop_assert_eq!(r_idx.slope(), -s_idx.slope());
    }

    #[test]
    fn change_a_to_b_is_minus_change_b_to_a(
        a in decimal(),
        b in decimal(),
        ca in level_counts(),
        cb in level_counts(),
        na in nps_counts(),
        nb in nps_counts(),
        pa in proportion(),
        pb in proportion(),
    ) {
        let s = figures(&[0, 365], &[a, b]);
        let opts = ChangeOptions::new();
        let ab = s.change("w0", "w1", &opts).unwrap();
        let ba = s.change("w1", "w0", &opts).unwrap();
        prop_assert_eq!(ab.points(), -ba.points());
        prop_assert_eq!(ab.points(), b - a);

        let tested = ChangeOptions::new().with_significance(Alpha::FIVE_PERCENT);
        check_antisymmetric(&ca, &cb, &tested)?;
        check_antisymmetric(&na, &nb, &tested)?;
        check_antisymmetric(&pa, &pb, &tested)?;
    }
}

fn check_antisymmetric<T: Measure + Clone>(
    first: &T,
    second: &T,
    opts: &ChangeOptions,
) -> Result<(), TestCaseError> {
    let series = Series::new([
        (wave(0, 0), Some(first.clone())),
        (wave(1, 365), Some(second.clone())),
    ])
    .unwrap();
    match (
        series.change("w0", "w1", opts),
        series.change("w1", "w0", opts),
    ) {
        (Ok(ab), Ok(ba)) => {
            prop_assert_eq!(ab.points(), -ba.points());
            let (forward, back) = (ab.test().unwrap(), ba.test().unwrap());
            prop_assert_eq!(forward.difference(), -back.difference());
            prop_assert!(
                (forward.statistic() + back.statistic()).abs()
                    <= 1e-9 * forward.statistic().abs().max(1.0)
            );
            prop_assert!((forward.p_value() - back.p_value()).abs() <= 1e-12);
            prop_assert_eq!(forward.is_significant(), back.is_significant());
        }
        // No spread in either wave but different values: refused both ways.
        (Err(e1), Err(e2)) => prop_assert_eq!(e1.kind(), e2.kind()),
        (r1, r2) => prop_assert!(
            false,
            "one direction failed: {:?} / {:?}",
            r1.err(),
            r2.err()
        ),
    }
    Ok(())
}
