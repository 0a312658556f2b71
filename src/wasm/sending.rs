//! `FbiClient`'s sending methods (the `send` feature): each checks its
//! input at once and sends it in a promise, through `send.rs`.

use super::client::{Client, Debug, Inner};
use super::convert::{answer_to_js, network_error, validation_error, Input};
use super::send::{send, Ready};
use crate::endpoint::{
    self,
    data_sync::DataSync,
    effect::EffectFeedback,
    process::ProcessFeedback,
    score::{risk_band, ScoreQuery},
    Form, Kind,
};
use crate::issue::{Issue, IssueCode};
use crate::json::Json;
use crate::wire;
use js_sys::{Function, Promise, Reflect};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

#[wasm_bindgen(js_class = FbiClient)]
impl Client {
    /// Sends a built request. Each attempt is signed afresh (new timestamp
    /// and random), so a request built long ago is not refused as stale.
    #[wasm_bindgen(unchecked_return_type = "Promise<FbiResponse>")]
    pub fn send(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignedRequest")] request: JsValue,
    ) -> Promise {
        let inner = self.inner.clone();
        promise(async move {
            let request = Input::of(&request);
            let request = request.json().map_err(|i| validation_error(&i))?;
            // `params` as [name, value] pairs of text; anything else reads
            // as none, and the form's rules then say what is missing.
            let params: Vec<(&str, &str)> = request
                .get("params")
                .and_then(Json::as_array)
                .and_then(|pairs| pairs.iter().map(text_pair).collect())
                .unwrap_or_default();
            let input = wire::to_input(params);
            let path = request
                .get("endpoint")
                .and_then(Json::as_str)
                .unwrap_or_default();
            let form = match Kind::of(path) {
                Some(Kind::Score) => ready::<ScoreQuery>(&inner, &input),
                Some(Kind::Sync) => ready::<DataSync>(&inner, &input),
                Some(Kind::Process) => ready::<ProcessFeedback>(&inner, &input),
                Some(Kind::Effect) => ready::<EffectFeedback>(&inner, &input),
                None => Err(validation_error(&[Issue {
                    path: "endpoint".into(),
                    code: IssueCode::OutOfRange,
                    message: "endpoint must be one of the four the platform has".into(),
                }])),
            }?;
            Ok(answer_to_js(&send(inner, form).await?))
        })
    }

    /// Builds and sends a score inquiry; the answer carries the risk band.
    #[wasm_bindgen(js_name = askScore, unchecked_return_type = "Promise<ScoreResponse>")]
    pub fn ask_score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScoreQueryInput")] input: JsValue,
    ) -> Promise {
        let inner = self.inner.clone();
        promise(async move {
            let input = Input::of(&input);
            let input = input.json().map_err(|i| validation_error(&i))?;
            let form = ready::<ScoreQuery>(&inner, &input)?;
            let text = send(inner, form).await?;
            let answer = Json::parse(&text).ok();
            let score = answer.as_ref().and_then(|a| a.get("score")?.as_u64());
            let flowid = answer.as_ref().and_then(|a| a.get("flowid")?.as_str());
            let (Some(score), Some(_)) = (score, flowid) else {
                return Err(network_error(1, "the score answer has no flowid or score"));
            };
            let answer = answer_to_js(&text);
            let _ = Reflect::set(&answer, &"risk".into(), &risk_band(score).into());
            Ok(answer)
        })
    }

    #[wasm_bindgen(js_name = dataSync, unchecked_return_type = "Promise<FbiResponse>")]
    pub fn data_sync(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DataSyncInput")] input: JsValue,
    ) -> Promise {
        self.send_promise::<DataSync>(input)
    }

    #[wasm_bindgen(js_name = processFeedback, unchecked_return_type = "Promise<FbiResponse>")]
    pub fn process_feedback(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ProcessFeedbackInput")] input: JsValue,
    ) -> Promise {
        self.send_promise::<ProcessFeedback>(input)
    }

    #[wasm_bindgen(js_name = effectFeedback, unchecked_return_type = "Promise<FbiResponse>")]
    pub fn effect_feedback(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EffectFeedbackInput")] input: JsValue,
    ) -> Promise {
        self.send_promise::<EffectFeedback>(input)
    }
}

impl Client {
    /// Checks the input now, sends it in a promise; only the check is
    /// generic, so there is one copy of the sending state machine.
    fn send_promise<F: Form + 'static>(&self, input: JsValue) -> Promise {
        let input = Input::of(&input);
        let form = input
            .json()
            .map_err(|i| validation_error(&i))
            .and_then(|v| ready::<F>(&self.inner, &v));
        send_later(self.inner.clone(), form)
    }
}

/// A JS promise of `answer`. Boxed, so that the wasm holds one copy of
/// the promise machinery rather than one per async method.
fn promise(answer: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let answer: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(answer);
    future_to_promise(answer)
}

/// A `[name, value]` pair of a `SignedRequest`'s params.
fn text_pair<'v>(pair: &'v Json<'_>) -> Option<(&'v str, &'v str)> {
    match pair.as_array()? {
        [name, value] => Some((name.as_str()?, value.as_str()?)),
        _ => None,
    }
}

fn send_later(inner: Rc<Inner>, form: Result<Ready, JsValue>) -> Promise {
    promise(async move { Ok(answer_to_js(&send(inner, form?).await?)) })
}

/// Checks `input` as a form of endpoint `F`, ready to send.
fn ready<F: Form + 'static>(inner: &Inner, input: &Json<'_>) -> Result<Ready, JsValue> {
    let form = endpoint::parse::<F>(input).map_err(|issues| validation_error(&issues))?;
    Ok(Ready::new(form, inner.config.appkey.clone()))
}

impl Inner {
    /// The `signer` when there is one (the lender's backend signs, the page
    /// holds no secret), otherwise the local signature.
    pub async fn signature_for_sending(&self, string_to_sign: &str) -> Result<String, JsValue> {
        let Some(signer) = &self.signer else {
            return self.signature_of(string_to_sign);
        };
        let answer = signer.call1(&JsValue::NULL, &string_to_sign.into())?;
        let answer = JsFuture::from(Promise::resolve(&answer)).await?;
        match answer.as_string() {
            Some(s)
                if s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) =>
            {
                Ok(s)
            }
            _ => Err(js_sys::TypeError::new(
                "signer must resolve to a signature: 32 lowercase hex characters",
            )
            .into()),
        }
    }

    /// Reports an attempt to the debug hook, if there is one; `event` is
    /// only made then. A hook that throws is ignored.
    pub fn debug(&self, event: impl FnOnce() -> JsValue) {
        match &self.debug {
            Debug::Off => {}
            Debug::Console => web_sys_console_debug(&event()),
            Debug::Hook(f) => {
                let _ = f.call1(&JsValue::NULL, &event());
            }
        }
    }
}

fn web_sys_console_debug(event: &JsValue) {
    let console = Reflect::get(&js_sys::global(), &"console".into()).unwrap_or(JsValue::UNDEFINED);
    if let Ok(debug) =
        Reflect::get(&console, &"debug".into()).and_then(|d| d.dyn_into::<Function>())
    {
        let _ = debug.call2(&console, &"fbi-sdk".into(), event);
    }
}
