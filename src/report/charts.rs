//! Charts as inline SVG, drawn from numbers alone (no fonts or scripts fetched). Colours are the
//! Okabe-Ito palette, safe for colour-blind readers, and every series also has its own marker
//! and a label at its end, so no chart relies on colour.

use super::document::escape;

/// Okabe-Ito colours, black first.
const COLOURS: [&str; 8] = [
    "#000000", "#E69F00", "#0072B2", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8a7a00",
];
const DASHES: [&str; 4] = ["", "6 3", "2 2", "8 3 2 3"];

/// One line of a line chart.
#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    pub values: Vec<f64>,
}

fn number(value: f64) -> String {
    format!("{value:.1}")
}

fn marker(index: usize, x: f64, y: f64, colour: &str) -> String {
    match index % 4 {
        0 => format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"2.6\" fill=\"{colour}\"/>",
            number(x),
            number(y)
        ),
        1 => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"5\" height=\"5\" fill=\"{colour}\"/>",
            number(x - 2.5),
            number(y - 2.5)
        ),
        2 => format!(
            "<path d=\"M{} {} l3 5 h-6 z\" fill=\"{colour}\"/>",
            number(x),
            number(y - 3.0)
        ),
        _ => format!(
            "<path d=\"M{} {} l3 3 l-3 3 l-3 -3 z\" fill=\"{colour}\"/>",
            number(x),
            number(y - 3.0)
        ),
    }
}

/// A line chart over turns: `x_labels` under the axis, a y axis from `y_min` to `y_max`, and
/// vertical marks (turn index from 0, label) for flashpoints and other moments.
pub fn line_chart(
    x_labels: &[String],
    series: &[Series],
    y_min: f64,
    y_max: f64,
    marks: &[(usize, String)],
) -> String {
    let (width, height) = (680.0, 250.0);
    let (left, right, top, bottom) = (40.0, 170.0, 12.0, 34.0);
    let plot_w = width - left - right;
    let plot_h = height - top - bottom;
    let n = x_labels.len().max(2);
    let span = (y_max - y_min).max(1e-9);
    let x = |i: usize| left + plot_w * i as f64 / (n - 1) as f64;
    let y = |v: f64| top + plot_h * (1.0 - ((v - y_min) / span).clamp(0.0, 1.0));
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"10\">"
    );
    for step in 0..=4 {
        let value = y_min + span * f64::from(step) / 4.0;
        let yy = y(value);
        out.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\">{value:.0}</text>",
            number(yy),
            number(left + plot_w),
            number(yy),
            number(left - 4.0),
            number(yy + 3.5),
        ));
    }
    let every = x_labels.len().div_ceil(8).max(1);
    for (i, label) in x_labels.iter().enumerate() {
        let last = i + 1 == x_labels.len();
        if last || (i % every == 0 && x_labels.len() - 1 - i >= every) {
            out.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\">{}</text>",
                number(x(i)),
                number(top + plot_h + 14.0),
                escape(label)
            ));
        }
    }
    for (i, label) in marks {
        let xx = x(*i);
        out.push_str(&format!(
            "<line x1=\"{0}\" y1=\"{top}\" x2=\"{0}\" y2=\"{1}\" stroke=\"#D55E00\" stroke-dasharray=\"3 3\"/><text x=\"{0}\" y=\"{2}\" text-anchor=\"middle\" fill=\"#D55E00\" font-size=\"9\">{3}</text>",
            number(xx),
            number(top + plot_h),
            number(top + plot_h + 26.0),
            escape(label)
        ));
    }
    // End labels, pushed apart so they do not overlap.
    let mut ends: Vec<(f64, usize)> = series
        .iter()
        .enumerate()
        .filter_map(|(index, s)| s.values.last().map(|v| (y(*v), index)))
        .collect();
    ends.sort_by(|a, b| a.0.total_cmp(&b.0));
    for i in 1..ends.len() {
        if ends[i].0 < ends[i - 1].0 + 11.0 {
            ends[i].0 = ends[i - 1].0 + 11.0;
        }
    }
    for (index, s) in series.iter().enumerate() {
        let colour = COLOURS[index % COLOURS.len()];
        let dash = DASHES[index % DASHES.len()];
        let points: Vec<String> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{},{}", number(x(i)), number(y(*v))))
            .collect();
        out.push_str(&format!(
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.8\" stroke-dasharray=\"{dash}\" points=\"{}\"/>",
            points.join(" ")
        ));
        for (i, v) in s.values.iter().enumerate() {
            out.push_str(&marker(index, x(i), y(*v), colour));
        }
        if let (Some(last), Some((label_y, _))) = (
            s.values.len().checked_sub(1),
            ends.iter().find(|(_, owner)| *owner == index),
        ) {
            out.push_str(&format!(
                "{}<text x=\"{}\" y=\"{}\" fill=\"{colour}\">{}</text>",
                marker(index, x(last) + 10.0, *label_y, colour),
                number(x(last) + 16.0),
                number(label_y + 3.5),
                escape(&clip(24, &s.label))
            ));
        }
    }
    out.push_str("</svg>");
    out
}

