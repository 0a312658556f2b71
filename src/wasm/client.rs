//! `FbiClient`: the options and the four synchronous builders (the
//! sending methods are in `sending.rs`).

use super::convert::{request_to_js, validation_error, Input};
use super::nonce::nonce;
use crate::config::Config;
use crate::endpoint::{
    self, data_sync::DataSync, effect::EffectFeedback, process::ProcessFeedback, score::ScoreQuery,
    Form,
};
use crate::issue::{Issue, IssueCode};
use crate::request::{sign, unsigned_params, Stamp};
use crate::sign::{default_signature, md5_hex};
use js_sys::{Function, Reflect};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_name = FbiClient)]
pub struct Client {
    pub(super) inner: Rc<Inner>,
}

/// Where each attempt is reported when `debug` is on.
// Checked by every build, so a bad option is an error in the lite one too;
// used only by the sending methods.
#[cfg_attr(not(feature = "send"), allow(dead_code))]
pub(super) enum Debug {
    Off,
    Console,
    Hook(Function),
}

pub struct Inner {
    pub config: Config,
    cipher: Option<Function>,
    #[cfg_attr(not(feature = "send"), allow(dead_code))]
    pub(super) signer: Option<Function>,
    #[cfg_attr(not(feature = "send"), allow(dead_code))]
    pub(super) debug: Debug,
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
}

impl Client {
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
    pub(super) fn signature_of(&self, string_to_sign: &str) -> Result<String, JsValue> {
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
}
