//! Reading a request form given as JSON-shaped data (from JS, or from
//! `serde_json::json!` in Rust), collecting every problem on the way.
//!
//! Absent means missing, `null` or, for optional fields, the empty string
//! or empty list (PROTOCOL.md §2, §4).

use crate::format::{Date, DateTime, Problem, UnixSeconds, Yuan};
use crate::issue::{IssueCode, Issues, Path};
use crate::json::{Json, Object};
use std::ops::RangeInclusive;

/// The JS boundary replaces values that JSON cannot carry (NaN, Infinity,
/// BigInt, functions, strings with lone surrogates, throwing getters) by
/// `{"\u0000fbi": "<what it was>"}`, so they are reported, not dropped.
pub const UNREPRESENTABLE_KEY: &str = "\u{0}fbi";

/// The largest integer a JS number holds exactly.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// What kind of value this is, for messages ("must be text, not a number").
pub fn describe(value: &Json<'_>) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "text",
        Json::Array(_) => "a list",
        Json::Object(map) => match map.get(UNREPRESENTABLE_KEY).and_then(Json::as_str) {
            Some("NaN") => "NaN",
            Some("Infinity") | Some("-Infinity") => "an infinite number",
            Some("bigint") => "a BigInt",
            Some("function") => "a function",
            Some("symbol") => "a symbol",
            Some("lone-surrogate") => "text with a lone surrogate (not valid Unicode)",
            Some(_) => "a value that could not be read",
            None => "an object",
        },
    }
}

fn get<'v, 'a>(map: &'v Object<'a>, name: &str) -> Option<&'v Json<'a>> {
    map.get(name).filter(|v| !matches!(v, Json::Null))
}

