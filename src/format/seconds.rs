//! `processTime`: UNIX time in seconds, and the millisecond mistake.

use super::Problem;
use crate::issue::IssueCode;

/// A UNIX time in seconds with exactly 10 digits (2001-09-09 … 2286-11-20).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct UnixSeconds(pub i64);

const TEN_DIGITS: std::ops::RangeInclusive<u64> = 1_000_000_000..=9_999_999_999;
const THIRTEEN_DIGITS: std::ops::RangeInclusive<u64> = 1_000_000_000_000..=9_999_999_999_999;

impl UnixSeconds {
    pub fn check(n: u64) -> Result<UnixSeconds, Problem> {
        if TEN_DIGITS.contains(&n) {
            Ok(UnixSeconds(n as i64))
        } else if THIRTEEN_DIGITS.contains(&n) {
            Err(Problem::new(
                IssueCode::Milliseconds,
                "must be in seconds (10 digits); this looks like milliseconds",
            ))
        } else {
            Err(Problem::new(
                IssueCode::OutOfRange,
                "must be a UNIX time in seconds (10 digits)",
            ))
        }
    }

    /// The wire form: the ten digits.
    pub fn wire(self) -> String {
        super::digits::decimal(self.0.unsigned_abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_digits_or_the_millisecond_mistake() {
        assert_eq!(
            UnixSeconds::check(1_513_688_850),
            Ok(UnixSeconds(1_513_688_850))
        );
        assert_eq!(
            UnixSeconds::check(1_513_688_850_127).unwrap_err().code,
            IssueCode::Milliseconds
        );
        assert_eq!(
            UnixSeconds::check(999_999_999).unwrap_err().code,
            IssueCode::OutOfRange
        );
        assert_eq!(
            UnixSeconds::check(10_000_000_000).unwrap_err().code,
            IssueCode::OutOfRange
        );
        assert!(UnixSeconds::check(9_999_999_999).is_ok());
    }
}
