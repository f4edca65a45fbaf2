//! Payment sessions: `POST /collect/payment_sessions` and `GET /collect/payment_sessions/{id}`.

use super::common::{CaptureMethod, DateRange, LastPaymentError, Metadata, Mode};
use serde::{Deserialize, Serialize};

open_enum! {
    /// The kind of payment session.
    PaymentSessionType {
        /// A single payment through the hosted checkout (default).
        OneTime => "one_time",
        /// The first payment of a series: saves the method under a mandate.
        FirstInSeries => "first_in_series",
        /// A later payment of a series, charged at once without the customer.
        NextInSeries => "next_in_series",
    }
}

open_enum! {
    /// Lifecycle status of a payment session.
    PaymentSessionStatus {
        /// Open: the customer may still pay (or, for next_in_series, the charge is running).
        Active => "active",
        /// Finished; read `payment_outcome` for the result.
        Completed => "completed",
        /// The customer did not finish in time.
        Expired => "expired",
        /// Cancelled by the customer or the merchant.
        Cancelled => "cancelled",
    }
}

open_enum! {
    /// The result of a session's payment (replaces the deprecated `payment_status`).
    PaymentOutcome {
        /// No attempt yet.
        NotStarted => "not_started",
        /// An attempt is in flight.
        Pending => "pending",
        /// Paid.
        Paid => "paid",
        /// Not paid (failed, expired or cancelled).
        Unpaid => "unpaid",
        /// A manual-capture authorisation succeeded; capture it on the payment.
        Reserved => "reserved",
        /// An amount-0 verification succeeded and the method was saved.
        PaymentMethodVerified => "payment_method_verified",
    }
}

open_enum! {
    /// Deprecated session `payment_status`; prefer [`PaymentOutcome`].
    SessionPaymentStatus {
        /// Paid (also for reserved manual-capture sessions).
        Paid => "paid",
        /// Not paid.
        Unpaid => "unpaid",
        /// In flight.
        Pending => "pending",
    }
}

open_enum! {
    /// Whether the checkout saves the payment method for later customer-initiated use.
    SavePaymentMethod {
        /// Always save.
        Always => "always",
        /// Never save.
        Never => "never",
        /// Let the customer choose.
        Prompt => "prompt",
    }
}

open_enum! {
    /// How the hosted checkout is presented.
    PresentationModeKind {
        /// Redirect to the hosted page.
        Redirect => "redirect",
        /// Embedded in a modal.
        EmbeddedModal => "embedded_modal",
        /// Embedded inline.
        EmbeddedInline => "embedded_inline",
    }
}

open_enum! {
    /// The kind of mandate a first_in_series session asks the customer to accept.
    MandateType {
        /// An explicit cadence (`recurrence` required).
        Scheduled => "scheduled",
        /// No fixed schedule: top-ups, usage.
        OnDemand => "on_demand",
        /// A total paid in terms.
        Installment => "installment",
    }
}

open_enum! {
    /// Unit of a recurrence.
    RecurrenceType {
        /// Every N days.
        Daily => "daily",
        /// Every N weeks.
        Weekly => "weekly",
        /// Every N months.
        Monthly => "monthly",
        /// Every N years.
        Yearly => "yearly",
    }
}

open_enum! {
    /// The period of a mandate's `period_limits`.
    LimitPeriod {
        /// A calendar day (or a day-long cycle).
        Day => "day",
        /// A week.
        Week => "week",
        /// A month.
        Month => "month",
        /// A year.
        Year => "year",
    }
}

open_enum! {
    /// How `period_limits` periods are counted.
    PeriodWindowMode {
        /// Calendar periods (default).
        Calendar => "calendar",
        /// Cycles from an anchor day.
        Cycle => "cycle",
    }
}

open_enum! {
    /// The kind of installment terms.
    InstallmentTermsType {
        /// Equal `amount`s on a recurrence.
        Periodic => "periodic",
        /// The listed `items`.
        Fixed => "fixed",
    }
}

/// The customer of a session: an existing customer ID (`cus_…`, next_in_series) or details
/// that create one (first_in_series).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum CustomerRef {
    /// An existing customer, by ID.
    Id(String),
    /// A new customer.
    Details(CustomerDetails),
}

union_by_json_type!(CustomerRef, "a customer ID (cus_…) or the details of a new customer {name, email, phone}" {
    str => Id,
    map => Details(CustomerDetails),
});

/// Details of a customer created by a session.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CustomerDetails {
    /// Full name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub name: Option<String>,
    /// Email address.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub email: Option<String>,
    /// Phone number, E.164.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub phone: Option<String>,
}

