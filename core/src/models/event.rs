//! Webhook events: `{"id": "evt_…", "type": "...", "data": {...}}` parsed into a typed union.

use super::billing::Obligation;
use super::payment::Payment;
use super::payment_page::PaymentPageTransaction;
use super::payment_request::PaymentRequest;
use super::payment_session::PaymentSession;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

open_enum! {
    /// Every event type Moment documents.
    EventType {
        /// A payment session was created.
        PaymentSessionCreated => "payment_session.created",
        /// A payment session changed.
        PaymentSessionUpdated => "payment_session.updated",
        /// A payment session completed (read `payment_outcome`).
        PaymentSessionCompleted => "payment_session.completed",
        /// A payment (or authorisation) succeeded.
        PaymentSucceeded => "payment.succeeded",
        /// A capture succeeded.
        PaymentCaptured => "payment.captured",
        /// A void succeeded.
        PaymentVoided => "payment.voided",
        /// One attempt failed; more may follow.
        PaymentAttemptFailed => "payment.attempt_failed",
        /// All attempts failed.
        PaymentFailed => "payment.failed",
        /// A payment request was created.
        PaymentRequestCreated => "payment_request.created",
        /// A payment request changed.
        PaymentRequestUpdated => "payment_request.updated",
        /// A payment request was paid.
        PaymentRequestPaid => "payment_request.paid",
        /// A payment page received a payment.
        PaymentPagePaymentReceived => "payment_page.payment_received",
        /// Money was applied to a billing balance or bill.
        ObligationAmountApplied => "obligation.amount_applied",
        /// Legacy payment link created.
        PaymentLinkCreated => "payment_link.created",
        /// Legacy payment link changed.
        PaymentLinkUpdated => "payment_link.updated",
    }
}

/// The typed payload of an event.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum EventData {
    /// `payment_session.*`.
    PaymentSession(Box<PaymentSession>),
    /// `payment.*`.
    Payment(Box<Payment>),
    /// `payment_request.*`.
    PaymentRequest(Box<PaymentRequest>),
    /// `payment_page.payment_received`.
    PaymentPageTransaction(Box<PaymentPageTransaction>),
    /// `obligation.amount_applied`.
    Obligation(Box<Obligation>),
    /// An event type this SDK does not know, or a legacy one without a model: `data` as sent.
    Unknown(serde_json::Value),
}

/// A verified webhook event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// `evt_…`: the event's ID (use it, or the `webhook-id`, to deduplicate).
    pub id: String,
    /// The event type.
    pub kind: EventType,
    /// The typed payload.
    pub data: EventData,
}

#[derive(Deserialize)]
struct RawEvent<'a> {
    id: String,
    /// Borrowed unless the JSON string has escapes.
    #[serde(rename = "type", borrow)]
    kind: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    data: &'a RawValue,
}

impl<'a> RawEvent<'a> {
    fn parse(body: &'a [u8]) -> Result<RawEvent<'a>, String> {
        serde_json::from_slice(body)
            .map_err(|e| format!("not an event envelope {{id, type, data}}: {e}"))
    }
}

impl EventData {
    /// `data` (JSON bytes) of an event of type `kind`, as the model that type names
    /// (`Unknown` keeps other types' data as JSON). Fails with a
    /// [`WebhookFailure::MalformedBody`](crate::WebhookFailure::MalformedBody) error naming
    /// the problem when a known event's data does not match its model.
    pub fn parse(kind: &EventType, json: &[u8]) -> crate::Result<EventData> {
        typed_data(kind, json).map_err(malformed)
    }
}

impl EventType {
    /// The model of this type's `data` (`PaymentSession` for `payment_session.*`), or `None`
    /// for types whose data is kept as JSON (legacy `payment_link.*`, unknown types).
    pub fn data_model(&self) -> Option<&'static str> {
        Some(match self {
            EventType::PaymentSessionCreated
            | EventType::PaymentSessionUpdated
            | EventType::PaymentSessionCompleted => "PaymentSession",
            EventType::PaymentSucceeded
            | EventType::PaymentCaptured
            | EventType::PaymentVoided
            | EventType::PaymentAttemptFailed
            | EventType::PaymentFailed => "Payment",
            EventType::PaymentRequestCreated
            | EventType::PaymentRequestUpdated
            | EventType::PaymentRequestPaid => "PaymentRequest",
            EventType::PaymentPagePaymentReceived => "PaymentPageTransaction",
            EventType::ObligationAmountApplied => "Obligation",
            EventType::PaymentLinkCreated
            | EventType::PaymentLinkUpdated
            | EventType::Unknown(_) => {
                return None;
            }
        })
    }
}

