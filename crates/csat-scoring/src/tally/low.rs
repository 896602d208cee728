//! The kept low scorers and detractors, and the own score that ranks a respondent.

use std::cmp::Ordering;

use csat_model::ResponseView;

/// A respondent's own score, computed before anything is counted.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Own {
    pub(super) level_sum: u64,
    pub(super) answered: u64,
    pub(super) satisfied: bool,
}

/// A kept low scorer, ordered by own mean (exact rational), then respondent id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LowEntry {
    pub(crate) level_sum: u64,
    pub(crate) answered: u64,
    pub(crate) respondent: String,
    pub(crate) attributes: Vec<Option<String>>,
}

pub(super) fn cmp_low<'a>(
    (sum_a, n_a, id_a, attrs_a): (u64, u64, &str, impl Iterator<Item = Option<&'a str>>),
    b: &LowEntry,
) -> Ordering {
    // sum_a / n_a vs sum_b / n_b with n > 0: cross-multiply in u128, which cannot overflow.
    (u128::from(sum_a) * u128::from(b.answered))
        .cmp(&(u128::from(b.level_sum) * u128::from(n_a)))
        .then_with(|| id_a.cmp(&b.respondent))
        .then_with(|| n_a.cmp(&b.answered))
        .then_with(|| cmp_attributes(attrs_a, &b.attributes))
}

/// Orders attribute values as `Vec<Option<String>>` does (lexicographically, `None` first,
/// shorter first), without owning the left-hand side.
pub(super) fn cmp_attributes<'a>(
    mut a: impl Iterator<Item = Option<&'a str>>,
    b: &[Option<String>],
) -> Ordering {
    let mut b = b.iter().map(Option::as_deref);
    loop {
        match (a.next(), b.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match x.cmp(&y) {
                Ordering::Equal => {}
                other => return other,
            },
        }
    }
}

/// A view's attribute values, in order, as `Vec<Option<String>>` compares them.
pub(super) fn view_attributes<V: ResponseView + ?Sized>(
    r: &V,
) -> impl Iterator<Item = Option<&str>> {
    (0..r.attribute_count()).map(|i| r.attribute(i))
}

pub(super) fn owned_attributes<V: ResponseView + ?Sized>(r: &V) -> Vec<Option<String>> {
    view_attributes(r).map(|a| a.map(str::to_owned)).collect()
}

impl Ord for LowEntry {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_low(
            (
                self.level_sum,
                self.answered,
                &self.respondent,
                self.attributes.iter().map(Option::as_deref),
            ),
            other,
        )
    }
}

impl PartialOrd for LowEntry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A kept detractor, ordered by answer (lowest first), then respondent id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct DetractorEntry {
    pub(crate) answer: u8,
    pub(crate) respondent: String,
    pub(crate) attributes: Vec<Option<String>>,
}
