//! The analysis as one self-contained HTML page: series with their summaries, members and
//! evidence weights, a timeline, and an SVG precinct map drawn from the embedded
//! `data/nyc-precincts.geojson`. No script, font, image or style is fetched from anywhere:
//! the case-team workspace can serve the page as it is.
//!
//! The page is written with `write!` rather than a template engine because the core crate
//! carries no template dependency; every value from a report goes through [`escape`].

use std::collections::HashMap;
use std::fmt::Write as _;

use super::Engine;
use super::output::Analysis;
use shieldcheck_report::civil_from_days;

const GEOJSON: &str = include_str!("../../../data/nyc-precincts.geojson");
const PALETTE: [&str; 10] =
    ["#c0392b", "#2471a3", "#229954", "#b9770e", "#7d3c98", "#17a589", "#a04000", "#2e4053", "#d4ac0d", "#cb4335"];

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
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

/// A closed outline as (lon, lat) points.
type Ring = Vec<(f64, f64)>;

/// The precinct outlines as (precinct, rings).
fn precinct_shapes() -> Vec<(u32, Vec<Ring>)> {
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(GEOJSON) else { return Vec::new() };
    let mut out = Vec::new();
    for feature in doc["features"].as_array().into_iter().flatten() {
        let Some(precinct) = feature["properties"]["precinct"].as_u64() else { continue };
        let mut rings = Vec::new();
        let geometry = &feature["geometry"];
        let polygons: Vec<&serde_json::Value> = match geometry["type"].as_str() {
            Some("MultiPolygon") => geometry["coordinates"].as_array().map(|a| a.iter().collect()).unwrap_or_default(),
            Some("Polygon") => vec![&geometry["coordinates"]],
            _ => Vec::new(),
        };
        for polygon in polygons {
            for ring in polygon.as_array().into_iter().flatten() {
                let points: Vec<(f64, f64)> = ring
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                    .collect();
                rings.push(points);
            }
        }
        out.push((precinct as u32, rings));
    }
    out
}

const MAP_W: f64 = 640.0;
const MAP_H: f64 = 640.0;
const WEST: f64 = -74.26;
const EAST: f64 = -73.69;
const SOUTH: f64 = 40.49;
const NORTH: f64 = 40.92;

fn project(lon: f64, lat: f64) -> (f64, f64) {
    // Equirectangular with longitude shrunk by cos(latitude), fitted to the box.
    let kx = (40.7f64).to_radians().cos();
    let scale = (MAP_W / ((EAST - WEST) * kx)).min(MAP_H / (NORTH - SOUTH));
    ((lon - WEST) * kx * scale, (NORTH - lat) * scale)
}

