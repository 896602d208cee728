//! The survey definition: everything needed to read and score a survey's responses.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, check_id};
use crate::mapping::ValueMapping;
use crate::question::{Attribute, Dimension, Question, QuestionKind};
use crate::targets::{Targets, Thresholds};
use crate::weights::WeightsTable;

/// Default header of the respondent id column.
pub const DEFAULT_RESPONDENT_COLUMN: &str = "respondent_id";

/// A complete, validated description of a survey: its questions grouped into dimensions, the
/// respondent attributes it records, and how it is scored (value mapping, weights, thresholds,
/// targets).
///
/// Build one in code with [`SurveyDefinition::builder`], or deserialize it from a TOML or JSON
/// definition file (see `docs/definition-format.md`); both paths run the same validation.
///
/// # Example
///
/// ```
/// use csat_model::{Attribute, Dimension, Question, QuestionKind, SurveyDefinition};
///
/// let def = SurveyDefinition::builder("annual", "客户满意度调查")
///     .dimension(Dimension::new("sales", "销售"))
///     .attribute(Attribute::new("industry", "行业"))
///     .question(Question::rated("q01", "销售人员的可联络性", Some("sales"))?)
///     .question(Question::new("nps", "推荐意愿", QuestionKind::Recommendation)?)
///     .build()?;
/// assert_eq!(def.rated_items().count(), 1);
/// assert_eq!(def.question_index("nps"), Some(1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DefinitionFile", into = "DefinitionFile")]
pub struct SurveyDefinition {
    id: String,
    title: String,
    respondent_column: Option<String>,
    dimensions: Vec<Dimension>,
    attributes: Vec<Attribute>,
    questions: Vec<Question>,
    mapping: Option<ValueMapping>,
    weights: Option<WeightsTable>,
    thresholds: Thresholds,
    targets: Targets,
}

impl SurveyDefinition {
    /// Starts a definition with an id and a title.
    pub fn builder(id: impl Into<String>, title: impl Into<String>) -> DefinitionBuilder {
        DefinitionBuilder {
            file: DefinitionFile {
                id: id.into(),
                title: title.into(),
                respondent_column: None,
                dimensions: Vec::new(),
                attributes: Vec::new(),
                questions: Vec::new(),
                mapping: None,
                weights: None,
                thresholds: Thresholds::default(),
                targets: Targets::default(),
            },
        }
    }

    /// Stable survey id; waves of the same survey share it.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Title.
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Header of the respondent id column in response files.
    #[must_use]
    pub fn respondent_column(&self) -> &str {
        self.respondent_column
            .as_deref()
            .unwrap_or(DEFAULT_RESPONDENT_COLUMN)
    }

    /// Dimensions in declaration order.
    #[must_use]
    pub fn dimensions(&self) -> &[Dimension] {
        &self.dimensions
    }

    /// Respondent attributes in declaration order; response attribute values follow it.
    #[must_use]
    pub fn attributes(&self) -> &[Attribute] {
        &self.attributes
    }

    /// Questions in declaration order; response answers follow it.
    #[must_use]
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The value mapping given in the definition, if any.
    #[must_use]
    pub fn explicit_mapping(&self) -> Option<&ValueMapping> {
        self.mapping.as_ref()
    }

    /// The value mapping to score with: the definition's own, or the regulation's default
    /// 100/90/70/0/-10.
    #[must_use]
    pub fn mapping(&self) -> ValueMapping {
        self.mapping.clone().unwrap_or_default()
    }

    /// The weights table, if any.
    #[must_use]
    pub fn weights(&self) -> Option<&WeightsTable> {
        self.weights.as_ref()
    }

    /// Thresholds (satisfied-at, NPS bands, minimum segment base).
    #[must_use]
    pub fn thresholds(&self) -> &Thresholds {
        &self.thresholds
    }

    /// Targets (KPIs).
    #[must_use]
    pub fn targets(&self) -> &Targets {
        &self.targets
    }

