//! The platform page's own example requests (seed-fbi-lending-api.md),
//! reproduced parameter for parameter from the same inputs.
//!
//! Where the seed's example breaks its own rules, the test says so and uses
//! the nearest valid value: the data-sync example leaves out `processTime`
//! (required by its own table); the feedback examples carry no `mobile` (a
//! common parameter) and 11-digit placeholders for `timestamp` and
//! `processTime`, which are neither seconds nor milliseconds.

mod common;

use fbi_sdk::endpoint::data_sync::DataSync;
use fbi_sdk::endpoint::effect::EffectFeedback;
use fbi_sdk::endpoint::process::ProcessFeedback;
use fbi_sdk::endpoint::{self, Form};
use fbi_sdk::json::Json;
use fbi_sdk::request::{sign, unsigned_params, SignedRequest, Stamp};
use fbi_sdk::sign::{default_signature, Secret, SignScope};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A seed example's query string, split as the platform would read it
/// (the examples are written unencoded).
fn seed_params(query: &str) -> BTreeMap<String, String> {
    let query: String = query.split_whitespace().collect();
    query
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').expect("name=value");
            (k.to_string(), v.to_string())
        })
        .collect()
}

fn build_as<F: Form>(appkey: &str, input: &Value) -> SignedRequest {
    let form = endpoint::parse::<F>(&Json::from(input)).unwrap_or_else(|i| panic!("{i:?}"));
    let c = form.common();
    let stamp = Stamp {
        timestamp_ms: c.timestamp.unwrap(),
        random: c.random.clone().unwrap(),
    };
    let params = unsigned_params(&form, appkey, &stamp);
    let secret = Secret::new("demo-secret");
    let signed: Result<_, ()> = sign(
        params,
        F::ENDPOINT,
        "http://fbi.qq.com",
        SignScope::Common,
        |s| Ok(default_signature(s, &secret)),
    );
    signed.unwrap()
}

/// Our parameters against the seed's: the same names and values, but for
/// the signature (its algorithm is the platform's secret) and `adjusted`,
/// the parameters the test had to correct or add. JSON lists compare as
/// JSON, since the seed writes one list's keys in another order.
fn assert_same(ours: &SignedRequest, seed: &BTreeMap<String, String>, adjusted: &[&str]) {
    let ours: BTreeMap<String, String> = ours
        .params
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    let skip = |n: &String| n.as_str() == "signature" || adjusted.contains(&n.as_str());
    let names =
        |m: &BTreeMap<String, String>| m.keys().filter(|n| !skip(n)).cloned().collect::<Vec<_>>();
    assert_eq!(names(&ours), names(seed));
    for name in names(seed) {
        let (a, b) = (&ours[&name], &seed[&name]);
        if a.starts_with("[{") {
            let (a, b): (Value, Value) = (
                serde_json::from_str(a).unwrap(),
                serde_json::from_str(b).unwrap(),
            );
            assert_eq!(a, b, "{name}");
        } else {
            assert_eq!(a, b, "{name}");
        }
    }
}

#[test]
fn data_sync_example() {
    let seed = seed_params(
        r#"appkey=84c8292358be3614afc35525a09f4b55180620f8bef122ee880bfce93e1db9e3&timestamp=1513688850127&random=111&signature=4dd558d888aa5f2d056e5ada4e697496&mobile=13580211212&userid=1530728&phoneList=[{"n":"张三","m":"15611111111"},{"n":"李四","m":"15611111112"}]&creditBillList=[{"t1":"20171123","j":"2602.50","t2":"20171120"},{"t1":"20171223","j":"3000.21"}]"#,
    );
    let input = json!({
        "userid": "1530728", "mobile": "13580211212", "timestamp": 1_513_688_850_127u64, "random": "111",
        "processTime": 1_513_688_850u64,
        "phoneList": [{"n": "张三", "m": "15611111111"}, {"n": "李四", "m": "15611111112"}],
        "creditBillList": [{"t1": "20171123", "j": "2602.50", "t2": "20171120"}, {"t1": "20171223", "j": "3000.21"}],
    });
    let req = build_as::<DataSync>(&seed["appkey"], &input);
    assert_same(&req, &seed, &["processTime"]);
    // Keys in the order PROTOCOL.md §4 gives, not the seed's.
    assert_eq!(
        req.params.get("creditBillList"),
        Some(
            r#"[{"t1":"20171123","t2":"20171120","j":"2602.50"},{"t1":"20171223","j":"3000.21"}]"#
        )
    );
    assert_eq!(req.url, "http://fbi.qq.com/api/data/synch");
    // Without processTime, as the seed wrote it, the form is refused.
    let mut as_written = input.clone();
    as_written.as_object_mut().unwrap().remove("processTime");
    assert_eq!(
        common::issues::<DataSync>(&as_written),
        [("processTime".to_string(), "required")]
    );
}

#[test]
fn process_feedback_example() {
    let seed = seed_params(
        "appkey=22b608f45b291a5d2decc5fdbdf80d37180620f8bef122ee880bfce93e1
        db9e3&timestamp=13252352352&random=2352352&signature=4a9c5689036bdfc304613f528dc6aba9&flowid=096daf24ba75
        44b8b738059367678cf4&userid=23532523&resultType=2&processTime=13252352362&money=700&stages=3&repaymentTim
        es=[20171101;20171201;20180101]",
    );
    let input = |timestamp: u64, process_time: u64| {
        json!({
            "userid": "23532523", "mobile": "13580211212", "timestamp": timestamp, "random": "2352352",
            "flowid": "096daf24ba7544b8b738059367678cf4", "resultType": 2, "processTime": process_time,
            "money": 700, "stages": 3, "repaymentTimes": ["20171101", "20171201", "20180101"],
        })
    };
    assert_eq!(
        common::issues::<ProcessFeedback>(&input(13_252_352_352, 13_252_352_362)),
        [
            ("timestamp".to_string(), "out_of_range"),
            ("processTime".into(), "out_of_range")
        ],
        "the seed's placeholders are not real times"
    );
    // Decided 2017-10-30 10:00 China time, sent a moment later.
    let req =
        build_as::<ProcessFeedback>(&seed["appkey"], &input(1_509_328_800_127, 1_509_328_800));
    assert_same(&req, &seed, &["timestamp", "processTime", "mobile"]);
    assert_eq!(
        req.params.get("repaymentTimes"),
        Some("[20171101;20171201;20180101]")
    );
    assert!(req
        .body
        .contains("repaymentTimes=%5B20171101%3B20171201%3B20180101%5D"));
}

#[test]
fn effect_feedback_example() {
    let seed = seed_params(
        "appkey=22b608f45b291a5d2decc5fdbdf80d37180620f8bef122ee880bfce93e1db9e3
        &timestamp=13252352352&random=2352352&signature=4a9c5689036bdfc304613f528dc6aba9&flowid=096daf24ba7544b8b7380
        59367678cf4&userid=23532523&resultType=1&processTime=13252352372&stageId=1",
    );
    let input = json!({
        "userid": "23532523", "mobile": "13580211212", "timestamp": 1_509_328_800_127u64, "random": "2352352",
        "flowid": "096daf24ba7544b8b738059367678cf4", "stageId": 1, "resultType": 1, "processTime": 1_509_328_800u64,
    });
    let req = build_as::<EffectFeedback>(&seed["appkey"], &input);
    assert_same(&req, &seed, &["timestamp", "processTime", "mobile"]);
}
