//! Triggers: for each documented event type, the calls that make Moment emit it, made as the
//! merchant would make them (the SDK's own client, over HTTP, against this simulator) and
//! the customer's part done as the checkout would do it. `POST /_sim/trigger {"event": …}`
//! runs one; `momentpay-sim trigger EVENT` calls that.
//!
//! The legacy `payment_link.*` types are not triggered: Moment no longer emits them.

use crate::App;
use crate::cards::{DECLINES_AFTER_SAVING, DEFAULT_CARD};
use crate::problem::{ApiError, ApiResult};
use momentpay::RequestOptions;
use serde::Serialize;
use serde_json::{Value, json};

/// A card every charge declines.
const DECLINED_CARD: &str = "4000000000000002";

/// Every event type a trigger exists for, with what it does.
pub const TRIGGERS: &[(&str, &str)] = &[
    ("payment_session.created", "creates a one-time session"),
    (
        "payment_session.updated",
        "creates a session; a card is declined at checkout",
    ),
    (
        "payment_session.completed",
        "creates a session; the customer pays at checkout",
    ),
    (
        "payment.succeeded",
        "creates a session; the customer pays at checkout",
    ),
    (
        "payment.attempt_failed",
        "creates a session; a card is declined at checkout",
    ),
    (
        "payment.captured",
        "authorises a manual-capture session, then captures it",
    ),
    (
        "payment.voided",
        "authorises a manual-capture session, then voids it",
    ),
    (
        "payment.failed",
        "saves a card under a mandate, then a next_in_series charge on it is declined",
    ),
    ("payment_request.created", "creates a payment link"),
    (
        "payment_request.updated",
        "creates a payment link, then changes its description",
    ),
    (
        "payment_request.paid",
        "creates a payment link; the customer pays it",
    ),
    (
        "payment_page.payment_received",
        "creates a payment page; a customer pays on it",
    ),
    (
        "obligation.amount_applied",
        "creates a billing customer, account and bill; the customer pays the bill",
    ),
];

/// What a trigger made: `(kind, id)` of each object, in order.
#[derive(Debug, Clone, Serialize)]
pub struct Triggered {
    /// The event type asked for.
    pub event: String,
    /// The objects created, e.g. `("payment_session", "ps_…")`.
    pub objects: Vec<(String, String)>,
}

struct Run<'a> {
    app: &'a App,
    key: &'a str,
    client: momentpay::Client,
    objects: Vec<(String, String)>,
}

fn sdk_error(error: momentpay::Error) -> ApiError {
    ApiError::new(
        500,
        "trigger-failed",
        "A trigger's API call failed",
        error.to_string(),
    )
}

impl Run<'_> {
    /// Calls operation `name` through the SDK and records the object it answers.
    async fn call(&mut self, name: &str, id: Option<&str>, params: Value) -> ApiResult<Value> {
        let invoked = momentpay::operations::invoke(
            &self.client,
            name,
            id,
            params,
            RequestOptions::default(),
        )
        .await
        .map_err(sdk_error)?;
        let value = invoked.value;
        if let Some(object_id) = value.get("id").and_then(Value::as_str) {
            let resource = name.rsplit_once('.').map_or(name, |(resource, _)| resource);
            let kind = match resource {
                "billing.customers" => "billing_customer",
                "billing.accounts" => "billing_account",
                "billing.bills" => "bill",
                other => other.strip_suffix('s').unwrap_or(other),
            };
            self.objects.push((kind.to_owned(), object_id.to_owned()));
        }
        Ok(value)
    }

    async fn session(&mut self, params: Value) -> ApiResult<String> {
        let session = self.call("payment_sessions.create", None, params).await?;
        Ok(session["id"].as_str().unwrap_or_default().to_owned())
    }

    /// Creates a payment link; answers its ID.
    async fn payment_link(&mut self) -> ApiResult<String> {
        let params = json!({"amount": 1000, "currency": "ZAR"});
        let request = self.call("payment_requests.create", None, params).await?;
        Ok(request["id"].as_str().unwrap_or_default().to_owned())
    }

    /// The customer pays session `id` at checkout with `card`; answers the payment's ID.
    fn pay(&mut self, id: &str, card: &str) -> ApiResult<Option<String>> {
        let session = self.app.with_store(|s| s.pay_session(self.key, id, card))?;
        Ok(session.payment_id)
    }
}

fn one_time() -> Value {
    json!({"amount": 1000, "currency": "ZAR", "type": "one_time",
           "external_reference": "trigger", "metadata": {"source": "momentpay-sim trigger"}})
}

fn manual() -> Value {
    let mut params = one_time();
    params["options"] = json!({"payment_method_options": {"card": {"capture_method": "manual"}}});
    params
}

