//! 日本語: CommonTexts.

use crate::i18n::groups::CommonTexts;
use renkei_domain::{FieldProblem, LifeStage, ServiceType};

pub const TEXTS: CommonTexts = CommonTexts {
    // -- The app shell --
    app_name: "連携ノート",
    skip_to_main: "本文へ移動",
    nav_label: "メインメニュー",
    nav_home: "ホーム",
    nav_clients: "利用者",
    nav_settings: "設定",
    clients_list: "利用者一覧",
    trash: "ゴミ箱",
    plan_title: "個別支援計画",
    loading: "読み込み中…",
    not_found: "このページは見つかりません。",
    back_to_clients: "利用者一覧へ戻る",
    update_available: "新しいバージョンがあります",
    update_now: "更新する",
    reload: "再読み込み",

    // -- Saving --
    saving: "保存中…",
    saved: "保存しました",
    draft_saved: "下書きを保存しました",
    autosave_note: "入力は自動で保存されます。",
    updated_elsewhere: "他の端末で更新されました。入力中の内容を残しています。",

    // -- Buttons --
    cancel: "キャンセル",
    restore: "元に戻す",
    move_to_trash: "ゴミ箱に移す",

    // -- Dates --
    date: renkei_domain::wareki::format_western,
    date_long: renkei_domain::wareki::format_with_western,
    ago,

    // -- A client's fields that other pages show too --
    badge_archived: "アーカイブ",
    birth_date: "生年月日",
    recipient_number: "受給者証番号",
    wishes_self: "本人の意向",
    wishes_family: "家族の意向",

    // -- The domain's enums --
    services_adult: "障害福祉サービス・相談支援",
    services_child: "障害児支援",
    service_name: ServiceType::name_ja,
    life_stage,
    field_problem,
    finding: |f| f.label_ja(),

    // -- Errors --
    err_store_quota: "端末の空き容量が足りないため保存できませんでした。不要なファイルを削除してから、もう一度お試しください。",
    err_store_blocked: "別のタブで古いバージョンが開いています。他のタブを閉じてから再読み込みしてください。",
    err_store_newer_schema: "このデータは新しいバージョンのアプリで使われています。アプリを更新してください（データはそのまま残っています）。",
    err_store_closed_for_upgrade: "別のタブで新しいバージョンのアプリが開かれました。このタブを再読み込みしてください。",
    err_store_unavailable: "この端末ではデータを保存できません（プライベートブラウズ中かもしれません）。",
    err_store_exists: "同じIDのデータがすでにあります。何も変更していません。",
    err_store_corrupt: "保存されたデータを読み取れませんでした。",
    err_store_session_changed: "同期の途中でサインインの状態が変わったため、受け取った変更を取り消しました。",
    err_store_other: "保存中にエラーが起きました。もう一度お試しください。",
    err_backup_not_json: "このファイルは読み込めません（JSON形式ではありません）。何も変更していません。",
    err_backup_not_backup: "連携ノートのバックアップファイルではありません。何も変更していません。",
    err_backup_newer: "新しいバージョンのアプリで作られたファイルです。アプリを更新してから読み込んでください。",
    err_backup_invalid_record: invalid_record,
    err_sign_in_throttled: "サインインの失敗が続いたため、しばらく待ってからお試しください。",
    err_unreachable: "サーバーに接続できません。ネットワークを確認してください。",
    err_required_fields: "すべての項目を入力してください。",

    // -- Accounts and the server --
    login_id: "ログインID",
    server_message_part: 0,
};

fn ago(ms: f64) -> String {
    let minutes = (ms / 60_000.0).floor() as i64;
    match minutes {
        m if m < 1 => "たった今".to_owned(),
        m if m < 60 => format!("{m}分前"),
        m if m < 60 * 24 => format!("{}時間前", m / 60),
        m => format!("{}日前", m / 60 / 24),
    }
}
fn invalid_record(index: usize) -> String {
    format!("ファイルの{}件目のデータが正しくありません。何も変更していません。", index + 1)
}
fn field_problem(p: FieldProblem) -> &'static str {
    match p {
        FieldProblem::Required => "入力してください。",
        FieldProblem::NotKana => "ふりがなは、ひらがな・カタカナで入力してください。",
        FieldProblem::NotADate => "日付が正しくありません（例: 1990-04-01）。",
        FieldProblem::InTheFuture => "未来の日付は入力できません。",
        FieldProblem::TooOld => "1900年より前の日付は入力できません。",
        FieldProblem::NotTenDigits => "受給者証番号は数字10桁で入力してください。",
        FieldProblem::UnknownService => "サービスの種類を選んでください。",
        FieldProblem::EndBeforeStart => "終了日は開始日より後にしてください。",
        FieldProblem::TooLong => "文字数が多すぎます。",
    }
}
fn life_stage(s: LifeStage) -> &'static str {
    match s {
        LifeStage::Infancy => "乳幼児期",
        LifeStage::SchoolAge => "学齢期",
        LifeStage::Adulthood => "成年期",
    }
}
