//! The questionnaire at `/report` through the real server: every language, no forbidden
//! questions, the proof of work and its no-JavaScript stand-in, the honeypot, errors kept
//! beside their fields, the body cap, and a legal clinic's 30 reports from one address.

use std::sync::Arc;
use std::time::Duration;

use sha2::{Digest as _, Sha256};
use shieldcheck_casefile::sealed_report::TeamIdentity;
use shieldcheck_service::i18n::Lang;
use shieldcheck_service::settings::Settings;

use super::helpers::{FormPart, PHOTO, TestApp, TestDb, log_buffer, multipart_body, register_team, spawn_app_with};

/// The server on a fresh SQLite database with a case-team key registered before it starts,
/// so that reports can be sealed; also the team's identity, to look at what was stored.
async fn spawn_with_team(settings: Settings) -> (TestApp, TeamIdentity) {
    let db = TestDb::sqlite().await;
    let team = register_team(&db.store).await;
    (db.spawn(settings).await, team)
}

/// Words no question of the form may ask about (in field names, ids and labels' targets).
const FORBIDDEN: &[&str] = &[
    "immigra",
    "nationality",
    "national",
    "ethnic",
    "citizen",
    "country",
    "race",
    "visa",
    "papers",
    "birth",
    "religion",
];

/// Settings for tests: a light proof of work, and forms accepted without it after 1 second.
fn settings(bits: u8, min_form_secs: u64) -> Settings {
    let mut s = Settings::default();
    s.reports.pow_difficulty_bits = bits;
    s.reports.pow_min_form_secs = min_form_secs;
    s
}

/// The values of every `attr="…"` in `html`.
fn attributes<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

fn challenge_of(html: &str) -> String {
    let needle = "name=\"pow_challenge\" value=\"";
    let start = html.find(needle).expect("a challenge") + needle.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

/// The work report.js does: a nonce whose SHA-256 with the challenge starts with `bits` zeros.
fn solve(challenge: &str, bits: u32) -> String {
    (0u64..).map(|n| n.to_string()).find(|n| zero_bits(challenge, n) >= bits).unwrap()
}

fn zero_bits(challenge: &str, nonce: &str) -> u32 {
    let digest = Sha256::new().chain_update(challenge).chain_update(":").chain_update(nonce).finalize();
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]).leading_zeros()
}

impl TestApp {
    async fn report_form(&self, query: &str) -> String {
        let r = self.get(&format!("/report{query}")).await;
        assert_eq!(r.status().as_u16(), 200);
        r.text().await.unwrap()
    }

    async fn post_report(&self, form: &[(&str, &str)]) -> (u16, String) {
        let r = self.client.post(format!("{}/report", self.address)).form(form).send().await.unwrap();
        let status = r.status().as_u16();
        assert_eq!(r.headers()["cache-control"], "no-store");
        assert_eq!(r.headers()["referrer-policy"], "no-referrer");
        (status, r.text().await.unwrap())
    }
}

fn receipt_of(html: &str) -> Option<String> {
    let start = html.find("id=\"receipt\" dir=\"ltr\"><bdi>")? + 28;
    let receipt = &html[start..start + 19];
    let shape: String = receipt.chars().map(|c| if c.is_ascii_digit() { 'N' } else { c }).collect();
    (shape == "NNN-NNN-NNNN-NNNNNN").then(|| receipt.to_owned())
}

const ANSWERS: &[(&str, &str)] = &[
    ("lang", "es"),
    ("date", "2026-03-14"),
    ("time_of_day", "early_morning"),
    ("place_kind", "home"),
    ("borough", "Manhattan"),
    ("agency", "NYPD"),
    ("titles", "detective"),
    ("unit", "the three-four"),
    ("names", "Det. Rivera"),
    ("asks", "open_door"),
    ("asks", "come_to_precinct"),
    ("vehicle_seen", "yes"),
    ("vehicle_kind", "suv"),
    ("people_count", "3"),
    ("outcome", "they_left"),
    ("check", "no_match"),
    ("narrative", "Tocaron a las 6:40 Qwertzuiop"),
    ("role", "family"),
];

fn with<'a>(base: &[(&'a str, &'a str)], extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    base.iter().chain(extra).copied().collect()
}

