//! Secrets never printed, public keys refused before the network, plain http refused.

mod common;

use common::env;
use momentpay::models::*;
use momentpay::{Client, ClientBuilder, ErrorKind};
use std::io::Write;
use std::sync::{Arc, Mutex};

const SECRET_KEY: &str = "sk_test_TOPSECRETvalue123";
const WEBHOOK_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn no_secret_in_debug_or_display() {
    let builder = ClientBuilder::new()
        .api_key(SECRET_KEY)
        .base_url("https://api.momentpay.net");
    assert!(!format!("{builder:?}").contains("TOPSECRET"));
    let client = builder.clone().build().expect("client");
    assert!(!format!("{client:?}").contains("TOPSECRET"));
    assert!(!format!("{:?}", client.config()).contains("TOPSECRET"));
    let blocking = builder.build_blocking().expect("client");
    assert!(!format!("{blocking:?}").contains("TOPSECRET"));
    let webhook = momentpay::Webhook::new(WEBHOOK_SECRET).expect("secret");
    assert!(!format!("{webhook:?}").contains("MfKQ9r8G"));
    let call = client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(1, "ZAR"))
        .api_key("sk_test_OTHERSECRET");
    assert!(!format!("{call:?}").contains("OTHERSECRET"));
    let bad = Client::new("sk_test_has a space").expect_err("bad key");
    assert!(
        !bad.to_string().contains("has a space") && !format!("{bad:?}").contains("has a space")
    );
}

#[tokio::test]
async fn no_secret_in_errors_or_trace_logs() {
    let env = env();
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let secret_client = Client::builder()
        .api_key(format!("{}TOPSECRET", env.key))
        .base_url(env.sim.base_url())
        .build()
        .expect("client");
    secret_client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect("created");
    // Faults are per merchant: these are for the merchant of the secret key.
    let faulted = env
        .control()
        .post(format!("{}/_sim/faults", env.sim.base_url()))
        .bearer_auth(format!("{}TOPSECRET", env.key))
        .json(&serde_json::json!({"next": ["503", "503", "503"]}))
        .send()
        .await
        .expect("control call");
    assert!(faulted.status().is_success());
    let error = secret_client
        .payment_sessions()
        .retrieve("ps_x")
        .await
        .expect_err("503s");
    assert!(!format!("{error} {error:?}").contains("TOPSECRET"));
    let webhook_error = momentpay::Webhook::new(WEBHOOK_SECRET)
        .expect("s")
        .verify(b"{}", &[("webhook-id", "x")])
        .expect_err("missing");
    assert!(!format!("{webhook_error:?}").contains("MfKQ9r8G"));
    let logs = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf8");
    assert!(
        logs.contains("retrying"),
        "the trace shows why calls were retried:\n{logs}"
    );
    assert!(logs.contains("503 server error"));
    assert!(
        !logs.contains("TOPSECRET"),
        "a key leaked into the logs:\n{logs}"
    );
    assert!(!logs.contains(&env.key));
}

#[tokio::test]
async fn public_keys_only_create_payment_sessions() {
    let env = env();
    let public = env.key.replacen("sk_", "pk_", 1);
    let client = Client::builder()
        .api_key(&public)
        .base_url(env.sim.base_url())
        .build()
        .expect("client");
    let session = client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect("a public key creates sessions");
    assert!(session.session_url.is_some());
    let requests_before = env.requests().len();
    let error = client
        .payment_sessions()
        .retrieve(&session.id)
        .await
        .expect_err("secret key needed");
    assert_eq!(error.kind(), ErrorKind::PermissionDenied);
    assert!(error.message().contains("secret key"));
    let error = client
        .payments()
        .retrieve("pay_1")
        .await
        .expect_err("secret key needed");
    assert_eq!(error.kind(), ErrorKind::PermissionDenied, "{error}");
    let error = client
        .billing()
        .customers()
        .create(&CreateBillingCustomer::new("x"))
        .await
        .expect_err("secret key needed");
    assert_eq!(error.kind(), ErrorKind::PermissionDenied, "{error}");
    assert_eq!(
        env.requests().len(),
        requests_before,
        "refused before the network"
    );
    // The simulator refuses the same, for clients that are not ours.
    let raw = reqwest::Client::new()
        .get(format!(
            "{}/collect/payment_sessions/{}",
            env.sim.base_url(),
            session.id
        ))
        .bearer_auth(&public)
        .send()
        .await
        .expect("call");
    assert_eq!(raw.status(), 403);
    // The secret key of the same merchant sees the session.
    assert_eq!(
        env.client
            .payment_sessions()
            .retrieve(&session.id)
            .await
            .expect("secret key")
            .id,
        session.id
    );
}

