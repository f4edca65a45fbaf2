//! [`ApiCall`]: one prepared API call. Await it (async client) or `.send()` it (blocking
//! client), after optionally setting per-request options.

use crate::client::Client;
use crate::error::{Error, Result};
use crate::request::{ApiRequest, RequestOptions, Response};
use serde::de::DeserializeOwned;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

/// A prepared call returning `T`. Nothing is sent until it is awaited.
///
/// ```no_run
/// # async fn demo(client: momentpay::Client) -> momentpay::Result<()> {
/// use momentpay::models::CreatePaymentSession;
/// let session = client
///     .payment_sessions()
///     .create(&CreatePaymentSession::one_time(5000, "ZAR"))
///     .idempotency_key("order-1234")
///     .await?;
/// # Ok(()) }
/// ```
#[must_use = "an ApiCall does nothing until it is awaited or sent"]
pub struct ApiCall<T> {
    client: Client,
    request: Result<ApiRequest>,
    options: RequestOptions,
    _returns: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for ApiCall<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiCall")
            .field(
                "request",
                &self.request.as_ref().map(|r| (r.method, &r.path)),
            )
            .field("options", &self.options)
            .finish()
    }
}

impl<T: DeserializeOwned + Send + 'static> ApiCall<T> {
    pub(crate) fn new(client: Client, request: Result<ApiRequest>) -> Self {
        ApiCall {
            client,
            request,
            options: RequestOptions::default(),
            _returns: PhantomData,
        }
    }

    /// Uses this idempotency key instead of a generated one.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.options.idempotency_key = Some(key.into());
        self
    }

    /// Sets the per-attempt timeout of this call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Sets how many retries this call may make.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.options.max_retries = Some(retries);
        self
    }

    /// Uses another API key for this call.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        match crate::config::ApiKey::new(key) {
            Ok(key) => self.options.api_key = Some(key),
            Err(error) => self.request = Err(error),
        }
        self
    }

    /// Replaces all per-request options.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// The request this call will send (validated and serialised), or the validation error.
    pub fn request(&self) -> std::result::Result<&ApiRequest, &Error> {
        self.request.as_ref()
    }

    /// Sends the call and decodes the response.
    pub async fn send(self) -> Result<T> {
        self.with_response().await.map(|response| response.data)
    }

    /// Sends the call and decodes the response, keeping what the response said about
    /// itself: Moment's request ID, whether it was an idempotent replay, the key used.
    ///
    /// ```no_run
    /// # async fn demo(client: momentpay::Client) -> momentpay::Result<()> {
    /// let response = client.payments().retrieve("pay_123").with_response().await?;
    /// println!("{} (request {:?})", response.data.id, response.meta.request_id);
    /// # Ok(()) }
    /// ```
    pub async fn with_response(self) -> Result<Response<T>> {
        let mut request = self.request?;
        if let Some(extra) = &self.options.extra_body {
            request.merge_extra_body(extra)?;
        }
        let response = self
            .client
            .transport()
            .send(&request, &self.options)
            .await?;
        let data = serde_json::from_slice(&response.body).map_err(|e| {
            Error::decode(
                format!("cannot decode the {} response: {e}", request.operation),
                response.meta.request_id.clone(),
            )
        })?;
        Ok(Response {
            data,
            meta: response.meta,
        })
    }
}

impl<T: DeserializeOwned + Send + 'static> IntoFuture for ApiCall<T> {
    type Output = Result<T>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T>> + Send + 'static>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
