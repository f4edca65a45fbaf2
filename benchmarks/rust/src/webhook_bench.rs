//! Webhook verify (+ parse into a typed event) in Rust: momentpay against the
//! `standardwebhooks` crate and raw HMAC-SHA256 over the same bytes (the floor).
//! Prints one JSON line per measurement: {"lang", "impl", "size", "ns_per_op"}.
//!
//!   webhook_bench [iterations]    (default 20000)
//!   webhook_bench --count <envelope|verify|floor> N
//!                                 runs one path N times at 0.5 KB and prints nothing: for
//!                                 instruction counts under callgrind (benchmarks/instructions.py)

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::hint::black_box;
use std::time::Instant;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// A `payment_session.completed` event padded with metadata to about `size` bytes.
pub fn event_body(size: usize) -> Vec<u8> {
    let base = r#"{"id":"evt_2341234567890abcdef12345","type":"payment_session.completed","data":{"id":"ps_eLtQXMBUErQF5i","type":"first_in_series","status":"completed","payment_outcome":"paid","amount":5000,"currency":"ZAR","customer_id":"cus_J17pnG25nuvKu","payment_method_id":"pmt_izWG6Vcvy4VYiU","payment_id":"pay_87C7PAP35KcdpzAgckBvB","metadata":{"#;
    let mut body = base.to_owned();
    let mut i = 0;
    while body.len() + 40 < size {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&format!("\"k{i}\":\"{}\"", "v".repeat(20)));
        i += 1;
    }
    body.push_str("}}}");
    body.into_bytes()
}

fn median_ns(iterations: u32, mut f: impl FnMut()) -> f64 {
    let mut runs: Vec<f64> = (0..7)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            start.elapsed().as_nanos() as f64 / f64::from(iterations)
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    runs[3]
}

/// One path, `n` times, at 0.5 KB (see the module's usage).
fn count(path: &str, n: u32) {
    let now = 1_700_000_000i64;
    let ours = momentpay::Webhook::new(SECRET).expect("secret");
    let body = event_body(512);
    let headers = ours.sign_headers("msg_bench", now, &body);
    let pairs = [
        ("webhook-id", headers.id.as_str()),
        ("webhook-timestamp", headers.timestamp.as_str()),
        ("webhook-signature", headers.signature.as_str()),
    ];
    let key = base64::engine::general_purpose::STANDARD
        .decode(SECRET.trim_start_matches("whsec_"))
        .expect("base64 secret");
    let keyed = <Hmac<Sha256> as KeyInit>::new_from_slice(&key).expect("key");
    for _ in 0..n {
        match path {
            "envelope" => {
                let event = ours
                    .verify_envelope_at(black_box(body.as_slice()), &pairs, now)
                    .expect("verifies");
                black_box(event.kind());
            }
            "verify" => {
                black_box(
                    ours.verify_at(black_box(&body), &pairs, now)
                        .expect("verifies"),
                );
            }
            "floor" => {
                // HMAC-SHA256 (key schedule kept) + base64 decode + constant-time compare.
                let mut mac = keyed.clone();
                mac.update(b"msg_bench.1700000000.");
                mac.update(black_box(&body));
                let expected = mac.finalize().into_bytes();
                let signature = headers.signature.trim_start_matches("v1,");
                let decoded = base64::engine::general_purpose::STANDARD
                    .decode(black_box(signature))
                    .expect("base64");
                black_box(subtle::ConstantTimeEq::ct_eq(expected.as_slice(), &decoded));
            }
            other => panic!("unknown path {other}"),
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--count") {
        let n = args.get(3).and_then(|a| a.parse().ok()).expect("N");
        count(args.get(2).map(String::as_str).unwrap_or_default(), n);
        return;
    }
    let iterations: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let now = 1_700_000_000i64;
    let ours = momentpay::Webhook::new(SECRET).expect("secret");
    let reference = standardwebhooks::Webhook::new(SECRET).expect("secret");
    let key = base64::engine::general_purpose::STANDARD
        .decode(SECRET.trim_start_matches("whsec_"))
        .expect("base64 secret");
    for size in [512usize, 16 * 1024, 64 * 1024] {
        // The same bytes hashed per size: fewer calls for larger bodies (at least 200).
        let iterations = (iterations.saturating_mul(512) / size as u32).max(200);
        let body = event_body(size);
        let headers = ours.sign_headers("msg_bench", now, &body);
        let pairs = [
            ("webhook-id", headers.id.as_str()),
            ("webhook-timestamp", headers.timestamp.as_str()),
            ("webhook-signature", headers.signature.as_str()),
        ];
        let ours_ns = median_ns(iterations, || {
            black_box(
                ours.verify_at(black_box(&body), &pairs, now)
                    .expect("verifies"),
            );
        });
        let envelope_ns = median_ns(iterations, || {
            let event = ours
                .verify_envelope_at(black_box(body.as_slice()), &pairs, now)
                .expect("verifies");
            black_box(event.kind());
        });
        let fresh = ours.sign_headers(
            "msg_bench",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(now),
            &body,
        );
        let mut fresh_headers = reqwest::header::HeaderMap::new();
        fresh_headers.insert("webhook-id", fresh.id.parse().expect("header"));
        fresh_headers.insert(
            "webhook-timestamp",
            fresh.timestamp.parse().expect("header"),
        );
        fresh_headers.insert(
            "webhook-signature",
            fresh.signature.parse().expect("header"),
        );
        let reference_ns = median_ns(iterations, || {
            reference
                .verify(black_box(&body), &fresh_headers)
                .expect("verifies");
            let event: serde_json::Value = serde_json::from_slice(&body).expect("json");
            black_box(event);
        });
        let raw_ns = median_ns(iterations, || {
            let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key).expect("key");
            mac.update(b"msg_bench.1700000000.");
            mac.update(black_box(&body));
            black_box(mac.finalize().into_bytes());
        });
        // The same with the key schedule done once (what momentpay's verifier keeps per secret).
        let keyed = <Hmac<Sha256> as KeyInit>::new_from_slice(&key).expect("key");
        let raw_keyed_ns = median_ns(iterations, || {
            let mut mac = keyed.clone();
            mac.update(b"msg_bench.1700000000.");
            mac.update(black_box(&body));
            black_box(mac.finalize().into_bytes());
        });
        for (name, ns) in [
            (
                "momentpay verify_envelope (typed id + type, data on access)",
                envelope_ns,
            ),
            ("momentpay verify (data typed eagerly)", ours_ns),
            (
                "standardwebhooks crate (verify + serde_json::Value)",
                reference_ns,
            ),
            ("raw HMAC-SHA256 (floor)", raw_ns),
            ("raw HMAC-SHA256, key schedule precomputed", raw_keyed_ns),
        ] {
            println!(
                "{}",
                serde_json::json!({"lang": "rust", "impl": name, "size": size, "ns_per_op": ns})
            );
        }
    }
}
