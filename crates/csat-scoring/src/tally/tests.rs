//! Tests of the tally's paths against each other and against hand-computed counts.

use super::*;
use csat_model::{
    Answer, Attribute, ChoiceOption, Question, Response, Scale, Thresholds, ValueMapping,
};
use proptest::prelude::*;
use rust_decimal_macros::dec;

use super::steps::NO_HIT;

/// A view that hands out any answers, checked or not, as a foreign reader might.
struct Raw {
    attributes: Vec<Option<String>>,
    answers: Vec<Option<Answer>>,
}

impl ResponseView for Raw {
    fn respondent_id(&self) -> &'static str {
        "R"
    }
    fn attribute_count(&self) -> usize {
        self.attributes.len()
    }
    fn attribute(&self, index: usize) -> Option<&str> {
        self.attributes.get(index)?.as_deref()
    }
    fn answer_count(&self) -> usize {
        self.answers.len()
    }
    fn answer(&self, index: usize) -> Option<AnswerRef<'_>> {
        self.answers.get(index)?.as_ref().map(Answer::as_ref)
    }
}

/// Rated 1..5, rated 1..3, recommendation, single choice (3), multiple choice (3), text.
fn mixed(threshold: Decimal, mapping: ValueMapping) -> SurveyDefinition {
    let options = |n: u16| -> Vec<ChoiceOption> {
        (0..n)
            .map(|i| ChoiceOption::new(format!("o{i}"), format!("o{i}")))
            .collect()
    };
    let rated = |id: &str, top: u8| {
        Question::new(
            id,
            id,
            QuestionKind::Rated {
                scale: Scale::numeric(1, top).unwrap(),
            },
        )
        .unwrap()
    };
    let mut t = Thresholds::default();
    t.satisfied_at = threshold;
    SurveyDefinition::builder("m", "m")
        .attribute(Attribute::new("a", "a"))
        .question(rated("q1", 5))
        .question(rated("q2", 3))
        .question(Question::new("nps", "nps", QuestionKind::Recommendation).unwrap())
        .question(
            Question::new(
                "one",
                "one",
                QuestionKind::SingleChoice {
                    options: options(3),
                },
            )
            .unwrap(),
        )
        .question(
            Question::new(
                "many",
                "many",
                QuestionKind::MultipleChoice {
                    options: options(3),
                },
            )
            .unwrap(),
        )
        .question(Question::new("text", "text", QuestionKind::OpenText).unwrap())
        .mapping(mapping)
        .thresholds(t)
        .build()
        .unwrap()
}

/// Answers of every kind, fitting or not, for any question.
fn any_answer() -> impl Strategy<Value = Option<Answer>> {
    prop_oneof![
        Just(None),
        (0u8..=7).prop_map(|v| Some(Answer::Level(v))),
        (0u8..=12).prop_map(|v| Some(Answer::Recommend(v))),
        (0u16..=4).prop_map(|c| Some(Answer::Choice(c))),
        prop::collection::vec(0u16..=4, 0..=3).prop_map(|c| Some(Answer::Choices(c))),
        prop_oneof![Just(" "), Just("好")].prop_map(|t| Some(Answer::Text(t.to_owned()))),
    ]
}

/// Answers that fit the questions of [`mixed`], mostly.
fn fitting() -> impl Strategy<Value = Vec<Option<Answer>>> {
    (
        prop::option::of(1u8..=5),
        prop::option::of(1u8..=3),
        prop::option::of(0u8..=10),
        prop::option::of(0u16..3),
        prop::option::of(prop::sample::subsequence(vec![0u16, 1, 2], 1..=3)),
        prop::option::of(Just("好".to_owned())),
    )
        .prop_map(|(a, b, c, d, e, f)| {
            vec![
                a.map(Answer::Level),
                b.map(Answer::Level),
                c.map(Answer::Recommend),
                d.map(Answer::Choice),
                e.map(Answer::Choices),
                f.map(Answer::Text),
            ]
        })
}

