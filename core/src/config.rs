//! Client configuration: API key, base URL, timeouts, retries, user agent.

use crate::error::{Error, Result};
use crate::retry::RetryPolicy;
use std::fmt;
use std::time::Duration;

/// The production API host.
pub const DEFAULT_BASE_URL: &str = "https://api.momentpay.net";
/// Environment variable read for the API key when none is passed.
pub const API_KEY_ENV: &str = "MOMENT_API_KEY";
/// Environment variable read for the base URL when none is passed.
pub const BASE_URL_ENV: &str = "MOMENT_BASE_URL";

/// Which kind of key an [`ApiKey`] is, from its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// `sk_test_…`: a secret key in test mode.
    SecretTest,
    /// Any other `sk_…` (including `sk_live_…`): a secret key in live mode.
    SecretLive,
    /// `pk_test_…`: a public key in test mode (may only create payment sessions).
    PublicTest,
    /// Any other `pk_…`: a public key in live mode (may only create payment sessions).
    PublicLive,
}

impl KeyKind {
    /// True for public (`pk_…`) keys.
    pub fn is_public(self) -> bool {
        matches!(self, KeyKind::PublicTest | KeyKind::PublicLive)
    }

    /// True for test-mode keys.
    pub fn is_test(self) -> bool {
        matches!(self, KeyKind::SecretTest | KeyKind::PublicTest)
    }

    fn redacted_prefix(self) -> &'static str {
        match self {
            KeyKind::SecretTest => "sk_test_",
            KeyKind::SecretLive => "sk_",
            KeyKind::PublicTest => "pk_test_",
            KeyKind::PublicLive => "pk_",
        }
    }
}

/// A Moment API key. Its value never appears in `Debug` or `Display` output.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey {
    value: String,
    kind: KeyKind,
}

impl ApiKey {
    /// Checks and wraps a key. It must start with `sk_` or `pk_` and hold no whitespace or
    /// control characters (a trailing newline from an env file is the usual culprit).
    pub fn new(value: impl Into<String>) -> Result<ApiKey> {
        let value = value.into();
        if value.is_empty() {
            return Err(Error::validation("api_key", "is empty"));
        }
        if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::validation(
                "api_key",
                "contains whitespace or control characters; trim it",
            ));
        }
        if !value.is_ascii() {
            return Err(Error::validation("api_key", "must be ASCII"));
        }
        let kind = if value.starts_with("sk_test_") {
            KeyKind::SecretTest
        } else if value.starts_with("sk_") {
            KeyKind::SecretLive
        } else if value.starts_with("pk_test_") {
            KeyKind::PublicTest
        } else if value.starts_with("pk_") {
            KeyKind::PublicLive
        } else {
            return Err(Error::validation(
                "api_key",
                "must start with `sk_` (secret key) or `pk_` (public key)",
            ));
        };
        Ok(ApiKey { value, kind })
    }

    /// The kind of key.
    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    /// The raw key, for the `Authorization` header. Avoid logging it.
    pub fn expose(&self) -> &str {
        &self.value
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({}***)", self.kind.redacted_prefix())
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}***", self.kind.redacted_prefix())
    }
}

/// The resolved, validated configuration a client runs with.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The default API key.
    pub api_key: ApiKey,
    /// The base URL, without a trailing slash.
    pub base_url: String,
    /// TCP/TLS connect timeout.
    pub connect_timeout: Duration,
    /// Timeout of one attempt (request sent to response body read).
    pub timeout: Duration,
    /// Retry policy (max retries, backoff bounds).
    pub retry: RetryPolicy,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Largest response body read; a larger one is a [`crate::ErrorKind::Decode`] error.
    pub max_response_bytes: usize,
    /// Bound on one whole call: every attempt, the waits between them and the wait for a
    /// free slot under [`ClientConfig::max_in_flight`] (default 90 s).
    pub total_timeout: Duration,
    /// Requests this client has on the wire at once (default 100); more calls queue. Over
    /// HTTP/1.1 this also bounds the open connections.
    pub max_in_flight: usize,
    /// Idle connections kept for reuse (default 20).
    pub max_idle_connections: usize,
    /// Whether a live key (`sk_live_…`, `pk_live_…`) may be sent to [`ClientConfig::base_url`]:
    /// true for an https URL to a host that is not loopback, given in code or the default, or
    /// with [`ClientBuilder::allow_live_key_anywhere`]. A per-call live key is checked too.
    pub live_keys_allowed: bool,
    /// Whether the base URL's host is loopback (`localhost`, `127.0.0.0/8`, `[::1]`): such
    /// calls never go through a proxy from `HTTP_PROXY` and the like.
    pub loopback: bool,
}

