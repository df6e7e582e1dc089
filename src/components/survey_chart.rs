//! A paired horizontal bar chart drawn as plain SVG: for each row (an
//! answer of a survey) one bar per series (two sides' counts), followed by
//! a table with the same numbers, which is what screen readers use (the
//! drawing is one image named by its caption).
//!
//! The two series differ in more than colour: the first is solid, the
//! second hatched and outlined, and every bar has its series' name beside
//! it and its count at its end, so the chart reads in greyscale and for
//! people who do not tell the colours apart.
//!
//! The answer's name stands above its bars rather than beside them: beside
//! them it would leave the bars a third of a phone's width. The drawing is
//! 340 units wide, about its size in CSS pixels on a 412 px phone, so text
//! of 15 units is 15 px there; the stylesheet caps its width on a tablet so
//! the text does not grow past ~19 px.

use leptos::prelude::*;

/// The drawing's width and the columns within it.
const WIDTH: i32 = 340;
/// The series' names beside the bars.
const SIDE: i32 = 62;
/// Room after the longest bar for its count.
const COUNT: i32 = 36;
const LONGEST: i32 = WIDTH - SIDE - COUNT;
const LABEL_H: i32 = 24;
const BAR_H: i32 = 22;
const BAR_GAP: i32 = 4;
const GROUP_GAP: i32 = 14;
const GROUP_H: i32 = LABEL_H + 2 * BAR_H + BAR_GAP + GROUP_GAP;

/// One row of the chart and of its table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartRow {
    pub label: String,
    /// One count per series.
    pub values: [usize; 2],
}

/// A series' names: `name` heads the table's column and the legend,
/// `short` stands beside each of its bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Series {
    pub name: &'static str,
    pub short: &'static str,
}

/// A bar's length for `count` when the largest count is `max`: the largest
/// takes the whole width, the others their share, rounded.
fn bar_length(count: usize, max: usize) -> i32 {
    if max == 0 {
        return 0;
    }
    ((count * LONGEST as usize + max / 2) / max) as i32
}

/// `id` names the figure; the caption, the hatch pattern and the table get
/// ids derived from it, so two charts on one page do not share them.
#[component]
pub fn SurveyChart(
    id: &'static str,
    caption: &'static str,
    table_caption: &'static str,
    /// The head of the table's first column (what a row is).
    row_head: &'static str,
    series: [Series; 2],
    rows: Vec<ChartRow>,
) -> impl IntoView {
    let caption_id = format!("{id}-caption");
    let hatch_id = format!("{id}-hatch");
    let hatch_fill = format!("url(#{hatch_id})");
    let max = rows.iter().flat_map(|r| r.values).max().unwrap_or(0);
    let height = rows.len() as i32 * GROUP_H - GROUP_GAP;
    let groups = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let top = i as i32 * GROUP_H;
            let bars = (0..2)
                .map(|s| {
                    let y = top + LABEL_H + s as i32 * (BAR_H + BAR_GAP);
                    let count = row.values[s];
                    let length = bar_length(count, max);
                    let (class, fill) = if s == 0 { ("survey-bar first", None) } else { ("survey-bar second", Some(hatch_fill.clone())) };
                    let middle = (y + BAR_H / 2).to_string();
                    view! {
                        <text class="survey-side" x=(SIDE - 8).to_string() y=middle.clone() text-anchor="end" dominant-baseline="central">
                            {series[s].short}
                        </text>
                        <rect
                            class=class
                            x=SIDE.to_string()
                            y=y.to_string()
                            width=length.to_string()
                            height=BAR_H.to_string()
                            fill=fill
                            data-value=count.to_string()
                        />
                        <text class="survey-count" x=(SIDE + length + 6).to_string() y=middle dominant-baseline="central">
                            {count.to_string()}
                        </text>
                    }
                })
                .collect_view();
            // The bars' baseline stops short of the answer's name above them.
            let (axis_top, axis_bottom) = (top + LABEL_H - 3, top + LABEL_H + 2 * BAR_H + BAR_GAP + 3);
            view! {
                <g class="survey-group">
                    <line
                        class="survey-axis"
                        x1=SIDE.to_string()
                        y1=axis_top.to_string()
                        x2=SIDE.to_string()
                        y2=axis_bottom.to_string()
                    />
                    <text class="survey-label" x="0" y=(top + LABEL_H - 7).to_string()>
                        {row.label.clone()}
                    </text>
                    {bars}
                </g>
            }
        })
        .collect_view();
    let table_rows = rows
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row">{row.label}</th>
                    <td class="num">{row.values[0]}</td>
                    <td class="num">{row.values[1]}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="survey">
            <figure class="survey-chart" id=id>
                <svg
                    viewBox=format!("0 0 {WIDTH} {height}")
                    role="img"
                    aria-labelledby=caption_id.clone()
                >
                    <defs>
                        <pattern id=hatch_id width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                            <rect class="survey-hatch-bg" width="6" height="6" />
                            <line class="survey-hatch-line" x1="0" y1="0" x2="0" y2="6" />
                        </pattern>
                    </defs>
                    {groups}
                </svg>
                // The table names the series too; this is for the eye.
                <p class="survey-legend" aria-hidden="true">
                    <span class="legend-item">
                        <span class="survey-swatch first"></span>
                        {series[0].name}
                    </span>
                    <span class="legend-item">
                        <span class="survey-swatch second"></span>
                        {series[1].name}
                    </span>
                </p>
                <figcaption id=caption_id>{caption}</figcaption>
            </figure>
            <div class="table-scroll">
                <table class="data-table survey-table" id=format!("{id}-table")>
                    <caption>{table_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{row_head}</th>
                            <th scope="col" class="num">{series[0].name}</th>
                            <th scope="col" class="num">{series[1].name}</th>
                        </tr>
                    </thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{bar_length, LONGEST};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_largest_count_takes_the_whole_width_and_the_others_their_share() {
        assert_eq!(bar_length(3, 3), LONGEST);
        assert_eq!(bar_length(0, 3), 0);
        assert_eq!(bar_length(1, 3), (LONGEST + 1) / 3);
        assert_eq!(bar_length(2, 3), (2 * LONGEST + 1) / 3);
        // Nothing counted yet: no bars rather than a division by zero.
        assert_eq!(bar_length(0, 0), 0);
    }
}