#[tokio::test]
async fn the_questionnaire_renders_in_every_language_and_asks_nothing_forbidden() {
    let (app, _) = spawn_with_team(settings(16, 10)).await;
    for lang in Lang::ALL {
        let r = app.get(&format!("/report?lang={}", lang.tag())).await;
        assert_eq!(r.status().as_u16(), 200);
        assert_eq!(r.headers()["cache-control"], "no-store");
        assert_eq!(r.headers()["referrer-policy"], "no-referrer");
        let html = r.text().await.unwrap();
        assert!(html.contains(&format!("<html lang=\"{}\" dir=\"{}\">", lang.tag(), lang.dir())), "{lang:?}");
        assert!(!html.contains("http://") && !html.contains("https://"), "{lang:?} links elsewhere");
        assert!(html.len() < 100_000, "{lang:?} is {} bytes", html.len());
        // Every question has a label; none asks about status, nationality or ethnicity.
        let names = attributes(&html, "name");
        assert!(names.len() > 30, "{lang:?}: {names:?}");
        // One answer may name immigration: that the impostors *asked about* it (the contract's
        // `asked_immigration_status`), a choice among what they did, never a question about
        // anyone's own status.
        let ids = attributes(&html, "id");
        let ids = ids.iter().filter(|id| **id != "asks-asked_immigration_status");
        for name in names.iter().chain(ids) {
            let lower = name.to_ascii_lowercase();
            assert!(!FORBIDDEN.iter().any(|f| lower.contains(f)), "{lang:?}: a field named {name:?}");
        }
        let values = attributes(&html, "value");
        let immigration: Vec<_> = values.iter().filter(|v| v.contains("immigra")).collect();
        assert_eq!(immigration, vec![&"asked_immigration_status"], "{lang:?}");
        let labelled = attributes(&html, "for");
        for (i, _) in
            html.match_indices("<input ").chain(html.match_indices("<select ")).chain(html.match_indices("<textarea "))
        {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            if tag.contains("type=\"hidden\"") {
                continue;
            }
            let id = attributes(tag, "id");
            assert!(id.len() == 1 && labelled.contains(&id[0]), "{lang:?}: unlabelled {tag}");
        }
        assert_eq!(html.matches("<fieldset class=\"step\"").count(), 9, "{lang:?}");
        assert!(html.contains("id=\"vehicle-details\""), "the vehicle questions follow a yes");
        assert!(html.contains("<script type=\"module\" src=\"/static/report.js\">"));
    }
    // Arriving from a failed check, its answer is filled in.
    let html = app.report_form("?lang=en&check=no_match").await;
    assert!(html.contains("<option value=\"no_match\" selected>"), "{html}");
    let html = app.report_form("?lang=en&check=%3Cscript%3E").await;
    assert!(!html.contains("<script>") && !html.contains(" selected>No."));
    // The script and stylesheet come from this origin.
    for path in ["/static/report.js", "/static/report.css"] {
        assert_eq!(app.get(path).await.status().as_u16(), 200, "{path}");
    }
}

#[tokio::test]
async fn a_failed_check_offers_to_report_it() {
    let (app, _) = spawn_with_team(settings(16, 10)).await;
    let form = [("name", "Det. Ana Rivera"), ("shield_number", "4470"), ("command", "34"), ("lang", "es")];
    let html =
        app.client.post(format!("{}/verify", app.address)).form(&form).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("href=\"/report?lang=es&amp;check=no_match\""), "{html}");
    let form = [("name", "Det. Ana Rivera"), ("shield_number", "4471"), ("command", "34")];
    let html =
        app.client.post(format!("{}/verify", app.address)).form(&form).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("id=\"claim-report\""), "a matching claim is not offered for a report");
}

