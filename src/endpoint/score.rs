//! `POST /api/ask/score`: the risk-score inquiry that issues a `flowid`
//! (PROTOCOL.md §1).

use super::common::Common;
use super::Form;
use crate::format::digits::decimal;
use crate::format::{is_resident_id, normalise_list_phone};
use crate::input::Reader;
use crate::issue::{IssueCode, Path};
use crate::json::{Json, Object};
use crate::wire::{joined, Params};

/// The optional free-text fields, in wire order after the lists.
const TEXTS: [&str; 7] = [
    "industry",
    "company",
    "job",
    "address_company",
    "emailAddress",
    "QQ",
    "WX",
];
const MAX_TEXT: usize = 128;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreQuery {
    pub common: Common,
    /// 0 unknown, 1 iOS, 2 Android, 3 H5.
    pub os: u8,
    pub device: Option<String>,
    pub idcard: Option<String>,
    pub banknos: Vec<String>,
    /// Normalised phone numbers.
    pub contacts: Vec<String>,
    /// The values of [`TEXTS`], in that order.
    pub texts: [Option<String>; 7],
}

impl Form for ScoreQuery {
    const ENDPOINT: &'static str = "/api/ask/score";
    const FIELDS: &'static [&'static str] = &[
        "userid",
        "mobile",
        "timestamp",
        "random",
        "os",
        "device",
        "idcard",
        "banknos",
        "contacts",
        "industry",
        "company",
        "job",
        "address_company",
        "emailAddress",
        "QQ",
        "WX",
    ];

    fn read(r: &mut Reader, map: &Object<'_>, common: Option<Common>) -> Option<Self> {
        let root = Path::Root;
        let os = r.required(map, &root, "os", |r, v, p| {
            r.integer(v, p, 0..=3).map(|n| n as u8)
        });
        let text =
            |r: &mut Reader, v: &Json<'_>, p: &Path<'_>| r.text(v, p, MAX_TEXT).map(str::to_string);
        let device = r.optional(map, &root, "device", text);
        let idcard = r.optional(map, &root, "idcard", |r, v, p| {
            let s = r.text(v, p, usize::MAX)?;
            if !is_resident_id(s) {
                r.report(
                    p,
                    IssueCode::InvalidId,
                    "must be an 18-character resident ID with a valid check digit",
                );
                return None;
            }
            Some(s.to_string())
        });
        let banknos = r.optional(map, &root, "banknos", |r, v, p| {
            r.list(v, p, |r, v, p| {
                let s = r.text(v, p, usize::MAX)?;
                let digits = (12..=19).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
                if !digits {
                    r.report(
                        p,
                        IssueCode::InvalidId,
                        "must be a card number of 12 to 19 digits",
                    );
                    return None;
                }
                Some(s.to_string())
            })
        });
        let contacts = r.optional(map, &root, "contacts", |r, v, p| {
            r.list(v, p, |r, v, p| {
                let s = r.text(v, p, usize::MAX)?;
                let phone = normalise_list_phone(s);
                if phone.is_none() {
                    r.report(
                        p,
                        IssueCode::InvalidPhone,
                        "must be a phone number of 3 to 20 digits",
                    );
                }
                phone
            })
        });
        let texts = TEXTS.map(|name| r.optional(map, &root, name, text));
        let texts = match texts {
            [a, b, c, d, e, f, g] => [a?, b?, c?, d?, e?, f?, g?],
        };
        Some(ScoreQuery {
            common: common?,
            os: os?,
            device: device?,
            idcard: idcard?,
            banknos: banknos?.unwrap_or_default(),
            contacts: contacts?.unwrap_or_default(),
            texts,
        })
    }

    fn common(&self) -> &Common {
        &self.common
    }

    fn own_params(&self, params: &mut Params) {
        params.push("os", decimal(self.os.into()));
        params.push_opt("device", self.device.as_deref());
        params.push_opt("idcard", self.idcard.as_deref());
        params.push("banknos", joined(&self.banknos));
        params.push("contacts", joined(&self.contacts));
        for (name, value) in TEXTS.iter().zip(&self.texts) {
            params.push_opt(name, value.as_deref());
        }
    }
}

/// The risk band of a score (PROTOCOL.md §1): high [8000, 10000] (reject
/// advised), medium [4000, 8000), low [1, 4000).
pub fn risk_band(score: u64) -> &'static str {
    match score {
        8000.. => "high",
        4000.. => "medium",
        _ => "low",
    }
}

#[cfg(test)]
mod tests {
    use super::risk_band;

    #[test]
    fn risk_bands() {
        let bands: Vec<&str> = [1, 3999, 4000, 7999, 8000, 10_000]
            .into_iter()
            .map(risk_band)
            .collect();
        assert_eq!(bands, ["low", "low", "medium", "medium", "high", "high"]);
    }
}
