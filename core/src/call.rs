//! [`ApiCall`]: one prepared API call. Await it (async client) or `.send()` it (blocking
//! client), after optionally setting per-request options.

use crate::error::{Error, Result};
use crate::request::{ApiRequest, RequestOptions, Response};
use crate::transport::Transport;
use serde::de::DeserializeOwned;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

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
    transport: Arc<Transport>,
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
    pub(crate) fn new(transport: Arc<Transport>, request: Result<ApiRequest>) -> Self {
        // A mutation's key exists before anything is sent, so a caller who drops the future
        // (a timeout, `select!`) can still read it and repeat the call safely.
        let mutates = request.as_ref().is_ok_and(|r| r.method.is_mutating());
        let options = RequestOptions {
            idempotency_key: mutates.then(|| uuid::Uuid::new_v4().to_string()),
            ..RequestOptions::default()
        };
        ApiCall {
            transport,
            request,
            options,
            _returns: PhantomData,
        }
    }

    /// The idempotency key this call sends: yours, or the one made when the call was built
    /// (a mutation's; `None` for a GET). Read it before awaiting when the call may be
    /// cancelled, so you can repeat it safely:
    ///
    /// ```no_run
    /// # async fn demo(client: momentpay::Client) -> momentpay::Result<()> {
    /// use momentpay::models::CapturePayment;
    /// use std::time::Duration;
    /// let call = client.payments().capture("pay_123", &CapturePayment::amount(500));
    /// let key = call.current_idempotency_key().map(str::to_owned);
    /// if tokio::time::timeout(Duration::from_secs(2), call).await.is_err() {
    ///     // Dropped mid-flight: it may have been applied. Repeat with the same key.
    ///     let mut again = client.payments().capture("pay_123", &CapturePayment::amount(500));
    ///     if let Some(key) = key {
    ///         again = again.idempotency_key(key);
    ///     }
    ///     again.await?;
    /// }
    /// # Ok(()) }
    /// ```
    pub fn current_idempotency_key(&self) -> Option<&str> {
        self.options.idempotency_key.as_deref()
    }

    /// Replaces all per-request options (the call keeps the key it made when `options` has
    /// none).
    pub fn options(mut self, options: RequestOptions) -> Self {
        let made = self.options.idempotency_key.take();
        self.options = options;
        if self.options.idempotency_key.is_none() {
            self.options.idempotency_key = made;
        }
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
        let response = self.transport.send(&request, &self.options).await?;
        let data = serde_json::from_slice(&response.body).map_err(|e| {
            Error::decode(
                format!("cannot decode the {} response: {e}", request.operation),
                response.meta.request_id.clone(),
            )
            .applied_but_undecodable(response.meta.idempotency_key.as_deref())
        })?;
        Ok(Response {
            data,
            meta: response.meta,
        })
    }
}

/// The setters of every per-call option, from the table in request.rs.
macro_rules! call_setters {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $ty:ty = $setter:ident, kind: $kind:ident, scope: $scope:ident,
            ffi: $ffi:ident $(, check: $check:path)?;
    )*) => {
        impl<T> ApiCall<T> {
            $( call_setters!(@setter $setter $name $ty, $($doc)*); )*
        }
    };
    (@setter into $name:ident $ty:ty, $($doc:literal)*) => {
        $(#[doc = $doc])*
        pub fn $name(mut self, value: impl Into<$ty>) -> Self {
            self.options.$name = Some(value.into());
            self
        }
    };
    (@setter value $name:ident $ty:ty, $($doc:literal)*) => {
        $(#[doc = $doc])*
        pub fn $name(mut self, value: $ty) -> Self {
            self.options.$name = Some(value);
            self
        }
    };
    // A value that fails its check makes the call fail with that error when sent.
    (@setter checked $name:ident $ty:ty, $($doc:literal)*) => {
        $(#[doc = $doc])*
        pub fn $name(mut self, value: impl Into<String>) -> Self {
            match <$ty>::new(value) {
                Ok(value) => self.options.$name = Some(value),
                Err(error) => self.request = Err(error),
            }
            self
        }
    };
}

crate::request::for_each_request_option!(call_setters);

impl<T: DeserializeOwned + Send + 'static> IntoFuture for ApiCall<T> {
    type Output = Result<T>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T>> + Send + 'static>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
