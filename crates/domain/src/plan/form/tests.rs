use super::*;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn plan_with_goals(texts: &[&str]) -> (Plan, Vec<Uuid>) {
    let mut plan = Plan::new(Uuid::from_u128(1), Uuid::from_u128(2));
    let ids: Vec<Uuid> = (0..texts.len()).map(|i| Uuid::from_u128(100 + i as u128)).collect();
    for (i, (id, text)) in ids.iter().zip(texts).enumerate() {
        let goal = Goal { text: (*text).into(), order: i as u32, ..Default::default() };
        plan.goals.insert(*id, goal);
    }
    (plan, ids)
}

#[test]
fn attendees_are_rows_with_name_affiliation_and_role() {
    let mut p = Plan::default();
    assert!(attendees(&p).is_empty());
    add_attendee(&mut p);
    add_attendee(&mut p);
    TextKey::AttendeeName(0).set(&mut p, "山田 太郎".into());
    TextKey::AttendeeAffiliation(0).set(&mut p, "本人".into());
    TextKey::AttendeeName(1).set(&mut p, "田中".into());
    TextKey::AttendeeAffiliation(1).set(&mut p, "みどり相談支援センター".into());
    set_attendee_role(&mut p, 1, Some(JobRole::ConsultationSpecialist));
    assert_eq!(TextKey::AttendeeAffiliation(1).get(&p), "みどり相談支援センター");
    assert_eq!(attendees(&p)[1].role, Some(JobRole::ConsultationSpecialist));
    remove_attendee(&mut p, 0);
    remove_attendee(&mut p, 5);
    assert_eq!(attendees(&p).len(), 1);
    assert_eq!(TextKey::AttendeeName(0).get(&p), "田中");
    assert_eq!(TextKey::AttendeeName(3).get(&p), "", "no such row");

    set_client_presence(&mut p, Some(ClientPresence::Online));
    assert_eq!(client_presence(&p), Some(ClientPresence::Online));
    let mut empty = Plan::default();
    set_client_presence(&mut empty, None);
    assert_eq!(empty.cycle.meeting, None, "clearing nothing creates no meeting");
}

#[test]
fn the_copy_to_the_consultant_is_chosen_then_filled_in() {
    let mut form = PlanForm::new(Plan::default());
    assert_eq!(copy_choice(&form.plan), None);
    TextKey::CopyTo.set(&mut form.plan, "田中".into());
    assert_eq!(copy_choice(&form.plan), Some(CopyChoice::Sent), "typing a name means it was sent");
    TextKey::CopyOffice.set(&mut form.plan, "みどり相談支援センター".into());
    input_date(&mut form, DateKey::CopySent, "2026-04-02");
    let copy = form.plan.cycle.consent.as_ref().unwrap().consultant_copy.clone();
    assert_eq!(
        copy,
        Some(ConsultantCopy::Sent {
            to: "田中".into(),
            office: "みどり相談支援センター".into(),
            on: Some(day("2026-04-02"))
        })
    );
    set_copy_choice(&mut form.plan, Some(CopyChoice::Sent));
    assert_eq!(TextKey::CopyTo.get(&form.plan), "田中", "choosing it again keeps what was entered");
    set_copy_choice(&mut form.plan, Some(CopyChoice::NoConsultant));
    assert_eq!((TextKey::CopyTo.get(&form.plan), DateKey::CopySent.get(&form.plan)), (String::new(), None));
    set_copy_choice(&mut form.plan, None);
    assert_eq!(copy_choice(&form.plan), None);
    assert_eq!(CopyChoice::from_code("no_consultant"), Some(CopyChoice::NoConsultant));
}

