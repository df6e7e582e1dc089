use super::*;
use crate::plan::{
    link_assessment, AssessmentStep, Attendee, ClientPresence, ConsentRecord, ConsultantCopy, Cycle, DraftStep,
    MonitoringEntry, ReviewStep,
};
use crate::service::ServiceType;
use std::collections::BTreeMap;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn sabikan() -> Option<StaffRef> {
    Some(StaffRef::new(None, "佐藤", JobRole::ServiceManager))
}

fn shienin() -> Option<StaffRef> {
    Some(StaffRef::new(None, "鈴木", JobRole::SupportWorker))
}

fn jihatsukan() -> Option<StaffRef> {
    Some(StaffRef::new(None, "高橋", JobRole::ChildDevelopmentManager))
}

const MONITORING: Uuid = Uuid::from_u128(20);
const ASSESSMENT: Uuid = Uuid::from_u128(30);

fn eight_domain(date: &str) -> AssessmentRef {
    AssessmentRef { id: ASSESSMENT, date: d(date), by: sabikan().unwrap(), has_interview: true, role_recorded: true }
}

/// A 就労移行支援 plan with every document in order, consented 3/31 and
/// period 4/1–9/30, so the review is due 6/30. Its アセスメント is the
/// eight-domain assessment of 3/10.
fn complete_plan() -> Plan {
    let mut plan = Plan {
        service: Some(ServiceType::EmploymentTransition),
        period: Period::new(d("2026-04-01"), d("2026-09-30")),
        cycle: Cycle {
            draft: Some(DraftStep { date: Some(d("2026-03-20")), by: sabikan(), ..Default::default() }),
            meeting: Some(MeetingRecord {
                date: Some(d("2026-03-25")),
                by: sabikan(),
                attendees: vec![Attendee {
                    name: "山田 太郎".into(),
                    affiliation: "本人".into(),
                    ..Default::default()
                }],
                minutes: "原案を説明し、本人の希望を確認した".into(),
                client_presence: Some(ClientPresence::InPerson),
            }),
            consent: Some(ConsentRecord {
                explained_on: Some(d("2026-03-31")),
                explained_by: sabikan(),
                consented_on: Some(d("2026-03-31")),
                consented_by: "山田 太郎".into(),
                handed_over_on: Some(d("2026-03-31")),
                consultant_copy: Some(ConsultantCopy::Sent {
                    to: "田中".into(),
                    office: "みどり相談支援センター".into(),
                    on: Some(d("2026-04-02")),
                }),
                note: String::new(),
            }),
            monitoring: BTreeMap::from([(
                MONITORING,
                MonitoringEntry {
                    date: Some(d("2026-05-15")),
                    by: sabikan(),
                    interview: "順調".into(),
                    ..Default::default()
                },
            )]),
            ..Default::default()
        },
        ..Plan::new(Uuid::from_u128(1), Uuid::from_u128(2))
    };
    link_assessment(&mut plan, ASSESSMENT);
    plan
}

const QUIET_DAY: &str = "2026-05-20";

fn assessments() -> Vec<AssessmentRef> {
    vec![eight_domain("2026-03-10")]
}

fn findings_on(plan: &Plan, today: &str) -> Vec<Finding> {
    findings(plan, &assessments(), &PlanSettings::default(), d(today))
}

#[test]
fn a_complete_plan_between_deadlines_has_no_findings() {
    assert_eq!(findings_on(&complete_plan(), QUIET_DAY), vec![]);
    assert_eq!(missing_steps(&complete_plan(), &assessments()), vec![]);
}

