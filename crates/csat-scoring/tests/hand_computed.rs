//! A small survey scored end to end; every expected value is worked out by hand in the
//! comments.

use csat_model::{
    Answer, Attribute, ChoiceOption, Dimension, Question, QuestionKind, Response, ScoreBasis,
    SurveyDefinition, Targets, WeightsTable,
};
use csat_scoring::{
    ErrorKind, Invitations, Kpi, Method, Scores, ScoringOptions, Tally, TallySpec, WeightSumPolicy,
    display::round_figure,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn definition(weights: &[(&str, Decimal)]) -> SurveyDefinition {
    let mut targets = Targets::default();
    targets.overall_satisfaction = Some(dec!(90));
    targets.satisfaction_rate = Some(dec!(60));
    let options = |ids: &[&str]| ids.iter().map(|i| ChoiceOption::new(*i, *i)).collect();
    SurveyDefinition::builder("small", "小调查")
        .dimension(Dimension::new("a", "A"))
        .dimension(Dimension::new("b", "B"))
        .attribute(Attribute::new("industry", "行业").with_values(["银行", "证券"]))
        .attribute(Attribute::new("region", "区域"))
        .question(Question::rated("q1", "一", Some("a")).unwrap())
        .question(Question::rated("q2", "二", Some("a")).unwrap())
        .question(Question::rated("q3", "三", Some("b")).unwrap())
        .question(Question::new("nps", "推荐", QuestionKind::Recommendation).unwrap())
        .question(
            Question::new(
                "lic",
                "授权",
                QuestionKind::SingleChoice {
                    options: options(&["device", "sub", "saas"]),
                },
            )
            .unwrap(),
        )
        .question(
            Question::new(
                "cloud",
                "云",
                QuestionKind::MultipleChoice {
                    options: options(&["public", "private", "none"]),
                },
            )
            .unwrap(),
        )
        .question(Question::new("text", "建议", QuestionKind::OpenText).unwrap())
        .weights(WeightsTable::new(weights.iter().copied()).unwrap())
        .targets(targets)
        .build()
        .unwrap()
}

struct Row<'a> {
    id: &'a str,
    industry: Option<&'a str>,
    region: Option<&'a str>,
    levels: [Option<u8>; 3],
    nps: Option<u8>,
    lic: Option<u16>,
    cloud: Option<Vec<u16>>,
    text: Option<&'a str>,
}

fn response(def: &SurveyDefinition, row: Row<'_>) -> Response {
    let mut b = Response::builder(def, row.id);
    if let Some(v) = row.industry {
        b = b.attribute("industry", v).unwrap();
    }
    if let Some(v) = row.region {
        b = b.attribute("region", v).unwrap();
    }
    for (q, l) in ["q1", "q2", "q3"].into_iter().zip(row.levels) {
        if let Some(l) = l {
            b = b.answer(q, Answer::Level(l)).unwrap();
        }
    }
    if let Some(v) = row.nps {
        b = b.answer("nps", Answer::Recommend(v)).unwrap();
    }
    if let Some(v) = row.lic {
        b = b.answer("lic", Answer::Choice(v)).unwrap();
    }
    if let Some(v) = row.cloud {
        b = b.answer("cloud", Answer::Choices(v)).unwrap();
    }
    if let Some(v) = row.text {
        b = b.answer("text", Answer::Text(v.into())).unwrap();
    }
    b.build().unwrap()
}

/// R1 银行/东区: 5 4 3, NPS 10, device, public+private, a text
/// R2 银行/南区: 4 4 -, NPS 8, saas, private
/// R3 证券/东区: 2 - 1, NPS 3, device
/// R4 -/东区: everything blank
fn responses(def: &SurveyDefinition) -> Vec<Response> {
    vec![
        response(
            def,
            Row {
                id: "R1",
                industry: Some("银行"),
                region: Some("东区"),
                levels: [Some(5), Some(4), Some(3)],
                nps: Some(10),
                lic: Some(0),
                cloud: Some(vec![0, 1]),
                text: Some("好"),
            },
        ),
        response(
            def,
            Row {
                id: "R2",
                industry: Some("银行"),
                region: Some("南区"),
                levels: [Some(4), Some(4), None],
                nps: Some(8),
                lic: Some(2),
                cloud: Some(vec![1]),
                text: None,
            },
        ),
        response(
            def,
            Row {
                id: "R3",
                industry: Some("证券"),
                region: Some("东区"),
                levels: [Some(2), None, Some(1)],
                nps: Some(3),
                lic: Some(0),
                cloud: None,
                text: None,
            },
        ),
        response(
            def,
            Row {
                id: "R4",
                industry: None,
                region: Some("东区"),
                levels: [None; 3],
                nps: None,
                lic: None,
                cloud: None,
                text: None,
            },
        ),
    ]
}

