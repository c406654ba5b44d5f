//! `shieldcheck team-keys …` and `shieldcheck reports import|export`: the case team's keys,
//! bulk import of JSON Lines reports (sealed as they go in) and export, decrypted with a team
//! identity or still sealed as age files. Every export is recorded in the audit trail.

use std::io::{BufRead as _, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use secrecy::ExposeSecret as _;
use serde::Serialize;
use shieldcheck_casefile::followup::ReportAccess;
use shieldcheck_casefile::sealed_report::{
    AttachmentVariant, NewReport, SealedAttachment, SealedReport, TeamIdentity, TeamKeys, TeamRecipient,
    parse_recipient,
};
use shieldcheck_report::attachment::MediaType;
use shieldcheck_report::time::rfc3339_utc;
use shieldcheck_report::{FieldError, Report, ReportErrorCode, Source};
use shieldcheck_service::clock::now;
use shieldcheck_store::Store;

use crate::audit;
use crate::private_files::{create_private, create_private_dir, write_new_private};

/// Reports stored per transaction on import: large enough that commits, and the index pages a
/// batch touches, are shared by many reports (10,000 went a tenth faster than 2,000 over a
/// million), small enough that a batch is some tens of megabytes (read and sealed).
const IMPORT_BATCH: usize = 10_000;
/// Reports read per page on export.
const EXPORT_PAGE: u32 = 1_000;
/// Per-line errors kept for `--json` (all are printed in text mode).
const MAX_JSON_ERRORS: usize = 1_000;

const NO_TEAM_KEY: &str = "no case-team key is registered, so reports cannot be sealed to anyone. Create one with \
                           `shieldcheck team-keys init --out team-identity.txt` (keep that file off this server), \
                           or register an existing age key with `shieldcheck team-keys add age1…`";

/// `team-keys init`: a new identity file (age-keygen format, mode 0600, never overwritten),
/// its public key registered and printed.
#[tracing::instrument(skip_all, err)]
pub async fn team_keys_init(store: &dyn Store, out: &Path, label: Option<&str>) -> anyhow::Result<()> {
    let public_key = new_team_identity(store, out, label).await?;
    eprintln!(
        "wrote the case-team identity to {}: anyone holding it can read every report sealed to it. Keep it off this \
         server (an offline machine or a hardware-backed store), and keep a backup: without it no report can be read.",
        out.display()
    );
    println!("{public_key}");
    Ok(())
}

/// Writes a new case-team identity to `out` (never overwriting) and registers its public key,
/// which it returns.
pub async fn new_team_identity(store: &dyn Store, out: &Path, label: Option<&str>) -> anyhow::Result<String> {
    let identity = TeamIdentity::generate();
    let public_key = identity.public_keys().concat();
    let text = identity.to_file_text(&rfc3339_utc(now()));
    write_new_private(out, text.expose_secret().as_bytes())
        .with_context(|| format!("could not create {} (an existing file is never overwritten)", out.display()))?;
    let record = TeamRecipient { recipient: public_key.clone(), label: label.map(str::to_owned), added_at: now() };
    store.add_team_recipient(&record).await?;
    Ok(public_key)
}

/// `team-keys add`: registers a case-team member's age X25519 public key.
#[tracing::instrument(skip_all, err)]
pub async fn team_keys_add(store: &dyn Store, public_key: &str, label: Option<&str>) -> anyhow::Result<()> {
    let recipient = parse_recipient(public_key)?;
    let record = TeamRecipient { recipient: recipient.clone(), label: label.map(str::to_owned), added_at: now() };
    if store.add_team_recipient(&record).await? {
        println!("added {recipient}; new reports are sealed to it as well");
    } else {
        println!("{recipient} was already registered");
    }
    Ok(())
}

/// `team-keys list`.
pub async fn team_keys_list(store: &dyn Store, json: bool) -> anyhow::Result<()> {
    let recipients = store.team_recipients().await?;
    let key_id = TeamKeys::from_records(&recipients).ok().map(|k| k.key_id().to_owned());
    if json {
        println!("{}", serde_json::json!({ "key_id": key_id, "keys": recipients }));
        return Ok(());
    }
    if recipients.is_empty() {
        println!("no case-team key is registered");
        return Ok(());
    }
    for r in &recipients {
        println!("{}  {}  {}", r.recipient, rfc3339_utc(r.added_at), r.label.as_deref().unwrap_or(""));
    }
    if let Some(key_id) = key_id {
        println!("new reports are sealed to these {} keys (key id {key_id})", recipients.len());
    }
    Ok(())
}

/// One line of an import file that was refused.
#[derive(Debug, Serialize)]
struct LineError {
    line: u64,
    /// The file ended in the middle of this line (no line break after it).
    cut_off: bool,
    errors: Vec<FieldError>,
}

/// What an import did.
#[derive(Debug, Default, Serialize)]
struct ImportSummary {
    lines: u64,
    imported: u64,
    already_present: u64,
    refused: u64,
    errors: Vec<LineError>,
    errors_omitted: u64,
    seconds: f64,
}

/// `reports import FILE.jsonl`: streams the file, seals and stores every valid line (in
/// batches, one transaction each), reports every refused line with its number.
#[tracing::instrument(skip_all, err)]
pub async fn import(store: &dyn Store, file: &Path, source: Option<&str>, json: bool) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let default_source = match source {
        Some(s) => Source::parse(s).with_context(|| {
            let known: Vec<&str> = Source::ALL.iter().map(|s| s.as_str()).collect();
            format!("unknown source {s:?}; one of {}", known.join(", "))
        })?,
        None => Source::Import,
    };
    let recipients = store.team_recipients().await?;
    if recipients.is_empty() {
        anyhow::bail!(NO_TEAM_KEY);
    }
    let keys = TeamKeys::from_records(&recipients)?;
    let handle = std::fs::File::open(file).with_context(|| format!("could not read {}", file.display()))?;
    let size = handle.metadata().map(|m| m.len()).unwrap_or(0);
    let mut reader = std::io::BufReader::with_capacity(1 << 20, handle);
    // Drawn only on a terminal: indicatif hides itself when standard error is not one.
    let progress = indicatif::ProgressBar::with_draw_target(Some(size), indicatif::ProgressDrawTarget::stderr());
    progress.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg} ({eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );

    let mut summary = ImportSummary::default();
    let mut batch: Vec<Line> = Vec::with_capacity(IMPORT_BATCH);
    let mut pending: Vec<NewReport> = Vec::new();
    let mut read = 0u64;
    let mut number = 0u64;
    let import = Import { store, keys: &keys, default_source, file, json, progress: &progress };
    loop {
        let mut bytes = Vec::new();
        let n = reader.read_until(b'\n', &mut bytes).with_context(|| format!("could not read {}", file.display()))?;
        if n == 0 {
            break;
        }
        read += n as u64;
        number += 1;
        let ended = bytes.last() == Some(&b'\n');
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        batch.push(Line { number, bytes, ended });
        if batch.len() >= IMPORT_BATCH {
            import.store_batch(&mut batch, &mut pending, &mut summary).await?;
            progress.set_position(read);
            progress.set_message(format!("{} imported", summary.imported));
        }
    }
    summary.lines = number;
    // The last batch is sealed while the one before it is stored, then stored on its own.
    import.store_batch(&mut batch, &mut pending, &mut summary).await?;
    import.store_batch(&mut batch, &mut pending, &mut summary).await?;
    progress.finish_and_clear();
    summary.seconds = started.elapsed().as_secs_f64();
    if json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        println!(
            "{} imported, {} already present, {} refused ({} lines) from {} in {:.2} s",
            summary.imported,
            summary.already_present,
            summary.refused,
            summary.lines,
            file.display(),
            summary.seconds
        );
    }
    Ok(if summary.refused == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn print_line_error(file: &Path, refused: &LineError, progress: &indicatif::ProgressBar) {
    let cut = if refused.cut_off { " (the line is cut off: the file ends in the middle of it)" } else { "" };
    progress.suspend(|| {
        for e in &refused.errors {
            eprintln!("{}:{}: {e}{cut}", file.display(), refused.line);
        }
    });
}

/// One non-blank line of an import file, as read.
struct Line {
    number: u64,
    bytes: Vec<u8>,
    /// Whether a line break followed it (a last line without one may be cut off).
    ended: bool,
}

/// What every batch of an import needs.
struct Import<'a> {
    store: &'a dyn Store,
    keys: &'a TeamKeys,
    default_source: Source,
    file: &'a Path,
    json: bool,
    progress: &'a indicatif::ProgressBar,
}

