//! Integer geometry of the eight-domain radar chart, so the app draws it
//! with plain SVG and no float formatting: axis `k` of 8 points from the
//! centre at `k × 45°` clockwise from the top (① at the top, ③ to the
//! right), and a score 0–100 lies that fraction of the radius out.

/// Unit vectors of the eight axes, scaled by 1000 (√½ ≈ 0.707).
const UNIT: [(i32, i32); 8] =
    [(0, -1000), (707, -707), (1000, 0), (707, 707), (0, 1000), (-707, 707), (-1000, 0), (-707, -707)];

/// `n / d` rounded half away from zero.
fn div_round(n: i32, d: i32) -> i32 {
    if n >= 0 {
        (n + d / 2) / d
    } else {
        (n - d / 2) / d
    }
}

/// The point of `value` (0–100, larger values count as 100) on axis `axis`
/// (0 = ①) of a chart of radius `radius` centred on (0, 0), SVG
/// coordinates (y grows downwards). Axes past the eighth wrap around.
pub fn point(axis: usize, radius: i32, value: u8) -> (i32, i32) {
    let (ux, uy) = UNIT[axis % UNIT.len()];
    let v = i32::from(value.min(100));
    (div_round(ux * radius * v, 100_000), div_round(uy * radius * v, 100_000))
}

/// The `points` attribute of a polygon through one score per axis; an axis
/// without a score (nothing rated) is drawn at the centre.
pub fn polygon_points(scores: &[Option<u8>], radius: i32) -> String {
    scores
        .iter()
        .enumerate()
        .map(|(axis, score)| {
            let (x, y) = point(axis, radius, score.unwrap_or(0));
            format!("{x},{y}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where the label of axis `axis` goes (just outside `radius`) and its
/// `text-anchor`: labels on the right start at the point, on the left end
/// there, on the vertical axis are centred.
pub fn label_position(axis: usize, radius: i32) -> (i32, i32, &'static str) {
    let (ux, _) = UNIT[axis % UNIT.len()];
    let (x, y) = point(axis, radius, 100);
    let anchor = match ux {
        0 => "middle",
        u if u > 0 => "start",
        _ => "end",
    };
    (x, y, anchor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_on_each_axis() {
        let cases = [
            ((0, 100, 100), (0, -100)),
            ((2, 100, 100), (100, 0)),
            ((4, 100, 50), (0, 50)),
            ((6, 100, 100), (-100, 0)),
            ((1, 100, 100), (71, -71)),
            ((3, 120, 67), (57, 57)), // 0.707·120·0.67 = 56.8
            ((5, 120, 33), (-28, 28)),
            ((7, 120, 0), (0, 0)),
            ((0, 100, 255), (0, -100)),
            ((8, 100, 100), (0, -100)),
        ];
        for ((axis, radius, value), expected) in cases {
            assert_eq!(point(axis, radius, value), expected, "axis {axis} value {value}");
        }
    }

    #[test]
    fn polygon_goes_round_the_axes_with_unrated_at_the_centre() {
        let scores = [Some(100), None, Some(50), Some(0), Some(100), None, Some(100), Some(100)];
        assert_eq!(polygon_points(&scores, 100), "0,-100 0,0 50,0 0,0 0,100 0,0 -100,0 -71,-71");
    }

    #[test]
    fn labels_anchor_away_from_the_centre() {
        let anchors: Vec<&str> = (0..8).map(|a| label_position(a, 100).2).collect();
        assert_eq!(anchors, ["middle", "start", "start", "start", "middle", "end", "end", "end"]);
        assert_eq!(label_position(2, 130), (130, 0, "start"));
    }
}
