//! One respondent's answers.

use serde::{Deserialize, Serialize};

use crate::definition::SurveyDefinition;
use crate::error::{Error, ErrorKind, check_id};
use crate::question::QuestionKind;
use crate::view::AnswerRef;

/// One answer. A question left blank has no `Answer` at all (`None` in
/// [`Response::answers`]): a missing answer is not a zero.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Answer {
    /// A level of a rated question's scale (its value, e.g. `5` for 满意).
    Level(u8),
    /// A recommendation answer 0..=10.
    Recommend(u8),
    /// The position of the chosen option of a single-choice question.
    Choice(u16),
    /// The positions of the chosen options of a multiple-choice question, ascending, no
    /// repeats, at least one.
    Choices(Vec<u16>),
    /// Free text (non-empty).
    Text(String),
}

/// One respondent's answers and attribute values, in the order of a [`SurveyDefinition`]'s
/// questions and attributes.
///
/// Responses are created against a definition, which checks every answer: use
/// [`Response::builder`] in code; `csat-ingest` creates them from files.
///
/// # Example
///
/// ```
/// use csat_model::{Answer, Question, QuestionKind, Response, SurveyDefinition, Attribute};
///
/// let def = SurveyDefinition::builder("s", "t")
///     .attribute(Attribute::new("industry", "行业"))
///     .question(Question::rated("q01", "态度", None)?)
///     .question(Question::new("nps", "推荐", QuestionKind::Recommendation)?)
///     .build()?;
/// let r = Response::builder(&def, "R001")
///     .attribute("industry", "银行")?
///     .answer("q01", Answer::Level(5))?
///     .build()?;
/// assert_eq!(r.answer(0), Some(&Answer::Level(5)));
/// assert_eq!(r.answer(1), None); // nps left blank
/// assert!(Response::builder(&def, "R002").answer("q01", Answer::Level(6)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Response {
    respondent_id: String,
    attributes: Vec<Option<String>>,
    answers: Vec<Option<Answer>>,
}

impl Response {
    /// A response from positional attribute values and answers, checked against `def`.
    pub fn new(
        def: &SurveyDefinition,
        respondent_id: impl Into<String>,
        attributes: Vec<Option<String>>,
        answers: Vec<Option<Answer>>,
    ) -> Result<Self, Error> {
        let r = Self {
            respondent_id: respondent_id.into(),
            attributes,
            answers,
        };
        r.check(def)?;
        Ok(r)
    }

    /// Starts a response for `respondent_id` with everything blank.
    pub fn builder(
        def: &SurveyDefinition,
        respondent_id: impl Into<String>,
    ) -> ResponseBuilder<'_> {
        ResponseBuilder {
            def,
            response: Self {
                respondent_id: respondent_id.into(),
                attributes: vec![None; def.attributes().len()],
                answers: vec![None; def.questions().len()],
            },
        }
    }

    /// Checks that this response fits `def`: shapes, declared attribute values, every answer.
    pub fn check(&self, def: &SurveyDefinition) -> Result<(), Error> {
        check_id("respondent", &self.respondent_id)?;
        let shape = |what, expected, found| -> Error {
            ErrorKind::ShapeMismatch {
                respondent: self.respondent_id.clone(),
                what,
                expected,
                found,
            }
            .into()
        };
        if self.answers.len() != def.questions().len() {
            return Err(shape("answers", def.questions().len(), self.answers.len()));
        }
        if self.attributes.len() != def.attributes().len() {
            return Err(shape(
                "attribute values",
                def.attributes().len(),
                self.attributes.len(),
            ));
        }
        for (a, v) in def.attributes().iter().zip(&self.attributes) {
            if let Some(v) = v
                && !a.accepts(v)
            {
                return Err(ErrorKind::UnknownAttributeValue {
                    respondent: self.respondent_id.clone(),
                    attribute: a.id.clone(),
                    value: v.clone(),
                }
                .into());
            }
        }
        for (i, a) in self.answers.iter().enumerate() {
            if let Some(a) = a {
                check_answer(def, i, a).map_err(|problem| ErrorKind::InvalidAnswer {
                    respondent: self.respondent_id.clone(),
                    question: def.questions()[i].id().to_owned(),
                    problem,
                })?;
            }
        }
        Ok(())
    }

    /// The respondent's id.
    #[must_use]
    #[inline]
    pub fn respondent_id(&self) -> &str {
        &self.respondent_id
    }

    /// Attribute values in the definition's attribute order (`None` = not given).
    #[must_use]
    #[inline]
    pub fn attributes(&self) -> &[Option<String>] {
        &self.attributes
    }

    /// The value of the attribute at `index`.
    #[must_use]
    #[inline]
    pub fn attribute(&self, index: usize) -> Option<&str> {
        self.attributes.get(index).and_then(Option::as_deref)
    }

    /// Answers in the definition's question order (`None` = not answered).
    #[must_use]
    #[inline]
    pub fn answers(&self) -> &[Option<Answer>] {
        &self.answers
    }

    /// The answer to the question at `index`.
    #[must_use]
    #[inline]
    pub fn answer(&self, index: usize) -> Option<&Answer> {
        self.answers.get(index).and_then(Option::as_ref)
    }

    /// Whether no question was answered.
    #[must_use]
    pub fn is_blank(&self) -> bool {
        self.answers.iter().all(Option::is_none)
    }
}

