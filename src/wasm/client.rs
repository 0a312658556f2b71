//! `FbiClient`: the options, and the four synchronous builders.

use super::convert::{nonce, read_input, request_to_js, validation_error};
use crate::config::Config;
use crate::endpoint::{
    self, data_sync::DataSync, effect::EffectFeedback, process::ProcessFeedback, score::ScoreQuery,
    Form,
};
use crate::issue::{Issue, IssueCode};
use crate::request::{sign, unsigned_params, Stamp};
use crate::sign::{default_signature, md5_hex};
use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_name = FbiClient)]
pub struct Client {
    config: Config,
    cipher: Option<Function>,
}

/// An option that must be a function when given.
fn function_option(options: &JsValue, name: &str, issues: &mut Vec<Issue>) -> Option<Function> {
    let value = Reflect::get(options, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
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

#[wasm_bindgen(js_class = FbiClient)]
impl Client {
    /// Checks every option; throws `FbiValidationError` listing each bad one.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FbiClientOptions")] options: JsValue,
    ) -> Result<Client, JsValue> {
        let mut issues = Vec::new();
        let is_object = options.is_object();
        let cipher = is_object
            .then(|| function_option(&options, "cipher", &mut issues))
            .flatten();
        let signer = is_object
            .then(|| function_option(&options, "signer", &mut issues))
            .flatten();
        let config = read_input(&options).and_then(|v| Config::read(&v, signer.is_some()));
        match config {
            Ok(config) if issues.is_empty() => Ok(Client { config, cipher }),
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
        let form = read_input(input)
            .and_then(|v| endpoint::parse::<F>(&v))
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
        let params = unsigned_params(&form, &self.config.appkey, &stamp);
        let request = sign(
            params,
            F::ENDPOINT,
            &self.config.base_url,
            self.config.scope,
            |sts| self.signature_of(sts),
        )?;
        Ok(request_to_js(&request))
    }

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
}
