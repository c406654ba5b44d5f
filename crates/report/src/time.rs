//! The one calendar: days since 1970-01-01 and civil dates (proleptic Gregorian, UTC), and the
//! one RFC 3339 form in which shieldcheck writes a time; and the two kinds of time the domain
//! keeps: [`UnixTime`] (a second) and [`Hour`] (the start of an hour, all that is kept in the
//! clear about when a report or an entry was written).

use std::fmt;

use serde::{Serialize, Serializer};

/// A point in time: whole seconds since 1970-01-01T00:00:00Z. Written as RFC 3339
/// (`Display`); serialized as the bare number of seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixTime(i64);

impl UnixTime {
    /// 1970-01-01T00:00:00Z.
    pub const EPOCH: UnixTime = UnixTime(0);

    /// The time `secs` seconds after 1970-01-01T00:00:00Z (before it when negative).
    pub const fn from_secs(secs: i64) -> UnixTime {
        UnixTime(secs)
    }

    /// Reads an RFC 3339 time with its offset (`2026-03-14T06:40:00-04:00`, `…Z`).
    pub fn parse(s: &str) -> Option<UnixTime> {
        crate::parse_timestamp(s).map(|instant| UnixTime(instant.unix))
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub const fn as_secs(self) -> i64 {
        self.0
    }

    /// The hour this time falls in.
    pub const fn hour(self) -> Hour {
        Hour::of(self)
    }
}

impl fmt::Display for UnixTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&rfc3339_utc(self.0))
    }
}

impl Serialize for UnixTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

/// The start of an hour (UTC): a Unix time that is always a multiple of 3,600. Made only by
/// [`Hour::of`] or, for a number read back from storage, the checked [`Hour::from_secs`].
/// Written as RFC 3339 (`Display`); serialized as the bare number of seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hour(i64);

impl Hour {
    /// Seconds in an hour.
    pub const SECS: i64 = 3_600;

    /// The start of the hour `at` falls in (rounded down, before 1970 too).
    pub const fn of(at: UnixTime) -> Hour {
        Hour(at.0.div_euclid(Hour::SECS) * Hour::SECS)
    }

    /// The hour starting `secs` seconds after 1970-01-01T00:00:00Z; `None` unless `secs` is a
    /// multiple of 3,600 (a stored hour that is not is corrupt).
    pub const fn from_secs(secs: i64) -> Option<Hour> {
        if secs.rem_euclid(Hour::SECS) == 0 { Some(Hour(secs)) } else { None }
    }

    /// Seconds since 1970-01-01T00:00:00Z of the hour's start (a multiple of 3,600).
    pub const fn get(self) -> i64 {
        self.0
    }

    /// The hour's first second.
    pub const fn start(self) -> UnixTime {
        UnixTime(self.0)
    }
}

impl fmt::Display for Hour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&rfc3339_utc(self.0))
    }
}

impl Serialize for Hour {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a count of days since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `2026-03-14T13:02:11Z`: a Unix time as RFC 3339 in UTC, to the second.
pub fn rfc3339_utc(unix: i64) -> String {
    let (year, month, day) = civil_from_days(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3_600, secs % 3_600 / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::{Hour, UnixTime};

    #[test]
    fn an_hour_is_always_a_multiple_of_3600() {
        for secs in [0, 1, 3_599, 3_600, 3_601, 1_773_493_331, -1, -3_599, -3_600, -3_601, -86_401, i64::MIN / 2] {
            let hour = Hour::of(UnixTime::from_secs(secs));
            assert_eq!(hour.get() % 3_600, 0, "{secs}");
            assert!(hour.get() <= secs && secs - hour.get() < 3_600, "{secs}: rounded down to {}", hour.get());
            assert_eq!(Hour::from_secs(hour.get()), Some(hour));
            assert_eq!(UnixTime::from_secs(secs).hour(), hour);
        }
        assert_eq!(Hour::of(UnixTime::from_secs(-1)).get(), -3_600, "before 1970 rounds down, not toward 0");
        assert_eq!(Hour::of(UnixTime::from_secs(1_773_493_331)).get(), 1_773_493_200);
        assert_eq!(Hour::from_secs(1_773_493_331), None);
        assert_eq!(Hour::from_secs(-1_800), None);
        assert_eq!(Hour::from_secs(-7_200).map(Hour::get), Some(-7_200));
    }

    #[test]
    fn times_and_hours_display_as_rfc3339_and_serialize_as_seconds() {
        let at = UnixTime::from_secs(1_773_493_331);
        assert_eq!(at.to_string(), "2026-03-14T13:02:11Z");
        assert_eq!(at.hour().to_string(), "2026-03-14T13:00:00Z");
        assert_eq!(UnixTime::from_secs(-1).hour().to_string(), "1969-12-31T23:00:00Z");
        assert_eq!(UnixTime::EPOCH.to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(serde_json::to_string(&at).unwrap(), "1773493331");
        assert_eq!(serde_json::to_string(&at.hour()).unwrap(), "1773493200");
        assert_eq!(UnixTime::parse("2026-03-14T09:02:11-04:00"), Some(at));
        assert_eq!(UnixTime::parse("yesterday"), None);
        assert_eq!(at.hour().start().as_secs(), 1_773_493_200);
    }

    #[test]
    fn times_are_rfc3339_utc() {
        assert_eq!(super::rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339_utc(1_773_493_331), "2026-03-14T13:02:11Z");
        assert_eq!(super::rfc3339_utc(-1), "1969-12-31T23:59:59Z");
        let parsed = crate::parse_timestamp(&super::rfc3339_utc(1_773_493_331));
        assert_eq!(parsed.map(|i| i.unix), Some(1_773_493_331));
    }
}
