//! Fixtures shared by the integration tests.

#![allow(dead_code)] // Each test binary uses a different subset.
#![allow(
    clippy::unnecessary_wraps,
    reason = "the answer helpers build the `Option<Answer>` cells of expected responses"
)]

use std::path::PathBuf;

use csat_ingest::{Error, read_definition};
use csat_model::{Answer, SurveyDefinition};

/// A file under `tests/data/`.
pub fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The fixture survey (`tests/data/survey.toml`): attributes company (open), region (东区 南区
/// 北区 西区), role (员工 经理); questions q01 q02 q03 (rated 1..5), nps, license (per_device
/// subscription saas), cloud (public private hybrid none, multiple), wishes (open text).
pub fn survey() -> SurveyDefinition {
    read_definition(data("survey.toml")).expect("fixture survey reads")
}

/// The fixture header, in the survey's order.
pub const HEADER: &str = "respondent_id,company,region,role,q01,q02,q03,nps,license,cloud,wishes";

/// A position as a tuple: (record, line, column, column index, value).
pub type Pos<'a> = (u64, u64, Option<&'a str>, Option<usize>, Option<&'a str>);

/// An error's position as a tuple.
pub fn pos(e: &Error) -> Pos<'_> {
    let p = e.position().expect("error has a position");
    (
        p.record,
        p.line,
        p.column.as_deref(),
        p.column_index,
        p.value.as_deref(),
    )
}

pub fn level(v: u8) -> Option<Answer> {
    Some(Answer::Level(v))
}

pub fn rec(v: u8) -> Option<Answer> {
    Some(Answer::Recommend(v))
}

pub fn choice(i: u16) -> Option<Answer> {
    Some(Answer::Choice(i))
}

pub fn choices(is: &[u16]) -> Option<Answer> {
    Some(Answer::Choices(is.to_vec()))
}

pub fn text(t: &str) -> Option<Answer> {
    Some(Answer::Text(t.to_owned()))
}

pub fn attrs(values: [Option<&str>; 3]) -> Vec<Option<String>> {
    values.iter().map(|v| v.map(str::to_owned)).collect()
}
