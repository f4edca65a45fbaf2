//! The security review's simulator findings (`design/reviews/security.md`), each as the
//! request that exploited it on 4cc42af: cross-site writes (M2), DNS rebinding (M3), keys
//! and secrets handed out without the owner's key (M4), live keys (M5), the checkout's
//! year overflow (L2), merchants made by reads (L3), trusted snapshots (L4), open inboxes
//! (L6), real card numbers (L12) and missing security headers (L17).

mod support;

use momentpay::models::CreatePaymentSession;
use momentpay_sim::Simulator;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use support::http::http;
use support::merchant::new_merchant;

const EVIL: &str = "https://evil.example";

/// A form body, as a browser sends it.
fn form(fields: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

/// A request as a page on another site makes it: `text/plain` (no preflight), with the
/// `Origin` and `Sec-Fetch-Site` a browser adds.
async fn cross_site(sim: &Simulator, path: &str, body: &str) -> reqwest::Response {
    http()
        .post(format!("{}{path}", sim.base_url()))
        .header("content-type", "text/plain;charset=UTF-8")
        .header("origin", EVIL)
        .header("sec-fetch-site", "cross-site")
        .body(body.to_owned())
        .send()
        .await
        .expect("request")
}

async fn get(sim: &Simulator, path: &str, key: Option<&str>) -> Value {
    let mut request = http().get(format!("{}{path}", sim.base_url()));
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    let response = request.send().await.expect("request");
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    response.json().await.expect("json")
}

#[tokio::test]
async fn a_cross_site_page_cannot_write_to_the_control_plane() {
    let sim = Simulator::start().expect("simulator");
    let endpoints_before = get(&sim, "/_sim/webhook_endpoints", None).await;
    let clock_before = get(&sim, "/_sim/clock", None).await;
    for (path, body) in [
        (
            "/_sim/webhook_endpoints",
            r#"{"url":"http://127.0.0.1:9/x"}"#,
        ),
        ("/_sim/reset", "{}"),
        ("/_sim/faults", r#"{"rate":1}"#),
        ("/_sim/clock/advance", r#"{"seconds":315360000}"#),
    ] {
        let response = cross_site(&sim, path, body).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
    }
    assert_eq!(
        get(&sim, "/_sim/webhook_endpoints", None).await,
        endpoints_before
    );
    let clock = get(&sim, "/_sim/clock", None).await;
    assert_eq!(clock["offset_seconds"], clock_before["offset_seconds"]);
    assert_eq!(clock["offset_seconds"], json!(0.0));
    // Without browser headers (curl, a script), a JSON route still takes JSON only: a
    // simple request from an old browser that sends no Origin gets nowhere either.
    let plain = http()
        .post(format!("{}/_sim/webhook_endpoints", sim.base_url()))
        .header("content-type", "text/plain")
        .body(r#"{"url":"http://127.0.0.1:9/x"}"#)
        .send()
        .await
        .expect("request");
    assert_eq!(plain.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // A same-origin browser request and a script's JSON are accepted.
    let same_origin = http()
        .post(format!("{}/_sim/webhook_endpoints", sim.base_url()))
        .header("origin", sim.base_url())
        .header("sec-fetch-site", "same-origin")
        .json(&json!({"url": "http://127.0.0.1:9/x"}))
        .send()
        .await
        .expect("request");
    assert_eq!(same_origin.status(), StatusCode::CREATED);
    // The checkout's form too: another site cannot pay a session.
    let (_, client) = new_merchant(&sim);
    let session = client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(500, "ZAR"))
        .await
        .expect("session");
    let checkout = session.session_url.expect("session_url");
    let paid = http()
        .post(&checkout)
        .header("origin", EVIL)
        .header("sec-fetch-site", "cross-site")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("card_number", "4242424242424242"),
            ("expiry", "12/40"),
            ("cvc", "123"),
        ]))
        .send()
        .await
        .expect("request");
    assert_eq!(paid.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_rebound_host_name_is_refused_and_addresses_and_localhost_are_not() {
    let sim = Simulator::start().expect("simulator");
    let port = sim.base_url().rsplit(':').next().expect("port").to_owned();
    let with_host = |host: String| {
        http()
            .get(format!("{}/_sim/state", sim.base_url()))
            .header("host", host)
            .send()
    };
    let rebound = with_host(format!("rebind.evil.example:{port}"))
        .await
        .expect("request");
    assert_eq!(rebound.status(), StatusCode::MISDIRECTED_REQUEST);
    let text = rebound.text().await.expect("body");
    assert!(
        !text.contains("sk_test_") && !text.contains("whsec_"),
        "{text}"
    );
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let answered = with_host(host.clone()).await.expect("request");
        assert_eq!(answered.status(), StatusCode::OK, "{host}");
    }
    // A dashboard action whose Origin matches the rebound Host is still refused.
    let pressed = http()
        .post(format!(
            "{}/_sim/dashboard/000000000000/clock/advance",
            sim.base_url()
        ))
        .header("host", format!("rebind.evil.example:{port}"))
        .header("origin", format!("http://rebind.evil.example:{port}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("seconds", "60")]))
        .send()
        .await
        .expect("request");
    assert_eq!(pressed.status(), StatusCode::MISDIRECTED_REQUEST);
    // A name allowed at start is answered.
    let named = Simulator::start_with(momentpay_sim::Options {
        allowed_hosts: vec!["momentpay-sim".to_owned()],
        ..momentpay_sim::Options::default()
    })
    .expect("simulator");
    let port = named
        .base_url()
        .rsplit(':')
        .next()
        .expect("port")
        .to_owned();
    let answered = http()
        .get(format!("{}/_sim/health", named.base_url()))
        .header("host", format!("momentpay-sim:{port}"))
        .send()
        .await
        .expect("request");
    assert_eq!(answered.status(), StatusCode::OK);
}

#[tokio::test]
async fn keys_and_secrets_go_only_to_the_key_that_owns_them() {
    let sim = Simulator::start().expect("simulator");
    // Merchant A's event is delivered to its inbox (made at start).
    let session = sim
        .client()
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(500, "ZAR"))
        .await
        .expect("session");
    sim.pay(&session.id, "4242424242424242").expect("pay");
    sim.webhooks()
        .wait_for(
            momentpay::models::EventType::PaymentSessionCompleted,
            Some(&session.id),
            std::time::Duration::from_secs(10),
        )
        .await
        .expect("delivered");
    let deliveries = get(&sim, "/_sim/webhook_deliveries", None)
        .await
        .to_string();
    assert!(deliveries.contains("payment_session.completed"));
    assert!(!deliveries.contains(sim.api_key()), "a raw key leaked");
    let anonymous = get(&sim, "/_sim/webhook_endpoints", None).await;
    assert!(!anonymous.to_string().contains("whsec_"), "{anonymous}");
    let (other_key, _) = new_merchant(&sim);
    let other = get(&sim, "/_sim/webhook_endpoints", Some(&other_key)).await;
    assert!(!other.to_string().contains("whsec_"), "{other}");
    let owner = get(&sim, "/_sim/webhook_endpoints", Some(sim.api_key())).await;
    assert!(owner.to_string().contains(sim.webhook_secret()), "{owner}");
    // Another merchant cannot delete A's endpoint.
    let id = owner["data"]
        .as_array()
        .and_then(|list| list.iter().find(|e| e.get("secret").is_some()))
        .and_then(|e| e["id"].as_str())
        .expect("A's endpoint")
        .to_owned();
    let deleted = http()
        .delete(format!("{}/_sim/webhook_endpoints/{id}", sim.base_url()))
        .bearer_auth(&other_key)
        .send()
        .await
        .expect("request");
    assert_eq!(deleted.status(), StatusCode::NOT_FOUND);
    // Debug output names no key or secret.
    let printed = format!("{sim:?} {:?} {:?}", sim.app(), sim.webhooks());
    assert!(!printed.contains(sim.api_key()), "{printed}");
    assert!(!printed.contains(sim.webhook_secret()), "{printed}");
}

#[tokio::test]
async fn a_hosted_inbox_answers_only_its_merchant_and_takes_only_the_simulators_deliveries() {
    let sim = Simulator::start().expect("simulator");
    let (key, _) = new_merchant(&sim);
    let inbox: Value = http()
        .post(format!("{}/_sim/inboxes", sim.base_url()))
        .bearer_auth(&key)
        .json(&json!({}))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    let id = inbox["id"].as_str().expect("id");
    let (intruder, _) = new_merchant(&sim);
    for (method, path, body) in [
        (Method::GET, format!("/_sim/inboxes/{id}/deliveries"), None),
        (
            Method::PATCH,
            format!("/_sim/inboxes/{id}"),
            Some(json!({"status": 500})),
        ),
        (Method::DELETE, format!("/_sim/inboxes/{id}"), None),
    ] {
        for caller in [None, Some(intruder.as_str())] {
            let mut request = http().request(method.clone(), format!("{}{path}", sim.base_url()));
            if let Some(caller) = caller {
                request = request.bearer_auth(caller);
            }
            if let Some(body) = &body {
                request = request.json(body);
            }
            let status = request.send().await.expect("request").status();
            assert!(
                status == StatusCode::NOT_FOUND || status == StatusCode::UNAUTHORIZED,
                "{method} {path} as {caller:?}: {status}"
            );
        }
    }
    // Anyone else's POST to the inbox's URL is refused; nothing is recorded.
    let forged = http()
        .post(inbox["url"].as_str().expect("url"))
        .json(&json!({"id": "evt_forged", "type": "payment.succeeded", "data": {}}))
        .send()
        .await
        .expect("request");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let read = get(
        &sim,
        &format!("/_sim/inboxes/{id}/deliveries"),
        Some(key.as_str()),
    )
    .await;
    assert_eq!(read["data"], json!([]));
}

#[tokio::test]
async fn a_live_key_is_refused_everywhere_and_never_becomes_a_merchant() {
    let sim = Simulator::start().expect("simulator");
    let merchants_before = get(&sim, "/_sim/merchants", None).await;
    for (method, path) in [
        (Method::POST, "/collect/payment_sessions"),
        (Method::GET, "/collect/payments/pay_1"),
        (Method::POST, "/_sim/webhook_endpoints"),
        (Method::POST, "/_sim/faults"),
    ] {
        for key in ["sk_live_abc123", "pk_live_abc123", "sk_abc123"] {
            let response = http()
                .request(method.clone(), format!("{}{path}", sim.base_url()))
                .bearer_auth(key)
                .json(&json!({"amount": 100, "currency": "ZAR", "url": "http://127.0.0.1:9/x"}))
                .send()
                .await
                .expect("request");
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path} {key}");
            let text = response.text().await.expect("body");
            assert!(text.contains("test keys only"), "{text}");
        }
    }
    assert_eq!(get(&sim, "/_sim/merchants", None).await, merchants_before);
    assert!(
        !get(&sim, "/_sim/state", None)
            .await
            .to_string()
            .contains("abc123")
    );
}

#[tokio::test]
async fn reads_with_ever_new_keys_do_not_grow_the_simulator() {
    let sim = Simulator::start().expect("simulator");
    let count = |merchants: Value| merchants["data"].as_array().map_or(0, Vec::len);
    let before = count(get(&sim, "/_sim/merchants", None).await);
    let http = http();
    for i in 0..300 {
        let key = format!("sk_test_{i}{}", "x".repeat(1000));
        let status = http
            .get(format!("{}/collect/payments/pay_{i}", sim.base_url()))
            .bearer_auth(&key)
            .header("idempotency-key", "k".repeat(10_000))
            .send()
            .await
            .expect("request")
            .status();
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    assert_eq!(count(get(&sim, "/_sim/merchants", None).await), before);
    // The request log keeps at most a valid key's 255 characters of what was sent.
    let logged = sim.app().request_log();
    assert!(logged.iter().all(|entry| {
        entry
            .idempotency_key
            .as_deref()
            .is_none_or(|key| key.chars().count() <= 255)
    }));
}

#[tokio::test]
async fn a_snapshot_is_checked_before_it_is_trusted() {
    let sim = Simulator::start().expect("simulator");
    let state = get(&sim, "/_sim/state", None).await;
    let put = |snapshot: Value| {
        http()
            .put(format!("{}/_sim/state", sim.base_url()))
            .json(&snapshot)
            .send()
    };
    let mut overflowing = state.clone();
    overflowing["merchants"][sim.api_key()]["clock_offset_ms"] = json!(i64::MAX);
    let refused = put(overflowing).await.expect("request");
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = refused.text().await.expect("body");
    assert!(text.contains("clock_offset_ms"), "{text}");
    // A session whose return URL is a script.
    let session = sim
        .client()
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(500, "ZAR").return_url("https://shop.example/done"))
        .await
        .expect("session");
    let mut state = get(&sim, "/_sim/state", None).await;
    state["merchants"][sim.api_key()]["sessions"][&session.id]["session"]["return_url"] =
        json!("javascript:alert(1)");
    let refused = put(state).await.expect("request");
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.expect("body").contains("return_url"));
    // A live key as a merchant.
    let mut live = get(&sim, "/_sim/state", None).await;
    live["merchants"]["sk_live_abc"] = live["merchants"][sim.api_key()].clone();
    assert_eq!(
        put(live).await.expect("request").status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Nothing changed: the world still has the session with its https return URL.
    let after = get(&sim, "/_sim/state", None).await;
    assert_eq!(
        after["merchants"][sim.api_key()]["sessions"][&session.id]["session"]["return_url"],
        "https://shop.example/done"
    );
}

#[tokio::test]
async fn the_checkout_refuses_a_huge_year_and_a_real_card_and_its_pages_carry_security_headers() {
    let sim = Simulator::start().expect("simulator");
    let session = sim
        .client()
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(500, "ZAR"))
        .await
        .expect("session");
    let checkout = session.session_url.expect("session_url");
    let pay = |card: &'static str, expiry: &'static str| {
        http()
            .post(&checkout)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&[
                ("card_number", card),
                ("expiry", expiry),
                ("cvc", "123"),
            ]))
            .send()
    };
    let huge = pay("4242424242424242", "01/9223372036854775807")
        .await
        .expect("answered, not dropped");
    assert_eq!(huge.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(huge.text().await.expect("body").contains("MM/YY"));
    // 4111 1111 1111 1111 passes Luhn but is not one of the simulator's test cards.
    let real = pay("4111111111111111", "12/40").await.expect("answered");
    assert_eq!(real.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(real.text().await.expect("body").contains("test card"));
    let state = get(&sim, "/_sim/state", None).await.to_string();
    assert!(!state.contains("4111111111111111"));
    let page = http().get(&checkout).send().await.expect("page");
    let headers = page.headers();
    assert!(
        headers["content-security-policy"]
            .to_str()
            .expect("ascii")
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let dashboard = http()
        .get(format!("{}/_sim/", sim.base_url()))
        .send()
        .await
        .expect("dashboard");
    assert!(dashboard.headers().contains_key("content-security-policy"));
}

#[tokio::test]
async fn every_answer_has_a_request_id_refusals_before_routing_included() {
    // Docs review item 12: 414 and 431 were answered before the id was stamped.
    let sim = Simulator::start().expect("simulator");
    let long_path = format!("{}/collect/payments/{}", sim.base_url(), "p".repeat(9000));
    let too_long = http().get(long_path).send().await.expect("request");
    assert_eq!(too_long.status(), StatusCode::URI_TOO_LONG);
    assert!(too_long.headers().contains_key("x-request-id"));
    let big_header = http()
        .get(format!("{}/_sim/health", sim.base_url()))
        .header("x-padding", "h".repeat(70_000))
        .send()
        .await
        .expect("request");
    assert_eq!(
        big_header.status(),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE
    );
    assert!(big_header.headers().contains_key("x-request-id"));
    let rebound = http()
        .get(format!("{}/_sim/health", sim.base_url()))
        .header("host", "rebind.evil.example")
        .send()
        .await
        .expect("request");
    assert!(rebound.headers().contains_key("x-request-id"));
    assert!(rebound.headers().contains_key("content-security-policy"));
}
