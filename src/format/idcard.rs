//! Resident identity card numbers (GB 11643-1999).

/// 18 characters: 17 digits and a check character (a digit or `X`) that
/// matches the ISO 7064 MOD 11-2 checksum of the first 17.
pub fn is_resident_id(text: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let b = text.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(&c, w)| u32::from(c - b'0') * w)
        .sum();
    b[17] == CHECK[(sum % 11) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums() {
        // The standard's own example, and one whose check character is X.
        assert!(is_resident_id("11010519491231002X"));
        assert!(is_resident_id("440524188001010014"));
        assert!(!is_resident_id("110105194912310021"), "wrong check digit");
        assert!(!is_resident_id("11010519491231002x"), "lowercase x");
        assert!(!is_resident_id("1101051949123100"), "too short");
        assert!(!is_resident_id("11010519491231002X0"), "too long");
        assert!(!is_resident_id("1101051949123100２X"), "full-width digit");
    }
}
