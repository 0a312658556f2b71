//! One test per rule of PROTOCOL.md §2–§7: each starts from a valid input,
//! breaks one rule, and expects exactly the issues that rule gives.

mod common;

use common::*;
use fbi_sdk::endpoint::data_sync::DataSync;
use fbi_sdk::endpoint::effect::EffectFeedback;
use fbi_sdk::endpoint::process::ProcessFeedback;
use fbi_sdk::endpoint::score::ScoreQuery;
use fbi_sdk::endpoint::Form;
use fbi_sdk::json::Json;
use fbi_sdk::sign::SignScope;
use serde_json::{json, Value};

/// `base` patched must give exactly `expected` as (path, code).
fn check<F: Form>(base: &Value, patch: Value, expected: &[(&str, &str)]) {
    let input = patched(base, patch.clone());
    let got = issues::<F>(&input);
    let want: Vec<(String, &str)> = expected.iter().map(|(p, c)| (p.to_string(), *c)).collect();
    assert_eq!(got, want, "patch {patch}");
}

fn valid<F: Form>(base: &Value, patch: Value) {
    check::<F>(base, patch, &[]);
}

// §2 common parameters

#[test]
fn fixtures_are_valid() {
    valid::<ScoreQuery>(&score(), json!({}));
    valid::<DataSync>(&data_sync(), json!({}));
    valid::<ProcessFeedback>(&process(), json!({}));
    valid::<EffectFeedback>(&effect(), json!({}));
}

#[test]
fn userid_is_required_short_and_printable() {
    let e = effect();
    check::<EffectFeedback>(&e, json!({"userid": null}), &[("userid", "required")]);
    check::<EffectFeedback>(&e, json!({"userid": ""}), &[("userid", "required")]);
    valid::<EffectFeedback>(&e, json!({"userid": "用".repeat(64)}));
    check::<EffectFeedback>(
        &e,
        json!({"userid": "用".repeat(65)}),
        &[("userid", "too_long")],
    );
    check::<EffectFeedback>(&e, json!({"userid": "a\nb"}), &[("userid", "invalid_id")]);
    check::<EffectFeedback>(
        &e,
        json!({"userid": 1530728}),
        &[("userid", "invalid_type")],
    );
}

#[test]
fn mobile_is_a_mainland_mobile_as_given() {
    let e = effect();
    check::<EffectFeedback>(&e, json!({"mobile": null}), &[("mobile", "required")]);
    for bad in [
        "12580211212",
        "+8613580211212",
        "135 8021 1212",
        "1358021121",
    ] {
        check::<EffectFeedback>(
            &e,
            json!({ "mobile": bad }),
            &[("mobile", "invalid_mobile")],
        );
    }
    check::<EffectFeedback>(
        &e,
        json!({"mobile": 13580211212u64}),
        &[("mobile", "invalid_type")],
    );
}

#[test]
fn timestamp_and_random_may_be_fixed() {
    let e = effect();
    valid::<EffectFeedback>(&e, json!({"timestamp": null, "random": null}));
    check::<EffectFeedback>(
        &e,
        json!({"timestamp": 1_513_688_850u64}),
        &[("timestamp", "out_of_range")],
    );
    check::<EffectFeedback>(
        &e,
        json!({"timestamp": "1513688850127"}),
        &[("timestamp", "invalid_type")],
    );
    check::<EffectFeedback>(&e, json!({"random": "12a"}), &[("random", "invalid_id")]);
    check::<EffectFeedback>(&e, json!({"random": 111}), &[("random", "invalid_type")]);
    valid::<EffectFeedback>(&e, json!({"random": "9".repeat(32)}));
    check::<EffectFeedback>(
        &e,
        json!({"random": "9".repeat(33)}),
        &[("random", "too_long")],
    );
}

#[test]
fn common_parameters_go_first_in_wire_order() {
    let req = build::<EffectFeedback>(&effect(), SignScope::Common);
    let names: Vec<&str> = req.params.iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "appkey",
            "timestamp",
            "random",
            "signature",
            "userid",
            "mobile",
            "flowid",
            "stageId",
            "resultType",
            "processTime"
        ]
    );
}

