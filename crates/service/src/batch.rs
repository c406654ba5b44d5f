//! Online verification in batches: requests wait in a queue, and each worker takes whatever is
//! queued (up to [`MAX_BATCH`]), reads the trusted keys and the status list once for all of
//! them, and verifies them together on a blocking thread, where the issuer signatures are
//! checked in one batch (`shieldcheck_credential::batch`). Under light load a request is
//! a batch of one and waits for nothing; under heavy load the batches grow and each
//! verification costs less. Every answer is the one `verify_presentation` gives.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use shieldcheck_credential::batch::{BatchItem, MAX_BATCH, verify_items};
use shieldcheck_credential::{Verification, VerifyOptions};
use shieldcheck_store::{Store, StoreError};

use crate::credentials::TrustCache;
use tokio::sync::{Semaphore, mpsc, oneshot};

/// How many requests may wait in the queue; beyond that, callers wait to enqueue.
const QUEUE: usize = 4096;

/// Why a batched verification gave no answer.
#[derive(Debug, Clone, thiserror::Error)]
pub enum BatchError {
    #[error("could not read the trusted keys and the status list: {0}")]
    Store(#[source] Arc<StoreError>),
    #[error("the batch verifier has stopped")]
    Stopped,
}

/// Counts of the work done, for logs and tests.
#[derive(Debug, Default)]
struct Counters {
    batches: AtomicU64,
    presentations: AtomicU64,
}

/// The number of batches run and of presentations verified so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchStats {
    pub batches: u64,
    pub presentations: u64,
}

struct Request {
    payload: String,
    options: VerifyOptions,
    now: i64,
    reply: oneshot::Sender<Result<Verification, BatchError>>,
}

/// A handle on the batch verifier; clones share one queue. The workers stop once every handle
/// is dropped.
#[derive(Debug, Clone)]
pub struct BatchVerifier {
    queue: mpsc::Sender<Request>,
    counters: Arc<Counters>,
}

impl BatchVerifier {
    /// Starts a verifier over `store` with batches of up to [`MAX_BATCH`] and one worker per
    /// core. Must be called inside a Tokio runtime.
    pub fn start(store: Arc<dyn Store>, trust: Arc<TrustCache>) -> BatchVerifier {
        let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        BatchVerifier::with_limits(store, trust, MAX_BATCH, workers)
    }

    /// Starts a verifier with at most `max_batch` presentations per batch and `workers`
    /// batches verified at the same time (each at least 1).
    pub fn with_limits(
        store: Arc<dyn Store>,
        trust: Arc<TrustCache>,
        max_batch: usize,
        workers: usize,
    ) -> BatchVerifier {
        let (queue, receiver) = mpsc::channel(QUEUE);
        let counters = Arc::new(Counters::default());
        let source = TrustSource { store, cache: trust };
        tokio::spawn(dispatch(receiver, source, max_batch.max(1), workers.max(1), counters.clone()));
        BatchVerifier { queue, counters }
    }

    /// Verifies a presentation payload at `now` (unix seconds) against the store's trusted
    /// keys and its status list as of the latest `now` in the batch.
    pub async fn verify(&self, payload: String, options: VerifyOptions, now: i64) -> Result<Verification, BatchError> {
        let (reply, answer) = oneshot::channel();
        self.queue.send(Request { payload, options, now, reply }).await.map_err(|_| BatchError::Stopped)?;
        answer.await.map_err(|_| BatchError::Stopped)?
    }

    pub fn stats(&self) -> BatchStats {
        BatchStats {
            batches: self.counters.batches.load(Ordering::Relaxed),
            presentations: self.counters.presentations.load(Ordering::Relaxed),
        }
    }
}

/// Takes whatever is queued whenever a worker is free, until every handle is dropped.
/// Where a batch gets its keys and status list.
#[derive(Clone)]
struct TrustSource {
    store: Arc<dyn Store>,
    cache: Arc<TrustCache>,
}

async fn dispatch(
    mut receiver: mpsc::Receiver<Request>,
    source: TrustSource,
    max_batch: usize,
    workers: usize,
    counters: Arc<Counters>,
) {
    let free = Arc::new(Semaphore::new(workers));
    loop {
        let Ok(permit) = free.clone().acquire_owned().await else { return };
        let mut requests = Vec::with_capacity(max_batch);
        if receiver.recv_many(&mut requests, max_batch).await == 0 {
            return;
        }
        let source = source.clone();
        let counters = counters.clone();
        tokio::spawn(async move {
            run_batch(requests, &source, &counters).await;
            drop(permit);
        });
    }
}

