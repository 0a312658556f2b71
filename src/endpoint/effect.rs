//! `POST /api/feedback/effect`: the repayment outcome of one instalment
//! (PROTOCOL.md §7).

use super::common::{read_flowid, Common};
use super::Form;
use crate::format::digits::decimal;
use crate::format::UnixSeconds;
use crate::input::Reader;
use crate::issue::Path;
use crate::json::Object;
use crate::wire::Params;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EffectFeedback {
    pub common: Common,
    pub flowid: String,
    /// Instalment number, 1 for a single-payment loan.
    pub stage_id: u16,
    /// 1 on time, 2 M1 overdue, 3 M3 fraud, 4 repaid late, 5 due and unpaid.
    pub result_type: u8,
    pub process_time: UnixSeconds,
}

impl Form for EffectFeedback {
    const ENDPOINT: &'static str = "/api/feedback/effect";
    const FIELDS: &'static [&'static str] = &[
        "userid",
        "mobile",
        "timestamp",
        "random",
        "flowid",
        "stageId",
        "resultType",
        "processTime",
    ];

    fn read(r: &mut Reader, map: &Object<'_>, common: Option<Common>) -> Option<Self> {
        let root = Path::Root;
        let flowid = r.required(map, &root, "flowid", read_flowid);
        let stage_id = r.required(map, &root, "stageId", |r, v, p| {
            r.integer(v, p, 1..=360).map(|n| n as u16)
        });
        let result_type = r.required(map, &root, "resultType", |r, v, p| {
            r.integer(v, p, 1..=5).map(|n| n as u8)
        });
        let process_time = r.required(map, &root, "processTime", |r, v, p| r.seconds(v, p));
        Some(EffectFeedback {
            common: common?,
            flowid: flowid?,
            stage_id: stage_id?,
            result_type: result_type?,
            process_time: process_time?,
        })
    }

    fn common(&self) -> &Common {
        &self.common
    }

    fn own_params(&self, params: &mut Params) {
        params.push("flowid", self.flowid.as_str());
        params.push("stageId", decimal(self.stage_id.into()));
        params.push("resultType", decimal(self.result_type.into()));
        params.push("processTime", self.process_time.wire());
    }
}
