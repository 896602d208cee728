//! Scores of one rated item.

use csat_model::{Question, Scale};
use rust_decimal::{Decimal, MathematicalOps};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::figure::{Figure, Method, add, mul};

/// How many chose one level of a rated item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LevelCount {
    /// The level's value, e.g. 5.
    pub level: u8,
    /// The level's label, e.g. 满意.
    pub label: String,
    /// Respondents who chose it.
    pub count: u64,
    /// `100 × count / answered` ([`Method::LevelShare`]).
    pub share: Figure,
}

/// Everything computed for one rated item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ItemScore {
    /// Question id.
    pub question: String,
    /// Question label.
    pub label: String,
    /// Dimension, if any.
    pub dimension: Option<String>,
    /// Respondents who answered.
    pub n: u64,
    /// Count and share per level, lowest level first.
    pub levels: Vec<LevelCount>,
    /// Mean on the item's scale ([`Method::ScaleMean`]).
    pub mean: Figure,
    /// Mean of mapped values ([`Method::MappedMean`]); `None` if the value mapping does not
    /// cover the item's scale.
    pub mapped_mean: Option<Figure>,
    /// Share answering one of the two highest levels ([`Method::TopTwoBox`]).
    pub top2_box: Figure,
    /// Share answering one of the two lowest levels ([`Method::BottomTwoBox`]).
    pub bottom2_box: Figure,
    /// Population variance on the item's scale, exact ([`Method::PopulationVariance`]).
    pub variance: Figure,
    /// Population standard deviation (divides by n, not n − 1): the square root of
    /// `variance`, by `rust_decimal`'s Newton iteration to a fixed point, so within a few
    /// units of the 28th significant digit. `None` when nobody answered.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub std_dev: Option<Decimal>,
    /// Competition rank among the items with answers (see [`crate::ranking`]); `None` when
    /// nobody answered.
    pub rank: Option<u32>,
}

fn dec(x: u128, what: &'static str) -> Result<Decimal, Error> {
    i128::try_from(x)
        .ok()
        .and_then(|x| Decimal::try_from_i128_with_scale(x, 0).ok())
        .ok_or_else(|| ErrorKind::Overflow { what }.into())
}

