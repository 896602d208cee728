//! Conversions from the scoring engine, on two small hand-computed waves.
//!
//! | respondent | region | q01 | q02 | nps | cloud   |
//! |------------|--------|-----|-----|-----|---------|
//! | 2020 R1    | east   | 5   | 4   | 10  | public  |
//! | 2020 R2    | west   | 3   | —   | 6   | private |
//! | 2020 R3    | east   | 4   | 4   | 8   | —       |
//! | 2021 R1    | east   | 5   | 5   | 9   | public  |
//! | 2021 R2    | east   | 4   | 3   | 7   | public  |
//!
//! By hand: q01 mean 4 → 4.5, q02 4 → 4; overall (all answered cells) 20/5 = 4 → 17/4 = 4.25;
//! NPS (1 − 1)/3 = 0 → (1 − 0)/2 = 50; cloud shares of those who answered: public 1/2, private
//! 1/2 → public 2/2, private 0/2; satisfaction (own mapped mean ≥ 70): 3 of 3 → 2 of 2.

use chrono::NaiveDate;
use csat_model::{
    Answer, Attribute, ChoiceOption, Period, Question, QuestionKind, Response, SurveyDefinition,
};
use csat_scoring::{Scores, ScoringOptions, Tally};
use csat_trend::from_scores::{self, ScoredWaves};
use csat_trend::{ChangeOptions, ErrorKind, Measure, WavePoint};
use rust_decimal_macros::dec;

fn definition(id: &str) -> SurveyDefinition {
    SurveyDefinition::builder(id, "客户满意度调查")
        .attribute(Attribute::new("region", "区域").with_values(["east", "west"]))
        .question(Question::rated("q01", "工作态度", None).unwrap())
        .question(Question::rated("q02", "响应速度", None).unwrap())
        .question(Question::new("nps", "推荐意愿", QuestionKind::Recommendation).unwrap())
        .question(
            Question::new(
                "cloud",
                "云服务",
                QuestionKind::SingleChoice {
                    options: vec![
                        ChoiceOption::new("public", "公有云"),
                        ChoiceOption::new("private", "私有云"),
                    ],
                },
            )
            .unwrap(),
        )
        .build()
        .unwrap()
}

