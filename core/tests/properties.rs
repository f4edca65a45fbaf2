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
        prop_assert!(delay <= ceiling);
        prop_assert!(delay >= ceiling.mul_f64(0.75) - Duration::from_nanos(1));
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
                prop_assert!(delay <= Duration::from_secs(60));
                if let Some(after) = retry_after {
                    prop_assert!(from_retry_after);
                    prop_assert_eq!(delay, Duration::from_secs(after).min(Duration::from_secs(60)));
                }
            }
            RetryDecision::Stop(StopReason::NotRetryable(s)) => prop_assert!(!retryable && s == status),
            RetryDecision::Stop(StopReason::RetriesExhausted(_)) => prop_assert!(retryable && retries_done >= max_retries),
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
