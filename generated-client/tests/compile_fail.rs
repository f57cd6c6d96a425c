//! What the type system must refuse: a request without a required field,
//! and setting a field the provider rejects on update.

#[test]
fn refused_requests_do_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
