//! Wrong passcodes: after [`MAX_WRONG`] in a row the device destroys its
//! data key (the records come back from the office's server after signing
//! in), warning before the last tries.

use serde::{Deserialize, Serialize};

pub const MAX_WRONG: u32 = 10;
/// From this many tries left, the unlock screen warns that the data will be
/// erased.
pub const WARN_WHEN_LEFT: u32 = 3;

/// Wrong passcodes since the last right one. The device counts a try before
/// checking it, so closing the page during the check does not give a free
/// guess.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrongAttempts {
    pub count: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterWrong {
    TryAgain {
        left: u32,
    },
    /// That was the last try: destroy the key.
    Destroy,
}

impl WrongAttempts {
    pub fn left(&self) -> u32 {
        MAX_WRONG.saturating_sub(self.count)
    }

    /// Whether the unlock screen warns about erasing.
    pub fn warns(&self) -> bool {
        self.count > 0 && self.left() <= WARN_WHEN_LEFT
    }

    pub fn record_wrong(&mut self) -> AfterWrong {
        self.count = self.count.saturating_add(1);
        match self.left() {
            0 => AfterWrong::Destroy,
            left => AfterWrong::TryAgain { left },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tenth_wrong_passcode_destroys_the_key_with_warnings_before() {
        let mut attempts = WrongAttempts::default();
        assert!(!attempts.warns());
        for n in 1..MAX_WRONG {
            assert_eq!(attempts.record_wrong(), AfterWrong::TryAgain { left: MAX_WRONG - n });
            assert_eq!(attempts.warns(), MAX_WRONG - n <= WARN_WHEN_LEFT, "after {n}");
        }
        assert_eq!(attempts.record_wrong(), AfterWrong::Destroy);
        assert_eq!(attempts.left(), 0);
        // Counting past the end (a try already counted when the page closed)
        // stays destroyed.
        assert_eq!(attempts.record_wrong(), AfterWrong::Destroy);
    }
}
