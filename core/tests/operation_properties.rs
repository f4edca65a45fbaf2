//! Properties over every operation of the operation table, with inputs generated from the
//! API description's JSON Schemas: valid ones, almost valid ones (a wrong type, a boundary,
//! a misspelt field, an unknown key) and wild ones (any Unicode, empty and 1 MB strings,
//! integers at and past 2^53 and i64, floats, nulls, nesting up to 10,000 deep).
//!
//! - `prepare` (what `invoke` runs before the network) never panics and answers a request
//!   or a validation error that names a field.
//! - `invoke` against the simulator: a call `prepare` refuses never reaches it; one it
//!   accepts gets a result or a 4xx API error, never a 5xx, a decode or an internal error.
//! - The simulator's handlers, sent the same bodies directly: never a 5xx, never a dropped
//!   connection, every error problem+json.
//!
//! A failure prints the seed and the input; `PROPTEST_CASES` scales the runs.

use momentpay::api::{OPERATIONS, Operation};
use momentpay::operations::{invoke, prepare};
use momentpay::{ErrorKind, RequestOptions};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Map, Value, json};

fn description() -> Value {
    let path = format!("{}/../api/momentpay.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("api/momentpay.json")).expect("json")
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}

/// Generates JSON for a schema, wandering off it at `mutate_rate`.
struct Gen<'a> {
    rng: StdRng,
    defs: &'a Map<String, Value>,
    mutate_rate: f64,
}

const WORDS: &[&str] = &[
    "",
    "a",
    "ZAR",
    "zar",
    "usd",
    "order_1",
    "ps_1",
    "pay_1",
    "cus_1",
    "pmt_1",
    "B-1",
    "é",
    "\u{0}",
    "a b",
    "2026-05-01",
    "2026-02-30",
    "2026-01-31T12:00:00Z",
    "2026-01-31T12:00:0é+",
    "25:00",
    "12:30",
    "+27821234567",
    "alex@example.com",
    "https://shop.example/done",
    "http://shop.example",
    "javascript:alert(1)",
    "../../admin",
    "\r\nX-Evil: 1",
    "😀",
    "ключ",
    "on_demand",
    "scheduled",
    "manual",
    "first_in_series",
    "next_in_series",
    "one_time",
];

