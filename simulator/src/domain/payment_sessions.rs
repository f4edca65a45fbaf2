//! Payment sessions: one_time and first_in_series through the checkout, next_in_series
//! charged at once under a mandate, amount-0 verification, expiry.

use super::charges::Charge;
use crate::cards::{self, CardOutcome};
use crate::clock;
use crate::ids::new_id;
use crate::problem::{ApiError, ApiResult};
use crate::state::{
    CheckoutTarget, Mandate, PaymentMethodRecord, SessionRecord, Store, Subscription,
};
use momentpay::models::*;

fn capture_method(params: &CreatePaymentSession) -> CaptureMethod {
    params
        .options
        .as_ref()
        .and_then(|o| o.payment_method_options.as_ref())
        .and_then(|o| o.card.as_ref())
        .and_then(|c| c.capture_method.clone())
        .unwrap_or(CaptureMethod::Automatic)
}

impl Store {
    /// `POST /collect/payment_sessions` (params already validated).
    pub fn create_session(
        &mut self,
        key: &str,
        params: CreatePaymentSession,
    ) -> ApiResult<PaymentSession> {
        let kind = params.effective_kind();
        if kind == PaymentSessionType::NextInSeries {
            return self.create_next_in_series(key, params);
        }
        let now = self.now(key);
        let now_ms = self.now_ms(key);
        let options = params.options.clone().unwrap_or_default();
        let customer_id = match &options.customer {
            Some(CustomerRef::Id(id)) => {
                if !self.merchant(key).customers.contains_key(id) {
                    return Err(ApiError::validation(
                        422,
                        "options.customer",
                        format!("no customer `{id}` exists"),
                    ));
                }
                Some(id.clone())
            }
            Some(CustomerRef::Details(_)) => {
                let id = new_id("cus");
                self.merchant(key).customers.insert(id.clone(), Vec::new());
                Some(id)
            }
            None if kind == PaymentSessionType::FirstInSeries => {
                let id = new_id("cus");
                self.merchant(key).customers.insert(id.clone(), Vec::new());
                Some(id)
            }
            None => None,
        };
        let checkout_id = new_id("ckt");
        let session = PaymentSession {
            id: new_id("ps"),
            kind,
            amount: params.amount,
            currency: params.currency.clone(),
            status: PaymentSessionStatus::Active,
            payment_outcome: Some(PaymentOutcome::NotStarted),
            payment_status: Some(SessionPaymentStatus::Unpaid),
            customer_id,
            payment_method_id: None,
            checkout_session_id: Some(checkout_id.clone()),
            payment_id: None,
            session_url: Some(format!("{}/checkout/{checkout_id}", self.base_url)),
            return_url: options
                .checkout_options
                .as_ref()
                .and_then(|c| c.return_url.clone()),
            last_payment_error: None,
            mode: Some(self.merchant(key).mode()),
            external_reference: params.external_reference.clone(),
            metadata: params.metadata.clone().unwrap_or_default(),
            created_at: Some(now.clone()),
            updated_at: Some(now),
        };
        self.checkouts.insert(
            checkout_id,
            (key.to_owned(), CheckoutTarget::Session(session.id.clone())),
        );
        self.merchant(key).sessions.insert(
            session.id.clone(),
            SessionRecord {
                session: session.clone(),
                params,
                last_activity_ms: now_ms,
            },
        );
        self.emit(
            key,
            EventType::PaymentSessionCreated,
            EventData::PaymentSession(Box::new(session.clone())),
        );
        Ok(session)
    }

