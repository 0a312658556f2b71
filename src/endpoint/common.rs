//! The common parameters of every request (PROTOCOL.md §2) that come from
//! the form: `userid`, `mobile`, and the optional fixed `timestamp`/`random`.

use crate::format::is_mobile;
use crate::input::Reader;
use crate::issue::{IssueCode, Path};
use crate::json::{Json, Object};

pub const FIELDS: [&str; 4] = ["userid", "mobile", "timestamp", "random"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Common {
    pub userid: String,
    pub mobile: String,
    /// Milliseconds; the client's clock when absent.
    pub timestamp: Option<u64>,
    /// Decimal digits; a fresh nonce when absent.
    pub random: Option<String>,
}

/// 13 digits: a millisecond UNIX time between 2001 and 2286.
const TIMESTAMP_MS: std::ops::RangeInclusive<u64> = 1_000_000_000_000..=9_999_999_999_999;

impl Common {
    pub fn read(r: &mut Reader, map: &Object<'_>, path: &Path<'_>) -> Option<Common> {
        let userid = r.required(map, path, "userid", |r, v, p| {
            let s = r.text(v, p, 64)?;
            if s.chars().any(char::is_control) {
                r.report(
                    p,
                    IssueCode::InvalidId,
                    "must not contain control characters",
                );
                return None;
            }
            Some(s.to_string())
        });
        let mobile = r.required(map, path, "mobile", |r, v, p| {
            let s = r.text(v, p, usize::MAX)?;
            if !is_mobile(s) {
                r.report(
                    p,
                    IssueCode::InvalidMobile,
                    "must be a mainland mobile number: 11 digits starting 13–19",
                );
                return None;
            }
            Some(s.to_string())
        });
        let timestamp = r.optional(map, path, "timestamp", |r, v, p| {
            let n = r.integer(v, p, 0..=u64::MAX)?;
            if !TIMESTAMP_MS.contains(&n) {
                r.report(
                    p,
                    IssueCode::OutOfRange,
                    "must be a UNIX time in milliseconds (13 digits)",
                );
                return None;
            }
            Some(n)
        });
        let random = r.optional(map, path, "random", |r, v, p| {
            let s = r.text(v, p, 32)?;
            if !s.bytes().all(|b| b.is_ascii_digit()) {
                r.report(p, IssueCode::InvalidId, "must be 1 to 32 decimal digits");
                return None;
            }
            Some(s.to_string())
        });
        Some(Common {
            userid: userid?,
            mobile: mobile?,
            timestamp: timestamp?,
            random: random?,
        })
    }
}

/// `flowid`: 1–64 characters of `[0-9A-Za-z_-]`, as the score inquiry gave it.
pub fn read_flowid(r: &mut Reader, v: &Json<'_>, p: &Path<'_>) -> Option<String> {
    let s = r.text(v, p, 64)?;
    if !s
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        r.report(
            p,
            IssueCode::InvalidId,
            "must be the flowid the score inquiry returned: letters, digits, _ or -",
        );
        return None;
    }
    Some(s.to_string())
}
