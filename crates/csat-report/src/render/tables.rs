//! The content of the tables that the Markdown and HTML renderings both show: headers and
//! cells as text, so the two renderings cannot drift apart; each rendering adds only its markup.

use super::phrases::{basis, kpi, met, opt, pct, period, rank_move};
use crate::choices::ChoiceTable;
use crate::language::Words;
use crate::nps::NpsSection;
use crate::report::AnnualReport;
use crate::satisfaction::WeightedSummary;
use crate::segments::SegmentTable;
use crate::stat::Stat;
use crate::trend::{ChoiceTrend, TrendSection};

/// A table's header and rows, as shown.
pub(super) struct Table {
    pub(super) head: Vec<String>,
    pub(super) rows: Vec<Vec<String>>,
}

impl Table {
    fn new<S: AsRef<str>>(head: &[S], rows: impl IntoIterator<Item = Vec<String>>) -> Self {
        Self {
            head: head.iter().map(|h| h.as_ref().to_owned()).collect(),
            rows: rows.into_iter().collect(),
        }
    }
}

/// A missing figure: an en dash, so an empty cell is never mistaken for zero.
fn text_or_dash(s: Option<&Stat>) -> String {
    s.map_or("–", Stat::text).to_owned()
}

/// The survey facts: period, sent, returned, response rate, compared waves.
pub(super) fn survey(r: &AnnualReport, w: &Words) -> Table {
    let s = &r.survey;
    let mut rows = vec![vec![w.period.to_owned(), period(s, w)]];
    if let Some(sent) = s.sent {
        rows.push(vec![w.sent.to_owned(), sent.to_string()]);
    }
    rows.push(vec![w.returned.to_owned(), s.returned.to_string()]);
    if s.responses != s.returned {
        rows.push(vec![w.responses.to_owned(), s.responses.to_string()]);
    }
    if let Some(rate) = &s.response_rate {
        rows.push(vec![w.response_rate.to_owned(), pct(rate)]);
    }
    if !s.previous_waves.is_empty() {
        rows.push(vec![
            w.compared_with.to_owned(),
            s.previous_waves.join(", "),
        ]);
    }
    Table::new(&[w.item, w.value], rows)
}

/// The sample's makeup by attribute value, with a row for the missing values.
pub(super) fn sample_attributes(r: &AnnualReport, w: &Words) -> Table {
    let mut rows = Vec::new();
    for a in &r.sample.attributes {
        for v in &a.values {
            rows.push(vec![
                a.label.clone(),
                v.value.clone(),
                v.count.to_string(),
                pct(&v.share),
            ]);
        }
        if a.missing > 0 {
            rows.push(vec![
                a.label.clone(),
                format!("({})", w.missing),
                a.missing.to_string(),
                String::new(),
            ]);
        }
    }
    Table::new(&[w.attribute, w.value, w.count, w.share], rows)
}

/// The ranked items, with the previous wave's columns when there is one.
pub(super) fn items(r: &AnnualReport, w: &Words) -> Table {
    let t = &r.items;
    let cur = &r.survey.wave;
    let prev = t.previous_wave.as_deref();
    let mut head = vec![
        w.rank.to_owned(),
        w.item.to_owned(),
        format!("{cur} {}", w.score),
        "n".to_owned(),
    ];
    if let Some(p) = prev {
        head.extend([
            format!("{p} {}", w.score),
            w.change.to_owned(),
            format!("{p} {}", w.rank),
            w.rank_move.to_owned(),
        ]);
    }
    let rows = t.rows.iter().map(|i| {
        let mut row = vec![
            i.rank.to_string(),
            i.label.clone(),
            i.mean.text().to_owned(),
            i.mean.n.to_string(),
        ];
        if prev.is_some() {
            row.extend([
                text_or_dash(i.previous_mean.as_ref()),
                i.change
                    .as_ref()
                    .map_or("–", |c| c.shown.as_str())
                    .to_owned(),
                opt(i.previous_rank),
                rank_move(i.rank_move, w),
            ]);
        }
        row
    });
    Table::new(&head, rows)
}

