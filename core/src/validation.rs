//! Checks made before any network call. Each failure is an [`Error`] of kind
//! [`crate::ErrorKind::Validation`] naming the offending field as a dotted path.
//!
//! The simulator runs the same checks, so the SDK and the simulator agree on what is valid.

use crate::error::{Error, Result};
use crate::models::*;

/// Largest amount accepted in one payment, in minor units (2^53 - 1: exact in every
/// language's numbers, including JavaScript's).
pub const MAX_AMOUNT: i64 = 9_007_199_254_740_991;
/// Largest `amount_due` / `amount_paid` of a bill (documented).
pub const MAX_BILL_AMOUNT: i64 = 99_999_999;
/// Most metadata keys.
pub const MAX_METADATA_KEYS: usize = 10;
/// Longest metadata key, in characters.
pub const MAX_METADATA_KEY_LEN: usize = 40;
/// Longest metadata value, in characters.
pub const MAX_METADATA_VALUE_LEN: usize = 500;
/// Longest idempotency key.
pub const MAX_IDEMPOTENCY_KEY_LEN: usize = 255;

/// Request parameters that can check and normalise themselves before sending.
pub trait Validate {
    /// Fixes harmless differences (currency case) in place.
    fn normalize(&mut self) {}
    /// Checks every field; the error names the first offending one.
    fn validate(&self) -> Result<()>;
}

fn field(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// Amount in minor units: `0..=MAX_AMOUNT`, or `1..` when `allow_zero` is false.
pub fn amount(name: &str, value: i64, allow_zero: bool) -> Result<()> {
    if value < 0 {
        return Err(Error::validation(
            name,
            format!("must not be negative (got {value})"),
        ));
    }
    if value == 0 && !allow_zero {
        return Err(Error::validation(name, "must be greater than 0"));
    }
    if value > MAX_AMOUNT {
        return Err(Error::validation(
            name,
            format!("{value} is larger than the maximum {MAX_AMOUNT}"),
        ));
    }
    Ok(())
}

/// ISO 4217 currency: three ASCII letters (any case; sent upper-case).
pub fn currency(name: &str, value: &str) -> Result<()> {
    if value.len() != 3 || !value.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Error::validation(
            name,
            format!("must be a three-letter ISO 4217 code such as ZAR (got {value:?})"),
        ));
    }
    Ok(())
}

/// Metadata: at most 10 keys, non-empty keys of at most 40 chars, values of at most 500.
pub fn metadata(name: &str, value: &Metadata) -> Result<()> {
    if value.len() > MAX_METADATA_KEYS {
        return Err(Error::validation(
            name,
            format!(
                "has {} keys; at most {MAX_METADATA_KEYS} are allowed",
                value.len()
            ),
        ));
    }
    for (key, val) in value {
        if key.is_empty() {
            return Err(Error::validation(name, "has an empty key"));
        }
        if key.chars().count() > MAX_METADATA_KEY_LEN {
            return Err(Error::validation(
                format!("{name}.{key}"),
                format!("key is longer than {MAX_METADATA_KEY_LEN} characters"),
            ));
        }
        if val.chars().count() > MAX_METADATA_VALUE_LEN {
            return Err(Error::validation(
                format!("{name}.{key}"),
                format!("value is longer than {MAX_METADATA_VALUE_LEN} characters"),
            ));
        }
    }
    Ok(())
}

/// `external_reference`: 1 to 255 chars of `[A-Za-z0-9_-]`.
pub fn external_reference(name: &str, value: &str) -> Result<()> {
    if value.is_empty() || value.len() > 255 {
        return Err(Error::validation(name, "must be 1 to 255 characters long"));
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        return Err(Error::validation(
            name,
            format!("may only hold letters, digits, `_` and `-` (found {bad:?})"),
        ));
    }
    Ok(())
}

