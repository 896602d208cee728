//! Inline SVG charts. Coordinates are `f64` screen positions computed from the shown values;
//! no figure of the report goes through floating point.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Escapes text for HTML and SVG (element content and quoted attributes).
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A row or point index as a screen coordinate factor (charts have at most thousands).
fn idx(i: usize) -> f64 {
    f64::from(u32::try_from(i).unwrap_or(u32::MAX))
}

/// One point of a line chart: x label, value (exact), shown text.
pub(super) struct Point {
    pub(super) label: String,
    pub(super) value: Option<Decimal>,
    pub(super) shown: String,
}

/// A line chart of one series across waves; gaps break the line.
pub(super) fn line(title: &str, points: &[Point], color: &str) -> String {
    let (width, height) = (420.0, 220.0);
    let (left, right, top, bottom) = (40.0, 20.0, 36.0, 36.0);
    let values: Vec<f64> = points.iter().filter_map(|p| p.value.map(f)).collect();
    let (mut lo, mut hi) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
    if values.is_empty() {
        (lo, hi) = (0.0, 1.0);
    }
    let pad = ((hi - lo) * 0.25).max(0.05 * hi.abs().max(1.0));
    lo -= pad;
    hi += pad;
    let count = points.len().max(1);
    let x_of = |i: usize| {
        if count == 1 {
            (left + width - right) / 2.0
        } else {
            left + (width - left - right) * idx(i) / idx(count - 1)
        }
    };
    let y_of = |v: f64| top + (height - top - bottom) * (hi - v) / (hi - lo);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{t}"><title>{t}</title><text x="{left}" y="20" class="chart-title">{t}</text>"#,
        t = esc(title)
    );
    let _ = write!(
        s,
        r##"<line x1="{left}" y1="{b}" x2="{r}" y2="{b}" stroke="#999"/>"##,
        b = height - bottom,
        r = width - right
    );
    let mut path = String::new();
    let mut pen_down = false;
    for (i, p) in points.iter().enumerate() {
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="axis">{}</text>"#,
            x_of(i),
            height - bottom + 18.0,
            esc(&p.label)
        );
        match p.value {
            Some(v) => {
                let (px, py) = (x_of(i), y_of(f(v)));
                let _ = write!(path, "{}{px:.1},{py:.1} ", if pen_down { "L" } else { "M" });
                pen_down = true;
                let _ = write!(
                    s,
                    r#"<circle cx="{px:.1}" cy="{py:.1}" r="4" fill="{color}"/><text x="{px:.1}" y="{:.1}" text-anchor="middle" class="value">{}</text>"#,
                    py - 9.0,
                    esc(&p.shown)
                );
            }
            None => pen_down = false,
        }
    }
    if !path.is_empty() {
        let _ = write!(
            s,
            r#"<path d="{}" fill="none" stroke="{color}" stroke-width="2.5"/>"#,
            path.trim_end()
        );
    }
    s.push_str("</svg>");
    s
}

/// One bar: label, value, shown text, note after the value (e.g. last year's rank).
pub(super) struct Bar {
    pub(super) label: String,
    pub(super) value: Option<Decimal>,
    pub(super) shown: String,
    pub(super) note: String,
    pub(super) highlight: bool,
}

