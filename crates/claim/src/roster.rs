//! The department's roster: the member model and the CSV file of `docs/contracts/roster-v1.md`.
//!
//! A roster file is accepted whole or not at all: [`parse_roster`] either returns every
//! member, or every bad line with its line number and reason.

use std::collections::HashMap;
use std::fmt;
use std::io;

use serde::Serialize;

use shieldcheck_nypd::rank::{Rank, ShieldSeries};
use shieldcheck_nypd::registry::Registry;
use shieldcheck_nypd::text::{is_ascii_digits, is_forbidden_char};

/// The columns of a roster file, in contract order.
pub const COLUMNS: [&str; 10] = [
    "member_id",
    "last_name",
    "first_name",
    "rank",
    "shield_number",
    "tax_registry_number",
    "command_code",
    "squad",
    "status",
    "photo_sha256",
];

/// The longest value accepted in any roster field, in characters.
pub const MAX_FIELD_CHARS: usize = 200;

/// A member's duty status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    Active,
    Suspended,
    ModifiedDuty,
    Retired,
    Terminated,
}

impl MemberStatus {
    pub const ALL: [MemberStatus; 5] = [
        MemberStatus::Active,
        MemberStatus::Suspended,
        MemberStatus::ModifiedDuty,
        MemberStatus::Retired,
        MemberStatus::Terminated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Active => "active",
            MemberStatus::Suspended => "suspended",
            MemberStatus::ModifiedDuty => "modified_duty",
            MemberStatus::Retired => "retired",
            MemberStatus::Terminated => "terminated",
        }
    }

    pub fn parse(s: &str) -> Option<MemberStatus> {
        let s = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        MemberStatus::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// One member of the roster, validated.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct RosterMember {
    pub member_id: String,
    pub last_name: String,
    pub first_name: String,
    pub rank: Rank,
    pub shield_number: Option<String>,
    pub tax_registry_number: String,
    /// A code of the command registry, in its canonical form ("34", "TD4").
    pub command_code: String,
    pub squad: Option<String>,
    pub status: MemberStatus,
    pub photo_sha256: Option<String>,
}

// The roster is personnel data: keep names and numbers out of logs.
impl fmt::Debug for RosterMember {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RosterMember")
            .field("rank", &self.rank)
            .field("command_code", &self.command_code)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl RosterMember {
    pub fn shield_series(&self) -> Option<ShieldSeries> {
        self.rank.shield_series()
    }
}

/// Why a roster line was refused. The code is stable; the text explains it to a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterProblem {
    /// The line of the file (1 is the header).
    pub line: u64,
    /// The column at fault, when one is.
    pub column: Option<&'static str>,
    pub code: &'static str,
    pub reason: String,
}

impl fmt::Display for RosterProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(column) => write!(f, "line {}: {}: {} ({})", self.line, column, self.reason, self.code),
            None => write!(f, "line {}: {} ({})", self.line, self.reason, self.code),
        }
    }
}

/// A refused roster file: every problem found, in line order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("the roster file has {} problem(s); nothing was changed", problems.len())]
pub struct RosterRejected {
    pub problems: Vec<RosterProblem>,
}