#[tokio::test]
async fn mistakes_come_back_beside_their_fields_with_everything_kept() {
    let (app, _) = spawn_with_team(settings(16, 0)).await;
    let html = app.report_form("?lang=en").await;
    let challenge = challenge_of(&html);
    let form = [
        ("lang", "en"),
        ("pow_challenge", challenge.as_str()),
        ("date", "14/03/2026"),
        ("people_count", "many"),
        ("names", "Det. <b>Rivera</b>\r\nSmith"),
        ("titles", "spaceman"),
        ("narrative", "They said \"immigration squad\" & left"),
        ("vehicle_seen", "yes"),
        ("vehicle_plate", "HXR 45"),
    ];
    let (status, html) = app.post_report(&form).await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"error-summary\"") && html.contains("role=\"alert\""));
    for (field, target) in [("date", "date"), ("people_count", "people_count"), ("titles", "titles-police")] {
        assert!(html.contains(&format!("href=\"#{target}\"")), "the summary links to {target}");
        assert!(html.contains(&format!("id=\"{field}-error\"")), "{field} has its error");
    }
    assert!(html.contains("aria-describedby=\"date-hint date-error\" aria-invalid=\"true\""), "{html}");
    assert!(html.contains("aria-describedby=\"people_count-hint people_count-error\" aria-invalid=\"true\""));
    assert!(html.contains("value=\"14/03/2026\""));
    assert!(
        html.contains("Det. &#60;b&#62;Rivera&#60;/b&#62;") || html.contains("Det. &lt;b&gt;Rivera&lt;/b&gt;"),
        "{html}"
    );
    assert!(!html.contains("<b>Rivera"));
    assert!(
        html.contains("They said &#34;immigration squad&#34; &#38; left")
            || html.contains("They said &quot;immigration squad&quot; &amp; left")
    );
    assert!(html.contains("id=\"vehicle_seen-yes\" name=\"vehicle_seen\" value=\"yes\" checked"));
    assert!(html.contains("value=\"HXR 45\""));
    assert_eq!(challenge_of(&html), challenge, "a form with mistakes keeps its challenge");

    // Nothing said at all.
    let (status, html) = app.post_report(&[("lang", "es"), ("pow_challenge", challenge.as_str())]).await;
    assert_eq!(status, 422);
    assert!(html.contains("href=\"#narrative\"") && html.contains("id=\"narrative-error\""));
    assert!(html.contains("<html lang=\"es\""));
}

#[tokio::test]
async fn forged_altered_stale_or_fresh_challenges_are_refused_and_answers_kept() {
    let (app, _) = spawn_with_team(settings(20, 600)).await;
    let (other, _) = spawn_with_team(settings(20, 600)).await;
    let challenge = challenge_of(&app.report_form("").await);
    let foreign = challenge_of(&other.report_form("").await);
    let parts: Vec<&str> = challenge.split('.').collect();
    let easier = format!("1.{}.{}.0.{}", parts[1], parts[2], parts[4]);
    let backdated = format!("1.{}.{}.{}.{}", parts[1], parts[2].parse::<i64>().unwrap() - 3600, parts[3], parts[4]);
    for forged in [foreign.as_str(), &easier, &backdated, "", "1.2.3.4.5", &"x".repeat(5000)] {
        let form = with(ANSWERS, &[("pow_challenge", forged), ("pow_nonce", "0")]);
        let (status, html) = app.post_report(&form).await;
        assert_eq!(status, 400, "{forged}");
        assert!(html.contains("data-code=\"pow_invalid\""), "{forged}");
        assert!(html.contains("Tocaron a las 6:40 Qwertzuiop"), "the answers are kept");
        assert_ne!(challenge_of(&html), forged, "a new challenge is issued");
    }
    // Without the work, a form younger than pow_min_form_secs is asked to wait.
    let (status, html) = app.post_report(&with(ANSWERS, &[("pow_challenge", challenge.as_str())])).await;
    assert_eq!(status, 422);
    assert!(html.contains("data-code=\"pow_too_fresh\"") && html.contains("href=\"#report-submit\""));
    assert_eq!(challenge_of(&html), challenge);
    // A nonce that does not do the work.
    let bad = (0u64..).map(|n| n.to_string()).find(|n| zero_bits(&challenge, n) < 20).unwrap();
    let (status, html) =
        app.post_report(&with(ANSWERS, &[("pow_challenge", challenge.as_str()), ("pow_nonce", &bad)])).await;
    assert_eq!(status, 400);
    assert!(html.contains("data-code=\"pow_invalid\""));
}

