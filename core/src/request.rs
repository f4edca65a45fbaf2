//! Per-request options and the description of one API request.

use crate::error::Result;

/// Hands the table of per-call options to `$callback!`: one row per option, the one place
/// an option is stated. Each row: the doc, `name: Type = setter`, the kind and scope
/// codegen and the Python/Node parsers read ([`crate::options::REQUEST_OPTIONS`]), the name of
/// the field in Swift's `CallOptions`, and optionally a check of the given value.
///
/// `setter` is `into` (`impl Into<Type>`), `value` (`Type`) or `checked` (`impl Into<String>`
/// made into `Type` by `Type::new`, which may fail). From it come [`RequestOptions`]'s fields
/// and setters, `ApiCall`'s and `BlockingCall`'s setters, the options' parser and Swift's
/// `CallOptions`: adding a row adds the option everywhere. Exported for the Swift binding
/// crate (binding plumbing, not the Rust API).
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_request_option {
    ($callback:ident) => {
        $callback! {
            /// The Idempotency-Key (default: one made for the call and reused on every retry).
            /// Pass your own, an order ID say, to make a call safe to repeat across restarts.
            idempotency_key: String = into, kind: String, scope: Mutations,
                ffi: idempotency_key, check: $crate::validation::idempotency_key;
            /// Timeout of each attempt of this call.
            timeout: std::time::Duration = value, kind: Duration, scope: All, ffi: timeout_seconds;
            /// Retries after the first attempt of this call.
            max_retries: u32 = value, kind: Count, scope: All, ffi: max_retries;
            /// Bound on this whole call: attempts, waits between retries and queueing.
            total_timeout: std::time::Duration = value, kind: Duration, scope: All,
                ffi: total_timeout_seconds;
            /// Another API key for this call only.
            api_key: $crate::config::ApiKey = checked, kind: String, scope: All, ffi: api_key;
            /// Fields Moment accepts that this SDK does not model yet, merged into the request
            /// body as given (never validated; a field the SDK models is refused here: pass
            /// it as a parameter).
            extra_body: serde_json::Map<String, serde_json::Value> = value, kind: Object,
                scope: Body, ffi: extra_body;
        }
    };
}
pub(crate) use crate::for_each_request_option;