/// Reads and validates a whole roster file. Accepts a UTF-8 byte-order mark and CRLF line ends.
pub fn parse_roster(bytes: &[u8], registry: &Registry) -> Result<Vec<RosterMember>, RosterRejected> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // The CSV reader numbers lines wrongly after a CRLF, so CRLF becomes LF first. No valid
    // field can hold a CR or LF (they are control characters), so no value changes.
    let normalised;
    let bytes = if bytes.windows(2).any(|w| w == b"\r\n") {
        normalised = crlf_to_lf(bytes);
        normalised.as_slice()
    } else {
        bytes
    };
    let mut problems = Vec::new();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut records = reader.byte_records();

    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => return Err(one(1, None, "unreadable_csv", e.to_string())),
        None => {
            return Err(one(1, None, "empty_file", "the file is empty; expected a header row".into()));
        }
    };
    let header: Vec<String> = header.iter().map(|h| String::from_utf8_lossy(h).trim().to_ascii_lowercase()).collect();
    let mut index = [0usize; COLUMNS.len()];
    for (i, column) in COLUMNS.iter().enumerate() {
        match header.iter().position(|h| h == column) {
            Some(at) => index[i] = at,
            None => problems.push(RosterProblem {
                line: 1,
                column: Some(column),
                code: "missing_column",
                reason: format!("the header has no {column} column"),
            }),
        }
    }
    for extra in header.iter().filter(|h| !COLUMNS.contains(&h.as_str())) {
        problems.push(RosterProblem {
            line: 1,
            column: None,
            code: "unknown_column",
            reason: format!("the header has an unknown column {extra:?}"),
        });
    }
    if !problems.is_empty() {
        return Err(RosterRejected { problems });
    }

    let mut members = Vec::new();
    let mut seen_ids: HashMap<String, u64> = HashMap::new();
    let mut seen_shields: HashMap<(ShieldSeries, String), u64> = HashMap::new();
    let mut seen_tax: HashMap<String, u64> = HashMap::new();
    let mut line = 1;
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let at = e.position().map_or(line + 1, |p| p.line());
                problems.push(RosterProblem { line: at, column: None, code: "unreadable_csv", reason: e.to_string() });
                break;
            }
        };
        line = record.position().map_or(line + 1, |p| p.line());
        if record.len() == 1 && record.get(0).is_some_and(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue; // A blank line, such as a trailing CRLF.
        }
        if record.len() != header.len() {
            problems.push(RosterProblem {
                line,
                column: None,
                code: "wrong_field_count",
                reason: format!("expected {} fields, found {}", header.len(), record.len()),
            });
            continue;
        }
        let mut fields: [&str; COLUMNS.len()] = [""; COLUMNS.len()];
        let mut bad = false;
        for (i, column) in COLUMNS.iter().enumerate() {
            let raw = record.get(index[i]).unwrap_or_default();
            match std::str::from_utf8(raw) {
                Ok(text) => {
                    let text = text.trim();
                    if let Some(problem) = field_problem(line, column, text) {
                        problems.push(problem);
                        bad = true;
                    }
                    fields[i] = text;
                }
                Err(_) => {
                    problems.push(RosterProblem {
                        line,
                        column: Some(column),
                        code: "invalid_utf8",
                        reason: "the value is not valid UTF-8".into(),
                    });
                    bad = true;
                }
            }
        }
        if bad {
            continue;
        }
        // Duplicates are found from the raw values, so that a line with other faults still
        // reports them too. Each names the line where the value first appeared.
        let [member_id, _, _, rank, shield, tax, ..] = fields;
        let mut duplicate = |column: &'static str, first: u64, what: &str| {
            if first != line {
                problems.push(RosterProblem {
                    line,
                    column: Some(column),
                    code: "duplicate",
                    reason: format!("{what} already appears on line {first}"),
                });
            }
        };
        if !member_id.is_empty() {
            duplicate("member_id", *seen_ids.entry(member_id.to_owned()).or_insert(line), "this member id");
        }
        if !tax.is_empty() {
            let first = *seen_tax.entry(tax.to_owned()).or_insert(line);
            duplicate("tax_registry_number", first, "this tax registry number");
        }
        if let (Some(series), false) = (Rank::parse(rank).and_then(Rank::shield_series), shield.is_empty()) {
            let first = *seen_shields.entry((series, shield.to_owned())).or_insert(line);
            duplicate("shield_number", first, "this shield number in the same rank series");
        }
        match member_from_fields(line, &fields, registry) {
            Ok(member) => members.push(member),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if problems.is_empty() { Ok(members) } else { Err(RosterRejected { problems }) }
}

fn crlf_to_lf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        if !(b == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
            out.push(b);
        }
    }
    out
}

fn one(line: u64, column: Option<&'static str>, code: &'static str, reason: String) -> RosterRejected {
    RosterRejected { problems: vec![RosterProblem { line, column, code, reason }] }
}

fn field_problem(line: u64, column: &'static str, text: &str) -> Option<RosterProblem> {
    let problem = |code, reason: &str| Some(RosterProblem { line, column: Some(column), code, reason: reason.into() });
    if text.chars().any(is_forbidden_char) {
        return problem("invalid_characters", "the value contains control or bidirectional-override characters");
    }
    if text.chars().count() > MAX_FIELD_CHARS {
        return problem("too_long", "the value is longer than 200 characters");
    }
    None
}

