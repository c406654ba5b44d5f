//! Synthetic reports with their ground truth, for measuring the engine.
//!
//! Latent crews each have a claimed unit, titles, maybe names and a shield number, a
//! vehicle, a team size, habits (asks, time of day, kind of place), an area and an active
//! window; each of their events is reported by one to three witnesses, who each remember
//! part of it, misspell some of it, say the unit in their own words and write the narrative
//! in one of the 12 languages. Around them: genuine-looking single encounters (sometimes
//! with several witnesses too) and copycats that share only common values with a crew.
//! The same seed and settings always give the same reports.

use rand::seq::{IndexedRandom as _, SliceRandom as _};
use rand::{Rng, SeedableRng as _};
use rand_chacha::ChaCha8Rng;
use serde_json::json;

use super::eval::{TRUTH_FORMAT, Truth};
use super::geo;
use shieldcheck_report::{
    Actors, Ask, Check, CheckResult, Claims, Incident, Outcome, Place, PlaceKind, Report, Reporter, ReporterRole,
    Shown, Source, TimeOfDay, Title, Vehicle, VehicleKind, civil_from_days, days_from_civil,
};

/// How hard the data is. `difficulty` (0–1) scales omissions, misspellings and noise.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerateSettings {
    pub reports: usize,
    pub seed: u64,
    pub difficulty: f64,
    /// Share of reports written about planted crews.
    pub crew_share: f64,
    /// Share of reports that copy a crew's common values.
    pub copycat_share: f64,
    /// Chance that an event has a second witness (and, again, a third).
    pub duplicate_rate: f64,
}

impl Default for GenerateSettings {
    fn default() -> Self {
        GenerateSettings {
            reports: 1_000,
            seed: 1,
            difficulty: 0.5,
            crew_share: 0.45,
            copycat_share: 0.05,
            duplicate_rate: 0.3,
        }
    }
}

const LANGUAGES: [(&str, u32); 12] = [
    ("en", 40),
    ("es", 20),
    ("zh-Hans", 4),
    ("zh-Hant", 4),
    ("ru", 6),
    ("bn", 4),
    ("ht", 4),
    ("ko", 4),
    ("ar", 3),
    ("ur", 3),
    ("fr", 4),
    ("pl", 4),
];