impl Gen<'_> {
    fn word(&mut self) -> String {
        match self.rng.random_range(0..10) {
            0 => String::new(),
            1 => (0..self.rng.random_range(1..40))
                .map(|_| char::from_u32(self.rng.random_range(0..0x11_0000)).unwrap_or('?'))
                .collect(),
            2 if self.rng.random_bool(0.05) => "x".repeat(1 << 20),
            3 => "k".repeat(self.rng.random_range(39..520)),
            _ => WORDS[self.rng.random_range(0..WORDS.len())].to_owned(),
        }
    }

    fn number(&mut self) -> Value {
        match self.rng.random_range(0..14) {
            0 => json!(0),
            1 => json!(-1),
            2 => json!(1),
            3 => json!(100),
            4 => json!(5000),
            5 => json!(9_007_199_254_740_991i64),
            6 => json!(9_007_199_254_740_992i64),
            7 => json!(i64::MAX),
            8 => json!(i64::MIN),
            9 => json!(u64::MAX),
            10 => json!(10.5),
            11 => json!(1e308),
            12 => json!(99_999_999),
            _ => json!(self.rng.random::<i64>()),
        }
    }

    /// Any JSON, sometimes nested very deep (built without recursion).
    fn wild(&mut self, depth: usize) -> Value {
        match self.rng.random_range(0..9) {
            0 => Value::Null,
            1 => json!(self.rng.random::<bool>()),
            2 | 3 => self.number(),
            4 | 5 => Value::String(self.word()),
            6 if depth < 6 => Value::Array(
                (0..self.rng.random_range(0..3))
                    .map(|_| self.wild(depth + 1))
                    .collect(),
            ),
            7 if depth < 6 => {
                let mut map = Map::new();
                for _ in 0..self.rng.random_range(0..3) {
                    let key = self.word();
                    let value = self.wild(depth + 1);
                    map.insert(key, value);
                }
                Value::Object(map)
            }
            8 if self.rng.random_bool(0.2) => {
                let levels = [63, 64, 65, 200, 10_000][self.rng.random_range(0..5)];
                let mut value = Value::Null;
                for _ in 0..levels {
                    let mut map = Map::new();
                    map.insert("a".to_owned(), value);
                    value = Value::Object(map);
                }
                value
            }
            _ => Value::Null,
        }
    }

    fn misspell(&mut self, key: &str) -> String {
        let mut chars: Vec<char> = key.chars().collect();
        match self.rng.random_range(0..3) {
            0 if !chars.is_empty() => {
                let at = self.rng.random_range(0..chars.len());
                chars.remove(at);
            }
            1 => chars.push('s'),
            _ => chars.insert(0, '_'),
        }
        chars.into_iter().collect()
    }

    fn value(&mut self, schema: &Value, depth: usize) -> Value {
        if depth > 8 || self.rng.random_bool(self.mutate_rate) {
            return self.wild(depth);
        }
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let name = reference.rsplit('/').next().unwrap_or_default();
            return match self.defs.get(name) {
                Some(def) => self.value(&def.clone(), depth),
                None => Value::Null,
            };
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(options) = schema.get(key).and_then(Value::as_array) {
                let pick = options[self.rng.random_range(0..options.len())].clone();
                return self.value(&pick, depth);
            }
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            return values[self.rng.random_range(0..values.len())].clone();
        }
        if let Some(constant) = schema.get("const") {
            return constant.clone();
        }
        let kind = match schema.get("type") {
            Some(Value::Array(kinds)) => kinds[self.rng.random_range(0..kinds.len())]
                .as_str()
                .unwrap_or("null")
                .to_owned(),
            Some(Value::String(kind)) => kind.clone(),
            _ => return self.wild(depth),
        };
        match kind.as_str() {
            "null" => Value::Null,
            "boolean" => json!(self.rng.random::<bool>()),
            "integer" | "number" => self.number(),
            "string" => Value::String(self.word()),
            "array" => {
                let items = schema.get("items").cloned().unwrap_or(Value::Null);
                Value::Array(
                    (0..self.rng.random_range(0..3))
                        .map(|_| self.value(&items, depth + 1))
                        .collect(),
                )
            }
            "object" => {
                let mut map = Map::new();
                let required: Vec<&str> = schema
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
                    for (name, property) in properties {
                        if required.contains(&name.as_str()) || self.rng.random_bool(0.5) {
                            let key = if self.rng.random_bool(self.mutate_rate / 2.0) {
                                self.misspell(name)
                            } else {
                                name.clone()
                            };
                            let value = self.value(property, depth + 1);
                            map.insert(key, value);
                        }
                    }
                }
                if let Some(extra) = schema.get("additionalProperties").filter(|a| a.is_object()) {
                    for _ in 0..self.rng.random_range(0..4) {
                        let key = self.word();
                        let value = self.value(extra, depth + 1);
                        map.insert(key, value);
                    }
                }
                if self.rng.random_bool(self.mutate_rate / 2.0) {
                    let key = self.word();
                    let value = self.wild(depth + 1);
                    map.insert(key, value);
                }
                Value::Object(map)
            }
            _ => self.wild(depth),
        }
    }
}

/// One generated call: the operation, the path ID, the parameters.
#[derive(Debug, Clone)]
struct Call {
    operation: &'static Operation,
    id: Option<String>,
    params: Value,
}

fn generate(seed: u64, defs: &Map<String, Value>) -> Call {
    let mut rng = StdRng::seed_from_u64(seed);
    let operation = &OPERATIONS[rng.random_range(0..OPERATIONS.len())];
    let mutate_rate = [0.0, 0.05, 0.2, 1.0][rng.random_range(0..4)];
    let mut generator = Gen {
        rng,
        defs,
        mutate_rate,
    };
    let id = operation
        .path_param
        .map(|_| match generator.rng.random_range(0..6) {
            0 => generator.word(),
            _ => format!(
                "{}_{}",
                ["ps", "pay", "pr", "pp", "bcus", "bacc", "bill"][generator.rng.random_range(0..7)],
                generator.rng.random_range(1..1000)
            ),
        });
    let params = match operation.request.and_then(|r| defs.get(r)) {
        Some(schema) => generator.value(&schema.clone(), 1),
        None if generator.rng.random_bool(0.7) => Value::Null,
        None => generator.wild(1),
    };
    Call {
        operation,
        id,
        params,
    }
}

