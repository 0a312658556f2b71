//! What must be reported for each instalment, and by when (PROTOCOL.md §8).

use crate::format::{Date, DateTime};

/// `resultType` of an effect feedback.
pub const ON_TIME: u8 = 1;
pub const M1_OVERDUE: u8 = 2;
pub const M3_FRAUD: u8 = 3;
pub const REPAID_LATE: u8 = 4;
pub const DUE_UNPAID: u8 = 5;

/// Days after the due date on which "due and unpaid" is reported.
const UNPAID_DAYS: std::ops::RangeInclusive<i64> = 1..=30;
const M1_DAY: i64 = 31;
const M3_DAY: i64 = 91;
/// Each day's reports are due by 05:00 the next day.
const DEADLINE_SECS_AFTER_MIDNIGHT: i64 = 5 * 3600;

/// One instalment: its number, due date and, if repaid, when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instalment {
    pub stage_id: u16,
    pub due: Date,
    pub paid_at: Option<DateTime>,
}

/// One report due: for `day`, by `deadline` (UNIX seconds).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    pub day: Date,
    pub deadline: i64,
    pub stage_id: u16,
    pub result_type: u8,
    /// UNIX seconds: the repayment time, or 00:00 of `day` in China.
    pub process_time: i64,
}

/// 05:00 China time of the day after `day`.
pub fn deadline_of(day: Date) -> i64 {
    day.add_days(1).start_unix_seconds() + DEADLINE_SECS_AFTER_MIDNIGHT
}

/// The reports due on the days `from..=as_of`, ordered by day, then stage.
/// A repayment after `as_of` is not known yet on `as_of`, so it is ignored.
pub fn reports_due(instalments: &[Instalment], from: Date, as_of: Date) -> Vec<Due> {
    let mut out = Vec::new();
    for inst in instalments {
        let paid = inst.paid_at.filter(|p| p.date <= as_of);
        let report = |day: Date, result_type: u8, process_time: i64| Due {
            day,
            deadline: deadline_of(day),
            stage_id: inst.stage_id,
            result_type,
            process_time,
        };
        // Days on which the instalment is still unpaid at the end of the day.
        let unpaid_until = paid.map_or(as_of, |p| p.date.add_days(-1)).min(as_of);
        let first = from.max(inst.due.add_days(1));
        let mut day = first;
        while day <= unpaid_until {
            let k = day.days_since(inst.due);
            let result_type = match k {
                k if UNPAID_DAYS.contains(&k) => Some(DUE_UNPAID),
                M1_DAY => Some(M1_OVERDUE),
                M3_DAY => Some(M3_FRAUD),
                _ => None,
            };
            if let Some(t) = result_type {
                out.push(report(day, t, day.start_unix_seconds()));
            }
            // Past day 91 nothing more is due until the repayment.
            if k >= M3_DAY {
                break;
            }
            day = day.add_days(1);
        }
        if let Some(p) = paid.filter(|p| p.date >= from) {
            let t = if p.date <= inst.due {
                ON_TIME
            } else {
                REPAID_LATE
            };
            out.push(report(p.date, t, p.unix_seconds()));
        }
    }
    out.sort_by_key(|d| (d.day, d.stage_id));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn inst(due: &str, paid: Option<&str>) -> Instalment {
        Instalment {
            stage_id: 1,
            due: d(due),
            paid_at: paid.map(|p| DateTime::parse(p).unwrap()),
        }
    }

    /// (day, resultType) of every report from `from` to `as_of`.
    fn days(i: &Instalment, from: &str, as_of: &str) -> Vec<(String, u8)> {
        reports_due(std::slice::from_ref(i), d(from), d(as_of))
            .into_iter()
            .map(|r| (r.day.to_string(), r.result_type))
            .collect()
    }

    #[test]
    fn repaid_on_or_before_the_due_day() {
        let on_due = inst("20261130", Some("20261130235959"));
        assert_eq!(
            days(&on_due, "20261101", "20261231"),
            [("20261130".into(), ON_TIME)]
        );
        let early = inst("20261130", Some("20261105093000"));
        let reports = reports_due(std::slice::from_ref(&early), d("20261101"), d("20261231"));
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].day, d("20261105"));
        assert_eq!(
            reports[0].process_time,
            DateTime::parse("20261105093000").unwrap().unix_seconds()
        );
        assert_eq!(
            reports[0].deadline,
            DateTime::parse("20261106050000").unwrap().unix_seconds()
        );
    }

    #[test]
    fn never_repaid() {
        let i = inst("20261130", None);
        let all = days(&i, "20261101", "20270630");
        assert_eq!(all.len(), 32);
        assert_eq!(all[0], ("20261201".into(), DUE_UNPAID), "k = 1");
        assert_eq!(all[29], ("20261230".into(), DUE_UNPAID), "k = 30");
        assert_eq!(all[30], ("20261231".into(), M1_OVERDUE), "k = 31");
        assert_eq!(all[31], ("20270301".into(), M3_FRAUD), "k = 91");
        assert!(days(&i, "20270101", "20270228").is_empty(), "k = 32 … 90");
        assert!(days(&i, "20270302", "20270630").is_empty(), "after k = 91");
        assert!(
            days(&i, "20261130", "20261130").is_empty(),
            "nothing on the due day itself"
        );
    }

    #[test]
    fn repaid_late() {
        let next_day = inst("20261130", Some("20261201080000"));
        assert_eq!(
            days(&next_day, "20261101", "20261231"),
            [("20261201".into(), REPAID_LATE)]
        );
        let after_m1 = inst("20261130", Some("20270115120000"));
        let all = days(&after_m1, "20261101", "20270630");
        assert_eq!(all.len(), 32);
        assert_eq!(all[30], ("20261231".into(), M1_OVERDUE));
        assert_eq!(all[31], ("20270115".into(), REPAID_LATE));
        let day_31 = inst("20261130", Some("20261231000001"));
        assert_eq!(
            days(&day_31, "20261231", "20261231"),
            [("20261231".into(), REPAID_LATE)],
            "the 4 replaces the 2"
        );
    }

    #[test]
    fn a_repayment_after_as_of_is_not_known_yet() {
        let i = inst("20261130", Some("20261210120000"));
        assert_eq!(
            days(&i, "20261205", "20261205"),
            [("20261205".into(), DUE_UNPAID)]
        );
        assert_eq!(
            days(&i, "20261210", "20261210"),
            [("20261210".into(), REPAID_LATE)]
        );
    }

    #[test]
    fn month_ends_and_leap_days() {
        let i = inst("20280131", None);
        let all = days(&i, "20280101", "20281231");
        assert_eq!(
            all[28],
            ("20280229".into(), DUE_UNPAID),
            "k = 29 is the leap day"
        );
        assert_eq!(all[30], ("20280302".into(), M1_OVERDUE));
        assert_eq!(all[31], ("20280501".into(), M3_FRAUD));
    }

    #[test]
    fn ordered_by_day_then_stage() {
        let plan = [
            Instalment {
                stage_id: 2,
                due: d("20261130"),
                paid_at: None,
            },
            Instalment {
                stage_id: 1,
                due: d("20261031"),
                paid_at: None,
            },
        ];
        let got: Vec<(String, u16)> = reports_due(&plan, d("20261201"), d("20261201"))
            .into_iter()
            .map(|r| (r.day.to_string(), r.stage_id))
            .collect();
        assert_eq!(
            got,
            [("20261201".to_string(), 1), ("20261201".to_string(), 2)]
        );
    }
}
