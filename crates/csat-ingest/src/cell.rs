//! Reading one trimmed cell as an answer or an attribute value.
//!
//! These functions take text that is already trimmed and non-blank (blank means "not
//! answered" and never reaches them) and return the error kind; the reader adds the position.

use csat_model::{Answer, Attribute, ChoiceOption, Question, QuestionKind, Scale};

use crate::error::ErrorKind;

const WHOLE_NUMBER: &str = "a whole number";

/// How a piece of text looks, numerically.
enum Numeric {
    /// An optionally signed run of ASCII digits; `None` if it does not fit an `i64`.
    Integer(Option<i64>),
    /// Digits mixed with signs, dots, commas or exponents: a number, but not a whole one.
    Malformed,
    /// Anything else: a label, perhaps.
    Text,
}

fn classify(s: &str) -> Numeric {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
        return Numeric::Integer(s.parse().ok());
    }
    let has_digit = s.bytes().any(|b| b.is_ascii_digit());
    let number_like = s
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b',' | b'e' | b'E'));
    if has_digit && number_like {
        Numeric::Malformed
    } else {
        Numeric::Text
    }
}

/// A level of `scale`: a whole number that is a level value, else a level label exactly.
///
/// Whole numbers are tried first, so a label that looks like a different level's number cannot
/// shadow that level.
pub(crate) fn level(scale: &Scale, s: &str) -> Result<u8, ErrorKind> {
    let out_of_scale = || ErrorKind::OutOfScale {
        value: s.to_owned(),
        min: scale.min(),
        max: scale.max(),
    };
    match classify(s) {
        Numeric::Integer(n) => n
            .and_then(|n| u8::try_from(n).ok())
            .filter(|&v| scale.contains(v))
            .ok_or_else(out_of_scale),
        other => {
            if let Some(l) = scale.levels().iter().find(|l| l.label == s) {
                return Ok(l.value);
            }
            Err(match other {
                Numeric::Malformed => ErrorKind::MalformedNumber {
                    value: s.to_owned(),
                    expected: WHOLE_NUMBER,
                },
                _ => ErrorKind::UnknownLabel {
                    value: s.to_owned(),
                },
            })
        }
    }
}

/// A recommendation 0..=10.
pub(crate) fn recommendation(s: &str) -> Result<u8, ErrorKind> {
    match classify(s) {
        Numeric::Integer(n) => n
            .and_then(|n| u8::try_from(n).ok())
            .filter(|&v| v <= 10)
            .ok_or_else(|| ErrorKind::OutOfScale {
                value: s.to_owned(),
                min: 0,
                max: 10,
            }),
        _ => Err(ErrorKind::MalformedNumber {
            value: s.to_owned(),
            expected: WHOLE_NUMBER,
        }),
    }
}

/// The position of the option whose id, or else label, is `s`.
pub(crate) fn option(options: &[ChoiceOption], s: &str) -> Result<u16, ErrorKind> {
    let by_id = options.iter().position(|o| o.id == s);
    by_id
        .or_else(|| options.iter().position(|o| o.label == s))
        // Question::new caps options at u16::MAX, so the position fits.
        .and_then(|i| u16::try_from(i).ok())
        .ok_or_else(|| ErrorKind::UnknownOption {
            value: s.to_owned(),
        })
}

/// Adds the options of a separated multiple-choice cell to `out` (blank items are skipped).
pub(crate) fn choices(
    options: &[ChoiceOption],
    s: &str,
    separator: char,
    out: &mut Vec<u16>,
) -> Result<(), ErrorKind> {
    for item in s.split(separator) {
        let item = item.trim();
        if !item.is_empty() {
            out.push(option(options, item)?);
        }
    }
    Ok(())
}

/// Sorts and dedups chosen options into an answer; `None` when nothing was chosen.
pub(crate) fn choices_answer(mut chosen: Vec<u16>) -> Option<Answer> {
    chosen.sort_unstable();
    chosen.dedup();
    (!chosen.is_empty()).then_some(Answer::Choices(chosen))
}

/// A 0/1 option column: `1` chosen, `0` not.
pub(crate) fn flag(s: &str) -> Result<bool, ErrorKind> {
    match s {
        "1" => Ok(true),
        "0" => Ok(false),
        _ => Err(ErrorKind::MalformedNumber {
            value: s.to_owned(),
            expected: "0 or 1",
        }),
    }
}

/// An attribute value, checked against the declared values if the attribute has a closed list.
pub(crate) fn attribute(a: &Attribute, s: &str) -> Result<String, ErrorKind> {
    if a.accepts(s) {
        Ok(s.to_owned())
    } else {
        Err(ErrorKind::UnknownAttributeValue {
            value: s.to_owned(),
        })
    }
}

