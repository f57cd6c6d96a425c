//! `codegen-mock` serves a provider to any HTTP client: it prints the base
//! URL, answers, and logs each request with the rule it broke.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// The server process, killed however the test ends (a process left
/// running would hold the test's output open).
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_cli_serves_a_provider_and_logs_what_broke() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_codegen-mock"))
        .args(["--provider", "razorpay", "--port", "0"])
        .args(["--spec", concat!(env!("CARGO_MANIFEST_DIR"), "/../spec")])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("runs");
    let stdout = child.stdout.take().expect("stdout");
    let _running = Running(child);
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a first line").expect("text");
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in {first:?}"))
        .to_string();
    let http = reqwest::Client::new();
    let ok = http
        .patch(format!("{url}/v1/orders/order_DaaS6LOUAASb7Y"))
        .basic_auth("key", Some("secret"))
        .header("content-type", "application/json")
        .body(r#"{"notes": {"a": "1"}}"#)
        .send()
        .await
        .expect("answered");
    assert_eq!(ok.status(), 200);
    let refused = http
        .patch(format!("{url}/v1/orders/order_DaaS6LOUAASb7Y"))
        .header("content-type", "application/json")
        .body(r#"{"notes": {}}"#)
        .send()
        .await
        .expect("answered");
    // Razorpay documents a bad key as a 400 with its own message.
    assert_eq!(refused.status(), 400);
    let logged: Vec<String> = lines.by_ref().take(2).map(|l| l.expect("text")).collect();
    assert_eq!(logged[0], "PATCH /v1/orders/order_DaaS6LOUAASb7Y -> 200");
    assert_eq!(
        logged[1],
        "PATCH /v1/orders/order_DaaS6LOUAASb7Y -> 400 (broke: authentication: no `Authorization` header)"
    );
}

#[test]
fn other_specs_than_the_built_in_ones_are_refused() {
    let dir = std::env::temp_dir().join(format!("mock-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    std::fs::write(dir.join("razorpay.yaml"), "provider: {}\n").expect("written");
    let out = Command::new(env!("CARGO_BIN_EXE_codegen-mock"))
        .args(["--provider", "razorpay", "--spec"])
        .arg(&dir)
        .output()
        .expect("runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("differs from the spec this mock was built from"),
        "{err}"
    );
    let unknown = Command::new(env!("CARGO_BIN_EXE_codegen-mock"))
        .args(["--provider", "nope"])
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no provider `nope`"));
}
