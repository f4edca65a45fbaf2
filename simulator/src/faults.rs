//! Fault injection for API routes (`/collect/…`, `/billing/…`), configured through
//! `POST /_sim/faults`: for one merchant (with its key), so parallel tests never see each
//! other's faults, or for every merchant that has none of its own (without a key).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, VecDeque};

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
    /// Process the request (the write commits), then answer 502 `bad-gateway`, as a gateway
    /// in front of Moment does when the backend committed but its answer was lost: the
    /// client cannot tell whether it was applied (an unknown outcome). Only when asked for
    /// by name (not among the default kinds).
    #[serde(rename = "502_after_commit")]
    BadGatewayAfterCommit,
}

impl FaultKind {
    /// The kinds chosen from when a configuration names none (every kind but
    /// [`FaultKind::BadGatewayAfterCommit`], which must be asked for).
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
#[serde(default, deny_unknown_fields)]
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
    /// Replaces the configuration and resets the counters; without a seed of its own, the
    /// random source derives from the simulator's `seed` and `scope`.
    pub fn configure(&mut self, config: FaultConfig, seed: Option<u64>, scope: &str) {
        self.rng = crate::random::rng(config.seed, seed, scope);
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

/// The faults of every merchant that configured its own, and the default of the others.
#[derive(Debug, Default)]
pub struct Faults {
    /// For merchants with no configuration of their own.
    pub default: FaultState,
    /// By merchant (secret key).
    pub merchants: HashMap<String, FaultState>,
    /// The simulator's `--seed`, if any.
    pub seed: Option<u64>,
}

/// What a request gets: the fault, and the settings it needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    /// The fault, if any.
    pub fault: Option<FaultKind>,
    /// `Retry-After` of a 429.
    pub retry_after_seconds: u64,
    /// How long a `delay` waits.
    pub delay_ms: u64,
}

impl Faults {
    /// The state that applies to `merchant` (its own, else the default).
    pub fn state(&mut self, merchant: Option<&str>) -> &mut FaultState {
        match merchant {
            Some(key) if self.merchants.contains_key(key) => {
                self.merchants.entry(key.to_owned()).or_default()
            }
            _ => &mut self.default,
        }
    }

    /// Configures `merchant`'s faults (or the default's with `None`).
    pub fn configure(&mut self, merchant: Option<&str>, config: FaultConfig) -> &FaultState {
        let seed = self.seed;
        let scope = format!("faults:{}", merchant.unwrap_or(""));
        let state = match merchant {
            Some(key) => self.merchants.entry(key.to_owned()).or_default(),
            None => &mut self.default,
        };
        state.configure(config, seed, &scope);
        state
    }

    /// Clears `merchant`'s faults (it falls back to the default), or the default's.
    pub fn clear(&mut self, merchant: Option<&str>) {
        match merchant {
            Some(key) => {
                self.merchants.remove(key);
            }
            None => self
                .default
                .configure(FaultConfig::default(), self.seed, "faults:"),
        }
    }

    /// The fault for a request of `merchant` to `path`.
    pub fn decide(&mut self, path: &str, merchant: Option<&str>) -> Decision {
        let state = self.state(merchant);
        let fault = state.decide(path);
        Decision {
            fault,
            retry_after_seconds: state.config.retry_after_seconds,
            delay_ms: state.config.delay_ms,
        }
    }
}
