//! Idempotency keys the client generates for a call the caller gave none.

/// A new idempotency key: a random (version 4) UUID, 36 characters, from
/// the operating system's random source. Keys need to be unique: two calls
/// with one key get one answer.
pub fn idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No OS source: a time-seeded generator, still 128 bits wide.
        bytes = fastrand::u128(..).to_le_bytes();
    }
    let bits = u128::from_le_bytes(bytes);
    // Version 4, variant 10.
    let bits = (bits & !(0xf << 76) & !(0x3 << 62)) | (0x4 << 76) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::idempotency_key;

    #[test]
    fn keys_are_distinct_version_4_uuids() {
        let keys: std::collections::BTreeSet<String> =
            (0..1000).map(|_| idempotency_key()).collect();
        assert_eq!(keys.len(), 1000);
        for k in &keys {
            assert_eq!(k.len(), 36, "{k}");
            let parts: Vec<&str> = k.split('-').collect();
            assert_eq!(
                parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
                [8, 4, 4, 4, 12]
            );
            assert!(parts[2].starts_with('4'), "{k}");
            assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"), "{k}");
            assert!(k.chars().all(|c| c == '-' || c.is_ascii_hexdigit()), "{k}");
        }
    }
}
