//! Phone numbers: the applicant's mobile, and contacts' numbers in lists.

/// `^1[3-9][0-9]{9}$`: a mainland mobile, checked exactly as given.
pub fn is_mobile(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b[2..].iter().all(u8::is_ascii_digit)
}

/// A contact's number as the platform wants it: separators (space, `-`,
/// `(`, `)`, `.`) and a leading `+86` or `0086` removed, then 3–20 digits.
/// Landlines and service numbers are real contacts, so they pass.
pub fn normalise_list_phone(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
        .collect();
    let digits = compact
        .strip_prefix("+86")
        .or_else(|| compact.strip_prefix("0086"))
        .unwrap_or(&compact);
    let ok = (3..=20).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| digits.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles() {
        assert!(is_mobile("13580211212"));
        assert!(is_mobile("19912345678"));
        for bad in [
            "12580211212",
            "1358021121",
            "135802112123",
            "+8613580211212",
            "1358021121a",
            "135 8021 1212",
        ] {
            assert!(!is_mobile(bad), "{bad}");
        }
    }

    #[test]
    fn list_phones_are_normalised() {
        let n = |s: &str| normalise_list_phone(s);
        assert_eq!(n("156-1111-1111").as_deref(), Some("15611111111"));
        assert_eq!(n("+86 156 1111 1111").as_deref(), Some("15611111111"));
        assert_eq!(n("0086(156)1111.1111").as_deref(), Some("15611111111"));
        assert_eq!(n("010-12345678").as_deref(), Some("01012345678"));
        assert_eq!(n("10086").as_deref(), Some("10086"));
        assert_eq!(n("110").as_deref(), Some("110"));
        assert_eq!(n("12"), None);
        assert_eq!(n("123456789012345678901"), None);
        assert_eq!(n("1561111111x"), None);
        assert_eq!(
            n("+1 650 555 0100"),
            None,
            "only the China prefix is removed"
        );
        assert_eq!(n("--"), None);
    }
}
