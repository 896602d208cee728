//! The two complete definition files documented in docs/definition-format.md parse, validate,
//! and round-trip through TOML and JSON.

use csat_model::{QuestionKind, SurveyDefinition};
use rust_decimal_macros::dec;

const ANNUAL: &str = include_str!("../../../examples/data/annual/2021/survey.toml");
const REGULATION: &str = include_str!("../../../docs/examples/regulation-survey.toml");

#[test]
fn annual_2021_definition_has_26_items() {
    let def: SurveyDefinition = toml::from_str(ANNUAL).unwrap();
    // REFERENCE-2021.md: 26 rated items, one 0-10 recommendation question.
    assert_eq!(def.rated_items().count(), 26);
    assert_eq!(def.recommendation_questions().count(), 1);
    assert_eq!(
        def.question("impl_attitude").unwrap().label(),
        "实施工程师现场服务的工作态度"
    );
    let lic = def.question("license_model").unwrap();
    assert!(matches!(lic.kind(), QuestionKind::SingleChoice { options } if options.len() == 4));
    // No weights table, so no weighted-satisfaction target; the rate and average targets stand.
    assert_eq!(def.targets().overall_satisfaction, None);
    assert_eq!(def.targets().satisfaction_rate, Some(dec!(85)));
    assert_eq!(def.attributes().len(), 9);
}

#[test]
fn regulation_definition_weights_sum_to_100() {
    let def: SurveyDefinition = toml::from_str(REGULATION).unwrap();
    // DOMAIN.md section 2: 14 dimensions, weights summing to 100.
    let w = def.weights().unwrap();
    assert_eq!(w.weights().len(), 14);
    assert_eq!(w.sum(), dec!(100));
    assert_eq!(w.get("spare_parts"), Some(dec!(10)));
    assert_eq!(def.items_of_target("service_quality").len(), 7);
    assert!(def.dimension_within("tech", "service_quality"));
}

#[test]
fn both_round_trip_through_toml_and_json() {
    for text in [ANNUAL, REGULATION] {
        let def: SurveyDefinition = toml::from_str(text).unwrap();
        let json = serde_json::to_string_pretty(&def).unwrap();
        assert_eq!(
            serde_json::from_str::<SurveyDefinition>(&json).unwrap(),
            def
        );
        let toml_text = toml::to_string(&def).unwrap();
        assert_eq!(toml::from_str::<SurveyDefinition>(&toml_text).unwrap(), def);
    }
}

#[test]
fn file_errors_say_what_is_wrong() {
    let bad = ANNUAL.replacen("dimension = \"sales\"", "dimension = \"salez\"", 1);
    let e = toml::from_str::<SurveyDefinition>(&bad).unwrap_err();
    assert!(
        e.to_string()
            .contains("question \"sales_reachability\" refers to unknown dimension \"salez\""),
        "{e}"
    );
    let bad = REGULATION.replacen("percent = \"10\" },  # 专业技术", "percent = \"-10\" },", 1);
    let e = toml::from_str::<SurveyDefinition>(&bad).unwrap_err();
    assert!(
        e.to_string()
            .contains("weight of \"tech\" is negative (-10)"),
        "{e}"
    );
    let bad = REGULATION.replacen("percent = \"7\" },  # 日常", "percent = 7.5 },", 1);
    let e = toml::from_str::<SurveyDefinition>(&bad).unwrap_err();
    assert!(e.to_string().contains("floating-point literal"), "{e}");
}
