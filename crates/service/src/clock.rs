//! The one clock: every time shieldcheck stamps (arrivals, audit events, credential checks,
//! status lists) is read here, in whole seconds since 1970-01-01 UTC.

use shieldcheck_report::UnixTime;

/// Now, in seconds since 1970-01-01 UTC (0 if the system clock is before 1970).
pub fn now() -> UnixTime {
    UnixTime::from_secs(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)),
    )
}
