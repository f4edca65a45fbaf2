//! Webhook verification and signing (Standard Webhooks, `v1`, HMAC-SHA256).
//!
//! ```
//! use momentpay::webhooks::Webhook;
//! # fn main() -> Result<(), momentpay::Error> {
//! let webhook = Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
//! let body = br#"{"id":"evt_1","type":"payment.failed","data":{"id":"pay_1","status":"failed","amount":300,"currency":"ZAR"}}"#;
//! let now = 1_700_000_000;
//! let headers = webhook.sign_headers("msg_1", now, body);
//! let event = webhook.verify_at(body, &headers, now)?;
//! assert_eq!(event.kind.as_str(), "payment.failed");
//! # Ok(()) }
//! ```
//!
//! Verification checks, in order: the three headers are present; the timestamp is an integer
//! within the tolerance (180 s by default, both ways); one `v1` signature matches (constant
//! time; several entries allow key rotation); only then is the body parsed. Each failure has
//! its own [`WebhookFailure`]. A body over [`MAX_PAYLOAD_BYTES`] is refused before any of
//! that.

mod headers;

pub use headers::{WEBHOOK_ID, WEBHOOK_SIGNATURE, WEBHOOK_TIMESTAMP, WebhookHeaders};

use crate::error::{Error, Result, WebhookFailure};
use crate::models::{Event, EventEnvelope};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use subtle::ConstantTimeEq;

/// Moment's recommended tolerance between the signing time and now.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(180);

/// Largest webhook body verified (1 MiB; Moment's events are a few KB). A larger body is
/// refused as [`WebhookFailure::MalformedBody`] before its HMAC is computed, so a flood of
/// huge bodies costs a length check each.
pub const MAX_PAYLOAD_BYTES: usize = 1 << 20;

type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// The shortest secret accepted, in decoded bytes: the Standard Webhooks minimum (secrets
/// are 24 to 64 bytes; Moment's and [`Webhook::generate_secret`]'s are 32).
pub const MIN_SECRET_BYTES: usize = 24;

/// A webhook signing key, decoded from its `whsec_…` form and kept as the keyed HMAC state
/// (cloned per message, so the key schedule runs once per secret, not per webhook). Never
/// printed.
#[derive(Clone)]
struct SigningKey(Hmac<Sha256>);

impl SigningKey {
    fn parse(secret: &str) -> Result<SigningKey> {
        if secret.is_empty() {
            return Err(Error::webhook(
                WebhookFailure::InvalidSecret,
                "the webhook secret is empty",
            ));
        }
        if secret.trim() != secret {
            return Err(Error::webhook(
                WebhookFailure::InvalidSecret,
                "the webhook secret has leading or trailing whitespace; trim it",
            ));
        }
        let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
        let key = STANDARD.decode(encoded).map_err(|_| {
            Error::webhook(
                WebhookFailure::InvalidSecret,
                "the webhook secret is not `whsec_` followed by base64",
            )
        })?;
        if key.len() < MIN_SECRET_BYTES {
            return Err(Error::webhook(
                WebhookFailure::InvalidSecret,
                format!(
                    "the webhook secret decodes to {} bytes; Standard Webhooks secrets are at \
                     least {MIN_SECRET_BYTES} (Moment's are 32): copy the whole `whsec_…` value",
                    key.len()
                ),
            ));
        }
        // HMAC accepts keys of any length, so this cannot fail.
        let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        Ok(SigningKey(mac))
    }

    fn mac(&self, msg_id: &str, timestamp: i64, payload: &[u8]) -> [u8; 32] {
        let mut mac = self.0.clone();
        mac.update(msg_id.as_bytes());
        mac.update(b".");
        let mut digits = [0u8; 20];
        mac.update(decimal(timestamp, &mut digits));
        mac.update(b".");
        mac.update(payload);
        mac.finalize().into_bytes().into()
    }
}

/// Headers made by [`Webhook::sign_headers`], ready to send or to pass to `verify`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    /// `webhook-id`.
    pub id: String,
    /// `webhook-timestamp`.
    pub timestamp: String,
    /// `webhook-signature`.
    pub signature: String,
}

impl WebhookHeaders for SignedHeaders {
    fn header(&self, name: &str) -> Option<&str> {
        if name.eq_ignore_ascii_case(WEBHOOK_ID) {
            Some(&self.id)
        } else if name.eq_ignore_ascii_case(WEBHOOK_TIMESTAMP) {
            Some(&self.timestamp)
        } else if name.eq_ignore_ascii_case(WEBHOOK_SIGNATURE) {
            Some(&self.signature)
        } else {
            None
        }
    }
}

