"""The fault soak: every client of every language creates payment sessions while the
simulator fails 30% of requests (500, 503, 429 with Retry-After, dropped connections, lost
responses after the commit, responses slower than the client's timeout); then it counts,
from each runner's report and the simulator's state, duplicates, lost calls, untyped
failures, aborts and hangs, and prints a table.

Two passes. With 12 retries, typed failures must stay under 1% of the calls (so a client
whose retries are broken fails the soak). With 1 retry, failures are expected and each is
checked: a definite failure must have applied nothing (no session for its reference), and
an unknown outcome must resolve, repeated with the key its error carries, to exactly one
session. Exits 1 unless every bad count is 0.

    python soak/soak.py [--calls N] [--write soak/RESULTS.md] [--break-retries]

--break-retries is the soak's own test: every client runs with max retries 0 while the
12-retry pass is judged as usual, and the soak must FAIL (scripts/test checks that it does).

Run it through soak/run.sh, which builds what it needs first.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import platform
import subprocess
import sys
import time
import urllib.request
import uuid
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
FAULTS = {"rate": 0.3, "delay_ms": 600, "retry_after_seconds": 1}
COLUMNS = ["duplicates", "lost", "untyped failures", "aborts", "hangs", "definite but applied", "unknown unresolved",
           "webhooks missing"]
# (max retries, the largest share of calls that may end in a typed failure)
PASSES = [(12, 0.01), (1, 1.0)]


def control(base_url: str, method: str, path: str, body: Any = None, key: str | None = None) -> Any:
    request = urllib.request.Request(base_url + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("content-type", "application/json")
    if key:
        request.add_header("authorization", f"Bearer {key}")
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read()
        return json.loads(text) if text else None


def runners(calls: int) -> list[tuple[str, str, list[str]]]:
    """(language, client, argv before the common arguments)."""
    python = os.environ.get("SOAK_PYTHON", str(ROOT / ".venv" / "bin" / "python"))
    soak_runner = str(TARGET / "debug" / "soak_runner")
    return [
        ("Rust", "async (tokio, 64 in flight)", [soak_runner, "async"]),
        ("Rust", "blocking (64 threads)", [soak_runner, "blocking"]),
        ("Python", "sync Client (64 threads)", [python, str(ROOT / "soak" / "runner_python.py"), "threads"]),
        ("Python", "AsyncClient (asyncio, 64 in flight)", [python, str(ROOT / "soak" / "runner_python.py"), "asyncio"]),
        ("Node", "Promise.all (64 in flight)", ["node", str(ROOT / "soak" / "runner_node.mjs")]),
    ]


def count(results: list[Any] | None, sessions: list[dict[str, Any]], calls: int, prefix: str) -> dict[str, int]:
    """Turns a runner's per-call outcomes and the server's sessions into the table's counts."""
    by_reference: dict[str, list[str]] = {}
    for session in sessions:
        by_reference.setdefault(session["external_reference"] or "", []).append(session["id"])
    expected = {f"{prefix}_{i}" for i in range(calls)}
    counts = {"ok": 0, "typed failures": 0, "unknown outcomes": 0, "duplicates": 0, "lost": 0, "untyped failures": 0,
              "aborts": 0, "hangs": 0, "definite but applied": 0, "unknown unresolved": 0, "webhooks missing": 0}
    # A session the server holds twice for one call, or one no call asked for.
    for reference, ids in by_reference.items():
        counts["duplicates"] += len(ids) - 1 if reference in expected else len(ids)
    if results is None:
        counts["aborts"] = 1
        return counts
    for i, result in enumerate(results[:calls] + [None] * (calls - len(results))):
        reference = f"{prefix}_{i}"
        if not result:
            counts["lost"] += 1  # the runner never reported this call
        elif "id" in result:
            counts["ok"] += 1
            if result["id"] not in by_reference.get(reference, []):
                counts["lost"] += 1  # reported created, but the server has no such session
        elif result["error"] == "typed":
            counts["typed failures"] += 1
            if result.get("unknown"):
                counts["unknown outcomes"] += 1
            elif by_reference.get(reference):
                counts["definite but applied"] += 1  # said it failed, yet the session exists
        elif result["error"] == "hang":
            counts["hangs"] += 1
        else:
            counts["untyped failures"] += 1
    return counts