    /// Pays an active one_time / first_in_series session with a card (hosted checkout or
    /// `/_sim/payment_sessions/{id}/complete`).
    pub fn pay_session(
        &mut self,
        key: &str,
        session_id: &str,
        card_number: &str,
    ) -> ApiResult<PaymentSession> {
        let card = cards::normalize(card_number)
            .map_err(|m| ApiError::validation(422, "card_number", m))?;
        let record = self
            .merchant(key)
            .sessions
            .get(session_id)
            .cloned()
            .ok_or_else(|| ApiError::not_found("payment session", session_id))?;
        if record.session.status != PaymentSessionStatus::Active {
            return Err(ApiError::conflict(format!(
                "The payment session is {} and can no longer be paid.",
                record.session.status
            )));
        }
        if record.session.kind == PaymentSessionType::NextInSeries {
            return Err(ApiError::conflict(
                "A next_in_series session has no checkout.",
            ));
        }
        let (payment, outcome) = self.charge(
            key,
            Charge {
                amount: record.session.amount,
                currency: &record.session.currency,
                card: &card,
                capture_method: capture_method(&record.params),
                external_reference: record.session.external_reference.clone(),
                metadata: record.session.metadata.clone(),
                saved: false,
            },
        );
        let now = self.now(key);
        let now_ms = self.now_ms(key);
        let mut session = record.session.clone();
        session.updated_at = Some(now.clone());
        if outcome != CardOutcome::Approved {
            session.payment_outcome = Some(PaymentOutcome::Unpaid);
            session.payment_status = Some(SessionPaymentStatus::Unpaid);
            session.last_payment_error = payment.last_payment_error.clone();
            self.store_session(key, &session, now_ms);
            self.emit(
                key,
                EventType::PaymentAttemptFailed,
                EventData::Payment(Box::new(payment)),
            );
            self.emit(
                key,
                EventType::PaymentSessionUpdated,
                EventData::PaymentSession(Box::new(session.clone())),
            );
            return Ok(session);
        }
        let manual = payment.capture_method == Some(CaptureMethod::Manual);
        session.status = PaymentSessionStatus::Completed;
        session.last_payment_error = None;
        session.payment_id = Some(payment.id.clone());
        session.payment_status = Some(SessionPaymentStatus::Paid);
        session.payment_outcome = Some(if session.amount == 0 {
            PaymentOutcome::PaymentMethodVerified
        } else if manual {
            PaymentOutcome::Reserved
        } else {
            PaymentOutcome::Paid
        });
        let saves_method = session.kind == PaymentSessionType::FirstInSeries
            || session.amount == 0
            || record
                .params
                .options
                .as_ref()
                .and_then(|o| o.checkout_options.as_ref())
                .and_then(|c| c.save_payment_method.as_ref())
                == Some(&SavePaymentMethod::Always);
        if saves_method {
            let customer_id = match &session.customer_id {
                Some(id) => id.clone(),
                None => {
                    let id = new_id("cus");
                    session.customer_id = Some(id.clone());
                    id
                }
            };
            let mandate = (session.kind == PaymentSessionType::FirstInSeries)
                .then(|| self.mandate_for(&record.params));
            let method = PaymentMethodRecord {
                id: new_id("pmt"),
                customer_id: customer_id.clone(),
                card_number: card.clone(),
                mandate: mandate.clone(),
            };
            session.payment_method_id = Some(method.id.clone());
            let merchant = self.merchant(key);
            merchant
                .customers
                .entry(customer_id.clone())
                .or_default()
                .push(method.id.clone());
            merchant
                .payment_methods
                .insert(method.id.clone(), method.clone());
            if let (Some(mandate), Some(subscription)) = (
                mandate,
                record
                    .params
                    .options
                    .as_ref()
                    .and_then(|o| o.subscription_options.clone()),
            ) {
                let subscription =
                    self.subscription_for(&session, &method, &mandate, &subscription, now_ms);
                self.merchant(key).subscriptions.push(subscription);
            }
        }
        self.store_session(key, &session, now_ms);
        self.emit(
            key,
            EventType::PaymentSucceeded,
            EventData::Payment(Box::new(payment)),
        );
        self.emit(
            key,
            EventType::PaymentSessionCompleted,
            EventData::PaymentSession(Box::new(session.clone())),
        );
        Ok(session)
    }

