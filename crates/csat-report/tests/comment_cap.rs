//! Quoted comments are capped per theme while every comment is still counted, so a report of a
//! million respondents stays readable and its size does not grow with the sample.

mod common;

use csat_report::{AnnualReport, RenderOptions, ReportInput, render};

#[test]
fn capped_report_quotes_at_most_the_cap_and_counts_everything() {
    let full = common::default_report();
    let (y2019, y2020, y2021) = (
        common::load("2019"),
        common::load("2020"),
        common::load("2021"),
    );
    let input = ReportInput::new(&y2021.definition, &y2021.wave)
        .with_previous(&y2019.definition, &y2019.wave)
        .with_previous(&y2020.definition, &y2020.wave)
        .with_options(common::options().with_max_comments_per_theme(2));
    let capped = AnnualReport::build(&input).unwrap();

    // The default dataset's unthemed group has 5 comments (the golden Markdown lists them),
    // so a cap of 2 must cut it: the count stays 5 and 2 are quoted.
    assert_eq!(full.comments.unthemed_count, 5);
    assert_eq!(full.comments.unthemed.len(), 5);
    assert_eq!(capped.comments.unthemed_count, 5);
    assert_eq!(capped.comments.unthemed.len(), 2);
    assert_eq!(capped.comments.unthemed[..], full.comments.unthemed[..2]);
    assert_eq!(capped.comments.total, full.comments.total);
    for (c, f) in capped.comments.themes.iter().zip(&full.comments.themes) {
        assert_eq!(c.theme, f.theme);
        assert_eq!(c.count, f.count);
        assert_eq!(c.comments.len(), f.comments.len().min(2));
        assert_eq!(c.comments[..], f.comments[..c.comments.len()]);
    }
    let md = render::markdown(&capped, &RenderOptions::default());
    assert!(
        md.contains("- … (+3)"),
        "the unthemed list says 3 more were counted"
    );
}
