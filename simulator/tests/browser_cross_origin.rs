//! Security review M2 and M3 in a real browser: a page from another origin, open in headless
//! Chromium while the simulator runs, tries to change its state (text/plain and form posts,
//! which need no CORS preflight) and to read its secrets; and a DNS-rebinding name that
//! resolves to the simulator asks for `/_sim/state`. Nothing changes and nothing is read.
//!
//! It needs the browser, so it is `#[ignore]`d in a plain `cargo test`; the README's test
//! command installs chromium and runs it with `--ignored`.

mod support;

use momentpay::models::CreatePaymentSession;
use momentpay_sim::Simulator;
use serde_json::Value;
use support::webdriver::Driver;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What a hostile page does: every write it can send without a preflight, then a read.
fn hostile_page(sim: &str) -> String {
    format!(
        r#"<!doctype html><title>cat pictures</title>
<iframe name="sink" style="display:none"></iframe>
<form id="form" target="sink" method="post" enctype="text/plain" action="{sim}/_sim/clock/advance">
<input name='{{"seconds":315360000,"x":"' value='"}}'></form>
<pre id="done"></pre>
<script>
const sim = {sim:?};
const quietly = (promise) => promise.then(() => 'sent', (e) => 'failed: ' + e);
(async () => {{
  const results = {{}};
  results.endpoint = await quietly(fetch(sim + '/_sim/webhook_endpoints', {{method: 'POST', mode: 'no-cors', body: JSON.stringify({{url: 'http://127.0.0.1:9/evil'}})}}));
  results.faults = await quietly(fetch(sim + '/_sim/faults', {{method: 'POST', mode: 'no-cors', headers: {{'content-type': 'text/plain'}}, body: JSON.stringify({{rate: 1}})}}));
  results.reset = await quietly(fetch(sim + '/_sim/reset', {{method: 'POST', mode: 'no-cors', body: '{{}}'}}));
  document.getElementById('form').submit();
  await new Promise((resolve) => setTimeout(resolve, 500));
  try {{
    const answer = await fetch(sim + '/_sim/state');
    results.read = 'READ ' + (await answer.text()).slice(0, 200);
  }} catch (e) {{
    results.read = 'blocked: ' + e;
  }}
  document.getElementById('done').textContent = 'finished ' + JSON.stringify(results);
}})();
</script>"#
    )
}

/// Serves `page` to every request on a loopback port; answers that port.
async fn serve_page(page: String) -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let page = page.clone();
            tokio::spawn(async move {
                let mut head = [0u8; 4096];
                let _ = stream.read(&mut head).await;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
                    page.len()
                );
                let _ = stream.write_all(answer.as_bytes()).await;
            });
        }
    });
    port
}

async fn state(sim: &Simulator) -> Value {
    support::http::http()
        .get(format!("{}/_sim/state", sim.base_url()))
        .send()
        .await
        .expect("state")
        .json()
        .await
        .expect("json")
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; the README's test command runs it"]
async fn a_page_from_another_origin_cannot_change_or_read_the_simulator() {
    let sim = Simulator::start().expect("simulator");
    let session = sim
        .client()
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(500, "ZAR"))
        .await
        .expect("session");
    let before = state(&sim).await;
    let page_port = serve_page(hostile_page(sim.base_url())).await;
    let sim_port = sim.base_url().rsplit(':').next().expect("port").to_owned();

    let profile =
        std::env::temp_dir().join(format!("momentpay-cross-origin-{}", std::process::id()));
    let mut driver = Driver::start().await;
    // rebind.evil.example resolves to the simulator, as after a DNS rebinding.
    driver
        .open_browser_with(
            &profile,
            &["--host-resolver-rules=MAP rebind.evil.example 127.0.0.1".to_owned()],
        )
        .await;
    // The page's origin (localhost) is not the simulator's (127.0.0.1): another site.
    driver.go(&format!("http://localhost:{page_port}/")).await;
    let results = driver.wait_for_text("#done", "finished").await;
    assert!(
        results.contains("blocked"),
        "the page read an answer: {results}"
    );
    assert!(!results.contains("READ"), "{results}");

    // A rebound name gets no secrets, only the refusal.
    driver
        .go(&format!("http://rebind.evil.example:{sim_port}/_sim/state"))
        .await;
    let shown = driver.text("body").await;
    assert!(shown.contains("Host not allowed"), "{shown}");
    assert!(
        !shown.contains("sk_test_") && !shown.contains("whsec_"),
        "{shown}"
    );
    driver.quit().await;
    let _ = std::fs::remove_dir_all(&profile);

    // Nothing changed: no endpoint for the page, no reset, no clock move, no faults.
    let after = state(&sim).await;
    assert_eq!(after["endpoints"], before["endpoints"]);
    assert_eq!(after["clock_offset_ms"], before["clock_offset_ms"]);
    assert!(after["merchants"][sim.api_key()]["sessions"][&session.id].is_object());
    assert!(!after.to_string().contains("127.0.0.1:9/evil"));
    let faults: Value = support::http::http()
        .get(format!("{}/_sim/faults", sim.base_url()))
        .send()
        .await
        .expect("faults")
        .json()
        .await
        .expect("json");
    assert!(!faults.to_string().contains("\"rate\":1"), "{faults}");
    // The browser's requests did arrive, and were refused: the simulator logged nothing
    // they could have caused, and it still answers.
    assert!(
        sim.client()
            .payment_sessions()
            .retrieve(&session.id)
            .await
            .is_ok()
    );
}
