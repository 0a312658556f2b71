//! The wire format of PROTOCOL.md §2 and §4: parameters in wire order,
//! the form-encoded body, compact JSON lists and `[a;b;c]` arrays.

use crate::endpoint::data_sync::LISTS;
use crate::json::{Json, Object};
use serde::Serialize;

/// Request parameters, in the order they are sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params(Vec<(&'static str, String)>);

impl Params {
    /// Adds a parameter; an empty value is not sent at all (§2).
    pub fn push(&mut self, name: &'static str, value: impl Into<String>) {
        let value = value.into();
        if !value.is_empty() {
            self.0.push((name, value));
        }
    }

    pub fn push_opt(&mut self, name: &'static str, value: Option<impl Into<String>>) {
        if let Some(v) = value {
            self.push(name, v);
        }
    }

    /// Places `name` at `index` (the signature goes fourth).
    pub fn insert(&mut self, index: usize, name: &'static str, value: String) {
        self.0.insert(index.min(self.0.len()), (name, value));
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0.iter().map(|(n, v)| (*n, v.as_str()))
    }

    /// `application/x-www-form-urlencoded`, byte for byte what
    /// `new URLSearchParams(params).toString()` gives.
    pub fn form_body(&self) -> String {
        let size: usize = self
            .iter()
            .map(|(n, v)| encoded_len(n) + encoded_len(v) + 2)
            .sum();
        let mut body = vec![0; size];
        let mut at = 0;
        for (i, (name, value)) in self.iter().enumerate() {
            if i > 0 {
                at = put(&mut body, at, b'&');
            }
            at = form_encode(&mut body, at, name);
            at = put(&mut body, at, b'=');
            at = form_encode(&mut body, at, value);
        }
        body.truncate(at);
        // Every byte written is ASCII.
        String::from_utf8(body).unwrap_or_default()
    }
}

/// How the form-urlencoded serializer writes each byte: 0 as it is, 1 as
/// `+` (the space), 2 as `%XX`.
const CLASS: [u8; 256] = {
    let mut class = [2; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || matches!(c, b'*' | b'-' | b'.' | b'_') {
            class[b] = 0;
        }
        b += 1;
    }
    class[b' ' as usize] = 1;
    class
};

fn encoded_len(text: &str) -> usize {
    // A plain loop: the iterator chain did not inline at opt-level "s".
    let mut len = text.len();
    for &b in text.as_bytes() {
        if CLASS[usize::from(b)] == 2 {
            len += 2;
        }
    }
    len
}

fn put(out: &mut [u8], at: usize, b: u8) -> usize {
    if let Some(slot) = out.get_mut(at) {
        *slot = b;
    }
    at + 1
}

/// The form-urlencoded byte serializer of the URL Standard, as
/// `form_urlencoded` (the tests' reference) implements it, into `out` from
/// `at` (sized by `encoded_len`). Written out because that crate yields a
/// piece per encoded byte, which made a data sync's megabytes of Chinese
/// names and messages ten times slower.
fn form_encode(out: &mut [u8], mut at: usize, text: &str) -> usize {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in text.bytes() {
        match CLASS[usize::from(b)] {
            0 => at = put(out, at, b),
            1 => at = put(out, at, b'+'),
            _ => {
                at = put(out, at, b'%');
                at = put(out, at, HEX[usize::from(b >> 4)]);
                at = put(out, at, HEX[usize::from(b & 15)]);
            }
        }
    }
    at
}

/// A list parameter: a compact JSON array, non-ASCII left as it is, keys in
/// the order of the entry type's fields. `None` when the list is empty,
/// since an empty list is not sent.
pub fn json_list<T: Serialize>(entries: &[T]) -> Option<String> {
    if entries.is_empty() {
        return None;
    }
    // Serialising plain structs of strings into a String cannot fail.
    let mut list = serde_json::to_string(entries).ok()?;
    // Its buffer grew by doubling: give back what a big list did not use.
    list.shrink_to_fit();
    Some(list)
}

/// `[20171101;20171201;20180101]`, the wire form of `repaymentTimes`.
pub fn bracketed<T: ToString>(items: &[T]) -> String {
    format!("[{}]", joined(items))
}

