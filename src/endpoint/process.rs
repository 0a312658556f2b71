//! `POST /api/feedback/process`: the lender's decision on an application
//! (PROTOCOL.md §6).

use super::common::{read_flowid, Common};
use super::Form;
use crate::format::digits::decimal;
use crate::format::{Date, UnixSeconds};
use crate::input::Reader;
use crate::issue::{IssueCode, Path};
use crate::json::{Json, Object};
use crate::wire::{bracketed, Params};

/// `resultType` 2: the only decision with a repayment plan.
pub const APPROVE_LOAN: u8 = 2;

/// Decisions that state an amount: approve loan, approve first credit line,
/// approve limit increase, system limit cut.
fn states_money(result_type: u8) -> bool {
    matches!(result_type, 2 | 4 | 6 | 7)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessFeedback {
    pub common: Common,
    pub flowid: String,
    pub result_type: u8,
    pub process_time: UnixSeconds,
    /// Whole yuan.
    pub money: Option<u32>,
    /// For an approved loan: one due date per instalment.
    pub plan: Option<Vec<Date>>,
    pub reason: Option<String>,
}

impl Form for ProcessFeedback {
    const ENDPOINT: &'static str = "/api/feedback/process";
    const FIELDS: &'static [&'static str] = &[
        "userid",
        "mobile",
        "timestamp",
        "random",
        "flowid",
        "resultType",
        "processTime",
        "money",
        "stages",
        "repaymentTimes",
        "reason",
    ];

    fn read(r: &mut Reader, map: &Object<'_>, common: Option<Common>) -> Option<Self> {
        let root = Path::Root;
        let flowid = r.required(map, &root, "flowid", read_flowid);
        let result_type = r.required(map, &root, "resultType", |r, v, p| {
            r.integer(v, p, 1..=8).map(|n| n as u8)
        });
        let process_time = r.required(map, &root, "processTime", |r, v, p| r.seconds(v, p));

        let money = |r: &mut Reader, v: &Json<'_>, p: &Path<'_>| {
            r.integer(v, p, 0..=u64::from(u32::MAX)).map(|n| n as u32)
        };
        let money = match result_type {
            Some(t) if states_money(t) => r.required(map, &root, "money", money).map(Some),
            _ => r.optional(map, &root, "money", money),
        };

        let stages = |r: &mut Reader, v: &Json<'_>, p: &Path<'_>| r.integer(v, p, 1..=360);
        let dates =
            |r: &mut Reader, v: &Json<'_>, p: &Path<'_>| r.list(v, p, |r, v, p| r.date(v, p));
        let reason =
            |r: &mut Reader, v: &Json<'_>, p: &Path<'_>| r.text(v, p, 500).map(str::to_string);
        let (plan, reason) = match result_type {
            Some(APPROVE_LOAN) => {
                let stages = r.required(map, &root, "stages", stages);
                let plan = r.required(map, &root, "repaymentTimes", dates);
                r.forbid(
                    map,
                    &root,
                    "reason",
                    "must be left out when resultType is 2 (approve loan)",
                );
                let plan = plan.filter(|plan| match (stages, process_time) {
                    (Some(stages), Some(t)) => check_plan(r, plan, stages, t),
                    _ => true,
                });
                (plan.map(Some), Some(None))
            }
            Some(_) => {
                let only_for_loans = "is only for resultType 2 (approve loan)";
                r.forbid(map, &root, "stages", only_for_loans);
                r.forbid(map, &root, "repaymentTimes", only_for_loans);
                (Some(None), r.optional(map, &root, "reason", reason))
            }
            None => {
                // The decision is unknown: still check what is there.
                let _ = r.optional(map, &root, "stages", stages);
                let _ = r.optional(map, &root, "repaymentTimes", dates);
                let _ = r.optional(map, &root, "reason", reason);
                (None, None)
            }
        };

        Some(ProcessFeedback {
            common: common?,
            flowid: flowid?,
            result_type: result_type?,
            process_time: process_time?,
            money: money?,
            plan: plan?,
            reason: reason?,
        })
    }

    fn common(&self) -> &Common {
        &self.common
    }

    fn own_params(&self, params: &mut Params) {
        params.push("flowid", self.flowid.as_str());
        params.push("resultType", decimal(self.result_type.into()));
        params.push("processTime", self.process_time.wire());
        params.push_opt("money", self.money.map(|m| m.to_string()));
        if let Some(plan) = &self.plan {
            params.push("stages", decimal(plan.len() as u64));
            params.push("repaymentTimes", bracketed(plan));
        }
        params.push_opt("reason", self.reason.as_deref());
    }
}

/// The plan has `stages` dates, strictly ascending, none before the day the
/// decision was made (in China time).
fn check_plan(r: &mut Reader, plan: &[Date], stages: u64, decided: UnixSeconds) -> bool {
    let root = Path::Root;
    let field = root.field("repaymentTimes");
    let mut ok = true;
    if plan.len() as u64 != stages {
        let must = format!("must have one date per instalment: `stages` is {stages}");
        r.report(&field, IssueCode::CountMismatch, &must);
        ok = false;
    }
    let first_day = Date::of_unix_seconds(decided.0);
    for (i, day) in plan.iter().enumerate() {
        if i > 0 && *day <= plan[i - 1] {
            r.report(
                &field.index(i),
                IssueCode::NotAscending,
                "must be later than the date before it",
            );
            ok = false;
        }
        if *day < first_day {
            r.report(
                &field.index(i),
                IssueCode::OutOfRange,
                "must not be before the day of processTime (China time)",
            );
            ok = false;
        }
    }
    ok
}
