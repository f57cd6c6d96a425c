//! The digest the generated index uses to prove, at compile time, that the
//! code it includes was generated from this checkout's spec files.

/// FNV-1a (64 bits) of `bytes`, computable in a `const` (the generator
/// computes the same over the spec text it read).
pub const fn spec_digest(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::spec_digest;

    #[test]
    fn known_fnv1a_values() {
        assert_eq!(spec_digest(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(spec_digest(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(spec_digest(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
