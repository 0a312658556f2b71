//! The signature of PROTOCOL.md §3: string to sign, cipher text, MD5.

use md5::{Digest, Md5};
use std::fmt;

/// Which parameters the signature covers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SignScope {
    /// `appkey`, `mobile`, `random`, `timestamp`, `userid`: what the
    /// platform's page describes.
    #[default]
    Common,
    /// Every parameter sent but `signature`: protects the business fields too.
    All,
}

impl SignScope {
    pub fn parse(text: &str) -> Option<SignScope> {
        match text {
            "common" => Some(SignScope::Common),
            "all" => Some(SignScope::All),
            _ => None,
        }
    }
}

const COMMON: [&str; 5] = ["appkey", "mobile", "random", "timestamp", "userid"];

/// The platform's dynamic key. It has no `Display`, and its `Debug` form
/// hides it, so it cannot end up in a message or a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(key: impl Into<String>) -> Secret {
        Secret(key.into())
    }

    /// The key itself, for a cipher function; never for output.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Which parameters the signature covers, as positions in `params`: those
/// with a value, `signature` itself never, sorted by name in byte order.
pub fn covered<'n, 'v>(
    params: impl IntoIterator<Item = (&'n str, &'v str)>,
    scope: SignScope,
) -> Vec<(usize, &'n str, &'v str)> {
    let mut covered: Vec<(usize, &str, &str)> = params
        .into_iter()
        .enumerate()
        .filter(|(_, (name, value))| {
            !value.is_empty()
                && *name != "signature"
                && (scope == SignScope::All || COMMON.contains(name))
        })
        .map(|(i, (name, value))| (i, name, value))
        .collect();
    covered.sort_unstable_by(|a, b| a.1.as_bytes().cmp(b.1.as_bytes()));
    covered
}

/// The covered parameters as `name=value` joined by `&`, values not
/// percent-encoded.
pub fn string_to_sign<'n, 'v>(
    params: impl IntoIterator<Item = (&'n str, &'v str)>,
    scope: SignScope,
) -> String {
    let covered = covered(params, scope);
    let mut out =
        String::with_capacity(covered.iter().map(|(_, n, v)| n.len() + v.len() + 2).sum());
    for (i, (_, name, value)) in covered.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
    out
}

/// Lowercase hex MD5 of `parts` joined: the signature of a cipher text.
pub fn md5_hex(parts: &[&[u8]]) -> String {
    let mut md5 = Md5::new();
    for part in parts {
        md5.update(part);
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    md5.finalize()
        .iter()
        .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

/// The signature with the default cipher, `<string to sign>&key=<secret>`,
/// hashed without ever writing the cipher text out.
pub fn default_signature(string_to_sign: &str, secret: &Secret) -> String {
    md5_hex(&[
        string_to_sign.as_bytes(),
        b"&key=",
        secret.expose().as_bytes(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Params;

    fn seed_common() -> Params {
        let mut p = Params::default();
        p.push("appkey", "ak");
        p.push("timestamp", "1513688850127");
        p.push("random", "111");
        p.push("userid", "1530728");
        p.push("mobile", "13580211212");
        p.push("flowid", "f1");
        p
    }

    #[test]
    fn protocol_example() {
        let sts = string_to_sign(seed_common().iter(), SignScope::Common);
        assert_eq!(
            sts,
            "appkey=ak&mobile=13580211212&random=111&timestamp=1513688850127&userid=1530728"
        );
        // `printf '%s' '<string to sign>&key=s3cret' | md5sum`
        assert_eq!(
            default_signature(&sts, &Secret::new("s3cret")),
            "0eda07d833ef5c22bc14b8b5f64beeee"
        );
        assert_eq!(md5_hex(&[b"abc"]), "900150983cd24fb0d6963f7d28e17f72");
    }

    #[test]
    fn scope_all_covers_business_fields_in_byte_order() {
        let mut p = seed_common();
        p.push("QQ", "1");
        p.push("address_company", "x y");
        p.push("signature", "zz");
        let sts = string_to_sign(p.iter(), SignScope::All);
        assert_eq!(
            sts,
            "QQ=1&address_company=x y&appkey=ak&flowid=f1&mobile=13580211212&random=111&timestamp=1513688850127&userid=1530728"
        );
    }

    #[test]
    fn secret_never_shows_in_debug() {
        let s = Secret::new("TOP-SECRET-42");
        assert!(!format!("{s:?}").contains("TOP-SECRET-42"));
    }
}
