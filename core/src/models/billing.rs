//! Billing: customers, accounts and bills that carry balances owed, and the obligations
//! (money applied to them) reported by `obligation.amount_applied`.

use super::common::Metadata;
use serde::{Deserialize, Serialize};

/// Rules for paying against a billing entity. Absent: the entity cannot be paid against.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentRules {
    /// Smallest accepted payment.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub min_amount: Option<i64>,
    /// Largest accepted payment.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub max_amount: Option<i64>,
    /// Whether less than owed may be paid.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub underpayment_allowed: Option<bool>,
    /// Whether more than owed may be paid.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub overpayment_allowed: Option<bool>,
}

/// A billing customer (`bcus_…`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BillingCustomer {
    /// `bcus_…`.
    pub id: String,
    /// The merchant's unique reference (usable in paths instead of the ID).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub external_reference: Option<String>,
    /// Name.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub name: Option<String>,
    /// Email.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub email: Option<String>,
    /// Phone, E.164.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub phone: Option<String>,
    /// ISO 4217 code of the balance.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub currency: Option<String>,
    /// Balance in minor units: positive is owed, negative is credit.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub balance: Option<i64>,
    /// Payment rules.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub payment_rules: Option<PaymentRules>,
    /// Merchant metadata.
    #[serde(default)]
    pub metadata: Metadata,
    /// Creation time (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub created_at: Option<String>,
    /// Last change (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub updated_at: Option<String>,
}

/// Body of `POST /billing/customers`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CreateBillingCustomer {
    /// The merchant's unique reference (required).
    pub external_reference: String,
    /// Name (≤ 255 chars).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub name: Option<String>,
    /// Email (≤ 255 chars).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub email: Option<String>,
    /// Phone, E.164.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub phone: Option<String>,
    /// ISO 4217 code (required with `balance`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub currency: Option<String>,
    /// Opening balance in minor units.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub balance: Option<i64>,
    /// Merchant metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub metadata: Option<Metadata>,
}

impl CreateBillingCustomer {
    /// A customer known by the merchant's `external_reference`.
    pub fn new(external_reference: impl Into<String>) -> Self {
        CreateBillingCustomer {
            external_reference: external_reference.into(),
            ..Self::default()
        }
    }

    /// Sets name and email.
    pub fn contact(mut self, name: impl Into<String>, email: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self.email = Some(email.into());
        self
    }

    /// Sets the opening balance and its currency.
    pub fn balance(mut self, balance: i64, currency: impl Into<String>) -> Self {
        self.balance = Some(balance);
        self.currency = Some(currency.into());
        self
    }
}

/// Body of `PATCH /billing/customers/{customer}`. A `balance` replaces the current one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UpdateBillingCustomer {
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub name: Option<String>,
    /// New email.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub email: Option<String>,
    /// New phone, E.164.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub phone: Option<String>,
    /// New currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub currency: Option<String>,
    /// New balance.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub balance: Option<i64>,
    /// Metadata keys to merge.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub metadata: Option<Metadata>,
}

/// A billing customer given by ID / external reference, or created inline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum BillingCustomerRef {
    /// An existing customer: `bcus_…` or its external reference.
    Id(String),
    /// A new customer, created first.
    New(CreateBillingCustomer),
}

union_by_json_type!(BillingCustomerRef, "a billing customer ID or external reference, or a new customer {external_reference, ...}" {
    str => Id,
    map => New(CreateBillingCustomer),
});

/// A billing account (`bacc_…`), owned by a billing customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BillingAccount {
    /// `bacc_…`.
    pub id: String,
    /// The merchant's unique reference.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub external_reference: Option<String>,
    /// The owning customer.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub customer_id: Option<String>,
    /// Name.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub name: Option<String>,
    /// ISO 4217 code of the balance.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub currency: Option<String>,
    /// Balance in minor units: positive is owed, negative is credit.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub balance: Option<i64>,
    /// Payment rules.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub payment_rules: Option<PaymentRules>,
    /// Merchant metadata.
    #[serde(default)]
    pub metadata: Metadata,
    /// Creation time (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub created_at: Option<String>,
    /// Last change (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub updated_at: Option<String>,
}

/// Body of `POST /billing/accounts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct CreateBillingAccount {
    /// The owner: an existing customer, or a new one created first.
    pub customer: BillingCustomerRef,
    /// The merchant's unique reference (required).
    pub external_reference: String,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub name: Option<String>,
    /// ISO 4217 code (required with `balance`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub currency: Option<String>,
    /// Opening balance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub balance: Option<i64>,
    /// Merchant metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub metadata: Option<Metadata>,
}

impl CreateBillingAccount {
    /// An account of `customer` known by `external_reference`.
    pub fn new(customer: BillingCustomerRef, external_reference: impl Into<String>) -> Self {
        CreateBillingAccount {
            customer,
            external_reference: external_reference.into(),
            name: None,
            currency: None,
            balance: None,
            metadata: None,
        }
    }

    /// Sets the opening balance and its currency.
    pub fn balance(mut self, balance: i64, currency: impl Into<String>) -> Self {
        self.balance = Some(balance);
        self.currency = Some(currency.into());
        self
    }