impl Import<'_> {
    /// Parses, validates and seals `batch` on every core (X25519 and ChaCha20 are the cost of
    /// an import) while storing `pending`, the batch sealed by the call before, in one
    /// transaction: the cores and the database work at the same time. The newly sealed batch
    /// becomes `pending`; a last call with an empty `batch` stores it. Batches are stored one
    /// after the other, in file order, and refused lines are reported in file order.
    async fn store_batch(
        &self,
        batch: &mut Vec<Line>,
        pending: &mut Vec<NewReport>,
        summary: &mut ImportSummary,
    ) -> anyhow::Result<()> {
        if batch.is_empty() && pending.is_empty() {
            return Ok(());
        }
        let now = now();
        let handle = tokio::runtime::Handle::current();
        let to_store = std::mem::take(pending);
        let lines: &[Line] = batch;
        let (keys, default_source, store) = (self.keys, self.default_source, self.store);
        let (sealed, inserted) = tokio::task::block_in_place(|| {
            std::thread::scope(|scope| {
                let sealer = scope.spawn(|| seal_all(lines, keys, default_source, now));
                let inserted =
                    if to_store.is_empty() { Ok(Vec::new()) } else { handle.block_on(store.insert_reports(&to_store)) };
                let sealed = sealer.join().map_err(|_| anyhow::anyhow!("a sealing thread failed"))?;
                anyhow::Ok((sealed, inserted))
            })
        })?;
        for inserted in inserted? {
            if inserted.created {
                summary.imported += 1;
            } else {
                summary.already_present += 1;
            }
        }
        for outcome in sealed? {
            match outcome {
                Ok(report) => pending.push(report),
                Err(refused) => {
                    if !self.json {
                        print_line_error(self.file, &refused, self.progress);
                    }
                    summary.refused += 1;
                    if summary.errors.len() < MAX_JSON_ERRORS {
                        summary.errors.push(refused);
                    } else {
                        summary.errors_omitted += 1;
                    }
                }
            }
        }
        batch.clear();
        Ok(())
    }
}