#[test]
fn the_linked_eight_domain_assessment_is_the_plans_assessment() {
    let plan = complete_plan();
    let without_interview = AssessmentRef { has_interview: false, ..eight_domain("2026-03-10") };
    let unsigned = AssessmentRef { by: StaffRef::default(), ..eight_domain("2026-03-10") };
    let cases = [
        (vec![eight_domain("2026-03-10")], true),
        (vec![without_interview], false),
        (vec![unsigned], false),
        (vec![], false), // linked, but not on this device
    ];
    for (list, done) in cases {
        assert_eq!(step_done(&plan, &list, Step::Assessment), done, "{list:?}");
    }
    // An unlinked assessment does not count; the plan's own step still can.
    let mut own = Plan { cycle: Cycle { assessment: None, ..plan.cycle.clone() }, ..plan.clone() };
    assert!(!step_done(&own, &assessments(), Step::Assessment));
    own.cycle.assessment = Some(AssessmentStep {
        date: Some(d("2026-03-10")),
        by: sabikan(),
        interview: "働きたい".into(),
        ..Default::default()
    });
    assert!(step_done(&own, &[], Step::Assessment));
}

#[test]
fn each_missing_document_is_reported_and_counts_as_uncreated() {
    type Edit = fn(&mut Cycle);
    let cases: [(&str, Edit, Finding); 8] = [
        ("no assessment", |c| c.assessment = None, Finding::StepMissing { step: Step::Assessment }),
        ("no draft", |c| c.draft = None, Finding::StepMissing { step: Step::Draft }),
        ("unsigned draft", |c| c.draft.as_mut().unwrap().by = None, Finding::StepMissing { step: Step::Draft }),
        ("no meeting", |c| c.meeting = None, Finding::StepMissing { step: Step::Meeting }),
        (
            "meeting without minutes",
            |c| c.meeting.as_mut().unwrap().minutes.clear(),
            Finding::StepMissing { step: Step::Meeting },
        ),
        (
            "meeting without attendees",
            |c| c.meeting.as_mut().unwrap().attendees.clear(),
            Finding::StepMissing { step: Step::Meeting },
        ),
        ("no consent", |c| c.consent = None, Finding::ConsentMissing),
        (
            "not handed over",
            |c| {
                let consent = c.consent.as_mut().unwrap();
                consent.handed_over_on = None;
                consent.consultant_copy = None;
            },
            Finding::HandoverMissing,
        ),
    ];
    for (name, edit, finding) in cases {
        let mut plan = complete_plan();
        edit(&mut plan.cycle);
        assert_eq!(findings_on(&plan, QUIET_DAY), vec![finding], "{name}");
        assert!(finding.counts_as_uncreated(), "{name}");
        assert_eq!(finding.severity(), Severity::Alert, "{name}");
    }
}

#[test]
fn a_revised_version_needs_no_assessment_of_its_own() {
    let mut v2 = complete_plan();
    v2.version = 2;
    v2.cycle.assessment = None;
    assert_eq!(missing_steps(&v2, &[]), vec![]);
    assert_eq!(findings(&v2, &[], &PlanSettings::default(), d(QUIET_DAY)), vec![]);
}

#[test]
fn gaps_in_the_meeting_and_the_hand_over_are_reported_but_are_not_missing_documents() {
    type Edit = fn(&mut Cycle);
    let cases: [(&str, Edit, Vec<Finding>); 5] = [
        (
            "client absent",
            |c| c.meeting.as_mut().unwrap().client_presence = Some(ClientPresence::Absent),
            vec![Finding::MeetingWithoutClient],
        ),
        (
            "presence not recorded",
            |c| c.meeting.as_mut().unwrap().client_presence = None,
            vec![Finding::MeetingWithoutClient],
        ),
        ("online", |c| c.meeting.as_mut().unwrap().client_presence = Some(ClientPresence::Online), vec![]),
        ("no copy", |c| c.consent.as_mut().unwrap().consultant_copy = None, vec![Finding::ConsultantCopyMissing]),
        (
            "copy undated",
            |c| {
                c.consent.as_mut().unwrap().consultant_copy =
                    Some(ConsultantCopy::Sent { to: "田中".into(), office: String::new(), on: None })
            },
            vec![Finding::ConsultantCopyMissing],
        ),
    ];
    for (name, edit, expected) in cases {
        let mut plan = complete_plan();
        edit(&mut plan.cycle);
        assert_eq!(findings_on(&plan, QUIET_DAY), expected, "{name}");
        assert!(expected.iter().all(|f| !f.counts_as_uncreated()), "{name}");
    }
    let mut self_plan = complete_plan();
    self_plan.cycle.consent.as_mut().unwrap().consultant_copy = Some(ConsultantCopy::NoConsultant);
    assert_eq!(findings_on(&self_plan, QUIET_DAY), vec![]);
    assert_eq!(Finding::ConsultantCopyMissing.severity(), Severity::Alert);
    assert_eq!(Finding::MeetingWithoutClient.severity(), Severity::Warning);
}

