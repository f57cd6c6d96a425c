//! The loader and checker on arbitrary text: they must never panic, and
//! every diagnostic must point inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = std::path::Path::new("fuzz.yaml");
    let source = [codegen::SpecSource::new(path, text)];
    // A clean spec must lower, emit and format without panicking too.
    let diags = match codegen::Config::new().index_file(None).generate_sources(&source) {
        Ok(_) => Vec::new(),
        Err(codegen::GenerateError::Spec(d)) => d.0,
        Err(e) => panic!("a spec that checks clean must generate: {e}"),
    };
    // YAML breaks lines at `\n`, `\r\n` and a lone `\r`.
    let lines = text.replace("\r\n", "\n").chars().filter(|c| *c == '\n' || *c == '\r').count() + 1;
    for d in diags {
        assert!(d.pos.line >= 1 && d.pos.column >= 1 && d.pos.line <= lines + 1, "{d}");
    }
});