/// Parses, validates and seals `lines` on every core, in order: each line's sealed report, or
/// why it was refused.
fn seal_all(
    lines: &[Line],
    keys: &TeamKeys,
    default_source: Source,
    now: i64,
) -> anyhow::Result<Vec<Result<NewReport, LineError>>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = lines.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = lines
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|line| -> anyhow::Result<Result<NewReport, LineError>> {
                            Ok(match parse_line(line, default_source) {
                                Ok(report) => Ok(NewReport::seal(&report, keys, default_source, now, None)?),
                                Err(refused) => Err(refused),
                            })
                        })
                        .collect::<anyhow::Result<Vec<_>>>()
                })
            })
            .collect();
        let mut sealed = Vec::with_capacity(lines.len());
        for worker in workers {
            let part = worker.join().map_err(|_| anyhow::anyhow!("a sealing thread failed"))??;
            sealed.extend(part);
        }
        Ok(sealed)
    })
}

/// One line as a report (its source defaulted), or why it was refused.
fn parse_line(line: &Line, default_source: Source) -> Result<Report, LineError> {
    let mut content = line.bytes.as_slice();
    content = content.strip_suffix(b"\n").unwrap_or(content);
    content = content.strip_suffix(b"\r").unwrap_or(content);
    match Report::from_json(content) {
        Ok(mut report) => {
            report.source = report.source.or(Some(default_source));
            Ok(report)
        }
        Err(refused) => {
            // A last line without its line break that does not parse was cut off (a partial
            // copy or a full disk), which says more than the JSON error alone.
            let cut_off = !line.ended && refused.code() == ReportErrorCode::InvalidJson;
            Err(LineError { line: line.number, cut_off, errors: refused.errors })
        }
    }
}

