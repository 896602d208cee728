//! What the report builder is told beyond the data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::themes::ThemeDictionary;

/// Low-score respondents listed unless told otherwise (REFERENCE-2021 lists five).
pub const DEFAULT_LOW_SCORERS: usize = 5;

/// Detractors listed unless told otherwise.
pub const DEFAULT_DETRACTOR_CAP: usize = 100;

/// Default of [`ReportOptions::max_comments_per_theme`].
pub const DEFAULT_COMMENTS_PER_THEME: usize = 50;

/// Over whom a wave's NPS is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NpsBasis {
    /// Those who answered the recommendation question (the default; 2021's 104).
    #[default]
    Answered,
    /// Every returned questionnaire, answered or not (how the 2020 report computed its
    /// 59.4 over 106).
    Returned,
}

/// A share of the sample named in the survey facts, e.g. "63% from companies of more than
/// 1000 people": respondents whose `attribute` is one of `values`, over those who gave the
/// attribute.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ShareFactSpec {
    /// What the share is called, in the report's language, e.g. `公司规模1000人以上`.
    pub label: String,
    /// The attribute id, e.g. `company_size`.
    pub attribute: String,
    /// The values counted, e.g. `["1001-2000", "2000+"]`.
    pub values: Vec<String>,
}

impl ShareFactSpec {
    /// A share fact.
    #[must_use]
    pub fn new<S: Into<String>>(
        label: impl Into<String>,
        attribute: impl Into<String>,
        values: impl IntoIterator<Item = S>,
    ) -> Self {
        Self {
            label: label.into(),
            attribute: attribute.into(),
            values: values.into_iter().map(Into::into).collect(),
        }
    }
}

/// Choices for building an [`AnnualReport`](crate::AnnualReport). Every field has a default;
/// the struct also reads from TOML or JSON (unknown keys are refused).
///
/// # Example
///
/// ```
/// use csat_report::{NpsBasis, ReportOptions, ShareFactSpec};
///
/// let opts = ReportOptions::default()
///     .with_nps_basis("2020", NpsBasis::Returned)
///     .with_segment_pair("region", "industry")
///     .with_share_fact(ShareFactSpec::new("1000人以上", "company_size", ["1001-2000", "2000+"]))
///     .with_callback_attributes(["company", "department", "industry"]);
/// assert_eq!(opts.low_scorers, 5);
/// assert_eq!(opts.nps_basis["2020"], NpsBasis::Returned);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ReportOptions {
    /// The recommendation question of the NPS section (default: the survey's first).
    pub nps_question: Option<String>,
    /// NPS basis per wave id; waves not named use [`NpsBasis::Answered`].
    pub nps_basis: BTreeMap<String, NpsBasis>,
    /// Attributes to cut scores by (default: every attribute with a closed list of values).
    pub segment_by: Option<Vec<String>>,
    /// Attribute pairs to cut scores by, e.g. region × industry (default: none).
    pub segment_pairs: Vec<(String, String)>,
    /// Segments with fewer respondents are flagged and not ranked (default: the definition's
    /// `min_segment_base`).
    pub min_segment_base: Option<u64>,
    /// Shares of the sample to state among the survey facts.
    pub share_facts: Vec<ShareFactSpec>,
    /// Attributes shown beside each call-back entry (default: the attributes without a closed
    /// list of values, such as company, department, contact).
    pub callback_attributes: Option<Vec<String>>,
    /// How many lowest-scoring respondents to list.
    pub low_scorers: usize,
    /// At most this many detractors are listed (all are counted).
    pub detractor_cap: usize,
    /// The keyword → theme dictionary for open-text comments.
    pub themes: ThemeDictionary,
    /// At most this many comments are quoted per theme, and as many unthemed ones (all are
    /// counted). Keeps the report's size independent of the number of respondents.
    pub max_comments_per_theme: usize,
    /// Show single-choice shares rounded so they add up to exactly 100 (largest remainder);
    /// off by default, when each share is rounded on its own.
    pub choice_shares_sum_to_100: bool,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            nps_question: None,
            nps_basis: BTreeMap::new(),
            segment_by: None,
            segment_pairs: Vec::new(),
            min_segment_base: None,
            share_facts: Vec::new(),
            callback_attributes: None,
            low_scorers: DEFAULT_LOW_SCORERS,
            detractor_cap: DEFAULT_DETRACTOR_CAP,
            themes: ThemeDictionary::default(),
            max_comments_per_theme: DEFAULT_COMMENTS_PER_THEME,
            choice_shares_sum_to_100: false,
        }
    }
}

