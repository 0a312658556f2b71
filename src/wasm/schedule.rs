//! `effectSchedule`: what a loan owes, as plain JS objects.

use super::convert::{validation_error, Input};
use crate::issue::{Issue, IssueCode};
use crate::json::Json;
use crate::loan::{day_argument, EffectEvent, Loan};
use js_sys::{Array, Object, Reflect};
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

fn text_argument(name: &str, value: Option<&Json<'_>>) -> Result<Option<String>, Issue> {
    match value {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) => Ok(Some(s.to_string())),
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
    let loan = Input::of(&loan);
    let loan =
        Loan::read(&loan.json().map_err(|i| validation_error(&i))?).map_err(|i| issues.extend(i));
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
    let options = (!(options.is_undefined() || options.is_null())).then(|| Input::of(&options));
    let options = match &options {
        Some(input) => input.json().map_err(|i| validation_error(&i))?,
        None => Json::Null,
    };
    if !matches!(options, Json::Null | Json::Object(_)) {
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
            path: key.to_string(),
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
