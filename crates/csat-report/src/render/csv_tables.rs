//! CSV: one file per table, for spreadsheets.

use crate::error::{Error, ErrorKind};
use crate::language::RenderOptions;
use crate::report::AnnualReport;
use crate::stat::Stat;

/// One table as a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CsvTable {
    /// File name, ASCII, e.g. `items.csv` or `segments_region_industry.csv`.
    pub name: String,
    /// The file's text (RFC 4180, UTF-8, with a byte order mark if asked for).
    pub content: String,
}

/// A file name part from an id: ASCII letters, digits, `-` and `_` kept, the rest `_`.
fn slug(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn v(s: &Stat) -> String {
    s.value.map(|d| d.to_string()).unwrap_or_default()
}

fn shown(s: &Stat) -> String {
    s.shown.clone().unwrap_or_default()
}

/// The serialized name of an enumeration value (`high`, `returned`, `nps`).
fn id<T: serde::Serialize>(x: &T) -> String {
    serde_json::to_value(x)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn o<T: ToString>(x: Option<T>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

struct Tables {
    bom: bool,
    out: Vec<CsvTable>,
}

impl Tables {
    fn add(&mut self, name: &str, head: &[&str], rows: Vec<Vec<String>>) -> Result<(), Error> {
        let err = |source| -> Error {
            ErrorKind::Csv {
                table: name.to_owned(),
                source,
            }
            .into()
        };
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(head).map_err(err)?;
        for r in rows {
            w.write_record(&r).map_err(err)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| err(csv::Error::from(e.into_error())))?;
        // The writer only ever received UTF-8 strings.
        let text = String::from_utf8_lossy(&bytes);
        let content = if self.bom {
            format!("\u{feff}{text}")
        } else {
            text.into_owned()
        };
        // Two ids can slug to the same name; keep every table by numbering repeats.
        let mut unique = name.to_owned();
        let mut k = 2;
        while self.out.iter().any(|t| t.name == unique) {
            unique = name.replacen(".csv", &format!("_{k}.csv"), 1);
            k += 1;
        }
        self.out.push(CsvTable {
            name: unique,
            content,
        });
        Ok(())
    }
}

/// Every table of the report as CSV files. Column headers are English ids (stable for
/// scripts); each figure has its exact value and its shown value in two columns.
pub fn csv_tables(report: &AnnualReport, options: &RenderOptions) -> Result<Vec<CsvTable>, Error> {
    let mut t = Tables {
        bom: options.csv_bom,
        out: Vec::new(),
    };
    survey(&mut t, report)?;
    items(&mut t, report)?;
    callbacks(&mut t, report)?;
    segments(&mut t, report)?;
    comments_and_kpis(&mut t, report)?;
    trend(&mut t, report)?;
    Ok(t.out)
}

fn survey(t: &mut Tables, report: &AnnualReport) -> Result<(), Error> {
    let s = &report.survey;
    t.add(
        "survey.csv",
        &["field", "value"],
        vec![
            vec!["survey_id".into(), s.survey_id.clone()],
            vec!["title".into(), s.title.clone()],
            vec!["wave".into(), s.wave.clone()],
            vec!["period_start".into(), s.period_start.to_string()],
            vec!["period_end".into(), s.period_end.to_string()],
            vec!["working_days".into(), s.working_days.to_string()],
            vec!["sent".into(), o(s.sent)],
            vec!["returned".into(), s.returned.to_string()],
            vec!["responses".into(), s.responses.to_string()],
            vec![
                "response_rate".into(),
                s.response_rate.as_ref().map(shown).unwrap_or_default(),
            ],
            vec![
                "overall_average".into(),
                shown(&report.headline.overall_average),
            ],
            vec![
                "nps".into(),
                report
                    .nps
                    .as_ref()
                    .map(|n| shown(&n.score))
                    .unwrap_or_default(),
            ],
        ],
    )?;
    let mut rows = Vec::new();
    for a in &report.sample.attributes {
        for x in &a.values {
            rows.push(vec![
                a.attribute.clone(),
                a.label.clone(),
                x.value.clone(),
                x.count.to_string(),
                x.share.n.to_string(),
                v(&x.share),
                shown(&x.share),
            ]);
        }
    }
    t.add(
        "sample.csv",
        &[
            "attribute",
            "label",
            "value",
            "count",
            "n",
            "share",
            "share_shown",
        ],
        rows,
    )
}

fn items(t: &mut Tables, report: &AnnualReport) -> Result<(), Error> {
    t.add(
        "items.csv",
        &[
            "rank",
            "item",
            "label",
            "dimension",
            "n",
            "mean",
            "mean_shown",
            "top2_box_shown",
            "previous_mean_shown",
            "change_shown",
            "previous_rank",
            "rank_move",
            "record",
        ],
        report
            .items
            .rows
            .iter()
            .map(|i| {
                vec![
                    i.rank.to_string(),
                    i.item.clone(),
                    i.label.clone(),
                    i.dimension_label.clone().unwrap_or_default(),
                    i.mean.n.to_string(),
                    v(&i.mean),
                    shown(&i.mean),
                    shown(&i.top2_box),
                    i.previous_mean.as_ref().map(shown).unwrap_or_default(),
                    i.change
                        .as_ref()
                        .map(|c| c.shown.clone())
                        .unwrap_or_default(),
                    o(i.previous_rank),
                    o(i.rank_move),
                    i.record.as_ref().map(|r| id(&r.kind)).unwrap_or_default(),
                ]
            })
            .collect(),
    )?;
    if let Some(n) = &report.nps {
        t.add(
            "nps.csv",
            &[
                "wave",
                "basis",
                "promoters",
                "passives",
                "detractors",
                "answered",
                "base",
                "nps",
                "nps_shown",
            ],
            n.history
                .iter()
                .map(|h| {
                    vec![
                        h.wave.clone(),
                        id(&h.basis),
                        h.promoters.to_string(),
                        h.passives.to_string(),
                        h.detractors.to_string(),
                        h.answered.to_string(),
                        h.base.to_string(),
                        v(&h.score),
                        shown(&h.score),
                    ]
                })
                .collect(),
        )?;
    }
    Ok(())
}

fn callbacks(t: &mut Tables, report: &AnnualReport) -> Result<(), Error> {
    let c = &report.callbacks;
    let cols: Vec<&str> = c.columns.iter().map(|c| c.attribute.as_str()).collect();
    let mut head = vec!["respondent"];
    head.extend(&cols);
    head.push("answer");
    t.add(
        "detractors.csv",
        &head,
        c.detractors
            .iter()
            .map(|d| {
                let mut r = vec![d.respondent.clone()];
                r.extend(d.details.iter().map(|x| x.clone().unwrap_or_default()));
                r.push(d.answer.to_string());
                r
            })
            .collect(),
    )?;
    let mut head = vec!["respondent"];
    head.extend(&cols);
    head.extend(["items_answered", "mean", "mean_shown"]);
    t.add(
        "low_scorers.csv",
        &head,
        c.low_scorers
            .iter()
            .map(|l| {
                let mut r = vec![l.respondent.clone()];
                r.extend(l.details.iter().map(|x| x.clone().unwrap_or_default()));
                r.extend([l.mean.n.to_string(), v(&l.mean), shown(&l.mean)]);
                r
            })
            .collect(),
    )?;
    Ok(())
}

fn segments(t: &mut Tables, report: &AnnualReport) -> Result<(), Error> {
    for seg in &report.segments {
        let name = format!(
            "segments_{}.csv",
            seg.attributes
                .iter()
                .map(|a| slug(a))
                .collect::<Vec<_>>()
                .join("_")
        );
        let mut head: Vec<&str> = seg.attributes.iter().map(String::as_str).collect();
        head.extend([
            "respondents",
            "overall_average",
            "overall_average_shown",
            "nps_shown",
            "below_min_base",
            "rank",
        ]);
        t.add(
            &name,
            &head,
            seg.rows
                .iter()
                .map(|r| {
                    let mut row = r.values.clone();
                    row.extend([
                        r.respondents.to_string(),
                        v(&r.overall_average),
                        shown(&r.overall_average),
                        r.nps.as_ref().map(shown).unwrap_or_default(),
                        r.below_min_base.to_string(),
                        o(r.rank),
                    ]);
                    row
                })
                .collect(),
        )?;
    }
    for ch in &report.choices {
        t.add(
            &format!("choice_{}.csv", slug(&ch.question)),
            &["option", "label", "count", "n", "share", "share_shown"],
            ch.options
                .iter()
                .map(|x| {
                    vec![
                        x.option.clone(),
                        x.label.clone(),
                        x.count.to_string(),
                        x.share.n.to_string(),
                        v(&x.share),
                        shown(&x.share),
                    ]
                })
                .collect(),
        )?;
    }
    Ok(())
}

fn comments_and_kpis(t: &mut Tables, report: &AnnualReport) -> Result<(), Error> {
    let cm = &report.comments;
    t.add(
        "themes.csv",
        &["theme", "label", "label_en", "keywords", "count"],
        cm.themes
            .iter()
            .map(|g| {
                vec![
                    g.theme.clone(),
                    g.label.clone(),
                    g.label_en.clone(),
                    g.keywords.join(";"),
                    g.count.to_string(),
                ]
            })
            .collect(),
    )?;
    let mut rows = Vec::new();
    for g in &cm.themes {
        for k in &g.comments {
            rows.push(vec![
                g.theme.clone(),
                k.respondent.clone(),
                k.question.clone(),
                k.text.clone(),
            ]);
        }
    }
    for k in &cm.unthemed {
        rows.push(vec![
            String::new(),
            k.respondent.clone(),
            k.question.clone(),
            k.text.clone(),
        ]);
    }
    t.add(
        "comments.csv",
        &["theme", "respondent", "question", "text"],
        rows,
    )?;
    t.add(
        "kpis.csv",
        &["kpi", "target", "actual", "actual_shown", "n", "met"],
        report
            .satisfaction
            .kpis
            .iter()
            .map(|k| {
                vec![
                    id(&k.kpi),
                    k.target.to_string(),
                    v(&k.actual),
                    shown(&k.actual),
                    k.actual.n.to_string(),
                    o(k.met),
                ]
            })
            .collect(),
    )?;
    Ok(())
}

fn trend(t: &mut Tables, report: &AnnualReport) -> Result<(), Error> {
    let tr = &report.trend;
    t.add(
        "trend.csv",
        &[
            "wave",
            "period_start",
            "period_end",
            "respondents",
            "response_rate_shown",
            "overall_average",
            "overall_average_shown",
            "nps_shown",
            "satisfaction_rate_shown",
            "weighted_satisfaction_shown",
        ],
        tr.waves
            .iter()
            .map(|x| {
                vec![
                    x.wave.clone(),
                    x.period_start.to_string(),
                    x.period_end.to_string(),
                    x.respondents.to_string(),
                    x.response_rate.as_ref().map(shown).unwrap_or_default(),
                    v(&x.overall_average),
                    shown(&x.overall_average),
                    x.nps.as_ref().map(shown).unwrap_or_default(),
                    shown(&x.satisfaction_rate),
                    x.weighted_satisfaction
                        .as_ref()
                        .map(shown)
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    )?;
    let mut head = vec!["item".to_owned(), "label".to_owned()];
    head.extend(tr.waves.iter().map(|x| format!("mean_{}", x.wave)));
    head.extend(tr.waves.iter().map(|x| format!("rank_{}", x.wave)));
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    t.add(
        "trend_items.csv",
        &head,
        tr.items
            .iter()
            .map(|i| {
                let mut r = vec![i.item.clone(), i.label.clone()];
                r.extend(
                    i.means
                        .iter()
                        .map(|m| m.as_ref().map(shown).unwrap_or_default()),
                );
                r.extend(i.ranks.iter().map(|x| o(*x)));
                r
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_file_names() {
        assert_eq!(slug("region"), "region");
        assert_eq!(slug("行业/x"), "___x");
    }
}
