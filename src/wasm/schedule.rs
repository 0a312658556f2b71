//! `effectSchedule`: what a loan owes, as plain JS objects.

use super::convert::{read_input, validation_error};
use crate::issue::{Issue, IssueCode};
use crate::loan::{day_argument, EffectEvent, Loan};
use js_sys::{Array, Object, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;

fn set(o: &Object, k: &str, v: JsValue) {
    let _ = Reflect::set(o, &k.into(), &v);
}

fn event_to_js(e: &EffectEvent) -> JsValue {
    let feedback = Object::new();
    set(&feedback, "flowid", e.flowid.as_str().into());
    set(&feedback, "userid", e.userid.as_str().into());
    set(&feedback, "mobile", e.mobile.as_str().into());
    set(&feedback, "stageId", e.stage_id.into());
    set(&feedback, "resultType", e.result_type.into());
    set(&feedback, "processTime", (e.process_time as f64).into());
    let o = Object::new();
    set(&o, "day", e.day.to_string().into());
    set(&o, "deadline", (e.deadline as f64).into());
    set(&o, "feedback", feedback.into());
    o.into()
}

fn text_argument(name: &str, value: Option<&Value>) -> Result<Option<String>, Issue> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Issue {
            path: name.into(),
            code: IssueCode::InvalidType,
            message: format!("{name} must be a date written yyyyMMdd"),
        }),
    }
}

/// The effect feedbacks `loan` owes on `asOf` (with `from`, on every day
/// from `from` to `asOf`), ordered by day, then stageId. Throws
/// `FbiValidationError` for a bad loan or date.
#[wasm_bindgen(js_name = effectSchedule, unchecked_return_type = "EffectEvent[]")]
pub fn effect_schedule(
    #[wasm_bindgen(unchecked_param_type = "Loan")] loan: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string")] as_of: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ from?: string }")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let mut issues = Vec::new();
    let loan = Loan::read(&read_input(&loan).map_err(|i| validation_error(&i))?)
        .map_err(|i| issues.extend(i));
    let as_of = match as_of.as_string() {
        Some(text) => day_argument("asOf", &text).map_err(|i| issues.push(i)),
        None => {
            issues.push(Issue {
                path: "asOf".into(),
                code: IssueCode::InvalidType,
                message: "asOf must be a date written yyyyMMdd".into(),
            });
            Err(())
        }
    };
    let options = if options.is_undefined() || options.is_null() {
        Value::Null
    } else {
        read_input(&options).map_err(|i| validation_error(&i))?
    };
    if !(options.is_null() || options.is_object()) {
        issues.push(Issue {
            path: "options".into(),
            code: IssueCode::InvalidType,
            message: "options must be an object such as { from: \"20261101\" }".into(),
        });
    }
    if let Some(key) = options
        .as_object()
        .and_then(|o| o.keys().find(|k| *k != "from"))
    {
        issues.push(Issue {
            path: key.clone(),
            code: IssueCode::UnknownField,
            message: format!("{key} is not an option of effectSchedule (known: from)"),
        });
    }
    let from = text_argument("from", options.get("from"))
        .map_err(|i| issues.push(i))
        .and_then(|t| {
            t.map(|t| day_argument("from", &t).map_err(|i| issues.push(i)))
                .transpose()
        });
    match (loan, as_of, from) {
        (Ok(loan), Ok(as_of), Ok(from)) if issues.is_empty() => {
            let events = loan.events(from.unwrap_or(as_of), as_of);
            Ok(events.iter().map(event_to_js).collect::<Array>().into())
        }
        _ => Err(validation_error(&issues)),
    }
}
