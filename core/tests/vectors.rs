//! Runs the language-neutral vectors in tests/vectors/ (every binding runs the same files).

use momentpay::models::*;
use momentpay::webhooks::Webhook;
use momentpay::{Error, Problem};
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

fn load(name: &str) -> Value {
    let path = format!("{}/../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("vector file"))
        .expect("vector json")
}

/// The value at a dotted path (`a.b.0.c`).
fn at<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(value, |v, key| match v {
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => v.get(key),
    })
}

fn check(name: &str, actual: &Value, expect: &Value) {
    for (path, want) in expect.as_object().expect("expect object") {
        assert_eq!(at(actual, path), Some(want), "{name}: `{path}` in {actual}");
    }
}

fn roundtrip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &Value) -> Value {
    let typed: T = serde_json::from_value(json.clone()).expect("parses");
    serde_json::to_value(&typed).expect("serialises")
}

fn parse_model(model: &str, json: &Value) -> Value {
    match model {
        "payment_session" => roundtrip::<PaymentSession>(json),
        "payment" => roundtrip::<Payment>(json),
        "payment_request" => roundtrip::<PaymentRequest>(json),
        "payment_page" => roundtrip::<PaymentPage>(json),
        "payment_page_transaction" => roundtrip::<PaymentPageTransaction>(json),
        "billing_customer" => roundtrip::<BillingCustomer>(json),
        "billing_account" => roundtrip::<BillingAccount>(json),
        "bill" => roundtrip::<Bill>(json),
        "obligation" => roundtrip::<Obligation>(json),
        other => panic!("unknown model {other}"),
    }
}

#[test]
fn webhook_vectors() {
    let doc = load("webhooks.json");
    let cases = doc["cases"].as_array().expect("cases");
    assert!(cases.len() >= 30);
    for case in cases {
        let name = case["name"].as_str().unwrap_or_default();
        let headers: BTreeMap<String, String> =
            serde_json::from_value(case["headers"].clone()).expect("headers");
        let payload = case["payload"].as_str().expect("payload").as_bytes();
        let now = case["now"].as_i64().expect("now");
        let tolerance = case
            .get("tolerance_seconds")
            .and_then(Value::as_u64)
            .unwrap_or(180);
        let verify_only = case
            .get("verify_only")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let result = Webhook::new(case["secret"].as_str().unwrap_or_default()).and_then(|w| {
            let w = w.tolerance(Duration::from_secs(tolerance));
            if verify_only {
                w.verify_signature_at(payload, &headers, now).map(|()| None)
            } else {
                w.verify_at(payload, &headers, now).map(Some)
            }
        });
        // The envelope path agrees with the eager one on every vector, and its data is the
        // eager event's data.
        if !verify_only {
            let envelope =
                Webhook::new(case["secret"].as_str().unwrap_or_default()).and_then(|w| {
                    w.tolerance(Duration::from_secs(tolerance))
                        .verify_envelope_at(payload, &headers, now)
                });
            match (&result, envelope) {
                (Ok(Some(event)), Ok(envelope)) => {
                    assert_eq!(envelope.id(), event.id, "{name}");
                    assert_eq!(envelope.kind(), &event.kind, "{name}");
                    assert_eq!(envelope.data().expect("data"), event.data, "{name}");
                    assert_eq!(&envelope.into_event().expect("event"), event, "{name}");
                }
                (Err(eager), Err(lazy)) => {
                    assert_eq!(eager.webhook_failure(), lazy.webhook_failure(), "{name}")
                }
                (eager, lazy) => panic!("{name}: verify gave {eager:?}, verify_envelope {lazy:?}"),
            }
        }
        let expect = &case["expect"];
        if expect["ok"].as_bool() == Some(true) {
            let event = result.unwrap_or_else(|e| panic!("{name}: expected ok, got {e:?}"));
            if let (Some(event), Some(kind)) = (event, expect.get("event_type")) {
                assert_eq!(
                    event.kind.as_str(),
                    kind.as_str().unwrap_or_default(),
                    "{name}"
                );
                assert_eq!(
                    Some(event.id.as_str()),
                    expect["event_id"].as_str(),
                    "{name}"
                );
            }
        } else {
            let error = result
                .err()
                .unwrap_or_else(|| panic!("{name}: expected an error"));
            let failure = error
                .webhook_failure()
                .unwrap_or_else(|| panic!("{name}: not a webhook error: {error:?}"));
            assert_eq!(
                failure.code(),
                expect["error"].as_str().unwrap_or_default(),
                "{name}: {error}"
            );
        }
    }
}