/// Horizontal bars from `lo` to `hi` (the axis need not start at 0; the caller says so).
pub(super) fn bars(title: &str, bars: &[Bar], lo: Decimal, hi: Decimal, note: &str) -> String {
    let (w, label_w, value_w, row) = (900.0, 300.0, 150.0, 24.0);
    let top = if note.is_empty() { 34.0 } else { 52.0 };
    let h = top + row * idx(bars.len()) + 28.0;
    let plot = w - label_w - value_w;
    let (lo_f, hi_f) = (f(lo), f(hi));
    let span = (hi_f - lo_f).max(f64::EPSILON);
    let xv = |v: f64| label_w + plot * ((v - lo_f) / span).clamp(0.0, 1.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}"><title>{t}</title><text x="0" y="20" class="chart-title">{t}</text>"#,
        t = esc(title)
    );
    if !note.is_empty() {
        let _ = write!(s, r#"<text x="0" y="40" class="note">{}</text>"#, esc(note));
    }
    for v in ticks(lo, hi) {
        let gx = xv(f(v));
        let _ = write!(
            s,
            r##"<line x1="{gx:.1}" y1="{top}" x2="{gx:.1}" y2="{:.1}" stroke="#e5e5e5"/><text x="{gx:.1}" y="{:.1}" text-anchor="middle" class="axis">{}</text>"##,
            h - 24.0,
            h - 8.0,
            v.normalize()
        );
    }
    for (i, b) in bars.iter().enumerate() {
        let yy = top + row * idx(i);
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" class="label">{}</text>"#,
            label_w - 8.0,
            yy + 16.0,
            esc(&b.label)
        );
        if let Some(v) = b.value {
            let end = xv(f(v));
            let color = if b.highlight { "#d9822b" } else { "#2b6cb0" };
            let _ = write!(
                s,
                r#"<rect x="{label_w}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{color}"/><text x="{:.1}" y="{:.1}" class="value">{} {}</text>"#,
                yy + 3.0,
                (end - label_w).max(1.0),
                row - 6.0,
                end + 6.0,
                yy + 16.0,
                esc(&b.shown),
                esc(&b.note)
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// Axis ticks from `lo` to `hi` at a round step (0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, ...
/// times a power of ten) giving at most ten intervals.
fn ticks(lo: Decimal, hi: Decimal) -> Vec<Decimal> {
    let span = hi - lo;
    if span <= Decimal::ZERO {
        return vec![lo];
    }
    let mut unit = Decimal::new(1, 2);
    let step = loop {
        let found = [1, 2, 5, 10, 20, 25, 50]
            .into_iter()
            .map(|m| unit * Decimal::from(m))
            .find(|step| span / step <= Decimal::TEN);
        if let Some(step) = found {
            break step;
        }
        unit *= Decimal::ONE_HUNDRED;
    };
    let mut v = (lo / step).ceil() * step;
    let mut out = Vec::new();
    while v <= hi {
        out.push(v);
        v += step;
    }
    out
}

/// One stacked row: label, parts (share in percent, shown text, colour), note at the end.
pub(super) struct Stack {
    pub(super) label: String,
    pub(super) parts: Vec<(Decimal, String, &'static str)>,
    pub(super) note: String,
}

/// Stacked 100% bars, one row per wave.
pub(super) fn stacked(title: &str, rows: &[Stack], legend: &[(&str, &'static str)]) -> String {
    let (w, label_w, note_w, row) = (900.0, 80.0, 120.0, 34.0);
    let top = 56.0;
    let h = top + row * idx(rows.len()) + 10.0;
    let plot = w - label_w - note_w;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}"><title>{t}</title><text x="0" y="20" class="chart-title">{t}</text>"#,
        t = esc(title)
    );
    let mut lx = label_w;
    for (name, color) in legend {
        let _ = write!(
            s,
            r#"<rect x="{lx}" y="30" width="12" height="12" fill="{color}"/><text x="{:.1}" y="41" class="axis">{}</text>"#,
            lx + 16.0,
            esc(name)
        );
        lx += 150.0;
    }
    for (i, r) in rows.iter().enumerate() {
        let yy = top + row * idx(i);
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" class="label">{}</text>"#,
            label_w - 8.0,
            yy + 20.0,
            esc(&r.label)
        );
        let mut x = label_w;
        for (share, shown, color) in &r.parts {
            let width = plot * f(*share) / 100.0;
            let _ = write!(
                s,
                r#"<rect x="{x:.1}" y="{:.1}" width="{width:.1}" height="{:.1}" fill="{color}"/>"#,
                yy + 4.0,
                row - 8.0
            );
            if width > 44.0 {
                let _ = write!(
                    s,
                    r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="inbar">{}</text>"#,
                    x + width / 2.0,
                    yy + 21.0,
                    esc(shown)
                );
            }
            x += width;
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" class="value">{}</text>"#,
            label_w + plot + 8.0,
            yy + 21.0,
            esc(&r.note)
        );
    }
    s.push_str("</svg>");
    s
}

/// A background colour for a heat-table cell: light to dark blue between `lo` and `hi`.
pub(super) fn heat(v: Decimal, lo: Decimal, hi: Decimal) -> String {
    let t = if hi > lo {
        f((v - lo) / (hi - lo))
    } else {
        1.0
    }
    .clamp(0.0, 1.0);
    let mix = |a: f64, b: f64| {
        let v = (a + (b - a) * t).round().clamp(0.0, 255.0) as i64;
        u8::try_from(v).unwrap_or(u8::MAX)
    };
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(235.0, 43.0),
        mix(244.0, 108.0),
        mix(255.0, 176.0)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn ticks_are_round() {
        assert_eq!(
            ticks(dec!(4.3), dec!(4.9)),
            [
                dec!(4.3),
                dec!(4.4),
                dec!(4.5),
                dec!(4.6),
                dec!(4.7),
                dec!(4.8),
                dec!(4.9)
            ]
        );
        assert_eq!(ticks(dec!(0), dec!(100)).len(), 11);
        assert_eq!(ticks(dec!(3.8), dec!(5.1))[0], dec!(3.8));
        assert_eq!(ticks(dec!(1), dec!(1)), [dec!(1)]);
    }

    #[test]
    fn text_is_escaped_and_heat_spans_light_to_dark() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(heat(dec!(1), dec!(1), dec!(2)), "#ebf4ff");
        assert_eq!(heat(dec!(2), dec!(1), dec!(2)), "#2b6cb0");
    }
}
