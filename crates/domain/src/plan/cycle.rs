//! The cycle of one plan version (docs/plan-cycle.md): アセスメント → 原案 →
//! 個別支援会議 → 説明・同意・交付 → 実施・モニタリング → 見直し. Each step is its
//! own document, dated and signed; a review starts the next version with a
//! fresh cycle ([`super::Plan::next_version`]).

use super::monitoring::MonitoringEntry;
use super::staff::{JobRole, StaffRef};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Assessment,
    Draft,
    Meeting,
    Consent,
    Monitoring,
    Review,
}

impl Step {
    pub const ALL: [Step; 6] =
        [Step::Assessment, Step::Draft, Step::Meeting, Step::Consent, Step::Monitoring, Step::Review];

    /// The documents a plan in force must have; without any of them an
    /// auditor treats the plan as 未作成. Monitoring and review come later and
    /// are checked by date instead.
    pub const REQUIRED: [Step; 4] = [Step::Assessment, Step::Draft, Step::Meeting, Step::Consent];

    /// The documents version `version` must have. A review builds the next
    /// version from the monitoring of the current one, through 原案,
    /// 個別支援会議 and 説明・同意・交付 again; only the first plan starts from an
    /// アセスメント.
    pub fn required_for(version: u32) -> &'static [Step] {
        if version <= 1 {
            &Step::REQUIRED
        } else {
            &Step::REQUIRED[1..]
        }
    }

    /// Storage name; also the suffix of the step's key (`step:<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Step::Assessment => "assessment",
            Step::Draft => "draft",
            Step::Meeting => "meeting",
            Step::Consent => "consent",
            Step::Monitoring => "monitoring",
            Step::Review => "review",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Step::Assessment => "アセスメント",
            Step::Draft => "原案",
            Step::Meeting => "個別支援会議",
            Step::Consent => "説明・同意・交付",
            Step::Monitoring => "実施・モニタリング",
            Step::Review => "見直し",
        }
    }
}

/// アセスメント: the interview with the client and the assessment used.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AssessmentStep {
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub by: Option<StaffRef>,
    /// 本人との面接の記録
    #[serde(default)]
    pub interview: String,
    /// Eight-domain assessment records this step relies on.
    #[serde(default)]
    pub assessment_ids: Vec<Uuid>,
    #[serde(default)]
    pub note: String,
}

/// 原案: written by the サビ管/児発管.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DraftStep {
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub by: Option<StaffRef>,
    #[serde(default)]
    pub note: String,
}

/// Someone at the 個別支援会議: office staff (with an account or role) or
/// an outside person (本人, 家族, 相談支援専門員 of another office …).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Attendee {
    #[serde(default)]
    pub staff_id: Option<Uuid>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role: Option<JobRole>,
    /// 所属・立場 as written (e.g. 「本人」「○○相談支援事業所」).
    #[serde(default)]
    pub affiliation: String,
}

impl Attendee {
    pub fn is_named(&self) -> bool {
        self.staff_id.is_some() || !self.name.trim().is_empty()
    }
}

/// Whether the client took part in the 個別支援会議: in principle they do,
/// online included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientPresence {
    /// 出席
    InPerson,
    /// オンラインで参加
    Online,
    /// 欠席 (the reason goes in the minutes)
    Absent,
}

impl ClientPresence {
    pub const ALL: [ClientPresence; 3] = [ClientPresence::InPerson, ClientPresence::Online, ClientPresence::Absent];

    pub fn code(self) -> &'static str {
        match self {
            ClientPresence::InPerson => "in_person",
            ClientPresence::Online => "online",
            ClientPresence::Absent => "absent",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn took_part(self) -> bool {
        self != ClientPresence::Absent
    }
}

/// 個別支援会議: who attended and what was said.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MeetingRecord {
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Who recorded it (normally the サビ管/児発管, who chairs it).
    #[serde(default)]
    pub by: Option<StaffRef>,
    #[serde(default)]
    pub attendees: Vec<Attendee>,
    /// 検討内容: what was said and decided.
    #[serde(default)]
    pub minutes: String,
    /// Whether the client took part; `None` while not recorded.
    #[serde(default)]
    pub client_presence: Option<ClientPresence>,
}

