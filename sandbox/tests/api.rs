//! The sandbox's handlers in-process: each platform code of PROTOCOL.md §9,
//! and the t+1 rule on a set clock.

use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use axum::Router;
use fbi_sandbox::clock::{real_now_ms, Clock};
use fbi_sandbox::faults::Faults;
use fbi_sandbox::lenders::Lenders;
use fbi_sandbox::store::Store;
use fbi_sandbox::{parse_now, router, App, Web, DEFAULT_MAX_BODY};
use fbi_sdk::endpoint::data_sync::DataSync;
use fbi_sdk::endpoint::effect::EffectFeedback;
use fbi_sdk::endpoint::process::ProcessFeedback;
use fbi_sdk::endpoint::score::ScoreQuery;
use fbi_sdk::endpoint::{parse, Form};
use fbi_sdk::json::Json;
use fbi_sdk::request::{sign, unsigned_params, Stamp};
use fbi_sdk::sign::{default_signature, Secret, SignScope};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tower::ServiceExt;

struct Sandbox {
    app: Arc<App>,
    router: Router,
}

fn sandbox(now: &str) -> Sandbox {
    let mut lenders = Lenders::demo();
    lenders.add_flag("strict:strict-secret:all").unwrap();
    let app = Arc::new(App {
        lenders,
        store: Arc::new(Store::open(":memory:").unwrap()),
        clock: Clock::starting_at(parse_now(now)),
        faults: Faults::default(),
        quiet: true,
    });
    let router = router(
        app.clone(),
        &Web {
            max_body: DEFAULT_MAX_BODY,
            ..Web::default()
        },
    );
    Sandbox { app, router }
}

static NONCE: AtomicU64 = AtomicU64::new(1);

/// A body for `input`, signed as `appkey` with `secret`, stamped now.
fn body<F: Form>(appkey: &str, secret: &str, scope: SignScope, input: Value) -> String {
    let form = parse::<F>(&Json::from(&input)).unwrap_or_else(|i| panic!("{i:?}"));
    let stamp = Stamp {
        timestamp_ms: form.common().timestamp.unwrap_or(real_now_ms() as u64),
        random: NONCE.fetch_add(1, Ordering::Relaxed).to_string(),
    };
    let params = unsigned_params(&form, appkey, &stamp);
    let secret = Secret::new(secret);
    let req: Result<_, ()> = sign(params, F::ENDPOINT, "", scope, |s| {
        Ok(default_signature(s, &secret))
    });
    req.unwrap().body
}

fn demo<F: Form>(input: Value) -> String {
    body::<F>("demo", "demo-secret", SignScope::Common, input)
}

