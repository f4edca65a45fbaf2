//! State export and import: the whole simulated world as one JSON document
//! (`GET`/`PUT /_sim/state`, `momentpay-sim state export|import`, `serve --state FILE`), so a
//! test suite can start from a prepared world and a developer can keep one between runs.
//!
//! A snapshot holds every merchant's objects, events, saved cards and mandates,
//! subscriptions, clocks and chaos settings; the hosted checkouts; the webhook endpoints and
//! deliveries (a delivery still pending is sent after the import); the finished idempotency
//! records (so a retry after an import is still answered once); and the simulator's clock
//! offset. It leaves out fault settings (they describe a test run, not the world), the request
//! log, and the hosted inboxes with their endpoints (an inbox lives only as long as its test).
//!
//! The file holds the merchants' test keys and the endpoints' signing secrets: treat it as a
//! secret of the test environment. URLs of the simulator's own pages (checkouts, payment
//! pages) are rewritten to the importing simulator's address.

use crate::App;
use crate::idempotency::SavedRecord;
use crate::state::{CheckoutTarget, Merchant};
use crate::webhooks::{Delivery, Endpoint};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

/// The snapshot format this simulator writes and reads.
pub const FORMAT: u32 = 1;

#[derive(Serialize)]
struct SnapshotRef<'a> {
    format: u32,
    base_url: &'a str,
    clock_offset_ms: i64,
    merchants: BTreeMap<&'a String, &'a Merchant>,
    checkouts: BTreeMap<&'a String, &'a (String, CheckoutTarget)>,
    endpoints: Vec<&'a Endpoint>,
    deliveries: &'a [Delivery],
    idempotency: Vec<SavedRecord>,
}

/// A snapshot as read back.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Snapshot {
    format: u32,
    base_url: String,
    clock_offset_ms: i64,
    #[serde(default)]
    merchants: HashMap<String, Merchant>,
    #[serde(default)]
    checkouts: HashMap<String, (String, CheckoutTarget)>,
    #[serde(default)]
    endpoints: Vec<Endpoint>,
    #[serde(default)]
    deliveries: Vec<Delivery>,
    #[serde(default)]
    idempotency: Vec<SavedRecord>,
}

/// The latest virtual time a snapshot may hold, in Unix ms (about the year 5000): far
/// beyond any test, and far from where adding offsets to it could overflow.
const MAX_TIME_MS: i64 = 100_000_000_000_000;

/// What serde cannot check: a snapshot is a file anyone may have edited, so every time and
/// offset is bounded (an overflowing one used to panic the webhook worker), every merchant
/// is a test key, and every return URL is http(s) (the checkout links to it).
fn check(snapshot: &Snapshot) -> Result<(), ImportError> {
    let refuse = |field: String, message: &str| {
        Err(ImportError {
            field,
            message: message.to_owned(),
        })
    };
    let in_range = |ms: i64| (0..=MAX_TIME_MS).contains(&ms);
    if !in_range(snapshot.clock_offset_ms) {
        return refuse(
            "clock_offset_ms".to_owned(),
            "must be between 0 and 10^14 ms",
        );
    }
    for (key, merchant) in &snapshot.merchants {
        if !key.starts_with("sk_test_") {
            return refuse(
                format!("merchants.{}", key.chars().take(8).collect::<String>()),
                "must be a test key (sk_test_…): the simulator never holds a live key",
            );
        }
        if !in_range(merchant.clock_offset_ms) {
            return refuse(
                format!("merchants.{key}.clock_offset_ms"),
                "must be between 0 and 10^14 ms",
            );
        }
        for (id, record) in &merchant.sessions {
            if let Some(url) = &record.session.return_url
                && !url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
            {
                return refuse(
                    format!("merchants.{key}.sessions.{id}.session.return_url"),
                    "must be an http or https URL",
                );
            }
        }
    }
    for (i, delivery) in snapshot.deliveries.iter().enumerate() {
        if !in_range(delivery.next_attempt_ms) {
            return refuse(
                format!("deliveries[{i}].next_attempt_ms"),
                "must be between 0 and 10^14 ms",
            );
        }
    }
    for (i, record) in snapshot.idempotency.iter().enumerate() {
        if !in_range(record.stored_ms) {
            return refuse(
                format!("idempotency[{i}].stored_ms"),
                "must be between 0 and 10^14 ms",
            );
        }
    }
    Ok(())
}

