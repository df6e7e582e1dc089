//! The month's billing list of 地域連携会議実施加算: one row per claimable
//! meeting (at most one per client), and its CSV for the billing software —
//! opened by Excel on Japanese Windows: UTF-8 with a BOM, CRLF line ends,
//! every field quoted, dates in 和暦 and Western form.

use super::claim::{assess, YearWindow};
use super::{Division, Meeting};
use crate::plan::Plan;
use crate::service::ServiceType;
use crate::wareki::format_wareki;
use crate::Client;
use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

/// One claimable meeting of the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillingRow {
    pub meeting_id: Uuid,
    pub client_id: Uuid,
    pub client_name: String,
    pub recipient_number: String,
    pub date: NaiveDate,
    pub service: ServiceType,
    pub division: Division,
    pub units: u32,
    /// The version of the plan explained, when it is on this device.
    pub plan_version: Option<u32>,
}

/// The claimable meetings held in `year`/`month`, by day then client name.
/// Each client's meetings are assessed together (the month and year limits
/// need all of them), whatever the month asked for.
pub fn billing_rows(
    year: i32,
    month: u32,
    clients: &[(Uuid, &Client)],
    meetings: &[(Uuid, &Meeting)],
    plans: &[Plan],
    window: YearWindow,
) -> Vec<BillingRow> {
    let mut rows = Vec::new();
    for (client_id, client) in clients {
        let own: Vec<(Uuid, &Meeting)> = meetings.iter().filter(|(_, m)| m.client_id == *client_id).copied().collect();
        let outcomes = assess(&own, &client.services, window);
        for (id, m) in own {
            let (Some(claim), Some(date)) = (outcomes.get(&id).and_then(|o| o.claim()), m.date) else { continue };
            if (date.year(), date.month()) != (year, month) {
                continue;
            }
            rows.push(BillingRow {
                meeting_id: id,
                client_id: *client_id,
                client_name: client.name.clone(),
                recipient_number: client.recipient_number.clone().unwrap_or_default(),
                date,
                service: claim.service,
                division: claim.division,
                units: claim.units,
                plan_version: m.plan_id.and_then(|p| plans.iter().find(|x| x.id == p)).map(|p| p.version),
            });
        }
    }
    rows.sort_by(|a, b| (a.date, &a.client_name, a.meeting_id).cmp(&(b.date, &b.client_name, b.meeting_id)));
    rows
}

/// The words of the CSV, from the UI's language table.
pub struct CsvWords<'a> {
    /// 利用者名, 受給者証番号, サービス, 開催日（和暦）, 開催日（西暦）, 区分,
    /// 単位数, 説明した計画.
    pub headers: [&'a str; 8],
    pub division: fn(Division) -> &'a str,
    pub plan_version: fn(u32) -> String,
}

/// The rows as CSV bytes.
pub fn billing_csv(rows: &[BillingRow], words: &CsvWords<'_>) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::from(*b"\xEF\xBB\xBF");
    {
        let mut writer = csv::WriterBuilder::new()
            .quote_style(csv::QuoteStyle::Always)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(words.headers)?;
        for r in rows {
            writer.write_record([
                r.client_name.as_str(),
                r.recipient_number.as_str(),
                r.service.name_ja(),
                &format_wareki(r.date).unwrap_or_default(),
                &r.date.format("%Y/%m/%d").to_string(),
                (words.division)(r.division),
                &r.units.to_string(),
                &r.plan_version.map(words.plan_version).unwrap_or_default(),
            ])?;
        }
        writer.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Participant;
    use crate::plan::JobRole;
    use crate::service::ServiceUse;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn meeting(client: Uuid, date: &str, plan: Option<Uuid>) -> Meeting {
        Meeting {
            client_id: client,
            date: Some(day(date)),
            participants: vec![Participant { name: "ハローワーク 田中".into(), ..Default::default() }],
            explainer_role: Some(JobRole::ServiceManager),
            plan_id: plan,
            ..Default::default()
        }
    }

    fn words() -> CsvWords<'static> {
        CsvWords {
            headers: [
                "利用者名",
                "受給者証番号",
                "サービス",
                "開催日（和暦）",
                "開催日（西暦）",
                "区分",
                "単位数",
                "説明した計画",
            ],
            division: |d| match d {
                Division::One => "Ⅰ",
                Division::Two => "Ⅱ",
            },
            plan_version: |v| format!("第{v}版"),
        }
    }

    #[test]
    fn the_month_lists_each_clients_claimable_meeting_and_the_csv_opens_in_excel() {
        let a = Client {
            name: "山田, \"太郎\"".into(),
            recipient_number: Some("0123456789".into()),
            services: vec![ServiceUse { service: ServiceType::EmploymentTransition, start: None, end: None }],
            ..Default::default()
        };
        let b = Client {
            name: "佐藤 花子".into(),
            services: vec![ServiceUse { service: ServiceType::EmploymentRetention, start: None, end: None }],
            ..Default::default()
        };
        let c = Client { name: "B型 利用".into(), ..Default::default() };
        let mut plan = Plan::new(id(20), id(1));
        plan.version = 2;
        let list = [
            meeting(id(1), "2026-04-20", Some(id(20))),
            meeting(id(1), "2026-04-08", Some(id(20))), // the claimed one of April
            meeting(id(2), "2026-04-15", Some(id(21))),
            meeting(id(2), "2026-05-01", Some(id(21))), // another month
            meeting(id(3), "2026-04-10", Some(id(22))), // service not eligible
        ];
        let meetings: Vec<(Uuid, &Meeting)> = list.iter().enumerate().map(|(i, m)| (id(100 + i as u128), m)).collect();
        let clients = [(id(1), &a), (id(2), &b), (id(3), &c)];
        let rows = billing_rows(2026, 4, &clients, &meetings, &[plan], YearWindow::FiscalYear);
        let summary: Vec<(Uuid, u32, Option<u32>)> =
            rows.iter().map(|r| (r.meeting_id, r.units, r.plan_version)).collect();
        assert_eq!(summary, vec![(id(101), 583, Some(2)), (id(102), 579, None)]);

        let bytes = billing_csv(&rows, &words()).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM first");
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines.len(), 4, "header, two rows, and the CRLF after the last: {text:?}");
        assert_eq!(lines[3], "");
        assert!(!text.replace("\r\n", "").contains('\n'), "no bare LF");
        assert_eq!(
            lines[1],
            r#""山田, ""太郎""","0123456789","就労移行支援","令和8年4月8日","2026/04/08","Ⅰ","583","第2版""#
        );
        assert_eq!(lines[2], r#""佐藤 花子","","就労定着支援","令和8年4月15日","2026/04/15","Ⅰ","579","""#);
    }

    #[test]
    fn an_empty_month_is_the_header_alone() {
        let bytes = billing_csv(&[], &words()).unwrap();
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert_eq!(text.matches("\r\n").count(), 1);
        assert!(text.starts_with("\"利用者名\""));
    }
}
