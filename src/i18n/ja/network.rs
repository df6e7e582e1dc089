//! 日本語: NetworkTexts.

use crate::i18n::groups::NetworkTexts;
use renkei_domain::network::{AgencyCategory, AgencyType, Channel, CooperationStage, ViewAnswer};

pub const TEXTS: NetworkTexts = NetworkTexts {
    category,
    agency_type,
    stage,
    stage_meaning,
    answer,
    channel,
    last_contact,
    never_contacted: "連絡の記録なし",
};

fn category(c: AgencyCategory) -> &'static str {
    match c {
        AgencyCategory::Employment => "就労支援機関",
        AgencyCategory::Living => "生活支援機関",
        AgencyCategory::Medical => "医療機関",
        AgencyCategory::Education => "教育機関",
        AgencyCategory::Children => "児童分野機関",
        AgencyCategory::Government => "行政",
        AgencyCategory::Informal => "インフォーマル",
        AgencyCategory::Other => "その他",
    }
}

fn agency_type(t: AgencyType) -> &'static str {
    match t {
        AgencyType::HelloWork => "ハローワーク",
        AgencyType::VocationalCenter => "地域障害者職業センター",
        AgencyType::EmploymentLifeCenter => "障害者就業・生活支援センター",
        AgencyType::TransitionSupport => "就労移行支援",
        AgencyType::ContinuedSupport => "就労継続支援",
        AgencyType::VocationalTraining => "職業訓練機関",
        AgencyType::Employer => "企業（雇用先）",
        AgencyType::Counseling => "相談支援事業者",
        AgencyType::GroupHome => "グループホーム",
        AgencyType::HomeHelp => "ホームヘルプ・移動支援",
        AgencyType::Clinic => "病院・診療所",
        AgencyType::SpecialNeedsSchool => "特別支援学校",
        AgencyType::School => "学校",
        AgencyType::Nursery => "保育所・幼稚園",
        AgencyType::ChildDevelopment => "児童発達支援・放課後等デイサービス",
        AgencyType::WelfareOffice => "福祉事務所・市町村",
        AgencyType::PensionOffice => "年金事務所",
        AgencyType::ConsumerCenter => "消費生活センター",
        AgencyType::Lawyer => "弁護士",
        AgencyType::Police => "警察",
        AgencyType::Other => "その他",
    }
}

fn stage(s: CooperationStage) -> &'static str {
    match s {
        CooperationStage::Linkage => "つながり（Linkage）",
        CooperationStage::Coordination => "調整・協力（Coordination）",
        CooperationStage::Integration => "統合・協働（Integration）",
    }
}

fn stage_meaning(s: CooperationStage) -> &'static str {
    match s {
        CooperationStage::Linkage => {
            "各専門職が随時の情報交換を行い、コミュニケーションをとることで顔の見える関係（連絡が取れる関係）につながる段階。目的の共有・達成に向けた土台。"
        }
        CooperationStage::Coordination => {
            "定期的な業務連携（計画的な情報共有や支援のマネジメント）が行われている段階。目的が共有され、それに沿って支援が行われている。"
        }
        CooperationStage::Integration => {
            "組織を超えた新たなチームとして展開される段階。緊急時など集中的な援助が必要な場面や、個別のケースだけでなく地域への役割も担う。"
        }
    }
}

fn answer(a: ViewAnswer) -> &'static str {
    match a {
        ViewAnswer::Cooperating => "連携できている",
        ViewAnswer::Trusted => "信頼されている",
        ViewAnswer::LittleKnown => "あまり知らない",
        ViewAnswer::NotNeeded => "必要ない",
        ViewAnswer::NotAsked => "まだ聞いていない",
    }
}

fn channel(c: Channel) -> &'static str {
    match c {
        Channel::Phone => "電話",
        Channel::Visit => "訪問",
        Channel::Meeting => "会議",
        Channel::Mail => "メール・FAX",
        Channel::Other => "その他",
    }
}

fn last_contact(day: &str) -> String {
    format!("最終連絡 {day}")
}
