//! fbi-sandbox: a local FBI platform. It checks every request with the
//! client's own rules and the platform's signature, stores what it accepts
//! in SQLite, enforces the t+1 rule on a settable clock, and can inject
//! faults. `GET /sandbox/*` lets tests and the console look inside.

pub mod api;
pub mod clock;
pub mod compliance;
pub mod faults;
pub mod lenders;
pub mod score;
pub mod serve;
pub mod store;

use axum::error_handling::HandleErrorLayer;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use clock::Clock;
use compliance::compliance;
use faults::Faults;
use fbi_sdk::format::{Date, DateTime};
use fbi_sdk::sign::default_signature;
use lenders::Lenders;
use serde::Deserialize;
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use store::{Filter, Store};
use tower::{BoxError, ServiceBuilder};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::timeout::TimeoutLayer;

pub const DEFAULT_MAX_BODY: usize = 16 * 1024 * 1024;
pub const DEFAULT_MAX_INFLIGHT: usize = 1024;
pub const DEFAULT_REQUEST_TIMEOUT_MS: u64 = 30_000;

pub struct App {
    pub lenders: Lenders,
    pub store: Arc<Store>,
    pub clock: Clock,
    pub faults: Faults,
    pub quiet: bool,
}

/// Where the static files come from, who may call from a browser, and the
/// limits that keep a flood or a stalled client from taking the server down.
#[derive(Clone, Debug)]
pub struct Web {
    pub www: Option<PathBuf>,
    pub pkg: Option<PathBuf>,
    pub cors: Vec<String>,
    pub max_body: usize,
    /// Requests handled at once; more are refused at once with 503.
    pub max_inflight: usize,
    /// A request (its body included) must be handled within this: a
    /// stalled client gets 408 and its connection back.
    pub request_timeout: Duration,
}

impl Default for Web {
    fn default() -> Web {
        Web {
            www: None,
            pkg: None,
            cors: Vec::new(),
            max_body: DEFAULT_MAX_BODY,
            max_inflight: DEFAULT_MAX_INFLIGHT,
            request_timeout: Duration::from_millis(DEFAULT_REQUEST_TIMEOUT_MS),
        }
    }
}

pub fn router(app: Arc<App>, web: &Web) -> Router {
    let mut router = Router::new()
        .route("/api/{*endpoint}", post(api::handle))
        .route("/sandbox/requests", get(requests))
        .route("/sandbox/compliance", get(compliance_view))
        .route("/sandbox/clock", get(clock_view).post(set_clock))
        .route("/sandbox/sign", post(sign_for_lender))
        .layer(DefaultBodyLimit::max(web.max_body))
        .with_state(app);
    if let Some(pkg) = &web.pkg {
        router = router.nest_service("/pkg", ServeDir::new(pkg));
    }
    if let Some(www) = &web.www {
        router = router.fallback_service(ServeDir::new(www));
    }
    if !web.cors.is_empty() {
        // `*` lets any page call (the sandbox only listens on loopback).
        let origins = if web.cors.iter().any(|o| o == "*") {
            AllowOrigin::any()
        } else {
            AllowOrigin::list(
                web.cors
                    .iter()
                    .filter_map(|o| o.parse::<HeaderValue>().ok()),
            )
        };
        router = router.layer(
            CorsLayer::new()
                .allow_origin(origins)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([axum::http::header::CONTENT_TYPE]),
        );
    }
    router.layer(
        ServiceBuilder::new()
            .layer(HandleErrorLayer::new(|_: BoxError| async {
                let desc = "overloaded: too many requests at once";
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    Json(json!({"code": api::INTERNAL, "desc": desc})),
                )
            }))
            .load_shed()
            .concurrency_limit(web.max_inflight)
            .layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                web.request_timeout,
            )),
    )
}

fn server_error(e: impl std::fmt::Display) -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(json!({"code": api::INTERNAL, "desc": e.to_string()})),
    )
        .into_response()
}

async fn requests(State(app): State<Arc<App>>, Query(filter): Query<RequestFilter>) -> Response {
    let store = app.store.clone();
    let filter = Filter {
        endpoint: filter.endpoint,
        flowid: filter.flowid,
        appkey: filter.appkey,
    };
    match tokio::task::spawn_blocking(move || store.requests(&filter)).await {
        Ok(Ok(rows)) => Json(rows).into_response(),
        Ok(Err(e)) => server_error(e),
        Err(e) => server_error(e),
    }
}

#[derive(Deserialize)]
struct RequestFilter {
    endpoint: Option<String>,
    flowid: Option<String>,
    appkey: Option<String>,
}

#[derive(Deserialize)]
struct AppkeyQuery {
    appkey: Option<String>,
}

async fn compliance_view(State(app): State<Arc<App>>, Query(q): Query<AppkeyQuery>) -> Response {
    let appkey = q.appkey.unwrap_or_else(|| lenders::DEMO_APPKEY.to_string());
    let now = app.clock.now_ms().div_euclid(1000);
    let store = app.store.clone();
    match tokio::task::spawn_blocking(move || compliance(&store, &appkey, now)).await {
        Ok(Ok(c)) => {
            Json(json!({"now": now, "open": c.open, "overdue": c.overdue})).into_response()
        }
        Ok(Err(e)) => server_error(e),
        Err(e) => server_error(e),
    }
}

fn clock_json(app: &App) -> Json<serde_json::Value> {
    let ms = app.clock.now_ms();
    Json(json!({"now": DateTime::of_unix_seconds(ms.div_euclid(1000)).to_string(), "ms": ms}))
}

async fn clock_view(State(app): State<Arc<App>>) -> Json<serde_json::Value> {
    clock_json(&app)
}

#[derive(Deserialize)]
struct ClockQuery {
    now: String,
}

/// `POST /sandbox/clock?now=yyyyMMddHHmmss` (China time) moves the clock.
async fn set_clock(State(app): State<Arc<App>>, Query(q): Query<ClockQuery>) -> Response {
    match parse_now(&q.now) {
        Some(ms) => {
            app.clock.set(ms);
            clock_json(&app).into_response()
        }
        None => (
            StatusCode::BAD_REQUEST,
            Json(json!({"code": api::INVALID, "desc": "now must be yyyyMMddHHmmss"})),
        )
            .into_response(),
    }
}

/// `POST /sandbox/sign?appkey=…` with the string to sign as the body: the
/// signature, as a lender's own backend would answer a `signer` in a page
/// that holds no secret. A demo of that backend, for the sandbox's lenders.
async fn sign_for_lender(
    State(app): State<Arc<App>>,
    Query(q): Query<AppkeyQuery>,
    body: String,
) -> Response {
    match q.appkey.as_deref().and_then(|a| app.lenders.get(a)) {
        Some(lender) => {
            Json(json!({"signature": default_signature(&body, &lender.secret)})).into_response()
        }
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({"code": api::UNKNOWN_APPKEY, "desc": "unknown appkey"})),
        )
            .into_response(),
    }
}

/// `yyyyMMddHHmmss` or `yyyyMMdd` in China time, as UNIX milliseconds.
pub fn parse_now(text: &str) -> Option<i64> {
    let secs = match text.len() {
        8 => Date::parse(text).ok()?.start_unix_seconds(),
        _ => DateTime::parse(text).ok()?.unix_seconds(),
    };
    Some(secs * 1000)
}