/// Checks one answer against the question at `index`; the error is the problem in words.
///
/// # Errors
///
/// A sentence such as `"9 is outside the scale 1..5"`.
pub fn check_answer(def: &SurveyDefinition, index: usize, answer: &Answer) -> Result<(), String> {
    check_answer_ref(def, index, answer.as_ref())
}

/// [`check_answer`] for a borrowed answer (as a [`ResponseView`](crate::ResponseView) hands
/// out); the same checks and the same sentences.
///
/// # Errors
///
/// A sentence such as `"9 is outside the scale 1..5"`.
pub fn check_answer_ref(
    def: &SurveyDefinition,
    index: usize,
    answer: AnswerRef<'_>,
) -> Result<(), String> {
    let q = &def.questions()[index];
    match (q.kind(), answer) {
        (QuestionKind::Rated { scale }, AnswerRef::Level(v)) => {
            if scale.contains(v) {
                Ok(())
            } else {
                Err(format!(
                    "{v} is outside the scale {}..{}",
                    scale.min(),
                    scale.max()
                ))
            }
        }
        (QuestionKind::Recommendation, AnswerRef::Recommend(v)) => {
            if v <= 10 {
                Ok(())
            } else {
                Err(format!("{v} is outside 0..10"))
            }
        }
        (QuestionKind::SingleChoice { options }, AnswerRef::Choice(i)) => {
            if usize::from(i) < options.len() {
                Ok(())
            } else {
                Err(format!(
                    "option {i} does not exist ({} options)",
                    options.len()
                ))
            }
        }
        (QuestionKind::MultipleChoice { options }, AnswerRef::Choices(set)) => {
            if set.is_empty() {
                return Err("an empty choice set; leave the question blank instead".into());
            }
            if set.windows(2).any(|w| w[0] >= w[1]) {
                return Err("choices must be ascending without repeats".into());
            }
            match set.last() {
                Some(&i) if usize::from(i) >= options.len() => Err(format!(
                    "option {i} does not exist ({} options)",
                    options.len()
                )),
                _ => Ok(()),
            }
        }
        (QuestionKind::OpenText, AnswerRef::Text(t)) => {
            if t.trim().is_empty() {
                Err("empty text; leave the question blank instead".into())
            } else {
                Ok(())
            }
        }
        (kind, _) => Err(format!(
            "answer {answer:?} does not fit a {} question",
            kind.name()
        )),
    }
}

/// Builds a [`Response`] by question and attribute id, checking each value as it is set.
#[derive(Debug, Clone)]
#[must_use]
pub struct ResponseBuilder<'d> {
    def: &'d SurveyDefinition,
    response: Response,
}

impl ResponseBuilder<'_> {
    /// Sets an attribute value.
    pub fn attribute(mut self, id: &str, value: impl Into<String>) -> Result<Self, Error> {
        let Some(i) = self.def.attribute_index(id) else {
            return Err(ErrorKind::UnknownAttribute {
                respondent: self.response.respondent_id.clone(),
                attribute: id.to_owned(),
            }
            .into());
        };
        let value = value.into();
        if !self.def.attributes()[i].accepts(&value) {
            return Err(ErrorKind::UnknownAttributeValue {
                respondent: self.response.respondent_id.clone(),
                attribute: id.to_owned(),
                value,
            }
            .into());
        }
        self.response.attributes[i] = Some(value);
        Ok(self)
    }

    /// Sets an answer.
    pub fn answer(mut self, question: &str, answer: Answer) -> Result<Self, Error> {
        let Some(i) = self.def.question_index(question) else {
            return Err(ErrorKind::UnknownQuestion {
                respondent: self.response.respondent_id.clone(),
                question: question.to_owned(),
            }
            .into());
        };
        check_answer(self.def, i, &answer).map_err(|problem| ErrorKind::InvalidAnswer {
            respondent: self.response.respondent_id.clone(),
            question: question.to_owned(),
            problem,
        })?;
        self.response.answers[i] = Some(answer);
        Ok(self)
    }

    /// Checks the respondent id and returns the response.
    pub fn build(self) -> Result<Response, Error> {
        check_id("respondent", &self.response.respondent_id)?;
        Ok(self.response)
    }
}
