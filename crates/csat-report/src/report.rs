//! The annual report as data.

use serde::{Deserialize, Serialize};

use crate::callbacks::{Callbacks, callbacks};
use crate::choices::{ChoiceTable, choices};
use crate::comments::{CommentsSection, comments};
use crate::context::Context;
use crate::error::{Error, ErrorKind};
use crate::headline::{Headline, headline};
use crate::input::ReportInput;
use crate::items::{ItemTable, items};
use crate::nps::{NpsSection, nps};
use crate::satisfaction::{SatisfactionSection, satisfaction};
use crate::segments::{SegmentTable, segments};
use crate::survey::{SampleSection, SurveySection, sample, survey};
use crate::trend::{TrendSection, trend};

/// The version of the serialized form this library writes and reads
/// (`docs/report-schema.md`). It changes when a field is removed, renamed or changes meaning;
/// added fields do not change it.
pub const SCHEMA_VERSION: u32 = 1;

/// A customer-satisfaction annual report: one section per section of a published report
/// (REFERENCE-2021.md is the model), plain data that serializes to the documented schema.
///
/// Field order is the serialized order and is stable; every figure is a [`Stat`](crate::Stat)
/// with its exact value (a decimal string), its display form and its base `n`.
///
/// # Example
///
/// ```
/// use csat_model::{Answer, Attribute, Period, Question, QuestionKind, Response, SurveyDefinition, Wave, WaveInfo};
/// use csat_report::{AnnualReport, ReportInput};
/// use chrono::NaiveDate;
///
/// let def = SurveyDefinition::builder("annual", "客户满意度调查")
///     .attribute(Attribute::new("region", "区域").with_values(["东区", "南区"]))
///     .question(Question::rated("q01", "工作态度", None)?)
///     .question(Question::new("nps", "推荐意愿", QuestionKind::Recommendation)?)
///     .build()?;
/// let mut responses = Vec::new();
/// for (id, region, level, nps) in [("R1", "东区", 5, 10), ("R2", "南区", 4, 6)] {
///     responses.push(
///         Response::builder(&def, id)
///             .attribute("region", region)?
///             .answer("q01", Answer::Level(level))?
///             .answer("nps", Answer::Recommend(nps))?
///             .build()?,
///     );
/// }
/// let d = |day| NaiveDate::from_ymd_opt(2021, 11, day).ok_or("date");
/// let info = WaveInfo::new("2021", "annual", Period::new(d(24)?, d(30)?)?)?.with_sent(4)?;
/// let wave = Wave::new(info, &def, responses)?;
///
/// let report = AnnualReport::build(&ReportInput::new(&def, &wave))?;
/// assert_eq!(report.headline.overall_average.shown.as_deref(), Some("4.50"));
/// assert_eq!(report.survey.response_rate.as_ref().and_then(|r| r.shown.as_deref()), Some("50"));
/// let nps = report.nps.as_ref().ok_or("nps")?;
/// assert_eq!((nps.promoters, nps.detractors, nps.score.text()), (1, 1, "0.0"));
///
/// let json = report.to_json()?;
/// assert_eq!(AnnualReport::from_json(&json)?, report);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AnnualReport {
    /// [`SCHEMA_VERSION`] at the time of writing.
    pub schema_version: u32,
    /// Survey facts: period, sent, returned, response rate.
    pub survey: SurveySection,
    /// Who answered: the sample by attribute, named shares, ratios.
    pub sample: SampleSection,
    /// Overall average and whether it is a record, highest and lowest item, NPS.
    pub headline: Headline,
    /// Item scores and ranks beside the previous wave's.
    pub items: ItemTable,
    /// NPS with counts, shares and history; `None` without a recommendation question.
    pub nps: Option<NpsSection>,
    /// Detractors and lowest-scoring respondents to call back.
    pub callbacks: Callbacks,
    /// Scores by segment (attributes, then attribute pairs).
    pub segments: Vec<SegmentTable>,
    /// Choice-question distributions.
    pub choices: Vec<ChoiceTable>,
    /// Open-text comments grouped by theme.
    pub comments: CommentsSection,
    /// Weighted satisfaction, satisfaction rate, KPI verdicts.
    pub satisfaction: SatisfactionSection,
    /// Headline figures and items across waves.
    pub trend: TrendSection,
}

impl AnnualReport {
    /// Builds the report of `input`'s current wave, compared with its earlier waves.
    ///
    /// Fails when the waves do not hold together ([`ErrorKind::DefinitionMismatch`],
    /// [`ErrorKind::OtherSurvey`], [`ErrorKind::DuplicateWave`],
    /// [`ErrorKind::PreviousNotEarlier`]), when an option names something the survey does
    /// not have ([`ErrorKind::UnknownAttribute`], [`ErrorKind::UnknownValue`],
    /// [`ErrorKind::UnknownQuestion`]), or when scoring or trend analysis refuses a wave
    /// ([`ErrorKind::Scoring`], [`ErrorKind::Trend`]).
    pub fn build(input: &ReportInput<'_>) -> Result<Self, Error> {
        let ctx = Context::new(input)?;
        let survey = survey(&ctx);
        let items = items(&ctx)?;
        let nps = nps(&ctx)?;
        let headline = headline(&ctx, &items, nps.as_ref(), survey.response_rate.as_ref())?;
        Ok(Self {
            schema_version: SCHEMA_VERSION,
            sample: sample(&ctx),
            headline,
            items,
            nps,
            callbacks: callbacks(&ctx),
            segments: segments(&ctx),
            choices: choices(&ctx),
            comments: comments(&ctx),
            satisfaction: satisfaction(&ctx),
            trend: trend(&ctx),
            survey,
        })
    }

    /// The report as pretty-printed JSON (`docs/report-schema.md`).
    pub fn to_json(&self) -> Result<String, Error> {
        Ok(serde_json::to_string_pretty(self)?)
    }

    /// Reads a report written by [`to_json`](Self::to_json); fails with
    /// [`ErrorKind::UnsupportedSchema`] for another schema version and [`ErrorKind::Json`] for
    /// a document that does not match the schema.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        #[derive(Deserialize)]
        struct Version {
            schema_version: u64,
        }
        let v: Version = serde_json::from_str(json)?;
        if v.schema_version != u64::from(SCHEMA_VERSION) {
            return Err(ErrorKind::UnsupportedSchema {
                found: v.schema_version,
                supported: SCHEMA_VERSION,
            }
            .into());
        }
        Ok(serde_json::from_str(json)?)
    }

    /// The segment table of one attribute, or of a pair (`["region", "industry"]`).
    #[must_use]
    pub fn segment_table(&self, attributes: &[&str]) -> Option<&SegmentTable> {
        self.segments.iter().find(|t| t.attributes == attributes)
    }

    /// The item row of one question id.
    #[must_use]
    pub fn item(&self, item: &str) -> Option<&crate::ItemRow> {
        self.items.rows.iter().find(|r| r.item == item)
    }
}
