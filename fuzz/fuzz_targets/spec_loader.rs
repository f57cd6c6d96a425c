//! The loader and checker on arbitrary text: they must never panic, and
//! every diagnostic must point inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = std::path::Path::new("fuzz.yaml");
    let diags = match codegen::spec::load_str(path, text) {
        Ok(loaded) => {
            let diags = codegen::check::check(&loaded);
            if diags.is_empty() {
                // A clean spec must lower and emit without panicking too.
                let provider = codegen::model::lower(&loaded);
                let tokens = codegen::emit::provider(&provider, &codegen::emit::EmitOptions::default());
                let _ = codegen::write::format_code("fuzz.yaml", tokens);
            }
            diags
        }
        Err(d) => d,
    };
    // YAML breaks lines at `\n`, `\r\n` and a lone `\r`.
    let lines = text.replace("\r\n", "\n").chars().filter(|c| *c == '\n' || *c == '\r').count() + 1;
    for d in diags {
        assert!(d.pos.line >= 1 && d.pos.column >= 1 && d.pos.line <= lines + 1, "{d}");
    }
});
