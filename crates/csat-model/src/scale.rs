//! Ordinal scales with labelled levels.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};

/// One level of an ordinal scale: its numeric value and the label respondents saw.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Level {
    /// The level's value, e.g. `5`.
    pub value: u8,
    /// The level's label, e.g. `满意`.
    pub label: String,
}

impl Level {
    /// A level with a value and a label.
    pub fn new(value: u8, label: impl Into<String>) -> Self {
        Self {
            value,
            label: label.into(),
        }
    }
}

/// An ordinal scale: at least two levels with strictly ascending values and distinct labels.
///
/// Higher values are better. The default is the five-level satisfaction scale
/// 1 很不满意, 2 不满意, 3 一般, 4 较满意, 5 满意.
///
/// # Example
///
/// ```
/// use csat_model::Scale;
///
/// let five = Scale::five_level();
/// assert_eq!(five.min(), 1);
/// assert_eq!(five.max(), 5);
/// assert_eq!(five.value_of_label("较满意"), Some(4));
///
/// let ten = Scale::numeric(1, 10)?;
/// assert_eq!(ten.len(), 10);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<Level>", into = "Vec<Level>")]
pub struct Scale {
    levels: Vec<Level>,
}

/// Labels of the default five-level scale, from level 1 to level 5.
pub const FIVE_LEVEL_LABELS: [&str; 5] = ["很不满意", "不满意", "一般", "较满意", "满意"];

impl Scale {
    /// A scale from levels given in ascending order.
    ///
    /// Fails with [`ErrorKind::EmptyScale`] for fewer than two levels,
    /// [`ErrorKind::UnorderedScale`] unless values strictly ascend, and
    /// [`ErrorKind::DuplicateLevelLabel`] if two levels share a label.
    pub fn new(levels: Vec<Level>) -> Result<Self, Error> {
        Self::validated(levels, "scale")
    }

    pub(crate) fn validated(levels: Vec<Level>, owner: &str) -> Result<Self, Error> {
        if levels.len() < 2 {
            return Err(ErrorKind::EmptyScale {
                owner: owner.to_owned(),
                found: levels.len(),
            }
            .into());
        }
        for pair in levels.windows(2) {
            if pair[1].value <= pair[0].value {
                return Err(ErrorKind::UnorderedScale {
                    owner: owner.to_owned(),
                    previous: pair[0].value,
                    value: pair[1].value,
                }
                .into());
            }
        }
        for (i, level) in levels.iter().enumerate() {
            if levels[..i].iter().any(|l| l.label == level.label) {
                return Err(ErrorKind::DuplicateLevelLabel {
                    owner: owner.to_owned(),
                    label: level.label.clone(),
                }
                .into());
            }
        }
        Ok(Self { levels })
    }

    /// The five-level satisfaction scale 1 很不满意 .. 5 满意.
    #[must_use]
    pub fn five_level() -> Self {
        Self {
            levels: FIVE_LEVEL_LABELS
                .iter()
                .zip(1u8..)
                .map(|(label, value)| Level::new(value, *label))
                .collect(),
        }
    }

    /// A numeric scale `lo..=hi` whose labels are the numbers themselves (e.g. 1..10, 1..7).
    pub fn numeric(lo: u8, hi: u8) -> Result<Self, Error> {
        Self::new((lo..=hi).map(|v| Level::new(v, v.to_string())).collect())
    }

    /// The levels, in ascending order.
    #[must_use]
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// Number of levels.
    #[must_use]
    pub fn len(&self) -> usize {
        self.levels.len()
    }

    /// Always false: a scale has at least two levels.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }

    /// The lowest level's value.
    #[must_use]
    pub fn min(&self) -> u8 {
        self.levels[0].value
    }

    /// The highest level's value.
    #[must_use]
    pub fn max(&self) -> u8 {
        self.levels[self.levels.len() - 1].value
    }

    /// Whether `value` is one of the levels.
    #[must_use]
    pub fn contains(&self, value: u8) -> bool {
        self.position(value).is_some()
    }

    /// Position (0-based, ascending) of the level with this value.
    #[must_use]
    pub fn position(&self, value: u8) -> Option<usize> {
        self.levels.binary_search_by_key(&value, |l| l.value).ok()
    }

    /// The value of the level with this label (exact match, after trimming `label`).
    #[must_use]
    pub fn value_of_label(&self, label: &str) -> Option<u8> {
        let label = label.trim();
        self.levels
            .iter()
            .find(|l| l.label == label)
            .map(|l| l.value)
    }

    /// The label of the level with this value.
    #[must_use]
    pub fn label_of(&self, value: u8) -> Option<&str> {
        self.position(value).map(|i| self.levels[i].label.as_str())
    }
}

impl Default for Scale {
    fn default() -> Self {
        Self::five_level()
    }
}

impl TryFrom<Vec<Level>> for Scale {
    type Error = Error;

    fn try_from(levels: Vec<Level>) -> Result<Self, Error> {
        Self::new(levels)
    }
}

impl From<Scale> for Vec<Level> {
    fn from(scale: Scale) -> Self {
        scale.levels
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_level_matches_domain_labels() {
        // DOMAIN.md section 1: 5 满意 .. 1 很不满意.
        let s = Scale::five_level();
        assert_eq!(s.label_of(5), Some("满意"));
        assert_eq!(s.label_of(1), Some("很不满意"));
        assert_eq!(s.value_of_label(" 一般 "), Some(3));
        assert_eq!(s.position(4), Some(3));
        assert!(!s.contains(0));
    }

    #[test]
    fn rejects_short_unordered_and_duplicate_scales() {
        let e = Scale::new(vec![Level::new(1, "a")]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::EmptyScale { found: 1, .. }));
        let e = Scale::new(vec![Level::new(2, "a"), Level::new(2, "b")]).unwrap_err();
        assert!(matches!(
            e.kind(),
            ErrorKind::UnorderedScale {
                previous: 2,
                value: 2,
                ..
            }
        ));
        let e = Scale::new(vec![Level::new(1, "a"), Level::new(2, "a")]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::DuplicateLevelLabel { .. }));
        assert_eq!(e.to_string(), "scale: level label \"a\" is used twice");
    }

    #[test]
    fn numeric_scale() {
        let s = Scale::numeric(1, 7).unwrap();
        assert_eq!((s.min(), s.max(), s.len()), (1, 7, 7));
        assert_eq!(s.value_of_label("6"), Some(6));
        assert!(Scale::numeric(3, 3).is_err());
    }
}