#[test]
fn an_unfinished_meeting_is_missing_not_without_the_client() {
    let mut plan = complete_plan();
    let meeting = plan.cycle.meeting.as_mut().unwrap();
    meeting.minutes.clear();
    meeting.client_presence = None;
    assert_eq!(findings_on(&plan, QUIET_DAY), vec![Finding::StepMissing { step: Step::Meeting }]);
}

#[test]
fn an_older_assessment_without_a_role_is_not_checked_for_it() {
    let plan = complete_plan();
    let by_other = AssessmentRef { by: shienin().unwrap(), ..eight_domain("2026-03-10") };
    assert_eq!(
        findings(&plan, std::slice::from_ref(&by_other), &PlanSettings::default(), d(QUIET_DAY)),
        vec![Finding::NotByManager {
            step: Step::Assessment,
            expected: Some(JobRole::ServiceManager),
            monitoring_id: None
        }]
    );
    let unknown = AssessmentRef { role_recorded: false, ..by_other };
    assert_eq!(findings(&plan, &[unknown], &PlanSettings::default(), d(QUIET_DAY)), vec![]);
}

#[test]
fn dates_out_of_order_are_warnings_against_the_step_they_should_follow() {
    type Edit = fn(&mut Cycle);
    let out_of_order = |step, after| Finding::DatesOutOfOrder { step, after };
    let cases: [(&str, Edit, Vec<Finding>); 5] = [
        (
            "meeting before the draft",
            |c| c.meeting.as_mut().unwrap().date = Some(d("2026-03-15")),
            vec![out_of_order(Step::Meeting, Step::Draft)],
        ),
        (
            "consent before the meeting",
            |c| c.consent.as_mut().unwrap().consented_on = Some(d("2026-03-24")),
            vec![out_of_order(Step::Consent, Step::Meeting)],
        ),
        (
            "draft before the assessment",
            |c| c.draft.as_mut().unwrap().date = Some(d("2026-03-01")),
            vec![out_of_order(Step::Draft, Step::Assessment)],
        ),
        (
            "monitoring before the consent",
            |c| c.monitoring.get_mut(&MONITORING).unwrap().date = Some(d("2026-03-30")),
            vec![out_of_order(Step::Monitoring, Step::Consent)],
        ),
        ("same day is in order", |c| c.meeting.as_mut().unwrap().date = Some(d("2026-03-20")), vec![]),
    ];
    for (name, edit, expected) in cases {
        let mut plan = complete_plan();
        edit(&mut plan.cycle);
        let found: Vec<_> = findings_on(&plan, QUIET_DAY)
            .into_iter()
            .filter(|f| matches!(f, Finding::DatesOutOfOrder { .. }))
            .collect();
        assert_eq!(found, expected, "{name}");
        assert!(found.iter().all(|f| f.severity() == Severity::Warning), "{name}");
    }
}

