//! What a passcode must be. A passcode is never stored: only what it wraps.

use crate::kana::fold_width;

/// A passcode of digits only has at least this many.
pub const MIN_DIGITS: usize = 6;
/// A passphrase (anything not only digits) has at least this many characters.
pub const MIN_PHRASE_CHARS: usize = 8;

/// A backup file's password has at least this many characters: a file can
/// be guessed at away from the device, with no limit on tries.
pub const MIN_BACKUP_PASSWORD_CHARS: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasscodeProblem {
    #[error("empty")]
    Empty,
    #[error("fewer than {MIN_DIGITS} digits")]
    TooFewDigits,
    #[error("a passphrase of fewer than {MIN_PHRASE_CHARS} characters")]
    TooShortPhrase,
    /// One repeated character, or digits counting up or down (123456).
    #[error("too easy to guess")]
    TooSimple,
    #[error("a backup password of fewer than {MIN_BACKUP_PASSWORD_CHARS} characters")]
    TooShortForFile,
}

/// The form a passcode is derived from, the same at set-up and at every
/// unlock: full-width characters typed with a Japanese input method count as
/// their ASCII forms (１２３４５６ is 123456), and spaces around it are
/// dropped (phone keyboards add one). Must never change between versions, or
/// a passcode set earlier would stop working.
pub fn normalize_passcode(input: &str) -> String {
    fold_width(input).collect::<String>().trim().to_owned()
}

/// Checks a new passcode and gives its normalized form.
pub fn check_passcode(input: &str) -> Result<String, PasscodeProblem> {
    let passcode = normalize_passcode(input);
    let chars: Vec<char> = passcode.chars().collect();
    if chars.is_empty() {
        return Err(PasscodeProblem::Empty);
    }
    let digits_only = chars.iter().all(|c| c.is_ascii_digit());
    if digits_only && chars.len() < MIN_DIGITS {
        return Err(PasscodeProblem::TooFewDigits);
    }
    if !digits_only && chars.len() < MIN_PHRASE_CHARS {
        return Err(PasscodeProblem::TooShortPhrase);
    }
    if chars.iter().all(|c| *c == chars[0]) || (digits_only && counts_in_steps(&chars)) {
        return Err(PasscodeProblem::TooSimple);
    }
    Ok(passcode)
}

/// Checks the password a backup file is encrypted with and gives its
/// normalized form.
pub fn check_backup_password(input: &str) -> Result<String, PasscodeProblem> {
    let password = check_passcode(input)?;
    if password.chars().count() < MIN_BACKUP_PASSWORD_CHARS {
        return Err(PasscodeProblem::TooShortForFile);
    }
    Ok(password)
}

fn counts_in_steps(digits: &[char]) -> bool {
    let steps: Vec<i32> = digits.windows(2).map(|w| (w[1] as i32 - w[0] as i32).rem_euclid(10)).collect();
    steps.iter().all(|s| *s == 1) || steps.iter().all(|s| *s == 9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_digits_or_a_passphrase_of_eight_characters() {
        assert_eq!(check_passcode("246810"), Ok("246810".into()));
        assert_eq!(check_passcode("24681"), Err(PasscodeProblem::TooFewDigits));
        assert_eq!(check_passcode("なつのあさ"), Err(PasscodeProblem::TooShortPhrase));
        assert_eq!(check_passcode("なつのあさのみち"), Ok("なつのあさのみち".into()));
        assert_eq!(check_passcode("abc12"), Err(PasscodeProblem::TooShortPhrase));
        assert_eq!(check_passcode(""), Err(PasscodeProblem::Empty));
        assert_eq!(check_passcode("   "), Err(PasscodeProblem::Empty));
    }

    #[test]
    fn repeated_or_counting_digits_are_too_simple() {
        for easy in ["000000", "111111", "123456", "654321", "890123", "3210987", "aaaaaaaa"] {
            assert_eq!(check_passcode(easy), Err(PasscodeProblem::TooSimple), "{easy}");
        }
        assert!(check_passcode("135790").is_ok());
        assert!(check_passcode("1234567a").is_ok());
    }

    #[test]
    fn a_backup_password_is_longer_than_a_device_passcode() {
        assert_eq!(check_backup_password("246810"), Err(PasscodeProblem::TooShortForFile));
        assert_eq!(check_backup_password("なつのあさのみち"), Err(PasscodeProblem::TooShortForFile));
        assert_eq!(check_backup_password("1234567890"), Err(PasscodeProblem::TooSimple));
        assert_eq!(check_backup_password("夏の朝の道を歩く、犬と"), Ok("夏の朝の道を歩く、犬と".into()));
        assert_eq!(check_backup_password(""), Err(PasscodeProblem::Empty));
    }

    #[test]
    fn full_width_digits_and_surrounding_spaces_count_as_typed_in_ascii() {
        assert_eq!(normalize_passcode("２４６８１０"), "246810");
        assert_eq!(normalize_passcode(" 246810 "), "246810");
        assert_eq!(normalize_passcode("２４６８１０　"), "246810");
        assert_eq!(check_passcode("１２３４５"), Err(PasscodeProblem::TooFewDigits));
        // A space inside a passphrase is part of it.
        assert_eq!(normalize_passcode("夏の 朝"), "夏の 朝");
    }
}
