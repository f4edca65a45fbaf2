//! `momentpay-sim`: runs the simulator (`serve`, the default) and drives a running one, as a
//! merchant, the way the Stripe CLI drives Stripe: `trigger`, `pay`, `clock`, `faults`,
//! `chaos`, `events tail`, `resend`, `state`, `reset`.

mod duration;
mod output;
mod remote;
mod serve;
mod tail;

use clap::{Args, Parser, Subcommand};
use remote::{CliError, Remote};
use serde_json::{Value, json};

const EXIT_CODES: &str = "Exit codes: 0 done; 1 the simulator refused the request (the message says why); \
2 a wrong argument; 3 the simulator could not be reached, or a file could not be read or written.";

/// A local, stateful Moment: the API, signed webhooks, hosted checkout, a test clock and
/// faults, offline.
#[derive(Parser, Debug)]
#[command(name = "momentpay-sim", version, args_conflicts_with_subcommands = true, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: serve::ServeArgs,
}

/// Which simulator, and which merchant, a command acts on.
#[derive(Args, Debug, Clone)]
struct Target {
    /// The running simulator.
    #[arg(
        long,
        env = "MOMENT_BASE_URL",
        default_value = "http://127.0.0.1:12111"
    )]
    base_url: String,
    /// The merchant: its test key (`sk_test_…`).
    #[arg(long, env = "MOMENT_API_KEY", hide_env_values = true)]
    api_key: Option<String>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Runs the simulator until interrupted (the default when no command is given).
    Serve(serve::ServeArgs),
    /// Makes the simulator emit an event type for the merchant, creating the objects that
    /// make Moment emit it.
    #[command(after_help = EXIT_CODES)]
    Trigger {
        /// An event type, e.g. `payment_session.completed` (`--list` shows every one).
        #[arg(required_unless_present = "list")]
        event: Option<String>,
        /// Lists the event types and what each trigger does.
        #[arg(long)]
        list: bool,
        #[command(flatten)]
        target: Target,
    },
    /// Pays a payment session as the customer would at checkout.
    #[command(after_help = EXIT_CODES)]
    Pay {
        /// The session (`ps_…`).
        session: String,
        /// The test card: 4242424242424242 pays, 4000000000000002 is declined.
        #[arg(long, default_value = "4242424242424242")]
        card: String,
        #[command(flatten)]
        target: Target,
    },
    /// The merchant's test clock.
    #[command(subcommand)]
    Clock(ClockCommand),
    /// Fault injection for the merchant's API calls.
    #[command(subcommand)]
    Faults(FaultsCommand),
    /// How the merchant's webhook deliveries misbehave: duplicates, reordering, delays.
    #[command(subcommand)]
    Chaos(ChaosCommand),
    /// The merchant's events.
    #[command(subcommand)]
    Events(EventsCommand),
    /// Delivers an event again to each of the merchant's endpoints (same `webhook-id`).
    #[command(after_help = EXIT_CODES)]
    Resend {
        /// The event (`evt_…`).
        event_id: String,
        #[command(flatten)]
        target: Target,
    },
    /// Saves or loads the whole simulated world.
    #[command(subcommand)]
    State(StateCommand),
    /// Forgets the merchant's objects, events, faults, chaos and clock (`--all`: every
    /// merchant's).
    #[command(after_help = EXIT_CODES)]
    Reset {
        /// Every merchant, not only the one of `--api-key`.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        target: Target,
    },
}

#[derive(Subcommand, Debug)]
enum ClockCommand {
    /// Moves the merchant's clock forward and runs what became due (renewals, expiries,
    /// webhook retries).
    #[command(after_help = EXIT_CODES)]
    Advance {
        /// How far: `30d`, `12h`, `90m`, `45s`, `1w`, or a sum such as `1d12h`.
        #[arg(value_parser = duration::parse)]
        by: f64,
        #[command(flatten)]
        target: Target,
    },
    /// Moves the merchant's clock to the next thing scheduled for it and runs it.
    #[command(after_help = EXIT_CODES)]
    Next {
        #[command(flatten)]
        target: Target,
    },
    /// Shows the merchant's virtual time.
    #[command(after_help = EXIT_CODES)]
    Show {
        #[command(flatten)]
        target: Target,
    },
}

