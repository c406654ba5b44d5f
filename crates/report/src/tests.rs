use super::*;

const EXAMPLE: &str = r#"{
  "ref": "partner-17/2026-0042",
  "source": "web",
  "submitted_at": "2026-03-14T09:02:11-04:00",
  "language": "es",
  "incident": {
    "started_at": "2026-03-14T06:40:00-04:00",
    "date": "2026-03-14",
    "time_of_day": "early_morning",
    "place": {
      "kind": "home",
      "precinct": 34,
      "borough": "Manhattan",
      "description": "building on Post Ave near 207 St",
      "lat": 40.8682,
      "lon": -73.9212
    }
  },
  "claims": {
    "agencies": ["NYPD"],
    "titles": ["detective"],
    "units": ["narcotics squad", "the three-four"],
    "precincts": [34],
    "names": ["Det. Rivera"],
    "shield_numbers": ["4471"],
    "attire": ["jacket: POLICE NY"],
    "showed": ["badge", "photo_of_person"],
    "verification_offered": "said I could call the 34th precinct at a number they wrote down"
  },
  "actors": { "count": 3, "description": "two men and a woman, plain clothes" },
  "vehicles": [
    { "kind": "suv", "color": "black", "make": "Ford", "model": "Explorer", "plate": "HXR 45", "plate_state": "NJ" }
  ],
  "asks": ["asked_for_person_by_name", "showed_photo", "asked_for_phone_number", "come_to_precinct"],
  "outcome": "detained_someone",
  "check": { "done": true, "result": "no_match" },
  "narrative": "Tocaron a las 6:40, dijeron que eran detectives de la 34 ...",
  "reporter": { "role": "family", "contact": "+1 917 555 0100", "wants_contact": true }
}"#;

#[track_caller]
fn refused(json: &str, field: &str, code: ReportErrorCode) {
    let error = Report::from_json(json.as_bytes()).expect_err("the report should be refused");
    assert!(error.errors.iter().any(|e| e.field == field && e.code == code), "expected {field} {code:?}, got {error}");
}

#[test]
fn the_contract_example_parses_and_round_trips_exactly() {
    let report = Report::from_json(EXAMPLE.as_bytes()).expect("the contract's example is valid");
    assert_eq!(report.reference.as_deref(), Some("partner-17/2026-0042"));
    assert_eq!(report.source, Some(Source::Web));
    assert_eq!(report.reporter.as_ref().and_then(|r| r.role), Some(ReporterRole::Family));
    let line = report.to_json_line();
    assert!(!line.contains('\n'));
    let original: serde_json::Value = serde_json::from_str(EXAMPLE).expect("json");
    let written: serde_json::Value = serde_json::from_str(&line).expect("json");
    assert_eq!(original, written);
    assert_eq!(Report::from_json(line.as_bytes()).expect("reparse"), report);
}

