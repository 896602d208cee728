//! Response rate: questionnaires returned over questionnaires sent.

use csat_model::SurveyDefinition;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::figure::{Figure, Method};
use crate::options::Invitations;
use crate::segments::AttributeSegments;

/// The response rate of one segment value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SegmentResponseRate {
    /// The attribute id.
    pub attribute: String,
    /// The attribute value.
    pub value: String,
    /// Questionnaires sent to it.
    pub sent: u64,
    /// Respondents tallied with that value.
    pub returned: u64,
    /// `100 × returned / sent` ([`Method::ResponseRate`]).
    pub rate: Figure,
}

/// The response rate of a wave, overall and per segment value with stated invitations.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ResponseRate {
    /// Questionnaires sent.
    pub sent: u64,
    /// Questionnaires returned: the stated number, or the respondents tallied.
    pub returned: u64,
    /// `100 × returned / sent` ([`Method::ResponseRate`]); shown as a whole percent.
    pub rate: Figure,
    /// Per segment value with stated invitations, by attribute then value.
    pub by_segment: Vec<SegmentResponseRate>,
}

/// `100 × returned / sent`; fails with [`ErrorKind::ReturnedExceedsSent`] if more came back
/// than went out. `where_` names the segment in the error (empty overall).
fn rate(returned: u64, sent: u64, where_: &dyn Fn() -> String) -> Result<Figure, Error> {
    if returned > sent {
        return Err(ErrorKind::ReturnedExceedsSent {
            where_: where_(),
            returned,
            sent,
        }
        .into());
    }
    Figure::counts(returned, sent, 100, Method::ResponseRate)
}

/// The response rate overall (returned: the stated number, else `respondents`) and per
/// segment value with stated invitations.
pub(crate) fn response_rate(
    def: &SurveyDefinition,
    inv: &Invitations,
    respondents: u64,
    segments: &[AttributeSegments],
) -> Result<ResponseRate, Error> {
    let returned = inv.returned().unwrap_or(respondents);
    let overall = rate(returned, inv.sent(), &String::new)?;
    let mut by_segment = Vec::new();
    for (attribute, sent_by_value) in inv.segments() {
        if def.attribute_index(attribute).is_none() {
            return Err(ErrorKind::UnknownAttribute {
                context: "invitations per segment",
                attribute: attribute.clone(),
            }
            .into());
        }
        let Some(seg) = segments.iter().find(|s| s.attribute == *attribute) else {
            return Err(ErrorKind::NotSegmented {
                attribute: attribute.clone(),
            }
            .into());
        };
        for (value, &sent) in sent_by_value {
            let returned = seg.values.get(value).map_or(0, |s| s.scores.respondents);
            let rate = rate(returned, sent, &|| format!(" of {attribute} {value:?}"))?;
            by_segment.push(SegmentResponseRate {
                attribute: attribute.clone(),
                value: value.clone(),
                sent,
                returned,
                rate,
            });
        }
    }
    Ok(ResponseRate {
        sent: inv.sent(),
        returned,
        rate: overall,
        by_segment,
    })
}
