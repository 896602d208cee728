//! Mapping column names (CSV headers, JSON keys) to what the definition reads from them.

use std::collections::HashMap;

use csat_model::{QuestionKind, SurveyDefinition};

use crate::error::ErrorKind;

/// What one column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The respondent id.
    Respondent,
    /// The attribute at this index.
    Attribute(usize),
    /// The whole answer to the question at this index (for multiple choice: a separated list).
    Question(usize),
    /// One 0/1 column of a multiple-choice question.
    OptionFlag { question: usize, option: u16 },
}

/// Every column name the definition reads, in definition order: respondent id, attributes,
/// questions, then the 0/1 option columns of each multiple-choice question after it.
#[derive(Debug, Clone)]
pub(crate) struct ColumnMap {
    entries: Vec<(String, Target)>,
    index: HashMap<String, usize>,
}

impl ColumnMap {
    pub(crate) fn new(def: &SurveyDefinition) -> Result<Self, ErrorKind> {
        let mut map = Self {
            entries: Vec::new(),
            index: HashMap::new(),
        };
        map.push(def, def.respondent_column().to_owned(), Target::Respondent)?;
        for (i, a) in def.attributes().iter().enumerate() {
            map.push(def, a.column().to_owned(), Target::Attribute(i))?;
        }
        for (i, q) in def.questions().iter().enumerate() {
            map.push(def, q.column().to_owned(), Target::Question(i))?;
            if let QuestionKind::MultipleChoice { options } = q.kind() {
                for (o, option) in (0u16..).zip(options) {
                    let name = option
                        .column
                        .clone()
                        .unwrap_or_else(|| format!("{}:{}", q.column(), option.id));
                    map.push(
                        def,
                        name,
                        Target::OptionFlag {
                            question: i,
                            option: o,
                        },
                    )?;
                }
            }
        }
        Ok(map)
    }

    fn push(
        &mut self,
        def: &SurveyDefinition,
        name: String,
        target: Target,
    ) -> Result<(), ErrorKind> {
        if let Some(&first) = self.index.get(&name) {
            return Err(ErrorKind::AmbiguousColumn {
                column: name,
                first: describe(def, self.entries[first].1),
                second: describe(def, target),
            });
        }
        self.index.insert(name.clone(), self.entries.len());
        self.entries.push((name, target));
        Ok(())
    }

    /// The target of a column name (already trimmed).
    pub(crate) fn get(&self, name: &str) -> Option<Target> {
        self.index.get(name).map(|&i| self.entries[i].1)
    }

    /// Every (name, target), in definition order.
    pub(crate) fn entries(&self) -> &[(String, Target)] {
        &self.entries
    }
}

/// Who needs a column, in words: `question "q07"`, `option "public" of question "cloud_use"`.
pub(crate) fn describe(def: &SurveyDefinition, target: Target) -> String {
    match target {
        Target::Respondent => "the respondent id".to_owned(),
        Target::Attribute(i) => format!("attribute {:?}", def.attributes()[i].id),
        Target::Question(i) => format!("question {:?}", def.questions()[i].id()),
        Target::OptionFlag { question, option } => {
            let q = &def.questions()[question];
            let o = q
                .options()
                .and_then(|os| os.get(usize::from(option)))
                .map_or("", |o| o.id.as_str());
            format!("option {o:?} of question {:?}", q.id())
        }
    }
}

/// Which of the definition's columns a header (or a JSON object) has.
#[derive(Debug, Clone)]
pub(crate) struct Presence {
    /// Per [`ColumnMap::entries`] index.
    present: Vec<bool>,
}

/// How a present multiple-choice question is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChoiceLayout {
    /// Neither its cell column nor any option column is present.
    Absent,
    /// One cell with separated items.
    Cell,
    /// 0/1 option columns.
    Flags,
}

impl Presence {
    pub(crate) fn new(map: &ColumnMap) -> Self {
        Self {
            present: vec![false; map.entries.len()],
        }
    }

    pub(crate) fn clear(&mut self) {
        self.present.fill(false);
    }

    /// Marks a column as present; returns false if it already was (a duplicate).
    pub(crate) fn mark(&mut self, map: &ColumnMap, name: &str) -> bool {
        match map.index.get(name) {
            Some(&i) => !std::mem::replace(&mut self.present[i], true),
            None => true,
        }
    }

    /// Checks that every required column is present and that no multiple-choice question is
    /// given both ways; on success returns the layout of each question (indexed like the
    /// definition's questions, `Absent` for non-choice questions given or not).
    ///
    /// The error carries the column name to report.
    pub(crate) fn check(
        &self,
        def: &SurveyDefinition,
        map: &ColumnMap,
        allow_missing: bool,
        layouts: &mut Vec<ChoiceLayout>,
    ) -> Result<(), (ErrorKind, String)> {
        layouts.clear();
        layouts.resize(def.questions().len(), ChoiceLayout::Absent);
        let mut first_missing_flag: Vec<Option<usize>> = vec![None; def.questions().len()];
        let mut any_flag = vec![false; def.questions().len()];
        for (i, (name, target)) in map.entries.iter().enumerate() {
            let present = self.present[i];
            match *target {
                Target::Respondent if !present => return Err(missing(def, name, *target)),
                Target::Attribute(_) if !present && !allow_missing => {
                    return Err(missing(def, name, *target));
                }
                Target::Question(q) if present => {
                    if matches!(
                        def.questions()[q].kind(),
                        QuestionKind::MultipleChoice { .. }
                    ) {
                        layouts[q] = ChoiceLayout::Cell;
                    }
                }
                Target::OptionFlag { question, .. } => {
                    if present {
                        any_flag[question] = true;
                    } else if first_missing_flag[question].is_none() {
                        first_missing_flag[question] = Some(i);
                    }
                }
                _ => {}
            }
        }
        for (i, (name, target)) in map.entries.iter().enumerate() {
            let Target::Question(q) = *target else {
                continue;
            };
            if any_flag[q] {
                if layouts[q] == ChoiceLayout::Cell {
                    return Err((
                        ErrorKind::MixedChoiceColumns {
                            question: def.questions()[q].id().to_owned(),
                        },
                        name.clone(),
                    ));
                }
                layouts[q] = ChoiceLayout::Flags;
                if let Some(m) = first_missing_flag[q]
                    && !allow_missing
                {
                    let (flag_name, flag_target) = &map.entries[m];
                    return Err(missing(def, flag_name, *flag_target));
                }
            } else if !self.present[i] && !allow_missing {
                return Err(missing(def, name, *target));
            }
        }
        Ok(())
    }
}

