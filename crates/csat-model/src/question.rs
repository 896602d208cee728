//! Questions, dimensions, options and respondent attributes.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, check_id};
use crate::scale::{Level, Scale};

/// A group of rated items, e.g. 服务能力与质量 with the child 专业技术.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// Stable id, e.g. `tech`.
    pub id: String,
    /// Label shown in reports, e.g. `专业技术`.
    pub label: String,
    /// The parent dimension's id, if this one is nested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

impl Dimension {
    /// A top-level dimension.
    pub fn new(id: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            parent: None,
        }
    }

    /// The same dimension nested under `parent`.
    #[must_use]
    pub fn with_parent(mut self, parent: impl Into<String>) -> Self {
        self.parent = Some(parent.into());
        self
    }
}

/// A respondent attribute the survey records and results can be cut by: industry, region,
/// company size, role, gender, company, department, or any other.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    /// Stable id, e.g. `industry`.
    pub id: String,
    /// Label shown in reports, e.g. `行业`.
    pub label: String,
    /// The allowed values, if the attribute is a closed list (e.g. the four regions); `None`
    /// accepts any text (company names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    /// The column header in response files, if it differs from the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

impl Attribute {
    /// An open attribute (any text).
    pub fn new(id: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            values: None,
            column: None,
        }
    }

    /// The same attribute restricted to a closed list of values.
    #[must_use]
    pub fn with_values<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        self.values = Some(values.into_iter().map(Into::into).collect());
        self
    }

    /// The column header in response files (the id unless set).
    #[must_use]
    pub fn column(&self) -> &str {
        self.column.as_deref().unwrap_or(&self.id)
    }

    /// Whether `value` is allowed.
    #[must_use]
    pub fn accepts(&self, value: &str) -> bool {
        self.values
            .as_ref()
            .is_none_or(|vs| vs.iter().any(|v| v == value))
    }
}

/// An option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// Stable id, e.g. `saas`.
    pub id: String,
    /// Label respondents saw, e.g. `SaaS`.
    pub label: String,
    /// For multiple choice exported as one 0/1 column per option: that column's header, if it
    /// differs from `<question column>:<option id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

impl ChoiceOption {
    /// An option with an id and a label.
    pub fn new(id: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            column: None,
        }
    }
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QuestionKind {
    /// Rated on an ordinal scale (default five levels 1..5).
    Rated {
        /// The scale.
        scale: Scale,
    },
    /// "How likely are you to recommend us", 0..=10 (NPS).
    Recommendation,
    /// Exactly one option.
    SingleChoice {
        /// The options, in display order.
        options: Vec<ChoiceOption>,
    },
    /// Any number of options.
    MultipleChoice {
        /// The options, in display order.
        options: Vec<ChoiceOption>,
    },
    /// Free text.
    OpenText,
}

impl QuestionKind {
    /// A rated question on the five-level scale.
    #[must_use]
    pub fn rated() -> Self {
        Self::Rated {
            scale: Scale::five_level(),
        }
    }

    /// The kind's name as written in definition files.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::Rated { .. } => "rated",
            Self::Recommendation => "recommendation",
            Self::SingleChoice { .. } => "single_choice",
            Self::MultipleChoice { .. } => "multiple_choice",
            Self::OpenText => "open_text",
        }
    }
}

/// A question of a survey.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "QuestionFile", into = "QuestionFile")]
pub struct Question {
    id: String,
    label: String,
    dimension: Option<String>,
    kind: QuestionKind,
    column: Option<String>,
}

