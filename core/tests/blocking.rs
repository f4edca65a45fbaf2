//! The blocking client: every endpoint over real HTTP, from plain threads and from inside a
//! tokio runtime (where reqwest::blocking would panic).

use momentpay::ErrorKind;
use momentpay::blocking::Client;
use momentpay::models::*;
use momentpay_sim::Simulator;
use std::time::Duration;

fn setup() -> (Simulator, String, Client) {
    let sim = Simulator::start().expect("simulator");
    let key = Simulator::new_test_key();
    // `blocking::Client::builder()…build()` makes the blocking client (issue 28, item 5: it
    // made the async one, and this did not type-check).
    let client: Client = Client::builder()
        .api_key(&key)
        .base_url(sim.base_url())
        .build()
        .expect("client");
    (sim, key, client)
}

fn control(sim: &Simulator, key: &str, path: &str, body: serde_json::Value) -> serde_json::Value {
    let text = momentpay::runtime::block_on({
        let url = format!("{}{}", sim.base_url(), path);
        let key = key.to_owned();
        async move {
            let response = reqwest::Client::new()
                .post(url)
                .bearer_auth(key)
                .json(&body)
                .send()
                .await
                .map_err(|e| momentpay::Error::internal(e.to_string()))?;
            let status = response.status();
            let text = response
                .text()
                .await
                .map_err(|e| momentpay::Error::internal(e.to_string()))?;
            Ok((status, text))
        }
    })
    .expect("control call");
    let (status, text) = text;
    assert!(status.is_success(), "{path}: {status}: {text}");
    serde_json::from_str(&text).expect("json")
}

