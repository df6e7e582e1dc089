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
    editor_updated_elsewhere: "他の端末で更新されました。入力中の内容を残しています。",
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
    settings_persist_unsupported: "このブラウザでは申請できません",
    settings_persist_unsupported_warning: "このブラウザは永続保存の申請に対応していないため、空き容量が少なくなったときや長く使わなかったときに、ブラウザがデータを削除することがあります。ホーム画面に追加し、こまめに同期かバックアップをしてください。",
    settings_persist_asking: "ブラウザの確認に答えてください。「許可」を選ぶと、データが自動で削除されなくなります。",
    settings_persist_refused: "許可されませんでした。ブラウザの設定でこのサイトの「永続ストレージ」を許可できます。",
    settings_unsent: unsent,
    settings_backup: "バックアップ",
    settings_backup_help: "すべてのデータをファイルに書き出し、別の端末で読み込めます。読み込みは項目ごとに合わせ、この端末と値が違う項目は両方を残して「競合」から選べるようにします。何も削除しません。",
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
    err_store_session_changed: "同期の途中でサインインの状態が変わったため、受け取った変更を取り消しました。",
    sync_err_account_disabled: "このアカウントは管理者により無効にされました",
    sync_clock_off: |minutes| format!("端末の時刻がずれています（約{minutes}分）。端末の設定で日付と時刻を「自動」にしてください"),
    settings_set_aside_title: "受け取れなかった変更・送れなかった変更",
    settings_set_aside_received: |n| format!("受け取れなかった変更 {n}件"),
    settings_set_aside_sent: |n| format!("送れなかった変更 {n}件"),
    settings_set_aside_records: |n| format!("読めない記録 {n}件"),
    settings_set_aside_help: "これらは別にして保管してあり、ほかの変更の同期は続いています。内容は失われていません。続く場合は管理者に連絡してください。",
    settings_set_aside_none: "ありません。",
    settings_sign_in_again: "もう一度サインイン",
    settings_sign_in_again_help: "サインインの有効期限が切れたか、管理者によりこの端末がサインアウトされました。パスワードを入力してください。この端末の記録と未送信の変更はそのまま残ります。",
    settings_account_disabled_help: "このアカウントは管理者により無効にされました。未送信の変更はこの端末に残っています。管理者に連絡してください。",
    err_sign_in_other_office: "サインイン中とは別の事業所です。別の事業所を使うには、先にサインアウトしてください。",
    err_account_disabled: "このアカウントは無効にされています。管理者に連絡してください。",
    staff_status: "状態",
    staff_active: "有効",
    staff_inactive: "無効",
    staff_actions: "操作",
    staff_disable: "無効にする",
    staff_enable: "有効にする",
    staff_disable_confirm: |name| format!("{name}さんのアカウントを無効にします。サインイン中の端末はすぐに同期できなくなります（端末の記録は消えません）。よろしいですか？"),
    staff_disabled_done: |name| format!("{name}さんのアカウントを無効にしました"),
    staff_enabled_done: |name| format!("{name}さんのアカウントを有効にしました"),
    staff_reset_password: "パスワードを再設定",
    staff_new_password: "新しいパスワード",
    staff_password_reset_done: |name| format!("{name}さんのパスワードを再設定しました"),
    staff_devices: "端末",
    staff_devices_of: |name| format!("{name}さんのサインイン中の端末"),
    staff_device_signed_in: "サインイン日時",
    staff_device_last_used: "最終利用",
    staff_device_this: "（この端末）",
    staff_device_revoke: "この端末をサインアウトさせる",
    staff_device_revoked: "端末をサインアウトさせました",
    staff_no_devices: "サインイン中の端末はありません。",
    staff_close: "閉じる",
    settings_import_conflicts: |n| format!("{n}件の記録で、この端末と値の違う項目があります。両方を残したので、各記録の「競合」から選んでください。"),
    settings_reasons: "理由",
    server_message_part: 0,
    client_nav_label: "この利用者の記録",
    // -- notes (支援記録) --
    notes_title: "支援記録",
    notes_nav: "支援記録",
    notes_new: "記録する",
    notes_new_title: "支援記録を書く",
    notes_edit_title: "支援記録を編集",
    notes_for_client,
    notes_back: "支援記録の一覧へ戻る",
    notes_client_page: "利用者の情報",
    notes_at: "日時",
    notes_place: "場所",
    notes_place_name: renkei_domain::visit_note::Place::label_ja,
    notes_place_detail: "場所の詳細（その他のときは必須）",
    notes_present: "同席者",
    notes_present_hint: "「、」で区切って入力（例: 本人、職場の上司）",
    notes_details: "場所の詳細・同席者",
    notes_text: "記録（必須）",
    notes_links: "目標・領域を選ぶ",
    notes_goals: "計画の目標",
    notes_no_goals: "この利用者の個別支援計画に目標はまだありません。",
    notes_goal_untitled,
    notes_unknown_goal: "（計画にない目標）",
    notes_domains: "生活の領域",
    notes_follow_up: "フォローアップ（やること）",
    notes_follow_up_text: "やること",
    notes_follow_up_due: "期限",
    notes_follow_up_done: "完了",
    notes_save: "保存",
    notes_has_errors: "入力内容を確認してください。まだ保存していません。",
    notes_saved: "✓ 保存しました",
    notes_draft_restored: "保存していない書きかけの記録を戻しました。",
    notes_discard_draft: "書きかけを破棄",
    notes_search: "記録を検索",
    notes_search_placeholder: "記録の文字で検索",
    notes_filters: "絞り込み",
    notes_all: "すべて",
    notes_from: "この日から",
    notes_to: "この日まで",
    notes_clear_filters: "条件をクリア",
    notes_count: notes_count_ja,
    notes_more: notes_more_ja,
    notes_empty: "まだ記録がありません。「記録する」から書けます。",
    notes_no_match: "条件に合う記録はありません。",
    notes_edit: "編集",
    notes_when: notes_when_ja,
    notes_date: renkei_domain::wareki::format_western,
    notes_due: notes_due_ja,
    notes_overdue: "期限切れ",
    notes_delete_confirm: "この記録をゴミ箱に移しますか？ 30日以内なら、ゴミ箱から元に戻せます。",
    notes_in_trash: "この記録はゴミ箱にあります。元に戻すまで一覧には表示されません。",
    // -- plan (個別支援計画) --
    plan_title: "個別支援計画",
    plan_none: "この利用者の個別支援計画はまだありません。",
    plan_create: "計画を作成",
    plan_version,
    plan_versions: "版の履歴",
    plan_current: "現在の版",
    plan_forked: "同じ版から複数の見直しが作られています。どちらを使うか確認してください。",
    plan_read_only: "この版は見直しで新しい版に引き継がれたため、読み取り専用です。変更は現在の版で行ってください。",
    plan_to_current: "現在の版を開く",
    plan_status_preparing: "作成中",
    plan_status_in_effect: "実施中",
    plan_status_reviewed: "見直し済み",
    plan_has_errors: "入力に誤りがあります。直すまで下書きとして保存され、計画には反映されません。",
    plan_err_date: "日付を正しく入力してください（2000年〜2099年）。",
    plan_err_end_before_start: "終了日が開始日より前になっています。",
    plan_findings_title: "確認が必要なこと",
    plan_no_findings: "記録に不足はありません。",
    plan_alert: "要対応",
    plan_warning: "注意",
    plan_finding,
    plan_days_left,
    plan_days_over,
    plan_next_review: "次の見直し期限:",
    plan_next_review_unknown: "計画期間の開始日か同意日を入力すると表示されます",
    plan_print_view: "印刷用の表示",
    plan_sec_basic: "基本",
    plan_service: "サービス種別",
    plan_service_choose: "選択してください",
    plan_period_start: "計画期間（開始）",
    plan_period_end: "計画期間（終了）",
    plan_manager: "計画作成責任者",
    plan_staff_name: "氏名",
    plan_staff_role: "職種",
    plan_role: renkei_domain::plan::JobRole::label_ja,
    plan_additions: "算定する加算",
    plan_additions_hint: "1行に1つ書いてください（例: 地域連携会議実施加算）。",
    plan_sec_wishes: "意向",
    plan_policy: "総合的な支援の方針",
    plan_long_term: "長期目標",
    plan_short_term: "短期目標",
    plan_no_goals: "短期目標はまだありません。",
    plan_goal_n,
    plan_goal_text: "目標",
    plan_goal_support: "支援内容",
    plan_goal_provider: "担当者・提供機関",
    plan_goal_frequency: "頻度",
    plan_goal_frequency_hint: "例: 週1回",
    plan_start: "開始日",
    plan_end: "終了日",
    plan_goal_add: "短期目標を追加",
    plan_up: "上へ",
    plan_down: "下へ",
    plan_remove: "削除",
    plan_remove_confirmed: "削除する",
    plan_goal_remove_confirm: "この短期目標を削除しますか？これまでのモニタリングの記録は残ります。",
    plan_step: renkei_domain::plan::Step::label_ja,
    plan_step_done: "記録済み",
    plan_step_missing: "未記録",
    plan_done_on: "実施日",
    plan_done_by: "実施者",
    plan_made_on: "作成日",
    plan_made_by: "作成者",
    plan_held_on: "開催日",
    plan_recorded_by: "記録者",
    plan_interview: "本人との面接の記録",
    plan_note: "メモ",
    plan_attendees: "出席者",
    plan_attendees_hint: "1行に1人（例: 山田 太郎（本人）、鈴木（生活支援員））。",
    plan_minutes: "検討内容",
    plan_explained_on: "説明日",
    plan_explained_by: "説明者",
    plan_consented_on: "同意日",
    plan_consented_by: "同意した人",
    plan_consented_by_hint: "署名のとおりに（例: 山田 太郎（本人）、山田 花子（母））。",
    plan_handed_over_on: "交付日",
    plan_sec_monitoring: "モニタリング",
    plan_monitoring_help: "サビ管・児発管が本人と面接し、短期目標ごとに評価します。",
    plan_monitoring_none: "モニタリングの記録はまだありません。",
    plan_monitoring_add: "モニタリングを追加",
    plan_monitoring_n,
    plan_monitoring_remove_confirm: "このモニタリングの記録を削除しますか？",
    plan_achievement_label: "達成度",
    plan_achievement_none: "未評価",
    plan_achievement: renkei_domain::plan::Achievement::label_ja,
    plan_evaluation: "評価",
    plan_next_action: "今後の対応",
    plan_summary: "総合所見",
    plan_review_summary: "見直しの内容",
    plan_review_new: "見直し（新しい版を作成）",
    plan_review_confirm,
    plan_review_not_recorded: "この版の見直しの記録（実施日と実施者）がまだありません。",
    plan_review_create: "新しい版を作成する",
    plan_review_invalid: "入力に誤りがあります。直してから新しい版を作成してください。",
    plan_back: "計画に戻る",
    plan_print: "印刷",
    plan_doc_title: "個別支援計画書",
    plan_doc_client: "利用者氏名",
    plan_doc_honorific,
    plan_doc_period: "計画期間",
    plan_doc_created: "作成日",
    plan_doc_consented: "同意日",
    plan_doc_handed: "交付日",
    plan_doc_office: "事業所名",
    plan_col_goal: "目標",
    plan_col_support: "支援内容",
    plan_col_provider: "担当",
    plan_col_frequency: "頻度",
    plan_col_period: "期間",
    plan_doc_consent_text: "上記の計画について説明を受け、同意しました。",
    plan_doc_date_blank: "令和　　年　　月　　日",
    plan_doc_sign_self: "本人署名",
    plan_doc_sign_family: "家族（代理人）署名・続柄",
    // -- assessment (8領域アセスメント) --
    assess_nav: "アセスメント",
    assess_title: "8領域アセスメント",
    assess_new: "新しいアセスメント",
    assess_new_title: "新しいアセスメント",
    assess_empty: "まだアセスメントがありません。「新しいアセスメント」から始めてください。",
    assess_history: "これまでのアセスメント",
    assess_unreadable,
    assess_progress,
    assess_needing_support,
    assess_date: "実施日",
    assess_by: "評価者",
    assess_overall: "総合所見",
    assess_date_text: renkei_domain::wareki::format_western,
    assess_err_date: "実施日を今日までの日付で入力してください。直すまで、前の実施日のまま保存されます。",
    assess_back: "アセスメント一覧へ",
    assess_domains_nav: "領域へ移動",
    assess_score_value,
    assess_score_help_title: "支援必要度とは",
    assess_score_help: renkei_domain::assessment::score_explanation_ja,
    assess_rating: renkei_domain::assessment::Rating::label_ja,
    assess_change: renkei_domain::assessment::ItemChange::label_ja,
    assess_memo: "メモ",
    assess_note: "所見・メモ",
    assess_own_words: "本人の言葉",
    assess_strengths: "ストレングス",
    assess_to_goal: "計画の目標にする",
    assess_goal_adding: "計画に追加しています…",
    assess_goal_added: "計画に追加しました",
    assess_goal_exists: "計画に追加済み",
    assess_open_plan: "計画を開く",
    assess_domain_notes,
    assess_compare_title: "前回との比較",
    assess_compare_with: "比べるアセスメント",
    assess_compare_hint: "2回目のアセスメントをすると、前回との比較が表示されます。",
    assess_chart_label,
    assess_table_caption: "領域ごとの支援必要度（0〜100、大きいほど支援が必要）",
    assess_col_domain: "領域",
    assess_col_item: "項目",
    assess_col_before: "前回",
    assess_col_after: "今回",
    assess_col_change: "変化",
    assess_delta,
    assess_changed_items: "評価が変わった項目",
    assess_no_changes: "評価が変わった項目はありません。",
    assess_delete_confirm: "このアセスメントをゴミ箱に移しますか？ 30日以内なら、ゴミ箱から元に戻せます。",
    assess_in_trash: "このアセスメントはゴミ箱にあります。元に戻すまで一覧には表示されません。",
    // -- dashboard --
    date_long: renkei_domain::wareki::format_with_western,
    finding: |f| f.label_ja(),
    dash_plans: "個別支援計画で対応が必要なこと",
    dash_plans_ok: "対応が必要な計画はありません。",
    dash_no_plan: "個別支援計画がありません（監査では未作成として扱われます）",
    dash_days_over: |date, days| format!("期限 {date}・{days}日超過"),
    dash_days_left: |date, days| format!("期限 {date}・あと{days}日"),
    dash_due: |date| format!("期限 {date}"),
    dash_follow_ups: "未完了のフォローアップ",
    dash_no_follow_ups: "未完了のフォローアップはありません。",
    dash_recent_notes: "最近の支援記録",
    dash_no_notes: "支援記録はまだありません。",
    field_problem,
    life_stage,
    service_name: ServiceType::name_ja,
};