    /// Sets the name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// Body of `PATCH /billing/accounts/{account}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UpdateBillingAccount {
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub name: Option<String>,
    /// New currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub currency: Option<String>,
    /// New balance.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub balance: Option<i64>,
    /// Metadata keys to merge.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub metadata: Option<Metadata>,
}

/// A billing account given by ID / external reference, or created inline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[allow(clippy::large_enum_variant)] // request parameters, built once per call: size is irrelevant
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum BillingAccountRef {
    /// An existing account: `bacc_…` or its external reference.
    Id(String),
    /// A new account (with its customer), created first.
    New(CreateBillingAccount),
}

union_by_json_type!(BillingAccountRef, "a billing account ID or external reference, or a new account {customer, external_reference, ...}" {
    str => Id,
    map => New(CreateBillingAccount),
});

open_enum! {
    /// Status of a bill.
    BillStatus {
        /// Something is still owed.
        Unpaid => "unpaid",
        /// Fully paid.
        Paid => "paid",
        /// Voided for good.
        Voided => "voided",
    }
}

/// A bill (`bill_…`) owed by a customer or an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Bill {
    /// `bill_…`.
    pub id: String,
    /// The merchant's unique reference.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub external_reference: Option<String>,
    /// The billed customer.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub customer_id: Option<String>,
    /// The billed account, if billed to an account.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub account_id: Option<String>,
    /// Status.
    pub status: BillStatus,
    /// ISO 4217 code.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub currency: Option<String>,
    /// Amount owed in total.
    pub amount_due: i64,
    /// Amount paid so far.
    #[serde(default)]
    pub amount_paid: i64,
    /// `amount_due - amount_paid`.
    #[serde(default)]
    pub amount_remaining: i64,
    /// Bill date, `YYYY-MM-DD`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub bill_date: Option<String>,
    /// Due date, `YYYY-MM-DD`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub due_date: Option<String>,
    /// Payment rules.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub payment_rules: Option<PaymentRules>,
    /// Merchant metadata.
    #[serde(default)]
    pub metadata: Metadata,
    /// Creation time (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub created_at: Option<String>,
    /// Last change (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub updated_at: Option<String>,
}

/// Body of `POST /billing/bills`: bill a `customer` or an `account` (either may be created
/// inline).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CreateBill {
    /// The merchant's unique reference (required).
    pub external_reference: String,
    /// Amount owed, 1 to 99,999,999.
    pub amount_due: i64,
    /// ISO 4217 code.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub currency: Option<String>,
    /// Bill a customer directly.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub customer: Option<BillingCustomerRef>,
    /// Bill an account.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub account: Option<BillingAccountRef>,
    /// `YYYY-MM-DD` (default today).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub bill_date: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub due_date: Option<String>,
    /// Merchant metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub metadata: Option<Metadata>,
}

impl CreateBill {
    /// A bill for `amount_due` of `currency` to a customer.
    pub fn for_customer(
        external_reference: impl Into<String>,
        customer: BillingCustomerRef,
        amount_due: i64,
        currency: impl Into<String>,
    ) -> Self {
        CreateBill {
            external_reference: external_reference.into(),
            amount_due,
            currency: Some(currency.into()),
            customer: Some(customer),
            ..Self::default()
        }
    }

    /// A bill for `amount_due` of `currency` to an account.
    pub fn for_account(
        external_reference: impl Into<String>,
        account: BillingAccountRef,
        amount_due: i64,
        currency: impl Into<String>,
    ) -> Self {
        CreateBill {
            external_reference: external_reference.into(),
            amount_due,
            currency: Some(currency.into()),
            account: Some(account),
            ..Self::default()
        }
    }

    /// Sets the due date (`YYYY-MM-DD`).
    pub fn due_date(mut self, date: impl Into<String>) -> Self {
        self.due_date = Some(date.into());
        self
    }
}

/// Body of `PATCH /billing/bills/{bill}` (manual reconciliation).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UpdateBill {
    /// New currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub currency: Option<String>,
    /// New paid amount, 0 to 99,999,999.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub amount_paid: Option<i64>,
    /// Metadata keys to merge.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub metadata: Option<Metadata>,
}

/// Body of `POST /billing/bills/{bill}/void`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VoidBill {
    /// Metadata keys to merge (e.g. a `voided_reason`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub metadata: Option<Metadata>,
}

/// Money applied to a billing customer balance, account balance or bill
/// (data of `obligation.amount_applied`; a preview feature).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Obligation {
    /// `ob_…`.
    pub id: String,
    /// Amount applied.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// The payment that brought the money.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub payment_id: Option<String>,
    /// Set when applied to a customer balance.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub customer_id: Option<String>,
    /// Set when applied to an account balance.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub account_id: Option<String>,
    /// Set when applied to a bill.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub bill_id: Option<String>,
    /// Metadata.
    #[serde(default)]
    pub metadata: Metadata,
    /// Creation time (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub created_at: Option<String>,
    /// Last change (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub updated_at: Option<String>,
}