#[test]
fn an_empty_plan_lists_every_missing_document_in_cycle_order() {
    let plan = Plan::new(Uuid::nil(), Uuid::nil());
    assert_eq!(missing_steps(&plan, &[]), Step::REQUIRED.to_vec());
    assert_eq!(
        findings(&plan, &[], &PlanSettings::default(), d(QUIET_DAY)),
        vec![
            Finding::StepMissing { step: Step::Assessment },
            Finding::StepMissing { step: Step::Draft },
            Finding::StepMissing { step: Step::Meeting },
            Finding::ConsentMissing,
            Finding::PeriodNotSet,
        ]
    );
}

#[test]
fn review_monitoring_and_period_deadlines_on_their_boundaries() {
    // Consented 3/31: review and first monitoring by 6/30 (the monitoring
    // of 5/15 moves the next one to 8/15); the period ends 9/30.
    let review = d("2026-06-30");
    let monitoring = d("2026-08-15");
    let end = d("2026-09-30");
    let cases = [
        ("2026-05-30", vec![]), // 31 days before the review
        ("2026-05-31", vec![Finding::ReviewDueSoon { due: review, days_left: 30 }]),
        ("2026-06-30", vec![Finding::ReviewDueSoon { due: review, days_left: 0 }]),
        ("2026-07-01", vec![Finding::ReviewOverdue { due: review, days_over: 1 }]),
        (
            "2026-07-16",
            vec![
                Finding::ReviewOverdue { due: review, days_over: 16 },
                Finding::MonitoringDueSoon { due: monitoring, days_left: 30 },
            ],
        ),
        (
            "2026-10-01",
            vec![
                Finding::PeriodEnded { end },
                Finding::ReviewOverdue { due: review, days_over: 93 },
                Finding::MonitoringOverdue { due: monitoring, days_over: 47 },
            ],
        ),
    ];
    for (today, expected) in cases {
        assert_eq!(findings_on(&complete_plan(), today), expected, "{today}");
    }
}

#[test]
fn a_plan_without_monitoring_is_due_for_one_by_the_review_date() {
    let mut plan = complete_plan();
    plan.cycle.monitoring.clear();
    assert_eq!(
        findings_on(&plan, "2026-06-29"),
        vec![
            Finding::ReviewDueSoon { due: d("2026-06-30"), days_left: 1 },
            Finding::MonitoringDueSoon { due: d("2026-06-30"), days_left: 1 },
        ]
    );
    let monthly = PlanSettings { monitoring_interval_months: Some(1), ..Default::default() };
    assert_eq!(
        findings(&plan, &assessments(), &monthly, d("2026-05-20")),
        vec![Finding::MonitoringOverdue { due: d("2026-04-30"), days_over: 20 }]
    );
}

#[test]
fn a_recorded_review_ends_the_deadlines_and_needs_a_monitoring_before_it() {
    let mut plan = complete_plan();
    plan.cycle.review = Some(ReviewStep { date: Some(d("2026-06-28")), by: sabikan(), summary: String::new() });
    assert_eq!(findings_on(&plan, "2026-07-02"), vec![]);
    assert_eq!(findings_on(&plan, "2026-10-01"), vec![Finding::PeriodEnded { end: d("2026-09-30") }]);
    plan.cycle.monitoring.clear();
    let missing = Finding::StepMissing { step: Step::Monitoring };
    assert_eq!(findings_on(&plan, "2026-07-02"), vec![missing]);
    assert!(!missing.counts_as_uncreated());
    // An unsigned review does not count.
    plan.cycle.review.as_mut().unwrap().by = None;
    assert_eq!(
        findings_on(&plan, "2026-07-02"),
        vec![
            Finding::ReviewOverdue { due: d("2026-06-30"), days_over: 2 },
            Finding::MonitoringOverdue { due: d("2026-06-30"), days_over: 2 },
        ]
    );
}

#[test]
fn the_office_interval_moves_the_review_deadline() {
    let plan = Plan { service: Some(ServiceType::EmploymentContinuationB), ..complete_plan() };
    assert_eq!(findings_on(&plan, "2026-07-02"), vec![]);
    let settings = PlanSettings { review_interval_months: Some(3), ..Default::default() };
    assert_eq!(
        findings(&plan, &assessments(), &settings, d("2026-07-02")),
        vec![Finding::ReviewOverdue { due: d("2026-06-30"), days_over: 2 }]
    );
}

