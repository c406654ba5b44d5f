//! `shieldcheck demo`: a fresh database with a synthetic roster of about 36,000 members over
//! the real commands (realistic rank mix, separate shield series, synthetic names — none is a
//! real person), then the server, with a list of things to try.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom as _, SliceRandom as _};
use rand::{Rng as _, SeedableRng as _};
use shieldcheck_claim::roster::{MemberStatus, RosterMember};
use shieldcheck_nypd::rank::{Rank, ShieldSeries};
use shieldcheck_nypd::registry::{CommandKind, Registry};
use shieldcheck_service::settings::Settings;

use super::{keys, serve, team_keys};
use crate::passphrase::PASSPHRASE_VAR;
use crate::store;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Seed the demo database and exit without serving.
    #[arg(long)]
    seed_only: bool,
    /// The address to serve on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: std::net::SocketAddr,
}

/// Where the demo lives unless `--database-url` says otherwise; never the real database.
const DEMO_DB: &str = "shieldcheck-data/demo.db";
/// The demo's case-team identity: reports made on the demo's `/report` are sealed to it, and
/// `reports export --identity` opens them.
const DEMO_TEAM_IDENTITY: &str = "shieldcheck-data/demo-team-identity.txt";
/// The demo's issuer key passphrase (unless SHIELDCHECK_KEY_PASSPHRASE is set). Not a secret:
/// the demo's keys sign nothing anyone should trust.
const DEMO_PASSPHRASE: &str = "shieldcheck demo passphrase, not a secret";

/// Fixed members the printed examples refer to.
fn showcase() -> Vec<RosterMember> {
    let m = |id: &str,
             last: &str,
             first: &str,
             rank,
             shield: Option<&str>,
             tax: &str,
             cmd: &str,
             squad: Option<&str>,
             status| {
        RosterMember {
            member_id: id.into(),
            last_name: last.into(),
            first_name: first.into(),
            rank,
            shield_number: shield.map(Into::into),
            tax_registry_number: tax.into(),
            command_code: cmd.into(),
            squad: squad.map(Into::into),
            status,
            photo_sha256: None,
        }
    };
    vec![
        m(
            "M0012345",
            "Rivera",
            "Ana",
            Rank::DetectiveSecondGrade,
            Some("4471"),
            "948213",
            "34",
            Some("Detective Squad"),
            MemberStatus::Active,
        ),
        m(
            "M0098765",
            "Chen",
            "Wei",
            Rank::PoliceOfficer,
            Some("20711"),
            "951002",
            "NBMN",
            Some("Narcotics"),
            MemberStatus::Active,
        ),
        m("M0011111", "Okafor", "James", Rank::Lieutenant, None, "912345", "TD4", None, MemberStatus::Active),
        m(
            "M0022222",
            "O'Brien",
            "Michael",
            Rank::Sergeant,
            Some("1234"),
            "900001",
            "75",
            None,
            MemberStatus::Suspended,
        ),
        m(
            "M0033333",
            "García-López",
            "María José",
            Rank::DetectiveThirdGrade,
            Some("5150"),
            "900002",
            "18",
            Some("Detective Squad"),
            MemberStatus::Active,
        ),
    ]
}

/// The examples printed when the demo starts: what to type, and the expected answer.
const EXAMPLES: &[(&str, &str)] = &[
    ("Det. Ana Rivera · Detective · shield 4471 · \"the three-four\"", "matches an active member"),
    ("Ana Rivera · Police Officer · shield 4471 · 34th Precinct", "no match (4471 is a detective's shield)"),
    ("PO Wei Chen · shield 20711 · \"Manhattan North narcotics\"", "matches an active member"),
    ("Lt. James Okafor · tax registry 912345 · \"TD 4\"", "matches an active member"),
    ("Sgt. Michael O'Brien · shield 1234 · 75 pct", "not an active member (suspended)"),
    ("Maria Jose Garcia Lopez · Detective · shield 5150 · Midtown North", "matches an active member"),
    ("Smith · \"immigration squad\"", "the NYPD has no such unit"),
];