/// The stored reports, decrypted with a team identity and handed to `each` one by one in id
/// order, for `patterns analyze --identity`. As with a decrypted export, every report there is
/// now is counted as opened (its reporter sees the count) and the analysis is recorded in the
/// audit trail, both before anything is decrypted. A report without a `ref` is named by its
/// id, as the patterns contract says.
pub async fn decrypt_for_analysis(
    store: &dyn Store,
    identity_file: &Path,
    to: &str,
    mut each: impl FnMut(Report),
) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(identity_file)
        .with_context(|| format!("could not read the identity file {}", identity_file.display()))?;
    let identity = TeamIdentity::from_file_text(&text)?;
    let total = store.report_count().await?;
    let up_to = last_report_id(store).await?;
    let detail = serde_json::json!({
        "decrypted": true,
        "reports": total,
        "purpose": "patterns analyze",
        "to": to,
        "identity": identity.public_keys(),
    });
    let event = audit::event("patterns.analyze", detail);
    if store.record_report_access(None, up_to, ReportAccess::Opened, &event).await? == 0 {
        store.append_audit_event(&event).await.context("could not record the analysis in the audit trail")?;
    }
    for_each_page(store, |page| {
        for stored in page.iter().filter(|r| r.id <= up_to) {
            let mut report = identity.open_report(stored).with_context(|| {
                format!("report {} (sealed to key set {}) could not be opened", stored.id, stored.key_id)
            })?;
            report.reference = report.reference.or_else(|| Some(stored.id.to_string()));
            each(report);
        }
        Ok(())
    })
}

/// Where `reports export --attachments` writes photos, and whether originals too.
#[derive(Debug, Clone, Copy)]
pub struct PhotoExport<'a> {
    pub dir: &'a Path,
    pub originals: bool,
}

/// The largest photo an export decrypts (far above any upload limit a server would set): a
/// damaged or hostile file never makes the export read without bound.
const MAX_EXPORTED_PHOTO_BYTES: usize = 256 * 1024 * 1024;

