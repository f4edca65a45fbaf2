//! tests/vectors/bad_inputs.json through the core's operation table (the path every binding
//! takes): each call is refused with a validation error naming its field, before the network.

mod common;

use common::env;
use momentpay::operations::invoke;
use momentpay::{Client, ErrorKind, RequestOptions};
use serde_json::Value;

fn corpus() -> Value {
    let path = format!(
        "{}/../tests/vectors/bad_inputs.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("corpus")).expect("json")
}

/// `params[nest.field]` set to {"a": {"a": ...}} `nest.depth` deep, built without recursion.
fn params_of(case: &Value) -> Value {
    let mut params = case["params"].clone();
    if let Some(nest) = case.get("nest") {
        // Moved in, not through json!, which would copy the value at every level.
        let mut value = Value::Object(serde_json::Map::new());
        for _ in 1..nest["depth"].as_u64().unwrap_or(1) {
            let mut level = serde_json::Map::new();
            level.insert("a".to_owned(), value);
            value = Value::Object(level);
        }
        params[nest["field"].as_str().unwrap_or_default()] = value;
    }
    params
}

// serde_json drops a Value recursively: the nested cases run on a thread with a large stack.
#[test]
fn every_bad_call_is_refused_before_the_network() {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime")
                .block_on(every_bad_call())
        })
        .expect("thread")
        .join()
        .expect("the corpus ran");
}

async fn every_bad_call() {
    let env = env();
    let doc = corpus();
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 50);
    for case in cases {
        let name = case["name"].as_str().unwrap_or_default();
        let mut options = RequestOptions::new();
        if let Some(key) = case
            .get("options")
            .and_then(|o| o.get("idempotency_key"))
            .and_then(Value::as_str)
        {
            options = options.idempotency_key(key);
        }
        let error = invoke(
            &env.client,
            case["operation"].as_str().unwrap_or_default(),
            case["id"].as_str(),
            params_of(case),
            options,
        )
        .await
        .expect_err(name);
        assert_eq!(error.kind(), ErrorKind::Validation, "{name}: {error}");
        assert_eq!(error.field(), case["field"].as_str(), "{name}: {error}");
        assert!(
            error
                .to_string()
                .contains(case["field"].as_str().unwrap_or_default()),
            "{name}: the message names the field"
        );
    }
    assert!(
        env.requests().is_empty(),
        "a refused call reached the network"
    );
}

#[test]
fn bad_client_settings_are_refused() {
    for case in corpus()["clients"].as_array().expect("clients") {
        let name = case["name"].as_str().unwrap_or_default();
        let mut builder = Client::builder().api_key(case["api_key"].as_str().unwrap_or_default());
        if let Some(url) = case["base_url"].as_str() {
            builder = builder.base_url(url);
        }
        let error = builder.build().expect_err(name);
        assert_eq!(error.field(), case["field"].as_str(), "{name}: {error}");
    }
}

#[test]
fn huge_and_non_utf8_webhook_bodies_are_handled() {
    let webhook =
        momentpay::Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").expect("secret");
    let huge = vec![b'x'; 8 * 1024 * 1024];
    let now = 1_700_000_000;
    // Over the 1 MiB limit, signed or not: refused before the HMAC.
    for headers in [
        webhook.sign_headers("msg_big", now, b"something else"),
        webhook.sign_headers("msg_big", now, &huge),
    ] {
        let error = webhook
            .verify_at(&huge, &headers, now)
            .expect_err("too large");
        assert_eq!(
            error.webhook_failure(),
            Some(momentpay::WebhookFailure::MalformedBody)
        );
        assert!(error.message().contains("limit"), "{error}");
    }
    let binary = [0xff, 0xfe, 0x00, 0x80, b'{'];
    let signed = webhook.sign_headers("msg_bin", now, &binary);
    let error = webhook
        .verify_at(&binary, &signed, now)
        .expect_err("not an event");
    assert_eq!(
        error.webhook_failure(),
        Some(momentpay::WebhookFailure::MalformedBody)
    );
    // A header-injected ID: the ID is opaque bytes under the MAC (an HTTP server never
    // passes a line break in a header anyway), so a forged signature is what refuses it.
    let injected = [
        ("webhook-id", "msg\r\nX-Evil: 1"),
        ("webhook-timestamp", "1700000000"),
        ("webhook-signature", "v1,AAAA"),
    ];
    let error = webhook
        .verify_at(b"{}", &injected, now)
        .expect_err("a forged signature");
    assert_eq!(
        error.webhook_failure(),
        Some(momentpay::WebhookFailure::NoMatchingSignature),
        "{error}"
    );
}