const LAST_NAMES: &[&str] = &[
    "Rodriguez",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Martinez",
    "Lopez",
    "Gonzalez",
    "Perez",
    "Sanchez",
    "Ramirez",
    "Torres",
    "Rivera",
    "Santiago",
    "Cruz",
    "Reyes",
    "Ortiz",
    "Morales",
    "Diaz",
    "Vargas",
    "Castillo",
    "Jimenez",
    "Murphy",
    "O'Connor",
    "Kelly",
    "Sullivan",
    "McCarthy",
    "Walsh",
    "Russo",
    "Esposito",
    "Romano",
    "Ricci",
    "Greco",
    "Cohen",
    "Levy",
    "Goldberg",
    "Friedman",
    "Kowalski",
    "Nowak",
    "Wisniewski",
    "Ivanov",
    "Petrov",
    "Kuznetsov",
    "Chen",
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Lin",
    "Huang",
    "Wu",
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Jung",
    "Rahman",
    "Hossain",
    "Islam",
    "Ahmed",
    "Khan",
    "Ali",
    "Hussain",
    "Baptiste",
    "Jean-Baptiste",
    "Pierre",
    "Joseph",
    "Charles",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Nguyen",
    "Patel",
    "Shah",
    "Singh",
    "Kaur",
    "Haddad",
    "Mansour",
    "De La Cruz",
    "Del Valle",
    "Van Dyke",
    "Thompson",
    "Jackson",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Hill",
    "Campbell",
    "Mitchell",
];

const FIRST_NAMES: &[&str] = &[
    "Michael",
    "Christopher",
    "Anthony",
    "Joseph",
    "John",
    "Daniel",
    "David",
    "James",
    "Robert",
    "Kevin",
    "Jose",
    "Luis",
    "Carlos",
    "Juan",
    "Angel",
    "Miguel",
    "Jonathan",
    "Brian",
    "Matthew",
    "Thomas",
    "Sean",
    "Patrick",
    "Vincent",
    "Nicholas",
    "Wei",
    "Jun",
    "Min-jun",
    "Ji-ho",
    "Hyun",
    "Mohammed",
    "Abdul",
    "Rafiq",
    "Imran",
    "Dmitri",
    "Sergei",
    "Piotr",
    "Tomasz",
    "Jean",
    "Wesley",
    "Kwame",
    "Chinedu",
    "Raj",
    "Arjun",
    "Maria",
    "Jennifer",
    "Jessica",
    "Ashley",
    "Stephanie",
    "Michelle",
    "Nicole",
    "Melissa",
    "Elizabeth",
    "Christina",
    "Ana",
    "Carmen",
    "Rosa",
    "Yesenia",
    "Marisol",
    "Mei",
    "Xiu",
    "Ji-woo",
    "Soo-jin",
    "Fatima",
    "Ayesha",
    "Nadia",
    "Olga",
    "Natalia",
    "Agnieszka",
    "Marie",
    "Nadege",
    "Adaeze",
    "Priya",
    "Aisha",
    "Keisha",
    "Tiffany",
    "Danielle",
    "Lauren",
    "Samantha",
    "Rachel",
    "Maria Jose",
    "Juan Carlos",
];

/// How many members of each rank the synthetic roster holds (about the NYPD's mix).
const RANK_MIX: &[(Rank, usize)] = &[
    (Rank::PoliceOfficer, 20_300),
    (Rank::ProbationaryPoliceOfficer, 1_500),
    (Rank::DetectiveThirdGrade, 3_600),
    (Rank::DetectiveSecondGrade, 900),
    (Rank::DetectiveFirstGrade, 350),
    (Rank::DetectiveSpecialist, 150),
    (Rank::Sergeant, 4_600),
    (Rank::Lieutenant, 1_700),
    (Rank::Captain, 400),
    (Rank::DeputyInspector, 150),
    (Rank::Inspector, 110),
    (Rank::DeputyChief, 45),
    (Rank::AssistantChief, 20),
    (Rank::BureauChief, 8),
    (Rank::ChiefOfDepartment, 1),
    (Rank::TrafficEnforcementAgent, 1_600),
    (Rank::SchoolSafetyAgent, 560),
];

/// The highest shield number handed out in each series.
fn series_range(series: ShieldSeries) -> u32 {
    match series {
        ShieldSeries::PoliceOfficer => 31_999,
        ShieldSeries::Detective => 7_999,
        ShieldSeries::Sergeant => 5_999,
        ShieldSeries::TrafficEnforcement => 2_999,
        ShieldSeries::SchoolSafety => 999,
        ShieldSeries::Auxiliary => 4_999,
    }
}

