//! Payment requests, payment pages (auto-paging) and billing over real HTTP.

mod common;

use common::env;
use futures_util::TryStreamExt;
use momentpay::ErrorKind;
use momentpay::models::*;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn payment_request_link_lifecycle() {
    let env = env();
    let created = env
        .client
        .payment_requests()
        .create(
            &CreatePaymentRequest::link(4500, "zar")
                .description("Invoice 7")
                .external_reference("INV-7"),
        )
        .await
        .expect("create");
    assert_eq!(created.kind, PaymentRequestType::Link);
    assert_eq!(created.status, PaymentRequestStatus::Active);
    let link = created.link.clone().expect("link");
    assert!(
        link.url
            .as_deref()
            .is_some_and(|u| u.contains("/checkout/"))
    );
    assert!(created.expires_at.is_some());

    let updated = env
        .client
        .payment_requests()
        .update(
            &created.id,
            &UpdatePaymentRequest {
                description: Some("Invoice 7 (updated)".into()),
                metadata: Some([("a".to_owned(), "1".to_owned())].into()),
                ..Default::default()
            },
        )
        .await
        .expect("update");
    assert_eq!(updated.description.as_deref(), Some("Invoice 7 (updated)"));
    assert_eq!(updated.metadata.get("a").map(String::as_str), Some("1"));

    env.post_sim(
        &format!("/_sim/payment_requests/{}/complete", created.id),
        json!({"card_number": "4242424242424242"}),
    )
    .await;
    let paid = env
        .client
        .payment_requests()
        .retrieve(&created.id)
        .await
        .expect("retrieve");
    assert_eq!(paid.status, PaymentRequestStatus::Paid);
    assert!(paid.payment_id.is_some());
    let update_paid = env
        .client
        .payment_requests()
        .update(
            &created.id,
            &UpdatePaymentRequest {
                description: Some("x".into()),
                ..Default::default()
            },
        )
        .await
        .expect_err("paid");
    assert_eq!(update_paid.kind(), ErrorKind::Conflict);
    let delete_paid = env
        .client
        .payment_requests()
        .delete(&created.id)
        .await
        .expect_err("paid");
    assert_eq!(delete_paid.kind(), ErrorKind::Conflict);
}

#[tokio::test]
async fn payment_request_push_delete_and_expiry() {
    let env = env();
    let push = CreatePaymentRequest::push(
        1000,
        "ZAR",
        PaymentRequestPushParams::capitec("+27823778084"),
    );
    let created = env
        .client
        .payment_requests()
        .create(&push)
        .await
        .expect("create push");
    assert_eq!(created.kind, PaymentRequestType::Push);
    assert!(created.link.is_none());
    let deleted = env
        .client
        .payment_requests()
        .delete(&created.id)
        .await
        .expect("delete");
    assert!(deleted.deleted);
    let gone = env
        .client
        .payment_requests()
        .retrieve(&created.id)
        .await
        .expect_err("deleted");
    assert_eq!(gone.kind(), ErrorKind::NotFound);

    let expiring = env
        .client
        .payment_requests()
        .create(&push)
        .await
        .expect("create");
    env.sim.advance_all_clocks(Duration::from_secs(121));
    let expired = env
        .client
        .payment_requests()
        .retrieve(&expiring.id)
        .await
        .expect("retrieve");
    assert_eq!(
        expired.status,
        PaymentRequestStatus::Expired,
        "push requests expire after 2 minutes"
    );

    let bad_phone = env
        .client
        .payment_requests()
        .create(&CreatePaymentRequest::push(
            100,
            "ZAR",
            PaymentRequestPushParams::capitec("0823778084"),
        ))
        .await
        .expect_err("phone");
    assert_eq!(bad_phone.field(), Some("push.capitec.phone_number"));
    let no_push = CreatePaymentRequest {
        kind: Some(PaymentRequestType::Push),
        ..CreatePaymentRequest::link(100, "ZAR")
    };
    assert_eq!(
        env.client
            .payment_requests()
            .create(&no_push)
            .await
            .expect_err("push")
            .field(),
        Some("push")
    );
}

