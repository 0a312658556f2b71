//! The four platform endpoints: every request checked like the platform
//! would (PROTOCOL.md §9 codes), stored when accepted.

use crate::compliance::compliance;
use crate::faults::Fault;
use crate::score::score;
use crate::store::NewRow;
use crate::App;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use fbi_sdk::endpoint::Kind;
use fbi_sdk::issue::{Issue, IssueCode};
use fbi_sdk::sign::{default_signature, string_to_sign};
use fbi_sdk::wire;
use serde_json::{json, Map, Value};
use std::sync::Arc;
use subtle::ConstantTimeEq;

pub const MISSING: u32 = 1001;
pub const INVALID: u32 = 1002;
pub const UNKNOWN_ENDPOINT: u32 = 1003;
pub const BAD_SIGNATURE: u32 = 2001;
pub const UNKNOWN_APPKEY: u32 = 2002;
pub const STALE_TIMESTAMP: u32 = 2003;
pub const REPLAY: u32 = 2004;
pub const UNKNOWN_FLOWID: u32 = 3001;
pub const SUSPENDED: u32 = 4001;
pub const INTERNAL: u32 = 5000;

/// How far a request's `timestamp` may be from the real time.
const WINDOW_MS: i64 = 300_000;
const COMMON: [&str; 6] = [
    "appkey",
    "timestamp",
    "random",
    "signature",
    "userid",
    "mobile",
];

/// A refusal: HTTP status, platform code, description.
pub struct Refusal(StatusCode, u32, String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.0, Json(json!({"code": self.1, "desc": self.2}))).into_response()
    }
}

fn refuse(code: u32, desc: impl Into<String>) -> Refusal {
    Refusal(StatusCode::OK, code, desc.into())
}

fn internal(e: impl std::fmt::Display) -> Refusal {
    Refusal(
        StatusCode::INTERNAL_SERVER_ERROR,
        INTERNAL,
        format!("internal error: {e}"),
    )
}

pub async fn handle(
    State(app): State<Arc<App>>,
    uri: Uri,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let fault = app.faults.draw();
    match fault {
        Fault::Fail => {
            return Refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                INTERNAL,
                "injected failure".into(),
            )
            .into_response()
        }
        // A timeout for the client: no answer in time, and nothing stored,
        // whether or not the server notices the client has gone.
        Fault::Delay => {
            tokio::time::sleep(app.faults.delay).await;
            return Refusal(
                StatusCode::GATEWAY_TIMEOUT,
                INTERNAL,
                "injected delay".into(),
            )
            .into_response();
        }
        Fault::None | Fault::DropAfterStore => {}
    }
    let outcome = accept(&app, uri.path(), body, fault == Fault::DropAfterStore).await;
    let (code, response) = match outcome {
        Ok(_) if fault == Fault::DropAfterStore => (
            0,
            (StatusCode::BAD_GATEWAY, "injected drop after store").into_response(),
        ),
        Ok(answer) => (0, Json(answer).into_response()),
        Err(refusal) => (refusal.1, refusal.into_response()),
    };
    if !app.quiet {
        println!("POST {} -> {code}", uri.path());
    }
    response
}

