//! The main types can be shared across threads.

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn main_types_are_send_and_sync() {
    assert_send_sync::<csat_trend::Error>();
    assert_send_sync::<csat_trend::Series<csat_trend::LevelCounts>>();
    assert_send_sync::<csat_trend::Panel<csat_trend::Figure>>();
    assert_send_sync::<csat_trend::Change>();
    assert_send_sync::<csat_trend::Record>();
    assert_send_sync::<csat_trend::RankComparison>();
    assert_send_sync::<csat_trend::TestResult>();
    assert_send_sync::<csat_trend::KpiHistory>();
    assert_send_sync::<csat_trend::CategoryShares>();
    assert_send_sync::<csat_trend::from_scores::ScoredWaves<'static>>();
}
