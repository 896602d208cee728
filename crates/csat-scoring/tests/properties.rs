//! Properties of the engine on generated surveys and responses.

use csat_model::{
    Answer, Attribute, ChoiceOption, Question, QuestionKind, Response, Scale, SurveyDefinition,
    WeightsTable,
};
use csat_scoring::display::{largest_remainder, round_half_away};
use csat_scoring::{Scores, ScoringOptions, Tally, TallySpec, WeightSumPolicy};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// The shape of a generated survey: the top level of each rated item's numeric scale
/// (1..=top, top in 2..=5, so the default mapping covers it) and its weight, and the number of
/// single- and multiple-choice options.
#[derive(Debug, Clone)]
struct Shape {
    rated: Vec<(u8, u32)>,
    single: u16,
    multiple: u16,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        prop::collection::vec((2u8..=5, 1u32..=20), 1..=4),
        1u16..=4,
        1u16..=4,
    )
        .prop_map(|(rated, single, multiple)| Shape {
            rated,
            single,
            multiple,
        })
}

fn choice_options(prefix: &str, n: u16) -> Vec<ChoiceOption> {
    (0..n)
        .map(|i| ChoiceOption::new(format!("{prefix}{i}"), format!("选项{i}")))
        .collect()
}

/// A definition of the shape with item weights scaled by `factor`.
fn definition(shape: &Shape, factor: Decimal) -> SurveyDefinition {
    let mut b = SurveyDefinition::builder("gen", "生成")
        .attribute(Attribute::new("industry", "行业").with_values(["银行", "证券", "其他"]))
        .attribute(Attribute::new("company", "公司"));
    for (i, (top, _)) in shape.rated.iter().enumerate() {
        let kind = QuestionKind::Rated {
            scale: Scale::numeric(1, *top).unwrap(),
        };
        b = b.question(Question::new(format!("q{i}"), format!("题{i}"), kind).unwrap());
    }
    b.question(Question::new("nps", "推荐", QuestionKind::Recommendation).unwrap())
        .question(
            Question::new(
                "single",
                "单选",
                QuestionKind::SingleChoice {
                    options: choice_options("s", shape.single),
                },
            )
            .unwrap(),
        )
        .question(
            Question::new(
                "multi",
                "多选",
                QuestionKind::MultipleChoice {
                    options: choice_options("m", shape.multiple),
                },
            )
            .unwrap(),
        )
        .question(Question::new("text", "意见", QuestionKind::OpenText).unwrap())
        .weights(
            WeightsTable::new(
                shape
                    .rated
                    .iter()
                    .enumerate()
                    .map(|(i, (_, w))| (format!("q{i}"), Decimal::from(*w) * factor)),
            )
            .unwrap(),
        )
        .build()
        .unwrap()
}

/// Valid answers and attributes of one respondent of `shape` (the id is set later).
type Raw = (Vec<Option<Answer>>, Vec<Option<String>>);

fn answers(shape: &Shape) -> impl Strategy<Value = Raw> + use<> {
    let rated: Vec<_> = shape
        .rated
        .iter()
        .map(|(top, _)| prop::option::weighted(0.85, (1u8..=*top).prop_map(Answer::Level)).boxed())
        .collect();
    let multiple = usize::from(shape.multiple);
    (
        rated,
        prop::option::weighted(0.9, (0u8..=10).prop_map(Answer::Recommend)),
        prop::option::of((0..shape.single).prop_map(Answer::Choice)),
        prop::option::of(
            prop::collection::btree_set(0..shape.multiple, 1..=multiple)
                .prop_map(|s| Answer::Choices(s.into_iter().collect())),
        ),
        prop::option::of("[a-z]{1,5}".prop_map(Answer::Text)),
        prop::option::of(prop::sample::select(vec!["银行", "证券", "其他"])),
        prop::option::of(prop::sample::select(vec!["甲公司", "乙公司"])),
    )
        .prop_map(|(mut rated, nps, single, multi, text, industry, company)| {
            rated.extend([nps, single, multi, text]);
            (
                rated,
                vec![industry.map(str::to_owned), company.map(str::to_owned)],
            )
        })
}

fn build(def: &SurveyDefinition, raws: &[Raw]) -> Vec<Response> {
    raws.iter()
        .enumerate()
        .map(|(i, (answers, attrs))| {
            Response::new(def, format!("R{i:03}"), attrs.clone(), answers.clone()).unwrap()
        })
        .collect()
}

/// A shape with up to 40 respondents' raw answers.
fn survey() -> impl Strategy<Value = (Shape, Vec<Raw>)> {
    shape().prop_flat_map(|s| {
        let raws = prop::collection::vec(answers(&s), 0..40);
        (Just(s.clone()), raws)
    })
}

