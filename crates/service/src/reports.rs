//! Report intake without HTTP: the receipt key and the team keys (`ReportDesk`), sealing on
//! blocking threads, group commit, and receipt lookups that cost the same whether the receipt
//! is wrong or unknown. Nothing here logs report content.

use std::path::PathBuf;
use std::sync::Arc;

use shieldcheck_casefile::receipt::{Checked, ReceiptKey, ReporterKey};
use shieldcheck_casefile::sealed_report::{Inserted, NewReport, SealedReport, TeamKeys};
use shieldcheck_report::attachment::{AttachmentError, CheckedAttachment, Upload, check_all};
use shieldcheck_report::{Report, ReportError, Source};
use shieldcheck_store::{Store, StoreError};
use tokio::sync::Semaphore;

pub use shieldcheck_casefile::receipt::Receipt;

use crate::settings::{ReceiptSettings, ReportSettings};

/// Why a report was not taken or a receipt not looked up.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error("the report was not accepted: {0}")]
    Report(ReportError),
    #[error("the report was not accepted: {0}")]
    Attachment(#[from] AttachmentError),
    /// No case-team key, or no receipt key: nothing can be sealed or looked up.
    #[error("reports cannot be received right now: the case team's keys are not set up on this service")]
    Unavailable,
    /// A report with this `ref` was already received.
    #[error("a report with this ref was already received")]
    Duplicate,
    #[error("the report could not be stored: {0}")]
    Store(#[source] StoreError),
    #[error("{0}")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl IntakeError {
    pub fn internal(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        IntakeError::Internal(Box::new(e))
    }
}

/// What intake holds beyond the store: the receipt index key, a bound on concurrent Argon2
/// work (a burst of follow-up lookups of old receipts, 19 MiB each, queues here instead of
/// exhausting memory), and the team keys last read, with their precomputed tables.
#[derive(Debug, Clone)]
pub struct ReportDesk {
    receipt_key: Option<Arc<ReceiptKey>>,
    argon2_slots: Arc<Semaphore>,
    team_keys: Arc<std::sync::Mutex<Option<KnownTeamKeys>>>,
}

impl ReportDesk {
    /// The desk with the receipt key from the settings (`receipts.key`, then
    /// `receipts.key_file`), else from the key file beside the SQLite database (created on
    /// first use, mode 0600). Without any (PostgreSQL and no setting), reports are refused
    /// with `reports_unavailable` and the reason is logged.
    pub fn new(settings: &ReceiptSettings, sidecar: Option<PathBuf>) -> std::io::Result<ReportDesk> {
        let receipt_key = if let Some(secret) = &settings.key {
            Some(ReceiptKey::from_hex(secret).map_err(std::io::Error::other)?)
        } else if let Some(path) = settings.key_file.clone().or(sidecar) {
            Some(ReceiptKey::load_or_create(&path).map_err(std::io::Error::other)?)
        } else {
            tracing::warn!(
                "no receipt key: set receipts.key (64 hex digits, the same on every server) to accept reports"
            );
            None
        };
        let slots = std::thread::available_parallelism().map_or(2, |n| n.get()).max(2);
        Ok(ReportDesk {
            receipt_key: receipt_key.map(Arc::new),
            argon2_slots: Arc::new(Semaphore::new(slots)),
            team_keys: Arc::default(),
        })
    }

    /// The case team's keys, read from the store at most once a second (so a key added with
    /// `team-keys add` seals reports from the next second on; until then they are sealed to
    /// the keys before, which still open them) and built into [`TeamKeys`] only when they
    /// changed. Without any, reports cannot be sealed: `reports_unavailable`.
    pub async fn team_keys(&self, store: &dyn Store) -> Result<TeamKeys, IntakeError> {
        let poisoned = |_| IntakeError::internal(std::io::Error::other("team keys lock poisoned"));
        let now = std::time::Instant::now();
        let fresh = {
            let cached = self.team_keys.lock().map_err(poisoned)?;
            cached.as_ref().filter(|known| now.duration_since(known.read_at) < TEAM_KEYS_TTL).map(|k| k.keys.clone())
        };
        if let Some(keys) = fresh {
            return Ok(keys);
        }
        let records = store.team_recipients().await.map_err(IntakeError::internal)?;
        if records.is_empty() {
            tracing::error!("a report was refused: no case-team key is registered (shieldcheck team-keys init)");
            return Err(IntakeError::Unavailable);
        }
        let texts: Vec<String> = records.iter().map(|r| r.recipient.clone()).collect();
        let unchanged = {
            let mut cached = self.team_keys.lock().map_err(poisoned)?;
            cached.as_mut().filter(|known| known.texts == texts).map(|known| {
                known.read_at = now;
                known.keys.clone()
            })
        };
        if let Some(keys) = unchanged {
            return Ok(keys);
        }
        let keys = tokio::task::spawn_blocking(move || TeamKeys::from_records(&records))
            .await
            .map_err(IntakeError::internal)?
            .map_err(IntakeError::internal)?;
        *self.team_keys.lock().map_err(poisoned)? = Some(KnownTeamKeys { texts, keys: keys.clone(), read_at: now });
        Ok(keys)
    }
}

/// How long the team keys read from the store are used before they are read again.
const TEAM_KEYS_TTL: std::time::Duration = std::time::Duration::from_secs(1);

/// The team keys last read, as stored (`age1…`) and built.
#[derive(Debug)]
struct KnownTeamKeys {
    texts: Vec<String>,
    keys: TeamKeys,
    read_at: std::time::Instant,
}

/// Group commit: reports sealed by concurrent submissions are stored together, one durable
/// transaction for all that are waiting when the last commit ends (up to [`GROUP_MAX`]), and
/// each submission is answered only after the transaction holding its report has committed.
/// A receipt is still never shown before its report is on disk; a busy minute simply costs
/// one disk sync per group instead of one per report. If a group's transaction fails, its
/// reports are stored again one by one, so that one report's failure is only its own.
#[derive(Debug, Clone)]
pub struct GroupCommit {
    jobs: tokio::sync::mpsc::Sender<(NewReport, tokio::sync::oneshot::Sender<Result<Inserted, StoreError>>)>,
}

/// The most reports stored in one transaction.
pub const GROUP_MAX: usize = 256;

impl GroupCommit {
    /// Starts the writer task for `store` (on the current Tokio runtime).
    pub fn start(store: Arc<dyn Store>) -> GroupCommit {
        let (jobs, mut waiting) = tokio::sync::mpsc::channel(4 * GROUP_MAX);
        tokio::spawn(async move {
            let mut group: Vec<(NewReport, tokio::sync::oneshot::Sender<_>)> = Vec::with_capacity(GROUP_MAX);
            while waiting.recv_many(&mut group, GROUP_MAX).await > 0 {
                let (reports, answers): (Vec<NewReport>, Vec<_>) = group.drain(..).unzip();
                let results = match store.insert_reports(&reports).await {
                    Ok(inserted) => inserted.into_iter().map(Ok).collect(),
                    Err(e) if reports.len() == 1 => vec![Err(e)],
                    Err(_) => {
                        let mut one_by_one = Vec::with_capacity(reports.len());
                        for report in &reports {
                            one_by_one.push(store.insert_report(report).await);
                        }
                        one_by_one
                    }
                };
                for (answer, result) in answers.into_iter().zip(results) {
                    // The submission may have gone (the client hung up): its report is stored.
                    let _ = answer.send(result);
                }
            }
        });
        GroupCommit { jobs }
    }

    /// Stores `report` durably with whatever else is waiting; returns once committed.
    pub async fn insert(&self, report: NewReport) -> Result<Inserted, IntakeError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let stopped = || IntakeError::internal(std::io::Error::other("the report writer stopped"));
        self.jobs.send((report, answer)).await.map_err(|_| stopped())?;
        answered.await.map_err(|_| stopped())?.map_err(IntakeError::Store)
    }
}

