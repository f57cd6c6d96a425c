//! What the compiler must refuse: a request without a required field,
//! a request or patch decoded from JSON instead of built, setting a field
//! the provider rejects on update, a value for a trigger that takes none,
//! and generated code whose
//! spec file changed since it was generated (the index's digest check).

#[test]
fn refused_requests_do_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
