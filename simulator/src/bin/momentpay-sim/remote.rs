//! Talking to a running simulator's control API as a merchant, and the errors a script can
//! tell apart by exit code.

use serde_json::Value;

/// What went wrong, and the exit code that says so.
#[derive(Debug)]
pub enum CliError {
    /// The simulator answered with an error (exit 1).
    Refused(String),
    /// A wrong argument the parser could not catch (exit 2).
    Usage(String),
    /// The simulator could not be reached, or a file could not be used (exit 3).
    Io(String),
}

impl CliError {
    /// 1, 2 or 3 (see `--help`).
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Refused(_) => 1,
            CliError::Usage(_) => 2,
            CliError::Io(_) => 3,
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Refused(m) | CliError::Usage(m) | CliError::Io(m) => f.write_str(m),
        }
    }
}

/// A path segment, percent-encoded.
pub fn segment(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// A running simulator, as one merchant (or as nobody in particular).
pub struct Remote {
    base_url: String,
    api_key: Option<String>,
    http: reqwest::Client,
}

impl Remote {
    fn new(base_url: &str, api_key: Option<String>) -> Result<Remote, CliError> {
        let parsed = url::Url::parse(base_url).map_err(|e| {
            CliError::Usage(format!(
                "--base-url `{base_url}` is not a URL ({e}); expected e.g. http://127.0.0.1:12111"
            ))
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(CliError::Usage(format!(
                "--base-url `{base_url}` must be an http:// or https:// URL"
            )));
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(CliError::Usage(
                "--base-url must not hold a user or password (`…@`)".to_owned(),
            ));
        }
        let loopback = match parsed.host() {
            Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        };
        let mut http = reqwest::Client::builder().timeout(std::time::Duration::from_secs(60));
        // A proxy from HTTP_PROXY would see the key in clear on its way to a local simulator.
        if loopback {
            http = http.no_proxy();
        }
        let http = http
            .build()
            .map_err(|e| CliError::Io(format!("cannot make an HTTP client: {e}")))?;
        Ok(Remote {
            base_url: base_url.trim_end_matches('/').to_owned(),
            api_key,
            http,
        })
    }

    /// As the merchant of `api_key` (required).
    pub fn merchant(base_url: &str, api_key: Option<&str>) -> Result<Remote, CliError> {
        let key = api_key.ok_or_else(|| {
            CliError::Usage(
                "name the merchant with --api-key sk_test_… or MOMENT_API_KEY (any new sk_test_ key is a new merchant)"
                    .to_owned(),
            )
        })?;
        if !(key.starts_with("sk_")
            && key.len() > 3
            && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        {
            return Err(CliError::Usage(format!(
                "--api-key must be a secret key such as sk_test_…, got `{}`",
                key.chars().take(8).collect::<String>()
            )));
        }
        // MOMENT_API_KEY is also production's variable: a live key never leaves for a
        // simulator (which refuses it anyway) and is never echoed past its prefix.
        if !key.starts_with("sk_test_") {
            return Err(CliError::Usage(
                "the simulator takes test keys only: --api-key (or MOMENT_API_KEY) must start \
                 with sk_test_, and this one is a live key"
                    .to_owned(),
            ));
        }
        Remote::new(base_url, Some(key.to_owned()))
    }

    /// Without a merchant (commands about the whole simulator).
    pub fn anonymous(base_url: &str) -> Result<Remote, CliError> {
        Remote::new(base_url, None)
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<String>,
    ) -> Result<String, CliError> {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base_url));
        if let Some(key) = &self.api_key {
            request = request.bearer_auth(key);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body);
        }
        let response = request.send().await.map_err(|e| {
            CliError::Io(format!(
                "cannot reach the simulator at {} ({e}); start one with `momentpay-sim serve` or pass --base-url",
                self.base_url
            ))
        })?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| CliError::Io(format!("the simulator's answer was cut off: {e}")))?;
        if status.is_success() {
            return Ok(text);
        }
        let problem: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let detail = problem["detail"]
            .as_str()
            .or(problem["title"].as_str())
            .unwrap_or(text.as_str());
        Err(CliError::Refused(format!("{status}: {detail}")))
    }

    fn json(text: &str) -> Value {
        if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(text).unwrap_or(Value::String(text.to_owned()))
        }
    }

    /// `GET path` as JSON.
    pub async fn get(&self, path: &str) -> Result<Value, CliError> {
        Ok(Self::json(
            &self.send(reqwest::Method::GET, path, None).await?,
        ))
    }

    /// `GET path` as text.
    pub async fn get_text(&self, path: &str) -> Result<String, CliError> {
        self.send(reqwest::Method::GET, path, None).await
    }

    /// `POST path` with a JSON body.
    pub async fn post(&self, path: &str, body: Value) -> Result<Value, CliError> {
        Ok(Self::json(
            &self
                .send(reqwest::Method::POST, path, Some(body.to_string()))
                .await?,
        ))
    }

    /// `PUT path` with a JSON text body.
    pub async fn put_text(&self, path: &str, body: String) -> Result<Value, CliError> {
        Ok(Self::json(
            &self.send(reqwest::Method::PUT, path, Some(body)).await?,
        ))
    }

    /// `DELETE path`.
    pub async fn delete(&self, path: &str) -> Result<Value, CliError> {
        Ok(Self::json(
            &self.send(reqwest::Method::DELETE, path, None).await?,
        ))
    }
}
