//! The client's options (API.md `new FbiClient({...})`), checked like a
//! form: a malformed option is an issue, never silently a default.

use crate::input::Reader;
use crate::issue::{Issue, IssueCode, Path};
use crate::json::Json;
use crate::sign::{Secret, SignScope};

pub const DEFAULT_BASE_URL: &str = "http://fbi.qq.com";
pub const DEFAULT_TIMEOUT_MS: u64 = 10_000;
pub const DEFAULT_RETRIES: u32 = 3;
pub const DEFAULT_RETRY_DELAY_MS: u64 = 250;

/// The options. `cipher`, `signer` and `debug` may be functions, which the
/// JS boundary checks itself; it tells [`Config::read`] whether a signer is
/// set, since then no secret is needed.
pub const FIELDS: [&str; 10] = [
    "appkey",
    "secret",
    "baseUrl",
    "signScope",
    "timeoutMs",
    "retries",
    "retryDelayMs",
    "cipher",
    "signer",
    "debug",
];

#[derive(Clone, Debug)]
pub struct Config {
    pub appkey: String,
    pub secret: Option<Secret>,
    /// Without a trailing `/`.
    pub base_url: String,
    pub scope: SignScope,
    pub timeout_ms: u64,
    pub retries: u32,
    /// The first retry waits about this long; each further one twice as long.
    pub retry_delay_ms: u64,
}

impl Config {
    pub fn read(options: &Json<'_>, has_signer: bool) -> Result<Config, Vec<Issue>> {
        let mut r = Reader::default();
        let root = Path::Root;
        let config = r.object(options, &root, &FIELDS).and_then(|map| {
            let appkey = r.required(map, &root, "appkey", |r, v, p| {
                let s = r.text(v, p, 128)?;
                if !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    r.report(
                        p,
                        IssueCode::InvalidId,
                        "must be 1 to 128 letters or digits",
                    );
                    return None;
                }
                Some(s.to_string())
            });
            let secret =
                |r: &mut Reader, v: &Json<'_>, p: &Path<'_>| r.text(v, p, 4096).map(Secret::new);
            let secret = if has_signer {
                r.optional(map, &root, "secret", secret)
            } else {
                r.required(map, &root, "secret", secret).map(Some)
            };
            let base_url = r.optional(map, &root, "baseUrl", |r, v, p| {
                let s = r.text(v, p, 2048)?;
                let ok = (s.starts_with("http://") || s.starts_with("https://"))
                    && !s.contains(|c: char| {
                        c.is_whitespace() || c.is_control() || c == '?' || c == '#'
                    });
                if !ok {
                    r.report(
                        p,
                        IssueCode::InvalidType,
                        "must be an http:// or https:// URL without query or fragment",
                    );
                    return None;
                }
                Some(s.trim_end_matches('/').to_string())
            });
            let scope = r.optional(map, &root, "signScope", |r, v, p| {
                let scope = SignScope::parse(r.text(v, p, 16)?);
                if scope.is_none() {
                    r.report(p, IssueCode::OutOfRange, "must be \"common\" or \"all\"");
                }
                scope
            });
            let timeout_ms = r.optional(map, &root, "timeoutMs", |r, v, p| {
                r.integer(v, p, 1..=600_000)
            });
            let retries = r.optional(map, &root, "retries", |r, v, p| r.integer(v, p, 0..=20));
            let retry_delay_ms = r.optional(map, &root, "retryDelayMs", |r, v, p| {
                r.integer(v, p, 0..=60_000)
            });
            Some(Config {
                appkey: appkey?,
                secret: secret?,
                base_url: base_url?.unwrap_or_else(|| DEFAULT_BASE_URL.to_string()),
                scope: scope?.unwrap_or_default(),
                timeout_ms: timeout_ms?.unwrap_or(DEFAULT_TIMEOUT_MS),
                retries: retries?.map_or(DEFAULT_RETRIES, |n| n as u32),
                retry_delay_ms: retry_delay_ms?.unwrap_or(DEFAULT_RETRY_DELAY_MS),
            })
        });
        match config {
            Some(config) if r.issues.is_empty() => Ok(config),
            _ => Err(r.issues.into_vec()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn read(v: Value, has_signer: bool) -> Result<Config, Vec<Issue>> {
        Config::read(&Json::from(&v), has_signer)
    }

    fn codes(v: Value, has_signer: bool) -> Vec<(String, IssueCode)> {
        read(v, has_signer)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|i| (i.path, i.code))
            .collect()
    }

    #[test]
    fn defaults() {
        let c = read(json!({"appkey": "ak", "secret": "s"}), false).unwrap();
        assert_eq!(c.base_url, DEFAULT_BASE_URL);
        assert_eq!(c.scope, SignScope::Common);
        assert_eq!(
            (c.timeout_ms, c.retries),
            (DEFAULT_TIMEOUT_MS, DEFAULT_RETRIES)
        );
        let c = read(
            json!({"appkey": "ak", "secret": "s", "baseUrl": "http://127.0.0.1:8787/"}),
            false,
        )
        .unwrap();
        assert_eq!(c.base_url, "http://127.0.0.1:8787");
    }

    #[test]
    fn malformed_options_are_issues_not_defaults() {
        let got = codes(
            json!({"appkey": "a-k", "secret": 5, "baseUrl": "ftp://x", "signScope": "All", "timeoutMs": 0, "retries": "3", "retry": 1}),
            false,
        );
        assert_eq!(
            got,
            vec![
                ("retry".into(), IssueCode::UnknownField),
                ("appkey".into(), IssueCode::InvalidId),
                ("secret".into(), IssueCode::InvalidType),
                ("baseUrl".into(), IssueCode::InvalidType),
                ("signScope".into(), IssueCode::OutOfRange),
                ("timeoutMs".into(), IssueCode::OutOfRange),
                ("retries".into(), IssueCode::InvalidType),
            ]
        );
    }

    #[test]
    fn a_signer_replaces_the_secret() {
        assert_eq!(
            codes(json!({"appkey": "ak"}), false),
            vec![("secret".into(), IssueCode::Required)]
        );
        assert!(read(json!({"appkey": "ak"}), true)
            .unwrap()
            .secret
            .is_none());
    }

    #[test]
    fn the_secret_is_not_in_debug_output() {
        let c = read(json!({"appkey": "ak", "secret": "TOP-SECRET-42"}), false).unwrap();
        assert!(!format!("{c:?}").contains("TOP-SECRET-42"));
    }
}
