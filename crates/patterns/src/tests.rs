use super::eval::score_groups;
use super::features::{narrative_tokens, plate_pattern, surname};
use super::generate::{GenerateSettings, generate};
use super::output::{ReportFacts, analysis, analysis_of, report_names};
use super::*;
use shieldcheck_report::{Reporter, ReporterRole};

fn small(reports: usize, seed: u64) -> (Vec<Report>, eval::Truth) {
    generate(&GenerateSettings { reports, seed, ..GenerateSettings::default() })
}

fn analyse(reports: &[Report]) -> output::Analysis {
    let engine = Engine::build(reports, &Settings::default(), &mut NoProgress);
    analysis(&engine, reports, None, "2026-11-28T12:00:00Z")
}

#[test]
fn generator_is_deterministic_and_valid() {
    let (a, ta) = small(400, 7);
    let (b, tb) = small(400, 7);
    assert_eq!(a, b);
    assert_eq!(ta, tb);
    assert_eq!(a.len(), 400);
    for r in &a {
        let line = r.to_json_line();
        let back = Report::from_json(line.as_bytes()).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert_eq!(&back, r);
    }
    assert!(!ta.series.is_empty() && !ta.incidents.is_empty());
    let (c, _) = small(400, 8);
    assert_ne!(a, c);
}

#[test]
fn analysis_is_deterministic_and_never_reads_the_reporter() {
    let (reports, _) = small(600, 3);
    let first = analyse(&reports);
    assert_eq!(first, analyse(&reports));
    let changed: Vec<Report> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| Report {
            reporter: Some(Reporter {
                role: Some(if i % 2 == 0 { ReporterRole::Advocate } else { ReporterRole::Other }),
                contact: Some(format!("someone-{}@example.org", i * 7919)),
                wants_contact: Some(i % 3 == 0),
            }),
            ..r.clone()
        })
        .collect();
    assert_eq!(first, analyse(&changed));
    let without: Vec<Report> = reports.iter().map(Report::without_reporter).collect();
    assert_eq!(first, analyse(&without));
}

#[test]
fn analysing_features_and_facts_equals_analysing_reports() {
    // What the command line does with many reports: each one's features, facts and roster
    // findings, the parsed report dropped.
    let (reports, _) = small(800, 13);
    let features = reports.iter().map(|r| Features::of(r, Registry::nypd())).collect();
    let engine = Engine::from_features(features, &Settings::default(), &mut NoProgress);
    let facts: Vec<ReportFacts> = reports.iter().enumerate().map(|(i, r)| ReportFacts::of(r, i)).collect();
    let names: Vec<String> = facts.iter().map(|f| f.name.clone()).collect();
    let found = findings::roster_findings(&reports, &names, Registry::nypd(), None);
    assert_eq!(analysis_of(&engine, &facts, found, "2026-11-28T12:00:00Z"), analyse(&reports));
}

#[test]
fn the_index_finds_each_report_by_its_keys() {
    let (reports, _) = small(600, 14);
    let engine = Engine::build(&reports, &Settings::default(), &mut NoProgress);
    for r in 0..reports.len() {
        let f = &engine.corpus.features[r];
        let keys = engine.index.keys_of(r);
        assert_eq!(keys, blocking::keys(f, &engine.corpus));
        let time = f.span.map_or(i64::MAX, |s| s.start);
        let found = engine.index.candidates_for(&keys, time, f.location.is_none(), Some(r as u32));
        assert_eq!(found, engine.index.candidates_of(r));
    }
}

#[test]
fn finds_planted_series_and_duplicates() {
    let (reports, truth) = small(3_000, 11);
    let a = analyse(&reports);
    let incidents: Vec<Vec<String>> = a.incidents.iter().map(|i| i.reports.clone()).collect();
    let series: Vec<Vec<String>> = a.series.iter().map(|s| s.reports.clone()).collect();
    let inc = score_groups(&truth.reports, &truth.incidents, &incidents);
    let ser = score_groups(&truth.reports, &truth.series, &series);
    assert!(inc.pairwise.f1 > 0.8, "incidents {inc:?}");
    assert!(ser.pairwise.f1 > 0.7, "series {ser:?}");
    assert!(ser.largest_predicted <= 2 * ser.largest_true.max(1), "series {ser:?}");
}

