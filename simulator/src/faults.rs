//! Fault injection for API routes (`/collect/…`, `/billing/…`), configured through
//! `POST /_sim/faults`.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};

/// One kind of fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FaultKind {
    /// Answer 500 `internal-error` without processing.
    #[serde(rename = "500")]
    InternalError,
    /// Answer 503 `service-unavailable` without processing.
    #[serde(rename = "503")]
    Unavailable,
    /// Answer 429 `rate-limited` with `Retry-After` without processing.
    #[serde(rename = "429")]
    RateLimited,
    /// Close the connection before processing (nothing happens).
    #[serde(rename = "drop")]
    Drop,
    /// Process the request (the write commits), then close the connection without answering.
    #[serde(rename = "lost_response")]
    LostResponse,
    /// Wait `delay_ms` before processing; the request commits even if the client gave up.
    #[serde(rename = "delay")]
    Delay,
}

impl FaultKind {
    /// Every kind.
    pub const ALL: [FaultKind; 6] = [
        FaultKind::InternalError,
        FaultKind::Unavailable,
        FaultKind::RateLimited,
        FaultKind::Drop,
        FaultKind::LostResponse,
        FaultKind::Delay,
    ];
}

/// The fault configuration (body of `POST /_sim/faults`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct FaultConfig {
    /// Probability (0 to 1) that an API request gets a fault.
    pub rate: f64,
    /// Kinds to choose from (default: all).
    pub kinds: Vec<FaultKind>,
    /// Faults for the next requests, in order, before `rate` applies.
    pub next: VecDeque<FaultKind>,
    /// `Retry-After` seconds sent with 429.
    pub retry_after_seconds: u64,
    /// Delay of the `delay` fault.
    pub delay_ms: u64,
    /// Only paths starting with this prefix get faults.
    pub path_prefix: Option<String>,
    /// Seed for reproducible runs.
    pub seed: Option<u64>,
}

impl Default for FaultConfig {
    fn default() -> Self {
        FaultConfig {
            rate: 0.0,
            kinds: Vec::new(),
            next: VecDeque::new(),
            retry_after_seconds: 1,
            delay_ms: 2000,
            path_prefix: None,
            seed: None,
        }
    }
}

/// Configuration, random source and counters.
#[derive(Debug)]
pub struct FaultState {
    /// Current configuration.
    pub config: FaultConfig,
    /// Injected faults by kind.
    pub injected: BTreeMap<FaultKind, u64>,
    /// API requests seen.
    pub requests: u64,
    rng: StdRng,
}

impl Default for FaultState {
    fn default() -> Self {
        FaultState {
            config: FaultConfig::default(),
            injected: BTreeMap::new(),
            requests: 0,
            rng: StdRng::from_os_rng(),
        }
    }
}

impl FaultState {
    /// Replaces the configuration and resets the counters.
    pub fn configure(&mut self, config: FaultConfig) {
        self.rng = match config.seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => StdRng::from_os_rng(),
        };
        self.config = config;
        self.injected.clear();
        self.requests = 0;
    }

    /// The fault for a request to `path`, if any.
    pub fn decide(&mut self, path: &str) -> Option<FaultKind> {
        if !(path.starts_with("/collect/") || path.starts_with("/billing/")) {
            return None;
        }
        if let Some(prefix) = &self.config.path_prefix
            && !path.starts_with(prefix.as_str())
        {
            return None;
        }
        self.requests += 1;
        let fault = match self.config.next.pop_front() {
            Some(kind) => Some(kind),
            None if self.config.rate > 0.0 && self.rng.random::<f64>() < self.config.rate => {
                let kinds: &[FaultKind] = if self.config.kinds.is_empty() {
                    &FaultKind::ALL
                } else {
                    &self.config.kinds
                };
                Some(kinds[self.rng.random_range(0..kinds.len())])
            }
            None => None,
        };
        if let Some(kind) = fault {
            *self.injected.entry(kind).or_default() += 1;
        }
        fault
    }
}
