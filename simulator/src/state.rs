//! Everything the simulator remembers, per merchant (API key), behind one mutex.

use crate::clock::{self, VirtualClock};
use crate::ids::new_id;
use crate::webhooks::{Delivery, Endpoint};
use momentpay::models::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// A saved card (`pmt_…`) and the mandate it was saved under.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PaymentMethodRecord {
    /// `pmt_…`.
    pub id: String,
    /// `cus_…`.
    pub customer_id: String,
    /// The normalised card number (kept for next_in_series behaviour).
    pub card_number: String,
    /// The mandate accepted with it (first_in_series), if any.
    pub mandate: Option<Mandate>,
}

/// A mandate as the simulator enforces it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mandate {
    /// The options the customer accepted (defaulted where absent).
    pub options: MandateOptions,
    /// Currency of the first_in_series session.
    pub currency: String,
    /// Virtual ms of each successful payment under it, with amounts.
    pub payments: Vec<(i64, i64)>,
}

/// A subscription the simulator charges itself as the clock advances.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Subscription {
    /// The customer charged.
    pub customer_id: String,
    /// The saved method charged.
    pub payment_method_id: String,
    /// Amount per charge.
    pub amount: i64,
    /// Currency.
    pub currency: String,
    /// The cadence.
    pub recurrence: Recurrence,
    /// Next charge, virtual Unix ms.
    pub next_charge_ms: i64,
    /// Last day (days since epoch), if any.
    pub end_day: Option<i64>,
    /// Charges made.
    pub charges: u32,
    /// The session that set it up.
    pub first_session_id: String,
}

/// A payment session with what the simulator needs besides the public object.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionRecord {
    /// The public object.
    pub session: PaymentSession,
    /// The create parameters.
    pub params: CreatePaymentSession,
    /// Last activity (virtual ms), for the 24 h expiry.
    pub last_activity_ms: i64,
}

/// What a hosted checkout pays for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckoutTarget {
    /// A payment session.
    Session(String),
    /// A payment request link.
    PaymentRequest(String),
}

/// An event as emitted (kept for `GET /_sim/events`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventRecord {
    /// `evt_…`.
    pub id: String,
    /// Event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Virtual time of emission.
    pub created_at: String,
    /// The body sent to endpoints.
    pub body: serde_json::Value,
}

/// One merchant's objects (as a state snapshot holds them, too).
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Merchant {
    /// `live` or `test`.
    pub test_mode: bool,
    /// Payment sessions by ID.
    pub sessions: HashMap<String, SessionRecord>,
    /// Payments by ID.
    pub payments: HashMap<String, Payment>,
    /// Collect-side customers (`cus_…`) and their saved methods.
    pub customers: HashMap<String, Vec<String>>,
    /// Saved payment methods by ID.
    pub payment_methods: HashMap<String, PaymentMethodRecord>,
    /// Subscriptions.
    pub subscriptions: Vec<Subscription>,
    /// Payment requests by ID.
    pub payment_requests: HashMap<String, PaymentRequest>,
    /// Payment pages by ID.
    pub payment_pages: HashMap<String, PaymentPage>,
    /// Payment page transactions in creation order.
    pub transactions: Vec<PaymentPageTransaction>,
    /// Billing customers by ID.
    pub billing_customers: HashMap<String, BillingCustomer>,
    /// Billing accounts by ID.
    pub billing_accounts: HashMap<String, BillingAccount>,
    /// Bills by ID.
    pub bills: HashMap<String, Bill>,
    /// Events emitted.
    pub events: Vec<EventRecord>,
    /// How far this merchant advanced its own clock (ms), on top of the simulator's.
    pub clock_offset_ms: i64,
    /// How this merchant's webhook deliveries misbehave (off unless it asks).
    pub chaos: crate::webhooks::ChaosState,
}

impl Merchant {
    /// Whether it holds nothing a merchant made or set: no object, event, clock offset or
    /// chaos (a merchant a GET made and nothing else touched).
    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
            && self.payments.is_empty()
            && self.customers.is_empty()
            && self.payment_methods.is_empty()
            && self.subscriptions.is_empty()
            && self.payment_requests.is_empty()
            && self.payment_pages.is_empty()
            && self.transactions.is_empty()
            && self.billing_customers.is_empty()
            && self.billing_accounts.is_empty()
            && self.bills.is_empty()
            && self.events.is_empty()
            && self.clock_offset_ms == 0
            && !self.chaos.config.is_on()
    }

    /// `live` or `test`.
    pub fn mode(&self) -> Mode {
        if self.test_mode {
            Mode::Test
        } else {
            Mode::Live
        }
    }
}

