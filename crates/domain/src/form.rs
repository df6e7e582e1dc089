//! Forms: what an editor holds while the user types. A form keeps every
//! field as typed (dates as text, possibly invalid) and becomes the record's
//! data only when it validates; until then it is kept as a draft. The app
//! has one editor for every form (`src/editor.rs`); this module is the part
//! of it that needs no browser: the form contract, and how an open form
//! takes in a newer version of its record that another device wrote.

use crate::RecordKind;
use chrono::NaiveDate;
use serde::{de::DeserializeOwned, Serialize};

/// A form over one kind of record.
pub trait EditForm: Clone + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The record's data.
    type Data: Clone + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static;
    /// One problem the form can have (a field and what is wrong with it).
    type Problem: Clone + PartialEq + Send + Sync + 'static;
    /// The kind of record the form edits.
    const KIND: RecordKind;

    /// The form showing `data`.
    fn from_data(data: &Self::Data) -> Self;

    /// The data the form describes on `today`, or every problem found.
    /// `base` is the data the form was opened on, for anything the form
    /// does not show.
    fn to_data(&self, base: Option<&Self::Data>, today: NaiveDate) -> Result<Self::Data, Vec<Self::Problem>>;

    /// Takes `newer` (the record as another device left it, as a form) into
    /// this form, which the user opened on `base` and may have changed. By
    /// default field by field ([`rebase_fields`]); a form whose record is
    /// merged in finer parts rebases by those.
    fn rebase(&self, base: &Self, newer: &Self) -> Rebased<Self> {
        rebase_fields(self, base, newer)
    }
}

/// A problem with one field of a form, so a page can show it beside that
/// field (the field and what is wrong; the UI words the problem).
pub trait FieldIssue {
    type Field: Copy + PartialEq + Send + Sync + 'static;
    fn field(&self) -> Self::Field;
    fn problem(&self) -> crate::client::FieldProblem;
}

/// An open form after a newer version of its record came in.
#[derive(Debug, Clone, PartialEq)]
pub struct Rebased<F> {
    /// What the form shows now.
    pub form: F,
    /// Fields (by their name in the form) the user had changed that the
    /// newer version changed as well: the user's value is kept, and the
    /// user is told.
    pub clashes: Vec<String>,
}

/// Takes `newer` into `current`, which was `base` before the user changed
/// it: each top-level field (as serialized) the user has not changed takes
/// the newer value, and each field the user changed keeps the user's value.
/// Nothing typed is lost, and nothing another device wrote to a field the
/// user did not touch is hidden.
pub fn rebase_fields<F>(current: &F, base: &F, newer: &F) -> Rebased<F>
where
    F: Clone + PartialEq + Serialize + DeserializeOwned,
{
    let as_map = |f: &F| match serde_json::to_value(f) {
        Ok(serde_json::Value::Object(map)) => Some(map),
        _ => None,
    };
    let (Some(mut mine), Some(before), Some(theirs)) = (as_map(current), as_map(base), as_map(newer)) else {
        // Not a struct of fields: all or nothing.
        return if current == base {
            Rebased { form: newer.clone(), clashes: Vec::new() }
        } else {
            Rebased { form: current.clone(), clashes: if newer == base { Vec::new() } else { vec![String::new()] } }
        };
    };
    let mut clashes = Vec::new();
    for (field, value) in theirs {
        let unchanged_here = mine.get(&field) == before.get(&field);
        if unchanged_here {
            mine.insert(field, value);
        } else if before.get(&field) != Some(&value) && mine.get(&field) != Some(&value) {
            clashes.push(field);
        }
    }
    match serde_json::from_value(serde_json::Value::Object(mine)) {
        Ok(form) => Rebased { form, clashes },
        Err(_) => Rebased { form: current.clone(), clashes },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Client, ClientForm};

    fn client(name: &str, kana: &str, staff: &str) -> ClientForm {
        ClientForm { name: name.into(), kana: kana.into(), staff: staff.into(), ..Default::default() }
    }

    #[test]
    fn fields_the_user_did_not_touch_follow_the_newer_version() {
        let base = client("山田 太郎", "", "");
        let current = client("山田 太郎", "やまだ", "");
        let newer = client("山田 太郎", "", "鈴木");
        let r = rebase_fields(&current, &base, &newer);
        assert_eq!(r.form, client("山田 太郎", "やまだ", "鈴木"));
        assert!(r.clashes.is_empty());
    }

    #[test]
    fn a_field_being_edited_keeps_the_users_value_and_is_reported() {
        let base = client("山田 太郎", "", "");
        let current = client("山田 太郎", "やまだ たろう", "");
        let newer = client("山田 太郎", "ヤマダ タロウ", "");
        let r = rebase_fields(&current, &base, &newer);
        assert_eq!(r.form.kana, "やまだ たろう");
        assert_eq!(r.clashes, vec!["kana".to_owned()]);
    }

    #[test]
    fn the_same_value_on_both_sides_is_no_clash() {
        let base = client("山田", "", "");
        let current = client("山田 太郎", "", "");
        let r = rebase_fields(&current, &base, &current.clone());
        assert_eq!(r.form, current);
        assert!(r.clashes.is_empty());
    }

    #[test]
    fn an_untouched_form_becomes_the_newer_version() {
        let base = client("山田", "", "");
        let newer = client("山田 太郎", "やまだ", "佐藤");
        assert_eq!(rebase_fields(&base, &base, &newer).form, newer);
    }

    #[test]
    fn the_client_form_round_trips_through_its_data() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let form = ClientForm { birth_date: "1990-05-01".into(), ..client("山田 太郎", "やまだ", "鈴木") };
        let data: Client = form.to_data(None, today).unwrap();
        assert_eq!(ClientForm::from_data(&data), form);
        assert!(ClientForm::default().to_data(None, today).is_err(), "a client needs a name");
    }
}
