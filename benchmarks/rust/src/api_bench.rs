//! Client CPU per API call in Rust: momentpay's async client against raw reqwest (the
//! floor: one GET with the same headers and timeouts, the body parsed into a
//! `serde_json::Value`), both
//! retrieving one payment session from the simulator on loopback.
//!
//!   api_bench <momentpay|reqwest> <sequential|concurrent> <calls> <base_url> <api_key> <session_id>
//!
//! Prints one JSON line: CPU (user+sys of this process) and wall time per call, and the
//! process's peak RSS. `concurrent` keeps 64 calls in flight.

use std::sync::Arc;
use std::time::{Duration, Instant};

const IN_FLIGHT: usize = 64;

/// User+sys CPU time of this process, and its peak RSS in bytes.
#[allow(unsafe_code)]
fn usage() -> (Duration, u64) {
    // SAFETY: getrusage fills the zeroed struct it is given; RUSAGE_SELF is always valid.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    (
        time(usage.ru_utime) + time(usage.ru_stime),
        usage.ru_maxrss as u64 * 1024,
    )
}

#[derive(Clone)]
enum Impl {
    Momentpay(momentpay::Client),
    Reqwest {
        client: reqwest::Client,
        url: Arc<str>,
        auth: Arc<str>,
    },
}

impl Impl {
    async fn call(&self, id: &str) {
        match self {
            Impl::Momentpay(client) => {
                let session = client
                    .payment_sessions()
                    .retrieve(id)
                    .await
                    .expect("retrieve");
                assert_eq!(session.id, id);
            }
            Impl::Reqwest { client, url, auth } => {
                let response = client
                    .get(&**url)
                    .header("authorization", &**auth)
                    .send()
                    .await
                    .expect("send");
                assert!(response.status().is_success());
                let body: serde_json::Value = response.json().await.expect("json");
                assert_eq!(body["id"], id);
            }
        }
    }
}

async fn run(implementation: Impl, concurrent: bool, calls: usize, id: Arc<str>) {
    if !concurrent {
        for _ in 0..calls {
            implementation.call(&id).await;
        }
        return;
    }
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let workers: Vec<_> = (0..IN_FLIGHT)
        .map(|_| {
            let (implementation, next, id) = (implementation.clone(), next.clone(), id.clone());
            tokio::spawn(async move {
                while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < calls {
                    implementation.call(&id).await;
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("worker");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [name, mode, calls, base_url, api_key, id] = args.as_slice() else {
        eprintln!(
            "usage: api_bench <momentpay|reqwest> <sequential|concurrent> <calls> <base_url> <api_key> <session_id>"
        );
        std::process::exit(2);
    };
    let calls: usize = calls.parse().expect("calls");
    let concurrent = mode == "concurrent";
    // reqwest's rustls needs a process provider for the floor client: ring, as momentpay uses.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let implementation = match name.as_str() {
        "momentpay" => Impl::Momentpay(
            momentpay::Client::builder()
                .api_key(api_key)
                .base_url(base_url)
                .build()
                .expect("client"),
        ),
        _ => Impl::Reqwest {
            // The same safety settings momentpay uses by default (60 s per attempt, 5 s to
            // connect), so the comparison is of the same work.
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .connect_timeout(Duration::from_secs(5))
                .build()
                .expect("client"),
            url: format!("{base_url}/collect/payment_sessions/{id}").into(),
            auth: format!("Bearer {api_key}").into(),
        },
    };
    let id: Arc<str> = id.as_str().into();
    runtime.block_on(async {
        // Warm up: connections, TLS-free pool, allocator.
        run(
            implementation.clone(),
            concurrent,
            calls / 10 + 64,
            id.clone(),
        )
        .await;
        let (cpu_before, _) = usage();
        let started = Instant::now();
        run(implementation, concurrent, calls, id).await;
        let wall = started.elapsed();
        let (cpu_after, peak_rss) = usage();
        println!(
            "{}",
            serde_json::json!({
                "lang": "rust", "impl": name, "mode": mode, "calls": calls,
                "cpu_us_per_call": (cpu_after - cpu_before).as_secs_f64() * 1e6 / calls as f64,
                "wall_us_per_call": wall.as_secs_f64() * 1e6 / calls as f64,
                "peak_rss_mb": peak_rss as f64 / 1e6,
            })
        );
    });
}
