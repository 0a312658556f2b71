//! fbi-sdk: builds, validates and signs requests for the FBI risk
//! platform's lending API (`../shared/spec/PROTOCOL.md`).
//!
//! The core is plain Rust: [`endpoint`] reads and checks each endpoint's
//! form, [`format`] holds the value formats, [`wire`] the encodings,
//! [`sign`] the signature and [`request`] puts them together. Only the
//! `wasm` module (built for `wasm32`) knows about JavaScript.

pub mod config;
pub mod endpoint;
pub mod format;
pub mod input;
pub mod issue;
pub mod json;
pub mod loan;
pub mod request;
pub mod schedule;
pub mod sign;
pub mod utf16;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