fn member_from_fields(
    line: u64,
    f: &[&str; COLUMNS.len()],
    registry: &Registry,
) -> Result<RosterMember, Vec<RosterProblem>> {
    let mut problems = Vec::new();
    let mut problem = |column: &'static str, code: &'static str, reason: String| {
        problems.push(RosterProblem { line, column: Some(column), code, reason });
    };
    let [member_id, last_name, first_name, rank, shield, tax, command, squad, status, photo] = *f;
    if member_id.is_empty() {
        problem("member_id", "required", "a member id is required".into());
    }
    if last_name.is_empty() {
        problem("last_name", "required", "a last name is required".into());
    }
    let rank = Rank::parse(rank);
    if rank.is_none() {
        problem("rank", "unknown_rank", format!("{:?} is not an NYPD rank or title", f[3]));
    }
    if let Some(rank) = rank
        && !shield.is_empty()
        && rank.shield_series().is_none()
    {
        problem("shield_number", "unexpected_shield", format!("a {rank} has no shield number; leave it empty"));
    }
    if !shield.is_empty() && !is_ascii_digits(shield) {
        problem("shield_number", "not_a_number", format!("{shield:?} is not a number"));
    }
    if tax.is_empty() {
        problem("tax_registry_number", "required", "every member has a tax registry number".into());
    } else if !is_ascii_digits(tax) {
        problem("tax_registry_number", "not_a_number", format!("{tax:?} is not a number"));
    }
    let command_code = registry.command(command).map(|c| c.code.clone());
    if command_code.is_none() {
        problem("command_code", "unknown_command", format!("{command:?} is not a precinct number or command code"));
    }
    let status = MemberStatus::parse(status);
    if status.is_none() {
        problem(
            "status",
            "unknown_status",
            format!("{:?} is not one of active, suspended, modified_duty, retired, terminated", f[8]),
        );
    }
    let is_sha256 = photo.len() == 64 && photo.bytes().all(|b| b.is_ascii_hexdigit());
    if !photo.is_empty() && !is_sha256 {
        problem("photo_sha256", "not_a_sha256", "expected 64 hexadecimal digits".into());
    }
    match (rank, command_code, status) {
        (Some(rank), Some(command_code), Some(status)) if problems.is_empty() => Ok(RosterMember {
            member_id: member_id.to_owned(),
            last_name: last_name.to_owned(),
            first_name: first_name.to_owned(),
            rank,
            shield_number: (!shield.is_empty()).then(|| shield.to_owned()),
            tax_registry_number: tax.to_owned(),
            command_code,
            squad: (!squad.is_empty()).then(|| squad.to_owned()),
            status,
            photo_sha256: (!photo.is_empty()).then(|| photo.to_ascii_lowercase()),
        }),
        _ => Err(problems),
    }
}