// -- notes (支援記録) helpers --
fn notes_for_client(name: &str) -> String {
    format!("{name}さん")
}
fn notes_goal_untitled(n: usize) -> String {
    format!("目標{n}")
}
fn notes_count_ja(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total}件")
    } else {
        format!("{total}件中 {shown}件を表示")
    }
}
fn notes_more_ja(n: usize) -> String {
    format!("さらに表示（あと{n}件）")
}
fn notes_when_ja(at: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    const DAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    let day = DAYS[at.weekday().num_days_from_monday() as usize];
    format!("{}（{day}） {}:{:02}", renkei_domain::wareki::format_western(at.date()), at.hour(), at.minute())
}
fn notes_due_ja(date: &str) -> String {
    format!("期限: {date}")
}

// -- assessment (8領域アセスメント) --
fn assess_unreadable(n: usize) -> String {
    format!("読み取れないアセスメントが{n}件あります（新しいバージョンのアプリで作られた可能性があります）。")
}
fn assess_progress(rated: usize, total: usize) -> String {
    format!("評価済み {rated}/{total}")
}
fn assess_needing_support(n: usize) -> String {
    format!("支援が必要な項目 {n}")
}
fn assess_score_value(score: Option<u8>) -> String {
    match score {
        Some(s) => format!("支援必要度 {s}"),
        None => "支援必要度 —".to_owned(),
    }
}
fn assess_domain_notes(n: usize) -> String {
    format!("この領域の支援記録（{n}件）")
}
fn assess_chart_label(after: &str, before: &str) -> String {
    if before.is_empty() {
        format!("8領域の支援必要度のレーダーチャート（{after}）。同じ数値を下の表に示します。")
    } else {
        format!("8領域の支援必要度のレーダーチャート（前回 {before}、今回 {after}）。同じ数値を下の表に示します。")
    }
}
fn assess_delta(delta: Option<i16>) -> String {
    match delta {
        None => "—".to_owned(),
        Some(0) => "±0".to_owned(),
        Some(d) if d > 0 => format!("+{d}（悪化）"),
        Some(d) => format!("−{}（改善）", -d),
    }
}

// -- plan (個別支援計画) helpers --
fn plan_version(n: u32) -> String {
    format!("第{n}版")
}
fn plan_finding(f: &renkei_domain::plan::Finding) -> &'static str {
    f.label_ja()
}
fn plan_days_left(n: i64) -> String {
    if n == 0 {
        "今日まで".to_owned()
    } else {
        format!("あと{n}日")
    }
}
fn plan_days_over(n: i64) -> String {
    format!("{n}日超過")
}
fn plan_goal_n(n: usize) -> String {
    format!("短期目標 {n}")
}
fn plan_monitoring_n(n: usize) -> String {
    format!("モニタリング {n}")
}
fn plan_review_confirm(n: u32) -> String {
    format!("新しい版（第{n}版）を作成します。今の版は内容を変えずに、読み取り専用で残ります。")
}
fn plan_doc_honorific(name: &str) -> String {
    format!("{name} 様")
}
