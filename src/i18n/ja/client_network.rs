//! 日本語: ClientNetworkTexts.

use crate::i18n::groups::ClientNetworkTexts;

pub const TEXTS: ClientNetworkTexts = ClientNetworkTexts {
    back: "← 利用者の詳細へ",
    title,
    intro: "この利用者にかかわる関係機関と担当者、その役割です。線の種類は連携の段階を表します。",
    empty: "まだ関係機関が登録されていません。下の「関係機関をつなぐ」から追加してください。",
    ecomap_caption,
    legend: "線: 点線＝段階未設定、破線＝つながり、実線＝調整・協力、太線＝統合・協働",
    table_caption: "かかわっている関係機関",
    ended: "以前かかわっていた関係機関",
    print: "印刷する",
    no_stage: "未設定",
    since,
    period,
    end: "かかわりを終える",
    col_agency: "関係機関",
    col_category: "分類",
    col_role: "役割",
    col_person: "担当者",
    col_phone: "電話",
    col_stage: "連携の段階",
    col_period: "期間",
    add: "関係機関をつなぐ",
    no_agencies: "関係機関がまだ登録されていません。先に関係機関の一覧から登録してください:",
    agency: "関係機関（必須）",
    choose_agency: "（選んでください）",
    person: "担当者",
    no_person: "（指定しない）",
    role: "この利用者への役割",
    role_hint: "例: 職業紹介・定着支援、サービス等利用計画",
    since_label: "いつから",
    add_button: "つなぐ",
};

fn title(name: &str) -> String {
    format!("{name}さんの支援ネットワーク")
}

fn ecomap_caption(name: &str, n: usize) -> String {
    format!("エコマップ: {name}さんと{n}か所の関係機関")
}

fn since(day: &str) -> String {
    format!("{day}から")
}

fn period(from: &str, until: &str) -> String {
    format!("{from}〜{until}")
}
