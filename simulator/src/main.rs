//! `momentpay-sim --port N`: runs the simulator until interrupted and prints its base URL,
//! a test API key and a webhook secret.

use std::net::SocketAddr;

fn usage() -> ! {
    eprintln!("usage: momentpay-sim [--port N] [--host 127.0.0.1] [--webhook-url URL]");
    std::process::exit(2)
}

fn main() {
    let mut port = 12111u16;
    let mut host = "127.0.0.1".to_owned();
    let mut webhook_url = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                port = args
                    .next()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "--host" => host = args.next().unwrap_or_else(|| usage()),
            "--webhook-url" => webhook_url = Some(args.next().unwrap_or_else(|| usage())),
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MOMENTPAY_SIM_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let addr: SocketAddr = match format!("{host}:{port}").parse() {
        Ok(addr) => addr,
        Err(_) => usage(),
    };
    let sim = match momentpay_sim::Simulator::start_on(addr) {
        Ok(sim) => sim,
        Err(error) => {
            eprintln!("momentpay-sim: cannot listen on {addr}: {error}");
            std::process::exit(1)
        }
    };
    let key = momentpay_sim::Simulator::new_test_key();
    println!("base_url={}", sim.base_url());
    println!("api_key={key}");
    match webhook_url {
        Some(url) => {
            let (_, secret) = sim.register_webhook(&url, None);
            println!("webhook_url={url}");
            println!("webhook_secret={secret}");
        }
        None => {
            let secret = momentpay::Webhook::generate_secret();
            println!(
                "webhook_secret={secret}  (register an endpoint: POST {}/_sim/webhook_endpoints {{\"url\": ..., \"secret\": \"{secret}\"}})",
                sim.base_url()
            );
        }
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();
    loop {
        std::thread::park();
    }
}