/// One bar of a bar chart: a value, an optional interval, and which colour/marker it takes.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub interval: Option<(f64, f64)>,
    pub style: usize,
    /// Printed after the bar: "23.4% [19.9-27.3]".
    pub note: String,
}

/// Horizontal bars from `min` to `max` (a zero line when the range crosses zero), with 95%
/// intervals as whiskers; rows are grouped under headings (a group with an empty heading has
/// none). Serves ending probabilities, the tornado of a sweep and the hypothesis ranking.
pub fn bar_chart(groups: &[(String, Vec<Bar>)], min: f64, max: f64, axis_label: &str) -> String {
    let width = 680.0;
    let (left, right) = (190.0, 150.0);
    let plot_w = width - left - right;
    let row_h = 15.0;
    let rows: usize = groups
        .iter()
        .map(|(heading, bars)| bars.len() + usize::from(!heading.is_empty()))
        .sum();
    let top = 6.0;
    let height = top + row_h * rows as f64 + 30.0;
    let span = (max - min).max(1e-12);
    let x = |v: f64| left + plot_w * ((v - min) / span).clamp(0.0, 1.0);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {}\" role=\"img\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"10\">",
        number(height)
    );
    let bottom = top + row_h * rows as f64;
    for step in 0..=4 {
        let value = min + span * f64::from(step) / 4.0;
        let xx = x(value);
        out.push_str(&format!(
            "<line x1=\"{0}\" y1=\"{top}\" x2=\"{0}\" y2=\"{1}\" stroke=\"#e3e3e3\"/><text x=\"{0}\" y=\"{2}\" text-anchor=\"middle\" fill=\"#555\">{3}</text>",
            number(xx),
            number(bottom),
            number(bottom + 12.0),
            escape(&format_axis(value, span))
        ));
    }
    if min < 0.0 && max > 0.0 {
        out.push_str(&format!(
            "<line x1=\"{0}\" y1=\"{top}\" x2=\"{0}\" y2=\"{1}\" stroke=\"#333\"/>",
            number(x(0.0)),
            number(bottom)
        ));
    }
    out.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333\">{}</text>",
        number(left + plot_w / 2.0),
        number(bottom + 25.0),
        escape(axis_label)
    ));
    let mut row = 0usize;
    let origin = x(min.max(0.0).min(max));
    for (heading, bars) in groups {
        if !heading.is_empty() {
            let yy = top + row_h * row as f64 + 11.0;
            out.push_str(&format!(
                "<text x=\"4\" y=\"{}\" font-weight=\"bold\" fill=\"#111\">{}</text>",
                number(yy),
                escape(heading)
            ));
            row += 1;
        }
        for bar in bars {
            let y0 = top + row_h * row as f64;
            let colour = COLOURS[(bar.style + 2) % COLOURS.len()];
            let (a, b) = (origin.min(x(bar.value)), origin.max(x(bar.value)));
            out.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#222\">{}</text>",
                number(left - 6.0),
                number(y0 + 11.0),
                escape(&bar.label)
            ));
            out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"{colour}\" fill-opacity=\"0.75\"/>",
                number(a),
                number(y0 + 2.5),
                number((b - a).max(0.8))
            ));
            if let Some((low, high)) = bar.interval {
                let (l, h) = (x(low), x(high));
                let mid = y0 + 7.5;
                out.push_str(&format!(
                    "<path d=\"M{0} {1} H{2} M{0} {3} V{4} M{2} {3} V{4}\" stroke=\"#111\" stroke-width=\"1.2\" fill=\"none\"/>",
                    number(l),
                    number(mid),
                    number(h),
                    number(mid - 3.5),
                    number(mid + 3.5)
                ));
            }
            out.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" fill=\"#333\">{}</text>",
                number(left + plot_w + 6.0),
                number(y0 + 11.0),
                escape(&bar.note)
            ));
            row += 1;
        }
    }
    out.push_str("</svg>");
    out
}

fn format_axis(value: f64, span: f64) -> String {
    if span <= 2.0 {
        format!("{:.0}%", value * 100.0)
    } else {
        format!("{value:.0}")
    }
}

/// At most `limit` characters, with an ellipsis when cut.
pub(crate) fn clip(limit: usize, text: &str) -> String {
    if text.chars().count() > limit {
        format!("{}…", text.chars().take(limit - 1).collect::<String>())
    } else {
        text.to_owned()
    }
}
