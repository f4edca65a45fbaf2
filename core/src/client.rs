//! The async [`Client`].

use crate::api::{Operation, Params};
use crate::call::ApiCall;
use crate::config::{ClientBuilder, ClientConfig};
use crate::error::{Error, Result};
use crate::request::ApiRequest;
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

    /// Tokens left in this client's retry budget (see [`crate::RetryBudget`]): full at
    /// [`crate::RetryPolicy::retry_budget`], lower after recent failures.
    pub fn retry_budget_left(&self) -> u32 {
        self.transport.retry_budget()
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

    /// The call of `operation` (a row of [`crate::api::OPERATIONS`]): the path parameter
    /// checked and percent-encoded into its path, the parameters normalised, validated and
    /// serialised (a JSON body, or the query string). Nothing is sent until it is awaited.
    pub(crate) fn operation<P, T>(
        &self,
        operation: &'static Operation,
        id: Option<&str>,
        params: Option<&P>,
    ) -> ApiCall<T>
    where
        P: Validate + Serialize + DeserializeOwned + Clone,
        T: DeserializeOwned + Send + 'static,
    {
        ApiCall::new(self.clone(), build_request(operation, id, params))
    }
}

/// The path of the first field of `body` that `P` does not model (`P` refuses unknown
/// fields), if that is why it does not parse.
fn unknown_field<P: DeserializeOwned>(body: &serde_json::Value) -> Option<String> {
    match crate::operations::parse_params::<P>(body.clone()) {
        Err(error) if error.reason().starts_with("unknown field") => {
            error.field().map(str::to_owned)
        }
        _ => None,
    }
}

pub(crate) fn build_request<P: Validate + Serialize + DeserializeOwned + Clone>(
    operation: &'static Operation,
    id: Option<&str>,
    params: Option<&P>,
) -> Result<ApiRequest> {
    let path = expand_path(operation, id)?;
    let mut request = ApiRequest {
        method: operation.method,
        path,
        query: Vec::new(),
        body: None,
        public_key_allowed: operation.public_key,
        operation: operation.name,
        unknown_field: None,
    };
    let Some(params) = params else {
        return Ok(request);
    };
    let mut params = params.clone();
    params.normalize();
    params.validate()?;
    let cannot =
        |e: serde_json::Error| Error::internal(format!("cannot serialise {}: {e}", operation.name));
    match operation.params {
        Params::Body => {
            request.body = Some(serde_json::to_vec(&params).map_err(cannot)?);
            request.unknown_field = Some(unknown_field::<P>);
        }
        Params::Query => {
            if let serde_json::Value::Object(fields) =
                serde_json::to_value(&params).map_err(cannot)?
            {
                for (name, value) in fields {
                    let text = match value {
                        serde_json::Value::Null => continue,
                        serde_json::Value::String(text) => text,
                        other => other.to_string(),
                    };
                    request.query.push((name, text));
                }
            }
        }
        Params::None => {}
    }
    Ok(request)
}

/// `operation.path` with its `{param}` replaced by `id`, checked and percent-encoded.
fn expand_path(operation: &Operation, id: Option<&str>) -> Result<String> {
    let Some(name) = operation.path_param else {
        return Ok(operation.path.to_owned());
    };
    let id = id.ok_or_else(|| {
        Error::validation(
            name,
            format!("{} needs the `{name}` of the resource", operation.name),
        )
    })?;
    validation::path_id(name, id)?;
    let mut encoded = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    Ok(operation.path.replace(&format!("{{{name}}}"), &encoded))
}
