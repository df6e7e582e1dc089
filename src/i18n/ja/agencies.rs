//! 日本語: AgenciesTexts.

use crate::i18n::groups::AgenciesTexts;

pub const TEXTS: AgenciesTexts = AgenciesTexts {
    title: "関係機関（社会資源）",
    intro: "地域の関係機関と、その担当者・連携の段階・連絡の記録をまとめます。連絡が途絶えている機関には「しばらく連絡なし」が付きます（足でかせぐ）。",
    new: "新しい関係機関",
    new_title: "新しい関係機関",
    to_region: "地域を知る（連携の全体像）",
    back: "← 関係機関の一覧へ",
    search: "名前・ふりがなで検索",
    all_categories: "すべての分類",
    all_types: "すべての種別",
    count,
    empty: "まだ関係機関が登録されていません。「新しい関係機関」から追加してください。",
    no_match: "条件に合う関係機関がありません。",
    quiet: "しばらく連絡なし",
    not_here: "この端末にない関係機関です",
    not_here_hint: "ほかの端末で登録された関係機関は、同期すると表示されます。",
    has_errors: "入力に誤りがあります。赤字の項目を確認してください。正しく入力されるまで下書きとして保存されます。",
    section_basic: "基本情報",
    section_record: "記録の管理",
    name: "名称",
    name_required: "名称（必須）",
    kana: "ふりがな",
    category: "分類",
    agency_type: "種別",
    type_none: "（選ばない）",
    phone: "電話番号",
    call,
    address: "住所",
    hours: "受付時間",
    hours_hint: "例: 平日 8:30〜17:15",
    services: "利用者のためにしてくれること",
    services_hint: "例: 求人紹介、職業評価、ジョブコーチ支援",
    notes: "メモ",
    people: "担当者",
    people_none: "担当者はまだ登録されていません。",
    person: "担当者",
    person_name: "氏名",
    person_role: "役職・役割",
    person_role_hint: "例: 就労支援担当、ジョブコーチ",
    add_person: "担当者を追加",
    remove_person: "この担当者を削除",
    stage: "連携の段階",
    stage_none: "（まだ決めていない）",
    stage_now: "いまの段階",
    stage_since: "この段階になった日",
    stage_reason: "理由",
    stage_reason_hint: "例: 月1回のケース会議を始めた",
    stage_history: "段階の履歴",
    stage_entry,
    stage_cleared: "段階の設定を外しました",
    set_by,
    someone: "この端末",
    views: "お互いの認識",
    views_hint: "連携をどう見ているかを、事業所側と相手側の両方について記録します。見方が食い違うところ（認識のズレ）が「地域を知る」に一覧されます。",
    our_view: "事業所の見方",
    their_view: "相手の見方",
    asked_on: "事業所の見方を確かめた日",
    asked_on_theirs: "相手に聞いた日",
    gap_opposite: "認識のズレ: 事業所と相手の見方が正反対です。",
    gap_different: "事業所と相手の見方が少し違います。",
    delete_confirm: "この関係機関をゴミ箱に移しますか？連絡記録は残ります。",
    in_trash: "この関係機関はゴミ箱にあります。",
    contacts: "連絡記録",
    contacts_hint: "電話・訪問・会議などを記録します。電波がなくても記録でき、あとで同期されます。",
    contacts_none: "まだ連絡の記録はありません。",
    channel: "連絡の方法",
    contact_text: "内容",
    contact_more: "日時・担当者・利用者を指定する",
    contact_date: "日付",
    contact_time: "時刻",
    contact_person: "相手の担当者",
    person_unnamed: "（指定しない）",
    contact_client: "どの利用者の件か",
    no_client: "（利用者の件ではない）",
    contact_save: "記録する",
    contact_saved: "✓ 記録しました",
    contact_correct: "訂正する",
    contact_save_correction: "訂正を記録する",
    contact_delete_confirm: "この連絡記録をゴミ箱に移しますか？ 最終連絡日は残りの記録から決まります。30日以内なら、ゴミ箱から元に戻せます。",
    contact_history,
    contact_history_help: "訂正しても前の内容は消えません。いつ、だれが、何を書いたかを残しています。",
    contact_created: "作成",
    contact_corrected: "訂正",
    contact_was_corrected: "訂正あり",
    with_person,
    about_client,
    written_by,
};

fn count(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total}件")
    } else {
        format!("{total}件中 {shown}件を表示")
    }
}

fn call(phone: &str) -> String {
    format!("電話する {phone}")
}

fn stage_entry(day: &str, stage: &str, reason: &str) -> String {
    if reason.is_empty() {
        format!("{day}から {stage}")
    } else {
        format!("{day}から {stage}（{reason}）")
    }
}

fn set_by(who: &str) -> String {
    format!("設定: {who}")
}

fn with_person(name: &str) -> String {
    format!("{name}さん")
}

fn about_client(name: &str) -> String {
    format!("{name}さんの件")
}

fn written_by(name: &str) -> String {
    format!("記録者: {name}")
}

fn contact_history(n: usize) -> String {
    format!("この記録の履歴（{n}回の保存）")
}
