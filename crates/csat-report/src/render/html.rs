//! A single-file HTML report with inline SVG charts.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::charts::{Bar, Point, Stack, bars, esc, heat, line, stacked};
use super::phrases::{basis, listed, opt, pct, period, record, small_segments_note, title};
use super::tables::{self, Table};
use crate::choices::ChoiceType;
use crate::language::{RenderOptions, Words};
use crate::report::AnnualReport;
use crate::segments::SegmentTable;
use crate::stat::Stat;

/// Fonts that carry Chinese glyphs on Linux, macOS and Windows, before the generic family.
const FONTS: &str = r#""Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans", sans-serif"#;

const PROMOTER: &str = "#2f855a";
const PASSIVE: &str = "#a0aec0";
const DETRACTOR: &str = "#c53030";

fn style() -> String {
    format!(
        "body{{font-family:{FONTS};margin:24px auto;max-width:960px;color:#1a202c;line-height:1.5}}\
h1{{font-size:26px;margin-bottom:4px}}h2{{font-size:20px;border-bottom:2px solid #2b6cb0;padding-bottom:4px;margin-top:36px}}\
h3{{font-size:16px;margin-top:20px}}table{{border-collapse:collapse;margin:8px 0 16px;font-size:13px}}\
th,td{{border:1px solid #cbd5e0;padding:3px 8px;text-align:left}}th{{background:#edf2f7}}td.num{{text-align:right}}\
.cards{{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}}.card{{border:1px solid #cbd5e0;border-radius:6px;padding:10px 14px;min-width:150px;flex:1}}\
.card .big{{font-size:28px;font-weight:bold;color:#2b6cb0}}.card .small{{font-size:12px;color:#4a5568}}\
.record{{color:#c05621;font-weight:bold}}.charts{{display:flex;flex-wrap:wrap;gap:16px}}\
svg.chart{{max-width:100%;height:auto;font-family:{FONTS}}}svg .chart-title{{font-size:15px;font-weight:bold}}\
svg .axis{{font-size:11px;fill:#4a5568}}svg .value{{font-size:12px;fill:#1a202c}}svg .label{{font-size:12px;fill:#1a202c}}\
svg .note{{font-size:11px;fill:#718096}}svg .inbar{{font-size:12px;fill:#fff}}.muted{{color:#718096}}\
ul.comments li{{margin:2px 0}}"
    )
}

struct Page {
    out: String,
}

impl Page {
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn h(&mut self, level: u8, text: &str) {
        let _ = writeln!(self.out, "<h{level}>{}</h{level}>", esc(text));
    }

    fn p(&mut self, text: &str) {
        let _ = writeln!(self.out, "<p>{}</p>", esc(text));
    }

