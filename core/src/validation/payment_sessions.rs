//! `POST /collect/payment_sessions`: what each session type accepts, the customer, the
//! checkout, the mandate and the subscription.

use super::{
    MAX_NAME_LEN, Validate, amount, currency, date, email, external_reference, field, known,
    known_opt, metadata, opt, path_id, phone, text, upper, url,
};
use crate::error::{Error, Result};
use crate::models::*;

impl Validate for CreatePaymentSession {
    fn normalize(&mut self) {
        upper(&mut self.currency);
    }

    fn validate(&self) -> Result<()> {
        let kind = self.effective_kind();
        known("type", &kind)?;
        session_amount(&kind, self.amount)?;
        currency("currency", &self.currency)?;
        opt(&self.metadata, |m| metadata("metadata", m))?;
        opt(&self.external_reference, |r| {
            external_reference("external_reference", r)
        })?;
        let empty = PaymentSessionOptions::default();
        let options = self.options.as_ref().unwrap_or(&empty);
        customer(&kind, options)?;
        payment_method(&kind, options)?;
        checkout(&kind, options)?;
        card(options)?;
        verification_saves(self.amount, options)?;
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
            subscription_options(subscription, options.mandate_options.as_ref())?;
        }
        Ok(())
    }
}

/// An amount of 0 verifies a card through a checkout; a next_in_series charge needs one.
fn session_amount(kind: &PaymentSessionType, value: i64) -> Result<()> {
    let allow_zero = !matches!(kind, PaymentSessionType::NextInSeries);
    amount("amount", value, allow_zero).map_err(|e| {
        if value == 0 {
            Error::validation(
                "amount",
                "must be greater than 0 for next_in_series (amount 0 verifies a card through a checkout)",
            )
        } else {
            e
        }
    })
}

/// next_in_series names an existing customer; the others may create one.
fn customer(kind: &PaymentSessionType, options: &PaymentSessionOptions) -> Result<()> {
    let next = matches!(kind, PaymentSessionType::NextInSeries);
    match (next, &options.customer) {
        (true, Some(CustomerRef::Id(id))) => path_id("options.customer", id),
        (true, Some(CustomerRef::Details(_))) => Err(Error::validation(
            "options.customer",
            "must be the ID of an existing customer (cus_…) for next_in_series",
        )),
        (true, None) => Err(Error::validation(
            "options.customer",
            "is required for next_in_series: the customer_id from the first_in_series session",
        )),
        (false, Some(CustomerRef::Details(details))) => {
            customer_details("options.customer", details)
        }
        (false, Some(CustomerRef::Id(id))) => path_id("options.customer", id),
        (false, None) => Ok(()),
    }
}

fn customer_details(prefix: &str, details: &CustomerDetails) -> Result<()> {
    opt(&details.name, |v| {
        text(&field(prefix, "name"), v, MAX_NAME_LEN)
    })?;
    opt(&details.email, |v| email(&field(prefix, "email"), v))?;
    opt(&details.phone, |v| phone(&field(prefix, "phone"), v))
}

/// Only next_in_series charges a saved method, and it must.
fn payment_method(kind: &PaymentSessionType, options: &PaymentSessionOptions) -> Result<()> {
    let next = matches!(kind, PaymentSessionType::NextInSeries);
    match (next, &options.payment_method) {
        (true, None) => Err(Error::validation(
            "options.payment_method",
            "is required for next_in_series: the payment_method_id from the first_in_series session",
        )),
        (true, Some(id)) => path_id("options.payment_method", id),
        (false, Some(_)) => Err(Error::validation(
            "options.payment_method",
            "is only accepted for next_in_series",
        )),
        (false, None) => Ok(()),
    }
}

