//! How long the user has been away, on a clock that keeps counting while the laptop
//! sleeps. The page's own timers stop during suspend and are throttled when the window
//! is hidden, so the decision to lock is made here.

use std::sync::Mutex;
use std::time::Duration;

/// A clock that only moves forward and counts time spent suspended.
pub trait Clock: Send + Sync {
    /// Time since some fixed point in the past.
    fn now(&self) -> Duration;
}

/// `CLOCK_BOOTTIME` on Linux: unlike `Instant` (`CLOCK_MONOTONIC`) it includes suspend,
/// and unlike the wall clock it cannot be set back to keep a vault open.
pub struct BootClock;

impl Clock for BootClock {
    #[cfg(target_os = "linux")]
    fn now(&self) -> Duration {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::Boottime);
        Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
    }

    // Elsewhere the wall clock, which at least counts suspend.
    #[cfg(not(target_os = "linux"))]
    fn now(&self) -> Duration {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default()
    }
}

/// When the user was last seen at work, and how long the vault may stay open without them.
pub struct Activity {
    clock: Box<dyn Clock>,
    seen: Mutex<Seen>,
}

struct Seen {
    last: Duration,
    limit: Duration,
}

impl Activity {
    pub fn new(clock: Box<dyn Clock>, limit_minutes: u32) -> Self {
        let last = clock.now();
        Activity { clock, seen: Mutex::new(Seen { last, limit: minutes(limit_minutes) }) }
    }

    /// The auto-lock time from the settings.
    pub fn set_limit(&self, limit_minutes: u32) {
        self.seen.lock().expect("not poisoned").limit = minutes(limit_minutes);
    }

    /// The user just proved themselves (an unlock): the count starts again.
    pub fn restart(&self) {
        let now = self.clock.now();
        self.seen.lock().expect("not poisoned").last = now;
    }

    /// The user did something. Returns false, and records nothing, once the limit has
    /// passed: the first touch after a long sleep must not keep the vault open.
    pub fn touch(&self) -> bool {
        let now = self.clock.now();
        let mut seen = self.seen.lock().expect("not poisoned");
        if now.saturating_sub(seen.last) >= seen.limit {
            return false;
        }
        seen.last = now;
        true
    }

    /// Whether the user has been away for the whole auto-lock time.
    pub fn is_due(&self) -> bool {
        let now = self.clock.now();
        let seen = self.seen.lock().expect("not poisoned");
        now.saturating_sub(seen.last) >= seen.limit
    }
}

fn minutes(m: u32) -> Duration {
    Duration::from_secs(u64::from(m.max(1)) * 60)
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;

    /// A clock the test moves by hand (milliseconds).
    #[derive(Clone, Default)]
    pub struct FakeClock(pub Arc<AtomicU64>);

    impl FakeClock {
        pub fn advance(&self, d: Duration) {
            self.0.fetch_add(d.as_millis() as u64, Ordering::SeqCst);
        }
    }

    impl Clock for FakeClock {
        fn now(&self) -> Duration {
            Duration::from_millis(self.0.load(Ordering::SeqCst))
        }
    }

    const SEC: Duration = Duration::from_secs(1);

    #[test]
    fn due_exactly_at_the_limit_and_not_a_second_before() {
        let clock = FakeClock::default();
        let a = Activity::new(Box::new(clock.clone()), 10);
        clock.advance(10 * 60 * SEC - SEC);
        assert!(!a.is_due());
        clock.advance(SEC);
        assert!(a.is_due());
    }

    #[test]
    fn activity_before_the_limit_starts_the_count_again() {
        let clock = FakeClock::default();
        let a = Activity::new(Box::new(clock.clone()), 1);
        clock.advance(59 * SEC);
        assert!(a.touch());
        clock.advance(59 * SEC);
        assert!(!a.is_due(), "the touch at 59 s did not count");
        clock.advance(SEC);
        assert!(a.is_due());
    }

    #[test]
    fn a_touch_after_a_long_sleep_does_not_keep_the_vault_open() {
        let clock = FakeClock::default();
        let a = Activity::new(Box::new(clock.clone()), 10);
        clock.advance(5 * 60 * SEC);
        assert!(a.touch());
        // The lid closed without a sleep signal; the boot clock jumps on resume.
        clock.advance(2 * 3600 * SEC);
        assert!(!a.touch(), "the first touch after waking was taken as activity");
        assert!(a.is_due(), "the refused touch started the count again");
        a.restart();
        assert!(!a.is_due(), "an unlock starts the count again");
    }

    #[test]
    fn a_shorter_limit_applies_at_once() {
        let clock = FakeClock::default();
        let a = Activity::new(Box::new(clock.clone()), 10);
        clock.advance(3 * 60 * SEC);
        assert!(!a.is_due());
        a.set_limit(2);
        assert!(a.is_due());
    }
}