    fn store_session(&mut self, key: &str, session: &PaymentSession, now_ms: i64) {
        if let Some(record) = self.merchant(key).sessions.get_mut(&session.id) {
            record.session = session.clone();
            record.last_activity_ms = now_ms;
        }
    }

    /// The mandate a first_in_series session creates: the given `mandate_options`, or an
    /// on_demand mandate when they are absent. Without an `amount` the session amount is the
    /// ceiling (mandates/consent: "Default = the first_in_series session amount"), whether or
    /// not `mandate_options` was given; a verification (amount 0) has no ceiling then, since
    /// its mandate is for future merchant-initiated payments (payment-method-verification).
    fn mandate_for(&self, params: &CreatePaymentSession) -> Mandate {
        let mut options = params
            .options
            .as_ref()
            .and_then(|o| o.mandate_options.clone())
            .unwrap_or_else(|| MandateOptions::new(MandateType::OnDemand));
        if options.amount.is_none() && options.kind != MandateType::Installment && params.amount > 0
        {
            options.amount = Some(MandateAmount::Range(AmountRange {
                min: None,
                max: Some(params.amount),
            }));
        }
        Mandate {
            options,
            currency: params.currency.clone(),
            payments: Vec::new(),
        }
    }

    fn subscription_for(
        &self,
        session: &PaymentSession,
        method: &PaymentMethodRecord,
        mandate: &Mandate,
        options: &SubscriptionOptions,
        now_ms: i64,
    ) -> Subscription {
        let recurrence = mandate
            .options
            .recurrence
            .clone()
            .unwrap_or_else(Recurrence::monthly);
        let active = options
            .active_period
            .clone()
            .or_else(|| mandate.options.validity_period.clone());
        let time_ms = options
            .scheduled_time
            .as_deref()
            .and_then(|t| {
                Some(
                    t.get(..2)?.parse::<i64>().ok()? * 3_600_000
                        + t.get(3..5)?.parse::<i64>().ok()? * 60_000,
                )
            })
            .unwrap_or(0);
        let today = now_ms.div_euclid(86_400_000);
        let start_day = active
            .as_ref()
            .and_then(|a| a.start_date.as_deref())
            .and_then(clock::parse_date)
            .filter(|d| *d > today);
        let first_day =
            start_day.unwrap_or_else(|| super::subscriptions::next_day(today, &recurrence));
        let amount = options
            .amount
            .or(match mandate.options.amount {
                Some(MandateAmount::Fixed(a)) => Some(a),
                _ => None,
            })
            .unwrap_or(session.amount);
        Subscription {
            customer_id: method.customer_id.clone(),
            payment_method_id: method.id.clone(),
            amount,
            currency: session.currency.clone(),
            recurrence,
            next_charge_ms: first_day * 86_400_000 + time_ms,
            end_day: active
                .as_ref()
                .and_then(|a| a.end_date.as_deref())
                .and_then(clock::parse_date),
            charges: 0,
            first_session_id: session.id.clone(),
        }
    }