fn spec() -> TallySpec {
    TallySpec::new()
        .segment_by("industry")
        .segment_by("region")
        .segment_pair("industry", "region")
        .low_scorers(2)
}

fn scores_with(def: &SurveyDefinition, options: &ScoringOptions) -> Scores {
    let mut tally = Tally::with_spec(def, spec()).unwrap();
    tally.add_all(&responses(def)).unwrap();
    Scores::compute(def, &tally, options).unwrap()
}

fn default_def() -> SurveyDefinition {
    definition(&[("a", dec!(60)), ("b", dec!(40))])
}

#[test]
fn items_overall_and_ranking() {
    let def = default_def();
    let s = scores_with(&def, &ScoringOptions::default().with_min_segment_base(2));
    // q1: 5, 4, 2 -> n 3, Σ 11, mean 3.666..; mapped 100 + 90 + 0 = 190 -> 63.33..
    let q1 = s.item("q1").unwrap();
    assert_eq!(q1.n, 3);
    assert_eq!(
        q1.levels.iter().map(|l| l.count).collect::<Vec<_>>(),
        [0, 1, 0, 1, 1]
    );
    assert_eq!(
        (q1.mean.numerator, q1.mean.denominator),
        (dec!(11), dec!(3))
    );
    assert_eq!(round_figure(&q1.mean, 2), Some(dec!(3.67)));
    assert_eq!(q1.mapped_mean.as_ref().unwrap().numerator, dec!(190));
    // q2: 4, 4 -> 4 (mapped 90); q3: 3, 1 -> 2 (mapped (70 − 10) / 2 = 30)
    assert_eq!(s.item("q2").unwrap().mean.value, Some(dec!(4)));
    assert_eq!(s.item("q3").unwrap().mean.value, Some(dec!(2)));
    assert_eq!(
        s.item("q3").unwrap().mapped_mean.as_ref().unwrap().value,
        Some(dec!(30))
    );
    // Grand mean: (11 + 8 + 4) / 7 cells = 23 / 7 = 3.2857..
    assert_eq!(
        (s.total.grand_mean.numerator, s.total.grand_mean.n),
        (dec!(23), 7)
    );
    assert_eq!(round_figure(&s.total.grand_mean, 2), Some(dec!(3.29)));
    // Mean of item means: (11/3 + 4 + 2) / 3 = 3.2222..
    assert_eq!(
        round_figure(&s.total.mean_of_item_means, 2),
        Some(dec!(3.22))
    );
    assert_eq!(s.total.mean_of_item_means.method, Method::MeanOfItemMeans);
    // Ranking by mean: q2 4, q1 3.67, q3 2.
    let ranking: Vec<_> = s
        .total
        .ranking
        .iter()
        .map(|r| (r.question.as_str(), r.rank))
        .collect();
    assert_eq!(ranking, [("q2", 1), ("q1", 2), ("q3", 3)]);
    assert_eq!(q1.rank, Some(2));
    assert_eq!(s.total.respondents, 4);
}

#[test]
fn weighted_satisfaction_pools_dimensions() {
    let def = default_def();
    let s = scores_with(&def, &ScoringOptions::default());
    let w = s.total.weighted_satisfaction.as_ref().unwrap();
    // Dimension a pools q1 and q2: (190 + 180) / 5 cells = 74; dimension b is q3: 30.
    // 60 × 74 / 100 + 40 × 30 / 100 = 44.4 + 12 = 56.4
    assert_eq!(w.value, Some(dec!(56.4)));
    assert_eq!(w.parts[0].mapped_mean.value, Some(dec!(74)));
    assert_eq!(w.parts[0].items, ["q1", "q2"]);
    assert_eq!(w.cells, 7);
    assert!(!w.renormalised);
    assert!(w.left_out.is_empty());
    // KPI: 56.4 < 90 not met; satisfaction rate 66.7 >= 60 met.
    assert_eq!(s.kpis[0].kpi, Kpi::OverallSatisfaction);
    assert_eq!(s.kpis[0].met, Some(false));
    assert_eq!(s.kpis[1].kpi, Kpi::SatisfactionRate);
    assert_eq!(s.kpis[1].met, Some(true));
}

