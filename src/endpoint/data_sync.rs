//! `POST /api/data/synch`: the data the applicant authorised, as JSON lists
//! with short keys (PROTOCOL.md §5).

use super::common::Common;
use super::Form;
use crate::format::{normalise_list_phone, Date, DateTime, UnixSeconds, Yuan};
use crate::input::Reader;
use crate::issue::{IssueCode, Path};
use crate::json::{Json, Object};
use crate::wire::{json_list, Params};
use serde::Serialize;

/// A contact (`phoneList`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Contact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    pub m: String,
}

/// A call (`callLIst`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Call {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    pub m: String,
    #[serde(serialize_with = "as_text")]
    pub t: DateTime,
}

/// A text message (`msgReceList`, `msgSendList`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Message {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    pub m: String,
    #[serde(serialize_with = "as_text")]
    pub t: DateTime,
    pub c: String,
}

/// A social-security or housing-fund payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Payment {
    #[serde(serialize_with = "as_text")]
    pub t: Date,
    #[serde(serialize_with = "as_text")]
    pub j: Yuan,
}

/// A card bill: due date, when it was repaid (absent while unpaid), amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bill {
    #[serde(serialize_with = "as_text")]
    pub t1: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub t2: Option<RepaidAt>,
    #[serde(serialize_with = "as_text")]
    pub j: Yuan,
}

/// `t2`: a datetime, or a date alone as in the platform's own example.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RepaidAt {
    #[serde(serialize_with = "as_text")]
    Date(Date),
    #[serde(serialize_with = "as_text")]
    DateTime(DateTime),
}

fn as_text<T: std::fmt::Display, S: serde::Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

const MAX_CONTENT: usize = 2000;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lists {
    pub phone_list: Vec<Contact>,
    pub call_list: Vec<Call>,
    pub msg_rece_list: Vec<Message>,
    pub msg_send_list: Vec<Message>,
    pub social_security_list: Vec<Payment>,
    pub public_fund_list: Vec<Payment>,
    pub credit_bill_list: Vec<Bill>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataSync {
    pub common: Common,
    /// When the data was pulled.
    pub process_time: UnixSeconds,
    pub lists: Lists,
}

/// The lists in wire order, by JS name and wire name: the same but for
/// `callLIst`, as the platform spells it.
pub const LISTS: [(&str, &str); 7] = [
    ("phoneList", "phoneList"),
    ("callList", "callLIst"),
    ("msgReceList", "msgReceList"),
    ("msgSendList", "msgSendList"),
    ("socialSecurityList", "socialSecurityList"),
    ("publicFundList", "publicFundList"),
    ("creditBillList", "creditBillList"),
];

impl Form for DataSync {
    const ENDPOINT: &'static str = "/api/data/synch";
    const FIELDS: &'static [&'static str] = &[
        "userid",
        "mobile",
        "timestamp",
        "random",
        "processTime",
        "phoneList",
        "callList",
        "msgReceList",
        "msgSendList",
        "socialSecurityList",
        "publicFundList",
        "creditBillList",
    ];

    fn read(r: &mut Reader, map: &Object<'_>, common: Option<Common>) -> Option<Self> {
        let root = Path::Root;
        let process_time = r.required(map, &root, "processTime", |r, v, p| r.seconds(v, p));
        let phone_list = read_list(r, map, "phoneList", read_contact);
        let call_list = read_list(r, map, "callList", read_call);
        let msg_rece_list = read_list(r, map, "msgReceList", read_message);
        let msg_send_list = read_list(r, map, "msgSendList", read_message);
        let social_security_list = read_list(r, map, "socialSecurityList", read_payment);
        let public_fund_list = read_list(r, map, "publicFundList", read_payment);
        let credit_bill_list = read_list(r, map, "creditBillList", read_bill);
        let lists = Lists {
            phone_list: phone_list?,
            call_list: call_list?,
            msg_rece_list: msg_rece_list?,
            msg_send_list: msg_send_list?,
            social_security_list: social_security_list?,
            public_fund_list: public_fund_list?,
            credit_bill_list: credit_bill_list?,
        };
        if lists == Lists::default() {
            let names: Vec<&str> = LISTS.iter().map(|(js, _)| *js).collect();
            let must = format!(
                "must have at least one entry in one of {}",
                names.join(", ")
            );
            r.report(&root, IssueCode::Empty, &must);
            return None;
        }
        Some(DataSync {
            common: common?,
            process_time: process_time?,
            lists,
        })
    }

    fn common(&self) -> &Common {
        &self.common
    }

    fn own_params(&self, params: &mut Params) {
        let l = &self.lists;
        params.push("processTime", self.process_time.wire());
        let lists = [
            json_list(&l.phone_list),
            json_list(&l.call_list),
            json_list(&l.msg_rece_list),
            json_list(&l.msg_send_list),
            json_list(&l.social_security_list),
            json_list(&l.public_fund_list),
            json_list(&l.credit_bill_list),
        ];
        for ((_, wire), list) in LISTS.iter().zip(lists) {
            params.push_opt(wire, list);
        }
    }
}

