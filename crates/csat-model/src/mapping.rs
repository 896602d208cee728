//! The five-level value mapping: level -> decimal value on a 100-point basis.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::scale::Scale;

/// One entry of a value mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappedLevel {
    /// The scale level.
    pub level: u8,
    /// Its value, e.g. `100` for 满意.
    #[serde(with = "crate::decimal")]
    pub value: Decimal,
}

/// Maps scale levels to decimal values, as the quality regulation does for the weighted
/// satisfaction: 满意 100, 较满意 90, 一般 70, 不满意 0, 很不满意 -10 (the default).
///
/// # Example
///
/// ```
/// use csat_model::{Scale, ValueMapping};
/// use rust_decimal::Decimal;
///
/// let m = ValueMapping::default();
/// assert_eq!(m.value(4), Some(Decimal::from(90)));
/// m.check_covers(&Scale::five_level(), "the annual survey")?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<MappedLevel>", into = "Vec<MappedLevel>")]
pub struct ValueMapping {
    values: BTreeMap<u8, Decimal>,
}

impl ValueMapping {
    /// A mapping from `(level, value)` pairs; each level at most once, at least one entry.
    pub fn new(entries: impl IntoIterator<Item = (u8, Decimal)>) -> Result<Self, Error> {
        let mut values = BTreeMap::new();
        for (level, value) in entries {
            if values.insert(level, value).is_some() {
                return Err(ErrorKind::MappingDuplicateLevel { level }.into());
            }
        }
        if values.is_empty() {
            return Err(ErrorKind::EmptyMapping.into());
        }
        Ok(Self { values })
    }

    /// The regulation's mapping for the five-level scale: 5 -> 100, 4 -> 90, 3 -> 70, 2 -> 0,
    /// 1 -> -10.
    #[must_use]
    pub fn five_level() -> Self {
        Self {
            values: [(5, 100), (4, 90), (3, 70), (2, 0), (1, -10)]
                .into_iter()
                .map(|(l, v)| (l, Decimal::from(v)))
                .collect(),
        }
    }

    /// The value of a level, if mapped.
    #[must_use]
    pub fn value(&self, level: u8) -> Option<Decimal> {
        self.values.get(&level).copied()
    }

    /// All `(level, value)` pairs in ascending level order.
    pub fn iter(&self) -> impl Iterator<Item = (u8, Decimal)> + '_ {
        self.values.iter().map(|(l, v)| (*l, *v))
    }

    /// Checks that every level of `scale` is mapped; `owner` names who uses the scale in the
    /// error ([`ErrorKind::MappingMissingLevel`]).
    pub fn check_covers(&self, scale: &Scale, owner: &str) -> Result<(), Error> {
        for level in scale.levels() {
            if !self.values.contains_key(&level.value) {
                return Err(ErrorKind::MappingMissingLevel {
                    owner: owner.to_owned(),
                    level: level.value,
                    label: level.label.clone(),
                }
                .into());
            }
        }
        Ok(())
    }
}

impl Default for ValueMapping {
    fn default() -> Self {
        Self::five_level()
    }
}

impl TryFrom<Vec<MappedLevel>> for ValueMapping {
    type Error = Error;

    fn try_from(v: Vec<MappedLevel>) -> Result<Self, Error> {
        Self::new(v.into_iter().map(|m| (m.level, m.value)))
    }
}

impl From<ValueMapping> for Vec<MappedLevel> {
    fn from(m: ValueMapping) -> Self {
        m.values
            .into_iter()
            .rev()
            .map(|(level, value)| MappedLevel { level, value })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn default_is_the_regulation_mapping() {
        // DOMAIN.md section 2: 满意 100, 较满意 90, 一般 70, 不满意 0, 很不满意 -10.
        let m = ValueMapping::default();
        let got: Vec<_> = m.iter().collect();
        assert_eq!(
            got,
            vec![
                (1, dec!(-10)),
                (2, dec!(0)),
                (3, dec!(70)),
                (4, dec!(90)),
                (5, dec!(100))
            ]
        );
    }

    #[test]
    fn missing_and_duplicate_levels_are_named() {
        let m = ValueMapping::new([(5, dec!(100)), (4, dec!(90))]).unwrap();
        let e = m
            .check_covers(&Scale::five_level(), "question \"q01\"")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "value mapping has no value for level 1 (\"很不满意\") of question \"q01\""
        );
        let e = ValueMapping::new([(5, dec!(100)), (5, dec!(90))]).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::MappingDuplicateLevel { level: 5 });
        assert_eq!(
            ValueMapping::new([]).unwrap_err().kind(),
            &ErrorKind::EmptyMapping
        );
    }
}