#[test]
fn weight_sum_policy() {
    // 30 + 20 = 50: rejected by default, renormalised on request to the same 56.4 as 60/40.
    let def = definition(&[("a", dec!(30)), ("b", dec!(20))]);
    let mut tally = Tally::with_spec(&def, spec()).unwrap();
    tally.add_all(&responses(&def)).unwrap();
    let e = Scores::compute(&def, &tally, &ScoringOptions::default()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::WeightsDoNotSumTo100 { sum: dec!(50) });
    assert_eq!(
        e.to_string(),
        "weights sum to 50, not 100 (choose WeightSumPolicy::Renormalise to rescale them)"
    );
    let opts = ScoringOptions::default().with_weight_sum(WeightSumPolicy::Renormalise);
    let s = Scores::compute(&def, &tally, &opts).unwrap();
    let w = s.total.weighted_satisfaction.unwrap();
    assert_eq!(w.value, Some(dec!(56.4)));
    assert!(w.renormalised);
    assert_eq!(w.parts[0].effective_weight, Some(dec!(0.6)));
}

#[test]
fn unanswered_part_is_left_out_and_said_so() {
    // Only q3 weighted separately; in segment 南区 (R2) nobody answered q3, so b is left out
    // and a carries everything: (90 + 90) / 2 = 90.
    let def = default_def();
    let s = scores_with(&def, &ScoringOptions::default());
    let south = s.segments_by("region").unwrap().get("南区").unwrap();
    let w = south.scores.weighted_satisfaction.as_ref().unwrap();
    assert_eq!(w.left_out, ["b"]);
    assert_eq!(w.used_weight_sum, dec!(60));
    assert!(w.renormalised);
    assert_eq!(w.value, Some(dec!(90)));
}

#[test]
fn satisfaction_nps_choices_and_text() {
    let def = default_def();
    let s = scores_with(&def, &ScoringOptions::default());
    // Own mapped means: R1 (100 + 90 + 70) / 3 = 86.7 yes; R2 (90 + 90) / 2 = 90 yes;
    // R3 (0 − 10) / 2 = −5 no; R4 answered nothing, not scored -> 2 / 3 = 66.67 %.
    let sr = &s.total.satisfaction_rate;
    assert_eq!((sr.satisfied, sr.scored), (2, 3));
    assert_eq!((sr.threshold, sr.basis), (dec!(70), ScoreBasis::MappedMean));
    assert_eq!(round_figure(&sr.rate, 1), Some(dec!(66.7)));
    // NPS: 10 promoter, 8 passive, 3 detractor -> 100 × (1 − 1) / 3 = 0.
    let nps = &s.total.nps[0];
    assert_eq!((nps.promoters, nps.passives, nps.detractors), (1, 1, 1));
    assert_eq!(nps.score.value, Some(dec!(0)));
    // Single choice: device 2, sub 0, saas 1 of 3 -> 66.7, 0, 33.3.
    let lic = s.total.choice("lic").unwrap();
    assert_eq!(lic.answered, 3);
    assert_eq!(round_figure(&lic.options[0].share, 1), Some(dec!(66.7)));
    assert_eq!(lic.options[1].share.value, Some(dec!(0)));
    // Multiple choice: public 1, private 2, none 0; 2 respondents, 3 mentions:
    // of respondents 50, 100, 0; of mentions 33.3, 66.7, 0.
    let cloud = s.total.choice("cloud").unwrap();
    assert_eq!((cloud.answered, cloud.mentions), (2, 3));
    assert_eq!(cloud.options[1].share.value, Some(dec!(100)));
    assert_eq!(
        round_figure(cloud.options[1].share_of_mentions.as_ref().unwrap(), 1),
        Some(dec!(66.7))
    );
    assert_eq!(s.total.open_text[0].answered, 1);
}

