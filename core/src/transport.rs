//! Sending one logical call: auth, idempotency key, attempts, retries, errors, tracing.

use crate::config::{ApiKey, ClientConfig};
use crate::error::{Error, Result};
use crate::request::{ApiRequest, RequestOptions, ResponseMeta};
use crate::retry::{AttemptOutcome, RetryBudget, RetryDecision, StopReason, parse_retry_after};
use crate::validation;
use std::time::{Duration, SystemTime};
use tokio::time::Instant;
use tracing::Instrument;

/// Header carrying how many retries preceded this attempt.
pub const RETRY_COUNT_HEADER: &str = "x-moment-retry-count";

/// One HTTP connection pool plus the client's configuration.
#[derive(Debug)]
pub(crate) struct Transport {
    /// The pool and the in-flight slots of the process that uses them (rebuilt in a forked
    /// child: the parent's sockets and permits are not the child's).
    process: std::sync::Mutex<PerProcess>,
    /// `Bearer <the client's key>`, built once and marked sensitive (never printed).
    authorization: reqwest::header::HeaderValue,
    /// Retries this client may still make (shared by its calls).
    budget: RetryBudget,
    pub(crate) config: ClientConfig,
}

/// What a client must not share with a forked child.
#[derive(Debug, Clone)]
struct PerProcess {
    pid: u32,
    http: reqwest::Client,
    /// One permit per request on the wire ([`ClientConfig::max_in_flight`]).
    slots: std::sync::Arc<tokio::sync::Semaphore>,
}

/// A successful response body and what the response said about itself.
pub(crate) struct RawResponse {
    pub(crate) body: bytes::Bytes,
    pub(crate) meta: ResponseMeta,
}

enum Attempt {
    Success(RawResponse),
    Failure { error: Error, outcome: OwnedOutcome },
}

enum OwnedOutcome {
    Status {
        status: u16,
        code: Option<String>,
        retry_after: Option<Duration>,
    },
    /// `sent`: the request may have left (reqwest reports no connect failure).
    Connection {
        sent: bool,
    },
    Timeout,
}

impl OwnedOutcome {
    /// Whether the attempt may have reached Moment without an answer coming back: it timed
    /// out, the connection broke after the request may have left, or Moment said a request
    /// with this key is still running.
    fn left_unanswered(&self) -> bool {
        match self {
            OwnedOutcome::Timeout => true,
            OwnedOutcome::Connection { sent } => *sent,
            // Moment may have committed before a 500 (a failure after the write) or before a
            // gateway's 502 or 504; a 503 is a refusal before any work.
            OwnedOutcome::Status { status, code, .. } => {
                matches!(status, 500 | 502 | 504)
                    || (*status == 409 && code.as_deref() == Some("idempotency-key-in-use"))
            }
        }
    }

    fn borrow(&self) -> AttemptOutcome<'_> {
        match self {
            OwnedOutcome::Status {
                status,
                code,
                retry_after,
            } => AttemptOutcome::Status {
                status: *status,
                problem_code: code.as_deref(),
                retry_after: *retry_after,
            },
            OwnedOutcome::Connection { .. } => AttemptOutcome::ConnectionError,
            OwnedOutcome::Timeout => AttemptOutcome::Timeout,
        }
    }
}

/// One self-contained log line per attempt: the bindings' log bridges see events, not spans,
/// so each carries method, path, attempt, status and request id, then its own fields.
macro_rules! attempt_event {
    ($level:expr, $request:expr, $attempt:expr, $status:expr, $request_id:expr, $($rest:tt)+) => {
        tracing::event!(
            $level,
            method = %$request.method.as_str(),
            path = %$request.path,
            attempt = $attempt,
            status = %$status,
            request_id = %$request_id,
            $($rest)+
        )
    };
}

/// A failed attempt's status for the log: the HTTP status, or `none` when nothing answered.
fn status_text(error: &Error) -> String {
    error
        .status()
        .map_or_else(|| "none".to_owned(), |status| status.to_string())
}

/// The `Authorization` value for a key, marked sensitive.
fn bearer(key: &ApiKey) -> Result<reqwest::header::HeaderValue> {
    let mut value = reqwest::header::HeaderValue::from_str(&format!("Bearer {}", key.expose()))
        .map_err(|_| Error::validation("api_key", "cannot be sent in an HTTP header"))?;
    value.set_sensitive(true);
    Ok(value)
}