/// Checks and stores a request; `dropped` marks a row whose answer the
/// fault injection will withhold, so tests can explain the duplicate.
async fn accept(
    app: &Arc<App>,
    path: &str,
    body: Result<Bytes, BytesRejection>,
    dropped: bool,
) -> Result<Value, Refusal> {
    let endpoint = Kind::of(path).ok_or_else(|| {
        Refusal(
            StatusCode::NOT_FOUND,
            UNKNOWN_ENDPOINT,
            format!("unknown endpoint {path}"),
        )
    })?;
    let body = body.map_err(|e| {
        Refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            INVALID,
            format!("body refused: {}", e.body_text()),
        )
    })?;
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let mut params: Map<String, Value> = Map::new();
    for (name, value) in &pairs {
        if params
            .insert(name.clone(), Value::from(value.as_str()))
            .is_some()
        {
            return Err(refuse(INVALID, format!("{name} is given more than once")));
        }
    }
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    if let Some(missing) = COMMON.iter().find(|n| get(n).is_none()) {
        return Err(refuse(MISSING, format!("{missing} is required")));
    }
    let appkey = get("appkey").unwrap_or_default();
    let lender = app
        .lenders
        .get(appkey)
        .ok_or_else(|| refuse(UNKNOWN_APPKEY, "unknown appkey"))?;

    let timestamp = get("timestamp").unwrap_or_default();
    let ts: i64 = timestamp
        .parse()
        .map_err(|_| refuse(INVALID, "timestamp must be a UNIX time in milliseconds"))?;
    if (crate::clock::real_now_ms() - ts).abs() > WINDOW_MS {
        return Err(refuse(
            STALE_TIMESTAMP,
            "timestamp is more than 300 s from the platform's time",
        ));
    }

    let sts = string_to_sign(
        pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        lender.scope,
    );
    let expected = default_signature(&sts, &lender.secret);
    let given = get("signature").unwrap_or_default();
    if !bool::from(expected.as_bytes().ct_eq(given.as_bytes())) {
        return Err(refuse(BAD_SIGNATURE, "signature mismatch"));
    }

    let random = get("random").unwrap_or_default().to_string();
    let store = app.store.clone();
    let (ak, r) = (appkey.to_string(), random.clone());
    let fresh = blocking(move || store.claim_nonce(&ak, ts, &r)).await?;
    if !fresh {
        return Err(refuse(
            REPLAY,
            "random already used with this appkey and timestamp",
        ));
    }

    let issues = endpoint.validate(&wire::to_input(
        pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())),
    ));
    if let Some(first) = issues.first() {
        let code = if first.code == IssueCode::Required {
            MISSING
        } else {
            INVALID
        };
        return Err(refuse(code, describe(&issues)));
    }

    let flowid = get("flowid").map(str::to_string);
    let now_ms = app.clock.now_ms();
    let mut answer = json!({"code": 0, "desc": "success"});
    let mut row_flowid = flowid;
    if endpoint == Kind::Score {
        let (store, ak) = (app.store.clone(), appkey.to_string());
        let duty = blocking(move || compliance(&store, &ak, now_ms.div_euclid(1000))).await?;
        if let Some(o) = duty.overdue.first() {
            return Err(refuse(
                SUSPENDED,
                format!(
                    "score inquiry suspended: feedback overdue for flowid {} ({} for {})",
                    o.flowid, o.endpoint, o.day
                ),
            ));
        }
        let s = score(
            appkey,
            timestamp,
            &random,
            get("userid").unwrap_or_default(),
            get("mobile").unwrap_or_default(),
            get("idcard").unwrap_or_default(),
        );
        answer["flowid"] = s.flowid.clone().into();
        answer["score"] = s.score.into();
        answer["scoreDesc"] = s.score_desc.into();
        row_flowid = Some(s.flowid);
    }

    let int = |name: &str| get(name).and_then(|v| v.parse::<i64>().ok());
    let row = NewRow {
        endpoint: endpoint.path().to_string(),
        appkey: appkey.to_string(),
        flowid: row_flowid,
        stage_id: int("stageId"),
        result_type: int("resultType"),
        process_time: int("processTime"),
        params: Value::Object(params).to_string(),
        answer: (endpoint == Kind::Score).then(|| answer.to_string()),
        received_at_ms: now_ms,
        dropped,
    };
    // A feedback must name a flowid this lender was given; the check and
    // the insert share one trip to the database thread.
    let must_be_scored = matches!(endpoint, Kind::Process | Kind::Effect);
    let store = app.store.clone();
    let stored = blocking(move || {
        let known = match (&row.flowid, must_be_scored) {
            (Some(f), true) => store.scored(&row.appkey, f)?,
            _ => true,
        };
        if known {
            store.insert(&row)?;
        }
        Ok(known)
    })
    .await?;
    if !stored {
        return Err(refuse(UNKNOWN_FLOWID, "unknown flowid"));
    }
    Ok(answer)
}

/// The issues as the platform's `desc`: the first few, wire names.
fn describe(issues: &[Issue]) -> String {
    let shown: Vec<String> = issues
        .iter()
        .take(3)
        .map(|i| i.message.replacen("callList", "callLIst", 1))
        .collect();
    let more = if issues.len() > 3 {
        format!(" (and {} more)", issues.len() - 3)
    } else {
        String::new()
    };
    format!("{}{more}", shown.join("; "))
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> rusqlite::Result<T> + Send + 'static,
) -> Result<T, Refusal> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(internal)?
        .map_err(internal)
}