    /// A table; cells that look like numbers are right-aligned.
    fn table(&mut self, t: &Table) {
        let mut s = String::from("<table><thead><tr>");
        for h in &t.head {
            let _ = write!(s, "<th>{}</th>", esc(h));
        }
        s.push_str("</tr></thead><tbody>");
        for r in &t.rows {
            s.push_str("<tr>");
            for c in r {
                let numeric = !c.is_empty()
                    && c.chars()
                        .all(|ch| ch.is_ascii_digit() || ".-+%–↑↓= ()".contains(ch));
                let class = if numeric { r#" class="num""# } else { "" };
                let _ = write!(s, "<td{class}>{}</td>", esc(c));
            }
            s.push_str("</tr>");
        }
        s.push_str("</tbody></table>");
        self.raw(&s);
    }
}

/// The report as one self-contained HTML page (UTF-8, inline CSS and SVG, no scripts, no
/// external resources), headings in `options.language`.
#[must_use]
pub fn html(report: &AnnualReport, options: &RenderOptions) -> String {
    let w = options.language.words();
    let s = &report.survey;
    let title = title(s, w);
    let mut page = Page { out: String::new() };
    let _ = write!(
        page.out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        options.language.tag(),
        esc(&title),
        style()
    );
    page.h(1, &title);
    page.p(&format!(
        "{}: {} · {}: {}",
        w.period,
        period(s, w),
        w.returned,
        s.returned
    ));
    cards(&mut page, report, w);
    overview_charts(&mut page, report, w);
    survey(&mut page, report, w);
    items(&mut page, report, w);
    nps(&mut page, report, w);
    callbacks(&mut page, report, w);
    segments(&mut page, report, w);
    choices(&mut page, report, w);
    comments(&mut page, report, w, options.comment_texts);
    satisfaction(&mut page, report, w);
    trend(&mut page, report, w);
    page.raw("</body>\n</html>");
    page.out
}

fn card(page: &mut Page, label: &str, big: &str, small: &str, record_text: Option<String>) {
    let mut s = format!(
        r#"<div class="card"><div class="small">{}</div><div class="big">{}</div>"#,
        esc(label),
        esc(big)
    );
    if !small.is_empty() {
        let _ = write!(s, r#"<div class="small">{}</div>"#, esc(small));
    }
    if let Some(r) = record_text {
        let _ = write!(s, r#"<div class="record">{}</div>"#, esc(&r));
    }
    s.push_str("</div>");
    page.raw(&s);
}

fn cards(page: &mut Page, r: &AnnualReport, w: &Words) {
    let h = &r.headline;
    page.raw(r#"<div class="cards">"#);
    let change = h
        .overall_change
        .as_ref()
        .map(|c| format!("{} {}", w.vs_previous, c.shown))
        .unwrap_or_default();
    card(
        page,
        w.overall_average,
        h.overall_average.text(),
        &format!("n = {} {} {change}", h.overall_average.n, w.cells),
        h.overall_record.as_ref().map(|x| record(x, w)),
    );
    if let Some(n) = &r.nps {
        card(
            page,
            "NPS",
            n.score.text(),
            &format!("n = {}", n.base),
            n.record.as_ref().map(|x| record(x, w)),
        );
    }
    if let Some(rate) = &h.response_rate {
        card(
            page,
            w.response_rate,
            &pct(rate),
            &format!("{}/{}", r.survey.returned, rate.n),
            None,
        );
    }
    for (what, item) in [(w.highest_item, &h.highest), (w.lowest_item, &h.lowest)] {
        if let Some(i) = item {
            card(
                page,
                what,
                i.mean.text(),
                &i.label,
                i.record.as_ref().map(|x| record(x, w)),
            );
        }
    }
    page.raw("</div>");
}

fn overview_charts(page: &mut Page, r: &AnnualReport, w: &Words) {
    let t = &r.trend;
    let overall: Vec<Point> = t
        .waves
        .iter()
        .map(|x| Point {
            label: x.wave.clone(),
            value: x.overall_average.value,
            shown: x.overall_average.text().to_owned(),
        })
        .collect();
    page.raw(r#"<div class="charts">"#);
    page.raw(&line(w.chart_overall, &overall, "#2b6cb0"));
    if let Some(n) = &r.nps {
        let points: Vec<Point> = n
            .history
            .iter()
            .map(|x| Point {
                label: x.wave.clone(),
                value: x.score.value,
                shown: x.score.text().to_owned(),
            })
            .collect();
        page.raw(&line(w.chart_nps, &points, PROMOTER));
    }
    page.raw("</div>");
}

fn survey(page: &mut Page, r: &AnnualReport, w: &Words) {
    page.h(2, w.survey);
    page.table(&tables::survey(r, w));
    page.h(3, w.sample);
    let mut facts = String::from("<ul>");
    for f in &r.sample.shares {
        let _ = write!(
            facts,
            "<li>{}: <b>{}</b> ({}/{})</li>",
            esc(&f.label),
            esc(&pct(&f.share)),
            f.count,
            f.share.n
        );
    }
    for f in &r.sample.ratios {
        let _ = write!(
            facts,
            "<li>{} {}:{} = <b>{}</b> ({}:{})</li>",
            esc(&f.label),
            esc(&f.first),
            esc(&f.second),
            esc(&f.shown),
            f.first_count,
            f.second_count
        );
    }
    facts.push_str("</ul>");
    page.raw(&facts);
    page.table(&tables::sample_attributes(r, w));
}

/// Axis limits around the values: a tenth below the lowest, a tenth above the highest.
fn axis(values: impl Iterator<Item = Decimal>) -> (Decimal, Decimal) {
    let tenth = Decimal::new(1, 1);
    let (mut lo, mut hi) = (None::<Decimal>, None::<Decimal>);
    for v in values {
        lo = Some(lo.map_or(v, |l: Decimal| l.min(v)));
        hi = Some(hi.map_or(v, |h: Decimal| h.max(v)));
    }
    match (lo, hi) {
        (Some(l), Some(h)) => (
            ((l - tenth) * Decimal::TEN).floor() / Decimal::TEN,
            ((h + tenth) * Decimal::TEN).ceil() / Decimal::TEN,
        ),
        _ => (Decimal::ZERO, Decimal::ONE),
    }
}

fn items(page: &mut Page, r: &AnnualReport, w: &Words) {
    let t = &r.items;
    page.h(2, w.items);
    let (lo, hi) = axis(t.rows.iter().filter_map(|i| i.mean.value));
    let chart_bars: Vec<Bar> = t
        .rows
        .iter()
        .map(|i| Bar {
            label: format!("{}. {}", i.rank, i.label),
            value: i.mean.value,
            shown: i.mean.text().to_owned(),
            note: i
                .previous_rank
                .map(|p| format!("({p})"))
                .unwrap_or_default(),
            highlight: false,
        })
        .collect();
    let note = if t.previous_wave.is_some() {
        w.chart_items_note.to_owned()
    } else {
        String::new()
    };
    page.raw(&bars(w.chart_items, &chart_bars, lo, hi, &note));
    page.table(&tables::items(r, w));
    if !t.dropped.is_empty() {
        let list: Vec<String> = t
            .dropped
            .iter()
            .map(|d| format!("{} (#{})", d.label, opt(d.previous_rank)))
            .collect();
        page.p(&format!("{}: {}", w.dropped_items, list.join(", ")));
    }
}

fn nps(page: &mut Page, r: &AnnualReport, w: &Words) {
    let Some(n) = &r.nps else {
        return;
    };
    page.h(2, w.nps);
    page.p(&format!(
        "{} (n = {}, {})",
        n.label,
        n.base,
        basis(n.basis, w)
    ));
    let rows: Vec<Stack> = n
        .history
        .iter()
        .map(|h| {
            let share = |c: u64| {
                if h.base == 0 {
                    Decimal::ZERO
                } else {
                    Decimal::from(c) * Decimal::ONE_HUNDRED / Decimal::from(h.base)
                }
            };
            let shown = |c: u64| pct(&Stat::percent(Some(share(c)), h.base));
            Stack {
                label: h.wave.clone(),
                parts: vec![
                    (share(h.detractors), shown(h.detractors), DETRACTOR),
                    (share(h.passives), shown(h.passives), PASSIVE),
                    (share(h.promoters), shown(h.promoters), PROMOTER),
                ],
                note: format!("NPS {}", h.score.text()),
            }
        })
        .collect();
    page.raw(&stacked(
        w.chart_nps_mix,
        &rows,
        &[
            (w.detractors, DETRACTOR),
            (w.passives, PASSIVE),
            (w.promoters, PROMOTER),
        ],
    ));
    page.table(&tables::nps_history(n, w));
    if let Some(c) = &n.change {
        let sig = match n.change_significant {
            Some(true) => format!(" ({})", w.significant),
            Some(false) => format!(" ({})", w.not_significant),
            None => String::new(),
        };
        page.p(&format!("{} {}{sig}", w.vs_previous, c.shown));
    }
}

fn callbacks(page: &mut Page, r: &AnnualReport, w: &Words) {
    let c = &r.callbacks;
    page.h(2, w.callbacks);
    if c.question.is_some() {
        page.h(
            3,
            &format!(
                "{} ({})",
                w.detractor_list,
                listed(c.detractors.len(), c.detractor_total, w)
            ),
        );
        page.table(&tables::detractors(r, w));
    }
    page.h(3, w.low_scorers);
    page.table(&tables::low_scorers(r, w));
}

fn segment_bars(page: &mut Page, t: &SegmentTable, w: &Words) {
    let (lo, hi) = axis(
        t.rows
            .iter()
            .filter(|r| !r.below_min_base)
            .filter_map(|r| r.overall_average.value),
    );
    let best = t.best.as_ref();
    let chart: Vec<Bar> = t
        .rows
        .iter()
        .map(|r| Bar {
            label: r.values.join(" × "),
            value: r.overall_average.value,
            shown: r.overall_average.text().to_owned(),
            note: if r.below_min_base {
                format!("n = {} ({})", r.respondents, w.below_base)
            } else {
                format!("n = {}", r.respondents)
            },
            highlight: best == Some(&r.values),
        })
        .collect();
    page.raw(&bars(
        &format!("{}: {}", w.chart_segments, t.labels.join(" × ")),
        &chart,
        lo,
        hi,
        "",
    ));
}

fn heat_table(page: &mut Page, t: &SegmentTable, w: &Words) {
    let (firsts, seconds) = (&t.values[0], &t.values[1]);
    let (lo, hi) = axis(
        t.rows
            .iter()
            .filter(|r| !r.below_min_base)
            .filter_map(|r| r.overall_average.value),
    );
    let mut s = format!(
        "<table class=\"heat\"><thead><tr><th>{} \\ {}</th>",
        esc(&t.labels[0]),
        esc(&t.labels[1])
    );
    for c in seconds {
        let _ = write!(s, "<th>{}</th>", esc(c));
    }
    s.push_str("</tr></thead><tbody>");
    for a in firsts {
        let _ = write!(s, "<tr><th>{}</th>", esc(a));
        for b in seconds {
            match t
                .rows
                .iter()
                .find(|r| &r.values[0] == a && &r.values[1] == b)
            {
                Some(r) if !r.below_min_base => {
                    let bg = r
                        .overall_average
                        .value
                        .map_or_else(|| "#fff".to_owned(), |v| heat(v, lo, hi));
                    let dark = r
                        .overall_average
                        .value
                        .is_some_and(|v| hi > lo && (v - lo) * Decimal::TWO > (hi - lo));
                    let color = if dark { "#fff" } else { "#1a202c" };
                    let best = if t.best.as_ref() == Some(&r.values) {
                        " ★"
                    } else {
                        ""
                    };
                    let _ = write!(
                        s,
                        r#"<td class="num" style="background:{bg};color:{color}">{}{best}<br><small>n={}</small></td>"#,
                        esc(r.overall_average.text()),
                        r.respondents
                    );
                }
                Some(r) => {
                    let _ = write!(
                        s,
                        r#"<td class="num muted">{}<br><small>n={}</small></td>"#,
                        esc(r.overall_average.text()),
                        r.respondents
                    );
                }
                None => s.push_str("<td></td>"),
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    page.raw(&s);
    page.p(&small_segments_note(t.min_base, w));
}

fn segments(page: &mut Page, r: &AnnualReport, w: &Words) {
    if r.segments.is_empty() {
        return;
    }
    page.h(2, w.segments);
    for t in &r.segments {
        let mut title = t.labels.join(" × ");
        if let Some(b) = &t.best {
            let _ = write!(title, " ({}: {})", w.best_segment, b.join(" × "));
        }
        page.h(3, &title);
        if t.attributes.len() == 2 {
            heat_table(page, t, w);
        } else {
            segment_bars(page, t, w);
        }
    }
}

fn choices(page: &mut Page, r: &AnnualReport, w: &Words) {
    if r.choices.is_empty() {
        return;
    }
    page.h(2, w.choices);
    for c in &r.choices {
        let kind = match c.kind {
            ChoiceType::Single => w.single_choice,
            _ => w.multiple_choice,
        };
        page.h(3, &format!("{} ({kind}, n = {})", c.label, c.answered));
        page.table(&tables::choice(c, w));
    }
}

fn comments(page: &mut Page, r: &AnnualReport, w: &Words, texts: bool) {
    let c = &r.comments;
    if c.questions.is_empty() {
        return;
    }
    page.h(2, w.comments);
    page.table(&tables::comment_questions(r, w));
    page.table(&tables::themes(r, w));
    if !texts {
        return;
    }
    for t in c.themes.iter().filter(|t| t.count > 0) {
        page.h(3, &format!("{} ({})", tables::theme_label(t, w), t.count));
        page.raw(&quoted(&t.comments, t.count));
    }
    if c.unthemed_count > 0 {
        page.h(3, &format!("{} ({})", w.unthemed, c.unthemed_count));
        page.raw(&quoted(&c.unthemed, c.unthemed_count));
    }
}

/// The quoted comments of a group as a list, ending with how many more were counted.
fn quoted(comments: &[crate::Comment], count: u64) -> String {
    let mut s = String::from(r#"<ul class="comments">"#);
    for k in comments {
        let _ = write!(
            s,
            r#"<li>{} <span class="muted">({})</span></li>"#,
            esc(&k.text),
            esc(&k.respondent)
        );
    }
    let rest = count.saturating_sub(comments.len() as u64);
    if rest > 0 {
        let _ = write!(s, r#"<li class="muted">… (+{rest})</li>"#);
    }
    s.push_str("</ul>");
    s
}

fn satisfaction(page: &mut Page, r: &AnnualReport, w: &Words) {
    let s = &r.satisfaction;
    page.h(2, w.satisfaction);
    page.table(&tables::satisfaction(r, w));
    if !s.kpis.is_empty() {
        page.table(&tables::kpis(r, w));
    }
    if let Some(ws) = &s.weighted {
        page.table(&tables::weighted_parts(ws, w));
    }
}

fn trend(page: &mut Page, r: &AnnualReport, w: &Words) {
    let t = &r.trend;
    if t.waves.len() < 2 {
        return;
    }
    page.h(2, w.trend);
    page.table(&tables::trend_waves(t, w));
    page.h(3, w.item_trend);
    page.table(&tables::trend_items(t, w));
    if !t.choices.is_empty() {
        page.h(3, w.choice_trend);
        for c in &t.choices {
            page.table(&tables::trend_choice(t, c));
        }
    }
}
