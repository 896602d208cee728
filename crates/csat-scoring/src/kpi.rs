//! KPI checks against the definition's targets.

use csat_model::Targets;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A KPI a survey can set a target for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kpi {
    /// Weighted satisfaction, percent (e.g. target 90).
    OverallSatisfaction,
    /// Satisfaction rate, percent (e.g. target 85).
    SatisfactionRate,
    /// NPS of the first recommendation question.
    Nps,
    /// Grand mean on the item scale (e.g. target 4.5).
    OverallAverage,
}

/// One target and whether it is met. The comparison is at full precision: 89.996 does not
/// meet 90 even though it displays as 90.0.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KpiCheck {
    /// Which KPI.
    pub kpi: Kpi,
    /// The target (at least this).
    #[serde(with = "rust_decimal::serde::str")]
    pub target: Decimal,
    /// The value reached; `None` if there is no data for it.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub actual: Option<Decimal>,
    /// `actual >= target`; `None` when there is no data.
    pub met: Option<bool>,
}

/// Checks each target that is set, in the order of [`Kpi`]'s variants.
pub(crate) fn check_targets(
    targets: &Targets,
    actual: impl Fn(Kpi) -> Option<Decimal>,
) -> Vec<KpiCheck> {
    [
        (Kpi::OverallSatisfaction, targets.overall_satisfaction),
        (Kpi::SatisfactionRate, targets.satisfaction_rate),
        (Kpi::Nps, targets.nps),
        (Kpi::OverallAverage, targets.overall_average),
    ]
    .into_iter()
    .filter_map(|(kpi, target)| {
        let target = target?;
        let actual = actual(kpi);
        Some(KpiCheck {
            kpi,
            target,
            actual,
            met: actual.map(|a| a >= target),
        })
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn met_unmet_and_no_data() {
        let mut t = Targets::default();
        t.overall_satisfaction = Some(dec!(90));
        t.satisfaction_rate = Some(dec!(85));
        t.overall_average = Some(dec!(4.5));
        let checks = check_targets(&t, |k| match k {
            Kpi::OverallSatisfaction => Some(dec!(89.996)),
            Kpi::SatisfactionRate => Some(dec!(85)),
            _ => None,
        });
        assert_eq!(checks.len(), 3);
        assert_eq!(checks[0].met, Some(false)); // 89.996 < 90 at full precision
        assert_eq!(checks[1].met, Some(true)); // 85 >= 85
        assert_eq!((checks[2].kpi, checks[2].met), (Kpi::OverallAverage, None));
    }
}
