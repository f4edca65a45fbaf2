//! The fault soak's Rust runner. Creates `calls` payment sessions through momentpay against
//! a simulator that injects faults, and prints one JSON document of every call's outcome
//! (`soak/soak.py` counts duplicates, lost calls, untyped failures and hangs from it and
//! from the simulator's state).
//!
//!   soak_runner <async|blocking> <base_url> <api_key> <calls> <concurrency> <prefix>
//!
//! Even-numbered calls bring their own idempotency key; odd ones let the SDK make one.

use momentpay::models::CreatePaymentSession;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A call that has not finished after this long is a hang.
const DEADLINE: Duration = Duration::from_secs(120);

struct Args {
    mode: String,
    base_url: String,
    api_key: String,
    calls: usize,
    concurrency: usize,
    prefix: String,
}

fn args() -> Result<Args, String> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let [mode, base_url, api_key, calls, concurrency, prefix] = a.as_slice() else {
        return Err("usage: soak_runner <async|blocking> <base_url> <api_key> <calls> <concurrency> <prefix>".into());
    };
    Ok(Args {
        mode: mode.clone(),
        base_url: base_url.clone(),
        api_key: api_key.clone(),
        calls: calls.parse().map_err(|_| "calls must be a number")?,
        concurrency: concurrency
            .parse()
            .map_err(|_| "concurrency must be a number")?,
        prefix: prefix.clone(),
    })
}

fn params(prefix: &str, i: usize) -> CreatePaymentSession {
    CreatePaymentSession::one_time(100 + i as i64, "ZAR")
        .external_reference(format!("{prefix}_{i}"))
}

fn key(prefix: &str, i: usize) -> Option<String> {
    i.is_multiple_of(2).then(|| format!("{prefix}-key-{i}"))
}

/// One call's outcome in the shape every runner prints.
/// Retries per call: `SOAK_MAX_RETRIES`, else 12.
fn max_retries() -> u32 {
    std::env::var("SOAK_MAX_RETRIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12)
}

fn outcome(reference: String, result: Result<momentpay::Result<String>, &str>) -> Value {
    match result {
        Ok(Ok(id)) => json!({"ref": reference, "id": id}),
        Ok(Err(error)) => json!({
            "ref": reference, "error": "typed", "kind": error.kind().code(),
            "unknown": error.outcome_unknown(), "key": error.idempotency_key(),
        }),
        Err(why) => json!({"ref": reference, "error": why}),
    }
}

fn run_async(a: &Args) -> Result<Vec<Value>, String> {
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let client = momentpay::Client::builder()
            .api_key(&a.api_key)
            .base_url(&a.base_url)
            .timeout(Duration::from_millis(400))
            .max_retries(max_retries())
            .build()
            .map_err(|e| e.to_string())?;
        let semaphore = Arc::new(tokio::sync::Semaphore::new(a.concurrency));
        let tasks: Vec<_> = (0..a.calls)
            .map(|i| {
                let client = client.clone();
                let semaphore = semaphore.clone();
                let prefix = a.prefix.clone();
                tokio::spawn(async move {
                    let _permit = semaphore.acquire_owned().await;
                    let call = client.payment_sessions().create(&params(&prefix, i));
                    let call = match key(&prefix, i) {
                        Some(k) => call.idempotency_key(k),
                        None => call,
                    };
                    match tokio::time::timeout(DEADLINE, call).await {
                        Ok(result) => Ok(result.map(|s| s.id)),
                        Err(_) => Err("hang"),
                    }
                })
            })
            .collect();
        let mut out = Vec::with_capacity(a.calls);
        for (i, task) in tasks.into_iter().enumerate() {
            let reference = format!("{}_{i}", a.prefix);
            out.push(match task.await {
                Ok(result) => outcome(reference, result),
                Err(_) => outcome(reference, Err("untyped")),
            });
        }
        Ok(out)
    })
}

fn run_blocking(a: &Args) -> Result<Vec<Value>, String> {
    let client = momentpay::Client::builder()
        .api_key(&a.api_key)
        .base_url(&a.base_url)
        .timeout(Duration::from_millis(400))
        .max_retries(max_retries())
        .build_blocking()
        .map_err(|e| e.to_string())?;
    let next = AtomicUsize::new(0);
    let results = std::sync::Mutex::new(vec![Value::Null; a.calls]);
    std::thread::scope(|scope| {
        for _ in 0..a.concurrency {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= a.calls {
                        break;
                    }
                    let call = client.payment_sessions().create(&params(&a.prefix, i));
                    let call = match key(&a.prefix, i) {
                        Some(k) => call.idempotency_key(k),
                        None => call,
                    };
                    // A panic inside the SDK would be an untyped failure, not an abort.
                    let result =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| call.send()))
                            .map(|r| r.map(|s| s.id))
                            .map_err(|_| "untyped");
                    let value = outcome(format!("{}_{i}", a.prefix), result);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = value;
                }
            });
        }
    });
    Ok(results.into_inner().unwrap_or_else(|e| e.into_inner()))
}

fn main() {
    let result = args().and_then(|a| match a.mode.as_str() {
        "async" => run_async(&a),
        "blocking" => run_blocking(&a),
        other => Err(format!("unknown mode {other}")),
    });
    match result {
        Ok(results) => println!("{}", json!({ "results": results })),
        Err(e) => {
            eprintln!("soak_runner: {e}");
            std::process::exit(2);
        }
    }
}
