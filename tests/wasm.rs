//! The wasm boundary, run by wasm-bindgen-test-runner in Node (and in
//! Chromium with WASM_BINDGEN_USE_BROWSER=1): what JS values become on the
//! way in, and what errors look like on the way out.
#![cfg(target_arch = "wasm32")]

use fbi_sdk::wasm::client::Client;
use fbi_sdk::wasm::validate_process_feedback;
use js_sys::{Array, Function, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON")
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &key.into()).expect("property")
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    Reflect::set(target, &key.into(), value).expect("set");
}

fn approve_loan() -> JsValue {
    js(
        r#"{"userid":"1530728","mobile":"13580211212","timestamp":1513688850127,"random":"111",
           "flowid":"096daf24ba7544b8b738059367678cf4","resultType":2,"processTime":1509465600,
           "money":700,"stages":3,"repaymentTimes":["20171101","20171201","20180101"]}"#,
    )
}

/// (path, code) of each issue in a JS Issue[].
fn issues(list: &JsValue) -> Vec<(String, String)> {
    Array::from(list)
        .iter()
        .map(|i| {
            (
                get(&i, "path").as_string().unwrap(),
                get(&i, "code").as_string().unwrap(),
            )
        })
        .collect()
}

#[wasm_bindgen_test]
fn values_json_cannot_carry_are_reported_at_their_field() {
    let input = approve_loan();
    set(&input, "money", &JsValue::from_f64(f64::NAN));
    set(&input, "stages", &JsValue::from_f64(f64::INFINITY));
    set(&input, "flowid", &JsValue::from(js_sys::BigInt::from(7u32)));
    let userid = js_sys::JsString::from_char_code1(0xd800);
    set(&input, "userid", &userid);
    let got = issues(&validate_process_feedback(input));
    assert_eq!(
        got,
        [
            ("userid".to_string(), "invalid_type".to_string()),
            ("flowid".into(), "invalid_type".into()),
            ("money".into(), "invalid_type".into()),
            ("stages".into(), "invalid_type".into()),
        ]
    );
}

#[wasm_bindgen_test]
fn a_throwing_getter_is_an_issue_and_the_module_lives_on() {
    let input = approve_loan();
    let thrower = Function::new_no_args("throw new Error('boom')");
    let descriptor = Object::new();
    set(&descriptor, "get", &thrower);
    set(&descriptor, "enumerable", &JsValue::TRUE);
    Object::define_property(
        input.unchecked_ref::<Object>(),
        &"money".into(),
        &descriptor,
    );
    assert_eq!(
        issues(&validate_process_feedback(input)),
        [("money".to_string(), "invalid_type".to_string())]
    );
    // 200 deep passes JSON.stringify but not the core's depth limit: one
    // issue on the whole input. 100,000 deep may overflow JSON.stringify's
    // own stack (Node's is smaller than Chromium's): then the field is
    // unreadable. Neither traps.
    let nested = |depth: usize| js(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
    let input = approve_loan();
    set(&input, "repaymentTimes", &nested(200));
    assert_eq!(
        issues(&validate_process_feedback(input)),
        [(String::new(), "invalid_type".to_string())]
    );
    let input = approve_loan();
    set(&input, "repaymentTimes", &nested(100_000));
    let got = issues(&validate_process_feedback(input));
    assert!(
        got == [(String::new(), "invalid_type".to_string())]
            || got == [("repaymentTimes".to_string(), "invalid_type".to_string())],
        "{got:?}"
    );
    assert!(Array::from(&validate_process_feedback(approve_loan())).length() == 0);
}

#[wasm_bindgen_test]
fn builds_and_signs_like_the_protocol_example() {
    let client = Client::new(js(r#"{"appkey":"ak","secret":"s3cret"}"#)).expect("client");
    let req = client
        .build_process_feedback(approve_loan())
        .expect("request");
    assert_eq!(
        get(&req, "signature").as_string().unwrap(),
        "0eda07d833ef5c22bc14b8b5f64beeee"
    );
    assert_eq!(
        get(&req, "stringToSign").as_string().unwrap(),
        "appkey=ak&mobile=13580211212&random=111&timestamp=1513688850127&userid=1530728"
    );
}

#[wasm_bindgen_test]
fn errors_are_fbi_validation_errors_with_issues() {
    let err = Client::new(js(
        r#"{"appkey":"a k","secret":"TOP-SECRET-42","retries":-1}"#,
    ))
    .err()
    .expect("bad options");
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "name").as_string().unwrap(), "FbiValidationError");
    assert_eq!(
        issues(&get(&err, "issues")),
        [
            ("appkey".to_string(), "invalid_id".to_string()),
            ("retries".into(), "out_of_range".into())
        ]
    );
    let text = format!(
        "{:?} {:?}",
        get(&err, "message"),
        JSON::stringify(&get(&err, "issues"))
    );
    assert!(!text.contains("TOP-SECRET-42"), "{text}");
}

#[wasm_bindgen_test]
fn a_custom_cipher_and_its_failures() {
    let options = js(r#"{"appkey":"ak","secret":"s3cret"}"#);
    set(
        &options,
        "cipher",
        &Function::new_with_args("s, k", "return k + '|' + s"),
    );
    let client = Client::new(options).expect("client");
    let req = client
        .build_process_feedback(approve_loan())
        .expect("request");
    // md5("s3cret|appkey=ak&mobile=13580211212&random=111&timestamp=1513688850127&userid=1530728")
    assert_eq!(
        get(&req, "signature").as_string().unwrap(),
        "356ca8ef6279833a90053507170f339f"
    );

    let options = js(r#"{"appkey":"ak","secret":"s3cret"}"#);
    set(
        &options,
        "cipher",
        &Function::new_no_args("throw new RangeError('mine')"),
    );
    let client = Client::new(options).expect("client");
    let err = client
        .build_process_feedback(approve_loan())
        .err()
        .expect("cipher throws");
    assert_eq!(
        get(&err, "message").as_string().unwrap(),
        "mine",
        "the caller's error, unchanged"
    );
    // The client still works after its cipher failed.
    assert!(client.build_process_feedback(approve_loan()).is_err());

    let options = js(r#"{"appkey":"ak","secret":"s3cret"}"#);
    set(&options, "cipher", &JsValue::from_str("not a function"));
    let err = Client::new(options)
        .err()
        .expect("cipher must be a function");
    assert_eq!(
        issues(&get(&err, "issues")),
        [("cipher".to_string(), "invalid_type".to_string())]
    );
}
