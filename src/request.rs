//! From a checked form to a signed request (API.md "Building").

use crate::endpoint::Form;
use crate::format::digits::decimal;
use crate::sign::{string_to_sign, SignScope};
use crate::wire::Params;

/// What one attempt sends: the parameters in wire order, the body, and what
/// the signature was computed from. Holds no secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedRequest {
    pub endpoint: &'static str,
    pub url: String,
    pub params: Params,
    pub body: String,
    pub signature: String,
    /// Before the key is added.
    pub string_to_sign: String,
}

/// When, and with which nonce, an attempt is made. The caller brings the
/// clock and the randomness, so a build can be repeated exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub timestamp_ms: u64,
    pub random: String,
}

/// The parameters of `form`, common ones first, in wire order, unsigned.
pub fn unsigned_params<F: Form>(form: &F, appkey: &str, stamp: &Stamp) -> Params {
    let common = form.common();
    let mut params = Params::default();
    params.push("appkey", appkey);
    params.push("timestamp", decimal(stamp.timestamp_ms));
    params.push("random", stamp.random.as_str());
    params.push("userid", common.userid.as_str());
    params.push("mobile", common.mobile.as_str());
    form.own_params(&mut params);
    params
}

/// Signs `params` for `endpoint`. `signature_of` turns the string to sign
/// into the signature (the default cipher and MD5, a caller's cipher, or a
/// remote signer); its error is passed on.
pub fn sign<E>(
    params: Params,
    endpoint: &'static str,
    base_url: &str,
    scope: SignScope,
    signature_of: impl FnOnce(&str) -> Result<String, E>,
) -> Result<SignedRequest, E> {
    let string_to_sign = string_to_sign(params.iter(), scope);
    let signature = signature_of(&string_to_sign)?;
    Ok(with_signature(
        params,
        endpoint,
        base_url,
        string_to_sign,
        signature,
    ))
}

/// Puts a signature, however obtained, into `params` and encodes the body.
pub fn with_signature(
    mut params: Params,
    endpoint: &'static str,
    base_url: &str,
    string_to_sign: String,
    signature: String,
) -> SignedRequest {
    // Wire order: appkey, timestamp, random, signature, userid, mobile, …
    params.insert(3, "signature", signature.clone());
    SignedRequest {
        endpoint,
        url: [base_url, endpoint].concat(),
        body: params.form_body(),
        params,
        signature,
        string_to_sign,
    }
}
