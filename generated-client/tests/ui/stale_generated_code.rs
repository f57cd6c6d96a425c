// The index generated from a spec checks, when the crate compiles, that
// the spec file is still the one the code was generated from. Here the
// spec was edited (another checkout's build left its code behind): the
// crate does not compile, and the message says what to do.
const _: () = assert!(
    generated_client::runtime::spec_digest(include_bytes!("stale_spec.yaml")) == 0x0b6e5faff5a6a076,
    "the generated `example` module was not generated from this checkout's stale_spec.yaml (another checkout shares this target dir?): touch stale_spec.yaml and build again"
);

fn main() {}
