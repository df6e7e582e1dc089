//! 日本語 (the default).

use super::Texts;
use renkei_domain::{FieldProblem, LifeStage, RecordKind, ServiceType};

fn active_clients(n: usize) -> String {
    format!("利用中の利用者 {n}人")
}
fn last_backup(date: &str) -> String {
    format!("最後のバックアップ: {date}")
}
fn clients_count(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total}人")
    } else {
        format!("{total}人中 {shown}人を表示")
    }
}
fn clients_more(n: usize) -> String {
    format!("さらに表示（あと{n}人）")
}
fn unsent_on_device(n: u32, age: &str) -> String {
    format!("この端末にだけある変更: {n}件（最も古いもの: {age}）")
}
fn ago(ms: f64) -> String {
    let minutes = (ms / 60_000.0).floor() as i64;
    match minutes {
        m if m < 1 => "たった今".to_owned(),
        m if m < 60 => format!("{m}分前"),
        m if m < 60 * 24 => format!("{}時間前", m / 60),
        m => format!("{}日前", m / 60 / 24),
    }
}
fn trash_restored(title: &str) -> String {
    format!("「{title}」を元に戻しました。")
}
fn trash_days_left(days: i64) -> String {
    format!("あと{days}日で完全に削除")
}
fn staff_added(name: &str) -> String {
    format!("{name} さんを追加しました。")
}
fn record_kind(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Client => "利用者",
        RecordKind::Plan => "個別支援計画",
        RecordKind::VisitNote => "支援記録",
        RecordKind::Assessment => "アセスメント",
    }
}
fn unsent_n(n: u32) -> String {
    format!("未送信 {n}件")
}
fn signed_in_as(office: &str, name: &str) -> String {
    format!("{office} の {name} さんとしてサインインしています。")
}
fn last_sync(when: &str) -> String {
    format!("最後の同期: {when}")
}
fn sign_out_confirm(n: u32) -> String {
    format!("まだサーバーに送信していない変更が{n}件あります。サインアウトすると、これらはこの端末から削除され、元に戻せません。先に「今すぐ同期」するか、バックアップを書き出してください。")
}
fn age(years: i32) -> String {
    format!("{years}歳")
}
fn unsent(n: u32) -> String {
    format!("サーバーに未送信の変更: {n}件")
}
fn import_done(added: usize, updated: usize, unchanged: usize) -> String {
    format!("読み込みました。追加 {added}件、更新 {updated}件、変更なし {unchanged}件。削除されたデータはありません。")
}
fn export_done(n: usize) -> String {
    format!("{n}件のデータをファイルに書き出しました。")
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

pub static TEXTS: Texts = Texts {
    app_name: "連携ノート",
    skip_to_main: "本文へ移動",
    nav_label: "メインメニュー",
    nav_home: "ホーム",
    nav_clients: "利用者",
    nav_settings: "設定",
    loading: "読み込み中…",
    not_found: "このページは見つかりません。",
    back_to_list: "利用者一覧へ戻る",

    update_available: "新しいバージョンがあります",
    update_now: "更新する",

    home_title: "ホーム",
    home_active_clients: active_clients,
    home_recent: "最近更新した利用者",
    home_no_recent: "まだ利用者が登録されていません。",
    home_local_only: "データはこの端末だけに保存されています。",
    home_backup_hint: "端末の故障や紛失に備えて、設定からバックアップファイルを書き出してください。",
    home_last_backup: last_backup,
    home_never_backed_up: "まだバックアップをしていません。",
    home_unsent: unsent_on_device,
    home_all_saved: "この端末に未送信の変更はありません。",
    ago,
    ios_install_title: "ホーム画面に追加してください",
    ios_install_steps: "iPhone・iPadのSafariでは、7日間使わないとデータが消えることがあります。共有ボタン（□に↑）→「ホーム画面に追加」を押して、ホーム画面から開いてください。",

    clients_title: "利用者一覧",
    clients_search: "名前・ふりがなで検索",
    clients_search_placeholder: "例: やまだ",
    clients_show_archived: "アーカイブした利用者も表示",
    clients_count,
    clients_more,
    clients_empty: "利用者はまだいません。「新しい利用者」から登録してください。",
    clients_no_match: "該当する利用者はいません。",
    clients_new: "新しい利用者",
    badge_archived: "アーカイブ",
    badge_ended: "利用終了",

    client_new_title: "新しい利用者",
    client_name: "氏名（必須）",
    client_kana: "ふりがな",
    client_kana_hint: "ひらがな・カタカナ",
    client_birth_date: "生年月日",
    client_age: age,
    client_life_stage: "ライフステージ",
    client_stage_auto: "生年月日から自動判定",
    client_stage_override: "ライフステージを手動で設定",
    client_stage_reason: "手動設定の理由",
    client_recipient_number: "受給者証番号",
    client_recipient_hint: "数字10桁（任意）",
    client_status: "利用状況",
    status_active: "利用中",
    status_ended: "利用終了",
    client_staff: "担当職員",
    client_wishes_self: "本人の意向",
    client_wishes_family: "家族の意向",
    client_services: "利用サービス",
    client_service_type: "サービスの種類",
    client_service_choose: "選んでください",
    client_service_start: "開始日",
    client_service_end: "終了日",
    client_service_add: "サービスを追加",
    client_service_remove: "このサービスを削除",
    client_no_services: "登録されたサービスはありません。",
    services_adult: "障害福祉サービス・相談支援",
    services_child: "障害児支援",
    client_archive: "アーカイブする",
    client_restore: "アーカイブから戻す",
    client_archived_notice: "この利用者はアーカイブされています。一覧には表示されません。",
    client_section_basic: "基本情報",
    client_section_wishes: "意向",
    client_section_services: "利用サービス",
    client_section_record: "記録の管理",
    client_has_errors: "入力に誤りがあります。下書きとして保存し、正しく入力されると登録します。",

    save_saving: "保存中…",
    save_saved: "保存しました",
    save_draft: "下書きを保存しました",
    save_autosave_note: "入力は自動で保存されます。",

    settings_title: "設定",
    settings_language: "表示言語",
    settings_storage: "端末の保存領域",
    settings_storage_used: "使用量",
    settings_storage_quota: "上限",
    settings_storage_persistent: "永続保存",
    settings_persistent_yes: "有効（ブラウザが自動で削除しません）",
    settings_persistent_no: "無効",
    settings_persist_warning: "永続保存が許可されていません。空き容量が少なくなると、ブラウザがデータを削除することがあります。ホーム画面に追加するか、こまめにバックアップしてください。",
    settings_persist_request: "永続保存を申請する",
    settings_unknown: "不明",
    settings_unsent: unsent,
    settings_backup: "バックアップ",
    settings_backup_help: "すべてのデータをファイルに書き出し、別の端末で読み込めます。読み込みは新しい方のデータを残し、何も削除しません。",
    settings_export: "ファイルに書き出す",
    settings_import: "ファイルから読み込む",
    settings_import_done: import_done,
    settings_export_done: export_done,
    settings_about: "このアプリについて",
    settings_version: "バージョン",
    settings_device: "端末ID",

    err_store_quota: "端末の空き容量が足りないため保存できませんでした。不要なファイルを削除してから、もう一度お試しください。",
    err_store_blocked: "別のタブで古いバージョンが開いています。他のタブを閉じてから再読み込みしてください。",
    err_store_newer_schema: "このデータは新しいバージョンのアプリで使われています。アプリを更新してください（データはそのまま残っています）。",
    err_store_closed_for_upgrade: "別のタブで新しいバージョンのアプリが開かれました。このタブを再読み込みしてください。",
    reload: "再読み込み",
    err_store_unavailable: "この端末ではデータを保存できません（プライベートブラウズ中かもしれません）。",
    err_store_exists: "同じIDのデータがすでにあります。何も変更していません。",
    err_store_corrupt: "保存されたデータを読み取れませんでした。",
    err_store_other: "保存中にエラーが起きました。もう一度お試しください。",
    err_backup_not_json: "このファイルは読み込めません（JSON形式ではありません）。何も変更していません。",
    err_backup_not_backup: "連携ノートのバックアップファイルではありません。何も変更していません。",
    err_backup_newer: "新しいバージョンのアプリで作られたファイルです。アプリを更新してから読み込んでください。",
    err_backup_invalid_record: invalid_record,
    err_file_read: "ファイルを読み取れませんでした。",

    sync_synced: "同期済み",
    sync_syncing: "同期中…",
    sync_unsent: unsent_n,
    sync_offline: "オフライン",
    sync_error: "エラー",
    sync_local_only: "この端末のみ",
    sync_err_outdated: "アプリを更新してください",
    sync_err_signed_out: "サインインし直してください",
    sync_err_unreachable: "サーバーに接続できません",
    sync_err_refused: "サーバーが受け付けませんでした",
    settings_sync: "同期（事業所のサーバー）",
    settings_sync_help: "サインインすると、この端末のデータを事業所のサーバーと自動で同期します。",
    settings_office_code: "事業所コード",
    settings_login: "ログインID",
    settings_password: "パスワード",
    settings_sign_in: "サインイン",
    settings_signed_in_as: signed_in_as,
    settings_sync_now: "今すぐ同期",
    settings_last_sync: last_sync,
    settings_sign_out: "サインアウト",
    settings_sign_out_note: "サインアウトすると、この端末から事業所のデータが削除されます（サーバーに送信済みのデータは残ります）。",
    settings_sign_out_confirm: sign_out_confirm,
    settings_sign_out_anyway: "未送信の変更も削除してサインアウト",
    settings_cancel: "キャンセル",
    err_sign_in_failed: "事業所コード、ログインID、パスワードのいずれかが違います。",
    err_sign_in_throttled: "サインインの失敗が続いたため、しばらく待ってからお試しください。",
    err_unreachable: "サーバーに接続できません。ネットワークを確認してください。",
    err_required_fields: "すべての項目を入力してください。",
    conflict_title: "競合",
    conflict_help: "別の端末で同時に変更された項目があります。残す値を選んでください。選ぶまで、どちらの値も消えません。",
    conflict_choose: "この値にする",
    conflict_empty: "（空欄）",
    conflict_deleted: "削除（ゴミ箱）",
    trash_title: "ゴミ箱",
    trash_help: "ゴミ箱に移したものは、30日間ここから元に戻せます。元に戻すと、同期しているほかの端末でも戻ります。",
    trash_empty: "ゴミ箱は空です。",
    trash_restore: "元に戻す",
    trash_restored,
    trash_days_left,
    record_kind,
    client_delete: "ゴミ箱に移す",
    client_delete_confirm: "この利用者をゴミ箱に移しますか？ 30日以内なら、ゴミ箱から元に戻せます。",
    client_in_trash: "この利用者はゴミ箱にあります。元に戻すまで一覧には表示されません。",
    staff_title: "職員の管理",
    staff_display_name: "表示名",
    staff_role: "権限",
    staff_add: "職員を追加",
    staff_added,
    staff_initial_password: "初期パスワード",
    staff_password_hint: "8文字以上。本人に直接伝えてください。",
    staff_admin_only: "職員の追加は管理者だけができます。",
    role_admin: "管理者",
    role_staff: "職員",
    server_message_part: 0,
    client_nav_label: "この利用者の記録",
    // -- notes (支援記録) --
    // -- plan (個別支援計画) --
    // -- assessment (8領域アセスメント) --
    // -- dashboard --
    field_problem,
    life_stage,
    service_name: ServiceType::name_ja,
};