#[test]
fn plain_http_to_a_remote_host_is_refused_unless_allowed() {
    let refused = Client::builder()
        .api_key(SECRET_KEY)
        .base_url("http://api.momentpay.net")
        .build()
        .expect_err("refused");
    assert_eq!(refused.kind(), ErrorKind::Configuration);
    assert!(refused.message().contains("clear text"));
    assert!(
        Client::builder()
            .api_key(SECRET_KEY)
            .base_url("http://api.momentpay.net")
            .allow_insecure_http(true)
            .build()
            .is_ok()
    );
    assert!(
        Client::builder()
            .api_key(SECRET_KEY)
            .base_url("http://127.0.0.1:9")
            .build()
            .is_ok()
    );
}

/// Runs this same test in a child process with the given environment (environment
/// mutation is unsafe in edition 2024 and the workspace forbids unsafe code).
fn run_child(mode: &str, vars: &[(&str, &str)]) {
    let mut command = std::process::Command::new(std::env::current_exe().expect("test binary"));
    command
        .args([
            "configuration_comes_from_the_environment",
            "--exact",
            "--test-threads=1",
        ])
        .env("MOMENTPAY_ENV_CHILD", mode)
        .env_remove("MOMENT_API_KEY")
        .env_remove("MOMENT_BASE_URL");
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = command.output().expect("child runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "child {mode} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn configuration_comes_from_the_environment() {
    match std::env::var("MOMENTPAY_ENV_CHILD").as_deref() {
        Ok("set") => {
            let client = Client::from_env().expect("from env");
            assert_eq!(client.config().base_url, "http://localhost:1234");
            assert_eq!(
                client.config().api_key.kind(),
                momentpay::KeyKind::SecretTest
            );
            let explicit = Client::builder()
                .api_key("sk_live_x")
                .base_url("https://example.test")
                .build()
                .expect("arguments win");
            assert_eq!(explicit.config().base_url, "https://example.test");
        }
        Ok("unset") => {
            let error = Client::from_env().expect_err("no key");
            assert_eq!(error.kind(), ErrorKind::Configuration);
            assert!(error.message().contains("MOMENT_API_KEY"));
            assert_eq!(
                Client::new("sk_live_x")
                    .expect("default url")
                    .config()
                    .base_url,
                "https://api.momentpay.net"
            );
        }
        _ => {
            run_child(
                "set",
                &[
                    ("MOMENT_API_KEY", "sk_test_fromenv"),
                    ("MOMENT_BASE_URL", "http://localhost:1234"),
                ],
            );
            run_child("unset", &[]);
        }
    }
}

#[tokio::test]
async fn a_live_key_for_one_call_is_refused_before_the_network() {
    // Security review M5: the per-call key follows the client's base URL rules.
    let env = env();
    let error = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .options(
            momentpay::RequestOptions::new()
                .api_key("sk_live_per_call")
                .expect("a well-formed key"),
        )
        .await
        .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::Configuration, "{error}");
    assert!(!error.to_string().contains("sk_live_per_call"), "{error}");
    assert!(env.requests().is_empty(), "nothing reached the simulator");
    let built = Client::builder()
        .api_key("sk_live_x")
        .base_url(env.sim.base_url())
        .build();
    assert_eq!(
        built.expect_err("a live key to the simulator").kind(),
        ErrorKind::Configuration
    );
}