fn is_blank(value: &Json<'_>) -> bool {
    match value {
        Json::String(s) => s.is_empty(),
        Json::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Walks one input and keeps its issues.
#[derive(Default)]
pub struct Reader {
    pub issues: Issues,
}

impl Reader {
    /// Records a [`Problem`] found by a format parser at `path`.
    pub fn check<T>(&mut self, path: &Path<'_>, result: Result<T, Problem>) -> Option<T> {
        result
            .map_err(|p| self.issues.add(path, p.code, p.must))
            .ok()
    }

    pub fn report(&mut self, path: &Path<'_>, code: IssueCode, must: &str) {
        self.issues.add(path, code, must);
    }

    fn wrong_type(&mut self, path: &Path<'_>, expected: &str, got: &Json<'_>) {
        let must = format!("must be {expected}, not {}", describe(got));
        self.issues.add(path, IssueCode::InvalidType, &must);
    }

    /// Opens an object whose fields are `known`; every other field is
    /// reported, with the nearest known name as a hint.
    pub fn object<'v, 'a>(
        &mut self,
        value: &'v Json<'a>,
        path: &Path<'_>,
        known: &[&str],
    ) -> Option<&'v Object<'a>> {
        let map = match value {
            Json::Object(map) if !map.contains_key(UNREPRESENTABLE_KEY) => map,
            other => {
                self.wrong_type(path, "an object", other);
                return None;
            }
        };
        for key in map.keys() {
            if !known.contains(&key) {
                let must = match nearest(key, known) {
                    Some(near) => format!("is not a known field; did you mean `{near}`?"),
                    None => format!("is not a known field (known: {})", known.join(", ")),
                };
                self.issues
                    .add(&path.field(key), IssueCode::UnknownField, &must);
            }
        }
        Some(map)
    }

    /// A field that must be present; `parse` reads it when it is.
    pub fn required<'v, 'a, T>(
        &mut self,
        map: &'v Object<'a>,
        path: &Path<'_>,
        name: &str,
        parse: impl FnOnce(&mut Self, &'v Json<'a>, &Path<'_>) -> Option<T>,
    ) -> Option<T> {
        let at = path.field(name);
        match get(map, name) {
            Some(v) if !is_blank(v) => parse(self, v, &at),
            _ => {
                self.issues.add(&at, IssueCode::Required, "is required");
                None
            }
        }
    }

    /// A field that may be absent: `Some(None)` when it is, `None` when it
    /// is present but invalid (the issue is recorded).
    pub fn optional<'v, 'a, T>(
        &mut self,
        map: &'v Object<'a>,
        path: &Path<'_>,
        name: &str,
        parse: impl FnOnce(&mut Self, &'v Json<'a>, &Path<'_>) -> Option<T>,
    ) -> Option<Option<T>> {
        match get(map, name) {
            Some(v) if !is_blank(v) => parse(self, v, &path.field(name)).map(Some),
            _ => Some(None),
        }
    }

    /// Reports a field that this form may not carry, if it is present.
    pub fn forbid(&mut self, map: &Object<'_>, path: &Path<'_>, name: &str, why: &str) {
        if get(map, name).is_some_and(|v| !is_blank(v)) {
            self.issues
                .add(&path.field(name), IssueCode::Forbidden, why);
        }
    }

    /// Text of at most `max_chars` Unicode characters.
    pub fn text<'v>(
        &mut self,
        value: &'v Json<'_>,
        path: &Path<'_>,
        max_chars: usize,
    ) -> Option<&'v str> {
        let Json::String(s) = value else {
            self.wrong_type(path, "text", value);
            return None;
        };
        // Byte length bounds the character count: skip the count when it can't exceed.
        if s.len() > max_chars && s.chars().count() > max_chars {
            let must = format!("must be at most {max_chars} characters");
            self.issues.add(path, IssueCode::TooLong, &must);
            return None;
        }
        Some(s)
    }

    /// A JS number with no fraction, within `range`.
    pub fn integer(
        &mut self,
        value: &Json<'_>,
        path: &Path<'_>,
        range: RangeInclusive<u64>,
    ) -> Option<u64> {
        let Json::Number(n) = value else {
            self.wrong_type(path, "a whole number", value);
            return None;
        };
        let whole = match (n.as_u64(), n.as_f64()) {
            (Some(u), _) => Some(u),
            (None, Some(f)) if f.fract() == 0.0 && f < 0.0 => None,
            (None, Some(f)) if f.fract() == 0.0 && f <= MAX_SAFE_INTEGER as f64 => Some(f as u64),
            (None, Some(f)) if f.fract() == 0.0 => Some(u64::MAX),
            _ => {
                self.issues.add(
                    path,
                    IssueCode::InvalidType,
                    "must be a whole number, not a fraction",
                );
                return None;
            }
        };
        match whole {
            Some(u) if range.contains(&u) && u <= MAX_SAFE_INTEGER => Some(u),
            _ => {
                let must = format!("must be from {} to {}", range.start(), range.end());
                self.issues.add(path, IssueCode::OutOfRange, &must);
                None
            }
        }
    }

    /// A UNIX time in seconds (PROTOCOL.md §4).
    pub fn seconds(&mut self, value: &Json<'_>, path: &Path<'_>) -> Option<UnixSeconds> {
        let n = self.integer(value, path, 0..=MAX_SAFE_INTEGER)?;
        self.check(path, UnixSeconds::check(n))
    }

    /// A date `yyyyMMdd`.
    pub fn date(&mut self, value: &Json<'_>, path: &Path<'_>) -> Option<Date> {
        let s = self.text(value, path, usize::MAX)?;
        self.check(path, Date::parse(s))
    }

    /// A datetime `yyyyMMddHHmmss`.
    pub fn datetime(&mut self, value: &Json<'_>, path: &Path<'_>) -> Option<DateTime> {
        let s = self.text(value, path, usize::MAX)?;
        self.check(path, DateTime::parse(s))
    }

    /// A yuan amount: a JS number or a decimal string.
    pub fn amount(&mut self, value: &Json<'_>, path: &Path<'_>) -> Option<Yuan> {
        match value {
            Json::Number(n) => self.check(path, Yuan::parse(&n.to_string())),
            Json::String(s) => self.check(path, Yuan::parse(s)),
            other => {
                self.wrong_type(path, "an amount (a number or a decimal string)", other);
                None
            }
        }
    }

    /// A list; `entry` reads each element.
    pub fn list<'v, 'a, T>(
        &mut self,
        value: &'v Json<'a>,
        path: &Path<'_>,
        mut entry: impl FnMut(&mut Self, &'v Json<'a>, &Path<'_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Json::Array(items) = value else {
            self.wrong_type(path, "a list", value);
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match entry(self, item, &path.index(i)) {
                Some(v) if ok => out.push(v),
                Some(_) => {}
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

/// The known name closest to an unknown one, if it is close enough to be a
/// typo (or differs only in case, like the wire's `callLIst`).
fn nearest<'k>(unknown: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = unknown.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (strsim::levenshtein(&lower, &k.to_ascii_lowercase()), *k))
        .filter(|(d, _)| *d <= 2 && *d < unknown.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `serde_json::json!` literal as reader input (leaked: tests only).
    macro_rules! json {
        ($($t:tt)+) => {
            Json::from(&*Box::leak(Box::new(serde_json::json!($($t)+))))
        };
    }

    fn read<T>(f: impl FnOnce(&mut Reader) -> T) -> (T, Vec<(String, IssueCode)>) {
        let mut r = Reader::default();
        let out = f(&mut r);
        let issues = r
            .issues
            .into_vec()
            .into_iter()
            .map(|i| (i.path, i.code))
            .collect();
        (out, issues)
    }

    #[test]
    fn unknown_fields_get_a_hint() {
        let v = json!({"callLIst": [], "resulttype": 1, "zzzzzz": 1});
        let (_, issues) = read(|r| {
            r.object(&v, &Path::Root, &["callList", "resultType"])
                .is_some()
        });
        assert_eq!(issues.len(), 3);
        let mut r = Reader::default();
        r.object(&v, &Path::Root, &["callList", "resultType"]);
        let messages: Vec<String> = r.issues.into_vec().into_iter().map(|i| i.message).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("did you mean `callList`")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("did you mean `resultType`")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("known: callList, resultType")),
            "{messages:?}"
        );
    }

    #[test]
    fn integers_are_js_numbers_without_fraction() {
        let p = Path::Root;
        let (v, i) = read(|r| r.integer(&json!(700), &p, 0..=1000));
        assert_eq!((v, i), (Some(700), vec![]));
        let (_, i) = read(|r| r.integer(&json!("700"), &p, 0..=1000));
        assert_eq!(i[0].1, IssueCode::InvalidType);
        let (_, i) = read(|r| r.integer(&json!(7.5), &p, 0..=1000));
        assert_eq!(i[0].1, IssueCode::InvalidType);
        let (_, i) = read(|r| r.integer(&json!(-1), &p, 0..=1000));
        assert_eq!(i[0].1, IssueCode::OutOfRange);
        let (_, i) = read(|r| r.integer(&json!(1e21), &p, 0..=u64::MAX));
        assert_eq!(i[0].1, IssueCode::OutOfRange);
        let (_, i) = read(|r| r.integer(&json!(9_007_199_254_740_993u64), &p, 0..=u64::MAX));
        assert_eq!(
            i[0].1,
            IssueCode::OutOfRange,
            "beyond 2^53 a JS number is not exact"
        );
        let nan = json!({ UNREPRESENTABLE_KEY: "NaN" });
        let mut r = Reader::default();
        r.integer(&nan, &p, 0..=1);
        let issue = &r.issues.into_vec()[0];
        assert_eq!(issue.code, IssueCode::InvalidType);
        assert!(issue.message.ends_with("not NaN"), "{}", issue.message);
    }

    #[test]
    fn text_length_counts_characters() {
        let p = Path::Root;
        let (v, _) = read(|r| r.text(&json!("张三李四"), &p, 4).map(str::to_owned));
        assert_eq!(v.as_deref(), Some("张三李四"));
        let (_, i) = read(|r| r.text(&json!("张三李四王"), &p, 4).map(str::to_owned));
        assert_eq!(i[0].1, IssueCode::TooLong);
    }

    #[test]
    fn absent_means_missing_null_or_blank() {
        let v = json!({"a": null, "b": "", "c": [], "d": "x"});
        let map = v.as_object().unwrap();
        let (got, issues) = read(|r| {
            ["a", "b", "c", "d", "e"]
                .map(|n| r.optional(map, &Path::Root, n, |r, v, p| r.text(v, p, 9)))
        });
        assert_eq!(
            got,
            [
                Some(None),
                Some(None),
                Some(None),
                Some(Some("x")),
                Some(None)
            ]
        );
        assert!(issues.is_empty());
        let (_, issues) = read(|r| r.required(map, &Path::Root, "b", |r, v, p| r.text(v, p, 9)));
        assert_eq!(issues, vec![("b".to_string(), IssueCode::Required)]);
    }

    #[test]
    fn a_list_reports_every_bad_entry() {
        let v = json!([1, "x", 2, "y"]);
        let list = Path::Root;
        let (got, issues) =
            read(|r| r.list(&v, &list.field("l"), |r, v, p| r.integer(v, p, 0..=9)));
        assert_eq!(got, None);
        assert_eq!(
            issues.iter().map(|i| i.0.as_str()).collect::<Vec<_>>(),
            ["l[1]", "l[3]"]
        );
    }
}