/// `reports export --identity FILE [--out FILE] [--attachments DIR [--originals]]`: every
/// report decrypted as JSON Lines, and with `--attachments` its photos, decrypted, as files.
/// Recorded in the audit trail before anything is read.
#[tracing::instrument(skip_all, err)]
pub async fn export(
    store: &dyn Store,
    identity_file: &Path,
    out: Option<&Path>,
    photos: Option<PhotoExport<'_>>,
) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(identity_file)
        .with_context(|| format!("could not read the identity file {}", identity_file.display()))?;
    let identity = TeamIdentity::from_file_text(&text)?;
    let total = store.report_count().await?;
    if let Some(photos) = photos {
        create_private_dir(photos.dir).with_context(|| {
            format!("could not create {} (it must not exist yet, or be empty)", photos.dir.display())
        })?;
    }
    let photo_detail = match photos {
        Some(p) => serde_json::json!({
            "to": p.dir.display().to_string(),
            "photos": store.attachment_count().await?,
            "stripped": true,
            "originals": p.originals,
        }),
        None => serde_json::Value::Null,
    };
    // The reports there are now: each is counted as opened (its reporter sees the count), in
    // the same transaction as the audit event. Reports arriving during the export are not
    // part of it.
    let up_to = last_report_id(store).await?;
    // Recorded before anything is decrypted, so that no export, even one that fails half way,
    // goes unrecorded.
    let detail = serde_json::json!({
        "decrypted": true,
        "reports": total,
        "to": out.map_or_else(|| "standard output".to_owned(), |p| p.display().to_string()),
        "identity": identity.public_keys(),
        "attachments": photo_detail,
    });
    let event = audit::event("reports.export", detail);
    if store.record_report_access(None, up_to, ReportAccess::Opened, &event).await? == 0 {
        // Nothing to open: the (empty) export is recorded all the same.
        store.append_audit_event(&event).await.context("could not record the export in the audit trail")?;
    }
    let (written, photo_files) = match out {
        Some(path) => write_atomically(path, |w| write_decrypted(store, &identity, up_to, w, photos))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            let n = write_decrypted(store, &identity, up_to, &mut stdout, photos)?;
            stdout.flush()?;
            n
        }
    };
    if let Some(path) = out {
        eprintln!("wrote {written} reports, decrypted, to {}", path.display());
    }
    if let Some(p) = photos {
        eprintln!("wrote {photo_files} photo files, decrypted, to {}", p.dir.display());
    }
    Ok(())
}

/// The highest report id stored now (0 when there are none).
async fn last_report_id(store: &dyn Store) -> anyhow::Result<i64> {
    let mut last = 0;
    loop {
        let page = store.report_states_after(last, 1_000, None).await?;
        match page.last() {
            Some(state) => last = state.id,
            None => return Ok(last),
        }
    }
}

/// One line of `index.jsonl` in a photo export: a report's line in the JSON Lines export,
/// its id, and its photo files.
#[derive(Debug, Serialize)]
struct PhotoIndexEntry<'a> {
    line: u64,
    id: i64,
    source: &'static str,
    #[serde(rename = "ref")]
    reference: Option<&'a str>,
    files: Vec<String>,
}

/// Writes the reports (and, with `photos`, their photo files); the number of reports and of
/// photo files written.
fn write_decrypted(
    store: &dyn Store,
    identity: &TeamIdentity,
    up_to: i64,
    w: &mut dyn Write,
    photos: Option<PhotoExport<'_>>,
) -> anyhow::Result<(u64, u64)> {
    let mut written = 0;
    let mut photo_files = 0;
    let mut index = match photos {
        Some(p) => Some(BufWriter::new(create_private(&p.dir.join("index.jsonl"))?)),
        None => None,
    };
    let handle = tokio::runtime::Handle::current();
    for_each_page(store, |reports| {
        let mut files_by_report = std::collections::HashMap::<i64, Vec<SealedAttachment>>::new();
        if let (Some(p), Some(first), Some(last)) = (photos, reports.first(), reports.last()) {
            let variant = if p.originals { None } else { Some(AttachmentVariant::Stripped) };
            let files =
                tokio::task::block_in_place(|| handle.block_on(store.sealed_attachments(first.id, last.id, variant)))?;
            for file in files {
                files_by_report.entry(file.report_id).or_default().push(file);
            }
        }
        for stored in reports.iter().filter(|r| r.id <= up_to) {
            let report = identity.open_report(stored).with_context(|| {
                format!("report {} (sealed to key set {}) could not be opened", stored.id, stored.key_id)
            })?;
            w.write_all(report.to_json_line().as_bytes())?;
            w.write_all(b"\n")?;
            written += 1;
            if let (Some(p), Some(index)) = (photos, index.as_mut()) {
                let files = files_by_report.remove(&stored.id).unwrap_or_default();
                let names = write_photos(p.dir, stored.id, &files, identity)?;
                photo_files += names.len() as u64;
                let entry = PhotoIndexEntry {
                    line: written,
                    id: stored.id,
                    source: stored.source.as_str(),
                    reference: stored.reference.as_deref(),
                    files: names,
                };
                serde_json::to_writer(&mut *index, &entry)?;
                index.write_all(b"\n")?;
            }
        }
        Ok(())
    })?;
    if let Some(index) = index {
        index.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    }
    Ok((written, photo_files))
}