impl CustomerDetails {
    /// A customer with a name and an email.
    pub fn new(name: impl Into<String>, email: impl Into<String>) -> Self {
        CustomerDetails {
            name: Some(name.into()),
            email: Some(email.into()),
            phone: None,
        }
    }
}

/// `options.checkout_options`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CheckoutOptions {
    /// Where the checkout returns the customer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub return_url: Option<String>,
    /// How the checkout is presented.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub presentation_mode: Option<PresentationMode>,
    /// Whether to save the payment method (one_time).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub save_payment_method: Option<SavePaymentMethod>,
}

/// `options.checkout_options.presentation_mode`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PresentationMode {
    /// `redirect`, `embedded_modal` or `embedded_inline`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub mode: Option<PresentationModeKind>,
    /// Whether an embedded checkout shows its own pay button.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub display_pay_button: Option<bool>,
}

/// `options.payment_method_options`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentMethodOptions {
    /// Card options.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub card: Option<CardOptions>,
}

/// `options.payment_method_options.card`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CardOptions {
    /// `automatic` (default) or `manual` capture.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub capture_method: Option<CaptureMethod>,
    /// Older docs: must be `always` for an amount-0 verification.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub save_payment_method: Option<SavePaymentMethod>,
}

/// A mandate's amount: fixed per payment, or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum MandateAmount {
    /// Every payment is exactly this amount.
    Fixed(i64),
    /// Every payment lies within these bounds (either may be absent).
    Range(AmountRange),
}

union_by_json_type!(MandateAmount, "an amount in minor units or a range {min, max}" {
    int => Fixed,
    map => Range(AmountRange),
});

/// Bounds of a mandate's amount per payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AmountRange {
    /// Smallest amount per payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub min: Option<i64>,
    /// Largest amount per payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub max: Option<i64>,
}

/// A day a recurrence falls on: a number (day of month/year) or a name (`mon`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RecurrenceDay {
    /// A day number, e.g. `1` for the first of the month.
    Number(i64),
    /// A day name, e.g. `mon`.
    Name(String),
}

union_by_json_type!(RecurrenceDay, "a day number or a day name such as mon" {
    str => Name,
    int => Number,
});

/// `recurrence.on`: which days the recurrence falls on.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RecurrenceOn {
    /// `day_of_month`, `day_of_week`, `day_of_year`, `nth_day_of_month`, ...
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub kind: Option<String>,
    /// The days.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<RecurrenceDay>,
    /// What to do when the day is not a business day, e.g. `nearest_weekday`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub adjustment: Option<String>,
}

/// A mandate's recurrence: `daily` / `weekly` / `monthly` / `yearly`, every `interval_count`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Recurrence {
    /// The unit.
    #[serde(rename = "type")]
    pub kind: RecurrenceType,
    /// Every how many units (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub interval_count: Option<u32>,
    /// Which days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub on: Option<RecurrenceOn>,
}

impl Recurrence {
    /// Every `interval_count` units of `kind`.
    pub fn every(interval_count: u32, kind: RecurrenceType) -> Self {
        Recurrence {
            kind,
            interval_count: Some(interval_count),
            on: None,
        }
    }

    /// Once a month.
    pub fn monthly() -> Self {
        Self::every(1, RecurrenceType::Monthly)
    }

    /// Once a week.
    pub fn weekly() -> Self {
        Self::every(1, RecurrenceType::Weekly)
    }
}

/// `mandate_options.controls`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MandateControls {
    /// Limits per period.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub period_limits: Option<PeriodLimits>,
}

/// `controls.period_limits`: at most `max_count` payments and `max_amount` per `period`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PeriodLimits {
    /// The period the limits apply to.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub period: Option<LimitPeriod>,
    /// Most payments per period.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub max_count: Option<u32>,
    /// Most total amount per period (must be ≥ `amount.max`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub max_amount: Option<i64>,
    /// How periods are counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub window: Option<PeriodWindow>,
}

/// `period_limits.window`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PeriodWindow {
    /// How periods are counted (default calendar).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub mode: Option<PeriodWindowMode>,
    /// Where a cycle starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub anchor: Option<PeriodAnchor>,
}

/// `window.anchor`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PeriodAnchor {
    /// E.g. `day_of_month`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub kind: Option<String>,
    /// The anchor day.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub day: Option<u32>,
}

