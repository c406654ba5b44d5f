//! Typed settings: defaults < file < `SHIELDCHECK_*` environment (loaded by the CLI).
//! `config/default.toml` documents every value and is what `shieldcheck config
//! print-default` prints; a test keeps it equal to [`Settings::default`].

use std::net::SocketAddr;

use secrecy::SecretString;
use serde::Deserialize;

/// The documented default settings file.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub database: DatabaseSettings,
    pub server: ServerSettings,
    pub rate_limit: RateLimitSettings,
    pub credentials: CredentialSettings,
    pub reports: ReportSettings,
    pub receipts: ReceiptSettings,
    pub followup: FollowupSettings,
    pub retention: RetentionSettings,
}

/// Follow-up with a receipt (`followup.rs`): guessing receipts is throttled for everyone
/// together, never per address.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FollowupSettings {
    /// Wrong or unknown receipts accepted per minute, for all clients together; past the
    /// budget every lookup waits its turn.
    pub failed_lookups_per_minute: u32,
    /// Wrong receipts accepted at once before the steady rate applies.
    pub failed_lookup_burst: u32,
    /// How long a lookup waits for its turn before the person is asked to try again.
    pub max_wait_secs: u64,
    /// Addenda and messages one report may hold (both ways together).
    pub max_entries_per_report: u64,
}

impl Default for FollowupSettings {
    fn default() -> Self {
        FollowupSettings {
            failed_lookups_per_minute: 60,
            failed_lookup_burst: 30,
            max_wait_secs: 20,
            max_entries_per_report: 200,
        }
    }
}

/// How long reports are kept (`shieldcheck reports purge`, and the service's scheduled purge).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetentionSettings {
    /// Days a report stays after it became `new`, `open` or `closed` (counted from its last
    /// status change); a status without a value, or with 0 (TOML cannot unset a default), is
    /// kept for ever.
    pub new_days: Option<u32>,
    pub open_days: Option<u32>,
    pub closed_days: Option<u32>,
    /// A reporter's addendum or message keeps the report at least this many days longer.
    pub grace_days: u32,
    /// Seconds between the service's purges; 0 turns the scheduled purge off.
    pub purge_interval_secs: u64,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        RetentionSettings {
            new_days: None,
            open_days: None,
            closed_days: Some(365),
            grace_days: 30,
            purge_interval_secs: 3_600,
        }
    }
}

impl RetentionSettings {
    /// The policy these settings describe.
    pub fn policy(&self) -> shieldcheck_casefile::followup::RetentionPolicy {
        use shieldcheck_casefile::sealed_report::ReportStatus;
        let days = [
            (ReportStatus::New, self.new_days),
            (ReportStatus::Open, self.open_days),
            (ReportStatus::Closed, self.closed_days),
        ]
        .into_iter()
        .filter_map(|(status, days)| days.filter(|d| *d > 0).map(|d| (status, d)))
        .collect();
        shieldcheck_casefile::followup::RetentionPolicy { days, grace_days: self.grace_days }
    }
}

/// Where the key of the receipt index comes from (`reports.rs`). It must never be in the
/// database: without it a stolen database cannot be searched for receipts.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReceiptSettings {
    /// The key as 64 hexadecimal digits; the same on every server sharing a database. A
    /// secret: `Debug` prints it redacted.
    pub key: Option<SecretString>,
    /// A file holding the key, created (mode 0600) with a random key when missing.
    pub key_file: Option<std::path::PathBuf>,
}

/// The web questionnaire's defences against abuse, none of which looks at who is asking
/// (`server` `pages/report/`, `pow.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReportSettings {
    /// Leading zero bits of SHA-256 the page's script must find before sending (0–32).
    pub pow_difficulty_bits: u8,
    /// Without JavaScript, the form's challenge must be at least this old instead.
    pub pow_min_form_secs: u64,
    /// How long a form's challenge stays valid, in seconds.
    pub pow_challenge_ttl_secs: u64,
    /// The largest questionnaire body accepted, in bytes.
    pub max_form_bytes: usize,
    /// Reports stored at the same time; others wait their turn.
    pub max_concurrent_submissions: usize,
    /// How long a report waits for its turn before the person is asked to try again.
    pub queue_timeout_secs: u64,
    /// The most photos one report may carry (the questionnaire and the API).
    pub max_attachments: usize,
    /// The largest photo accepted, in bytes.
    pub max_attachment_bytes: usize,
}

