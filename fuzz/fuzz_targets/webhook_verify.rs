//! Webhook verification never panics on any headers and body, and accepts only what was
//! signed with the secret: a verified message always equals a fresh signature of it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use momentpay::webhooks::Webhook;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const NOW: i64 = 1_700_000_000;

fuzz_target!(|data: &[u8]| {
    let webhook = Webhook::new(SECRET).expect("valid secret");
    // Split the input into webhook-id, webhook-timestamp, webhook-signature and body at 0x00.
    let mut parts = data.splitn(4, |b| *b == 0);
    let id = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let timestamp = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let signature = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let body = parts.next().unwrap_or_default();
    let headers = [("webhook-id", id.as_str()), ("webhook-timestamp", timestamp.as_str()), ("webhook-signature", signature.as_str())];
    if webhook.verify_signature_at(body, &headers, NOW).is_ok() {
        let ts: i64 = timestamp.parse().expect("a verified timestamp is an integer");
        let expected = webhook.sign(&id, ts, body);
        assert!(signature.split(' ').any(|entry| entry == expected), "accepted a signature we did not make");
    }
    // The envelope path accepts exactly what the eager path accepts, up to data typing.
    match (webhook.verify_at(body, &headers, NOW), webhook.verify_envelope_at(body, &headers, NOW)) {
        (Ok(event), Ok(envelope)) => assert_eq!(envelope.into_event().expect("typed"), event),
        (Err(_), Ok(envelope)) => assert!(envelope.data().is_err(), "only data typing may fail later"),
        (Ok(_), Err(e)) => panic!("verify accepted what verify_envelope refused: {e}"),
        (Err(_), Err(_)) => {}
    }
    // A message we sign always verifies, whatever its content.
    let signed = webhook.sign_headers(&id, NOW, body);
    assert!(webhook.verify_signature_at(body, &signed, NOW).is_ok());
    // Any secret text is either refused or usable; never a panic.
    if let Ok(other) = Webhook::new(&String::from_utf8_lossy(body)) {
        let _ = other.verify_at(body, &headers, NOW);
    }
});
