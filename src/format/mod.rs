//! The value formats of PROTOCOL.md §4, as plain Rust: each parser takes the
//! text or number a caller gave and returns a checked value or a [`Problem`].

mod amount;
mod date;
pub mod digits;
mod idcard;
mod phone;
mod seconds;

pub use amount::Yuan;
pub use date::{Date, DateTime, CST_OFFSET_SECS};
pub use idcard::is_resident_id;
pub use phone::{is_mobile, normalise_list_phone};
pub use seconds::UnixSeconds;

use crate::issue::IssueCode;

/// Why a value was refused: the issue code and what the value must be,
/// phrased to follow the field's path ("must be a date yyyyMMdd").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub code: IssueCode,
    pub must: &'static str,
}

impl Problem {
    pub const fn new(code: IssueCode, must: &'static str) -> Self {
        Problem { code, must }
    }
}