/// This wave's NPS in one row: each group with its score band, count and share.
pub(super) fn nps_current(n: &NpsSection, w: &Words) -> Table {
    let (promoter_min, passive_min) = (n.promoter_min, n.passive_min);
    Table::new(
        &[
            format!("{} ({promoter_min}-10)", w.promoters),
            format!(
                "{} ({passive_min}-{})",
                w.passives,
                promoter_min.saturating_sub(1)
            ),
            format!("{} (0-{})", w.detractors, passive_min.saturating_sub(1)),
            w.base.to_owned(),
            "NPS".to_owned(),
        ],
        [vec![
            format!("{} ({})", n.promoters, pct(&n.promoter_share)),
            format!("{} ({})", n.passives, pct(&n.passive_share)),
            format!("{} ({})", n.detractors, pct(&n.detractor_share)),
            format!("{} ({})", n.base, basis(n.basis, w)),
            n.score.text().to_owned(),
        ]],
    )
}

/// The NPS of every wave: group counts, base and score.
pub(super) fn nps_history(n: &NpsSection, w: &Words) -> Table {
    Table::new(
        &[w.wave, w.promoters, w.passives, w.detractors, w.base, "NPS"],
        n.history.iter().map(|h| {
            vec![
                h.wave.clone(),
                h.promoters.to_string(),
                h.passives.to_string(),
                h.detractors.to_string(),
                format!("{} ({})", h.base, basis(h.basis, w)),
                h.score.text().to_owned(),
            ]
        }),
    )
}

/// The call-back columns' labels, between the respondent and the figures.
fn callback_head(r: &AnnualReport, w: &Words) -> Vec<String> {
    let mut head = vec![w.respondent.to_owned()];
    head.extend(r.callbacks.columns.iter().map(|c| c.label.clone()));
    head
}

fn details(d: &[Option<String>]) -> impl Iterator<Item = String> + '_ {
    d.iter().map(|v| v.clone().unwrap_or_default())
}

/// The detractors to call back, with their details and answer.
pub(super) fn detractors(r: &AnnualReport, w: &Words) -> Table {
    let mut head = callback_head(r, w);
    head.push(w.answer.to_owned());
    Table::new(
        &head,
        r.callbacks.detractors.iter().map(|d| {
            let mut row = vec![d.respondent.clone()];
            row.extend(details(&d.details));
            row.push(d.answer.to_string());
            row
        }),
    )
}

/// The low scorers to call back, with their details, own average and items answered.
pub(super) fn low_scorers(r: &AnnualReport, w: &Words) -> Table {
    let mut head = callback_head(r, w);
    head.extend([w.own_average.to_owned(), w.items_answered.to_owned()]);
    Table::new(
        &head,
        r.callbacks.low_scorers.iter().map(|l| {
            let mut row = vec![l.respondent.clone()];
            row.extend(details(&l.details));
            row.extend([l.mean.text().to_owned(), l.mean.n.to_string()]);
            row
        }),
    )
}

/// One segment table: the segment's values, respondents, average, NPS and rank.
pub(super) fn segment(t: &SegmentTable, w: &Words) -> Table {
    let mut head: Vec<String> = t.labels.clone();
    head.extend([
        w.count.to_owned(),
        w.overall_average.to_owned(),
        "NPS".to_owned(),
        w.rank.to_owned(),
    ]);
    Table::new(
        &head,
        t.rows.iter().map(|row| {
            let mut cells = row.values.clone();
            cells.extend([
                row.respondents.to_string(),
                row.overall_average.text().to_owned(),
                text_or_dash(row.nps.as_ref()),
                if row.below_min_base {
                    format!("({} < {})", w.below_base, t.min_base)
                } else {
                    opt(row.rank)
                },
            ]);
            cells
        }),
    )
}

/// One choice question's options with count and share.
pub(super) fn choice(c: &ChoiceTable, w: &Words) -> Table {
    Table::new(
        &[w.option, w.count, w.share],
        c.options
            .iter()
            .map(|o| vec![o.label.clone(), o.count.to_string(), pct(&o.share)]),
    )
}

/// The free-text questions and how many answered each.
pub(super) fn comment_questions(r: &AnnualReport, w: &Words) -> Table {
    Table::new(
        &[w.question, w.answered],
        r.comments
            .questions
            .iter()
            .map(|q| vec![q.label.clone(), q.answered.to_string()]),
    )
}

