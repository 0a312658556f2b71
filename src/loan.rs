//! A loan of a lender's loan book (API.md "Reporting schedule"), read and
//! checked like a form, and the effect feedbacks it owes each day.

use crate::endpoint::common::{read_flowid, Common};
use crate::format::Date;
use crate::input::Reader;
use crate::issue::{Issue, IssueCode, Path};
use crate::json::Json;
use crate::schedule::{reports_due, Instalment};

pub const FIELDS: [&str; 5] = ["flowid", "userid", "mobile", "repaymentTimes", "repayments"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loan {
    pub flowid: String,
    pub userid: String,
    pub mobile: String,
    pub instalments: Vec<Instalment>,
}

/// One effect feedback due: for `day`, by `deadline` (UNIX seconds).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EffectEvent {
    pub day: Date,
    pub deadline: i64,
    pub flowid: String,
    pub userid: String,
    pub mobile: String,
    pub stage_id: u16,
    pub result_type: u8,
    pub process_time: i64,
}

impl Loan {
    pub fn read(input: &Json<'_>) -> Result<Loan, Vec<Issue>> {
        let mut r = Reader::default();
        let root = Path::Root;
        let loan = r.object(input, &root, &FIELDS).and_then(|map| {
            let common = Common::read(&mut r, map, &root);
            let flowid = r.required(map, &root, "flowid", read_flowid);
            let plan = r.required(map, &root, "repaymentTimes", |r, v, p| {
                let dates = r.list(v, p, |r, v, p| r.date(v, p))?;
                if dates.len() > 360 {
                    r.report(p, IssueCode::TooLong, "must have at most 360 instalments");
                    return None;
                }
                let mut ok = true;
                for i in 1..dates.len() {
                    if dates[i] <= dates[i - 1] {
                        r.report(&p.index(i), IssueCode::NotAscending, "must be later than the date before it");
                        ok = false;
                    }
                }
                ok.then_some(dates)
            });
            // Bound stageId by the plan as given, even when its dates are bad.
            let stages = map.get("repaymentTimes").and_then(Json::as_array).map_or(360, <[_]>::len) as u64;
            let repayments = r.optional(map, &root, "repayments", |r, v, p| {
                let list = r.list(v, p, |r, v, p| {
                    let entry = r.object(v, p, &["stageId", "paidAt"])?;
                    let stage = r.required(entry, p, "stageId", |r, v, p| r.integer(v, p, 1..=stages));
                    let paid_at = r.required(entry, p, "paidAt", |r, v, p| r.datetime(v, p));
                    Some((stage? as u16, paid_at?))
                })?;
                let mut seen = std::collections::HashSet::new();
                let mut ok = true;
                for (i, (stage, _)) in list.iter().enumerate() {
                    if !seen.insert(*stage) {
                        let must = "must not repeat a stageId: give the time the instalment was fully repaid";
                        r.report(&p.index(i).field("stageId"), IssueCode::Forbidden, must);
                        ok = false;
                    }
                }
                ok.then_some(list)
            });
            let common = common?;
            let repayments = repayments?.unwrap_or_default();
            let instalments = plan?
                .into_iter()
                .enumerate()
                .map(|(i, due)| {
                    let stage_id = i as u16 + 1;
                    let paid_at = repayments.iter().find(|(s, _)| *s == stage_id).map(|(_, at)| *at);
                    Instalment { stage_id, due, paid_at }
                })
                .collect();
            Some(Loan { flowid: flowid?, userid: common.userid, mobile: common.mobile, instalments })
        });
        match loan {
            Some(loan) if r.issues.is_empty() => Ok(loan),
            _ => Err(r.issues.into_vec()),
        }
    }

    /// The effect feedbacks due on the days `from..=as_of`, by day, then stage.
    pub fn events(&self, from: Date, as_of: Date) -> Vec<EffectEvent> {
        reports_due(&self.instalments, from, as_of)
            .into_iter()
            .map(|due| EffectEvent {
                day: due.day,
                deadline: due.deadline,
                flowid: self.flowid.clone(),
                userid: self.userid.clone(),
                mobile: self.mobile.clone(),
                stage_id: due.stage_id,
                result_type: due.result_type,
                process_time: due.process_time,
            })
            .collect()
    }
}

/// A `yyyyMMdd` argument (`asOf`, `from`), as an issue when it is not one.
pub fn day_argument(name: &str, text: &str) -> Result<Date, Issue> {
    Date::parse(text).map_err(|p| Issue {
        path: name.to_string(),
        code: p.code,
        message: format!("{name} {}", p.must),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn loan() -> Value {
        json!({"flowid": "f1", "userid": "u1", "mobile": "13580211212",
               "repaymentTimes": ["20261130", "20261231"],
               "repayments": [{"stageId": 1, "paidAt": "20261201093000"}]})
    }

    #[test]
    fn a_loan_owes_its_reports() {
        let l = Loan::read(&Json::from(&loan())).unwrap();
        let day = |s| Date::parse(s).unwrap();
        let events = l.events(day("20261201"), day("20261201"));
        assert_eq!(events.len(), 1);
        assert_eq!((events[0].stage_id, events[0].result_type), (1, 4));
        assert_eq!(events[0].userid, "u1");
    }

    #[test]
    fn bad_loans_are_issues() {
        let codes = |v: Value| -> Vec<(String, &'static str)> {
            Loan::read(&Json::from(&v))
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|i| (i.path, i.code.as_str()))
                .collect()
        };
        let mut bad = loan();
        bad["repaymentTimes"] = json!(["20261231", "20261130"]);
        bad["repayments"] = json!([{"stageId": 3, "paidAt": "2026"}, {"stageId": 1, "paidAt": "20261201093000"}, {"stageId": 1, "paidAt": "20261202093000"}]);
        assert_eq!(
            codes(bad),
            [
                ("repaymentTimes[1]".to_string(), "not_ascending"),
                ("repayments[0].stageId".into(), "out_of_range"),
                ("repayments[0].paidAt".into(), "invalid_datetime"),
            ]
        );
        let mut twice = loan();
        twice["repayments"] = json!([{"stageId": 1, "paidAt": "20261201093000"}, {"stageId": 1, "paidAt": "20261202093000"}]);
        assert_eq!(
            codes(twice),
            [("repayments[1].stageId".to_string(), "forbidden")]
        );
        assert_eq!(codes(json!({})).len(), 4);
        assert_eq!(
            day_argument("asOf", "20261301").unwrap_err().code,
            IssueCode::InvalidDate
        );
    }
}