/// rustls with the ring provider, TLS 1.2 and 1.3, and the platform's certificate
/// verifier (the system roots and revocation where the platform offers it); HTTP/1.1.
fn tls_config() -> Result<rustls::ClientConfig> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let failed = |e: rustls::Error| Error::configuration(format!("cannot set up TLS: {e}"));
    let mut config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(failed)?
    .with_platform_verifier()
    .map_err(failed)?
    .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

fn http_client(config: &ClientConfig) -> Result<reqwest::Client> {
    let builder = reqwest::Client::builder()
        .tls_backend_preconfigured(tls_config()?)
        .connect_timeout(config.connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(config.user_agent.clone())
        .pool_idle_timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(config.max_idle_connections)
        .tcp_keepalive(Duration::from_secs(30));
    // A proxy from HTTP_PROXY would see a local simulator's traffic, key included, in clear.
    let builder = if config.loopback {
        builder.no_proxy()
    } else {
        builder
    };
    builder
        .build()
        .map_err(|e| Error::configuration(format!("cannot build the HTTP client: {e}")))
}

impl PerProcess {
    fn new(config: &ClientConfig) -> Result<PerProcess> {
        Ok(PerProcess {
            pid: std::process::id(),
            http: http_client(config)?,
            slots: std::sync::Arc::new(tokio::sync::Semaphore::new(config.max_in_flight)),
        })
    }
}

impl Transport {
    pub(crate) fn new(config: ClientConfig) -> Result<Transport> {
        let authorization = bearer(&config.api_key)?;
        Ok(Transport {
            process: std::sync::Mutex::new(PerProcess::new(&config)?),
            authorization,
            budget: RetryBudget::new(config.retry.retry_budget),
            config,
        })
    }

    /// This process's pool and slots: a forked child builds its own the first time (the
    /// inherited ones are leaked, not dropped: their sockets are the parent's).
    fn process(&self) -> Result<PerProcess> {
        let mut process = self
            .process
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if process.pid != std::process::id() {
            let inherited = std::mem::replace(&mut *process, PerProcess::new(&self.config)?);
            std::mem::forget(inherited);
        }
        Ok(process.clone())
    }

    /// The retry budget left (tokens), for tests and metrics.
    pub(crate) fn retry_budget(&self) -> u32 {
        self.budget.available()
    }

    /// Sends a request with retries; returns the successful body.
    pub(crate) async fn send(
        &self,
        request: &ApiRequest,
        options: &RequestOptions,
    ) -> Result<RawResponse> {
        let api_key = options.api_key.as_ref().unwrap_or(&self.config.api_key);
        if api_key.kind().is_public() && !request.public_key_allowed {
            return Err(Error::secret_key_required(request.operation));
        }
        if !api_key.kind().is_test() && !self.config.live_keys_allowed {
            return Err(crate::config::live_key_refused(
                &self.config.base_url,
                false,
            ));
        }
        let idempotency_key = if request.method.is_mutating() {
            let key = match &options.idempotency_key {
                Some(key) => key.clone(),
                None => uuid::Uuid::new_v4().to_string(),
            };
            validation::idempotency_key(&key)?;
            Some(key)
        } else {
            if options.idempotency_key.is_some() {
                return Err(Error::validation(
                    "idempotency_key",
                    format!(
                        "is only sent with POST, PATCH and DELETE; {} is a GET",
                        request.operation
                    ),
                ));
            }
            None
        };
        let mut policy = self.config.retry;
        if let Some(max) = options.max_retries {
            policy.max_retries = max;
        }
        let timeout = options.timeout.unwrap_or(self.config.timeout);
        let total_timeout = options.total_timeout.unwrap_or(self.config.total_timeout);
        let deadline = Instant::now() + total_timeout;
        let process = self.process()?;
        // Spans under their own target: a log bridge (Python's) shows the events, which carry
        // everything, and leaves the spans to tracing subscribers.
        let span = tracing::info_span!(
            target: "momentpay::spans",
            "moment.request",
            operation = request.operation,
            method = request.method.as_str(),
            path = %request.path,
            idempotency_key = idempotency_key.as_deref().unwrap_or(""),
        );
        async {
            let mut retries = 0u32;
            // Tokens this call took from the retry budget (returned if it succeeds).
            let mut spent = 0u32;
            // Whether some attempt of this mutation may have been applied unanswered.
            let mut unanswered = false;
            loop {
                let attempt_span = tracing::debug_span!(target: "momentpay::spans", "moment.attempt", attempt = retries + 1);
                let attempt = self
                    .attempt_in_slot(&process, request, api_key, idempotency_key.as_deref(), retries, timeout, deadline)
                    .instrument(attempt_span)
                    .await;
                let (error, outcome) = match attempt {
                    Attempt::Success(mut response) => {
                        attempt_event!(
                            tracing::Level::DEBUG,
                            request,
                            retries + 1,
                            response.meta.status,
                            response.meta.request_id.as_deref().unwrap_or(""),
                            "answered"
                        );
                        self.budget.refund(if spent > 0 { spent } else { 1 });
                        response.meta.idempotency_key = idempotency_key.clone();
                        return Ok(response);
                    }
                    Attempt::Failure { error, outcome } => (error, outcome),
                };
                unanswered |= request.method.is_mutating() && outcome.left_unanswered();
                let jitter: f64 = rand::random();
                let decision = match policy.decide(retries, &outcome.borrow(), jitter) {
                    RetryDecision::Retry { delay, reason, .. }
                        if Instant::now() + delay >= deadline =>
                    {
                        RetryDecision::Stop(StopReason::Deadline(reason))
                    }
                    RetryDecision::Retry { reason, .. }
                        if !self.budget.try_spend(RetryBudget::cost(reason)) =>
                    {
                        RetryDecision::Stop(StopReason::BudgetExhausted(reason))
                    }
                    decision => decision,
                };
                match decision {
                    RetryDecision::Retry { delay, reason, from_retry_after } => {
                        spent += RetryBudget::cost(reason);
                        attempt_event!(
                            tracing::Level::INFO,
                            request,
                            retries + 1,
                            status_text(&error),
                            error.request_id().unwrap_or(""),
                            reason = %reason,
                            delay_ms = delay.as_millis() as u64,
                            from_retry_after,
                            "retrying"
                        );
                        tokio::time::sleep(delay).await;
                        retries += 1;
                    }
                    RetryDecision::Stop(reason) => {
                        if matches!(reason, StopReason::NotRetryable(_)) {
                            // An answer (a 404, a 422): the caller's error to handle, not news.
                            attempt_event!(
                                tracing::Level::DEBUG,
                                request,
                                retries + 1,
                                status_text(&error),
                                error.request_id().unwrap_or(""),
                                "answered"
                            );
                        } else {
                            attempt_event!(
                                tracing::Level::WARN,
                                request,
                                retries + 1,
                                status_text(&error),
                                error.request_id().unwrap_or(""),
                                reason = %reason,
                                "giving up"
                            );
                        }
                        let error = match reason {
                            StopReason::Deadline(_) | StopReason::BudgetExhausted(_) => {
                                error.with_note(&reason.to_string())
                            }
                            _ => error,
                        };
                        // No definite answer (the last attempt failed in a way a retry could
                        // cure) after an attempt that may have been applied: say so.
                        let error = match (&idempotency_key, unanswered && error.is_retryable()) {
                            (Some(key), true) => {
                                Error::unknown_outcome(request.operation, retries + 1, key, error)
                            }
                            _ => error,
                        };
                        return Err(error.with_idempotency_key(idempotency_key.clone()));
                    }
                }
            }
        }
        .instrument(span)
        .await
    }

    /// One attempt, sent once a slot under `max_in_flight` is free; the attempt's timeout
    /// ends at the call's deadline at the latest.
    #[allow(clippy::too_many_arguments)]
    async fn attempt_in_slot(
        &self,
        process: &PerProcess,
        request: &ApiRequest,
        api_key: &ApiKey,
        idempotency_key: Option<&str>,
        retries: u32,
        timeout: Duration,
        deadline: Instant,
    ) -> Attempt {
        let permit = match tokio::time::timeout_at(deadline, process.slots.clone().acquire_owned())
            .await
        {
            Ok(Ok(permit)) => permit,
            Ok(Err(_)) | Err(_) => {
                return Attempt::Failure {
                    error: Error::timeout(format!(
                        "no request slot came free before total_timeout ({} requests in flight: max_in_flight); nothing was sent",
                        self.config.max_in_flight
                    )),
                    outcome: OwnedOutcome::Connection { sent: false },
                };
            }
        };
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Attempt::Failure {
                error: Error::timeout("total_timeout passed before the attempt; nothing was sent"),
                outcome: OwnedOutcome::Connection { sent: false },
            };
        }
        let attempt = self
            .attempt(
                &process.http,
                request,
                api_key,
                idempotency_key,
                retries,
                timeout.min(left),
            )
            .await;
        drop(permit);
        attempt
    }

    async fn attempt(
        &self,
        http: &reqwest::Client,
        request: &ApiRequest,
        api_key: &ApiKey,
        idempotency_key: Option<&str>,
        retries: u32,
        timeout: Duration,
    ) -> Attempt {
        let url = format!("{}{}", self.config.base_url, request.path);
        let mut builder = http
            .request(request.method.to_reqwest(), url)
            .timeout(timeout)
            .header(reqwest::header::ACCEPT, "application/json")
            .header(
                RETRY_COUNT_HEADER,
                reqwest::header::HeaderValue::from(retries),
            );
        // The client's own key was made into a header once; a per-call key is made here.
        builder = if std::ptr::eq(api_key, &self.config.api_key) {
            builder.header(reqwest::header::AUTHORIZATION, self.authorization.clone())
        } else {
            builder.bearer_auth(api_key.expose())
        };
        if !request.query.is_empty() {
            builder = builder.query(&request.query);
        }
        if let Some(key) = idempotency_key {
            builder = builder.header("Idempotency-Key", key);
        }
        if let Some(body) = &request.body {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let response = match builder.send().await {
            Ok(response) => response,
            Err(e) => return transport_failure(e),
        };
        let status = response.status().as_u16();
        let request_id = response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let replayed = response
            .headers()
            .get("idempotent-replayed")
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"true"));
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, SystemTime::now()));
        let body =
            match read_body(response, self.config.max_response_bytes, request_id.clone()).await {
                Ok(body) => body,
                Err(failure) => return failure,
            };
        tracing::trace!(
            status,
            request_id = request_id.as_deref().unwrap_or(""),
            "response"
        );
        if (200..300).contains(&status) {
            let meta = ResponseMeta {
                request_id,
                idempotent_replayed: replayed,
                status,
                idempotency_key: None,
            };
            return Attempt::Success(RawResponse { body, meta });
        }
        let error = Error::from_response(status, &body, request_id, retry_after);
        let outcome = OwnedOutcome::Status {
            status,
            code: error.code().map(str::to_owned),
            retry_after,
        };
        Attempt::Failure { error, outcome }
    }
}

