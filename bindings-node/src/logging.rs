//! `MOMENTPAY_LOG` for Node: set it to `debug`, `info` or `warn` (or a tracing filter such as
//! `momentpay=debug`) and the core's events go to stderr, one line per attempt with method,
//! path, attempt, status, request id and, for a retry, its reason and delay. Never a key or
//! a secret: the core's events hold none. Read once, when the first client is made.

use std::sync::Once;

static INIT: Once = Once::new();

/// Installs the stderr subscriber if `MOMENTPAY_LOG` asks for one (and no other global
/// subscriber is set).
pub(crate) fn init_from_env() {
    INIT.call_once(|| {
        let Ok(wanted) = std::env::var("MOMENTPAY_LOG") else {
            return;
        };
        let wanted = wanted.trim();
        if wanted.is_empty() || wanted == "off" {
            return;
        }
        // A bare level applies to the SDK; spans stay out (each event carries what they hold).
        let directives = if wanted.contains('=') {
            format!("{wanted},momentpay::spans=off")
        } else {
            format!("momentpay={wanted},momentpay::spans=off")
        };
        let Ok(filter) = tracing_subscriber::EnvFilter::try_new(&directives) else {
            eprintln!("momentpay: MOMENTPAY_LOG={wanted:?} is not a level (debug, info, warn) or a filter; not logging");
            return;
        };
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .with_ansi(false)
            .try_init();
    });
}