#[test]
fn the_status_says_what_the_plan_waits_for() {
    use crate::plan::{ConsentRecord, DraftStep, JobRole, ReviewStep, StaffRef};
    let by = Some(StaffRef::new(None, "佐藤", JobRole::ServiceManager));
    let mut p = Plan::new(Uuid::from_u128(1), Uuid::from_u128(2));
    assert_eq!(status(&p, &[], false), PlanStatus::Preparing { waiting_for: Step::Assessment });
    p.version = 2;
    assert_eq!(status(&p, &[], false), PlanStatus::Preparing { waiting_for: Step::Draft });
    p.cycle.draft = Some(DraftStep { date: Some(day("2026-03-20")), by: by.clone(), ..Default::default() });
    assert_eq!(status(&p, &[], false), PlanStatus::Preparing { waiting_for: Step::Meeting });
    // Consented and handed over without a meeting on record.
    p.cycle.consent = Some(ConsentRecord {
        explained_by: by.clone(),
        consented_on: Some(day("2026-03-31")),
        consented_by: "山田 太郎".into(),
        handed_over_on: Some(day("2026-03-31")),
        ..Default::default()
    });
    assert_eq!(status(&p, &[], false), PlanStatus::Incomplete { missing: Step::Meeting });
    p.cycle.meeting = Some(crate::plan::MeetingRecord {
        date: Some(day("2026-03-25")),
        by: by.clone(),
        attendees: vec![crate::plan::Attendee { name: "山田 太郎".into(), ..Default::default() }],
        minutes: "確認".into(),
        ..Default::default()
    });
    assert_eq!(status(&p, &[], false), PlanStatus::InEffect);
    assert_eq!(status(&p, &[], true), PlanStatus::Reviewed);
    p.cycle.review = Some(ReviewStep { date: Some(day("2026-06-25")), by, summary: String::new() });
    assert_eq!(status(&p, &[], false), PlanStatus::Reviewed);
}

#[test]
fn a_date_typed_half_way_is_kept_as_text_and_holds_the_plan_back() {
    let today = day("2026-12-02");
    let mut form = PlanForm::new(Plan::new(Uuid::from_u128(1), Uuid::from_u128(2)));
    input_date(&mut form, DateKey::PeriodStart, "2026-04-01");
    input_date(&mut form, DateKey::PeriodEnd, "0202-04-01");
    assert_eq!(form.plan.period.start, Some(day("2026-04-01")));
    assert_eq!(form.plan.period.end, None, "the plan keeps its previous date");
    let problems = form.to_data(None, today).unwrap_err();
    assert_eq!(problems, vec![("period-end".to_owned(), DateProblem::Invalid)]);

    input_date(&mut form, DateKey::PeriodEnd, "2026-03-31");
    assert_eq!(form.to_data(None, today).unwrap_err()[0].1, DateProblem::EndBeforeStart);
    input_date(&mut form, DateKey::PeriodEnd, "2027-03-31");
    assert_eq!(form.to_data(None, today).unwrap().period.end, Some(day("2027-03-31")));
}

#[test]
fn another_devices_change_to_a_different_goal_comes_into_an_open_plan() {
    let (plan, ids) = plan_with_goals(&["週4日通所する", "職場実習に参加する"]);
    let base = PlanForm::new(plan);
    let mut mine = base.clone();
    TextKey::GoalSupport(ids[0]).set(&mut mine.plan, "朝の声かけ".into());
    mine.raw.insert("period-end".into(), "2026-1".into());
    let mut theirs = base.clone();
    TextKey::GoalText(ids[1]).set(&mut theirs.plan, "職場実習に週1回参加する".into());

    let r = mine.rebase(&base, &theirs);
    assert_eq!(TextKey::GoalSupport(ids[0]).get(&r.form.plan), "朝の声かけ");
    assert_eq!(TextKey::GoalText(ids[1]).get(&r.form.plan), "職場実習に週1回参加する");
    assert_eq!(r.form.raw.get("period-end").map(String::as_str), Some("2026-1"), "typed text stays");
    assert!(r.clashes.is_empty());

    // The same goal changed on both: the user's text stays, and is named.
    let mut theirs = base.clone();
    TextKey::GoalSupport(ids[0]).set(&mut theirs.plan, "夕方の電話".into());
    let r = mine.rebase(&base, &theirs);
    assert_eq!(TextKey::GoalSupport(ids[0]).get(&r.form.plan), "朝の声かけ");
    assert_eq!(r.clashes, vec![crate::plan::goal_key(ids[0])]);
}