    /// A next_in_series session: checked against the mandate, then charged at once. The
    /// response shows the session as just started (`active`, `pending`, with its
    /// `payment_id`); it completes immediately after, with its webhooks.
    pub fn create_next_in_series(
        &mut self,
        key: &str,
        params: CreatePaymentSession,
    ) -> ApiResult<PaymentSession> {
        let options = params.options.clone().unwrap_or_default();
        let customer_id = match &options.customer {
            Some(CustomerRef::Id(id)) => id.clone(),
            _ => {
                return Err(ApiError::validation(
                    422,
                    "options.customer",
                    "is required for next_in_series",
                ));
            }
        };
        let method_id = options.payment_method.clone().unwrap_or_default();
        let now_ms = self.now_ms(key);
        let merchant = self.merchant(key);
        if !merchant.customers.contains_key(&customer_id) {
            return Err(ApiError::validation(
                422,
                "options.customer",
                format!("no customer `{customer_id}` exists"),
            ));
        }
        let method = merchant
            .payment_methods
            .get(&method_id)
            .cloned()
            .filter(|m| m.customer_id == customer_id)
            .ok_or_else(|| {
                ApiError::validation(
                    422,
                    "options.payment_method",
                    format!(
                        "no payment method `{method_id}` is saved for customer `{customer_id}`"
                    ),
                )
            })?;
        let mandate = method.mandate.clone().ok_or_else(|| {
            ApiError::validation(
                422,
                "options.payment_method",
                "has no mandate: save it with a first_in_series session",
            )
        })?;
        check_mandate(&mandate, params.amount, &params.currency, now_ms)?;
        let now = self.now(key);
        let session_id = new_id("ps");
        let (payment, outcome) = self.charge(
            key,
            Charge {
                amount: params.amount,
                currency: &params.currency,
                card: &method.card_number,
                capture_method: capture_method(&params),
                external_reference: params.external_reference.clone(),
                metadata: params.metadata.clone().unwrap_or_default(),
                saved: true,
            },
        );
        let approved = outcome == CardOutcome::Approved;
        if approved
            && let Some(m) = self.merchant(key).payment_methods.get_mut(&method.id)
            && let Some(mandate) = &mut m.mandate
        {
            mandate.payments.push((now_ms, params.amount));
        }
        let started = PaymentSession {
            id: session_id.clone(),
            kind: PaymentSessionType::NextInSeries,
            amount: params.amount,
            currency: params.currency.clone(),
            status: PaymentSessionStatus::Active,
            payment_outcome: Some(PaymentOutcome::Pending),
            // As the guide's example answers (quickstart-recurring): unpaid until it completes.
            payment_status: Some(SessionPaymentStatus::Unpaid),
            customer_id: Some(customer_id),
            payment_method_id: Some(method.id.clone()),
            checkout_session_id: None,
            payment_id: Some(payment.id.clone()),
            session_url: None,
            return_url: None,
            last_payment_error: None,
            mode: Some(self.merchant(key).mode()),
            external_reference: params.external_reference.clone(),
            metadata: params.metadata.clone().unwrap_or_default(),
            created_at: Some(now.clone()),
            updated_at: Some(now),
        };
        let manual = payment.capture_method == Some(CaptureMethod::Manual);
        let mut completed = started.clone();
        completed.status = PaymentSessionStatus::Completed;
        if approved {
            completed.payment_outcome = Some(if manual {
                PaymentOutcome::Reserved
            } else {
                PaymentOutcome::Paid
            });
            completed.payment_status = Some(SessionPaymentStatus::Paid);
        } else {
            completed.payment_outcome = Some(PaymentOutcome::Unpaid);
            completed.payment_status = Some(SessionPaymentStatus::Unpaid);
            completed.last_payment_error = payment.last_payment_error.clone();
        }
        self.merchant(key).sessions.insert(
            session_id,
            SessionRecord {
                session: completed.clone(),
                params,
                last_activity_ms: now_ms,
            },
        );
        self.emit(
            key,
            EventType::PaymentSessionCreated,
            EventData::PaymentSession(Box::new(started.clone())),
        );
        let payment_event = if approved {
            EventType::PaymentSucceeded
        } else {
            EventType::PaymentFailed
        };
        self.emit(key, payment_event, EventData::Payment(Box::new(payment)));
        self.emit(
            key,
            EventType::PaymentSessionCompleted,
            EventData::PaymentSession(Box::new(completed)),
        );
        Ok(started)
    }

    /// Expires active checkout sessions idle for longer than the session TTL.
    pub fn expire_sessions(&mut self) {
        let base_ms = self.clock.now_ms();
        let ttl = self.session_ttl_ms;
        let mut expired = Vec::new();
        for (key, merchant) in &mut self.merchants {
            let now_ms = base_ms + merchant.clock_offset_ms;
            let now = clock::rfc3339(now_ms);
            for record in merchant.sessions.values_mut() {
                if record.session.status == PaymentSessionStatus::Active
                    && now_ms - record.last_activity_ms >= ttl
                {
                    record.session.status = PaymentSessionStatus::Expired;
                    record.session.payment_outcome = Some(PaymentOutcome::Unpaid);
                    record.session.payment_status = Some(SessionPaymentStatus::Unpaid);
                    record.session.updated_at = Some(now.clone());
                    expired.push((key.clone(), record.session.clone()));
                }
            }
        }
        for (key, session) in expired {
            self.emit(
                &key,
                EventType::PaymentSessionUpdated,
                EventData::PaymentSession(Box::new(session)),
            );
        }
    }
}