type Entry<T> = fn(&mut Reader, &Json<'_>, &Path<'_>) -> Option<T>;

/// An optional list: empty when absent, `None` when any entry is invalid.
fn read_list<T>(r: &mut Reader, map: &Object<'_>, name: &str, entry: Entry<T>) -> Option<Vec<T>> {
    r.optional(map, &Path::Root, name, |r, v, p| r.list(v, p, entry))
        .map(Option::unwrap_or_default)
}

/// `n`: a name, optional since unknown callers have none.
fn read_name(r: &mut Reader, map: &Object<'_>, p: &Path<'_>) -> Option<Option<String>> {
    r.optional(map, p, "n", |r, v, p| {
        r.text(v, p, usize::MAX).map(str::to_string)
    })
}

/// `m`: a phone number, normalised.
fn read_phone(r: &mut Reader, map: &Object<'_>, p: &Path<'_>) -> Option<String> {
    r.required(map, p, "m", |r, v, p| {
        let phone = normalise_list_phone(r.text(v, p, usize::MAX)?);
        if phone.is_none() {
            r.report(
                p,
                IssueCode::InvalidPhone,
                "must be a phone number: 3 to 20 digits after separators and +86 are removed",
            );
        }
        phone
    })
}

fn read_contact(r: &mut Reader, v: &Json<'_>, p: &Path<'_>) -> Option<Contact> {
    let map = r.object(v, p, &["n", "m"])?;
    let n = read_name(r, map, p);
    let m = read_phone(r, map, p);
    Some(Contact { n: n?, m: m? })
}

fn read_call(r: &mut Reader, v: &Json<'_>, p: &Path<'_>) -> Option<Call> {
    let map = r.object(v, p, &["n", "m", "t"])?;
    let n = read_name(r, map, p);
    let m = read_phone(r, map, p);
    let t = r.required(map, p, "t", |r, v, p| r.datetime(v, p));
    Some(Call {
        n: n?,
        m: m?,
        t: t?,
    })
}

fn read_message(r: &mut Reader, v: &Json<'_>, p: &Path<'_>) -> Option<Message> {
    let map = r.object(v, p, &["n", "m", "t", "c"])?;
    let n = read_name(r, map, p);
    let m = read_phone(r, map, p);
    let t = r.required(map, p, "t", |r, v, p| r.datetime(v, p));
    let c = r.required(map, p, "c", |r, v, p| {
        r.text(v, p, MAX_CONTENT).map(str::to_string)
    });
    Some(Message {
        n: n?,
        m: m?,
        t: t?,
        c: c?,
    })
}

fn read_payment(r: &mut Reader, v: &Json<'_>, p: &Path<'_>) -> Option<Payment> {
    let map = r.object(v, p, &["t", "j"])?;
    let t = r.required(map, p, "t", |r, v, p| r.date(v, p));
    let j = r.required(map, p, "j", |r, v, p| r.amount(v, p));
    Some(Payment { t: t?, j: j? })
}

fn read_bill(r: &mut Reader, v: &Json<'_>, p: &Path<'_>) -> Option<Bill> {
    let map = r.object(v, p, &["t1", "t2", "j"])?;
    let t1 = r.required(map, p, "t1", |r, v, p| r.date(v, p));
    let t2 = r.optional(map, p, "t2", |r, v, p| {
        let s = r.text(v, p, usize::MAX)?;
        let at = match s.len() {
            8 => Date::parse(s).map(RepaidAt::Date),
            _ => DateTime::parse(s).map(RepaidAt::DateTime),
        };
        r.check(p, at)
    });
    let j = r.required(map, p, "j", |r, v, p| r.amount(v, p));
    Some(Bill {
        t1: t1?,
        t2: t2?,
        j: j?,
    })
}