fn thresholds() -> impl Strategy<Value = (Decimal, ScoreBasis)> {
    (
        prop::sample::select(vec![
            dec!(0),
            dec!(-5),
            dec!(3),
            dec!(3.5),
            dec!(70),
            dec!(81.375),
            dec!(81.376),
            dec!(100.01),
        ]),
        prop::sample::select(vec![ScoreBasis::MappedMean, ScoreBasis::ScaleMean]),
    )
}

fn counted(hits: &[u32]) -> Vec<u32> {
    let mut h: Vec<u32> = hits.iter().copied().filter(|&k| k != NO_HIT).collect();
    h.sort_unstable();
    h
}

proptest! {
    /// The fast path agrees with the general one wherever it answers: same own score,
    /// same counters (in any order); and it answers for every response that fits.
    #[test]
    fn fast_path_agrees_with_the_general_path(
        answers in prop_oneof![prop::collection::vec(any_answer(), 6), fitting()],
        (threshold, basis) in thresholds(),
        decimal_mapping in any::<bool>(),
    ) {
        let mapping = if decimal_mapping {
            ValueMapping::new([
                (5, dec!(100)),
                (4, dec!(92.5)),
                (3, dec!(70.25)),
                (2, dec!(0)),
                (1, dec!(-10.125)),
            ])
            .unwrap()
        } else {
            ValueMapping::default()
        };
        let def = mixed(dec!(70), mapping);
        let spec = TallySpec::new().satisfied_at(threshold, basis);
        let plan = Plan::new(&def, &spec).unwrap();
        let steps = plan.steps.as_ref().expect("the plan has a fast path");
        let r = Raw { attributes: vec![None], answers };
        let mut fast_hits = Vec::new();
        let mut slow_hits = Vec::new();
        let fast = own_score_fast(steps, &def, &r, &mut fast_hits);
        let slow = Tally::own_score(&def, &plan, &r, &mut slow_hits);
        match (fast, slow) {
            (Some((own, used)), Ok(expected)) => {
                prop_assert_eq!(own, expected);
                prop_assert_eq!(counted(&fast_hits[..used]), counted(&slow_hits));
            }
            (Some(found), Err(e)) => prop_assert!(false, "fast {found:?}, general {e}"),
            (None, Ok(own)) => prop_assert!(false, "only the general path took {own:?}"),
            (None, Err(_)) => {}
        }
    }
}

/// Rated 1..5, rated 1..3, recommendation, single choice (3); attributes a and b: a
/// survey the one-pass path ([`count_fused`]) counts.
fn fusable(mapping: ValueMapping) -> SurveyDefinition {
    let d = mixed(dec!(70), mapping);
    let mut b = SurveyDefinition::builder("f", "f")
        .attribute(Attribute::new("a", "a"))
        .attribute(Attribute::new("b", "b"));
    for q in &d.questions()[..4] {
        b = b.question(q.clone());
    }
    b.mapping(d.mapping().clone()).build().unwrap()
}

/// Attribute values: none, short, 4..8 bytes, 9..16 bytes, longer.
fn any_value() -> impl Strategy<Value = Option<String>> {
    prop::option::of(
        prop::sample::select(vec!["x", "银行", "保险", "其他金融", "制造业与服务业之外"])
            .prop_map(str::to_owned),
    )
}