/// The whole simulated world.
#[derive(Debug)]
pub struct Store {
    /// Merchants by their secret key.
    pub merchants: HashMap<String, Merchant>,
    /// Checkout IDs to what they pay.
    pub checkouts: HashMap<String, (String, CheckoutTarget)>,
    /// Registered webhook endpoints.
    pub endpoints: Vec<Endpoint>,
    /// Every delivery and its attempts. Add with [`Store::push_delivery`]; after removing
    /// any, call [`Store::reindex_deliveries`].
    pub deliveries: Vec<Delivery>,
    /// Positions in `deliveries` of those still pending: the webhook worker looks at these
    /// only, never at the history.
    pub(crate) pending: std::collections::BTreeSet<usize>,
    /// Position in `deliveries` of each delivery ID.
    pub(crate) delivery_positions: HashMap<String, usize>,
    /// The server's base URL (for `session_url` and friends).
    pub base_url: String,
    /// The virtual clock.
    pub clock: Arc<VirtualClock>,
    /// Session inactivity timeout.
    pub session_ttl_ms: i64,
    /// How long a manual-capture authorisation lasts.
    pub authorization_ttl_ms: i64,
    /// The simulator's `--seed`, if any (chaos without a seed of its own derives from it).
    pub seed: Option<u64>,
}

impl Store {
    /// An empty world.
    pub fn new(base_url: String, clock: Arc<VirtualClock>) -> Store {
        Store {
            merchants: HashMap::new(),
            checkouts: HashMap::new(),
            endpoints: Vec::new(),
            deliveries: Vec::new(),
            pending: std::collections::BTreeSet::new(),
            delivery_positions: HashMap::new(),
            base_url,
            clock,
            session_ttl_ms: 24 * 3600 * 1000,
            authorization_ttl_ms: 7 * 24 * 3600 * 1000,
            seed: None,
        }
    }

    /// Virtual now of merchant `key`, in Unix ms: the simulator's clock plus what that
    /// merchant advanced its own clock by (a test's clock never moves another's).
    pub fn now_ms(&self, key: &str) -> i64 {
        self.clock.now_ms() + self.merchants.get(key).map_or(0, |m| m.clock_offset_ms)
    }

    /// [`Store::now_ms`] as RFC 3339.
    pub fn now(&self, key: &str) -> String {
        clock::rfc3339(self.now_ms(key))
    }

    /// The merchant of a secret key, created on first use.
    pub fn merchant(&mut self, key: &str) -> &mut Merchant {
        self.merchants
            .entry(key.to_owned())
            .or_insert_with(|| Merchant {
                test_mode: key.starts_with("sk_test_"),
                ..Merchant::default()
            })
    }

    /// The merchant key owning an object, searched across merchants (IDs are unique), as
    /// the control API needs for calls made without a key.
    pub fn owner_of(&self, owns: impl Fn(&Merchant) -> bool) -> Option<String> {
        self.merchants
            .iter()
            .find(|(_, m)| owns(m))
            .map(|(k, _)| k.clone())
    }

    /// Records an event and queues its delivery to every matching endpoint.
    pub fn emit(&mut self, merchant_key: &str, kind: EventType, data: EventData) {
        let event = Event {
            id: new_id("evt"),
            kind,
            data,
        };
        let body = event.to_json();
        let now_ms = self.now_ms(merchant_key);
        let record = EventRecord {
            id: event.id.clone(),
            kind: event.kind.as_str().to_owned(),
            created_at: clock::rfc3339(now_ms),
            body: serde_json::from_str(&body).unwrap_or(serde_json::Value::Null),
        };
        self.merchant(merchant_key).events.push(record);
        let targets = self.endpoints_of(merchant_key);
        for endpoint_id in targets {
            let message_id = new_id("msg");
            let chaos = &mut self.merchant(merchant_key).chaos;
            let due = chaos.first_attempt_ms(now_ms);
            let duplicate = chaos.duplicate().then(|| chaos.first_attempt_ms(now_ms));
            let delivery = |reason: &str, due_ms: i64| {
                Delivery::new(
                    endpoint_id.clone(),
                    merchant_key.to_owned(),
                    message_id.clone(),
                    event.id.clone(),
                    event.kind.as_str().to_owned(),
                    body.clone(),
                    reason,
                    due_ms,
                )
            };
            self.push_delivery(delivery("event", due));
            if let Some(due) = duplicate {
                self.push_delivery(delivery("duplicate", due));
            }
        }
    }

    /// Forgets merchants that hold nothing (no object, event, endpoint, clock offset or
    /// chaos): a GET with a new key makes one, and a long run must not keep them all.
    pub fn forget_empty_merchants(&mut self) {
        let with_endpoints: std::collections::HashSet<&str> = self
            .endpoints
            .iter()
            .filter_map(|e| e.merchant.as_deref())
            .collect();
        let empty: Vec<String> = self
            .merchants
            .iter()
            .filter(|(key, m)| m.is_empty() && !with_endpoints.contains(key.as_str()))
            .map(|(key, _)| key.clone())
            .collect();
        for key in empty {
            self.merchants.remove(&key);
        }
    }

