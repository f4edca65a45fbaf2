//! The `momentpay-sim` command line as a script uses it: `--help` everywhere, wrong
//! arguments named with a non-zero exit, `serve`'s output, `--seed`, `--state` saved on
//! SIGTERM and loaded again, and `events tail --forward-to`.

use momentpay::models::{CreatePaymentSession, EventType};
use momentpay_sim::{Simulator, WebhookInbox};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

fn cli() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_momentpay-sim"));
    command
        .env_remove("MOMENT_BASE_URL")
        .env_remove("MOMENT_API_KEY")
        .env_remove("MOMENT_WEBHOOK_SECRET")
        .stdin(Stdio::null());
    command
}

fn run(args: &[&str]) -> Output {
    cli().args(args).output().expect("run momentpay-sim")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn every_command_has_help() {
    let commands: &[&[&str]] = &[
        &[],
        &["serve"],
        &["trigger"],
        &["pay"],
        &["clock"],
        &["clock", "advance"],
        &["clock", "next"],
        &["clock", "show"],
        &["faults"],
        &["faults", "set"],
        &["faults", "clear"],
        &["faults", "show"],
        &["chaos", "set"],
        &["chaos", "clear"],
        &["events", "tail"],
        &["resend"],
        &["state", "export"],
        &["state", "import"],
        &["reset"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let output = run(&args);
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        assert!(text.contains("Usage: momentpay-sim"), "{args:?}: {text}");
    }
}

#[test]
fn a_wrong_argument_says_what_was_expected_and_exits_2() {
    let sim = Simulator::start().expect("simulator");
    let target = ["--base-url", sim.base_url(), "--api-key", sim.api_key()];
    let cases: &[(&[&str], &str)] = &[
        (&["clock", "advance", "30"], "has no unit"),
        (&["clock", "advance", "3y"], "unknown unit"),
        (&["faults", "set", "--kinds", "504"], "possible values"),
        (&["trigger"], "<EVENT>"),
        (&["serve", "--port", "70000"], "--port"),
        (&["serve", "--host", "localhost"], "not an IP address"),
        (&["serve", "--webhook-url", "not a url"], "not a URL"),
        (&["frobnicate"], "unrecognized subcommand"),
    ];
    for (args, expected) in cases {
        let mut all = args.to_vec();
        if !matches!(args[0], "serve" | "frobnicate") {
            all.extend(target);
        }
        let output = run(&all);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{all:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(expected),
            "{all:?}: {}",
            stderr(&output)
        );
    }
    // No merchant named.
    let output = run(&["pay", "ps_1", "--base-url", sim.base_url()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--api-key"), "{}", stderr(&output));
    let output = run(&[
        "pay",
        "ps_1",
        "--base-url",
        sim.base_url(),
        "--api-key",
        "pk_test_1",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("secret key"),
        "{}",
        stderr(&output)
    );
    // A live key (MOMENT_API_KEY is production's variable too) is a usage error, never sent
    // and never echoed past its prefix.
    for live in ["sk_live_abc123", "sk_abc123"] {
        let output = run(&[
            "pay",
            "ps_1",
            "--base-url",
            sim.base_url(),
            "--api-key",
            live,
        ]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("test keys only") && !stderr(&output).contains("abc123"),
            "{}",
            stderr(&output)
        );
    }
    let output = run(&[
        "pay",
        "ps_1",
        "--base-url",
        "http://user:pass@127.0.0.1:9",
        "--api-key",
        sim.api_key(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    // The simulator refuses: exit 1 with its reason.
    let output = run(&[
        "pay",
        "ps_missing",
        "--base-url",
        sim.base_url(),
        "--api-key",
        sim.api_key(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("ps_missing"),
        "{}",
        stderr(&output)
    );
    let output = run(&["faults", "set", "--rate", "2"]
        .iter()
        .copied()
        .chain(target)
        .collect::<Vec<_>>());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("rate"), "{}", stderr(&output));
    // Nobody listening (a port just given up by a listener of ours, rather than a port
    // assumed closed): exit 3, saying where it looked.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        format!("http://{}", listener.local_addr().expect("addr"))
    };
    let output = run(&[
        "clock",
        "show",
        "--base-url",
        &closed,
        "--api-key",
        "sk_test_x",
    ]);
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains(&format!("cannot reach the simulator at {closed}")),
        "{}",
        stderr(&output)
    );
    // A state file that is not one.
    let dir = std::env::temp_dir().join(format!("momentpay-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format": 1, "base_url": "", "clock_offset_ms": -5}"#,
    )
    .expect("write");
    let output = run(&[
        "state",
        "import",
        bad.to_str().unwrap_or_default(),
        "--base-url",
        sim.base_url(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("clock_offset_ms"),
        "{}",
        stderr(&output)
    );
    let output = run(&[
        "state",
        "import",
        "/nonexistent/state.json",
        "--base-url",
        sim.base_url(),
    ]);
    assert_eq!(output.status.code(), Some(3));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A `serve` process and its first output line.
struct Served {
    child: Child,
    first_line: String,
}

fn serve(args: &[&str]) -> Served {
    let mut child = cli()
        .arg("serve")
        .args(["--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut first_line = String::new();
    BufReader::new(stdout)
        .read_line(&mut first_line)
        .expect("first line");
    Served {
        child,
        first_line: first_line.trim().to_owned(),
    }
}

impl Served {
    /// Where this process listens (its first line is `base_url=...`).
    fn base_url(&self) -> &str {
        self.first_line
            .strip_prefix("base_url=")
            .expect("base_url line")
    }

    /// A client of merchant `key` against this process.
    fn client(&self, key: &str) -> momentpay::Client {
        momentpay::Client::builder()
            .api_key(key)
            .base_url(self.base_url())
            .build()
            .expect("client")
    }

    fn stop(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill");
        self.child.wait().expect("wait")
    }
}

/// A test that fails before `stop()` leaves no `momentpay-sim serve` running.
impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn print_env_and_seed_give_a_shell_the_same_key_every_run() {
    let first = serve(&["--print-env", "--seed", "42"]);
    let second = serve(&["--print-env", "--seed", "42"]);
    let key = |line: &str| {
        line.split_whitespace()
            .find_map(|w| w.strip_prefix("MOMENT_API_KEY="))
            .map(str::to_owned)
    };
    assert!(
        first
            .first_line
            .starts_with("export MOMENT_BASE_URL=http://127.0.0.1:"),
        "{}",
        first.first_line
    );
    assert!(first.first_line.contains("MOMENT_WEBHOOK_SECRET=whsec_"));
    assert_eq!(key(&first.first_line), key(&second.first_line));
    assert!(key(&first.first_line).is_some_and(|k| k.starts_with("sk_test_")));
    assert!(first.stop().success());
    assert!(second.stop().success());
}

#[tokio::test]
async fn state_is_saved_on_sigterm_and_loaded_at_start() {
    let dir = std::env::temp_dir().join(format!("momentpay-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("state.json");
    let path = file.to_str().unwrap_or_default().to_owned();
    let key = Simulator::new_test_key();

    let served = serve(&["--state", &path]);
    let client = served.client(&key);
    let session = client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(700, "ZAR"))
        .await
        .expect("create");
    let status = tokio::task::spawn_blocking(move || served.stop())
        .await
        .expect("join");
    assert!(status.success(), "serve exits 0 on SIGTERM");
    assert!(file.exists(), "the state was saved");

    let served = serve(&["--state", &path]);
    let client = served.client(&key);
    let base_url = served.base_url().to_owned();
    let restored = client
        .payment_sessions()
        .retrieve(&session.id)
        .await
        .expect("restored");
    assert_eq!(restored.amount, 700);
    assert!(
        restored
            .session_url
            .is_some_and(|u| u.starts_with(&base_url))
    );
    tokio::task::spawn_blocking(move || served.stop())
        .await
        .expect("join");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn every_answered_write_survives_kill_9_and_its_key_is_answered_once() {
    let dir = std::env::temp_dir().join(format!("momentpay-kill9-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("state.json");
    let path = file.to_str().unwrap_or_default().to_owned();
    let key = Simulator::new_test_key();

    let mut served = serve(&["--state", &path]);
    let client = served.client(&key);
    // Writes in flight from 8 tasks while the process is killed: each answered one must
    // be in the file.
    let (killed_tx, killed_rx) = tokio::sync::watch::channel(false);
    let writers: Vec<_> = (0..8)
        .map(|task| {
            let client = client.clone();
            let killed = killed_rx.clone();
            tokio::spawn(async move {
                let mut answered = Vec::new();
                for i in 0..1000 {
                    if *killed.borrow() {
                        break;
                    }
                    let key = format!("order-{task}-{i}");
                    let created = client
                        .payment_sessions()
                        .create(&CreatePaymentSession::one_time(100 + i, "ZAR"))
                        .idempotency_key(&key)
                        .max_retries(0)
                        .await;
                    match created {
                        Ok(session) => answered.push((key, session.id, 100 + i)),
                        Err(_) => break,
                    }
                }
                answered
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(700)).await;
    served.child.kill().expect("kill -9");
    let _ = served.child.wait();
    let _ = killed_tx.send(true);
    let mut answered = Vec::new();
    for writer in writers {
        answered.extend(writer.await.expect("join"));
    }
    assert!(
        answered.len() >= 8,
        "some writes were answered before the kill"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file)
            .expect("saved")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "keys and secrets are for the owner only"
        );
    }

    let served = serve(&["--state", &path]);
    let client = served.client(&key);
    for (idempotency_key, id, amount) in &answered {
        client
            .payment_sessions()
            .retrieve(id)
            .await
            .unwrap_or_else(|e| panic!("{id} was answered before the kill but is gone: {e}"));
        let again = client
            .payment_sessions()
            .create(&CreatePaymentSession::one_time(*amount, "ZAR"))
            .idempotency_key(idempotency_key)
            .with_response()
            .await
            .expect("the saved answer");
        assert_eq!(
            &again.data.id, id,
            "answered from the saved record, not made again"
        );
        assert!(again.meta.idempotent_replayed);
    }
    tokio::task::spawn_blocking(move || served.stop())
        .await
        .expect("join");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn events_tail_forwards_and_prints_each_event_and_attempt() {
    let sim = Simulator::start().expect("simulator");
    let inbox = WebhookInbox::start().expect("inbox");
    let inbox_url = inbox.url().to_owned();
    let secret = momentpay::Webhook::generate_secret();
    let mut tail = cli()
        .args(["events", "tail", "--forward-to", &inbox_url])
        .args(["--base-url", sim.base_url(), "--api-key", sim.api_key()])
        .env("MOMENT_WEBHOOK_SECRET", &secret)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tail");
    // It says where it forwards once the endpoint exists.
    let mut ready = String::new();
    BufReader::new(tail.stderr.take().expect("stderr"))
        .read_line(&mut ready)
        .expect("line");
    assert!(
        ready.contains("Forwarding") && ready.contains(&secret),
        "{ready}"
    );
    let triggered = sim
        .trigger("payment_session.completed")
        .await
        .expect("trigger");
    let session_id = triggered.objects[0].1.clone();
    // Read what it prints until the completion event and its delivery attempt are there (the
    // reader keeps draining until the process exits).
    let stdout = tail.stdout.take().expect("stdout");
    let (lines_tx, lines) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let printed = tokio::task::spawn_blocking(move || {
        let mut printed: Vec<String> = Vec::new();
        while let Ok(line) = lines.recv_timeout(Duration::from_secs(15)) {
            printed.push(line);
            let event = printed
                .iter()
                .any(|l| l.contains("payment_session.completed") && !l.contains('→'));
            let attempt = printed
                .iter()
                .any(|l| l.contains('→') && l.contains("payment_session.completed"));
            if event && attempt {
                break;
            }
        }
        printed
    })
    .await
    .expect("join");
    let text = printed.join("\n");
    assert!(text.contains("payment_session.created"), "{text}");
    assert!(text.contains(&session_id), "{text}");
    assert!(text.contains("attempt 1, event"), "{text}");
    let body = tokio::task::spawn_blocking(move || {
        let found = inbox.wait_for_body("payment_session.completed", Duration::from_secs(15));
        (found, inbox)
    })
    .await
    .expect("join")
    .0
    .expect("forwarded");
    let event = momentpay::Webhook::new(&secret)
        .expect("secret")
        .verify(&body.body, &body.headers)
        .expect("signed with the given secret");
    assert_eq!(event.kind, EventType::PaymentSessionCompleted);
    // Ctrl-C removes the endpoint and exits 0.
    Command::new("kill")
        .args(["-INT", &tail.id().to_string()])
        .status()
        .expect("kill");
    let status = tokio::task::spawn_blocking(move || tail.wait())
        .await
        .expect("join")
        .expect("wait");
    assert!(status.success());
    assert_eq!(
        sim.app()
            .lock()
            .endpoints
            .iter()
            .filter(|e| e.url == inbox_url)
            .count(),
        0,
        "the forwarding endpoint is gone"
    );
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    // Issue 28, item 10: `momentpay-sim state export - | head` panicked on the broken pipe.
    let sim = Simulator::start().expect("simulator");
    let mut child = cli()
        .args(["state", "export", "-", "--base-url", sim.base_url()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // The reader goes away before the state (fetched over HTTP first) is written.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}

#[test]
fn a_month_is_a_unit_the_clock_takes_or_names() {
    // Issue 28, item 10: `clock advance 1month` said "unknown unit 'o'".
    let sim = Simulator::start().expect("simulator");
    let target = ["--base-url", sim.base_url(), "--api-key", sim.api_key()];
    let output = run(&[&["clock", "advance", "1month"][..], &target[..]].concat());
    let stderr = stderr(&output);
    assert!(!stderr.contains("unit `o`"), "{stderr}");
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`month`") && stderr.contains("30d"),
        "{stderr}"
    );
}

#[test]
fn the_readmes_fault_command_works_as_written() {
    // Issue 28, item 1: `faults set --rate 0.3 --kinds 503,lost_response` (simulator/README.md)
    // exited 2 with "invalid value 'lost_response'"; the wire's spelling works everywhere.
    let sim = Simulator::start().expect("simulator");
    let target = ["--base-url", sim.base_url(), "--api-key", sim.api_key()];
    let set = run(&[
        &[
            "faults",
            "set",
            "--rate",
            "0.3",
            "--kinds",
            "503,lost_response",
        ][..],
        &target[..],
    ]
    .concat());
    assert_eq!(set.status.code(), Some(0), "{}", stderr(&set));
    let show = run(&[&["faults", "show"][..], &target[..]].concat());
    let shown = String::from_utf8_lossy(&show.stdout);
    assert!(
        shown.contains("lost_response") && shown.contains("503"),
        "{shown}"
    );
    // The kebab-case spelling clap would have chosen is an alias.
    let alias = run(&[
        &["faults", "set", "--kinds", "lost-response,502_after_commit"][..],
        &target[..],
    ]
    .concat());
    assert_eq!(alias.status.code(), Some(0), "{}", stderr(&alias));
}