#[test]
fn evidence_weights_add_up_to_the_series_score() {
    let (reports, _) = small(1_000, 5);
    let a = analyse(&reports);
    assert!(!a.series.is_empty());
    let names = super::output::report_names(&reports);
    let engine = Engine::build(&reports, &Settings::default(), &mut NoProgress);
    for s in &a.series {
        // The series' score is the mean score of its pairs; each field's weight is rounded
        // to three places.
        let members: Vec<usize> = s.reports.iter().map(|r| names.iter().position(|n| n == r).unwrap()).collect();
        let (mut total, mut pairs) = (0.0, 0usize);
        for (x, &p) in members.iter().enumerate() {
            for &q in &members[x + 1..] {
                total += engine.model.score(&engine.corpus, p, q);
                pairs += 1;
            }
        }
        let score = total / pairs as f64;
        let sum: f64 = s.evidence.iter().map(|e| e.weight).sum();
        assert!((sum - score).abs() <= 5e-4 * s.evidence.len() as f64 + 1e-9, "{} {sum} {score}", s.id);
        assert!(s.reports.len() <= Settings::default().max_series_size);
    }
    // A report belongs to at most one series.
    let mut seen = std::collections::HashSet::new();
    for s in &a.series {
        for r in &s.reports {
            assert!(seen.insert(r.clone()), "{r} in two series");
        }
    }
}

#[test]
fn series_never_exceed_the_maximum_size() {
    let (reports, _) = small(1_500, 9);
    let settings = Settings { max_series_size: 4, ..Settings::default() };
    let engine = Engine::build(&reports, &settings, &mut NoProgress);
    assert!(engine.groups.series.iter().all(|g| g.len() <= 4));
}

#[test]
fn seed_mode_ranks_and_explains() {
    let (reports, truth) = small(1_500, 4);
    let engine = Engine::build(&reports, &Settings::default(), &mut NoProgress);
    let names = report_names(&reports);
    let series = &truth.series[0];
    let seed = names.iter().position(|n| *n == series[0]).unwrap_or(0);
    let top = engine.seed(seed, 5);
    assert!(!top.is_empty() && top.len() <= 5);
    for pair in top.windows(2) {
        assert!(pair[0].score >= pair[1].score);
    }
    for c in &top {
        let sum: f64 = c.weights.iter().map(|w| w.1).sum();
        assert!((sum - c.score).abs() < 1e-9);
    }
    // The best candidate is in the seed's true series.
    assert!(series.contains(&names[top[0].report]), "{:?}", top[0]);
}

#[test]
fn placing_a_duplicate_finds_its_series() {
    let (reports, _) = small(1_500, 6);
    let engine = Engine::build(&reports, &Settings::default(), &mut NoProgress);
    let Some(series) = engine.groups.series.first() else { panic!("no series") };
    let copy = reports[series[0] as usize].clone();
    let placement = engine.place(&copy);
    assert_eq!(placement.series, Some(0), "{placement:?}");
}

#[test]
fn tokens_cover_every_script() {
    assert_eq!(narrative_tokens("Dijeron que eran DETECTIVES"), ["dijeron", "que", "eran", "detectives"]);
    assert_eq!(narrative_tokens("他们说是警察"), ["他们", "们说", "说是", "是警", "警察"]);
    assert_eq!(narrative_tokens("제34경찰서 형사"), ["제", "34", "경찰", "찰서", "형사"]);
    assert!(narrative_tokens("قالوا إنهم شرطة").contains(&"شرطة".to_owned()));
}

#[test]
fn plates_and_surnames_normalise() {
    assert_eq!(plate_pattern("HXR 45").as_deref(), Some("HXR45"));
    assert_eq!(plate_pattern("hxr-4?").as_deref(), Some("HXR4*"));
    assert_eq!(plate_pattern("...45").as_deref(), Some("*45"));
    assert_eq!(plate_pattern("?"), None);
    assert_eq!(surname("Det. Rivera").as_deref(), Some("rivera"));
    assert_eq!(surname("Rivera, Ana").as_deref(), Some("rivera"));
    assert_eq!(surname("Ana Rivera-López").as_deref(), Some("lopez"));
}

