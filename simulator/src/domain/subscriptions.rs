//! Subscriptions: the simulator itself charges next_in_series payments on the mandate's
//! recurrence as the virtual clock passes each due time.

use crate::clock;
use crate::state::Store;
use momentpay::models::*;

/// The day (since epoch) one recurrence step after `day`.
pub fn next_day(day: i64, recurrence: &Recurrence) -> i64 {
    let n = i64::from(recurrence.interval_count.unwrap_or(1).max(1));
    match recurrence.kind {
        RecurrenceType::Daily => day + n,
        RecurrenceType::Weekly => day + 7 * n,
        RecurrenceType::Yearly => clock::add_months(day, 12 * n),
        _ => clock::add_months(day, n),
    }
}

/// Start (Unix ms) of the calendar period containing `now_ms`: `day`, `week` (Monday),
/// `month` or `year`.
pub fn period_start(now_ms: i64, period: &str) -> i64 {
    let day = now_ms.div_euclid(86_400_000);
    let (y, m, _) = clock::civil_from_days(day);
    let start_day = match period {
        "day" => day,
        "week" => day - (day + 3).rem_euclid(7),
        "year" => clock::days_from_civil(y, 1, 1),
        _ => clock::days_from_civil(y, m, 1),
    };
    start_day * 86_400_000
}

/// Start (Unix ms) of the monthly cycle containing `now_ms` that begins on day `anchor` of
/// each month (a month shorter than `anchor` starts its cycle on its last day).
pub fn cycle_start(now_ms: i64, anchor: u32) -> i64 {
    let day = now_ms.div_euclid(86_400_000);
    let (y, m, _) = clock::civil_from_days(day);
    let in_month = |y: i64, m: u32| {
        let next = if m == 12 {
            clock::days_from_civil(y + 1, 1, 1)
        } else {
            clock::days_from_civil(y, m + 1, 1)
        };
        let last = (next - clock::days_from_civil(y, m, 1)) as u32;
        clock::days_from_civil(y, m, anchor.clamp(1, last))
    };
    let this_month = in_month(y, m);
    let start_day = if day >= this_month {
        this_month
    } else if m == 1 {
        in_month(y - 1, 12)
    } else {
        in_month(y, m - 1)
    };
    start_day * 86_400_000
}

impl Store {
    /// Charges every subscription whose next charge is due; returns how many charges ran.
    pub fn run_subscriptions(&mut self) -> usize {
        let mut ran = 0;
        loop {
            let base_ms = self.clock.now_ms();
            let due = self.merchants.iter().find_map(|(key, m)| {
                let now_ms = base_ms + m.clock_offset_ms;
                m.subscriptions
                    .iter()
                    .position(|s| {
                        s.next_charge_ms <= now_ms
                            && s.end_day
                                .is_none_or(|end| s.next_charge_ms.div_euclid(86_400_000) <= end)
                    })
                    .map(|i| (key.clone(), i))
            });
            let Some((key, index)) = due else { break };
            let subscription = self.merchant(&key).subscriptions[index].clone();
            let params = CreatePaymentSession::next_in_series(
                subscription.amount,
                subscription.currency.clone(),
                subscription.customer_id.clone(),
                subscription.payment_method_id.clone(),
            )
            .metadata(
                "subscription_session_id",
                subscription.first_session_id.clone(),
            );
            let result = self.create_next_in_series(&key, params);
            let merchant = self.merchant(&key);
            let sub = &mut merchant.subscriptions[index];
            match result {
                Ok(_) => {
                    sub.charges += 1;
                    let day = sub.next_charge_ms.div_euclid(86_400_000);
                    let time = sub.next_charge_ms.rem_euclid(86_400_000);
                    sub.next_charge_ms = next_day(day, &sub.recurrence) * 86_400_000 + time;
                    ran += 1;
                }
                Err(_) => {
                    // The mandate no longer allows charges (ended, exhausted): stop.
                    merchant.subscriptions.remove(index);
                }
            }
        }
        ran
    }
}
