//! `shieldcheck reports export`: every stored report, decrypted with a case-team identity as
//! JSON Lines (with `--attachments`, the photos as files), or with `--sealed` still sealed, as a
//! tar of age files with a manifest. Every report exported is counted as opened, and the export
//! is recorded in the audit trail before anything is read. `patterns analyze --identity` reads
//! the stored reports decrypted through here as well.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use serde::Serialize;
use shieldcheck_casefile::followup::ReportAccess;
use shieldcheck_casefile::sealed_report::{AttachmentVariant, SealedAttachment, SealedReport, TeamIdentity};
use shieldcheck_report::attachment::MediaType;
use shieldcheck_report::{Report, UnixTime};
use shieldcheck_service::clock::now;
use shieldcheck_store::Store;

use crate::audit;
use crate::private_files::{create_private, create_private_dir, write_new_private};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A case-team identity file (from `team-keys init` or `age-keygen`).
    #[arg(long, required_unless_present = "sealed", conflicts_with = "sealed")]
    identity: Option<PathBuf>,
    /// Copy the sealed reports out unopened (no identity needed): a tar archive.
    #[arg(long, requires = "out")]
    sealed: bool,
    /// Write here instead of standard output (mode 0600).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also write the reports' photos, decrypted, into this new folder (mode 0700): the
    /// copies without metadata, `<report id>/<n>.jpg|png`, and `index.jsonl` linking each
    /// report's line of the export to its photos.
    #[arg(long, requires = "identity", conflicts_with = "sealed")]
    attachments: Option<PathBuf>,
    /// With --attachments, also the originals as received (`<n>-original.jpg`), which may
    /// hold the place and the phone a photo was taken with. Recorded in the audit trail.
    #[arg(long, requires = "attachments")]
    originals: bool,
}

/// Reports read per page on export.
const EXPORT_PAGE: u32 = 1_000;

/// Runs `reports export`: sealed to a tar with `--sealed`, else decrypted with `--identity`.
pub(super) async fn run(store: &dyn Store, args: &ExportArgs) -> anyhow::Result<()> {
    if args.sealed {
        let out = args.out.as_deref().context("--sealed needs --out FILE.tar")?;
        export_sealed(store, out).await
    } else {
        let identity = args.identity.as_deref().context("give --identity FILE, or --sealed")?;
        let photos = args.attachments.as_deref().map(|dir| PhotoExport { dir, originals: args.originals });
        export(store, identity, args.out.as_deref(), photos).await
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
                append_file(&mut archive, &name, stored.submitted_hour.start(), &stored.ciphertext)?;
                let mut attachments = Vec::new();
                for file in files_by_report.remove(&stored.id).unwrap_or_default() {
                    let variant = file.variant.as_str();
                    let name = format!("attachments/{}-{}-{variant}.age", stored.id, file.position);
                    append_file(&mut archive, &name, stored.submitted_hour.start(), &file.ciphertext)?;
                    attachments.push(ManifestAttachment { position: file.position, variant, file: name });
                }
                let entry = ManifestEntry {
                    id: stored.id,
                    file: name,
                    source: stored.source.as_str(),
                    reference: stored.reference.as_deref(),
                    submitted_hour: stored.submitted_hour.to_string(),
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
        header.set_mtime(u64::try_from(now().as_secs()).unwrap_or(0));
        header.set_entry_type(tar::EntryType::Regular);
        archive.append_data(&mut header, "manifest.jsonl", &mut manifest)?;
        archive.into_inner()?.flush()?;
        Ok(written)
    })?;
    eprintln!("wrote {written} sealed reports to {} (decrypt each with `age -d -i IDENTITY`)", out.display());
    Ok(())
}

fn append_file<W: Write>(
    archive: &mut tar::Builder<W>,
    name: &str,
    mtime: UnixTime,
    bytes: &[u8],
) -> anyhow::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_size(bytes.len() as u64);
    header.set_mode(0o600);
    header.set_mtime(u64::try_from(mtime.as_secs()).unwrap_or(0));
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
