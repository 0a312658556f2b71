//! The four endpoints (PROTOCOL.md §1, §5–§7): each module reads its form
//! from JSON-shaped input, with every rule of its table, and lists its wire
//! parameters.

pub mod common;
pub mod data_sync;
pub mod effect;
pub mod process;
pub mod score;

use crate::input::Reader;
use crate::issue::{Issue, Path};
use crate::json::{Json, Object};
use crate::wire::Params;
use common::Common;

/// A request form that has passed every rule of its endpoint.
pub trait Form: Sized {
    /// The path of the endpoint, e.g. `/api/feedback/process`.
    const ENDPOINT: &'static str;
    /// Every field the input may carry, common ones included.
    const FIELDS: &'static [&'static str];

    /// Reads the endpoint's own fields; `None` when any of them, or the
    /// common part read before, is invalid.
    fn read(r: &mut Reader, map: &Object<'_>, common: Option<Common>) -> Option<Self>;

    fn common(&self) -> &Common;

    /// The endpoint's own parameters, in wire order.
    fn own_params(&self, params: &mut Params);
}

/// Reads a form, reporting every problem of the input at once.
pub fn parse<F: Form>(input: &Json<'_>) -> Result<F, Vec<Issue>> {
    let mut r = Reader::default();
    let root = Path::Root;
    let form = r.object(input, &root, F::FIELDS).and_then(|map| {
        let common = Common::read(&mut r, map, &root);
        F::read(&mut r, map, common)
    });
    match form {
        Some(form) if r.issues.is_empty() => Ok(form),
        _ => Err(r.issues.into_vec()),
    }
}

/// The issues of an input; empty when it is valid.
pub fn validate<F: Form>(input: &Json<'_>) -> Vec<Issue> {
    parse::<F>(input).err().unwrap_or_default()
}

/// The four endpoints, for code that receives a path: the sandbox, and
/// `send()` of a request built elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Score,
    Sync,
    Process,
    Effect,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Score, Kind::Sync, Kind::Process, Kind::Effect];

    pub fn path(self) -> &'static str {
        match self {
            Kind::Score => score::ScoreQuery::ENDPOINT,
            Kind::Sync => data_sync::DataSync::ENDPOINT,
            Kind::Process => process::ProcessFeedback::ENDPOINT,
            Kind::Effect => effect::EffectFeedback::ENDPOINT,
        }
    }

    pub fn of(path: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.path() == path)
    }

    /// The issues of `input` as a form of this endpoint.
    pub fn validate(self, input: &Json<'_>) -> Vec<Issue> {
        match self {
            Kind::Score => validate::<score::ScoreQuery>(input),
            Kind::Sync => validate::<data_sync::DataSync>(input),
            Kind::Process => validate::<process::ProcessFeedback>(input),
            Kind::Effect => validate::<effect::EffectFeedback>(input),
        }
    }
}
