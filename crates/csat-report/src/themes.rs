//! Open-text comments grouped by theme: a keyword → theme dictionary.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};

/// One theme: an id, labels in Chinese and English, and the keywords that reveal it.
///
/// A comment belongs to the theme when it contains any keyword (substring match, ASCII letters
/// compared case-insensitively): Chinese has no spaces between words, so matching whole words
/// would need a segmenter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Theme {
    /// Stable id, e.g. `automation`.
    pub id: String,
    /// Chinese label, e.g. `网络自动化`.
    pub label: String,
    /// English label, e.g. `network automation`.
    pub label_en: String,
    /// Keywords, e.g. `["网络自动化", "自动化运维"]`.
    pub keywords: Vec<String>,
}

impl Theme {
    /// A theme with its labels and keywords.
    #[must_use]
    pub fn new<S: Into<String>>(
        id: impl Into<String>,
        label: impl Into<String>,
        label_en: impl Into<String>,
        keywords: impl IntoIterator<Item = S>,
    ) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            label_en: label_en.into(),
            keywords: keywords.into_iter().map(Into::into).collect(),
        }
    }

    /// Whether `text` mentions one of the keywords.
    #[must_use]
    pub fn matches(&self, text: &str) -> bool {
        let text = text.to_lowercase();
        self.keywords
            .iter()
            .any(|k| text.contains(k.to_lowercase().as_str()))
    }
}

/// A keyword → theme dictionary; [`ThemeDictionary::default`] is the Chinese dictionary of the
/// IT-services annual survey (DOMAIN.md section 3, REFERENCE-2021.md "Open text").
///
/// # Example
///
/// ```
/// use csat_report::{Theme, ThemeDictionary};
///
/// let d = ThemeDictionary::default();
/// let hits: Vec<&str> = d.themes_of("监控告警太多，故障定位很慢").map(|t| t.id.as_str()).collect();
/// assert_eq!(hits, ["fault_location", "monitoring"]);
///
/// let own = ThemeDictionary::new(vec![Theme::new("price", "价格", "price", ["价格", "费用"])])?;
/// assert_eq!(own.themes_of("费用偏高").count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<Theme>", into = "Vec<Theme>")]
pub struct ThemeDictionary {
    themes: Vec<Theme>,
}

impl ThemeDictionary {
    /// A dictionary of `themes`, in the order given; fails if an id is empty or repeated, or a
    /// theme has no non-blank keyword.
    pub fn new(themes: Vec<Theme>) -> Result<Self, Error> {
        for (i, t) in themes.iter().enumerate() {
            let problem = if t.id.trim().is_empty() {
                Some("a theme has an empty id".to_owned())
            } else if themes[..i].iter().any(|p| p.id == t.id) {
                Some(format!("theme {:?} is defined twice", t.id))
            } else if t.keywords.iter().all(|k| k.trim().is_empty())
                || t.keywords.iter().any(|k| k.trim().is_empty())
            {
                Some(format!("theme {:?} has an empty keyword or none", t.id))
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(ErrorKind::InvalidThemes { problem }.into());
            }
        }
        Ok(Self { themes })
    }

    /// The themes, in dictionary order.
    #[must_use]
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// The themes `text` belongs to, in dictionary order.
    pub fn themes_of<'a>(&'a self, text: &'a str) -> impl Iterator<Item = &'a Theme> + 'a {
        self.themes.iter().filter(move |t| t.matches(text))
    }
}

impl Default for ThemeDictionary {
    fn default() -> Self {
        Self {
            themes: vec![
                Theme::new(
                    "automation",
                    "网络自动化",
                    "network automation",
                    ["网络自动化", "自动化运维"],
                ),
                Theme::new(
                    "fault_location",
                    "故障定位",
                    "fault location",
                    ["故障定位", "根因"],
                ),
                Theme::new(
                    "monitoring",
                    "监控告警",
                    "monitoring and alerting",
                    ["监控", "告警"],
                ),
                Theme::new(
                    "asset_config",
                    "资产与配置管理",
                    "asset and configuration management",
                    ["资产", "配置管理"],
                ),
                Theme::new(
                    "firewall_policy",
                    "防火墙策略",
                    "firewall policy",
                    ["防火墙"],
                ),
                Theme::new(
                    "delivery_lead_time",
                    "到货周期",
                    "delivery lead time",
                    ["到货", "交货周期"],
                ),
                Theme::new("training", "培训", "training", ["培训"]),
                Theme::new(
                    "onsite_staffing",
                    "驻场人员",
                    "on-site staffing",
                    ["驻场", "现场人员"],
                ),
            ],
        }
    }
}

impl TryFrom<Vec<Theme>> for ThemeDictionary {
    type Error = Error;

    fn try_from(themes: Vec<Theme>) -> Result<Self, Error> {
        Self::new(themes)
    }
}

impl From<ThemeDictionary> for Vec<Theme> {
    fn from(d: ThemeDictionary) -> Self {
        d.themes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_dictionary_is_valid_and_matches_case_insensitively() {
        let d = ThemeDictionary::default();
        assert!(ThemeDictionary::new(d.themes().to_vec()).is_ok());
        let t = Theme::new("rma", "返修", "RMA", ["RMA"]);
        assert!(t.matches("rma 太慢"));
        // A comment of two themes counts for both.
        let hits: Vec<&str> = d
            .themes_of("驻场人员技术水平参差不齐，需要加强培训。")
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(hits, ["training", "onsite_staffing"]);
        assert_eq!(d.themes_of("服务很好，希望继续保持！").count(), 0);
    }

    #[test]
    fn bad_dictionaries_are_refused() {
        let dup = vec![
            Theme::new("a", "A", "A", ["x"]),
            Theme::new("a", "B", "B", ["y"]),
        ];
        assert_eq!(
            ThemeDictionary::new(dup).unwrap_err().to_string(),
            "theme dictionary: theme \"a\" is defined twice"
        );
        let empty = vec![Theme::new("a", "A", "A", Vec::<String>::new())];
        assert!(ThemeDictionary::new(empty).is_err());
        let blank = vec![Theme::new("a", "A", "A", ["x", " "])];
        assert!(ThemeDictionary::new(blank).is_err());
    }
}