/// Writes members as a roster file (header, then one row per member, LF line ends), in the
/// order given. Reading the output back with [`parse_roster`] yields the same members.
pub fn write_roster<W: io::Write>(members: &[RosterMember], out: W) -> Result<(), csv::Error> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    writer.write_record(COLUMNS)?;
    for m in members {
        writer.write_record([
            m.member_id.as_str(),
            &m.last_name,
            &m.first_name,
            m.rank.as_str(),
            m.shield_number.as_deref().unwrap_or(""),
            &m.tax_registry_number,
            &m.command_code,
            m.squad.as_deref().unwrap_or(""),
            m.status.as_str(),
            m.photo_sha256.as_deref().unwrap_or(""),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_written_one_way() {
        for status in MemberStatus::ALL {
            let json = serde_json::to_value(status).unwrap();
            assert_eq!(json, serde_json::Value::String(status.as_str().to_owned()));
            assert_eq!(MemberStatus::parse(status.as_str()), Some(status));
        }
        // The roster file may say it as people write it.
        assert_eq!(MemberStatus::parse(" Modified Duty "), Some(MemberStatus::ModifiedDuty));
        assert_eq!(MemberStatus::parse("on leave"), None);
    }

    const HEADER: &str = "member_id,last_name,first_name,rank,shield_number,tax_registry_number,command_code,squad,status,photo_sha256\n";

    fn parse(body: &str) -> Result<Vec<RosterMember>, RosterRejected> {
        parse_roster(format!("{HEADER}{body}").as_bytes(), Registry::nypd())
    }

    fn codes(r: Result<Vec<RosterMember>, RosterRejected>) -> Vec<(u64, &'static str)> {
        r.expect_err("must be refused").problems.iter().map(|p| (p.line, p.code)).collect()
    }

    #[test]
    fn reads_the_contract_example() {
        let members = parse(
            "M0012345,Rivera,Ana,Detective Second Grade,4471,948213,34,Detective Squad,active,\n\
             M0098765,Chen,Wei,Police Officer,20711,951002,NBMN,Narcotics,active,\n\
             M0011111,Okafor,James,Lieutenant,,912345,TD4,,active,\n",
        )
        .expect("valid");
        assert_eq!(members.len(), 3);
        assert_eq!(members[0].rank, Rank::DetectiveSecondGrade);
        assert_eq!(members[2].shield_number, None);
        let mut out = Vec::new();
        write_roster(&members, &mut out).expect("write");
        assert_eq!(parse_roster(&out, Registry::nypd()).expect("round trip"), members);
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let text = format!("\u{FEFF}{}", HEADER.replace('\n', "\r\n"))
            + "M1,Rivera,Ana,Detective,4471,948213,034,,active,\r\n";
        let members = parse_roster(text.as_bytes(), Registry::nypd()).expect("valid");
        assert_eq!(members[0].command_code, "34");
        let bad = text + "M1,Rivera,Ana,Detective,4472,948214,34,,active,\r\n";
        assert_eq!(codes(parse_roster(bad.as_bytes(), Registry::nypd())), [(3, "duplicate")]);
    }

    #[test]
    fn reports_every_bad_line() {
        let result = parse(
            "M1,Rivera,Ana,Detective,4471,948213,34,,active,\n\
             M1,Rivera,Bob,Detective,4472,948214,34,,active,\n\
             M3,Chen,Wei,Police Officer,4471,948215,34,,active,\n\
             M4,Diaz,Eva,Detective Third Grade,4471,948216,34,,active,\n\
             M5,Okafor,James,Lieutenant,,948213,TD9,,active,\n\
             M6,Smith,Jo,Admiral,1,948217,34,,on leave,\n",
        );
        assert_eq!(
            codes(result),
            [
                (3, "duplicate"),
                (5, "duplicate"),
                (6, "duplicate"),
                (6, "unknown_command"),
                (7, "unknown_rank"),
                (7, "unknown_status"),
            ]
        );
    }

    #[test]
    fn refuses_missing_columns_and_hostile_values() {
        let text = "member_id,last_name,first_name,rank,shield_number,command_code,squad,status,photo_sha256\n";
        assert_eq!(codes(parse_roster(text.as_bytes(), Registry::nypd())), [(1, "missing_column")]);
        assert_eq!(codes(parse("M1,Rive\u{202E}ra,Ana,Detective,1,2,34,,active,\n")), [(2, "invalid_characters")]);
        assert_eq!(codes(parse(&format!("M1,{},Ana,Detective,1,2,34,,active,\n", "x".repeat(201)))), [(2, "too_long")]);
        assert_eq!(codes(parse("M1,Rivera,Ana,Detective,1,2,34,,active\n")), [(2, "wrong_field_count")]);
        assert_eq!(codes(parse("M1,Rivera,Ana,Lieutenant,7,2,34,,active,\n")), [(2, "unexpected_shield")]);
        assert_eq!(codes(parse_roster(b"", Registry::nypd())), [(1, "empty_file")]);
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(b"M1,Riv\xFFera,Ana,Detective,1,2,34,,active,\n");
        assert_eq!(codes(parse_roster(&bytes, Registry::nypd())), [(2, "invalid_utf8")]);
    }

    #[test]
    fn sql_metacharacters_are_just_text() {
        let members =
            parse("M1'; DROP TABLE roster;--,O'Brien,\"Ana \"\"x\"\"\",Detective,1,2,34,,active,\n").expect("valid");
        assert_eq!(members[0].member_id, "M1'; DROP TABLE roster;--");
        assert_eq!(members[0].first_name, "Ana \"x\"");
    }
}
