//! Decimal digits without `core::fmt`, whose machinery cost about 100 ns a
//! number in wasm: a small request writes some forty numbers, a data sync
//! tens of thousands of dates.

/// The last `N` decimal digits of `n`, zero-padded, as ASCII.
pub fn padded<const N: usize>(mut n: u64) -> [u8; N] {
    let mut digits = [b'0'; N];
    for d in digits.iter_mut().rev() {
        *d = b'0' + (n % 10) as u8;
        n /= 10;
    }
    digits
}

/// Appends `n` in decimal.
pub fn push_decimal(out: &mut String, mut n: u64) {
    let mut digits = [0; 20];
    let mut first = digits.len();
    loop {
        first -= 1;
        digits[first] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 || first == 0 {
            break;
        }
    }
    out.push_str(ascii(&digits[first..]));
}

/// `n` in decimal.
pub fn decimal(n: u64) -> String {
    let mut out = String::with_capacity(20);
    push_decimal(&mut out, n);
    out
}

/// ASCII digits as text (they always are).
pub fn ascii(digits: &[u8]) -> &str {
    std::str::from_utf8(digits).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_fmt_writes_them() {
        for n in [0, 7, 10, 99, 1_513_688_850_127, u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
        assert_eq!(&padded::<4>(7), b"0007");
        assert_eq!(&padded::<2>(2017), b"17");
        assert_eq!(ascii(&padded::<3>(42)), "042");
    }
}