/// Refuses to go on when the receipt key file is missing but stored reports have receipts:
/// a new key would be created, and every receipt already given out would silently stop
/// finding its report. A key set in the settings (`receipts.key`) is taken as the operator's
/// decision and not checked.
pub async fn check_receipt_key_file(settings: &ReceiptSettings, store: &dyn Store) -> std::io::Result<()> {
    if settings.key.is_some() {
        return Ok(());
    }
    let Some(path) = settings.key_file.clone().or_else(|| store.sidecar_key_path()) else { return Ok(()) };
    if path.try_exists()? {
        return Ok(());
    }
    let receipts = store.receipt_count().await.map_err(std::io::Error::other)?;
    if receipts == 0 {
        return Ok(());
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::NotFound,
        format!(
            "the receipt key file {} is missing, but {receipts} stored reports have receipts made with it: \
             restore the file from a backup so that those receipts keep working (shieldcheck will not \
             make a new key over them); if the key is lost for good, set receipts.key to a new key \
             (64 hexadecimal digits), knowing that the old receipts will no longer find their reports",
            path.display()
        ),
    ))
}

/// Checks photos against the limits and makes their stripped copies, on a blocking thread
/// (a few megabytes each are walked byte by byte).
pub async fn check_attachments(
    settings: &ReportSettings,
    uploads: Vec<Upload>,
) -> Result<Vec<CheckedAttachment>, IntakeError> {
    if uploads.is_empty() {
        return Ok(Vec::new());
    }
    let limits = settings.attachment_limits();
    Ok(tokio::task::spawn_blocking(move || check_all(uploads, limits)).await.map_err(IntakeError::internal)??)
}

