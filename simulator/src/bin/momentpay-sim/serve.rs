//! `momentpay-sim serve`: runs the simulator until SIGINT or SIGTERM. The first line of
//! standard output is `base_url=http://…` (fixtures read it), then a test key and a webhook
//! secret, or with `--print-env` one `export` line for a shell.

use crate::remote::CliError;
use base64::Engine as _;
use clap::Args;
use momentpay_sim::{Options, Simulator};
use rand::Rng;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// `serve`'s options (also accepted with no command).
#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// The port (0 picks a free one).
    #[arg(long, default_value_t = 12111)]
    port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Delivers every merchant's events here too, signed with the printed secret
    /// (repeatable).
    #[arg(long = "webhook-url", value_name = "URL")]
    webhook_urls: Vec<String>,
    /// Seeds fault injection and webhook chaos that have no seed of their own, and the test
    /// key and webhook secret printed at start.
    #[arg(long)]
    seed: Option<u64>,
    /// Loads the world from FILE at start (when it exists) and saves it there after every
    /// write, before answering it (so kill -9 loses no answered write), mode 0600.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Prints `export MOMENT_BASE_URL=… MOMENT_API_KEY=… MOMENT_WEBHOOK_SECRET=…` instead.
    #[arg(long)]
    print_env: bool,
    /// Stops when standard input closes: a test fixture passes a pipe and holds it, so the
    /// simulator never outlives its test runner, even one killed with SIGKILL.
    #[arg(long)]
    stop_with_stdin: bool,
    /// A host name requests may use besides IP addresses and `localhost`, e.g. a Docker
    /// service name (repeatable). Any other `Host` is refused with 421, against DNS
    /// rebinding.
    #[arg(long = "allow-host", value_name = "NAME")]
    allowed_hosts: Vec<String>,
}

/// Writes `text` to `path` through a temporary file beside it (fsynced, mode 0600), so a
/// crash never leaves half a file.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), CliError> {
    momentpay_sim::persist::write_durably(path, text)
        .map_err(|e| CliError::Io(format!("cannot write {}: {e}", path.display())))
}

/// A test key and a webhook secret: from the seed when there is one.
fn credentials(seed: Option<u64>) -> (String, String) {
    match seed {
        Some(_) => {
            let mut rng = momentpay_sim::random::rng(None, seed, "serve:credentials");
            let key: [u8; 16] = rng.random();
            let secret: [u8; 32] = rng.random();
            let key: String = key.iter().map(|b| format!("{b:02x}")).collect();
            (
                format!("sk_test_{key}"),
                format!(
                    "whsec_{}",
                    base64::engine::general_purpose::STANDARD.encode(secret)
                ),
            )
        }
        None => (
            Simulator::new_test_key(),
            momentpay::Webhook::generate_secret(),
        ),
    }
}

/// Resolves when standard input reaches its end (the process holding the pipe is gone).
async fn stdin_closed() {
    let (closed, wait) = tokio::sync::oneshot::channel::<()>();
    std::thread::spawn(move || {
        let mut sink = [0u8; 256];
        let mut stdin = std::io::stdin().lock();
        while matches!(std::io::Read::read(&mut stdin, &mut sink), Ok(n) if n > 0) {}
        let _ = closed.send(());
    });
    let _ = wait.await;
}

async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Runs the simulator until interrupted.
pub async fn run(args: ServeArgs) -> Result<(), CliError> {
    for url in &args.webhook_urls {
        url::Url::parse(url)
            .map_err(|e| CliError::Usage(format!("--webhook-url `{url}` is not a URL: {e}")))?;
    }
    let ip: std::net::IpAddr = args.host.parse().map_err(|_| {
        CliError::Usage(format!(
            "--host `{}` is not an IP address (e.g. 127.0.0.1 or ::1)",
            args.host
        ))
    })?;
    let addr = SocketAddr::new(ip, args.port);
    // Loaded before the first connection is accepted: a client retrying while the simulator
    // restarts must never write into a world the import then replaces.
    let state = match &args.state {
        Some(path) if path.exists() => Some(
            std::fs::read_to_string(path)
                .map_err(|e| CliError::Io(format!("cannot read {}: {e}", path.display())))?,
        ),
        _ => None,
    };
    let sim = Simulator::start_with(Options {
        addr,
        seed: args.seed,
        state,
        save_to: args.state.clone(),
        allowed_hosts: args.allowed_hosts.clone(),
    })
    .map_err(|e| match (e.kind(), &args.state) {
        (std::io::ErrorKind::InvalidData, Some(path)) => CliError::Refused(format!(
            "{} is not a state this simulator can load: {e}",
            path.display()
        )),
        _ => CliError::Io(format!("cannot listen on {addr}: {e}")),
    })?;
    let (key, secret) = credentials(args.seed);
    for url in &args.webhook_urls {
        let mut endpoint = momentpay_sim::control::new_endpoint(url, None);
        endpoint.secret = secret.clone();
        sim.app().with_store(|s| s.endpoints.push(endpoint));
    }
    let mut out = std::io::stdout().lock();
    let printed = if args.print_env {
        writeln!(
            out,
            "export MOMENT_BASE_URL={} MOMENT_API_KEY={key} MOMENT_WEBHOOK_SECRET={secret}",
            sim.base_url()
        )
    } else {
        writeln!(out, "base_url={}", sim.base_url())
            .and_then(|()| writeln!(out, "api_key={key}"))
            .and_then(|()| writeln!(out, "webhook_secret={secret}"))
            .and_then(|()| match args.webhook_urls.is_empty() {
                true => writeln!(
                    out,
                    "(no endpoint yet: `momentpay-sim events tail --forward-to URL`, or POST {}/_sim/webhook_endpoints {{\"url\": …, \"secret\": …}})",
                    sim.base_url()
                ),
                false => writeln!(out, "webhook_urls={}", args.webhook_urls.join(",")),
            })
            .and_then(|()| writeln!(out, "dashboard={}/_sim/", sim.base_url()))
    };
    // A reader that took the first line and closed the pipe still gets a simulator.
    if let Err(error) = printed.and_then(|()| out.flush()) {
        tracing::warn!(%error, "cannot write the start-up lines to standard output");
    }
    drop(out);
    if args.stop_with_stdin {
        tokio::select! {
            () = stopped() => {}
            () = stdin_closed() => {}
        }
    } else {
        stopped().await;
    }
    if let Some(path) = &args.state {
        write_atomically(path, &sim.app().consistent_export().await)?;
        eprintln!("momentpay-sim: saved the state to {}", path.display());
    }
    sim.stop();
    Ok(())
}
