//! Plain-data models of every Moment resource, request and event, defined once for every
//! language. Responses and events tolerate unknown fields, and their enums keep unknown values
//! as `Unknown(String)` instead of failing; request models refuse unknown fields and values,
//! naming the field (`extra_body` carries what the SDK does not model yet).

/// Defines a string enum that keeps values it does not know as `Unknown(String)`.
macro_rules! open_enum {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            $( $(#[doc = $vdoc:literal])* $variant:ident => $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[doc = $vdoc])* $variant, )+
            /// A value this version of the SDK does not know, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(value) => value,
                }
            }

            /// Every value this SDK version knows.
            pub const KNOWN: &'static [&'static str] = &[$($wire),+];
        }

        impl crate::models::OpenEnum for $name {
            const KNOWN: &'static [&'static str] = &[$($wire),+];

            fn as_str(&self) -> &str {
                $name::as_str(self)
            }

            fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        /// An empty [`Unknown`](Self::Unknown): what a response that omits the value holds.
        impl Default for $name {
            fn default() -> Self {
                $name::Unknown(String::new())
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                $( if value.eq_ignore_ascii_case($wire) { return $name::$variant; } )+
                $name::Unknown(value.to_owned())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                Ok($name::from(value.as_ref()))
            }
        }

        /// A string with the known values as `enum`; `x-momentpay-open` says the SDKs keep
        /// values they do not know (responses) and refuse them before sending (requests).
        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "description": crate::models::doc_text(&[$($doc),*]),
                    "enum": [$($wire),+],
                    "x-enum-descriptions": [$(crate::models::doc_text(&[$($vdoc),*])),+],
                    "x-momentpay-open": true,
                })
            }
        }
    };
}

/// A doc comment's lines as one text (the schemas' descriptions).
#[cfg(feature = "schema")]
pub(crate) fn doc_text(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|line| line.trim())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Defines a response model and its request twin from one field list: the response type
/// keeps fields it does not know (Moment may add some), the request type refuses them (a
/// misspelt field is an error, not silently dropped). `From` turns a request into the
/// response shape (what the simulator stores).
macro_rules! request_twin {
    (
        $(#[doc = $doc:literal])*
        #[derive($($derive:ident),*)]
        $(#[$meta:meta])*
        pub struct $response:ident / $request:ident {
            $( $(#[$fmeta:meta])* pub $field:ident: $ty:ty, )*
        }
    ) => {
        $(#[doc = $doc])*
        ///
        /// As Moment returns it (fields this SDK does not know are ignored).
        #[derive($($derive),*)]
        $(#[$meta])*
        pub struct $response {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        $(#[doc = $doc])*
        ///
        /// As sent in a request (a field this SDK does not know is an error).
        #[derive($($derive),*)]
        $(#[$meta])*
        #[serde(deny_unknown_fields)]
        pub struct $request {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        impl From<$request> for $response {
            fn from(request: $request) -> $response {
                $response { $( $field: request.$field.into(), )* }
            }
        }
    };
}

/// A string enum that keeps values it does not know (every `open_enum!`): the validation
/// refuses unknown values in requests with a message listing [`OpenEnum::KNOWN`].
pub trait OpenEnum {
    /// Every value this SDK version knows, as on the wire.
    const KNOWN: &'static [&'static str];
    /// The value as on the wire.
    fn as_str(&self) -> &str;
    /// Whether it is one of [`OpenEnum::KNOWN`].
    fn is_known(&self) -> bool;
}

#[macro_use]
mod union;

mod billing;
mod common;
pub(crate) mod event;
mod list;
mod payment;
mod payment_page;
mod payment_request;
mod payment_session;

pub use billing::*;
pub use common::*;
pub use event::*;
pub use list::*;
pub use payment::*;
pub use payment_page::*;
pub use payment_request::*;
pub use payment_session::*;
