//! Calendar dates and datetimes in China Standard Time (`yyyyMMdd`,
//! `yyyyMMddHHmmss`), with the day arithmetic the reporting schedule needs.

use super::digits::{ascii, padded};
use super::Problem;
use crate::issue::IssueCode;
use std::fmt;

/// China Standard Time is UTC+8 all year (no daylight saving).
pub const CST_OFFSET_SECS: i64 = 8 * 3600;
const SECS_PER_DAY: i64 = 86_400;

/// A proleptic Gregorian calendar day, years 1 to 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Days since 1970-01-01.
    days: i64,
}

const INVALID_DATE: Problem = Problem::new(
    IssueCode::InvalidDate,
    "must be a real calendar date written yyyyMMdd",
);
const INVALID_DATETIME: Problem = Problem::new(
    IssueCode::InvalidDatetime,
    "must be a real date and time written yyyyMMddHHmmss",
);

impl Date {
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then(|| Date {
            days: days_from_civil(year, month, day),
        })
    }

    /// Parses `yyyyMMdd`.
    pub fn parse(text: &str) -> Result<Date, Problem> {
        Date::from_digits(text.as_bytes()).ok_or(INVALID_DATE)
    }

    fn from_digits(b: &[u8]) -> Option<Date> {
        match b {
            [y @ .., m1, m2, d1, d2] if y.len() == 4 => Date::from_ymd(
                i64::from(digits(y)?),
                digits(&[*m1, *m2])?,
                digits(&[*d1, *d2])?,
            ),
            _ => None,
        }
    }

    /// The calendar day in China of a UNIX time in seconds.
    pub fn of_unix_seconds(secs: i64) -> Date {
        Date {
            days: (secs + CST_OFFSET_SECS).div_euclid(SECS_PER_DAY),
        }
    }

    /// 00:00:00 China time of this day, as UNIX seconds.
    pub fn start_unix_seconds(self) -> i64 {
        self.days * SECS_PER_DAY - CST_OFFSET_SECS
    }

    /// The day `n` days later (earlier for negative `n`).
    pub fn add_days(self, n: i64) -> Date {
        Date {
            days: self.days + n,
        }
    }

    /// Whole days from `earlier` to `self`.
    pub fn days_since(self, earlier: Date) -> i64 {
        self.days - earlier.days
    }

    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.days)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        // Days far past 9999 (reached only by adding days) keep every digit.
        if !(0..=9999).contains(&y) {
            return write!(f, "{y:04}{m:02}{d:02}");
        }
        let mut text = [0; 8];
        text[..4].copy_from_slice(&padded::<4>(y.unsigned_abs()));
        text[4..6].copy_from_slice(&padded::<2>(m.into()));
        text[6..].copy_from_slice(&padded::<2>(d.into()));
        f.write_str(ascii(&text))
    }
}

/// A wall-clock time in China: a date and the seconds since its midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub date: Date,
    secs_of_day: u32,
}

impl DateTime {
    /// Parses `yyyyMMddHHmmss`.
    pub fn parse(text: &str) -> Result<DateTime, Problem> {
        let b = text.as_bytes();
        if b.len() != 14 {
            return Err(INVALID_DATETIME);
        }
        // Bytes, not str slices: a multi-byte character must not split.
        let date = Date::from_digits(&b[..8]).ok_or(INVALID_DATETIME)?;
        match (digits(&b[8..10]), digits(&b[10..12]), digits(&b[12..14])) {
            (Some(h), Some(mi), Some(s)) if h < 24 && mi < 60 && s < 60 => Ok(DateTime {
                date,
                secs_of_day: h * 3600 + mi * 60 + s,
            }),
            _ => Err(INVALID_DATETIME),
        }
    }

    /// The wall-clock time in China of a UNIX time in seconds.
    pub fn of_unix_seconds(secs: i64) -> DateTime {
        let local = secs + CST_OFFSET_SECS;
        DateTime {
            date: Date {
                days: local.div_euclid(SECS_PER_DAY),
            },
            secs_of_day: local.rem_euclid(SECS_PER_DAY) as u32,
        }
    }

