//! Survey facts: when, how many sent and returned, and who answered.

use chrono::{Datelike, NaiveDate, Weekday};
use csat_model::Attribute;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::stat::Stat;

/// The wave's facts: survey, period, questionnaires sent and returned, response rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SurveySection {
    /// Survey id.
    pub survey_id: String,
    /// Survey title (the current definition's).
    pub title: String,
    /// Wave id, e.g. `2021`.
    pub wave: String,
    /// First day of fieldwork.
    pub period_start: NaiveDate,
    /// Last day of fieldwork.
    pub period_end: NaiveDate,
    /// Monday-to-Friday days in the period (public holidays are not known, so not removed).
    pub working_days: u32,
    /// Questionnaires sent, if known.
    pub sent: Option<u64>,
    /// Questionnaires returned: the wave's stated number, else the responses on file.
    pub returned: u64,
    /// Responses on file (those scored).
    pub responses: u64,
    /// `100 × returned / sent`, whole percent; `n` is the number sent. `None` without `sent`.
    pub response_rate: Option<Stat>,
    /// Ids of the earlier waves compared with, oldest first.
    pub previous_waves: Vec<String>,
}

/// How many respondents gave one value of an attribute.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ValueCount {
    /// The value, e.g. `员工`.
    pub value: String,
    /// Respondents with it.
    pub count: u64,
    /// `100 × count / answered` (1 decimal; `n` = respondents who gave the attribute).
    pub share: Stat,
}

/// The sample by one attribute with a closed list of values.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AttributeMakeup {
    /// Attribute id.
    pub attribute: String,
    /// Attribute label.
    pub label: String,
    /// Respondents who gave a value.
    pub answered: u64,
    /// Respondents who left it blank.
    pub missing: u64,
    /// Every declared value in declared order (zero counts included), then any other value
    /// found, in ascending order.
    pub values: Vec<ValueCount>,
}

/// A named share of the sample, from [`ShareFactSpec`](crate::ShareFactSpec).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ShareFact {
    /// The fact's label, as given in the options.
    pub label: String,
    /// Attribute id.
    pub attribute: String,
    /// The values counted.
    pub values: Vec<String>,
    /// Respondents with one of them.
    pub count: u64,
    /// `100 × count / respondents who gave the attribute` (1 decimal).
    pub share: Stat,
}

/// The ratio of the two values of a two-valued attribute, e.g. male : female = 25 : 1.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RatioFact {
    /// Attribute id.
    pub attribute: String,
    /// Attribute label.
    pub label: String,
    /// The first declared value, e.g. `男`.
    pub first: String,
    /// The second declared value, e.g. `女`.
    pub second: String,
    /// Respondents with the first value.
    pub first_count: u64,
    /// Respondents with the second value.
    pub second_count: u64,
    /// The counts divided by their greatest common divisor, e.g. `[25, 1]` for 100 : 4.
    pub reduced: [u64; 2],
    /// `first_count / second_count` (1 decimal; `None` when the second count is 0).
    pub first_per_second: Stat,
    /// The ratio as written in a report: `25:1` when the reduced second term is 1, else
    /// `first_per_second:1` (`3.2:1`).
    pub shown: String,
}

/// Who answered: the sample by attribute, named shares and two-value ratios.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SampleSection {
    /// Responses scored.
    pub respondents: u64,
    /// The sample by every attribute with a closed list of values, in declared order.
    pub attributes: Vec<AttributeMakeup>,
    /// Named shares from the options, in the options' order.
    pub shares: Vec<ShareFact>,
    /// Ratios of every attribute with exactly two declared values.
    pub ratios: Vec<RatioFact>,
}

fn working_days(start: NaiveDate, end: NaiveDate) -> u32 {
    start
        .iter_days()
        .take_while(|d| *d <= end)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .count()
        .try_into()
        .unwrap_or(u32::MAX)
}

pub(crate) fn survey(ctx: &Context<'_>) -> SurveySection {
    let cur = &ctx.current;
    let info = cur.wave.info();
    let rate = cur.scores.response_rate.as_ref();
    SurveySection {
        survey_id: cur.def.id().to_owned(),
        title: cur.def.title().to_owned(),
        wave: info.id().to_owned(),
        period_start: info.period().start(),
        period_end: info.period().end(),
        working_days: working_days(info.period().start(), info.period().end()),
        sent: info.sent(),
        returned: rate.map_or_else(|| cur.wave.returned(), |r| r.returned),
        responses: cur.wave.responses().len() as u64,
        response_rate: rate.map(|r| Stat::response_rate(r.rate.value, r.rate.n)),
        previous_waves: ctx.previous.iter().map(|p| p.id().to_owned()).collect(),
    }
}

