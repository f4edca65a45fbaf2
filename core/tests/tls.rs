//! Transport security over real sockets: HTTPS goes through rustls with the platform's
//! trusted roots, so a server whose certificate nobody vouches for is refused before a byte
//! of the request (or the API key) is sent; plain http is refused for anything but
//! loopback unless the caller opts in.

use momentpay::{Client, ErrorKind};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

const CERT: &[u8] = include_bytes!("fixtures/localhost.cert.pem");
const KEY: &[u8] = include_bytes!("fixtures/localhost.key.pem");

/// An HTTPS server for `localhost` with a self-signed certificate. Counts the bytes of
/// application data it ever receives (a request that got through would show here).
async fn self_signed_server() -> (u16, Arc<AtomicUsize>) {
    let cert = CertificateDer::from_pem_slice(CERT).expect("certificate");
    let key = PrivateKeyDer::from_pem_slice(KEY).expect("key");
    let config = ServerConfig::builder_with_provider(Arc::new(
        tokio_rustls::rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocols")
    .with_no_client_auth()
    .with_single_cert(vec![cert], key)
    .expect("server config");
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let received = Arc::new(AtomicUsize::new(0));
    let counter = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let counter = counter.clone();
            tokio::spawn(async move {
                if let Ok(mut tls) = acceptor.accept(socket).await {
                    let mut buffer = vec![0u8; 4096];
                    while let Ok(n) = tls.read(&mut buffer).await {
                        if n == 0 {
                            break;
                        }
                        counter.fetch_add(n, Ordering::SeqCst);
                    }
                }
            });
        }
    });
    (port, received)
}

#[tokio::test]
async fn an_untrusted_certificate_is_refused_before_the_request_is_sent() {
    let (port, received) = self_signed_server().await;
    let client = Client::builder()
        .api_key("sk_test_tls_secret_value")
        .base_url(format!("https://localhost:{port}"))
        .max_retries(0)
        .build()
        .expect("client");
    let error = client
        .payment_sessions()
        .retrieve("ps_1")
        .await
        .expect_err("a self-signed certificate must not be trusted");
    assert_eq!(error.kind(), ErrorKind::Connection, "{error}");
    let chain = format!("{error:?} {error}");
    assert!(
        chain.contains("certificate") || chain.contains("UnknownIssuer"),
        "the error says why: {chain}"
    );
    assert!(!chain.contains("sk_test_tls_secret_value"));
    assert_eq!(
        received.load(Ordering::SeqCst),
        0,
        "no request bytes reached the server"
    );
}

#[test]
fn plain_http_is_loopback_only_unless_opted_in() {
    for url in [
        "http://api.momentpay.net",
        "http://10.0.0.7:8080",
        "http://example.com/v1",
    ] {
        let error = Client::builder()
            .api_key("sk_test_x")
            .base_url(url)
            .build()
            .expect_err(url);
        assert_eq!(error.kind(), ErrorKind::Configuration, "{url}");
        assert!(error.to_string().contains("allow_insecure_http"), "{error}");
    }
    for url in ["http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9"] {
        Client::builder()
            .api_key("sk_test_x")
            .base_url(url)
            .build()
            .expect(url);
    }
    Client::builder()
        .api_key("sk_test_x")
        .base_url("http://10.0.0.7:8080")
        .allow_insecure_http(true)
        .build()
        .expect("opted in");
}
