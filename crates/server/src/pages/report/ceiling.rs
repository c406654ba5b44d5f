//! The submission ceiling: reports being stored at once, with the rest waiting their turn
//! rather than being refused, and the challenges of the proof of work.

use super::*;

/// What the questionnaire keeps between requests: the challenges and the submission ceiling.
#[derive(Debug)]
pub struct Intake {
    pub(super) challenges: Challenges,
    /// Reports being stored at once; the rest wait their turn (up to `queue_timeout`).
    pub(super) ceiling: Semaphore,
    pub(super) queue_timeout: Duration,
    /// The limits on photos, for the page's hint and the body's size.
    pub(super) settings: ReportSettings,
}

impl Intake {
    pub fn new(settings: &ReportSettings) -> Intake {
        Intake {
            challenges: Challenges::new(settings),
            ceiling: Semaphore::new(settings.max_concurrent_submissions.max(1)),
            queue_timeout: Duration::from_secs(settings.queue_timeout_secs),
            settings: settings.clone(),
        }
    }
}