/// Decrypts one report's photo files into `dir/<id>/`: `<n>.<ext>` for the copy without
/// metadata, `<n>-original.<ext>` for the original. Returns the names relative to `dir`.
fn write_photos(
    dir: &Path,
    id: i64,
    files: &[SealedAttachment],
    identity: &TeamIdentity,
) -> anyhow::Result<Vec<String>> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let folder = dir.join(id.to_string());
    create_private_dir(&folder).with_context(|| format!("could not create {}", folder.display()))?;
    let mut names = Vec::with_capacity(files.len());
    for file in files {
        let bytes = identity.open_bytes(&file.ciphertext, MAX_EXPORTED_PHOTO_BYTES).with_context(|| {
            format!("photo {} of report {id} (sealed to key set {}) could not be opened", file.position, file.key_id)
        })?;
        let extension = MediaType::sniff(&bytes).map_or("bin", MediaType::extension);
        let suffix = match file.variant {
            AttachmentVariant::Stripped => "",
            AttachmentVariant::Original => "-original",
        };
        let name = format!("{id}/{}{suffix}.{extension}", file.position);
        write_new_private(&dir.join(&name), &bytes).with_context(|| format!("could not write {name}"))?;
        names.push(name);
    }
    Ok(names)
}

/// One line of a sealed export's manifest.
#[derive(Debug, Serialize)]
struct ManifestEntry<'a> {
    id: i64,
    file: String,
    source: &'static str,
    #[serde(rename = "ref")]
    reference: Option<&'a str>,
    submitted_hour: String,
    status: &'static str,
    key_id: &'a str,
    /// The report's photo files, each an age file like the report.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<ManifestAttachment>,
}

/// A photo file of a sealed export.
#[derive(Debug, Serialize)]
struct ManifestAttachment {
    position: u32,
    /// `original` (as received, evidence) or `stripped` (without metadata).
    variant: &'static str,
    file: String,
}