proptest! {
    /// Tallies counted on the one-pass path equal tallies counted on the two-pass path
    /// (the plan's `fused` switched off), after any sequence of responses that fit or
    /// not, with segment values new or seen before; and each response gets the same
    /// result on both.
    #[test]
    fn one_pass_path_agrees_with_the_two_pass_path(
        rows in prop::collection::vec(
            (
                prop_oneof![prop::collection::vec(any_answer(), 4), fitting()],
                any_value(),
                any_value(),
            ),
            1..40,
        ),
        (threshold, basis) in thresholds(),
        segments in 0usize..=2,
        decimal_mapping in any::<bool>(),
    ) {
        let mapping = if decimal_mapping {
            ValueMapping::new([
                (5, dec!(100)),
                (4, dec!(92.5)),
                (3, dec!(70.25)),
                (2, dec!(0)),
                (1, dec!(-10.125)),
            ])
            .unwrap()
        } else {
            ValueMapping::default()
        };
        let def = fusable(mapping);
        let mut spec = TallySpec::new().satisfied_at(threshold, basis).low_scorers(3);
        for a in ["a", "b"].iter().take(segments) {
            spec = spec.segment_by(*a);
        }
        let mut one = Tally::with_spec(&def, spec.clone()).unwrap();
        prop_assert!(one.plan.steps.as_ref().is_some_and(|s| s.fused.is_some()));
        let mut two = Tally::with_spec(&def, spec).unwrap();
        Arc::get_mut(&mut two.plan)
            .and_then(|p| p.steps.as_mut())
            .expect("a fresh plan with steps")
            .fused = None;
        for (answers, a, b) in rows {
            // Four answers for four questions (`fitting` makes six for `mixed`).
            let answers = answers.into_iter().take(4).collect();
            let r = Raw { attributes: vec![a, b], answers };
            let got = one.add(&r).map_err(|e| e.to_string());
            let expected = two.add(&r).map_err(|e| e.to_string());
            prop_assert_eq!(got, expected);
        }
        prop_assert_eq!(one.view().total.clone(), two.view().total.clone());
        prop_assert!(one == two);
    }
}

#[test]
fn many_segment_values_are_found_and_kept_sorted() {
    // 500 values arriving in a scrambled order (i × 7919 mod 500 visits each once), each
    // value v answered by v mod 3 + 1 respondents: the index grows several times, and
    // insertions shift the indexed positions.
    let def = SurveyDefinition::builder("t", "t")
        .attribute(Attribute::new("company", "公司"))
        .question(Question::rated("q1", "一", None).unwrap())
        .build()
        .unwrap();
    let spec = TallySpec::new().segment_by("company");
    let mut even = Tally::with_spec(&def, spec.clone()).unwrap();
    let mut odd = Tally::with_spec(&def, spec).unwrap();
    let name = |v: usize| format!("公司{v}");
    let mut count = 0;
    for round in 0..3 {
        for i in 0..500usize {
            let value = i * 7919 % 500;
            if value % 3 < round {
                continue;
            }
            count += 1;
            let r = Response::builder(&def, format!("R{count}"))
                .attribute("company", name(value))
                .unwrap()
                .answer("q1", Answer::Level(5))
                .unwrap()
                .build()
                .unwrap();
            // Alternate tallies, so that merging meets values both have and values one has.
            if count % 2 == 0 {
                even.add(&r)
            } else {
                odd.add(&r)
            }
            .unwrap();
        }
    }
    let merged = even.merge(odd).unwrap();
    let values = &merged.view().segments[0].values;
    let mut expected: Vec<(String, u64)> =
        (0..500).map(|v| (name(v), (v % 3 + 1) as u64)).collect();
    expected.sort();
    let got: Vec<(String, u64)> = values
        .into_iter()
        .map(|(k, c)| (k.clone(), c.respondents()))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(
        merged.respondents(),
        expected.iter().map(|(_, c)| c).sum::<u64>()
    );
}

#[test]
fn a_bad_answer_after_good_ones_counts_nothing() {
    // q1 fits, q2 is off the scale: the fast path gives up after q1, the general path
    // reports q2, and no counter moved (segments included).
    let d = def(None, dec!(70));
    let raw = Raw {
        attributes: vec![],
        answers: vec![Some(Answer::Level(5)), Some(Answer::Level(9))],
    };
    let mut t = Tally::new(&d).unwrap();
    let e = t.add(&raw).unwrap_err();
    assert_eq!(
        e.to_string(),
        "respondent \"R\": question \"q2\": 9 is outside the scale 1..5"
    );
    assert_eq!(t, Tally::new(&d).unwrap());
}

fn def(mapping: Option<ValueMapping>, threshold: Decimal) -> SurveyDefinition {
    let mut t = Thresholds::default();
    t.satisfied_at = threshold;
    let mut b = SurveyDefinition::builder("t", "t")
        .question(Question::rated("q1", "一", None).unwrap())
        .question(Question::rated("q2", "二", None).unwrap())
        .thresholds(t);
    if let Some(m) = mapping {
        b = b.mapping(m);
    }
    b.build().unwrap()
}

