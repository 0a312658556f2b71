//! Values across the boundary: JS input in, issues and requests out.

use crate::format::digits::push_decimal;
use crate::issue::{Issue, IssueCode, Path};
use crate::json::Json;
use crate::request::SignedRequest;
use crate::sign::{covered, SignScope};
use crate::utf16::utf16_len;
use crate::wire::Params;
use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/boundary.js")]
extern "C" {
    #[wasm_bindgen(js_name = encodeInput)]
    fn encode_input(input: &JsValue) -> JsString;

    #[wasm_bindgen(js_name = signedRequest)]
    fn signed_request(input: &JsString, packed: &str, body: &str) -> JsValue;

    #[wasm_bindgen(js_name = FbiValidationError)]
    type FbiValidationError;

    #[wasm_bindgen(constructor, js_class = FbiValidationError)]
    fn new(message: &str, issues: JsValue) -> FbiValidationError;

    #[wasm_bindgen(js_name = FbiApiError)]
    type FbiApiError;

    #[wasm_bindgen(constructor, js_class = FbiApiError)]
    fn new(message: &str, code: f64, desc: &str, status: u16) -> FbiApiError;

    #[wasm_bindgen(js_name = FbiNetworkError)]
    type FbiNetworkError;

    #[wasm_bindgen(constructor, js_class = FbiNetworkError)]
    fn new(message: &str, attempts: u32, cause: JsValue) -> FbiNetworkError;
}

/// The caller's input as JSON text for the core (see `js/boundary.js`),
/// and the JS string it was copied from.
pub struct Input {
    js: JsString,
    text: String,
}

impl Input {
    pub fn of(value: &JsValue) -> Input {
        let js = encode_input(value);
        let text = js.as_string().unwrap_or_default();
        Input { js, text }
    }

    /// The input parsed. Input that is not plain data (nested past
    /// serde_json's depth limit, say) is one issue on the whole.
    pub fn json(&self) -> Result<Json<'_>, Vec<Issue>> {
        Json::parse(&self.text).map_err(|_| {
            vec![Issue {
                path: Path::Root.to_string(),
                code: IssueCode::InvalidType,
                message: "input must be plain data (objects, lists, text and numbers, nested at most 100 deep)".into(),
            }]
        })
    }

    /// Where lists of objects start in the input text, as far as `json`
    /// (parsed from it) tells without a search.
    pub fn list_starts(&self, json: &Json<'_>) -> Vec<usize> {
        json.as_object()
            .map(|o| o.values().filter_map(|v| v.offset_in(&self.text)).collect())
            .unwrap_or_default()
    }

    /// Finds the long values of `params` that are in the input text as
    /// they are, at one of `starts` (a list the caller gave in wire form),
    /// and lets the text go, before the body is built: with a data sync,
    /// that is a megabyte-sized copy less at the peak.
    pub fn into_slices(self, params: &Params, starts: &[usize]) -> InputSlices {
        const WORTH_IT: usize = 4096;
        let mut found: Vec<(&'static str, usize, usize)> = params
            .iter()
            .filter(|(_, value)| value.len() >= WORTH_IT)
            .filter_map(|(name, value)| {
                let at = starts.iter().find(|&&at| {
                    self.text
                        .get(at..)
                        .is_some_and(|rest| rest.starts_with(value))
                })?;
                Some((name, *at, value.len()))
            })
            .collect();
        // Bytes to JS string units, counting each stretch once when the
        // lists come in wire order, as they usually do.
        let (mut bytes, mut units) = (0, 0);
        for (_, at, len) in &mut found {
            if *at < bytes {
                (bytes, units) = (0, 0);
            }
            units += self.text.get(bytes..*at).map_or(0, utf16_len);
            let value_units = self.text.get(*at..*at + *len).map_or(0, utf16_len);
            bytes = *at + *len;
            (*at, *len) = (units, value_units);
            units += value_units;
        }
        InputSlices {
            js: self.js,
            at: found,
        }
    }
}