fn unknown(event: &str) -> ApiError {
    let known: Vec<&str> = TRIGGERS.iter().map(|(t, _)| *t).collect();
    let hint = momentpay::suggest::closest(event, known.iter().copied())
        .map(|s| format!(" Did you mean `{s}`?"))
        .unwrap_or_default();
    ApiError::validation(
        422,
        "event",
        format!(
            "has no trigger for `{event}`.{hint} Triggers exist for: {}",
            known.join(", ")
        ),
    )
}

impl App {
    /// Runs the trigger for `event` as merchant `key` (see the module docs).
    pub async fn trigger(&self, key: &str, event: &str) -> ApiResult<Triggered> {
        if !TRIGGERS.iter().any(|(t, _)| *t == event) {
            return Err(unknown(event));
        }
        let client = momentpay::Client::builder()
            .api_key(key)
            .base_url(&self.base_url)
            .build()
            .map_err(sdk_error)?;
        let mut run = Run {
            app: self,
            key,
            client,
            objects: Vec::new(),
        };
        match event {
            "payment_session.created" => {
                run.session(one_time()).await?;
            }
            "payment_session.completed" | "payment.succeeded" => {
                let id = run.session(one_time()).await?;
                if let Some(payment) = run.pay(&id, DEFAULT_CARD)? {
                    run.objects.push(("payment".to_owned(), payment));
                }
            }
            "payment_session.updated" | "payment.attempt_failed" => {
                let id = run.session(one_time()).await?;
                run.pay(&id, DECLINED_CARD)?;
            }
            "payment.captured" | "payment.voided" => {
                let id = run.session(manual()).await?;
                let payment = run.pay(&id, DEFAULT_CARD)?.unwrap_or_default();
                if event == "payment.captured" {
                    run.call("payments.capture", Some(&payment), json!({}))
                        .await?;
                } else {
                    run.call("payments.void", Some(&payment), json!({})).await?;
                }
            }
            "payment.failed" => {
                let id = run
                    .session(json!({"amount": 1000, "currency": "ZAR", "type": "first_in_series",
                        "options": {"customer": {"name": "Trigger", "email": "trigger@example.com"}}}))
                    .await?;
                run.pay(&id, DECLINES_AFTER_SAVING)?;
                let paid = run
                    .call("payment_sessions.retrieve", Some(&id), json!({}))
                    .await?;
                run.objects.pop();
                run.session(json!({"amount": 1000, "currency": "ZAR", "type": "next_in_series",
                    "options": {"customer": paid["customer_id"], "payment_method": paid["payment_method_id"]}}))
                    .await?;
            }
            "payment_request.created" => {
                run.payment_link().await?;
            }
            "payment_request.updated" => {
                let id = run.payment_link().await?;
                let update = json!({"description": "Updated by a trigger"});
                run.call("payment_requests.update", Some(&id), update)
                    .await?;
                run.objects.pop();
            }
            "payment_request.paid" => {
                let id = run.payment_link().await?;
                self.with_store(|s| s.pay_payment_request(key, &id, DEFAULT_CARD))?;
            }
            "payment_page.payment_received" => {
                let new = serde_json::from_value(
                    json!({"amount": 1000, "currency": "ZAR", "title": "Trigger"}),
                )
                .map_err(|e| ApiError::validation(500, "page", e.to_string()))?;
                let page = self.with_store(|s| s.create_payment_page(key, new));
                run.objects
                    .push(("payment_page".to_owned(), page.id.clone()));
                let pay = serde_json::from_value(json!({"card_number": DEFAULT_CARD}))
                    .map_err(|e| ApiError::validation(500, "payment", e.to_string()))?;
                let transaction = self.with_store(|s| s.pay_payment_page(key, &page.id, pay))?;
                let transaction = serde_json::to_value(&transaction).unwrap_or_default();
                if let Some(id) = transaction.get("id").and_then(Value::as_str) {
                    run.objects
                        .push(("payment_page_transaction".to_owned(), id.to_owned()));
                }
            }
            "obligation.amount_applied" => {
                let reference = crate::ids::new_id("trigger");
                let customer = run
                    .call("billing.customers.create", None, json!({"external_reference": reference, "name": "Trigger", "currency": "ZAR"}))
                    .await?;
                let account = run
                    .call("billing.accounts.create", None, json!({"customer": customer["id"], "external_reference": format!("{reference}-account"), "currency": "ZAR"}))
                    .await?;
                let bill = run
                    .call("billing.bills.create", None, json!({"external_reference": format!("{reference}-bill"), "amount_due": 1000, "currency": "ZAR", "account": account["id"]}))
                    .await?;
                let pay = crate::domain::billing::BillingPayment {
                    bill: bill["id"].as_str().map(str::to_owned),
                    amount: 1000,
                    ..Default::default()
                };
                self.with_store(|s| s.apply_billing_payment(key, pay))?;
            }
            other => return Err(unknown(other)),
        }
        Ok(Triggered {
            event: event.to_owned(),
            objects: run.objects,
        })
    }
}