#[test]
fn work_by_someone_other_than_the_right_plan_manager_is_flagged() {
    type Edit = fn(&mut Plan);
    let adult = Some(JobRole::ServiceManager);
    let not_by = |step, monitoring_id| Finding::NotByManager { step, expected: adult, monitoring_id };
    let cases: [(&str, Edit, Vec<Finding>); 10] = [
        (
            "monitoring by a 支援員",
            |p| p.cycle.monitoring.get_mut(&MONITORING).unwrap().by = shienin(),
            vec![not_by(Step::Monitoring, Some(MONITORING))],
        ),
        (
            "monitoring unsigned",
            |p| p.cycle.monitoring.get_mut(&MONITORING).unwrap().by = None,
            vec![not_by(Step::Monitoring, Some(MONITORING))],
        ),
        (
            "monitoring of an adult service by a 児発管",
            |p| p.cycle.monitoring.get_mut(&MONITORING).unwrap().by = jihatsukan(),
            vec![not_by(Step::Monitoring, Some(MONITORING))],
        ),
        (
            "monitoring by a 児発管 when the service is not set",
            |p| {
                p.service = None;
                p.cycle.monitoring.get_mut(&MONITORING).unwrap().by = jihatsukan();
            },
            vec![],
        ),
        (
            "monitoring without interview",
            |p| p.cycle.monitoring.get_mut(&MONITORING).unwrap().interview = " ".into(),
            vec![Finding::MonitoringWithoutInterview { monitoring_id: MONITORING }],
        ),
        (
            "removed monitoring by a 支援員",
            |p| {
                let e = p.cycle.monitoring.get_mut(&MONITORING).unwrap();
                e.by = shienin();
                e.removed = true;
            },
            vec![],
        ),
        ("draft by a 支援員", |p| p.cycle.draft.as_mut().unwrap().by = shienin(), vec![not_by(Step::Draft, None)]),
        (
            "explained by a 支援員",
            |p| p.cycle.consent.as_mut().unwrap().explained_by = shienin(),
            vec![not_by(Step::Consent, None)],
        ),
        (
            "reviewed by a 支援員",
            |p| {
                p.cycle.review = Some(ReviewStep { date: Some(d("2026-05-18")), by: shienin(), summary: String::new() })
            },
            vec![not_by(Step::Review, None)],
        ),
        (
            "assessment interview by a 支援員",
            |p| {
                p.cycle.assessment = Some(AssessmentStep {
                    date: Some(d("2026-03-10")),
                    by: shienin(),
                    interview: "働きたい".into(),
                    ..Default::default()
                })
            },
            vec![not_by(Step::Assessment, None)],
        ),
    ];
    for (name, edit, expected) in cases {
        let mut plan = complete_plan();
        edit(&mut plan);
        let found = findings_on(&plan, QUIET_DAY);
        assert_eq!(found, expected, "{name}");
        assert!(found.iter().all(|f| f.severity() == Severity::Warning && !f.counts_as_uncreated()), "{name}");
    }
}

#[test]
fn findings_have_a_stable_tag_and_name_their_step() {
    let json = serde_json::to_value(Finding::StepMissing { step: Step::Meeting }).unwrap();
    assert_eq!(json, serde_json::json!({"kind": "step_missing", "step": "meeting"}));
    let f = Finding::DatesOutOfOrder { step: Step::Meeting, after: Step::Draft };
    let back: Finding = serde_json::from_value(serde_json::to_value(f).unwrap()).unwrap();
    assert_eq!(back, f);
    assert_eq!(f.step(), Some(Step::Meeting));
    assert_eq!(Finding::ConsultantCopyMissing.step(), Some(Step::Consent));
    assert_eq!(Finding::PeriodNotSet.step(), None);
}
