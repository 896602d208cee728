//! Markdown, for terminals and wikis.

use std::fmt::Write as _;

use super::phrases::{basis, listed, opt, pct, record, title};
use super::tables::{self, Table};
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

    fn table(&mut self, t: &Table) {
        let h: Vec<String> = t.head.iter().map(|h| cell(h)).collect();
        self.line(format!("| {} |", h.join(" | ")));
        self.line(format!("|{}", "---|".repeat(h.len())));
        for r in &t.rows {
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
    md.line(format!("## {}", w.survey));
    md.blank();
    md.table(&tables::survey(r, w));

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
    let attributes = tables::sample_attributes(r, w);
    if !attributes.rows.is_empty() {
        md.table(&attributes);
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
    md.line(format!("## {}", w.items));
    md.blank();
    let prev = t.previous_wave.as_deref();
    md.table(&tables::items(r, w));
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
    md.table(&tables::nps_current(n, w));
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
        md.table(&tables::nps_history(n, w));
    }
}

fn callbacks(md: &mut Md, r: &AnnualReport, w: &Words) {
    let c = &r.callbacks;
    md.line(format!("## {}", w.callbacks));
    md.blank();
    if c.question.is_some() {
        md.line(format!(
            "### {} ({})",
            w.detractor_list,
            listed(c.detractors.len(), c.detractor_total, w)
        ));
        md.blank();
        md.table(&tables::detractors(r, w));
    }
    md.line(format!("### {}", w.low_scorers));
    md.blank();
    md.table(&tables::low_scorers(r, w));
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
        md.table(&tables::segment(t, w));
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
        md.table(&tables::choice(c, w));
    }
}

fn comments(md: &mut Md, r: &AnnualReport, w: &Words, texts: bool) {
    let c = &r.comments;
    if c.questions.is_empty() {
        return;
    }
    md.line(format!("## {}", w.comments));
    md.blank();
    md.table(&tables::comment_questions(r, w));
    md.table(&tables::themes(r, w));
    if !texts {
        return;
    }
    for t in c.themes.iter().filter(|t| t.count > 0) {
        md.line(format!("### {} ({})", tables::theme_label(t, w), t.count));
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
    md.table(&tables::satisfaction(r, w));
    if !s.kpis.is_empty() {
        md.table(&tables::kpis(r, w));
    }
    if let Some(ws) = &s.weighted {
        md.table(&tables::weighted_parts(ws, w));
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
    md.table(&tables::trend_waves(t, w));
    md.line(format!("### {}", w.item_trend));
    md.blank();
    md.table(&tables::trend_items(t, w));
    if !t.choices.is_empty() {
        md.line(format!("### {}", w.choice_trend));
        md.blank();
        for c in &t.choices {
            md.table(&tables::trend_choice(t, c));
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
