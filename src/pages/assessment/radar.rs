//! The radar chart of the eight domains' support-need scores, drawn as plain
//! SVG with integer coordinates (`renkei_domain::assessment::chart`): grid
//! rings at 25/50/75/100, one axis per domain, the earlier assessment dashed
//! and the latest filled. The same numbers are in the table beside it, which
//! is what screen readers use.
//!
//! Two drawings of the same chart, one shown at a time by the stylesheet
//! (`.radar-wide`, `.radar-compact`): from 600 px wide each axis is labelled
//! ① to ⑧ with its name (on two lines when long); on a phone the names
//! beside the chart would shrink to about 8 px, so there the axes carry only
//! their markers, large, and the names are listed under the chart.

use crate::i18n::Texts;
use leptos::prelude::*;
use renkei_domain::assessment::chart::{label_position, point, polygon_points};

/// Chart radius in SVG units; labels sit just outside.
const R: i32 = 120;
const LABEL_R: i32 = 134;
/// The phone drawing: markers (font 18 units, centred on the point) just
/// outside the same chart, in a viewBox that leaves little else, so at
/// 360 px a marker is about 18 px and the chart about 235 px across.
const MARKER_R: i32 = 134;
const COMPACT_VIEW: &str = "-148 -148 296 296";

/// One axis: its label and the scores of the earlier and later assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub label: String,
    pub before: Option<u8>,
    pub after: Option<u8>,
}

/// Line height of a two-line label, in SVG units (the font is 15 px).
const LINE: i32 = 17;

/// A label beside the chart has about 14 characters of room. A longer one
/// (in English: 「③ Income and spending」) is split at the space after its
/// marker that makes the longer line shortest; a Japanese name has no space
/// and stays on one line.
fn label_lines(label: &str) -> Vec<String> {
    let chars = label.chars().count();
    if chars <= 14 {
        return vec![label.to_owned()];
    }
    let marker_end = label.find(' ').map_or(0, |i| i + 1);
    let split = label[marker_end..]
        .match_indices(' ')
        .map(|(i, _)| marker_end + i)
        .min_by_key(|&i| label[..i].chars().count().max(label[i + 1..].chars().count()));
    match split {
        Some(i) => vec![label[..i].to_owned(), label[i + 1..].to_owned()],
        None => vec![label.to_owned()],
    }
}

/// The marker of a label 「① 健康・食生活」: the part before the first space.
fn marker(label: &str) -> &str {
    label.split_once(' ').map_or(label, |(m, _)| m)
}

fn scores_attr(scores: &[Option<u8>]) -> String {
    scores.iter().map(|s| s.map_or_else(|| "-".to_owned(), |v| v.to_string())).collect::<Vec<_>>().join(",")
}

/// `before_date` is empty when there is no earlier assessment; then only
/// the latest polygon is drawn.
#[component]
pub fn Radar(t: &'static Texts, axes: Vec<Axis>, before_date: String, after_date: String) -> impl IntoView {
    let n = axes.len();
    let before: Vec<Option<u8>> = axes.iter().map(|a| a.before).collect();
    let after: Vec<Option<u8>> = axes.iter().map(|a| a.after).collect();
    let grid = move || {
        let rings = [25u8, 50, 75, 100]
            .into_iter()
            .map(|v| {
                let points = polygon_points(&vec![Some(v); n], R);
                view! { <polygon class="radar-ring" points=points /> }
            })
            .collect_view();
        let spokes = (0..n)
            .map(|k| {
                let (x, y) = point(k, R, 100);
                view! { <line class="radar-axis" x1="0" y1="0" x2=x.to_string() y2=y.to_string() /> }
            })
            .collect_view();
        view! { <g aria-hidden="true">{rings} {spokes}</g> }
    };
    let labels = axes
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let (x, y, anchor) = label_position(k, LABEL_R);
            // Beside the chart a long label takes two lines, centred on the axis.
            let lines = if anchor == "middle" { vec![a.label.clone()] } else { label_lines(&a.label) };
            // Labels above and below the chart sit clear of the axis end.
            let y = match y {
                y if y < -R => y - 4,
                y if y > R => y + 14,
                y if lines.len() > 1 => y + 5 - LINE / 2,
                y => y + 5,
            };
            let tspans = lines
                .into_iter()
                .enumerate()
                .map(|(i, line)| {
                    let dy = if i == 0 { 0 } else { LINE };
                    view! {
                        <tspan x=x.to_string() dy=dy.to_string()>
                            {line}
                        </tspan>
                    }
                })
                .collect_view();
            view! {
                <text class="radar-label" x=x.to_string() y=y.to_string() text-anchor=anchor>
                    {tspans}
                </text>
            }
        })
        .collect_view();
    let markers = axes
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let (x, y) = point(k, MARKER_R, 100);
            view! {
                <text class="radar-marker" x=x.to_string() y=y.to_string() text-anchor="middle" dominant-baseline="central">
                    {marker(&a.label).to_owned()}
                </text>
            }
        })
        .collect_view();
    let key = axes.iter().map(|a| view! { <li>{a.label.clone()}</li> }).collect_view();
    let has_before = !before_date.is_empty();
    let label = (t.assessment().chart_label)(&after_date, &before_date);
    let polygons = move || {
        let before_polygon = has_before.then(|| {
            view! {
                <polygon class="radar-before" points=polygon_points(&before, R) data-scores=scores_attr(&before) />
            }
        });
        view! {
            {before_polygon}
            <polygon class="radar-after" points=polygon_points(&after, R) data-scores=scores_attr(&after) />
        }
    };
    let legend_before = has_before.then(|| {
        view! {
            <span class="legend-item">
                <span class="swatch before" aria-hidden="true"></span>
                {format!("{}（{}）", t.assessment().col_before, before_date)}
            </span>
        }
    });
    view! {
        <figure class="radar">
            <svg id="radar" class="radar-wide" viewBox="-260 -160 520 320" role="img" aria-label=label.clone()>
                {grid()}
                {polygons()}
                <g>{labels}</g>
            </svg>
            <svg id="radar-compact" class="radar-compact" viewBox=COMPACT_VIEW role="img" aria-label=label>
                {grid()}
                {polygons()}
                <g>{markers}</g>
            </svg>
            // The names of the markers, for the eye; the table says the same.
            <ul class="radar-key" aria-hidden="true">
                {key}
            </ul>
            <figcaption class="radar-legend">
                {legend_before}
                <span class="legend-item">
                    <span class="swatch after" aria-hidden="true"></span>
                    {format!("{}（{}）", t.assessment().col_after, after_date)}
                </span>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::{label_lines, marker};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_long_label_takes_two_even_lines_and_a_japanese_one_stays_whole() {
        assert_eq!(label_lines("⑦ Transport and mobility"), ["⑦ Transport", "and mobility"]);
        assert_eq!(label_lines("④ Work and employment"), ["④ Work and", "employment"]);
        assert_eq!(label_lines("⑧ Community"), ["⑧ Community"]);
        assert_eq!(label_lines("⑥ Communication"), ["⑥ Communication"]);
        assert_eq!(label_lines("⑤ 育つ・育てる・学ぶ"), ["⑤ 育つ・育てる・学ぶ"]);
    }

    #[wasm_bindgen_test]
    fn the_phone_drawing_labels_an_axis_with_its_marker() {
        assert_eq!(marker("① 健康・食生活"), "①");
        assert_eq!(marker("⑦ Transport and mobility"), "⑦");
        assert_eq!(marker("⑧"), "⑧");
    }
}