/// Installment terms (`mandate_options.terms`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InstallmentTerms {
    /// Periodic (equal `amount`s) or fixed (listed `items`).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub kind: Option<InstallmentTermsType>,
    /// Amount of each periodic term.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub amount: Option<i64>,
    /// The fixed terms.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<InstallmentItem>,
    /// When terms fall due.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub recurrence: Option<Recurrence>,
    /// How many terms.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub max_occurrences: Option<u32>,
}

/// One fixed installment term.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InstallmentItem {
    /// The term's amount.
    pub amount: i64,
}

/// `options.mandate_options` of a first_in_series session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct MandateOptions {
    /// `scheduled`, `on_demand` or `installment`.
    #[serde(rename = "type")]
    pub kind: MandateType,
    /// Fixed amount or `{min, max}` per payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub amount: Option<MandateAmount>,
    /// The cadence (required for `scheduled`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub recurrence: Option<Recurrence>,
    /// Dates outside which no payment is made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub validity_period: Option<DateRange>,
    /// Most successful payments under the mandate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub max_occurrences: Option<u32>,
    /// Extra limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub controls: Option<MandateControls>,
    /// Installment: the total to pay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub total_amount: Option<i64>,
    /// Installment: the terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub terms: Option<InstallmentTerms>,
}

impl MandateOptions {
    /// A mandate of `kind` with nothing else set.
    pub fn new(kind: MandateType) -> Self {
        MandateOptions {
            kind,
            amount: None,
            recurrence: None,
            validity_period: None,
            max_occurrences: None,
            controls: None,
            total_amount: None,
            terms: None,
        }
    }

    /// A scheduled mandate: a fixed `amount` on `recurrence`.
    pub fn scheduled(amount: i64, recurrence: Recurrence) -> Self {
        MandateOptions {
            amount: Some(MandateAmount::Fixed(amount)),
            recurrence: Some(recurrence),
            ..Self::new(MandateType::Scheduled)
        }
    }

    /// An on-demand mandate of at most `max` per payment.
    pub fn on_demand_up_to(max: i64) -> Self {
        MandateOptions {
            amount: Some(MandateAmount::Range(AmountRange {
                min: None,
                max: Some(max),
            })),
            ..Self::new(MandateType::OnDemand)
        }
    }

    /// Sets the validity period.
    pub fn valid(mut self, period: DateRange) -> Self {
        self.validity_period = Some(period);
        self
    }

    /// Sets the maximum number of payments.
    pub fn max_occurrences(mut self, count: u32) -> Self {
        self.max_occurrences = Some(count);
        self
    }

    /// Sets the recurrence (required for scheduled mandates and for subscriptions; a hint
    /// for on_demand ones).
    pub fn recurrence(mut self, recurrence: Recurrence) -> Self {
        self.recurrence = Some(recurrence);
        self
    }
}

/// `options.subscription_options`: Moment itself charges on the mandate's recurrence.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SubscriptionOptions {
    /// When charges run (default: the mandate's validity period).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub active_period: Option<DateRange>,
    /// Amount of each charge (default: the mandate's or the session's amount).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub amount: Option<i64>,
    /// Time of day of each charge, `HH:MM` (default `00:00`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub scheduled_time: Option<String>,
}

/// `options` of a payment session.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentSessionOptions {
    /// New customer details (first_in_series) or an existing `cus_…` ID (next_in_series).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub customer: Option<CustomerRef>,
    /// Saved `pmt_…` payment method (next_in_series).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub payment_method: Option<String>,
    /// Hosted checkout options.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub checkout_options: Option<CheckoutOptions>,
    /// Per-method options (card capture method).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub payment_method_options: Option<PaymentMethodOptions>,
    /// The mandate (first_in_series).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub mandate_options: Option<MandateOptions>,
    /// Let Moment charge on the mandate's schedule (first_in_series).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub subscription_options: Option<SubscriptionOptions>,
}

/// Body of `POST /collect/payment_sessions`.
///
/// Start from [`CreatePaymentSession::one_time`], [`CreatePaymentSession::first_in_series`],
/// [`CreatePaymentSession::next_in_series`] or [`CreatePaymentSession::verification`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct CreatePaymentSession {
    /// Amount in minor units; `0` verifies and saves a card without charging.
    pub amount: i64,
    /// ISO 4217 code (sent upper-case).
    pub currency: String,
    /// Session type (default `one_time`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub kind: Option<PaymentSessionType>,
    /// Type-specific options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub options: Option<PaymentSessionOptions>,
    /// Merchant metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub metadata: Option<Metadata>,
    /// Merchant reference, `[A-Za-z0-9_-]{1,255}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub external_reference: Option<String>,
}