#[test]
fn every_endpoint_through_the_blocking_client() {
    let (sim, key, client) = setup();
    // payment_sessions.create / retrieve
    let session = client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(1000, "ZAR").manual_capture())
        .send()
        .expect("create");
    control(
        &sim,
        &key,
        &format!("/_sim/payment_sessions/{}/complete", session.id),
        serde_json::json!({}),
    );
    let session = client
        .payment_sessions()
        .retrieve(&session.id)
        .send()
        .expect("retrieve");
    let payment_id = session.payment_id.expect("payment");
    // payments.retrieve / capture / void
    assert_eq!(
        client
            .payments()
            .retrieve(&payment_id)
            .send()
            .expect("payment")
            .authorised_amount,
        Some(1000)
    );
    assert_eq!(
        client
            .payments()
            .capture(&payment_id, &CapturePayment::amount(400))
            .send()
            .expect("capture")
            .paid_amount,
        Some(400)
    );
    assert_eq!(
        client
            .payments()
            .void(&payment_id)
            .send()
            .expect("void")
            .voided_amount,
        Some(600)
    );
    // payment_requests.create / retrieve / update / delete
    let request = client
        .payment_requests()
        .create(&CreatePaymentRequest::link(100, "ZAR"))
        .idempotency_key("pr-1")
        .send()
        .expect("create");
    assert_eq!(
        client
            .payment_requests()
            .retrieve(&request.id)
            .send()
            .expect("retrieve")
            .id,
        request.id
    );
    let updated = client
        .payment_requests()
        .update(
            &request.id,
            &UpdatePaymentRequest {
                external_reference: Some("V-134".into()),
                ..Default::default()
            },
        )
        .send()
        .expect("update");
    assert_eq!(updated.external_reference.as_deref(), Some("V-134"));
    assert!(
        client
            .payment_requests()
            .delete(&request.id)
            .send()
            .expect("delete")
            .deleted
    );
    // payment_pages.retrieve / update / list_transactions / transactions
    let page = control(
        &sim,
        &key,
        "/_sim/payment_pages",
        serde_json::json!({"amount": 250}),
    );
    let page_id = page["id"].as_str().expect("id");
    for _ in 0..3 {
        control(
            &sim,
            &key,
            &format!("/_sim/payment_pages/{page_id}/pay"),
            serde_json::json!({}),
        );
    }
    assert_eq!(
        client
            .payment_pages()
            .retrieve(page_id)
            .send()
            .expect("page")
            .amount,
        Some(250)
    );
    let page = client
        .payment_pages()
        .update(
            page_id,
            &UpdatePaymentPage {
                description: Some("d".into()),
                ..Default::default()
            },
        )
        .send()
        .expect("update");
    assert_eq!(page.description.as_deref(), Some("d"));
    assert_eq!(
        client
            .payment_pages()
            .list_transactions(page_id, &ListParams::limit(2))
            .send()
            .expect("list")
            .data
            .len(),
        2
    );
    let all: Vec<_> = client
        .payment_pages()
        .transactions(page_id, ListParams::limit(1))
        .collect::<Result<_, _>>()
        .expect("iterate");
    assert_eq!(all.len(), 3);
    // billing: customers, accounts, bills
    let billing = client.billing();
    let customer = billing
        .customers()
        .create(&CreateBillingCustomer::new("C-1"))
        .send()
        .expect("customer");
    let retrieved = billing
        .customers()
        .retrieve(&customer.id)
        .send()
        .expect("retrieve");
    assert_eq!(retrieved.external_reference.as_deref(), Some("C-1"));
    let customer = billing
        .customers()
        .update(
            "C-1",
            &UpdateBillingCustomer {
                name: Some("N".into()),
                ..Default::default()
            },
        )
        .send()
        .expect("update");
    assert_eq!(customer.name.as_deref(), Some("N"));
    let account = billing
        .accounts()
        .create(&CreateBillingAccount::new(
            BillingCustomerRef::Id("C-1".into()),
            "A-1",
        ))
        .send()
        .expect("account");
    let retrieved = billing
        .accounts()
        .retrieve(&account.id)
        .send()
        .expect("retrieve");
    assert_eq!(retrieved.external_reference.as_deref(), Some("A-1"));
    let account = billing
        .accounts()
        .update(
            "A-1",
            &UpdateBillingAccount {
                balance: Some(5),
                currency: Some("ZAR".into()),
                ..Default::default()
            },
        )
        .send()
        .expect("update");
    assert_eq!(account.balance, Some(5));
    let bill = billing
        .bills()
        .create(&CreateBill::for_account(
            "B-1",
            BillingAccountRef::Id("A-1".into()),
            100,
            "ZAR",
        ))
        .send()
        .expect("bill");
    let retrieved = billing.bills().retrieve("B-1").send().expect("retrieve");
    assert_eq!(retrieved.id, bill.id);
    let bill = billing
        .bills()
        .update(
            &bill.id,
            &UpdateBill {
                amount_paid: Some(100),
                ..Default::default()
            },
        )
        .send()
        .expect("update");
    assert_eq!((bill.amount_paid, bill.amount_remaining), (100, 0));
    let error = billing
        .bills()
        .void(&bill.id)
        .send()
        .expect_err("a paid bill cannot be voided");
    assert_eq!(error.kind(), ErrorKind::Conflict);
}

#[test]
fn the_blocking_client_works_inside_a_tokio_runtime() {
    let (_sim, _key, client) = setup();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let session = runtime.block_on(async {
        client
            .payment_sessions()
            .create(&CreatePaymentSession::one_time(100, "ZAR"))
            .send()
    });
    assert!(
        session
            .expect("no panic, and it works")
            .id
            .starts_with("ps_")
    );
    let multi = tokio::runtime::Runtime::new().expect("runtime");
    let found = multi.block_on(async {
        let client = client.clone();
        tokio::spawn(async move { client.payment_sessions().retrieve("ps_missing").send() })
            .await
            .expect("task")
    });
    assert_eq!(found.expect_err("404").kind(), ErrorKind::NotFound);
}