#[tokio::test]
async fn payment_pages_update_and_paginate() {
    let env = env();
    let page = env
        .post_sim(
            "/_sim/payment_pages",
            json!({"amount": 1500, "currency": "ZAR", "title": "Tickets"}),
        )
        .await;
    let id = page["id"].as_str().expect("id").to_owned();
    for i in 0..45 {
        env.post_sim(
            &format!("/_sim/payment_pages/{id}/pay"),
            json!({"customer": {"name": format!("Buyer {i}")}}),
        )
        .await;
    }
    let retrieved = env
        .client
        .payment_pages()
        .retrieve(&id)
        .await
        .expect("retrieve");
    assert_eq!(retrieved.title.as_deref(), Some("Tickets"));
    let updated = env
        .client
        .payment_pages()
        .update(
            &id,
            &UpdatePaymentPage {
                title: Some("Concert tickets".into()),
                status: Some(PaymentPageStatus::Inactive),
                ..Default::default()
            },
        )
        .await
        .expect("update");
    assert_eq!(updated.status, PaymentPageStatus::Inactive);
    let first = env
        .client
        .payment_pages()
        .list_transactions(&id, &ListParams::limit(20))
        .await
        .expect("first page");
    assert_eq!(first.data.len(), 20);
    assert!(first.has_more);
    assert!(first.next_cursor.is_some());
    let all: Vec<PaymentPageTransaction> = env
        .client
        .payment_pages()
        .transactions(&id, ListParams::limit(7))
        .try_collect()
        .await
        .expect("all");
    assert_eq!(all.len(), 45);
    let names: Vec<_> = all
        .iter()
        .filter_map(|t| t.customer.as_ref().and_then(|c| c.name.clone()))
        .collect();
    assert_eq!(names.first().map(String::as_str), Some("Buyer 0"));
    assert_eq!(names.last().map(String::as_str), Some("Buyer 44"));
    let unique: std::collections::HashSet<_> = all.iter().map(|t| t.id.clone()).collect();
    assert_eq!(unique.len(), 45);
    let bad = env
        .client
        .payment_pages()
        .list_transactions(&id, &ListParams::limit(101))
        .await
        .expect_err("limit");
    assert_eq!(bad.field(), Some("limit"));
    let inactive = env
        .control()
        .post(format!(
            "{}/_sim/payment_pages/{id}/pay",
            env.sim.base_url()
        ))
        .json(&json!({}))
        .send()
        .await
        .expect("pay");
    assert_eq!(inactive.status(), 409);
}

#[tokio::test]
async fn billing_customers_accounts_and_bills() {
    let env = env();
    let billing = env.client.billing();
    let customer = billing
        .customers()
        .create(
            &CreateBillingCustomer::new("UCR-1")
                .contact("John Doe", "john@example.com")
                .balance(2000, "zar"),
        )
        .await
        .expect("customer");
    assert!(customer.id.starts_with("bcus_"));
    assert_eq!(customer.balance, Some(2000));
    assert_eq!(customer.currency.as_deref(), Some("ZAR"));
    let by_reference = billing
        .customers()
        .retrieve("UCR-1")
        .await
        .expect("by external reference");
    assert_eq!(by_reference.id, customer.id);
    let duplicate = billing
        .customers()
        .create(&CreateBillingCustomer::new("UCR-1"))
        .await
        .expect_err("unique reference");
    assert_eq!(duplicate.kind(), ErrorKind::Conflict);
    let updated = billing
        .customers()
        .update(
            &customer.id,
            &UpdateBillingCustomer {
                balance: Some(5000),
                metadata: Some([("tier".to_owned(), "gold".to_owned())].into()),
                ..Default::default()
            },
        )
        .await
        .expect("update");
    assert_eq!(
        updated.balance,
        Some(5000),
        "a balance replaces the old one"
    );

    let account = billing
        .accounts()
        .create(
            &CreateBillingAccount::new(
                BillingCustomerRef::New(CreateBillingCustomer::new("UCR-2")),
                "UAR-1",
            )
            .name("Subscription")
            .balance(3000, "ZAR"),
        )
        .await
        .expect("account with an inline customer");
    let owner = billing
        .customers()
        .retrieve("UCR-2")
        .await
        .expect("inline customer exists");
    assert_eq!(account.customer_id.as_deref(), Some(owner.id.as_str()));
    let account = billing
        .accounts()
        .update(
            "UAR-1",
            &UpdateBillingAccount {
                name: Some("Renamed".into()),
                ..Default::default()
            },
        )
        .await
        .expect("update");
    assert_eq!(account.name.as_deref(), Some("Renamed"));
    assert_eq!(
        billing
            .accounts()
            .retrieve(&account.id)
            .await
            .expect("retrieve")
            .balance,
        Some(3000)
    );

    let bill = billing
        .bills()
        .create(
            &CreateBill::for_customer(
                "INV-1",
                BillingCustomerRef::Id(customer.id.clone()),
                2000,
                "ZAR",
            )
            .due_date("2030-01-31"),
        )
        .await
        .expect("bill");
    assert_eq!(
        (
            bill.status.clone(),
            bill.amount_remaining,
            bill.account_id.clone()
        ),
        (BillStatus::Unpaid, 2000, None)
    );
    let partly = billing
        .bills()
        .update(
            "INV-1",
            &UpdateBill {
                amount_paid: Some(1500),
                ..Default::default()
            },
        )
        .await
        .expect("reconcile");
    assert_eq!(
        (partly.amount_remaining, partly.status.clone()),
        (500, BillStatus::Unpaid)
    );
    let account_bill = billing
        .bills()
        .create(&CreateBill::for_account(
            "INV-2",
            BillingAccountRef::New(CreateBillingAccount::new(
                BillingCustomerRef::Id("UCR-1".into()),
                "UAR-2",
            )),
            900,
            "ZAR",
        ))
        .await
        .expect("bill with an inline account");
    assert!(account_bill.account_id.is_some());
    assert_eq!(
        account_bill.customer_id.as_deref(),
        Some(customer.id.as_str())
    );
    let voided = billing.bills().void(&account_bill.id).await.expect("void");
    assert_eq!(voided.status, BillStatus::Voided);
    assert_eq!(
        billing
            .bills()
            .void(&account_bill.id)
            .await
            .expect_err("twice")
            .kind(),
        ErrorKind::Conflict
    );
    assert_eq!(
        billing
            .bills()
            .update(&account_bill.id, &UpdateBill::default())
            .await
            .expect_err("voided")
            .kind(),
        ErrorKind::Conflict
    );
    let no_target = billing
        .bills()
        .create(&CreateBill {
            external_reference: "INV-3".into(),
            amount_due: 10,
            ..Default::default()
        })
        .await
        .expect_err("no target");
    assert_eq!(no_target.field(), Some("customer"));
    let too_big = billing
        .bills()
        .create(&CreateBill::for_customer(
            "INV-4",
            BillingCustomerRef::Id("UCR-1".into()),
            100_000_000,
            "ZAR",
        ))
        .await
        .expect_err("max");
    assert_eq!(too_big.field(), Some("amount_due"));
    let no_currency = billing
        .customers()
        .create(&CreateBillingCustomer {
            balance: Some(1),
            ..CreateBillingCustomer::new("UCR-9")
        })
        .await
        .expect_err("currency");
    assert_eq!(no_currency.field(), Some("currency"));
}

