//! `momentpay-sim events tail`: prints the merchant's events and delivery attempts as they
//! happen, and with `--forward-to` has the simulator deliver them to a local handler (like
//! `stripe listen --forward-to`), with retries, chaos and all.

use crate::remote::{CliError, Remote, segment};
use clap::Args;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::time::Duration;

/// `events tail`'s options.
#[derive(Args, Debug)]
pub struct TailArgs {
    /// Registers an endpoint at URL for the merchant while tailing (removed on exit).
    #[arg(long, value_name = "URL")]
    forward_to: Option<String>,
    /// The forwarded deliveries' signing secret (default: MOMENT_WEBHOOK_SECRET, else a new
    /// one, printed).
    #[arg(long, env = "MOMENT_WEBHOOK_SECRET", hide_env_values = true)]
    webhook_secret: Option<String>,
    /// Also prints the events that happened before the tail started.
    #[arg(long)]
    all: bool,
    /// Exits after this many events.
    #[arg(long)]
    count: Option<usize>,
    #[command(flatten)]
    target: crate::Target,
}

fn line(text: String) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")
        .and_then(|()| out.flush())
        .map_err(|e| CliError::Io(format!("cannot write to standard output: {e}")))
}

fn describe(event: &Value) -> String {
    let data = &event["body"]["data"];
    let object = data["id"].as_str().unwrap_or_default();
    let extra = match (data["status"].as_str(), data["payment_outcome"].as_str()) {
        (Some(status), Some(outcome)) => format!(" {status} ({outcome})"),
        (Some(status), None) => format!(" {status}"),
        _ => String::new(),
    };
    format!(
        "{}  {}  {:<32} {object}{extra}",
        event["created_at"].as_str().unwrap_or_default(),
        event["id"].as_str().unwrap_or_default(),
        event["type"].as_str().unwrap_or_default(),
    )
}

/// Tails until interrupted (or `--count` events).
pub async fn run(args: TailArgs) -> Result<(), CliError> {
    let remote = Remote::merchant(&args.target.base_url, args.target.api_key.as_deref())?;
    let mut endpoint_id = None;
    if let Some(url) = &args.forward_to {
        let mut body = json!({"url": url});
        if let Some(secret) = &args.webhook_secret {
            body["secret"] = json!(secret);
        }
        let endpoint = remote.post("/_sim/webhook_endpoints", body).await?;
        eprintln!(
            "Forwarding the merchant's events to {url}, signed with {}",
            endpoint["secret"].as_str().unwrap_or_default()
        );
        endpoint_id = endpoint["id"].as_str().map(str::to_owned);
    }
    let result = tokio::select! {
        result = follow(&remote, &args) => result,
        _ = tokio::signal::ctrl_c() => Ok(()),
    };
    if let Some(id) = endpoint_id {
        remote
            .delete(&format!("/_sim/webhook_endpoints/{}", segment(&id)))
            .await?;
    }
    result
}

async fn follow(remote: &Remote, args: &TailArgs) -> Result<(), CliError> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut attempts: HashMap<String, usize> = HashMap::new();
    if !args.all {
        for event in remote.get("/_sim/events").await?["data"]
            .as_array()
            .into_iter()
            .flatten()
        {
            seen.insert(event["id"].as_str().unwrap_or_default().to_owned());
        }
        for delivery in remote.get("/_sim/webhook_deliveries").await?["data"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let count = delivery["attempts"].as_array().map_or(0, Vec::len);
            attempts.insert(
                delivery["id"].as_str().unwrap_or_default().to_owned(),
                count,
            );
        }
    }
    let mut printed = 0usize;
    loop {
        let events = remote.get("/_sim/events").await?;
        for event in events["data"].as_array().into_iter().flatten() {
            let id = event["id"].as_str().unwrap_or_default();
            if seen.insert(id.to_owned()) {
                line(describe(event))?;
                printed += 1;
                if args.count.is_some_and(|count| printed >= count) {
                    return Ok(());
                }
            }
        }
        let deliveries = remote.get("/_sim/webhook_deliveries").await?;
        for delivery in deliveries["data"].as_array().into_iter().flatten() {
            let id = delivery["id"].as_str().unwrap_or_default().to_owned();
            let list = delivery["attempts"].as_array().cloned().unwrap_or_default();
            let done = attempts.entry(id).or_insert(0);
            for (n, attempt) in list.iter().enumerate().skip(*done) {
                let outcome = match (attempt["status"].as_u64(), attempt["error"].as_str()) {
                    (Some(status), _) => status.to_string(),
                    (None, Some(error)) => format!("error: {error}"),
                    _ => "no answer".to_owned(),
                };
                line(format!(
                    "    → {} {} to {}: {outcome} (attempt {}, {})",
                    delivery["event_id"].as_str().unwrap_or_default(),
                    delivery["event_type"].as_str().unwrap_or_default(),
                    delivery["endpoint_id"].as_str().unwrap_or_default(),
                    n + 1,
                    delivery["reason"].as_str().unwrap_or_default(),
                ))?;
            }
            *done = list.len();
        }
        // A CLI's polling interval, not a test's wait.
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