impl MeetingRecord {
    /// The meeting is on record: dated, signed, with at least one named
    /// attendee and the minutes.
    pub fn is_recorded(&self) -> bool {
        signed(self.date, self.by.as_ref())
            && self.attendees.iter().any(Attendee::is_named)
            && !self.minutes.trim().is_empty()
    }
}

/// The copy of the plan for the client's 相談支援専門員 (the one who wrote the
/// サービス等利用計画).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ConsultantCopy {
    /// Sent: to whom (name and office) and when.
    Sent {
        #[serde(default)]
        to: String,
        #[serde(default)]
        office: String,
        #[serde(default)]
        on: Option<NaiveDate>,
    },
    /// The client has no 相談支援専門員 (セルフプラン): there is no one to send
    /// it to.
    NoConsultant,
}

impl ConsultantCopy {
    /// Recorded in full: a copy sent to a named person on a date, or no
    /// 相談支援専門員 to send it to.
    pub fn is_recorded(&self) -> bool {
        match self {
            ConsultantCopy::Sent { to, on, .. } => on.is_some() && !to.trim().is_empty(),
            ConsultantCopy::NoConsultant => true,
        }
    }
}

/// 説明・同意・交付: the plan is explained, consented to and handed over.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConsentRecord {
    /// 説明日
    #[serde(default)]
    pub explained_on: Option<NaiveDate>,
    /// Who explained the plan.
    #[serde(default)]
    pub explained_by: Option<StaffRef>,
    /// 同意日
    #[serde(default)]
    pub consented_on: Option<NaiveDate>,
    /// Who consented, as signed (本人, or the family member / guardian with
    /// the relation, e.g. 「山田 花子（母）」).
    #[serde(default)]
    pub consented_by: String,
    /// 交付日
    #[serde(default)]
    pub handed_over_on: Option<NaiveDate>,
    /// The copy for the client's 相談支援専門員; `None` while not recorded.
    #[serde(default)]
    pub consultant_copy: Option<ConsultantCopy>,
    #[serde(default)]
    pub note: String,
}

impl ConsentRecord {
    /// Consent is on record: who explained, who consented and when.
    pub fn has_consent(&self) -> bool {
        self.consented_on.is_some()
            && !self.consented_by.trim().is_empty()
            && self.explained_by.as_ref().is_some_and(StaffRef::is_named)
    }
}

/// 見直し: the review that closes this version's cycle; the revised plan is
/// the next version.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReviewStep {
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub by: Option<StaffRef>,
    /// Why and what changes.
    #[serde(default)]
    pub summary: String,
}

/// The steps of one plan version. Every field is one top-level key in the
/// stored plan; `None` is written as `null` so clearing a step is an edit
/// like any other.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cycle {
    pub assessment: Option<AssessmentStep>,
    pub draft: Option<DraftStep>,
    pub meeting: Option<MeetingRecord>,
    pub consent: Option<ConsentRecord>,
    /// Any number of entries, by id; removed ones are kept as tombstones.
    pub monitoring: BTreeMap<Uuid, MonitoringEntry>,
    pub review: Option<ReviewStep>,
}

fn signed(date: Option<NaiveDate>, by: Option<&StaffRef>) -> bool {
    date.is_some() && by.is_some_and(StaffRef::is_named)
}