type Row = (&'static str, u8, Option<u8>, u8, Option<u16>);

fn score(def: &SurveyDefinition, rows: &[Row]) -> Scores {
    let mut tally = Tally::new(def).unwrap();
    for (i, &(region, q01, q02, nps, cloud)) in rows.iter().enumerate() {
        let mut b = Response::builder(def, format!("R{i}"))
            .attribute("region", region)
            .unwrap()
            .answer("q01", Answer::Level(q01))
            .unwrap()
            .answer("nps", Answer::Recommend(nps))
            .unwrap();
        if let Some(q) = q02 {
            b = b.answer("q02", Answer::Level(q)).unwrap();
        }
        if let Some(c) = cloud {
            b = b.answer("cloud", Answer::Choice(c)).unwrap();
        }
        tally.add(&b.build().unwrap()).unwrap();
    }
    Scores::compute(def, &tally, &ScoringOptions::default()).unwrap()
}

fn wave(year: i32) -> WavePoint {
    let d = NaiveDate::from_ymd_opt(year, 11, 24).unwrap();
    WavePoint::new(year.to_string(), Period::new(d, d).unwrap()).unwrap()
}

fn two_waves() -> (Scores, Scores) {
    let def = definition("annual");
    let s2020 = score(
        &def,
        &[
            ("east", 5, Some(4), 10, Some(0)),
            ("west", 3, None, 6, Some(1)),
            ("east", 4, Some(4), 8, None),
        ],
    );
    let s2021 = score(
        &def,
        &[
            ("east", 5, Some(5), 9, Some(0)),
            ("east", 4, Some(3), 7, Some(0)),
        ],
    );
    (s2020, s2021)
}

#[test]
fn whole_wave_figures() {
    let (s2020, s2021) = two_waves();
    let waves = ScoredWaves::new([(wave(2021), &s2021), (wave(2020), &s2020)]).unwrap();

    let avg = waves.overall_average().unwrap();
    let values: Vec<_> = avg.present().map(|(_, v)| v.value()).collect();
    assert_eq!(values, [dec!(4), dec!(4.25)]);

    let nps = waves.nps(None).unwrap();
    let values: Vec<_> = nps.present().map(|(_, v)| v.value()).collect();
    assert_eq!(values, [dec!(0), dec!(50)]);
    assert_eq!(waves.nps(Some("nps")).unwrap(), nps);
    assert!(waves.nps(Some("other")).unwrap().present().next().is_none());

    let rate = waves.satisfaction_rate().unwrap();
    let counts: Vec<_> = rate
        .present()
        .map(|(_, p)| (p.successes(), p.n()))
        .collect();
    assert_eq!(counts, [(3, 3), (2, 2)]);

    // No weights table: weighted satisfaction is a gap in both waves.
    assert!(
        waves
            .weighted_satisfaction()
            .unwrap()
            .present()
            .next()
            .is_none()
    );

    let items = waves.items().unwrap();
    let ch = items
        .changes("2020", "2021", &ChangeOptions::new())
        .unwrap();
    assert_eq!(ch.get("q01").unwrap().points(), dec!(0.5));
    assert_eq!(ch.get("q02").unwrap().points(), dec!(0));

    // Engine ranks: 2020 q01 and q02 both 4 (shared rank 1); 2021 q01 4.5 (1), q02 4 (2).
    let rc = waves.rank_comparison("2020", "2021").unwrap();
    let q02 = rc.get("q02").unwrap();
    assert_eq!((q02.previous(), q02.current()), (1, 2));
    assert_eq!(rc, items.rank_comparison("2020", "2021").unwrap());

    let shares = waves.choice_shares("cloud").unwrap();
    let table = shares.table();
    assert_eq!(table.rows()[0].option(), "public");
    assert_eq!(table.rows()[0].shares(), [Some(dec!(50)), Some(dec!(100))]);
    assert_eq!(table.rows()[1].shares(), [Some(dec!(50)), Some(dec!(0))]);

    let q01_top2 = waves
        .figure(|b| b.item("q01").map(|i| &i.top2_box))
        .unwrap();
    // Top-2 box of q01: 2 of 3 → 2 of 2.
    let values: Vec<_> = q01_top2.present().map(|(_, v)| v.value()).collect();
    assert_eq!(values, [dec!(200) / dec!(3), dec!(100)]);
}

#[test]
fn a_missing_segment_is_a_gap() {
    let (s2020, s2021) = two_waves();
    let waves = ScoredWaves::new([(wave(2020), &s2020), (wave(2021), &s2021)]).unwrap();
    let west = waves.segment("region", "west");
    let avg = west.overall_average().unwrap();
    // West answered only in 2020: q01 = 3.
    assert_eq!(avg.value("2020").map(Measure::value), Some(dec!(3)));
    assert!(avg.value("2021").is_none());
    let east = waves.segment("region", "east").nps(None).unwrap();
    // East 2020: R1 promoter, R3 passive → 50.
    assert_eq!(east.value("2020").map(Measure::value), Some(dec!(50)));
    assert!(
        waves
            .segment("size", "big")
            .items()
            .unwrap()
            .items()
            .is_empty()
    );
}

#[test]
fn waves_of_different_surveys_are_refused() {
    let (s2020, _) = two_waves();
    let other = score(&definition("other"), &[("east", 5, Some(5), 9, None)]);
    let e = ScoredWaves::new([(wave(2020), &s2020), (wave(2021), &other)]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Scores { .. }));
    assert_eq!(
        e.to_string(),
        "scores: wave \"2021\" scores survey \"other\" but wave \"2020\" scores \"annual\""
    );
    let e = ScoredWaves::new([(wave(2020), &s2020), (wave(2020), &s2020)]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::DuplicateWave { .. }));
}

#[test]
fn single_conversions() {
    let (s2020, _) = two_waves();
    let q01 = from_scores::level_counts(s2020.item("q01").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(q01.n(), 3);
    assert_eq!(q01.mean(), dec!(4));
    let pooled = from_scores::pooled_level_counts(&s2020.total)
        .unwrap()
        .unwrap();
    assert_eq!(pooled.n(), 5);
    let nps = from_scores::nps_counts(&s2020.total.nps[0])
        .unwrap()
        .unwrap();
    assert_eq!(
        (nps.promoters(), nps.passives(), nps.detractors()),
        (1, 1, 1)
    );
    let r = from_scores::ranking(&s2020.total).unwrap();
    assert_eq!((r.rank("q01"), r.rank("q02")), (Some(1), Some(1)));
    let c = from_scores::share_counts(s2020.total.choice("cloud").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(c.answered(), 2);
}
