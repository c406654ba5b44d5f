//! `shieldcheck reports import FILE.jsonl`: reports in bulk from JSON Lines
//! (docs/contracts/report-v1.md), sealed to the case team's keys as they go in. The file is
//! streamed and parsed, validated and sealed on every core while the batch before is stored;
//! refused lines are reported with their numbers and the valid ones import all the same.

use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use serde::Serialize;
use shieldcheck_casefile::sealed_report::{NewReport, TeamKeys};
use shieldcheck_report::{FieldError, Report, ReportErrorCode, Source, UnixTime};
use shieldcheck_service::clock::now;
use shieldcheck_store::Store;

#[derive(Debug, Args)]
pub struct ImportArgs {
    file: PathBuf,
    /// The source of lines that name none [default: import].
    #[arg(long)]
    source: Option<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// Reports stored per transaction on import: large enough that commits, and the index pages a
/// batch touches, are shared by many reports (10,000 went a tenth faster than 2,000 over a
/// million), small enough that a batch is some tens of megabytes (read and sealed).
const IMPORT_BATCH: usize = 10_000;
/// Per-line errors kept for `--json` (all are printed in text mode).
const MAX_JSON_ERRORS: usize = 1_000;

const NO_TEAM_KEY: &str = "no case-team key is registered, so reports cannot be sealed to anyone. Create one with \
                           `shieldcheck team-keys init --out team-identity.txt` (keep that file off this server), \
                           or register an existing age key with `shieldcheck team-keys add age1…`";

/// Runs `reports import`; exits non-zero when any line was refused.
pub(super) async fn run(store: &dyn Store, args: &ImportArgs) -> anyhow::Result<ExitCode> {
    import(store, &args.file, args.source.as_deref(), args.json).await
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
    now: UnixTime,
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
