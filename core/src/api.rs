//! The operation table: every operation of the Moment API, stated once.
//!
//! `for_each_operation!` (crate-private) holds the only list of operations in the SDK. It
//! hands the table to a macro that expands it: into the resources' methods (shared by both
//! clients), [`crate::operations::invoke`]'s dispatch, the UniFFI exports (bindings-swift) and, with the
//! feature `schema`, the API description that momentpay-codegen renders into every
//! language's surface and the OpenAPI document ([`OPERATIONS`] is the table as data).
//!
//! Each row reads:
//!
//! ```text
//! /// Docs (the first line is the summary).
//! RustResource.rust_method = "name": METHOD "/path/{param}",
//!     id: param | none, body: Type | query: Type | none: (), -> ResponseType,
//!     keys: secret | any, ffi: uniffi_name / uniffi_name_blocking
//!     [, pages: method -> ItemType in SwiftPagerType];
//! ```
//!
//! `pages:` marks a list operation (its parameters have `cursor` and `limit`, its response
//! `data`, `has_more` and `next_cursor`): every language gets `method`, walking every item
//! across pages ([`crate::pager::Pager`]), and Swift an object `SwiftPagerType`.
//! `keys: any` marks the one operation a public `pk_…` key may call; `id` names the path
//! parameter; the name is how every binding calls it (`payments.capture`).

use crate::request::Method;

/// Where an operation's parameters go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Params {
    /// It takes none (besides the path parameter).
    None,
    /// A JSON body.
    Body,
    /// The query string.
    Query,
}

/// One operation of the Moment API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// `resource.method`, e.g. `payments.capture`: how every binding names it.
    pub name: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template, e.g. `/collect/payments/{id}/captures`.
    pub path: &'static str,
    /// The name of the path parameter (`id`, `customer`, `account`, `bill`), if any.
    pub path_param: Option<&'static str>,
    /// Where the parameters go.
    pub params: Params,
    /// The parameters' model (`CreatePaymentSession`), if any.
    pub request: Option<&'static str>,
    /// The response's model.
    pub response: &'static str,
    /// Whether a public (`pk_…`) key may call it; secret keys may call everything.
    pub public_key: bool,
    /// The Rust resource type (`BillingCustomers`) and method (`create`) serving it.
    pub rust: (&'static str, &'static str),
    /// Its documentation (Markdown, one line per doc-comment line).
    pub doc: &'static str,
    /// For a list operation, how every language pages through it.
    pub pages: Option<Pages>,
}

/// How a list operation is walked item by item (the row's `pages:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pages {
    /// The method every language names the walk (`transactions`).
    pub method: &'static str,
    /// The items' model (`PaymentPageTransaction`).
    pub item: &'static str,
    /// Swift's pager type (`TransactionPager`).
    pub pager: &'static str,
}

impl Operation {
    /// Whether it changes state, and so carries an `Idempotency-Key` (POST, PATCH, DELETE).
    pub fn mutates(&self) -> bool {
        self.method.is_mutating()
    }

    /// The operation called `name`.
    pub fn find(name: &str) -> Option<&'static Operation> {
        OPERATIONS.iter().find(|op| op.name == name)
    }
}

