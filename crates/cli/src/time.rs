//! Instants as the commands print them to people: `YYYY-MM-DD HH:MM UTC`.

/// `YYYY-MM-DD HH:MM UTC`, on the one calendar (`shieldcheck_report::time`).
pub fn utc(unix: i64) -> String {
    let (year, month, day) = shieldcheck_report::time::civil_from_days(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02} UTC", secs / 3600, secs % 3600 / 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn utc_formats_known_instants() {
        assert_eq!(super::utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(super::utc(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(super::utc(1_795_884_600), "2026-11-28 16:50 UTC");
        assert_eq!(super::utc(-86_400), "1969-12-31 00:00 UTC");
    }
}