/// Phone number in E.164 form: `+` then 2 to 15 digits, the first not 0.
pub fn phone(name: &str, value: &str) -> Result<()> {
    let digits = value.strip_prefix('+').unwrap_or("");
    let ok = (2..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    if !ok {
        return Err(Error::validation(
            name,
            format!("must be an E.164 number such as +27821234567 (got {value:?})"),
        ));
    }
    Ok(())
}

/// A plausible email: at most 255 chars, one `@` with text on both sides, no whitespace.
pub fn email(name: &str, value: &str) -> Result<()> {
    let ok = value.len() <= 255
        && !value.chars().any(char::is_whitespace)
        && matches!(value.split_once('@'), Some((local, domain)) if !local.is_empty() && domain.contains('.') && !domain.contains('@'));
    if !ok {
        return Err(Error::validation(
            name,
            format!("is not an email address (got {value:?})"),
        ));
    }
    Ok(())
}

/// A calendar date `YYYY-MM-DD` that exists.
pub fn date(name: &str, value: &str) -> Result<()> {
    let parts: Vec<&str> = value.split('-').collect();
    let parsed = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
                (Ok(y), Ok(m), Ok(d)) => Some((y, m, d)),
                _ => None,
            }
        }
        _ => None,
    };
    let valid = parsed.is_some_and(|(y, m, d)| {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        (1..=days).contains(&d)
    });
    if !valid {
        return Err(Error::validation(
            name,
            format!("must be a date YYYY-MM-DD (got {value:?})"),
        ));
    }
    Ok(())
}

/// An RFC 3339 timestamp, checked for shape (`YYYY-MM-DDTHH:MM:SS` then an offset).
pub fn timestamp(name: &str, value: &str) -> Result<()> {
    let ok = value.len() >= 20
        && value.is_char_boundary(10)
        && date(name, &value[..10]).is_ok()
        && matches!(value.as_bytes().get(10), Some(b'T' | b't'))
        && (value.ends_with('Z') || value.ends_with('z') || value[19..].contains(['+', '-']));
    if !ok {
        return Err(Error::validation(
            name,
            format!("must be an RFC 3339 timestamp such as 2026-01-31T12:00:00Z (got {value:?})"),
        ));
    }
    Ok(())
}

/// An idempotency key: 1 to 255 visible ASCII characters (no spaces or control characters,
/// so it can never inject a header).
pub fn idempotency_key(value: &str) -> Result<()> {
    if value.is_empty() || value.len() > MAX_IDEMPOTENCY_KEY_LEN {
        return Err(Error::validation(
            "idempotency_key",
            format!("must be 1 to {MAX_IDEMPOTENCY_KEY_LEN} characters long"),
        ));
    }
    if !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::validation(
            "idempotency_key",
            "may only hold visible ASCII characters (no spaces, control characters or non-ASCII)",
        ));
    }
    Ok(())
}

/// A resource ID or reference used in a path: non-empty, at most 255 chars, no `/`, `?`,
/// `#`, `%`, whitespace or control characters.
pub fn path_id(name: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::validation(name, "is empty"));
    }
    if value.len() > 255 {
        return Err(Error::validation(name, "is longer than 255 characters"));
    }
    if value
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '/' | '?' | '#' | '%' | '\\'))
    {
        return Err(Error::validation(
            name,
            format!("is not a valid ID (got {value:?})"),
        ));
    }
    Ok(())
}

fn opt<T>(value: &Option<T>, check: impl FnOnce(&T) -> Result<()>) -> Result<()> {
    match value {
        Some(v) => check(v),
        None => Ok(()),
    }
}

fn text(name: &str, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(Error::validation(
            name,
            format!("is longer than {max} characters"),
        ));
    }
    Ok(())
}

fn upper(currency: &mut str) {
    currency.make_ascii_uppercase();
}

fn customer_details(prefix: &str, details: &CustomerDetails) -> Result<()> {
    opt(&details.name, |v| text(&field(prefix, "name"), v, 255))?;
    opt(&details.email, |v| email(&field(prefix, "email"), v))?;
    opt(&details.phone, |v| phone(&field(prefix, "phone"), v))
}