#[tokio::test]
async fn payments_applied_to_balances_and_bills_emit_obligations() {
    let env = env();
    let inbox = momentpay_sim::WebhookInbox::start().expect("inbox");
    let (_, secret) = env.sim.register_webhook(inbox.url(), Some(&env.key));
    let billing = env.client.billing();
    let customer = billing
        .customers()
        .create(&CreateBillingCustomer::new("C-1").balance(10_000, "ZAR"))
        .await
        .expect("customer");
    let bill = billing
        .bills()
        .create(&CreateBill::for_customer(
            "B-1",
            BillingCustomerRef::Id("C-1".into()),
            3000,
            "ZAR",
        ))
        .await
        .expect("bill");
    env.post_sim(
        "/_sim/billing/payments",
        json!({"customer": "C-1", "amount": 4000}),
    )
    .await;
    env.post_sim(
        "/_sim/billing/payments",
        json!({"bill": bill.id, "amount": 3000}),
    )
    .await;
    assert_eq!(
        billing
            .customers()
            .retrieve(&customer.id)
            .await
            .expect("c")
            .balance,
        Some(6000)
    );
    let paid = billing.bills().retrieve("B-1").await.expect("bill");
    assert_eq!(
        (paid.status, paid.amount_paid, paid.amount_remaining),
        (BillStatus::Paid, 3000, 0)
    );
    let over = env
        .control()
        .post(format!("{}/_sim/billing/payments", env.sim.base_url()))
        .bearer_auth(&env.key)
        .json(&json!({"bill": "B-1", "amount": 1}))
        .send()
        .await
        .expect("call");
    assert_eq!(over.status(), 409, "a paid bill takes no more money");

    let webhook = momentpay::Webhook::new(&secret).expect("secret");
    let delivery = inbox
        .wait_for_body(
            &format!("\"bill_id\":\"{}\"", bill.id),
            Duration::from_secs(10),
        )
        .expect("obligation webhook");
    let event = webhook
        .verify(&delivery.body, &delivery.headers)
        .expect("verifies");
    assert_eq!(event.kind, EventType::ObligationAmountApplied);
    let obligation = event.obligation().expect("obligation");
    assert_eq!(
        (obligation.amount, obligation.bill_id.as_deref()),
        (3000, Some(bill.id.as_str()))
    );
    let to_customer = inbox
        .wait_for_body(
            &format!("\"customer_id\":\"{}\"", customer.id),
            Duration::from_secs(10),
        )
        .expect("customer obligation");
    let event = webhook
        .verify(&to_customer.body, &to_customer.headers)
        .expect("verifies");
    assert_eq!(event.obligation().map(|o| o.amount), Some(4000));
}
