//! Shares of choice-question options.

use csat_model::Question;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::figure::{Figure, Method};

/// Whether a choice question takes one option or several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChoiceKind {
    /// Exactly one option.
    Single,
    /// Any number of options.
    Multiple,
}

/// How many chose one option.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OptionShare {
    /// Option id.
    pub option: String,
    /// Option label.
    pub label: String,
    /// Respondents who chose it.
    pub count: u64,
    /// Single choice: share of those who answered ([`Method::ChoiceShareOfAnswered`]);
    /// multiple choice: share of respondents who answered
    /// ([`Method::ChoiceShareOfRespondents`], options may add up to more than 100).
    pub share: Figure,
    /// Multiple choice only: share of all mentions ([`Method::ChoiceShareOfMentions`], adds
    /// up to 100).
    pub share_of_mentions: Option<Figure>,
}

/// The shares of a choice question. For display with shares that sum to exactly 100, pass
/// the counts to [`display::largest_remainder`](crate::display::largest_remainder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChoiceScores {
    /// Question id.
    pub question: String,
    /// Question label.
    pub label: String,
    /// Single or multiple choice.
    pub kind: ChoiceKind,
    /// Respondents who answered (chose at least one option).
    pub answered: u64,
    /// Options chosen in all (equals `answered` for single choice).
    pub mentions: u64,
    /// Per option, in the definition's option order.
    pub options: Vec<OptionShare>,
}

/// Scores a choice question from its option counts; `respondents` is how many answered
/// (for single choice, the sum of the counts).
pub(crate) fn score_choice(
    q: &Question,
    kind: ChoiceKind,
    counts: &[u64],
    respondents: u64,
) -> Result<ChoiceScores, Error> {
    let mentions: u64 = counts.iter().sum();
    let mut options = Vec::with_capacity(counts.len());
    for (o, &c) in q.options().unwrap_or_default().iter().zip(counts) {
        let (share, share_of_mentions) = match kind {
            ChoiceKind::Single => (
                Figure::counts(c, respondents, 100, Method::ChoiceShareOfAnswered)?,
                None,
            ),
            ChoiceKind::Multiple => (
                Figure::counts(c, respondents, 100, Method::ChoiceShareOfRespondents)?,
                Some(Figure::counts(
                    c,
                    mentions,
                    100,
                    Method::ChoiceShareOfMentions,
                )?),
            ),
        };
        options.push(OptionShare {
            option: o.id.clone(),
            label: o.label.clone(),
            count: c,
            share,
            share_of_mentions,
        });
    }
    Ok(ChoiceScores {
        question: q.id().to_owned(),
        label: q.label().to_owned(),
        kind,
        answered: respondents,
        mentions,
        options,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::display::round_figure;
    use csat_model::{ChoiceOption, QuestionKind};
    use rust_decimal_macros::dec;

    fn question(multiple: bool) -> Question {
        let options = vec![
            ChoiceOption::new("public", "公有云"),
            ChoiceOption::new("private", "私有云"),
            ChoiceOption::new("none", "暂未使用"),
        ];
        let kind = if multiple {
            QuestionKind::MultipleChoice { options }
        } else {
            QuestionKind::SingleChoice { options }
        };
        Question::new("cloud", "云", kind).unwrap()
    }

    #[test]
    fn single_choice_shares_of_answered() {
        // 3, 1, 0 of 4 -> 75, 25, 0
        let s = score_choice(&question(false), ChoiceKind::Single, &[3, 1, 0], 4).unwrap();
        assert_eq!(s.mentions, 4);
        assert_eq!(s.options[0].share.value, Some(dec!(75)));
        assert_eq!(s.options[2].share.value, Some(dec!(0)));
        assert_eq!(s.options[0].share_of_mentions, None);
    }

    #[test]
    fn multiple_choice_shares_of_respondents_and_mentions() {
        // 4 respondents: public 3, private 2, none 1 -> 6 mentions.
        // of respondents: 75, 50, 25 (sum 150); of mentions: 50, 33.3.., 16.6.. (sum 100)
        let s = score_choice(&question(true), ChoiceKind::Multiple, &[3, 2, 1], 4).unwrap();
        assert_eq!(s.mentions, 6);
        assert_eq!(s.options[1].share.value, Some(dec!(50)));
        let m = s.options[1].share_of_mentions.as_ref().unwrap();
        assert_eq!(round_figure(m, 1), Some(dec!(33.3)));
        assert_eq!(
            s.options[0].share_of_mentions.as_ref().unwrap().value,
            Some(dec!(50))
        );
    }

    #[test]
    fn nobody_answered() {
        let s = score_choice(&question(true), ChoiceKind::Multiple, &[0, 0, 0], 0).unwrap();
        assert_eq!(s.options[0].share.value, None);
        assert_eq!(s.options[0].share_of_mentions.as_ref().unwrap().value, None);
    }
}