/// [`RequestOptions`] from the table.
macro_rules! define_request_options {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $ty:ty = $setter:ident, kind: $kind:ident, scope: $scope:ident,
            ffi: $ffi:ident $(, check: $check:path)?;
    )*) => {
        /// Options for one call, overriding the client's defaults. Build it with the setters
        /// (`RequestOptions::new().timeout(..)`), or set the same options on a call.
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct RequestOptions {
            $( $(#[doc = $doc])* pub $name: Option<$ty>, )*
        }

        impl RequestOptions {
            /// No overrides.
            pub fn new() -> Self {
                Self::default()
            }

            $( define_request_options!(@setter $setter $name $ty, $($doc)*); )*
        }
    };
    (@setter into $name:ident $ty:ty, $($doc:literal)*) => {
        $(#[doc = $doc])*
        pub fn $name(mut self, value: impl Into<$ty>) -> Self {
            self.$name = Some(value.into());
            self
        }
    };
    (@setter value $name:ident $ty:ty, $($doc:literal)*) => {
        $(#[doc = $doc])*
        pub fn $name(mut self, value: $ty) -> Self {
            self.$name = Some(value);
            self
        }
    };
    (@setter checked $name:ident $ty:ty, $($doc:literal)*) => {
        $(#[doc = $doc])*
        pub fn $name(mut self, value: impl Into<String>) -> Result<Self> {
            self.$name = Some(<$ty>::new(value)?);
            Ok(self)
        }
    };
}

for_each_request_option!(define_request_options);

/// HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET.
    Get,
    /// POST.
    Post,
    /// PATCH.
    Patch,
    /// DELETE.
    Delete,
}

impl Method {
    /// The method's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether requests with this method carry an `Idempotency-Key`.
    pub fn is_mutating(self) -> bool {
        !matches!(self, Method::Get)
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

/// One API request, validated and serialised, ready to send.
#[derive(Debug, Clone)]
pub struct ApiRequest {
    /// The method.
    pub method: Method,
    /// The path below the base URL, segments already percent-encoded.
    pub path: String,
    /// Query pairs.
    pub query: Vec<(String, String)>,
    /// The JSON body.
    pub body: Option<Vec<u8>>,
    /// Whether a public key may make this call (only payment session creation).
    pub public_key_allowed: bool,
    /// The operation's name for errors and traces, e.g. `payment_sessions.create`.
    pub operation: &'static str,
    /// Parses a body strictly into the operation's parameters, answering the path of the
    /// first field it does not know (how `extra_body` tells unmodelled fields from modelled
    /// ones). `None` for operations without a body.
    pub unknown_field: Option<fn(&serde_json::Value) -> Option<String>>,
}

impl ApiRequest {
    /// Merges `extra` (the call's `extra_body`) into the JSON body: nested objects merge, and
    /// each added field must be one the parameters do not model.
    pub(crate) fn merge_extra_body(
        &mut self,
        extra: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<()> {
        use crate::error::Error;
        let (Some(body), Some(unknown_field)) = (&self.body, self.unknown_field) else {
            return Err(Error::validation(
                "extra_body",
                format!("{} sends no JSON body to add fields to", self.operation),
            ));
        };
        let base: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
            Error::internal(format!("cannot read back the {} body: {e}", self.operation))
        })?;
        let mut merged = base.clone();
        let mut added = Vec::new();
        merge(&mut merged, extra, "", &mut added)?;
        for (path, value) in added {
            // The base plus this one field: the parameters must not know it.
            let mut single = base.clone();
            insert_at(&mut single, &path, value);
            if unknown_field(&single).as_deref() != Some(path.as_str()) {
                return Err(Error::validation(
                    format!("extra_body.{path}"),
                    "is a field momentpay models: pass it as a parameter, where it is validated",
                ));
            }
        }
        self.body = Some(serde_json::to_vec(&merged).map_err(|e| Error::internal(e.to_string()))?);
        Ok(())
    }
}

fn merge(
    target: &mut serde_json::Value,
    extra: &serde_json::Map<String, serde_json::Value>,
    prefix: &str,
    added: &mut Vec<(String, serde_json::Value)>,
) -> Result<()> {
    use serde_json::Value;
    let Value::Object(target) = target else {
        return Ok(());
    };
    for (key, value) in extra {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match (target.get_mut(key), value) {
            (Some(existing @ Value::Object(_)), Value::Object(inner)) => {
                merge(existing, inner, &path, added)?
            }
            (Some(_), _) => {
                return Err(crate::error::Error::validation(
                    format!("extra_body.{path}"),
                    "is already set by the parameters",
                ));
            }
            (None, _) => {
                target.insert(key.clone(), value.clone());
                added.push((path, value.clone()));
            }
        }
    }
    Ok(())
}

fn insert_at(target: &mut serde_json::Value, path: &str, value: serde_json::Value) {
    let mut current = target;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        let serde_json::Value::Object(map) = current else {
            return;
        };
        if parts.peek().is_none() {
            map.insert(part.to_owned(), value);
            return;
        }
        current = map
            .entry(part.to_owned())
            .or_insert_with(|| serde_json::Value::Object(Default::default()));
    }
}

/// What a successful response said about itself (besides its body).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseMeta {
    /// Moment's `x-request-id`: quote it when you contact Moment.
    pub request_id: Option<String>,
    /// Whether Moment answered from its idempotency store (`Idempotent-Replayed: true`):
    /// a retry, or a repeat of an earlier call with the same key, that changed nothing.
    pub idempotent_replayed: bool,
    /// The HTTP status (200 or 201).
    pub status: u16,
    /// The `Idempotency-Key` the call carried (mutations only): yours, or the one the SDK
    /// made for it.
    pub idempotency_key: Option<String>,
}

/// A decoded response and what it said about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    /// The model.
    pub data: T,
    /// Request ID, replay flag, status, idempotency key.
    pub meta: ResponseMeta,
}
