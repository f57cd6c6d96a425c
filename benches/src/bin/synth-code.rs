//! Writes the synthetic API of N operations, and the code both generators
//! make from it, for the compile-time benchmark of `build_times.sh`:
//! `synth-code N DIR` writes `DIR/synthetic.yaml`, `DIR/openapi.yaml`,
//! `DIR/ours.rs` (calling `generated_client::runtime`) and
//! `DIR/progenitor.rs`.

use std::path::Path;

use benches::{pipeline, synth};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(e) = run(&args) {
        eprintln!("synth-code: {e}");
        std::process::exit(1);
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let [n, dir] = args else {
        return Err("usage: synth-code N DIR".into());
    };
    let n: usize = n.parse().map_err(|e| format!("N: {e}"))?;
    let dir = Path::new(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let write = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text).map_err(|e| format!("{name}: {e}"))
    };
    let yaml = synth::yaml_spec(n);
    let openapi = synth::openapi_yaml(n);
    write("synthetic.yaml", &yaml)?;
    write("openapi.yaml", &openapi)?;
    write(
        "ours.rs",
        &pipeline::ours_with_runtime("synthetic.yaml", &yaml, "generated_client::runtime")?,
    )?;
    write("progenitor.rs", &pipeline::progenitor(&openapi)?)?;
    Ok(())
}
