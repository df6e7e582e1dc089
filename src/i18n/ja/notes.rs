//! 日本語: NotesTexts.

use crate::i18n::groups::NotesTexts;
use renkei_domain::visit_note::Place;

pub const TEXTS: NotesTexts = NotesTexts {
    title: "支援記録",
    new: "記録する",
    new_title: "支援記録を書く",
    edit_title: "支援記録を編集",
    for_client,
    back: "支援記録の一覧へ戻る",
    client_page: "利用者の情報",
    at: "日時",
    place: "場所",
    place_name,
    place_detail: "場所の詳細（その他のときは必須）",
    present: "同席者",
    present_hint: "「、」で区切って入力（例: 本人、職場の上司）",
    details: "場所の詳細・同席者",
    text: "記録（必須）",
    links: "目標・領域を選ぶ",
    goals: "計画の目標",
    no_goals: "この利用者の個別支援計画に目標はまだありません。",
    goal_untitled,
    unknown_goal: "（計画にない目標）",
    domains: "生活の領域",
    follow_up: "フォローアップ（やること）",
    follow_up_text: "やること",
    follow_up_due: "期限",
    follow_up_done: "完了",
    save: "保存",
    has_errors: "入力内容を確認してください。まだ保存していません。",
    saved: "✓ 保存しました",
    draft_restored: "保存していない書きかけの記録を戻しました。",
    discard_draft: "書きかけを破棄",
    search: "記録を検索",
    search_placeholder: "記録の文字で検索",
    filters: "絞り込み",
    all: "すべて",
    from: "この日から",
    to: "この日まで",
    clear_filters: "条件をクリア",
    count,
    more,
    empty: "まだ記録がありません。「記録する」から書けます。",
    no_match: "条件に合う記録はありません。",
    edit: "編集",
    due,
    overdue: "期限切れ",
    delete_confirm: "この記録をゴミ箱に移しますか？ 30日以内なら、ゴミ箱から元に戻せます。",
    in_trash: "この記録はゴミ箱にあります。元に戻すまで一覧には表示されません。",
    recorded_by,
    updated_by,
    history,
    history_help: "訂正しても前の内容は消えません。いつ、だれが、何を書いたかを残しています。",
    history_created: "作成",
    history_corrected: "訂正",
    history_trashed: "ゴミ箱に移しました",
    history_restored: "ゴミ箱から戻しました",
    done_yes: "完了",
    done_no: "未完了",
};

fn for_client(name: &str) -> String {
    format!("{name}さん")
}
fn goal_untitled(n: usize) -> String {
    format!("目標{n}")
}
fn count(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total}件")
    } else {
        format!("{total}件中 {shown}件を表示")
    }
}
fn more(n: usize) -> String {
    format!("さらに表示（あと{n}件）")
}
fn due(date: &str) -> String {
    format!("期限: {date}")
}
fn place_name(place: Place) -> &'static str {
    match place {
        Place::Home => "自宅",
        Place::Workplace => "職場",
        Place::Office => "事業所",
        Place::Agency => "関係機関",
        Place::Remote => "電話・オンライン",
        Place::Other => "その他",
    }
}
fn recorded_by(name: &str) -> String {
    format!("記録: {name}")
}
fn updated_by(name: &str, when: &str) -> String {
    format!("更新: {name}（{when}）")
}
fn history(n: usize) -> String {
    format!("記録の履歴（{n}件）")
}