/// Verifies (and, for tests and the simulator, signs) Moment webhooks.
///
/// Cheap to clone; safe to share across threads.
#[derive(Clone)]
pub struct Webhook {
    keys: Vec<SigningKey>,
    tolerance: Duration,
    clock: Option<Clock>,
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("secrets", &format_args!("[{} redacted]", self.keys.len()))
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl Webhook {
    /// A verifier for one secret (`whsec_<base64>`; a secret without the prefix is
    /// base64-decoded whole).
    pub fn new(secret: &str) -> Result<Webhook> {
        Ok(Webhook {
            keys: vec![SigningKey::parse(secret)?],
            tolerance: DEFAULT_TOLERANCE,
            clock: None,
        })
    }

    /// Also accepts signatures made with `secret` (while Moment rotates your secret).
    pub fn with_additional_secret(mut self, secret: &str) -> Result<Webhook> {
        self.keys.push(SigningKey::parse(secret)?);
        Ok(self)
    }

    /// How far the timestamp may be from now, in either direction (default 180 s).
    pub fn tolerance(mut self, tolerance: Duration) -> Webhook {
        self.tolerance = tolerance;
        self
    }

    /// Replaces the clock (Unix seconds) used by [`Webhook::verify`]; for tests.
    pub fn clock(mut self, clock: impl Fn() -> i64 + Send + Sync + 'static) -> Webhook {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// Generates a fresh secret (`whsec_` + base64 of 32 random bytes).
    pub fn generate_secret() -> String {
        let bytes: [u8; 32] = rand::random();
        format!("whsec_{}", STANDARD.encode(bytes))
    }

    fn now(&self) -> i64 {
        self.clock.as_ref().map_or_else(unix_now, |clock| clock())
    }

    /// Verifies the raw request body against its headers and parses the event.
    ///
    /// Pass the body exactly as received (bytes), not a re-serialised JSON object.
    pub fn verify(
        &self,
        payload: &[u8],
        headers: &(impl WebhookHeaders + ?Sized),
    ) -> Result<Event> {
        self.verify_at(payload, headers, self.now())
    }

    /// [`Webhook::verify`] at a given time (Unix seconds).
    pub fn verify_at(
        &self,
        payload: &[u8],
        headers: &(impl WebhookHeaders + ?Sized),
        now: i64,
    ) -> Result<Event> {
        self.verify_signature_at(payload, headers, now)?;
        Event::from_slice(payload).map_err(crate::models::event::malformed)
    }

    /// Verifies like [`Webhook::verify`] but leaves `data` unparsed until
    /// [`EventEnvelope::data`] is called: the id and type are read, and the body is checked
    /// to be a well-formed event. The fast path for handlers that route or queue events.
    ///
    /// `payload` is any byte buffer; an owned `Vec<u8>` is kept without a copy.
    pub fn verify_envelope(
        &self,
        payload: impl AsRef<[u8]> + Into<Vec<u8>>,
        headers: &(impl WebhookHeaders + ?Sized),
    ) -> Result<EventEnvelope> {
        self.verify_envelope_at(payload, headers, self.now())
    }

    /// [`Webhook::verify_envelope`] at a given time (Unix seconds).
    pub fn verify_envelope_at(
        &self,
        payload: impl AsRef<[u8]> + Into<Vec<u8>>,
        headers: &(impl WebhookHeaders + ?Sized),
        now: i64,
    ) -> Result<EventEnvelope> {
        self.verify_signature_at(payload.as_ref(), headers, now)?;
        EventEnvelope::from_vec(payload.into()).map_err(crate::models::event::malformed)
    }

    /// Verifies like [`Webhook::verify_envelope_at`] but keeps nothing of the body: answers
    /// the event's ID and type, having checked the body is a well-formed event. For a binding
    /// that keeps the bytes itself (no copy here); [`crate::models::EventEnvelope::from_slice`]
    /// reads them again when the data is wanted.
    pub fn verify_head_at(
        &self,
        payload: &[u8],
        headers: &(impl WebhookHeaders + ?Sized),
        now: i64,
    ) -> Result<(String, crate::models::EventType)> {
        self.verify_signature_at(payload, headers, now)?;
        crate::models::EventEnvelope::head(payload).map_err(crate::models::event::malformed)
    }

    /// [`Webhook::verify_head_at`] now.
    pub fn verify_head(
        &self,
        payload: &[u8],
        headers: &(impl WebhookHeaders + ?Sized),
    ) -> Result<(String, crate::models::EventType)> {
        self.verify_head_at(payload, headers, self.now())
    }

    /// Checks headers, timestamp and signature without parsing the body.
    pub fn verify_signature(
        &self,
        payload: &[u8],
        headers: &(impl WebhookHeaders + ?Sized),
    ) -> Result<()> {
        self.verify_signature_at(payload, headers, self.now())
    }

    /// [`Webhook::verify_signature`] at a given time (Unix seconds).
    pub fn verify_signature_at(
        &self,
        payload: &[u8],
        headers: &(impl WebhookHeaders + ?Sized),
        now: i64,
    ) -> Result<()> {
        if payload.len() > MAX_PAYLOAD_BYTES {
            return Err(Error::webhook(
                WebhookFailure::MalformedBody,
                format!(
                    "the webhook body is {} bytes, over the {MAX_PAYLOAD_BYTES}-byte limit; refused before its signature was checked",
                    payload.len()
                ),
            ));
        }
        let header = |name: &'static str| {
            headers.header(name).ok_or_else(|| {
                Error::webhook(
                    WebhookFailure::MissingHeader,
                    format!("the `{name}` header is missing"),
                )
            })
        };
        let msg_id = header(WEBHOOK_ID)?;
        let timestamp_text = header(WEBHOOK_TIMESTAMP)?;
        let signatures = header(WEBHOOK_SIGNATURE)?;
        let timestamp = parse_timestamp(timestamp_text)?;
        let tolerance = i64::try_from(self.tolerance.as_secs()).unwrap_or(i64::MAX);
        if now.saturating_sub(timestamp) > tolerance {
            return Err(Error::webhook(
                WebhookFailure::TimestampTooOld,
                format!(
                    "the webhook timestamp is {} s old, more than the {tolerance} s tolerance (a replay?)",
                    now.saturating_sub(timestamp)
                ),
            ));
        }
        if timestamp.saturating_sub(now) > tolerance {
            return Err(Error::webhook(
                WebhookFailure::TimestampTooNew,
                format!(
                    "the webhook timestamp is {} s in the future, more than the {tolerance} s tolerance (check the clock)",
                    timestamp.saturating_sub(now)
                ),
            ));
        }
        let expected: Vec<[u8; 32]> = self
            .keys
            .iter()
            .map(|key| key.mac(msg_id, timestamp, payload))
            .collect();
        // Every `v1,` entry that is base64 is a candidate; only 32-byte ones can match.
        let mut candidates = 0usize;
        let mut matched = subtle::Choice::from(0);
        for signature in signatures.split(' ').filter_map(|e| e.strip_prefix("v1,")) {
            let mut decoded = [0u8; 64];
            match STANDARD.decode_slice(signature, &mut decoded) {
                Ok(len) => {
                    candidates += 1;
                    for mac in &expected {
                        matched |= mac.as_slice().ct_eq(&decoded[..len]);
                    }
                }
                Err(base64::DecodeSliceError::OutputSliceTooSmall) => candidates += 1,
                Err(_) => {}
            }
        }
        if bool::from(matched) {
            Ok(())
        } else if candidates == 0 {
            Err(Error::webhook(
                WebhookFailure::NoMatchingSignature,
                "`webhook-signature` holds no `v1,<base64>` signature",
            ))
        } else {
            Err(Error::webhook(
                WebhookFailure::NoMatchingSignature,
                "no signature matches: check the secret, and pass the raw request body as received \
                 (not parsed and re-serialised JSON)",
            ))
        }
    }

    /// Signs a payload: the `webhook-signature` value, one `v1,` entry per secret.
    pub fn sign(&self, msg_id: &str, timestamp: i64, payload: &[u8]) -> String {
        self.keys
            .iter()
            .map(|key| {
                format!(
                    "v1,{}",
                    STANDARD.encode(key.mac(msg_id, timestamp, payload))
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Signs a payload and returns all three headers.
    pub fn sign_headers(&self, msg_id: &str, timestamp: i64, payload: &[u8]) -> SignedHeaders {
        SignedHeaders {
            id: msg_id.to_owned(),
            timestamp: timestamp.to_string(),
            signature: self.sign(msg_id, timestamp, payload),
        }
    }
}

/// `value` in decimal, written into `buffer` (no allocation on the verify path).
fn decimal(value: i64, buffer: &mut [u8; 20]) -> &[u8] {
    use std::io::Write;
    let mut cursor = std::io::Cursor::new(&mut buffer[..]);
    // 20 bytes hold every i64 ("-9223372036854775808"), so the write cannot fail.
    let _ = write!(cursor, "{value}");
    let len = cursor.position() as usize;
    &buffer[..len]
}

fn parse_timestamp(text: &str) -> Result<i64> {
    // Canonical decimal only: no sign, no leading zero (`01700000000` would be signed as its
    // text by one verifier and as its value by another), at most 18 digits.
    let valid = !text.is_empty()
        && text.len() <= 18
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    match text.parse::<i64>() {
        Ok(value) if valid => Ok(value),
        _ => Err(Error::webhook(
            WebhookFailure::InvalidTimestamp,
            format!(
                "`webhook-timestamp` must be Unix seconds (got {:?})",
                truncate(text, 40)
            ),
        )),
    }
}

fn truncate(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    #[test]
    fn standard_webhooks_reference_vector() {
        let webhook = Webhook::new(SECRET).expect("valid secret");
        let signature = webhook.sign(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            br#"{"test": 2432232314}"#,
        );
        assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn secret_is_never_printed() {
        let webhook = Webhook::new(SECRET).expect("valid secret");
        assert!(!format!("{webhook:?}").contains("MfKQ9r8G"));
    }

    #[test]
    fn bad_secrets_are_refused() {
        for secret in [
            "",
            "whsec_",
            "whsec_!!!",
            " whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        ] {
            let err = Webhook::new(secret).expect_err(secret);
            assert_eq!(
                err.webhook_failure(),
                Some(WebhookFailure::InvalidSecret),
                "{secret:?}"
            );
        }
    }
}
