//! Our verifier against the public `standardwebhooks` reference implementation, both ways,
//! with random secrets, IDs, timestamps and bodies.

use base64::Engine;
use momentpay::WebhookFailure;
use momentpay::webhooks::Webhook;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn reference_headers(id: &str, ts: i64, signature: &str) -> reqwest::header::HeaderMap {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("webhook-id", id.parse().expect("header"));
    headers.insert("webhook-timestamp", ts.to_string().parse().expect("header"));
    headers.insert("webhook-signature", signature.parse().expect("header"));
    headers
}

#[test]
fn a_reference_signed_vector_verifies_and_tampering_fails_each_way() {
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let reference = standardwebhooks::Webhook::new(secret).expect("reference secret");
    let body = br#"{"id":"evt_1","type":"payment.succeeded","data":{"id":"pay_1","status":"succeeded","amount":100,"currency":"ZAR"}}"#;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("time")
        .as_secs() as i64;
    let signature = reference.sign("msg_ref", now, body).expect("sign");
    let headers: BTreeMap<&str, String> = [
        ("webhook-id", "msg_ref".to_owned()),
        ("webhook-timestamp", now.to_string()),
        ("webhook-signature", signature.clone()),
    ]
    .into();
    let ours = Webhook::new(secret).expect("secret");
    let event = ours
        .verify(body, &headers)
        .expect("reference-signed webhook verifies");
    assert_eq!(event.kind.as_str(), "payment.succeeded");

    let failure = |payload: &[u8], headers: &BTreeMap<&str, String>, now: i64| {
        ours.verify_at(payload, headers, now)
            .err()
            .and_then(|e| e.webhook_failure())
    };
    assert_eq!(
        failure(b"{}", &headers, now),
        Some(WebhookFailure::NoMatchingSignature)
    );
    assert_eq!(
        failure(body, &headers, now + 181),
        Some(WebhookFailure::TimestampTooOld)
    );
    assert_eq!(
        failure(body, &headers, now - 181),
        Some(WebhookFailure::TimestampTooNew)
    );
    let mut missing = headers.clone();
    missing.remove("webhook-id");
    assert_eq!(
        failure(body, &missing, now),
        Some(WebhookFailure::MissingHeader)
    );
    let mut bad_ts = headers.clone();
    bad_ts.insert("webhook-timestamp", "soon".into());
    assert_eq!(
        failure(body, &bad_ts, now),
        Some(WebhookFailure::InvalidTimestamp)
    );
    let other = Webhook::new(&Webhook::generate_secret()).expect("secret");
    assert_eq!(
        other
            .verify_at(body, &headers, now)
            .err()
            .and_then(|e| e.webhook_failure()),
        Some(WebhookFailure::NoMatchingSignature)
    );
    assert_eq!(
        Webhook::new("whsec_%%%")
            .err()
            .and_then(|e| e.webhook_failure()),
        Some(WebhookFailure::InvalidSecret)
    );
    let not_event = b"[1,2,3]";
    let sig = ours.sign("msg_ref", now, not_event);
    let mut h = headers.clone();
    h.insert("webhook-signature", sig);
    assert_eq!(
        failure(not_event, &h, now),
        Some(WebhookFailure::MalformedBody)
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn we_and_the_reference_agree_both_ways(
        key in proptest::collection::vec(any::<u8>(), 24..64),
        id in "msg_[A-Za-z0-9]{1,30}",
        ts in 1_000_000_000i64..4_000_000_000i64,
        text in "\\PC{0,600}",
    ) {
        // The reference crate only signs UTF-8 payloads, so the bodies are random Unicode text.
        let body = text.into_bytes();
        let secret = format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(&key));
        let ours = Webhook::new(&secret).expect("secret");
        let reference = standardwebhooks::Webhook::new(&secret).expect("reference secret");
        let ours_signed = ours.sign(&id, ts, &body);
        let theirs_signed = reference.sign(&id, ts, &body).expect("sign");
        prop_assert_eq!(&ours_signed, &theirs_signed);
        // Their verifier accepts ours (they check against the real clock, so sign "now").
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("time").as_secs() as i64;
        let signed_now = ours.sign(&id, now, &body);
        prop_assert!(reference.verify(&body, &reference_headers(&id, now, &signed_now)).is_ok());
        // Our verifier accepts theirs, at the signing time.
        let headers = [("webhook-id", id.clone()), ("webhook-timestamp", ts.to_string()), ("webhook-signature", theirs_signed)];
        prop_assert!(ours.verify_signature_at(&body, &headers, ts).is_ok());
        // Any flipped byte fails.
        if !body.is_empty() {
            let mut tampered = body.clone();
            tampered[0] ^= 1;
            let failure = ours.verify_signature_at(&tampered, &headers, ts).err().and_then(|e| e.webhook_failure());
            prop_assert_eq!(failure, Some(WebhookFailure::NoMatchingSignature));
        }
    }

    #[test]
    fn tolerance_holds_both_ways(offset in -10_000i64..10_000, tolerance in 0u64..3600) {
        let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").expect("secret").tolerance(std::time::Duration::from_secs(tolerance));
        let ts = 1_700_000_000i64;
        let headers = webhook.sign_headers("msg_1", ts, b"x");
        let result = webhook.verify_signature_at(b"x", &headers, ts + offset);
        if offset.unsigned_abs() <= tolerance {
            prop_assert!(result.is_ok());
        } else if offset > 0 {
            prop_assert_eq!(result.err().and_then(|e| e.webhook_failure()), Some(WebhookFailure::TimestampTooOld));
        } else {
            prop_assert_eq!(result.err().and_then(|e| e.webhook_failure()), Some(WebhookFailure::TimestampTooNew));
        }
    }
}
