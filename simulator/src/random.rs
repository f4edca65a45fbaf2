//! Where the simulator's randomness comes from: a setting's own seed, else the simulator's
//! `--seed` mixed with what the randomness is for (so each merchant's stream is its own and
//! reproducible), else the operating system.

use rand::SeedableRng;
use rand::rngs::StdRng;
use sha2::{Digest, Sha256};

/// The random source for `scope` (e.g. `faults:sk_test_…`).
pub fn rng(own: Option<u64>, simulator: Option<u64>, scope: &str) -> StdRng {
    match (own, simulator) {
        (Some(seed), _) => StdRng::seed_from_u64(seed),
        (None, Some(seed)) => {
            let mut digest = Sha256::new();
            digest.update(seed.to_le_bytes());
            digest.update(scope.as_bytes());
            let bytes: [u8; 32] = digest.finalize().into();
            StdRng::from_seed(bytes)
        }
        (None, None) => StdRng::from_os_rng(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    #[test]
    fn the_same_seed_and_scope_repeat_and_scopes_differ() {
        let draw = |own, sim, scope| rng(own, sim, scope).random::<u64>();
        assert_eq!(draw(None, Some(7), "a"), draw(None, Some(7), "a"));
        assert_ne!(draw(None, Some(7), "a"), draw(None, Some(7), "b"));
        assert_eq!(draw(Some(1), Some(7), "a"), draw(Some(1), None, "b"));
    }
}