/// Default bound on one whole call, attempts and waits together.
pub const DEFAULT_TOTAL_TIMEOUT: Duration = Duration::from_secs(90);
/// Default number of requests a client has on the wire at once.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 100;
/// Default number of idle connections a client keeps.
pub const DEFAULT_MAX_IDLE_CONNECTIONS: usize = 20;

/// Largest response body a client reads by default (16 MiB; Moment's largest page of
/// results is well under 1 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 << 20;

/// Marks a [`ClientBuilder`] whose `build()` makes the async [`crate::Client`] (the default).
#[derive(Debug, Clone, Copy, Default)]
pub struct AsyncKind;

/// Marks a [`ClientBuilder`] whose `build()` makes the [`crate::blocking::Client`]: the
/// builder `blocking::Client::builder()` returns.
#[derive(Debug, Clone, Copy, Default)]
pub struct BlockingKind;

/// Builds a [`crate::Client`] (from `Client::builder()`) or a [`crate::blocking::Client`]
/// (from `blocking::Client::builder()`): `build()` makes the client the builder came from.
///
/// Anything not set falls back to the environment (`MOMENT_API_KEY`, `MOMENT_BASE_URL`) and
/// then to the documented defaults: 5 s connect timeout, 60 s per attempt, 2 retries, 90 s
/// for the whole call, 100 requests in flight, 20 idle connections kept.
#[derive(Clone, Default)]
pub struct ClientBuilder<K = AsyncKind> {
    api_key: Option<String>,
    base_url: Option<String>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    max_response_bytes: Option<usize>,
    max_retries: Option<u32>,
    retry: Option<RetryPolicy>,
    user_agent_suffix: Option<String>,
    allow_insecure_http: bool,
    allow_live_key_anywhere: bool,
    total_timeout: Option<Duration>,
    max_in_flight: Option<usize>,
    max_idle_connections: Option<usize>,
    kind: std::marker::PhantomData<K>,
}

impl<K> fmt::Debug for ClientBuilder<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "***"))
            .field("base_url", &self.base_url)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("allow_live_key_anywhere", &self.allow_live_key_anywhere)
            .field("total_timeout", &self.total_timeout)
            .field("max_in_flight", &self.max_in_flight)
            .field("max_idle_connections", &self.max_idle_connections)
            .finish()
    }
}

impl ClientBuilder {
    /// A builder with nothing set.
    pub fn new() -> Self {
        Self::default()
    }
}

