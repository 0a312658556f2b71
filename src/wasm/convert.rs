//! Values across the boundary: JS input in, issues and requests out.

use crate::issue::{Issue, IssueCode, Path};
use crate::request::SignedRequest;
use js_sys::{Array, Object, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/boundary.js")]
extern "C" {
    #[wasm_bindgen(js_name = encodeInput)]
    fn encode_input(input: &JsValue) -> String;

    #[wasm_bindgen(catch)]
    pub fn nonce() -> Result<String, JsValue>;

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

/// The caller's input as JSON for the core. Input that is not plain data
/// (nested past serde_json's depth limit, say) is one issue on the whole.
pub fn read_input(input: &JsValue) -> Result<Value, Vec<Issue>> {
    serde_json::from_str(&encode_input(input)).map_err(|_| {
        vec![Issue {
            path: Path::Root.to_string(),
            code: IssueCode::InvalidType,
            message: "input must be plain data (objects, lists, text and numbers, nested at most 100 deep)".into(),
        }]
    })
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

pub fn request_to_js(req: &SignedRequest) -> JsValue {
    let o = Object::new();
    set(&o, "endpoint", &req.endpoint.into());
    set(&o, "url", &req.url.as_str().into());
    let params: Array = req
        .params
        .iter()
        .map(|(name, value)| Array::of2(&name.into(), &value.into()))
        .collect();
    set(&o, "params", &params);
    set(&o, "body", &req.body.as_str().into());
    set(&o, "signature", &req.signature.as_str().into());
    set(&o, "stringToSign", &req.string_to_sign.as_str().into());
    o.into()
}

/// The platform answered with a non-zero code.
pub fn api_error(code: u64, desc: &str, status: u16) -> JsValue {
    let message = format!("the platform answered {code}: {desc}");
    FbiApiError::new(&message, code as f64, desc, status).into()
}

/// No usable answer after `attempts`; `cause` says what the last one was.
pub fn network_error(attempts: u32, cause: &str) -> JsValue {
    let tries = if attempts == 1 {
        "1 attempt".to_string()
    } else {
        format!("{attempts} attempts")
    };
    let message = format!("no usable answer after {tries}: {cause}");
    FbiNetworkError::new(&message, attempts, js_sys::Error::new(cause).into()).into()
}

/// A JSON value as a plain JS value.
pub fn json_to_js(value: &Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}