/// Renders the page. `names` are the reports' names in engine order.
pub fn render(analysis: &Analysis, engine: &Engine, names: &[String]) -> String {
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>shieldcheck patterns</title>\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<style>body{{font:15px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1b1b1b;max-width:72rem}}\
table{{border-collapse:collapse;margin:.5rem 0}}td,th{{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}}\
.bar{{display:inline-block;height:.7rem;background:#2471a3}}.neg{{background:#c0392b}}\
section{{margin:1.5rem 0}}code{{font-size:90%}}svg{{max-width:100%;height:auto;border:1px solid #ccc}}</style></head><body>"
    );
    let _ = write!(
        h,
        "<h1>Pattern analysis</h1><p>{} reports · {} incidents (duplicate reports) · {} series · generated {} · engine {} · link threshold {}</p>",
        analysis.reports,
        analysis.incidents.len(),
        analysis.series.len(),
        escape(&analysis.generated_at),
        escape(&analysis.engine.version),
        analysis.engine.settings.link_threshold
    );
    // Map.
    let _ = write!(
        h,
        "<section><h2>Map</h2><svg viewBox=\"0 0 {MAP_W} {MAP_H}\" role=\"img\" aria-label=\"Precinct map with the reports of the largest series\">"
    );
    let mut per_precinct: HashMap<u32, usize> = HashMap::new();
    for s in &analysis.series {
        for r in &s.reports {
            if let Some(p) = index.get(r.as_str()).and_then(|&i| engine.corpus.features[i].location?.precinct) {
                *per_precinct.entry(p).or_default() += 1;
            }
        }
    }
    let most = per_precinct.values().copied().max().unwrap_or(1).max(1) as f64;
    for (precinct, rings) in precinct_shapes() {
        let mut d = String::new();
        for ring in &rings {
            for (k, (lon, lat)) in ring.iter().enumerate() {
                let (x, y) = project(*lon, *lat);
                let _ = write!(d, "{}{x:.1},{y:.1}", if k == 0 { "M" } else { "L" });
            }
            d.push('Z');
        }
        let share = per_precinct.get(&precinct).copied().unwrap_or(0) as f64 / most;
        let _ = write!(
            h,
            "<path d=\"{d}\" fill=\"rgba(36,113,163,{:.2})\" stroke=\"#888\" stroke-width=\"0.5\"><title>Precinct {precinct}: {} reports in series</title></path>",
            0.05 + 0.6 * share,
            per_precinct.get(&precinct).copied().unwrap_or(0)
        );
    }
    for (k, s) in analysis.series.iter().take(PALETTE.len()).enumerate() {
        for r in &s.reports {
            let Some(loc) = index.get(r.as_str()).and_then(|&i| engine.corpus.features[i].location) else { continue };
            let (x, y) = project(loc.lon, loc.lat);
            let _ = write!(
                h,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"{}\"><title>{} {}</title></circle>",
                PALETTE[k],
                escape(&s.id),
                escape(r)
            );
        }
    }
    h.push_str("</svg></section>");
    // Timeline of the largest series.
    let shown: Vec<_> = analysis.series.iter().take(30).collect();
    let days: Vec<i64> = shown
        .iter()
        .flat_map(|s| s.reports.iter())
        .filter_map(|r| index.get(r.as_str()).and_then(|&i| engine.corpus.features[i].span.map(|sp| sp.day())))
        .collect();
    if let (Some(&first), Some(&last)) = (days.iter().min(), days.iter().max()) {
        let width = 900.0;
        let row = 18.0;
        let height = row * shown.len() as f64 + 30.0;
        let span = (last - first).max(1) as f64;
        let _ = write!(
            h,
            "<section><h2>Timeline</h2><svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Dates of the reports of each series\">"
        );
        for (k, s) in shown.iter().enumerate() {
            let y = 20.0 + row * k as f64;
            let _ = write!(h, "<text x=\"0\" y=\"{:.1}\" font-size=\"11\">{}</text>", y + 4.0, escape(&s.id));
            for r in &s.reports {
                let Some(day) = index.get(r.as_str()).and_then(|&i| engine.corpus.features[i].span.map(|sp| sp.day()))
                else {
                    continue;
                };
                let x = 60.0 + (width - 80.0) * (day - first) as f64 / span;
                let _ = write!(
                    h,
                    "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"{}\"><title>{} {}</title></circle>",
                    PALETTE[k % PALETTE.len()],
                    escape(r),
                    date(day)
                );
            }
        }
        let _ = write!(
            h,
            "<text x=\"60\" y=\"12\" font-size=\"11\">{}</text><text x=\"{:.0}\" y=\"12\" font-size=\"11\" text-anchor=\"end\">{}</text></svg></section>",
            date(first),
            width - 20.0,
            date(last)
        );
    }
    // Series.
    h.push_str("<section><h2>Series</h2>");
    for s in &analysis.series {
        let _ = write!(
            h,
            "<h3 id=\"{id}\">{id}: {}</h3><p>{} reports · cohesion {} · score {}</p><table><tr><th>field</th><th>value</th><th>weight</th><th>share of reports</th></tr>",
            escape(&s.summary),
            s.reports.len(),
            s.cohesion,
            round3(s.evidence.iter().map(|e| e.weight).sum()),
            id = escape(&s.id)
        );
        for e in &s.evidence {
            let width = (e.weight.abs() * 8.0).min(160.0);
            let _ = write!(
                h,
                "<tr><td><code>{}</code></td><td>{}</td><td><span class=\"bar{}\" style=\"width:{width:.0}px\"></span> {}</td><td>{}</td></tr>",
                escape(&e.field),
                escape(&e.value),
                if e.weight < 0.0 { " neg" } else { "" },
                e.weight,
                e.share_of_reports.map(|x| format!("{:.2}%", x * 100.0)).unwrap_or_default()
            );
        }
        let members: Vec<String> = s.reports.iter().map(|r| escape(r)).collect();
        let _ = write!(h, "</table><p>Members: {}</p>", members.join(", "));
    }
    h.push_str("</section>");
    // Incidents, findings, statistics.
    let _ = write!(
        h,
        "<section><h2>Incidents</h2><p>{} groups of reports of one event.</p><table><tr><th>id</th><th>reports</th><th>score</th></tr>",
        analysis.incidents.len()
    );
    for i in analysis.incidents.iter().take(500) {
        let members: Vec<String> = i.reports.iter().map(|r| escape(r)).collect();
        let _ = write!(h, "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", escape(&i.id), members.join(", "), i.score);
    }
    h.push_str("</table></section>");
    let _ = write!(h, "<section><h2>Roster findings</h2><table><tr><th>report</th><th>claim</th><th>finding</th></tr>");
    for f in analysis.roster_findings.iter().take(1_000) {
        let finding =
            serde_json::to_value(f.finding).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&f.report),
            escape(&f.claim),
            escape(&finding)
        );
    }
    h.push_str("</table></section>");
    let st = &analysis.statistics;
    let _ = write!(
        h,
        "<section><h2>Statistics</h2><p>In {} of {} reports the persons named a precinct or squad; in {} they asked the person to come to a precinct; in {} they named a unit the NYPD does not have.</p><table><tr><th>claimed title</th><th>reports</th></tr>",
        st.named_a_precinct_or_squad, analysis.reports, st.arranged_meeting_at_precinct, st.named_unit_not_in_nypd
    );
    for (t, n) in &st.claimed_titles {
        let _ = write!(h, "<tr><td>{}</td><td>{n}</td></tr>", escape(t));
    }
    h.push_str("</table><table><tr><th>ask</th><th>reports</th></tr>");
    for (a, n) in &st.asks {
        let _ = write!(h, "<tr><td>{}</td><td>{n}</td></tr>", escape(a));
    }
    h.push_str("</table></section></body></html>\n");
    h
}

fn date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The sum of a series' evidence weights (its score), to three places.
fn round3(x: f64) -> f64 {
    (x * 1_000.0).round() / 1_000.0
}
