//! Pins the auto traits of the main types: tallies move between threads to be merged, scores
//! are shared read-only.

fn send_sync<T: Send + Sync>() {}

#[test]
fn main_types_are_send_and_sync() {
    send_sync::<csat_scoring::Tally>();
    send_sync::<csat_scoring::TallySpec>();
    send_sync::<csat_scoring::Scores>();
    send_sync::<csat_scoring::ScoringOptions>();
    send_sync::<csat_scoring::Figure>();
    send_sync::<csat_scoring::Error>();
}
