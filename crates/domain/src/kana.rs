//! かな normalisation for search and sorting: full-width and half-width forms
//! are folded (ＡＢＣ → abc, ｶﾞ → ガ), katakana is folded to hiragana, and
//! spaces are ignored, so 「やまだ」「ヤマダ」「ﾔﾏﾀﾞ」 all match.
//!
//! Width folding is the part of Unicode NFKC that names need, written out:
//! the full NFKC tables (unicode-normalization) added about 100 KB to the app's
//! wasm, measured, for characters a name never contains.

/// Half-width katakana U+FF61..=U+FF9F and their full-width forms.
const HALF_WIDTH_KATAKANA: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン\u{3099}\u{309A}";

/// Folds full-width ASCII and half-width katakana to their usual width, and
/// joins a (semi-)voiced sound mark to the kana before it.
pub(crate) fn fold_width(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = s
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{FF61}'..='\u{FF9F}' => HALF_WIDTH_KATAKANA.chars().nth((c as u32 - 0xFF61) as usize).unwrap_or(c),
            '\u{309B}' => '\u{3099}',
            '\u{309C}' => '\u{309A}',
            _ => c,
        })
        .peekable();
    std::iter::from_fn(move || {
        let c = chars.next()?;
        let joined = match chars.peek() {
            Some('\u{3099}') => voiced(c),
            Some('\u{309A}') => semi_voiced(c),
            _ => None,
        };
        match joined {
            Some(j) => {
                chars.next();
                Some(j)
            }
            None => Some(c),
        }
    })
}

fn voiced(c: char) -> Option<char> {
    const BASES: &str = "かきくけこさしすせそたちつてとはひふへほカキクケコサシスセソタチツテトハヒフヘホゝヽ";
    match c {
        'う' => Some('ゔ'),
        'ウ' => Some('ヴ'),
        _ if BASES.contains(c) => char::from_u32(c as u32 + 1),
        _ => None,
    }
}

fn semi_voiced(c: char) -> Option<char> {
    "はひふへほハヒフヘホ".contains(c).then(|| char::from_u32(c as u32 + 2)).flatten()
}

/// Folds one katakana letter to its hiragana (ァ..ヶ are 0x60 above ぁ..ゖ).
fn katakana_to_hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}'..='\u{30FE}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// The form used to compare and sort names and readings.
pub fn normalize(s: &str) -> String {
    fold_width(s)
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
    fold_width(s).all(|c| {
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
            ("ﾊﾟﾝ ﾋﾞｰﾙ", "ぱんびーる"),
            ("ｳﾞｨ", "ゔぃ"),
            ("か\u{3099}き\u{309A}", "がき\u{309A}"), // decomposed input (macOS)
            ("ﾜｦﾝ", "わをん"),
            ("ｧｨｩｪｫｬｭｮｯ", "ぁぃぅぇぉゃゅょっ"),
            ("ﾖｼﾀﾞ　ﾀﾛｳ", "よしだたろう"),
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
        for ok in ["やまだ たろう", "ヤマダ　タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ", "ジョン・スミス", "さとう ゆうこ", ""]
        {
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