impl Cycle {
    /// Whether `step` is on record in the plan itself: dated and signed (an
    /// undated or unsigned document is what an auditor rejects). The
    /// アセスメント also needs the interview with the client, the meeting its
    /// attendees and minutes, consent who consented, and 交付 the hand-over
    /// date. Monitoring counts once any entry is dated and signed.
    ///
    /// The アセスメント is normally an eight-domain assessment linked to the
    /// plan (`super::step_done` takes those into account); this checks only
    /// what is written in the plan's own step.
    pub fn is_done(&self, step: Step) -> bool {
        match step {
            Step::Assessment => self
                .assessment
                .as_ref()
                .is_some_and(|s| signed(s.date, s.by.as_ref()) && !s.interview.trim().is_empty()),
            Step::Draft => self.draft.as_ref().is_some_and(|s| signed(s.date, s.by.as_ref())),
            Step::Meeting => self.meeting.as_ref().is_some_and(MeetingRecord::is_recorded),
            Step::Consent => self.consent.as_ref().is_some_and(|c| c.has_consent() && c.handed_over_on.is_some()),
            Step::Monitoring => self.monitoring_entries().any(|(_, m)| signed(m.date, m.by.as_ref())),
            Step::Review => self.review.as_ref().is_some_and(|s| signed(s.date, s.by.as_ref())),
        }
    }