    /// Position of a question by id.
    #[must_use]
    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id() == id)
    }

    /// A question by id.
    #[must_use]
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id() == id)
    }

    /// Position of an attribute by id.
    #[must_use]
    pub fn attribute_index(&self, id: &str) -> Option<usize> {
        self.attributes.iter().position(|a| a.id == id)
    }

    /// A dimension by id.
    #[must_use]
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// Rated questions with their positions, in declaration order.
    pub fn rated_items(&self) -> impl Iterator<Item = (usize, &Question)> + '_ {
        self.questions
            .iter()
            .enumerate()
            .filter(|(_, q)| q.is_rated())
    }

    /// Recommendation (NPS) questions with their positions.
    pub fn recommendation_questions(&self) -> impl Iterator<Item = (usize, &Question)> + '_ {
        self.questions
            .iter()
            .enumerate()
            .filter(|(_, q)| matches!(q.kind(), QuestionKind::Recommendation))
    }

    /// Whether `dimension` is `ancestor` or nested (at any depth) under it.
    #[must_use]
    pub fn dimension_within(&self, dimension: &str, ancestor: &str) -> bool {
        let mut current = Some(dimension);
        let mut steps = 0;
        while let Some(d) = current {
            if d == ancestor {
                return true;
            }
            steps += 1;
            if steps > self.dimensions.len() {
                return false;
            }
            current = self.dimension(d).and_then(|d| d.parent.as_deref());
        }
        false
    }

    /// The rated items a weight target covers: the item itself, or every rated item in the
    /// dimension and its sub-dimensions. Empty if the target is unknown.
    #[must_use]
    pub fn items_of_target(&self, target: &str) -> Vec<usize> {
        if let Some(i) = self.question_index(target) {
            return if self.questions[i].is_rated() {
                vec![i]
            } else {
                Vec::new()
            };
        }
        self.rated_items()
            .filter(|(_, q)| {
                q.dimension()
                    .is_some_and(|d| self.dimension_within(d, target))
            })
            .map(|(i, _)| i)
            .collect()
    }

    fn validate(&self) -> Result<(), Error> {
        check_id("survey", &self.id)?;
        if let Some(c) = &self.respondent_column {
            check_id("respondent column", c)?;
        }
        for (i, d) in self.dimensions.iter().enumerate() {
            check_id("dimension", &d.id)?;
            if self.dimensions[..i].iter().any(|p| p.id == d.id) {
                return Err(dup("dimension", &d.id));
            }
        }
        for d in &self.dimensions {
            if let Some(p) = &d.parent
                && self.dimension(p).is_none()
            {
                return Err(ErrorKind::UnknownDimension {
                    referrer: format!("dimension {:?}", d.id),
                    dimension: p.clone(),
                }
                .into());
            }
        }
        for d in &self.dimensions {
            // Walk up at most `len` steps; coming back to `d` means a cycle.
            let mut current = d.parent.as_deref();
            for _ in 0..self.dimensions.len() {
                match current {
                    Some(p) if p == d.id => {
                        return Err(ErrorKind::DimensionCycle {
                            dimension: d.id.clone(),
                        }
                        .into());
                    }
                    Some(p) => current = self.dimension(p).and_then(|x| x.parent.as_deref()),
                    None => break,
                }
            }
        }
        for (i, a) in self.attributes.iter().enumerate() {
            check_id("attribute", &a.id)?;
            if self.attributes[..i].iter().any(|p| p.id == a.id) {
                return Err(dup("attribute", &a.id));
            }
        }
        for (i, q) in self.questions.iter().enumerate() {
            if self.questions[..i].iter().any(|p| p.id() == q.id()) {
                return Err(dup("question", q.id()));
            }
            if let Some(d) = q.dimension()
                && self.dimension(d).is_none()
            {
                return Err(ErrorKind::UnknownDimension {
                    referrer: format!("question {:?}", q.id()),
                    dimension: d.to_owned(),
                }
                .into());
            }
        }
        // Column headers must be unique across the respondent id, attributes and questions,
        // or a response file could not be read unambiguously.
        let mut columns: Vec<&str> = vec![self.respondent_column()];
        columns.extend(self.attributes.iter().map(Attribute::column));
        columns.extend(self.questions.iter().map(Question::column));
        for (i, c) in columns.iter().enumerate() {
            if columns[..i].contains(c) {
                return Err(dup("column", c));
            }
        }
        if let Some(m) = &self.mapping {
            for (_, q) in self.rated_items() {
                if let Some(s) = q.scale() {
                    m.check_covers(s, &format!("question {:?}", q.id()))?;
                }
            }
        }
        if let Some(w) = &self.weights {
            self.validate_weights(w)?;
        }
        self.targets.validate()?;
        Ok(())
    }

    fn validate_weights(&self, w: &WeightsTable) -> Result<(), Error> {
        let mapping = self.mapping();
        let mut covered_by: Vec<Option<&str>> = vec![None; self.questions.len()];
        for row in w.weights() {
            let target = row.target.as_str();
            if let Some(q) = self.question(target) {
                if !q.is_rated() {
                    return Err(ErrorKind::WeightOnUnratedQuestion {
                        target: target.to_owned(),
                    }
                    .into());
                }
            } else if self.dimension(target).is_none() {
                return Err(ErrorKind::UnknownWeightTarget {
                    target: target.to_owned(),
                }
                .into());
            }
            for i in self.items_of_target(target) {
                if let Some(first) = covered_by[i] {
                    return Err(ErrorKind::OverlappingWeights {
                        item: self.questions[i].id().to_owned(),
                        first: first.to_owned(),
                        second: target.to_owned(),
                    }
                    .into());
                }
                covered_by[i] = Some(target);
                if let Some(s) = self.questions[i].scale() {
                    mapping.check_covers(s, &format!("question {:?}", self.questions[i].id()))?;
                }
            }
        }
        Ok(())
    }
}

