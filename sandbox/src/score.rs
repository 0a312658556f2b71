//! A deterministic score for `/api/ask/score`, so tests can rely on it.

use fbi_sdk::sign::md5_hex;

/// Risk factors the sandbox may name in `scoreDesc`.
const FACTORS: [&str; 6] = ["101", "201", "202", "305", "402", "503"];

pub struct Score {
    pub flowid: String,
    pub score: u32,
    pub score_desc: String,
}

/// The same applicant (userid, mobile, idcard) always gets the same score;
/// every inquiry gets its own flowid.
pub fn score(
    appkey: &str,
    timestamp: &str,
    random: &str,
    userid: &str,
    mobile: &str,
    idcard: &str,
) -> Score {
    let digest = md5_hex(&[
        userid.as_bytes(),
        b"|",
        mobile.as_bytes(),
        b"|",
        idcard.as_bytes(),
    ]);
    let n = u32::from_str_radix(&digest[..8], 16).unwrap_or(0);
    let factors: Vec<&str> = FACTORS
        .iter()
        .enumerate()
        .filter(|(i, _)| n >> (i + 20) & 1 == 1)
        .map(|(_, f)| *f)
        .collect();
    Score {
        flowid: md5_hex(&[
            appkey.as_bytes(),
            b"|",
            timestamp.as_bytes(),
            b"|",
            random.as_bytes(),
        ]),
        score: 1 + n % 10_000,
        score_desc: if factors.is_empty() {
            FACTORS[0].to_string()
        } else {
            factors.join(";")
        },
    }
}
