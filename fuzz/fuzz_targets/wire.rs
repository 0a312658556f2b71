//! Any request body, as the sandbox receives it: decoding it into a form and
//! checking it with each endpoint's rules never panics.
#![no_main]

use fbi_sdk::endpoint::Kind;
use fbi_sdk::wire::to_input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
    let input = to_input(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    for kind in Kind::ALL {
        let _ = kind.validate(&input);
    }
});