#[test]
fn low_scorers_and_detractors() {
    let def = default_def();
    let s = scores_with(&def, &ScoringOptions::default());
    // Own scale means: R3 (2 + 1) / 2 = 1.5; R1 12 / 3 = 4; R2 8 / 2 = 4 (tie with R1, ids
    // ascending); k = 2 keeps R3 and R1. R4 answered no item and is left out.
    let low: Vec<_> = s
        .low_scorers
        .iter()
        .map(|l| (l.respondent.as_str(), l.mean.value))
        .collect();
    assert_eq!(low, [("R3", Some(dec!(1.5))), ("R1", Some(dec!(4)))]);
    assert_eq!(s.low_scorers[0].attributes["industry"], "证券");
    let d = &s.detractors[0];
    assert_eq!((d.question.as_str(), d.total), ("nps", 1));
    assert_eq!(d.listed[0].respondent, "R3");
    assert_eq!(d.listed[0].answer, 3);
    assert_eq!(d.listed[0].attributes["region"], "东区");
}

#[test]
fn segments_pairs_and_min_base() {
    let def = default_def();
    let s = scores_with(&def, &ScoringOptions::default().with_min_segment_base(2));
    let industry = s.segments_by("industry").unwrap();
    // 银行 = R1, R2: grand mean (5 + 4 + 3 + 4 + 4) / 5 = 4; NPS 1 promoter 1 passive -> 50.
    let bank = industry.get("银行").unwrap();
    assert_eq!(bank.scores.respondents, 2);
    assert_eq!(bank.scores.grand_mean.value, Some(dec!(4)));
    assert_eq!(bank.scores.nps[0].score.value, Some(dec!(50)));
    assert!(!bank.below_min_base);
    // 证券 = R3: (2 + 1) / 2 = 1.5, NPS −100, one respondent < base 2.
    let sec = industry.get("证券").unwrap();
    assert_eq!(sec.scores.grand_mean.value, Some(dec!(1.5)));
    assert_eq!(sec.scores.nps[0].score.value, Some(dec!(-100)));
    assert!(sec.below_min_base);
    // R4 gave no industry.
    let missing = industry.missing.as_ref().unwrap();
    assert_eq!(missing.scores.respondents, 1);
    assert_eq!(missing.scores.grand_mean.value, None);
    // Ranking leaves out segments below base.
    assert_eq!(industry.ranking.len(), 1);
    assert_eq!(industry.ranking[0].values, ["银行"]);
    // Region (open attribute): 东区 = R1, R3, R4; 南区 = R2.
    let region = s.segments_by("region").unwrap();
    assert_eq!(region.get("东区").unwrap().scores.respondents, 3);
    assert!(region.missing.is_none());
    // Pairs: 银行 × 东区 = R1 (12 / 3 = 4), 银行 × 南区 = R2 (4), 证券 × 东区 = R3; R4 missing.
    let pair = s.pair("industry", "region").unwrap();
    assert_eq!(pair.get("银行", "东区").unwrap().scores.respondents, 1);
    assert_eq!(
        pair.get("证券", "东区").unwrap().scores.grand_mean.value,
        Some(dec!(1.5))
    );
    assert_eq!(pair.missing.as_ref().unwrap().scores.respondents, 1);
    // With base 1 every pair ranks: 银行×东区 and 银行×南区 tie at 4 (rank 1, 1), then 证券 3.
    let s = scores_with(&def, &ScoringOptions::default().with_min_segment_base(1));
    let ranks: Vec<_> = s
        .pair("industry", "region")
        .unwrap()
        .ranking
        .iter()
        .map(|r| (r.values.join("×"), r.rank))
        .collect();
    assert_eq!(
        ranks,
        [
            ("银行×东区".to_owned(), 1),
            ("银行×南区".to_owned(), 1),
            ("证券×东区".to_owned(), 3)
        ]
    );
}

