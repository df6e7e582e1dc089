//! 日本語: ClientTexts.

use crate::i18n::groups::ClientTexts;

pub const TEXTS: ClientTexts = ClientTexts {
    new_title: "新しい利用者",
    not_here_title: "利用者の記録",
    not_here: "この利用者の記録はこの端末にありません",
    not_here_sync_hint: "他の端末で登録された記録は、同期するとこの端末にも届きます。届くと自動で表示されます。",
    not_here_sync: "今すぐ同期",
    not_here_syncing: "同期中…",
    not_here_sign_in_hint: "この端末は事業所のサーバーにサインインしていないため、他の端末の記録を受け取れません。設定からサインインしてください。",
    not_here_settings: "設定を開く",
    name: "氏名（必須）",
    kana: "ふりがな",
    kana_hint: "ひらがな・カタカナ",
    age,
    life_stage: "ライフステージ",
    stage_auto: "生年月日から自動判定",
    stage_override: "ライフステージを手動で設定",
    stage_reason: "手動設定の理由",
    recipient_hint: "数字10桁（任意）",
    status: "利用状況",
    status_active: "利用中",
    status_ended: "利用終了",
    staff: "担当職員",
    services: "利用サービス",
    service_type: "サービスの種類",
    service_choose: "選んでください",
    service_start: "開始日",
    service_end: "終了日",
    service_add: "サービスを追加",
    service_remove: "このサービスを削除",
    no_services: "登録されたサービスはありません。",
    archive: "アーカイブする",
    restore: "アーカイブから戻す",
    archived_notice: "この利用者はアーカイブされています。一覧には表示されません。",
    section_basic: "基本情報",
    section_wishes: "意向",
    section_services: "利用サービス",
    section_record: "記録の管理",
    has_errors: "入力に誤りがあります。下書きとして保存し、正しく入力されると登録します。",
    delete_confirm: "この利用者をゴミ箱に移しますか？ 30日以内なら、ゴミ箱から元に戻せます。",
    in_trash: "この利用者はゴミ箱にあります。元に戻すまで一覧には表示されません。",
};

fn age(years: i32) -> String {
    format!("{years}歳")
}
