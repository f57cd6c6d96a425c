//! Retries: opt-in, bounded, exponential backoff with full jitter, honouring
//! `Retry-After`, and never for operations the spec marks unsafe to retry
//! unless the caller says so.

use std::time::{Duration, SystemTime};

use super::error::TransportErrorKind;

/// When and how often to retry a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (`1` = never retry).
    pub max_attempts: u32,
    /// Backoff before the first retry; doubles each retry.
    pub base_delay: Duration,
    /// Longest wait between attempts. A `Retry-After` asking for more ends
    /// the retries instead.
    pub max_delay: Duration,
    /// Also retry operations the spec marks unsafe to retry (their change
    /// may then be applied twice).
    pub retry_unsafe: bool,
    /// The whole call, every attempt and wait included, ends by this
    /// deadline: no retry starts that could not, and an attempt still
    /// running then is cut (a timeout that may have reached the server).
    pub total_timeout: Duration,
}

/// The default [`RetryPolicy::total_timeout`].
pub const DEFAULT_TOTAL_TIMEOUT: Duration = Duration::from_secs(60);

/// Most attempts a policy may ask for.
pub const MAX_ATTEMPTS: u32 = 10;

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::none()
    }
}

impl RetryPolicy {
    /// No retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(20),
            retry_unsafe: false,
            total_timeout: DEFAULT_TOTAL_TIMEOUT,
        }
    }

    /// Three attempts, 100 ms base backoff, 20 s longest wait, 60 s for the
    /// whole call.
    pub fn standard() -> Self {
        RetryPolicy {
            max_attempts: 3,
            ..Self::none()
        }
    }

    /// Sets the number of attempts (bounded by [`MAX_ATTEMPTS`], at least 1).
    pub fn max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.clamp(1, MAX_ATTEMPTS);
        self
    }

    /// Sets the base backoff.
    pub fn base_delay(mut self, d: Duration) -> Self {
        self.base_delay = d;
        self
    }

    /// Sets the longest wait.
    pub fn max_delay(mut self, d: Duration) -> Self {
        self.max_delay = d;
        self
    }

    /// Sets the deadline of the whole call, retries included.
    pub fn total_timeout(mut self, d: Duration) -> Self {
        self.total_timeout = d;
        self
    }

    /// Retries operations marked unsafe to retry too.
    pub fn retry_unsafe(mut self, yes: bool) -> Self {
        self.retry_unsafe = yes;
        self
    }

    /// Whether attempt `attempt` (counting from 1) of an operation can be
    /// followed by another, whatever its outcome; when not, it is the last.
    pub(crate) fn may_retry(&self, attempt: u32, retry_safe: bool) -> bool {
        attempt < self.max_attempts.min(MAX_ATTEMPTS) && (retry_safe || self.retry_unsafe)
    }

    /// How long to wait before attempt `attempt + 1` after `outcome`, or
    /// `None` to stop. `attempt` counts from 1.
    pub(crate) fn next_delay(
        &self,
        attempt: u32,
        retry_safe: bool,
        outcome: &Outcome<'_>,
    ) -> Option<Duration> {
        if !self.may_retry(attempt, retry_safe) {
            return None;
        }
        let retry_after = match outcome {
            Outcome::Transport(kind) => {
                if !matches!(
                    kind,
                    TransportErrorKind::Connect
                        | TransportErrorKind::Timeout
                        | TransportErrorKind::Other
                ) {
                    return None;
                }
                None
            }
            Outcome::Status { status, headers } => {
                if !(*status == 429 || (500..600).contains(status)) {
                    return None;
                }
                retry_after(headers)
            }
        };
        match retry_after {
            Some(d) if d > self.max_delay => None,
            Some(d) => Some(d),
            None => Some(self.backoff(attempt)),
        }
    }

    /// Full jitter: a random wait up to `base * 2^(attempt-1)`, capped.
    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32 << (attempt - 1).min(16));
        let cap = exp.min(self.max_delay);
        let nanos = u64::try_from(cap.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }
}

/// What an attempt ended with, for the retry decision.
pub(crate) enum Outcome<'a> {
    /// The transport failed.
    Transport(TransportErrorKind),
    /// The server answered with this status.
    Status {
        /// Status.
        status: u16,
        /// Response headers.
        headers: &'a [(String, String)],
    },
}

/// `Retry-After` as seconds or an HTTP date.
fn retry_after(headers: &[(String, String)]) -> Option<Duration> {
    let value = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("retry-after"))?
        .1
        .trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(s: u16, headers: &[(String, String)]) -> Outcome<'_> {
        Outcome::Status { status: s, headers }
    }

    #[test]
    fn retries_only_what_is_retryable() {
        let p = RetryPolicy::standard();
        assert!(p.next_delay(1, true, &status(503, &[])).is_some());
        assert!(p.next_delay(1, true, &status(429, &[])).is_some());
        assert!(p.next_delay(1, true, &status(400, &[])).is_none());
        assert!(p
            .next_delay(1, true, &Outcome::Transport(TransportErrorKind::Connect))
            .is_some());
        assert!(p
            .next_delay(
                1,
                true,
                &Outcome::Transport(TransportErrorKind::BodyTooLarge)
            )
            .is_none());
        // Bounded.
        assert!(p.next_delay(3, true, &status(503, &[])).is_none());
        // Unsafe operations only when asked.
        assert!(p.next_delay(1, false, &status(503, &[])).is_none());
        assert!(p
            .clone()
            .retry_unsafe(true)
            .next_delay(1, false, &status(503, &[]))
            .is_some());
        assert!(RetryPolicy::none()
            .next_delay(1, true, &status(503, &[]))
            .is_none());
    }

    #[test]
    fn honours_retry_after() {
        let p = RetryPolicy::standard();
        let h = vec![("Retry-After".to_string(), "2".to_string())];
        assert_eq!(
            p.next_delay(1, true, &status(429, &h)),
            Some(Duration::from_secs(2))
        );
        let long = vec![("retry-after".to_string(), "3600".to_string())];
        assert_eq!(p.next_delay(1, true, &status(429, &long)), None);
    }

    #[test]
    fn backoff_is_capped_and_jittered() {
        let p = RetryPolicy::standard()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(250));
        for attempt in 1..=5 {
            let d = p.backoff(attempt);
            assert!(d <= Duration::from_millis(250), "{d:?}");
        }
        assert_eq!(
            RetryPolicy::none().max_attempts(1000).max_attempts,
            MAX_ATTEMPTS
        );
    }
}
