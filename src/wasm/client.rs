//! `FbiClient`: the options, the four synchronous builders and the sending
//! methods.

use super::convert::{answer_to_js, request_to_js, validation_error, Input};
use super::nonce::nonce;
use super::send::{send, Ready};
use crate::config::Config;
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
use crate::request::{sign, unsigned_params, Stamp};
use crate::sign::{default_signature, md5_hex};
use crate::wire;
use js_sys::{Function, Promise, Reflect};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

#[wasm_bindgen(js_name = FbiClient)]
pub struct Client {
    inner: Rc<Inner>,
}

/// Where each attempt is reported when `debug` is on.
enum Debug {
    Off,
    Console,
    Hook(Function),
}

pub struct Inner {
    pub config: Config,
    cipher: Option<Function>,
    signer: Option<Function>,
    debug: Debug,
}

/// An option that must be a function when given.
fn function_option(options: &JsValue, name: &str, issues: &mut Vec<Issue>) -> Option<Function> {
    let value = Reflect::get(options, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() || value.as_bool().is_some() {
        return None;
    }
    let function = value.dyn_into::<Function>().ok();
    if function.is_none() {
        issues.push(Issue {
            path: name.to_string(),
            code: IssueCode::InvalidType,
            message: format!("{name} must be a function"),
        });
    }
    function
}

/// `debug`: `true` for the console, or a function called with each attempt.
fn debug_option(options: &JsValue, issues: &mut Vec<Issue>) -> Debug {
    let value = Reflect::get(options, &"debug".into()).unwrap_or(JsValue::UNDEFINED);
    match value.as_bool() {
        Some(true) => Debug::Console,
        Some(false) => Debug::Off,
        None => function_option(options, "debug", issues).map_or(Debug::Off, Debug::Hook),
    }
}

#[wasm_bindgen(js_class = FbiClient)]
impl Client {
    /// Checks every option; throws `FbiValidationError` listing each bad one.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FbiClientOptions")] options: JsValue,
    ) -> Result<Client, JsValue> {
        let mut issues = Vec::new();
        let (cipher, signer, debug) = if options.is_object() {
            let cipher = function_option(&options, "cipher", &mut issues);
            let signer = function_option(&options, "signer", &mut issues);
            (cipher, signer, debug_option(&options, &mut issues))
        } else {
            (None, None, Debug::Off)
        };
        let input = Input::of(&options);
        match input
            .json()
            .and_then(|v| Config::read(&v, signer.is_some()))
        {
            Ok(config) if issues.is_empty() => Ok(Client {
                inner: Rc::new(Inner {
                    config,
                    cipher,
                    signer,
                    debug,
                }),
            }),
            Ok(_) => Err(validation_error(&issues)),
            Err(more) => {
                issues.extend(more);
                Err(validation_error(&issues))
            }
        }
    }

    #[wasm_bindgen(js_name = buildScoreQuery, unchecked_return_type = "SignedRequest")]
    pub fn build_score_query(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScoreQueryInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.build::<ScoreQuery>(&input)
    }

    #[wasm_bindgen(js_name = buildDataSync, unchecked_return_type = "SignedRequest")]
    pub fn build_data_sync(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DataSyncInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.build::<DataSync>(&input)
    }

    #[wasm_bindgen(js_name = buildProcessFeedback, unchecked_return_type = "SignedRequest")]
    pub fn build_process_feedback(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ProcessFeedbackInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.build::<ProcessFeedback>(&input)
    }

    #[wasm_bindgen(js_name = buildEffectFeedback, unchecked_return_type = "SignedRequest")]
    pub fn build_effect_feedback(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EffectFeedbackInput")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.build::<EffectFeedback>(&input)
    }

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
                return Err(super::convert::network_error(
                    1,
                    "the score answer has no flowid or score",
                ));
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

    fn build<F: Form>(&self, input: &JsValue) -> Result<JsValue, JsValue> {
        let input = Input::of(input);
        let (form, lists) = input
            .json()
            .and_then(|v| Ok((endpoint::parse::<F>(&v)?, input.list_starts(&v))))
            .map_err(|issues| validation_error(&issues))?;
        let common = form.common();
        let stamp = Stamp {
            timestamp_ms: common
                .timestamp
                .unwrap_or_else(|| js_sys::Date::now() as u64),
            random: match &common.random {
                Some(random) => random.clone(),
                None => nonce()?,
            },
        };
        let config = &self.inner.config;
        let params = unsigned_params(&form, &config.appkey, &stamp);
        // Neither the form's copy of a big sync's lists nor the input text
        // is needed any more: let them go before the body is built.
        drop(form);
        let input = input.into_slices(&params, &lists);
        let request = sign(params, F::ENDPOINT, &config.base_url, config.scope, |sts| {
            self.inner.signature_of(sts)
        })?;
        Ok(request_to_js(&request, config.scope, &input))
    }
}

impl Inner {
    /// The default cipher, or the caller's `cipher(stringToSign, secret)`,
    /// then MD5. A cipher that throws has its error passed on unchanged.
    fn signature_of(&self, string_to_sign: &str) -> Result<String, JsValue> {
        let Some(secret) = &self.config.secret else {
            return Err(validation_error(&[Issue {
                path: "secret".into(),
                code: IssueCode::Required,
                message: "secret is required to build and sign a request locally; a client with only a `signer` signs when it sends".into(),
            }]));
        };
        let Some(cipher) = &self.cipher else {
            return Ok(default_signature(string_to_sign, secret));
        };
        let out = cipher.call2(
            &JsValue::NULL,
            &string_to_sign.into(),
            &secret.expose().into(),
        )?;
        match out.as_string() {
            Some(text) => Ok(md5_hex(&[text.as_bytes()])),
            None => {
                Err(js_sys::TypeError::new("cipher must return a string (the cipher text)").into())
            }
        }
    }

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