#[tokio::test]
async fn the_honeypot_looks_like_success_and_its_challenge_is_spent() {
    let (app, _) = spawn_with_team(settings(8, 600)).await;
    let challenge = challenge_of(&app.report_form("").await);
    let nonce = solve(&challenge, 8);
    let bot = with(
        ANSWERS,
        &[("pow_challenge", challenge.as_str()), ("pow_nonce", &nonce), ("website", "http://spam.example")],
    );
    let (status, html) = app.post_report(&bot).await;
    assert_eq!(status, 200);
    assert!(receipt_of(&html).is_some(), "the robot sees a receipt: {html}");
    // The same work again: refused with a stable code.
    let (status, html) = app.post_report(&bot).await;
    assert_eq!(status, 409);
    assert!(html.contains("data-code=\"pow_reused\""), "{html}");
    assert_eq!(app.store.report_count().await.unwrap(), 0, "the robot's report was not stored");
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused_clearly() {
    let mut s = settings(8, 0);
    s.reports.max_form_bytes = 64 * 1024;
    let (app, _) = spawn_with_team(s).await;
    let challenge = challenge_of(&app.report_form("").await);
    let long = "Ж".repeat(40_000);
    let (status, html) = app.post_report(&[("pow_challenge", challenge.as_str()), ("narrative", &long)]).await;
    assert_eq!(status, 413);
    assert!(html.contains("data-code=\"payload_too_large\""), "{html}");
    // Under the questionnaire's cap (above the service's 16 KiB), a long story is fine.
    let story = "Ж".repeat(5_000);
    let (status, html) =
        app.post_report(&[("pow_challenge", challenge.as_str()), ("narrative", &story), ("names", "\u{7}")]).await;
    assert_eq!(status, 422, "read and validated, not refused for size: {html}");
    // A story one character over the contract's limit: refused beside the field, kept whole.
    let over = "a".repeat(20_001);
    let (status, html) = app.post_report(&[("pow_challenge", challenge.as_str()), ("narrative", &over)]).await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"narrative-error\"") && html.contains(&over));
    // Not a form at all.
    let r = app
        .client
        .post(format!("{}/report", app.address))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    assert!(r.text().await.unwrap().contains("data-code=\"unreadable_form\""));
}

/// A submission without JavaScript (no nonce) from a form that was open long enough is
/// stored and shows its receipt; the same form sent again is refused as `pow_reused`. Nothing
/// typed reaches the log.
#[tokio::test]
async fn a_report_without_javascript_is_stored_once_and_shows_its_receipt() {
    let logs = log_buffer();
    let (app, team) = spawn_with_team(settings(20, 1)).await;
    let challenge = challenge_of(&app.report_form("?lang=es").await);
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let form = with(ANSWERS, &[("pow_challenge", challenge.as_str()), ("contact", "+1 917 555 0199")]);
    let (status, html) = app.post_report(&form).await;
    assert_eq!(status, 200, "{html}");
    assert!(receipt_of(&html).is_some(), "{html}");
    assert!(html.contains("<html lang=\"es\""));
    let (status, html) = app.post_report(&form).await;
    assert_eq!(status, 409);
    assert!(html.contains("data-code=\"pow_reused\""));
    // Stored once, sealed, and what the case team opens is what was typed.
    assert_eq!(app.store.report_count().await.unwrap(), 1);
    let sealed = app.store.sealed_reports_after(0, 10).await.unwrap();
    let report = team.open(&sealed[0].ciphertext).unwrap();
    assert_eq!(report.language.as_deref(), Some("es"));
    assert_eq!(report.narrative.as_deref(), Some("Tocaron a las 6:40 Qwertzuiop"));
    assert_eq!(report.reporter.as_ref().and_then(|r| r.contact.as_deref()), Some("+1 917 555 0199"));
    assert_eq!(report.vehicles.as_ref().map(Vec::len), Some(1));
    let db = std::fs::read(app.db_file.as_ref().unwrap()).unwrap();
    assert!(!String::from_utf8_lossy(&db).contains("Qwertzuiop"), "the database holds no plain text");
    let text = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    for forbidden in ["Qwertzuiop", "917 555 0199", "Rivera"] {
        assert!(!text.contains(forbidden), "the log holds {forbidden:?}");
    }
}

