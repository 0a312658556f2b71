//! Problems found in an input, reported as data and all at once (API.md "Validating").

use serde::Serialize;
use std::fmt;

/// What kind of problem a field has. The names are the contract of API.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueCode {
    Required,
    Forbidden,
    UnknownField,
    InvalidType,
    InvalidDate,
    InvalidDatetime,
    InvalidMobile,
    InvalidPhone,
    InvalidAmount,
    InvalidId,
    OutOfRange,
    TooLong,
    NotAscending,
    CountMismatch,
    Milliseconds,
    Empty,
}

impl IssueCode {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Required => "required",
            IssueCode::Forbidden => "forbidden",
            IssueCode::UnknownField => "unknown_field",
            IssueCode::InvalidType => "invalid_type",
            IssueCode::InvalidDate => "invalid_date",
            IssueCode::InvalidDatetime => "invalid_datetime",
            IssueCode::InvalidMobile => "invalid_mobile",
            IssueCode::InvalidPhone => "invalid_phone",
            IssueCode::InvalidAmount => "invalid_amount",
            IssueCode::InvalidId => "invalid_id",
            IssueCode::OutOfRange => "out_of_range",
            IssueCode::TooLong => "too_long",
            IssueCode::NotAscending => "not_ascending",
            IssueCode::CountMismatch => "count_mismatch",
            IssueCode::Milliseconds => "milliseconds",
            IssueCode::Empty => "empty",
        }
    }
}

impl Serialize for IssueCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One problem: where (`callList[3].t`), what kind, and what was expected.
/// The message never repeats the input value: it may be personal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub path: String,
    pub code: IssueCode,
    pub message: String,
}

/// Where a value sits in the input, in JS notation. Built on the stack while
/// walking, and only turned into a string when an issue is reported.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path::Field(self, name)
    }

    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }
}

/// Keys longer than this are cut in paths, so a megabyte-long key does not
/// become a megabyte-long issue.
const MAX_KEY_CHARS: usize = 64;

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Field(parent, name) => {
                parent.fmt(f)?;
                let short: String = name.chars().take(MAX_KEY_CHARS).collect();
                if is_identifier(name) {
                    if !matches!(parent, Path::Root) {
                        f.write_str(".")?;
                    }
                    f.write_str(name)
                } else {
                    let cut = if short.len() < name.len() { "…" } else { "" };
                    let quoted =
                        serde_json::to_string(&format!("{short}{cut}")).map_err(|_| fmt::Error)?;
                    write!(f, "[{quoted}]")
                }
            }
            Path::Index(parent, i) => {
                parent.fmt(f)?;
                write!(f, "[{i}]")
            }
        }
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        && name.len() <= MAX_KEY_CHARS
}

/// At most this many issues are kept: an array of a million bad entries must
/// not turn into a million error objects.
pub const MAX_ISSUES: usize = 1000;

/// Collects the issues of one input.
#[derive(Default, Debug)]
pub struct Issues {
    list: Vec<Issue>,
}

impl Issues {
    /// Records that the value at `path` `must` be something else; the
    /// message reads "<path> <must>", or just `must` for the input itself.
    pub fn add(&mut self, path: &Path<'_>, code: IssueCode, must: &str) {
        if self.list.len() >= MAX_ISSUES {
            return;
        }
        let path = path.to_string();
        let message = if path.is_empty() {
            format!("input {must}")
        } else {
            format!("{path} {must}")
        };
        self.list.push(Issue {
            path,
            code,
            message,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn into_vec(self) -> Vec<Issue> {
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_use_js_notation() {
        let root = Path::Root;
        let list = root.field("callList");
        let entry = list.index(3);
        assert_eq!(entry.field("t").to_string(), "callList[3].t");
        assert_eq!(root.field("a b").to_string(), r#"["a b"]"#);
        assert_eq!(list.field("x\"y").to_string(), r#"callList["x\"y"]"#);
        assert_eq!(root.to_string(), "");
    }

    #[test]
    fn long_keys_are_cut() {
        let key = "k".repeat(10_000);
        let root = Path::Root;
        let shown = root.field(&key).to_string();
        assert!(shown.chars().count() < 80, "{shown}");
        assert!(shown.contains('…'));
    }

    #[test]
    fn issues_are_capped() {
        let mut issues = Issues::default();
        for _ in 0..MAX_ISSUES + 5 {
            issues.add(&Path::Root, IssueCode::Empty, "must not be empty");
        }
        assert_eq!(issues.into_vec().len(), MAX_ISSUES);
    }

    #[test]
    fn codes_serialise_as_in_the_contract() {
        let json = serde_json::to_string(&IssueCode::InvalidDatetime).unwrap();
        assert_eq!(json, "\"invalid_datetime\"");
    }
}
