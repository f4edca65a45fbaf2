//! Properties of the retry policy and the client types.

use momentpay::retry::{AttemptOutcome, RetryDecision, RetryPolicy, StopReason};
use proptest::prelude::*;
use std::time::Duration;

fn outcome_strategy() -> impl Strategy<Value = (u16, bool, Option<u64>)> {
    (100u16..600, any::<bool>(), proptest::option::of(0u64..200))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn backoff_stays_within_bounds(retry in 0u32..100, jitter in 0.0f64..1.0, initial_ms in 1u64..2000, max_ms in 1u64..20_000) {
        let policy = RetryPolicy { initial_backoff: Duration::from_millis(initial_ms), max_backoff: Duration::from_millis(max_ms), ..RetryPolicy::default() };
        let delay = policy.backoff(retry, jitter);
        let ceiling = Duration::from_millis(initial_ms).saturating_mul(2u32.saturating_pow(retry.min(31))).min(Duration::from_millis(max_ms));
        // Full jitter: anywhere from 0 to the ceiling, in proportion to the sample.
        prop_assert!(delay <= ceiling);
        let expected = ceiling.mul_f64(jitter);
        prop_assert!(delay.abs_diff(expected) <= Duration::from_nanos(2));
    }

    #[test]
    fn decisions_follow_the_rules((status, in_use, retry_after) in outcome_strategy(), retries_done in 0u32..6, max_retries in 0u32..5) {
        let policy = RetryPolicy { max_retries, ..RetryPolicy::default() };
        let outcome = AttemptOutcome::Status {
            status,
            problem_code: in_use.then_some("idempotency-key-in-use"),
            retry_after: retry_after.map(Duration::from_secs),
        };
        let retryable = matches!(status, 408 | 429 | 500 | 502 | 503 | 504) || (status == 409 && in_use);
        match policy.decide(retries_done, &outcome, 0.5) {
            RetryDecision::Retry { delay, from_retry_after, .. } => {
                prop_assert!(retryable && retries_done < max_retries);
                if let Some(after) = retry_after {
                    // Never earlier than asked (capped at 60 s), spread by up to half again.
                    let asked = Duration::from_secs(after).min(Duration::from_secs(60));
                    prop_assert!(from_retry_after);
                    prop_assert!(delay >= asked && delay <= asked + asked.max(Duration::from_millis(500)) / 2);
                } else {
                    prop_assert!(delay <= Duration::from_secs(8));
                }
            }
            RetryDecision::Stop(StopReason::NotRetryable(s)) => prop_assert!(!retryable && s == status),
            RetryDecision::Stop(StopReason::RetriesExhausted(_)) => prop_assert!(retryable && retries_done >= max_retries),
            // The budget and the deadline are the transport's to apply, never the policy's.
            RetryDecision::Stop(other) => prop_assert!(false, "decide stopped with {other}"),
        }
    }

    #[test]
    fn connection_errors_and_timeouts_retry_until_the_budget_is_spent(retries_done in 0u32..10, max_retries in 0u32..10, timeout in any::<bool>()) {
        let policy = RetryPolicy { max_retries, ..RetryPolicy::default() };
        let outcome = if timeout { AttemptOutcome::Timeout } else { AttemptOutcome::ConnectionError };
        let retried = matches!(policy.decide(retries_done, &outcome, 0.0), RetryDecision::Retry { .. });
        prop_assert_eq!(retried, retries_done < max_retries);
    }
}

#[test]
fn clients_are_send_sync_and_cheap_to_clone() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<momentpay::Client>();
    assert_send_sync::<momentpay::blocking::Client>();
    assert_send_sync::<momentpay::Webhook>();
    fn assert_send<T: Send>() {}
    assert_send::<momentpay::Error>();
    assert_send::<momentpay::ApiCall<momentpay::models::PaymentSession>>();
    let client = momentpay::Client::new("sk_test_x").expect("client");
    let clone = client.clone();
    assert!(
        std::ptr::eq(client.config(), clone.config()),
        "clones share one configuration and pool"
    );
}
