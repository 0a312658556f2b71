//! Any instalments and days: the schedule never panics, and keeps to one
//! report per instalment per day, in order.
#![no_main]

use arbitrary::Arbitrary;
use fbi_sdk::format::{Date, DateTime};
use fbi_sdk::schedule::{reports_due, Instalment};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Case {
    instalments: Vec<(u16, i16, Option<(i16, u32)>)>,
    from: i16,
    span: u16,
}

fuzz_target!(|case: Case| {
    let base = Date::from_ymd(2026, 1, 1).unwrap();
    let plan: Vec<Instalment> = case
        .instalments
        .iter()
        .take(360)
        .map(|(stage, due, paid)| Instalment {
            stage_id: *stage,
            due: base.add_days(i64::from(*due)),
            paid_at: paid.map(|(d, s)| {
                DateTime::of_unix_seconds(
                    base.add_days(i64::from(d)).start_unix_seconds() + i64::from(s % 86_400),
                )
            }),
        })
        .collect();
    let from = base.add_days(i64::from(case.from));
    let as_of = from.add_days(i64::from(case.span % 1000));
    let events = reports_due(&plan, from, as_of);
    for pair in events.windows(2) {
        assert!((pair[0].day, pair[0].stage_id) <= (pair[1].day, pair[1].stage_id));
    }
    for e in &events {
        assert!(e.day >= from && e.day <= as_of);
    }
});
