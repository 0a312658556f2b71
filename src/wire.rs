//! The wire format of PROTOCOL.md §2 and §4: parameters in wire order,
//! the form-encoded body, compact JSON lists and `[a;b;c]` arrays.

use serde::Serialize;
use serde_json::{Map, Value};

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

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (*n, v.as_str()))
    }

    /// `application/x-www-form-urlencoded`, byte for byte what
    /// `new URLSearchParams(params).toString()` gives.
    pub fn form_body(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.iter())
            .finish()
    }
}

/// A list parameter: a compact JSON array, non-ASCII left as it is, keys in
/// the order of the entry type's fields. `None` when the list is empty,
/// since an empty list is not sent.
pub fn json_list<T: Serialize>(entries: &[T]) -> Option<String> {
    if entries.is_empty() {
        return None;
    }
    // Serialising plain structs of strings into a String cannot fail.
    serde_json::to_string(entries).ok()
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
/// Parameters whose wire value is a compact JSON list.
const JSON_LISTS: [&str; 7] = [
    "phoneList",
    "callLIst",
    "msgReceList",
    "msgSendList",
    "socialSecurityList",
    "publicFundList",
    "creditBillList",
];

/// The form that wire parameters came from, as JSON-shaped input for the
/// endpoint readers: the inverse of building, so that what arrives can be
/// checked by the very rules the client applies. A value that does not
/// decode stays text, and the reader reports it. `appkey` and `signature`
/// are not part of a form; a repeated name keeps its last value.
pub fn to_input<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> Value {
    let mut form = Map::new();
    for (name, value) in params {
        let decoded = match name {
            "appkey" | "signature" => continue,
            n if INTEGERS.contains(&n) => integer(value),
            n if JSON_LISTS.contains(&n) => serde_json::from_str(value).ok(),
            "repaymentTimes" => value
                .strip_prefix('[')
                .and_then(|v| v.strip_suffix(']'))
                .map(split_list),
            "banknos" | "contacts" => Some(split_list(value)),
            _ => None,
        };
        let key = if name == "callLIst" { "callList" } else { name };
        form.insert(
            key.to_string(),
            decoded.unwrap_or_else(|| Value::from(value)),
        );
    }
    Value::Object(form)
}

fn integer(text: &str) -> Option<Value> {
    let digits = !text.is_empty() && text.len() <= 16 && text.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| text.parse::<u64>().ok().map(Value::from))
        .flatten()
}

fn split_list(text: &str) -> Value {
    Value::Array(text.split(';').map(Value::from).collect())
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
        assert_eq!(
            input,
            serde_json::json!({
                "money": 700, "stages": "07x", "repaymentTimes": ["20171101", "20171201"],
                "callList": [{"m": "110"}], "phoneList": "[{", "contacts": ["110", "120"],
            })
        );
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
