//! Candidate generation: which pairs of reports are compared at all.
//!
//! A pair is a candidate when the two reports share any blocking key (a union of keys, so
//! that a report missing one field is still found through another): a claimed command in
//! overlapping time windows, a space–time cell on two offset grids, a plate fragment, a
//! surname or its first letters, a shield number, a vehicle in a time window, a MinHash band
//! of the narrative, or a rare narrative token. A key shared by more reports than
//! `max_block` is not dropped: its reports are sorted by time and each is paired with its
//! `window` nearest neighbours (sorted neighbourhood), so large blocks cost linear work and
//! still pair reports close in time.

use super::features::{Features, Precision};
use super::scoring::{Corpus, TF_NARRATIVE};
use super::{hash_str, mix};

/// Blocking settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockingSettings {
    /// The largest block paired in full.
    pub max_block: usize,
    /// Neighbours on each side in a sorted-neighbourhood window.
    pub window: usize,
}

impl Default for BlockingSettings {
    fn default() -> Self {
        BlockingSettings { max_block: 64, window: 12 }
    }
}

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;
/// The bit that marks a key whose block pairs only reports of which one gave no place, and
/// always by sorted neighbourhood.
const PLACELESS_KEY: u64 = 1 << 63;
const MINHASH_BANDS: usize = 10;
const MINHASH_ROWS: usize = 2;
const MINHASH_MIN_TOKENS: usize = 3;

