//! Checks on what a device sends and receives, shared by the server (which
//! refuses a bad change before storing it) and the app (which sets aside a
//! change or a record it cannot read instead of letting it stop a sync).
//!
//! A change is checked write by write: each field's value must be no
//! deeper than [`MAX_VALUE_DEPTH`] and, for a field this version knows,
//! must have the type the record kind gives it. Unknown fields pass, so a
//! newer app's additions travel through an older server.

use super::protocol::{Change, FieldWrite, DELETED_FIELD};
use crate::record::{AnyRecord, RecordKind};
use serde_json::{Map, Value};

/// Deepest nesting of arrays and objects a field value may have. Real
/// records need 4; JSON parsers (serde_json's default is 128) give up
/// somewhere above, and a page wraps a value in a few more levels.
pub const MAX_VALUE_DEPTH: usize = 32;

/// Nesting depth of a value: 0 for a scalar, 1 for `[]` or `{"a": 1}`.
/// Iterative, so a hostile value cannot overflow the stack.
pub fn value_depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 0usize)];
    while let Some((value, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        deepest = deepest.max(depth + 1);
        stack.extend(children.map(|child| (child, depth + 1)));
    }
    deepest
}

/// The smallest data of each kind that loads: a write is checked by putting
/// its value into this and loading the result.
fn template(kind: RecordKind) -> Map<String, Value> {
    let value = match kind {
        RecordKind::Client => serde_json::json!({ "name": "" }),
        RecordKind::Assessment => serde_json::json!({
            "client_id": "00000000-0000-0000-0000-000000000000",
            "date": "2000-01-01",
        }),
        RecordKind::Plan
        | RecordKind::VisitNote
        | RecordKind::Agency
        | RecordKind::Contact
        | RecordKind::NetworkLink
        | RecordKind::Transition
        | RecordKind::HandoverPrint
        | RecordKind::Meeting => serde_json::json!({}),
    };
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// Whether `data` loads as a record of `kind`.
pub fn check_data(kind: RecordKind, data: &Value) -> Result<(), String> {
    let data = data.clone();
    let result = match kind {
        RecordKind::Client => serde_json::from_value::<crate::Client>(data).map(drop),
        RecordKind::Plan => serde_json::from_value::<crate::plan::Plan>(data).map(drop),
        RecordKind::VisitNote => serde_json::from_value::<crate::visit_note::VisitNote>(data).map(drop),
        RecordKind::Assessment => serde_json::from_value::<crate::assessment::Assessment>(data).map(drop),
        RecordKind::Agency => serde_json::from_value::<crate::network::Agency>(data).map(drop),
        RecordKind::Contact => serde_json::from_value::<crate::network::Contact>(data).map(drop),
        RecordKind::NetworkLink => serde_json::from_value::<crate::network::NetworkLink>(data).map(drop),
        RecordKind::Transition => serde_json::from_value::<crate::network::Transition>(data).map(drop),
        RecordKind::HandoverPrint => serde_json::from_value::<crate::network::HandoverPrint>(data).map(drop),
        RecordKind::Meeting => serde_json::from_value::<crate::meeting::Meeting>(data).map(drop),
    };
    result.map_err(|e| e.to_string())
}

/// Whether a stored or received record can be shown: its data loads as its
/// kind.
pub fn check_record(record: &AnyRecord) -> Result<(), String> {
    check_data(record.kind, &record.data)
}

/// Whether one write can be part of a record of `kind`.
pub fn check_write(kind: RecordKind, write: &FieldWrite) -> Result<(), String> {
    let depth = value_depth(&write.value);
    if depth > MAX_VALUE_DEPTH {
        return Err(format!("{}: nested {depth} levels deep (at most {MAX_VALUE_DEPTH})", write.field));
    }
    if write.field == DELETED_FIELD {
        return match write.value {
            Value::Bool(_) => Ok(()),
            _ => Err(format!("{DELETED_FIELD} must be true or false")),
        };
    }
    let mut data = template(kind);
    data.insert(write.field.clone(), write.value.clone());
    check_data(kind, &Value::Object(data)).map_err(|e| format!("{}: {e}", write.field))
}

/// Whether a whole change can be applied: every write passes
/// [`check_write`] and is stamped by the device that sent the change.
pub fn check_change(change: &Change) -> Result<(), String> {
    for write in &change.writes {
        if write.stamp.device != change.device_id {
            return Err(format!("{}: stamped by another device than the change's", write.field));
        }
        check_write(change.kind, write)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::Stamp;
    use serde_json::json;
    use uuid::Uuid;

    fn write(field: &str, value: Value) -> FieldWrite {
        FieldWrite {
            field: field.into(),
            value,
            stamp: Stamp { ms: 1, counter: 0, device: "d".into() },
            replaces: vec![],
        }
    }

    fn nested(depth: usize) -> Value {
        (0..depth).fold(json!(1), |inner, _| json!([inner]))
    }

    #[test]
    fn depth_counts_arrays_and_objects_not_scalars() {
        assert_eq!(value_depth(&json!("x")), 0);
        assert_eq!(value_depth(&json!([])), 1);
        assert_eq!(value_depth(&json!({"a": [1, {"b": 2}]})), 3);
        assert_eq!(value_depth(&nested(500)), 500);
    }

    #[test]
    fn values_deeper_than_the_limit_are_refused() {
        let ok = write("extra", nested(MAX_VALUE_DEPTH));
        assert!(check_write(RecordKind::Client, &ok).is_ok());
        let deep = write("extra", nested(MAX_VALUE_DEPTH + 1));
        assert!(check_write(RecordKind::Client, &deep).unwrap_err().contains("nested"));
    }

    #[test]
    fn known_fields_must_have_their_type_and_unknown_fields_pass() {
        assert!(check_write(RecordKind::Client, &write("name", json!("山田"))).is_ok());
        assert!(check_write(RecordKind::Client, &write("name", json!(5))).is_err());
        assert!(check_write(RecordKind::Client, &write("status", json!("from_the_future"))).is_err());
        assert!(check_write(RecordKind::Client, &write("added_in_a_newer_app", json!({"x": 1}))).is_ok());
        assert!(check_write(RecordKind::VisitNote, &write("place", json!("home"))).is_ok());
        assert!(check_write(RecordKind::VisitNote, &write("text", json!(["not", "text"]))).is_err());
        assert!(check_write(RecordKind::Assessment, &write("date", json!("2026-02-30"))).is_err());
        assert!(check_write(RecordKind::Plan, &write("version", json!("two"))).is_err());
        assert!(check_write(RecordKind::Client, &write(DELETED_FIELD, json!(true))).is_ok());
        assert!(check_write(RecordKind::Client, &write(DELETED_FIELD, json!("yes"))).is_err());
    }

    #[test]
    fn a_write_must_carry_the_stamp_of_the_changes_device() {
        let mut change = Change {
            device_id: "d".into(),
            seq: 1,
            record_id: Uuid::nil(),
            kind: RecordKind::Client,
            writes: vec![write("name", json!("山田"))],
            author: None,
        };
        assert!(check_change(&change).is_ok());
        change.writes[0].stamp.device = "someone-else".into();
        assert!(check_change(&change).is_err());
    }

    #[test]
    fn a_record_that_does_not_load_is_reported() {
        let ok = AnyRecord {
            kind: RecordKind::Client,
            meta: crate::RecordMeta::new(Uuid::nil(), "d", chrono::DateTime::UNIX_EPOCH),
            data: json!({"name": "山田"}),
        };
        assert!(check_record(&ok).is_ok());
        let bad = AnyRecord { data: json!({"name": 5}), ..ok };
        assert!(check_record(&bad).is_err());
    }
}