    /// Monitoring entries not removed, oldest first (undated last), then by
    /// id for a stable order on every device.
    pub fn monitoring_entries(&self) -> impl Iterator<Item = (Uuid, &MonitoringEntry)> {
        let mut list: Vec<_> = self.monitoring.iter().filter(|(_, m)| !m.removed).map(|(id, m)| (*id, m)).collect();
        list.sort_by_key(|(id, m)| (m.date.is_none(), m.date, *id));
        list.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn sabikan() -> Option<StaffRef> {
        Some(StaffRef::new(None, "佐藤", JobRole::ServiceManager))
    }

    #[test]
    fn step_codes_and_labels() {
        let labels: Vec<_> = Step::ALL.iter().map(|s| s.label_ja()).collect();
        assert_eq!(
            labels,
            vec!["アセスメント", "原案", "個別支援会議", "説明・同意・交付", "実施・モニタリング", "見直し"]
        );
        for s in Step::ALL {
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.code()));
        }
    }

    #[test]
    fn a_step_is_done_only_when_dated_and_signed() {
        let draft = |date: Option<NaiveDate>, by: Option<StaffRef>| Cycle {
            draft: Some(DraftStep { date, by, ..Default::default() }),
            ..Default::default()
        };
        let cases = [
            (Cycle::default(), false),
            (draft(None, sabikan()), false),
            (draft(Some(d("2026-04-01")), None), false),
            (draft(Some(d("2026-04-01")), Some(StaffRef::new(None, " ", JobRole::ServiceManager))), false),
            (draft(Some(d("2026-04-01")), sabikan()), true),
        ];
        for (cycle, done) in cases {
            assert_eq!(cycle.is_done(Step::Draft), done, "{:?}", cycle.draft);
        }
    }

    #[test]
    fn consent_needs_who_explained_who_consented_when_and_the_hand_over() {
        let full = ConsentRecord {
            explained_on: Some(d("2026-04-01")),
            explained_by: sabikan(),
            consented_on: Some(d("2026-04-01")),
            consented_by: "山田 太郎".into(),
            handed_over_on: Some(d("2026-04-02")),
            ..Default::default()
        };
        let cases = [
            (full.clone(), true, true),
            (ConsentRecord { handed_over_on: None, ..full.clone() }, true, false),
            (ConsentRecord { consented_on: None, ..full.clone() }, false, false),
            (ConsentRecord { consented_by: " ".into(), ..full.clone() }, false, false),
            (ConsentRecord { explained_by: None, ..full.clone() }, false, false),
        ];
        for (record, consent, done) in cases {
            assert_eq!(record.has_consent(), consent, "{record:?}");
            let cycle = Cycle { consent: Some(record.clone()), ..Default::default() };
            assert_eq!(cycle.is_done(Step::Consent), done, "{record:?}");
        }
    }

    #[test]
    fn a_meeting_needs_date_chair_a_named_attendee_and_minutes() {
        let full = MeetingRecord {
            date: Some(d("2026-03-25")),
            by: sabikan(),
            attendees: vec![Attendee {
                name: "山田 太郎".into(), affiliation: "本人".into(), ..Default::default()
            }],
            minutes: "原案を確認した".into(),
            client_presence: Some(ClientPresence::InPerson),
        };
        let cases = [
            (full.clone(), true),
            (MeetingRecord { date: None, ..full.clone() }, false),
            (MeetingRecord { by: None, ..full.clone() }, false),
            (MeetingRecord { attendees: vec![], ..full.clone() }, false),
            (
                MeetingRecord { attendees: vec![Attendee { name: " ".into(), ..Default::default() }], ..full.clone() },
                false,
            ),
            (MeetingRecord { minutes: " \n".into(), ..full.clone() }, false),
            // Whether the client took part is a warning, not a missing document.
            (MeetingRecord { client_presence: None, ..full.clone() }, true),
        ];
        for (meeting, done) in cases {
            let cycle = Cycle { meeting: Some(meeting.clone()), ..Default::default() };
            assert_eq!(cycle.is_done(Step::Meeting), done, "{meeting:?}");
        }
    }

    #[test]
    fn the_plans_own_assessment_step_needs_the_interview() {
        let step = AssessmentStep {
            date: Some(d("2026-03-10")),
            by: sabikan(),
            interview: "働きたい".into(),
            ..Default::default()
        };
        let done = |s: AssessmentStep| Cycle { assessment: Some(s), ..Default::default() }.is_done(Step::Assessment);
        assert!(done(step.clone()));
        assert!(!done(AssessmentStep { interview: "  ".into(), ..step.clone() }));
        assert!(!done(AssessmentStep { by: None, ..step }));
    }

    #[test]
    fn a_copy_to_the_consultant_is_recorded_with_whom_and_when_or_as_not_needed() {
        let sent = |to: &str, on: Option<&str>| ConsultantCopy::Sent {
            to: to.into(),
            office: "みどり相談支援センター".into(),
            on: on.map(d),
        };
        assert!(sent("田中", Some("2026-04-02")).is_recorded());
        assert!(!sent("田中", None).is_recorded());
        assert!(!sent(" ", Some("2026-04-02")).is_recorded());
        assert!(ConsultantCopy::NoConsultant.is_recorded());
        let json = serde_json::to_value(sent("田中", Some("2026-04-02"))).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"status": "sent", "to": "田中", "office": "みどり相談支援センター", "on": "2026-04-02"})
        );
        let back: ConsultantCopy = serde_json::from_value(serde_json::json!({"status": "no_consultant"})).unwrap();
        assert_eq!(back, ConsultantCopy::NoConsultant);
    }

    #[test]
    fn a_revised_version_needs_no_assessment_of_its_own() {
        assert_eq!(Step::required_for(1), &Step::REQUIRED);
        assert_eq!(Step::required_for(2), &[Step::Draft, Step::Meeting, Step::Consent]);
        assert_eq!(Step::required_for(0), &Step::REQUIRED);
    }

    #[test]
    fn monitoring_entries_skip_removed_ones_and_list_oldest_first() {
        let entry = |date: Option<&str>, removed| MonitoringEntry {
            date: date.map(d),
            by: sabikan(),
            removed,
            ..Default::default()
        };
        let cycle = Cycle {
            monitoring: BTreeMap::from([
                (Uuid::from_u128(1), entry(None, false)),
                (Uuid::from_u128(2), entry(Some("2026-07-01"), false)),
                (Uuid::from_u128(3), entry(Some("2026-05-01"), true)),
                (Uuid::from_u128(4), entry(Some("2026-06-01"), false)),
            ]),
            ..Default::default()
        };
        let ids: Vec<_> = cycle.monitoring_entries().map(|(id, _)| id.as_u128()).collect();
        assert_eq!(ids, vec![4, 2, 1]);
        assert!(cycle.is_done(Step::Monitoring));
        let only_removed = Cycle {
            monitoring: BTreeMap::from([(Uuid::from_u128(3), entry(Some("2026-05-01"), true))]),
            ..Default::default()
        };
        assert!(!only_removed.is_done(Step::Monitoring));
    }
}