/// Before a case-team key is registered the form is shown, but a submission is answered as
/// "unavailable" (503, try later), not as a server fault, and nothing is stored.
#[tokio::test]
async fn without_a_team_key_the_form_answers_unavailable_and_stores_nothing() {
    let app = spawn_app_with(settings(8, 1)).await;
    let challenge = challenge_of(&app.report_form("?lang=en").await);
    let nonce = solve(&challenge, 8);
    let form = with(ANSWERS, &[("pow_challenge", challenge.as_str()), ("pow_nonce", nonce.as_str())]);
    let (status, html) = app.post_report(&form).await;
    assert_eq!(status, 503, "{html}");
    assert!(html.contains("data-code=\"reports_unavailable\""), "{html}");
    assert!(receipt_of(&html).is_none());
    assert_eq!(app.store.report_count().await.unwrap(), 0);
}

/// A legal clinic sends 30 reports in a row from one address: every one is stored.
#[tokio::test]
async fn thirty_reports_in_a_row_from_one_address_all_succeed() {
    let (app, _) = spawn_with_team(settings(8, 600)).await;
    let mut receipts = Vec::new();
    for i in 0..30 {
        let challenge = challenge_of(&app.report_form("?lang=en").await);
        let nonce = solve(&challenge, 8);
        let story = format!("Clinic intake {i}: two men said they were detectives from the 34th precinct");
        let form =
            [("lang", "en"), ("pow_challenge", challenge.as_str()), ("pow_nonce", &nonce), ("narrative", &story)];
        let (status, html) = app.post_report(&form).await;
        assert_eq!(status, 200, "report {i}: {html}");
        receipts.push(receipt_of(&html).unwrap());
    }
    receipts.sort();
    receipts.dedup();
    assert_eq!(receipts.len(), 30);
    assert_eq!(app.store.report_count().await.unwrap(), 30);
}

/// A burst waits for the one submission slot instead of being turned away; with no time to
/// wait, whoever cannot be stored is told so (and nothing of theirs was stored).
#[tokio::test]
async fn a_burst_queues_for_its_turn_and_nothing_is_lost() {
    for (queue_timeout_secs, all_stored) in [(30, true), (0, false)] {
        let mut s = settings(8, 600);
        s.reports.max_concurrent_submissions = 1;
        s.reports.queue_timeout_secs = queue_timeout_secs;
        let (app, _) = spawn_with_team(s).await;
        let app = Arc::new(app);
        let mut forms = Vec::new();
        for i in 0..12 {
            let challenge = challenge_of(&app.report_form("").await);
            let nonce = solve(&challenge, 8);
            forms.push((challenge, nonce, format!("burst report {i}")));
        }
        let sends = forms.into_iter().map(|(challenge, nonce, story)| {
            let app = app.clone();
            tokio::spawn(async move {
                let form = [("pow_challenge", challenge), ("pow_nonce", nonce), ("narrative", story)];
                let r = app.client.post(format!("{}/report", app.address)).form(&form).send().await.unwrap();
                let status = r.status().as_u16();
                let retry_after = r.headers().get("retry-after").is_some();
                (status, retry_after, r.text().await.unwrap())
            })
        });
        let mut stored = 0;
        for send in sends.collect::<Vec<_>>() {
            let (status, retry_after, html) = send.await.unwrap();
            match status {
                200 => {
                    assert!(receipt_of(&html).is_some());
                    stored += 1;
                }
                503 => assert!(!all_stored && retry_after && html.contains("data-code=\"busy\""), "{html}"),
                other => panic!("status {other}: {html}"),
            }
        }
        assert_eq!(app.store.report_count().await.unwrap(), stored, "every receipt shown is a report stored");
        if all_stored {
            assert_eq!(stored, 12, "with time to wait, every report of the burst is stored");
        }
    }
}

