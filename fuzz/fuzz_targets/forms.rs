//! Any JSON as any form: validation and building never panic, and a form
//! that passes builds a request whose body decodes to its parameters.
#![no_main]

use fbi_sdk::endpoint::{
    data_sync::DataSync, effect::EffectFeedback, parse, process::ProcessFeedback,
    score::ScoreQuery, Form,
};
use fbi_sdk::loan::Loan;
use fbi_sdk::request::{sign, unsigned_params, Stamp};
use fbi_sdk::sign::{default_signature, Secret, SignScope};
use libfuzzer_sys::fuzz_target;
use fbi_sdk::json::Json;

fn check<F: Form>(input: &Json<'_>) {
    let Ok(form) = parse::<F>(input) else { return };
    let stamp = Stamp {
        timestamp_ms: 1_513_688_850_127,
        random: "1".into(),
    };
    let params = unsigned_params(&form, "ak", &stamp);
    let secret = Secret::new("s");
    let req: Result<_, ()> = sign(params, F::ENDPOINT, "http://x", SignScope::All, |s| {
        Ok(default_signature(s, &secret))
    });
    let req = req.unwrap();
    let decoded: Vec<(String, String)> = form_urlencoded::parse(req.body.as_bytes())
        .into_owned()
        .collect();
    let params: Vec<(String, String)> = req
        .params
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    assert_eq!(decoded, params);
}

fuzz_target!(|data: &[u8]| {
    // As the wasm boundary reads input: JSON text, strings borrowed.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(input) = Json::parse(text) else {
        return;
    };
    check::<ScoreQuery>(&input);
    check::<DataSync>(&input);
    check::<ProcessFeedback>(&input);
    check::<EffectFeedback>(&input);
    if let Ok(loan) = Loan::read(&input) {
        let first = loan
            .instalments
            .first()
            .map(|i| i.due)
            .unwrap_or(fbi_sdk::format::Date::from_ymd(2026, 1, 1).unwrap());
        let _ = loan.events(first.add_days(-10), first.add_days(400));
    }
});