#[test]
fn response_rates() {
    let def = default_def();
    // 4 returned of 10 sent -> 40 %; 银行 2 of 4 -> 50 %; 证券 1 of 1 -> 100 %.
    let inv = Invitations::new(10)
        .with_segment("industry", "银行", 4)
        .with_segment("industry", "证券", 1);
    let s = scores_with(&def, &ScoringOptions::default().with_invitations(inv));
    let rr = s.response_rate.unwrap();
    assert_eq!((rr.returned, rr.sent), (4, 10));
    assert_eq!(rr.rate.value, Some(dec!(40)));
    // Values in ascending order: 证 (U+8BC1) before 银 (U+94F6).
    assert_eq!(rr.by_segment[0].value, "证券");
    assert_eq!(rr.by_segment[0].rate.value, Some(dec!(100)));
    assert_eq!(rr.by_segment[1].rate.value, Some(dec!(50)));

    let mut tally = Tally::with_spec(&def, spec()).unwrap();
    tally.add_all(&responses(&def)).unwrap();
    let bad = |inv| {
        Scores::compute(
            &def,
            &tally,
            &ScoringOptions::default().with_invitations(inv),
        )
        .unwrap_err()
    };
    assert_eq!(
        bad(Invitations::new(10).with_segment("industry", "证券", 0)).to_string(),
        "response rate of industry \"证券\": 1 returned is more than 0 sent"
    );
    assert!(matches!(
        bad(Invitations::new(3)).kind(),
        ErrorKind::ReturnedExceedsSent {
            returned: 4,
            sent: 3,
            ..
        }
    ));
    assert!(matches!(
        bad(Invitations::new(10).with_segment("gender", "男", 3)).kind(),
        ErrorKind::UnknownAttribute { .. }
    ));
}

#[test]
fn mismatches_are_errors_not_panics() {
    let def = default_def();
    let other = definition(&[("a", dec!(50)), ("b", dec!(50))]);
    let plain = Tally::new(&def).unwrap();
    let foreign = Tally::new(&other).unwrap();
    assert!(matches!(
        plain.clone().merge(foreign).unwrap_err().kind(),
        ErrorKind::DefinitionMismatch { .. }
    ));
    let segmented = Tally::with_spec(&def, spec()).unwrap();
    assert!(matches!(
        plain.clone().merge(segmented).unwrap_err().kind(),
        ErrorKind::DefinitionMismatch { .. }
    ));
    assert!(matches!(
        Scores::compute(&other, &plain, &ScoringOptions::default())
            .unwrap_err()
            .kind(),
        ErrorKind::DefinitionMismatch { .. }
    ));
    // A response of another survey's shape is refused and nothing is counted.
    let small = SurveyDefinition::builder("x", "x")
        .question(Question::rated("q1", "一", None).unwrap())
        .build()
        .unwrap();
    let stranger = Response::builder(&small, "X1")
        .answer("q1", Answer::Level(5))
        .unwrap()
        .build()
        .unwrap();
    let mut t = Tally::new(&def).unwrap();
    let e = t.add(&stranger).unwrap_err();
    assert_eq!(
        e.to_string(),
        "respondent \"X1\": 1 answers for the 7 questions of survey \"small\""
    );
    assert_eq!(t, Tally::new(&def).unwrap());
    // Unknown and repeated segments.
    let e = Tally::with_spec(&def, TallySpec::new().segment_by("gender")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "tally spec segment: unknown attribute \"gender\""
    );
    let e = Tally::with_spec(&def, TallySpec::new().segment_pair("region", "region")).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::InvalidSpec { .. }));
}

#[test]
fn spec_overrides_the_satisfied_threshold() {
    // On the scale basis with threshold 4: R1 12 / 3 = 4 yes, R2 4 yes, R3 1.5 no -> 2 / 3.
    // With threshold 4.5 on the scale basis nobody reaches it -> 0 / 3.
    let def = default_def();
    for (at, satisfied) in [(dec!(4), 2), (dec!(4.5), 0)] {
        let mut t = Tally::with_spec(&def, spec().satisfied_at(at, ScoreBasis::ScaleMean)).unwrap();
        t.add_all(&responses(&def)).unwrap();
        assert_eq!(t.satisfied_threshold(), (at, ScoreBasis::ScaleMean));
        let s = Scores::compute(&def, &t, &ScoringOptions::default()).unwrap();
        assert_eq!(s.total.satisfaction_rate.satisfied, satisfied);
        assert_eq!(s.total.satisfaction_rate.scored, 3);
    }
}

#[test]
fn scores_serialize_with_decimals_as_strings() {
    let def = default_def();
    let s = scores_with(&def, &ScoringOptions::default());
    let json = serde_json::to_string(&s).unwrap();
    assert!(json.contains(r#""numerator":"23""#));
    assert!(json.contains(r#""method":"grand_mean""#));
    let back: Scores = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
}
