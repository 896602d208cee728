//! Thresholds and targets a survey is judged by.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};

/// NPS cut points on the 0..10 recommendation answer: detractors below `passive_min`, passives
/// from `passive_min`, promoters from `promoter_min`. The default is 0-6 / 7-8 / 9-10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "NpsBandsRaw", into = "NpsBandsRaw")]
pub struct NpsBands {
    passive_min: u8,
    promoter_min: u8,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct NpsBandsRaw {
    passive_min: u8,
    promoter_min: u8,
}

impl NpsBands {
    /// Cut points with `0 < passive_min <= promoter_min <= 10`.
    pub fn new(passive_min: u8, promoter_min: u8) -> Result<Self, Error> {
        if passive_min == 0 || passive_min > promoter_min || promoter_min > 10 {
            return Err(ErrorKind::InvalidNpsBands {
                passive_min,
                promoter_min,
            }
            .into());
        }
        Ok(Self {
            passive_min,
            promoter_min,
        })
    }

    /// Lowest passive answer (default 7).
    #[must_use]
    pub fn passive_min(&self) -> u8 {
        self.passive_min
    }

    /// Lowest promoter answer (default 9).
    #[must_use]
    pub fn promoter_min(&self) -> u8 {
        self.promoter_min
    }

    /// The band of an answer 0..=10.
    #[must_use]
    pub fn band(&self, answer: u8) -> NpsBand {
        if answer >= self.promoter_min {
            NpsBand::Promoter
        } else if answer >= self.passive_min {
            NpsBand::Passive
        } else {
            NpsBand::Detractor
        }
    }
}

impl Default for NpsBands {
    fn default() -> Self {
        Self {
            passive_min: 7,
            promoter_min: 9,
        }
    }
}

impl TryFrom<NpsBandsRaw> for NpsBands {
    type Error = Error;

    fn try_from(r: NpsBandsRaw) -> Result<Self, Error> {
        Self::new(r.passive_min, r.promoter_min)
    }
}

impl From<NpsBands> for NpsBandsRaw {
    fn from(b: NpsBands) -> Self {
        Self {
            passive_min: b.passive_min,
            promoter_min: b.promoter_min,
        }
    }
}

/// The NPS band of one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NpsBand {
    /// Below the passive cut (default 0-6).
    Detractor,
    /// Between the cuts (default 7-8).
    Passive,
    /// At or above the promoter cut (default 9-10).
    Promoter,
}

/// What a respondent's own score is measured on when deciding whether they are satisfied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ScoreBasis {
    /// Mean of the mapped values of the items they answered (100-point basis; the default).
    #[default]
    MappedMean,
    /// Mean of their answers on the items' own scale (e.g. 1..5).
    ScaleMean,
}

/// Thresholds that classify results: who counts as satisfied, NPS cut points, the smallest
/// segment worth reporting.
///
/// Build with `Thresholds::default()` and change the fields you need; the definition validates
/// them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Thresholds {
    /// A respondent is satisfied when their own score reaches this (default 70, on the mapped
    /// basis).
    #[serde(with = "crate::decimal")]
    pub satisfied_at: Decimal,
    /// What `satisfied_at` is measured on.
    pub satisfied_basis: ScoreBasis,
    /// NPS cut points.
    pub nps: NpsBands,
    /// Segments with fewer respondents than this are flagged as below base (default 5).
    pub min_segment_base: u64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            satisfied_at: Decimal::from(70),
            satisfied_basis: ScoreBasis::MappedMean,
            nps: NpsBands::default(),
            min_segment_base: 5,
        }
    }
}

/// Targets (KPIs) the results are checked against; each is optional.
///
/// Percentages are on a 0..100 basis: `overall_satisfaction = 90` means "weighted satisfaction
/// at least 90 %".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Targets {
    /// Minimum weighted (overall) satisfaction in percent, e.g. 90.
    #[serde(
        with = "crate::decimal::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub overall_satisfaction: Option<Decimal>,
    /// Minimum satisfaction rate in percent, e.g. 85.
    #[serde(
        with = "crate::decimal::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub satisfaction_rate: Option<Decimal>,
    /// Minimum NPS, -100..100.
    #[serde(
        with = "crate::decimal::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub nps: Option<Decimal>,
    /// Minimum overall average on the item scale, e.g. 4.5.
    #[serde(
        with = "crate::decimal::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub overall_average: Option<Decimal>,
}

impl Targets {
    pub(crate) fn validate(&self) -> Result<(), Error> {
        let hundred = Decimal::from(100);
        for (what, v) in [
            ("targets.overall_satisfaction", self.overall_satisfaction),
            ("targets.satisfaction_rate", self.satisfaction_rate),
        ] {
            if let Some(v) = v
                && (v < Decimal::ZERO || v > hundred)
            {
                return Err(ErrorKind::OutOfRange {
                    what,
                    value: v.to_string(),
                    range: "0..=100",
                }
                .into());
            }
        }
        if let Some(v) = self.nps
            && (v < -hundred || v > hundred)
        {
            return Err(ErrorKind::OutOfRange {
                what: "targets.nps",
                value: v.to_string(),
                range: "-100..=100",
            }
            .into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_bands_are_0_6_7_8_9_10() {
        // DOMAIN.md section 2: promoters 9-10, passives 7-8, detractors 0-6.
        let b = NpsBands::default();
        assert_eq!(b.band(6), NpsBand::Detractor);
        assert_eq!(b.band(7), NpsBand::Passive);
        assert_eq!(b.band(8), NpsBand::Passive);
        assert_eq!(b.band(9), NpsBand::Promoter);
        assert_eq!(b.band(0), NpsBand::Detractor);
        assert!(NpsBands::new(9, 7).is_err());
        assert!(NpsBands::new(0, 7).is_err());
        assert!(NpsBands::new(7, 11).is_err());
    }

    #[test]
    fn targets_out_of_range() {
        let t = Targets {
            satisfaction_rate: Some(Decimal::from(101)),
            ..Targets::default()
        };
        assert_eq!(
            t.validate().unwrap_err().to_string(),
            "targets.satisfaction_rate = 101 is outside 0..=100"
        );
    }
}