fn answers(def: &SurveyDefinition, id: &str, q1: u8, q2: u8) -> Response {
    Response::builder(def, id)
        .answer("q1", Answer::Level(q1))
        .unwrap()
        .answer("q2", Answer::Level(q2))
        .unwrap()
        .build()
        .unwrap()
}

#[test]
fn decimal_mapping_is_compared_exactly() {
    // 4 -> 92.5, 3 -> 70.25: points 162.75 over 2 answers, own mean 81.375.
    // Satisfied at 81.375 (162.75 >= 81.375 × 2), not at 81.376 (162.75 < 162.752).
    let m = ValueMapping::new([
        (5, dec!(100)),
        (4, dec!(92.5)),
        (3, dec!(70.25)),
        (2, dec!(0)),
        (1, dec!(-10)),
    ])
    .unwrap();
    for (threshold, satisfied) in [(dec!(81.375), 1), (dec!(81.376), 0)] {
        let d = def(Some(m.clone()), threshold);
        let mut t = Tally::new(&d).unwrap();
        t.add(&answers(&d, "R1", 4, 3)).unwrap();
        assert_eq!(t.counts().scored(), 1);
        assert_eq!(t.counts().satisfied(), satisfied, "threshold {threshold}");
    }
}

#[test]
fn counts_by_scale_position() {
    // 5 and 3 on the five-level scale: positions 4 and 2.
    let d = def(None, dec!(70));
    let mut t = Tally::new(&d).unwrap();
    t.add(&answers(&d, "R1", 5, 3)).unwrap();
    t.add(&answers(&d, "R2", 5, 1)).unwrap();
    assert_eq!(
        t.counts().questions()[0],
        QuestionCounts::Rated(vec![0, 0, 0, 0, 2])
    );
    assert_eq!(
        t.counts().questions()[1],
        QuestionCounts::Rated(vec![1, 0, 1, 0, 0])
    );
    assert_eq!(t.counts().questions()[1].answered(), 2);
    // Own mapped means: R1 (100 + 70) / 2 = 85 satisfied; R2 (100 − 10) / 2 = 45 not.
    assert_eq!((t.counts().scored(), t.counts().satisfied()), (2, 1));
}

#[test]
fn answers_that_do_not_fit_are_refused_before_counting() {
    let d = def(None, dec!(70));
    let other = SurveyDefinition::builder("t", "t")
        .question(Question::new("q1", "一", QuestionKind::Recommendation).unwrap())
        .question(Question::rated("q2", "二", None).unwrap())
        .build()
        .unwrap();
    let r = Response::builder(&other, "R9")
        .answer("q1", Answer::Recommend(9))
        .unwrap()
        .answer("q2", Answer::Level(5))
        .unwrap()
        .build()
        .unwrap();
    let mut t = Tally::new(&d).unwrap();
    let e = t.add(&r).unwrap_err();
    assert_eq!(
        e.to_string(),
        "respondent \"R9\": question \"q1\": answer Recommend(9) does not fit a rated question"
    );
    assert_eq!(t.respondents(), 0);
    assert_eq!(t, Tally::new(&d).unwrap());
}

#[test]
fn unmapped_scale_needs_the_scale_basis() {
    // A 1..7 item: the default mapping has no value for 6 and 7.
    let d = SurveyDefinition::builder("t", "t")
        .question(
            Question::new(
                "q1",
                "一",
                QuestionKind::Rated {
                    scale: Scale::numeric(1, 7).unwrap(),
                },
            )
            .unwrap(),
        )
        .build()
        .unwrap();
    let e = Tally::new(&d).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::MappingMissingLevel {
            question: "q1".into(),
            level: 6,
            needed_for: "the satisfaction rate on the mapped basis",
        }
    );
    let spec = TallySpec::new().satisfied_at(dec!(5), ScoreBasis::ScaleMean);
    let mut t = Tally::with_spec(&d, spec).unwrap();
    let r = Response::builder(&d, "R1")
        .answer("q1", Answer::Level(6))
        .unwrap()
        .build()
        .unwrap();
    t.add(&r).unwrap();
    assert_eq!(t.counts().satisfied(), 1); // 6 >= 5
}