    /// Forgets merchant `key` if it holds nothing (see [`Store::forget_empty_merchants`]).
    pub fn forget_if_empty(&mut self, key: &str) {
        let empty = self.merchants.get(key).is_some_and(Merchant::is_empty);
        if empty
            && !self
                .endpoints
                .iter()
                .any(|e| e.merchant.as_deref() == Some(key))
        {
            self.merchants.remove(key);
        }
    }

    /// Adds a delivery (indexed: by ID, and among the pending ones if it is pending).
    pub fn push_delivery(&mut self, delivery: Delivery) {
        let position = self.deliveries.len();
        if delivery.status == "pending" {
            self.pending.insert(position);
        }
        self.delivery_positions
            .insert(delivery.id.clone(), position);
        self.deliveries.push(delivery);
    }

    /// Rebuilds the delivery indexes after deliveries were removed or replaced (a reset, an
    /// import).
    pub fn reindex_deliveries(&mut self) {
        self.pending.clear();
        self.delivery_positions.clear();
        for (position, delivery) in self.deliveries.iter().enumerate() {
            if delivery.status == "pending" {
                self.pending.insert(position);
            }
            self.delivery_positions
                .insert(delivery.id.clone(), position);
        }
    }

    /// Where delivery `id` is in `deliveries`.
    pub fn delivery_position(&self, id: &str) -> Option<usize> {
        let position = *self.delivery_positions.get(id)?;
        (self.deliveries.get(position).map(|d| d.id.as_str()) == Some(id)).then_some(position)
    }

    /// Ends every pending delivery to endpoint `endpoint_id` as `failed`, saying why (the
    /// endpoint was removed: nothing will ever receive them).
    pub fn fail_deliveries_to(&mut self, endpoint_id: &str, why: &str) {
        let doomed: Vec<usize> = self
            .pending
            .iter()
            .copied()
            .filter(|&i| self.deliveries[i].endpoint_id == endpoint_id)
            .collect();
        for position in doomed {
            self.fail_delivery(position, why);
        }
    }

    /// Ends pending delivery `position` as `failed` with an attempt saying `why`.
    pub(crate) fn fail_delivery(&mut self, position: usize, why: &str) {
        let now = self.now(&self.deliveries[position].merchant.clone());
        let delivery = &mut self.deliveries[position];
        delivery.attempts.push(crate::webhooks::DeliveryAttempt {
            at: now,
            status: None,
            error: Some(why.to_owned()),
        });
        delivery.status = "failed".to_owned();
        delivery.next_attempt_at = None;
        delivery.in_flight = false;
        self.pending.remove(&position);
    }

    /// The IDs of the endpoints that receive `merchant_key`'s events: its own, and those
    /// registered for every merchant.
    fn endpoints_of(&self, merchant_key: &str) -> Vec<String> {
        self.endpoints
            .iter()
            .filter(|e| e.merchant.as_deref().is_none_or(|m| m == merchant_key))
            .map(|e| e.id.clone())
            .collect()
    }

    /// Sends event `event_id` of `merchant_key` again to each of the merchant's endpoints (the
    /// same `webhook-id` as its first delivery there); answers the new deliveries.
    pub fn resend(&mut self, merchant_key: &str, event_id: &str) -> Option<Vec<Delivery>> {
        let event = self
            .merchant(merchant_key)
            .events
            .iter()
            .find(|e| e.id == event_id)?
            .clone();
        let now_ms = self.now_ms(merchant_key);
        let body = serde_json::to_string(&event.body).unwrap_or_default();
        let targets = self.endpoints_of(merchant_key);
        let mut sent = Vec::new();
        for endpoint_id in targets {
            let message_id = self
                .deliveries
                .iter()
                .find(|d| d.event_id == event_id && d.endpoint_id == endpoint_id)
                .map(|d| d.message_id.clone())
                .unwrap_or_else(|| new_id("msg"));
            let delivery = Delivery::new(
                endpoint_id,
                merchant_key.to_owned(),
                message_id,
                event.id.clone(),
                event.kind.clone(),
                body.clone(),
                "resend",
                now_ms,
            );
            sent.push(delivery.clone());
            self.push_delivery(delivery);
        }
        Some(sent)
    }
}

/// Merges metadata keys into a map (PATCH semantics).
pub fn merge_metadata(target: &mut Metadata, update: &Option<Metadata>) {
    if let Some(update) = update {
        for (k, v) in update {
            target.insert(k.clone(), v.clone());
        }
    }
}
