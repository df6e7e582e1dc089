//! 日本語: StaffTexts.

use crate::i18n::groups::StaffTexts;

pub const TEXTS: StaffTexts = StaffTexts {
    title: "職員の管理",
    display_name: "表示名",
    role: "権限",
    job_role: "職種",
    job_role_hint: "サビ管・児発管を選ぶと、その人が作る計画の計画作成責任者になり、アセスメントやモニタリングの職種も記録されます。",
    job_role_none: "未設定",
    job_role_of: |name| format!("{name}さんの職種"),
    job_role_done: |name| format!("{name}さんの職種を変更しました"),
    add: "職員を追加",
    added,
    initial_password: "初期パスワード",
    password_hint: "8文字以上。本人に直接伝えてください。",
    admin_only: "職員の追加は管理者だけができます。",
    role_admin: "管理者",
    role_staff: "職員",
    status: "状態",
    active: "有効",
    inactive: "無効",
    actions: "操作",
    disable: "無効にする",
    enable: "有効にする",
    disable_confirm: |name| {
        format!("{name}さんのアカウントを無効にします。サインイン中の端末はすぐに同期できなくなります（端末の記録は消えません）。よろしいですか？")
    },
    disabled_done: |name| format!("{name}さんのアカウントを無効にしました"),
    enabled_done: |name| format!("{name}さんのアカウントを有効にしました"),
    reset_password: "パスワードを再設定",
    new_password: "新しいパスワード",
    password_reset_done: |name| format!("{name}さんのパスワードを再設定しました"),
    devices: "端末",
    devices_of: |name| format!("{name}さんのサインイン中の端末"),
    device_signed_in: "サインイン日時",
    device_last_used: "最終利用",
    device_this: "（この端末）",
    device_revoke: "この端末をサインアウトさせる",
    device_revoked: "端末をサインアウトさせました",
    no_devices: "サインイン中の端末はありません。",
    close: "閉じる",
};

fn added(name: &str) -> String {
    format!("{name} さんを追加しました。")
}