#[test]
fn optional_parameters_without_a_value_are_not_sent() {
    let s = patched(
        &score(),
        json!({"device": "", "idcard": null, "banknos": [], "QQ": ""}),
    );
    valid::<ScoreQuery>(&s, json!({}));
    let req = build::<ScoreQuery>(&s, SignScope::All);
    let names: Vec<&str> = req.params.iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "appkey",
            "timestamp",
            "random",
            "signature",
            "userid",
            "mobile",
            "os"
        ]
    );
    assert!(!req.string_to_sign.contains("device"));
}

#[test]
fn unknown_fields_are_rejected_with_a_hint() {
    let got = endpoint_issue_messages(patched(&process(), json!({"repaymentTime": [], "zzz": 1})));
    assert!(
        got.iter().any(|(p, c, m)| p == "repaymentTime"
            && c == "unknown_field"
            && m.contains("`repaymentTimes`")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(p, c, _)| p == "zzz" && c == "unknown_field"),
        "{got:?}"
    );
    check::<DataSync>(
        &data_sync(),
        json!({"callLIst": [{"m": "110", "t": "20171120120000"}]}),
        &[("callLIst", "unknown_field")],
    );
}

fn endpoint_issue_messages(input: Value) -> Vec<(String, String, String)> {
    fbi_sdk::endpoint::validate::<ProcessFeedback>(&Json::from(&input))
        .into_iter()
        .map(|i| (i.path, i.code.as_str().to_string(), i.message))
        .collect()
}

#[test]
fn the_input_must_be_an_object() {
    for bad in [json!(null), json!([]), json!("x"), json!(1)] {
        assert_eq!(
            issues::<ProcessFeedback>(&bad),
            [(String::new(), "invalid_type")]
        );
    }
}

#[test]
fn every_issue_is_reported_at_once() {
    let input = json!({"mobile": "1", "resultType": 2, "processTime": 1_509_465_600_000u64, "stages": 0, "repaymentTimes": ["2017"], "reason": "r"});
    let got = issues::<ProcessFeedback>(&input);
    assert_eq!(
        got,
        [
            ("userid".to_string(), "required"),
            ("mobile".into(), "invalid_mobile"),
            ("flowid".into(), "required"),
            ("processTime".into(), "milliseconds"),
            ("money".into(), "required"),
            ("stages".into(), "out_of_range"),
            ("repaymentTimes[0]".into(), "invalid_date"),
            ("reason".into(), "forbidden"),
        ]
    );
}

#[test]
fn messages_never_repeat_the_value() {
    let input = patched(
        &process(),
        json!({"userid": "张三的身份证\u{1}", "mobile": "99999999999", "flowid": "秘密flow"}),
    );
    for issue in fbi_sdk::endpoint::validate::<ProcessFeedback>(&Json::from(&input)) {
        for secret in ["张三", "99999999999", "秘密"] {
            assert!(!issue.message.contains(secret), "{issue:?}");
        }
    }
}

// §4 value formats

#[test]
fn seconds_have_ten_digits_and_milliseconds_are_named() {
    let e = effect();
    check::<EffectFeedback>(
        &e,
        json!({"processTime": 1_513_688_850_127u64}),
        &[("processTime", "milliseconds")],
    );
    check::<EffectFeedback>(
        &e,
        json!({"processTime": 151_368_885}),
        &[("processTime", "out_of_range")],
    );
    check::<EffectFeedback>(
        &e,
        json!({"processTime": 1_513_688_850.5}),
        &[("processTime", "invalid_type")],
    );
    check::<EffectFeedback>(
        &e,
        json!({"processTime": "1513688850"}),
        &[("processTime", "invalid_type")],
    );
}

#[test]
fn integers_are_numbers_without_fraction() {
    let p = process();
    check::<ProcessFeedback>(&p, json!({"money": "700"}), &[("money", "invalid_type")]);
    check::<ProcessFeedback>(&p, json!({"money": 700.5}), &[("money", "invalid_type")]);
    check::<ProcessFeedback>(&p, json!({"money": -1}), &[("money", "out_of_range")]);
    valid::<ProcessFeedback>(&p, json!({"money": 0}));
    valid::<ProcessFeedback>(&p, json!({"money": 700.0}));
    check::<ProcessFeedback>(
        &p,
        json!({"money": 4_294_967_296u64}),
        &[("money", "out_of_range")],
    );
}