fn makeup(ctx: &Context<'_>, index: usize, attr: &Attribute) -> AttributeMakeup {
    let mut counts: Vec<(String, u64)> = attr
        .values
        .iter()
        .flatten()
        .map(|v| (v.clone(), 0))
        .collect();
    let mut extra: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    let mut missing = 0u64;
    for r in ctx.current.wave.responses() {
        match r.attribute(index) {
            None => missing += 1,
            Some(v) => match counts.iter_mut().find(|(x, _)| x == v) {
                Some((_, c)) => *c += 1,
                None => *extra.entry(v.to_owned()).or_default() += 1,
            },
        }
    }
    counts.extend(extra);
    let answered: u64 = counts.iter().map(|(_, c)| c).sum();
    AttributeMakeup {
        attribute: attr.id.clone(),
        label: attr.label.clone(),
        answered,
        missing,
        values: counts
            .into_iter()
            .map(|(value, count)| ValueCount {
                value,
                count,
                share: Stat::percent(share(count, answered), answered),
            })
            .collect(),
    }
}

pub(crate) fn share(count: u64, of: u64) -> Option<Decimal> {
    (of > 0).then(|| Decimal::from(count) * Decimal::ONE_HUNDRED / Decimal::from(of))
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

fn ratio(m: &AttributeMakeup) -> Option<RatioFact> {
    let [a, b] = m.values.get(..2)? else {
        return None;
    };
    let g = gcd(a.count, b.count).max(1);
    let reduced = [a.count / g, b.count / g];
    let first_per_second = Stat::percent(
        (b.count > 0).then(|| Decimal::from(a.count) / Decimal::from(b.count)),
        a.count + b.count,
    );
    let shown = if reduced[1] == 1 {
        format!("{}:1", reduced[0])
    } else {
        format!("{}:1", first_per_second.text())
    };
    Some(RatioFact {
        attribute: m.attribute.clone(),
        label: m.label.clone(),
        first: a.value.clone(),
        second: b.value.clone(),
        first_count: a.count,
        second_count: b.count,
        reduced,
        first_per_second,
        shown,
    })
}

pub(crate) fn sample(ctx: &Context<'_>) -> SampleSection {
    let def = ctx.current.def;
    let attributes: Vec<AttributeMakeup> = def
        .attributes()
        .iter()
        .enumerate()
        .filter(|(_, a)| a.values.is_some())
        .map(|(i, a)| makeup(ctx, i, a))
        .collect();
    let shares = ctx
        .options
        .share_facts
        .iter()
        .filter_map(|f| {
            let i = def.attribute_index(&f.attribute)?;
            let (mut count, mut answered) = (0u64, 0u64);
            for r in ctx.current.wave.responses() {
                if let Some(v) = r.attribute(i) {
                    answered += 1;
                    if f.values.iter().any(|x| x == v) {
                        count += 1;
                    }
                }
            }
            Some(ShareFact {
                label: f.label.clone(),
                attribute: f.attribute.clone(),
                values: f.values.clone(),
                count,
                share: Stat::percent(share(count, answered), answered),
            })
        })
        .collect();
    let ratios = def
        .attributes()
        .iter()
        .filter(|a| a.values.as_ref().is_some_and(|v| v.len() == 2))
        .filter_map(|a| attributes.iter().find(|m| m.attribute == a.id))
        .filter_map(ratio)
        .collect();
    SampleSection {
        respondents: ctx.current.wave.responses().len() as u64,
        attributes,
        shares,
        ratios,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_working_days_in_the_2021_fieldwork() {
        // REFERENCE-2021: 2021-11-24 (Wed) .. 2021-11-30 (Tue) is five working days.
        let d = |m, day| NaiveDate::from_ymd_opt(2021, m, day).unwrap();
        assert_eq!(working_days(d(11, 24), d(11, 30)), 5);
        assert_eq!(working_days(d(11, 27), d(11, 28)), 0);
        assert_eq!(gcd(100, 4), 4);
        assert_eq!(gcd(7, 0), 7);
    }
}