/// next_in_series has no checkout to configure.
fn checkout(kind: &PaymentSessionType, options: &PaymentSessionOptions) -> Result<()> {
    let Some(checkout) = &options.checkout_options else {
        return Ok(());
    };
    if matches!(kind, PaymentSessionType::NextInSeries) {
        return Err(Error::validation(
            "options.checkout_options",
            "do not apply to next_in_series (it has no checkout)",
        ));
    }
    let prefix = "options.checkout_options";
    opt(&checkout.return_url, |u| {
        url(&field(prefix, "return_url"), u)
    })?;
    known_opt(
        &field(prefix, "save_payment_method"),
        &checkout.save_payment_method,
    )?;
    if let Some(presentation) = &checkout.presentation_mode {
        known_opt(&field(prefix, "presentation_mode.mode"), &presentation.mode)?;
    }
    Ok(())
}

/// A verification (amount 0) exists to save the method: `save_payment_method` may be left
/// out, and if sent must be `always` (payment-method-verification: "only `always` accepted").
fn verification_saves(amount: i64, options: &PaymentSessionOptions) -> Result<()> {
    if amount != 0 {
        return Ok(());
    }
    let checkout = options
        .checkout_options
        .as_ref()
        .and_then(|c| c.save_payment_method.as_ref())
        .map(|v| ("options.checkout_options.save_payment_method", v));
    let card = options
        .payment_method_options
        .as_ref()
        .and_then(|o| o.card.as_ref())
        .and_then(|c| c.save_payment_method.as_ref())
        .map(|v| ("options.payment_method_options.card.save_payment_method", v));
    for (name, value) in [checkout, card].into_iter().flatten() {
        if *value != SavePaymentMethod::Always {
            return Err(Error::validation(
                name,
                format!(
                    "must be `always` for a verification (amount 0), which exists to save the method (got `{value}`)"
                ),
            ));
        }
    }
    Ok(())
}

fn card(options: &PaymentSessionOptions) -> Result<()> {
    let Some(card) = options
        .payment_method_options
        .as_ref()
        .and_then(|o| o.card.as_ref())
    else {
        return Ok(());
    };
    let prefix = "options.payment_method_options.card";
    known_opt(&field(prefix, "capture_method"), &card.capture_method)?;
    known_opt(
        &field(prefix, "save_payment_method"),
        &card.save_payment_method,
    )
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
    known(&field(prefix, "type"), &recurrence.kind)?;
    if recurrence.interval_count == Some(0) {
        return Err(Error::validation(
            field(prefix, "interval_count"),
            "must be at least 1",
        ));
    }
    Ok(())
}

/// The mandate's amount; answers the largest amount one payment may have.
fn mandate_amount(prefix: &str, mandate: &MandateOptions) -> Result<Option<i64>> {
    match &mandate.amount {
        Some(MandateAmount::Fixed(value)) => {
            amount(&field(prefix, "amount"), *value, false)?;
            Ok(Some(*value))
        }
        Some(MandateAmount::Range(AmountRange { min, max })) => {
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
            Ok(*max)
        }
        None => Ok(None),
    }
}

/// What each mandate type requires and refuses.
fn mandate_type(prefix: &str, mandate: &MandateOptions) -> Result<()> {
    known(&field(prefix, "type"), &mandate.kind)?;
    match &mandate.kind {
        MandateType::Scheduled if mandate.recurrence.is_none() => Err(Error::validation(
            field(prefix, "recurrence"),
            "is required for a scheduled mandate",
        )),
        MandateType::Installment if mandate.total_amount.is_none() => Err(Error::validation(
            field(prefix, "total_amount"),
            "is required for an installment mandate",
        )),
        MandateType::Installment if mandate.terms.is_none() => Err(Error::validation(
            field(prefix, "terms"),
            "is required for an installment mandate",
        )),
        MandateType::Installment if mandate.controls.is_some() => Err(Error::validation(
            field(prefix, "controls"),
            "do not apply to installment mandates",
        )),
        _ => Ok(()),
    }
}

fn installment_terms(prefix: &str, terms: &InstallmentTerms) -> Result<()> {
    known_opt(&field(prefix, "type"), &terms.kind)?;
    opt(&terms.amount, |v| {
        amount(&field(prefix, "amount"), *v, false)
    })?;
    for (i, item) in terms.items.iter().enumerate() {
        amount(&format!("{prefix}.items[{i}].amount"), item.amount, false)?;
    }
    opt(&terms.recurrence, |r| {
        recurrence(&field(prefix, "recurrence"), r)
    })
}

