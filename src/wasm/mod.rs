//! The JavaScript boundary: converts values and errors, nothing else. Every
//! rule lives in the core; this layer only reads JS input into JSON for it
//! and turns its results into JS objects and `Error`s.

pub mod client;
mod convert;
mod nonce;
// The lite package leaves these out (`--no-default-features`).
#[cfg(feature = "schedule")]
mod schedule;
#[cfg(feature = "send")]
mod send;
#[cfg(feature = "send")]
mod sending;
mod types;

use crate::endpoint::{
    self, data_sync::DataSync, effect::EffectFeedback, process::ProcessFeedback, score::ScoreQuery,
    Form,
};
use convert::{issues_to_js, Input};
use wasm_bindgen::prelude::*;

fn validate<F: Form>(input: &JsValue) -> JsValue {
    let input = Input::of(input);
    let issues = input
        .json()
        .and_then(|v| endpoint::parse::<F>(&v).map(drop));
    issues_to_js(&issues.err().unwrap_or_default())
}

/// Every problem of a score-inquiry form; `[]` when it is valid. Never throws.
#[wasm_bindgen(js_name = validateScoreQuery, unchecked_return_type = "Issue[]")]
pub fn validate_score_query(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> JsValue {
    validate::<ScoreQuery>(&input)
}

/// Every problem of a data-sync form; `[]` when it is valid. Never throws.
#[wasm_bindgen(js_name = validateDataSync, unchecked_return_type = "Issue[]")]
pub fn validate_data_sync(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> JsValue {
    validate::<DataSync>(&input)
}

/// Every problem of a process-feedback form; `[]` when it is valid. Never throws.
#[wasm_bindgen(js_name = validateProcessFeedback, unchecked_return_type = "Issue[]")]
pub fn validate_process_feedback(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> JsValue {
    validate::<ProcessFeedback>(&input)
}

/// Every problem of an effect-feedback form; `[]` when it is valid. Never throws.
#[wasm_bindgen(js_name = validateEffectFeedback, unchecked_return_type = "Issue[]")]
pub fn validate_effect_feedback(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> JsValue {
    validate::<EffectFeedback>(&input)
}

/// The wasm module's linear memory in bytes: it grows with the largest
/// request built and never shrinks, so a page open all day can watch it.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map_or(0.0, |m| {
            js_sys::ArrayBuffer::from(m.buffer()).byte_length() as f64
        })
}
