//! The flat counters of the whole sample and of each segment and pair, and counting into them.

use csat_model::ResponseView;

use super::by_value::ByValue;
use super::low::Own;
use super::plan::Plan;

/// Flat counters: per group `[respondents, scored, satisfied, question blocks...]`, each
/// question's block at [`Plan::offsets`]. Counting an answer is one indexed increment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Groups {
    /// The whole sample, counted only when there is no segment (else empty): every
    /// respondent is in exactly one group of the first segment (a value's or the missing
    /// one), so the whole sample is their sum ([`Groups::whole`]), and each answer is counted
    /// into one group fewer.
    pub(super) total: Vec<u64>,
    /// Per segment attribute: counters per value (sorted by value), and for no value.
    pub(super) segments: Vec<(ByValue, Vec<u64>)>,
    /// Per attribute pair: counters per pair of values (sorted), and for either missing.
    pub(super) pairs: Vec<(Keyed<ValuePair>, Vec<u64>)>,
}

/// The values of an attribute pair.
pub(super) type ValuePair = (String, String);

/// Flat groups by key, sorted by key.
pub(super) type Keyed<K> = Vec<(K, Vec<u64>)>;

impl Groups {
    pub(super) fn empty(plan: &Plan) -> Self {
        Self {
            total: if plan.segment_attrs.is_empty() {
                vec![0; plan.width]
            } else {
                Vec::new()
            },
            segments: plan
                .segment_attrs
                .iter()
                .map(|_| (ByValue::default(), vec![0; plan.width]))
                .collect(),
            pairs: plan
                .pair_attrs
                .iter()
                .map(|_| (Vec::new(), vec![0; plan.width]))
                .collect(),
        }
    }
}

impl Groups {
    /// The whole sample's counters (see [`Groups::total`]).
    pub(super) fn whole(&self) -> Vec<u64> {
        match self.segments.first() {
            None => self.total.clone(),
            Some((values, missing)) => {
                let mut whole = missing.clone();
                for (_, g) in &values.entries {
                    add_into(&mut whole, g);
                }
                whole
            }
        }
    }

    /// Respondents in the whole sample.
    pub(super) fn respondents(&self) -> u64 {
        let first = |g: &[u64]| g.first().copied().unwrap_or(0);
        match self.segments.first() {
            None => first(&self.total),
            Some((values, missing)) => {
                first(missing) + values.entries.iter().map(|(_, g)| first(g)).sum::<u64>()
            }
        }
    }

    /// Counts one respondent (own score `own`, counter indices `hits`) into the whole sample
    /// (through the first segment's groups, if any) and the groups of its segment values.
    pub(super) fn count<V: ResponseView + ?Sized>(
        &mut self,
        plan: &Plan,
        r: &V,
        own: &Own,
        hits: &[u32],
    ) {
        let width = plan.width;
        let total = &mut self.total;
        // Up to two segments (or the whole sample) in one pass over the hits; the rest (more
        // segments, pairs) one group per pass.
        let more = match (&mut self.segments[..], &plan.segment_attrs[..]) {
            ([a, b, more @ ..], [ai, bi, more_attrs @ ..]) => {
                let a = segment_group(a, r.attribute(*ai), width);
                let b = segment_group(b, r.attribute(*bi), width);
                count_into([a, b], own, hits);
                more.iter_mut().zip(more_attrs)
            }
            ([a, more @ ..], [ai, more_attrs @ ..]) => {
                let a = segment_group(a, r.attribute(*ai), width);
                count_into([a], own, hits);
                more.iter_mut().zip(more_attrs)
            }
            (more, more_attrs) => {
                count_into([total], own, hits);
                more.iter_mut().zip(more_attrs)
            }
        };
        for (segment, &ai) in more {
            count_into([segment_group(segment, r.attribute(ai), width)], own, hits);
        }
        for ((values, missing), &(ai, bi)) in self.pairs.iter_mut().zip(&plan.pair_attrs) {
            let group = match (r.attribute(ai), r.attribute(bi)) {
                (Some(a), Some(b)) => {
                    // Pairs are rarer than single segments: the key is built for the search.
                    let key = (a.to_owned(), b.to_owned());
                    let make = || key.clone();
                    group_of(values, &key, make, width)
                }
                _ => missing,
            };
            count_into([group], own, hits);
        }
    }
}

/// The flat counters of `key`, created (zeroed) on first use; one binary search when present.
#[inline]
pub(super) fn group_of<'g, K: Ord + ?Sized, O: std::borrow::Borrow<K>>(
    groups: &'g mut Vec<(O, Vec<u64>)>,
    key: &K,
    make: impl FnOnce() -> O,
    width: usize,
) -> &'g mut Vec<u64> {
    let i = match groups.binary_search_by(|(k, _)| k.borrow().cmp(key)) {
        Ok(i) => i,
        Err(i) => {
            groups.insert(i, (make(), vec![0; width]));
            i
        }
    };
    &mut groups[i].1
}

/// The flat counters of a segment's group for `value` (its missing group for no value).
#[inline]
fn segment_group<'g>(
    (values, missing): &'g mut (ByValue, Vec<u64>),
    value: Option<&str>,
    width: usize,
) -> &'g mut Vec<u64> {
    match value {
        Some(v) => values.group(v, width),
        None => missing,
    }
}

/// Counts one respondent into groups of flat counters: `hits` are the flat indices of its
/// answers. Several groups per pass, so that each index is read once; an index past the
/// shortest group (none is: groups are all `Plan::width` long and the plan's indices are
/// below it) is skipped, which the one comparison proves for every group.
#[inline]
fn count_into<const N: usize>(groups: [&mut Vec<u64>; N], own: &Own, hits: &[u32]) {
    let len = groups.iter().map(|g| g.len()).min().unwrap_or(0);
    let mut groups = groups.map(|g| &mut g[..len]);
    let scored = u64::from(own.answered > 0);
    let satisfied = u64::from(own.satisfied && own.answered > 0);
    for g in &mut groups {
        if let [respondents, s, sat, ..] = g {
            *respondents += 1;
            *s += scored;
            *sat += satisfied;
        }
    }
    for &k in hits {
        let k = k as usize;
        if k < len {
            for g in &mut groups {
                g[k] += 1;
            }
        }
    }
}

pub(super) fn add_into(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

/// The flat counters of a segment's group for `value` (its missing group for no value), if
/// the group exists: a new value is left to the two-pass path, so that no group is made for
/// a response that turns out not to fit.
#[inline]
pub(super) fn existing_group<'g>(
    (values, missing): &'g mut (ByValue, Vec<u64>),
    value: Option<&str>,
) -> Option<&'g mut Vec<u64>> {
    match value {
        Some(v) => values.find_mut(v),
        None => Some(missing),
    }
}
