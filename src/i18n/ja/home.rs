//! 日本語: HomeTexts.

use crate::i18n::groups::HomeTexts;

pub const TEXTS: HomeTexts = HomeTexts {
    title: "ホーム",
    active_clients,
    recent: "最近更新した利用者",
    no_recent: "まだ利用者が登録されていません。",
    local_only: "データはこの端末だけに保存されています",
    local_only_detail: "事業所のサーバーにサインインしていないため、記録は他の端末やサーバーにはありません。",
    with_server: "データはこの端末と事業所のサーバーに保存されます",
    backup_hint: "端末の故障や紛失に備えて、設定からバックアップファイルを書き出してください。",
    last_backup,
    never_backed_up: "まだバックアップをしていません。",
    unsent: unsent_to_server,
    all_sent: "すべての変更をサーバーに送信済みです。",
    sign_in_hint: "事業所のサーバーがあれば、設定からサインインすると自動で同期されます。",
    ios_install_title: "ホーム画面に追加してください",
    ios_install_steps: "iPhone・iPadのSafariでは、7日間使わないとデータが消えることがあります。共有ボタン（□に↑）→「ホーム画面に追加」を押して、ホーム画面から開いてください。",
};

fn active_clients(n: usize) -> String {
    format!("利用中の利用者 {n}人")
}
fn last_backup(date: &str) -> String {
    format!("最後のバックアップ: {date}")
}
fn unsent_to_server(n: u32, age: &str) -> String {
    format!("サーバーに未送信の変更: {n}件（最も古いもの: {age}）。つながると自動で送信されます。")
}
