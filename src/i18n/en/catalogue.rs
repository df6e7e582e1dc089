//! English: CatalogueTexts, by the ids of `renkei_domain::assessment::catalogue`
//! (docs/assessment.md). An id added by a later catalogue version and not
//! listed here shows the catalogue's Japanese wording until it is added.

use crate::i18n::groups::CatalogueTexts;

pub const TEXTS: CatalogueTexts = CatalogueTexts {
    domains,
    domain_details,
    items,
    item_details,
    item_headings,
    bracketed: |detail| format!(" ({detail})"),
};

fn domains(id: &str) -> Option<&'static str> {
    Some(match id {
        "health" => "Health and diet",
        "living" => "Home and daily living",
        "income" => "Income and spending",
        "work" => "Work and employment",
        "learning" => "Growing, raising and learning",
        "communication" => "Communication",
        "mobility" => "Transport and mobility",
        "community" => "Community",
        _ => return None,
    })
}

fn domain_details(id: &str) -> Option<&'static str> {
    Some(match id {
        "health" => "living environment and safety",
        _ => return None,
    })
}

fn items(id: &str) -> Option<&'static str> {
    Some(match id {
        "health.diet" => "Diet, nutrition and choosing food",
        "health.health_care" => "Health care and managing illness",
        "health.crime_prevention" => "Crime prevention and safety",
        "health.disaster" => "Local disaster preparedness and acting in danger",
        "living.environment" => "Living environment",
        "living.housing" => "Looking after the home and its fittings",
        "living.amenities" => "Everyday amenities and leisure",
        "living.facilities" => "Facilities and services nearby",
        "living.housework" => "Housework and running the household",
        "living.home_services" => "Home-based services",
        "living.municipal_services" => "Services of the municipality",
        "income.life_planning" => "Life planning",
        "income.living_cost" => "Cost of living",
        "income.assets" => "Property and assets",
        "income.saving" => "Attitude to saving",
        "income.investment" => "Spending to improve quality of life",
        "work.individuality" => "Expressing one's individuality",
        "work.role" => "Having a role",
        "work.livelihood" => "Earning a living",
        "work.employment_environment" => "Employment conditions",
        "work.industry_trends" => "Trends in local industry",
        "learning.opportunity" => "Opportunities for education",
        "learning.institutions" => "Access to related institutions",
        "learning.awareness" => "Awareness-raising activities",
        "learning.traditional_culture" => "Traditional culture",
        "learning.content" => "What is taught",
        "communication.information" => "Getting information",
        "communication.means" => "Means of communication",
        "communication.disaster" => "Coping with disasters",
        "communication.emergency_contact" => "Emergency contact system",
        "mobility.public_transport" => "Public transport",
        "mobility.convenience" => "Convenience",
        "mobility.safety" => "Safety",
        "mobility.mobility" => "Personal mobility",
        "mobility.barrier_free" => "Barrier-free access",
        "community.friendships" => "Friendships",
        "community.friendship_weight" => "The place of friendships in life",
        "community.local_society" => "Relations with the local community",
        "community.local_events" => "Taking part in local events",
        "community.local_change" => "Keeping up with changes in the area",
        _ => return None,
    })
}

fn item_details(id: &str) -> Option<&'static str> {
    Some(match id {
        "living.environment" => "location, town planning, access to everyday facilities, barrier-free design",
        "income.living_cost" => "what it is worth for daily and cultural life",
        "communication.emergency_contact" => "evacuation guidance, danger warnings",
        "community.friendships" => "friends, groups, give-and-take relationships",
        "community.friendship_weight" => "time, attention and money spent",
        "community.local_society" => "neighbourhood association, neighbours",
        "community.local_events" => "festivals, clean-ups, community events",
        _ => return None,
    })
}

fn item_headings(id: &str) -> Option<&'static str> {
    Some(match id {
        "living.housework" => "Daily living",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::TEXTS;
    use renkei_domain::assessment::catalogue;
    use std::collections::BTreeSet;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn is_japanese(s: &str) -> bool {
        s.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
    }

    #[wasm_bindgen_test]
    fn every_domain_and_item_has_an_english_name_of_its_own() {
        for cat in catalogue::versions() {
            for d in cat.domains() {
                assert!(!is_japanese(TEXTS.domain(d)), "{}", d.id());
                assert!(!is_japanese(&TEXTS.domain_heading(d)), "{}", d.id());
            }
            let mut names = BTreeSet::new();
            for (_, item) in cat.items() {
                let name = TEXTS.item(item);
                assert!(!is_japanese(name), "{}", item.id());
                assert!(names.insert(name), "{name} names two items");
                assert_eq!(TEXTS.item_detail(item).is_some(), item.detail_ja().is_some(), "{}", item.id());
                assert!(!TEXTS.item_detail(item).is_some_and(is_japanese), "{}", item.id());
                assert_eq!(TEXTS.item_heading(item).is_some(), item.heading_ja().is_some(), "{}", item.id());
                assert!(!TEXTS.item_heading(item).is_some_and(is_japanese), "{}", item.id());
            }
        }
    }

    #[wasm_bindgen_test]
    fn an_id_this_table_does_not_know_keeps_the_catalogue_wording() {
        assert_eq!(TEXTS.item_by_id("health.sleep", "睡眠・生活リズム"), "睡眠・生活リズム");
        assert_eq!(TEXTS.item_by_id("health.diet", "食生活・栄養管理・食材選択"), "Diet, nutrition and choosing food");
    }
}
