//! The sandbox's business clock: it starts where `--now` says and runs on,
//! and tests can move it. Only the platform's rules (days, deadlines) read
//! it; the ±300 s timestamp check uses the real time, which clients send.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Default)]
pub struct Clock {
    /// Business time minus real time, in milliseconds.
    offset_ms: AtomicI64,
}

pub fn real_now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl Clock {
    pub fn starting_at(now_ms: Option<i64>) -> Clock {
        let clock = Clock::default();
        if let Some(ms) = now_ms {
            clock.set(ms);
        }
        clock
    }

    pub fn now_ms(&self) -> i64 {
        real_now_ms() + self.offset_ms.load(Ordering::Relaxed)
    }

    pub fn set(&self, now_ms: i64) {
        self.offset_ms
            .store(now_ms - real_now_ms(), Ordering::Relaxed);
    }
}