fn dup(what: &'static str, id: &str) -> Error {
    ErrorKind::DuplicateId {
        what,
        id: id.to_owned(),
    }
    .into()
}

/// Builds a [`SurveyDefinition`]; [`build`](Self::build) validates it.
#[derive(Debug, Clone)]
#[must_use]
pub struct DefinitionBuilder {
    file: DefinitionFile,
}

impl DefinitionBuilder {
    /// Adds a dimension.
    pub fn dimension(mut self, d: Dimension) -> Self {
        self.file.dimensions.push(d);
        self
    }

    /// Adds a respondent attribute.
    pub fn attribute(mut self, a: Attribute) -> Self {
        self.file.attributes.push(a);
        self
    }

    /// Adds a question.
    pub fn question(mut self, q: Question) -> Self {
        self.file.questions.push(q);
        self
    }

    /// Sets the header of the respondent id column (default `respondent_id`).
    pub fn respondent_column(mut self, column: impl Into<String>) -> Self {
        self.file.respondent_column = Some(column.into());
        self
    }

    /// Sets the value mapping (default 100/90/70/0/-10).
    pub fn mapping(mut self, m: ValueMapping) -> Self {
        self.file.mapping = Some(m);
        self
    }

    /// Sets the weights table.
    pub fn weights(mut self, w: WeightsTable) -> Self {
        self.file.weights = Some(w);
        self
    }

    /// Sets the thresholds.
    pub fn thresholds(mut self, t: Thresholds) -> Self {
        self.file.thresholds = t;
        self
    }

    /// Sets the targets.
    pub fn targets(mut self, t: Targets) -> Self {
        self.file.targets = t;
        self
    }

    /// Validates and returns the definition.
    pub fn build(self) -> Result<SurveyDefinition, Error> {
        SurveyDefinition::try_from(self.file)
    }
}

/// A definition as written in a file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DefinitionFile {
    id: String,
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    respondent_column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mapping: Option<ValueMapping>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    weights: Option<WeightsTable>,
    #[serde(default)]
    thresholds: Thresholds,
    #[serde(default)]
    targets: Targets,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    dimensions: Vec<Dimension>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    attributes: Vec<Attribute>,
    questions: Vec<Question>,
}

impl TryFrom<DefinitionFile> for SurveyDefinition {
    type Error = Error;