/// The answer to `q` in one cell. For multiple choice the chosen options are added to `chosen`
/// and `None` is returned; the caller builds the answer once the row is complete.
pub(crate) fn answer(
    q: &Question,
    s: &str,
    separator: char,
    chosen: &mut Vec<u16>,
) -> Result<Option<Answer>, ErrorKind> {
    Ok(Some(match q.kind() {
        QuestionKind::Rated { scale } => Answer::Level(level(scale, s)?),
        QuestionKind::Recommendation => Answer::Recommend(recommendation(s)?),
        QuestionKind::SingleChoice { options } => Answer::Choice(option(options, s)?),
        QuestionKind::MultipleChoice { options } => {
            choices(options, s, separator, chosen)?;
            return Ok(None);
        }
        // Open text and kinds added later keep the text as written (trimmed at the ends only).
        _ => Answer::Text(s.to_owned()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use csat_model::Level;

    fn opts() -> Vec<ChoiceOption> {
        vec![
            ChoiceOption::new("public", "公有云"),
            ChoiceOption::new("private", "私有云"),
            ChoiceOption::new("hybrid", "混合云"),
        ]
    }

    #[test]
    fn levels_by_number_and_label() {
        // FIVE_LEVEL_LABELS: 1 很不满意 .. 5 满意 (DOMAIN.md section 1).
        let s = Scale::five_level();
        assert_eq!(level(&s, "5").unwrap(), 5);
        assert_eq!(level(&s, "+3").unwrap(), 3);
        assert_eq!(level(&s, "满意").unwrap(), 5);
        assert_eq!(level(&s, "较满意").unwrap(), 4);
        assert_eq!(level(&s, "很不满意").unwrap(), 1);
    }

    #[test]
    fn level_errors_are_classified() {
        let s = Scale::five_level();
        assert_eq!(
            level(&s, "9").unwrap_err().to_string(),
            "9 is outside the scale 1..5"
        );
        assert_eq!(level(&s, "0").unwrap_err().name(), "out_of_scale");
        assert_eq!(level(&s, "-1").unwrap_err().name(), "out_of_scale");
        assert_eq!(
            level(&s, "99999999999999999999").unwrap_err().name(),
            "out_of_scale"
        );
        assert_eq!(
            level(&s, "4.5").unwrap_err().to_string(),
            "\"4.5\" is not a whole number"
        );
        assert_eq!(level(&s, "1e3").unwrap_err().name(), "malformed_number");
        assert_eq!(
            level(&s, "很满意").unwrap_err().to_string(),
            "\"很满意\" is neither a level value nor a level label of the scale"
        );
        assert_eq!(level(&s, "abc").unwrap_err().name(), "unknown_label");
        assert_eq!(level(&s, "5分").unwrap_err().name(), "unknown_label");
    }

    #[test]
    fn numbers_come_before_labels() {
        // A pathological scale whose label "1" belongs to level 2: the number wins.
        let s = Scale::new(vec![Level::new(1, "2"), Level::new(2, "1")]).unwrap();
        assert_eq!(level(&s, "1").unwrap(), 1);
        let s = Scale::new(vec![Level::new(1, "1.5"), Level::new(2, "b")]).unwrap();
        assert_eq!(level(&s, "1.5").unwrap(), 1);
    }

    #[test]
    fn recommendations() {
        assert_eq!(recommendation("0").unwrap(), 0);
        assert_eq!(recommendation("10").unwrap(), 10);
        assert_eq!(
            recommendation("11").unwrap_err().to_string(),
            "11 is outside the scale 0..10"
        );
        assert_eq!(
            recommendation("abc").unwrap_err().name(),
            "malformed_number"
        );
        assert_eq!(
            recommendation("9.5").unwrap_err().name(),
            "malformed_number"
        );
    }

    #[test]
    fn options_by_id_then_label() {
        let o = opts();
        assert_eq!(option(&o, "private").unwrap(), 1);
        assert_eq!(option(&o, "混合云").unwrap(), 2);
        assert_eq!(
            option(&o, "none").unwrap_err().to_string(),
            "\"none\" is neither an option id nor an option label"
        );
    }

    #[test]
    fn multiple_choice_cells() {
        let o = opts();
        let mut out = Vec::new();
        choices(&o, "hybrid; 公有云 ;;hybrid;", ';', &mut out).unwrap();
        assert_eq!(choices_answer(out), Some(Answer::Choices(vec![0, 2])));
        let mut out = Vec::new();
        choices(&o, "私有云┋public", '┋', &mut out).unwrap();
        assert_eq!(choices_answer(out), Some(Answer::Choices(vec![0, 1])));
        let mut out = Vec::new();
        let e = choices(&o, "public|cloud9", '|', &mut out).unwrap_err();
        assert_eq!(e.name(), "unknown_option");
        assert_eq!(choices_answer(Vec::new()), None);
    }

    #[test]
    fn flags_and_attributes() {
        assert!(flag("1").unwrap());
        assert!(!flag("0").unwrap());
        assert_eq!(flag("2").unwrap_err().to_string(), "\"2\" is not 0 or 1");
        let a = Attribute::new("region", "区域").with_values(["东区", "南区"]);
        assert_eq!(attribute(&a, "东区").unwrap(), "东区");
        assert_eq!(
            attribute(&a, "北京").unwrap_err().to_string(),
            "\"北京\" is not one of the attribute's declared values"
        );
        let open = Attribute::new("company", "公司");
        assert_eq!(
            attribute(&open, "某某\"科技\", 有限公司").unwrap(),
            "某某\"科技\", 有限公司"
        );
    }

    #[test]
    fn answers_by_kind() {
        let mut chosen = Vec::new();
        let q = Question::new("t", "x", QuestionKind::OpenText).unwrap();
        assert_eq!(
            answer(&q, "a  b\nc", ';', &mut chosen).unwrap(),
            Some(Answer::Text("a  b\nc".into()))
        );
        let q = Question::new("m", "x", QuestionKind::MultipleChoice { options: opts() }).unwrap();
        assert_eq!(answer(&q, "public", ';', &mut chosen).unwrap(), None);
        assert_eq!(chosen, vec![0]);
        let q = Question::new("n", "x", QuestionKind::Recommendation).unwrap();
        assert_eq!(
            answer(&q, "7", ';', &mut chosen).unwrap(),
            Some(Answer::Recommend(7))
        );
    }
}