#[test]
fn is_candidate_agrees_with_the_listed_pairs() {
    let (reports, _) = small(1_200, 12);
    // A small block limit, so that sorted-neighbourhood windows are exercised too.
    let settings = Settings { blocking: blocking::BlockingSettings { max_block: 8, window: 3 }, ..Settings::default() };
    let engine = Engine::build(&reports, &settings, &mut NoProgress);
    let pairs: std::collections::HashSet<(u32, u32)> = engine.index.pairs().into_iter().collect();
    assert_eq!(pairs.len(), engine.candidate_pairs);
    for a in 0..reports.len() {
        for b in a + 1..reports.len() {
            assert_eq!(engine.index.is_candidate(a, b), pairs.contains(&(a as u32, b as u32)), "{a} {b}");
        }
    }
}

#[test]
fn a_claim_common_where_it_happened_weighs_less() {
    // Two reports from the 34th naming the 34th agree on what half the reports from there
    // say; a report from the 34th and one from the 61st naming the 34th, on what few
    // reports from the 61st say.
    let mut reports = Vec::new();
    let line = |precinct: u32, unit: &str| {
        format!(
            r#"{{"incident": {{"date": "2026-03-01", "place": {{"precinct": {precinct}}}}}, "claims": {{"units": ["{unit}"]}}, "narrative": "x"}}"#
        )
    };
    for i in 0..40 {
        reports.push(line(34, if i % 2 == 0 { "34th precinct" } else { "warrant squad" }));
    }
    for _ in 0..40 {
        reports.push(line(61, "warrant squad"));
    }
    reports.push(line(61, "34th precinct"));
    let reports: Vec<Report> = reports.iter().map(|l| Report::from_json(l.as_bytes()).unwrap()).collect();
    let features = reports.iter().map(|r| Features::of(r, Registry::nypd())).collect();
    let corpus = Corpus::new(features);
    // Too few pairs to estimate m: set it, since only u is under test.
    let mut model = Model::fit(&corpus, &[(0, 2), (0, 80)], 5);
    model.silent[scoring::COMMAND] = false;
    model.m[scoring::COMMAND][3] = 0.5;
    let local = model.weight(&corpus, scoring::COMMAND, &corpus.compare(0, 2));
    let far = model.weight(&corpus, scoring::COMMAND, &corpus.compare(0, 80));
    assert!(far > local + 0.9, "far {far}, local {local}");
}