/// A fault kind, as `faults set --kinds` takes it.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum Fault {
    /// 500 without processing.
    #[value(name = "500")]
    E500,
    /// 503 without processing.
    #[value(name = "503")]
    E503,
    /// 429 with Retry-After, without processing.
    #[value(name = "429")]
    E429,
    /// The connection closes before processing.
    Drop,
    /// The request commits, then the connection closes without an answer.
    #[value(name = "lost_response", alias = "lost-response")]
    LostResponse,
    /// The request waits `--delay-ms` first.
    Delay,
    /// The request commits, then a 502 answers (an unknown outcome for the client).
    #[value(name = "502_after_commit")]
    BadGatewayAfterCommit,
}

impl Fault {
    fn wire(self) -> &'static str {
        match self {
            Fault::E500 => "500",
            Fault::E503 => "503",
            Fault::E429 => "429",
            Fault::Drop => "drop",
            Fault::LostResponse => "lost_response",
            Fault::Delay => "delay",
            Fault::BadGatewayAfterCommit => "502_after_commit",
        }
    }
}

#[derive(Subcommand, Debug)]
enum FaultsCommand {
    /// Sets the merchant's faults (replacing any it had).
    #[command(after_help = EXIT_CODES)]
    Set {
        /// Probability, 0 to 1, that a call gets a fault.
        #[arg(long, default_value_t = 0.0)]
        rate: f64,
        /// Kinds to choose from (default: all), comma-separated.
        #[arg(long, value_enum, value_delimiter = ',')]
        kinds: Vec<Fault>,
        /// Faults for the next calls, in order, before `--rate` applies.
        #[arg(long, value_enum, value_delimiter = ',')]
        next: Vec<Fault>,
        /// `Retry-After` of a 429, in seconds.
        #[arg(long)]
        retry_after_seconds: Option<u64>,
        /// How long a `delay` fault waits, in ms.
        #[arg(long)]
        delay_ms: Option<u64>,
        /// Only paths starting with this get faults, e.g. `/collect/payment_sessions`.
        #[arg(long)]
        path_prefix: Option<String>,
        /// Seed, for the same faults every run.
        #[arg(long)]
        seed: Option<u64>,
        #[command(flatten)]
        target: Target,
    },
    /// No more faults for the merchant.
    #[command(after_help = EXIT_CODES)]
    Clear {
        #[command(flatten)]
        target: Target,
    },
    /// The merchant's faults and what was injected so far.
    #[command(after_help = EXIT_CODES)]
    Show {
        #[command(flatten)]
        target: Target,
    },
}

#[derive(Subcommand, Debug)]
enum ChaosCommand {
    /// Sets how the merchant's deliveries misbehave (replacing what was set).
    #[command(after_help = EXIT_CODES)]
    Set {
        /// Probability, 0 to 1, that a delivery is sent twice.
        #[arg(long, default_value_t = 0.0)]
        duplicate_rate: f64,
        /// Hold each delivery a random 0 to this many ms, so they arrive out of order.
        #[arg(long, default_value_t = 0)]
        reorder_window_ms: u64,
        /// Hold every delivery this many ms more.
        #[arg(long, default_value_t = 0)]
        delay_ms: u64,
        /// Seed, for the same misbehaviour every run.
        #[arg(long)]
        seed: Option<u64>,
        #[command(flatten)]
        target: Target,
    },
    /// Deliveries behave again.
    #[command(after_help = EXIT_CODES)]
    Clear {
        #[command(flatten)]
        target: Target,
    },
}

#[derive(Subcommand, Debug)]
enum EventsCommand {
    /// Prints each event and each delivery attempt as it happens (like `stripe listen`).
    #[command(after_help = EXIT_CODES)]
    Tail(tail::TailArgs),
}

