//! 引き継ぎシート: what the next place needs to know about a client at a
//! turning point, on one A4 sheet — the profile, the latest assessment's
//! eight domains, the current plan's goals, the agencies involved (with the
//! person to call and the number), and the notes staff chose to hand over.
//! Each printing is kept as a record (kind `handover_print`): who printed
//! which sheet, when, and which notes were on it.

use super::agency::{dial_digits, Agency, AgencyCategory};
use super::link::NetworkLink;
use super::transition::Transition;
use crate::assessment::Assessment;
use crate::life_stage::{age_on, LifeStage};
use crate::plan::{latest_versions, Plan};
use crate::service::ServiceType;
use crate::visit_note::VisitNote;
use crate::Client;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

/// One printing of a client's 引き継ぎシート (who: the record's author).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HandoverPrint {
    #[serde(default)]
    pub client_id: Uuid,
    /// Local date and time of the printing.
    #[serde(default)]
    pub printed_at: Option<NaiveDateTime>,
    /// The turning point the sheet was for, when one was chosen.
    #[serde(default)]
    pub transition_id: Option<Uuid>,
    /// The notes handed over on it.
    #[serde(default)]
    pub note_ids: Vec<Uuid>,
    /// The plan version whose goals it showed.
    #[serde(default)]
    pub plan_id: Option<Uuid>,
    /// The assessment it summarised.
    #[serde(default)]
    pub assessment_id: Option<Uuid>,
}

/// What the sheet is made from: the client's records as stored.
pub struct Sources<'a> {
    pub client_id: Uuid,
    pub client: &'a Client,
    pub assessments: &'a [(Uuid, Assessment)],
    pub plans: &'a [Plan],
    pub links: &'a [NetworkLink],
    pub agencies: &'a HashMap<Uuid, Agency>,
    /// Every note of the client; only `chosen` ones go on the sheet.
    pub notes: &'a [VisitNote],
    pub chosen: &'a [Uuid],
    pub transition: Option<&'a Transition>,
    pub today: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub kana: String,
    pub birth_date: Option<NaiveDate>,
    pub age: Option<i32>,
    pub stage: Option<LifeStage>,
    /// Services in use on the day of the sheet.
    pub services: Vec<ServiceType>,
    pub staff: String,
    pub wishes_self: String,
    pub wishes_family: String,
}

