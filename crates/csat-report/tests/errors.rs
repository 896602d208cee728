//! Inputs that do not hold together are refused with an error that says what and where.

mod common;

use csat_report::{
    AnnualReport, ErrorKind, ReportInput, ReportOptions, ShareFactSpec, ThemeDictionary,
};

#[test]
fn waves_that_do_not_belong_together() {
    let (y2020, y2021) = (common::load("2020"), common::load("2021"));
    // The same wave twice.
    let input = ReportInput::new(&y2021.definition, &y2021.wave)
        .with_previous(&y2020.definition, &y2020.wave)
        .with_previous(&y2020.definition, &y2020.wave);
    let e = AnnualReport::build(&input).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::DuplicateWave { .. }));
    assert_eq!(e.to_string(), "wave \"2020\" is given twice");
    // A "previous" wave that is later than the current one.
    let input = ReportInput::new(&y2020.definition, &y2020.wave)
        .with_previous(&y2021.definition, &y2021.wave);
    let e = AnnualReport::build(&input).unwrap_err();
    assert_eq!(
        e.to_string(),
        "previous wave \"2021\" (2021-11-24) does not start before the current wave \"2020\" (2020-11-23)"
    );
    // A wave of another survey.
    let reg = common::regulation_report();
    assert_eq!(reg.survey.survey_id, "regulation-quarterly");
    let other_def = csat_ingest::read_definition(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/examples/regulation-survey.toml"
    ))
    .unwrap();
    let input = ReportInput::new(&other_def, &y2021.wave);
    let e = AnnualReport::build(&input).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::DefinitionMismatch { .. }));
    assert_eq!(
        e.to_string(),
        "wave \"2021\": its survey is \"it-services-annual\" but the definition given is \"regulation-quarterly\""
    );
}

#[test]
fn options_naming_what_the_survey_lacks() {
    let y2021 = common::load("2021");
    let build = |o: ReportOptions| {
        AnnualReport::build(&ReportInput::new(&y2021.definition, &y2021.wave).with_options(o))
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        build(ReportOptions::default().with_segment_pair("region", "sector")),
        "report option segment_pairs: unknown attribute \"sector\""
    );
    assert_eq!(
        build(ReportOptions::default().with_share_fact(ShareFactSpec::new(
            "big",
            "company_size",
            ["5000+"]
        ))),
        "report option share_facts: attribute \"company_size\" has no value \"5000+\""
    );
    assert_eq!(
        build(ReportOptions::default().with_nps_question("q01")),
        "report option nps_question: \"q01\" is not a recommendation question of the survey"
    );
}

#[test]
fn an_invalid_theme_dictionary_in_an_options_file() {
    let e = toml::from_str::<ReportOptions>(
        r#"
        [[themes]]
        id = "a"
        label = "A"
        label_en = "A"
        keywords = []
        "#,
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("theme \"a\" has an empty keyword or none"),
        "{e}"
    );
    assert!(ThemeDictionary::new(Vec::new()).is_ok());
}