fn date_range(prefix: &str, range: &DateRange) -> Result<()> {
    opt(&range.start_date, |v| date(&field(prefix, "start_date"), v))?;
    opt(&range.end_date, |v| date(&field(prefix, "end_date"), v))?;
    if let (Some(start), Some(end)) = (&range.start_date, &range.end_date)
        && start > end
    {
        return Err(Error::validation(
            field(prefix, "end_date"),
            "is before start_date",
        ));
    }
    Ok(())
}

fn recurrence(prefix: &str, recurrence: &Recurrence) -> Result<()> {
    if let RecurrenceType::Unknown(value) = &recurrence.kind {
        return Err(Error::validation(
            field(prefix, "type"),
            format!("must be daily, weekly, monthly or yearly (got {value:?})"),
        ));
    }
    if recurrence.interval_count == Some(0) {
        return Err(Error::validation(
            field(prefix, "interval_count"),
            "must be at least 1",
        ));
    }
    Ok(())
}

fn mandate(prefix: &str, mandate: &MandateOptions) -> Result<()> {
    let max_per_payment = match &mandate.amount {
        Some(MandateAmount::Fixed(value)) => {
            amount(&field(prefix, "amount"), *value, false)?;
            Some(*value)
        }
        Some(MandateAmount::Range { min, max }) => {
            opt(min, |v| amount(&field(prefix, "amount.min"), *v, true))?;
            opt(max, |v| amount(&field(prefix, "amount.max"), *v, false))?;
            if let (Some(min), Some(max)) = (min, max)
                && min > max
            {
                return Err(Error::validation(
                    field(prefix, "amount.min"),
                    "is greater than amount.max",
                ));
            }
            *max
        }
        None => None,
    };
    match &mandate.kind {
        MandateType::Scheduled if mandate.recurrence.is_none() => {
            return Err(Error::validation(
                field(prefix, "recurrence"),
                "is required for a scheduled mandate",
            ));
        }
        MandateType::Installment => {
            if mandate.total_amount.is_none() {
                return Err(Error::validation(
                    field(prefix, "total_amount"),
                    "is required for an installment mandate",
                ));
            }
            if mandate.terms.is_none() {
                return Err(Error::validation(
                    field(prefix, "terms"),
                    "is required for an installment mandate",
                ));
            }
            if mandate.controls.is_some() {
                return Err(Error::validation(
                    field(prefix, "controls"),
                    "do not apply to installment mandates",
                ));
            }
        }
        MandateType::Unknown(value) => {
            return Err(Error::validation(
                field(prefix, "type"),
                format!("must be scheduled, on_demand or installment (got {value:?})"),
            ));
        }
        _ => {}
    }
    opt(&mandate.total_amount, |v| {
        amount(&field(prefix, "total_amount"), *v, false)
    })?;
    opt(&mandate.recurrence, |r| {
        recurrence(&field(prefix, "recurrence"), r)
    })?;
    opt(&mandate.validity_period, |r| {
        date_range(&field(prefix, "validity_period"), r)
    })?;
    if mandate.max_occurrences == Some(0) {
        return Err(Error::validation(
            field(prefix, "max_occurrences"),
            "must be at least 1",
        ));
    }
    if let Some(terms) = &mandate.terms {
        let terms_prefix = field(prefix, "terms");
        opt(&terms.amount, |v| {
            amount(&field(&terms_prefix, "amount"), *v, false)
        })?;
        for (i, item) in terms.items.iter().enumerate() {
            amount(
                &format!("{terms_prefix}.items[{i}].amount"),
                item.amount,
                false,
            )?;
        }
        opt(&terms.recurrence, |r| {
            recurrence(&field(&terms_prefix, "recurrence"), r)
        })?;
    }
    if let Some(limits) = mandate
        .controls
        .as_ref()
        .and_then(|c| c.period_limits.as_ref())
    {
        let limits_prefix = field(prefix, "controls.period_limits");
        if limits.max_count == Some(0) {
            return Err(Error::validation(
                field(&limits_prefix, "max_count"),
                "must be at least 1",
            ));
        }
        if let Some(limit) = limits.max_amount {
            amount(&field(&limits_prefix, "max_amount"), limit, false)?;
            if let Some(max) = max_per_payment
                && limit < max
            {
                return Err(Error::validation(
                    field(&limits_prefix, "max_amount"),
                    format!("({limit}) must be at least the mandate's largest amount ({max})"),
                ));
            }
        }
    }
    Ok(())
}

