//! 日本語: ClientsTexts.

use crate::i18n::groups::ClientsTexts;

pub const TEXTS: ClientsTexts = ClientsTexts {
    search: "名前・ふりがなで検索",
    search_placeholder: "例: やまだ",
    show_archived: "アーカイブした利用者も表示",
    count,
    more,
    empty: "利用者はまだいません。「新しい利用者」から登録してください。",
    no_match: "該当する利用者はいません。",
    new: "新しい利用者",
    badge_ended: "利用終了",
};

fn count(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total}人")
    } else {
        format!("{total}人中 {shown}人を表示")
    }
}
fn more(n: usize) -> String {
    format!("さらに表示（あと{n}人）")
}
