//! The retry decision: a pure function of the attempt and its outcome, with a reason.
//!
//! Retried: connection failures, timeouts, 408, 409 `idempotency-key-in-use`, 429, 500, 502,
//! 503, 504. Never retried: any other status. Backoff is "full jitter" (as the AWS SDKs):
//! a random delay in `[0, min(initial * 2^n, max))`. A `Retry-After` from the server wins,
//! capped at [`RetryPolicy::max_retry_after`], plus a random spread of up to half of it (at
//! least half the initial backoff), so thousands of callers told "1 second" do not return
//! in the same millisecond.
//!
//! Retries also draw on a per-client [`RetryBudget`] (the AWS SDKs' "standard" retry
//! quota): in an outage a client stops multiplying its load once the budget is spent.

use std::fmt;
use std::time::Duration;

/// How a client retries. The defaults follow DECISIONS.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// Backoff before the first retry (default 0.5 s); doubles each retry.
    pub initial_backoff: Duration,
    /// Upper bound of the computed backoff (default 8 s).
    pub max_backoff: Duration,
    /// Upper bound applied to a server's `Retry-After` (default 60 s).
    pub max_retry_after: Duration,
    /// Tokens of the client's [`RetryBudget`] (default 500; a retry costs 5, or 10 after a
    /// timeout or a broken connection; a call that succeeds first time adds 1 back, one that
    /// succeeds after retries returns what it spent). `u32::MAX` turns the budget off.
    pub retry_budget: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            retry_budget: RetryBudget::DEFAULT_CAPACITY,
        }
    }
}

/// What one attempt ended with, as far as the retry decision cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptOutcome<'a> {
    /// The server answered with a status (success statuses are never passed here).
    Status {
        /// The HTTP status code.
        status: u16,
        /// The problem document's code (`idempotency-key-in-use`, ...), if any.
        problem_code: Option<&'a str>,
        /// The parsed `Retry-After` header, if any.
        retry_after: Option<Duration>,
    },
    /// The connection failed or broke before a response.
    ConnectionError,
    /// The attempt exceeded its timeout.
    Timeout,
}

/// Why an attempt is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryReason {
    /// The connection failed or was dropped.
    ConnectionError,
    /// The attempt timed out.
    Timeout,
    /// 408 Request Timeout.
    RequestTimeout,
    /// 409 `idempotency-key-in-use`: the first request with this key is still running.
    IdempotencyKeyInUse,
    /// 429 Too Many Requests.
    RateLimited,
    /// 500, 502, 503 or 504.
    ServerError(u16),
}

/// Why no further attempt is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// The outcome is retryable but the retry budget is spent.
    RetriesExhausted(RetryReason),
    /// The status is a client error that repeating cannot fix.
    NotRetryable(u16),
    /// The client's retry budget is spent (many calls failed recently: an outage).
    BudgetExhausted(RetryReason),
    /// The next wait would pass the call's `total_timeout`.
    Deadline(RetryReason),
}

/// The verdict on one failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Try again after `delay`.
    Retry {
        /// How long to wait before the next attempt.
        delay: Duration,
        /// Why.
        reason: RetryReason,
        /// True when the delay came from the server's `Retry-After`.
        from_retry_after: bool,
    },
    /// Give up and return the error.
    Stop(StopReason),
}

impl fmt::Display for RetryReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryReason::ConnectionError => f.write_str("connection error"),
            RetryReason::Timeout => f.write_str("attempt timed out"),
            RetryReason::RequestTimeout => f.write_str("408 request timeout"),
            RetryReason::IdempotencyKeyInUse => {
                f.write_str("409 idempotency key in use by a request still running")
            }
            RetryReason::RateLimited => f.write_str("429 rate limited"),
            RetryReason::ServerError(status) => write!(f, "{status} server error"),
        }
    }
}

impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StopReason::RetriesExhausted(reason) => write!(f, "retries exhausted ({reason})"),
            StopReason::NotRetryable(status) => write!(f, "status {status} is not retryable"),
            StopReason::BudgetExhausted(reason) => write!(
                f,
                "the client's retry budget is spent ({reason}; many calls failed recently)"
            ),
            StopReason::Deadline(reason) => {
                write!(f, "the next retry would pass total_timeout ({reason})")
            }
        }
    }
}