fn typed_data(kind: &EventType, json: &[u8]) -> Result<EventData, String> {
    fn typed<T: serde::de::DeserializeOwned>(json: &[u8], what: &str) -> Result<Box<T>, String> {
        serde_json::from_slice(json)
            .map(Box::new)
            .map_err(|e| format!("`data` is not a valid {what}: {e}"))
    }
    Ok(match kind.data_model() {
        Some("PaymentSession") => EventData::PaymentSession(typed(json, "payment session")?),
        Some("Payment") => EventData::Payment(typed(json, "payment")?),
        Some("PaymentRequest") => EventData::PaymentRequest(typed(json, "payment request")?),
        Some("PaymentPageTransaction") => {
            EventData::PaymentPageTransaction(typed(json, "payment page transaction")?)
        }
        Some("Obligation") => EventData::Obligation(typed(json, "obligation")?),
        _ => EventData::Unknown(serde_json::from_slice(json).map_err(|e| format!("`data`: {e}"))?),
    })
}

/// An event whose envelope is read and whose `data` is typed when asked for.
///
/// [`Webhook::verify_envelope`](crate::Webhook::verify_envelope) returns it: the `id` and
/// `type` are parsed and the whole body is checked to be one well-formed JSON event, but
/// the payload is only built into its model by [`EventEnvelope::data`]. A handler that
/// routes on the type, deduplicates on the id or queues the raw event never pays for
/// the model (the language bindings' events are built on it; see docs/decisions.md).
#[derive(Debug, Clone, PartialEq)]
pub struct EventEnvelope {
    id: String,
    kind: EventType,
    body: Vec<u8>,
    data: std::ops::Range<usize>,
}

impl EventEnvelope {
    /// Reads an event body's envelope. Fails with a message naming the problem when the
    /// body is not one JSON object with `id`, `type` and `data`.
    pub fn from_slice(body: &[u8]) -> Result<EventEnvelope, String> {
        EventEnvelope::from_vec(body.to_vec())
    }

    /// The ID and type of an event body, having checked it is one well-formed JSON event
    /// (nothing is copied or kept).
    pub fn head(body: &[u8]) -> Result<(String, EventType), String> {
        let raw = RawEvent::parse(body)?;
        Ok((raw.id, EventType::from(raw.kind.as_ref())))
    }

    /// [`EventEnvelope::from_slice`], keeping the given buffer (no copy).
    pub fn from_vec(body: Vec<u8>) -> Result<EventEnvelope, String> {
        let (id, kind, data) = {
            let raw = RawEvent::parse(&body)?;
            // The borrowed `data` points into `body`: keep its place, not a copy.
            let json = raw.data.get();
            let start = json.as_ptr() as usize - body.as_ptr() as usize;
            (
                raw.id,
                EventType::from(raw.kind.as_ref()),
                start..start + json.len(),
            )
        };
        Ok(EventEnvelope {
            id,
            kind,
            body,
            data,
        })
    }

    /// `evt_…`: the event's ID.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The event type.
    pub fn kind(&self) -> &EventType {
        &self.kind
    }

    /// The `data` member exactly as received (JSON text).
    pub fn data_json(&self) -> &str {
        // Reading the envelope checked these bytes are UTF-8 (serde_json validates a raw
        // value borrowed from a slice), so this never falls back.
        std::str::from_utf8(&self.body[self.data.clone()]).unwrap_or_default()
    }

    /// Where `data` lies in [`EventEnvelope::body`] (byte offsets).
    pub fn data_range(&self) -> std::ops::Range<usize> {
        self.data.clone()
    }