    fn try_from(f: DefinitionFile) -> Result<Self, Error> {
        let def = Self {
            id: f.id,
            title: f.title,
            respondent_column: f.respondent_column,
            dimensions: f.dimensions,
            attributes: f.attributes,
            questions: f.questions,
            mapping: f.mapping,
            weights: f.weights,
            thresholds: f.thresholds,
            targets: f.targets,
        };
        def.validate()?;
        Ok(def)
    }
}

impl From<SurveyDefinition> for DefinitionFile {
    fn from(d: SurveyDefinition) -> Self {
        Self {
            id: d.id,
            title: d.title,
            respondent_column: d.respondent_column,
            mapping: d.mapping,
            weights: d.weights,
            thresholds: d.thresholds,
            targets: d.targets,
            dimensions: d.dimensions,
            attributes: d.attributes,
            questions: d.questions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::ChoiceOption;
    use rust_decimal_macros::dec;

    fn base() -> DefinitionBuilder {
        SurveyDefinition::builder("s", "t")
            .dimension(Dimension::new("service", "服务能力与质量"))
            .dimension(Dimension::new("tech", "专业技术").with_parent("service"))
            .question(Question::rated("q01", "a", Some("tech")).unwrap())
            .question(Question::rated("q02", "b", Some("service")).unwrap())
            .question(Question::new("nps", "推荐", QuestionKind::Recommendation).unwrap())
    }

    #[test]
    fn nested_dimension_covers_items() {
        let d = base().build().unwrap();
        assert!(d.dimension_within("tech", "service"));
        assert!(!d.dimension_within("service", "tech"));
        assert_eq!(d.items_of_target("service"), vec![0, 1]);
        assert_eq!(d.items_of_target("tech"), vec![0]);
        assert_eq!(d.items_of_target("nps"), Vec::<usize>::new());
    }

    #[test]
    fn validation_errors_name_the_problem() {
        let e = base()
            .question(Question::rated("q01", "again", None).unwrap())
            .build()
            .unwrap_err();
        assert_eq!(e.to_string(), "duplicate question id \"q01\"");

        let e = base()
            .question(Question::rated("q03", "c", Some("nope")).unwrap())
            .build()
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "question \"q03\" refers to unknown dimension \"nope\""
        );

        let e = base()
            .weights(WeightsTable::new([("q09", dec!(100))]).unwrap())
            .build()
            .unwrap_err();
        assert_eq!(e.to_string(), "weight on unknown item or dimension \"q09\"");

        let e = base()
            .weights(WeightsTable::new([("nps", dec!(100))]).unwrap())
            .build()
            .unwrap_err();
        assert!(matches!(
            e.kind(),
            ErrorKind::WeightOnUnratedQuestion { .. }
        ));

        let e = base()
            .weights(WeightsTable::new([("service", dec!(50)), ("q01", dec!(50))]).unwrap())
            .build()
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "item \"q01\" is weighted twice (through \"service\" and \"q01\")"
        );

        let e = base()
            .mapping(ValueMapping::new([(5, dec!(100)), (4, dec!(90))]).unwrap())
            .build()
            .unwrap_err();
        assert!(matches!(
            e.kind(),
            ErrorKind::MappingMissingLevel { level: 1, .. }
        ));

        let e = base()
            .dimension(Dimension::new("a", "A").with_parent("b"))
            .dimension(Dimension::new("b", "B").with_parent("a"))
            .build()
            .unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::DimensionCycle { .. }));

        let e = base()
            .attribute(Attribute::new("q01", "clash"))
            .build()
            .unwrap_err();
        assert_eq!(e.to_string(), "duplicate column id \"q01\"");

        let e = Question::new(
            "c",
            "x",
            QuestionKind::SingleChoice {
                options: vec![ChoiceOption::new("a", "A"), ChoiceOption::new("a", "B")],
            },
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "duplicate option id \"c.a\"");
        let e =
            Question::new("c", "x", QuestionKind::MultipleChoice { options: vec![] }).unwrap_err();
        assert_eq!(
            e.to_string(),
            "question \"c\": a choice question needs at least one option"
        );
    }
}
