//! Pays a hosted checkout page in real headless Chromium (Debian's `chromium` and
//! `chromium-driver`, driven over the W3C WebDriver protocol) and checks that the signed
//! webhook arrives and verifies.
//!
//! It needs the browser, so it is `#[ignore]`d in a plain `cargo test`; the README's test
//! command installs chromium and runs it with `--ignored`.

use momentpay::models::{CreatePaymentSession, CustomerDetails, EventType, PaymentOutcome};
use momentpay_sim::{Simulator, WebhookInbox};
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Driver {
    process: Child,
    base: String,
    http: reqwest::Client,
    session: Option<String>,
}

impl Driver {
    async fn start() -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("free port");
        let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".to_owned());
        let process = Command::new(&binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {binary} (install chromium-driver): {e}"));
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(20);
        while http.get(format!("{base}/status")).send().await.is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Driver {
            process,
            base,
            http,
            session: None,
        }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response: Value = request
            .send()
            .await
            .expect("webdriver call")
            .json()
            .await
            .expect("webdriver json");
        assert!(
            response["value"].get("error").is_none(),
            "webdriver error on {path}: {response}"
        );
        response["value"].clone()
    }

    async fn open_browser(&mut self, profile: &std::path::Path) {
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
        let capabilities = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     format!("--user-data-dir={}", profile.display())]
        }}}});
        let created = self
            .call(reqwest::Method::POST, "/session", Some(capabilities))
            .await;
        self.session = Some(
            created["sessionId"]
                .as_str()
                .expect("session id")
                .to_owned(),
        );
    }

    fn path(&self, rest: &str) -> String {
        format!("/session/{}{}", self.session.as_deref().unwrap_or(""), rest)
    }

    async fn go(&self, url: &str) {
        self.call(
            reqwest::Method::POST,
            &self.path("/url"),
            Some(json!({"url": url})),
        )
        .await;
    }

    async fn find(&self, css: &str) -> String {
        let found = self
            .call(
                reqwest::Method::POST,
                &self.path("/element"),
                Some(json!({"using": "css selector", "value": css})),
            )
            .await;
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("element id")
            .to_owned()
    }

    async fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &self.path(&format!("/element/{element}/value")),
            Some(json!({"text": text})),
        )
        .await;
    }

    async fn click(&self, css: &str) {
        let element = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &self.path(&format!("/element/{element}/click")),
            Some(json!({})),
        )
        .await;
    }

    async fn text(&self, css: &str) -> String {
        let element = self.find(css).await;
        self.call(
            reqwest::Method::GET,
            &self.path(&format!("/element/{element}/text")),
            None,
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    /// Polls the text of `css` until it contains `expected` (a submitted form loads a new
    /// page some time after the click returns).
    async fn wait_for_text(&self, css: &str, expected: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let found = self
                .http
                .post(format!("{}{}", self.base, self.path("/element")))
                .json(&json!({"using": "css selector", "value": css}))
                .send()
                .await
                .ok();
            let element = match found {
                Some(response) => response.json::<Value>().await.ok().and_then(|v| {
                    v["value"]
                        .as_object()
                        .and_then(|o| o.values().next())
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                }),
                None => None,
            };
            if let Some(element) = element {
                let text = self
                    .http
                    .get(format!(
                        "{}{}",
                        self.base,
                        self.path(&format!("/element/{element}/text"))
                    ))
                    .send()
                    .await
                    .ok();
                if let Some(response) = text {
                    let value: Value = response.json().await.unwrap_or_default();
                    let text = value["value"].as_str().unwrap_or_default().to_owned();
                    if text.contains(expected) {
                        return text;
                    }
                }
            }
            assert!(
                Instant::now() < deadline,
                "`{css}` never showed {expected:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn screenshot(&self, file: &std::path::Path) {
        use base64::Engine;
        let png = self
            .call(reqwest::Method::GET, &self.path("/screenshot"), None)
            .await;
        if let Some(data) = png
            .as_str()
            .and_then(|d| base64::engine::general_purpose::STANDARD.decode(d).ok())
        {
            let _ = std::fs::write(file, data);
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; the README's test command runs it"]
async fn a_person_pays_the_checkout_in_headless_chromium() {
    let sim = Simulator::start().expect("simulator");
    let key = Simulator::new_test_key();
    let inbox = WebhookInbox::start().expect("inbox");
    let (_, secret) = sim.register_webhook(inbox.url(), Some(&key));
    let client = momentpay::Client::builder()
        .api_key(&key)
        .base_url(sim.base_url())
        .build()
        .expect("client");
    let session = client
        .payment_sessions()
        .create(&CreatePaymentSession::first_in_series(
            5000,
            "ZAR",
            CustomerDetails::new("Alex", "alex@example.com"),
        ))
        .await
        .expect("session");
    let url = session.session_url.clone().expect("session_url");

    let profile = std::env::temp_dir().join(format!("momentpay-chromium-{}", std::process::id()));
    let mut driver = Driver::start().await;
    driver.open_browser(&profile).await;
    driver.go(&url).await;
    assert_eq!(driver.text("#amount").await, "ZAR 50.00");
    // A declined card first: the page says so and the session stays open.
    driver
        .type_into("#card_number", "4000 0000 0000 0002")
        .await;
    driver.type_into("#expiry", "12/34").await;
    driver.type_into("#cvc", "123").await;
    driver.click("#pay").await;
    driver.wait_for_text("#error", "declined").await;
    // Then the good card.
    driver
        .type_into("#card_number", "4242 4242 4242 4242")
        .await;
    driver.type_into("#expiry", "12/34").await;
    driver.type_into("#cvc", "123").await;
    driver.click("#pay").await;
    assert_eq!(
        driver.wait_for_text("#result", "Payment successful").await,
        "Payment successful"
    );
    let shot = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("checkout-paid.png");
    driver.screenshot(&shot).await;
    let _ = driver
        .call(reqwest::Method::DELETE, &driver.path(""), None)
        .await;
    let _ = std::fs::remove_dir_all(&profile);

    let delivery = tokio::task::spawn_blocking(move || {
        let found = inbox.wait_for_body("payment_session.completed", Duration::from_secs(15));
        (found, inbox)
    })
    .await
    .expect("join")
    .0
    .expect("the completion webhook arrived");
    let event = momentpay::Webhook::new(&secret)
        .expect("secret")
        .verify(&delivery.body, &delivery.headers)
        .expect("signed");
    assert_eq!(event.kind, EventType::PaymentSessionCompleted);
    let paid = event.payment_session().expect("session");
    assert_eq!(paid.id, session.id);
    assert_eq!(paid.payment_outcome, Some(PaymentOutcome::Paid));
    assert!(paid.payment_method_id.is_some());
}