    pub fn unix_seconds(self) -> i64 {
        self.date.start_unix_seconds() + i64::from(self.secs_of_day)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = u64::from(self.secs_of_day);
        let mut time = [0; 6];
        time[..2].copy_from_slice(&padded::<2>(s / 3600));
        time[2..4].copy_from_slice(&padded::<2>(s / 60 % 60));
        time[4..].copy_from_slice(&padded::<2>(s % 60));
        self.date.fmt(f)?;
        f.write_str(ascii(&time))
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the whole
// proleptic Gregorian calendar, no tables. A date library would weigh more in
// the wasm than these dozen lines.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_dates_only() {
        assert!(Date::parse("20240229").is_ok());
        assert!(Date::parse("20000229").is_ok());
        assert_eq!(Date::parse("20230229"), Err(INVALID_DATE));
        assert_eq!(Date::parse("19000229"), Err(INVALID_DATE));
        assert_eq!(Date::parse("20171131"), Err(INVALID_DATE));
        assert_eq!(Date::parse("20171301"), Err(INVALID_DATE));
        assert_eq!(Date::parse("20171100"), Err(INVALID_DATE));
        assert_eq!(Date::parse("00001201"), Err(INVALID_DATE));
        assert_eq!(Date::parse("2017-11-01"), Err(INVALID_DATE));
        assert_eq!(Date::parse("2017110"), Err(INVALID_DATE));
        assert_eq!(Date::parse("２０１７１１０１"), Err(INVALID_DATE));
        assert_eq!(Date::parse("+2017101"), Err(INVALID_DATE));
    }

    #[test]
    fn real_datetimes_only() {
        let t = DateTime::parse("20171120235959").unwrap();
        assert_eq!(t.to_string(), "20171120235959");
        assert_eq!(
            DateTime::parse("20171120240000"),
            Err(INVALID_DATETIME),
            "hour 24"
        );
        assert_eq!(DateTime::parse("20171120236000"), Err(INVALID_DATETIME));
        assert_eq!(DateTime::parse("20171120235960"), Err(INVALID_DATETIME));
        assert_eq!(DateTime::parse("20170230120000"), Err(INVALID_DATETIME));
        assert_eq!(DateTime::parse("20171120"), Err(INVALID_DATETIME));
        assert_eq!(
            DateTime::parse("2017112é12345"),
            Err(INVALID_DATETIME),
            "no panic mid-character"
        );
    }

    #[test]
    fn days_round_trip_over_the_whole_range() {
        let first = Date::from_ymd(1, 1, 1).unwrap();
        let last = Date::from_ymd(9999, 12, 31).unwrap();
        let mut day = first;
        let mut n = 0;
        while day <= last {
            let (y, m, d) = day.ymd();
            assert_eq!(Date::from_ymd(y, m, d), Some(day));
            day = day.add_days(1);
            n += 1;
        }
        assert_eq!(n, 3_652_059);
    }

    #[test]
    fn days_print_as_yyyymmdd_even_past_the_four_digit_years() {
        assert_eq!(Date::from_ymd(7, 3, 9).unwrap().to_string(), "00070309");
        let last = Date::from_ymd(9999, 12, 31).unwrap();
        assert_eq!(last.to_string(), "99991231");
        assert_eq!(last.add_days(1).to_string(), "100000101");
    }

    #[test]
    fn china_time_days() {
        // 2017-12-19 21:07:30 UTC is 2017-12-20 05:07:30 in China.
        let day = Date::of_unix_seconds(1_513_717_650);
        assert_eq!(day.to_string(), "20171220");
        assert_eq!(Date::of_unix_seconds(day.start_unix_seconds()), day);
        assert_eq!(
            DateTime::of_unix_seconds(1_513_717_650).to_string(),
            "20171220050730"
        );
        assert_eq!(
            DateTime::of_unix_seconds(1_513_717_650).unix_seconds(),
            1_513_717_650
        );
        assert_eq!(
            Date::of_unix_seconds(day.start_unix_seconds() - 1),
            day.add_days(-1)
        );
        assert_eq!(
            DateTime::parse("19700101080000").unwrap().unix_seconds(),
            0,
            "08:00 in China is the epoch"
        );
    }
}