    /// The whole body exactly as received.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// `data` as the model its type names. Fails with a
    /// [`WebhookFailure::MalformedBody`](crate::WebhookFailure::MalformedBody) error naming
    /// the field when a known event's data does not match its model.
    pub fn data(&self) -> crate::Result<EventData> {
        EventData::parse(&self.kind, &self.body[self.data.clone()])
    }

    /// The fully typed [`Event`].
    pub fn into_event(self) -> crate::Result<Event> {
        let data = self.data()?;
        Ok(Event {
            id: self.id,
            kind: self.kind,
            data,
        })
    }
}

/// The error of a body that verified but is not a Moment event.
pub(crate) fn malformed(message: String) -> crate::Error {
    crate::Error::webhook(
        crate::WebhookFailure::MalformedBody,
        format!("the signature is valid but the body is not a Moment event: {message}"),
    )
}

/// Any of the event data models, or (for other types) any JSON.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for EventData {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "EventData".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The data of an event: the model its type names (EventType::data_model), or any JSON for other types.",
            "anyOf": [
                generator.subschema_for::<PaymentSession>(),
                generator.subschema_for::<Payment>(),
                generator.subschema_for::<PaymentRequest>(),
                generator.subschema_for::<PaymentPageTransaction>(),
                generator.subschema_for::<Obligation>(),
                {},
            ],
        })
    }
}

impl Serialize for EventData {
    /// The model's own JSON (every field, null when absent); `Unknown` as received.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            EventData::PaymentSession(data) => data.serialize(serializer),
            EventData::Payment(data) => data.serialize(serializer),
            EventData::PaymentRequest(data) => data.serialize(serializer),
            EventData::PaymentPageTransaction(data) => data.serialize(serializer),
            EventData::Obligation(data) => data.serialize(serializer),
            EventData::Unknown(data) => data.serialize(serializer),
        }
    }
}

impl Serialize for Event {
    /// The wire form: `{"id", "type", "data"}`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut event = serializer.serialize_struct("Event", 3)?;
        event.serialize_field("id", &self.id)?;
        event.serialize_field("type", self.kind.as_str())?;
        event.serialize_field("data", &self.data)?;
        event.end()
    }
}

impl Event {
    /// Parses an event body. Fails with a message naming the problem (`data.amount`, ...)
    /// when a known event's data does not match its model.
    pub fn from_slice(body: &[u8]) -> Result<Event, String> {
        let raw = RawEvent::parse(body)?;
        let kind = EventType::from(raw.kind.as_ref());
        let data = typed_data(&kind, raw.data.get().as_bytes())?;
        Ok(Event {
            id: raw.id,
            kind,
            data,
        })
    }

    /// Serialises the event back to its wire form (used by the simulator to send it).
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The event as a JSON value (the wire form).
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    /// The payment session, for `payment_session.*` events.
    pub fn payment_session(&self) -> Option<&PaymentSession> {
        match &self.data {
            EventData::PaymentSession(session) => Some(session),
            _ => None,
        }
    }

    /// The payment, for `payment.*` events.
    pub fn payment(&self) -> Option<&Payment> {
        match &self.data {
            EventData::Payment(payment) => Some(payment),
            _ => None,
        }
    }

    /// The payment request, for `payment_request.*` events.
    pub fn payment_request(&self) -> Option<&PaymentRequest> {
        match &self.data {
            EventData::PaymentRequest(request) => Some(request),
            _ => None,
        }
    }

    /// The obligation, for `obligation.amount_applied`.
    pub fn obligation(&self) -> Option<&Obligation> {
        match &self.data {
            EventData::Obligation(obligation) => Some(obligation),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_with_json_escapes_is_read() {
        let body = br#"{"id":"evt_1","type":"payment\u005fsession.updated","data":{"x":1}}"#;
        let (id, kind) = EventEnvelope::head(body).expect("well formed");
        assert_eq!(
            (id.as_str(), kind),
            ("evt_1", EventType::PaymentSessionUpdated)
        );
        assert!(EventEnvelope::from_slice(body).is_ok());
        assert!(EventEnvelope::head(br#"{"id":"evt_1","type":"x","data":{"#).is_err());
    }
}
