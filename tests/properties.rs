//! Properties over generated inputs: every valid form encodes to a body that
//! decodes back to the same form, and no input makes validation panic.

mod common;

use fbi_sdk::endpoint::data_sync::DataSync;
use fbi_sdk::endpoint::effect::EffectFeedback;
use fbi_sdk::endpoint::process::ProcessFeedback;
use fbi_sdk::endpoint::score::ScoreQuery;
use fbi_sdk::endpoint::{self, Form};
use fbi_sdk::format::{Date, DateTime};
use fbi_sdk::json::Json;
use fbi_sdk::schedule::{
    reports_due, Instalment, DUE_UNPAID, M1_OVERDUE, M3_FRAUD, ON_TIME, REPAID_LATE,
};
use fbi_sdk::sign::SignScope;
use fbi_sdk::wire;
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::fmt::Debug;

fn date() -> impl Strategy<Value = String> {
    (1990u32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}{m:02}{d:02}"))
}

fn datetime() -> impl Strategy<Value = String> {
    (date(), 0u32..24, 0u32..60, 0u32..60).prop_map(|(d, h, m, s)| format!("{d}{h:02}{m:02}{s:02}"))
}

fn seconds() -> impl Strategy<Value = u64> {
    1_000_000_000u64..=9_999_999_999
}

/// Any text: Chinese, quotes, `&`, `=`, `+`, `%`, emoji, control characters.
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!(
        "(.|[张三李四&=+%\"\\\\;\\[\\]{{}}😀\n\t]){{0,{max}}}"
    ))
    .unwrap()
}

fn phone() -> impl Strategy<Value = String> {
    prop_oneof![
        "1[3-9][0-9]{9}",
        "\\+86 1[3-9][0-9] [0-9]{4} [0-9]{4}",
        "0[0-9]{2,3}-[0-9]{7,8}",
        "[0-9]{3,20}",
    ]
}

fn amount() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0u64..1_000_000_000_000).prop_map(Value::from),
        (0u64..100_000_000_000_000).prop_map(|fen| Value::from(fen as f64 / 100.0)),
        (0u64..100_000_000_000_000).prop_map(|fen| Value::from(format!(
            "{}.{:02}",
            fen / 100,
            fen % 100
        ))),
    ]
}

fn maybe_name() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text(12))
}

