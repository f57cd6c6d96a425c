//! The "whatever `check` accepts compiles" property runs at build time
//! (`build.rs` compiles the accepted random specs into this crate). This
//! keeps it from passing vacuously: enough random specs must be accepted
//! for their compilation to prove something.

#[test]
fn enough_random_specs_are_accepted_to_prove_something() {
    let (accepted, tried) = integration_tests::random_specs::ACCEPTED;
    assert!(tried >= 100, "only {tried} random specs tried");
    assert!(
        accepted as u64 * 5 >= tried,
        "only {accepted} of {tried} random specs accepted: the generator mostly writes specs `check` refuses"
    );
}

#[test]
fn the_accepted_specs_generate_whole_clients() {
    // Each accepted module is a whole client (not an empty stub), and
    // those with request types validate them.
    let source = integration_tests::random_specs::SOURCES;
    assert!(
        source
            .iter()
            .filter(|s| s.contains("pub struct Client"))
            .count()
            >= 20
    );
    assert!(
        source
            .iter()
            .filter(|s| s.contains("pub fn validate_into"))
            .count()
            >= 10
    );
}
