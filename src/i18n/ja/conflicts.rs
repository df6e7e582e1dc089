//! 日本語: ConflictsTexts.

use crate::i18n::groups::ConflictsTexts;

pub const TEXTS: ConflictsTexts = ConflictsTexts {
    title: "競合",
    help: "別の端末で同時に変更された項目があります。残す値を選んでください。選ぶまで、どちらの値も消えません。",
    choose: "この値にする",
    empty: "（空欄）",
    deleted: "削除（ゴミ箱）",
    written,
    this_device: "この端末",
    other_device,
    unknown_author: "記録者不明",
};

fn written(who: &str, when: &str, device: &str) -> String {
    format!("{who}・{when}・{device}")
}
fn other_device(id: &str) -> String {
    format!("別の端末（{id}）")
}