impl Question {
    /// A question; fails if the id is malformed, a scale is invalid, or a choice question has no
    /// options or repeats an option id.
    pub fn new(
        id: impl Into<String>,
        label: impl Into<String>,
        kind: QuestionKind,
    ) -> Result<Self, Error> {
        let id = id.into();
        check_id("question", &id)?;
        if let QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } =
            &kind
        {
            if options.is_empty() {
                return Err(ErrorKind::NoOptions { question: id }.into());
            }
            if options.len() > usize::from(u16::MAX) {
                return Err(ErrorKind::OutOfRange {
                    what: "number of options",
                    value: options.len().to_string(),
                    range: "1..=65535",
                }
                .into());
            }
            for (i, o) in options.iter().enumerate() {
                check_id("option", &o.id)?;
                if options[..i].iter().any(|p| p.id == o.id) {
                    return Err(ErrorKind::DuplicateId {
                        what: "option",
                        id: format!("{id}.{}", o.id),
                    }
                    .into());
                }
            }
        }
        Ok(Self {
            id,
            label: label.into(),
            dimension: None,
            kind,
            column: None,
        })
    }

    /// A rated item on the five-level scale in a dimension.
    pub fn rated(
        id: impl Into<String>,
        label: impl Into<String>,
        dimension: Option<&str>,
    ) -> Result<Self, Error> {
        let mut q = Self::new(id, label, QuestionKind::rated())?;
        q.dimension = dimension.map(str::to_owned);
        Ok(q)
    }

    /// The same question in a dimension.
    #[must_use]
    pub fn in_dimension(mut self, dimension: impl Into<String>) -> Self {
        self.dimension = Some(dimension.into());
        self
    }

    /// The same question read from a differently named column.
    #[must_use]
    pub fn with_column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    /// Stable id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Label (the question text).
    #[must_use]
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The dimension it belongs to.
    #[must_use]
    pub fn dimension(&self) -> Option<&str> {
        self.dimension.as_deref()
    }

    /// Its kind.
    #[must_use]
    pub fn kind(&self) -> &QuestionKind {
        &self.kind
    }

    /// The column header in response files (the id unless set).
    #[must_use]
    pub fn column(&self) -> &str {
        self.column.as_deref().unwrap_or(&self.id)
    }

    /// The scale, for a rated question.
    #[must_use]
    pub fn scale(&self) -> Option<&Scale> {
        match &self.kind {
            QuestionKind::Rated { scale } => Some(scale),
            _ => None,
        }
    }

    /// The options, for a choice question.
    #[must_use]
    pub fn options(&self) -> Option<&[ChoiceOption]> {
        match &self.kind {
            QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
                Some(options)
            }
            _ => None,
        }
    }

    /// Whether it is rated on a scale.
    #[must_use]
    pub fn is_rated(&self) -> bool {
        matches!(self.kind, QuestionKind::Rated { .. })
    }
}

/// The kind tag in definition files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindTag {
    Rated,
    Recommendation,
    SingleChoice,
    MultipleChoice,
    OpenText,
}

impl KindTag {
    fn name(self) -> &'static str {
        match self {
            Self::Rated => "rated",
            Self::Recommendation => "recommendation",
            Self::SingleChoice => "single_choice",
            Self::MultipleChoice => "multiple_choice",
            Self::OpenText => "open_text",
        }
    }
}

/// A question as written in a definition file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFile {
    id: String,
    label: String,
    kind: KindTag,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dimension: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scale: Option<Vec<Level>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    options: Option<Vec<ChoiceOption>>,
}

impl TryFrom<QuestionFile> for Question {
    type Error = Error;

    fn try_from(f: QuestionFile) -> Result<Self, Error> {
        check_id("question", &f.id)?;
        let owner = format!("question {:?}", f.id);
        let misplaced = |field: &'static str| -> Error {
            ErrorKind::MisplacedField {
                question: f.id.clone(),
                field,
                kind: f.kind.name(),
            }
            .into()
        };
        let kind = match f.kind {
            KindTag::Rated => {
                if f.options.is_some() {
                    return Err(misplaced("options"));
                }
                QuestionKind::Rated {
                    scale: match f.scale {
                        Some(levels) => Scale::validated(levels, &owner)?,
                        None => Scale::five_level(),
                    },
                }
            }
            KindTag::SingleChoice | KindTag::MultipleChoice => {
                if f.scale.is_some() {
                    return Err(misplaced("scale"));
                }
                let options = f.options.unwrap_or_default();
                if f.kind == KindTag::SingleChoice {
                    QuestionKind::SingleChoice { options }
                } else {
                    QuestionKind::MultipleChoice { options }
                }
            }
            KindTag::Recommendation | KindTag::OpenText => {
                if f.scale.is_some() {
                    return Err(misplaced("scale"));
                }
                if f.options.is_some() {
                    return Err(misplaced("options"));
                }
                if f.kind == KindTag::Recommendation {
                    QuestionKind::Recommendation
                } else {
                    QuestionKind::OpenText
                }
            }
        };
        let mut q = Question::new(f.id, f.label, kind)?;
        q.dimension = f.dimension;
        q.column = f.column;
        Ok(q)
    }
}

impl From<Question> for QuestionFile {
    fn from(q: Question) -> Self {
        let (kind, scale, options) = match q.kind {
            QuestionKind::Rated { scale } => {
                let scale = (scale != Scale::five_level()).then(|| scale.into());
                (KindTag::Rated, scale, None)
            }
            QuestionKind::Recommendation => (KindTag::Recommendation, None, None),
            QuestionKind::SingleChoice { options } => (KindTag::SingleChoice, None, Some(options)),
            QuestionKind::MultipleChoice { options } => {
                (KindTag::MultipleChoice, None, Some(options))
            }
            QuestionKind::OpenText => (KindTag::OpenText, None, None),
        };
        Self {
            id: q.id,
            label: q.label,
            kind,
            dimension: q.dimension,
            column: q.column,
            scale,
            options,
        }
    }
}
