//! Phrases shared by the Markdown and HTML renderings.

use csat_scoring::Kpi;

use crate::language::Words;
use crate::options::NpsBasis;
use crate::record::{RecordKind, RecordNote};
use crate::stat::Stat;
use crate::survey::SurveySection;

pub(super) fn period(s: &SurveySection, w: &Words) -> String {
    format!(
        "{} {} {} ({} {})",
        s.period_start, w.to, s.period_end, s.working_days, w.working_days
    )
}

pub(super) fn record(r: &RecordNote, w: &Words) -> String {
    let (what, before) = match r.kind {
        RecordKind::High => (w.record_high, w.previous_best),
        _ => (w.record_low, w.previous_worst),
    };
    format!(
        "{what} ({before}: {} {})",
        r.previous_wave,
        r.previous_value.text()
    )
}

pub(super) fn basis(b: NpsBasis, w: &Words) -> &'static str {
    match b {
        NpsBasis::Returned => w.basis_returned,
        _ => w.basis_answered,
    }
}

pub(super) fn kpi(k: Kpi, w: &Words) -> &'static str {
    match k {
        Kpi::OverallSatisfaction => w.kpi_overall_satisfaction,
        Kpi::SatisfactionRate => w.kpi_satisfaction_rate,
        Kpi::Nps => "NPS",
        _ => w.kpi_overall_average,
    }
}

pub(super) fn met(m: Option<bool>, w: &Words) -> &'static str {
    match m {
        Some(true) => w.yes,
        Some(false) => w.no,
        None => w.no_data,
    }
}

/// A percentage with its sign, or the no-data dash.
pub(super) fn pct(s: &Stat) -> String {
    match &s.shown {
        Some(v) => format!("{v}%"),
        None => "–".to_owned(),
    }
}

/// A rank move as an arrow: ↑4, ↓7, =.
pub(super) fn rank_move(m: Option<i64>, w: &Words) -> String {
    match m {
        None => w.new_item.to_owned(),
        Some(0) => "=".to_owned(),
        Some(x) if x > 0 => format!("↑{x}"),
        Some(x) => format!("↓{}", x.unsigned_abs()),
    }
}

pub(super) fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| v.to_string())
}

/// "6 of 6 listed" / "共 6 人，列出 6 人".
pub(super) fn listed(shown: usize, total: u64, w: &Words) -> String {
    if w.english {
        format!("{shown} of {total} listed")
    } else {
        format!("共 {total} 人，列出 {shown} 人")
    }
}

/// The report title: the survey title, the wave unless the title already names it, and the
/// report's name.
pub(super) fn title(s: &SurveySection, w: &Words) -> String {
    if s.title.contains(&s.wave) {
        format!("{} · {}", s.title, w.report)
    } else {
        format!("{} · {} · {}", s.title, s.wave, w.report)
    }
}

/// The legend of a heat table.
pub(super) fn small_segments_note(min_base: u64, w: &Words) -> String {
    if w.english {
        format!("★ best; grey: fewer than {min_base} respondents, not ranked")
    } else {
        format!("★ 得分最高；灰色：样本少于 {min_base} 人，不参与排名")
    }
}