/// One life domain of the latest assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainLine {
    pub id: &'static str,
    /// 支援の必要度 (0–4), when any item is rated.
    pub score: Option<u8>,
    /// The items rated as needing support, by their Japanese label.
    pub needs: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentPart {
    pub id: Uuid,
    pub date: NaiveDate,
    pub domains: Vec<DomainLine>,
    pub overall_note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalLine {
    pub text: String,
    pub support: String,
    pub provider: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPart {
    pub id: Uuid,
    pub version: u32,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub long_term_goal: String,
    pub goals: Vec<GoalLine>,
}

/// An agency involved with the client, with whom to call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyLine {
    pub agency_id: Uuid,
    pub name: String,
    pub category: AgencyCategory,
    pub role: String,
    pub person: Option<String>,
    pub person_role: String,
    /// The person's number, else the agency's.
    pub phone: String,
    pub since: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteLine {
    pub id: Uuid,
    pub at: Option<NaiveDateTime>,
    pub text: String,
}

/// The sheet's content, in the order it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverSheet {
    pub made_on: NaiveDate,
    pub transition: Option<Transition>,
    pub profile: Profile,
    pub assessment: Option<AssessmentPart>,
    pub plan: Option<PlanPart>,
    pub network: Vec<AgencyLine>,
    pub notes: Vec<NoteLine>,
}

/// The plan version in force: of the latest versions (a review forked on
/// two devices leaves two), the highest version, then the latest start.
pub fn current_plan(plans: &[Plan]) -> Option<&Plan> {
    latest_versions(plans).into_iter().max_by_key(|p| (p.version, p.period.start, p.id))
}

/// Assembles the sheet. Agencies whose involvement has ended, goals removed
/// from the plan and notes not chosen are left out; the agencies are in
/// category order, then by name.
pub fn assemble(src: &Sources<'_>) -> HandoverSheet {
    let c = src.client;
    let profile = Profile {
        name: c.name.clone(),
        kana: c.kana.clone(),
        birth_date: c.birth_date,
        age: c.birth_date.map(|b| age_on(b, src.today)),
        stage: c.life_stage(src.today),
        services: c.services.iter().filter(|s| s.active_on(src.today)).map(|s| s.service).collect(),
        staff: c.staff.clone(),
        wishes_self: c.wishes_self.clone(),
        wishes_family: c.wishes_family.clone(),
    };

    let assessment = src
        .assessments
        .iter()
        .filter(|(_, a)| a.client_id == src.client_id)
        .max_by_key(|(id, a)| (a.date, *id))
        .and_then(|(id, a)| {
            let view = a.view().ok()?;
            let domains = view
                .domains
                .iter()
                .map(|d| DomainLine {
                    id: d.domain.id(),
                    score: d.summary.score,
                    needs: d
                        .items
                        .iter()
                        .filter(|i| i.entry.rating.needs_support())
                        .map(|i| i.item.label_ja())
                        .collect(),
                })
                .collect();
            Some(AssessmentPart { id: *id, date: a.date, domains, overall_note: a.overall_note.trim().to_owned() })
        });

    let own_plans: Vec<Plan> = src.plans.iter().filter(|p| p.client_id == src.client_id).cloned().collect();
    let plan = current_plan(&own_plans).map(|p| PlanPart {
        id: p.id,
        version: p.version,
        start: p.period.start,
        end: p.period.end,
        long_term_goal: p.long_term_goal.text.trim().to_owned(),
        goals: p
            .goals_in_order()
            .into_iter()
            .filter(|(_, g)| !g.removed && !g.text.trim().is_empty())
            .map(|(_, g)| GoalLine {
                text: g.text.trim().to_owned(),
                support: g.support.trim().to_owned(),
                provider: g.provider.trim().to_owned(),
            })
            .collect(),
    });

    let mut network: Vec<AgencyLine> = src
        .links
        .iter()
        .filter(|l| l.client_id == src.client_id && l.is_current(src.today))
        .filter_map(|l| {
            let agency = src.agencies.get(&l.agency_id)?;
            let person = l.person_id.and_then(|p| agency.people.iter().find(|x| x.id == p));
            let phone = person
                .map(|p| p.phone.trim())
                .filter(|p| dial_digits(p).is_some())
                .unwrap_or(agency.phone.trim())
                .to_owned();
            Some(AgencyLine {
                agency_id: l.agency_id,
                name: agency.name.clone(),
                category: agency.category,
                role: l.role.clone(),
                person: person.map(|p| p.name.clone()),
                person_role: person.map(|p| p.role.clone()).unwrap_or_default(),
                phone,
                since: l.since,
            })
        })
        .collect();
    network.sort_by(|a, b| (a.category, &a.name, a.agency_id).cmp(&(b.category, &b.name, b.agency_id)));

    let mut notes: Vec<NoteLine> = src
        .notes
        .iter()
        .filter(|n| n.client_id == src.client_id && src.chosen.contains(&n.id))
        .map(|n| NoteLine { id: n.id, at: n.at, text: n.text.trim().to_owned() })
        .collect();
    notes.sort_by_key(|n| (n.at, n.id));

    HandoverSheet { made_on: src.today, transition: src.transition.cloned(), profile, assessment, plan, network, notes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{AssessedBy, Rating};
    use crate::network::ContactPerson;
    use crate::plan::Goal;
    use crate::service::ServiceUse;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    struct World {
        client: Client,
        assessments: Vec<(Uuid, Assessment)>,
        plans: Vec<Plan>,
        links: Vec<NetworkLink>,
        agencies: HashMap<Uuid, Agency>,
        notes: Vec<VisitNote>,
    }

    /// A client with two assessments, two plan versions, three agencies
    /// (one no longer involved) and three notes; another client's records
    /// mixed in.
    fn world() -> World {
        let me = id(1);
        let other = id(2);
        let client = Client {
            name: "山田 太郎".into(),
            kana: "やまだ たろう".into(),
            birth_date: Some(day("2009-06-10")),
            services: vec![
                ServiceUse { service: ServiceType::EmploymentTransition, start: Some(day("2026-04-01")), end: None },
                ServiceUse { service: ServiceType::HomeCare, start: None, end: Some(day("2026-03-31")) },
            ],
            staff: "佐藤".into(),
            ..Default::default()
        };
        let mut older = Assessment::new(me, day("2026-04-10"), AssessedBy::default());
        older.entry_mut("health.diet").rating = Rating::NeedsSupport;
        let mut latest = Assessment::new(me, day("2026-10-01"), AssessedBy::default());
        latest.entry_mut("health.diet").rating = Rating::NoIssue;
        latest.entry_mut("income.living_cost").rating = Rating::PartialSupport;
        latest.overall_note = " 金銭管理に支援が要る ".into();
        let theirs = Assessment::new(other, day("2026-11-30"), AssessedBy::default());
        let assessments = vec![(id(10), older), (id(11), latest), (id(12), theirs)];

        let mut v1 = Plan::new(id(20), me);
        v1.version = 1;
        v1.long_term_goal.text = "一般就労".into();
        let mut v2 = v1.next_version(id(21));
        v2.long_term_goal.text = "物流センターで働き続ける".into();
        v2.goals.insert(id(30), Goal { order: 2, text: "通勤に慣れる".into(), ..Default::default() });
        v2.goals.insert(
            id(31),
            Goal { order: 1, text: "週5日通う".into(), support: "朝の声かけ".into(), ..Default::default() },
        );
        v2.goals.insert(id(32), Goal { order: 3, text: "取り下げた目標".into(), removed: true, ..Default::default() });
        let mut theirs = Plan::new(id(22), other);
        theirs.version = 9;
        let plans = vec![v1, v2, theirs];

        let person =
            ContactPerson {
                id: id(40), name: "田中".into(), role: "就労支援員".into(), phone: "03-1111-2222".into()
            };
        let mut agencies = HashMap::new();
        agencies.insert(
            id(50),
            Agency {
                name: "ハローワーク中央".into(),
                category: AgencyCategory::Employment,
                phone: "03-9999-0000".into(),
                ..Default::default()
            },
        );
        agencies.insert(
            id(51),
            Agency {
                name: "なかまセンター".into(),
                category: AgencyCategory::Employment,
                people: vec![person],
                phone: "03-5555-6666".into(),
                ..Default::default()
            },
        );
        agencies.insert(
            id(52),
            Agency { name: "旧ヘルパー事業所".into(), category: AgencyCategory::Living, ..Default::default() },
        );
        agencies.insert(
            id(53),
            Agency { name: "相談室あおば".into(), category: AgencyCategory::Living, ..Default::default() },
        );
        let links = vec![
            NetworkLink {
                client_id: me,
                agency_id: id(51),
                person_id: Some(id(40)),
                role: "定着支援".into(),
                ..Default::default()
            },
            NetworkLink { client_id: me, agency_id: id(50), role: "職業紹介".into(), ..Default::default() },
            NetworkLink { client_id: me, agency_id: id(52), until: Some(day("2026-03-31")), ..Default::default() },
            NetworkLink { client_id: other, agency_id: id(53), ..Default::default() },
        ];
        let note = |n: u128, client: Uuid, at: &str, text: &str| VisitNote {
            id: id(n),
            client_id: client,
            at: Some(at.parse().unwrap()),
            text: text.into(),
            ..Default::default()
        };
        let notes = vec![
            note(60, me, "2026-11-20T10:00:00", "職場で休憩の取り方を確認"),
            note(61, me, "2026-09-01T09:00:00", "初出勤に同行 "),
            note(62, me, "2026-10-05T15:00:00", "選ばない記録"),
            note(63, other, "2026-10-06T15:00:00", "他の人の記録"),
        ];
        World { client, assessments, plans, links, agencies, notes }
    }

    fn sheet(w: &World, chosen: &[Uuid]) -> HandoverSheet {
        assemble(&Sources {
            client_id: id(1),
            client: &w.client,
            assessments: &w.assessments,
            plans: &w.plans,
            links: &w.links,
            agencies: &w.agencies,
            notes: &w.notes,
            chosen,
            transition: None,
            today: day("2026-12-02"),
        })
    }

    #[test]
    fn the_sheet_holds_the_profile_and_the_services_in_use() {
        let s = sheet(&world(), &[]);
        assert_eq!(s.profile.name, "山田 太郎");
        assert_eq!(s.profile.age, Some(17));
        assert_eq!(s.profile.stage, Some(LifeStage::SchoolAge));
        assert_eq!(s.profile.services, vec![ServiceType::EmploymentTransition], "the ended service is left out");
        assert_eq!(s.made_on, day("2026-12-02"));
    }

    #[test]
    fn the_latest_assessment_of_the_client_is_summarised_by_domain() {
        let s = sheet(&world(), &[]);
        let a = s.assessment.expect("an assessment");
        assert_eq!(a.id, id(11), "the latest of this client's, not the other client's newer one");
        assert_eq!(a.domains.len(), 8);
        assert_eq!(a.overall_note, "金銭管理に支援が要る");
        let income = a.domains.iter().find(|d| d.id == "income").unwrap();
        assert_eq!(income.needs.len(), 1);
        let health = a.domains.iter().find(|d| d.id == "health").unwrap();
        assert!(health.needs.is_empty(), "rated 課題なし in the latest one");
    }

    #[test]
    fn the_current_plan_gives_its_goals_in_order_without_removed_ones() {
        let s = sheet(&world(), &[]);
        let p = s.plan.expect("a plan");
        assert_eq!((p.id, p.version), (id(21), 2));
        assert_eq!(p.long_term_goal, "物流センターで働き続ける");
        let goals: Vec<&str> = p.goals.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(goals, vec!["週5日通う", "通勤に慣れる"]);
        assert_eq!(p.goals[0].support, "朝の声かけ");
    }

    #[test]
    fn the_network_lists_current_agencies_with_the_person_to_call() {
        let s = sheet(&world(), &[]);
        let names: Vec<&str> = s.network.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, vec!["なかまセンター", "ハローワーク中央"], "ended and other clients' links left out");
        assert_eq!(s.network[0].person.as_deref(), Some("田中"));
        assert_eq!(s.network[0].phone, "03-1111-2222", "the person's number first");
        assert_eq!(s.network[1].phone, "03-9999-0000", "else the agency's");
    }

    #[test]
    fn only_the_chosen_notes_are_handed_over_oldest_first() {
        let w = world();
        let s = sheet(&w, &[id(60), id(61), id(63)]);
        let texts: Vec<&str> = s.notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, vec!["初出勤に同行", "職場で休憩の取り方を確認"], "another client's note is never on it");
        assert!(sheet(&w, &[]).notes.is_empty());
    }

    #[test]
    fn a_client_with_nothing_yet_gives_a_sheet_of_the_profile_alone() {
        let client = Client { name: "新規".into(), ..Default::default() };
        let s = assemble(&Sources {
            client_id: id(9),
            client: &client,
            assessments: &[],
            plans: &[],
            links: &[],
            agencies: &HashMap::new(),
            notes: &[],
            chosen: &[],
            transition: None,
            today: day("2026-12-02"),
        });
        assert_eq!(s.profile.name, "新規");
        assert!(s.assessment.is_none() && s.plan.is_none() && s.network.is_empty() && s.notes.is_empty());
        assert_eq!(s.profile.age, None);
    }
}
