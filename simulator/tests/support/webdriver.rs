//! A small W3C WebDriver client for the browser tests: chromedriver drives Debian's headless
//! `chromium` (`CHROMEDRIVER` and `CHROMIUM` override where they are).
#![allow(dead_code)]

use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Driver {
    process: Child,
    base: String,
    http: reqwest::Client,
    session: Option<String>,
}

impl Driver {
    /// Starts chromedriver on a free port. The port is found by binding and releasing it, so
    /// another process (a simulator of a test running beside this one) may take it first:
    /// the driver counts as started only when its own `/status` says `ready`, and a driver
    /// that exits (its port taken) or a stranger answering is retried on a new port.
    pub async fn start() -> Driver {
        let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".to_owned());
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("http client");
        for _ in 0..5 {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .map(|a| a.port())
                .expect("free port");
            let mut process = Command::new(&binary)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {binary} (install chromium-driver): {e}"));
            let base = format!("http://127.0.0.1:{port}");
            let deadline = Instant::now() + Duration::from_secs(20);
            let ready = loop {
                if process.try_wait().ok().flatten().is_some() {
                    break false; // it exited: most likely its port was taken
                }
                if let Ok(response) = http.get(format!("{base}/status")).send().await {
                    let status: Value = response.json().await.unwrap_or(Value::Null);
                    break status["value"]["ready"] == json!(true);
                }
                assert!(Instant::now() < deadline, "chromedriver did not start");
                tokio::time::sleep(Duration::from_millis(100)).await;
            };
            if ready {
                return Driver {
                    process,
                    base,
                    http,
                    session: None,
                };
            }
            let _ = process.kill();
            let _ = process.wait();
        }
        panic!("chromedriver did not start on any of 5 free ports");
    }

    pub async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
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

    pub async fn open_browser(&mut self, profile: &std::path::Path) {
        self.open_browser_with(profile, &[]).await;
    }

    /// [`Driver::open_browser`] with more Chromium flags (e.g. `--host-resolver-rules`).
    pub async fn open_browser_with(&mut self, profile: &std::path::Path, extra: &[String]) {
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
        let mut args: Vec<String> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ]
        .iter()
        .map(|a| (*a).to_owned())
        .collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        args.extend(extra.iter().cloned());
        let capabilities = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": chromium,
            "args": args
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

    pub fn path(&self, rest: &str) -> String {
        format!("/session/{}{}", self.session.as_deref().unwrap_or(""), rest)
    }

    pub async fn go(&self, url: &str) {
        self.call(
            reqwest::Method::POST,
            &self.path("/url"),
            Some(json!({"url": url})),
        )
        .await;
    }

    pub async fn find(&self, css: &str) -> String {
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

    pub async fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &self.path(&format!("/element/{element}/value")),
            Some(json!({"text": text})),
        )
        .await;
    }

    pub async fn click(&self, css: &str) {
        let element = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &self.path(&format!("/element/{element}/click")),
            Some(json!({})),
        )
        .await;
    }

    pub async fn text(&self, css: &str) -> String {
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
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> String {
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

    /// Empties an input.
    pub async fn clear(&self, css: &str) {
        let element = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &self.path(&format!("/element/{element}/clear")),
            Some(json!({})),
        )
        .await;
    }

    /// Runs `script` in the page and answers its return value.
    pub async fn execute(&self, script: &str) -> Value {
        self.call(
            reqwest::Method::POST,
            &self.path("/execute/sync"),
            Some(json!({"script": script, "args": []})),
        )
        .await
    }

    /// Ends the browser session.
    pub async fn quit(&self) {
        let _ = self
            .call(reqwest::Method::DELETE, &self.path(""), None)
            .await;
    }

    pub async fn screenshot(&self, file: &std::path::Path) {
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