#[test]
fn a_date_at_night_covers_its_small_hours_and_its_evening() {
    let report = |incident: &str| {
        let line = format!(r#"{{"incident": {incident}, "narrative": "x"}}"#);
        Features::of(&Report::from_json(line.as_bytes()).unwrap(), Registry::nypd())
    };
    let night = report(r#"{"date": "2026-03-05", "time_of_day": "night"}"#).span.unwrap();
    let small_hours = report(r#"{"started_at": "2026-03-05T01:10:00-05:00"}"#).span.unwrap();
    let evening = report(r#"{"started_at": "2026-03-05T23:30:00-05:00"}"#).span.unwrap();
    let next_morning = report(r#"{"started_at": "2026-03-06T09:00:00-05:00"}"#).span.unwrap();
    assert_eq!(night.gap(small_hours), 0);
    assert_eq!(night.gap(evening), 0);
    assert!(night.gap(next_morning) > 0);
    let morning = report(r#"{"date": "2026-03-05", "time_of_day": "morning"}"#).span.unwrap();
    assert!(morning.gap(small_hours) > 0);
}

#[test]
fn a_clock_time_in_the_narrative_narrows_a_date() {
    use super::features::told_time;
    use shieldcheck_report::TimeOfDay;
    assert_eq!(told_time("They came around 21:05 and left", None), Some(21 * 60 + 5));
    assert_eq!(told_time("at 9:40 pm, two men", None), Some(21 * 60 + 40));
    assert_eq!(told_time("vers 9h40 du matin", Some(TimeOfDay::Morning)), Some(9 * 60 + 40));
    assert_eq!(told_time("大约９：４０有", Some(TimeOfDay::Evening)), Some(21 * 60 + 40));
    assert_eq!(told_time("حوالي الساعة ٩:٤٠", Some(TimeOfDay::Morning)), Some(9 * 60 + 40));
    assert_eq!(told_time("9.40 a.m. at the door", None), Some(9 * 60 + 40));
    // A 12-hour time without "am" or "pm" and no part of the day: too uncertain.
    assert_eq!(told_time("around 9:40", None), None);
    // A time that fits no reading of the part of the day given is not the incident's.
    assert_eq!(told_time("around 3:10", Some(TimeOfDay::Morning)), None);
    // Prices, dates, scores and longer numbers are no times.
    assert_eq!(told_time("they asked for $3.50", None), None);
    assert_eq!(told_time("on 12.05.2026", None), None);
    assert_eq!(told_time("case 2026-03-05 14:3", None), None);
    assert_eq!(told_time("code 123:45", None), None);
    assert_eq!(told_time("no time here", None), None);
}

#[test]
fn a_date_and_a_told_time_are_an_exact_time() {
    let registry = shieldcheck_nypd::registry::Registry::nypd();
    let features = |incident: &str, narrative: &str| {
        let line = format!(r#"{{"incident": {incident}, "narrative": "{narrative}"}}"#);
        Features::of(&Report::from_json(line.as_bytes()).unwrap(), registry)
    };
    let told = features(r#"{"date": "2026-03-05", "time_of_day": "evening"}"#, "They came at 8:15.");
    let span = told.span.unwrap();
    assert_eq!(span.end - span.start, 3_600);
    assert_eq!((span.start + 1_800).rem_euclid(86_400), 20 * 3_600 + 15 * 60);
    // The structured exact time wins over the narrative.
    let exact = features(r#"{"started_at": "2026-03-05T10:00:00-05:00"}"#, "They came at 20:15.");
    assert_eq!((exact.span.unwrap().start + 1_800).rem_euclid(86_400), 10 * 3_600);
    // A date alone with a 24-hour time: narrowed, and the part of the day known.
    let date_only = features(r#"{"date": "2026-03-05"}"#, "They came at 20:15.");
    assert_eq!(date_only.span.unwrap().end - date_only.span.unwrap().start, 3_600);
    assert_eq!(date_only.day_part, Some(shieldcheck_report::TimeOfDay::Evening));
    // Without a usable time the date stays a whole day.
    let vague = features(r#"{"date": "2026-03-05"}"#, "They came at 8:15.");
    assert_eq!(vague.span.unwrap().end - vague.span.unwrap().start, 86_400);
}

/// Features of a report from its `incident` JSON.
fn incident_features(incident: &str) -> Features {
    let line = format!(r#"{{"incident": {incident}, "asks": ["open_door"], "narrative": "x"}}"#);
    Features::of(&Report::from_json(line.as_bytes()).unwrap(), Registry::nypd())
}

#[test]
fn a_report_without_a_place_is_one_event_with_another_by_how_many_reports_came_from_that_time() {
    let at = |time: &str, place: bool| {
        let place = if place { r#", "place": {"lat": 40.7, "lon": -73.9}"# } else { "" };
        incident_features(&format!(r#"{{"started_at": "2026-03-05T{time}:00-05:00"{place}}}"#))
    };
    let mut model = scoring::EventModel::fit(&[], 1);
    model.partners = 0.5;
    model.lambda = 0.2;
    let prior_among = |crowd: usize| {
        let mut features = vec![at("10:00", false), at("10:10", true)];
        features.extend((0..crowd).map(|_| at("10:20", true)));
        let corpus = scoring::Corpus::new(features);
        let c = corpus.compare(0, 1);
        let (prior, weights) = model.terms(&corpus, &corpus.features[0], &corpus.features[1], &c);
        // The time chose the pair: it weighs nothing.
        assert_eq!(weights[scoring::TIME], 0.0);
        prior
    };
    // Reports at that hour besides the placeless one: 1 + crowd.
    let odds = |p: f64| (p / (1.0 - p)).log2();
    assert!((prior_among(0) - odds(0.5)).abs() < 1e-9);
    assert!((prior_among(9) - odds(0.05)).abs() < 1e-9);
    assert!((prior_among(99) - odds(0.005)).abs() < 1e-9);
    // Two reports with a place: the prior among neighbours.
    let corpus = scoring::Corpus::new(vec![at("10:00", true), at("10:10", true)]);
    let c = corpus.compare(0, 1);
    assert!((model.terms(&corpus, &corpus.features[0], &corpus.features[1], &c).0 - odds(0.2)).abs() < 1e-9);
}

#[test]
fn two_clock_times_of_one_event_are_within_an_hour_of_each_other() {
    let settings = grouping::GroupingSettings {
        threshold: 0.0,
        incident_hours: 3.0,
        incident_km: 1.0,
        max_incident_size: 12,
        max_series_size: 60,
        series_threshold: 0.0,
    };
    let at = |incident: &str| incident_features(&incident.replace('}', r#", "place": {"lat": 40.7, "lon": -73.9}}"#));
    let ten = at(r#"{"started_at": "2026-03-05T10:00:00-05:00"}"#);
    let eleven_fifty = at(r#"{"started_at": "2026-03-05T11:50:00-05:00"}"#);
    let twelve_thirty = at(r#"{"started_at": "2026-03-05T12:30:00-05:00"}"#);
    let morning = at(r#"{"date": "2026-03-05", "time_of_day": "morning"}"#);
    let afternoon = at(r#"{"date": "2026-03-05", "time_of_day": "afternoon"}"#);
    assert!(grouping::same_event_features(&ten, &eleven_fifty, &settings));
    assert!(!grouping::same_event_features(&ten, &twelve_thirty, &settings));
    // A part of the day keeps the wider window.
    assert!(grouping::same_event_features(&ten, &afternoon, &settings));
    assert!(grouping::same_event_features(&morning, &twelve_thirty, &settings));
}

#[test]
fn a_point_near_a_precinct_boundary_can_be_in_either_precinct() {
    // Halfway between two neighbouring precincts' label points.
    let centroids = geo::centroids();
    let (p, plon, plat) = centroids[0];
    let (q, qlon, qlat) = *centroids[1..]
        .iter()
        .min_by(|a, b| geo::km(plat, plon, a.2, a.1).total_cmp(&geo::km(plat, plon, b.2, b.1)))
        .unwrap();
    let (lat, lon) = ((plat + qlat) / 2.0, (plon + qlon) / 2.0);
    let (nearest, runner_up) = geo::nearest_precincts(lat, lon, 1.0);
    let mut both = [nearest.unwrap(), runner_up.unwrap()];
    both.sort_unstable();
    let mut expected = [p, q];
    expected.sort_unstable();
    assert_eq!(both, expected);
    // At a label point itself, only its own precinct.
    assert_eq!(geo::nearest_precincts(plat, plon, 1.0), (Some(p), None));
    let point = |lat: f64, lon: f64| {
        incident_features(&format!(r#"{{"date": "2026-03-05", "place": {{"lat": {lat}, "lon": {lon}}}}}"#))
            .location
            .unwrap()
    };
    let named = |precinct: u32| {
        incident_features(&format!(r#"{{"date": "2026-03-05", "place": {{"precinct": {precinct}}}}}"#))
            .location
            .unwrap()
    };
    assert!(point(lat, lon).same_precinct(&named(p)));
    assert!(named(q).same_precinct(&point(lat, lon)));
    assert!(!point(plat, plon).same_precinct(&named(q)));
}

#[test]
fn sharpening_reads_each_fields_m_from_pairs_the_other_fields_are_sure_of() {
    use scoring::{COMMAND, FIELDS, MAX_LEVELS, NF, PLACE, TITLE};
    let top = |f: usize| (FIELDS[f].levels - 1) as u8;
    let mut u = [[0.0; MAX_LEVELS]; NF];
    for (row, spec) in u.iter_mut().zip(FIELDS.iter()) {
        for slot in &mut row[1..spec.levels] {
            *slot = 1.0 / (spec.levels - 1) as f64;
        }
    }
    // Related pairs agree on everything, but one in eleven disagrees on the titles.
    let agreeing: [u8; NF] = std::array::from_fn(top);
    let mut disagreeing = agreeing;
    disagreeing[TITLE] = 1;
    // Unrelated pairs disagree on everything; neighbours agree on the unit and the place.
    let strangers = [1u8; NF];
    let mut neighbours = strangers;
    neighbours[COMMAND] = top(COMMAND);
    neighbours[PLACE] = top(PLACE);
    let patterns = vec![(agreeing, 1_000.0), (disagreeing, 100.0), (strangers, 1e7), (neighbours, 1e5)];
    // EM's blurred estimate: half the true m, half u.
    let mut m = [[0.0; MAX_LEVELS]; NF];
    for f in 0..NF {
        for l in 1..FIELDS[f].levels {
            let truth = if l == usize::from(top(f)) { 1.0 } else { 0.0 };
            m[f][l] = 0.5 * truth + 0.5 * u[f][l];
        }
    }
    m[TITLE][1] = 0.5 * (100.0 / 1_100.0) + 0.5 * u[TITLE][1];
    let sharp = scoring::sharpened(&patterns, &m, &u, [false; NF], 1e-2);
    let title_disagrees = sharp[TITLE][1];
    assert!((title_disagrees - 100.0 / 1_100.0).abs() < 0.01, "{title_disagrees}");
    // The neighbours, alike on the unit and the place only, did not count as related.
    assert!(sharp[COMMAND][usize::from(top(COMMAND))] > 0.95);
    assert!(sharp[PLACE][1] <= 0.011, "{}", sharp[PLACE][1]);
    // No level falls below about 1 % (1 % before the row is made to sum to one).
    assert!((1..FIELDS[PLACE].levels).all(|l| sharp[PLACE][l] >= 0.009));
}

#[test]
fn a_report_left_out_of_every_series_joins_the_one_its_weak_links_point_to_when_the_profiles_hold_together() {
    let (reports, _) = generate(&GenerateSettings { reports: 3_000, seed: 5, ..GenerateSettings::default() });
    let engine = Engine::build(&reports, &Settings::default(), &mut NoProgress);
    let corpus = &engine.corpus;
    let s = grouping::GroupingSettings {
        threshold: engine.threshold,
        incident_hours: 3.0,
        incident_km: 1.0,
        max_incident_size: 12,
        max_series_size: 60,
        series_threshold: engine.threshold,
    };
    // Take the series apart again into the state before the step: a report that the step
    // joined is one whose removal and re-attachment gives the same series.
    let (mut tried, mut fitted) = (0, 0);
    for (g, members) in engine.groups.series.iter().enumerate().filter(|(_, m)| m.len() >= 3) {
        for &r in members.iter().take(2) {
            let rest: Vec<u32> = members.iter().copied().filter(|&x| x != r).collect();
            let mut groups = engine.groups.clone();
            groups.series[g] = rest.clone();
            let (total, actors) = grouping::mean_cross(corpus, &engine.model, &[r], &rest);
            let fits = grouping::holds_together(total, actors, s.series_threshold);
            // A weak link (half the threshold) to one member names the series.
            let link = [(r.min(rest[0]), r.max(rest[0]), engine.threshold / 2.0)];
            grouping::attach_strays(corpus, &engine.model, &mut groups, &link, &s);
            assert_eq!(groups.series[g].contains(&r), fits, "report {r}, series {g}");
            // Without any link, nothing is tried.
            let mut untouched = engine.groups.clone();
            untouched.series[g] = rest.clone();
            grouping::attach_strays(corpus, &engine.model, &mut untouched, &[], &s);
            assert_eq!(untouched.series[g], rest);
            tried += 1;
            fitted += usize::from(fits);
        }
    }
    assert!(tried >= 10 && fitted >= 1, "{tried} tried, {fitted} fit");
}

#[test]
fn text_keys_compare_exactly_as_the_texts() {
    use super::features::TextKey;
    let texts: Vec<Option<String>> = [None, Some(""), Some("en"), Some("es"), Some("sedan"), Some("seven77")]
        .into_iter()
        .map(|t| t.map(str::to_owned))
        .chain(["chevrolet", "chevroleT", "grand cherokee", "grand cherokeE"].map(|t| Some(t.to_owned())))
        .collect();
    for x in &texts {
        for y in &texts {
            let (kx, ky) = (TextKey::of(x.as_deref()), TextKey::of(y.as_deref()));
            assert_eq!(kx.same(ky, x, y), x == y, "{x:?} against {y:?}");
            assert_eq!(kx.is_some(), x.is_some());
        }
    }
}

/// Comparisons made with the keys give the levels that comparing the texts gave: vehicles
/// that differ in one text only, and narratives in two languages.
#[test]
fn vehicle_and_language_levels_follow_the_texts() {
    let (reports, _) = small(600, 11);
    let features: Vec<Features> = reports.iter().map(|r| Features::of(r, Registry::nypd())).collect();
    let corpus = scoring::Corpus::new(features);
    let (mut vehicles, mut languages) = (0usize, 0usize);
    for a in 0..corpus.len() {
        for b in (a + 1)..corpus.len().min(a + 60) {
            let (fa, fb) = (&corpus.features[a], &corpus.features[b]);
            let c = corpus.compare(a, b);
            if !fa.vehicles.is_empty() && !fb.vehicles.is_empty() {
                vehicles += 1;
                let mut best = 1u8;
                for x in &fa.vehicles {
                    for y in &fb.vehicles {
                        let conflict = matches!((&x.kind, &y.kind), (Some(p), Some(q)) if p != q)
                            || matches!((&x.color, &y.color), (Some(p), Some(q)) if p != q);
                        let level = if conflict {
                            1
                        } else if x.make.is_some() && x.model.is_some() && x.make == y.make && x.model == y.model {
                            4
                        } else if x.kind.is_some() && x.color.is_some() && x.kind == y.kind && x.color == y.color {
                            3
                        } else if (x.kind.is_some() && x.kind == y.kind) || (x.make.is_some() && x.make == y.make) {
                            2
                        } else {
                            1
                        };
                        best = best.max(level);
                    }
                }
                assert_eq!(c.levels[scoring::VEHICLE], best, "reports {a} and {b}");
            }
            if fa.language.is_some() && fb.language.is_some() && fa.language != fb.language {
                languages += 1;
                assert_eq!(c.levels[scoring::NARRATIVE], 0, "reports {a} and {b}");
            }
        }
    }
    assert!(vehicles > 100 && languages > 100, "{vehicles} vehicle pairs, {languages} language pairs");
}

/// The scoring loop's precomputed weights give every candidate pair the score and the
/// same-event odds the model gives, to the bit.
#[test]
fn the_weigher_scores_as_the_model_does() {
    let (reports, _) = small(800, 5);
    let engine = Engine::build(&reports, &Settings::default(), &mut NoProgress);
    let weigher = scoring::Weigher::new(&engine.model);
    let mut pairs = 0;
    for a in 0..engine.corpus.len() {
        for b in engine.index.candidates_of(a) {
            let c = engine.corpus.compare(a, b as usize);
            let (by_model, by_weigher) =
                (engine.model.score_of(&engine.corpus, &c), weigher.score_of(&engine.corpus, &c));
            assert_eq!(by_model.to_bits(), by_weigher.to_bits(), "reports {a} and {b}");
            let (fa, fb) = (&engine.corpus.features[a], &engine.corpus.features[b as usize]);
            assert_eq!(
                engine.model.event.score(&engine.corpus, fa, fb, &c).to_bits(),
                weigher.event_score(&engine.corpus, fa, fb, &c).to_bits(),
                "reports {a} and {b}"
            );
            pairs += 1;
        }
    }
    assert!(pairs > 1_000, "{pairs} pairs");
}
