//! The flows `api/moment-api.md` documents beyond the guides' pages, each in its documented
//! order with the documented bodies: a payment request paid through its link (3.3), a bill's
//! amount due settled in part by hand and then voided (3.7, billing/examples), and a customer
//! balance replaced by PATCH (3.5).

use momentpay::models::EventType;
use momentpay_guides::{Guide, expect_fields, id_with};
use serde_json::json;

#[tokio::test]
async fn a_payment_request_is_paid_through_its_link() {
    let guide = Guide::start();
    // Create (link is the default type; expires in 24 h).
    let (status, request) = guide
        .post(
            "/collect/payment_requests",
            json!({"amount": 100000, "currency": "ZAR", "external_reference": "V-133",
                   "description": "Invoice V-133"}),
        )
        .await;
    assert_eq!(status, 201, "{request}");
    let id = id_with("create", &request, "id", "pr_");
    expect_fields(
        "create",
        &request,
        &[("type", json!("link")), ("status", json!("active"))],
    );
    assert!(
        request["link"]["url"]
            .as_str()
            .is_some_and(|u| u.contains("/checkout/")),
        "{request}"
    );
    assert!(request["expires_at"].is_string());
    // PATCH while unpaid (the documented example).
    let (status, updated) = guide
        .post_with_method(
            reqwest::Method::PATCH,
            &format!("/collect/payment_requests/{id}"),
            json!({"external_reference": "V-134", "description": "Updated Payment Request"}),
        )
        .await;
    assert_eq!(status, 200, "{updated}");
    expect_fields(
        "update",
        &updated,
        &[("external_reference", json!("V-134"))],
    );
    // The customer pays at the link; payment_request.paid names the payment.
    let (status, _) = guide
        .post(&format!("/_sim/payment_requests/{id}/complete"), json!({}))
        .await;
    assert_eq!(status, 200);
    let paid = guide.webhook(EventType::PaymentRequestPaid, &id).await;
    expect_fields(
        "paid",
        &paid["data"],
        &[("status", json!("paid")), ("amount", json!(100000))],
    );
    id_with("paid", &paid["data"], "payment_id", "pay_");
    // Only unpaid requests may be updated.
    let (status, refused) = guide
        .post_with_method(
            reqwest::Method::PATCH,
            &format!("/collect/payment_requests/{id}"),
            json!({"description": "too late"}),
        )
        .await;
    assert!(
        status == 409 || status == 422,
        "a paid request is not updated: {status} {refused}"
    );
}

#[tokio::test]
async fn a_bill_is_settled_in_part_by_hand_then_voided() {
    let guide = Guide::start();
    let (status, customer) = guide
        .post(
            "/billing/customers",
            json!({"external_reference": "C-BILL", "name": "Bo"}),
        )
        .await;
    assert_eq!(status, 201, "{customer}");
    let customer_id = id_with("customer", &customer, "id", "bcus_");
    // Create: bill_date defaults to today; against a customer there is no account_id.
    let (status, bill) = guide
        .post(
            "/billing/bills",
            json!({"external_reference": "INV-1", "currency": "ZAR", "amount_due": 2000,
                   "customer": customer_id, "due_date": "2099-01-31"}),
        )
        .await;
    assert_eq!(status, 201, "{bill}");
    let bill_id = id_with("create", &bill, "id", "bill_");
    expect_fields(
        "create",
        &bill,
        &[
            ("status", json!("unpaid")),
            ("amount_due", json!(2000)),
            ("amount_remaining", json!(2000)),
            ("customer_id", json!(customer_id)),
        ],
    );
    assert!(
        bill["bill_date"].is_string() && bill.get("account_id").is_none_or(|a| a.is_null()),
        "{bill}"
    );
    // billing/examples: amount_due 2000, amount_paid 1500 -> amount_remaining 500, unpaid.
    let (status, patched) = guide
        .post_with_method(
            reqwest::Method::PATCH,
            &format!("/billing/bills/{bill_id}"),
            json!({"amount_paid": 1500}),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    expect_fields(
        "patch",
        &patched,
        &[
            ("amount_remaining", json!(500)),
            ("status", json!("unpaid")),
        ],
    );
    // Void: permanent; a voided bill cannot be updated.
    let (status, voided) = guide
        .post(&format!("/billing/bills/{bill_id}/void"), json!({}))
        .await;
    assert!((200..300).contains(&status), "{voided}");
    expect_fields("void", &voided, &[("status", json!("voided"))]);
    let (status, _) = guide
        .post_with_method(
            reqwest::Method::PATCH,
            &format!("/billing/bills/{bill_id}"),
            json!({"amount_paid": 2000}),
        )
        .await;
    assert_eq!(status, 409, "a voided bill is not updated");
}

#[tokio::test]
async fn a_customer_balance_update_replaces_the_value() {
    let guide = Guide::start();
    let (status, customer) = guide
        .post(
            "/billing/customers",
            json!({"external_reference": "C-BAL", "name": "John Doe", "currency": "ZAR", "balance": 2000}),
        )
        .await;
    assert_eq!(status, 201, "{customer}");
    let id = id_with("create", &customer, "id", "bcus_");
    // billing/examples: PATCH {"balance": 5000} returns the full customer, balance replaced.
    let (status, updated) = guide
        .post_with_method(
            reqwest::Method::PATCH,
            &format!("/billing/customers/{id}"),
            json!({"balance": 5000}),
        )
        .await;
    assert_eq!(status, 200, "{updated}");
    expect_fields(
        "update",
        &updated,
        &[("balance", json!(5000)), ("name", json!("John Doe"))],
    );
    // By external reference too.
    let (status, read) = guide.get("/billing/customers/C-BAL").await;
    assert_eq!(status, 200);
    assert_eq!(read["id"], id);
}
