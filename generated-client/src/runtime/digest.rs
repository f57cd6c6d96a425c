//! The digest the generated index uses to prove, at compile time, that the
//! code it includes was generated from this checkout's spec files.

/// A 64-bit FNV-1a-style digest of `bytes`, over little-endian 8-byte words
/// then the remaining bytes, computable in a `const` (the generator
/// computes the same over the spec text it read). Words rather than bytes
/// keep compile-time evaluation of a large spec within rustc's limits.
pub const fn spec_digest(mut bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    while let [a, b, c, d, e, f, g, h, rest @ ..] = bytes {
        let word = u64::from_le_bytes([*a, *b, *c, *d, *e, *f, *g, *h]);
        hash = (hash ^ word).wrapping_mul(PRIME);
        hash ^= hash >> 29;
        bytes = rest;
    }
    while let [a, rest @ ..] = bytes {
        hash = (hash ^ *a as u64).wrapping_mul(PRIME);
        bytes = rest;
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::spec_digest;

    #[test]
    fn every_byte_counts() {
        assert_eq!(spec_digest(b""), 0xcbf2_9ce4_8422_2325);
        let base = spec_digest(b"provider:\n  name: x\n");
        assert_ne!(base, spec_digest(b"provider:\n  name: y\n"));
        assert_ne!(base, spec_digest(b"provider:\n  name: x\n\n"));
        assert_ne!(spec_digest(b"abcdefgh"), spec_digest(b"abcdefgi"));
        assert_ne!(spec_digest(b"abcdefghi"), spec_digest(b"abcdefghj"));
    }
}