#[test]
fn dates_and_datetimes_are_real() {
    let call = |t: &str| json!({"callList": [{"m": "110", "t": t}]});
    let d = data_sync();
    valid::<DataSync>(&d, call("20240229235959"));
    for bad in [
        "20230229120000",
        "20171120240000",
        "20171120126000",
        "2017112012000",
        "2017-11-20 12:00",
    ] {
        check::<DataSync>(&d, call(bad), &[("callList[0].t", "invalid_datetime")]);
    }
    let pay = |t: &str| json!({"socialSecurityList": [{"t": t, "j": 1}]});
    valid::<DataSync>(&d, pay("20000229"));
    for bad in ["19000229", "20171131", "2017113", "201711300"] {
        check::<DataSync>(&d, pay(bad), &[("socialSecurityList[0].t", "invalid_date")]);
    }
}

#[test]
fn amounts_have_at_most_two_decimals_and_go_out_with_two() {
    let d = data_sync();
    let fund = |j: Value| json!({"publicFundList": [{"t": "20171101", "j": j}]});
    for ok in [
        json!(2602.5),
        json!("2602.50"),
        json!(0),
        json!("3000.21"),
        json!(999_999_999_999.99),
    ] {
        valid::<DataSync>(&d, fund(ok));
    }
    for bad in [
        json!(0.001),
        json!("1.005"),
        json!(-1),
        json!("-1"),
        json!("1e3"),
        json!(""),
        json!(" 1"),
    ] {
        let code = if bad == json!("") {
            "required"
        } else {
            "invalid_amount"
        };
        check::<DataSync>(&d, fund(bad), &[("publicFundList[0].j", code)]);
    }
    check::<DataSync>(
        &d,
        fund(json!(1e12)),
        &[("publicFundList[0].j", "out_of_range")],
    );
    check::<DataSync>(
        &d,
        fund(json!(true)),
        &[("publicFundList[0].j", "invalid_type")],
    );
    let req = build::<DataSync>(&patched(&d, fund(json!(2602.5))), SignScope::Common);
    assert_eq!(
        param(&req, "publicFundList"),
        Some(r#"[{"t":"20171101","j":"2602.50"}]"#)
    );
}

#[test]
fn list_phones_are_normalised() {
    let d = patched(
        &data_sync(),
        json!({"phoneList": [{"m": "+86 156-1111-1111"}, {"n": "", "m": "(010) 1234.5678"}, {"m": "110"}]}),
    );
    let req = build::<DataSync>(&d, SignScope::Common);
    assert_eq!(
        param(&req, "phoneList"),
        Some(r#"[{"m":"15611111111"},{"m":"01012345678"},{"m":"110"}]"#)
    );
    for bad in ["12", "1".repeat(21).as_str(), "156x", "+1 650 555 0100"] {
        check::<DataSync>(
            &data_sync(),
            json!({"phoneList": [{"m": bad}]}),
            &[("phoneList[0].m", "invalid_phone")],
        );
    }
}

#[test]
fn lengths_count_characters_not_bytes() {
    let p = patched(
        &process(),
        json!({"resultType": 1, "stages": null, "repaymentTimes": null}),
    );
    valid::<ProcessFeedback>(&p, json!({"reason": "拒".repeat(500)}));
    check::<ProcessFeedback>(
        &p,
        json!({"reason": "拒".repeat(501)}),
        &[("reason", "too_long")],
    );
    valid::<ProcessFeedback>(&p, json!({"reason": "😀".repeat(500)}));
}

// §5 data sync

#[test]
fn data_sync_lists_encode_with_short_keys_in_order() {
    let d = patched(
        &data_sync(),
        json!({
            "phoneList": [{"n": "张三", "m": "15611111111"}],
            "callList": [{"t": "20171120120000", "m": "110", "n": "李四"}],
            "msgReceList": [{"c": "你好 \"quoted\" &=+", "t": "20171120120001", "m": "10086"}],
            "msgSendList": [{"m": "10086", "t": "20171120120002", "c": "ok"}],
            "socialSecurityList": [{"j": 100, "t": "20171101"}],
            "publicFundList": [{"t": "20171101", "j": "200.1"}],
            "creditBillList": [{"j": "2602.50", "t2": "20171120", "t1": "20171123"}, {"t1": "20171223", "j": 3000.21}],
        }),
    );
    let req = build::<DataSync>(&d, SignScope::Common);
    let names: Vec<&str> = req.params.iter().map(|(n, _)| n).skip(6).collect();
    assert_eq!(
        names,
        [
            "processTime",
            "phoneList",
            "callLIst",
            "msgReceList",
            "msgSendList",
            "socialSecurityList",
            "publicFundList",
            "creditBillList"
        ]
    );
    assert_eq!(
        param(&req, "callLIst"),
        Some(r#"[{"n":"李四","m":"110","t":"20171120120000"}]"#)
    );
    assert_eq!(
        param(&req, "msgReceList"),
        Some(r#"[{"m":"10086","t":"20171120120001","c":"你好 \"quoted\" &=+"}]"#)
    );
    assert_eq!(
        param(&req, "socialSecurityList"),
        Some(r#"[{"t":"20171101","j":"100.00"}]"#)
    );
    assert_eq!(
        param(&req, "creditBillList"),
        Some(
            r#"[{"t1":"20171123","t2":"20171120","j":"2602.50"},{"t1":"20171223","j":"3000.21"}]"#
        )
    );
}

#[test]
fn data_sync_needs_one_entry_and_process_time() {
    let none = json!({"phoneList": null});
    check::<DataSync>(&data_sync(), none.clone(), &[("", "empty")]);
    check::<DataSync>(
        &data_sync(),
        json!({"phoneList": [], "callList": []}),
        &[("", "empty")],
    );
    check::<DataSync>(
        &data_sync(),
        json!({"processTime": null}),
        &[("processTime", "required")],
    );
    let req = build::<DataSync>(
        &patched(&data_sync(), json!({"callList": []})),
        SignScope::Common,
    );
    assert_eq!(param(&req, "callLIst"), None, "an empty list is not sent");
}

#[test]
fn data_sync_entries_are_checked_field_by_field() {
    let d = data_sync();
    check::<DataSync>(
        &d,
        json!({"msgSendList": [{"m": "110", "t": "20171120120000", "c": "x".repeat(2001), "x": 1}, "text", {"n": 5}]}),
        &[
            ("msgSendList[0].x", "unknown_field"),
            ("msgSendList[0].c", "too_long"),
            ("msgSendList[1]", "invalid_type"),
            ("msgSendList[2].n", "invalid_type"),
            ("msgSendList[2].m", "required"),
            ("msgSendList[2].t", "required"),
            ("msgSendList[2].c", "required"),
        ],
    );
    check::<DataSync>(
        &d,
        json!({"creditBillList": [{"t1": "20171123", "t2": "2017112012", "j": 1}]}),
        &[("creditBillList[0].t2", "invalid_datetime")],
    );
    check::<DataSync>(
        &d,
        json!({"creditBillList": [{"t1": "20171123", "t2": "20171131", "j": 1}]}),
        &[("creditBillList[0].t2", "invalid_date")],
    );
    check::<DataSync>(
        &d,
        json!({"phoneList": {"m": "110"}}),
        &[("phoneList", "invalid_type")],
    );
}

// §6 process feedback

#[test]
fn process_feedback_wire_form() {
    let req = build::<ProcessFeedback>(&process(), SignScope::Common);
    let own: Vec<(&str, &str)> = req.params.iter().skip(6).collect();
    assert_eq!(
        own,
        [
            ("flowid", "096daf24ba7544b8b738059367678cf4"),
            ("resultType", "2"),
            ("processTime", "1509465600"),
            ("money", "700"),
            ("stages", "3"),
            ("repaymentTimes", "[20171101;20171201;20180101]"),
        ]
    );
}

#[test]
fn flowid_is_short_and_plain() {
    let p = process();
    check::<ProcessFeedback>(&p, json!({"flowid": null}), &[("flowid", "required")]);
    check::<ProcessFeedback>(&p, json!({"flowid": "a b"}), &[("flowid", "invalid_id")]);
    valid::<ProcessFeedback>(&p, json!({"flowid": "A_z-9".repeat(12)}));
    check::<ProcessFeedback>(
        &p,
        json!({"flowid": "a".repeat(65)}),
        &[("flowid", "too_long")],
    );
}

#[test]
fn result_type_is_one_to_eight() {
    let p = patched(&process(), json!({"stages": null, "repaymentTimes": null}));
    for t in [1, 3, 4, 5, 6, 7, 8] {
        valid::<ProcessFeedback>(&p, json!({ "resultType": t }));
    }
    check::<ProcessFeedback>(
        &p,
        json!({"resultType": 0}),
        &[("resultType", "out_of_range")],
    );
    check::<ProcessFeedback>(
        &p,
        json!({"resultType": 9}),
        &[("resultType", "out_of_range")],
    );
}

#[test]
fn money_is_required_for_decisions_with_an_amount() {
    let p = patched(
        &process(),
        json!({"money": null, "stages": null, "repaymentTimes": null}),
    );
    for t in [4, 6, 7] {
        check::<ProcessFeedback>(&p, json!({ "resultType": t }), &[("money", "required")]);
    }
    for t in [1, 3, 5, 8] {
        valid::<ProcessFeedback>(&p, json!({ "resultType": t }));
        valid::<ProcessFeedback>(&p, json!({ "resultType": t, "money": 5 }));
    }
    check::<ProcessFeedback>(&process(), json!({"money": null}), &[("money", "required")]);
}

#[test]
fn a_plan_only_for_approved_loans() {
    let p = process();
    check::<ProcessFeedback>(&p, json!({"stages": null}), &[("stages", "required")]);
    check::<ProcessFeedback>(
        &p,
        json!({"repaymentTimes": null}),
        &[("repaymentTimes", "required")],
    );
    check::<ProcessFeedback>(
        &p,
        json!({"repaymentTimes": []}),
        &[("repaymentTimes", "required")],
    );
    check::<ProcessFeedback>(&p, json!({"reason": "ok"}), &[("reason", "forbidden")]);
    valid::<ProcessFeedback>(&p, json!({"reason": ""}));
    check::<ProcessFeedback>(
        &p,
        json!({"resultType": 1}),
        &[("stages", "forbidden"), ("repaymentTimes", "forbidden")],
    );
    let rejected = patched(
        &p,
        json!({"resultType": 1, "stages": null, "repaymentTimes": null, "reason": "收入不足"}),
    );
    let req = build::<ProcessFeedback>(&rejected, SignScope::Common);
    assert_eq!(
        (param(&req, "stages"), param(&req, "reason")),
        (None, Some("收入不足"))
    );
}

#[test]
fn the_plan_matches_stages_ascends_and_starts_on_the_decision_day() {
    let p = process();
    check::<ProcessFeedback>(&p, json!({"stages": 0}), &[("stages", "out_of_range")]);
    check::<ProcessFeedback>(&p, json!({"stages": 361}), &[("stages", "out_of_range")]);
    check::<ProcessFeedback>(
        &p,
        json!({"stages": 2}),
        &[("repaymentTimes", "count_mismatch")],
    );
    check::<ProcessFeedback>(
        &p,
        json!({"repaymentTimes": ["20171101", "20171101", "20171001"]}),
        &[
            ("repaymentTimes[1]", "not_ascending"),
            ("repaymentTimes[2]", "not_ascending"),
            ("repaymentTimes[2]", "out_of_range"),
        ],
    );
    // 2017-10-31 16:00 UTC is already 2017-11-01 in China: the first date is that day.
    valid::<ProcessFeedback>(&p, json!({"processTime": 1_509_465_600u64}));
    // 2017-11-01 16:00 UTC is 2017-11-02 in China: 20171101 is before it.
    check::<ProcessFeedback>(
        &p,
        json!({"processTime": 1_509_552_000u64}),
        &[("repaymentTimes[0]", "out_of_range")],
    );
    let plan: Vec<String> = (0..360).map(|i| format!("{}0101", 2018 + i)).collect();
    valid::<ProcessFeedback>(&p, json!({"stages": 360, "repaymentTimes": plan}));
}

#[test]
fn reason_has_at_most_500_characters() {
    let p = patched(
        &process(),
        json!({"resultType": 1, "stages": null, "repaymentTimes": null}),
    );
    check::<ProcessFeedback>(&p, json!({"reason": 5}), &[("reason", "invalid_type")]);
    check::<ProcessFeedback>(
        &p,
        json!({"reason": "r".repeat(501)}),
        &[("reason", "too_long")],
    );
}

// §7 effect feedback

#[test]
fn effect_feedback_rules() {
    let e = effect();
    for t in 1..=5 {
        valid::<EffectFeedback>(&e, json!({ "resultType": t }));
    }
    check::<EffectFeedback>(
        &e,
        json!({"resultType": 6}),
        &[("resultType", "out_of_range")],
    );
    check::<EffectFeedback>(&e, json!({"stageId": 0}), &[("stageId", "out_of_range")]);
    valid::<EffectFeedback>(&e, json!({"stageId": 360}));
    check::<EffectFeedback>(&e, json!({"stageId": 361}), &[("stageId", "out_of_range")]);
    check::<EffectFeedback>(
        &e,
        json!({"stageId": null, "resultType": null, "processTime": null, "flowid": null}),
        &[
            ("flowid", "required"),
            ("stageId", "required"),
            ("resultType", "required"),
            ("processTime", "required"),
        ],
    );
}

// §1 score inquiry

#[test]
fn score_query_rules() {
    let s = score();
    check::<ScoreQuery>(&s, json!({"os": null}), &[("os", "required")]);
    valid::<ScoreQuery>(&s, json!({"os": 0}));
    check::<ScoreQuery>(&s, json!({"os": 4}), &[("os", "out_of_range")]);
    check::<ScoreQuery>(
        &s,
        json!({"device": "d".repeat(129)}),
        &[("device", "too_long")],
    );
    valid::<ScoreQuery>(&s, json!({"idcard": "11010519491231002X"}));
    check::<ScoreQuery>(
        &s,
        json!({"idcard": "110105194912310021"}),
        &[("idcard", "invalid_id")],
    );
    check::<ScoreQuery>(
        &s,
        json!({"banknos": ["62220215", "6222021234567890123"]}),
        &[("banknos[0]", "invalid_id")],
    );
    check::<ScoreQuery>(
        &s,
        json!({"contacts": ["12"]}),
        &[("contacts[0]", "invalid_phone")],
    );
    for name in [
        "industry",
        "company",
        "job",
        "address_company",
        "emailAddress",
        "QQ",
        "WX",
    ] {
        check::<ScoreQuery>(&s, json!({ name: "x".repeat(129) }), &[(name, "too_long")]);
    }
}

#[test]
fn score_query_wire_form() {
    let s = patched(
        &score(),
        json!({"WX": "wx", "QQ": "10001", "emailAddress": "a@b.c", "address_company": "深圳", "job": "dev",
               "company": "c", "industry": "i", "contacts": ["+86 156 1111 1111", "110"],
               "banknos": ["6222021234567890", "622202123456"], "idcard": "11010519491231002X", "device": "d1"}),
    );
    let req = build::<ScoreQuery>(&s, SignScope::Common);
    let own: Vec<(&str, &str)> = req.params.iter().skip(6).collect();
    assert_eq!(
        own,
        [
            ("os", "2"),
            ("device", "d1"),
            ("idcard", "11010519491231002X"),
            ("banknos", "6222021234567890;622202123456"),
            ("contacts", "15611111111;110"),
            ("industry", "i"),
            ("company", "c"),
            ("job", "dev"),
            ("address_company", "深圳"),
            ("emailAddress", "a@b.c"),
            ("QQ", "10001"),
            ("WX", "wx"),
        ]
    );
}

// §2, §3 body and signature

#[test]
fn scope_all_signs_every_parameter_sent() {
    let req = build::<ProcessFeedback>(&process(), SignScope::All);
    assert_eq!(
        req.string_to_sign,
        format!(
            "appkey={APPKEY}&flowid=096daf24ba7544b8b738059367678cf4&mobile=13580211212&money=700&processTime=1509465600\
             &random=111&repaymentTimes=[20171101;20171201;20180101]&resultType=2&stages=3&timestamp=1513688850127&userid=1530728"
        )
    );
    let common = build::<ProcessFeedback>(&process(), SignScope::Common);
    assert_ne!(req.signature, common.signature);
    let changed =
        build::<ProcessFeedback>(&patched(&process(), json!({"money": 701})), SignScope::All);
    assert_ne!(
        changed.signature, req.signature,
        "a business field changes the signature"
    );
    let changed = build::<ProcessFeedback>(
        &patched(&process(), json!({"money": 701})),
        SignScope::Common,
    );
    assert_eq!(
        changed.signature, common.signature,
        "under common it does not"
    );
}

#[test]
fn the_secret_is_nowhere_in_a_request() {
    for scope in [SignScope::Common, SignScope::All] {
        let req = build::<DataSync>(&data_sync(), scope);
        let dump = format!("{req:?}");
        assert!(!dump.contains(SECRET), "{dump}");
        assert!(
            req.signature.len() == 32
                && req
                    .signature
                    .bytes()
                    .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        );
    }
}
