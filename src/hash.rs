//! FNV-1a, the one hash whose exact values are part of the output.
//!
//! Its values must never change: generated short codes (`content::shortlinks`) are FNV-1a
//! of the page's key, the search index's shard and own-file names (`search::index`) are
//! FNV-1a of the word, and `themes/default/static/loa-search.js` computes the same 32-bit
//! hash in the browser to find a word's shard. A different function would renumber every
//! short code already printed on a poster and break every published search index.
//!
//! Hand-written rather than a crate: each variant is one fold, and the `fnv` crate has no
//! 32-bit variant.

/// 32-bit FNV-1a over the UTF-8 bytes of `text`, as `fnv1a` in `loa-search.js`.
pub fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

/// 64-bit FNV-1a of bytes, for change detection (a page's front matter between two saves).
pub(crate) fn fnv1a_bytes(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values of the FNV specification, and a Vietnamese word (multi-byte UTF-8,
    /// as every search key is).
    #[test]
    fn values_are_pinned() {
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
        assert_eq!(fnv1a("foobar"), 0xbf9c_f968);
        assert_eq!(fnv1a("đường"), 0x677f_261c);
        assert_eq!(fnv1a_bytes(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_bytes(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_bytes(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