/// Scores an item from its counts per scale position; `mapped` holds the mapped value per
/// position when the value mapping covers the scale.
pub(crate) fn score_item(
    q: &Question,
    scale: &Scale,
    counts: &[u64],
    mapped: Option<&[Decimal]>,
) -> Result<ItemScore, Error> {
    let n: u64 = counts.iter().sum();
    let mut sum: u128 = 0;
    let mut sum_sq: u128 = 0;
    let mut levels = Vec::with_capacity(counts.len());
    for (level, &c) in scale.levels().iter().zip(counts) {
        let v = u128::from(level.value);
        sum += v * u128::from(c);
        sum_sq += v * v * u128::from(c);
        levels.push(LevelCount {
            level: level.value,
            label: level.label.clone(),
            count: c,
            share: Figure::counts(c, n, 100, Method::LevelShare)?,
        });
    }
    let mean = Figure::new(
        dec(sum, "an item's level sum")?,
        Decimal::from(n),
        n,
        Method::ScaleMean,
    )?;
    let mapped_mean = match mapped {
        Some(values) => {
            let mut points = Decimal::ZERO;
            for (&v, &c) in values.iter().zip(counts) {
                points = add(
                    points,
                    mul(v, Decimal::from(c), "an item's mapped sum")?,
                    "an item's mapped sum",
                )?;
            }
            Some(Figure::new(
                points,
                Decimal::from(n),
                n,
                Method::MappedMean,
            )?)
        }
        None => None,
    };
    let k = counts.len();
    let top2 = counts[k.saturating_sub(2)..].iter().sum();
    let bottom2 = counts[..k.min(2)].iter().sum();
    // Var = Σ(x − mean)² / n = (n Σx² − (Σx)²) / n², kept as an exact ratio of integers.
    let n128 = u128::from(n);
    let spread = n128
        .checked_mul(sum_sq)
        .and_then(|a| a.checked_sub(sum.checked_mul(sum)?))
        .ok_or(ErrorKind::Overflow {
            what: "an item's variance",
        })?;
    let variance = Figure::new(
        dec(spread, "an item's variance")?,
        dec(n128 * n128, "an item's variance")?,
        n,
        Method::PopulationVariance,
    )?;
    let std_dev = variance.value.and_then(|v| v.sqrt());
    Ok(ItemScore {
        question: q.id().to_owned(),
        label: q.label().to_owned(),
        dimension: q.dimension().map(str::to_owned),
        n,
        levels,
        mean,
        mapped_mean,
        top2_box: Figure::counts(top2, n, 100, Method::TopTwoBox)?,
        bottom2_box: Figure::counts(bottom2, n, 100, Method::BottomTwoBox)?,
        variance,
        std_dev,
        rank: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use csat_model::ValueMapping;
    use rust_decimal_macros::dec;

    fn five() -> (Question, Scale, Vec<Decimal>) {
        let q = Question::rated("q01", "态度", None).unwrap();
        let scale = Scale::five_level();
        let m = ValueMapping::default();
        let mapped = scale
            .levels()
            .iter()
            .map(|l| m.value(l.value).unwrap())
            .collect();
        (q, scale, mapped)
    }

    #[test]
    fn hand_computed_item() {
        // Counts for levels 1..5: 1, 0, 2, 3, 4 (n = 10).
        // Σx = 1 + 0 + 6 + 12 + 20 = 39 -> mean 3.9
        // mapped: -10 + 0 + 140 + 270 + 400 = 800 -> 80
        // top-2: 3 + 4 = 7 -> 70 %; bottom-2: 1 + 0 = 1 -> 10 %
        // Σx² = 1 + 0 + 18 + 48 + 100 = 167; var = (10 × 167 − 39²) / 100 = 149 / 100 = 1.49
        // sd = √1.49 = 1.22065556...
        let (q, scale, mapped) = five();
        let s = score_item(&q, &scale, &[1, 0, 2, 3, 4], Some(&mapped)).unwrap();
        assert_eq!(s.n, 10);
        assert_eq!(s.mean.value, Some(dec!(3.9)));
        assert_eq!(s.mean.numerator, dec!(39));
        assert_eq!(s.mapped_mean.unwrap().value, Some(dec!(80)));
        assert_eq!(s.top2_box.value, Some(dec!(70)));
        assert_eq!(s.bottom2_box.value, Some(dec!(10)));
        assert_eq!(s.variance.numerator, dec!(149));
        assert_eq!(s.variance.denominator, dec!(100));
        assert_eq!(s.variance.value, Some(dec!(1.49)));
        let sd = s.std_dev.unwrap();
        assert!((sd - dec!(1.2206555615733702)).abs() < dec!(0.0000000000000001));
        assert_eq!(s.levels[4].share.value, Some(dec!(40)));
        assert_eq!(s.levels[4].label, "满意");
    }

    #[test]
    fn nobody_answered_is_no_data() {
        let (q, scale, mapped) = five();
        let s = score_item(&q, &scale, &[0; 5], Some(&mapped)).unwrap();
        assert_eq!(s.n, 0);
        assert_eq!(s.mean.value, None);
        assert_eq!(s.mapped_mean.unwrap().value, None);
        assert_eq!(s.top2_box.value, None);
        assert_eq!(s.std_dev, None);
    }

    #[test]
    fn one_value_has_zero_spread() {
        // Three answers of 4: var = (3 × 48 − 12²) / 9 = 0.
        let (q, scale, _) = five();
        let s = score_item(&q, &scale, &[0, 0, 0, 3, 0], None).unwrap();
        assert_eq!(s.variance.value, Some(dec!(0)));
        assert_eq!(s.std_dev, Some(dec!(0)));
        assert_eq!(s.mapped_mean, None);
    }
}
