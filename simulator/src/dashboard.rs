//! The dashboard at `GET /_sim/`: every merchant the simulator has seen and, per merchant
//! (`/_sim/dashboard/{fingerprint}`), its payment sessions, payments, mandates,
//! subscriptions, billing customers, accounts and bills, every event and every webhook
//! delivery with its attempts and payload, with buttons to pay a session, resend an event and
//! advance the merchant's clock.
//!
//! A merchant is named by its key's fingerprint, never by the key. Every value shown is
//! escaped (metadata is user input). The buttons are plain HTML forms; an action is refused
//! when the browser says it came from another site (`Origin` or `Sec-Fetch-Site`), so a web
//! page elsewhere cannot press them. No script, no external assets.

use crate::App;
use crate::html::{escape, money};
use crate::server::key_fingerprint;
use crate::state::Store;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

/// How a key is shown: its prefix and last four characters (`sk_test_…a1b2`).
pub fn key_hint(key: &str) -> String {
    let prefix = ["sk_test_", "sk_live_", "sk_"]
        .into_iter()
        .find(|p| key.starts_with(p))
        .unwrap_or("");
    let tail: String = {
        let chars: Vec<char> = key.chars().collect();
        chars[chars.len().saturating_sub(4)..].iter().collect()
    };
    format!("{prefix}…{tail}")
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1a1a2e;font-size:14px}\
h1{font-size:1.3rem}h2{font-size:1.05rem;margin-top:1.6rem}table{border-collapse:collapse;width:100%}\
th,td{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}\
th{background:#f3f3f8}pre{white-space:pre-wrap;word-break:break-all;max-width:60rem;margin:.3rem 0}\
form{display:inline}button{padding:.15rem .5rem}.notice{background:#eef;padding:.5rem;border-radius:.3rem}\
.muted{color:#666}code{font-size:.9em}";

/// Columns of a table: a field of the object's JSON, or an amount with its currency.
enum Column {
    Field(&'static str, &'static str),
    Money(&'static str, &'static str, &'static str),
}

/// A JSON value as cell text (escaped): strings bare, objects and arrays as compact JSON.
fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => escape(s),
        Some(other) => escape(&other.to_string()),
    }
}

fn payload(value: &Value) -> String {
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    format!(
        "<details><summary>JSON</summary><pre>{}</pre></details>",
        escape(&pretty)
    )
}

/// A table of `items` (each an object's JSON), with a JSON column and `actions` per row.
fn table(
    id: &str,
    title: &str,
    columns: &[Column],
    items: &[Value],
    actions: impl Fn(&Value) -> String,
) -> String {
    let mut html = format!(
        "<h2>{} <span class=\"muted\">({})</span></h2>",
        escape(title),
        items.len()
    );
    if items.is_empty() {
        html.push_str("<p class=\"muted\">None yet.</p>");
        return html;
    }
    let _ = write!(html, "<table id=\"{}\"><tr>", escape(id));
    for column in columns {
        let name = match column {
            Column::Field(name, _) | Column::Money(name, _, _) => name,
        };
        let _ = write!(html, "<th>{}</th>", escape(name));
    }
    html.push_str("<th>Payload</th><th></th></tr>");
    for item in items {
        let row_id = item.get("id").and_then(Value::as_str).unwrap_or_default();
        let _ = write!(html, "<tr id=\"row-{}\">", escape(row_id));
        for column in columns {
            let text = match column {
                Column::Field(_, key) => cell(item.get(*key)),
                Column::Money(_, amount, currency) => {
                    match item.get(*amount).and_then(Value::as_i64) {
                        Some(amount) => money(
                            amount,
                            item.get(*currency).and_then(Value::as_str).unwrap_or(""),
                        ),
                        None => String::new(),
                    }
                }
            };
            let _ = write!(html, "<td>{text}</td>");
        }
        let _ = write!(
            html,
            "<td>{}</td><td>{}</td></tr>",
            payload(item),
            actions(item)
        );
    }
    html.push_str("</table>");
    html
}

/// A one-button form posting to `action` (`fields` are hidden inputs).
fn button(action: &str, label: &str, class: &str, fields: &[(&str, &str)]) -> String {
    let mut html = format!("<form method=\"post\" action=\"{}\">", escape(action));
    for (name, value) in fields {
        let _ = write!(
            html,
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
            escape(name),
            escape(value)
        );
    }
    let _ = write!(
        html,
        "<button type=\"submit\" class=\"{}\">{}</button></form>",
        escape(class),
        escape(label)
    );
    html
}

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn sorted_newest_first(mut items: Vec<Value>) -> Vec<Value> {
    let created = |v: &Value| {
        v.get("created_at")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    items.sort_by_key(|v| std::cmp::Reverse(created(v)));
    items
}

/// The key whose fingerprint is `fingerprint`.
fn merchant_key(store: &Store, fingerprint: &str) -> Option<String> {
    store
        .merchants
        .keys()
        .find(|key| key_fingerprint(key) == fingerprint)
        .cloned()
}

async fn index(State(app): State<Arc<App>>) -> Html<String> {
    let rows: Vec<(String, String, usize, usize, usize)> = {
        let store = app.lock();
        let mut rows: Vec<_> = store
            .merchants
            .iter()
            .map(|(key, m)| {
                (
                    key_fingerprint(key),
                    key_hint(key),
                    m.sessions.len(),
                    m.payments.len(),
                    m.events.len(),
                )
            })
            .collect();
        rows.sort();
        rows
    };
    let mut body = String::from("<h1>Moment simulator</h1>");
    if rows.is_empty() {
        body.push_str(
            "<p id=\"empty\">No merchant yet: any API call with a new <code>sk_test_…</code> key \
makes one.</p>",
        );
    } else {
        body.push_str(
            "<table id=\"merchants\"><tr><th>Merchant</th><th>Key</th><th>Sessions</th>\
<th>Payments</th><th>Events</th></tr>",
        );
        for (fingerprint, hint, sessions, payments, events) in rows {
            let _ = write!(
                body,
                "<tr><td><a class=\"merchant\" href=\"/_sim/dashboard/{fp}\">{fp}</a></td>\
<td><code>{}</code></td><td>{sessions}</td><td>{payments}</td><td>{events}</td></tr>",
                escape(&hint),
                fp = escape(&fingerprint),
            );
        }
        body.push_str("</table>");
    }
    Html(crate::html::page("Moment simulator", STYLE, &body))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PageQuery {
    notice: Option<String>,
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Html(crate::html::page(
            "Not found",
            STYLE,
            "<h1>No such merchant.</h1><p><a href=\"/_sim/\">All merchants</a></p>",
        )),
    )
        .into_response()
}

async fn merchant_page(
    State(app): State<Arc<App>>,
    Path(fingerprint): Path<String>,
    Query(query): Query<PageQuery>,
) -> Response {
    app.tick();
    let store = app.lock();
    let Some(key) = merchant_key(&store, &fingerprint) else {
        drop(store);
        return not_found();
    };
    let now = store.now(&key);
    let Some(m) = store.merchants.get(&key) else {
        drop(store);
        return not_found();
    };
    let base = format!("/_sim/dashboard/{fingerprint}");
    let mut body = format!(
        "<p><a href=\"/_sim/\">All merchants</a> · <a href=\"{base}\">Refresh</a></p>\
<h1>Merchant <code>{}</code> <span class=\"muted\">{}</span></h1>",
        escape(&key_hint(&key)),
        escape(&fingerprint),
        base = escape(&base),
    );
    if let Some(notice) = &query.notice {
        let _ = write!(
            body,
            "<p class=\"notice\" id=\"notice\" role=\"status\">{}</p>",
            escape(notice)
        );
    }
    let _ = write!(
        body,
        "<p>Clock: <span id=\"now\">{}</span> · \
<form method=\"post\" action=\"{base}/clock/advance\"><input name=\"amount\" id=\"advance-amount\" \
type=\"number\" min=\"0\" step=\"any\" value=\"1\" size=\"4\"> <select name=\"unit\" id=\"advance-unit\">\
<option>seconds</option><option>minutes</option><option>hours</option><option selected>days</option>\
</select> <button type=\"submit\" id=\"advance\">Advance</button></form> {}</p>",
        escape(&now),
        button(&format!("{base}/clock/next"), "Next scheduled", "next", &[]),
        base = escape(&base),
    );

    let sessions = sorted_newest_first(m.sessions.values().map(|r| to_json(&r.session)).collect());
    body.push_str(&table(
        "payment_sessions",
        "Payment sessions",
        &[
            Column::Field("ID", "id"),
            Column::Field("Type", "type"),
            Column::Money("Amount", "amount", "currency"),
            Column::Field("Status", "status"),
            Column::Field("Outcome", "payment_outcome"),
            Column::Field("Reference", "external_reference"),
            Column::Field("Metadata", "metadata"),
            Column::Field("Created", "created_at"),
        ],
        &sessions,
        |session| {
            let open = session.get("status").and_then(Value::as_str) == Some("active");
            let id = session
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default();
            if !open {
                return String::new();
            }
            let action = format!("{base}/payment_sessions/{id}/pay");
            format!(
                "{} {}",
                button(
                    &action,
                    "Pay",
                    "pay",
                    &[("card_number", crate::cards::DEFAULT_CARD)]
                ),
                button(
                    &action,
                    "Decline",
                    "decline",
                    &[("card_number", "4000000000000002")]
                ),
            )
        },
    ));
    let payments = sorted_newest_first(m.payments.values().map(to_json).collect());
    body.push_str(&table(
        "payments",
        "Payments",
        &[
            Column::Field("ID", "id"),
            Column::Money("Amount", "amount", "currency"),
            Column::Field("Status", "status"),
            Column::Field("Capture", "capture_method"),
            Column::Money("Authorised", "authorised_amount", "currency"),
            Column::Money("Paid", "paid_amount", "currency"),
            Column::Field("Created", "created_at"),
        ],
        &payments,
        |_| String::new(),
    ));
    let mut mandates: Vec<Value> = m
        .payment_methods
        .values()
        .filter_map(|pm| {
            let mandate = pm.mandate.as_ref()?;
            Some(serde_json::json!({
                "id": pm.id,
                "customer_id": pm.customer_id,
                "currency": mandate.currency,
                "payments": mandate.payments.len(),
                "options": to_json(&mandate.options),
            }))
        })
        .collect();
    mandates.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    body.push_str(&table(
        "mandates",
        "Mandates (saved payment methods)",
        &[
            Column::Field("Payment method", "id"),
            Column::Field("Customer", "customer_id"),
            Column::Field("Currency", "currency"),
            Column::Field("Payments", "payments"),
            Column::Field("Options", "options"),
        ],
        &mandates,
        |_| String::new(),
    ));
    let subscriptions: Vec<Value> = m
        .subscriptions
        .iter()
        .map(|s| {
            serde_json::json!({
                "id": s.first_session_id,
                "customer_id": s.customer_id,
                "payment_method_id": s.payment_method_id,
                "amount": s.amount,
                "currency": s.currency,
                "recurrence": to_json(&s.recurrence),
                "next_charge_at": crate::clock::rfc3339(s.next_charge_ms),
                "charges": s.charges,
            })
        })
        .collect();
    body.push_str(&table(
        "subscriptions",
        "Subscriptions",
        &[
            Column::Field("First session", "id"),
            Column::Field("Customer", "customer_id"),
            Column::Money("Amount", "amount", "currency"),
            Column::Field("Recurrence", "recurrence"),
            Column::Field("Next charge", "next_charge_at"),
            Column::Field("Charges", "charges"),
        ],
        &subscriptions,
        |_| String::new(),
    ));
    let billing_customers =
        sorted_newest_first(m.billing_customers.values().map(to_json).collect());
    body.push_str(&table(
        "billing_customers",
        "Billing customers",
        &[
            Column::Field("ID", "id"),
            Column::Field("Name", "name"),
            Column::Field("Email", "email"),
            Column::Money("Balance", "balance", "currency"),
            Column::Field("Reference", "external_reference"),
            Column::Field("Metadata", "metadata"),
        ],
        &billing_customers,
        |_| String::new(),
    ));
    let accounts = sorted_newest_first(m.billing_accounts.values().map(to_json).collect());
    body.push_str(&table(
        "billing_accounts",
        "Billing accounts",
        &[
            Column::Field("ID", "id"),
            Column::Field("Customer", "customer_id"),
            Column::Field("Name", "name"),
            Column::Money("Balance", "balance", "currency"),
            Column::Field("Metadata", "metadata"),
        ],
        &accounts,
        |_| String::new(),
    ));
    let bills = sorted_newest_first(m.bills.values().map(to_json).collect());
    body.push_str(&table(
        "bills",
        "Bills",
        &[
            Column::Field("ID", "id"),
            Column::Field("Account", "account_id"),
            Column::Field("Status", "status"),
            Column::Money("Due", "amount_due", "currency"),
            Column::Money("Remaining", "amount_remaining", "currency"),
            Column::Field("Due date", "due_date"),
        ],
        &bills,
        |_| String::new(),
    ));
    let events: Vec<Value> = m
        .events
        .iter()
        .rev()
        .map(|e| {
            serde_json::json!({"id": e.id, "type": e.kind, "created_at": e.created_at, "body": e.body})
        })
        .collect();
    body.push_str(&table(
        "events",
        "Events",
        &[
            Column::Field("ID", "id"),
            Column::Field("Type", "type"),
            Column::Field("Created", "created_at"),
        ],
        &events,
        |event| {
            let id = event.get("id").and_then(Value::as_str).unwrap_or_default();
            button(
                &format!("{base}/events/{id}/resend"),
                "Resend",
                "resend",
                &[],
            )
        },
    ));
    let deliveries: Vec<Value> = store
        .deliveries
        .iter()
        .rev()
        .filter(|d| d.merchant == key)
        .map(|d| {
            let attempts: Vec<String> = d
                .attempts
                .iter()
                .map(|a| match (a.status, &a.error) {
                    (Some(status), _) => format!("{} → {status}", a.at),
                    (None, Some(error)) => format!("{} → {error}", a.at),
                    (None, None) => a.at.clone(),
                })
                .collect();
            let body: Value =
                serde_json::from_str(&d.body).unwrap_or(Value::String(d.body.clone()));
            serde_json::json!({
                "id": d.id, "event_id": d.event_id, "event_type": d.event_type,
                "endpoint_id": d.endpoint_id, "message_id": d.message_id, "reason": d.reason,
                "status": d.status, "attempts": attempts.join("; "),
                "next_attempt_at": d.next_attempt_at, "body": body,
            })
        })
        .collect();
    body.push_str(&table(
        "deliveries",
        "Webhook deliveries",
        &[
            Column::Field("ID", "id"),
            Column::Field("Event", "event_id"),
            Column::Field("Type", "event_type"),
            Column::Field("Endpoint", "endpoint_id"),
            Column::Field("Why", "reason"),
            Column::Field("Status", "status"),
            Column::Field("Attempts", "attempts"),
            Column::Field("Next attempt", "next_attempt_at"),
        ],
        &deliveries,
        |_| String::new(),
    ));
    drop(store);
    Html(crate::html::page(
        "Moment simulator: merchant",
        STYLE,
        &body,
    ))
    .into_response()
}

/// The fields of a submitted form.
fn form(body: &[u8]) -> HashMap<String, String> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// Back to the merchant's page, saying what happened.
fn back(fingerprint: &str, notice: &str) -> Response {
    let notice: String = url::form_urlencoded::byte_serialize(notice.as_bytes()).collect();
    (
        StatusCode::SEE_OTHER,
        [(
            header::LOCATION,
            format!("/_sim/dashboard/{fingerprint}?notice={notice}"),
        )],
    )
        .into_response()
}

/// Runs `action` as the merchant of `fingerprint` and returns to its page with the notice it
/// answers.
fn act(
    app: &App,
    headers: &HeaderMap,
    fingerprint: &str,
    action: impl FnOnce(&mut Store, &str) -> String,
) -> Response {
    if crate::guard::cross_site(headers) {
        return (
            StatusCode::FORBIDDEN,
            "dashboard actions are accepted only from the dashboard's own pages",
        )
            .into_response();
    }
    let notice = app.with_store(|s| {
        let key = merchant_key(s, fingerprint)?;
        Some(action(s, &key))
    });
    match notice {
        Some(notice) => {
            app.tick();
            back(fingerprint, &notice)
        }
        None => not_found(),
    }
}

async fn pay(
    State(app): State<Arc<App>>,
    Path((fingerprint, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let fields = form(&body);
    let card = fields
        .get("card_number")
        .map_or(crate::cards::DEFAULT_CARD, String::as_str)
        .to_owned();
    act(&app, &headers, &fingerprint, |s, key| {
        match s.pay_session(key, &id, &card) {
            Ok(session) => format!(
                "Paid {id}: the session is {}{}.",
                session.status,
                session
                    .payment_outcome
                    .map(|o| format!(" ({o})"))
                    .unwrap_or_default()
            ),
            Err(error) => format!(
                "Could not pay {id}: {}",
                error
                    .problem
                    .detail
                    .or(error.problem.title)
                    .unwrap_or_default()
            ),
        }
    })
}

async fn resend(
    State(app): State<Arc<App>>,
    Path((fingerprint, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    act(&app, &headers, &fingerprint, |s, key| {
        match s.resend(key, &id) {
            Some(sent) if sent.is_empty() => format!("{id}: the merchant has no webhook endpoint."),
            Some(sent) => format!("Resent {id} to {} endpoint(s).", sent.len()),
            None => format!("No event {id}."),
        }
    })
}

async fn advance(
    State(app): State<Arc<App>>,
    Path(fingerprint): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let fields = form(&body);
    let unit = match fields.get("unit").map(String::as_str) {
        Some("seconds") => Some(1.0),
        Some("minutes") => Some(60.0),
        Some("hours") => Some(3600.0),
        Some("days") | None => Some(86_400.0),
        Some(_) => None,
    };
    let amount = fields
        .get("amount")
        .and_then(|a| a.trim().parse::<f64>().ok());
    let seconds = match (amount, unit) {
        (Some(amount), Some(unit)) => crate::schedule::checked_seconds(amount * unit).ok(),
        _ => None,
    };
    act(&app, &headers, &fingerprint, |s, key| match seconds {
        Some(seconds) => {
            s.advance_merchant_clock(key, (seconds * 1000.0) as i64);
            format!("Advanced the clock by {seconds} s to {}.", s.now(key))
        }
        None => "Advance by a number from 0 to ten years, in seconds, minutes, hours or days."
            .to_owned(),
    })
}

async fn next(
    State(app): State<Arc<App>>,
    Path(fingerprint): Path<String>,
    headers: HeaderMap,
) -> Response {
    act(&app, &headers, &fingerprint, |s, key| {
        match s.advance_to_next(key) {
            Some(next) => format!(
                "Moved the clock to the next {} ({}).",
                next.what,
                crate::clock::rfc3339(next.at_ms)
            ),
            None => "Nothing is scheduled.".to_owned(),
        }
    })
}

/// The dashboard routes.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/_sim/", get(index))
        .route("/_sim/dashboard/{fingerprint}", get(merchant_page))
        .route(
            "/_sim/dashboard/{fingerprint}/payment_sessions/{id}/pay",
            post(pay),
        )
        .route(
            "/_sim/dashboard/{fingerprint}/events/{id}/resend",
            post(resend),
        )
        .route("/_sim/dashboard/{fingerprint}/clock/advance", post(advance))
        .route("/_sim/dashboard/{fingerprint}/clock/next", post(next))
        .with_state(app)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_shown_by_its_prefix_and_tail() {
        assert_eq!(key_hint("sk_test_0123456789abcdef"), "sk_test_…cdef");
        assert_eq!(key_hint("ab"), "…ab");
        assert_eq!(key_hint("sk_test_é"), "sk_test_…st_é");
    }

    #[test]
    fn cross_site_actions_are_refused() {
        use crate::guard::cross_site;
        let mut headers = HeaderMap::new();
        headers.insert("host", "127.0.0.1:1".parse().expect("header"));
        assert!(!cross_site(&headers));
        headers.insert("origin", "http://127.0.0.1:1".parse().expect("header"));
        assert!(!cross_site(&headers));
        headers.insert("origin", "https://evil.example".parse().expect("header"));
        assert!(cross_site(&headers));
        headers.remove("origin");
        headers.insert("sec-fetch-site", "cross-site".parse().expect("header"));
        assert!(cross_site(&headers));
        headers.insert("sec-fetch-site", "same-site".parse().expect("header"));
        assert!(cross_site(&headers));
        headers.insert("sec-fetch-site", "same-origin".parse().expect("header"));
        assert!(!cross_site(&headers));
        headers.insert("origin", "null".parse().expect("header"));
        assert!(cross_site(&headers));
    }
}
