//! The options a client and each call accept, stated once for every language.
//!
//! A binding hands over the options its user gave (keyword arguments, an options object) as
//! a JSON object spelt in its language ([`Host`]: `snake_case` or `camelCase` names, seconds
//! or milliseconds). This module checks every name (an unknown one is an error suggesting the
//! meant one, never silently ignored), every type and range, and builds the
//! [`ClientBuilder`] or [`RequestOptions`]. momentpay-codegen reads [`CLIENT_OPTIONS`] and
//! [`REQUEST_OPTIONS`] to write each language's signatures and types.

use crate::config::ClientBuilder;
use crate::error::{Error, Result};
use crate::request::RequestOptions;
use crate::suggest;
use serde_json::{Map, Value};
use std::time::Duration;

/// What an option holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    /// Text.
    String,
    /// A duration, in the host's [`TimeUnit`].
    Duration,
    /// A count (0 to 2^32 - 1).
    Count,
    /// True or false.
    Bool,
    /// A JSON object.
    Object,
}

/// Which calls a request option applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionScope {
    /// Every call.
    All,
    /// Calls that change something (POST, PATCH, DELETE).
    Mutations,
    /// Calls with a JSON body.
    Body,
}

/// One option: its `snake_case` name, what it holds and what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSpec {
    /// The name in `snake_case` (bindings in other conventions derive theirs).
    pub name: &'static str,
    /// What it holds.
    pub kind: OptionKind,
    /// Which calls take it (always `All` for client options).
    pub scope: OptionScope,
    /// What it does.
    pub doc: &'static str,
}

/// Hands the table of client options to `$callback!`: one row per option (doc, name, kind,
/// the parameter's name in Swift's `MomentClient` constructor). From it come
/// [`CLIENT_OPTIONS`] (codegen's Python and Node signatures) and Swift's constructor; every
/// language's options are read by [`client_builder`]. Exported for the Swift binding crate.
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_client_option {
    ($callback:ident) => {
        $callback! {
            /// The API key (`sk_…` on servers; a `pk_…` key may only create payment sessions).
            /// Default: `MOMENT_API_KEY`.
            api_key, kind: String, ffi: api_key;
            /// The API's base URL. Default: `MOMENT_BASE_URL`, else https://api.momentpay.net.
            base_url, kind: String, ffi: base_url;
            /// Timeout of each attempt (default 60 seconds).
            timeout, kind: Duration, ffi: timeout_seconds;
            /// Timeout of connecting (default 5 seconds).
            connect_timeout, kind: Duration, ffi: connect_timeout_seconds;
            /// Retries after the first attempt (default 2).
            max_retries, kind: Count, ffi: max_retries;
            /// Bound on one whole call: every attempt, the waits between retries and the wait for a
            /// free slot (default 90 seconds). A mutation cut off after an attempt was sent ends as
            /// an unknown outcome with its idempotency key.
            total_timeout, kind: Duration, ffi: total_timeout_seconds;
            /// Requests on the wire at once (default 100, at least 1); further calls queue within
            /// their total_timeout. Over HTTP/1.1 this also bounds open connections.
            max_in_flight, kind: Count, ffi: max_in_flight;
            /// Idle connections kept for reuse (default 20).
            max_idle_connections, kind: Count, ffi: max_idle_connections;
            /// Appended to the User-Agent header, e.g. `my-shop/1.4`.
            user_agent, kind: String, ffi: user_agent;
            /// Allow plain http:// to a host that is not loopback (off: a secret key must never
            /// travel in clear text).
            allow_insecure_http, kind: Bool, ffi: allow_insecure_http;
            /// Let a live key (sk_live_…) go to a base URL it is otherwise refused for: plain http,
            /// a loopback host, or a host from MOMENT_BASE_URL other than production (off).
            allow_live_key_anywhere, kind: Bool, ffi: allow_live_key_anywhere;
        }
    };
}