/// Verifies one batch and answers each request.
async fn run_batch(requests: Vec<Request>, source: &TrustSource, counters: &Counters) {
    let Some(at) = requests.iter().map(|r| r.now).max() else { return };
    let trust = match source.cache.get(source.store.as_ref(), at).await {
        Ok(trust) => trust,
        Err(e) => {
            let e = Arc::new(e);
            for request in requests {
                let _ = request.reply.send(Err(BatchError::Store(e.clone())));
            }
            return;
        }
    };
    counters.batches.fetch_add(1, Ordering::Relaxed);
    counters.presentations.fetch_add(u64::try_from(requests.len()).unwrap_or(u64::MAX), Ordering::Relaxed);
    // A panic here drops the replies, and each caller gets `Stopped`.
    let _ = tokio::task::spawn_blocking(move || {
        let items: Vec<BatchItem<'_>> =
            requests.iter().map(|r| BatchItem { payload: &r.payload, now: r.now, options: r.options }).collect();
        let (keys, token) = trust.as_ref();
        let answers = verify_items(&items, keys, Some(token));
        drop(items);
        for (request, answer) in requests.into_iter().zip(answers) {
            let _ = request.reply.send(Ok(answer));
        }
    })
    .await;
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use shieldcheck_credential::{CredentialClaims, VerifyResult, issue, present, testing, verify_presentation};
    use shieldcheck_store::{CredentialRecord, CredentialStatus, IssuerKeyRecord, OpenOptions};

    use super::*;
    use crate::clock::now;
    use crate::credentials::{STATUS_LIST_URI, trust};

    struct Setup {
        store: Arc<dyn Store>,
        _dir: tempfile::TempDir,
        /// A valid presentation, a revoked one, one from another phone, a forged one.
        payloads: Vec<String>,
    }

    async fn setup() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/batch.db", dir.path().display());
        let store = shieldcheck_store::open(&url, &OpenOptions::default()).await.unwrap();
        let issuer = testing::issuer();
        let kid = String::from_utf8(testing::KID.to_vec()).unwrap();
        store
            .add_issuer_key(&IssuerKeyRecord {
                kid: kid.clone(),
                public_key: issuer.public().to_bytes().to_vec(),
                sealed_secret: "not used here".into(),
                created_at: 0,
                retired_at: None,
            })
            .await
            .unwrap();
        let at = now().as_secs();
        let device = testing::device(5);
        let mut credentials = Vec::new();
        for (i, member) in ["M0012345", "M0098765"].into_iter().enumerate() {
            let index = 99 + u64::try_from(i).unwrap();
            let record = CredentialRecord {
                member_id: member.into(),
                kid: kid.clone(),
                status_index: index,
                issued_at: at,
                expires_at: at + 86_400,
                status: CredentialStatus::Valid,
            };
            assert!(store.add_credential(&record).await.unwrap());
            let claims = CredentialClaims {
                member_id: member.into(),
                status_uri: STATUS_LIST_URI.into(),
                status_index: index,
                device_key: testing::device_public(&device),
                ..testing::claims_valid(at, at + 86_400)
            };
            credentials.push(issue(&claims, &issuer).unwrap());
        }
        store.set_credential_status("M0098765", CredentialStatus::Revoked, at).await.unwrap();
        let other_phone = testing::device(6);
        let mut forged = credentials[0].clone();
        let last = forged.len() - 1;
        forged[last] ^= 1;
        let payloads = vec![
            present(&credentials[0], &device, at, None),
            present(&credentials[1], &device, at, None),
            present(&credentials[0], &other_phone, at, None),
            present(&forged, &device, at, None),
            "SC1:nonsense".into(),
        ];
        Setup { store, _dir: dir, payloads }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn queued_requests_are_verified_together_with_the_answers_of_one_by_one() {
        let s = setup().await;
        let verifier = BatchVerifier::with_limits(s.store.clone(), Arc::default(), 64, 1);
        let at = now().as_secs();
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..200usize {
            let verifier = verifier.clone();
            let payload = s.payloads[i % s.payloads.len()].clone();
            tasks.spawn(async move { (i, verifier.verify(payload, VerifyOptions::default(), at).await) });
        }
        let (keys, token) = trust(s.store.as_ref(), at).await.unwrap();
        let mut seen = 0;
        while let Some(joined) = tasks.join_next().await {
            let (i, answer) = joined.unwrap();
            let expected = verify_presentation(
                &s.payloads[i % s.payloads.len()],
                &keys,
                Some(&token),
                at,
                &VerifyOptions::default(),
            );
            assert_eq!(answer.unwrap(), expected);
            seen += 1;
        }
        assert_eq!(seen, 200);
        let results: Vec<VerifyResult> = s
            .payloads
            .iter()
            .map(|p| verify_presentation(p, &keys, Some(&token), at, &VerifyOptions::default()).result)
            .collect();
        assert_eq!(
            results,
            [
                VerifyResult::Valid,
                VerifyResult::Revoked,
                VerifyResult::WrongDevice,
                VerifyResult::BadSignature,
                VerifyResult::Malformed
            ]
        );
        let stats = verifier.stats();
        assert_eq!(stats.presentations, 200);
        assert!(stats.batches < 200, "requests queued together share a batch: {stats:?}");
    }

    #[tokio::test]
    async fn a_lone_request_is_answered_at_once_with_its_own_options() {
        let s = setup().await;
        let verifier = BatchVerifier::start(s.store.clone(), Arc::default());
        let at = now().as_secs();
        let answer = verifier.verify(s.payloads[0].clone(), VerifyOptions::default(), at).await.unwrap();
        assert_eq!(answer.result, VerifyResult::Valid);
        assert_eq!(answer.status_as_of, Some(at));
        // Challenge mode: a presentation without the challenge shown is refused.
        let options = VerifyOptions { challenge: Some(417), ..VerifyOptions::default() };
        let answer = verifier.verify(s.payloads[0].clone(), options, at).await.unwrap();
        assert_eq!(answer.result, VerifyResult::StalePresentation);
        assert_eq!(verifier.stats(), BatchStats { batches: 2, presentations: 2 });
    }
}
