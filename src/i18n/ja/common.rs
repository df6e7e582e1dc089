//! 日本語: CommonTexts.

use crate::i18n::groups::CommonTexts;
use renkei_domain::{LifeStage, ServiceType};

pub const TEXTS: CommonTexts = CommonTexts {
    // -- The app shell --
    app_name: "連携ノート",
    skip_to_main: "本文へ移動",
    nav_label: "メインメニュー",
    nav_home: "ホーム",
    nav_clients: "利用者",
    nav_agencies: "関係機関",
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
    date_time,
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
    service_name,
    life_stage,

    // -- Errors --
    err_store_quota: "端末の空き容量が足りないため保存できませんでした。不要なファイルを削除してから、もう一度お試しください。",
    err_store_blocked: "別のタブで古いバージョンが開いています。他のタブを閉じてから再読み込みしてください。",
    err_store_newer_schema: "このデータは新しいバージョンのアプリで使われています。アプリを更新してください（データはそのまま残っています）。",
    err_store_closed_for_upgrade: "別のタブで新しいバージョンのアプリが開かれました。このタブを再読み込みしてください。",
    err_store_unavailable: "この端末ではデータを保存できません（プライベートブラウズ中かもしれません）。",
    err_store_exists: "同じIDのデータがすでにあります。何も変更していません。",
    err_store_corrupt: "保存されたデータを読み取れませんでした。",
    err_store_session_changed: "同期の途中でサインインの状態が変わったため、受け取った変更を取り消しました。",
    err_store_locked: "端末がロックされています。パスコードを入力してから、もう一度お試しください。",
    lock_now: "ロック",
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
fn life_stage(s: LifeStage) -> &'static str {
    match s {
        LifeStage::Infancy => "乳幼児期",
        LifeStage::SchoolAge => "学齢期",
        LifeStage::Adulthood => "成年期",
    }
}
/// The official name, as written on 受給者証 and plans.
fn service_name(s: ServiceType) -> &'static str {
    use ServiceType::*;
    match s {
        HomeCare => "居宅介護",
        SevereVisitingCare => "重度訪問介護",
        AccompanyingSupport => "同行援護",
        BehaviouralSupport => "行動援護",
        ComprehensiveSupport => "重度障害者等包括支援",
        ShortStay => "短期入所",
        MedicalCare => "療養介護",
        DailyLifeCare => "生活介護",
        InstitutionalSupport => "施設入所支援",
        FunctionalTraining => "自立訓練（機能訓練）",
        LifeSkillsTraining => "自立訓練（生活訓練）",
        ResidentialTraining => "宿泊型自立訓練",
        EmploymentSelection => "就労選択支援",
        EmploymentTransition => "就労移行支援",
        EmploymentContinuationA => "就労継続支援A型",
        EmploymentContinuationB => "就労継続支援B型",
        EmploymentRetention => "就労定着支援",
        IndependentLiving => "自立生活援助",
        GroupHome => "共同生活援助（グループホーム）",
        PlanningConsultation => "計画相談支援",
        CommunityTransition => "地域移行支援",
        CommunitySettlement => "地域定着支援",
        ChildDevelopment => "児童発達支援",
        AfterSchoolDay => "放課後等デイサービス",
        HomeVisitChildDevelopment => "居宅訪問型児童発達支援",
        NurseryVisit => "保育所等訪問支援",
        ChildConsultation => "障害児相談支援",
        WelfareChildResidential => "福祉型障害児入所施設",
        MedicalChildResidential => "医療型障害児入所施設",
    }
}
fn date_time(at: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    const DAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    let day = DAYS[at.weekday().num_days_from_monday() as usize];
    format!("{}（{day}） {}:{:02}", renkei_domain::wareki::format_western(at.date()), at.hour(), at.minute())
}

#[cfg(test)]
mod tests {
    use super::TEXTS;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn screens_write_the_western_date_and_print_adds_wareki() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        assert_eq!((TEXTS.date)(d), "2026年12月2日");
        assert_eq!((TEXTS.date_time)(d.and_hms_opt(14, 5, 0).unwrap()), "2026年12月2日（水） 14:05");
    }
}