impl RetryPolicy {
    /// Why an outcome is worth retrying, or `Err(status)` if it never is.
    pub fn classify(outcome: &AttemptOutcome<'_>) -> Result<RetryReason, u16> {
        match *outcome {
            AttemptOutcome::ConnectionError => Ok(RetryReason::ConnectionError),
            AttemptOutcome::Timeout => Ok(RetryReason::Timeout),
            AttemptOutcome::Status {
                status,
                problem_code,
                ..
            } => match status {
                408 => Ok(RetryReason::RequestTimeout),
                409 if problem_code == Some("idempotency-key-in-use") => {
                    Ok(RetryReason::IdempotencyKeyInUse)
                }
                429 => Ok(RetryReason::RateLimited),
                500 | 502 | 503 | 504 => Ok(RetryReason::ServerError(status)),
                other => Err(other),
            },
        }
    }

    /// The backoff before retry number `retry` (0 for the first retry), for a jitter sample
    /// in `[0, 1)`: full jitter, `min(initial * 2^retry, max) * jitter`.
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let base = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry.min(31)))
            .min(self.max_backoff);
        base.mul_f64(jitter.clamp(0.0, 1.0))
    }

    /// The wait after a server's `Retry-After` of `after`, for a jitter sample in `[0, 1)`:
    /// `after` capped at [`RetryPolicy::max_retry_after`], plus up to half of that (at least
    /// half the initial backoff) at random. Never earlier than the server asked.
    pub fn retry_after_delay(&self, after: Duration, jitter: f64) -> Duration {
        let after = after.min(self.max_retry_after);
        let spread = (after / 2).max(self.initial_backoff / 2);
        after + spread.mul_f64(jitter.clamp(0.0, 1.0))
    }

    /// Decides what to do after a failed attempt. `retries_done` is how many retries were
    /// already made for this logical call; `jitter` is a sample in `[0, 1)`.
    pub fn decide(
        &self,
        retries_done: u32,
        outcome: &AttemptOutcome<'_>,
        jitter: f64,
    ) -> RetryDecision {
        let reason = match Self::classify(outcome) {
            Ok(reason) => reason,
            Err(status) => return RetryDecision::Stop(StopReason::NotRetryable(status)),
        };
        if retries_done >= self.max_retries {
            return RetryDecision::Stop(StopReason::RetriesExhausted(reason));
        }
        if let AttemptOutcome::Status {
            retry_after: Some(after),
            ..
        } = outcome
        {
            return RetryDecision::Retry {
                delay: self.retry_after_delay(*after, jitter),
                reason,
                from_retry_after: true,
            };
        }
        RetryDecision::Retry {
            delay: self.backoff(retries_done, jitter),
            reason,
            from_retry_after: false,
        }
    }
}

/// A client's retry quota, a token bucket as in the AWS SDKs' "standard" retry mode: each
/// retry takes tokens, successes put some back. While a dependency is healthy the bucket
/// stays full; in an outage it empties after a few dozen retries and every failing call
/// then makes one request instead of `1 + max_retries`.
#[derive(Debug)]
pub struct RetryBudget {
    capacity: u32,
    tokens: std::sync::atomic::AtomicU32,
}

impl RetryBudget {
    /// Tokens a new budget holds (AWS's figure).
    pub const DEFAULT_CAPACITY: u32 = 500;
    /// Cost of a retry after a status (429, 5xx, 409 in use).
    pub const RETRY_COST: u32 = 5;
    /// Cost of a retry after a timeout or a broken connection.
    pub const TIMEOUT_COST: u32 = 10;

    /// A full budget of `capacity` tokens (`u32::MAX`: unlimited).
    pub fn new(capacity: u32) -> RetryBudget {
        RetryBudget {
            capacity,
            tokens: std::sync::atomic::AtomicU32::new(capacity),
        }
    }

    /// What a retry for `reason` costs.
    pub fn cost(reason: RetryReason) -> u32 {
        match reason {
            RetryReason::Timeout | RetryReason::ConnectionError => Self::TIMEOUT_COST,
            _ => Self::RETRY_COST,
        }
    }

    /// Takes `cost` tokens if there are that many; false (nothing taken) otherwise.
    pub fn try_spend(&self, cost: u32) -> bool {
        use std::sync::atomic::Ordering;
        if self.capacity == u32::MAX {
            return true;
        }
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                tokens.checked_sub(cost)
            })
            .is_ok()
    }

    /// Puts `amount` tokens back, never above the capacity.
    pub fn refund(&self, amount: u32) {
        use std::sync::atomic::Ordering;
        let capacity = self.capacity;
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                Some(tokens.saturating_add(amount).min(capacity))
            });
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        self.tokens.load(std::sync::atomic::Ordering::Acquire)
    }
}