impl<K> ClientBuilder<K> {
    /// The API key (`sk_…` on servers; `pk_…` only creates payment sessions).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// The base URL (default `https://api.momentpay.net`, or `MOMENT_BASE_URL`).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Connect timeout (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Largest response body to read (default [`DEFAULT_MAX_RESPONSE_BYTES`]): a larger one
    /// is refused as a decode error while it streams in, never buffered whole.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = Some(bytes);
        self
    }

    /// Timeout of one attempt (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Bound on one whole call: every attempt, backoff and `Retry-After` wait, and the wait
    /// for a free slot (default 90 s). A mutation cut off by it after an attempt was sent
    /// ends as an unknown outcome carrying its idempotency key.
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// Requests on the wire at once (default 100; at least 1). Further calls wait for a
    /// slot, within their `total_timeout`. Over HTTP/1.1 this also bounds open connections.
    pub fn max_in_flight(mut self, requests: usize) -> Self {
        self.max_in_flight = Some(requests);
        self
    }

    /// Idle connections kept for reuse (default 20).
    pub fn max_idle_connections(mut self, connections: usize) -> Self {
        self.max_idle_connections = Some(connections);
        self
    }

    /// Retries after the first attempt (default 2).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// The whole retry policy (backoff bounds and cap on `Retry-After`).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Appended to the `User-Agent` header, e.g. `"my-shop/1.4"`.
    pub fn user_agent(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Allows plain `http://` to a host that is not loopback. Off by default: a secret key
    /// must never travel in clear text.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Lets a live key (`sk_live_…`) go to a base URL it is otherwise refused for: plain
    /// http, a loopback host, or a host that came from `MOMENT_BASE_URL` rather than your
    /// code. Off by default, so one `eval $(momentpay-sim serve --print-env)` in the wrong
    /// shell cannot send a production key to a local process.
    pub fn allow_live_key_anywhere(mut self, allow: bool) -> Self {
        self.allow_live_key_anywhere = allow;
        self
    }

    /// Resolves the configuration, reading the environment for anything not set.
    pub fn resolve(self) -> Result<ClientConfig> {
        self.resolve_from(&|name| std::env::var(name).ok())
    }

    /// [`ClientBuilder::resolve`] with `env` for the environment.
    fn resolve_from(self, env: &dyn Fn(&str) -> Option<String>) -> Result<ClientConfig> {
        let api_key = match self.api_key.or_else(|| env(API_KEY_ENV)) {
            Some(key) => ApiKey::new(key)?,
            None => {
                return Err(Error::configuration(format!(
                    "no API key: pass one to the client or set {API_KEY_ENV}"
                )));
            }
        };
        let from_env = self.base_url.is_none();
        let base_url = self
            .base_url
            .or_else(|| env(BASE_URL_ENV).filter(|u| !u.is_empty()))
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
        let base_url = check_base_url(&base_url, self.allow_insecure_http)?;
        let loopback = is_loopback(&base_url);
        let live_keys_allowed = self.allow_live_key_anywhere
            || (base_url.starts_with("https://")
                && !loopback
                && (!from_env || base_url == DEFAULT_BASE_URL));
        if !api_key.kind().is_test() && !live_keys_allowed {
            return Err(live_key_refused(&base_url, from_env));
        }
        let mut retry = self.retry.unwrap_or_default();
        if let Some(max) = self.max_retries {
            retry.max_retries = max;
        }
        let mut user_agent = format!("momentpay-rust/{}", env!("CARGO_PKG_VERSION"));
        if let Some(suffix) = self.user_agent_suffix {
            if suffix.chars().any(|c| c.is_control()) {
                return Err(Error::validation(
                    "user_agent",
                    "contains control characters",
                ));
            }
            user_agent.push(' ');
            user_agent.push_str(&suffix);
        }
        Ok(ClientConfig {
            api_key,
            base_url,
            connect_timeout: self.connect_timeout.unwrap_or(Duration::from_secs(5)),
            timeout: self.timeout.unwrap_or(Duration::from_secs(60)),
            retry,
            user_agent,
            max_response_bytes: self
                .max_response_bytes
                .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
            total_timeout: self.total_timeout.unwrap_or(DEFAULT_TOTAL_TIMEOUT),
            max_in_flight: match self.max_in_flight {
                Some(0) => return Err(Error::validation("max_in_flight", "must be at least 1")),
                Some(n) => n.min(tokio::sync::Semaphore::MAX_PERMITS),
                None => DEFAULT_MAX_IN_FLIGHT,
            },
            max_idle_connections: self
                .max_idle_connections
                .unwrap_or(DEFAULT_MAX_IDLE_CONNECTIONS),
            live_keys_allowed,
            loopback,
        })
    }
}

/// The error for a live key aimed at a base URL it may not go to.
pub(crate) fn live_key_refused(base_url: &str, from_env: bool) -> Error {
    let why = if from_env && !base_url.starts_with("http://") && !is_loopback(base_url) {
        format!("{base_url} came from {BASE_URL_ENV}, not from your code")
    } else {
        format!("{base_url} is plain http or a loopback host, as a simulator is")
    };
    Error::configuration(format!(
        "refusing to send a live key to {base_url}: {why}. Use a test key (sk_test_…), pass \
         base_url in code, or opt in with allow_live_key_anywhere"
    ))
}

/// Whether a checked base URL's host is loopback.
pub(crate) fn is_loopback(base_url: &str) -> bool {
    url::Url::parse(base_url).is_ok_and(|url| host_is_loopback(&url))
}

