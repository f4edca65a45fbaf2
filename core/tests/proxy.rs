#![allow(unsafe_code)] // std::env::set_var, in a binary of one test (see below).
//! Security review L7: with `HTTP_PROXY` set and `NO_PROXY` not covering loopback, a client
//! of a local simulator must not hand its requests, `Authorization: Bearer …` in clear
//! text, to the proxy. Its own test binary: it sets the process's proxy variables.

use momentpay::Client;
use momentpay::models::CreatePaymentSession;
use momentpay_sim::Simulator;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[tokio::test]
async fn a_loopback_base_url_never_goes_through_a_proxy() {
    // A "proxy" that counts connections and answers each with a 502.
    let proxy = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let proxy_url = format!("http://{}", proxy.local_addr().expect("addr"));
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    tokio::spawn(async move {
        use tokio::io::AsyncWriteExt;
        while let Ok((mut stream, _)) = proxy.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let _ = stream
                .write_all(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n")
                .await;
        }
    });
    // SAFETY of set_var: this binary has this one test, so no other thread reads the
    // environment meanwhile.
    for name in ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"] {
        unsafe { std::env::set_var(name, &proxy_url) };
    }
    for name in ["NO_PROXY", "no_proxy"] {
        unsafe { std::env::remove_var(name) };
    }
    let sim = Simulator::start().expect("simulator");
    let client = Client::builder()
        .api_key(Simulator::new_test_key())
        .base_url(sim.base_url())
        .max_retries(0)
        .build()
        .expect("client");
    let session = client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(500, "ZAR"))
        .await
        .expect("the call reaches the simulator directly");
    assert_eq!(session.amount, 500);
    assert_eq!(seen.load(Ordering::SeqCst), 0, "the proxy saw the call");
    // The proxy is real: a client that does go through it is seen.
    let through = reqwest::Client::builder()
        .proxy(reqwest::Proxy::http(&proxy_url).expect("proxy"))
        .build()
        .expect("client");
    let _ = through.get("http://example.invalid/").send().await;
    assert_eq!(seen.load(Ordering::SeqCst), 1);
}
