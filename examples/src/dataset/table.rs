//! Writing responses as CSV: RFC 4180 quoting, UTF-8, LF line ends, a header of column names.

use csat_model::{Answer, Question, QuestionKind, Response, SurveyDefinition};

/// The column headers: respondent id, attributes, questions, in the definition's order.
pub(super) fn header(def: &SurveyDefinition) -> Vec<&str> {
    std::iter::once(def.respondent_column())
        .chain(def.attributes().iter().map(csat_model::Attribute::column))
        .chain(def.questions().iter().map(Question::column))
        .collect()
}

/// The CSV text of `responses`.
pub(super) fn write(def: &SurveyDefinition, responses: &[Response]) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    w.write_record(header(def)).map_err(|e| e.to_string())?;
    for r in responses {
        let mut record = vec![r.respondent_id().to_owned()];
        record.extend(r.attributes().iter().map(|a| a.clone().unwrap_or_default()));
        for (q, a) in def.questions().iter().zip(r.answers()) {
            record.push(cell(q, a.as_ref())?);
        }
        w.write_record(&record).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.error().to_string())
}

/// One answer as survey tools export it: level and score numbers, option labels (several
/// joined with `;`), text as is, blank when not answered.
fn cell(q: &Question, a: Option<&Answer>) -> Result<String, String> {
    let label = |i: u16| match q.kind() {
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } => {
            options
                .get(usize::from(i))
                .map(|o| o.label.clone())
                .ok_or_else(|| format!("{}: no option {i}", q.id()))
        }
        _ => Err(format!("{}: not a choice question", q.id())),
    };
    Ok(match a {
        None => String::new(),
        Some(Answer::Level(v) | Answer::Recommend(v)) => v.to_string(),
        Some(Answer::Choice(i)) => label(*i)?,
        Some(Answer::Choices(is)) => is
            .iter()
            .map(|&i| label(i))
            .collect::<Result<Vec<_>, _>>()?
            .join(";"),
        Some(Answer::Text(t)) => t.clone(),
        Some(other) => return Err(format!("{}: cannot write {other:?}", q.id())),
    })
}