fn set(target: &Object, key: &str, value: &JsValue) {
    // Defining a property on a fresh plain object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

pub fn issues_to_js(issues: &[Issue]) -> JsValue {
    issues
        .iter()
        .map(|issue| {
            let o = Object::new();
            set(&o, "path", &issue.path.as_str().into());
            set(&o, "code", &issue.code.as_str().into());
            set(&o, "message", &issue.message.as_str().into());
            JsValue::from(o)
        })
        .collect::<Array>()
        .into()
}

/// A `FbiValidationError` whose message sums up the first issues.
pub fn validation_error(issues: &[Issue]) -> JsValue {
    const SHOWN: usize = 3;
    let mut message = match issues.len() {
        1 => "1 issue: ".to_string(),
        n => format!("{n} issues: "),
    };
    let firsts: Vec<&str> = issues
        .iter()
        .take(SHOWN)
        .map(|i| i.message.as_str())
        .collect();
    message.push_str(&firsts.join("; "));
    if issues.len() > SHOWN {
        message.push_str("; …");
    }
    FbiValidationError::new(&message, issues_to_js(issues)).into()
}

/// A built request for JS. Crossing the boundary costs per string and per
/// byte, so:
/// - its texts go over as one, `<UTF-16 length>:<text>` each;
/// - a long value found as it is in the input's JSON text (a list the
///   caller gave in wire form) goes as `<length>@<offset>;`, and JS slices
///   it from the string it already has, without a copy;
/// - the body (ASCII, often megabytes) goes as a text of its own;
/// - `stringToSign` does not go at all: JS joins it from the parameters, in
///   the order the core signed them.
pub fn request_to_js(req: &SignedRequest, scope: SignScope, input: &InputSlices) -> JsValue {
    let mut order = String::new();
    for (n, (i, _, _)) in covered(req.params.iter(), scope).into_iter().enumerate() {
        if n > 0 {
            order.push(',');
        }
        push_decimal(&mut order, i as u64);
    }
    let mut packed = String::with_capacity(
        64 + req.url.len()
            + req
                .params
                .iter()
                .map(|(n, v)| n.len() + v.len() + 16)
                .sum::<usize>(),
    );
    for text in [req.endpoint, &req.url, &req.signature, &order] {
        record(&mut packed, text);
    }
    for (name, value) in req.params.iter() {
        record(&mut packed, name);
        match input.slice_of(name) {
            Some((offset, length)) => {
                push_decimal(&mut packed, length as u64);
                packed.push('@');
                push_decimal(&mut packed, offset as u64);
                packed.push(';');
            }
            None => record(&mut packed, value),
        }
    }
    signed_request(&input.js, &packed, &req.body)
}

fn record(packed: &mut String, text: &str) {
    push_decimal(packed, utf16_len(text) as u64);
    packed.push(':');
    packed.push_str(text);
}

/// The input's JS string, and where in it long parameter values occur.
pub struct InputSlices {
    js: JsString,
    /// (name, offset, length), in JS string units
    at: Vec<(&'static str, usize, usize)>,
}

impl InputSlices {
    fn slice_of(&self, name: &str) -> Option<(usize, usize)> {
        self.at
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, at, len)| (*at, *len))
    }
}

/// The platform answered with a non-zero code.
#[cfg(feature = "send")]
pub fn api_error(code: u64, desc: &str, status: u16) -> JsValue {
    let message = format!("the platform answered {code}: {desc}");
    FbiApiError::new(&message, code as f64, desc, status).into()
}

/// No usable answer after `attempts`; `cause` says what the last one was.
#[cfg(feature = "send")]
pub fn network_error(attempts: u32, cause: &str) -> JsValue {
    let tries = if attempts == 1 {
        "1 attempt".to_string()
    } else {
        format!("{attempts} attempts")
    };
    let message = format!("no usable answer after {tries}: {cause}");
    FbiNetworkError::new(&message, attempts, js_sys::Error::new(cause).into()).into()
}

/// The platform's answer (JSON text, already checked) as a plain JS value.
#[cfg(feature = "send")]
pub fn answer_to_js(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
}