/// Hands the operation table to `$callback!` (see the module docs for the row syntax).
/// Exported for the Swift binding crate (binding plumbing, not the Rust API).
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_operation {
    ($callback:ident) => {
        $callback! {
            /// `POST /collect/payment_sessions` (201): creates a session. The one call a
            /// public key may make.
            PaymentSessions.create = "payment_sessions.create": POST "/collect/payment_sessions",
                id: none, body: CreatePaymentSession, -> PaymentSession,
                keys: any, ffi: create_payment_session / create_payment_session_blocking;
            /// `GET /collect/payment_sessions/{id}`: retrieves a session.
            PaymentSessions.retrieve = "payment_sessions.retrieve": GET "/collect/payment_sessions/{id}",
                id: id, none: (), -> PaymentSession,
                keys: secret, ffi: retrieve_payment_session / retrieve_payment_session_blocking;
            /// `GET /collect/payments/{id}`: retrieves a payment.
            Payments.retrieve = "payments.retrieve": GET "/collect/payments/{id}",
                id: id, none: (), -> Payment,
                keys: secret, ffi: retrieve_payment / retrieve_payment_blocking;
            /// `POST /collect/payments/{id}/captures`: captures all (no amount) or part of a
            /// manual-capture authorisation. Repeatable until nothing remains; a 409 conflict
            /// when the payment is not authorised, the amount exceeds what remains, or the
            /// authorisation expired.
            Payments.capture = "payments.capture": POST "/collect/payments/{id}/captures",
                id: id, body: CapturePayment, -> Payment,
                keys: secret, ffi: capture_payment / capture_payment_blocking;
            /// `POST /collect/payments/{id}/voids`: releases the whole remaining authorisation.
            Payments.void_with = "payments.void": POST "/collect/payments/{id}/voids",
                id: id, body: VoidPayment, -> Payment,
                keys: secret, ffi: void_payment / void_payment_blocking;
            /// `POST /collect/payment_requests` (201): creates a payment link (default) or a
            /// bank push request.
            PaymentRequests.create = "payment_requests.create": POST "/collect/payment_requests",
                id: none, body: CreatePaymentRequest, -> PaymentRequest,
                keys: secret, ffi: create_payment_request / create_payment_request_blocking;
            /// `GET /collect/payment_requests/{id}`: retrieves a payment request.
            PaymentRequests.retrieve = "payment_requests.retrieve": GET "/collect/payment_requests/{id}",
                id: id, none: (), -> PaymentRequest,
                keys: secret, ffi: retrieve_payment_request / retrieve_payment_request_blocking;
            /// `PATCH /collect/payment_requests/{id}`: updates an unpaid payment request.
            PaymentRequests.update = "payment_requests.update": PATCH "/collect/payment_requests/{id}",
                id: id, body: UpdatePaymentRequest, -> PaymentRequest,
                keys: secret, ffi: update_payment_request / update_payment_request_blocking;
            /// `DELETE /collect/payment_requests/{id}`: deletes an unpaid payment request.
            PaymentRequests.delete = "payment_requests.delete": DELETE "/collect/payment_requests/{id}",
                id: id, none: (), -> DeletedPaymentRequest,
                keys: secret, ffi: delete_payment_request / delete_payment_request_blocking;
            /// `GET /collect/payment_pages/{id}`: retrieves a payment page.
            PaymentPages.retrieve = "payment_pages.retrieve": GET "/collect/payment_pages/{id}",
                id: id, none: (), -> PaymentPage,
                keys: secret, ffi: retrieve_payment_page / retrieve_payment_page_blocking;
            /// `PATCH /collect/payment_pages/{id}`: updates a payment page.
            PaymentPages.update = "payment_pages.update": PATCH "/collect/payment_pages/{id}",
                id: id, body: UpdatePaymentPage, -> PaymentPage,
                keys: secret, ffi: update_payment_page / update_payment_page_blocking;
            /// `GET /collect/payment_pages/{id}/transactions`: one page of a payment page's
            /// transactions (`cursor`, `limit` 1 to 100); the `transactions` pager walks them all.
            PaymentPages.list_transactions = "payment_pages.list_transactions": GET "/collect/payment_pages/{id}/transactions",
                id: id, query: ListParams, -> PaymentPageTransactionList,
                keys: secret, ffi: list_payment_page_transactions / list_payment_page_transactions_blocking,
                pages: transactions -> PaymentPageTransaction in TransactionPager;
            /// `POST /billing/customers` (201): creates a billing customer.
            BillingCustomers.create = "billing.customers.create": POST "/billing/customers",
                id: none, body: CreateBillingCustomer, -> BillingCustomer,
                keys: secret, ffi: create_billing_customer / create_billing_customer_blocking;
            /// `GET /billing/customers/{customer}`: retrieves a billing customer by ID or
            /// external reference.
            BillingCustomers.retrieve = "billing.customers.retrieve": GET "/billing/customers/{customer}",
                id: customer, none: (), -> BillingCustomer,
                keys: secret, ffi: retrieve_billing_customer / retrieve_billing_customer_blocking;
            /// `PATCH /billing/customers/{customer}`: updates a billing customer (a `balance`
            /// replaces the current one; metadata keys merge).
            BillingCustomers.update = "billing.customers.update": PATCH "/billing/customers/{customer}",
                id: customer, body: UpdateBillingCustomer, -> BillingCustomer,
                keys: secret, ffi: update_billing_customer / update_billing_customer_blocking;
            /// `POST /billing/accounts` (201): creates a billing account; a customer given as
            /// an object is created first.
            BillingAccounts.create = "billing.accounts.create": POST "/billing/accounts",
                id: none, body: CreateBillingAccount, -> BillingAccount,
                keys: secret, ffi: create_billing_account / create_billing_account_blocking;
            /// `GET /billing/accounts/{account}`: retrieves a billing account by ID or
            /// external reference.
            BillingAccounts.retrieve = "billing.accounts.retrieve": GET "/billing/accounts/{account}",
                id: account, none: (), -> BillingAccount,
                keys: secret, ffi: retrieve_billing_account / retrieve_billing_account_blocking;
            /// `PATCH /billing/accounts/{account}`: updates a billing account.
            BillingAccounts.update = "billing.accounts.update": PATCH "/billing/accounts/{account}",
                id: account, body: UpdateBillingAccount, -> BillingAccount,
                keys: secret, ffi: update_billing_account / update_billing_account_blocking;
            /// `POST /billing/bills` (201): bills a customer or an account (either may be
            /// created inline).
            Bills.create = "billing.bills.create": POST "/billing/bills",
                id: none, body: CreateBill, -> Bill,
                keys: secret, ffi: create_bill / create_bill_blocking;
            /// `GET /billing/bills/{bill}`: retrieves a bill by ID or external reference.
            Bills.retrieve = "billing.bills.retrieve": GET "/billing/bills/{bill}",
                id: bill, none: (), -> Bill,
                keys: secret, ffi: retrieve_bill / retrieve_bill_blocking;
            /// `PATCH /billing/bills/{bill}`: reconciles a bill manually (`amount_paid`).
            Bills.update = "billing.bills.update": PATCH "/billing/bills/{bill}",
                id: bill, body: UpdateBill, -> Bill,
                keys: secret, ffi: update_bill / update_bill_blocking;
            /// `POST /billing/bills/{bill}/void`: voids a bill for good.
            Bills.void_with = "billing.bills.void": POST "/billing/bills/{bill}/void",
                id: bill, body: VoidBill, -> Bill,
                keys: secret, ffi: void_bill / void_bill_blocking;
        }
    };
}
pub(crate) use crate::for_each_operation;

