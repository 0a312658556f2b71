//! Request nonces: 16 decimal digits from the platform's CSPRNG
//! (`crypto.getRandomValues`), fetched a pool at a time, since one call per
//! request cost more than building a small request.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;
}

/// Random words not yet used; each is used once.
struct Pool {
    words: [u32; 256],
    left: usize,
}

thread_local! {
    static POOL: RefCell<Pool> = const { RefCell::new(Pool { words: [0; 256], left: 0 }) };
}

impl Pool {
    fn refill(&mut self) -> Result<(), JsValue> {
        let mut bytes = [0u8; 1024];
        get_random_values(&mut bytes)?;
        for (word, chunk) in self.words.iter_mut().zip(bytes.chunks_exact(4)) {
            *word = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        self.left = self.words.len();
        Ok(())
    }

    /// Eight random decimal digits.
    fn digits(&mut self) -> Result<u32, JsValue> {
        if self.left == 0 {
            self.refill()?;
        }
        self.left -= 1;
        Ok(self.words[self.left] % 100_000_000)
    }
}

/// A fresh nonce; fails only where there is no `crypto.getRandomValues`.
pub fn nonce() -> Result<String, JsValue> {
    POOL.with_borrow_mut(|pool| Ok(format!("{:08}{:08}", pool.digits()?, pool.digits()?)))
}
