//! Golden files of the default report's Markdown and JSON (`tests/golden/`), reviewed by hand.
//! Set `UPDATE_GOLDEN=1` to rewrite them after an intended change, then review the diff.

mod common;

use std::path::PathBuf;

use csat_report::{Language, RenderOptions, render};

fn check(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "reading {}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file from line {}:\n  golden: {:?}\n  actual: {:?}\n(run with UPDATE_GOLDEN=1 to accept, then review the diff)",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

#[test]
fn markdown_zh() {
    let r = common::default_report();
    check(
        "annual-2021.zh.md",
        &render::markdown(&r, &RenderOptions::new(Language::Zh)),
    );
}

#[test]
fn markdown_en() {
    let r = common::default_report();
    check(
        "annual-2021.en.md",
        &render::markdown(&r, &RenderOptions::new(Language::En)),
    );
}

#[test]
fn json() {
    let r = common::default_report();
    let mut text = r.to_json().unwrap();
    text.push('\n');
    check("annual-2021.json", &text);
}
