//! The t+1 rule: every scored flowid needs its process feedback, and every
//! approved loan's instalments their effect reports (PROTOCOL.md §8), by
//! 05:00 of the next day. A lender with anything overdue is switched off.

use crate::store::{EffectRow, Store};
use fbi_sdk::format::{Date, DateTime};
use fbi_sdk::schedule::{deadline_of, reports_due, Instalment, ON_TIME, REPAID_LATE};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Obligation {
    /// `/api/feedback/process` or `/api/feedback/effect`.
    pub endpoint: &'static str,
    pub flowid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage_id: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_type: Option<u8>,
    /// The day the report is for, `yyyyMMdd`.
    pub day: String,
    /// UNIX seconds.
    pub deadline: i64,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Compliance {
    /// Still to be sent, deadline not passed.
    pub open: Vec<Obligation>,
    /// Missing past the deadline: scoring is switched off while any is here.
    pub overdue: Vec<Obligation>,
}

/// The obligations of `appkey` at `now` (UNIX seconds, business clock).
pub fn compliance(store: &Store, appkey: &str, now: i64) -> rusqlite::Result<Compliance> {
    let mut out = Compliance::default();
    let mut file = |o: Obligation| {
        if now > o.deadline {
            out.overdue.push(o);
        } else {
            out.open.push(o);
        }
    };

    // The latest decision on each flowid wins; an approval carries the plan.
    let mut plans: HashMap<String, Option<Vec<Date>>> = HashMap::new();
    for (flowid, params) in store.decisions(appkey)? {
        let plan = (params["resultType"] == "2")
            .then(|| plan_of(&params))
            .flatten();
        plans.insert(flowid, plan);
    }
    for (flowid, received_ms) in store.scores(appkey)? {
        if !plans.contains_key(&flowid) {
            let day = Date::of_unix_seconds(received_ms.div_euclid(1000));
            file(Obligation {
                endpoint: "/api/feedback/process",
                flowid,
                stage_id: None,
                result_type: None,
                day: day.to_string(),
                deadline: deadline_of(day),
            });
        }
    }

    let effects = store.effects(appkey)?;
    let sent: HashSet<(&str, i64, i64, Date)> = effects
        .iter()
        .map(|e| {
            (
                e.flowid.as_str(),
                e.stage_id,
                e.result_type,
                Date::of_unix_seconds(e.process_time),
            )
        })
        .collect();
    let today = Date::of_unix_seconds(now);
    let mut flowids: Vec<&String> = plans.keys().collect();
    flowids.sort();
    for flowid in flowids {
        let Some(Some(plan)) = plans.get(flowid) else {
            continue;
        };
        let instalments = instalments(flowid, plan, &effects);
        let Some(first_due) = plan.first() else {
            continue;
        };
        for due in reports_due(&instalments, *first_due, today) {
            let key = (
                flowid.as_str(),
                i64::from(due.stage_id),
                i64::from(due.result_type),
                due.day,
            );
            if !sent.contains(&key) {
                file(Obligation {
                    endpoint: "/api/feedback/effect",
                    flowid: flowid.clone(),
                    stage_id: Some(due.stage_id),
                    result_type: Some(due.result_type),
                    day: due.day.to_string(),
                    deadline: due.deadline,
                });
            }
        }
    }
    Ok(out)
}

/// `repaymentTimes` as stored (`[20171101;20171201]`).
fn plan_of(params: &serde_json::Value) -> Option<Vec<Date>> {
    let text = params["repaymentTimes"].as_str()?;
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    inner.split(';').map(|d| Date::parse(d).ok()).collect()
}

/// The plan's instalments, each repaid when its first 1 or 4 says so.
fn instalments(flowid: &str, plan: &[Date], effects: &[EffectRow]) -> Vec<Instalment> {
    plan.iter()
        .enumerate()
        .map(|(i, due)| {
            let stage_id = i as u16 + 1;
            let paid_at = effects
                .iter()
                .filter(|e| {
                    e.flowid == flowid
                        && e.stage_id == i64::from(stage_id)
                        && (e.result_type == i64::from(ON_TIME)
                            || e.result_type == i64::from(REPAID_LATE))
                })
                .map(|e| DateTime::of_unix_seconds(e.process_time))
                .min();
            Instalment {
                stage_id,
                due: *due,
                paid_at,
            }
        })
        .collect()
}