/// `reports export --sealed --out FILE.tar`: each report's age file, unopened, as
/// `reports/<id>.age`, its photos' age files as `attachments/<id>-<n>-original.age` and
/// `-stripped.age`, and `manifest.jsonl` with what is in the clear.
#[tracing::instrument(skip_all, err)]
pub async fn export_sealed(store: &dyn Store, out: &Path) -> anyhow::Result<()> {
    let total = store.report_count().await?;
    let photos = store.attachment_count().await?;
    audit(
        store,
        "reports.export_sealed",
        serde_json::json!({ "decrypted": false, "reports": total, "photos": photos, "to": out.display().to_string() }),
    )
    .await?;
    let handle = tokio::runtime::Handle::current();
    let written = write_atomically(out, |w| {
        let mut archive = tar::Builder::new(w);
        // The manifest goes last, once every report is in; it waits in a temporary file so
        // that a million reports need no memory.
        let mut manifest = tempfile::tempfile().context("could not create a temporary file")?;
        let mut manifest_writer = BufWriter::new(&mut manifest);
        let mut written = 0u64;
        for_each_page(store, |reports| {
            let (Some(first), Some(last)) = (reports.first(), reports.last()) else { return Ok(()) };
            let files =
                tokio::task::block_in_place(|| handle.block_on(store.sealed_attachments(first.id, last.id, None)))?;
            let mut files_by_report = std::collections::HashMap::<i64, Vec<SealedAttachment>>::new();
            for file in files {
                files_by_report.entry(file.report_id).or_default().push(file);
            }
            for stored in reports {
                let name = format!("reports/{}.age", stored.id);
                append_file(&mut archive, &name, stored.submitted_hour, &stored.ciphertext)?;
                let mut attachments = Vec::new();
                for file in files_by_report.remove(&stored.id).unwrap_or_default() {
                    let variant = file.variant.as_str();
                    let name = format!("attachments/{}-{}-{variant}.age", stored.id, file.position);
                    append_file(&mut archive, &name, stored.submitted_hour, &file.ciphertext)?;
                    attachments.push(ManifestAttachment { position: file.position, variant, file: name });
                }
                let entry = ManifestEntry {
                    id: stored.id,
                    file: name,
                    source: stored.source.as_str(),
                    reference: stored.reference.as_deref(),
                    submitted_hour: rfc3339_utc(stored.submitted_hour),
                    status: stored.status.as_str(),
                    key_id: &stored.key_id,
                    attachments,
                };
                serde_json::to_writer(&mut manifest_writer, &entry)?;
                manifest_writer.write_all(b"\n")?;
                written += 1;
            }
            Ok(())
        })?;
        manifest_writer.flush()?;
        drop(manifest_writer);
        let len = std::io::Seek::seek(&mut manifest, std::io::SeekFrom::End(0))?;
        std::io::Seek::rewind(&mut manifest)?;
        let mut header = tar::Header::new_gnu();
        header.set_size(len);
        header.set_mode(0o600);
        header.set_mtime(u64::try_from(now()).unwrap_or(0));
        header.set_entry_type(tar::EntryType::Regular);
        archive.append_data(&mut header, "manifest.jsonl", &mut manifest)?;
        archive.into_inner()?.flush()?;
        Ok(written)
    })?;
    eprintln!("wrote {written} sealed reports to {} (decrypt each with `age -d -i IDENTITY`)", out.display());
    Ok(())
}

fn append_file<W: Write>(archive: &mut tar::Builder<W>, name: &str, mtime: i64, bytes: &[u8]) -> anyhow::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_size(bytes.len() as u64);
    header.set_mode(0o600);
    header.set_mtime(u64::try_from(mtime).unwrap_or(0));
    header.set_entry_type(tar::EntryType::Regular);
    archive.append_data(&mut header, name, bytes)?;
    Ok(())
}

/// Calls `each` with every stored report, a page at a time, by id.
fn for_each_page(store: &dyn Store, mut each: impl FnMut(&[SealedReport]) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let handle = tokio::runtime::Handle::current();
    let mut after = 0;
    loop {
        // The writers are synchronous (files, tar); the store is not.
        let page = tokio::task::block_in_place(|| handle.block_on(store.sealed_reports_after(after, EXPORT_PAGE)))?;
        let Some(last) = page.last() else { return Ok(()) };
        after = last.id;
        each(&page)?;
    }
}

/// Writes `path` through a private temporary file beside it, renamed into place only when
/// complete: a failed export leaves nothing behind, and no one else can read it meanwhile.
fn write_atomically<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>) -> anyhow::Result<T> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".partial");
    let tmp = PathBuf::from(tmp);
    let _ = std::fs::remove_file(&tmp);
    let file = create_private(&tmp).with_context(|| format!("could not create {}", tmp.display()))?;
    let mut writer = BufWriter::new(file);
    let result = write(&mut writer).and_then(|value| {
        let file = writer.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        Ok(value)
    });
    match result {
        Ok(value) => {
            std::fs::rename(&tmp, path).with_context(|| format!("could not write {}", path.display()))?;
            Ok(value)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

async fn audit(store: &dyn Store, action: &str, detail: serde_json::Value) -> anyhow::Result<()> {
    store
        .append_audit_event(&audit::event(action, detail))
        .await
        .context("could not record the export in the audit trail")?;
    Ok(())
}
