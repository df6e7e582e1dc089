//! かな normalisation for search and sorting: full-width and half-width forms
//! are folded by Unicode NFKC (ＡＢＣ → abc, ｶﾞ → ガ), katakana is folded to
//! hiragana, and spaces are ignored, so 「やまだ」「ヤマダ」「ﾔﾏﾀﾞ」 all match.

use unicode_normalization::UnicodeNormalization;

/// Folds one katakana letter to its hiragana (ァ..ヶ are 0x60 above ぁ..ゖ).
fn katakana_to_hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}'..='\u{30FE}' => {
            char::from_u32(c as u32 - 0x60).unwrap_or(c)
        }
        _ => c,
    }
}

/// The form used to compare and sort names and readings.
pub fn normalize(s: &str) -> String {
    s.nfkc()
        .filter(|c| !c.is_whitespace() && *c != '・')
        .map(katakana_to_hiragana)
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `query` matches the name or reading, ignoring kana type, width,
/// case and spaces. An empty query matches everything.
pub fn matches(query_normalized: &str, name_normalized: &str, kana_normalized: &str) -> bool {
    query_normalized.is_empty()
        || name_normalized.contains(query_normalized)
        || kana_normalized.contains(query_normalized)
}

/// Whether `s` holds only kana (either script, any width), the long-vowel mark,
/// the middle dot and spaces: what a reading (ふりがな) may contain.
pub fn is_kana(s: &str) -> bool {
    s.nfkc().all(|c| {
        matches!(c,
            '\u{3041}'..='\u{3096}' // hiragana
            | '\u{309D}'..='\u{309E}' // ゝゞ
            | '\u{30A1}'..='\u{30FA}' // katakana
            | '\u{30FB}'..='\u{30FE}' // ・ー ヽヾ
        ) || c.is_whitespace()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kana_scripts_and_widths_fold_to_one_form() {
        let cases = [
            ("やまだ たろう", "やまだたろう"),
            ("ヤマダ　タロウ", "やまだたろう"),
            ("ﾔﾏﾀﾞ ﾀﾛｳ", "やまだたろう"),
            ("ｶﾞｯｺｳ", "がっこう"),
            ("ヴァイオリン", "ゔぁいおりん"),
            ("ＡＢＣ１２３", "abc123"),
            ("山田・太郎", "山田太郎"),
            ("ケーキ", "けーき"),
            ("ｹｰｷ", "けーき"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input), expected, "{input}");
        }
    }

    #[test]
    fn search_ignores_script_width_and_spaces() {
        let name = normalize("山田 太郎");
        let kana = normalize("やまだ たろう");
        for q in ["ヤマダ", "ﾔﾏﾀﾞ", "まだた", "山田", "山田太郎", "ﾀﾛｳ", ""] {
            assert!(matches(&normalize(q), &name, &kana), "{q}");
        }
        for q in ["すずき", "田中", "ﾔﾏﾓﾄ"] {
            assert!(!matches(&normalize(q), &name, &kana), "{q}");
        }
    }

    #[test]
    fn only_kana_is_accepted_as_a_reading() {
        for ok in ["やまだ たろう", "ヤマダ　タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ", "ジョン・スミス", "さとう ゆうこ", ""] {
            assert!(is_kana(ok), "{ok}");
        }
        for bad in ["山田", "yamada", "やまだ1", "たろう。", "ヤマダ(仮)"] {
            assert!(!is_kana(bad), "{bad}");
        }
    }

    #[test]
    fn hiragana_order_sorts_readings() {
        let mut names = vec!["さとう", "アオキ", "かとう", "ｲﾄｳ"];
        names.sort_by_key(|n| normalize(n));
        assert_eq!(names, vec!["アオキ", "ｲﾄｳ", "かとう", "さとう"]);
    }
}