/// A synthetic roster, the same for the same seed.
pub fn synthetic_roster(seed: u64, registry: &Registry) -> Vec<RosterMember> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut members = showcase();
    let taken_shields: Vec<(ShieldSeries, String)> =
        members.iter().filter_map(|m| Some((m.shield_series()?, m.shield_number.clone()?))).collect();
    let taken_tax: Vec<String> = members.iter().map(|m| m.tax_registry_number.clone()).collect();

    // Free shield numbers per series, shuffled; free tax registry numbers, shuffled.
    let mut shields: std::collections::HashMap<ShieldSeries, Vec<u32>> = ShieldSeries::ALL
        .into_iter()
        .map(|s| {
            let mut numbers: Vec<u32> =
                (1..=series_range(s)).filter(|n| !taken_shields.contains(&(s, n.to_string()))).collect();
            numbers.shuffle(&mut rng);
            (s, numbers)
        })
        .collect();
    let mut tax: Vec<u32> = (900_003..=999_999).filter(|n| !taken_tax.contains(&n.to_string())).collect();
    tax.shuffle(&mut rng);

    let commands = |kinds: &[CommandKind]| -> Vec<String> {
        registry.commands().iter().filter(|c| kinds.contains(&c.kind)).map(|c| c.code.clone()).collect()
    };
    let precincts = commands(&[CommandKind::Precinct]);
    let transit_housing = commands(&[CommandKind::TransitDistrict, CommandKind::HousingPsa]);
    let special = commands(&[CommandKind::EmergencyService, CommandKind::StrategicResponse, CommandKind::CitywideUnit]);
    let narcotics = commands(&[CommandKind::NarcoticsBorough]);
    let detective_boroughs = commands(&[CommandKind::DetectiveBorough]);
    let citywide = commands(&[CommandKind::CitywideUnit]);
    let everything: Vec<String> = registry.commands().iter().map(|c| c.code.clone()).collect();

    let mut next_id = 1_000_000u32;
    for &(rank, count) in RANK_MIX {
        for _ in 0..count {
            let pick = |rng: &mut StdRng, list: &Vec<String>| list.choose(rng).cloned().unwrap_or_default();
            let roll: f64 = rng.random();
            let (command, squad) = match rank.shield_series() {
                Some(ShieldSeries::Detective) => match roll {
                    r if r < 0.60 => (pick(&mut rng, &precincts), Some("Detective Squad")),
                    r if r < 0.75 => (pick(&mut rng, &narcotics), Some("Narcotics")),
                    r if r < 0.90 => (pick(&mut rng, &detective_boroughs), None),
                    _ => (pick(&mut rng, &citywide), None),
                },
                Some(ShieldSeries::TrafficEnforcement) => (pick(&mut rng, &precincts), Some("Traffic")),
                Some(ShieldSeries::SchoolSafety) => (pick(&mut rng, &precincts), Some("School Safety")),
                Some(_) => match roll {
                    r if r < 0.75 => (pick(&mut rng, &precincts), None),
                    r if r < 0.93 => (pick(&mut rng, &transit_housing), None),
                    _ => (pick(&mut rng, &special), None),
                },
                None => (pick(&mut rng, &everything), None),
            };
            let status = match rng.random_range(0..1000) {
                0..965 => MemberStatus::Active,
                965..975 => MemberStatus::Suspended,
                975..990 => MemberStatus::ModifiedDuty,
                990..995 => MemberStatus::Retired,
                _ => MemberStatus::Terminated,
            };
            let shield =
                rank.shield_series().and_then(|s| shields.get_mut(&s).and_then(Vec::pop)).map(|n| n.to_string());
            next_id += rng.random_range(1..40);
            members.push(RosterMember {
                member_id: format!("M{next_id:07}"),
                last_name: LAST_NAMES.choose(&mut rng).copied().unwrap_or("Smith").to_owned(),
                first_name: FIRST_NAMES.choose(&mut rng).copied().unwrap_or("Alex").to_owned(),
                rank,
                shield_number: shield,
                tax_registry_number: tax.pop().unwrap_or_default().to_string(),
                command_code: command,
                squad: squad.map(str::to_owned),
                status,
                photo_sha256: None,
            });
        }
    }
    members
}

/// Runs `demo`: seeds a fresh demo database (never the one of the settings unless
/// `--database-url` names it), prints what to try, and serves unless `--seed-only`.
pub async fn run(args: &DemoArgs, database_url: Option<&str>, settings: Settings) -> anyhow::Result<ExitCode> {
    seed_and_serve(database_url, settings, args.seed_only, args.listen).await?;
    Ok(ExitCode::SUCCESS)
}

