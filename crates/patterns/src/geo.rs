//! Precinct label points and distances, from the embedded `data/nyc-precincts-centroids.csv`.

use std::sync::OnceLock;

const CENTROIDS_CSV: &str = include_str!("../../../data/nyc-precincts-centroids.csv");

/// (precinct, lon, lat) of every precinct's label point.
pub fn centroids() -> &'static [(u32, f64, f64)] {
    static CENTROIDS: OnceLock<Vec<(u32, f64, f64)>> = OnceLock::new();
    CENTROIDS.get_or_init(|| {
        CENTROIDS_CSV
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut cols = line.split(',');
                let precinct = cols.next()?.trim().parse().ok()?;
                let lon = cols.next()?.trim().parse().ok()?;
                let lat = cols.next()?.trim().parse().ok()?;
                Some((precinct, lon, lat))
            })
            .collect()
    })
}

/// The label point (lon, lat) of a precinct.
pub fn centroid(precinct: u32) -> Option<(f64, f64)> {
    centroids().iter().find(|(p, _, _)| *p == precinct).map(|(_, lon, lat)| (*lon, *lat))
}

/// The precinct whose label point is nearest; an approximation good enough for summaries and
/// statistics when a report gives coordinates but no precinct.
pub fn nearest_precinct(lat: f64, lon: f64) -> Option<u32> {
    centroids()
        .iter()
        .map(|(p, plon, plat)| (*p, km(lat, lon, *plat, *plon)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|(_, d)| *d < 15.0)
        .map(|(p, _)| p)
}

/// The nearest precinct by label point (as [`nearest_precinct`]), and the next nearest when
/// its label point is at most `margin_km` further: near a boundary either may be the one.
pub fn nearest_precincts(lat: f64, lon: f64, margin_km: f64) -> (Option<u32>, Option<u32>) {
    let mut by_distance: Vec<(u32, f64)> =
        centroids().iter().map(|(p, plon, plat)| (*p, km(lat, lon, *plat, *plon))).collect();
    by_distance.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    match by_distance.as_slice() {
        [(p, d), (q, e), ..] if *d < 15.0 => (Some(*p), (*e <= d + margin_km).then_some(*q)),
        [(p, d), ..] if *d < 15.0 => (Some(*p), None),
        _ => (None, None),
    }
}

/// Distance in kilometres (equirectangular; exact enough within a city).
pub fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let mean_lat = ((lat1 + lat2) / 2.0).to_radians();
    let dx = (lon2 - lon1).to_radians() * mean_lat.cos();
    let dy = (lat2 - lat1).to_radians();
    6_371.0 * (dx * dx + dy * dy).sqrt()
}

/// Kilometres per degree of latitude, and of longitude at New York's latitude: grid cells.
pub const KM_PER_DEG_LAT: f64 = 111.2;
pub const KM_PER_DEG_LON: f64 = 84.2;