impl Sandbox {
    async fn call(&self, method: &str, uri: &str, body: String) -> (StatusCode, Value) {
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let bytes = to_bytes(res.into_body(), usize::MAX).await.unwrap();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    async fn post(&self, endpoint: &str, body: String) -> Value {
        self.call("POST", endpoint, body).await.1
    }

    async fn score(&self, userid: &str) -> String {
        let a = self
            .post(
                ScoreQuery::ENDPOINT,
                demo::<ScoreQuery>(json!({"userid": userid, "mobile": "13580211212", "os": 1})),
            )
            .await;
        assert_eq!(a["code"], 0, "{a}");
        a["flowid"].as_str().unwrap().to_string()
    }

    async fn decide(&self, flowid: &str, process_time: i64, plan: &[&str]) -> Value {
        let input = json!({"userid": "u", "mobile": "13580211212", "flowid": flowid, "resultType": 2,
                           "processTime": process_time, "money": 1000, "stages": plan.len(), "repaymentTimes": plan});
        self.post(ProcessFeedback::ENDPOINT, demo::<ProcessFeedback>(input))
            .await
    }

    async fn effect(&self, flowid: &str, stage: u16, result_type: u8, process_time: i64) -> Value {
        let input = json!({"userid": "u", "mobile": "13580211212", "flowid": flowid, "stageId": stage,
                           "resultType": result_type, "processTime": process_time});
        self.post(EffectFeedback::ENDPOINT, demo::<EffectFeedback>(input))
            .await
    }

    async fn compliance(&self) -> Value {
        self.call("GET", "/sandbox/compliance?appkey=demo", String::new())
            .await
            .1
    }

    async fn set_clock(&self, now: &str) {
        let (status, _) = self
            .call("POST", &format!("/sandbox/clock?now={now}"), String::new())
            .await;
        assert_eq!(status, StatusCode::OK);
    }
}

fn secs(datetime: &str) -> i64 {
    parse_now(datetime).unwrap() / 1000
}

#[tokio::test]
async fn every_endpoint_accepts_a_good_request_and_stores_it() {
    let sb = sandbox("20261201100000");
    let flowid = sb.score("u1").await;
    assert_eq!(flowid.len(), 32);
    let sync = json!({"userid": "u", "mobile": "13580211212", "processTime": secs("20261201100000"),
                      "callList": [{"n": "张三", "m": "+86 156 1111 1111", "t": "20261130120000"}]});
    assert_eq!(
        sb.post(DataSync::ENDPOINT, demo::<DataSync>(sync)).await["code"],
        0
    );
    assert_eq!(
        sb.decide(&flowid, secs("20261201100000"), &["20261231"])
            .await["code"],
        0
    );
    assert_eq!(
        sb.effect(&flowid, 1, 1, secs("20261231090000")).await["code"],
        0
    );
    let rows = sb.app.store.requests(&Default::default()).unwrap();
    let endpoints: Vec<&str> = rows.iter().map(|r| r.endpoint.as_str()).collect();
    assert_eq!(
        endpoints,
        [
            "/api/ask/score",
            "/api/data/synch",
            "/api/feedback/process",
            "/api/feedback/effect"
        ]
    );
    assert_eq!(
        rows[1].params["callLIst"],
        r#"[{"n":"张三","m":"15611111111","t":"20261130120000"}]"#
    );
}

#[tokio::test]
async fn the_same_applicant_gets_the_same_score() {
    let sb = sandbox("20261201100000");
    let ask = |u: &str| demo::<ScoreQuery>(json!({"userid": u, "mobile": "13580211212", "os": 1}));
    let (a, b) = (
        sb.post(ScoreQuery::ENDPOINT, ask("u1")).await,
        sb.post(ScoreQuery::ENDPOINT, ask("u1")).await,
    );
    assert_eq!(a["score"], b["score"]);
    assert_ne!(a["flowid"], b["flowid"]);
    let score = a["score"].as_u64().unwrap();
    assert!((1..=10_000).contains(&score));
}

#[tokio::test]
async fn platform_codes() {
    let sb = sandbox("20261201100000");
    let good = demo::<ScoreQuery>(json!({"userid": "u", "mobile": "13580211212", "os": 1}));
    let code = |v: Value| v["code"].as_u64().unwrap();

    assert_eq!(
        code(
            sb.post("/api/ask/score", good.replace("userid=u", "userid=v"))
                .await
        ),
        2001,
        "tampered"
    );
    assert_eq!(
        code(
            sb.post("/api/ask/score", good.replace("mobile=", "x="))
                .await
        ),
        1001,
        "missing mobile"
    );
    let (status, v) = sb.call("POST", "/api/ask/nothing", good.clone()).await;
    assert_eq!((status, code(v)), (StatusCode::NOT_FOUND, 1003));
    let stranger = body::<ScoreQuery>(
        "stranger",
        "x",
        SignScope::Common,
        json!({"userid": "u", "mobile": "13580211212", "os": 1}),
    );
    assert_eq!(code(sb.post("/api/ask/score", stranger).await), 2002);
    // ±300 s around the real time, on both sides.
    let at = |offset_ms: i64| {
        let input = json!({"userid": "u", "mobile": "13580211212", "os": 1, "timestamp": real_now_ms() + offset_ms});
        demo::<ScoreQuery>(input)
    };
    assert_eq!(
        code(sb.post("/api/ask/score", at(-301_000)).await),
        2003,
        "too old"
    );
    assert_eq!(
        code(sb.post("/api/ask/score", at(301_000)).await),
        2003,
        "from the future"
    );
    assert_eq!(
        code(sb.post("/api/ask/score", at(-290_000)).await),
        0,
        "inside the window"
    );
    assert_eq!(code(sb.post("/api/ask/score", good.clone()).await), 0);
    assert_eq!(
        code(sb.post("/api/ask/score", good.clone()).await),
        2004,
        "replay"
    );
    assert_eq!(
        code(sb.post("/api/ask/score", format!("{good}&os=2")).await),
        1002,
        "repeated parameter"
    );
    let unknown = demo::<EffectFeedback>(
        json!({"userid": "u", "mobile": "13580211212", "flowid": "nope", "stageId": 1, "resultType": 1, "processTime": secs("20261201100000")}),
    );
    assert_eq!(code(sb.post("/api/feedback/effect", unknown).await), 3001);
    let refused = fbi_sandbox::store::Filter {
        flowid: Some("nope".into()),
        ..Default::default()
    };
    assert!(
        sb.app.store.requests(&refused).unwrap().is_empty(),
        "a feedback for an unknown flowid is not stored"
    );
}

#[tokio::test]
async fn parameters_are_checked_by_the_clients_rules() {
    let sb = sandbox("20261201100000");
    let flowid = sb.score("u1").await;
    // Signed correctly, but the plan's dates are out of order: 1002, named.
    let input = json!({"userid": "u", "mobile": "13580211212", "flowid": flowid, "resultType": 2,
                       "processTime": secs("20261201100000"), "money": 1, "stages": 2, "repaymentTimes": ["20270101", "20270201"]});
    let swapped = demo::<ProcessFeedback>(input)
        .replace("%5B20270101%3B20270201%5D", "%5B20270201%3B20270101%5D");
    let a = sb.post("/api/feedback/process", swapped).await;
    assert_eq!(a["code"], 1002, "{a}");
    assert!(
        a["desc"].as_str().unwrap().contains("repaymentTimes[1]"),
        "{a}"
    );
    // Under scope `all`, the same change breaks the signature instead.
    let strict = json!({"userid": "u", "mobile": "13580211212", "os": 1});
    let b = body::<ScoreQuery>("strict", "strict-secret", SignScope::All, strict);
    assert_eq!(
        sb.post("/api/ask/score", b.replace("os=1", "os=2")).await["code"],
        2001
    );
    assert_eq!(sb.post("/api/ask/score", b).await["code"], 0);
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    let app = Arc::new(App {
        lenders: Lenders::demo(),
        store: Arc::new(Store::open(":memory:").unwrap()),
        clock: Clock::default(),
        faults: Faults::default(),
        quiet: true,
    });
    let sb = Sandbox {
        router: router(
            app.clone(),
            &Web {
                max_body: 1024,
                ..Web::default()
            },
        ),
        app,
    };
    let (status, v) = sb
        .call(
            "POST",
            "/api/data/synch",
            "x=".to_string() + &"y".repeat(2048),
        )
        .await;
    assert_eq!(
        (status, v["code"].as_u64()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some(1002))
    );
}

#[tokio::test]
async fn a_decision_is_due_by_five_the_next_morning() {
    let sb = sandbox("20261201100000");
    let flowid = sb.score("u1").await;
    let c = sb.compliance().await;
    assert_eq!(c["open"][0]["flowid"], flowid.as_str());
    assert_eq!(c["open"][0]["deadline"], secs("20261202050000"));
    sb.set_clock("20261202050001").await;
    let c = sb.compliance().await;
    assert_eq!(c["overdue"].as_array().unwrap().len(), 1);
    // Switched off, naming the flowid …
    let a = sb
        .post(
            ScoreQuery::ENDPOINT,
            demo::<ScoreQuery>(json!({"userid": "u2", "mobile": "13580211212", "os": 1})),
        )
        .await;
    assert_eq!(a["code"], 4001);
    assert!(a["desc"].as_str().unwrap().contains(&flowid));
    // … and back on when the feedback arrives.
    assert_eq!(
        sb.decide(&flowid, secs("20261201110000"), &["20261231"])
            .await["code"],
        0
    );
    sb.score("u2").await;
}

#[tokio::test]
async fn instalments_need_their_reports_day_by_day() {
    let sb = sandbox("20261201100000");
    let flowid = sb.score("u1").await;
    sb.decide(&flowid, secs("20261201100000"), &["20261210", "20270110"])
        .await;
    // Day 20261211 (k = 1 for stage 1): a "5" is due by 05:00 on the 12th.
    sb.set_clock("20261212040000").await;
    let c = sb.compliance().await;
    assert!(c["overdue"].as_array().unwrap().is_empty(), "{c}");
    assert_eq!(c["open"][0]["resultType"], 5);
    assert_eq!(c["open"][0]["day"], "20261211");
    sb.set_clock("20261212050001").await;
    assert_eq!(
        sb.compliance().await["overdue"].as_array().unwrap().len(),
        1
    );
    let ask = || demo::<ScoreQuery>(json!({"userid": "u2", "mobile": "13580211212", "os": 1}));
    assert_eq!(sb.post(ScoreQuery::ENDPOINT, ask()).await["code"], 4001);
    // The report for the 11th (processTime 00:00 that day) clears it.
    assert_eq!(
        sb.effect(&flowid, 1, 5, secs("20261211000000")).await["code"],
        0
    );
    let second = sb.post(ScoreQuery::ENDPOINT, ask()).await;
    assert_eq!(second["code"], 0);
    let reject = json!({"userid": "u2", "mobile": "13580211212", "flowid": second["flowid"], "resultType": 1,
                        "processTime": secs("20261212060000")});
    assert_eq!(
        sb.post(ProcessFeedback::ENDPOINT, demo::<ProcessFeedback>(reject))
            .await["code"],
        0
    );
    // Repaid late on the 13th: the 12th's "5" and the 13th's "4", then nothing more for stage 1.
    assert_eq!(
        sb.effect(&flowid, 1, 5, secs("20261212000000")).await["code"],
        0
    );
    assert_eq!(
        sb.effect(&flowid, 1, 4, secs("20261213150000")).await["code"],
        0
    );
    sb.set_clock("20270105120000").await;
    let c = sb.compliance().await;
    assert!(c["overdue"].as_array().unwrap().is_empty(), "{c}");
    // Stage 2 falls due on 20270110: unpaid on the 11th is overdue after 05:00 on the 12th.
    sb.set_clock("20270112060000").await;
    let c = sb.compliance().await;
    assert_eq!(c["overdue"][0]["stageId"], 2, "{c}");
    assert_eq!(c["overdue"][0]["day"], "20270111", "{c}");
}

#[tokio::test]
async fn the_demo_signing_endpoint_signs_for_a_configured_lender() {
    let sb = sandbox("20261201100000");
    let sts = "appkey=demo&mobile=13580211212&random=1&timestamp=2&userid=u";
    let (status, v) = sb
        .call("POST", "/sandbox/sign?appkey=demo", sts.to_string())
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        v["signature"],
        default_signature(sts, &Secret::new("demo-secret"))
    );
    let (status, v) = sb
        .call("POST", "/sandbox/sign?appkey=nobody", sts.to_string())
        .await;
    assert_eq!(
        (status, v["code"].as_u64()),
        (StatusCode::NOT_FOUND, Some(2002))
    );
}