impl ReportSettings {
    /// The photo limits as the core checks them.
    pub fn attachment_limits(&self) -> shieldcheck_report::attachment::AttachmentLimits {
        shieldcheck_report::attachment::AttachmentLimits {
            max_count: self.max_attachments,
            max_bytes: self.max_attachment_bytes,
        }
    }

    /// The largest multipart body: `text_bytes` of answers or JSON, every photo at its limit,
    /// and room for the parts' headers and boundaries.
    pub fn max_multipart_bytes(&self, text_bytes: usize) -> usize {
        let per_part_overhead = 1024;
        self.max_attachments
            .saturating_add(1)
            .saturating_mul(per_part_overhead)
            .saturating_add(self.max_attachments.saturating_mul(self.max_attachment_bytes))
            .saturating_add(text_bytes)
            .saturating_add(64 * 1024)
    }
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            pow_difficulty_bits: 16,
            pow_min_form_secs: 10,
            pow_challenge_ttl_secs: 4 * 3600,
            max_form_bytes: 384 * 1024,
            max_concurrent_submissions: 4,
            queue_timeout_secs: 30,
            max_attachments: shieldcheck_report::attachment::DEFAULT_MAX_ATTACHMENTS,
            max_attachment_bytes: shieldcheck_report::attachment::DEFAULT_MAX_ATTACHMENT_BYTES,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CredentialSettings {
    /// Days a credential issued by enrolment on `/officer` stays valid (1–30).
    pub validity_days: u32,
    /// Clock difference between an officer's phone and the verifier tolerated beyond the
    /// ±1 time step, in seconds.
    pub clock_skew_secs: i64,
}

impl Default for CredentialSettings {
    fn default() -> Self {
        CredentialSettings { validity_days: 30, clock_skew_secs: 30 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    /// A secret: it may hold a password. `Debug` prints it redacted.
    pub url: Option<SecretString>,
    pub max_connections: u32,
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        DatabaseSettings { url: None, max_connections: 8 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerSettings {
    pub listen: SocketAddr,
    pub behind_tls: bool,
    pub trust_forwarded_for: bool,
    pub max_body_bytes: usize,
}

impl Default for ServerSettings {
    fn default() -> Self {
        ServerSettings {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            behind_tls: false,
            trust_forwarded_for: false,
            max_body_bytes: 16 * 1024,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimitSettings {
    pub global_per_second: u32,
    pub global_burst: u32,
    pub client_per_minute: u32,
    pub client_burst: u32,
    pub max_tracked_clients: usize,
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        RateLimitSettings {
            global_per_second: 200,
            global_burst: 400,
            client_per_minute: 30,
            client_burst: 10,
            max_tracked_clients: 100_000,
        }
    }
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    #[test]
    fn the_documented_defaults_are_the_defaults() {
        let parsed: Settings = toml::from_str(DEFAULT_TOML).expect("default.toml parses");
        let default = Settings::default();
        assert_eq!(parsed.server, default.server);
        assert_eq!(parsed.rate_limit, default.rate_limit);
        assert_eq!(parsed.reports, default.reports);
        assert_eq!(parsed.followup, default.followup);
        assert_eq!(parsed.retention, default.retention);
        assert_eq!(parsed.database.max_connections, default.database.max_connections);
        assert!(parsed.database.url.is_none());
    }

    #[test]
    fn the_database_url_never_reaches_debug() {
        let settings: Settings = toml::from_str("[database]\nurl = \"postgres://u:hunter2@h/db\"").expect("parses");
        assert_eq!(settings.database.url.as_ref().map(|u| u.expose_secret().len()), Some(25));
        assert!(!format!("{settings:?}").contains("hunter2"));
    }

    #[test]
    fn retention_settings_make_a_policy() {
        use shieldcheck_casefile::sealed_report::ReportStatus;
        let settings: Settings = toml::from_str("[retention]\nnew_days = 90\ngrace_days = 7").expect("parses");
        let policy = settings.retention.policy();
        assert_eq!(policy.days, vec![(ReportStatus::New, 90), (ReportStatus::Closed, 365)]);
        assert_eq!(policy.grace_days, 7);
        assert!(toml::from_str::<Settings>("[retention]\nclosed_days = -1").is_err());
        let keep: Settings = toml::from_str("[retention]\nclosed_days = 0").expect("parses");
        assert!(keep.retention.policy().days.is_empty(), "0 keeps reports for ever");
    }

    #[test]
    fn unknown_settings_are_refused() {
        assert!(toml::from_str::<Settings>("[server]\nlisten_on = \"x\"").is_err());
    }
}