impl ReportOptions {
    /// Computes wave `wave`'s NPS over `basis`.
    #[must_use]
    pub fn with_nps_basis(mut self, wave: impl Into<String>, basis: NpsBasis) -> Self {
        self.nps_basis.insert(wave.into(), basis);
        self
    }

    /// Uses recommendation question `question` for the NPS section.
    #[must_use]
    pub fn with_nps_question(mut self, question: impl Into<String>) -> Self {
        self.nps_question = Some(question.into());
        self
    }

    /// Cuts scores by exactly these attributes.
    #[must_use]
    pub fn with_segments<S: Into<String>>(
        mut self,
        attributes: impl IntoIterator<Item = S>,
    ) -> Self {
        self.segment_by = Some(attributes.into_iter().map(Into::into).collect());
        self
    }

    /// Also cuts scores by the pair (`first`, `second`).
    #[must_use]
    pub fn with_segment_pair(
        mut self,
        first: impl Into<String>,
        second: impl Into<String>,
    ) -> Self {
        self.segment_pairs.push((first.into(), second.into()));
        self
    }

    /// Flags segments with fewer than `min` respondents.
    #[must_use]
    pub fn with_min_segment_base(mut self, min: u64) -> Self {
        self.min_segment_base = Some(min);
        self
    }

    /// Adds a share of the sample to the survey facts.
    #[must_use]
    pub fn with_share_fact(mut self, fact: ShareFactSpec) -> Self {
        self.share_facts.push(fact);
        self
    }

    /// Shows these attributes beside each call-back entry.
    #[must_use]
    pub fn with_callback_attributes<S: Into<String>>(
        mut self,
        attributes: impl IntoIterator<Item = S>,
    ) -> Self {
        self.callback_attributes = Some(attributes.into_iter().map(Into::into).collect());
        self
    }

    /// Lists `k` lowest-scoring respondents.
    #[must_use]
    pub fn with_low_scorers(mut self, k: usize) -> Self {
        self.low_scorers = k;
        self
    }

    /// Lists at most `cap` detractors.
    #[must_use]
    pub fn with_detractor_cap(mut self, cap: usize) -> Self {
        self.detractor_cap = cap;
        self
    }

    /// Groups comments with `themes`.
    #[must_use]
    pub fn with_themes(mut self, themes: ThemeDictionary) -> Self {
        self.themes = themes;
        self
    }

    /// Quotes at most `cap` comments per theme (and as many unthemed ones).
    #[must_use]
    pub fn with_max_comments_per_theme(mut self, cap: usize) -> Self {
        self.max_comments_per_theme = cap;
        self
    }

    /// Rounds single-choice shares so they add up to exactly 100.
    #[must_use]
    pub fn with_choice_shares_sum_to_100(mut self, on: bool) -> Self {
        self.choice_shares_sum_to_100 = on;
        self
    }

    pub(crate) fn basis_of(&self, wave: &str) -> NpsBasis {
        self.nps_basis.get(wave).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_read_from_toml_and_refuse_unknown_keys() {
        let o: ReportOptions = toml::from_str(
            r#"
            segment_pairs = [["region", "industry"]]
            low_scorers = 3
            [nps_basis]
            "2020" = "returned"
            [[share_facts]]
            label = "1000人以上"
            attribute = "company_size"
            values = ["1001-2000", "2000+"]
            "#,
        )
        .unwrap();
        assert_eq!(o.low_scorers, 3);
        assert_eq!(o.basis_of("2020"), NpsBasis::Returned);
        assert_eq!(o.basis_of("2021"), NpsBasis::Answered);
        assert_eq!(o.themes, ThemeDictionary::default());
        assert!(toml::from_str::<ReportOptions>("low_scorer = 3").is_err());
    }
}
