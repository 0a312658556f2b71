//! Fault injection for reliability tests: a share of requests is answered
//! 500, delayed past the client's timeout, or stored and then answered as a
//! failure (so the client sees an error for a request that did arrive).

use std::sync::Mutex;
use std::time::Duration;

#[derive(Debug, Default)]
pub struct Faults {
    pub fail_rate: f64,
    pub delay_rate: f64,
    pub drop_rate: f64,
    pub delay: Duration,
    rng: Mutex<Option<fastrand::Rng>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    None,
    /// Answer 500 before doing anything.
    Fail,
    /// Wait `delay` before handling: the client should give up first.
    Delay,
    /// Store, then answer 502 instead of the result.
    DropAfterStore,
}

impl Faults {
    pub fn new(
        fail_rate: f64,
        delay_rate: f64,
        drop_rate: f64,
        delay: Duration,
        seed: u64,
    ) -> Faults {
        Faults {
            fail_rate,
            delay_rate,
            drop_rate,
            delay,
            rng: Mutex::new(Some(fastrand::Rng::with_seed(seed))),
        }
    }

    /// Draws the fault for one request.
    pub fn draw(&self) -> Fault {
        let mut guard = self.rng.lock().unwrap_or_else(|p| p.into_inner());
        let Some(rng) = guard.as_mut() else {
            return Fault::None;
        };
        let x = rng.f64();
        if x < self.fail_rate {
            Fault::Fail
        } else if x < self.fail_rate + self.delay_rate {
            Fault::Delay
        } else if x < self.fail_rate + self.delay_rate + self.drop_rate {
            Fault::DropAfterStore
        } else {
            Fault::None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_roughly_as_configured() {
        let f = Faults::new(0.2, 0.1, 0.05, Duration::ZERO, 7);
        let mut counts = [0usize; 4];
        for _ in 0..10_000 {
            counts[f.draw() as usize] += 1;
        }
        assert!(
            (1800..2200).contains(&counts[Fault::Fail as usize]),
            "{counts:?}"
        );
        assert!(
            (800..1200).contains(&counts[Fault::Delay as usize]),
            "{counts:?}"
        );
        assert!(
            (350..650).contains(&counts[Fault::DropAfterStore as usize]),
            "{counts:?}"
        );
        assert_eq!(Faults::default().draw(), Fault::None);
    }
}
