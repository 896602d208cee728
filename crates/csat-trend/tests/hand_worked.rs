//! A hand-worked table: satisfaction (%) of seven industries in two waves and the change of
//! each in points, exactly.
//!
//! | industry | 2020  | 2021  | change, by hand          | in f64 (what to avoid) |
//! |----------|-------|-------|--------------------------|------------------------|
//! | 银行     | 79.38 | 87.50 | 87.50 − 79.38 = +8.12    | 8.120000000000005      |
//! | 证券     | 91.25 | 90.40 | 90.40 − 91.25 = −0.85    | -0.8499999999999943    |
//! | 保险     | 85.00 | 85.00 | 85.00 − 85.00 =  0.00    | 0.0                    |
//! | 其他金融 | 88.89 | 95.24 | 95.24 − 88.89 = +6.35    | 6.349999999999994      |
//! | 运营商   | 92.31 | 84.62 | 84.62 − 92.31 = −7.69    | -7.689999999999998     |
//! | 制造     | 66.67 | 75.00 | 75.00 − 66.67 = +8.33    | 8.329999999999998      |
//! | 政府     | 80.00 | 83.33 | 83.33 − 80.00 = +3.33    | 3.3299999999999983     |
//!
//! The f64 column is what Python prints for `b - a` on the same literals; the decimals here must
//! print exactly as the hand column.

use chrono::NaiveDate;
use csat_model::Period;
use csat_trend::{ChangeOptions, Direction, Figure, Panel, Tolerance, WavePoint};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn wave(year: i32) -> WavePoint {
    let start = NaiveDate::from_ymd_opt(year, 11, 24).unwrap();
    let end = NaiveDate::from_ymd_opt(year, 11, 30).unwrap();
    WavePoint::new(year.to_string(), Period::new(start, end).unwrap()).unwrap()
}

const TABLE: [(&str, Decimal, Decimal, Decimal); 7] = [
    ("银行", dec!(79.38), dec!(87.50), dec!(8.12)),
    ("证券", dec!(91.25), dec!(90.40), dec!(-0.85)),
    ("保险", dec!(85.00), dec!(85.00), dec!(0.00)),
    ("其他金融", dec!(88.89), dec!(95.24), dec!(6.35)),
    ("运营商", dec!(92.31), dec!(84.62), dec!(-7.69)),
    ("制造", dec!(66.67), dec!(75.00), dec!(8.33)),
    ("政府", dec!(80.00), dec!(83.33), dec!(3.33)),
];

fn panel() -> Panel<Figure> {
    Panel::new([
        (
            wave(2020),
            TABLE
                .iter()
                .map(|&(k, a, _, _)| (k, Figure::new(a)))
                .collect::<Vec<_>>(),
        ),
        (
            wave(2021),
            TABLE
                .iter()
                .map(|&(k, _, b, _)| (k, Figure::new(b)))
                .collect::<Vec<_>>(),
        ),
    ])
    .unwrap()
}

#[test]
fn each_change_in_points_is_exact() {
    let changes = panel()
        .changes("2020", "2021", &ChangeOptions::new())
        .unwrap();
    assert_eq!(changes.changes().len(), 7);
    assert!(changes.new_items().is_empty() && changes.dropped_items().is_empty());
    for (industry, _, _, by_hand) in TABLE {
        let c = changes.get(industry).unwrap();
        assert_eq!(c.points(), by_hand, "{industry}");
        // Printed as the hand column: two decimals, no binary noise.
        assert_eq!(c.points().to_string(), by_hand.to_string(), "{industry}");
    }
    assert_eq!(changes.get("银行").unwrap().points().to_string(), "8.12");
    assert_eq!(changes.get("证券").unwrap().points().to_string(), "-0.85");
}

#[test]
fn sorted_by_size_and_directions_with_tolerance() {
    // By size of move: 制造 8.33, 银行 8.12, 运营商 −7.69, 其他金融 6.35, 政府 3.33, 证券 −0.85,
    // 保险 0.
    let changes = panel()
        .changes(
            "2020",
            "2021",
            &ChangeOptions::new().with_tolerance(Tolerance::new(dec!(0.5)).unwrap()),
        )
        .unwrap();
    let order: Vec<&str> = changes.by_size().iter().map(|c| c.item()).collect();
    assert_eq!(
        order,
        ["制造", "银行", "运营商", "其他金融", "政府", "证券", "保险"]
    );
    let dir = |k: &str| changes.get(k).unwrap().direction();
    assert_eq!(dir("银行"), Direction::Up);
    assert_eq!(dir("证券"), Direction::Down); // −0.85 is beyond ±0.5
    assert_eq!(dir("保险"), Direction::Flat);
    // Percent change of 银行: 8.12 × 100 / 79.38 = 10.229… %.
    let pct = changes.get("银行").unwrap().percent().unwrap();
    assert_eq!(pct, dec!(812) / dec!(79.38));
    assert_eq!(
        pct.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
        dec!(10.2)
    );
}