/// `a;b;c`, the wire form of `banknos` and `contacts`.
pub fn joined<T: ToString>(items: &[T]) -> String {
    items.iter().map(T::to_string).collect::<Vec<_>>().join(";")
}

/// Parameters whose wire value is a decimal integer.
const INTEGERS: [&str; 7] = [
    "timestamp",
    "os",
    "processTime",
    "resultType",
    "money",
    "stages",
    "stageId",
];
/// The form that wire parameters came from, as JSON-shaped input for the
/// endpoint readers: the inverse of building, so that what arrives can be
/// checked by the very rules the client applies. A value that does not
/// decode stays text, and the reader reports it. `appkey` and `signature`
/// are not part of a form; of a repeated name, the last value counts.
pub fn to_input<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> Json<'a> {
    let mut form = Object::default();
    for (name, value) in params {
        let list = LISTS.iter().find(|(_, wire)| *wire == name);
        let decoded = match name {
            "appkey" | "signature" => continue,
            n if INTEGERS.contains(&n) => integer(value),
            _ if list.is_some() => Json::parse(value).ok(),
            "repaymentTimes" => value
                .strip_prefix('[')
                .and_then(|v| v.strip_suffix(']'))
                .map(split_list),
            "banknos" | "contacts" => Some(split_list(value)),
            _ => None,
        };
        let key = list.map_or(name, |(js, _)| js);
        form.insert(key, decoded.unwrap_or(Json::from(value)));
    }
    Json::Object(form)
}

fn integer(text: &str) -> Option<Json<'_>> {
    let digits = !text.is_empty() && text.len() <= 16 && text.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| text.parse::<u64>().ok().map(Json::from))
        .flatten()
}

fn split_list(text: &str) -> Json<'_> {
    Json::Array(text.split(';').map(Json::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_body_matches_url_search_params() {
        let mut p = Params::default();
        p.push("a", "x y~*-._!'()");
        p.push("b", r#"[{"n":"张三"}]"#);
        p.push("empty", "");
        // What `new URLSearchParams([...]).toString()` prints in Node 20.
        assert_eq!(
            p.form_body(),
            "a=x+y%7E*-._%21%27%28%29&b=%5B%7B%22n%22%3A%22%E5%BC%A0%E4%B8%89%22%7D%5D"
        );
    }

    #[test]
    fn arrays() {
        assert_eq!(bracketed(&["20171101", "20171201"]), "[20171101;20171201]");
        assert_eq!(joined(&["1", "2", "3"]), "1;2;3");
        assert_eq!(json_list::<String>(&[]), None);
    }

    #[test]
    fn wire_values_decode_to_the_form() {
        let input = to_input([
            ("appkey", "ak"),
            ("signature", "00"),
            ("money", "700"),
            ("stages", "07x"),
            ("repaymentTimes", "[20171101;20171201]"),
            ("callLIst", r#"[{"m":"110"}]"#),
            ("phoneList", "[{"),
            ("contacts", "110;120"),
        ]);
        let expected = serde_json::json!({
            "money": 700, "stages": "07x", "repaymentTimes": ["20171101", "20171201"],
            "callList": [{"m": "110"}], "phoneList": "[{", "contacts": ["110", "120"],
        });
        let expected = Json::from(&expected);
        let (got, want) = (input.as_object().unwrap(), expected.as_object().unwrap());
        assert_eq!(got.keys().count(), want.keys().count());
        for key in want.keys() {
            assert_eq!(got.get(key), want.get(key), "{key}");
        }
    }

    #[test]
    fn a_list_decodes_only_under_its_wire_name() {
        let list = r#"[{"m":"110"}]"#;
        let input = to_input([("callList", list)]);
        assert_eq!(
            input.get("callList"),
            Some(&Json::from(list)),
            "left as text"
        );
        let input = to_input([("callLIst", list)]);
        assert!(input.get("callList").and_then(Json::as_array).is_some());
    }

    #[test]
    fn json_lists_are_compact_and_unescaped() {
        #[derive(Serialize)]
        struct E {
            n: &'static str,
            m: &'static str,
        }
        let s = json_list(&[E {
            n: "张\"三\n",
            m: "1",
        }])
        .unwrap();
        assert_eq!(s, r#"[{"n":"张\"三\n","m":"1"}]"#);
    }
}
