//! One async client under load, and the simulator over a long run (run by
//! benchmarks/load.py):
//!
//!   load_bench burst <calls> <base_url>     calls creates in flight at once
//!   load_bench outage <calls> <base_url>    the same while every call gets 503
//!   load_bench peer <calls> <base_url>      the burst from raw reqwest (the peer)
//!   load_bench long <creates> <base_url> <simulator pid>
//!
//! `burst` and `outage` print one JSON line, as benchmarks/load_python.py does. `long` runs
//! tests the way the fixtures do (a fresh merchant with a hosted inbox, 100 creates with 16
//! in flight, each webhook delivered, then reset and the inbox deleted) and prints a line per
//! 10% of the creates: the simulator's resident memory and the creates' p99 in that window.

use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn sockets() -> usize {
    std::fs::read_dir("/proc/self/fd")
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| {
                    std::fs::read_link(e.path())
                        .is_ok_and(|target| target.to_string_lossy().starts_with("socket:"))
                })
                .count()
        })
        .unwrap_or(0)
}

/// A `/proc/<pid>/status` field in MB (`VmHWM`: peak resident, `VmRSS`: resident now).
fn memory_mb(pid: &str, field: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// This process's user + system CPU time so far, in ms.
#[allow(unsafe_code)]
fn cpu_ms() -> f64 {
    // SAFETY: getrusage fills the zeroed struct it is given; RUSAGE_SELF is always valid.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    ms(usage.ru_utime) + ms(usage.ru_stime)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 * p) as usize)
        .saturating_sub(1)
        .min(sorted.len() - 1)]
}

struct Control {
    http: reqwest::Client,
    base_url: String,
    key: String,
}

impl Control {
    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base_url))
            .bearer_auth(&self.key);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("control call");
        response.json().await.unwrap_or(Value::Null)
    }
}

