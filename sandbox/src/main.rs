//! `fbi-sandbox`: run a local FBI platform on 127.0.0.1.

use clap::Parser;
use fbi_sandbox::faults::Faults;
use fbi_sandbox::lenders::Lenders;
use fbi_sandbox::serve::serve;
use fbi_sandbox::store::Store;
use fbi_sandbox::{
    parse_now, router, App, Web, DEFAULT_MAX_BODY, DEFAULT_MAX_INFLIGHT, DEFAULT_REQUEST_TIMEOUT_MS,
};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// A local FBI lending platform: validates, verifies and stores requests.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// SQLite database file, or `:memory:`.
    #[arg(long, default_value = "fbi-sandbox.sqlite")]
    db: String,
    /// A lender, `APPKEY:SECRET[:common|all]` (repeatable). Without any, the
    /// demo lender `demo:demo-secret` is configured.
    #[arg(long = "lender")]
    lenders: Vec<String>,
    /// A TOML file of `[[lender]]` tables (`appkey`, `secret`, `scope`).
    #[arg(long)]
    lenders_file: Option<PathBuf>,
    /// Start the business clock at this China time (`yyyyMMddHHmmss`); it runs on.
    #[arg(long)]
    now: Option<String>,
    /// Serve this folder at `/` (the console).
    #[arg(long)]
    www: Option<PathBuf>,
    /// Serve this folder at `/pkg` (the npm package).
    #[arg(long)]
    pkg: Option<PathBuf>,
    /// Allow browser calls from this origin (repeatable; `*` for any).
    #[arg(long = "cors")]
    cors: Vec<String>,
    /// Largest request body in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BODY)]
    max_body: usize,
    /// Requests handled at once; more are refused with 503.
    #[arg(long, default_value_t = DEFAULT_MAX_INFLIGHT)]
    max_inflight: usize,
    /// Time to receive and handle a request; a stalled client gets 408.
    #[arg(long, default_value_t = DEFAULT_REQUEST_TIMEOUT_MS)]
    request_timeout_ms: u64,
    /// Share of requests answered 500 (0–1).
    #[arg(long, default_value_t = 0.0)]
    fail_rate: f64,
    /// Share of requests delayed by --delay-ms before handling (0–1).
    #[arg(long, default_value_t = 0.0)]
    delay_rate: f64,
    /// Share of requests stored, then answered 502 (0–1).
    #[arg(long, default_value_t = 0.0)]
    drop_rate: f64,
    #[arg(long, default_value_t = 30_000)]
    delay_ms: u64,
    /// Seed of the fault draws, for repeatable runs.
    #[arg(long, default_value_t = 1)]
    fault_seed: u64,
    /// Do not log each request.
    #[arg(long)]
    quiet: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Args::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fbi-sandbox: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    let mut lenders = Lenders::default();
    for flag in &args.lenders {
        lenders.add_flag(flag)?;
    }
    if let Some(path) = &args.lenders_file {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        lenders
            .add_toml(&text)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if args.lenders.is_empty() && args.lenders_file.is_none() {
        lenders = Lenders::demo();
    }
    let now = match &args.now {
        Some(text) => Some(parse_now(text).ok_or("--now takes yyyyMMddHHmmss (China time)")?),
        None => None,
    };
    for (name, rate) in [
        ("--fail-rate", args.fail_rate),
        ("--delay-rate", args.delay_rate),
        ("--drop-rate", args.drop_rate),
    ] {
        if !(0.0..=1.0).contains(&rate) {
            return Err(format!("{name} is a share from 0 to 1"));
        }
    }
    let store = Store::open(&args.db).map_err(|e| format!("{}: {e}", args.db))?;
    let app = Arc::new(App {
        lenders,
        store: Arc::new(store),
        clock: fbi_sandbox::clock::Clock::starting_at(now),
        faults: Faults::new(
            args.fail_rate,
            args.delay_rate,
            args.drop_rate,
            Duration::from_millis(args.delay_ms),
            args.fault_seed,
        ),
        quiet: args.quiet,
    });
    let web = Web {
        www: args.www,
        pkg: args.pkg,
        cors: args.cors,
        max_body: args.max_body,
        max_inflight: args.max_inflight.max(1),
        request_timeout: Duration::from_millis(args.request_timeout_ms),
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port))
        .await
        .map_err(|e| format!("port {}: {e}", args.port))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("listening on http://{addr}");
    // Headers get the request timeout too: the rest of it covers the body.
    serve(listener, router(app, &web), web.request_timeout, shutdown()).await;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => return ctrl_c.await.unwrap_or(()),
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await.unwrap_or(());
}
