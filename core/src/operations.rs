//! Every API operation by name, taking and returning JSON.
//!
//! This is the one entry point the language bindings call: they pass the operation name, the
//! path ID and the parameters as JSON, and get JSON back. Parsing (with errors that name the
//! field, in words rather than Rust types), validation, idempotency, retries and errors all
//! stay here, in one place, so no binding can drift from the Rust client. The dispatch is
//! generated from the operation table ([`crate::api`]).

use crate::api::{self, Operation};
use crate::call::ApiCall;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::models;
use crate::request::{ApiRequest, RequestOptions, ResponseMeta};
use crate::suggest;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Every operation name, `resource.method`, in the table's order.
pub fn names() -> impl Iterator<Item = &'static str> {
    api::OPERATIONS.iter().map(|op| op.name)
}

/// A response as JSON, and what it said about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Invoked {
    /// The response model, serialised (every field; null when absent).
    pub value: Value,
    /// Request ID, idempotent replay, status, idempotency key.
    pub meta: ResponseMeta,
}

/// Parses JSON parameters into a typed request. On failure the error names the field (a
/// dotted path, `options.customer.email`) and says what was expected in words: `is
/// required`, `must be an integer (got "5")`, `unknown field; did you mean
/// checkout_options?`.
pub fn parse_params<T: DeserializeOwned>(params: Value) -> Result<T> {
    serde_path_to_error::deserialize(params).map_err(|error| {
        let path = error.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let (field, message) = describe(&path, &error.into_inner().to_string());
        Error::validation(
            if field.is_empty() {
                "params".to_owned()
            } else {
                field
            },
            message,
        )
    })
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// `(field, message)` for a serde error at `path`, in the words a user of any language reads.
fn describe(path: &str, message: &str) -> (String, String) {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default();
        return (join(path, name), "is required".to_owned());
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        // serde_path_to_error's path may already end with the unknown key.
        let field = if path == name || path.ends_with(&format!(".{name}")) {
            path.to_owned()
        } else {
            join(path, name)
        };
        return (field, suggest::unknown_field(name, known.iter().copied()));
    }
    if let Some((got, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        if got == "null" {
            return (path.to_owned(), "is required (got null)".to_owned());
        }
        return (
            path.to_owned(),
            format!(
                "must be {} (got {})",
                expected_words(expected),
                got_words(got)
            ),
        );
    }
    if let Some((got, expected)) = message
        .strip_prefix("invalid value: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        return (
            path.to_owned(),
            format!(
                "must be {} (got {})",
                expected_words(expected),
                got_words(got)
            ),
        );
    }
    (path.to_owned(), message.to_owned())
}

/// What serde expected, in words: `i64` is "an integer", `struct X` "an object".
fn expected_words(expected: &str) -> String {
    match expected {
        "i64" | "i32" | "i16" | "i8" => "an integer".to_owned(),
        "u64" | "u32" | "u16" | "u8" | "usize" => {
            let max = match expected {
                "u8" => u64::from(u8::MAX),
                "u16" => u64::from(u16::MAX),
                "u32" => u64::from(u32::MAX),
                _ => u64::MAX,
            };
            format!("an integer from 0 to {max}")
        }
        "f64" | "f32" => "a number".to_owned(),
        "a boolean" | "bool" => "true or false".to_owned(),
        "a string" | "a borrowed string" => "a string".to_owned(),
        "a sequence" => "a list".to_owned(),
        "a map" => "an object".to_owned(),
        other if other.starts_with("struct ") => "an object".to_owned(),
        other => other.to_owned(),
    }
}

/// What was given, in words: `string "x"` is `"x"`, `map` "an object".
fn got_words(got: &str) -> String {
    let unquote = |text: &str| text.trim_matches('`').to_owned();
    match got {
        "map" => "an object".to_owned(),
        "sequence" => "a list".to_owned(),
        "unit value" => "null".to_owned(),
        other => {
            for (prefix, keep_quotes) in [
                ("string ", true),
                ("integer ", false),
                ("floating point ", false),
                ("boolean ", false),
            ] {
                if let Some(value) = other.strip_prefix(prefix) {
                    return if keep_quotes {
                        value.to_owned()
                    } else {
                        unquote(value)
                    };
                }
            }
            other.to_owned()
        }
    }
}

