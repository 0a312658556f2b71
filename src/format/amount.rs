//! Yuan amounts (`j`): at most two decimals in, exactly two decimals out.

use super::digits::{ascii, decimal, padded};
use super::Problem;
use crate::issue::IssueCode;
use std::fmt;

/// A non-negative amount of yuan below 10^12, held in fen (cents) so it
/// is exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Yuan {
    fen: u64,
}

const LIMIT_FEN: u64 = 100 * 1_000_000_000_000;

impl Yuan {
    /// Parses a decimal written with at most two decimals (`2602.5`,
    /// `"2602.50"`, `0`): the shortest form of a JS number, or a string.
    pub fn parse(text: &str) -> Result<Yuan, Problem> {
        const INVALID: Problem = Problem::new(
            IssueCode::InvalidAmount,
            "must be an amount in yuan, at least 0, with at most 2 decimals",
        );
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let frac_ok = if text.contains('.') {
            (1..=2).contains(&frac.len())
        } else {
            true
        };
        if whole.is_empty() || !all_digits(whole) || !all_digits(frac) || !frac_ok {
            return Err(INVALID);
        }
        let whole = whole.trim_start_matches('0');
        let too_big = Err(Problem::new(
            IssueCode::OutOfRange,
            "must be below 1,000,000,000,000 yuan",
        ));
        if whole.len() > 12 {
            return too_big;
        }
        let yuan: u64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| INVALID)?
        };
        let fen: u64 = format!("{frac:0<2}").parse().map_err(|_| INVALID)?;
        let fen = yuan * 100 + fen;
        if fen >= LIMIT_FEN {
            return too_big;
        }
        Ok(Yuan { fen })
    }
}

impl fmt::Display for Yuan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&decimal(self.fen / 100))?;
        f.write_str(".")?;
        f.write_str(ascii(&padded::<2>(self.fen % 100)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Result<String, IssueCode> {
        Yuan::parse(text).map(|y| y.to_string()).map_err(|p| p.code)
    }

    #[test]
    fn two_decimals_out() {
        assert_eq!(shown("2602.5"), Ok("2602.50".into()));
        assert_eq!(shown("2602.50"), Ok("2602.50".into()));
        assert_eq!(shown("3000.21"), Ok("3000.21".into()));
        assert_eq!(shown("0"), Ok("0.00".into()));
        assert_eq!(shown("007"), Ok("7.00".into()));
        assert_eq!(shown("999999999999.99"), Ok("999999999999.99".into()));
    }

    #[test]
    fn refused() {
        for bad in [
            "", ".5", "1.", "1.005", "-1", "+1", "1e3", "1,000", " 1", "NaN", "1.2.3",
        ] {
            assert_eq!(shown(bad), Err(IssueCode::InvalidAmount), "{bad:?}");
        }
        assert_eq!(shown("1000000000000"), Err(IssueCode::OutOfRange));
        assert_eq!(shown("99999999999999999999999"), Err(IssueCode::OutOfRange));
    }
}