/// The comment themes with their keywords and counts, labelled in the rendering's language.
pub(super) fn themes(r: &AnnualReport, w: &Words) -> Table {
    Table::new(
        &[w.theme, w.keywords, w.comment_count],
        r.comments.themes.iter().map(|t| {
            vec![
                theme_label(t, w).to_owned(),
                t.keywords.join(", "),
                t.count.to_string(),
            ]
        }),
    )
}

/// A theme's label in the rendering's language.
pub(super) fn theme_label<'a>(t: &'a crate::ThemeGroup, w: &Words) -> &'a str {
    if w.english { &t.label_en } else { &t.label }
}

/// The satisfaction figures: weighted satisfaction (when weighted), satisfaction rate and
/// mean of item means.
pub(super) fn satisfaction(r: &AnnualReport, w: &Words) -> Table {
    let s = &r.satisfaction;
    let mut rows = Vec::new();
    if let Some(ws) = &s.weighted {
        rows.push(vec![
            w.weighted_satisfaction.to_owned(),
            format!("{} (n = {})", pct(&ws.value), ws.value.n),
        ]);
    }
    rows.push(vec![
        w.satisfaction_rate.to_owned(),
        format!(
            "{} ({}/{}, {} {})",
            pct(&s.satisfaction_rate),
            s.satisfied,
            s.satisfaction_rate.n,
            w.threshold,
            s.threshold
        ),
    ]);
    rows.push(vec![
        w.mean_of_item_means.to_owned(),
        s.mean_of_item_means.text().to_owned(),
    ]);
    Table::new(&[w.item, w.value], rows)
}

/// The KPIs against their targets.
pub(super) fn kpis(r: &AnnualReport, w: &Words) -> Table {
    Table::new(
        &[w.kpi, w.target, w.actual, w.met],
        r.satisfaction.kpis.iter().map(|k| {
            vec![
                kpi(k.kpi, w).to_owned(),
                k.target.to_string(),
                k.actual.text().to_owned(),
                met(k.met, w).to_owned(),
            ]
        }),
    )
}

/// The weighted satisfaction's parts: weight, mean mapped value and contribution.
pub(super) fn weighted_parts(ws: &WeightedSummary, w: &Words) -> Table {
    Table::new(
        &[w.item, w.weight, w.mapped_mean, w.contribution],
        ws.parts.iter().map(|p| {
            vec![
                p.label.clone(),
                format!("{}%", p.weight),
                p.mapped_mean.text().to_owned(),
                p.contribution
                    .map_or_else(|| "–".to_owned(), |c| crate::stat::shown(c, 2)),
            ]
        }),
    )
}

/// The headline figures of every wave.
pub(super) fn trend_waves(t: &TrendSection, w: &Words) -> Table {
    Table::new(
        &[
            w.wave,
            w.respondents,
            w.response_rate,
            w.overall_average,
            "NPS",
            w.satisfaction_rate,
        ],
        t.waves.iter().map(|x| {
            vec![
                x.wave.clone(),
                x.respondents.to_string(),
                x.response_rate.as_ref().map_or_else(|| "–".to_owned(), pct),
                x.overall_average.text().to_owned(),
                text_or_dash(x.nps.as_ref()),
                pct(&x.satisfaction_rate),
            ]
        }),
    )
}

/// Every item's mean and rank in every wave.
pub(super) fn trend_items(t: &TrendSection, w: &Words) -> Table {
    let mut head = vec![w.item.to_owned()];
    head.extend(t.waves.iter().map(|x| x.wave.clone()));
    head.extend(t.waves.iter().map(|x| format!("{} {}", x.wave, w.rank)));
    Table::new(
        &head,
        t.items.iter().map(|i| {
            let mut row = vec![i.label.clone()];
            row.extend(i.means.iter().map(|m| text_or_dash(m.as_ref())));
            row.extend(i.ranks.iter().map(|x| opt(*x)));
            row
        }),
    )
}

/// One choice question's option shares in every wave.
pub(super) fn trend_choice(t: &TrendSection, c: &ChoiceTrend) -> Table {
    let mut head = vec![c.label.clone()];
    head.extend(t.waves.iter().map(|x| x.wave.clone()));
    Table::new(
        &head,
        c.options.iter().map(|o| {
            let mut row = vec![o.label.clone()];
            row.extend(
                o.shares
                    .iter()
                    .map(|s| s.as_ref().map_or_else(|| "–".to_owned(), pct)),
            );
            row
        }),
    )
}