fn missing(def: &SurveyDefinition, name: &str, target: Target) -> (ErrorKind, String) {
    (
        ErrorKind::MissingColumn {
            column: name.to_owned(),
            required_by: describe(def, target),
        },
        name.to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use csat_model::{Attribute, ChoiceOption, Question};

    fn def() -> SurveyDefinition {
        SurveyDefinition::builder("s", "t")
            .attribute(Attribute::new("region", "区域"))
            .question(Question::rated("q01", "a", None).unwrap())
            .question(
                Question::new(
                    "cloud",
                    "云",
                    QuestionKind::MultipleChoice {
                        options: vec![
                            ChoiceOption::new("public", "公有云"),
                            ChoiceOption {
                                column: Some("私有云?".into()),
                                ..ChoiceOption::new("private", "私有云")
                            },
                        ],
                    },
                )
                .unwrap(),
            )
            .build()
            .unwrap()
    }

    fn check(names: &[&str], allow: bool) -> Result<Vec<ChoiceLayout>, (ErrorKind, String)> {
        let d = def();
        let m = ColumnMap::new(&d).unwrap();
        let mut p = Presence::new(&m);
        for n in names {
            assert!(p.mark(&m, n));
        }
        let mut layouts = Vec::new();
        p.check(&d, &m, allow, &mut layouts).map(|()| layouts)
    }

    #[test]
    fn maps_default_and_declared_option_columns() {
        let d = def();
        let m = ColumnMap::new(&d).unwrap();
        assert_eq!(m.get("respondent_id"), Some(Target::Respondent));
        assert_eq!(m.get("region"), Some(Target::Attribute(0)));
        assert_eq!(
            m.get("cloud:public"),
            Some(Target::OptionFlag {
                question: 1,
                option: 0
            })
        );
        assert_eq!(
            m.get("私有云?"),
            Some(Target::OptionFlag {
                question: 1,
                option: 1
            })
        );
        assert_eq!(m.get("cloud:private"), None);
    }

    #[test]
    fn layouts_and_missing_columns() {
        let all = ["respondent_id", "region", "q01", "cloud"];
        assert_eq!(
            check(&all, false).unwrap(),
            vec![ChoiceLayout::Absent, ChoiceLayout::Cell]
        );
        let flags = ["respondent_id", "region", "q01", "cloud:public", "私有云?"];
        assert_eq!(check(&flags, false).unwrap()[1], ChoiceLayout::Flags);

        let (k, col) =
            check(&["respondent_id", "region", "q01", "cloud:public"], false).unwrap_err();
        assert_eq!(col, "私有云?");
        assert_eq!(
            k.to_string(),
            "missing column, required by option \"private\" of question \"cloud\""
        );
        assert!(check(&["respondent_id", "region", "q01", "cloud:public"], true).is_ok());

        let (k, col) = check(&["respondent_id", "q01", "cloud"], false).unwrap_err();
        assert_eq!((col.as_str(), k.name()), ("region", "missing_column"));
        assert_eq!(
            check(&["respondent_id"], true).unwrap(),
            vec![ChoiceLayout::Absent, ChoiceLayout::Absent]
        );
        let (k, _) = check(&["region"], true).unwrap_err();
        assert_eq!(
            k.to_string(),
            "missing column, required by the respondent id"
        );

        let (k, col) = check(
            &["respondent_id", "region", "q01", "cloud", "cloud:public"],
            true,
        )
        .unwrap_err();
        assert_eq!(col, "cloud");
        assert!(matches!(k, ErrorKind::MixedChoiceColumns { .. }));
    }

    #[test]
    fn ambiguous_names_are_refused() {
        let d = SurveyDefinition::builder("s", "t")
            .attribute(Attribute::new("c:a", "odd"))
            .question(
                Question::new(
                    "c",
                    "x",
                    QuestionKind::MultipleChoice {
                        options: vec![ChoiceOption::new("a", "A")],
                    },
                )
                .unwrap(),
            )
            .build()
            .unwrap();
        let e = ColumnMap::new(&d).unwrap_err();
        assert_eq!(
            e.to_string(),
            "column name \"c:a\" is claimed by both attribute \"c:a\" and option \"a\" of question \"c\""
        );
    }

    #[test]
    fn duplicates_are_reported_by_mark() {
        let d = def();
        let m = ColumnMap::new(&d).unwrap();
        let mut p = Presence::new(&m);
        assert!(p.mark(&m, "q01"));
        assert!(!p.mark(&m, "q01"));
        assert!(p.mark(&m, "unknown"));
        p.clear();
        assert!(p.mark(&m, "q01"));
    }
}