/// The blocking keys of one report.
pub fn keys(f: &Features, corpus: &Corpus) -> Vec<u64> {
    let mut keys: Vec<u64> = tagged_keys(f, corpus).into_iter().map(|(_, k)| k).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The blocking keys of one report, each with the kind of key it is (its first part), for
/// measuring what each kind contributes.
pub fn tagged_keys(f: &Features, corpus: &Corpus) -> Vec<(u64, u64)> {
    let mut keys = Vec::new();
    let mut key =
        |parts: &[u64]| keys.push((parts[0], parts.iter().fold(0xB10C_u64, |h, p| mix(h ^ *p)) & !PLACELESS_KEY));
    let start = f.span.map(|s| s.start);
    // Claimed command by day (duplicates), and in 30- and 90-day windows on two grids
    // offset by half a window (a crew's active weeks).
    for c in &f.commands {
        let h = hash_str(c);
        match start {
            Some(t) => {
                key(&[1, h, t.div_euclid(DAY) as u64]);
                for (tag, days) in [(2u64, 30i64), (4, 90)] {
                    key(&[tag, h, t.div_euclid(days * DAY) as u64]);
                    key(&[tag + 1, h, (t + days / 2 * DAY).div_euclid(days * DAY) as u64]);
                }
            }
            None => key(&[3, h]),
        }
    }
    // The unit together with what else a crew keeps (titles; the vehicle's kind and colour)
    // in 90-day windows: far smaller blocks than the unit alone, so that sorted-neighbourhood
    // windows in a crowded unit still reach a crew's events weeks apart.
    if let Some(t) = start {
        let titles = f.titles.iter().map(|t| *t as u64 + 1).fold(0u64, |h, t| mix(h ^ t));
        let bucket = |shift: i64| (t + shift).div_euclid(90 * DAY) as u64;
        for c in &f.commands {
            let h = hash_str(c);
            if titles != 0 {
                key(&[7, h, titles, bucket(0)]);
                key(&[8, h, titles, bucket(45 * DAY)]);
            }
            for v in &f.vehicles {
                if let (Some(kind), Some(color)) = (&v.kind, &v.color) {
                    let vh = hash_str(&format!("{kind}|{color}"));
                    key(&[9, h, vh, bucket(0)]);
                    key(&[19, h, vh, bucket(45 * DAY)]);
                }
            }
        }
    }
    // What anyone would notice, by day: titles with the vehicle's kind and colour.
    if let Some(t) = start {
        for v in &f.vehicles {
            if let (Some(kind), Some(color)) = (&v.kind, &v.color) {
                key(&[6, hash_str(&format!("{kind}|{color}")), t.div_euclid(DAY) as u64]);
            }
        }
    }
    // Space and time: ~1 km cells by day for duplicates of one event, ~3 km cells by
    // fortnight for a crew working an area; each on two grids offset by half a cell.
    if let (Some(loc), Some(t)) = (f.location, start) {
        match loc.precision {
            Precision::Point => {
                for (tag, km, days) in [(10u64, 1.0, 1i64), (12, 3.0, 14)] {
                    for offset in [0.0, 0.5] {
                        let y = (loc.lat * super::geo::KM_PER_DEG_LAT / km + offset).floor() as i64;
                        let x = (loc.lon * super::geo::KM_PER_DEG_LON / km + offset).floor() as i64;
                        let d = (t + (offset * (days * DAY) as f64) as i64).div_euclid(days * DAY);
                        key(&[tag + (offset > 0.0) as u64, y as u64, x as u64, d as u64]);
                    }
                }
            }
            Precision::Precinct => {}
        }
        if let Some(p) = loc.precinct {
            key(&[14, u64::from(p), t.div_euclid(DAY) as u64]);
            for (tag, days) in [(15u64, 14i64), (17, 60)] {
                key(&[tag, u64::from(p), t.div_euclid(days * DAY) as u64]);
                key(&[tag + 1, u64::from(p), (t + days / 2 * DAY).div_euclid(days * DAY) as u64]);
            }
        }
    }
    // What a crew keeps, in the area it works, in its active weeks: the vehicle's kind and
    // colour, and the titles with the part of the day, each with ~4 km cells in 45-day
    // windows (two grids offset by half a cell and half a window). A witness who left out
    // the unit, or a visit over a precinct line, still shares these with the crew's other
    // visits, and the blocks are small enough for sorted-neighbourhood windows to span weeks.
    if let (Some(loc), Some(t)) = (f.location, start) {
        let titles = f.titles.iter().map(|t| *t as u64 + 1).fold(0u64, |h, t| mix(h ^ t));
        for offset in [0.0, 0.5] {
            let (km, days) = (4.0, 45i64);
            let y = (loc.lat * super::geo::KM_PER_DEG_LAT / km + offset).floor() as i64;
            let x = (loc.lon * super::geo::KM_PER_DEG_LON / km + offset).floor() as i64;
            let d = (t + (offset * (days * DAY) as f64) as i64).div_euclid(days * DAY);
            let o = (offset > 0.0) as u64;
            for v in &f.vehicles {
                if let Some(kc) = v.kind_color {
                    key(&[50 + o, kc, y as u64, x as u64, d as u64]);
                }
            }
            // The unit claimed where the crew works: a precinct's or a squad's name alone
            // is a large block over weeks, within a few kilometres a small one.
            for c in &f.command_keys {
                key(&[56 + o, *c, y as u64, x as u64, d as u64]);
            }
            if let (Some(part), true) = (f.day_part, titles != 0) {
                key(&[52 + o, part as u64, titles, y as u64, x as u64, d as u64]);
            }
            // The method: what they asked for, when it was more than one thing.
            if f.asks.len() >= 2 {
                let asks = f.asks.iter().map(|a| *a as u64 + 1).fold(0u64, |h, a| mix(h ^ a));
                let y = (loc.lat * super::geo::KM_PER_DEG_LAT / (2.0 * km) + offset).floor() as i64;
                let x = (loc.lon * super::geo::KM_PER_DEG_LON / (2.0 * km) + offset).floor() as i64;
                key(&[54 + o, asks, y as u64, x as u64, d as u64]);
            }
        }
    }
    for v in &f.vehicles {
        if let Some(plate) = &v.plate {
            for run in plate.split('*') {
                let chars: Vec<char> = run.chars().collect();
                for w in chars.windows(3) {
                    key(&[20, hash_str(&w.iter().collect::<String>())]);
                }
            }
        }
        if let (Some(make), Some(model), Some(t)) = (&v.make, &v.model, start) {
            let h = hash_str(&format!("{make}|{model}|{}", v.color.as_deref().unwrap_or("")));
            key(&[21, h, t.div_euclid(60 * DAY) as u64]);
        }
    }
    for s in &f.surnames {
        key(&[30, hash_str(s)]);
        let prefix: String = s.chars().take(3).collect();
        if s.chars().count() >= 4 {
            key(&[31, hash_str(&prefix)]);
        }
    }
    for s in &f.shields {
        key(&[32, hash_str(s)]);
    }
    // MinHash bands over the narrative's informative tokens: a token no other report uses
    // can never be shared, and one that many reports use ("police", "door", "the") makes
    // unrelated narratives collide, so both are left out of the signature.
    let n = corpus.len();
    let common = (n / 100).max(20);
    let informative: Vec<u64> = f
        .tokens
        .iter()
        .copied()
        .filter(|t| (2..=common).contains(&(corpus.tf.count(TF_NARRATIVE, *t) as usize)))
        .collect();
    if informative.len() >= MINHASH_MIN_TOKENS {
        let lang = f.language.as_deref().map(hash_str).unwrap_or(0);
        for band in 0..MINHASH_BANDS {
            let mut parts = vec![40, band as u64, lang];
            for row in 0..MINHASH_ROWS {
                let salt = mix((band * MINHASH_ROWS + row) as u64 + 1);
                parts.push(informative.iter().map(|t| mix(t ^ salt)).min().unwrap_or(0));
            }
            key(&parts);
        }
    }
    if f.tokens.len() >= 5 {
        // A token that few reports use (a street, a nickname, a squad's odd name) joins
        // them; tokens in most reports say nothing.
        let rare = rare_limit(n);
        for t in &f.tokens {
            let df = corpus.tf.count(TF_NARRATIVE, *t) as usize;
            if (2..=rare).contains(&df) {
                key(&[41, *t]);
            }
        }
    }
    // A witness who gave no place shares only the time with the others at the same event.
    // Every report with an exact time (an hour or less) is filed by hour on two grids offset
    // by half an hour; these blocks pair a report only with its nearest in time, and only
    // pairs in which one side gave no place (marked keys, see `PLACELESS_KEY`).
    if let Some(span) = f.span.filter(|s| s.end - s.start <= HOUR) {
        let mid = (span.start + span.end) / 2;
        for (tag, offset) in [(60u64, 0i64), (61, HOUR / 2)] {
            let h = [tag, (mid + offset).div_euclid(HOUR) as u64].iter().fold(0xB10C_u64, |h, p| mix(h ^ *p));
            keys.push((tag, h | PLACELESS_KEY));
        }
    }
    keys
}

/// The most reports a "rare" token may appear in: a few per ten thousand reports, at least
/// five.
fn rare_limit(reports: usize) -> usize {
    (reports / 2_500).max(5)
}

/// Reports by blocking key, each list sorted by time (reports without a time last).
///
/// Flat arrays, not a map of vectors: a million reports file tens of millions of (report,
/// key) entries under millions of distinct keys, most of them shared by a handful of reports,
/// and a vector per key (its header, its allocation and its slot in a map) costs more than
/// the few entries in it.
#[derive(Debug, Default)]
pub struct BlockIndex {
    /// Every distinct key rotated left by one bit (the placeless mark becomes the lowest bit,
    /// so that the top bits are uniform hash bits), sorted; a key's id is its place here.
    keys: Vec<u64>,
    /// Where the rotated keys with each value of their top `bits` bits start in `keys`: finds
    /// a key with one or two reads.
    directory: Vec<u32>,
    bits: u32,
    /// The reports filed under key id `k`, by their ranks in time (see `by_rank`):
    /// `members[starts[k]..starts[k + 1]]`, sorted. Ranks, not report numbers, so that
    /// finding a report's place in a large block is a search in that block's own short
    /// array, not one read of a random report's time at every step.
    starts: Vec<u32>,
    members: Vec<u32>,
    /// The reports sorted by (time, report): `by_rank[k]` is the report of rank `k`, and
    /// `rank[r]` is report `r`'s rank.
    by_rank: Vec<u32>,
    rank: Vec<u32>,
    /// The key ids of report `r`, sorted: `report_keys[report_starts[r]..report_starts[r + 1]]`.
    report_starts: Vec<usize>,
    report_keys: Vec<u32>,
    order: Vec<i64>,
    pub settings: BlockingSettings,
    /// Reports that gave no place.
    placeless: Vec<bool>,
}

/// The union of two sorted lists without repeats, sorted.
fn merge_sorted(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Whether a rotated key is marked (see `PLACELESS_KEY`).
fn is_marked(rotated: u64) -> bool {
    rotated & 1 != 0
}

impl BlockIndex {
    pub fn build(corpus: &Corpus, settings: BlockingSettings) -> BlockIndex {
        let n = corpus.len();
        let order: Vec<i64> = corpus.features.iter().map(|f| f.span.map_or(i64::MAX, |s| s.start)).collect();
        // Every report's keys end to end, and the distinct keys, merged in chunks so that a
        // sorted copy of all the entries is never held at once.
        let mut flat: Vec<u64> = Vec::new();
        let mut report_starts = Vec::with_capacity(n + 1);
        report_starts.push(0);
        let mut distinct: Vec<u64> = Vec::new();
        let mut merged = 0usize;
        // The keys are worked out on every core, a batch of reports at a time.
        let mut i = 0usize;
        for batch in corpus.features.chunks(16_384) {
            for report_keys in super::map_on_cores(batch, |_, f| keys(f, corpus)) {
                flat.extend(report_keys.into_iter().map(|k| k.rotate_left(1)));
                report_starts.push(flat.len());
                i += 1;
                if flat.len() - merged >= (1 << 22).max(distinct.len()) || i == n {
                    let mut chunk = flat[merged..].to_vec();
                    chunk.sort_unstable();
                    chunk.dedup();
                    distinct = merge_sorted(&distinct, &chunk);
                    merged = flat.len();
                }
            }
        }
        assert!(flat.len() < u32::MAX as usize, "more blocking entries than the index counts");
        let bits = (usize::BITS - distinct.len().leading_zeros()).max(1);
        let mut directory = Vec::with_capacity((1usize << bits) + 1);
        let mut at = 0usize;
        for bucket in 0..=(1u64 << bits) {
            while at < distinct.len() && distinct[at] >> (64 - bits) < bucket {
                at += 1;
            }
            directory.push(at as u32);
        }
        let mut index = BlockIndex {
            keys: distinct,
            directory,
            bits,
            starts: Vec::new(),
            members: Vec::new(),
            by_rank: Vec::new(),
            rank: Vec::new(),
            report_starts,
            report_keys: Vec::new(),
            order,
            settings,
            placeless: corpus.features.iter().map(|f| f.location.is_none()).collect(),
        };
        let mut report_keys: Vec<u32> = vec![0; flat.len()];
        super::fill_on_cores(&mut report_keys, |e| index.position(flat[e]) as u32);
        drop(flat);
        for r in 0..n {
            report_keys[index.report_starts[r]..index.report_starts[r + 1]].sort_unstable();
        }
        // The postings by counting, the reports taken by rank, so that each key's list comes
        // out sorted by time.
        let mut by_rank: Vec<u32> = (0..n as u32).collect();
        by_rank.sort_unstable_by_key(|&r| (index.order[r as usize], r));
        let mut rank = vec![0u32; n];
        for (k, &r) in by_rank.iter().enumerate() {
            rank[r as usize] = k as u32;
        }
        let mut starts = vec![0u32; index.keys.len() + 1];
        for &id in &report_keys {
            starts[id as usize + 1] += 1;
        }
        for k in 0..index.keys.len() {
            starts[k + 1] += starts[k];
        }
        let mut fill = starts.clone();
        let mut members = vec![0u32; report_keys.len()];
        for (k, &r) in by_rank.iter().enumerate() {
            let r = r as usize;
            for &id in &report_keys[index.report_starts[r]..index.report_starts[r + 1]] {
                members[fill[id as usize] as usize] = k as u32;
                fill[id as usize] += 1;
            }
        }
        drop(fill);
        index.by_rank = by_rank;
        index.rank = rank;
        index.starts = starts;
        index.members = members;
        index.report_keys = report_keys;
        index
    }

    /// Where a rotated key is, or would be, in `keys`.
    fn position(&self, rotated: u64) -> usize {
        if self.keys.is_empty() {
            return 0;
        }
        let bucket = (rotated >> (64 - self.bits)) as usize;
        let (from, to) = (self.directory[bucket] as usize, self.directory[bucket + 1] as usize);
        from + self.keys[from..to].partition_point(|&k| k < rotated)
    }

    /// The id of a key, when some report has it.
    fn id_of(&self, key: u64) -> Option<usize> {
        let rotated = key.rotate_left(1);
        let at = self.position(rotated);
        (self.keys.get(at) == Some(&rotated)).then_some(at)
    }

    /// The ranks of the reports filed under a key id, sorted (so by time).
    fn list(&self, id: usize) -> &[u32] {
        &self.members[self.starts[id] as usize..self.starts[id + 1] as usize]
    }

    fn ids_of(&self, report: usize) -> &[u32] {
        &self.report_keys[self.report_starts[report]..self.report_starts[report + 1]]
    }

    /// Every candidate pair (a < b), sorted, each once.
    pub fn pairs(&self) -> Vec<(u32, u32)> {
        let mut pairs: Vec<u64> = Vec::new();
        let (max, window) = (self.settings.max_block, self.settings.window);
        for id in 0..self.keys.len() {
            let list = self.list(id);
            if list.len() < 2 {
                continue;
            }
            let marked = is_marked(self.keys[id]);
            let report = |k: &u32| self.by_rank[*k as usize];
            if list.len() <= max && !marked {
                for (x, a) in list.iter().map(report).enumerate() {
                    for b in list[x + 1..].iter().map(report) {
                        pairs.push(pack(a, b));
                    }
                }
            } else {
                for (x, a) in list.iter().map(report).enumerate() {
                    for b in list[x + 1..].iter().take(window).map(report) {
                        if !marked || self.placeless[a as usize] || self.placeless[b as usize] {
                            pairs.push(pack(a, b));
                        }
                    }
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs.into_iter().map(|p| ((p >> 32) as u32, p as u32)).collect()
    }

    /// Whether blocking makes `a` and `b` a candidate pair: they share a key whose block is
    /// paired in full, or in whose block they are at most `window` places apart. Answers
    /// for one pair without listing every pair (which a million reports make too many).
    pub fn is_candidate(&self, a: usize, b: usize) -> bool {
        let (ka, kb) = (self.ids_of(a), self.ids_of(b));
        let (mut i, mut j) = (0, 0);
        while i < ka.len() && j < kb.len() {
            match ka[i].cmp(&kb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let id = ka[i] as usize;
                    let list = self.list(id);
                    let marked = is_marked(self.keys[id]);
                    if marked && !self.placeless[a] && !self.placeless[b] {
                        i += 1;
                        j += 1;
                        continue;
                    }
                    if list.len() <= self.settings.max_block && !marked {
                        return true;
                    }
                    let at = |r: usize| list.partition_point(|&k| k < self.rank[r]);
                    if at(a).abs_diff(at(b)) <= self.settings.window {
                        return true;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        false
    }

    /// The candidates of one report of the index.
    pub fn candidates_of(&self, report: usize) -> Vec<u32> {
        let ids = self.ids_of(report).iter().map(|&id| id as usize);
        self.candidates_by_id(ids, self.rank[report], self.placeless[report], Some(report as u32))
    }

    /// The candidates of a report by its keys, time and whether it gave a place (it need
    /// not be in the index).
    pub fn candidates_for(&self, keys: &[u64], time: i64, placeless: bool, exclude: Option<u32>) -> Vec<u32> {
        let ids: Vec<usize> = keys.iter().filter_map(|&k| self.id_of(k)).collect();
        // The rank the report would have: the number of reports before it in time.
        let before = (time, exclude.unwrap_or(0));
        let rank = self.by_rank.partition_point(|&r| (self.order[r as usize], r) < before) as u32;
        self.candidates_by_id(ids.into_iter(), rank, placeless, exclude)
    }

    /// The candidates from the blocks of key ids `ids`, for a report of rank `rank` (the
    /// number of reports before it in time).
    fn candidates_by_id(
        &self,
        ids: impl Iterator<Item = usize>,
        rank: u32,
        placeless: bool,
        exclude: Option<u32>,
    ) -> Vec<u32> {
        let mut out = Vec::new();
        let report = |k: &u32| self.by_rank[*k as usize];
        for id in ids {
            let list = self.list(id);
            let marked = is_marked(self.keys[id]);
            if list.len() <= self.settings.max_block && !marked {
                out.extend(list.iter().map(report));
            } else {
                let at = list.partition_point(|&k| k < rank);
                let from = at.saturating_sub(self.settings.window);
                let to = (at + self.settings.window + 1).min(list.len());
                let near = list[from..to].iter().map(report);
                out.extend(near.filter(|&b| !marked || placeless || self.placeless[b as usize]));
            }
        }
        out.sort_unstable();
        out.dedup();
        if let Some(x) = exclude {
            out.retain(|&i| i != x);
        }
        out
    }

    /// The blocking keys of one report of the index, sorted.
    pub fn keys_of(&self, report: usize) -> Vec<u64> {
        let mut keys: Vec<u64> = self.ids_of(report).iter().map(|&id| self.keys[id as usize].rotate_right(1)).collect();
        keys.sort_unstable();
        keys
    }

    /// Number of keys, and of keys whose block was too large to pair in full.
    pub fn stats(&self) -> (usize, usize) {
        let oversized = (0..self.keys.len()).filter(|&id| self.list(id).len() > self.settings.max_block).count();
        (self.keys.len(), oversized)
    }
}

fn pack(a: u32, b: u32) -> u64 {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    (u64::from(a) << 32) | u64::from(b)
}
