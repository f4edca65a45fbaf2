//! Secret rotation on the verifying side: while Moment rotates a secret, messages signed
//! with the old one verify only when the verifier was given it as an additional secret.

use momentpay::{Webhook, WebhookFailure};

const NEW: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const OLD: &str = "whsec_QWxzbyBhIHZlcnkgb2xkIHNlY3JldCBrZXk=";

#[test]
fn a_message_signed_with_the_old_secret_verifies_only_with_it_added() {
    let now = 1_700_000_000;
    // An event type this SDK does not model: its data stays as JSON, so only the
    // signature decides here.
    let body = br#"{"id":"evt_1","type":"test.rotation","created_at":"2023-11-14T22:13:20Z","data":{"id":"x_1"}}"#;
    let old_headers = Webhook::new(OLD)
        .expect("old secret")
        .sign_headers("msg_rotate", now, body);

    let without = Webhook::new(NEW).expect("new secret");
    let error = without
        .verify_at(body, &old_headers, now)
        .expect_err("the old secret is not known");
    assert_eq!(
        error.webhook_failure(),
        Some(WebhookFailure::NoMatchingSignature)
    );

    let rotating = Webhook::new(NEW)
        .expect("new secret")
        .with_additional_secret(OLD)
        .expect("old secret");
    let event = rotating
        .verify_at(body, &old_headers, now)
        .expect("the old secret is accepted while rotating");
    assert_eq!(event.id, "evt_1");
    // The primary secret still verifies, and a third secret still does not.
    let new_headers = Webhook::new(NEW)
        .expect("new secret")
        .sign_headers("msg_rotate", now, body);
    rotating
        .verify_at(body, &new_headers, now)
        .expect("the new secret");
    let other = Webhook::new("whsec_T3RoZXIgc2VjcmV0IG9mIDI0IGJ5dGVzIG9yIG1vcmU=")
        .expect("other")
        .sign_headers("msg_rotate", now, body);
    assert_eq!(
        rotating
            .verify_at(body, &other, now)
            .expect_err("unknown secret")
            .webhook_failure(),
        Some(WebhookFailure::NoMatchingSignature)
    );
    // A bad additional secret is refused when it is given, not when a webhook arrives.
    assert!(
        Webhook::new(NEW)
            .expect("new")
            .with_additional_secret("whsec_short")
            .is_err()
    );
}
