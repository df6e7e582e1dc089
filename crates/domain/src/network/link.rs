//! 支援ネットワーク: which agencies are involved with a client, through whom,
//! in which role and since when (record kind `network_link`, one record per
//! agency and client, so two devices adding different agencies never
//! conflict), and the layout of the client's ecomap.

use super::agency::{AgencyCategory, CooperationStage};
use crate::client::FieldProblem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An agency in a client's network.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NetworkLink {
    #[serde(default)]
    pub client_id: Uuid,
    #[serde(default)]
    pub agency_id: Uuid,
    /// The agency's contact person for this client, when there is one.
    #[serde(default)]
    pub person_id: Option<Uuid>,
    /// What the agency does for this client (「職業紹介・定着支援」).
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub since: Option<NaiveDate>,
    /// The day the involvement ended (終了日), once it did: from that day
    /// on the agency is no longer in the client's current network.
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

impl NetworkLink {
    /// Involved on `today`: not ended on or before it.
    pub fn is_current(&self, today: NaiveDate) -> bool {
        self.until.is_none_or(|until| until > today)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkField {
    Agency,
    Role,
    Since,
    Until,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkError {
    pub field: LinkField,
    pub problem: FieldProblem,
}

impl crate::form::FieldIssue for LinkError {
    type Field = LinkField;
    fn field(&self) -> LinkField {
        self.field
    }
    fn problem(&self) -> FieldProblem {
        self.problem
    }
}

/// The link as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LinkForm {
    pub client_id: Uuid,
    pub agency_id: Option<Uuid>,
    pub person_id: Option<Uuid>,
    pub role: String,
    pub since: String,
    pub until: String,
}

impl From<&NetworkLink> for LinkForm {
    fn from(l: &NetworkLink) -> Self {
        let text = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        LinkForm {
            client_id: l.client_id,
            agency_id: Some(l.agency_id),
            person_id: l.person_id,
            role: l.role.clone(),
            since: text(l.since),
            until: text(l.until),
        }
    }
}

impl LinkForm {
    /// Checks every field and returns the link, or every problem found.
    pub fn validate(&self) -> Result<NetworkLink, Vec<LinkError>> {
        let mut errors = Vec::new();
        let mut err = |field, problem| errors.push(LinkError { field, problem });
        if self.agency_id.is_none_or(|id| id.is_nil()) {
            err(LinkField::Agency, FieldProblem::Required);
        }
        let role = self.role.trim();
        if role.chars().count() > super::agency_form::MAX_SHORT {
            err(LinkField::Role, FieldProblem::TooLong);
        }
        let mut date = |field, text: &str| match text.trim() {
            "" => None,
            s => {
                let d = s.parse::<NaiveDate>().ok();
                if d.is_none() {
                    err(field, FieldProblem::NotADate);
                }
                d
            }
        };
        let since = date(LinkField::Since, &self.since);
        let until = date(LinkField::Until, &self.until);
        if let (Some(s), Some(u)) = (since, until) {
            if u < s {
                err(LinkField::Until, FieldProblem::EndBeforeStart);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NetworkLink {
            client_id: self.client_id,
            agency_id: self.agency_id.unwrap_or_default(),
            person_id: self.person_id,
            role: role.to_owned(),
            since,
            until,
        })
    }
}

impl crate::EditForm for LinkForm {
    type Data = NetworkLink;
    type Problem = LinkError;
    const KIND: crate::RecordKind = crate::RecordKind::NetworkLink;

    fn from_data(data: &NetworkLink) -> Self {
        LinkForm::from(data)
    }

    fn to_data(&self, _base: Option<&NetworkLink>, _today: NaiveDate) -> Result<NetworkLink, Vec<LinkError>> {
        self.validate()
    }
}

/// How an ecomap draws the line to an agency: by the stage of cooperation
/// with it, so closeness reads at a glance (and without colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStyle {
    /// No stage set yet: thin and dotted.
    Unknown,
    /// つながり: dashed.
    Dashed,
    /// 調整・協力: solid.
    Solid,
    /// 統合・協働: thick.
    Thick,
}

impl LineStyle {
    pub fn of(stage: Option<CooperationStage>) -> Self {
        match stage {
            None => LineStyle::Unknown,
            Some(CooperationStage::Linkage) => LineStyle::Dashed,
            Some(CooperationStage::Coordination) => LineStyle::Solid,
            Some(CooperationStage::Integration) => LineStyle::Thick,
        }
    }
}

/// Where an agency sits on the ecomap: `x`, `y` in a square of side 1 with
/// the client at (0.5, 0.5).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EcomapPlace {
    pub x: f64,
    pub y: f64,
}

/// Places `categories.len()` agencies evenly on a circle around the client,
/// the first at the top, clockwise, those of one category side by side in
/// the categories' order. Returns, for each input in its order, its place.
pub fn ecomap_places(categories: &[AgencyCategory]) -> Vec<EcomapPlace> {
    const RADIUS: f64 = 0.36;
    let mut order: Vec<usize> = (0..categories.len()).collect();
    order.sort_by_key(|&i| (categories[i], i));
    let n = categories.len().max(1) as f64;
    let mut places = vec![EcomapPlace { x: 0.5, y: 0.5 }; categories.len()];
    for (slot, &i) in order.iter().enumerate() {
        let angle = std::f64::consts::TAU * slot as f64 / n - std::f64::consts::FRAC_PI_2;
        places[i] = EcomapPlace { x: 0.5 + RADIUS * angle.cos(), y: 0.5 + RADIUS * angle.sin() };
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_link_needs_its_agency_and_ends_after_it_starts() {
        let form = LinkForm { since: "2026-04-01".into(), until: "2026-03-31".into(), ..Default::default() };
        let fields: Vec<_> = form.validate().unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            fields,
            [(LinkField::Agency, FieldProblem::Required), (LinkField::Until, FieldProblem::EndBeforeStart)]
        );
        let ok = LinkForm {
            agency_id: Some(Uuid::from_u128(3)),
            role: " 職業紹介 ".into(),
            since: "2026-04-01".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!((ok.role.as_str(), ok.since, ok.until), ("職業紹介", Some(day("2026-04-01")), None));
        assert_eq!(LinkForm::from(&ok).validate().unwrap(), ok);
    }

    #[test]
    fn a_link_ends_on_its_end_day() {
        let link = NetworkLink { until: Some(day("2026-03-31")), ..Default::default() };
        assert!(link.is_current(day("2026-03-30")));
        assert!(!link.is_current(day("2026-03-31")), "ended today: no longer current");
        assert!(NetworkLink::default().is_current(day("2030-01-01")));
    }

    #[test]
    fn line_styles_follow_the_stage() {
        assert_eq!(LineStyle::of(None), LineStyle::Unknown);
        assert_eq!(LineStyle::of(Some(CooperationStage::Linkage)), LineStyle::Dashed);
        assert_eq!(LineStyle::of(Some(CooperationStage::Coordination)), LineStyle::Solid);
        assert_eq!(LineStyle::of(Some(CooperationStage::Integration)), LineStyle::Thick);
    }

    #[test]
    fn agencies_sit_around_the_client_grouped_by_category() {
        use AgencyCategory as C;
        let places = ecomap_places(&[C::Medical, C::Employment, C::Employment, C::Living]);
        let round = |p: EcomapPlace| ((p.x * 100.0).round() / 100.0, (p.y * 100.0).round() / 100.0);
        // Employment first (top, then right), then Living (bottom), then Medical (left).
        assert_eq!(round(places[1]), (0.5, 0.14));
        assert_eq!(round(places[2]), (0.86, 0.5));
        assert_eq!(round(places[3]), (0.5, 0.86));
        assert_eq!(round(places[0]), (0.14, 0.5));
        for p in &places {
            let d = ((p.x - 0.5).powi(2) + (p.y - 0.5).powi(2)).sqrt();
            assert!((d - 0.36).abs() < 1e-9, "every agency at the same distance");
        }
        assert_eq!(ecomap_places(&[]), []);
    }
}