impl CreatePaymentSession {
    /// A one-time checkout for `amount` minor units of `currency`.
    pub fn one_time(amount: i64, currency: impl Into<String>) -> Self {
        CreatePaymentSession {
            amount,
            currency: currency.into(),
            kind: Some(PaymentSessionType::OneTime),
            options: None,
            metadata: None,
            external_reference: None,
        }
    }

    /// The first payment of a series: the customer pays at checkout and accepts a mandate.
    pub fn first_in_series(
        amount: i64,
        currency: impl Into<String>,
        customer: CustomerDetails,
    ) -> Self {
        let mut params = Self::one_time(amount, currency);
        params.kind = Some(PaymentSessionType::FirstInSeries);
        params.options_mut().customer = Some(CustomerRef::Details(customer));
        params
    }

    /// A later payment of a series, charged at once on a saved method.
    pub fn next_in_series(
        amount: i64,
        currency: impl Into<String>,
        customer_id: impl Into<String>,
        payment_method_id: impl Into<String>,
    ) -> Self {
        let mut params = Self::one_time(amount, currency);
        params.kind = Some(PaymentSessionType::NextInSeries);
        let options = params.options_mut();
        options.customer = Some(CustomerRef::Id(customer_id.into()));
        options.payment_method = Some(payment_method_id.into());
        params
    }

    /// An amount-0 card verification that saves the method without charging.
    pub fn verification(currency: impl Into<String>) -> Self {
        Self::one_time(0, currency)
    }

    /// The options, created empty if absent.
    pub fn options_mut(&mut self) -> &mut PaymentSessionOptions {
        self.options
            .get_or_insert_with(PaymentSessionOptions::default)
    }

    /// Authorise only; capture later with `payments().capture(..)`.
    pub fn manual_capture(mut self) -> Self {
        self.options_mut()
            .payment_method_options
            .get_or_insert_with(Default::default)
            .card
            .get_or_insert_with(Default::default)
            .capture_method = Some(CaptureMethod::Manual);
        self
    }

    /// Where the checkout returns the customer.
    pub fn return_url(mut self, url: impl Into<String>) -> Self {
        self.options_mut()
            .checkout_options
            .get_or_insert_with(Default::default)
            .return_url = Some(url.into());
        self
    }

    /// The mandate the customer accepts (first_in_series).
    pub fn mandate(mut self, mandate: MandateOptions) -> Self {
        self.options_mut().mandate_options = Some(mandate);
        self
    }

    /// Let Moment charge on the mandate's schedule (first_in_series).
    pub fn subscription(mut self, subscription: SubscriptionOptions) -> Self {
        self.options_mut().subscription_options = Some(subscription);
        self
    }

    /// Changes the session type.
    pub fn kind(mut self, kind: PaymentSessionType) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Adds one metadata entry.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata
            .get_or_insert_with(Metadata::new)
            .insert(key.into(), value.into());
        self
    }

    /// Sets the merchant reference.
    pub fn external_reference(mut self, reference: impl Into<String>) -> Self {
        self.external_reference = Some(reference.into());
        self
    }

    /// The effective type (`one_time` when absent).
    pub fn effective_kind(&self) -> PaymentSessionType {
        self.kind.clone().unwrap_or(PaymentSessionType::OneTime)
    }
}

/// A payment session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentSession {
    /// `ps_…`.
    pub id: String,
    /// Session type.
    #[serde(rename = "type")]
    pub kind: PaymentSessionType,
    /// Amount in minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Lifecycle status.
    pub status: PaymentSessionStatus,
    /// The payment's result.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub payment_outcome: Option<PaymentOutcome>,
    /// Deprecated; use `payment_outcome`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub payment_status: Option<SessionPaymentStatus>,
    /// The customer (`cus_…`), where applicable.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub customer_id: Option<String>,
    /// The saved payment method (`pmt_…`), where applicable.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub payment_method_id: Option<String>,
    /// The hosted checkout's ID.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub checkout_session_id: Option<String>,
    /// The payment, once paid or reserved (at once for next_in_series).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub payment_id: Option<String>,
    /// The hosted checkout page (absent for next_in_series: the key is left out, as
    /// Moment's guide shows, not sent as `null`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub session_url: Option<String>,
    /// Where the checkout returns the customer.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub return_url: Option<String>,
    /// Why the latest attempt failed.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub last_payment_error: Option<LastPaymentError>,
    /// Live or test.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub mode: Option<Mode>,
    /// Merchant reference.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub external_reference: Option<String>,
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
