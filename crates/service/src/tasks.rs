//! What the service does on its own while it runs: re-signing the status list, and the
//! scheduled purge of what retention says is past keeping.

use std::sync::Arc;

use shieldcheck_store::Store;

use crate::credentials;
use crate::issuer::Issuer;
use crate::settings::RetentionSettings;

/// Signs the status list now and then every ttl, so verifiers' copies never go stale while
/// the service runs. A failure is logged and retried at the next tick.
pub async fn publish_status_lists(store: Arc<dyn Store>, issuer: Arc<Issuer>) {
    let period = std::time::Duration::from_secs(credentials::STATUS_LIST_TTL_SECS.unsigned_abs());
    let mut ticks = tokio::time::interval(period);
    loop {
        ticks.tick().await;
        if let Err(e) = issuer.publish(store.as_ref(), crate::clock::now().as_secs()).await {
            tracing::error!(error = %e, "could not publish the status list");
        }
    }
}

/// Purges what the retention settings say is past keeping, now and then every interval.
/// Several servers sharing one PostgreSQL may all do it: a purge is one transaction, and one
/// that finds nothing writes nothing. A failure is logged and retried at the next tick.
pub async fn scheduled_purge(store: Arc<dyn Store>, retention: RetentionSettings) {
    let mut ticks = tokio::time::interval(std::time::Duration::from_secs(retention.purge_interval_secs));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let policy = retention.policy();
    loop {
        ticks.tick().await;
        let now = crate::clock::now();
        let event = shieldcheck_casefile::sealed_report::AuditEvent {
            at: now,
            actor: "service:retention".into(),
            action: "reports.purge".into(),
            detail: serde_json::json!({ "scheduled": true, "policy": &policy }).to_string(),
        };
        match store.purge_reports(&policy.rules(now), false, &event).await {
            Ok(counts) if counts.total_reports() > 0 => {
                tracing::info!(
                    reports = counts.total_reports(),
                    entries = counts.entries,
                    "purged reports past retention"
                );
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "the scheduled purge failed"),
        }
    }
}