fn period_limits(prefix: &str, limits: &PeriodLimits, max_per_payment: Option<i64>) -> Result<()> {
    known_opt(&field(prefix, "period"), &limits.period)?;
    if let Some(window) = &limits.window {
        known_opt(&field(prefix, "window.mode"), &window.mode)?;
    }
    if limits.max_count == Some(0) {
        return Err(Error::validation(
            field(prefix, "max_count"),
            "must be at least 1",
        ));
    }
    if let Some(limit) = limits.max_amount {
        amount(&field(prefix, "max_amount"), limit, false)?;
        if let Some(max) = max_per_payment
            && limit < max
        {
            return Err(Error::validation(
                field(prefix, "max_amount"),
                format!("({limit}) must be at least the mandate's largest amount ({max})"),
            ));
        }
    }
    Ok(())
}

fn mandate(prefix: &str, mandate: &MandateOptions) -> Result<()> {
    let max_per_payment = mandate_amount(prefix, mandate)?;
    mandate_type(prefix, mandate)?;
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
    opt(&mandate.terms, |t| {
        installment_terms(&field(prefix, "terms"), t)
    })?;
    if let Some(limits) = mandate
        .controls
        .as_ref()
        .and_then(|c| c.period_limits.as_ref())
    {
        period_limits(
            &field(prefix, "controls.period_limits"),
            limits,
            max_per_payment,
        )?;
    }
    Ok(())
}

/// `HH:MM`, 00:00 to 23:59.
fn scheduled_time(name: &str, time: &str) -> Result<()> {
    let (hours, minutes) = time.split_once(':').unwrap_or(("", ""));
    let ok = hours.len() == 2
        && minutes.len() == 2
        && hours.parse::<u8>().is_ok_and(|h| h < 24)
        && minutes.parse::<u8>().is_ok_and(|m| m < 60);
    if !ok {
        return Err(Error::validation(
            name,
            format!("must be HH:MM (got {time:?})"),
        ));
    }
    Ok(())
}

fn subscription_options(
    subscription: &SubscriptionOptions,
    mandate: Option<&MandateOptions>,
) -> Result<()> {
    let prefix = "options.subscription_options";
    // The subscription runs inside the mandate, on its recurrence (subscriptions/overview:
    // active_period and amount come from mandate_options; the guide always gives both).
    let Some(the_mandate) = mandate else {
        return Err(Error::validation(
            "options.mandate_options",
            "are needed with subscription_options: the subscription runs inside the mandate, \
             on its recurrence (e.g. {\"type\": \"scheduled\", \"amount\": 5000, \
             \"recurrence\": {\"type\": \"monthly\"}})",
        ));
    };
    if the_mandate.recurrence.is_none() && the_mandate.kind != MandateType::Installment {
        return Err(Error::validation(
            "options.mandate_options.recurrence",
            "is needed with subscription_options: it is the subscription's schedule",
        ));
    }
    opt(&subscription.amount, |v| {
        amount(&field(prefix, "amount"), *v, false)
    })?;
    opt(&subscription.active_period, |r| {
        date_range(&field(prefix, "active_period"), r)
    })?;
    opt(&subscription.scheduled_time, |t| {
        scheduled_time(&field(prefix, "scheduled_time"), t)
    })?;
    let validity = mandate.and_then(|m| m.validity_period.as_ref());
    if let (Some(active), Some(validity)) = (&subscription.active_period, validity) {
        let starts_early =
            matches!((&active.start_date, &validity.start_date), (Some(a), Some(v)) if a < v);
        let ends_late = matches!((&active.end_date, &validity.end_date), (Some(a), Some(v)) if a > v)
            || (active.end_date.is_none() && validity.end_date.is_some());
        if starts_early || ends_late {
            return Err(Error::validation(
                field(prefix, "active_period"),
                "must lie inside mandate_options.validity_period",
            ));
        }
    }
    Ok(())
}
