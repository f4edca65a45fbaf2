//! Resource groups mirroring the API: `client.payment_sessions().create(..)`.
//!
//! Each resource is written once and serves both clients: the mode parameter `M` decides
//! whether a method returns an awaitable [`crate::ApiCall`] ([`Async`]) or a
//! [`crate::blocking::BlockingCall`] with `.send()` ([`Blocking`]).

mod billing;
mod payment_pages;
mod payment_requests;
mod payment_sessions;
mod payments;

pub use billing::{Billing, BillingAccounts, BillingCustomers, Bills};
#[cfg(feature = "blocking")]
pub use payment_pages::TransactionIter;
pub use payment_pages::{PaymentPages, TransactionPager, TransactionStream};
pub use payment_requests::PaymentRequests;
pub use payment_sessions::PaymentSessions;
pub use payments::Payments;

use crate::call::ApiCall;
use serde::de::DeserializeOwned;

mod sealed {
    pub trait Sealed {}
}

/// How a resource's methods hand back their calls. Sealed: [`Async`] or [`Blocking`].
pub trait Mode: sealed::Sealed + Send + Sync + 'static {
    /// What a method returning `T` gives back.
    type Call<T: DeserializeOwned + Send + 'static>;
    /// Wraps a prepared call.
    fn wrap<T: DeserializeOwned + Send + 'static>(call: ApiCall<T>) -> Self::Call<T>;
}

/// Methods return an [`ApiCall`] to `.await`.
#[derive(Debug, Clone, Copy)]
pub struct Async;

impl sealed::Sealed for Async {}

impl Mode for Async {
    type Call<T: DeserializeOwned + Send + 'static> = ApiCall<T>;
    fn wrap<T: DeserializeOwned + Send + 'static>(call: ApiCall<T>) -> ApiCall<T> {
        call
    }
}

/// Methods return a [`crate::blocking::BlockingCall`] to `.send()`.
#[cfg(feature = "blocking")]
#[derive(Debug, Clone, Copy)]
pub struct Blocking;

#[cfg(feature = "blocking")]
impl sealed::Sealed for Blocking {}

#[cfg(feature = "blocking")]
impl Mode for Blocking {
    type Call<T: DeserializeOwned + Send + 'static> = crate::blocking::BlockingCall<T>;
    fn wrap<T: DeserializeOwned + Send + 'static>(
        call: ApiCall<T>,
    ) -> crate::blocking::BlockingCall<T> {
        crate::blocking::BlockingCall::new(call)
    }
}

/// Defines a resource struct holding the client and the mode.
macro_rules! resource {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        pub struct $name<'c, M: crate::resources::Mode = crate::resources::Async> {
            pub(crate) client: &'c crate::Client,
            _mode: std::marker::PhantomData<M>,
        }

        impl<'c, M: crate::resources::Mode> $name<'c, M> {
            pub(crate) fn new(client: &'c crate::Client) -> Self {
                $name { client, _mode: std::marker::PhantomData }
            }
        }

        impl<M: crate::resources::Mode> std::fmt::Debug for $name<'_, M> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(stringify!($name))
            }
        }
    };
}
pub(crate) use resource;

/// The methods of every resource, one per row of the operation table
/// ([`crate::api::for_each_operation`]); the resource files add only what is not an
/// operation (sub-resources, pagers, shorthands).
macro_rules! resource_methods {
    ($(
        $(#[doc = $doc:literal])*
        $resource:ident . $rust_method:ident = $name:literal: $http:ident $path:literal,
            id: $id:ident, $kind:ident: $params:tt, -> $response:ident,
            keys: $keys:ident, ffi: $ffi:ident / $ffi_blocking:ident
            $(, pages: $pages:ident -> $item:ident in $pager:ident)?;
    )*) => {$(
        resource_methods!(@method [$(#[doc = $doc])*] $resource $rust_method $ffi $id $kind $params $response);
    )*};
    (@method [$($doc:tt)*] $resource:ident $rust_method:ident $ffi:ident none $kind:ident $params:ident $response:ident) => {
        impl<M: Mode> $resource<'_, M> {
            $($doc)*
            pub fn $rust_method(&self, params: &crate::models::$params) -> M::Call<crate::models::$response> {
                M::wrap(self.client.operation(&crate::api::op::$ffi, None, Some(params)))
            }
        }
    };
    (@method [$($doc:tt)*] $resource:ident $rust_method:ident $ffi:ident $id:ident none () $response:ident) => {
        impl<M: Mode> $resource<'_, M> {
            $($doc)*
            pub fn $rust_method(&self, $id: &str) -> M::Call<crate::models::$response> {
                M::wrap(self.client.operation::<(), _>(&crate::api::op::$ffi, Some($id), None))
            }
        }
    };
    (@method [$($doc:tt)*] $resource:ident $rust_method:ident $ffi:ident $id:ident $kind:ident $params:ident $response:ident) => {
        impl<M: Mode> $resource<'_, M> {
            $($doc)*
            pub fn $rust_method(&self, $id: &str, params: &crate::models::$params) -> M::Call<crate::models::$response> {
                M::wrap(self.client.operation(&crate::api::op::$ffi, Some($id), Some(params)))
            }
        }
    };
}

crate::api::for_each_operation!(resource_methods);

// Each client's way into its resources lives here, beside the resources (the clients do not
// know them: the layers point down).
impl crate::Client {
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
}

#[cfg(feature = "blocking")]
impl crate::blocking::Client {
    /// `/collect/payment_sessions`.
    pub fn payment_sessions(&self) -> PaymentSessions<'_, Blocking> {
        PaymentSessions::new(self.as_async())
    }

    /// `/collect/payments`.
    pub fn payments(&self) -> Payments<'_, Blocking> {
        Payments::new(self.as_async())
    }

    /// `/collect/payment_requests`.
    pub fn payment_requests(&self) -> PaymentRequests<'_, Blocking> {
        PaymentRequests::new(self.as_async())
    }

    /// `/collect/payment_pages`.
    pub fn payment_pages(&self) -> PaymentPages<'_, Blocking> {
        PaymentPages::new(self.as_async())
    }

    /// `/billing/...`: customers, accounts and bills.
    pub fn billing(&self) -> Billing<'_, Blocking> {
        Billing::new(self.as_async())
    }
}