/// Parses a `Retry-After` value: delay seconds (integer or decimal) or an HTTP date.
/// `now` is used for the date form. Negative or past values mean "now" (zero).
pub fn parse_retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        if seconds.is_finite() {
            return Some(Duration::from_secs_f64(seconds.clamp(0.0, 86_400.0)));
        }
        return None;
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16) -> AttemptOutcome<'static> {
        AttemptOutcome::Status {
            status,
            problem_code: None,
            retry_after: None,
        }
    }

    #[test]
    fn retryable_statuses_and_errors() {
        let policy = RetryPolicy::default();
        for s in [408, 429, 500, 502, 503, 504] {
            assert!(
                matches!(
                    policy.decide(0, &status(s), 0.5),
                    RetryDecision::Retry { .. }
                ),
                "{s}"
            );
        }
        for s in [400, 401, 402, 403, 404, 409, 422, 501] {
            assert_eq!(
                policy.decide(0, &status(s), 0.5),
                RetryDecision::Stop(StopReason::NotRetryable(s)),
                "{s}"
            );
        }
        let in_use = AttemptOutcome::Status {
            status: 409,
            problem_code: Some("idempotency-key-in-use"),
            retry_after: None,
        };
        assert!(matches!(
            policy.decide(0, &in_use, 0.0),
            RetryDecision::Retry {
                reason: RetryReason::IdempotencyKeyInUse,
                ..
            }
        ));
        assert!(matches!(
            policy.decide(1, &AttemptOutcome::ConnectionError, 0.0),
            RetryDecision::Retry {
                reason: RetryReason::ConnectionError,
                ..
            }
        ));
        assert_eq!(
            policy.decide(2, &AttemptOutcome::Timeout, 0.0),
            RetryDecision::Stop(StopReason::RetriesExhausted(RetryReason::Timeout))
        );
    }

    #[test]
    fn retry_after_wins_and_is_capped() {
        let policy = RetryPolicy::default();
        let outcome = AttemptOutcome::Status {
            status: 429,
            problem_code: Some("rate-limited"),
            retry_after: Some(Duration::from_secs(3)),
        };
        assert_eq!(
            policy.decide(0, &outcome, 0.0),
            RetryDecision::Retry {
                delay: Duration::from_secs(3),
                reason: RetryReason::RateLimited,
                from_retry_after: true
            }
        );
        // Spread over [3 s, 4.5 s): never earlier than asked.
        assert!(matches!(
            policy.decide(0, &outcome, 0.999),
            RetryDecision::Retry { delay, .. } if delay > Duration::from_millis(4490) && delay < Duration::from_millis(4500)
        ));
        let long = AttemptOutcome::Status {
            status: 503,
            problem_code: None,
            retry_after: Some(Duration::from_secs(3600)),
        };
        assert!(matches!(
            policy.decide(0, &long, 0.0),
            RetryDecision::Retry { delay, .. } if delay == Duration::from_secs(60)
        ));
        let zero = AttemptOutcome::Status {
            status: 429,
            problem_code: None,
            retry_after: Some(Duration::ZERO),
        };
        assert!(matches!(
            policy.decide(0, &zero, 0.5),
            RetryDecision::Retry { delay, .. } if delay == Duration::from_millis(125)
        ));
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff(0, 1.0), Duration::from_millis(500));
        assert_eq!(policy.backoff(1, 1.0), Duration::from_secs(1));
        assert_eq!(policy.backoff(10, 1.0), Duration::from_secs(8));
        assert_eq!(policy.backoff(0, 0.0), Duration::ZERO);
        assert_eq!(policy.backoff(1, 0.5), Duration::from_millis(500));
    }

    #[test]
    fn the_budget_empties_in_an_outage_and_refills_on_success() {
        let budget = RetryBudget::new(RetryBudget::DEFAULT_CAPACITY);
        let mut retries = 0;
        while budget.try_spend(RetryBudget::cost(RetryReason::ServerError(503))) {
            retries += 1;
        }
        assert_eq!(retries, 100);
        assert!(!budget.try_spend(RetryBudget::TIMEOUT_COST));
        budget.refund(7);
        assert!(budget.try_spend(RetryBudget::RETRY_COST));
        assert_eq!(budget.available(), 2);
        budget.refund(10_000);
        assert_eq!(budget.available(), RetryBudget::DEFAULT_CAPACITY);
        let unlimited = RetryBudget::new(u32::MAX);
        assert!((0..1000).all(|_| unlimited.try_spend(10)));
    }

    #[test]
    fn retry_after_parses_seconds_and_dates() {
        let now = std::time::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        assert_eq!(parse_retry_after("2", now), Some(Duration::from_secs(2)));
        assert_eq!(
            parse_retry_after("0.5", now),
            Some(Duration::from_millis(500))
        );
        let date = httpdate::fmt_http_date(now + Duration::from_secs(7));
        assert_eq!(parse_retry_after(&date, now), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
