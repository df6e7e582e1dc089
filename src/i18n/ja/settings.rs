//! 日本語: SettingsTexts.

use crate::i18n::groups::SettingsTexts;

pub const TEXTS: SettingsTexts = SettingsTexts {
    title: "設定",
    plan: "個別支援計画の期限",
    plan_reading_label: "就労定着支援・自立生活援助の見直し間隔",
    plan_reading_hint: "この2つのサービスの見直し間隔は制度上はっきりしていません。早めの見直しは違反にならないため、3か月を既定にしています。",
    plan_reading: |r| match r {
        renkei_domain::plan::UnconfirmedReading::ThreeMonths => "3か月ごと（既定）",
        renkei_domain::plan::UnconfirmedReading::SixMonths => "6か月ごと",
    },
    plan_review_label: "事業所で決めている見直し間隔",
    plan_review_hint: "制度の間隔より短くする場合だけ選んでください。長い間隔は使われません。",
    plan_review_rule: "制度どおり（就労移行支援・自立訓練は3か月、その他は6か月）",
    plan_monitoring_label: "モニタリングの間隔",
    plan_monitoring_hint: "前回のモニタリング（まだなければ計画の同意日）から数えます。見直しの間隔より長くはなりません。",
    plan_monitoring_default: "見直しの間隔ごと（既定）",
    plan_months: |m| format!("{m}か月ごと"),
    plan_device_note: "この設定はこの端末に保存されます。事業所の端末ではそろえてください。",
    language: "表示言語",
    storage: "端末の保存領域",
    storage_used: "使用量",
    storage_quota: "上限",
    storage_persistent: "永続保存",
    persistent_yes: "有効（ブラウザが自動で削除しません）",
    persistent_no: "無効",
    persist_warning: "永続保存が許可されていません。空き容量が少なくなると、ブラウザがデータを削除することがあります。ホーム画面に追加するか、こまめにバックアップしてください。",
    persist_request: "永続保存を申請する",
    unknown: "不明",
    persist_unsupported: "このブラウザでは申請できません",
    persist_unsupported_warning: "このブラウザは永続保存の申請に対応していないため、空き容量が少なくなったときや長く使わなかったときに、ブラウザがデータを削除することがあります。ホーム画面に追加し、こまめに同期かバックアップをしてください。",
    persist_asking: "ブラウザの確認に答えてください。「許可」を選ぶと、データが自動で削除されなくなります。",
    persist_refused: "許可されませんでした。ブラウザの設定でこのサイトの「永続ストレージ」を許可できます。",
    unsent,
    backup: "バックアップ",
    backup_help: "すべてのデータをファイルに書き出し、別の端末で読み込めます。ファイルは、ここで決めるパスワードで暗号化されます。読み込みは項目ごとに合わせ、この端末と値が違う項目は両方を残して「競合」から選べるようにします。何も削除しません。",
    export: "暗号化して書き出す",
    import: "ファイルから読み込む",
    import_done,
    export_done,
    export_done_encrypted: |n| format!("{n}件のデータを暗号化してファイルに書き出しました。パスワードはファイルとは別に控えてください。"),
    backup_password: "ファイルのパスワード",
    backup_password_again: "パスワード（確認）",
    backup_password_hint: "10文字以上。このパスワードがないとファイルは開けません。忘れると、誰にも開けなくなります。",
    backup_password_problem: |p| {
        use renkei_domain::vault::PasscodeProblem::*;
        match p {
            Empty => "パスワードを入力してください。",
            TooFewDigits | TooShortPhrase | TooShortForFile => "10文字以上にしてください。",
            TooSimple => "同じ文字の繰り返しや「1234…」のような並びは使えません。",
        }
    },
    err_password_mismatch: "確認のパスワードが一致しません。",
    export_plain: "暗号化せずに書き出す",
    export_plain_warning: "暗号化しないファイルには、利用者の氏名や障害・健康の情報がそのまま書かれます。ファイルを手にした人は誰でも読めます。事業所の決まりで認められた場合だけ使ってください。",
    export_plain_understood: "暗号化しないファイルは誰でも読めることを理解しました",
    import_password_prompt: "暗号化されたバックアップです。書き出したときのパスワードを入力してください。",
    backup_file_password: "読み込むファイルのパスワード",
    import_open: "開いて読み込む",
    err_backup_wrong_password: "パスワードが違うか、ファイルが変更されています。何も変更していません。",
    err_backup_damaged: "ファイルが壊れているため開けません。何も変更していません。",
    err_crypto: "この端末のブラウザで暗号化の処理ができませんでした。何も変更していません。",
    about: "このアプリについて",
    version: "バージョン",
    device: "端末ID",
    err_file_read: "ファイルを読み取れませんでした。",
    sync: "同期（事業所のサーバー）",
    sync_help: "サインインすると、この端末のデータを事業所のサーバーと自動で同期します。",
    office_code: "事業所コード",
    password: "パスワード",
    sign_in: "サインイン",
    signed_in_as,
    sync_now: "今すぐ同期",
    last_sync,
    sign_out: "サインアウト",
    sign_out_note: "サインアウトすると、この端末から事業所のデータが削除されます（サーバーに送信済みのデータは残ります）。",
    sign_out_confirm,
    sign_out_anyway: "未送信の変更も削除してサインアウト",
    err_sign_in_failed: "事業所コード、ログインID、パスワードのいずれかが違います。",
    set_aside_title: "受け取れなかった変更・送れなかった変更",
    set_aside_received: |n| format!("受け取れなかった変更 {n}件"),
    set_aside_sent: |n| format!("送れなかった変更 {n}件"),
    set_aside_records: |n| format!("読めない記録 {n}件"),
    set_aside_help: "これらは別にして保管してあり、ほかの変更の同期は続いています。内容は失われていません。続く場合は管理者に連絡してください。",
    set_aside_none: "ありません。",
    sign_in_again: "もう一度サインイン",
    sign_in_again_help: "サインインの有効期限が切れたか、管理者によりこの端末がサインアウトされました。パスワードを入力してください。この端末の記録と未送信の変更はそのまま残ります。",
    account_disabled_help: "このアカウントは管理者により無効にされました。この端末のデータは消去されます。管理者に連絡してください。",
    err_sign_in_other_office: "サインイン中とは別の事業所です。別の事業所を使うには、先にサインアウトしてください。",
    err_account_disabled: "このアカウントは無効にされています。管理者に連絡してください。",
    import_conflicts: |n| format!("{n}件の記録で、この端末と値の違う項目があります。両方を残したので、各記録の「競合」から選んでください。"),
    reasons: "理由",
    quiet_months_label: "関係機関に「しばらく連絡なし」を付けるまで",
    quiet_months_hint: "この月数のあいだ連絡の記録がない関係機関を、関係機関の一覧とホームで知らせます。",
    quiet_months_default: "3か月（標準）",
    claim_window_label: "地域連携会議実施加算の「年4回」の数え方",
    claim_window_hint: "通知の解釈が定まっていないため選べます。既定は年度（4月〜翌年3月）です。",
    claim_window: |w| match w {
        renkei_domain::meeting::YearWindow::FiscalYear => "年度（4月〜翌年3月）",
        renkei_domain::meeting::YearWindow::Rolling12Months => "直近12か月",
    },
};

fn unsent(n: u32) -> String {
    format!("サーバーに未送信の変更: {n}件")
}
fn import_done(added: usize, updated: usize, unchanged: usize) -> String {
    format!("読み込みました。追加 {added}件、更新 {updated}件、変更なし {unchanged}件。削除されたデータはありません。")
}
fn export_done(n: usize) -> String {
    format!("{n}件のデータをファイルに書き出しました。")
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