fn host_is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Parses and checks a base URL: http(s) only, no credentials in it, no plain http to a
/// non-loopback host unless allowed. Returns it without a trailing slash.
pub fn check_base_url(raw: &str, allow_insecure_http: bool) -> Result<String> {
    let url = url::Url::parse(raw)
        .map_err(|e| Error::validation("base_url", format!("is not a valid URL ({e})")))?;
    match url.scheme() {
        "https" => {}
        "http" => {
            if !host_is_loopback(&url) && !allow_insecure_http {
                return Err(Error::configuration(format!(
                    "refusing plain http to `{}`: API keys must not travel in clear text. \
                     Use https, or opt in with allow_insecure_http",
                    url.host_str().unwrap_or("")
                )));
            }
        }
        other => {
            return Err(Error::validation(
                "base_url",
                format!("scheme `{other}` is not http or https"),
            ));
        }
    }
    // `https://api.momentpay.net@evil.example` is a valid URL whose host is evil.example;
    // and a password here would be printed wherever the base URL is.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::validation(
            "base_url",
            "must not hold a user or password (`…@`): the API key is the only credential, \
             and the host is what follows the `@`",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::validation(
            "base_url",
            "must not have a query or fragment",
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_with(builder: ClientBuilder, base_url_env: Option<&str>) -> Result<ClientConfig> {
        let env = base_url_env.map(str::to_owned);
        builder.resolve_from(&move |name| (name == BASE_URL_ENV).then(|| env.clone()).flatten())
    }

    #[test]
    fn a_live_key_goes_only_over_https_to_a_host_that_is_not_loopback() {
        let live = || ClientBuilder::new().api_key("sk_live_x");
        for local in [
            "http://127.0.0.1:9",
            "https://127.0.0.1:9",
            "http://localhost:12111",
            "https://[::1]:443",
        ] {
            let refused = resolve_with(live().base_url(local), None).expect_err(local);
            assert_eq!(refused.kind(), crate::ErrorKind::Configuration, "{local}");
            assert!(refused.message().contains("allow_live_key_anywhere"));
        }
        let refused = resolve_with(
            live()
                .base_url("http://moment.internal")
                .allow_insecure_http(true),
            None,
        );
        assert!(refused.is_err(), "plain http to any host");
        assert!(resolve_with(live(), None).is_ok());
        assert!(resolve_with(live().base_url("https://proxy.shop.example"), None).is_ok());
        // Opted in: a local test double that needs a live-looking key.
        let opted = live()
            .base_url("http://127.0.0.1:9")
            .allow_live_key_anywhere(true);
        assert!(resolve_with(opted, None).is_ok());
        // Test keys go anywhere the base URL rules allow.
        let test_key = ClientBuilder::new()
            .api_key("sk_test_x")
            .base_url("http://127.0.0.1:9");
        assert!(resolve_with(test_key, None).is_ok());
    }

    #[test]
    fn moment_base_url_from_the_environment_never_receives_a_live_key() {
        // Security review M5: `eval $(momentpay-sim serve --print-env)` in the wrong shell.
        let live = || ClientBuilder::new().api_key("sk_live_x");
        for env in ["http://127.0.0.1:12111", "https://staging.shop.example"] {
            let refused = resolve_with(live(), Some(env)).expect_err(env);
            assert_eq!(refused.kind(), crate::ErrorKind::Configuration);
        }
        assert!(resolve_with(live(), Some(DEFAULT_BASE_URL)).is_ok());
        // Passed in code, the same https host is the caller's choice.
        assert!(resolve_with(live().base_url("https://staging.shop.example"), Some("x")).is_ok());
        // A test key still follows the environment (the simulator's --print-env).
        let test_key = ClientBuilder::new().api_key("sk_test_x");
        let config = resolve_with(test_key, Some("http://127.0.0.1:12111")).expect("test key");
        assert_eq!(config.base_url, "http://127.0.0.1:12111");
        assert!(config.loopback && !config.live_keys_allowed);
    }

    #[test]
    fn a_base_url_with_a_user_or_password_is_refused() {
        for url in [
            "https://u:p@api.momentpay.net",
            "https://api.momentpay.net@evil.example",
            "https://user@api.momentpay.net",
            "http://:secret@127.0.0.1:9",
        ] {
            let refused = check_base_url(url, false).expect_err(url);
            assert_eq!(refused.field(), Some("base_url"), "{url}");
            assert!(
                !refused.to_string().contains("secret") && !refused.to_string().contains(":p@")
            );
        }
    }

    #[test]
    fn key_kinds_follow_prefixes() {
        assert_eq!(
            ApiKey::new("sk_test_abc").map(|k| k.kind()).ok(),
            Some(KeyKind::SecretTest)
        );
        assert_eq!(
            ApiKey::new("sk_live_abc").map(|k| k.kind()).ok(),
            Some(KeyKind::SecretLive)
        );
        assert_eq!(
            ApiKey::new("sk_abc").map(|k| k.kind()).ok(),
            Some(KeyKind::SecretLive)
        );
        assert_eq!(
            ApiKey::new("pk_test_abc").map(|k| k.kind()).ok(),
            Some(KeyKind::PublicTest)
        );
        assert!(ApiKey::new("abc").is_err());
        assert!(ApiKey::new("sk_test_abc\n").is_err());
    }

    #[test]
    fn key_value_is_never_printed() {
        let key = ApiKey::new("sk_test_supersecretvalue").expect("valid key");
        assert!(!format!("{key:?}").contains("supersecret"));
        assert!(!format!("{key}").contains("supersecret"));
    }

    #[test]
    fn plain_http_only_to_loopback() {
        assert!(check_base_url("http://127.0.0.1:1234", false).is_ok());
        assert!(check_base_url("http://localhost:1234/", false).is_ok());
        assert!(check_base_url("http://[::1]:80", false).is_ok());
        assert!(check_base_url("https://api.momentpay.net", false).is_ok());
        let refused = check_base_url("http://api.momentpay.net", false);
        assert!(refused.is_err_and(|e| e.kind() == crate::ErrorKind::Configuration));
        assert!(check_base_url("http://api.momentpay.net", true).is_ok());
        assert!(check_base_url("ftp://x", true).is_err());
    }
}