fn new_key() -> String {
    format!(
        "sk_test_load_{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    )
}

fn client(key: &str, base_url: &str) -> momentpay::Client {
    momentpay::Client::builder()
        .api_key(key)
        .base_url(base_url)
        .build()
        .expect("client")
}

async fn burst(mode: &str, calls: usize, base_url: &str) {
    let key = new_key();
    let control = Control {
        http: reqwest::Client::new(),
        base_url: base_url.to_owned(),
        key: key.clone(),
    };
    if mode == "outage" {
        control
            .call(
                reqwest::Method::POST,
                "/_sim/faults",
                Some(json!({"rate": 1.0, "kinds": ["503"]})),
            )
            .await;
    }
    let peak = Arc::new(AtomicUsize::new(0));
    let running = Arc::new(AtomicBool::new(true));
    let sampler = {
        let (peak, running) = (peak.clone(), running.clone());
        std::thread::spawn(move || {
            while running.load(Ordering::Relaxed) {
                peak.fetch_max(sockets(), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(10));
            }
        })
    };
    let moment = client(&key, base_url);
    // The peer: the same creates from raw reqwest, with the headers momentpay sends.
    let peer = (mode == "peer").then(reqwest::Client::new);
    let url: Arc<str> = format!("{base_url}/collect/payment_sessions").into();
    let auth: Arc<str> = format!("Bearer {key}").into();
    let cpu_before = cpu_ms();
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..calls {
        let moment = moment.clone();
        let (peer, url, auth) = (peer.clone(), url.clone(), auth.clone());
        tasks.spawn(async move {
            let t0 = Instant::now();
            let ok = if let Some(http) = peer {
                let body = json!({"amount": 100 + (i % 1000), "currency": "ZAR", "external_reference": format!("load-{i}")});
                match http
                    .post(&*url)
                    .header("authorization", &*auth)
                    .header("idempotency-key", format!("peer-{i}"))
                    .json(&body)
                    .send()
                    .await
                {
                    Ok(response) => {
                        let ok = response.status().is_success();
                        ok && response.json::<Value>().await.is_ok()
                    }
                    Err(_) => false,
                }
            } else {
                let params = momentpay::models::CreatePaymentSession::one_time(
                    100 + (i % 1000) as i64,
                    "ZAR",
                )
                .external_reference(format!("load-{i}"));
                moment.payment_sessions().create(&params).await.is_ok()
            };
            (ok, t0.elapsed().as_secs_f64() * 1000.0)
        });
    }
    let mut latencies = Vec::with_capacity(calls);
    let mut failed = 0;
    while let Some(joined) = tasks.join_next().await {
        let (ok, ms) = joined.expect("task");
        failed += usize::from(!ok);
        latencies.push(ms);
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_ms() - cpu_before;
    running.store(false, Ordering::Relaxed);
    let _ = sampler.join();
    latencies.sort_by(f64::total_cmp);
    let stats = control
        .call(reqwest::Method::GET, "/_sim/stats", None)
        .await;
    let mut result = json!({
        "load": "rust", "mode": mode, "calls": calls, "ok": calls - failed, "failed": failed,
        "untyped": 0, "sessions": stats["payment_sessions"],
        "duplicates": stats["duplicated_external_references"].as_array().map_or(0, Vec::len),
        "p50_ms": percentile(&latencies, 0.5), "p99_ms": percentile(&latencies, 0.99),
        "wall_s": wall, "peak_sockets": peak.load(Ordering::Relaxed),
        "peak_rss_mb": memory_mb("self", "VmHWM:"),
        "client": if mode == "peer" { "reqwest" } else { "momentpay" }, "cpu_ms": cpu,
    });
    if mode == "outage" {
        let log = control
            .call(reqwest::Method::GET, "/_sim/requests", None)
            .await;
        result["requests"] = json!(log["data"].as_array().map_or(0, |entries| {
            entries
                .iter()
                .filter(|e| e["path"] == "/collect/payment_sessions")
                .count()
        }));
    }
    println!("{result}");
}

async fn long(creates: usize, base_url: &str, pid: &str) {
    const PER_TEST: usize = 100;
    const IN_FLIGHT: usize = 16;
    let window = (creates / 10).max(PER_TEST);
    let http = reqwest::Client::new();
    let mut latencies: Vec<f64> = Vec::new();
    let mut done = 0;
    let started = Instant::now();
    while done < creates {
        let key = new_key();
        let control = Control {
            http: http.clone(),
            base_url: base_url.to_owned(),
            key: key.clone(),
        };
        let inbox = control
            .call(reqwest::Method::POST, "/_sim/inboxes", Some(json!({})))
            .await;
        let moment = client(&key, base_url);
        let next = Arc::new(AtomicUsize::new(0));
        let mut workers = tokio::task::JoinSet::new();
        for _ in 0..IN_FLIGHT {
            let (moment, next) = (moment.clone(), next.clone());
            workers.spawn(async move {
                let mut mine = Vec::new();
                while next.fetch_add(1, Ordering::Relaxed) < PER_TEST {
                    let t0 = Instant::now();
                    moment
                        .payment_sessions()
                        .create(&momentpay::models::CreatePaymentSession::one_time(
                            100, "ZAR",
                        ))
                        .await
                        .expect("create");
                    mine.push(t0.elapsed().as_secs_f64() * 1000.0);
                }
                mine
            });
        }
        while let Some(mine) = workers.join_next().await {
            latencies.extend(mine.expect("worker"));
        }
        control
            .call(reqwest::Method::POST, "/_sim/reset", Some(json!({})))
            .await;
        if let Some(id) = inbox["id"].as_str() {
            control
                .call(
                    reqwest::Method::DELETE,
                    &format!("/_sim/inboxes/{id}"),
                    None,
                )
                .await;
        }
        let before = done;
        done += PER_TEST;
        if done / window > before / window {
            latencies.sort_by(f64::total_cmp);
            println!(
                "{}",
                json!({
                    "simlong": done / window, "creates": done,
                    "rss_mb": memory_mb(pid, "VmRSS:"),
                    "p50_ms": percentile(&latencies, 0.5), "p99_ms": percentile(&latencies, 0.99),
                    "elapsed_s": started.elapsed().as_secs_f64(),
                })
            );
            latencies.clear();
        }
    }
}

#[tokio::main]
async fn main() {
    // reqwest's rustls needs a process provider for the control client: ring, as momentpay.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let args: Vec<String> = std::env::args().collect();
    let (mode, count, base_url) = (
        args.get(1).map_or("burst", String::as_str),
        args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1000),
        args.get(3).cloned().unwrap_or_default(),
    );
    match mode {
        "long" => long(count, &base_url, args.get(4).map_or("self", String::as_str)).await,
        mode => burst(mode, count, &base_url).await,
    }
}
