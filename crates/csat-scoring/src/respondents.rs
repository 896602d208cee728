//! Lists of respondents to call back: the lowest scorers and the detractors.

use std::collections::BTreeMap;

use csat_model::SurveyDefinition;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::figure::{Figure, Method};
use crate::tally::{DetractorEntry, LowEntry};

/// A respondent among the lowest own means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LowScorer {
    /// Respondent id.
    pub respondent: String,
    /// Own mean over the rated items answered: `Σ levels / answered`
    /// ([`Method::RespondentMean`]).
    pub mean: Figure,
    /// Attribute values given, by attribute id (company, department, industry, ...).
    pub attributes: BTreeMap<String, String>,
}

/// A respondent who answered a recommendation question in the detractor band.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Detractor {
    /// Respondent id.
    pub respondent: String,
    /// Their answer, 0..=10.
    pub answer: u8,
    /// Attribute values given, by attribute id.
    pub attributes: BTreeMap<String, String>,
}

/// The detractors of one recommendation question, lowest answer first, then by respondent id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DetractorList {
    /// Question id.
    pub question: String,
    /// All detractors counted (the list may be capped).
    pub total: u64,
    /// The detractors kept, at most the tally spec's cap.
    pub listed: Vec<Detractor>,
}

fn attributes(def: &SurveyDefinition, values: &[Option<String>]) -> BTreeMap<String, String> {
    def.attributes()
        .iter()
        .zip(values)
        .filter_map(|(a, v)| Some((a.id.clone(), v.clone()?)))
        .collect()
}

pub(crate) fn low_scorer(def: &SurveyDefinition, e: &LowEntry) -> Result<LowScorer, Error> {
    Ok(LowScorer {
        respondent: e.respondent.clone(),
        mean: Figure::new(
            Decimal::from(e.level_sum),
            Decimal::from(e.answered),
            e.answered,
            Method::RespondentMean,
        )?,
        attributes: attributes(def, &e.attributes),
    })
}

pub(crate) fn detractor(def: &SurveyDefinition, e: &DetractorEntry) -> Detractor {
    Detractor {
        respondent: e.respondent.clone(),
        answer: e.answer,
        attributes: attributes(def, &e.attributes),
    }
}