/// Runs `check` on generated calls in a thread with a large stack (serde_json drops a
/// deeply nested value recursively).
fn run_property(
    name: &'static str,
    default_cases: u32,
    check: impl Fn(Call) -> Result<(), TestCaseError> + Send + 'static,
) {
    std::thread::Builder::new()
        .name(name.to_owned())
        .stack_size(256 << 20)
        .spawn(move || {
            let description = description();
            let defs = description["schemas"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            let config = Config {
                cases: cases(default_cases),
                failure_persistence: None,
                ..Config::default()
            };
            let mut runner = TestRunner::new(config);
            let result = runner.run(&any::<u64>(), |seed| {
                let call = generate(seed, &defs);
                let id = call
                    .id
                    .as_deref()
                    .map(|id| id.chars().take(60).collect::<String>());
                let shown = format!(
                    "seed {seed}: {} id={id:?} params={}",
                    call.operation.name,
                    truncate(&call.params)
                );
                check(call).map_err(|e| {
                    let reason: String = e.to_string().chars().take(600).collect();
                    TestCaseError::fail(format!("{reason}\n  at {shown}"))
                })
            });
            if let Err(failure) = result {
                panic!("{name}: {failure}");
            }
        })
        .expect("thread")
        .join()
        .expect("the property held");
}

fn truncate(value: &Value) -> String {
    let mut text = String::new();
    let mut stack = vec![value];
    // A flat, bounded rendering: no recursion over deep values.
    while let Some(v) = stack.pop() {
        if text.len() > 400 {
            text.push('…');
            break;
        }
        match v {
            Value::Object(map) => {
                text.push('{');
                for (k, child) in map.iter().rev() {
                    stack.push(child);
                    text.push_str(&format!("{k:?}:"));
                }
            }
            Value::Array(items) => {
                text.push('[');
                stack.extend(items.iter().rev());
            }
            other => text.push_str(&format!(
                "{} ",
                other.to_string().chars().take(40).collect::<String>()
            )),
        }
    }
    text
}

#[test]
fn prepare_never_panics_and_names_a_field() {
    run_property("prepare", 3000, |call| {
        let outcome = std::panic::catch_unwind(|| {
            prepare(call.operation.name, call.id.as_deref(), call.params.clone())
        });
        let Ok(result) = outcome else {
            return Err(TestCaseError::fail("prepare panicked"));
        };
        match result {
            Ok(request) => {
                prop_assert_eq!(request.method, call.operation.method);
                if let Some(body) = &request.body {
                    prop_assert!(
                        serde_json::from_slice::<Value>(body).is_ok(),
                        "the body is JSON"
                    );
                }
            }
            Err(error) => {
                prop_assert_eq!(error.kind(), ErrorKind::Validation, "{}", error);
                let field = error.field().unwrap_or_default();
                prop_assert!(!field.is_empty(), "names a field: {}", error);
                prop_assert!(
                    error.message().contains(field),
                    "the message names it: {}",
                    error
                );
            }
        }
        Ok(())
    });
}

#[test]
fn invoke_sends_only_what_prepare_accepts_and_never_meets_a_5xx() {
    let sim = momentpay_sim::Simulator::start().expect("simulator");
    let base_url = sim.base_url().to_owned();
    let app = sim.app().clone();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    run_property("invoke", 400, move |call| {
        let key = momentpay_sim::Simulator::new_test_key();
        let client = momentpay::Client::builder()
            .api_key(&key)
            .base_url(&base_url)
            .max_retries(0)
            .build()
            .expect("client");
        let prepared = prepare(call.operation.name, call.id.as_deref(), call.params.clone());
        let result = runtime.block_on(invoke(
            &client,
            call.operation.name,
            call.id.as_deref(),
            call.params.clone(),
            RequestOptions::new(),
        ));
        let fingerprint = momentpay_sim::server::key_fingerprint(&key);
        let sent = app
            .request_log()
            .iter()
            .filter(|r| r.merchant.as_deref() == Some(fingerprint.as_str()))
            .count();
        match (prepared, result) {
            (Err(refused), Err(error)) => {
                prop_assert_eq!(sent, 0, "a refused call reached the simulator");
                prop_assert_eq!(error.field(), refused.field());
            }
            (Err(refused), Ok(_)) => {
                return Err(TestCaseError::fail(format!(
                    "prepare refused ({refused}) but invoke succeeded"
                )));
            }
            (Ok(_), Ok(_)) => prop_assert_eq!(sent, 1),
            (Ok(_), Err(error)) => {
                prop_assert!(
                    matches!(
                        error.kind(),
                        ErrorKind::NotFound
                            | ErrorKind::Conflict
                            | ErrorKind::InvalidRequest
                            | ErrorKind::RequestFailed
                            | ErrorKind::PermissionDenied
                    ),
                    "an accepted call ended in {:?}: {}",
                    error.kind(),
                    error
                );
                prop_assert!(
                    error.status().is_some_and(|s| (400..500).contains(&s)),
                    "{}",
                    error
                );
            }
        }
        Ok(())
    });
}

#[test]
fn the_simulators_handlers_never_fail_and_always_answer_problem_json() {
    let sim = momentpay_sim::Simulator::start().expect("simulator");
    let base_url = sim.base_url().to_owned();
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let http = reqwest::Client::new();
    run_property("simulator handlers", 600, move |call| {
        let key = momentpay_sim::Simulator::new_test_key();
        let mut path = call.operation.path.to_owned();
        if let (Some(param), Some(id)) = (call.operation.path_param, &call.id) {
            let encoded: String = url::form_urlencoded::byte_serialize(id.as_bytes()).collect();
            path = path.replace(&format!("{{{param}}}"), &encoded);
        }
        let method =
            reqwest::Method::from_bytes(call.operation.method.as_str().as_bytes()).expect("method");
        // The same bytes the SDK would send, without its checks: through a deep-value
        // safe serialiser (serde_json recurses; a value past 64 levels is sent as text).
        let body = match momentpay::validation::nesting::check_value(&call.params, "params") {
            Ok(()) => call.params.to_string(),
            Err(_) => format!("{}{{}}{}", "{\"a\":".repeat(200), "}".repeat(200)),
        };
        let response = runtime.block_on(async {
            let mut request = http
                .request(method.clone(), format!("{base_url}{path}"))
                .bearer_auth(&key);
            if method != reqwest::Method::GET {
                request = request
                    .header("content-type", "application/json")
                    .body(body);
            }
            request.send().await
        });
        let response = match response {
            Ok(response) => response,
            // reqwest would not even build the request (a URL past its limits): nothing to ask.
            Err(error) if error.is_builder() => return Ok(()),
            Err(error) => {
                return Err(TestCaseError::fail(format!(
                    "no answer: {}",
                    error.to_string().chars().take(200).collect::<String>()
                )));
            }
        };
        let status = response.status().as_u16();
        let shown_path: String = path.chars().take(80).collect();
        prop_assert!(status < 500, "{} {}: {}", method, shown_path, status);
        // hyper itself refuses a request target over 64 KiB with a bare 414 (the simulator
        // answers problem+json from 8 KiB up to there).
        let transport_refusal = status == 414 && path.len() > 65_000;
        if status >= 400 && !transport_refusal {
            let content_type = response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned();
            prop_assert_eq!(content_type.as_str(), "application/problem+json");
            let text = runtime.block_on(response.text()).unwrap_or_default();
            prop_assert!(
                momentpay::Problem::parse(text.as_bytes()).is_some(),
                "a problem document: {}",
                text
            );
        }
        Ok(())
    });
}
