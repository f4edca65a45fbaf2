//! Guide: billing "Customer accounts" quickstart (seed 003; /api-reference/billing/quickstart-*).
//! Step 1 creates the customer, step 2 an account with a balance (and both in one request),
//! step 3 presents the balance for payment, step 4 handles `obligation.amount_applied`.
//!
//! Step 3's two ways (Electronic Bill Presentment, or a payment request) have no API link to
//! an account in Moment's docs (EBP is a provisioned product; a payment request names no
//! account), so the customer's payment of the presented balance is the simulator's
//! `POST /_sim/billing/payments`, its stand-in for the EBP page (docs/decisions.md).

use momentpay::models::EventType;
use momentpay_guides::{Guide, expect_fields, id_with};
use serde_json::json;

#[tokio::test]
async fn the_customer_accounts_quickstart_step_by_step() {
    let guide = Guide::start();

    // Step 1: the top-level customer; no balance at this level.
    let (status, customer) = guide
        .post(
            "/billing/customers",
            json!({"external_reference": "UCR1234567890", "name": "John Doe",
                   "email": "john.doe@example.com", "phone": "+27123456789"}),
        )
        .await;
    assert_eq!(status, 201, "step 1: {customer}");
    let customer_id = id_with("step 1", &customer, "id", "bcus_");
    expect_fields(
        "step 1",
        &customer,
        &[("external_reference", json!("UCR1234567890"))],
    );

    // Step 2: an account under it with the balance owed.
    let (status, account) = guide
        .post(
            "/billing/accounts",
            json!({"external_reference": "ACC-001", "customer": customer_id,
                   "name": "Subscription Account", "currency": "ZAR", "balance": 2000}),
        )
        .await;
    assert_eq!(status, 201, "step 2: {account}");
    let account_id = id_with("step 2", &account, "id", "bacc_");
    expect_fields(
        "step 2",
        &account,
        &[
            ("customer_id", json!(customer_id)),
            ("balance", json!(2000)),
            ("currency", json!("ZAR")),
        ],
    );
    assert!(
        account["payment_rules"].is_object(),
        "step 2: payment_rules shown"
    );

    // "The customer and account can be created in a single request": a customer object
    // instead of an ID; both IDs come back.
    let (status, both) = guide
        .post(
            "/billing/accounts",
            json!({"external_reference": "ACC-002", "currency": "ZAR", "balance": 500,
                   "customer": {"external_reference": "UCR-2", "name": "Jane Doe"}}),
        )
        .await;
    assert_eq!(status, 201, "step 2 (inline): {both}");
    id_with("step 2 (inline)", &both, "id", "bacc_");
    id_with("step 2 (inline)", &both, "customer_id", "bcus_");

    // Step 3: the customer pays the presented balance (the simulator's EBP stand-in).
    let (status, obligation) = guide
        .post(
            "/_sim/billing/payments",
            json!({"account": account_id, "amount": 2000}),
        )
        .await;
    assert_eq!(status, 201, "step 3: {obligation}");

    // Step 4: obligation.amount_applied names the account and the amount.
    let applied = guide
        .webhook(
            EventType::ObligationAmountApplied,
            &id_with("step 3", &obligation, "id", "ob_"),
        )
        .await;
    assert_eq!(applied["type"], "obligation.amount_applied");
    expect_fields(
        "step 4",
        &applied["data"],
        &[
            ("account_id", json!(account_id)),
            ("amount", json!(2000)),
            ("currency", json!("ZAR")),
        ],
    );
    id_with("step 4", &applied["data"], "payment_id", "pay_");
    // Reconcile: the account's balance went down by the amount applied.
    let (_, after) = guide.get(&format!("/billing/accounts/{account_id}")).await;
    assert_eq!(after["balance"], 0, "step 4: {after}");
}