fn no_params(operation: &Operation, params: &Value) -> Result<()> {
    match params {
        Value::Null => Ok(()),
        Value::Object(map) if map.is_empty() => Ok(()),
        _ => Err(Error::validation(
            "params",
            format!(
                "{} takes no parameters besides the `{}`",
                operation.name,
                operation.path_param.unwrap_or("ID")
            ),
        )),
    }
}

/// The parameters of an operation whose body is optional (`null` is `{}`).
fn optional_body(params: Value) -> Value {
    if params.is_null() {
        Value::Object(Default::default())
    } else {
        params
    }
}

async fn run<T>(call: ApiCall<T>, options: RequestOptions) -> Result<Invoked>
where
    T: DeserializeOwned + Serialize + Send + 'static,
{
    let response = call.options(options).with_response().await?;
    let value = serde_json::to_value(response.data)
        .map_err(|e| Error::internal(format!("cannot serialise the response: {e}")))?;
    Ok(Invoked {
        value,
        meta: response.meta,
    })
}

/// The dispatch: the request [`prepare`] builds, sent as a call answering the operation's
/// response model (one arm per row of the operation table).
macro_rules! dispatch {
    ($(
        $(#[doc = $doc:literal])*
        $resource:ident . $rust_method:ident = $name:literal: $http:ident $path:literal,
            id: $id:ident, $kind:ident: $params:tt, -> $response:ident,
            keys: $keys:ident, ffi: $ffi:ident / $ffi_blocking:ident;
    )*) => {
        async fn dispatch(
            client: &Client,
            operation: &str,
            id: Option<&str>,
            params: Value,
            options: RequestOptions,
        ) -> Result<Invoked> {
            #[cfg(feature = "test-hooks")]
            if operation == "test.panic" {
                panic!("test hook: a deliberate panic inside momentpay");
            }
            let request = prepare(operation, id, params)?;
            match operation {
                $( $name => run(ApiCall::<models::$response>::new(client.clone(), Ok(request)), options).await, )*
                other => Err(Error::internal(format!("prepared an unknown operation `{other}`"))),
            }
        }
    };
}

api::for_each_operation!(dispatch);

/// The request preparation: one arm per row of the operation table, like [`dispatch`].
macro_rules! prepare {
    ($(
        $(#[doc = $doc:literal])*
        $resource:ident . $rust_method:ident = $name:literal: $http:ident $path:literal,
            id: $id:ident, $kind:ident: $params:tt, -> $response:ident,
            keys: $keys:ident, ffi: $ffi:ident / $ffi_blocking:ident;
    )*) => {
        /// Parses and validates a call exactly as [`invoke`] does, without sending it:
        /// answers the request it would send (method, path, query, body), or the
        /// validation error naming the field. For dry runs, property tests and fuzzing.
        pub fn prepare(operation: &str, id: Option<&str>, params: Value) -> Result<ApiRequest> {
            crate::validation::nesting::check_value(&params, "params")?;
            match operation {
                $( $name => prepare!(@arm id params $ffi $id $kind $params), )*
                other => Err(Error::validation(
                    "operation",
                    format!("unknown operation `{other}`{}", suggest::did_you_mean(other, names())),
                )),
            }
        }
    };
    (@arm $id:ident $params:ident $ffi:ident $path_id:ident none ()) => {{
        no_params(&api::op::$ffi, &$params)?;
        crate::client::build_request::<()>(&api::op::$ffi, $id, None)
    }};
    (@arm $id:ident $params:ident $ffi:ident none $kind:ident $request:ident) => {{
        let request: models::$request = parse_params($params)?;
        crate::client::build_request(&api::op::$ffi, $id, Some(&request))
    }};
    (@arm $id:ident $params:ident $ffi:ident $path_id:ident $kind:ident $request:ident) => {{
        let request: models::$request = parse_params(optional_body($params))?;
        crate::client::build_request(&api::op::$ffi, $id, Some(&request))
    }};
}

api::for_each_operation!(prepare);

/// Runs one operation. `id` is the path parameter (for operations that take one);
/// `params` the request body or query as JSON (`null` for none).
pub async fn invoke(
    client: &Client,
    operation: &str,
    id: Option<&str>,
    params: Value,
    options: RequestOptions,
) -> Result<Invoked> {
    dispatch(client, operation, id, params, options).await
}

/// Whether `operation` changes something (POST, PATCH, DELETE): it is sent with an
/// idempotency key.
pub fn mutates(operation: &str) -> bool {
    api::Operation::find(operation).is_some_and(Operation::mutates)
}

/// Gives a mutation its idempotency key now, unless the options carry one, and answers the
/// key it will be sent with (`None` for a GET). A binding calls it before dispatch so a
/// cancelled or interrupted call can still hand the key to its caller.
pub fn prepare_key(operation: &str, options: &mut RequestOptions) -> Option<String> {
    if !mutates(operation) {
        return None;
    }
    Some(
        options
            .idempotency_key
            .get_or_insert_with(|| uuid::Uuid::new_v4().to_string())
            .clone(),
    )
}

/// [`invoke`], given up when `cancelled` completes first (a JavaScript `AbortSignal`, say):
/// the attempt in flight is dropped and the error is [`crate::ErrorKind::Cancelled`]. A
/// mutation gets its idempotency key here when the options carry none, so the error can
/// carry it and a repeat with that key is safe.
pub async fn invoke_until(
    client: &Client,
    operation: &str,
    id: Option<&str>,
    params: Value,
    mut options: RequestOptions,
    cancelled: impl std::future::Future<Output = ()>,
) -> Result<Invoked> {
    let key = prepare_key(operation, &mut options);
    tokio::select! {
        result = dispatch(client, operation, id, params, options) => result,
        () = cancelled => Err(Error::cancelled(operation).with_idempotency_key(key)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_error<T: DeserializeOwned + std::fmt::Debug>(json: Value) -> (String, String) {
        let error = parse_params::<T>(json).expect_err("must not parse");
        (
            error.field().unwrap_or_default().to_owned(),
            error.reason().to_owned(),
        )
    }

    #[test]
    fn errors_speak_the_users_language() {
        use serde_json::json;
        let (field, message) =
            parse_error::<models::CreatePaymentSession>(json!({"currency": "ZAR"}));
        assert_eq!(
            (field.as_str(), message.as_str()),
            ("amount", "is required")
        );
        let (field, message) =
            parse_error::<models::CreatePaymentSession>(json!({"amount": "5", "currency": "ZAR"}));
        assert_eq!(
            (field.as_str(), message.as_str()),
            ("amount", "must be an integer (got \"5\")")
        );
        let (field, message) =
            parse_error::<models::CreatePaymentSession>(json!({"amount": null, "currency": "ZAR"}));
        assert_eq!(
            (field.as_str(), message.as_str()),
            ("amount", "is required (got null)")
        );
        let (field, message) = parse_error::<models::CreatePaymentSession>(
            json!({"amount": 1, "currency": "ZAR", "options": {"checkout_option": {}}}),
        );
        assert_eq!(field, "options.checkout_option");
        assert_eq!(message, "unknown field; did you mean checkout_options?");
        let (field, message) = parse_error::<models::CreatePaymentSession>(
            json!({"amount": 1, "currency": "ZAR", "options": {"customer": 5}}),
        );
        assert_eq!(field, "options.customer");
        assert!(message.starts_with("must be a customer ID"), "{message}");
        let (field, _) = parse_error::<models::CreatePaymentSession>(
            json!({"amount": 1, "currency": "ZAR", "options": {"customer": {"nme": "Alex"}}}),
        );
        assert_eq!(field, "options.customer.nme");
        let (field, message) = parse_error::<models::ListParams>(json!({"limit": -1}));
        assert_eq!(
            (field.as_str(), message.as_str()),
            ("limit", "must be an integer from 0 to 4294967295 (got -1)")
        );
        for text in [&message] {
            for rust in ["i64", "u32", "struct ", "untagged", "expected"] {
                assert!(!text.contains(rust), "{text}");
            }
        }
    }
}