/// Small caps so that the low-scorer and detractor lists overflow and must choose.
fn spec() -> TallySpec {
    TallySpec::new()
        .segment_by("industry")
        .segment_by("company")
        .segment_pair("industry", "company")
        .low_scorers(3)
        .detractors(2)
}

fn tally(def: &SurveyDefinition, rs: &[Response]) -> Tally {
    let mut t = Tally::with_spec(def, spec()).unwrap();
    t.add_all(rs).unwrap();
    t
}

fn options() -> ScoringOptions {
    ScoringOptions::default().with_weight_sum(WeightSumPolicy::Renormalise)
}

fn scores(def: &SurveyDefinition, rs: &[Response]) -> Scores {
    Scores::compute(def, &tally(def, rs), &options()).unwrap()
}

proptest! {
    #[test]
    fn merge_equals_tally_of_concatenation((shape, raws) in survey(), cut in 0usize..40) {
        let def = definition(&shape, Decimal::ONE);
        let rs = build(&def, &raws);
        let cut = cut.min(rs.len());
        let (a, b) = rs.split_at(cut);
        let whole = tally(&def, &rs);
        let merged = tally(&def, a).merge(tally(&def, b)).unwrap();
        prop_assert_eq!(&merged, &whole);
        // Commutative, and the empty tally is the identity.
        let swapped = tally(&def, b).merge(tally(&def, a)).unwrap();
        prop_assert_eq!(&swapped, &whole);
        let with_empty = whole.empty_like().merge(whole.clone()).unwrap();
        prop_assert_eq!(&with_empty, &whole);
    }

    #[test]
    fn merge_is_associative((shape, raws) in survey(), i in 0usize..40, j in 0usize..40) {
        let def = definition(&shape, Decimal::ONE);
        let rs = build(&def, &raws);
        let (i, j) = (i.min(rs.len()), j.min(rs.len()));
        let (i, j) = (i.min(j), i.max(j));
        let (a, b, c) = (tally(&def, &rs[..i]), tally(&def, &rs[i..j]), tally(&def, &rs[j..]));
        let left = a.clone().merge(b.clone()).unwrap().merge(c.clone()).unwrap();
        let right = a.merge(b.merge(c).unwrap()).unwrap();
        prop_assert_eq!(left, right);
    }

    #[test]
    fn order_of_responses_does_not_matter(
        (shape, raws, shuffled) in survey().prop_flat_map(|(s, raws)| {
            let indexes: Vec<usize> = (0..raws.len()).collect();
            (Just(s), Just(raws), Just(indexes).prop_shuffle())
        })
    ) {
        let def = definition(&shape, Decimal::ONE);
        let rs = build(&def, &raws);
        let permuted: Vec<Response> = shuffled.iter().map(|&i| rs[i].clone()).collect();
        prop_assert_eq!(scores(&def, &rs), scores(&def, &permuted));
    }

    #[test]
    fn a_blank_respondent_changes_no_item_score((shape, raws) in survey()) {
        let def = definition(&shape, Decimal::ONE);
        let mut rs = build(&def, &raws);
        let before = scores(&def, &rs);
        let blank = Response::new(
            &def,
            "ZZZ",
            vec![None; def.attributes().len()],
            vec![None; def.questions().len()],
        )
        .unwrap();
        rs.push(blank);
        let after = scores(&def, &rs);
        prop_assert_eq!(&before.total.items, &after.total.items);
        prop_assert_eq!(&before.total.ranking, &after.total.ranking);
        prop_assert_eq!(&before.total.grand_mean, &after.total.grand_mean);
        prop_assert_eq!(&before.total.weighted_satisfaction, &after.total.weighted_satisfaction);
        prop_assert_eq!(&before.total.satisfaction_rate, &after.total.satisfaction_rate);
        prop_assert_eq!(&before.total.nps, &after.total.nps);
        prop_assert_eq!(&before.low_scorers, &after.low_scorers);
        prop_assert_eq!(after.total.respondents, before.total.respondents + 1);
    }

    #[test]
    fn scaling_every_weight_changes_nothing(
        (shape, raws) in survey(),
        factor in prop::sample::select(vec![
            Decimal::new(1, 1), Decimal::new(25, 2), Decimal::from(3), Decimal::from(7),
            Decimal::from(1000), Decimal::new(123_456, 3),
        ])
    ) {
        let def = definition(&shape, Decimal::ONE);
        let scaled = definition(&shape, factor);
        let rs = build(&def, &raws);
        let a = scores(&def, &rs).total.weighted_satisfaction.unwrap();
        let b = scores(&scaled, &build(&scaled, &raws)).total.weighted_satisfaction.unwrap();
        prop_assert_eq!(a.value, b.value);
        prop_assert_eq!(a.left_out, b.left_out);
    }

    #[test]
    fn means_stay_within_scale_and_nps_within_100((shape, raws) in survey()) {
        let def = definition(&shape, Decimal::ONE);
        let rs = build(&def, &raws);
        let s = scores(&def, &rs);
        let top = Decimal::from(shape.rated.iter().map(|r| r.0).max().unwrap());
        for (item, (item_top, _)) in s.total.items.iter().zip(&shape.rated) {
            if let Some(m) = item.mean.value {
                prop_assert!(m >= Decimal::ONE && m <= Decimal::from(*item_top));
            }
            if let Some(m) = item.mapped_mean.as_ref().and_then(|m| m.value) {
                prop_assert!(m >= Decimal::from(-10) && m <= Decimal::ONE_HUNDRED);
            }
            if let (Some(v), Some(sd)) = (item.variance.value, item.std_dev) {
                // sd² = variance to within Decimal's precision.
                prop_assert!((sd * sd - v).abs() < Decimal::new(1, 20));
            }
        }
        for f in [&s.total.grand_mean, &s.total.mean_of_item_means] {
            if let Some(m) = f.value {
                prop_assert!(m >= Decimal::ONE && m <= top);
            }
        }
        for l in &s.low_scorers {
            let m = l.mean.value.unwrap();
            prop_assert!(m >= Decimal::ONE && m <= top);
        }
        let w = s.total.weighted_satisfaction.unwrap();
        if let Some(v) = w.value {
            prop_assert!(v >= Decimal::from(-10) && v <= Decimal::ONE_HUNDRED);
        }
        let segment_nps = s
            .segments
            .iter()
            .flat_map(|seg| seg.values.values())
            .flat_map(|seg| seg.scores.nps.iter());
        for n in s.total.nps.iter().chain(segment_nps) {
            if let Some(v) = n.score.value {
                prop_assert!(v >= -Decimal::ONE_HUNDRED && v <= Decimal::ONE_HUNDRED);
            }
        }
        if let Some(v) = s.total.satisfaction_rate.rate.value {
            prop_assert!(v >= Decimal::ZERO && v <= Decimal::ONE_HUNDRED);
        }
    }

    #[test]
    fn lists_are_the_lowest_in_order((shape, raws) in survey()) {
        let def = definition(&shape, Decimal::ONE);
        let rs = build(&def, &raws);
        let s = scores(&def, &rs);
        // Brute force: every respondent's own mean, sorted by (mean, id).
        let mut all: Vec<(Decimal, String)> = rs
            .iter()
            .filter_map(|r| {
                let levels: Vec<u8> = r.answers().iter().filter_map(|a| match a {
                    Some(Answer::Level(v)) => Some(*v),
                    _ => None,
                }).collect();
                (!levels.is_empty()).then(|| {
                    let sum: u32 = levels.iter().map(|&v| u32::from(v)).sum();
                    (Decimal::from(sum) / Decimal::from(levels.len()), r.respondent_id().to_owned())
                })
            })
            .collect();
        all.sort();
        let expected: Vec<_> = all.into_iter().take(3).collect();
        let got: Vec<_> = s
            .low_scorers
            .iter()
            .map(|l| (l.mean.value.unwrap(), l.respondent.clone()))
            .collect();
        prop_assert_eq!(got, expected);
        prop_assert!(s.detractors[0].listed.len() <= 2);
        let ordered = s.detractors[0]
            .listed
            .windows(2)
            .all(|w| (w[0].answer, &w[0].respondent) <= (w[1].answer, &w[1].respondent));
        prop_assert!(ordered);
    }

    #[test]
    fn scores_read_back_equal((shape, raws) in survey()) {
        let def = definition(&shape, Decimal::ONE);
        let s = scores(&def, &build(&def, &raws));
        let json = serde_json::to_string(&s).unwrap();
        let back: Scores = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, s);
    }

    #[test]
    fn display_rounding_is_idempotent(m in any::<i64>(), scale in 0u32..=12, dp in 0u32..=4) {
        let x = Decimal::new(m, scale);
        let once = round_half_away(x, dp);
        prop_assert_eq!(round_half_away(once, dp), once);
        // Never further than half a unit of the last shown decimal.
        prop_assert!((once - x).abs() <= Decimal::new(5, dp + 1));
    }

    #[test]
    fn largest_remainder_sums_to_100(
        counts in prop::collection::vec(0u64..1_000_000, 1..8),
        dp in 0u32..=3,
    ) {
        if let Some(p) = largest_remainder(&counts, dp) {
            prop_assert_eq!(p.iter().sum::<Decimal>(), Decimal::ONE_HUNDRED);
            let total: u64 = counts.iter().sum();
            for (share, &c) in p.iter().zip(&counts) {
                // Each share is its exact value rounded down or up by less than one unit.
                let exact = Decimal::from(c) * Decimal::ONE_HUNDRED / Decimal::from(total);
                prop_assert!((*share - exact).abs() < Decimal::new(1, dp));
            }
        } else {
            prop_assert!(counts.iter().all(|&c| c == 0));
        }
    }
}
