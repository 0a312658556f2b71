//! JSON-shaped input as the readers see it: strings borrowed from the text
//! they were parsed from, objects as short lists of fields.
//!
//! serde_json's `Value` copies every key and string and puts each object in
//! a `BTreeMap`; for a data sync of 27,000 entries that was most of the
//! work. Here an entry costs one allocation, and a string one only when it
//! has escapes.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};
use std::borrow::Cow;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Object<'a>),
}

/// An object's fields in the order given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object<'a>(Vec<(Cow<'a, str>, Json<'a>)>);

impl<'a> Object<'a> {
    /// The value of `name`; of a name given twice, the last, as `JSON.parse`
    /// and serde_json keep it.
    pub fn get(&self, name: &str) -> Option<&Json<'a>> {
        self.0.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_ref())
    }

    pub fn values(&self) -> impl Iterator<Item = &Json<'a>> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn insert(&mut self, name: impl Into<Cow<'a, str>>, value: Json<'a>) {
        self.0.push((name.into(), value));
    }
}

impl<'a> Json<'a> {
    /// Parses JSON text, borrowing its strings.
    pub fn parse(text: &'a str) -> serde_json::Result<Json<'a>> {
        serde_json::from_str(text)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(map) => Some(map),
            _ => None,
        }
    }

    /// Where this value starts in `text`, the compact JSON (as
    /// `JSON.stringify` writes it) it was parsed from, when that can be
    /// told without a search: for a list of objects, three bytes before
    /// its first key, which was borrowed from `text`.
    pub fn offset_in(&self, text: &str) -> Option<usize> {
        let Json::Array(items) = self else {
            return None;
        };
        let Some(Json::Object(first)) = items.first() else {
            return None;
        };
        let (Cow::Borrowed(key), _) = first.0.first()? else {
            return None;
        };
        // Addresses, not pointers followed: a key from elsewhere fails the check.
        let at = (key.as_ptr() as usize)
            .checked_sub(text.as_ptr() as usize)?
            .checked_sub(3)?;
        let start = text.as_bytes().get(at..at.checked_add(3)?)?;
        (start == b"[{\"").then_some(at)
    }

    /// The field `name` of an object.
    pub fn get(&self, name: &str) -> Option<&Json<'a>> {
        self.as_object().and_then(|o| o.get(name))
    }
}

impl<'a> From<&'a str> for Json<'a> {
    fn from(text: &'a str) -> Json<'a> {
        Json::String(Cow::Borrowed(text))
    }
}

impl From<u64> for Json<'_> {
    fn from(n: u64) -> Self {
        Json::Number(n.into())
    }
}

/// A `serde_json::Value` seen as input, for Rust callers and tests that
/// write their forms with `json!`.
impl<'a> From<&'a Value> for Json<'a> {
    fn from(value: &'a Value) -> Json<'a> {
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.clone()),
            Value::String(s) => Json::String(Cow::Borrowed(s)),
            Value::Array(items) => Json::Array(items.iter().map(Json::from).collect()),
            Value::Object(map) => Json::Object(Object(
                map.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Json::from(v)))
                    .collect(),
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Json<'de>, E> {
        // JSON text has no NaN or infinity, so this is always a number.
        Ok(Number::from_f64(n).map_or(Json::Null, Json::Number))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(s)))
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut fields = Vec::new();
        while let Some(Key(name)) = map.next_key()? {
            fields.push((name, map.next_value()?));
        }
        Ok(Json::Object(Object(fields)))
    }
}

/// An object key, borrowed when it has no escapes (serde's own `Cow<str>`
/// always copies).
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_are_borrowed_unless_escaped() {
        let text = r#"{"n":"张三","c":"a\"b","l":[1,-2,2.5,null,true]}"#;
        let j = Json::parse(text).unwrap();
        assert!(matches!(
            j.get("n"),
            Some(Json::String(Cow::Borrowed("张三")))
        ));
        assert!(matches!(j.get("c"), Some(Json::String(Cow::Owned(s))) if s == "a\"b"));
        let v: Value = serde_json::from_str(text).unwrap();
        let from_value = Json::from(&v);
        // serde_json's map sorts its keys; compare field by field.
        for key in ["n", "c", "l"] {
            assert_eq!(j.get(key), from_value.get(key));
        }
        assert_eq!(Json::from(&json!("x")).as_str(), Some("x"));
    }

    #[test]
    fn a_list_of_objects_knows_where_it_starts() {
        let text = r#"{"a":1,"l":[{"n":"x"},{"n":"y"}],"e":[],"s":["x"],"q":[{"\u006e":1}]}"#;
        let j = Json::parse(text).unwrap();
        let at = j.get("l").unwrap().offset_in(text).unwrap();
        assert!(text[at..].starts_with(r#"[{"n":"x"},{"n":"y"}]"#));
        for other in ["a", "e", "s", "q"] {
            assert_eq!(j.get(other).unwrap().offset_in(text), None, "{other}");
        }
        // Parsed from another copy of the text: the addresses do not match.
        let copy = text.to_string();
        assert_eq!(
            Json::parse(&copy)
                .unwrap()
                .get("l")
                .unwrap()
                .offset_in(text),
            None
        );
    }

    #[test]
    fn a_repeated_name_keeps_the_last_value() {
        let j = Json::parse(r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(j.get("a"), Some(&Json::from(2)));
    }
}