/// Checks a next_in_series charge against its mandate; a breach is a 422 naming the field.
pub fn check_mandate(mandate: &Mandate, amount: i64, currency: &str, now_ms: i64) -> ApiResult<()> {
    let breach = |field: &str, message: String| {
        Err(ApiError::validation(
            422,
            field,
            format!("mandate breach: {message}"),
        ))
    };
    if !currency.eq_ignore_ascii_case(&mandate.currency) {
        return breach(
            "currency",
            format!("the mandate is in {}", mandate.currency),
        );
    }
    let options = &mandate.options;
    match options.amount {
        Some(MandateAmount::Fixed(fixed)) if amount != fixed => {
            return breach("amount", format!("the mandate allows exactly {fixed}"));
        }
        Some(MandateAmount::Range(AmountRange { min, max })) => {
            if let Some(min) = min.filter(|m| amount < *m) {
                return breach("amount", format!("the mandate's minimum is {min}"));
            }
            if let Some(max) = max.filter(|m| amount > *m) {
                return breach("amount", format!("the mandate's maximum is {max}"));
            }
        }
        _ => {}
    }
    let today = now_ms.div_euclid(86_400_000);
    if let Some(period) = &options.validity_period {
        if let Some(start) = period.start_date.as_deref().and_then(clock::parse_date)
            && today < start
        {
            return breach(
                "options.payment_method",
                format!("the mandate starts on {}", clock::date(start * 86_400_000)),
            );
        }
        if let Some(end) = period.end_date.as_deref().and_then(clock::parse_date)
            && today > end
        {
            return breach(
                "options.payment_method",
                format!("the mandate ended on {}", clock::date(end * 86_400_000)),
            );
        }
    }
    if let Some(max) = options.max_occurrences
        && mandate.payments.len() as u32 >= max
    {
        return breach(
            "options.payment_method",
            format!("the mandate allows at most {max} payments"),
        );
    }
    if let Some(limits) = options
        .controls
        .as_ref()
        .and_then(|c| c.period_limits.as_ref())
    {
        let period = limits.period.as_ref().map_or("month", LimitPeriod::as_str);
        // `window: {mode: cycle, anchor: {type: day_of_month, day}}` counts monthly periods
        // from the anchor day (mandates/controls); any other window is the calendar's.
        let anchor_day = limits
            .window
            .as_ref()
            .filter(|w| w.mode == Some(PeriodWindowMode::Cycle))
            .and_then(|w| w.anchor.as_ref())
            .filter(|a| a.kind.as_deref().is_none_or(|k| k == "day_of_month"))
            .and_then(|a| a.day);
        let period_start = match anchor_day {
            Some(day) if period == "month" => super::subscriptions::cycle_start(now_ms, day),
            _ => super::subscriptions::period_start(now_ms, period),
        };
        let in_period: Vec<i64> = mandate
            .payments
            .iter()
            .filter(|(at, _)| *at >= period_start)
            .map(|(_, a)| *a)
            .collect();
        if let Some(max_count) = limits.max_count
            && in_period.len() as u32 >= max_count
        {
            return breach(
                "options.payment_method",
                format!("at most {max_count} payments per period"),
            );
        }
        if let Some(max_amount) = limits.max_amount
            && in_period
                .iter()
                .fold(amount, |sum, a| sum.saturating_add(*a))
                > max_amount
        {
            return breach("amount", format!("at most {max_amount} per period"));
        }
    }
    Ok(())
}
