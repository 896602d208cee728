//! Net Promoter Score.

use csat_model::{NpsBand, NpsBands};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind};
use crate::figure::{Figure, Method};
use crate::options::NpsBase;

/// The NPS of one recommendation question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NpsScore {
    /// Question id.
    pub question: String,
    /// Respondents per answer 0..=10.
    pub distribution: [u64; 11],
    /// The cut points used.
    pub bands: NpsBands,
    /// Answers at or above the promoter cut (default 9-10).
    pub promoters: u64,
    /// Answers between the cuts (default 7-8).
    pub passives: u64,
    /// Answers below the passive cut (default 0-6).
    pub detractors: u64,
    /// Respondents who answered.
    pub answered: u64,
    /// What the shares are taken over.
    pub base_kind: NpsBase,
    /// The base: `answered`, or the stated number.
    pub base: u64,
    /// `100 × (promoters − detractors) / base` ([`Method::NpsScore`]), in −100..=100.
    pub score: Figure,
    /// `100 × promoters / base` ([`Method::NpsShare`]).
    pub promoter_share: Figure,
    /// `100 × passives / base`.
    pub passive_share: Figure,
    /// `100 × detractors / base`.
    pub detractor_share: Figure,
}

/// Scores a recommendation question from its answer counts.
///
/// Fails with [`ErrorKind::NpsBaseTooSmall`] if a stated base is below the number who
/// answered.
///
/// # Example
///
/// ```
/// use csat_model::NpsBands;
/// use csat_scoring::{display, nps::score_nps, NpsBase};
/// use rust_decimal::Decimal;
///
/// // REFERENCE-2021, 2020 wave: 70 promoters, 28 passives, 7 detractors, over 106 returned.
/// let mut d = [0u64; 11];
/// d[10] = 70;
/// d[8] = 28;
/// d[5] = 7;
/// let s = score_nps("nps", &d, NpsBands::default(), NpsBase::Stated(106))?;
/// assert_eq!(s.answered, 105);
/// assert_eq!(display::round_figure(&s.score, 1), Some(Decimal::new(594, 1)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn score_nps(
    question: &str,
    distribution: &[u64; 11],
    bands: NpsBands,
    base_kind: NpsBase,
) -> Result<NpsScore, Error> {
    let (mut promoters, mut passives, mut detractors) = (0u64, 0u64, 0u64);
    for (answer, &c) in (0u8..).zip(distribution) {
        match bands.band(answer) {
            NpsBand::Promoter => promoters += c,
            NpsBand::Passive => passives += c,
            NpsBand::Detractor => detractors += c,
        }
    }
    let answered = promoters + passives + detractors;
    let base = match base_kind {
        NpsBase::Stated(stated) if stated < answered => {
            return Err(ErrorKind::NpsBaseTooSmall {
                question: question.to_owned(),
                stated,
                answered,
            }
            .into());
        }
        NpsBase::Stated(stated) => stated,
        NpsBase::Answered => answered,
    };
    let net = (Decimal::from(promoters) - Decimal::from(detractors)) * Decimal::ONE_HUNDRED;
    Ok(NpsScore {
        question: question.to_owned(),
        distribution: *distribution,
        bands,
        promoters,
        passives,
        detractors,
        answered,
        base_kind,
        base,
        score: Figure::new(net, Decimal::from(base), base, Method::NpsScore)?,
        promoter_share: Figure::counts(promoters, base, 100, Method::NpsShare)?,
        passive_share: Figure::counts(passives, base, 100, Method::NpsShare)?,
        detractor_share: Figure::counts(detractors, base, 100, Method::NpsShare)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::display::round_figure;
    use rust_decimal_macros::dec;

    fn dist(promoters: u64, passives: u64, detractors: u64) -> [u64; 11] {
        let mut d = [0; 11];
        d[9] = promoters;
        d[7] = passives;
        d[6] = detractors;
        d
    }

    #[test]
    fn reference_2021() {
        // 69 promoters, 29 passives, 6 detractors of 104: 100 × 63 / 104 = 60.5769... -> 60.6
        let s = score_nps(
            "nps",
            &dist(69, 29, 6),
            NpsBands::default(),
            NpsBase::Answered,
        )
        .unwrap();
        assert_eq!(
            (s.promoters, s.passives, s.detractors, s.base),
            (69, 29, 6, 104)
        );
        assert_eq!(s.score.numerator, dec!(6300));
        assert_eq!(round_figure(&s.score, 1), Some(dec!(60.6)));
        // 100 × 69 / 104 = 66.346...
        assert_eq!(round_figure(&s.promoter_share, 1), Some(dec!(66.3)));
    }

    #[test]
    fn stated_base_must_cover_the_answers() {
        let e = score_nps(
            "nps",
            &dist(1, 1, 1),
            NpsBands::default(),
            NpsBase::Stated(2),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "NPS of \"nps\": stated base 2 is smaller than the 3 who answered"
        );
    }

    #[test]
    fn no_answers_is_no_data_and_bands_are_configurable() {
        let s = score_nps("nps", &[0; 11], NpsBands::default(), NpsBase::Answered).unwrap();
        assert_eq!(s.score.value, None);
        // With cuts 6 / 8, an answer of 6 is passive and 8 a promoter: 1 promoter (8),
        // 1 passive (6), 1 detractor (5) of 3 -> 0.
        let mut d = [0; 11];
        d[8] = 1;
        d[6] = 1;
        d[5] = 1;
        let s = score_nps("nps", &d, NpsBands::new(6, 8).unwrap(), NpsBase::Answered).unwrap();
        assert_eq!((s.promoters, s.passives, s.detractors), (1, 1, 1));
        assert_eq!(s.score.value, Some(dec!(0)));
    }
}