/// Why a snapshot was refused: the field (a JSON path) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// Where, e.g. `merchants.sk_test_….sessions` or `format`.
    pub field: String,
    /// What.
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl App {
    /// The whole world as a snapshot document (pretty JSON).
    pub fn export_state(&self) -> String {
        let inbox_endpoints = self.inboxes.endpoint_ids();
        let idempotency = {
            let records = self.idempotency.lock().unwrap_or_else(|e| e.into_inner());
            crate::idempotency::save(&records)
        };
        let store = self.lock();
        let snapshot = SnapshotRef {
            format: FORMAT,
            base_url: &self.base_url,
            clock_offset_ms: i64::try_from(self.clock.offset().as_millis()).unwrap_or(i64::MAX),
            merchants: store.merchants.iter().collect(),
            checkouts: store.checkouts.iter().collect(),
            endpoints: store
                .endpoints
                .iter()
                .filter(|e| !inbox_endpoints.contains(&e.id))
                .collect(),
            deliveries: &store.deliveries,
            idempotency,
        };
        serde_json::to_string_pretty(&snapshot).unwrap_or_default()
    }

    /// Replaces the world with a snapshot's (hosted inboxes, faults and the request log stay
    /// as they are). Nothing changes when it is refused.
    pub fn import_state(&self, json: &str) -> Result<(), ImportError> {
        let head: serde_json::Value = serde_json::from_str(json).map_err(|e| ImportError {
            field: "(document)".to_owned(),
            message: format!("not JSON: {e}"),
        })?;
        let old_base = head
            .get("base_url")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let format = head.get("format").and_then(serde_json::Value::as_u64);
        if format != Some(u64::from(FORMAT)) {
            return Err(ImportError {
                field: "format".to_owned(),
                message: format!("must be {FORMAT} (this simulator's snapshot format)"),
            });
        }
        // The simulator's own pages move with it.
        let json = if old_base.is_empty() || old_base == self.base_url {
            json.to_owned()
        } else {
            json.replace(
                &format!("\"{old_base}/checkout/"),
                &format!("\"{}/checkout/", self.base_url),
            )
            .replace(
                &format!("\"{old_base}/pages/"),
                &format!("\"{}/pages/", self.base_url),
            )
        };
        let mut deserializer = serde_json::Deserializer::from_str(&json);
        let snapshot: Snapshot =
            serde_path_to_error::deserialize(&mut deserializer).map_err(|e| ImportError {
                field: e.path().to_string(),
                message: e.inner().to_string(),
            })?;
        check(&snapshot)?;
        let _ = (snapshot.format, snapshot.base_url);
        let idempotency = crate::idempotency::restore(snapshot.idempotency).map_err(|e| {
            let (field, message) = e.split_once(": ").unwrap_or(("idempotency", &e));
            ImportError {
                field: field.to_owned(),
                message: message.to_owned(),
            }
        })?;
        let inbox_endpoints = self.inboxes.endpoint_ids();
        self.with_store(|store| {
            store.merchants = snapshot.merchants;
            store.checkouts = snapshot.checkouts;
            let mut endpoints: Vec<Endpoint> = store
                .endpoints
                .drain(..)
                .filter(|e| inbox_endpoints.contains(&e.id))
                .collect();
            endpoints.extend(snapshot.endpoints);
            store.endpoints = endpoints;
            store.deliveries = snapshot.deliveries;
            store.reindex_deliveries();
            // A pending delivery whose endpoint did not come along can never be sent.
            let orphans: Vec<usize> = store
                .pending
                .iter()
                .copied()
                .filter(|&i| {
                    let endpoint = &store.deliveries[i].endpoint_id;
                    !store.endpoints.iter().any(|e| &e.id == endpoint)
                })
                .collect();
            for position in orphans {
                store.fail_delivery(position, "endpoint removed");
            }
        });
        *self.idempotency.lock().unwrap_or_else(|e| e.into_inner()) = idempotency;
        self.clock.set_offset(Duration::from_millis(
            snapshot.clock_offset_ms.unsigned_abs(),
        ));
        Ok(())
    }
}
