//! A field's downloads chart: one horizontal bar per library with a count, drawn as SVG
//! at build time.
//!
//! The SVG carries no colours of its own: its parts have classes that the site's styles
//! colour for each theme, and no `style` attributes, so the strict CSP holds. The scale
//! is logarithmic when the largest count is more than [`LOG_SPREAD`] times the smallest,
//! so that a library with a hundredth of its neighbour's downloads is still a bar. The
//! page names the source and its date in the figure's caption, and gives the same figures
//! as a table.
//!
//! (Two chart crates were weighed: poloto styles with classes but has no logarithmic
//! axis; charts-rs has no logarithmic axis and writes fixed colours into every shape.)

use std::fmt::Write;

use crate::figures::compact;

/// Above this ratio of largest to smallest count, the scale is logarithmic.
pub const LOG_SPREAD: f64 = 20.0;

/// The chart's width in SVG units; it scales to the page's width.
const WIDTH: f64 = 640.0;
/// One bar's row.
const ROW: f64 = 26.0;
/// The bar's height within its row.
const BAR: f64 = 16.0;
/// Space above the first row, for the scale's labels.
const TOP: f64 = 22.0;
/// Space for the value after the longest bar.
const VALUE: f64 = 52.0;

/// The chart of `bars` (name, count), largest first, followed by its figures as a table
/// in a `<details>`, or an empty string when fewer than two libraries have counts. `id` makes the title's id unique on the page.
pub fn downloads(id: &str, title: &str, bars: &[(&str, u64)]) -> String {
    let mut bars: Vec<(&str, u64)> = bars.iter().copied().filter(|(_, n)| *n > 0).collect();
    if bars.len() < 2 {
        return String::new();
    }
    bars.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let max = bars[0].1 as f64;
    let min = bars[bars.len() - 1].1 as f64;
    let log = max / min > LOG_SPREAD;

    // Names are set in the site's sans-serif at 13 units: about 7.4 units a character.
    let longest = bars
        .iter()
        .map(|(name, _)| name.chars().count())
        .max()
        .unwrap_or(0);
    let label = (longest as f64 * 7.4 + 12.0).clamp(80.0, 220.0);
    let plot = WIDTH - label - VALUE;
    let height = TOP + ROW * bars.len() as f64 + 4.0;

    // The scale: powers of ten on a log scale, round steps on a linear one.
    let (low, high, ticks): (f64, f64, Vec<f64>) = if log {
        let low = min.log10().floor();
        let high = max.log10().ceil();
        let ticks = (low as i32..=high as i32).map(|p| 10f64.powi(p)).collect();
        (low, high, ticks)
    } else {
        let step = nice_step(max / 4.0);
        let high = (max / step).ceil() * step;
        let ticks = (0..=(high / step) as u32)
            .map(|i| f64::from(i) * step)
            .collect();
        (0.0, high, ticks)
    };
    let x = |n: f64| -> f64 {
        let fraction = if log {
            (n.max(1.0).log10() - low) / (high - low)
        } else {
            n / high
        };
        label + plot * fraction.clamp(0.0, 1.0)
    };

    let mut svg = String::new();
    let scale = if log { "log" } else { "linear" };
    let _ = write!(
        svg,
        r#"<svg class="downloads-chart" data-scale="{scale}" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{id}-title" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title>"#,
        escape(title)
    );
    for tick in &ticks {
        let tx = x(*tick);
        let _ = write!(
            svg,
            r#"<line class="chart-grid" x1="{tx:.1}" x2="{tx:.1}" y1="{}" y2="{height:.1}"/><text class="chart-tick" x="{tx:.1}" y="{}" text-anchor="middle">{}</text>"#,
            TOP - 6.0,
            TOP - 10.0,
            compact(*tick as u64)
        );
    }
    for (i, (name, count)) in bars.iter().enumerate() {
        let y = TOP + ROW * i as f64 + (ROW - BAR) / 2.0;
        let start = x(if log { 10f64.powf(low) } else { 0.0 });
        let end = x(*count as f64).max(start + 2.0);
        let middle = y + BAR / 2.0 + 4.5;
        let _ = write!(
            svg,
            r#"<text class="chart-label" x="{:.1}" y="{middle:.1}" text-anchor="end">{}</text><rect class="chart-bar" x="{start:.1}" y="{y:.1}" width="{:.1}" height="{BAR}" rx="3"/><text class="chart-value" x="{:.1}" y="{middle:.1}">{}</text>"#,
            label - 8.0,
            escape(name),
            end - start,
            end + 6.0,
            compact(*count)
        );
    }
    svg.push_str("</svg>");
    // The same figures as a table, for readers who cannot see the chart.
    svg.push_str(r#"<details class="chart-data"><summary>The chart’s figures as a table</summary><table class="comparison"><thead><tr><th scope="col">Library</th><th scope="col" class="num">Downloads / 30 days</th></tr></thead><tbody>"#);
    for (name, count) in &bars {
        let _ = write!(
            svg,
            r#"<tr><th scope="row">{}</th><td class="num">{}</td></tr>"#,
            escape(name),
            crate::figures::grouped(*count)
        );
    }
    svg.push_str("</tbody></table></details>");
    svg
}

/// A round step near `rough`: 1, 2 or 5 times a power of ten.
fn nice_step(rough: f64) -> f64 {
    let power = 10f64.powf(rough.max(1.0).log10().floor());
    let fraction = rough / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_spread_is_drawn_on_a_log_scale_largest_first() {
        let svg = downloads(
            "web",
            "Downloads",
            &[
                ("Bottle", 900_000),
                ("Django", 30_000_000),
                ("Flask", 90_000_000),
            ],
        );
        assert!(svg.contains(r#"data-scale="log""#));
        let flask = svg.find(">Flask<").unwrap();
        let bottle = svg.find(">Bottle<").unwrap();
        assert!(flask < bottle, "largest first");
        // Ticks at powers of ten, from 100K to 100M.
        assert!(svg.contains(">100K<") && svg.contains(">100M<"), "{svg}");
        assert!(!svg.contains("style="), "no inline styles under the CSP");
    }

    #[test]
    fn a_narrow_spread_is_linear_and_one_bar_is_no_chart() {
        let svg = downloads("x", "t", &[("A", 10_000), ("B", 20_000)]);
        assert!(svg.contains(r#"data-scale="linear""#));
        assert!(svg.contains(">0<"));
        assert_eq!(downloads("x", "t", &[("A", 10_000)]), "");
    }

    #[test]
    fn names_are_escaped() {
        let svg = downloads("x", "a < b", &[("A&B", 10), ("<C>", 20)]);
        assert!(svg.contains("A&amp;B") && svg.contains("&lt;C&gt;") && svg.contains("a &lt; b"));
    }
}