/// [`CLIENT_OPTIONS`] from the table.
macro_rules! client_option_specs {
    ($( $(#[doc = $doc:literal])* $name:ident, kind: $kind:ident, ffi: $ffi:ident; )*) => {
        /// The client's options.
        pub const CLIENT_OPTIONS: &[OptionSpec] = &[
            $( OptionSpec {
                name: stringify!($name),
                kind: OptionKind::$kind,
                scope: OptionScope::All,
                doc: concat!($($doc, "\n"),*),
            }, )*
        ];
    };
}

for_each_client_option!(client_option_specs);

/// [`REQUEST_OPTIONS`] and the parser of a call's options, from the table in request.rs.
macro_rules! request_option_specs {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $ty:ty = $setter:ident, kind: $kind:ident, scope: $scope:ident,
            ffi: $ffi:ident $(, check: $check:path)?;
    )*) => {
        /// The options of one call.
        pub const REQUEST_OPTIONS: &[OptionSpec] = &[
            $( OptionSpec {
                name: stringify!($name),
                kind: OptionKind::$kind,
                scope: OptionScope::$scope,
                doc: concat!($($doc, "\n"),*),
            }, )*
        ];

        fn read_request_options(given: &Map<String, Value>, host: Host) -> Result<RequestOptions> {
            let mut options = RequestOptions::new();
            for (spec, value, key) in read(REQUEST_OPTIONS, given, host)? {
                match spec.name {
                    $( stringify!($name) => {
                        let given = request_option_specs!(@read $kind value key host);
                        $( $check(&given)?; )?
                        options.$name = Some(request_option_specs!(@make $setter $ty, given));
                    } )*
                    other => {
                        return Err(Error::internal(format!(
                            "request option {other} has no handler"
                        )));
                    }
                }
            }
            Ok(options)
        }
    };
    (@read String $value:ident $key:ident $host:ident) => { text($value) };
    (@read Duration $value:ident $key:ident $host:ident) => { seconds_of($value, &$key, $host)? };
    (@read Count $value:ident $key:ident $host:ident) => { count($value) };
    (@read Object $value:ident $key:ident $host:ident) => {
        $value.as_object().cloned().unwrap_or_default()
    };
    (@make into $ty:ty, $given:ident) => { $given.into() };
    (@make value $ty:ty, $given:ident) => { $given };
    (@make checked $ty:ty, $given:ident) => { <$ty>::new($given)? };
}

crate::request::for_each_request_option!(request_option_specs);

/// How a language spells option names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// `api_key` (Rust, Python, Swift's records).
    Snake,
    /// `apiKey` (JavaScript).
    Camel,
}

/// The unit a language gives durations in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// Seconds (Python, Swift): `timeout=30`.
    Seconds,
    /// Milliseconds (JavaScript, as fetch, stripe-node and openai-node): `timeout: 30000`.
    Milliseconds,
}

impl TimeUnit {
    fn words(self) -> &'static str {
        match self {
            TimeUnit::Seconds => "seconds",
            TimeUnit::Milliseconds => "milliseconds",
        }
    }
}

/// A binding's conventions: names and time unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Host {
    /// How option names are spelt.
    pub naming: Naming,
    /// The unit of durations.
    pub unit: TimeUnit,
}

impl Host {
    /// Python and Swift: `snake_case`, seconds.
    pub const SNAKE_SECONDS: Host = Host {
        naming: Naming::Snake,
        unit: TimeUnit::Seconds,
    };
    /// JavaScript: `camelCase`, milliseconds.
    pub const CAMEL_MILLISECONDS: Host = Host {
        naming: Naming::Camel,
        unit: TimeUnit::Milliseconds,
    };

    /// `name` (snake_case) as this host spells it.
    pub fn spell(self, name: &str) -> String {
        match self.naming {
            Naming::Snake => name.to_owned(),
            Naming::Camel => camel_case(name),
        }
    }
}

