//! Events of the audit trail as the commands write them: who acted (`cli:` and the
//! operating-system user), when, what, and details that name reports by id, never their
//! content.

use shieldcheck_casefile::sealed_report::AuditEvent;
use shieldcheck_service::clock::now;

/// An audit event for `action` by this command line's user, now.
pub fn event(action: &str, detail: serde_json::Value) -> AuditEvent {
    AuditEvent { at: now(), actor: actor(), action: action.to_owned(), detail: detail.to_string() }
}

/// `cli:` and the operating-system user, as the export's audit events say.
fn actor() -> String {
    let user = std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_else(|_| "unknown".into());
    format!("cli:{user}")
}
