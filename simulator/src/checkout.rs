//! The hosted checkout: each `session_url` (and payment-request link) is an HTML page where
//! a person enters a test card and pays.

use crate::App;
use crate::state::CheckoutTarget;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use std::sync::Arc;

use crate::html::{escape, money};

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1a1a2e}\
h1{font-size:1.3rem}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}\
button{margin-top:1.2rem;width:100%;padding:.7rem;font-size:1rem;background:#4b3df5;color:#fff;border:0;border-radius:.4rem}\
.amount{font-size:2rem;font-weight:600}.error{color:#b00020}.ok{color:#0a7d32}.note{color:#666;font-size:.85rem}";

fn page(title: &str, body: &str) -> Html<String> {
    Html(crate::html::page(
        title,
        STYLE,
        &format!("<p class=\"note\">Moment checkout (simulator)</p>{body}"),
    ))
}

struct Summary {
    amount: i64,
    currency: String,
    status: String,
    open: bool,
    error: Option<String>,
    return_url: Option<String>,
}

fn summary(app: &App, checkout_id: &str) -> Option<(String, CheckoutTarget, Summary)> {
    app.with_store(|s| {
        s.expire_sessions();
        s.expire_payment_requests();
        let (key, target) = s.checkouts.get(checkout_id).cloned()?;
        let merchant = s.merchant(&key);
        let summary = match &target {
            CheckoutTarget::Session(id) => {
                let session = &merchant.sessions.get(id)?.session;
                Summary {
                    amount: session.amount,
                    currency: session.currency.clone(),
                    status: session.status.to_string(),
                    open: session.status == momentpay::models::PaymentSessionStatus::Active,
                    error: session
                        .last_payment_error
                        .as_ref()
                        .and_then(|e| e.message.clone()),
                    return_url: session.return_url.clone(),
                }
            }
            CheckoutTarget::PaymentRequest(id) => {
                let request = merchant.payment_requests.get(id)?;
                Summary {
                    amount: request.amount,
                    currency: request.currency.clone(),
                    status: request.status.to_string(),
                    open: request.status == momentpay::models::PaymentRequestStatus::Active,
                    error: None,
                    return_url: None,
                }
            }
        };
        Some((key, target, summary))
    })
}

fn form(checkout_id: &str, summary: &Summary, error: Option<&str>) -> Html<String> {
    let error = error
        .map(|e| {
            format!(
                "<p class=\"error\" id=\"error\" role=\"alert\">{}</p>",
                escape(e)
            )
        })
        .unwrap_or_default();
    let verify = if summary.amount == 0 {
        "<p>Save your card: nothing is charged now.</p>"
    } else {
        ""
    };
    page(
        "Pay",
        &format!(
            "<h1>Pay</h1><p class=\"amount\" id=\"amount\">{}</p>{verify}{error}\
<form method=\"post\" action=\"/checkout/{id}\">\
<label for=\"card_number\">Card number</label><input id=\"card_number\" name=\"card_number\" inputmode=\"numeric\" autocomplete=\"cc-number\" placeholder=\"4242 4242 4242 4242\" required>\
<label for=\"expiry\">Expiry (MM/YY)</label><input id=\"expiry\" name=\"expiry\" placeholder=\"12/34\" required>\
<label for=\"cvc\">CVC</label><input id=\"cvc\" name=\"cvc\" inputmode=\"numeric\" placeholder=\"123\" required>\
<button id=\"pay\" type=\"submit\">Pay {}</button></form>\
<p class=\"note\">Test cards: 4242 4242 4242 4242 pays; 4000 0000 0000 0002 and 4000 0000 0000 9995 are declined.</p>",
            money(summary.amount, &summary.currency),
            money(summary.amount, &summary.currency),
            id = escape(checkout_id),
        ),
    )
}

async fn show(State(app): State<Arc<App>>, Path(checkout_id): Path<String>) -> Response {
    match summary(&app, &checkout_id) {
        None => (
            StatusCode::NOT_FOUND,
            page("Not found", "<h1>This checkout does not exist.</h1>"),
        )
            .into_response(),
        Some((_, _, s)) if !s.open => page(
            "Closed",
            &format!(
                "<h1 id=\"result\">This checkout is {}.</h1>",
                escape(&s.status)
            ),
        )
        .into_response(),
        Some((_, _, s)) => form(&checkout_id, &s, s.error.as_deref()).into_response(),
    }
}

#[derive(Deserialize)]
struct PayForm {
    card_number: String,
    expiry: String,
    cvc: String,
}

fn check_expiry_and_cvc(expiry: &str, cvc: &str, today: &str) -> Result<(), &'static str> {
    let (mm, yy) = expiry
        .trim()
        .split_once('/')
        .ok_or("Enter the expiry as MM/YY.")?;
    let month: u32 = mm
        .trim()
        .parse()
        .map_err(|_| "Enter the expiry as MM/YY.")?;
    // Exactly two digits: a longer year overflowed `+ 2000` (and panicked in debug builds).
    let yy = yy.trim();
    if yy.len() != 2 || !yy.bytes().all(|b| b.is_ascii_digit()) {
        return Err("Enter the expiry as MM/YY.");
    }
    let year: i64 = yy
        .parse::<i64>()
        .map_err(|_| "Enter the expiry as MM/YY.")?
        + 2000;
    if !(1..=12).contains(&month) {
        return Err("Enter the expiry as MM/YY.");
    }
    let (ty, tm) = (
        today
            .get(..4)
            .and_then(|y| y.parse::<i64>().ok())
            .unwrap_or(0),
        today
            .get(5..7)
            .and_then(|m| m.parse::<u32>().ok())
            .unwrap_or(0),
    );
    if (year, month) < (ty, tm) {
        return Err("The card has expired.");
    }
    if !(cvc.trim().len() == 3 && cvc.trim().bytes().all(|b| b.is_ascii_digit())) {
        return Err("Enter the 3-digit CVC.");
    }
    Ok(())
}

async fn pay(
    State(app): State<Arc<App>>,
    Path(checkout_id): Path<String>,
    Form(form_data): Form<PayForm>,
) -> Response {
    let Some((key, target, s)) = summary(&app, &checkout_id) else {
        return (
            StatusCode::NOT_FOUND,
            page("Not found", "<h1>This checkout does not exist.</h1>"),
        )
            .into_response();
    };
    if !s.open {
        return page(
            "Closed",
            &format!(
                "<h1 id=\"result\">This checkout is {}.</h1>",
                escape(&s.status)
            ),
        )
        .into_response();
    }
    // The merchant's clock: a test that moved it a year on meets expiry as its customers would.
    let today = crate::clock::date(app.lock().now_ms(&key));
    if let Err(message) = check_expiry_and_cvc(&form_data.expiry, &form_data.cvc, &today) {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            form(&checkout_id, &s, Some(message)),
        )
            .into_response();
    }
    let result = app.with_store(|store| match &target {
        CheckoutTarget::Session(id) => {
            store
                .pay_session(&key, id, &form_data.card_number)
                .map(|session| {
                    (
                        session.status == momentpay::models::PaymentSessionStatus::Completed,
                        session.last_payment_error.and_then(|e| e.message),
                    )
                })
        }
        CheckoutTarget::PaymentRequest(id) => store
            .pay_payment_request(&key, id, &form_data.card_number)
            .map(|r| {
                (
                    r.status == momentpay::models::PaymentRequestStatus::Paid,
                    Some("The card was declined.".to_owned()),
                )
            }),
    });
    app.webhook_notify.notify_one();
    match result {
        Ok((true, _)) => {
            let back = s
                .return_url
                .map(|url| {
                    format!(
                        "<p><a id=\"return\" href=\"{}\">Return to the merchant</a></p>",
                        escape(&url)
                    )
                })
                .unwrap_or_default();
            page(
                "Paid",
                &format!(
                    "<h1 class=\"ok\" id=\"result\">Payment successful</h1><p>{}</p>{back}",
                    money(s.amount, &s.currency)
                ),
            )
            .into_response()
        }
        Ok((false, message)) => {
            let message = message.unwrap_or_else(|| "The payment failed.".to_owned());
            let fresh = summary(&app, &checkout_id).map(|(_, _, s)| s).unwrap_or(s);
            (
                StatusCode::PAYMENT_REQUIRED,
                form(
                    &checkout_id,
                    &fresh,
                    Some(&format!("Payment declined: {message} Try another card.")),
                ),
            )
                .into_response()
        }
        Err(error) => {
            let message = error
                .problem
                .detail
                .clone()
                .unwrap_or_else(|| "The card was not accepted.".to_owned());
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                form(&checkout_id, &s, Some(&message)),
            )
                .into_response()
        }
    }
}

/// The checkout routes.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/checkout/{checkout_id}", get(show).post(pay))
        .with_state(app)
}
