//! Markdown, for terminals and wikis.

use std::fmt::Write as _;

use super::phrases::{basis, kpi, listed, met, opt, pct, period, rank_move, record, title};
use crate::choices::ChoiceType;
use crate::language::{RenderOptions, Words};
use crate::report::AnnualReport;

/// A table cell: pipes escaped, line breaks flattened, so any label keeps the table intact.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

struct Md {
    out: String,
}

impl Md {
    fn line(&mut self, s: impl AsRef<str>) {
        self.out.push_str(s.as_ref());
        self.out.push('\n');
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    fn table<S: AsRef<str>>(&mut self, head: &[S], rows: impl IntoIterator<Item = Vec<String>>) {
        let h: Vec<String> = head.iter().map(|h| cell(h.as_ref())).collect();
        self.line(format!("| {} |", h.join(" | ")));
        self.line(format!("|{}", "---|".repeat(h.len())));
        for r in rows {
            let r: Vec<String> = r.iter().map(|c| cell(c)).collect();
            self.line(format!("| {} |", r.join(" | ")));
        }
        self.blank();
    }
}

/// The report as Markdown (GitHub-flavoured tables), headings in `options.language`.
#[must_use]
pub fn markdown(report: &AnnualReport, options: &RenderOptions) -> String {
    let w = options.language.words();
    let mut md = Md { out: String::new() };
    let s = &report.survey;
    md.line(format!("# {}", title(s, w)));
    md.blank();
    survey(&mut md, report, w);
    highlights(&mut md, report, w);
    items(&mut md, report, w);
    nps(&mut md, report, w);
    callbacks(&mut md, report, w);
    segments(&mut md, report, w);
    choices(&mut md, report, w);
    comments(&mut md, report, w, options.comment_texts);
    satisfaction(&mut md, report, w);
    trend(&mut md, report, w);
    md.out.truncate(md.out.trim_end().len());
    md.out.push('\n');
    md.out
}

fn survey(md: &mut Md, r: &AnnualReport, w: &Words) {
    let s = &r.survey;
    md.line(format!("## {}", w.survey));
    md.blank();
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
    md.table(&[w.item, w.value], rows);

    let sample = &r.sample;
    md.line(format!("### {}", w.sample));
    md.blank();
    for f in &sample.shares {
        md.line(format!(
            "- {}: {} ({}/{})",
            f.label,
            pct(&f.share),
            f.count,
            f.share.n
        ));
    }
    for f in &sample.ratios {
        md.line(format!(
            "- {} {}:{} = {} ({}:{})",
            f.label, f.first, f.second, f.shown, f.first_count, f.second_count
        ));
    }
    if !sample.shares.is_empty() || !sample.ratios.is_empty() {
        md.blank();
    }
    let mut rows = Vec::new();
    for a in &sample.attributes {
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
    if !rows.is_empty() {
        md.table(&[w.attribute, w.value, w.count, w.share], rows);
    }
}

fn highlights(md: &mut Md, r: &AnnualReport, w: &Words) {
    let h = &r.headline;
    md.line(format!("## {}", w.highlights));
    md.blank();
    let mut line = format!(
        "- {} **{}** (n = {} {})",
        w.overall_average,
        h.overall_average.text(),
        h.overall_average.n,
        w.cells
    );
    if let Some(c) = &h.overall_change {
        let _ = write!(line, ", {} {}", w.vs_previous, c.shown);
    }
    if let Some(rec) = &h.overall_record {
        let _ = write!(line, ", {}", record(rec, w));
    }
    md.line(line);
    for (what, item) in [(w.highest_item, &h.highest), (w.lowest_item, &h.lowest)] {
        if let Some(i) = item {
            let mut line = format!("- {what}: {} **{}**", i.label, i.mean.text());
            if let Some(rec) = &i.record {
                let _ = write!(line, ", {}", record(rec, w));
            }
            md.line(line);
        }
    }
    if let Some(n) = &h.nps {
        md.line(format!("- NPS **{}** (n = {})", n.text(), n.n));
    }
    if let Some(rate) = &h.response_rate {
        md.line(format!("- {} **{}**", w.response_rate, pct(rate)));
    }
    md.blank();
}

fn items(md: &mut Md, r: &AnnualReport, w: &Words) {
    let t = &r.items;
    let cur = &r.survey.wave;
    md.line(format!("## {}", w.items));
    md.blank();
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
                i.previous_mean
                    .as_ref()
                    .map_or("–", |m| m.text())
                    .to_owned(),
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
    md.table(&head, rows);
    if !t.dropped.is_empty() {
        let list: Vec<String> = t
            .dropped
            .iter()
            .map(|d| format!("{} (#{})", d.label, opt(d.previous_rank)))
            .collect();
        md.line(format!(
            "{} ({}): {}",
            w.dropped_items,
            prev.unwrap_or(""),
            list.join(", ")
        ));
        md.blank();
    }
    if !t.unanswered.is_empty() {
        md.line(format!(
            "{}: {}",
            w.unanswered_items,
            t.unanswered.join(", ")
        ));
        md.blank();
    }
}

fn nps(md: &mut Md, r: &AnnualReport, w: &Words) {
    let Some(n) = &r.nps else {
        return;
    };
    md.line(format!("## {}", w.nps));
    md.blank();
    md.line(format!(
        "{} (n = {}, {})",
        n.label,
        n.base,
        basis(n.basis, w)
    ));
    md.blank();
    let (promoter_min, passive_min) = (n.promoter_min, n.passive_min);
    md.table(
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
    );
    let mut notes = Vec::new();
    if let Some(c) = &n.change {
        let sig = match n.change_significant {
            Some(true) => format!(" ({})", w.significant),
            Some(false) => format!(" ({})", w.not_significant),
            None => String::new(),
        };
        notes.push(format!("{} {}{sig}", w.vs_previous, c.shown));
    }
    if let Some(rec) = &n.record {
        notes.push(record(rec, w));
    }
    if !notes.is_empty() {
        md.line(notes.join("; "));
        md.blank();
    }
    if n.history.len() > 1 {
        md.line(format!("### {}", w.history));
        md.blank();
        md.table(
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
        );
    }
}

fn callbacks(md: &mut Md, r: &AnnualReport, w: &Words) {
    let c = &r.callbacks;
    md.line(format!("## {}", w.callbacks));
    md.blank();
    let cols: Vec<String> = c.columns.iter().map(|c| c.label.clone()).collect();
    let details = |d: &[Option<String>]| -> Vec<String> {
        d.iter().map(|v| v.clone().unwrap_or_default()).collect()
    };
    if c.question.is_some() {
        md.line(format!(
            "### {} ({})",
            w.detractor_list,
            listed(c.detractors.len(), c.detractor_total, w)
        ));
        md.blank();
        let mut head = vec![w.respondent.to_owned()];
        head.extend(cols.iter().cloned());
        head.push(w.answer.to_owned());
        md.table(
            &head,
            c.detractors.iter().map(|d| {
                let mut row = vec![d.respondent.clone()];
                row.extend(details(&d.details));
                row.push(d.answer.to_string());
                row
            }),
        );
    }
    md.line(format!("### {}", w.low_scorers));
    md.blank();
    let mut head = vec![w.respondent.to_owned()];
    head.extend(cols.iter().cloned());
    head.extend([w.own_average.to_owned(), w.items_answered.to_owned()]);
    md.table(
        &head,
        c.low_scorers.iter().map(|l| {
            let mut row = vec![l.respondent.clone()];
            row.extend(details(&l.details));
            row.extend([l.mean.text().to_owned(), l.mean.n.to_string()]);
            row
        }),
    );
}

fn segments(md: &mut Md, r: &AnnualReport, w: &Words) {
    if r.segments.is_empty() {
        return;
    }
    md.line(format!("## {}", w.segments));
    md.blank();
    for t in &r.segments {
        let mut title = format!("### {}", t.labels.join(" × "));
        if let Some(b) = &t.best {
            let _ = write!(title, " ({}: {})", w.best_segment, b.join(" × "));
        }
        md.line(title);
        md.blank();
        let mut head: Vec<String> = t.labels.clone();
        head.extend([
            w.count.to_owned(),
            w.overall_average.to_owned(),
            "NPS".to_owned(),
            w.rank.to_owned(),
        ]);
        md.table(
            &head,
            t.rows.iter().map(|row| {
                let mut cells = row.values.clone();
                cells.extend([
                    row.respondents.to_string(),
                    row.overall_average.text().to_owned(),
                    row.nps.as_ref().map_or("–", |n| n.text()).to_owned(),
                    if row.below_min_base {
                        format!("({} < {})", w.below_base, t.min_base)
                    } else {
                        opt(row.rank)
                    },
                ]);
                cells
            }),
        );
        if t.missing > 0 {
            md.line(format!("{}: {}", w.missing, t.missing));
            md.blank();
        }
    }
}

fn choices(md: &mut Md, r: &AnnualReport, w: &Words) {
    if r.choices.is_empty() {
        return;
    }
    md.line(format!("## {}", w.choices));
    md.blank();
    for c in &r.choices {
        let kind = match c.kind {
            ChoiceType::Single => w.single_choice,
            _ => w.multiple_choice,
        };
        md.line(format!("### {} ({kind}, n = {})", c.label, c.answered));
        md.blank();
        md.table(
            &[w.option, w.count, w.share],
            c.options
                .iter()
                .map(|o| vec![o.label.clone(), o.count.to_string(), pct(&o.share)]),
        );
    }
}

fn comments(md: &mut Md, r: &AnnualReport, w: &Words, texts: bool) {
    let c = &r.comments;
    if c.questions.is_empty() {
        return;
    }
    md.line(format!("## {}", w.comments));
    md.blank();
    md.table(
        &[w.question, w.answered],
        c.questions
            .iter()
            .map(|q| vec![q.label.clone(), q.answered.to_string()]),
    );
    let english = w.english;
    md.table(
        &[w.theme, w.keywords, w.comment_count],
        c.themes.iter().map(|t| {
            vec![
                if english { &t.label_en } else { &t.label }.clone(),
                t.keywords.join(", "),
                t.count.to_string(),
            ]
        }),
    );
    if !texts {
        return;
    }
    for t in c.themes.iter().filter(|t| t.count > 0) {
        let label = if english { &t.label_en } else { &t.label };
        md.line(format!("### {label} ({})", t.count));
        md.blank();
        quoted(md, &t.comments, t.count);
    }
    if c.unthemed_count > 0 {
        md.line(format!("### {} ({})", w.unthemed, c.unthemed_count));
        md.blank();
        quoted(md, &c.unthemed, c.unthemed_count);
    }
}

/// The quoted comments of a group, and how many more were counted than quoted.
fn quoted(md: &mut Md, comments: &[crate::Comment], count: u64) {
    for k in comments {
        md.line(format!(
            "- {} ({})",
            k.text.replace(['\r', '\n'], " "),
            k.respondent
        ));
    }
    let rest = count.saturating_sub(comments.len() as u64);
    if rest > 0 {
        md.line(format!("- … (+{rest})"));
    }
    md.blank();
}

fn satisfaction(md: &mut Md, r: &AnnualReport, w: &Words) {
    let s = &r.satisfaction;
    md.line(format!("## {}", w.satisfaction));
    md.blank();
    let mut rows = vec![vec![
        w.satisfaction_rate.to_owned(),
        format!(
            "{} ({}/{}, {} {})",
            pct(&s.satisfaction_rate),
            s.satisfied,
            s.satisfaction_rate.n,
            w.threshold,
            s.threshold
        ),
    ]];
    if let Some(ws) = &s.weighted {
        rows.insert(
            0,
            vec![
                w.weighted_satisfaction.to_owned(),
                format!("{} (n = {})", pct(&ws.value), ws.value.n),
            ],
        );
    }
    rows.push(vec![
        w.mean_of_item_means.to_owned(),
        s.mean_of_item_means.text().to_owned(),
    ]);
    md.table(&[w.item, w.value], rows);
    if !s.kpis.is_empty() {
        md.table(
            &[w.kpi, w.target, w.actual, w.met],
            s.kpis.iter().map(|k| {
                vec![
                    kpi(k.kpi, w).to_owned(),
                    k.target.to_string(),
                    k.actual.text().to_owned(),
                    met(k.met, w).to_owned(),
                ]
            }),
        );
    }
    if let Some(ws) = &s.weighted {
        md.table(
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
        );
        if ws.renormalised {
            md.line(format!("({})", w.renormalised));
            md.blank();
        }
    }
}

fn trend(md: &mut Md, r: &AnnualReport, w: &Words) {
    let t = &r.trend;
    if t.waves.len() < 2 {
        return;
    }
    md.line(format!("## {}", w.trend));
    md.blank();
    md.table(
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
                x.nps.as_ref().map_or("–", |n| n.text()).to_owned(),
                pct(&x.satisfaction_rate),
            ]
        }),
    );
    md.line(format!("### {}", w.item_trend));
    md.blank();
    let mut head = vec![w.item.to_owned()];
    head.extend(t.waves.iter().map(|x| x.wave.clone()));
    head.extend(t.waves.iter().map(|x| format!("{} {}", x.wave, w.rank)));
    md.table(
        &head,
        t.items.iter().map(|i| {
            let mut row = vec![i.label.clone()];
            row.extend(
                i.means
                    .iter()
                    .map(|m| m.as_ref().map_or("–", |m| m.text()).to_owned()),
            );
            row.extend(i.ranks.iter().map(|r| opt(*r)));
            row
        }),
    );
    if !t.choices.is_empty() {
        md.line(format!("### {}", w.choice_trend));
        md.blank();
        for c in &t.choices {
            let mut head = vec![c.label.clone()];
            head.extend(t.waves.iter().map(|x| x.wave.clone()));
            md.table(
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
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_tables_intact() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