impl TestApp {
    /// Sends the questionnaire as the browser does once it has a file input: multipart.
    async fn post_report_multipart(&self, form: &[(&str, &str)], photos: &[&[u8]]) -> (u16, String) {
        let mut parts: Vec<FormPart<'_>> = form.iter().map(|(k, v)| (*k, None, None, v.as_bytes())).collect();
        for photo in photos {
            parts.push(("attachment", Some("photo.jpg"), Some("image/jpeg"), photo));
        }
        if photos.is_empty() {
            // A file input left empty: the browser still sends it, with no name and no bytes.
            parts.push(("attachment", Some(""), Some("application/octet-stream"), b""));
        }
        let (content_type, body) = multipart_body(&parts);
        let r = self
            .client
            .post(format!("{}/report", self.address))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        assert_eq!(r.headers()["cache-control"], "no-store");
        (status, r.text().await.unwrap())
    }
}

/// The questionnaire offers photos, sends them as multipart, and stores them sealed with the
/// report; an empty file input is no photo; a refused photo shows the form again with the
/// answers kept, the error beside the file input, and nothing stored.
#[tokio::test]
async fn photos_go_with_the_questionnaire_and_bad_ones_come_back_beside_the_field() {
    let (app, team) = spawn_with_team(settings(8, 0)).await;
    let html = app.report_form("?lang=fr").await;
    assert!(html.contains("enctype=\"multipart/form-data\""), "{html}");
    assert!(html.contains("type=\"file\"") && html.contains("accept=\"image/jpeg,image/png\""), "{html}");
    assert!(html.contains("<label for=\"attachment\">Photos (facultatif)</label>"), "{html}");
    let hint = html.split("id=\"attachment-hint\">").nth(1).and_then(|h| h.split("</p>").next()).unwrap_or("");
    assert!(
        hint.contains('4') && hint.contains('8') && hint.contains("Mo chacune"),
        "the limits are in the hint: {hint}"
    );

    let challenge = challenge_of(&html);
    let nonce = solve(&challenge, 8);
    let base = with(ANSWERS, &[("pow_challenge", challenge.as_str()), ("pow_nonce", nonce.as_str())]);
    // A file that claims to be a JPEG and is not.
    let (status, html) = app.post_report_multipart(&base, &[b"\xFF\xD8\xFF not really a jpeg"]).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("id=\"attachment-error\""), "{html}");
    assert!(html.contains("href=\"#attachment\""), "the summary links to the file input: {html}");
    assert!(html.contains("Tocaron a las 6:40 Qwertzuiop"), "the answers are kept");
    assert_eq!(app.store.report_count().await.unwrap(), 0, "nothing stored");
    // Another mistake while photos were chosen: the person is asked to choose them again.
    let bad_date = with(&base, &[("date", "14/03/2026")]);
    let (status, html) = app.post_report_multipart(&bad_date, &[PHOTO]).await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"date-error\"") && html.contains("id=\"attachment-error\""), "{html}");
    assert_eq!(app.store.report_count().await.unwrap(), 0);

    // Good photos: stored with the report, stripped copy without the GPS.
    let (status, html) = app.post_report_multipart(&base, &[PHOTO, PHOTO]).await;
    assert_eq!(status, 200, "{html}");
    assert!(receipt_of(&html).is_some(), "{html}");
    let sealed = app.store.sealed_reports_after(0, 10).await.unwrap();
    assert_eq!(sealed.len(), 1);
    assert_eq!(team.open(&sealed[0].ciphertext).unwrap().narrative.as_deref(), Some("Tocaron a las 6:40 Qwertzuiop"));
    let files = app.store.sealed_attachments(sealed[0].id, sealed[0].id, None).await.unwrap();
    assert_eq!(files.len(), 4);
    for file in files {
        let bytes = team.open_bytes(&file.ciphertext, 1 << 24).unwrap();
        let has_exif = bytes.windows(4).any(|w| w == b"Exif");
        assert_eq!(has_exif, file.variant == shieldcheck_casefile::sealed_report::AttachmentVariant::Original);
    }

    // Multipart without photos (an empty file input) is a plain report.
    let challenge = challenge_of(&app.report_form("").await);
    let nonce = solve(&challenge, 8);
    let form = with(ANSWERS, &[("pow_challenge", challenge.as_str()), ("pow_nonce", nonce.as_str())]);
    let (status, html) = app.post_report_multipart(&form, &[]).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(app.store.report_count().await.unwrap(), 2);
    assert_eq!(app.store.attachment_count().await.unwrap(), 2);
}