#[test]
fn payload_vectors() {
    let doc = load("payloads.json");
    for case in doc["objects"].as_array().expect("objects") {
        let name = case["name"].as_str().unwrap_or_default();
        let actual = parse_model(case["model"].as_str().unwrap_or_default(), &case["json"]);
        check(name, &actual, &case["expect"]);
    }
    for case in doc["events"].as_array().expect("events") {
        let name = case["name"].as_str().unwrap_or_default();
        let body = serde_json::to_vec(&case["json"]).expect("bytes");
        let event = Event::from_slice(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            event.kind.as_str(),
            case["expect_type"].as_str().unwrap_or_default(),
            "{name}"
        );
        let model = match &event.data {
            EventData::PaymentSession(_) => "payment_session",
            EventData::Payment(_) => "payment",
            EventData::PaymentRequest(_) => "payment_request",
            EventData::PaymentPageTransaction(_) => "payment_page_transaction",
            EventData::Obligation(_) => "obligation",
            _ => "unknown",
        };
        assert_eq!(
            model,
            case["expect_data_model"].as_str().unwrap_or_default(),
            "{name}"
        );
        let reserialised: Value = serde_json::from_str(&event.to_json()).expect("json");
        check(name, &reserialised, &case["expect"]);
    }
}

#[test]
fn problem_vectors() {
    let doc = load("problems.json");
    for case in doc["cases"].as_array().expect("cases") {
        let name = case["name"].as_str().unwrap_or_default();
        let body = match &case["body"] {
            Value::String(text) => text.clone().into_bytes(),
            other => serde_json::to_vec(other).expect("bytes"),
        };
        let status = case["status"].as_u64().expect("status") as u16;
        let error = Error::from_response(status, &body, Some("req_test".into()), None);
        let expect = &case["expect"];
        assert_eq!(
            error.kind().code(),
            expect["kind"].as_str().unwrap_or_default(),
            "{name}"
        );
        assert_eq!(error.code(), expect["code"].as_str(), "{name}");
        assert_eq!(
            error.is_retryable(),
            expect["retryable"].as_bool().unwrap_or_default(),
            "{name}"
        );
        assert_eq!(error.status(), Some(status), "{name}");
        assert_eq!(error.request_id(), Some("req_test"), "{name}");
        if let Some(detail) = expect.get("detail") {
            assert_eq!(
                error.problem().and_then(|p| p.detail.as_deref()),
                detail.as_str(),
                "{name}"
            );
        }
        if let Some(field) = expect.get("field") {
            assert_eq!(error.field(), field.as_str(), "{name}");
        }
        if let Some(extra) = expect.get("extra.payment_id") {
            let problem: &Problem = error.problem().expect("problem");
            assert_eq!(problem.extra.get("payment_id"), Some(extra), "{name}");
        }
    }
}

#[test]
fn an_envelope_checks_the_whole_body_and_types_data_on_demand() {
    use momentpay::models::{EventEnvelope, EventType};
    let body = br#"{"id":"evt_1","type":"payment.succeeded","data":{"id":"pay_1","amount":"ten"}}"#;
    let envelope = EventEnvelope::from_slice(body).expect("a well-formed envelope");
    assert_eq!(envelope.id(), "evt_1");
    assert_eq!(envelope.kind(), &EventType::PaymentSucceeded);
    assert_eq!(envelope.data_json(), r#"{"id":"pay_1","amount":"ten"}"#);
    let error = envelope.data().expect_err("amount is not a number");
    assert_eq!(
        error.webhook_failure(),
        Some(momentpay::WebhookFailure::MalformedBody)
    );
    assert!(error.to_string().contains("payment"), "{error}");
    // Broken JSON anywhere in the body is refused up front, not at `data()`.
    for broken in [
        &br#"{"id":"evt_1","type":"payment.succeeded","data":{"amount":}}"#[..],
        br#"{"id":"evt_1","type":"payment.succeeded","data":{"amount":1}"#,
        br#"{"id":"evt_1","type":"payment.succeeded","data":"\xff"}"#,
        br#"{"id":"evt_1","data":{}}"#,
    ] {
        assert!(
            EventEnvelope::from_slice(broken).is_err(),
            "{}",
            String::from_utf8_lossy(broken)
        );
    }
}
