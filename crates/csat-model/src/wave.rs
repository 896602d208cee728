//! Survey waves: one run of a survey in a period.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::definition::SurveyDefinition;
use crate::error::{Error, ErrorKind, check_id};
use crate::response::Response;

/// A closed date range, start <= end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "PeriodRaw", into = "PeriodRaw")]
pub struct Period {
    start: NaiveDate,
    end: NaiveDate,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodRaw {
    start: NaiveDate,
    end: NaiveDate,
}

impl Period {
    /// A period; fails with [`ErrorKind::InvalidPeriod`] if `end < start`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, Error> {
        if end < start {
            return Err(ErrorKind::InvalidPeriod { start, end }.into());
        }
        Ok(Self { start, end })
    }

    /// First day.
    #[must_use]
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// Last day.
    #[must_use]
    pub fn end(&self) -> NaiveDate {
        self.end
    }
}

impl TryFrom<PeriodRaw> for Period {
    type Error = Error;

    fn try_from(r: PeriodRaw) -> Result<Self, Error> {
        Self::new(r.start, r.end)
    }
}

impl From<Period> for PeriodRaw {
    fn from(p: Period) -> Self {
        Self {
            start: p.start,
            end: p.end,
        }
    }
}

/// What is known about a wave besides its responses: which survey, when, how many
/// questionnaires were sent and (if stated separately) returned.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "WaveInfoRaw", into = "WaveInfoRaw")]
pub struct WaveInfo {
    id: String,
    survey_id: String,
    period: Period,
    sent: Option<u64>,
    returned: Option<u64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WaveInfoRaw {
    id: String,
    survey_id: String,
    period: Period,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sent: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    returned: Option<u64>,
}

impl WaveInfo {
    /// A wave of survey `survey_id`, e.g. `WaveInfo::new("2021", "annual", period)`.
    pub fn new(
        id: impl Into<String>,
        survey_id: impl Into<String>,
        period: Period,
    ) -> Result<Self, Error> {
        let id = id.into();
        let survey_id = survey_id.into();
        check_id("wave", &id)?;
        check_id("survey", &survey_id)?;
        Ok(Self {
            id,
            survey_id,
            period,
            sent: None,
            returned: None,
        })
    }

    /// The same wave with the number of questionnaires sent (invitations).
    pub fn with_sent(mut self, sent: u64) -> Result<Self, Error> {
        self.sent = Some(sent);
        self.check_counts()?;
        Ok(self)
    }

    /// The same wave with the number of questionnaires returned, where it is stated apart from
    /// the responses on file (REFERENCE-2021: 2020's NPS is over 106 returned).
    pub fn with_returned(mut self, returned: u64) -> Result<Self, Error> {
        self.returned = Some(returned);
        self.check_counts()?;
        Ok(self)
    }

    fn check_counts(&self) -> Result<(), Error> {
        if let (Some(s), Some(r)) = (self.sent, self.returned)
            && r > s
        {
            return Err(ErrorKind::InvalidWave {
                wave: self.id.clone(),
                problem: format!("{r} returned is more than {s} sent"),
            }
            .into());
        }
        Ok(())
    }

    /// Wave id, e.g. `2021`.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Survey id.
    #[must_use]
    pub fn survey_id(&self) -> &str {
        &self.survey_id
    }

    /// Fieldwork period.
    #[must_use]
    pub fn period(&self) -> Period {
        self.period
    }

    /// Questionnaires sent, if known.
    #[must_use]
    pub fn sent(&self) -> Option<u64> {
        self.sent
    }

    /// Questionnaires returned as stated, if stated apart from the responses.
    #[must_use]
    pub fn returned(&self) -> Option<u64> {
        self.returned
    }
}

impl TryFrom<WaveInfoRaw> for WaveInfo {
    type Error = Error;

    fn try_from(r: WaveInfoRaw) -> Result<Self, Error> {
        check_id("wave", &r.id)?;
        check_id("survey", &r.survey_id)?;
        let w = Self {
            id: r.id,
            survey_id: r.survey_id,
            period: r.period,
            sent: r.sent,
            returned: r.returned,
        };
        w.check_counts()?;
        Ok(w)
    }
}

impl From<WaveInfo> for WaveInfoRaw {
    fn from(w: WaveInfo) -> Self {
        Self {
            id: w.id,
            survey_id: w.survey_id,
            period: w.period,
            sent: w.sent,
            returned: w.returned,
        }
    }
}

/// A wave with its responses in memory.
///
/// Large files need not be held as a `Wave`: the scoring engine tallies a stream of responses.
/// This type is for the common case of a few thousand responses and for tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wave {
    info: WaveInfo,
    responses: Vec<Response>,
}

impl Wave {
    /// A wave of `def`'s survey: the survey ids must match, every response must fit `def`, and
    /// respondent ids must be unique.
    pub fn new(
        info: WaveInfo,
        def: &SurveyDefinition,
        responses: Vec<Response>,
    ) -> Result<Self, Error> {
        if info.survey_id != def.id() {
            return Err(ErrorKind::InvalidWave {
                wave: info.id.clone(),
                problem: format!("belongs to survey {:?}, not {:?}", info.survey_id, def.id()),
            }
            .into());
        }
        let mut seen = std::collections::HashSet::with_capacity(responses.len());
        for r in &responses {
            r.check(def)?;
            if !seen.insert(r.respondent_id()) {
                return Err(ErrorKind::DuplicateId {
                    what: "respondent",
                    id: r.respondent_id().to_owned(),
                }
                .into());
            }
        }
        Ok(Self { info, responses })
    }

    /// The wave's facts.
    #[must_use]
    pub fn info(&self) -> &WaveInfo {
        &self.info
    }

    /// The responses.
    #[must_use]
    pub fn responses(&self) -> &[Response] {
        &self.responses
    }

    /// Questionnaires returned: the stated number if given, else the number of responses.
    #[must_use]
    pub fn returned(&self) -> u64 {
        self.info.returned.unwrap_or(self.responses.len() as u64)
    }
}