/// One sentence per language with slots, and the words that fill them: titles (police,
/// detective, officer, agent), colours (black, white, gray, blue, red) and vehicles (car,
/// SUV, van, pickup).
struct Language {
    tag: &'static str,
    template: &'static str,
    titles: [&'static str; 4],
    colors: [&'static str; 5],
    vehicles: [&'static str; 4],
    fillers: [&'static str; 3],
}

const TEXTS: [Language; 12] = [
    Language {
        tag: "en",
        template: "{n} people came to the door around {time}. They said they were {title} from {unit}. They had a {color} {vehicle} parked near {street}.",
        titles: ["police", "detectives", "officers", "agents"],
        colors: ["black", "white", "gray", "blue", "red"],
        vehicles: ["car", "SUV", "van", "pickup"],
        fillers: [
            "They asked for my neighbor by name.",
            "My children were very scared.",
            "They did not show any paper.",
        ],
    },
    Language {
        tag: "es",
        template: "Llegaron {n} personas cerca de las {time}. Dijeron que eran {title} de {unit}. Tenían un {vehicle} {color} estacionado cerca de {street}.",
        titles: ["policías", "detectives", "oficiales", "agentes"],
        colors: ["negro", "blanco", "gris", "azul", "rojo"],
        vehicles: ["carro", "camioneta", "furgoneta", "pickup"],
        fillers: ["Preguntaron por mi vecino.", "Mis hijos tenían mucho miedo.", "No mostraron ningún papel."],
    },
    Language {
        tag: "zh-Hans",
        template: "大约{time}有{n}个人来敲门。他们说是{unit}的{title}。他们的{color}{vehicle}停在{street}附近。",
        titles: ["警察", "侦探", "警官", "探员"],
        colors: ["黑色", "白色", "灰色", "蓝色", "红色"],
        vehicles: ["轿车", "越野车", "面包车", "皮卡"],
        fillers: ["他们问我邻居的名字。", "孩子们很害怕。", "他们没有出示任何文件。"],
    },
    Language {
        tag: "zh-Hant",
        template: "大約{time}有{n}個人來敲門。他們說是{unit}的{title}。他們的{color}{vehicle}停在{street}附近。",
        titles: ["警察", "偵探", "警官", "探員"],
        colors: ["黑色", "白色", "灰色", "藍色", "紅色"],
        vehicles: ["轎車", "越野車", "麵包車", "皮卡"],
        fillers: ["他們問我鄰居的名字。", "孩子們很害怕。", "他們沒有出示任何文件。"],
    },
    Language {
        tag: "ru",
        template: "Около {time} пришли {n} человека. Сказали, что они {title} из {unit}. У них была {color} машина ({vehicle}) возле {street}.",
        titles: ["полиция", "детективы", "офицеры", "агенты"],
        colors: ["черная", "белая", "серая", "синяя", "красная"],
        vehicles: ["седан", "внедорожник", "фургон", "пикап"],
        fillers: ["Спрашивали соседа по имени.", "Дети очень испугались.", "Никаких бумаг не показали."],
    },
    Language {
        tag: "bn",
        template: "প্রায় {time} সময় {n} জন লোক এসেছিল। তারা বলল তারা {unit} এর {title}। তাদের {color} {vehicle} {street} এর কাছে ছিল।",
        titles: ["পুলিশ", "গোয়েন্দা", "অফিসার", "এজেন্ট"],
        colors: ["কালো", "সাদা", "ধূসর", "নীল", "লাল"],
        vehicles: ["গাড়ি", "এসইউভি", "ভ্যান", "পিকআপ"],
        fillers: ["তারা আমার প্রতিবেশীর নাম জিজ্ঞেস করল।", "আমার বাচ্চারা খুব ভয় পেয়েছিল।", "তারা কোনো কাগজ দেখায়নি।"],
    },
    Language {
        tag: "ht",
        template: "{n} moun te vini vè {time}. Yo te di yo se {title} nan {unit}. Yo te gen yon {vehicle} {color} bò {street}.",
        titles: ["polis", "detektif", "ofisye", "ajan"],
        colors: ["nwa", "blan", "gri", "ble", "wouj"],
        vehicles: ["machin", "djip", "kamyonèt", "pikòp"],
        fillers: ["Yo te mande pou vwazen mwen.", "Timoun yo te pè anpil.", "Yo pa t montre okenn papye."],
    },
    Language {
        tag: "ko",
        template: "{time}쯤 {n}명이 찾아왔습니다. 그들은 {unit} {title}이라고 했습니다. {street} 근처에 {color} {vehicle}가 있었습니다.",
        titles: ["경찰", "형사", "경관", "요원"],
        colors: ["검은색", "흰색", "회색", "파란색", "빨간색"],
        vehicles: ["승용차", "SUV", "밴", "픽업트럭"],
        fillers: ["이웃의 이름을 물었습니다.", "아이들이 많이 무서워했습니다.", "아무 서류도 보여주지 않았습니다."],
    },
    Language {
        tag: "ar",
        template: "جاء {n} أشخاص حوالي الساعة {time}. قالوا إنهم {title} من {unit}. كانت لديهم سيارة {vehicle} {color} قرب {street}.",
        titles: ["شرطة", "محققون", "ضباط", "عملاء"],
        colors: ["سوداء", "بيضاء", "رمادية", "زرقاء", "حمراء"],
        vehicles: ["صالون", "دفع رباعي", "فان", "بيك اب"],
        fillers: ["سألوا عن جاري بالاسم.", "كان أطفالي خائفين جدا.", "لم يظهروا أي ورقة."],
    },
    Language {
        tag: "ur",
        template: "تقریباً {time} بجے {n} لوگ آئے۔ انہوں نے کہا کہ وہ {unit} کے {title} ہیں۔ ان کی {color} {vehicle} {street} کے قریب کھڑی تھی۔",
        titles: ["پولیس", "جاسوس", "افسر", "ایجنٹ"],
        colors: ["کالی", "سفید", "سرمئی", "نیلی", "لال"],
        vehicles: ["گاڑی", "جیپ", "وین", "پک اپ"],
        fillers: ["انہوں نے میرے پڑوسی کا نام پوچھا۔", "میرے بچے بہت ڈر گئے۔", "انہوں نے کوئی کاغذ نہیں دکھایا۔"],
    },
    Language {
        tag: "fr",
        template: "{n} personnes sont venues vers {time}. Ils ont dit qu'ils étaient {title} du {unit}. Ils avaient un {vehicle} {color} garé près de {street}.",
        titles: ["policiers", "inspecteurs", "officiers", "agents"],
        colors: ["noir", "blanc", "gris", "bleu", "rouge"],
        vehicles: ["voiture", "4x4", "fourgon", "pick-up"],
        fillers: [
            "Ils ont demandé mon voisin par son nom.",
            "Mes enfants avaient très peur.",
            "Ils n'ont montré aucun papier.",
        ],
    },
    Language {
        tag: "pl",
        template: "Około {time} przyszło {n} osób. Powiedzieli, że są {title} z {unit}. Mieli {color} {vehicle} zaparkowany przy {street}.",
        titles: ["policjanci", "detektywi", "funkcjonariusze", "agenci"],
        colors: ["czarny", "biały", "szary", "niebieski", "czerwony"],
        vehicles: ["samochód", "SUV", "furgonetka", "pikap"],
        fillers: ["Pytali o sąsiada po imieniu.", "Moje dzieci bardzo się bały.", "Nie pokazali żadnych dokumentów."],
    },
];

const SURNAMES: &[&str] = &[
    "Rivera",
    "Smith",
    "Johnson",
    "Garcia",
    "Martinez",
    "Rodriguez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Gomez",
    "Phillips",
    "Evans",
    "Turner",
    "Diaz",
    "Parker",
    "Cruz",
    "Edwards",
    "Collins",
    "Reyes",
    "Stewart",
    "Morris",
    "Morales",
    "Murphy",
    "Cook",
    "Rogers",
    "Gutierrez",
    "Ortiz",
    "Morgan",
    "Cooper",
    "Peterson",
    "Bailey",
    "Reed",
    "Kelly",
    "Howard",
    "Ramos",
    "Kim",
    "Cox",
    "Ward",
    "Richardson",
    "Watson",
    "Brooks",
    "Chavez",
    "Wood",
    "James",
    "Bennett",
    "Gray",
    "Mendoza",
    "Ruiz",
    "Hughes",
    "Price",
    "Alvarez",
    "Castillo",
    "Sanders",
    "Patel",
    "Myers",
    "Long",
    "Ross",
    "Foster",
    "Jimenez",
    "Kowalski",
    "Novak",
    "Ivanov",
    "Petrov",
    "Chen",
    "Wang",
    "Park",
    "Choi",
    "Rahman",
    "Hossain",
    "Khan",
    "Ali",
    "Pierre",
    "Jean",
    "Dubois",
];

const FIRST_NAMES: &[&str] =
    &["Ana", "John", "Mike", "Luis", "Tom", "Chris", "Dan", "Maria", "Joe", "Steve", "Kevin", "Rob"];

const STREETS: &[&str] = &[
    "Post Avenue",
    "Dyckman Street",
    "Broadway",
    "Nagle Avenue",
    "Sherman Avenue",
    "Grand Concourse",
    "Fordham Road",
    "Jerome Avenue",
    "Roosevelt Avenue",
    "Junction Boulevard",
    "Northern Boulevard",
    "Main Street",
    "Kissena Boulevard",
    "Flatbush Avenue",
    "Church Avenue",
    "Nostrand Avenue",
    "Atlantic Avenue",
    "Fulton Street",
    "Myrtle Avenue",
    "Knickerbocker Avenue",
    "Wyckoff Avenue",
    "Fifth Avenue",
    "Eighth Avenue",
    "Canal Street",
    "Delancey Street",
    "Amsterdam Avenue",
    "Saint Nicholas Avenue",
    "Lenox Avenue",
    "Westchester Avenue",
    "Southern Boulevard",
    "Tremont Avenue",
    "Castle Hill Avenue",
    "Victory Boulevard",
    "Bay Street",
    "Forest Avenue",
    "Richmond Avenue",
    "Liberty Avenue",
    "Jamaica Avenue",
    "Hillside Avenue",
    "Steinway Street",
    "Ditmars Boulevard",
    "Coney Island Avenue",
    "Ocean Parkway",
    "Kings Highway",
    "Brighton Beach Avenue",
    "Eighteenth Avenue",
    "Bay Parkway",
    "Utica Avenue",
    "Pitkin Avenue",
    "Sutphin Boulevard",
    "Corona Avenue",
    "Woodhaven Boulevard",
    "Gun Hill Road",
    "White Plains Road",
    "Bruckner Boulevard",
    "Hunts Point Avenue",
    "Willis Avenue",
    "Third Avenue",
    "Lexington Avenue",
];

const SQUADS: &[&str] = &[
    "narcotics squad",
    "narcotics",
    "warrant squad",
    "fugitive squad",
    "gang unit",
    "major case",
    "fraud squad",
    "Manhattan North narcotics",
    "Bronx narcotics",
    "Brooklyn South narcotics",
    "Queens North narcotics",
    "Bronx detectives",
    "Brooklyn North Detectives",
    "transit",
    "housing",
];
const NOT_NYPD: &[&str] =
    &["immigration squad", "ICE detail", "immigration unit", "deportation unit", "immigration police"];
const INVENTED: &[&str] = &[
    "special investigations team",
    "street crime unit",
    "anti-crime team",
    "community task force",
    "intelligence squad",
    "quality of life team",
    "special operations group",
    "federal task force",
];
const ATTIRE: &[&str] = &[
    "POLICE",
    "NYPD",
    "POLICE ICE",
    "jacket: POLICE NY",
    "vest: POLICE",
    "HSI",
    "cap: NYPD",
    "windbreaker: FEDERAL AGENT",
];
const AGENCIES: &[&str] = &["NYPD", "police", "New York police", "policía", "detectives", "the precinct"];
const MAKES: &[(&str, &str, VehicleKind)] = &[
    ("Ford", "Explorer", VehicleKind::Suv),
    ("Chevrolet", "Tahoe", VehicleKind::Suv),
    ("Chevy", "Suburban", VehicleKind::Suv),
    ("Dodge", "Durango", VehicleKind::Suv),
    ("Jeep", "Grand Cherokee", VehicleKind::Suv),
    ("Toyota", "Highlander", VehicleKind::Suv),
    ("Ford", "Taurus", VehicleKind::Sedan),
    ("Dodge", "Charger", VehicleKind::Sedan),
    ("Chevrolet", "Impala", VehicleKind::Sedan),
    ("Toyota", "Camry", VehicleKind::Sedan),
    ("Honda", "Accord", VehicleKind::Sedan),
    ("Nissan", "Altima", VehicleKind::Sedan),
    ("Ford", "Transit", VehicleKind::Van),
    ("Dodge", "Caravan", VehicleKind::Van),
    ("Honda", "Odyssey", VehicleKind::Van),
    ("Ford", "F-150", VehicleKind::Pickup),
    ("Ram", "1500", VehicleKind::Pickup),
];
const COLORS: [&str; 5] = ["black", "white", "gray", "blue", "red"];
const COMMON_ASKS: &[Ask] = &[
    Ask::OpenDoor,
    Ask::StepOutside,
    Ask::AskedForPersonByName,
    Ask::ShowedPhoto,
    Ask::AskedForPhoneNumber,
    Ask::AskedForId,
    Ask::AskedImmigrationStatus,
    Ask::AskedWhereSomeoneWorks,
    Ask::ComeToPrecinct,
    Ask::ArrangedMeeting,
    Ask::EnteredHome,
    Ask::Searched,
    Ask::ArrestedOrTookSomeone,
];

/// A crew's vehicle: kind, colour (an index into `COLORS`), make and model, plate.
type CrewVehicle = (VehicleKind, usize, Option<(&'static str, &'static str)>, Option<String>);

/// What a crew claims, drives and does.
#[derive(Debug, Clone)]
struct Crew {
    id: usize,
    unit: Unit,
    titles: Vec<Title>,
    names: Vec<String>,
    shield: Option<String>,
    vehicle: Option<CrewVehicle>,
    size: u32,
    asks: Vec<Ask>,
    showed: Vec<Shown>,
    attire: Option<&'static str>,
    habit: TimeOfDay,
    place_kind: PlaceKind,
    precinct: u32,
    center: (f64, f64),
    radius_km: f64,
    streets: Vec<&'static str>,
    window: (i64, i64),
    agency: &'static str,
}

#[derive(Debug, Clone)]
enum Unit {
    Precinct(u32),
    Said(&'static str),
}

/// One event a witness saw.
#[derive(Debug, Clone)]
struct Event {
    day: i64,
    minute: i64,
    lat: f64,
    lon: f64,
    precinct: u32,
}

struct Generator {
    rng: ChaCha8Rng,
    s: GenerateSettings,
    omit: f64,
    misspell: f64,
    precincts: Vec<(u32, f64, f64)>,
}

const YEAR_START: (i64, u32, u32) = (2026, 1, 1);

/// Generates the reports and their ground truth.
pub fn generate(settings: &GenerateSettings) -> (Vec<Report>, Truth) {
    let d = settings.difficulty.clamp(0.0, 1.0);
    let mut g = Generator {
        rng: ChaCha8Rng::seed_from_u64(settings.seed),
        s: settings.clone(),
        omit: 0.1 + 0.35 * d,
        misspell: 0.2 * d,
        precincts: geo::centroids().to_vec(),
    };
    let n = settings.reports;
    // (report, crew id or None, event id, is copycat)
    let mut out: Vec<(Report, Option<usize>, usize)> = Vec::with_capacity(n);
    let mut crews = Vec::new();
    let mut event_id = 0usize;
    let crew_target = (n as f64 * settings.crew_share) as usize;
    while out.len() < crew_target {
        let crew = g.crew(crews.len());
        let events = g.rng.random_range(2..=9usize);
        for _ in 0..events {
            if out.len() >= crew_target {
                break;
            }
            let event = g.crew_event(&crew);
            for _ in 0..g.witnesses() {
                let report = g.report(Some(&crew), &event);
                out.push((report, Some(crew.id), event_id));
            }
            event_id += 1;
        }
        crews.push(crew);
    }
    let copycat_target = out.len() + (n as f64 * settings.copycat_share) as usize;
    while out.len() < copycat_target.min(n) && !crews.is_empty() {
        let original = crews[g.rng.random_range(0..crews.len())].clone();
        let copy = g.copycat(&original);
        let event = g.crew_event(&copy);
        out.push((g.report(Some(&copy), &event), None, event_id));
        event_id += 1;
    }
    while out.len() < n {
        let decoy = g.decoy_crew();
        let event = g.crew_event(&decoy);
        let witnesses = if g.rng.random_bool(0.5) { g.witnesses() } else { 1 };
        for _ in 0..witnesses {
            out.push((g.report(Some(&decoy), &event), None, event_id));
        }
        event_id += 1;
    }
    out.truncate(n);
    out.shuffle(&mut g.rng);
    let mut refs = Vec::with_capacity(n);
    let mut by_event: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
    let mut by_crew: std::collections::BTreeMap<usize, (Vec<String>, std::collections::BTreeSet<usize>)> =
        Default::default();
    let mut reports = Vec::with_capacity(n);
    for (i, (mut report, crew, event)) in out.into_iter().enumerate() {
        let reference = format!("r-{:07}", i + 1);
        report.reference = Some(reference.clone());
        refs.push(reference.clone());
        by_event.entry(event).or_default().push(reference.clone());
        if let Some(c) = crew {
            let entry = by_crew.entry(c).or_default();
            entry.0.push(reference);
            entry.1.insert(event);
        }
        reports.push(report);
    }
    let incidents = by_event.into_values().filter(|g| g.len() >= 2).collect();
    let series = by_crew.into_values().filter(|(_, events)| events.len() >= 2).map(|(g, _)| g).collect();
    let crews_json = crews
        .iter()
        .map(|c| {
            json!({
                "id": format!("C-{}", c.id + 1),
                "unit": match &c.unit { Unit::Precinct(p) => format!("precinct {p}"), Unit::Said(s) => (*s).to_owned() },
                "titles": c.titles.iter().map(|t| format!("{t:?}").to_lowercase()).collect::<Vec<_>>(),
                "names": c.names,
                "team_size": c.size,
                "time_habit": format!("{:?}", c.habit),
                "area_precinct": c.precinct,
                "active_days": [c.window.0, c.window.1],
            })
        })
        .collect();
    let truth = Truth {
        format: TRUTH_FORMAT.to_owned(),
        seed: settings.seed,
        reports: refs,
        incidents,
        series,
        crews: crews_json,
        settings: json!({
            "reports": settings.reports,
            "difficulty": settings.difficulty,
            "crew_share": settings.crew_share,
            "copycat_share": settings.copycat_share,
            "duplicate_rate": settings.duplicate_rate,
        }),
    };
    (reports, truth)
}

fn weighted<'a, T>(rng: &mut ChaCha8Rng, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|i| i.1).sum();
    let mut pick = rng.random_range(0..total.max(1));
    for (item, w) in items {
        if pick < *w {
            return item;
        }
        pick -= w;
    }
    &items[0].0
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

const DIGIT_WORDS: [&str; 10] = ["oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

impl Generator {
    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    fn keep(&mut self) -> bool {
        let omit = self.omit;
        !self.chance(omit)
    }

    fn witnesses(&mut self) -> usize {
        let p = self.s.duplicate_rate;
        if !self.chance(p) {
            1
        } else if self.chance(0.35) {
            3
        } else {
            2
        }
    }

    fn crew(&mut self, id: usize) -> Crew {
        let &(precinct, lon, lat) = self.precincts.choose(&mut self.rng).unwrap_or(&(34, -73.92, 40.86));
        let unit = match self.rng.random_range(0..100) {
            0..=54 => {
                if self.chance(0.75) {
                    Unit::Precinct(precinct)
                } else {
                    let other = self.precincts.choose(&mut self.rng).map_or(precinct, |p| p.0);
                    Unit::Precinct(other)
                }
            }
            55..=79 => Unit::Said(SQUADS.choose(&mut self.rng).copied().unwrap_or("narcotics squad")),
            80..=89 => Unit::Said(NOT_NYPD.choose(&mut self.rng).copied().unwrap_or("immigration squad")),
            _ => Unit::Said(INVENTED.choose(&mut self.rng).copied().unwrap_or("street crime unit")),
        };
        let title_weights = [
            (Title::Police, 35),
            (Title::Detective, 30),
            (Title::Officer, 15),
            (Title::Agent, 10),
            (Title::Investigator, 5),
            (Title::Sergeant, 3),
            (Title::Lieutenant, 2),
        ];
        let mut titles = vec![*weighted(&mut self.rng, &title_weights)];
        if self.chance(0.3) {
            let second = *weighted(&mut self.rng, &title_weights);
            if !titles.contains(&second) {
                titles.push(second);
            }
        }
        let names = if self.chance(0.45) {
            let count = if self.chance(0.3) { 2 } else { 1 };
            (0..count)
                .map(|_| {
                    let last = SURNAMES.choose(&mut self.rng).copied().unwrap_or("Rivera");
                    let prefix = match titles[0] {
                        Title::Detective => "Det.",
                        Title::Sergeant => "Sgt.",
                        Title::Lieutenant => "Lt.",
                        Title::Officer => "Officer",
                        _ => "",
                    };
                    if self.chance(0.3) {
                        format!("{} {last}", FIRST_NAMES.choose(&mut self.rng).copied().unwrap_or("John"))
                    } else {
                        format!("{prefix} {last}").trim().to_owned()
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let shield = self.chance(0.3).then(|| self.rng.random_range(1_000..99_999u32).to_string());
        let vehicle = self.chance(0.8).then(|| {
            let color = *weighted(&mut self.rng, &[(0usize, 40), (1, 20), (2, 20), (3, 12), (4, 8)]);
            let (kind, model) = if self.chance(0.7) {
                let &(make, model, kind) = MAKES.choose(&mut self.rng).unwrap_or(&MAKES[0]);
                (kind, Some((make, model)))
            } else {
                (
                    *weighted(
                        &mut self.rng,
                        &[
                            (VehicleKind::Suv, 40),
                            (VehicleKind::Sedan, 35),
                            (VehicleKind::Van, 20),
                            (VehicleKind::Pickup, 5),
                        ],
                    ),
                    None,
                )
            };
            let plate = self.chance(0.5).then(|| {
                let letters: String = (0..3).map(|_| (b'A' + self.rng.random_range(0..26u8)) as char).collect();
                format!("{letters}{:04}", self.rng.random_range(0..10_000u32))
            });
            (kind, color, model, plate)
        });
        let ask_count = self.rng.random_range(2..=5);
        let mut asks: Vec<Ask> = COMMON_ASKS.choose_multiple(&mut self.rng, ask_count).copied().collect();
        asks.sort();
        let shown_count = 1 + usize::from(self.rng.random_bool(0.4));
        let mut showed: Vec<Shown> = [Shown::Badge, Shown::IdCard, Shown::WarrantPaper, Shown::PhotoOfPerson]
            .choose_multiple(&mut self.rng, shown_count)
            .copied()
            .collect();
        showed.sort();
        let habit =
            *[TimeOfDay::EarlyMorning, TimeOfDay::Morning, TimeOfDay::Afternoon, TimeOfDay::Evening, TimeOfDay::Night]
                .choose(&mut self.rng)
                .unwrap_or(&TimeOfDay::EarlyMorning);
        let place_kind = *weighted(
            &mut self.rng,
            &[
                (PlaceKind::Home, 60),
                (PlaceKind::Street, 20),
                (PlaceKind::Workplace, 10),
                (PlaceKind::Shelter, 5),
                (PlaceKind::Transit, 5),
            ],
        );
        let start = self.rng.random_range(0..330i64);
        let length = self.rng.random_range(10..=75i64);
        let jitter = (self.normal() * 0.008, self.normal() * 0.008);
        Crew {
            id,
            unit,
            titles,
            names,
            shield,
            vehicle,
            size: self.rng.random_range(1..=5),
            asks,
            showed,
            attire: self.chance(0.5).then(|| ATTIRE.choose(&mut self.rng).copied().unwrap_or("POLICE")),
            habit,
            place_kind,
            precinct,
            center: (lat + jitter.0, lon + jitter.1),
            radius_km: self.rng.random_range(0.4..2.0),
            streets: STREETS.choose_multiple(&mut self.rng, 2).copied().collect(),
            window: (start, (start + length).min(364)),
            agency: AGENCIES.choose(&mut self.rng).copied().unwrap_or("NYPD"),
        }
    }

    /// A copycat: the same common look (title, vehicle kind and colour, a borough-wide unit
    /// if the crew used one) elsewhere, at another time, without the crew's particulars.
    fn copycat(&mut self, crew: &Crew) -> Crew {
        let mut copy = self.crew(usize::MAX);
        copy.titles = vec![crew.titles[0]];
        if let (Some(v), Some(mine)) = (&crew.vehicle, &mut copy.vehicle) {
            mine.0 = v.0;
            mine.1 = v.1;
            mine.2 = None;
            mine.3 = None;
        }
        if let Unit::Said(s) = crew.unit
            && SQUADS.contains(&s)
        {
            copy.unit = Unit::Said(s);
        }
        copy.names.clear();
        copy.shield = None;
        copy
    }

    /// Someone genuine-looking, met once: they name their own precinct or nothing, drive a
    /// common car, ask common things, and give no name or number.
    fn decoy_crew(&mut self) -> Crew {
        let mut c = self.crew(usize::MAX);
        c.names.clear();
        c.shield = None;
        c.unit = match self.rng.random_range(0..10) {
            0..=5 => Unit::Precinct(c.precinct),
            6 => Unit::Said(SQUADS.choose(&mut self.rng).copied().unwrap_or("narcotics squad")),
            _ => Unit::Said(""),
        };
        if let Some(v) = &mut c.vehicle {
            v.2 = None;
            v.3 = None;
        }
        c.window = (0, 364);
        c
    }

    fn normal(&mut self) -> f64 {
        // Box–Muller.
        let u1: f64 = self.rng.random_range(1e-12..1.0);
        let u2: f64 = self.rng.random_range(0.0..1.0);
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    fn crew_event(&mut self, crew: &Crew) -> Event {
        let day = self.rng.random_range(crew.window.0..=crew.window.1);
        let part = if self.chance(0.8) {
            crew.habit
        } else {
            *[TimeOfDay::Morning, TimeOfDay::Afternoon, TimeOfDay::Evening]
                .choose(&mut self.rng)
                .unwrap_or(&TimeOfDay::Morning)
        };
        let (from, to) = part.hours();
        let minute = self.rng.random_range(i64::from(from) * 60..i64::from(to) * 60) % 1_440;
        let r = crew.radius_km;
        let lat = crew.center.0 + self.normal() * r / geo::KM_PER_DEG_LAT;
        let lon = crew.center.1 + self.normal() * r / geo::KM_PER_DEG_LON;
        let precinct = geo::nearest_precinct(lat, lon).unwrap_or(crew.precinct);
        Event { day: days_from_civil(YEAR_START.0, YEAR_START.1, YEAR_START.2) + day, minute, lat, lon, precinct }
    }

    fn misspell(&mut self, word: &str) -> String {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < 4 || !self.chance(self.misspell) {
            return word.to_owned();
        }
        let i = self.rng.random_range(1..chars.len() - 1);
        let mut out = chars.clone();
        match self.rng.random_range(0..3) {
            0 => out.swap(i, i + 1),
            1 => {
                out.remove(i);
            }
            _ => out.insert(i, chars[i]),
        }
        out.into_iter().collect()
    }

    /// The unit as one witness says it.
    fn say_unit(&mut self, unit: &Unit, lang: &str) -> String {
        match unit {
            Unit::Said(s) => self.misspell(s),
            Unit::Precinct(p) => {
                let p = *p;
                let local = match lang {
                    "es" => Some(format!("precinto {p}")),
                    "ru" => Some(format!("{p}-й участок")),
                    "zh-Hans" | "zh-Hant" => Some(format!("第{p}分局")),
                    "ko" => Some(format!("제{p}경찰서")),
                    "fr" => Some(format!("{p}ème commissariat")),
                    _ => None,
                };
                if let Some(local) = local.filter(|_| self.chance(0.5)) {
                    return local;
                }
                let digits: Vec<usize> = p.to_string().bytes().map(|b| usize::from(b - b'0')).collect();
                let mut options = vec![
                    format!("{} Precinct", ordinal(p)),
                    format!("the {p}"),
                    format!("{p} pct"),
                    format!("precinct {p}"),
                    format!("the {}", ordinal(p)),
                    format!("{} pct", ordinal(p)),
                ];
                if digits.len() == 2 && digits.iter().all(|d| *d != 0) {
                    options.push(format!("the {}-{}", DIGIT_WORDS[digits[0]], DIGIT_WORDS[digits[1]]));
                }
                options.choose(&mut self.rng).cloned().unwrap_or_else(|| format!("precinct {p}"))
            }
        }
    }

    fn report(&mut self, crew: Option<&Crew>, event: &Event) -> Report {
        let lang_weights: Vec<(&str, u32)> = LANGUAGES.to_vec();
        let lang = *weighted(&mut self.rng, &lang_weights);
        let text = TEXTS.iter().find(|t| t.tag == lang).unwrap_or(&TEXTS[0]);
        let (y, m, d) = civil_from_days(event.day);
        let day_of_year = event.day - days_from_civil(y, 1, 1);
        let offset = if (67..305).contains(&day_of_year) { "-04:00" } else { "-05:00" };
        let noise = self.rng.random_range(-20..=20i64);
        let minute = (event.minute + noise).clamp(0, 1_439);
        let date = format!("{y:04}-{m:02}-{d:02}");
        let mut incident = Incident::default();
        match self.rng.random_range(0..10) {
            0..=4 => incident.started_at = Some(format!("{date}T{:02}:{:02}:00{offset}", minute / 60, minute % 60)),
            5..=8 => {
                incident.date = Some(date.clone());
                incident.time_of_day = Some(TimeOfDay::of_hour((minute / 60) as u32));
            }
            _ => incident.date = Some(date.clone()),
        }
        let crew = crew.cloned();
        let mut place = Place::default();
        if self.keep() {
            place.kind = crew.as_ref().map(|c| c.place_kind);
        }
        if self.chance(0.7) {
            place.precinct = Some(event.precinct);
        }
        if self.chance(0.6) {
            place.lat = Some(((event.lat + self.normal() * 0.0009) * 1e5).round() / 1e5);
            place.lon = Some(((event.lon + self.normal() * 0.0012) * 1e5).round() / 1e5);
        }
        if place != Place::default() {
            incident.place = Some(place);
        }
        let mut claims = Claims::default();
        let mut unit_said = None;
        let mut vehicle_out = None;
        let mut asks = Vec::new();
        let mut actors = None;
        if let Some(c) = &crew {
            if self.keep() {
                claims.agencies = Some(vec![c.agency.to_owned()]);
            }
            if self.keep() {
                let titles: Vec<Title> = if self.chance(0.7) { c.titles.clone() } else { vec![c.titles[0]] };
                claims.titles = Some(titles);
            }
            if self.keep() && !matches!(c.unit, Unit::Said("")) {
                let said = self.say_unit(&c.unit, lang);
                unit_said = Some(said.clone());
                claims.units = Some(vec![said]);
            }
            if let Unit::Precinct(p) = c.unit
                && self.chance(0.3)
            {
                claims.precincts = Some(vec![p]);
            }
            if !c.names.is_empty() && self.keep() && self.chance(0.8) {
                let names: Vec<String> = c.names.iter().map(|n| self.misspell(n)).collect();
                claims.names = Some(names);
            }
            if let Some(s) = &c.shield
                && self.keep()
            {
                claims.shield_numbers = Some(vec![s.clone()]);
            }
            if let Some(a) = c.attire
                && self.keep()
            {
                claims.attire = Some(vec![a.to_owned()]);
            }
            if self.keep() {
                claims.showed = Some(c.showed.clone());
            }
            if let Some((kind, color, model, plate)) = &c.vehicle
                && self.keep()
            {
                let mut v = Vehicle::default();
                if self.chance(0.9) {
                    v.kind = Some(*kind);
                }
                if self.chance(0.85) {
                    v.color =
                        Some(if self.chance(0.4) { text.colors[*color].to_owned() } else { COLORS[*color].to_owned() });
                }
                if let Some((make, model)) = model
                    && self.chance(0.5)
                {
                    v.make = Some(self.misspell(make));
                    if self.chance(0.7) {
                        v.model = Some((*model).to_owned());
                    }
                }
                if let Some(plate) = plate
                    && self.chance(0.35)
                {
                    let chars: Vec<char> = plate.chars().collect();
                    let from = self.rng.random_range(0..=chars.len() - 4);
                    let len = self.rng.random_range(4..=chars.len() - from);
                    let seen: String = chars[from..from + len].iter().collect();
                    let prefix = if from > 0 { "*" } else { "" };
                    let suffix = if from + len < chars.len() { "*" } else { "" };
                    v.plate = Some(format!("{prefix}{seen}{suffix}"));
                    if self.chance(0.5) {
                        v.plate_state = Some("NY".to_owned());
                    }
                }
                if v != Vehicle::default() {
                    vehicle_out = Some((v, *kind, *color));
                }
            }
            for a in &c.asks {
                if self.chance(0.75) {
                    asks.push(*a);
                }
            }
            if self.chance(0.1) {
                asks.push(*COMMON_ASKS.choose(&mut self.rng).unwrap_or(&Ask::OpenDoor));
            }
            asks.sort();
            asks.dedup();
            if self.keep() {
                let off = if self.chance(0.2) { 1 } else { 0 };
                actors = Some(if self.rng.random_bool(0.5) { c.size + off } else { c.size.saturating_sub(off).max(1) });
            }
        }
        // The narrative in the report's language.
        let mut narrative = String::new();
        if self.chance(0.85) {
            let title_word = match crew.as_ref().map(|c| c.titles[0]) {
                Some(Title::Detective | Title::Investigator) => text.titles[1],
                Some(Title::Officer | Title::Sergeant | Title::Lieutenant) => text.titles[2],
                Some(Title::Agent) => text.titles[3],
                _ => text.titles[0],
            };
            let (color_word, vehicle_word) = match crew.as_ref().and_then(|c| c.vehicle.as_ref()) {
                Some((kind, color, _, _)) => (
                    text.colors[*color],
                    text.vehicles[match kind {
                        VehicleKind::Suv => 1,
                        VehicleKind::Van => 2,
                        VehicleKind::Pickup => 3,
                        _ => 0,
                    }],
                ),
                None => (text.colors[0], text.vehicles[0]),
            };
            let street = crew.as_ref().and_then(|c| c.streets.choose(&mut self.rng).copied()).unwrap_or("Broadway");
            let unit = unit_said.clone().unwrap_or_else(|| text.titles[0].to_owned());
            narrative = text
                .template
                .replace("{n}", &actors.unwrap_or(2).to_string())
                .replace("{time}", &format!("{}:{:02}", minute / 60, minute % 60))
                .replace("{title}", title_word)
                .replace("{unit}", &unit)
                .replace("{color}", color_word)
                .replace("{vehicle}", vehicle_word)
                .replace("{street}", street);
            for filler in text.fillers {
                if self.chance(0.4) {
                    narrative.push(' ');
                    narrative.push_str(filler);
                }
            }
            if let Some(names) = &claims.names
                && self.chance(0.5)
            {
                narrative.push(' ');
                narrative.push_str(&names.join(", "));
            }
        }
        let claims_any = claims.has_any();
        let mut report = Report {
            reference: None,
            source: Some(
                *[Source::Web, Source::Phone, Source::ThreeOneOne, Source::Partner]
                    .choose(&mut self.rng)
                    .unwrap_or(&Source::Web),
            ),
            submitted_at: Some(format!("{date}T{:02}:{:02}:00{offset}", (minute / 60 + 2).min(23), minute % 60)),
            language: Some(lang.to_owned()),
            incident: Some(incident),
            claims: claims_any.then_some(claims),
            actors: actors.map(|count| Actors { count: Some(count), description: None }),
            vehicles: vehicle_out.map(|(v, _, _)| vec![v]),
            asks: (!asks.is_empty()).then_some(asks),
            outcome: Some(
                *[Outcome::TheyLeft, Outcome::DetainedSomeone, Outcome::Unknown]
                    .choose(&mut self.rng)
                    .unwrap_or(&Outcome::Unknown),
            ),
            check: self.chance(0.2).then_some(Check { done: Some(true), result: Some(CheckResult::NoMatch) }),
            narrative: (!narrative.is_empty()).then_some(narrative),
            reporter: Some(Reporter {
                role: Some(
                    *[ReporterRole::Myself, ReporterRole::Family, ReporterRole::Neighbour, ReporterRole::Witness]
                        .choose(&mut self.rng)
                        .unwrap_or(&ReporterRole::Witness),
                ),
                contact: self.chance(0.3).then(|| format!("+1 917 555 {:04}", self.rng.random_range(0..10_000))),
                wants_contact: Some(self.rng.random_bool(0.5)),
            }),
        };
        // A report must say something: fall back to a short narrative.
        if report.narrative.is_none() && report.asks.is_none() && report.claims.is_none() {
            report.narrative = Some(text.fillers[0].to_owned());
        }
        report
    }
}
