//! A borrowed view of one response, so that readers can hand rows to consumers without
//! building an owned [`Response`] per row.

use crate::response::{Answer, Response};

/// One answer, borrowed: the same cases as [`Answer`], with the multiple-choice set and the
/// text borrowed from whoever holds them.
///
/// ```
/// use csat_model::{Answer, AnswerRef};
///
/// let owned = Answer::Choices(vec![0, 2]);
/// assert_eq!(owned.as_ref(), AnswerRef::Choices(&[0, 2]));
/// assert_eq!(AnswerRef::Text("快").to_owned(), Answer::Text("快".into()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AnswerRef<'a> {
    /// A level of a rated question's scale (its value).
    Level(u8),
    /// A recommendation answer 0..=10.
    Recommend(u8),
    /// The position of the chosen option of a single-choice question.
    Choice(u16),
    /// The positions of the chosen options, ascending, no repeats, at least one.
    Choices(&'a [u16]),
    /// Free text (non-empty).
    Text(&'a str),
}

impl AnswerRef<'_> {
    /// The owned answer.
    #[must_use]
    pub fn to_owned(self) -> Answer {
        match self {
            Self::Level(v) => Answer::Level(v),
            Self::Recommend(v) => Answer::Recommend(v),
            Self::Choice(i) => Answer::Choice(i),
            Self::Choices(set) => Answer::Choices(set.to_vec()),
            Self::Text(t) => Answer::Text(t.to_owned()),
        }
    }
}

impl Answer {
    /// The answer, borrowed.
    #[must_use]
    #[inline]
    pub fn as_ref(&self) -> AnswerRef<'_> {
        match self {
            Self::Level(v) => AnswerRef::Level(*v),
            Self::Recommend(v) => AnswerRef::Recommend(*v),
            Self::Choice(i) => AnswerRef::Choice(*i),
            Self::Choices(set) => AnswerRef::Choices(set),
            Self::Text(t) => AnswerRef::Text(t),
        }
    }
}

/// Read access to one respondent's answers and attribute values, positional like
/// [`Response`]: attribute `i` is the definition's attribute `i`, answer `i` its question `i`.
///
/// [`Response`] implements it, and so do the rows that `csat-ingest`'s parallel CSV reader
/// hands out (borrowed from its buffers, nothing allocated per row), so a consumer such as
/// `csat_scoring::Tally::add` takes either.
///
/// A view is only meaningful with the definition it was checked against; implementations
/// outside this workspace should hand out only answers that
/// [`check_answer`](crate::check_answer) accepts.
///
/// ```
/// use csat_model::{Answer, AnswerRef, Question, Response, ResponseView, SurveyDefinition};
///
/// fn answered<V: ResponseView + ?Sized>(r: &V) -> usize {
///     (0..r.answer_count()).filter(|&i| r.answer(i).is_some()).count()
/// }
///
/// let def = SurveyDefinition::builder("s", "t")
///     .question(Question::rated("q01", "态度", None)?)
///     .question(Question::rated("q02", "速度", None)?)
///     .build()?;
/// let r = Response::builder(&def, "R1").answer("q02", Answer::Level(4))?.build()?;
/// assert_eq!(answered(&r), 1);
/// assert_eq!(ResponseView::answer(&r, 1), Some(AnswerRef::Level(4)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait ResponseView {
    /// The respondent's id.
    fn respondent_id(&self) -> &str;

    /// How many attribute values the view holds (the definition's attribute count).
    fn attribute_count(&self) -> usize;

    /// The value of the attribute at `index` (`None`: not given, or no such attribute).
    fn attribute(&self, index: usize) -> Option<&str>;

    /// How many answers the view holds (the definition's question count).
    fn answer_count(&self) -> usize;

    /// The answer to the question at `index` (`None`: not answered, or no such question).
    fn answer(&self, index: usize) -> Option<AnswerRef<'_>>;

    /// Whether no question was answered.
    fn is_blank(&self) -> bool {
        (0..self.answer_count()).all(|i| self.answer(i).is_none())
    }
}

impl ResponseView for Response {
    #[inline]
    fn respondent_id(&self) -> &str {
        Response::respondent_id(self)
    }

    #[inline]
    fn attribute_count(&self) -> usize {
        self.attributes().len()
    }

    #[inline]
    fn attribute(&self, index: usize) -> Option<&str> {
        Response::attribute(self, index)
    }

    #[inline]
    fn answer_count(&self) -> usize {
        self.answers().len()
    }

    #[inline]
    fn answer(&self, index: usize) -> Option<AnswerRef<'_>> {
        Response::answer(self, index).map(Answer::as_ref)
    }

    #[inline]
    fn is_blank(&self) -> bool {
        Response::is_blank(self)
    }
}

impl<T: ResponseView + ?Sized> ResponseView for &T {
    #[inline]
    fn respondent_id(&self) -> &str {
        (**self).respondent_id()
    }

    #[inline]
    fn attribute_count(&self) -> usize {
        (**self).attribute_count()
    }

    #[inline]
    fn attribute(&self, index: usize) -> Option<&str> {
        (**self).attribute(index)
    }

    #[inline]
    fn answer_count(&self) -> usize {
        (**self).answer_count()
    }

    #[inline]
    fn answer(&self, index: usize) -> Option<AnswerRef<'_>> {
        (**self).answer(index)
    }

    #[inline]
    fn is_blank(&self) -> bool {
        (**self).is_blank()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Attribute, Question, QuestionKind, SurveyDefinition};

    #[test]
    fn response_and_its_reference_read_the_same() {
        let def = SurveyDefinition::builder("s", "t")
            .attribute(Attribute::new("region", "区域"))
            .question(Question::rated("q01", "a", None).unwrap())
            .question(Question::new("c", "c", QuestionKind::OpenText).unwrap())
            .build()
            .unwrap();
        let r = Response::builder(&def, "R7")
            .attribute("region", "东区")
            .unwrap()
            .answer("c", Answer::Text("好".into()))
            .unwrap()
            .build()
            .unwrap();
        let by_ref = &r;
        for v in [&r as &dyn ResponseView, &by_ref as &dyn ResponseView] {
            assert_eq!(v.respondent_id(), "R7");
            assert_eq!((v.attribute_count(), v.answer_count()), (1, 2));
            assert_eq!(v.attribute(0), Some("东区"));
            assert_eq!(v.attribute(1), None);
            assert_eq!(v.answer(0), None);
            assert_eq!(v.answer(1), Some(AnswerRef::Text("好")));
            assert_eq!(v.answer(2), None);
            assert!(!v.is_blank());
        }
        let blank = Response::builder(&def, "R8").build().unwrap();
        assert!(ResponseView::is_blank(&blank));
    }

    #[test]
    fn owned_and_borrowed_answers_convert_both_ways() {
        for a in [
            Answer::Level(5),
            Answer::Recommend(0),
            Answer::Choice(3),
            Answer::Choices(vec![1, 4]),
            Answer::Text("响应慢".into()),
        ] {
            assert_eq!(a.as_ref().to_owned(), a);
        }
    }
}