/// The response body, refused (a decode error, not retried) as soon as it is known to pass
/// `limit` bytes: by its `Content-Length`, or while it streams in.
async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
    request_id: Option<String>,
) -> std::result::Result<bytes::Bytes, Attempt> {
    let status = response.status().as_u16();
    let too_large = |request_id: Option<String>| {
        let error = Error::decode(
            format!(
                "the response is larger than the client's {limit}-byte limit (max_response_bytes)"
            ),
            request_id,
        );
        Attempt::Failure {
            error,
            outcome: OwnedOutcome::Status {
                status,
                code: Some("response-too-large".to_owned()),
                retry_after: None,
            },
        }
    };
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(too_large(request_id));
    }
    let mut body = bytes::BytesMut::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > limit {
                    return Err(too_large(request_id));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body.freeze()),
            Err(e) => return Err(transport_failure(e)),
        }
    }
}

/// `": <the innermost cause>"` (reqwest's own message stops at "error sending request",
/// which hides a refused certificate or a reset connection), or nothing.
fn root_cause(error: &reqwest::Error) -> String {
    let mut cause: Option<&dyn std::error::Error> = std::error::Error::source(error);
    let mut innermost = None;
    while let Some(current) = cause {
        innermost = Some(current);
        cause = current.source();
    }
    innermost.map(|e| format!(": {e}")).unwrap_or_default()
}

fn transport_failure(error: reqwest::Error) -> Attempt {
    if error.is_timeout() {
        Attempt::Failure {
            error: Error::timeout(format!("the request timed out: {error}")),
            outcome: OwnedOutcome::Timeout,
        }
    } else {
        let message = format!("connection failed: {error}{}", root_cause(&error));
        let sent = !error.is_connect();
        Attempt::Failure {
            error: Error::connection(message, Some(Box::new(error))),
            outcome: OwnedOutcome::Connection { sent },
        }
    }
}