async fn seed_and_serve(
    database_url: Option<&str>,
    mut settings: Settings,
    seed_only: bool,
    listen: SocketAddr,
) -> anyhow::Result<()> {
    let url = match database_url {
        Some(url) => url.to_owned(),
        None => {
            // A fresh demo every time: remove the previous demo database and its journal.
            for suffix in ["", "-wal", "-shm"] {
                let path = format!("{DEMO_DB}{suffix}");
                if Path::new(&path).exists() {
                    std::fs::remove_file(&path)
                        .with_context(|| format!("could not remove the old demo file {path}"))?;
                }
            }
            format!("sqlite://{DEMO_DB}")
        }
    };
    eprintln!("creating the demo database…");
    let store = store::open_url(&url, &settings).await?;
    // The seed is the date of the mayor's letter (9 October 2020); any fixed seed would do.
    let roster = synthetic_roster(20_201_009, Registry::nypd());
    eprintln!("importing a synthetic roster of {} members (synthetic names; none is a real person)…", roster.len());
    let summary = store.replace_roster(&roster, "demo").await?;
    eprintln!("the demo roster holds {} members", summary.members);

    // Credentials: an issuer key sealed with a passphrase that is not a secret (this is a
    // demo), a first status list, and enrolment codes for the officer page.
    let passphrase = std::env::var(PASSPHRASE_VAR).unwrap_or_else(|_| DEMO_PASSPHRASE.to_owned());
    let key = keys::new_key_record(passphrase.as_bytes(), shieldcheck_service::clock::now().as_secs(), &[])?;
    store.add_issuer_key(&key).await?;
    let issuer = shieldcheck_service::issuer::Issuer::open(store.as_ref(), passphrase.as_bytes()).await?;
    issuer.publish(store.as_ref(), shieldcheck_service::clock::now().as_secs()).await?;
    let mut codes = Vec::new();
    for member in ["M0012345", "M0098765"] {
        let code = shieldcheck_service::issuer::new_enrolment_code();
        let hash = shieldcheck_service::issuer::enrolment_code_hash(&code).context("a fresh code did not parse")?;
        let at = shieldcheck_service::clock::now().as_secs();
        store.add_enrolment_code(&hash, member, at, at + 24 * 3600).await?;
        codes.push((member, code));
    }

    // Reports: a fresh case-team identity, so the demo's /report form stores sealed reports.
    let identity = Path::new(DEMO_TEAM_IDENTITY);
    if let Some(dir) = identity.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("could not create {}", dir.display()))?;
    }
    if identity.exists() {
        std::fs::remove_file(DEMO_TEAM_IDENTITY)
            .with_context(|| format!("could not remove the old demo identity {DEMO_TEAM_IDENTITY}"))?;
    }
    team_keys::new_team_identity(store.as_ref(), identity, Some("demo")).await?;

    settings.server.listen = listen;
    let base = format!("http://{listen}");
    println!();
    println!("shieldcheck demo");
    println!("  check a claim:   {base}/verify   (12 languages: {base}/verify?lang=es, …?lang=ar)");
    println!("  precinct desks:  {base}/precincts");
    println!("  officer wallet:  {base}/officer   (enrol once with a one-time code, then show the live QR)");
    println!("  scan a QR:       {base}/verify#scan");
    println!("  report:          {base}/report   (sealed to the demo case-team identity {DEMO_TEAM_IDENTITY})");
    println!("  API:             {base}/api/v1/openapi.json");
    println!();
    println!("Try these claims (name · rank · number · precinct or unit):");
    for (claim, expect) in EXAMPLES {
        println!("  {claim}\n      → {expect}");
    }
    println!();
    println!("One-time enrolment codes for the officer page (each works once, for 24 hours):");
    for (member, code) in &codes {
        println!("  {code}   ({member})");
    }
    println!();
    println!("Or from the command line:");
    println!(
        "  cargo run --release -- claim check --database-url sqlite://{DEMO_DB} --name \"Det. Rivera\" --shield 4471 --command \"the three-four\""
    );
    println!("  curl -s {base}/api/v1/claims/check -H 'content-type: application/json' \\");
    println!("       -d '{{\"name\":\"Det. Ana Rivera\",\"shield_number\":\"4471\",\"command\":\"34 pct\"}}'");
    println!(
        "  cargo run --release -- reports export --database-url sqlite://{DEMO_DB} --identity {DEMO_TEAM_IDENTITY}"
    );
    println!();
    if seed_only {
        println!("Seeded {url} (--seed-only: not serving).");
        return Ok(());
    }
    serve::serve(settings, store, Some(issuer)).await
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use shieldcheck_claim::roster::{parse_roster, write_roster};

    use super::*;

    #[test]
    fn the_synthetic_roster_is_a_valid_roster_file() {
        let roster = synthetic_roster(7, Registry::nypd());
        assert!((35_000..=37_000).contains(&roster.len()), "{}", roster.len());
        let mut csv = Vec::new();
        write_roster(&roster, &mut csv).expect("write");
        let back = parse_roster(&csv, Registry::nypd()).expect("the demo roster passes the importer's checks");
        assert_eq!(back.len(), roster.len());
        let commands: HashSet<&str> = roster.iter().map(|m| m.command_code.as_str()).collect();
        assert!(commands.len() > 100, "members spread over the real commands");
        let active = roster.iter().filter(|m| m.status == MemberStatus::Active).count();
        assert!(active * 100 / roster.len() > 90);
        assert_eq!(synthetic_roster(7, Registry::nypd()), roster, "same seed, same roster");
    }
}