def resolve_unknown(base_url: str, key: str, results: list[Any], prefix: str, explicit_type: bool) -> int:
    """Repeats each unknown outcome with the key its error carried (faults off); answers how
    many did not end with exactly one session for their reference. A key is bound to the
    exact body, so the repeat sends what the runner sent: the Rust runner's
    `CreatePaymentSession::one_time` names `type` explicitly (`explicit_type`)."""
    import momentpay

    client = momentpay.Client(api_key=key, base_url=base_url, max_retries=5)
    unresolved = 0
    for i, result in enumerate(results):
        if not (result and result.get("error") == "typed" and result.get("unknown")):
            continue
        reference = f"{prefix}_{i}"
        try:
            session = client.payment_sessions.create(amount=100 + i, currency="ZAR", external_reference=reference,
                                                     type="one_time" if explicit_type else None,
                                                     idempotency_key=result["key"])
        except momentpay.MomentError as error:
            print(f"{reference}: the repeat with its key failed: {error}", file=sys.stderr)
            unresolved += 1
            continue
        if session.external_reference != reference:
            unresolved += 1
    sessions = control(base_url, "GET", "/_sim/payment_sessions", key=key)["data"]
    by_reference: dict[str, int] = {}
    for session in sessions:
        by_reference[session["external_reference"] or ""] = by_reference.get(session["external_reference"] or "", 0) + 1
    for i, result in enumerate(results):
        if result and result.get("error") == "typed" and result.get("unknown") and by_reference.get(f"{prefix}_{i}") != 1:
            unresolved += 1
    return unresolved


def webhooks_missing(base_url: str, key: str, inbox: str, sessions: list[dict[str, Any]]) -> int:
    """Sessions whose `payment_session.created` never reached the merchant's inbox (each
    counted once, after dedupe by event ID: a delivery may arrive twice)."""
    wanted = {s["id"] for s in sessions}
    seen: set[str] = set()
    after, deadline = 0, time.monotonic() + 60
    while not wanted <= seen and time.monotonic() < deadline:
        found = control(base_url, "GET", f"/_sim/inboxes/{inbox}/deliveries?after={after}&wait_ms=2000", key=key)["data"]
        for received in found:
            after = max(after, received["seq"])
            event = json.loads(received["body"])
            if event["type"] == "payment_session.created":
                seen.add(event["data"]["id"])
    control(base_url, "DELETE", f"/_sim/inboxes/{inbox}", key=key)
    return len(wanted - seen)