#[derive(Subcommand, Debug)]
enum StateCommand {
    /// Writes the whole simulated world to FILE (it holds test keys and signing secrets).
    #[command(after_help = EXIT_CODES)]
    Export {
        /// Where to write (`-` for standard output).
        file: String,
        /// The running simulator.
        #[arg(
            long,
            env = "MOMENT_BASE_URL",
            default_value = "http://127.0.0.1:12111"
        )]
        base_url: String,
    },
    /// Replaces the simulated world with FILE's.
    #[command(after_help = EXIT_CODES)]
    Import {
        /// A file `state export` wrote.
        file: String,
        /// The running simulator.
        #[arg(
            long,
            env = "MOMENT_BASE_URL",
            default_value = "http://127.0.0.1:12111"
        )]
        base_url: String,
    },
}

fn print(value: &Value) {
    output::say!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

async fn run(command: Command) -> Result<(), CliError> {
    match command {
        Command::Serve(args) => serve::run(args).await,
        Command::Trigger {
            list: true, target, ..
        } => {
            let listed = Remote::anonymous(&target.base_url)?
                .get("/_sim/triggers")
                .await?;
            for trigger in listed["data"].as_array().into_iter().flatten() {
                output::say!(
                    "{:<32} {}",
                    trigger["event"].as_str().unwrap_or_default(),
                    trigger["does"].as_str().unwrap_or_default()
                );
            }
            Ok(())
        }
        Command::Trigger { event, target, .. } => {
            let remote = Remote::merchant(&target.base_url, target.api_key.as_deref())?;
            let event = event.unwrap_or_default();
            let triggered = remote
                .post("/_sim/trigger", json!({"event": event}))
                .await?;
            output::say!("Triggered {event}:");
            for object in triggered["objects"].as_array().into_iter().flatten() {
                output::say!(
                    "  {} {}",
                    object[0].as_str().unwrap_or_default(),
                    object[1].as_str().unwrap_or_default()
                );
            }
            Ok(())
        }
        Command::Pay {
            session,
            card,
            target,
        } => {
            let remote = Remote::merchant(&target.base_url, target.api_key.as_deref())?;
            let path = format!(
                "/_sim/payment_sessions/{}/complete",
                remote::segment(&session)
            );
            let paid = remote.post(&path, json!({"card_number": card})).await?;
            output::say!(
                "{}: {} ({})",
                paid["id"].as_str().unwrap_or_default(),
                paid["status"].as_str().unwrap_or_default(),
                paid["payment_outcome"].as_str().unwrap_or("no outcome")
            );
            Ok(())
        }
        Command::Clock(ClockCommand::Advance { by, target }) => {
            let remote = Remote::merchant(&target.base_url, target.api_key.as_deref())?;
            let clock = remote
                .post("/_sim/clock/advance", json!({"seconds": by}))
                .await?;
            output::say!(
                "The merchant's clock is at {} ({} subscription charge(s) made)",
                clock["now"].as_str().unwrap_or_default(),
                clock["subscription_charges"]
            );
            Ok(())
        }
        Command::Clock(ClockCommand::Next { target }) => {
            let remote = Remote::merchant(&target.base_url, target.api_key.as_deref())?;
            let clock = remote.post("/_sim/clock/next", json!({})).await?;
            match clock["what"].as_str() {
                Some(what) => output::say!(
                    "Ran the next {what} ({}); the merchant's clock is at {}",
                    clock["at"].as_str().unwrap_or_default(),
                    clock["now"].as_str().unwrap_or_default()
                ),
                None => output::say!("Nothing is scheduled for the merchant"),
            }
            Ok(())
        }
        Command::Clock(ClockCommand::Show { target }) => {
            let remote = Remote::merchant(&target.base_url, target.api_key.as_deref())?;
            let clock = remote.get("/_sim/clock").await?;
            output::say!("{}", clock["now"].as_str().unwrap_or_default());
            Ok(())
        }
        Command::Faults(FaultsCommand::Set {
            rate,
            kinds,
            next,
            retry_after_seconds,
            delay_ms,
            path_prefix,
            seed,
            target,
        }) => {
            let remote = Remote::merchant(&target.base_url, target.api_key.as_deref())?;
            let mut body = json!({
                "rate": rate,
                "kinds": kinds.iter().map(|k| k.wire()).collect::<Vec<_>>(),
                "next": next.iter().map(|k| k.wire()).collect::<Vec<_>>(),
            });
            let optional = [
                ("retry_after_seconds", retry_after_seconds.map(Value::from)),
                ("delay_ms", delay_ms.map(Value::from)),
                ("path_prefix", path_prefix.map(Value::from)),
                ("seed", seed.map(Value::from)),
            ];
            for (name, value) in optional {
                if let Some(value) = value {
                    body[name] = value;
                }
            }
            let set = remote.post("/_sim/faults", body).await?;
            print(&set["config"]);
            Ok(())
        }
        Command::Faults(FaultsCommand::Clear { target }) => {
            let remote = Remote::merchant(&target.base_url, target.api_key.as_deref())?;
            remote.delete("/_sim/faults").await?;
            output::say!("No faults for the merchant");
            Ok(())
        }
        Command::Faults(FaultsCommand::Show { target }) => {
            let remote = Remote::merchant(&target.base_url, target.api_key.as_deref())?;
            print(&remote.get("/_sim/faults").await?);
            Ok(())
        }
        Command::Chaos(ChaosCommand::Set {
            duplicate_rate,
            reorder_window_ms,
            delay_ms,
            seed,
            target,
        }) => {
            let remote = Remote::merchant(&target.base_url, target.api_key.as_deref())?;
            let body = json!({"duplicate_rate": duplicate_rate, "reorder_window_ms": reorder_window_ms,
                              "delay_ms": delay_ms, "seed": seed});
            let set = remote.post("/_sim/webhooks/chaos", body).await?;
            print(&set["config"]);
            Ok(())
        }
        Command::Chaos(ChaosCommand::Clear { target }) => {
            let remote = Remote::merchant(&target.base_url, target.api_key.as_deref())?;
            remote.delete("/_sim/webhooks/chaos").await?;
            output::say!("The merchant's deliveries behave again");
            Ok(())
        }
        Command::Events(EventsCommand::Tail(args)) => tail::run(args).await,
        Command::Resend { event_id, target } => {
            let remote = Remote::merchant(&target.base_url, target.api_key.as_deref())?;
            let path = format!("/_sim/events/{}/resend", remote::segment(&event_id));
            let sent = remote.post(&path, json!({})).await?;
            let count = sent["data"].as_array().map_or(0, Vec::len);
            output::say!("Resent {event_id} to {count} endpoint(s)");
            Ok(())
        }
        Command::State(StateCommand::Export { file, base_url }) => {
            let state = Remote::anonymous(&base_url)?
                .get_text("/_sim/state")
                .await?;
            if file == "-" {
                output::say!("{state}");
            } else {
                serve::write_atomically(std::path::Path::new(&file), &state)?;
                eprintln!("Wrote the simulator's state to {file}");
            }
            Ok(())
        }
        Command::State(StateCommand::Import { file, base_url }) => {
            let state = std::fs::read_to_string(&file)
                .map_err(|e| CliError::Io(format!("cannot read {file}: {e}")))?;
            Remote::anonymous(&base_url)?
                .put_text("/_sim/state", state)
                .await?;
            eprintln!("Loaded the simulator's state from {file}");
            Ok(())
        }
        Command::Reset { all, target } => {
            let remote = if all {
                Remote::anonymous(&target.base_url)?
            } else {
                Remote::merchant(&target.base_url, target.api_key.as_deref())?
            };
            remote.post("/_sim/reset", json!({})).await?;
            output::say!(
                "{}",
                if all {
                    "Reset every merchant"
                } else {
                    "Reset the merchant"
                }
            );
            Ok(())
        }
    }
}

fn main() {
    let cli = Cli::parse();
    // The workspace's reqwest has rustls without a built-in provider (see the library).
    let _ = rustls::crypto::ring::default_provider().install_default();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MOMENTPAY_SIM_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let command = cli.command.unwrap_or(Command::Serve(cli.serve));
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("momentpay-sim: cannot start: {error}");
            std::process::exit(3)
        }
    };
    if let Err(error) = runtime.block_on(run(command)) {
        eprintln!("momentpay-sim: {error}");
        std::process::exit(error.exit_code())
    }
}