#[test]
fn one_blocking_client_shared_by_many_threads() {
    let (sim, key, client) = setup();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let client = client.clone();
            std::thread::spawn(move || {
                (0..25)
                    .map(|i| {
                        client
                            .payment_sessions()
                            .create(
                                &CreatePaymentSession::one_time(100 + i, "ZAR")
                                    .external_reference(format!("t{t}_{i}")),
                            )
                            .send()
                            .map(|s| s.id)
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
        })
        .collect();
    let mut ids = std::collections::HashSet::new();
    for thread in threads {
        for id in thread.join().expect("thread").expect("calls") {
            assert!(ids.insert(id));
        }
    }
    assert_eq!(ids.len(), 200);
    let stats: serde_json::Value = momentpay::runtime::block_on({
        let url = format!("{}/_sim/stats", sim.base_url());
        async move {
            let r = reqwest::Client::new()
                .get(url)
                .bearer_auth(key)
                .send()
                .await
                .map_err(|e| momentpay::Error::internal(e.to_string()))?;
            r.json()
                .await
                .map_err(|e| momentpay::Error::internal(e.to_string()))
        }
    })
    .expect("stats");
    assert_eq!(stats["payment_sessions"], 200);
}

#[test]
fn per_request_timeout_gives_a_typed_timeout() {
    let (sim, key, client) = setup();
    control(
        &sim,
        &key,
        "/_sim/faults",
        serde_json::json!({"next": ["delay", "delay"], "delay_ms": 800}),
    );
    let error = client
        .payment_sessions()
        .retrieve("ps_x")
        .timeout(Duration::from_millis(100))
        .max_retries(1)
        .send()
        .expect_err("slow");
    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert!(error.is_retryable());
}

/// The blocking client's retries under the fault soak's mix (30% of requests: 500, 503, 429,
/// dropped connections, lost responses, responses slower than the timeout), from 16
/// threads: 200 creates make exactly 200 sessions and every call succeeds within its retries.
#[test]
fn thirty_percent_faults_through_the_blocking_client_lose_and_duplicate_nothing() {
    let sim = Simulator::start().expect("simulator");
    let key = Simulator::new_test_key();
    let client: Client = Client::builder()
        .api_key(&key)
        .base_url(sim.base_url())
        .timeout(Duration::from_millis(400))
        .retry_policy(momentpay::RetryPolicy {
            max_retries: 12,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(40),
            ..momentpay::RetryPolicy::default()
        })
        .build()
        .expect("client");
    control(
        &sim,
        &key,
        "/_sim/faults",
        serde_json::json!({"rate": 0.3, "delay_ms": 600, "retry_after_seconds": 1, "seed": 11}),
    );
    let ids: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..16)
            .map(|worker| {
                let client = &client;
                scope.spawn(move || {
                    (0..200)
                        .filter(|i| i % 16 == worker)
                        .map(|i| {
                            let params = CreatePaymentSession::one_time(100 + i, "ZAR")
                                .external_reference(format!("blocking_{i}"));
                            client
                                .payment_sessions()
                                .create(&params)
                                .send()
                                .unwrap_or_else(|e| panic!("call {i} failed: {e}"))
                                .id
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("no panic"))
            .collect()
    });
    control(&sim, &key, "/_sim/faults", serde_json::json!({"rate": 0.0}));
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), 200, "200 calls, 200 different sessions");
    let faulted = sim
        .app()
        .request_log()
        .iter()
        .filter(|r| r.fault.is_some())
        .count();
    assert!(faulted > 30, "faults were injected ({faulted})");
    let stats = stats(&sim, &key);
    assert_eq!(
        stats["payment_sessions"], 200,
        "exactly one session per call"
    );
    assert_eq!(
        stats["duplicated_external_references"],
        serde_json::json!([])
    );
}

fn stats(sim: &Simulator, key: &str) -> serde_json::Value {
    let url = format!("{}/_sim/stats", sim.base_url());
    let key = key.to_owned();
    momentpay::runtime::block_on(async move {
        reqwest::Client::new()
            .get(url)
            .bearer_auth(key)
            .send()
            .await
            .map_err(|e| momentpay::Error::internal(e.to_string()))?
            .json()
            .await
            .map_err(|e| momentpay::Error::internal(e.to_string()))
    })
    .expect("stats")
}