def soak(base_url: str, calls: int, seed: int, retries: int, typed_limit: float,
         sent_retries: int | None = None) -> list[dict[str, Any]]:
    """One pass: every runner with `sent_retries` (default `retries`) retries, judged as a
    pass with `retries` retries whose typed failures stay within `typed_limit` of the calls."""
    sent_retries = retries if sent_retries is None else sent_retries
    rows = []
    for n, (language, client, argv) in enumerate(runners(calls)):
        key = f"sk_test_soak_{uuid.uuid4().hex}"
        prefix = f"soak{retries}r{n}"
        inbox = control(base_url, "POST", "/_sim/inboxes", {}, key=key)["id"]
        control(base_url, "POST", "/_sim/faults", {**FAULTS, "seed": seed + n})
        started = time.monotonic()
        results = None
        timed_out = False
        try:
            done = subprocess.run(argv + [base_url, key, str(calls), "64", prefix], capture_output=True, text=True,
                                  timeout=300 + calls // 5, env={**os.environ, "SOAK_MAX_RETRIES": str(sent_retries)})
            if done.returncode == 0:
                results = json.loads(done.stdout.strip().splitlines()[-1])["results"]
            else:
                print(f"{language} {client}: exited with {done.returncode}\n{done.stderr[-2000:]}", file=sys.stderr)
        except subprocess.TimeoutExpired:
            timed_out = True
            print(f"{language} {client}: did not finish in time", file=sys.stderr)
        seconds = time.monotonic() - started
        injected = control(base_url, "GET", "/_sim/faults")
        control(base_url, "POST", "/_sim/faults", {"rate": 0})
        sessions = control(base_url, "GET", "/_sim/payment_sessions", key=key)["data"]
        counts = count(results, sessions, calls, prefix)
        if results is not None:
            counts["unknown unresolved"] = resolve_unknown(base_url, key, results, prefix, language == "Rust")
        sessions = control(base_url, "GET", "/_sim/payment_sessions", key=key)["data"]
        counts["webhooks missing"] = webhooks_missing(base_url, key, inbox, sessions)
        if timed_out:  # a runner that never finished hung; it did not abort
            counts["aborts"], counts["hangs"] = 0, calls
        counts["too many typed failures"] = int(counts["typed failures"] > typed_limit * calls)
        shown = retries if sent_retries == retries else f"{sent_retries} (judged as {retries})"
        row = {"language": language, "client": client, "retries": shown, "calls": calls, "requests": injected["requests"],
               "faults": sum(injected["injected"].values()), "by_kind": injected["injected"], "seconds": round(seconds, 1), **counts}
        rows.append(row)
        print(table_line(row), flush=True)
    return rows


def restart_pass(calls: int, seed: int) -> dict[str, Any]:
    """The Python asyncio runner against a simulator with `--state` that is killed (SIGKILL)
    a second into the run and started again on the same port from its file: every answered
    create must still be there and none made twice (retries meet a refused connection while
    it is down, and a repeat after the restart is answered from the saved record)."""
    import socket
    import tempfile

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    state = pathlib.Path(tempfile.mkdtemp()) / "state.json"

    def start() -> "subprocess.Popen[str]":
        process = subprocess.Popen([str(TARGET / "debug" / "momentpay-sim"), "serve", "--port", str(port), "--state", str(state),
                                    "--stop-with-stdin"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        process.stdout.readline()
        return process

    sim = start()
    base_url = f"http://127.0.0.1:{port}"
    key, prefix = f"sk_test_soak_{uuid.uuid4().hex}", "soakrestart"
    control(base_url, "POST", "/_sim/faults", {**FAULTS, "seed": seed})
    _, client, argv = runners(calls)[3]
    started = time.monotonic()
    runner = subprocess.Popen(argv + [base_url, key, str(calls), "64", prefix], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env={**os.environ, "SOAK_MAX_RETRIES": "12"})
    time.sleep(1.0)
    sim.kill()
    sim.wait()
    sim = start()  # the faults are not part of the state: the rest of the run has none
    try:
        out, err = runner.communicate(timeout=300 + calls // 5)
        results = json.loads(out.strip().splitlines()[-1])["results"] if runner.returncode == 0 else None
        if results is None:
            print(f"restart pass: the runner exited with {runner.returncode}\n{err[-2000:]}", file=sys.stderr)
        sessions = control(base_url, "GET", "/_sim/payment_sessions", key=key)["data"]
    finally:
        sim.terminate()
        sim.wait(timeout=10)
    counts = count(results, sessions, calls, prefix)
    # What this pass proves is durability: nothing lost or made twice across a kill -9, and
    # every unknown outcome resolved with its key. While the simulator is down the calls in
    # flight (64) meet refused connections, and the client's retry budget (issue 29) rightly
    # fails them fast once spent, so up to those 64 may end typed; more would mean the
    # restarted simulator is not serving.
    counts["too many typed failures"] = int(counts["typed failures"] > 64 + 0.01 * calls)
    return {"language": "Python", "client": "AsyncClient, simulator killed and restarted from --state", "retries": 12,
            "calls": calls, "requests": "n/a", "faults": "n/a", "by_kind": {}, "seconds": round(time.monotonic() - started, 1), **counts}


HEADER = ("| language | client | retries | calls | ok | requests | faults injected | typed failures | unknown outcomes | "
          + " | ".join(COLUMNS) + " | seconds |")
RULE = "|---|---|" + "---:|" * (len(COLUMNS) + 8)


def table_line(row: dict[str, Any]) -> str:
    typed = f"{row['typed failures']}" + (" (too many)" if row["too many typed failures"] else "")
    cells = [row["language"], row["client"], row["retries"], row["calls"], row["ok"], row["requests"], row["faults"], typed,
             row["unknown outcomes"], *(row[c] for c in COLUMNS), row["seconds"]]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=10_000, help="calls per client (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="the simulator's fault seed")
    parser.add_argument("--write", help="also write the table to this Markdown file")
    parser.add_argument("--break-retries", action="store_true",
                        help="run the 12-retry pass with retries forced to 0 (the soak must then fail)")
    args = parser.parse_args()
    sim = subprocess.Popen([str(TARGET / "debug" / "momentpay-sim"), "--port", "0"], stdout=subprocess.PIPE, text=True)
    assert sim.stdout is not None
    base_url = sim.stdout.readline().strip().split("=", 1)[1]
    print(f"fault soak: {args.calls} calls per client, 30% faults, simulator at {base_url}\n")
    print(HEADER)
    print(RULE)
    try:
        if args.break_retries:
            retries, limit = PASSES[0]
            rows = soak(base_url, args.calls, args.seed, retries, limit, sent_retries=0)
        else:
            rows = [row for retries, limit in PASSES for row in soak(base_url, args.calls, args.seed, retries, limit)]
            rows.append(restart_pass(args.calls, args.seed))
            print(table_line(rows[-1]), flush=True)
    finally:
        sim.terminate()
        sim.wait(timeout=10)
    kinds = sorted({k for r in rows for k in r["by_kind"]})
    mix = ", ".join(f"{k} {sum(r['by_kind'].get(k, 0) for r in rows)}" for k in kinds)
    print(f"\nfaults injected by kind (all clients): {mix}")
    bad = sum(r[c] for r in rows for c in COLUMNS + ["too many typed failures"])
    if args.write:
        lines = [
            "# Fault soak: latest full run", "",
            f"`soak/run.sh` on {datetime.date.today()}: {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, Node {subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}. "
            f"{args.calls} payment-session creates per client against the simulator with 30% of requests faulted "
            "(client timeout 0.4 s, slow responses 0.6 s, Retry-After 1 s), once with 12 retries (typed failures must "
            "stay under 1%) and once with 1 retry (failures expected, each checked); even-numbered calls bring "
            "their own idempotency key, odd ones use the SDK's.", "",
            HEADER, RULE, *(table_line(r) for r in rows), "",
            f"Faults injected by kind (all clients): {mix}.", "",
            "Counted from each runner's per-call report and the simulator's sessions: a duplicate is a second session "
            "for one call's external reference; lost is a call reported created whose session the server does not hold "
            "(or a call never reported); an untyped failure is an exception that is not the SDK's error type; an abort "
            "is a runner process that died; a hang is a call unfinished after 120 s; definite but applied is a call "
            "that failed without saying its outcome was unknown, yet whose session exists; an unknown outcome is "
            "unresolved unless repeating it with its error's idempotency key gives exactly one session; a webhook "
            "is missing when a session's payment_session.created never reached the merchant's inbox (deduplicated "
            "by event ID).", "",
        ]
        pathlib.Path(args.write).write_text("\n".join(lines))
    print(f"\n{'PASS' if bad == 0 else 'FAIL'}: {bad} duplicates, lost calls, untyped failures, aborts, hangs, "
          "definite failures applied, unresolved unknown outcomes or passes with too many typed failures")
    sys.exit(0 if bad == 0 else 1)


if __name__ == "__main__":
    main()