fn entry(fields: Vec<(&'static str, Option<Value>)>) -> Value {
    Value::Object(
        fields
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
            .collect(),
    )
}

fn common_fields() -> impl Strategy<Value = Map<String, Value>> {
    ("[A-Za-z0-9_@.-]{1,64}", "1[3-9][0-9]{9}", 1_000_000_000_000u64..=9_999_999_999_999, "[0-9]{1,32}").prop_map(
        |(userid, mobile, timestamp, random)| {
            let v = json!({"userid": userid, "mobile": mobile, "timestamp": timestamp, "random": random});
            v.as_object().cloned().unwrap()
        },
    )
}

fn with_common(common: Map<String, Value>, own: Value) -> Value {
    let mut all = common;
    all.extend(own.as_object().cloned().unwrap());
    Value::Object(all)
}

fn data_sync() -> impl Strategy<Value = Value> {
    let contact = (maybe_name(), phone())
        .prop_map(|(n, m)| entry(vec![("n", n.map(Value::from)), ("m", Some(m.into()))]));
    let call = (maybe_name(), phone(), datetime()).prop_map(|(n, m, t)| {
        entry(vec![
            ("n", n.map(Value::from)),
            ("m", Some(m.into())),
            ("t", Some(t.into())),
        ])
    });
    let message = (
        maybe_name(),
        phone(),
        datetime(),
        text(40).prop_filter("c is required", |c| !c.is_empty()),
    )
        .prop_map(|(n, m, t, c)| {
            entry(vec![
                ("n", n.map(Value::from)),
                ("m", Some(m.into())),
                ("t", Some(t.into())),
                ("c", Some(c.into())),
            ])
        })
        .boxed();
    let payment = (date(), amount())
        .prop_map(|(t, j)| json!({"t": t, "j": j}))
        .boxed();
    let bill = (
        date(),
        proptest::option::of(prop_oneof![date(), datetime()]),
        amount(),
    )
        .prop_map(|(t1, t2, j)| {
            entry(vec![
                ("t1", Some(t1.into())),
                ("t2", t2.map(Value::from)),
                ("j", Some(j)),
            ])
        });
    let list = |s: BoxedStrategy<Value>| proptest::collection::vec(s, 0..4);
    (
        common_fields(),
        seconds(),
        list(contact.boxed()),
        list(call.boxed()),
        (list(message.clone()), list(message)),
        (list(payment.clone()), list(payment), list(bill.boxed())),
    )
        .prop_filter("at least one entry", |(_, _, a, b, (c, d), (e, f, g))| {
            [a, b, c, d, e, f, g].iter().any(|l| !l.is_empty())
        })
        .prop_map(|(common, t, a, b, (c, d), (e, f, g))| {
            with_common(
                common,
                json!({"processTime": t, "phoneList": a, "callList": b, "msgReceList": c, "msgSendList": d,
                       "socialSecurityList": e, "publicFundList": f, "creditBillList": g}),
            )
        })
}

fn process() -> impl Strategy<Value = Value> {
    let approve = (seconds(), 0u32..=u32::MAX, proptest::collection::btree_set(1i64..20_000, 1..12)).prop_map(
        |(t, money, offsets)| {
            let first = fbi_sdk::format::Date::of_unix_seconds(t as i64);
            let plan: Vec<String> = offsets.iter().map(|o| first.add_days(*o - 1).to_string()).collect();
            json!({"resultType": 2, "processTime": t, "money": money, "stages": plan.len(), "repaymentTimes": plan})
        },
    );
    let other = (
        seconds(),
        prop_oneof![Just(1u8), 3u8..=8],
        proptest::option::of(0u32..1_000_000),
        proptest::option::of(text(30)),
    )
        .prop_map(|(t, rt, money, reason)| {
            let money = if matches!(rt, 4 | 6 | 7) {
                Some(money.unwrap_or(1))
            } else {
                money
            };
            entry(vec![
                ("resultType", Some(rt.into())),
                ("processTime", Some(t.into())),
                ("money", money.map(Value::from)),
                ("reason", reason.map(Value::from)),
            ])
        });
    (
        common_fields(),
        "[0-9A-Za-z_-]{1,64}",
        prop_oneof![approve, other],
    )
        .prop_map(|(common, flowid, mut own)| {
            own["flowid"] = flowid.into();
            with_common(common, own)
        })
}

fn effect() -> impl Strategy<Value = Value> {
    (
        common_fields(),
        "[0-9a-f]{32}",
        1u16..=360,
        1u8..=5,
        seconds(),
    )
        .prop_map(|(common, flowid, stage, rt, t)| {
            with_common(
                common,
                json!({"flowid": flowid, "stageId": stage, "resultType": rt, "processTime": t}),
            )
        })
}

fn score() -> impl Strategy<Value = Value> {
    let opt = |max| proptest::option::of(text(max).prop_map(Value::from));
    (
        common_fields(),
        0u8..=3,
        (
            opt(20),
            proptest::collection::vec("[0-9]{12,19}", 0..3),
            proptest::collection::vec(phone(), 0..3),
        ),
        (
            opt(10),
            opt(10),
            opt(10),
            opt(10),
            opt(10),
            opt(10),
            opt(10),
        ),
    )
        .prop_map(
            |(common, os, (device, banknos, contacts), (a, b, c, d, e, f, g))| {
                let own = entry(vec![
                    ("os", Some(os.into())),
                    ("device", device),
                    ("idcard", Some("11010519491231002X".into())),
                    ("banknos", Some(banknos.into())),
                    ("contacts", Some(contacts.into())),
                    ("industry", a),
                    ("company", b),
                    ("job", c),
                    ("address_company", d),
                    ("emailAddress", e),
                    ("QQ", f),
                    ("WX", g),
                ]);
                with_common(common, own)
            },
        )
}

/// Build, then read back as the platform would: the body decodes to the
/// same parameters, and the parameters to the same form.
fn round_trip<F: Form + PartialEq + Debug>(input: &Value) -> Result<(), TestCaseError> {
    let form = endpoint::parse::<F>(&Json::from(input))
        .map_err(|i| TestCaseError::fail(format!("{i:?}")))?;
    for scope in [SignScope::Common, SignScope::All] {
        let req = common::build::<F>(input, scope);
        let decoded: Vec<(String, String)> = form_urlencoded::parse(req.body.as_bytes())
            .into_owned()
            .collect();
        let params: Vec<(String, String)> = req
            .params
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        prop_assert_eq!(&decoded, &params);
        let again = wire::to_input(decoded.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        let reread =
            endpoint::parse::<F>(&again).map_err(|i| TestCaseError::fail(format!("{i:?}")))?;
        prop_assert_eq!(&reread, &form);
    }
    Ok(())
}

/// Arbitrary JSON, with values near the schema's names and types.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        text(20).prop_map(Value::from),
        "[0-9]{0,16}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let keys = prop_oneof![
            Just("userid".to_string()),
            Just("mobile".into()),
            Just("resultType".into()),
            Just("stages".into()),
            Just("repaymentTimes".into()),
            Just("callList".into()),
            Just("m".into()),
            Just("t".into()),
            Just("j".into()),
            Just("processTime".into()),
            text(6),
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            proptest::collection::btree_map(keys, inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An instalment due some day in 2026–2027, repaid (or not) up to 200 days
/// either side of it.
fn instalment() -> impl Strategy<Value = Instalment> {
    (
        1u16..=12,
        0i64..700,
        proptest::option::of((-200i64..=200, 0i64..86_400)),
    )
        .prop_map(|(stage_id, due, paid)| {
            let due = Date::from_ymd(2026, 1, 1).unwrap().add_days(due);
            let paid_at = paid
                .map(|(d, s)| DateTime::of_unix_seconds(due.add_days(d).start_unix_seconds() + s));
            Instalment {
                stage_id,
                due,
                paid_at,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn utf16_lengths_are_what_js_counts(text in text(80)) {
        prop_assert_eq!(fbi_sdk::utf16::utf16_len(&text), text.encode_utf16().count());
    }

    #[test]
    fn the_body_is_what_the_url_standard_serializer_writes(
        pairs in proptest::collection::vec((text(12), text(40)), 0..6)
    ) {
        let mut params = wire::Params::default();
        let mut expected = form_urlencoded::Serializer::new(String::new());
        // Names are static in the core; leak the few generated ones.
        for (name, value) in &pairs {
            let name: &'static str = Box::leak(name.clone().into_boxed_str());
            params.push(name, value.as_str());
            if !value.is_empty() {
                expected.append_pair(name, value);
            }
        }
        prop_assert_eq!(params.form_body(), expected.finish());
    }

    #[test]
    fn the_schedule_keeps_the_rules_of_section_8(plan in proptest::collection::vec(instalment(), 1..6)) {
        // Distinct stages, as a loan has.
        let plan: Vec<Instalment> = plan.into_iter().enumerate().map(|(i, mut x)| { x.stage_id = i as u16 + 1; x }).collect();
        let from = Date::from_ymd(2025, 6, 1).unwrap();
        let as_of = Date::from_ymd(2028, 12, 31).unwrap();
        let events = reports_due(&plan, from, as_of);
        let mut seen = std::collections::HashSet::new();
        for e in &events {
            prop_assert!(seen.insert((e.stage_id, e.day)), "one report per instalment per day");
            let inst = &plan[usize::from(e.stage_id) - 1];
            let k = e.day.days_since(inst.due);
            let paid_day = inst.paid_at.map(|p| p.date);
            match e.result_type {
                DUE_UNPAID => prop_assert!((1..=30).contains(&k) && paid_day.is_none_or(|p| e.day < p)),
                M1_OVERDUE => prop_assert!(k == 31 && paid_day.is_none_or(|p| e.day < p)),
                M3_FRAUD => prop_assert!(k == 91 && paid_day.is_none_or(|p| e.day < p)),
                ON_TIME => prop_assert!(paid_day == Some(e.day) && k <= 0),
                REPAID_LATE => prop_assert!(paid_day == Some(e.day) && k > 0),
                other => prop_assert!(false, "resultType {}", other),
            }
            prop_assert_eq!(e.deadline, e.day.add_days(1).start_unix_seconds() + 5 * 3600);
        }
        for inst in &plan {
            let repaid = events.iter().filter(|e| e.stage_id == inst.stage_id && matches!(e.result_type, ON_TIME | REPAID_LATE)).count();
            prop_assert_eq!(repaid, usize::from(inst.paid_at.is_some()));
        }
        let mut sorted = events.clone();
        sorted.sort_by_key(|e| (e.day, e.stage_id));
        prop_assert_eq!(sorted, events);
    }

    #[test]
    fn data_sync_round_trips(input in data_sync()) {
        round_trip::<DataSync>(&input)?;
    }

    #[test]
    fn process_feedback_round_trips(input in process()) {
        round_trip::<ProcessFeedback>(&input)?;
    }

    #[test]
    fn effect_feedback_round_trips(input in effect()) {
        round_trip::<EffectFeedback>(&input)?;
    }

    #[test]
    fn score_query_round_trips(input in score()) {
        round_trip::<ScoreQuery>(&input)?;
    }

    #[test]
    fn validation_never_panics(input in any_json()) {
        // Through JSON text, as input from JS arrives.
        let text = input.to_string();
        let input = Json::parse(&text).expect("JSON");
        let _ = endpoint::validate::<DataSync>(&input);
        let _ = endpoint::validate::<ProcessFeedback>(&input);
        let _ = endpoint::validate::<EffectFeedback>(&input);
        let _ = endpoint::validate::<ScoreQuery>(&input);
    }

    #[test]
    fn one_field_replaced_never_panics_and_is_judged_alone(base in process(), field in "[a-zA-Z]{1,16}", value in any_json()) {
        let mut input = base;
        input[field.as_str()] = value;
        let issues = endpoint::validate::<ProcessFeedback>(&Json::from(&input));
        // Either valid, or every problem has a path and a message.
        prop_assert!(issues.iter().all(|i| !i.message.is_empty()));
    }
}
