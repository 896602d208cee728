//! Property tests: any valid definition round-trips through TOML and JSON unchanged.

use csat_model::{
    Attribute, ChoiceOption, Dimension, Level, NpsBands, Question, QuestionKind, Scale,
    SurveyDefinition, Targets, Thresholds, ValueMapping, WeightsTable,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Labels mixing ASCII, Chinese, quotes and commas, as survey exports have them.
fn label() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "满意",
        "较满意",
        "一般",
        "不满意",
        "很不满意",
        "态度",
        "He said \"ok\"",
        "a, b",
        "x",
        "交货速度",
        "Q&A",
        "100%",
    ])
    .prop_map(str::to_owned)
}

fn scale() -> impl Strategy<Value = Scale> {
    prop_oneof![
        Just(Scale::five_level()),
        (1u8..=3, 2u8..=9).prop_map(|(lo, span)| Scale::numeric(lo, lo + span).unwrap()),
        prop::collection::btree_set(0u8..20, 2..6).prop_map(|set| {
            Scale::new(
                set.into_iter()
                    .map(|v| Level::new(v, format!("级别{v}")))
                    .collect(),
            )
            .unwrap()
        }),
    ]
}

fn options() -> impl Strategy<Value = Vec<ChoiceOption>> {
    (1usize..6, label()).prop_map(|(n, l)| {
        (0..n)
            .map(|i| ChoiceOption::new(format!("o{i}"), format!("{l}{i}")))
            .collect()
    })
}

fn kind() -> impl Strategy<Value = QuestionKind> {
    prop_oneof![
        4 => scale().prop_map(|scale| QuestionKind::Rated { scale }),
        1 => Just(QuestionKind::Recommendation),
        1 => options().prop_map(|options| QuestionKind::SingleChoice { options }),
        1 => options().prop_map(|options| QuestionKind::MultipleChoice { options }),
        1 => Just(QuestionKind::OpenText),
    ]
}

fn decimal(lo: i64, hi: i64) -> impl Strategy<Value = Decimal> {
    (lo * 100..=hi * 100).prop_map(|c| Decimal::new(c, 2))
}

/// Valid definitions: dimensions d0.. (each possibly nested under an earlier one), questions
/// q0.. in random dimensions, a mapping covering every rated scale, weights on rated items.
fn definition() -> impl Strategy<Value = SurveyDefinition> {
    (
        prop::collection::vec((label(), any::<bool>()), 0..4),
        prop::collection::vec(
            (label(), kind(), any::<prop::sample::Index>(), any::<bool>()),
            1..8,
        ),
        prop::collection::vec((label(), any::<bool>()), 0..3),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(decimal(0, 100)),
        decimal(-100, 100),
    )
        .prop_map(
            |(dims, questions, attrs, with_mapping, with_weights, target, satisfied)| {
                let mut b = SurveyDefinition::builder("survey", "调查");
                for (i, (l, nested)) in dims.iter().enumerate() {
                    let mut d = Dimension::new(format!("d{i}"), l.clone());
                    if *nested && i > 0 {
                        d = d.with_parent(format!("d{}", i - 1));
                    }
                    b = b.dimension(d);
                }
                for (i, (l, closed)) in attrs.iter().enumerate() {
                    let mut a = Attribute::new(format!("a{i}"), l.clone());
                    if *closed {
                        a = a.with_values(["东区", "南区"]);
                    }
                    b = b.attribute(a);
                }
                let mut mapping = Vec::new();
                let mut weights = Vec::new();
                for (i, (l, k, dim, own_column)) in questions.into_iter().enumerate() {
                    if let QuestionKind::Rated { scale } = &k {
                        for level in scale.levels() {
                            if !mapping.iter().any(|(v, _)| *v == level.value) {
                                mapping
                                    .push((level.value, Decimal::from(level.value) * Decimal::TEN));
                            }
                        }
                        weights.push((format!("q{i}"), Decimal::from(i as u64 + 1)));
                    }
                    let mut q = Question::new(format!("q{i}"), l, k).unwrap();
                    if !dims.is_empty() {
                        q = q.in_dimension(format!("d{}", dim.index(dims.len())));
                    }
                    if own_column {
                        q = q.with_column(format!("列{i}"));
                    }
                    b = b.question(q);
                }
                if with_mapping && !mapping.is_empty() {
                    b = b.mapping(ValueMapping::new(mapping).unwrap());
                }
                if with_weights && !weights.is_empty() {
                    b = b.mapping(
                        ValueMapping::new((0u8..=20).map(|v| (v, Decimal::from(v)))).unwrap(),
                    );
                    b = b.weights(WeightsTable::new(weights).unwrap());
                }
                let mut t = Targets::default();
                t.overall_satisfaction = target;
                let mut th = Thresholds::default();
                th.satisfied_at = satisfied;
                th.nps = NpsBands::new(6, 9).unwrap();
                b.targets(t).thresholds(th).build().unwrap()
            },
        )
}

proptest! {
    #[test]
    fn definition_round_trips_through_json(def in definition()) {
        let json = serde_json::to_string(&def).unwrap();
        prop_assert_eq!(serde_json::from_str::<SurveyDefinition>(&json).unwrap(), def);
    }

    #[test]
    fn definition_round_trips_through_toml(def in definition()) {
        let text = toml::to_string(&def).unwrap();
        prop_assert_eq!(toml::from_str::<SurveyDefinition>(&text).unwrap(), def);
    }
}

/// Pins the auto traits a service embedding these types relies on.
#[test]
fn main_types_are_send_and_sync() {
    fn check<T: Send + Sync + Unpin + 'static>() {}
    check::<SurveyDefinition>();
    check::<csat_model::Response>();
    check::<csat_model::Wave>();
    check::<csat_model::Error>();
}