impl Validate for CreatePaymentSession {
    fn normalize(&mut self) {
        upper(&mut self.currency);
    }

    fn validate(&self) -> Result<()> {
        let kind = self.effective_kind();
        let allow_zero = !matches!(kind, PaymentSessionType::NextInSeries);
        amount("amount", self.amount, allow_zero).map_err(|e| {
            if self.amount == 0 {
                Error::validation("amount", "must be greater than 0 for next_in_series (amount 0 verifies a card through a checkout)")
            } else {
                e
            }
        })?;
        currency("currency", &self.currency)?;
        opt(&self.metadata, |m| metadata("metadata", m))?;
        opt(&self.external_reference, |r| {
            external_reference("external_reference", r)
        })?;
        if let PaymentSessionType::Unknown(value) = &kind {
            return Err(Error::validation(
                "type",
                format!("must be one_time, first_in_series or next_in_series (got {value:?})"),
            ));
        }
        let empty = PaymentSessionOptions::default();
        let options = self.options.as_ref().unwrap_or(&empty);
        match (&kind, &options.customer) {
            (PaymentSessionType::NextInSeries, Some(CustomerRef::Id(id))) => {
                path_id("options.customer", id)?
            }
            (PaymentSessionType::NextInSeries, Some(CustomerRef::Details(_))) => {
                return Err(Error::validation(
                    "options.customer",
                    "must be the ID of an existing customer (cus_…) for next_in_series",
                ));
            }
            (PaymentSessionType::NextInSeries, None) => {
                return Err(Error::validation(
                    "options.customer",
                    "is required for next_in_series: the customer_id from the first_in_series session",
                ));
            }
            (_, Some(CustomerRef::Details(details))) => {
                customer_details("options.customer", details)?
            }
            (_, Some(CustomerRef::Id(id))) => path_id("options.customer", id)?,
            (_, None) => {}
        }
        match (&kind, &options.payment_method) {
            (PaymentSessionType::NextInSeries, None) => {
                return Err(Error::validation(
                    "options.payment_method",
                    "is required for next_in_series: the payment_method_id from the first_in_series session",
                ));
            }
            (PaymentSessionType::NextInSeries, Some(id)) => path_id("options.payment_method", id)?,
            (_, Some(_)) => {
                return Err(Error::validation(
                    "options.payment_method",
                    "is only accepted for next_in_series",
                ));
            }
            (_, None) => {}
        }
        if matches!(kind, PaymentSessionType::NextInSeries) && options.checkout_options.is_some() {
            return Err(Error::validation(
                "options.checkout_options",
                "do not apply to next_in_series (it has no checkout)",
            ));
        }
        if let Some(checkout) = &options.checkout_options {
            opt(&checkout.return_url, |u| {
                url("options.checkout_options.return_url", u)
            })?;
            if let Some(SavePaymentMethod::Unknown(value)) = &checkout.save_payment_method {
                return Err(Error::validation(
                    "options.checkout_options.save_payment_method",
                    format!("must be always, never or prompt (got {value:?})"),
                ));
            }
        }
        if let Some(card) = options
            .payment_method_options
            .as_ref()
            .and_then(|o| o.card.as_ref())
            && let Some(CaptureMethod::Unknown(value)) = &card.capture_method
        {
            return Err(Error::validation(
                "options.payment_method_options.card.capture_method",
                format!("must be automatic or manual (got {value:?})"),
            ));
        }
        let first = matches!(kind, PaymentSessionType::FirstInSeries);
        if let Some(m) = &options.mandate_options {
            if !first {
                return Err(Error::validation(
                    "options.mandate_options",
                    "are only accepted for first_in_series",
                ));
            }
            mandate("options.mandate_options", m)?;
        }
        if let Some(subscription) = &options.subscription_options {
            if !first {
                return Err(Error::validation(
                    "options.subscription_options",
                    "are only accepted for first_in_series",
                ));
            }
            let prefix = "options.subscription_options";
            opt(&subscription.amount, |v| {
                amount(&field(prefix, "amount"), *v, false)
            })?;
            opt(&subscription.active_period, |r| {
                date_range(&field(prefix, "active_period"), r)
            })?;
            if let Some(time) = &subscription.scheduled_time {
                let ok = time.len() == 5
                    && time.as_bytes()[2] == b':'
                    && time[..2].parse::<u8>().is_ok_and(|h| h < 24)
                    && time[3..].parse::<u8>().is_ok_and(|m| m < 60);
                if !ok {
                    return Err(Error::validation(
                        field(prefix, "scheduled_time"),
                        format!("must be HH:MM (got {time:?})"),
                    ));
                }
            }
            let validity = options
                .mandate_options
                .as_ref()
                .and_then(|m| m.validity_period.as_ref());
            if let (Some(active), Some(validity)) = (&subscription.active_period, validity) {
                let starts_early = matches!((&active.start_date, &validity.start_date), (Some(a), Some(v)) if a < v);
                let ends_late = matches!((&active.end_date, &validity.end_date), (Some(a), Some(v)) if a > v)
                    || (active.end_date.is_none() && validity.end_date.is_some());
                if starts_early || ends_late {
                    return Err(Error::validation(
                        field(prefix, "active_period"),
                        "must lie inside mandate_options.validity_period",
                    ));
                }
            }
        }
        Ok(())
    }
}

