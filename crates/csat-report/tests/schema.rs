//! The JSON form: it reads back equal, refuses other schema versions, and matches
//! docs/report-schema.md field for field.

mod common;

use std::collections::BTreeSet;

use csat_report::{AnnualReport, ErrorKind, KpiRow, SCHEMA_VERSION};
use serde_json::Value;

#[test]
fn json_round_trip() {
    for report in [common::default_report(), common::regulation_report()] {
        let json = report.to_json().unwrap();
        let back = AnnualReport::from_json(&json).unwrap();
        assert_eq!(back, report);
        // Serializing again gives the same text: the field order is stable.
        assert_eq!(back.to_json().unwrap(), json);
    }
}

#[test]
fn other_schema_versions_are_refused() {
    let report = common::regulation_report();
    let mut v: Value = serde_json::from_str(&report.to_json().unwrap()).unwrap();
    v["schema_version"] = Value::from(SCHEMA_VERSION + 1);
    let e = AnnualReport::from_json(&v.to_string()).unwrap_err();
    assert!(matches!(
        e.kind(),
        ErrorKind::UnsupportedSchema { found: 2, .. }
    ));
    assert_eq!(
        e.to_string(),
        "report schema version 2 is not supported (this library reads version 1)"
    );
    let e = AnnualReport::from_json("{\"schema_version\": 1}").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Json(_)));
}

#[test]
fn decimals_are_strings_and_keys_are_always_present() {
    let v: Value = serde_json::from_str(&common::default_report().to_json().unwrap()).unwrap();
    assert!(v["headline"]["overall_average"]["value"].is_string());
    assert_eq!(v["headline"]["overall_average"]["shown"], "4.62");
    // No weights table in the annual survey: the key is there, with null.
    assert!(
        v["satisfaction"]
            .as_object()
            .unwrap()
            .contains_key("weighted")
    );
    assert!(v["satisfaction"]["weighted"].is_null());
}

/// `(path, fields)` for every `## `path`` heading of docs/report-schema.md.
fn documented() -> Vec<(String, BTreeSet<String>)> {
    let doc = include_str!("../../../docs/report-schema.md");
    let mut out: Vec<(String, BTreeSet<String>)> = Vec::new();
    for line in doc.lines() {
        if let Some(h) = line.strip_prefix("## `") {
            let path = h.split('`').next().unwrap().to_owned();
            out.push((path, BTreeSet::new()));
        } else if let Some(row) = line.strip_prefix("| `")
            && let Some((_, fields)) = out.last_mut()
        {
            fields.insert(row.split('`').next().unwrap().to_owned());
        }
    }
    out
}

/// The object at a documented path (`a.b[].c`; `[]` = the first element).
fn resolve<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    if path == "(top level)" {
        return Some(root);
    }
    let mut v = root;
    for part in path.split('.') {
        let (key, each) = match part.strip_suffix("[]") {
            Some(k) => (k, true),
            None => (part, false),
        };
        v = v.get(key)?;
        if each {
            v = v.get(0)?;
        }
    }
    Some(v)
}

#[test]
fn schema_document_matches_the_json() {
    let annual: Value = serde_json::from_str(&common::default_report().to_json().unwrap()).unwrap();
    let regulation: Value =
        serde_json::from_str(&common::regulation_report().to_json().unwrap()).unwrap();
    let docs = documented();
    assert!(docs.len() > 30, "the schema document lists its objects");
    for (path, fields) in &docs {
        // The annual survey has no weights table: its weighted section comes from the
        // regulation survey.
        let root = if path.starts_with("satisfaction.weighted") {
            &regulation
        } else {
            &annual
        };
        let object = resolve(root, path)
            .and_then(Value::as_object)
            .unwrap_or_else(|| panic!("documented path {path} is not an object in the JSON"));
        let actual: BTreeSet<String> = object.keys().cloned().collect();
        assert_eq!(
            &actual, fields,
            "fields of {path}: JSON vs docs/report-schema.md"
        );
    }
    // Every top-level field and every section object is documented.
    let documented_paths: BTreeSet<&str> = docs.iter().map(|(p, _)| p.as_str()).collect();
    for (key, value) in annual.as_object().unwrap() {
        let path = match value {
            Value::Array(_) => format!("{key}[]"),
            _ => key.clone(),
        };
        if value.is_object()
            || value
                .as_array()
                .is_some_and(|a| a.iter().any(Value::is_object))
        {
            assert!(
                documented_paths.contains(path.as_str()),
                "section {path} is not documented"
            );
        }
    }
}

#[test]
fn weighted_kpi_of_the_regulation_survey() {
    // common::regulation_report: every dimension's mean mapped value is 65, so the weighted
    // satisfaction is 65.0 (target 90, not met); 3 of 4 customers reach 70: 75.0 (target 85,
    // not met).
    let r = common::regulation_report();
    let s = &r.satisfaction;
    let w = s.weighted.as_ref().unwrap();
    assert_eq!(w.value.shown.as_deref(), Some("65.0"));
    assert_eq!(w.parts.len(), 14);
    assert!(!w.renormalised);
    assert_eq!(s.satisfaction_rate.shown.as_deref(), Some("75.0"));
    assert_eq!((s.satisfied, s.satisfaction_rate.n), (3, 4));
    let verdict = |k: &str| -> Option<bool> {
        s.kpis
            .iter()
            .find(|x: &&KpiRow| serde_json::to_value(x.kpi).unwrap() == k)
            .and_then(|x| x.met)
    };
    assert_eq!(verdict("overall_satisfaction"), Some(false));
    assert_eq!(verdict("satisfaction_rate"), Some(false));
    assert!(r.nps.is_none());
}

#[test]
fn main_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<AnnualReport>();
    check::<csat_report::Error>();
    check::<csat_report::ReportOptions>();
    check::<csat_report::ReportInput<'static>>();
}
