//! Valid inputs to start from, and helpers to read issues and requests.
#![allow(dead_code)] // each test file uses a different part

use fbi_sdk::endpoint::{self, Form};
use fbi_sdk::json::Json;
use fbi_sdk::request::{sign, unsigned_params, SignedRequest, Stamp};
use fbi_sdk::sign::{default_signature, Secret, SignScope};
use serde_json::{json, Value};

pub const APPKEY: &str = "84c8292358be3614afc35525a09f4b55180620f8bef122ee880bfce93e1db9e3";
pub const SECRET: &str = "TOP-SECRET-42";

/// The seed's common parameters (data-sync example).
pub fn common() -> Value {
    json!({"userid": "1530728", "mobile": "13580211212", "timestamp": 1_513_688_850_127u64, "random": "111"})
}

fn merged(base: Value, extra: Value) -> Value {
    let mut out = common();
    for v in [base, extra] {
        if let (Some(out), Value::Object(fields)) = (out.as_object_mut(), v) {
            out.extend(fields);
        }
    }
    out
}

/// `base` with `patch`'s fields set (a `null` in the patch makes a field absent).
pub fn patched(base: &Value, patch: Value) -> Value {
    merged(base.clone(), patch)
}

pub fn score() -> Value {
    merged(json!({"os": 2}), json!({}))
}

pub fn data_sync() -> Value {
    merged(
        json!({"processTime": 1_513_688_850u64, "phoneList": [{"n": "张三", "m": "15611111111"}]}),
        json!({}),
    )
}

/// Approve loan, decided 2017-11-01 00:00 China time.
pub fn process() -> Value {
    merged(
        json!({"flowid": "096daf24ba7544b8b738059367678cf4", "resultType": 2, "processTime": 1_509_465_600u64,
               "money": 700, "stages": 3, "repaymentTimes": ["20171101", "20171201", "20180101"]}),
        json!({}),
    )
}

pub fn effect() -> Value {
    merged(
        json!({"flowid": "096daf24ba7544b8b738059367678cf4", "stageId": 1, "resultType": 1, "processTime": 1_513_688_850u64}),
        json!({}),
    )
}

/// (path, code) of every issue.
pub fn issues<F: Form>(input: &Value) -> Vec<(String, &'static str)> {
    endpoint::validate::<F>(&Json::from(input))
        .into_iter()
        .map(|i| (i.path, i.code.as_str()))
        .collect()
}

/// Builds with the default cipher and the input's own timestamp and random.
pub fn build<F: Form>(input: &Value, scope: SignScope) -> SignedRequest {
    // Through JSON text, as input from JS arrives.
    let text = input.to_string();
    let form = endpoint::parse::<F>(&Json::parse(&text).expect("JSON")).expect("a valid input");
    let c = form.common();
    let stamp = Stamp {
        timestamp_ms: c.timestamp.expect("fixtures carry a timestamp"),
        random: c.random.clone().expect("fixtures carry a random"),
    };
    let params = unsigned_params(&form, APPKEY, &stamp);
    let secret = Secret::new(SECRET);
    let signed: Result<_, ()> = sign(params, F::ENDPOINT, "http://fbi.qq.com", scope, |sts| {
        Ok(default_signature(sts, &secret))
    });
    signed.expect("the default cipher does not fail")
}

pub fn param<'r>(req: &'r SignedRequest, name: &str) -> Option<&'r str> {
    req.params.get(name)
}