/// An absolute http(s) URL of at most 500 characters.
pub fn url(name: &str, value: &str) -> Result<()> {
    if value.len() > 500 {
        return Err(Error::validation(name, "is longer than 500 characters"));
    }
    match url::Url::parse(value) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => Ok(()),
        _ => Err(Error::validation(
            name,
            format!("must be an http(s) URL (got {value:?})"),
        )),
    }
}

impl Validate for CapturePayment {
    fn validate(&self) -> Result<()> {
        opt(&self.amount, |v| amount("amount", *v, false))?;
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

impl Validate for VoidPayment {
    fn validate(&self) -> Result<()> {
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

impl Validate for CreatePaymentRequest {
    fn normalize(&mut self) {
        upper(&mut self.currency);
    }

    fn validate(&self) -> Result<()> {
        amount("amount", self.amount, false)?;
        currency("currency", &self.currency)?;
        opt(&self.external_reference, |r| {
            external_reference("external_reference", r)
        })?;
        opt(&self.description, |d| text("description", d, 500))?;
        opt(&self.expires_at, |t| timestamp("expires_at", t))?;
        opt(&self.metadata, |m| metadata("metadata", m))?;
        match (&self.kind, &self.push) {
            (Some(PaymentRequestType::Push), None) => Err(Error::validation(
                "push",
                "is required for a push payment request",
            )),
            (Some(PaymentRequestType::Push), Some(push)) => {
                if push.provider != "capitec" {
                    return Err(Error::validation(
                        "push.provider",
                        format!("must be capitec (got {:?})", push.provider),
                    ));
                }
                match &push.capitec {
                    Some(capitec) => phone("push.capitec.phone_number", &capitec.phone_number),
                    None => Err(Error::validation(
                        "push.capitec",
                        "is required for provider capitec",
                    )),
                }
            }
            (Some(PaymentRequestType::Unknown(value)), _) => Err(Error::validation(
                "type",
                format!("must be link or push (got {value:?})"),
            )),
            (_, Some(_)) => Err(Error::validation("push", "is only accepted for type push")),
            _ => Ok(()),
        }
    }
}

impl Validate for UpdatePaymentRequest {
    fn validate(&self) -> Result<()> {
        opt(&self.external_reference, |r| {
            external_reference("external_reference", r)
        })?;
        opt(&self.description, |d| text("description", d, 500))?;
        opt(&self.expires_at, |t| timestamp("expires_at", t))?;
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

impl Validate for UpdatePaymentPage {
    fn normalize(&mut self) {
        if let Some(c) = &mut self.currency {
            upper(c);
        }
    }

    fn validate(&self) -> Result<()> {
        if let Some(status) = &self.status
            && !matches!(
                status,
                PaymentPageStatus::Active | PaymentPageStatus::Inactive
            )
        {
            return Err(Error::validation(
                "status",
                format!(
                    "may be set to active or inactive (got {:?})",
                    status.as_str()
                ),
            ));
        }
        opt(&self.amount, |v| amount("amount", *v, false))?;
        opt(&self.currency, |c| currency("currency", c))?;
        opt(&self.title, |t| text("title", t, 200))?;
        opt(&self.description, |d| text("description", d, 1000))?;
        if let Some(return_url) = &self.return_url {
            url("return_url", return_url)?;
            if !return_url.starts_with("https://") {
                return Err(Error::validation("return_url", "must use https"));
            }
        }
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

impl Validate for ListParams {
    fn validate(&self) -> Result<()> {
        if let Some(limit) = self.limit
            && !(1..=100).contains(&limit)
        {
            return Err(Error::validation(
                "limit",
                format!("must be 1 to 100 (got {limit})"),
            ));
        }
        opt(&self.cursor, |c| path_id("cursor", c))
    }
}

fn balance_needs_currency(
    prefix: &str,
    balance: Option<i64>,
    currency_value: &Option<String>,
) -> Result<()> {
    if balance.is_some() && currency_value.is_none() {
        return Err(Error::validation(
            field(prefix, "currency"),
            "is required when balance is set",
        ));
    }
    opt(currency_value, |c| currency(&field(prefix, "currency"), c))?;
    if let Some(b) = balance
        && b.unsigned_abs() > MAX_AMOUNT as u64
    {
        return Err(Error::validation(
            field(prefix, "balance"),
            "is out of range",
        ));
    }
    Ok(())
}

fn create_customer(prefix: &str, c: &CreateBillingCustomer) -> Result<()> {
    external_reference(&field(prefix, "external_reference"), &c.external_reference)?;
    if c.external_reference.starts_with("bcus_") {
        return Err(Error::validation(
            field(prefix, "external_reference"),
            "must not begin with the reserved prefix bcus_",
        ));
    }
    opt(&c.name, |v| text(&field(prefix, "name"), v, 255))?;
    opt(&c.email, |v| email(&field(prefix, "email"), v))?;
    opt(&c.phone, |v| phone(&field(prefix, "phone"), v))?;
    balance_needs_currency(prefix, c.balance, &c.currency)?;
    opt(&c.metadata, |m| metadata(&field(prefix, "metadata"), m))
}

fn customer_ref(prefix: &str, c: &BillingCustomerRef) -> Result<()> {
    match c {
        BillingCustomerRef::Id(id) => path_id(prefix, id),
        BillingCustomerRef::New(new) => create_customer(prefix, new),
    }
}

fn create_account(prefix: &str, a: &CreateBillingAccount) -> Result<()> {
    customer_ref(&field(prefix, "customer"), &a.customer)?;
    external_reference(&field(prefix, "external_reference"), &a.external_reference)?;
    if a.external_reference.starts_with("bacc_") {
        return Err(Error::validation(
            field(prefix, "external_reference"),
            "must not begin with the reserved prefix bacc_",
        ));
    }
    opt(&a.name, |v| text(&field(prefix, "name"), v, 255))?;
    balance_needs_currency(prefix, a.balance, &a.currency)?;
    opt(&a.metadata, |m| metadata(&field(prefix, "metadata"), m))
}

fn upper_opt(c: &mut Option<String>) {
    if let Some(c) = c {
        upper(c);
    }
}

impl Validate for CreateBillingCustomer {
    fn normalize(&mut self) {
        upper_opt(&mut self.currency);
    }
    fn validate(&self) -> Result<()> {
        create_customer("", self)
    }
}

impl Validate for UpdateBillingCustomer {
    fn normalize(&mut self) {
        upper_opt(&mut self.currency);
    }
    fn validate(&self) -> Result<()> {
        opt(&self.name, |v| text("name", v, 255))?;
        opt(&self.email, |v| email("email", v))?;
        opt(&self.phone, |v| phone("phone", v))?;
        opt(&self.currency, |c| currency("currency", c))?;
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

impl Validate for CreateBillingAccount {
    fn normalize(&mut self) {
        upper_opt(&mut self.currency);
        if let BillingCustomerRef::New(c) = &mut self.customer {
            c.normalize();
        }
    }
    fn validate(&self) -> Result<()> {
        create_account("", self)
    }
}

impl Validate for UpdateBillingAccount {
    fn normalize(&mut self) {
        upper_opt(&mut self.currency);
    }
    fn validate(&self) -> Result<()> {
        opt(&self.name, |v| text("name", v, 255))?;
        opt(&self.currency, |c| currency("currency", c))?;
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

impl Validate for CreateBill {
    fn normalize(&mut self) {
        upper_opt(&mut self.currency);
        if let Some(BillingCustomerRef::New(c)) = &mut self.customer {
            c.normalize();
        }
        if let Some(BillingAccountRef::New(a)) = &mut self.account {
            a.normalize();
        }
    }
    fn validate(&self) -> Result<()> {
        external_reference("external_reference", &self.external_reference)?;
        if self.external_reference.starts_with("bill_") {
            return Err(Error::validation(
                "external_reference",
                "must not begin with the reserved prefix bill_",
            ));
        }
        if !(1..=MAX_BILL_AMOUNT).contains(&self.amount_due) {
            return Err(Error::validation(
                "amount_due",
                format!("must be 1 to {MAX_BILL_AMOUNT} (got {})", self.amount_due),
            ));
        }
        opt(&self.currency, |c| currency("currency", c))?;
        match (&self.customer, &self.account) {
            (None, None) => {
                return Err(Error::validation(
                    "customer",
                    "a bill needs a customer or an account",
                ));
            }
            (_, Some(BillingAccountRef::Id(id))) => path_id("account", id)?,
            (_, Some(BillingAccountRef::New(a))) => create_account("account", a)?,
            _ => {}
        }
        opt(&self.customer, |c| customer_ref("customer", c))?;
        opt(&self.bill_date, |d| date("bill_date", d))?;
        opt(&self.due_date, |d| date("due_date", d))?;
        if let (Some(bill), Some(due)) = (&self.bill_date, &self.due_date)
            && due < bill
        {
            return Err(Error::validation("due_date", "is before bill_date"));
        }
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

impl Validate for UpdateBill {
    fn normalize(&mut self) {
        upper_opt(&mut self.currency);
    }
    fn validate(&self) -> Result<()> {
        opt(&self.currency, |c| currency("currency", c))?;
        if let Some(paid) = self.amount_paid
            && !(0..=MAX_BILL_AMOUNT).contains(&paid)
        {
            return Err(Error::validation(
                "amount_paid",
                format!("must be 0 to {MAX_BILL_AMOUNT} (got {paid})"),
            ));
        }
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

impl Validate for VoidBill {
    fn validate(&self) -> Result<()> {
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(result: Result<()>) -> Option<String> {
        result.err().and_then(|e| e.field().map(str::to_owned))
    }

    #[test]
    fn next_in_series_needs_customer_and_method() {
        let mut params =
            CreatePaymentSession::one_time(100, "ZAR").kind(PaymentSessionType::NextInSeries);
        assert_eq!(
            field_of(params.validate()).as_deref(),
            Some("options.customer")
        );
        params.options_mut().customer = Some(CustomerRef::Id("cus_1".into()));
        assert_eq!(
            field_of(params.validate()).as_deref(),
            Some("options.payment_method")
        );
        params.options_mut().payment_method = Some("pmt_1".into());
        assert!(params.validate().is_ok());
    }

    #[test]
    fn amounts_currencies_and_references() {
        assert_eq!(
            field_of(CreatePaymentSession::one_time(-1, "ZAR").validate()).as_deref(),
            Some("amount")
        );
        assert_eq!(
            field_of(CreatePaymentSession::one_time(1, "ZA").validate()).as_deref(),
            Some("currency")
        );
        assert!(CreatePaymentSession::verification("zar").validate().is_ok());
        let bad_ref = CreatePaymentSession::one_time(1, "ZAR").external_reference("order 1");
        assert_eq!(
            field_of(bad_ref.validate()).as_deref(),
            Some("external_reference")
        );
    }

    #[test]
    fn metadata_limits() {
        let mut params = CreatePaymentSession::one_time(1, "ZAR");
        for i in 0..11 {
            params = params.metadata(format!("k{i}"), "v");
        }
        assert_eq!(field_of(params.validate()).as_deref(), Some("metadata"));
        let long_value = CreatePaymentSession::one_time(1, "ZAR").metadata("k", "x".repeat(501));
        assert_eq!(
            field_of(long_value.validate()).as_deref(),
            Some("metadata.k")
        );
    }

    #[test]
    fn mandate_rules() {
        let scheduled = MandateOptions::new(MandateType::Scheduled);
        let params =
            CreatePaymentSession::first_in_series(100, "ZAR", CustomerDetails::new("A", "a@b.co"))
                .mandate(scheduled);
        assert_eq!(
            field_of(params.validate()).as_deref(),
            Some("options.mandate_options.recurrence")
        );
        let mut on_demand = MandateOptions::on_demand_up_to(5000);
        on_demand.controls = Some(MandateControls {
            period_limits: Some(PeriodLimits {
                period: Some("month".into()),
                max_amount: Some(1000),
                ..Default::default()
            }),
        });
        let params =
            CreatePaymentSession::first_in_series(100, "ZAR", CustomerDetails::new("A", "a@b.co"))
                .mandate(on_demand);
        assert_eq!(
            field_of(params.validate()).as_deref(),
            Some("options.mandate_options.controls.period_limits.max_amount")
        );
        let one_time_with_mandate =
            CreatePaymentSession::one_time(100, "ZAR").mandate(MandateOptions::on_demand_up_to(10));
        assert_eq!(
            field_of(one_time_with_mandate.validate()).as_deref(),
            Some("options.mandate_options")
        );
    }

    #[test]
    fn formats() {
        assert!(phone("p", "+27821234567").is_ok());
        assert!(phone("p", "0821234567").is_err());
        assert!(date("d", "2024-02-29").is_ok());
        assert!(date("d", "2023-02-29").is_err());
        assert!(timestamp("t", "2026-01-31T12:00:00Z").is_ok());
        assert!(timestamp("t", "2026-01-31T12:00:00.123+02:00").is_ok());
        assert!(timestamp("t", "tomorrow").is_err());
        assert!(idempotency_key("abc-123_x").is_ok());
        assert!(idempotency_key("a\r\nX-Evil: 1").is_err());
        assert!(idempotency_key(&"a".repeat(256)).is_err());
        assert!(path_id("id", "ps_123").is_ok());
        assert!(path_id("id", "../admin").is_err());
    }
}
