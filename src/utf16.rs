//! Text lengths as JavaScript counts them (UTF-16 code units), for
//! handing JS offsets into strings it already holds.

/// The length of `text` in JS string units: one per UTF-8 sequence, two
/// for the four-byte ones (surrogate pairs). Eight bytes at a time: this
/// runs over every megabyte of a data sync's lists.
pub fn utf16_len(text: &str) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut units = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Not a continuation byte (10xxxxxx): bit 7 clear or bit 6 set.
        let starts = (!x >> 7 | x >> 6) & LOW;
        // A four-byte lead (11110xxx) takes a second unit.
        let fours = (x >> 7 & x >> 6 & x >> 5 & x >> 4) & LOW;
        units += (starts.count_ones() + fours.count_ones()) as usize;
    }
    for &b in chunks.remainder() {
        units += usize::from(b & 0xc0 != 0x80) + usize::from(b >= 0xf0);
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_js_does() {
        for text in [
            "",
            "abc",
            "张三",
            "a😀b",
            "0123456789abcdef张😀x",
            &"张三李四😀".repeat(9),
        ] {
            assert_eq!(utf16_len(text), text.encode_utf16().count(), "{text}");
        }
    }
}
