//! The async [`Client`].

use crate::call::ApiCall;
use crate::config::{ClientBuilder, ClientConfig};
use crate::error::{Error, Result};
use crate::request::{ApiRequest, Method};
use crate::resources::{Async, Billing, PaymentPages, PaymentRequests, PaymentSessions, Payments};
use crate::transport::Transport;
use crate::validation::{self, Validate};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// The async Moment client. `Send + Sync`; cloning is cheap and shares the connection pool.
///
/// ```no_run
/// # async fn demo() -> momentpay::Result<()> {
/// use momentpay::{Client, models::{CreatePaymentSession, CustomerDetails}};
/// let client = Client::new("sk_test_...")?;
/// let session = client
///     .payment_sessions()
///     .create(&CreatePaymentSession::first_in_series(5000, "ZAR", CustomerDetails::new("Alex", "alex@example.com")))
///     .await?;
/// println!("send the customer to {}", session.session_url.unwrap_or_default());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    transport: Arc<Transport>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.transport.config)
            .finish()
    }
}

impl Client {
    /// A client with this API key; everything else from the environment or the defaults.
    pub fn new(api_key: impl Into<String>) -> Result<Client> {
        ClientBuilder::new().api_key(api_key).build()
    }

    /// A client configured entirely from `MOMENT_API_KEY` and `MOMENT_BASE_URL`.
    pub fn from_env() -> Result<Client> {
        ClientBuilder::new().build()
    }

    /// A builder for every option.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client from a resolved configuration.
    pub fn from_config(config: ClientConfig) -> Result<Client> {
        Ok(Client {
            transport: Arc::new(Transport::new(config)?),
        })
    }

    /// The configuration this client runs with.
    pub fn config(&self) -> &ClientConfig {
        &self.transport.config
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.transport
    }

    /// `/collect/payment_sessions`.
    pub fn payment_sessions(&self) -> PaymentSessions<'_, Async> {
        PaymentSessions::new(self)
    }

    /// `/collect/payments`.
    pub fn payments(&self) -> Payments<'_, Async> {
        Payments::new(self)
    }

    /// `/collect/payment_requests`.
    pub fn payment_requests(&self) -> PaymentRequests<'_, Async> {
        PaymentRequests::new(self)
    }

    /// `/collect/payment_pages`.
    pub fn payment_pages(&self) -> PaymentPages<'_, Async> {
        PaymentPages::new(self)
    }

    /// `/billing/...`: customers, accounts and bills.
    pub fn billing(&self) -> Billing<'_, Async> {
        Billing::new(self)
    }

    /// A call without a body.
    pub(crate) fn call<T: DeserializeOwned + Send + 'static>(
        &self,
        operation: &'static str,
        method: Method,
        path: Result<String>,
    ) -> ApiCall<T> {
        let request = path.map(|path| ApiRequest {
            method,
            path,
            query: Vec::new(),
            body: None,
            public_key_allowed: false,
            operation,
        });
        ApiCall::new(self.clone(), request)
    }

    /// A call whose body is `params`, normalised and validated first.
    pub(crate) fn call_with<P, T>(
        &self,
        operation: &'static str,
        method: Method,
        path: Result<String>,
        params: &P,
    ) -> ApiCall<T>
    where
        P: Validate + Serialize + Clone,
        T: DeserializeOwned + Send + 'static,
    {
        let request = path.and_then(|path| {
            let mut params = params.clone();
            params.normalize();
            params.validate()?;
            let body = serde_json::to_vec(&params)
                .map_err(|e| Error::internal(format!("cannot serialise {operation}: {e}")))?;
            Ok(ApiRequest {
                method,
                path,
                query: Vec::new(),
                body: Some(body),
                public_key_allowed: false,
                operation,
            })
        });
        ApiCall::new(self.clone(), request)
    }
}

/// Builds a path from static parts and ID segments, checking and percent-encoding each ID.
pub(crate) fn path(parts: &[PathPart<'_>]) -> Result<String> {
    let mut out = String::new();
    for part in parts {
        match part {
            PathPart::Static(s) => out.push_str(s),
            PathPart::Id(name, value) => {
                validation::path_id(name, value)?;
                for byte in value.bytes() {
                    if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
                        out.push(byte as char);
                    } else {
                        out.push_str(&format!("%{byte:02X}"));
                    }
                }
            }
        }
    }
    Ok(out)
}

/// A piece of a request path.
pub(crate) enum PathPart<'a> {
    /// Literal text.
    Static(&'a str),
    /// An ID (field name, value).
    Id(&'a str, &'a str),
}