/// The parts of a row the callbacks share, as `Operation` values.
macro_rules! operation_constants {
    ($(
        $(#[doc = $doc:literal])*
        $resource:ident . $rust_method:ident = $name:literal: $http:ident $path:literal,
            id: $id:ident, $kind:ident: $params:tt, -> $response:ident,
            keys: $keys:ident, ffi: $ffi:ident / $ffi_blocking:ident
            $(, pages: $pages:ident -> $item:ident in $pager:ident)?;
    )*) => {
        /// Each operation as a constant, named after its UniFFI method.
        #[allow(non_upper_case_globals)]
        pub mod op {
            use super::{Operation, Pages, Params};
            use crate::request::Method;
            $(
                #[doc = concat!("`", $name, "`")]
                pub const $ffi: Operation = Operation {
                    name: $name,
                    method: operation_constants!(@method $http),
                    path: $path,
                    path_param: operation_constants!(@id $id),
                    params: operation_constants!(@params $kind),
                    request: operation_constants!(@request $kind $params),
                    response: stringify!($response),
                    public_key: operation_constants!(@keys $keys),
                    rust: (stringify!($resource), stringify!($rust_method)),
                    doc: concat!($($doc, "\n"),*),
                    pages: operation_constants!(@pages $($pages $item $pager)?),
                };
            )*
        }

        /// Every operation, in the table's order.
        pub const OPERATIONS: &[Operation] = &[$(op::$ffi),*];
    };
    (@method GET) => { Method::Get };
    (@method POST) => { Method::Post };
    (@method PATCH) => { Method::Patch };
    (@method DELETE) => { Method::Delete };
    (@id none) => { None };
    (@id $id:ident) => { Some(stringify!($id)) };
    (@params none) => { Params::None };
    (@params body) => { Params::Body };
    (@params query) => { Params::Query };
    (@request none $params:tt) => { None };
    (@request $kind:ident $params:ident) => { Some(stringify!($params)) };
    (@pages) => { None };
    (@pages $pages:ident $item:ident $pager:ident) => {
        Some(Pages {
            method: stringify!($pages),
            item: stringify!($item),
            pager: stringify!($pager),
        })
    };
    (@keys any) => { true };
    (@keys secret) => { false };
}

for_each_operation!(operation_constants);
