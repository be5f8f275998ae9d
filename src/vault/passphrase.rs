//! The minimum passphrase strength, enforced at creation and on every change.

use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;

use crate::error::{Error, Result};

/// Fewer characters than this is refused whatever the estimate says.
pub const MIN_CHARS: usize = 12;
/// zxcvbn score (0-4) a passphrase must reach. 4 means zxcvbn estimates at least 10^10
/// guesses; 3 (10^8) fell to one GPU in hours even at Amparo's KDF cost (SECURITY.md).
pub const MIN_SCORE: u8 = 4;

/// How strong a passphrase is, for the strength meter. Carries no part of the passphrase.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, ts_rs::TS)]
#[ts(export)]
pub struct Strength {
    /// 0 (trivial) to 4 (very strong), from zxcvbn.
    pub score: u8,
    pub long_enough: bool,
    pub acceptable: bool,
}

/// Estimates strength with zxcvbn (dictionary words, names, keyboard patterns, dates).
pub fn strength(passphrase: &SecretString) -> Strength {
    let text = passphrase.expose_secret();
    let long_enough = text.chars().count() >= MIN_CHARS;
    // zxcvbn's cost grows with length; the first 100 characters decide the estimate.
    let head: zeroize::Zeroizing<String> = zeroize::Zeroizing::new(text.chars().take(100).collect());
    let score = u8::from(zxcvbn::zxcvbn(&head, &[]).score());
    Strength { score, long_enough, acceptable: long_enough && score >= MIN_SCORE }
}

/// Refuses a passphrase below the minimum, with a message that says how to choose one.
pub fn require_strong(passphrase: &SecretString) -> Result<()> {
    let s = strength(passphrase);
    if !s.long_enough {
        return Err(Error::WeakPassphrase(format!(
            "The passphrase is too short. Use at least {MIN_CHARS} characters; five unrelated words work well, for example \"river lamp seven orchard bicycle\"."
        )));
    }
    if !s.acceptable {
        return Err(Error::WeakPassphrase(
            "The passphrase is too easy to guess. Avoid names, dates and common phrases; five unrelated words work well, for example \"river lamp seven orchard bicycle\".".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(p: &str) -> SecretString {
        SecretString::from(p.to_string())
    }

    #[test]
    fn short_and_common_passphrases_are_refused() {
        assert!(matches!(require_strong(&s("Tr0ub4dor&3")), Err(Error::WeakPassphrase(m)) if m.contains("too short")));
        assert!(
            matches!(require_strong(&s("password1234")), Err(Error::WeakPassphrase(m)) if m.contains("easy to guess"))
        );
        assert!(matches!(require_strong(&s("aaaaaaaaaaaaaaaa")), Err(Error::WeakPassphrase(_))));
    }

    #[test]
    fn unrelated_words_are_accepted() {
        require_strong(&s("tangerine orbit velvet harbor")).unwrap();
        assert!(strength(&s("tangerine orbit velvet harbor")).score >= MIN_SCORE);
    }
}
