//! # csat-model: the survey domain model
//!
//! Types that describe a customer-satisfaction survey and its answers, with validating
//! constructors and a stable serialized form. No I/O lives here: reading files is
//! `csat-ingest`'s job, computing figures is `csat-scoring`'s.
//!
//! ## Overview
//!
//! - [`SurveyDefinition`]: id, title, [`Dimension`]s, respondent [`Attribute`]s, [`Question`]s
//!   (rated on a [`Scale`], recommendation 0..10, single and multiple choice, open text), and the
//!   scoring settings: the five-level [`ValueMapping`], a [`WeightsTable`], [`Thresholds`] and
//!   [`Targets`]. Serde (de)serializes it as a definition file, TOML or JSON
//!   (`docs/definition-format.md`), through the same validation as the builder.
//! - [`Response`]: one respondent's attribute values and [`Answer`]s, in the definition's order;
//!   a blank is `None`, never a zero. [`ResponseView`] reads a response, or a row borrowed from
//!   a reader's buffers, the same way ([`AnswerRef`] is the borrowed answer), so consumers need
//!   no owned `Response` per row.
//! - [`Wave`] / [`WaveInfo`]: one run of a survey in a [`Period`], with questionnaires sent and
//!   returned. Waves of the same survey share the survey id and item ids, so they compare.
//!
//! ## Examples
//!
//! ```
//! use csat_model::{Answer, Question, QuestionKind, Response, SurveyDefinition};
//!
//! let def: SurveyDefinition = serde_json::from_str(r#"{
//!     "id": "annual", "title": "客户满意度调查",
//!     "questions": [
//!         {"id": "q01", "label": "实施工程师现场服务的工作态度", "kind": "rated"},
//!         {"id": "nps", "label": "推荐意愿", "kind": "recommendation"}
//!     ]
//! }"#)?;
//! let r = Response::builder(&def, "R001").answer("q01", Answer::Level(5))?.build()?;
//! assert_eq!(r.answers(), &[Some(Answer::Level(5)), None]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Errors
//!
//! Every constructor returns [`Error`], whose [`Error::kind`] is a `#[non_exhaustive]`
//! [`ErrorKind`] naming the problem and the ids involved (duplicate ids, unknown dimension,
//! empty or unordered scale, a weight on an unknown item, a negative weight, a mapping with a
//! missing level, ...).
//!
//! ## Limitations
//!
//! Scale levels are `u8` values; choice questions have at most 65,535 options. Responses are
//! positional: they are only meaningful together with the definition they were checked against.

mod decimal;
mod definition;
mod error;
mod mapping;
mod question;
mod response;
mod scale;
mod targets;
mod view;
mod wave;
mod weights;

pub use definition::{DEFAULT_RESPONDENT_COLUMN, DefinitionBuilder, SurveyDefinition};
pub use error::{Error, ErrorKind};
pub use mapping::{MappedLevel, ValueMapping};
pub use question::{Attribute, ChoiceOption, Dimension, Question, QuestionKind};
pub use response::{Answer, Response, ResponseBuilder, check_answer, check_answer_ref};
pub use scale::{FIVE_LEVEL_LABELS, Level, Scale};
pub use targets::{NpsBand, NpsBands, ScoreBasis, Targets, Thresholds};
pub use view::{AnswerRef, ResponseView};
pub use wave::{Period, Wave, WaveInfo};
pub use weights::{Weight, WeightsTable};

#[doc = include_str!("../../../docs/definition-format.md")]
#[cfg(doctest)]
pub struct DefinitionFormatDoc;
