//! Resource bounds: a response over the client's limit, a webhook body over the verifier's
//! limit, a body over the simulator's limit and values nested too deep are each a typed
//! error, never an out-of-memory, a stack overflow or a hang.

mod common;

use common::env;
use momentpay::models::CreatePaymentSession;
use momentpay::webhooks::{MAX_PAYLOAD_BYTES, Webhook};
use momentpay::{Client, ErrorKind, RequestOptions, WebhookFailure};
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpListener;

/// A one-connection-at-a-time HTTP server answering every request with `head` and then
/// `body_len` bytes of JSON-looking filler (declared, or chunked without a length).
fn huge_server(body_len: usize, declare_length: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let head = if declare_length {
                format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {body_len}\r\n\r\n"
                )
            } else {
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n".to_owned()
            };
            if stream.write_all(head.as_bytes()).is_err() {
                continue;
            }
            let chunk = vec![b' '; 64 * 1024];
            let mut sent = 0;
            while sent < body_len {
                let n = chunk.len().min(body_len - sent);
                let written = if declare_length {
                    stream.write_all(&chunk[..n])
                } else {
                    stream
                        .write_all(format!("{n:x}\r\n").as_bytes())
                        .and_then(|()| stream.write_all(&chunk[..n]))
                        .and_then(|()| stream.write_all(b"\r\n"))
                };
                if written.is_err() {
                    break;
                }
                sent += n;
            }
            if !declare_length {
                let _ = stream.write_all(b"0\r\n\r\n");
            }
        }
    });
    url
}

#[tokio::test]
async fn a_response_over_the_limit_is_a_decode_error() {
    for declare_length in [true, false] {
        let url = huge_server(20 << 20, declare_length);
        let client = Client::builder()
            .api_key("sk_test_bounds")
            .base_url(&url)
            .max_response_bytes(1 << 20)
            .build()
            .expect("client");
        let error = client
            .payment_sessions()
            .retrieve("ps_big")
            .await
            .expect_err("too large");
        assert_eq!(error.kind(), ErrorKind::Decode, "{error}");
        assert!(error.message().contains("1048576-byte limit"), "{error}");
        assert!(!error.is_retryable());
    }
    // The default limit is 16 MiB.
    let url = huge_server(17 << 20, true);
    let error = Client::builder()
        .api_key("sk_test_bounds")
        .base_url(&url)
        .build()
        .expect("client")
        .payment_sessions()
        .retrieve("ps_big")
        .await
        .expect_err("too large");
    assert_eq!(error.kind(), ErrorKind::Decode, "{error}");
}

#[test]
fn a_webhook_body_over_the_limit_is_refused_before_its_signature() {
    let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").expect("secret");
    let now = 1_700_000_000;
    let at_limit = vec![b' '; MAX_PAYLOAD_BYTES];
    let headers = webhook.sign_headers("msg_1", now, &at_limit);
    // At the limit the signature is checked (and the body then fails to parse).
    let error = webhook
        .verify_at(&at_limit, &headers, now)
        .expect_err("not an event");
    assert_eq!(error.webhook_failure(), Some(WebhookFailure::MalformedBody));
    assert!(!error.message().contains("limit"), "{error}");
    let over = vec![b' '; MAX_PAYLOAD_BYTES + 1];
    let error = webhook
        .verify_signature_at(&over, &[("webhook-id", "m")], now)
        .expect_err("too large");
    assert_eq!(error.webhook_failure(), Some(WebhookFailure::MalformedBody));
    assert!(
        error.message().contains("refused before its signature"),
        "checked before the headers or the HMAC: {error}"
    );
}

#[tokio::test]
async fn the_simulator_answers_an_oversized_body_with_413_problem_json() {
    let env = env();
    let http = reqwest::Client::new();
    let big = "x".repeat(momentpay_sim::BODY_LIMIT + 1);
    for path in [
        "/collect/payment_sessions",
        "/_sim/webhook_endpoints",
        "/_sim/trigger",
    ] {
        let response = http
            .post(format!("{}{path}", env.sim.base_url()))
            .bearer_auth(&env.key)
            .header("content-type", "application/json")
            .body(format!("{{\"pad\": \"{big}\"}}"))
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 413, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
    }
    // Through the SDK (extra_body carries what the SDK does not model): a typed error.
    let error = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .options(
            RequestOptions::new()
                .extra_body(json!({"pad": big}).as_object().cloned().unwrap_or_default()),
        )
        .await
        .expect_err("413");
    assert_eq!(error.status(), Some(413), "{error}");
    assert_eq!(error.kind(), ErrorKind::InvalidRequest, "{error}");
}