/// Seals a validated report and its checked photos to the case team, stores them durably
/// (committed, all in one transaction, with whatever else is waiting) and returns the receipt.
#[tracing::instrument(skip_all, fields(photos = photos.len()))]
pub async fn submit_checked(
    store: &dyn Store,
    desk: &ReportDesk,
    writer: &GroupCommit,
    report: Report,
    photos: Vec<CheckedAttachment>,
) -> Result<Receipt, IntakeError> {
    let keys = desk.team_keys(store).await?;
    let key = desk.receipt_key.clone().ok_or(IntakeError::Unavailable)?;
    let now = crate::clock::now();
    // Web and API reports: the server says where and when (contract: submitted_at "set by the
    // server for web and API reports").
    let report = Report { source: Some(Source::Web), submitted_at: Some(now.to_string()), ..report };
    report.validate().map_err(IntakeError::Report)?;
    let slot = desk.argon2_slot().await?;
    let (receipt, sealed) = tokio::task::spawn_blocking(move || -> Result<(Receipt, NewReport), IntakeError> {
        let receipt = Receipt::generate();
        // One Argon2id run gives the verifier and the reporter's key, whose public half lets
        // the case team write back (sealed so that only the receipt opens it).
        let (record, _reporter) = key.record(&receipt).map_err(IntakeError::internal)?;
        let mut sealed =
            NewReport::seal(&report, &keys, Source::Web, now, Some(record)).map_err(IntakeError::internal)?;
        sealed.seal_attachments(&keys, &photos).map_err(IntakeError::internal)?;
        Ok((receipt, sealed))
    })
    .await
    .map_err(IntakeError::internal)??;
    drop(slot);
    let inserted = writer.insert(sealed).await?;
    if !inserted.created {
        return Err(IntakeError::Duplicate);
    }
    Ok(receipt)
}

/// The report a receipt belongs to, or `None` for a wrong or unknown receipt. Both cost one
/// indexed lookup and one Argon2id verification (against a dummy hash when the index finds
/// nothing), so the answer's timing does not tell them apart. For follow-up.
#[tracing::instrument(skip_all)]
pub async fn lookup(
    store: &dyn Store,
    desk: &ReportDesk,
    receipt: &Receipt,
) -> Result<Option<SealedReport>, IntakeError> {
    Ok(lookup_with_key(store, desk, receipt).await?.map(|(report, _)| report))
}

/// As [`lookup`], with the reporter's key derived from the receipt when the report has one.
#[tracing::instrument(skip_all)]
pub async fn lookup_with_key(
    store: &dyn Store,
    desk: &ReportDesk,
    receipt: &Receipt,
) -> Result<Option<(SealedReport, Option<ReporterKey>)>, IntakeError> {
    let key = desk.receipt_key.clone().ok_or(IntakeError::Unavailable)?;
    let found = store.report_by_receipt_index(&key.index(receipt)).await.map_err(IntakeError::internal)?;
    let _slot = desk.argon2_slot().await?;
    let receipt = receipt.clone();
    let hash = found.as_ref().map(|f| f.receipt_hash.clone());
    let checked = tokio::task::spawn_blocking(move || key.check(&receipt, hash.as_deref()))
        .await
        .map_err(IntakeError::internal)?;
    Ok(match (found, checked) {
        (Some(found), Checked::Verified { reporter }) => Some((found.report, reporter)),
        _ => None,
    })
}

impl ReportDesk {
    async fn argon2_slot(&self) -> Result<tokio::sync::OwnedSemaphorePermit, IntakeError> {
        self.argon2_slots.clone().acquire_owned().await.map_err(IntakeError::internal)
    }
}