/// `snake_case` to `camelCase`: `allow_insecure_http` is `allowInsecureHttp`.
pub fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A duration option: a finite number above 0 (or 0 itself when `allow_zero`) and below a
/// billion seconds, in `unit`. The one check of every binding's timeouts and tolerances.
pub fn duration(name: &str, value: f64, unit: TimeUnit, allow_zero: bool) -> Result<Duration> {
    let seconds = match unit {
        TimeUnit::Seconds => value,
        TimeUnit::Milliseconds => value / 1000.0,
    };
    let ok =
        seconds.is_finite() && seconds < 1e9 && (seconds > 0.0 || (allow_zero && seconds == 0.0));
    if !ok {
        let what = if allow_zero {
            "a non-negative"
        } else {
            "a positive"
        };
        return Err(Error::validation(
            name,
            format!("must be {what} number of {} (got {value})", unit.words()),
        ));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// The given options by their spec, each checked; `null` counts as not given.
fn read<'a>(
    specs: &'static [OptionSpec],
    given: &'a Map<String, Value>,
    host: Host,
) -> Result<Vec<(&'static OptionSpec, &'a Value, String)>> {
    let mut out = Vec::new();
    for (key, value) in given {
        let spec = specs.iter().find(|spec| host.spell(spec.name) == *key);
        let Some(spec) = spec else {
            let known: Vec<String> = specs.iter().map(|spec| host.spell(spec.name)).collect();
            return Err(Error::validation(
                key.as_str(),
                suggest::unknown_field(key, known.iter().map(String::as_str))
                    .replacen("field", "option", 1),
            ));
        };
        if value.is_null() {
            continue;
        }
        let expected = match spec.kind {
            OptionKind::String if value.is_string() => None,
            OptionKind::String => Some("a string".to_owned()),
            OptionKind::Duration if value.is_number() => None,
            OptionKind::Duration => Some(format!("a number of {}", host.unit.words())),
            OptionKind::Count if value.as_u64().is_some_and(|n| n <= u64::from(u32::MAX)) => None,
            OptionKind::Count => Some(format!("an integer from 0 to {}", u32::MAX)),
            OptionKind::Bool if value.is_boolean() => None,
            OptionKind::Bool => Some("true or false".to_owned()),
            OptionKind::Object if value.is_object() => None,
            OptionKind::Object => Some("an object".to_owned()),
        };
        if let Some(expected) = expected {
            return Err(Error::validation(
                key.as_str(),
                format!("must be {expected} (got {})", describe_json(value)),
            ));
        }
        out.push((spec, value, key.clone()));
    }
    Ok(out)
}

fn describe_json(value: &Value) -> String {
    match value {
        Value::String(text) => format!("{text:?}"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
        other => other.to_string(),
    }
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn count(value: &Value) -> u32 {
    value
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or_default()
}

fn seconds_of(value: &Value, name: &str, host: Host) -> Result<Duration> {
    duration(name, value.as_f64().unwrap_or(f64::NAN), host.unit, false)
}

/// An error naming an option by its `snake_case` name, renamed as `host` spells it
/// (`apiKey` for JavaScript), so the message speaks the caller's language. (An error about a
/// key the caller gave, say an unknown `api_key` in JavaScript, already names it as given.)
fn respell(error: Error, specs: &[OptionSpec], given: &Map<String, Value>, host: Host) -> Error {
    match error.field() {
        Some(field)
            if error.kind() == crate::ErrorKind::Validation
                && !given.contains_key(field)
                && specs.iter().any(|s| s.name == field) =>
        {
            let spelt = host.spell(field);
            if spelt == field {
                error
            } else {
                Error::validation(spelt, error.reason())
            }
        }
        _ => error,
    }
}

/// The client from the client options as `host` spells them (its errors name options the
/// same way).
pub fn client(given: &Map<String, Value>, host: Host) -> Result<crate::Client> {
    client_builder(given, host)
        .and_then(|builder| builder.build())
        .map_err(|error| respell(error, CLIENT_OPTIONS, given, host))
}

/// A client builder from the client options as `host` spells them.
pub fn client_builder(given: &Map<String, Value>, host: Host) -> Result<ClientBuilder> {
    let mut builder = ClientBuilder::new();
    for (spec, value, key) in read(CLIENT_OPTIONS, given, host)? {
        builder = match spec.name {
            "api_key" => builder.api_key(text(value)),
            "base_url" => builder.base_url(text(value)),
            "timeout" => builder.timeout(seconds_of(value, &key, host)?),
            "connect_timeout" => builder.connect_timeout(seconds_of(value, &key, host)?),
            "max_retries" => builder.max_retries(count(value)),
            "total_timeout" => builder.total_timeout(seconds_of(value, &key, host)?),
            "max_in_flight" => builder.max_in_flight(count(value) as usize),
            "max_idle_connections" => builder.max_idle_connections(count(value) as usize),
            "user_agent" => builder.user_agent(text(value)),
            "allow_insecure_http" => builder.allow_insecure_http(value.as_bool().unwrap_or(false)),
            "allow_live_key_anywhere" => {
                builder.allow_live_key_anywhere(value.as_bool().unwrap_or(false))
            }
            other => {
                return Err(Error::internal(format!(
                    "client option {other} has no handler"
                )));
            }
        };
    }
    Ok(builder)
}

/// A call's options from the request options as `host` spells them (the idempotency key and
/// API key checked here, their errors naming the options the same way).
pub fn request_options(given: &Map<String, Value>, host: Host) -> Result<RequestOptions> {
    // extra_body holds any JSON: bounded before it is copied or serialised.
    for (name, value) in given {
        crate::validation::nesting::check_field(value, name)?;
    }
    read_request_options(given, host).map_err(|error| respell(error, REQUEST_OPTIONS, given, host))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn names_are_checked_in_the_hosts_spelling() {
        let error = client_builder(
            &object(json!({"api_key": "sk_test_1"})),
            Host::CAMEL_MILLISECONDS,
        )
        .expect_err("snake in JS");
        assert_eq!(error.field(), Some("api_key"));
        assert_eq!(error.reason(), "unknown option; did you mean apiKey?");
        let error = request_options(
            &object(json!({"idempotency_key": "k"})),
            Host::CAMEL_MILLISECONDS,
        )
        .expect_err("snake in JS");
        assert_eq!(
            error.reason(),
            "unknown option; did you mean idempotencyKey?"
        );
        assert!(
            request_options(
                &object(json!({"idempotencyKey": "k", "timeout": 1500})),
                Host::CAMEL_MILLISECONDS
            )
            .is_ok_and(|o| o.timeout == Some(Duration::from_millis(1500)))
        );
        let error = client_builder(
            &object(json!({"allowInsecureHttp": "yes"})),
            Host::CAMEL_MILLISECONDS,
        )
        .expect_err("type");
        assert_eq!(
            (error.field(), error.reason()),
            (
                Some("allowInsecureHttp"),
                "must be true or false (got \"yes\")"
            )
        );
        let error = request_options(&object(json!({"timeout": -1})), Host::SNAKE_SECONDS)
            .expect_err("range");
        assert_eq!(
            error.reason(),
            "must be a positive number of seconds (got -1)"
        );
    }

    #[test]
    fn durations() {
        assert_eq!(
            duration("t", 1.5, TimeUnit::Seconds, false).ok(),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            duration("t", 250.0, TimeUnit::Milliseconds, false).ok(),
            Some(Duration::from_millis(250))
        );
        assert!(duration("t", 0.0, TimeUnit::Seconds, false).is_err());
        assert!(duration("t", 0.0, TimeUnit::Seconds, true).is_ok());
        assert!(duration("t", f64::NAN, TimeUnit::Seconds, true).is_err());
        assert!(duration("t", 1e10, TimeUnit::Seconds, true).is_err());
        assert_eq!(camel_case("allow_insecure_http"), "allowInsecureHttp");
    }
}
