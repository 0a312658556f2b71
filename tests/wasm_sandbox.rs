//! Sending from wasm to a real sandbox, in Node and in headless Chromium
//! (through CORS). `make test-wasm` starts the sandbox and sets
//! FBI_SANDBOX_URL; the lender is `wasmtest:wasm-secret`.
#![cfg(target_arch = "wasm32")]

use fbi_sdk::wasm::client::Client;
use js_sys::{Promise, Reflect, JSON};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

const SANDBOX: &str = env!("FBI_SANDBOX_URL");

fn client() -> Client {
    let options = format!(
        r#"{{"appkey":"wasmtest","secret":"wasm-secret","baseUrl":"{SANDBOX}","retryDelayMs":1}}"#
    );
    Client::new(JSON::parse(&options).unwrap()).expect("client")
}

async fn answer(p: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &k.into()).unwrap()
}

#[wasm_bindgen_test]
async fn every_kind_of_request_reaches_the_sandbox() {
    let fbi = client();
    let input = JSON::parse(r#"{"userid":"wasm-user","mobile":"13580211212","os":3}"#).unwrap();
    let score = answer(fbi.ask_score(input)).await.expect("score");
    let flowid = get(&score, "flowid").as_string().expect("flowid");
    assert_eq!(flowid.len(), 32);
    let now = (js_sys::Date::now() / 1000.0) as u64;
    let decision = format!(
        r#"{{"userid":"wasm-user","mobile":"13580211212","flowid":"{flowid}","resultType":1,"processTime":{now}}}"#
    );
    let done = answer(fbi.process_feedback(JSON::parse(&decision).unwrap()))
        .await
        .expect("decision");
    assert_eq!(get(&done, "code").as_f64(), Some(0.0));
    let effect = format!(
        r#"{{"userid":"wasm-user","mobile":"13580211212","flowid":"{flowid}","stageId":1,"resultType":5,"processTime":{now}}}"#
    );
    let done = answer(fbi.effect_feedback(JSON::parse(&effect).unwrap()))
        .await
        .expect("effect");
    assert_eq!(get(&done, "code").as_f64(), Some(0.0));
    let sync = format!(
        r#"{{"userid":"wasm-user","mobile":"13580211212","processTime":{now},"phoneList":[{{"n":"张三","m":"15611111111"}}]}}"#
    );
    let done = answer(fbi.data_sync(JSON::parse(&sync).unwrap()))
        .await
        .expect("sync");
    assert_eq!(get(&done, "code").as_f64(), Some(0.0));
}

#[wasm_bindgen_test]
async fn a_refusal_arrives_as_an_fbi_api_error() {
    let now = (js_sys::Date::now() / 1000.0) as u64;
    let effect = format!(
        r#"{{"userid":"u","mobile":"13580211212","flowid":"unknown","stageId":1,"resultType":5,"processTime":{now}}}"#
    );
    let err = answer(client().effect_feedback(JSON::parse(&effect).unwrap()))
        .await
        .expect_err("unknown flowid");
    assert_eq!(
        get(&err, "name").as_string().as_deref(),
        Some("FbiApiError")
    );
    assert_eq!(get(&err, "code").as_f64(), Some(3001.0));
}
