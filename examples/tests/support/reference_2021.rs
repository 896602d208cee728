//! REFERENCE-2021's item table for the tests of several crates, included with
//! `#[path = "../../../examples/tests/support/reference_2021.rs"] mod reference_2021;` so the
//! table is read by one piece of code. Paths are relative to the including crate, which must
//! sit two levels below the workspace root (`crates/<name>`).

/// REFERENCE-2021.md, "Item scores and ranks", transcribed once into
/// examples/data/annual/reference-2021-items.csv: label, 2021 score, 2021 rank, 2020 rank.
pub fn reference_items() -> Vec<(String, String, u32, u32)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/annual/reference-2021-items.csv"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .skip(1)
        .map(|line| match line.split(',').collect::<Vec<_>>()[..] {
            [label, score, rank, rank_2020] => (
                label.to_owned(),
                score.to_owned(),
                rank.parse().expect("a rank"),
                rank_2020.parse().expect("a rank"),
            ),
            _ => panic!("{path}: malformed line {line:?}"),
        })
        .collect()
}
