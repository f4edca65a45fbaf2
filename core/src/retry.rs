//! The retry decision: a pure function of the attempt and its outcome, with a reason.
//!
//! Retried: connection failures, timeouts, 408, 409 `idempotency-key-in-use`, 429, 500, 502,
//! 503, 504. Never retried: any other status. Backoff is `min(initial * 2^n, max)` scaled by a
//! jitter factor in `[0.75, 1]`; a `Retry-After` from the server wins, capped at
//! [`RetryPolicy::max_retry_after`].

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
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
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
    /// in `[0, 1)`: `min(initial * 2^retry, max) * (0.75 + 0.25 * jitter)`.
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let base = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry.min(31)))
            .min(self.max_backoff);
        let factor = 0.75 + 0.25 * jitter.clamp(0.0, 1.0);
        base.mul_f64(factor)
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
                delay: (*after).min(self.max_retry_after),
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
            policy.decide(0, &outcome, 0.9),
            RetryDecision::Retry {
                delay: Duration::from_secs(3),
                reason: RetryReason::RateLimited,
                from_retry_after: true
            }
        );
        let long = AttemptOutcome::Status {
            status: 503,
            problem_code: None,
            retry_after: Some(Duration::from_secs(3600)),
        };
        assert!(matches!(
            policy.decide(0, &long, 0.9),
            RetryDecision::Retry { delay, .. } if delay == Duration::from_secs(60)
        ));
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff(0, 1.0), Duration::from_millis(500));
        assert_eq!(policy.backoff(1, 1.0), Duration::from_secs(1));
        assert_eq!(policy.backoff(10, 1.0), Duration::from_secs(8));
        assert_eq!(policy.backoff(0, 0.0), Duration::from_millis(375));
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