#[test]
fn a_narrative_alone_or_one_ask_is_enough() {
    Report::from_json(br#"{"narrative": "They said they were police."}"#).expect("narrative only");
    Report::from_json(br#"{"asks": ["open_door"]}"#).expect("one ask");
    Report::from_json(br#"{"claims": {"titles": ["detective"]}}"#).expect("one claim");
    let minimal = Report::from_json(br#"{"narrative": "x"}"#).expect("minimal");
    assert_eq!(minimal.to_json_line(), r#"{"narrative":"x"}"#, "absent fields stay absent");
    let empty_list = Report::from_json(br#"{"narrative": "x", "asks": []}"#).expect("empty list");
    assert_eq!(empty_list.to_json_line(), r#"{"asks":[],"narrative":"x"}"#, "an empty list stays");
}

#[test]
fn nothing_said_is_refused() {
    refused("{}", "", ReportErrorCode::NothingReported);
    refused(r#"{"narrative": "   ", "asks": []}"#, "narrative", ReportErrorCode::Empty);
    refused(r#"{"source": "web"}"#, "", ReportErrorCode::NothingReported);
}

#[test]
fn unknown_fields_are_named_by_their_path() {
    refused(r#"{"narrative": "x", "narative": "typo"}"#, "narative", ReportErrorCode::UnknownField);
    refused(r#"{"narrative": "x", "claims": {"title": ["police"]}}"#, "claims.title", ReportErrorCode::UnknownField);
    refused(
        r#"{"narrative": "x", "vehicles": [{"kind": "suv"}, {"colour": "red"}]}"#,
        "vehicles[1].colour",
        ReportErrorCode::UnknownField,
    );
}

#[test]
fn the_format_never_takes_immigration_status_nationality_or_ethnicity() {
    for field in ["immigration_status", "nationality", "ethnicity"] {
        refused(&format!(r#"{{"narrative": "x", "{field}": "any"}}"#), field, ReportErrorCode::UnknownField);
        refused(
            &format!(r#"{{"narrative": "x", "reporter": {{"{field}": "any"}}}}"#),
            &format!("reporter.{field}"),
            ReportErrorCode::UnknownField,
        );
    }
}

#[test]
fn closed_lists_refuse_unknown_values() {
    refused(r#"{"asks": ["open_door", "bribe"]}"#, "asks[1]", ReportErrorCode::UnknownValue);
    refused(r#"{"narrative": "x", "source": "email"}"#, "source", ReportErrorCode::UnknownValue);
    refused(r#"{"claims": {"titles": ["captain"]}}"#, "claims.titles[0]", ReportErrorCode::UnknownValue);
    refused(r#"{"narrative": "x", "check": {"result": "maybe"}}"#, "check.result", ReportErrorCode::UnknownValue);
    refused(r#"{"narrative": "x", "reporter": {"role": "lawyer"}}"#, "reporter.role", ReportErrorCode::UnknownValue);
}

#[test]
fn wrong_types_are_refused() {
    refused(r#"{"narrative": 7}"#, "narrative", ReportErrorCode::WrongType);
    refused(
        r#"{"narrative": "x", "claims": {"precincts": ["34"]}}"#,
        "claims.precincts[0]",
        ReportErrorCode::WrongType,
    );
    refused(r#"{"narrative": "x", "actors": {"count": -1}}"#, "actors.count", ReportErrorCode::WrongType);
    refused(r#"["narrative"]"#, "", ReportErrorCode::WrongType);
}

#[test]
fn times_dates_and_ranges_are_checked() {
    refused(r#"{"narrative": "x", "submitted_at": "yesterday"}"#, "submitted_at", ReportErrorCode::InvalidTime);
    refused(
        r#"{"narrative": "x", "incident": {"started_at": "2026-03-14T06:40:00"}}"#,
        "incident.started_at",
        ReportErrorCode::InvalidTime,
    );
    refused(r#"{"narrative": "x", "incident": {"date": "2026-02-30"}}"#, "incident.date", ReportErrorCode::InvalidTime);
    refused(
        r#"{"narrative": "x", "incident": {"place": {"lat": 91}}}"#,
        "incident.place.lat",
        ReportErrorCode::OutOfRange,
    );
    refused(r#"{"claims": {"precincts": [0]}}"#, "claims.precincts[0]", ReportErrorCode::OutOfRange);
    refused(r#"{"narrative": "x", "actors": {"count": 0}}"#, "actors.count", ReportErrorCode::OutOfRange);
    refused(r#"{"narrative": "x", "language": "Spanish!"}"#, "language", ReportErrorCode::InvalidLanguage);
}

#[test]
fn several_problems_are_reported_together() {
    let error = Report::from_json(
        br#"{"narrative": "x", "language": "??", "incident": {"date": "14/03/2026"}, "actors": {"count": 500}}"#,
    )
    .expect_err("three problems");
    let fields: Vec<&str> = error.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["language", "incident.date", "actors.count"]);
}

#[test]
fn hostile_input_gets_a_clear_code() {
    refused(&"x".repeat(10), "", ReportErrorCode::InvalidJson);
    let long = "ñ".repeat(MAX_NARRATIVE_CHARS + 1);
    refused(&format!(r#"{{"narrative": "{long}"}}"#), "narrative", ReportErrorCode::TooLong);
    let at_limit = "ñ".repeat(MAX_NARRATIVE_CHARS);
    Report::from_json(format!(r#"{{"narrative": "{at_limit}"}}"#).as_bytes()).expect("20,000 characters fit");

    let error = Report::from_json(b"{\"narrative\": \"caf\xe9\"}").expect_err("latin-1");
    assert_eq!(error.code(), ReportErrorCode::InvalidUtf8);

    let big = vec![b' '; 10 * 1024 * 1024];
    assert_eq!(Report::from_json(&big).expect_err("10 MB").code(), ReportErrorCode::TooLarge);

    let nested = format!(r#"{{"narrative": "x", "claims": {}{}}}"#, "[".repeat(5000), "]".repeat(5000));
    assert_eq!(Report::from_json(nested.as_bytes()).expect_err("nested").code(), ReportErrorCode::WrongType);
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(Report::from_json(deep.as_bytes()).is_err(), "deep nesting neither overflows nor passes");

    refused(r#"{"narrative": "x"} {"narrative": "y"}"#, "", ReportErrorCode::InvalidJson);
    refused(r#"{"narrative": "cut"#, "", ReportErrorCode::InvalidJson);
    refused("{\"narrative\": \"bell\\u0007\"}", "narrative", ReportErrorCode::InvalidCharacters);
    Report::from_json("{\"narrative\": \"line one\\nline two\\tand a tab\"}".as_bytes()).expect("line breaks are text");
    refused(r#"{"narrative": "x", "claims": {"names": ["", "a"]}}"#, "claims.names[0]", ReportErrorCode::Empty);
    let many = vec!["\"open_door\""; MAX_LIST_ITEMS + 1].join(",");
    refused(&format!(r#"{{"asks": [{many}]}}"#), "asks", ReportErrorCode::TooLong);
}

#[test]
fn timestamps_keep_their_local_hour() {
    let at = parse_timestamp("2026-03-14T06:40:00-04:00").expect("valid");
    assert_eq!(at.local_hour(), 6);
    assert_eq!(at.unix, 1_773_484_800);
    assert_eq!(parse_timestamp("2026-03-14T10:40:00Z").map(|t| t.unix), Some(at.unix));
    assert_eq!(parse_timestamp("2026-03-14T10:40:00.125Z").map(|t| t.unix), Some(at.unix));
    assert_eq!(TimeOfDay::of_hour(at.local_hour()), TimeOfDay::EarlyMorning);
    for bad in ["2026-03-14T24:00:00Z", "2026-13-01T00:00:00Z", "2026-03-14T06:40:00+4:00", "2026-03-14"] {
        assert_eq!(parse_timestamp(bad), None, "{bad}");
    }
    for days in [-1_000, 0, 19_000, 20_526, 100_000] {
        let (y, m, d) = civil_from_days(days);
        assert_eq!(days_from_civil(y, m, d), days);
    }
    assert_eq!(parse_date("2024-02-29"), Some(19_782));
    assert_eq!(parse_date("2023-02-29"), None);
}

#[test]
fn every_error_code_has_a_distinct_stable_name() {
    use std::collections::HashSet;
    let codes = [
        ReportErrorCode::InvalidUtf8,
        ReportErrorCode::InvalidJson,
        ReportErrorCode::TooLarge,
        ReportErrorCode::UnknownField,
        ReportErrorCode::UnknownValue,
        ReportErrorCode::WrongType,
        ReportErrorCode::InvalidTime,
        ReportErrorCode::OutOfRange,
        ReportErrorCode::TooLong,
        ReportErrorCode::Empty,
        ReportErrorCode::InvalidCharacters,
        ReportErrorCode::InvalidLanguage,
        ReportErrorCode::NothingReported,
    ];
    let names: HashSet<&str> = codes.iter().map(|c| c.as_str()).collect();
    assert_eq!(names.len(), codes.len());
    for code in codes {
        assert_eq!(serde_json::to_value(code).expect("json"), serde_json::Value::String(code.as_str().to_owned()));
    }
}

#[test]
fn sources_are_written_one_way() {
    // serde's spelling (the contract's JSON) and `as_str` (the store's column) agree, and
    // `parse` is `as_str` read back.
    for source in Source::ALL {
        let json = serde_json::to_value(source).expect("json");
        assert_eq!(json, serde_json::Value::String(source.as_str().to_owned()));
        assert_eq!(serde_json::from_value::<Source>(json).expect("reads back"), source);
        assert_eq!(Source::parse(source.as_str()), Some(source));
    }
    assert_eq!(Source::parse("Web"), None);
}
