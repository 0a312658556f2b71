//! Sending over the global `fetch`, identical in Node and browsers: a
//! per-attempt timeout, retries with backoff on network errors, timeouts and
//! HTTP 5xx only, each attempt signed afresh.

use super::client::Inner;
use super::convert::{api_error, network_error};
use super::nonce::nonce;
use crate::endpoint::Form;
use crate::json::Json;
use crate::request::{unsigned_params, with_signature, Stamp};
use crate::sign::string_to_sign;
use crate::wire::Params;
use js_sys::{Object, Promise, Reflect};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestInit, Response};

/// Longest wait between two attempts.
const MAX_BACKOFF_MS: f64 = 10_000.0;

/// How one attempt ended.
enum Outcome {
    /// `code` 0: the answer, as JSON text.
    Accepted(String),
    /// A JSON answer with a non-zero code: final, never retried.
    Refused {
        code: u64,
        desc: String,
        status: u16,
    },
    /// No answer, a timeout, or HTTP 5xx: worth another attempt.
    Retry(String),
    /// An answer that is not the platform's JSON: final.
    Unusable(String),
}

/// A checked form, ready to be stamped and signed for each attempt.
pub struct Ready {
    endpoint: &'static str,
    params_at: Box<dyn Fn(&Stamp) -> Params>,
}

impl Ready {
    pub fn new<F: Form + 'static>(form: F, appkey: String) -> Ready {
        Ready {
            endpoint: F::ENDPOINT,
            params_at: Box::new(move |stamp| unsigned_params(&form, &appkey, stamp)),
        }
    }
}

/// Sends a form, signing each attempt with a fresh timestamp and random.
/// Not generic over the endpoint, so the wasm holds one copy of it.
pub async fn send(inner: Rc<Inner>, ready: Ready) -> Result<String, JsValue> {
    let config = &inner.config;
    let attempts = config.retries + 1;
    let mut last = String::new();
    for attempt in 1..=attempts {
        let stamp = Stamp {
            timestamp_ms: js_sys::Date::now() as u64,
            random: nonce()?,
        };
        let params = (ready.params_at)(&stamp);
        let sts = string_to_sign(params.iter(), config.scope);
        let signature = inner.signature_for_sending(&sts).await?;
        let req = with_signature(params, ready.endpoint, &config.base_url, sts, signature);
        let started = js_sys::Date::now();
        let outcome = post(&req.url, &req.body, config.timeout_ms).await;
        let ms = js_sys::Date::now() - started;
        inner.debug(|| trace(req.endpoint, attempt, &req.string_to_sign, &outcome, ms));
        match outcome {
            Outcome::Accepted(answer) => return Ok(answer),
            Outcome::Refused { code, desc, status } => return Err(api_error(code, &desc, status)),
            Outcome::Unusable(cause) => return Err(network_error(attempt, &cause)),
            Outcome::Retry(cause) => last = cause,
        }
        if attempt < attempts {
            gloo_timers::future::TimeoutFuture::new(backoff_ms(config.retry_delay_ms, attempt))
                .await;
        }
    }
    Err(network_error(attempts, &last))
}

/// Exponential, with jitter so that many clients do not retry in step:
/// between half and all of `base × 2^(attempt-1)`.
fn backoff_ms(base: u64, attempt: u32) -> u32 {
    let full = (base as f64 * 2f64.powi(attempt as i32 - 1)).min(MAX_BACKOFF_MS);
    (full * (0.5 + js_sys::Math::random() / 2.0)) as u32
}

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` of browsers and Node, given the URL and the init:
    /// gloo-net builds a `Request` first, which Node's fetch then copies,
    /// and that doubled the client's CPU time per request.
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with_init(url: &str, init: &RequestInit) -> Promise;
}

async fn post(url: &str, body: &str, timeout_ms: u64) -> Outcome {
    let signal = AbortSignal::timeout_with_u32(timeout_ms.min(u64::from(u32::MAX)) as u32);
    let headers = Object::new();
    let _ = Reflect::set(
        &headers,
        &"content-type".into(),
        &"application/x-www-form-urlencoded".into(),
    );
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&body.into());
    init.set_signal(Some(&signal));
    let response = match JsFuture::from(fetch_with_init(url, &init)).await {
        Ok(r) => r.unchecked_into::<Response>(),
        Err(e) if signal.aborted() => {
            return Outcome::Retry(format!(
                "no answer within {timeout_ms} ms ({})",
                describe(&e)
            ))
        }
        Err(e) => return Outcome::Retry(format!("network error: {}", describe(&e))),
    };
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(e) => Err(e),
    };
    match text.map(|t| t.as_string()) {
        Ok(Some(text)) => classify(status, &text),
        Ok(None) => Outcome::Unusable(format!("HTTP {status}: the answer is not text")),
        Err(e) => Outcome::Retry(format!(
            "HTTP {status}, the answer was cut off: {}",
            describe(&e)
        )),
    }
}

/// What a rejected fetch says: the error, and what caused it (Node puts
/// the socket's error, such as ECONNREFUSED, in `cause`).
fn describe(error: &JsValue) -> String {
    let text = |e: &JsValue| match e.dyn_ref::<js_sys::Error>() {
        Some(e) => format!("{}: {}", String::from(e.name()), String::from(e.message())),
        None => e.as_string().unwrap_or_else(|| "an unknown error".into()),
    };
    let cause = Reflect::get(error, &"cause".into()).unwrap_or(JsValue::UNDEFINED);
    if cause.is_undefined() || cause.is_null() {
        text(error)
    } else {
        format!("{} ({})", text(error), text(&cause))
    }
}

fn classify(status: u16, text: &str) -> Outcome {
    let json = Json::parse(text).ok();
    let code = json
        .as_ref()
        .and_then(|j| j.get("code"))
        .and_then(Json::as_u64);
    let desc = json
        .as_ref()
        .and_then(|j| j.get("desc"))
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_string();
    match (status, code) {
        (500..=599, _) => Outcome::Retry(format!(
            "HTTP {status}{}",
            if desc.is_empty() {
                String::new()
            } else {
                format!(": {desc}")
            }
        )),
        (_, Some(0)) => Outcome::Accepted(text.to_string()),
        (_, Some(code)) => Outcome::Refused { code, desc, status },
        _ => Outcome::Unusable(format!(
            "HTTP {status}: the answer is not the platform's JSON ({} bytes)",
            text.len()
        )),
    }
}

/// What the debug hook sees of an attempt: never the secret.
fn trace(
    endpoint: &str,
    attempt: u32,
    string_to_sign: &str,
    outcome: &Outcome,
    ms: f64,
) -> JsValue {
    let o = Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&o, &k.into(), &v);
    };
    set("endpoint", endpoint.into());
    set("attempt", attempt.into());
    set("stringToSign", string_to_sign.into());
    set("ms", ms.into());
    match outcome {
        Outcome::Accepted(_) => set("outcome", "accepted".into()),
        Outcome::Refused { code, desc, status } => {
            set("outcome", "refused".into());
            set("code", (*code as f64).into());
            set("desc", desc.as_str().into());
            set("status", (*status).into());
        }
        Outcome::Retry(cause) => {
            set("outcome", "retry".into());
            set("error", cause.as_str().into());
        }
        Outcome::Unusable(cause) => {
            set("outcome", "unusable".into());
            set("error", cause.as_str().into());
        }
    }
    o.into()
}
