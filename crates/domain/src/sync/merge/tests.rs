//! Merge cases, one by one.

use super::*;
use serde_json::{json, Map, Value};

fn change(device: &str, seq: u64, writes: Vec<FieldWrite>) -> Change {
    Change { device_id: device.into(), seq, record_id: Uuid::nil(), kind: RecordKind::Client, writes, author: None }
}

fn data(pairs: &[(&str, Value)]) -> Map<String, Value> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

#[test]
fn an_edit_on_top_of_a_value_replaces_it_without_conflict() {
    let mut a = Clock::new("a");
    let mut b = Clock::new("b");
    let mut state = RecordState::new(Uuid::nil(), RecordKind::Client);
    let first = change("a", 1, state.edit(&data(&[("name", json!("山田"))]), &mut a, 10));
    state.apply(&first);
    let second = change("b", 1, state.edit(&data(&[("name", json!("山田 太郎"))]), &mut b, 20));
    state.apply(&second);
    assert_eq!(state.data(), data(&[("name", json!("山田 太郎"))]));
    assert!(state.conflicted_fields().is_empty());
}

#[test]
fn concurrent_edits_of_one_field_keep_both_values_and_the_same_winner_everywhere() {
    let base = RecordState::new(Uuid::nil(), RecordKind::Client);
    let (mut a, mut b) = (Clock::new("a"), Clock::new("b"));
    let from_a = change("a", 1, base.edit(&data(&[("wishes", json!("就職したい"))]), &mut a, 10));
    let from_b = change("b", 1, base.edit(&data(&[("wishes", json!("一人暮らし"))]), &mut b, 10));
    let mut one = base.clone();
    one.apply(&from_a);
    one.apply(&from_b);
    let mut two = base.clone();
    two.apply(&from_b);
    two.apply(&from_a);
    two.apply(&from_a);
    assert_eq!(one, two);
    assert_eq!(one.conflicted_fields(), vec!["wishes"]);
    // Same millisecond: device id decides, identically everywhere.
    assert_eq!(one.data()["wishes"], json!("一人暮らし"));
    assert_eq!(one.fields["wishes"].conflicts()[0].value, json!("就職したい"));
}

#[test]
fn resolving_a_conflict_reaches_every_replica() {
    let base = RecordState::new(Uuid::nil(), RecordKind::Client);
    let (mut a, mut b) = (Clock::new("a"), Clock::new("b"));
    let from_a = change("a", 1, base.edit(&data(&[("staff", json!("佐藤"))]), &mut a, 10));
    let from_b = change("b", 1, base.edit(&data(&[("staff", json!("鈴木"))]), &mut b, 11));
    let mut on_a = base.clone();
    on_a.apply(&from_a);
    on_a.apply(&from_b);
    let loser = on_a.fields["staff"].conflicts()[0].stamp.clone();
    let resolution = change("a", 2, vec![on_a.resolve("staff", &loser, &mut a, 12).unwrap()]);
    on_a.apply(&resolution);
    assert_eq!(on_a.data()["staff"], json!("佐藤"));
    assert!(on_a.conflicted_fields().is_empty());

    let mut on_b = base.clone();
    for c in [&resolution, &from_b, &from_a] {
        on_b.apply(c);
    }
    assert_eq!(on_a, on_b, "a late replaced write is not revived");
}

#[test]
fn an_edit_of_a_form_opened_before_a_remote_change_becomes_a_conflict_not_an_overwrite() {
    let (mut a, mut b) = (Clock::new("a"), Clock::new("b"));
    let mut state = RecordState::new(Uuid::nil(), RecordKind::Client);
    state.apply(&change("a", 1, state.edit(&data(&[("name", json!("山田")), ("staff", json!("佐藤"))]), &mut a, 1)));
    let opened = state.data();
    // Another device changes the staff while the form is open here.
    state.apply(&change("b", 1, state.edit(&data(&[("staff", json!("鈴木"))]), &mut b, 2)));
    // The user here changes the name only: staff is not written back.
    let mut form = opened.clone();
    form.insert("name".into(), json!("山田 太郎"));
    let writes = state.edit_from(Some(&opened), &form, &mut a, 3);
    assert_eq!(writes.iter().map(|w| w.field.as_str()).collect::<Vec<_>>(), vec!["name"]);
    state.apply(&change("a", 2, writes));
    assert_eq!(state.data()["staff"], json!("鈴木"));
    // Now the user also changes staff, unaware of 鈴木: both stay.
    let mut form2 = state.data();
    form2.insert("staff".into(), json!("高橋"));
    let mut stale_base = state.data();
    stale_base.insert("staff".into(), json!("佐藤"));
    state.apply(&change("a", 3, state.edit_from(Some(&stale_base), &form2, &mut a, 4)));
    assert_eq!(state.conflicted_fields(), vec!["staff"]);
}

#[test]
fn an_import_adds_missing_fields_and_keeps_differing_ones_as_conflicts() {
    let mut a = Clock::new("a");
    let mut state = RecordState::new(Uuid::nil(), RecordKind::Client);
    let local =
        change("a", 1, state.edit(&data(&[("name", json!("山田 太郎")), ("kana", json!("やまだ"))]), &mut a, 10));
    state.apply(&local);
    let imported = data(&[("name", json!("山田")), ("kana", json!("やまだ")), ("staff", json!("佐藤"))]);
    let writes = state.import(&imported, &mut a, 20);
    assert_eq!(writes.iter().map(|w| w.field.as_str()).collect::<Vec<_>>(), ["name", "staff"]);
    state.apply(&change("a", 2, writes));
    assert_eq!(state.conflicted_fields(), ["name"]);
    let name = &state.fields["name"];
    let values: Vec<_> = name.heads.iter().map(|h| h.value.clone()).collect();
    assert!(values.contains(&json!("山田 太郎")) && values.contains(&json!("山田")));
    assert_eq!(state.data()["staff"], json!("佐藤"));
    // Importing the same file again changes nothing more.
    assert!(state.import(&imported, &mut a, 30).is_empty());
}

#[test]
fn a_tombstone_is_a_field_and_restoring_replaces_it() {
    let mut a = Clock::new("a");
    let mut state = RecordState::new(Uuid::nil(), RecordKind::Client);
    state.apply(&change("a", 1, state.edit(&data(&[("name", json!("山田"))]), &mut a, 1)));
    state.apply(&change("a", 2, state.edit(&data(&[(DELETED_FIELD, json!(true))]), &mut a, 2)));
    assert!(state.deleted());
    assert_eq!(state.data(), data(&[("name", json!("山田"))]), "the data stays for the ゴミ箱");
    state.apply(&change("a", 3, state.edit(&data(&[(DELETED_FIELD, json!(false))]), &mut a, 3)));
    assert!(!state.deleted());
}

#[test]
fn created_and_updated_come_from_the_stamps() {
    let mut a = Clock::new("a");
    let mut state = RecordState::new(Uuid::nil(), RecordKind::Client);
    assert_eq!(state.created_and_updated(), None);
    state.apply(&change("a", 1, state.edit(&data(&[("name", json!("x"))]), &mut a, 5)));
    state.apply(&change("a", 2, state.edit(&data(&[("name", json!("y"))]), &mut a, 9)));
    let (created, updated) = state.created_and_updated().unwrap();
    assert_eq!((created.ms, updated.ms), (5, 9));
}

fn author(n: u128, name: &str) -> Author {
    Author { id: Uuid::from_u128(n), name: name.into() }
}

fn note_change(device: &str, seq: u64, writes: Vec<FieldWrite>) -> Change {
    Change { kind: RecordKind::VisitNote, ..change(device, seq, writes) }
}

#[test]
fn a_note_correction_keeps_the_first_wording_and_who_wrote_each_in_any_order() {
    let base = RecordState::new(Uuid::nil(), RecordKind::VisitNote);
    let (mut a, mut b) = (Clock::new("a"), Clock::new("b"));
    let (yamada, sato) = (author(1, "山田"), author(2, "佐藤"));
    let first = note_change("a", 1, base.edit(&data(&[("text", json!("作業は安定"))]), &mut a, 10));
    let mut seen = base.clone();
    seen.apply_by(&first, Some(&yamada));
    let fix = note_change("b", 1, seen.edit(&data(&[("text", json!("作業は概ね安定"))]), &mut b, 20));

    let mut in_order = base.clone();
    in_order.apply_by(&first, Some(&yamada));
    in_order.apply_by(&fix, Some(&sato));
    // The correction arrives before what it corrects.
    let mut late = base.clone();
    late.apply_by(&fix, Some(&sato));
    late.apply_by(&first, Some(&yamada));
    late.apply_by(&first, Some(&yamada));
    assert_eq!(in_order, late);

    assert_eq!(in_order.data()["text"], json!("作業は概ね安定"));
    assert!(in_order.conflicted_fields().is_empty());
    let history: Vec<_> =
        in_order.fields["text"].history().iter().map(|h| (h.value.clone(), h.by.clone().unwrap().name)).collect();
    assert_eq!(history, vec![(json!("作業は安定"), "山田".into()), (json!("作業は概ね安定"), "佐藤".into())]);
    assert_eq!(in_order.authors(), (Some(&yamada), Some(&sato)));
    let meta = in_order.meta(3).unwrap();
    assert_eq!((meta.created_at.timestamp_millis(), meta.updated_at.timestamp_millis()), (10, 20));
    assert_eq!(meta.created_by, Uuid::from_u128(1).to_string());
    assert_eq!(
        (meta.created_by_name.as_deref(), meta.updated_by_name.as_deref(), meta.rev),
        (Some("山田"), Some("佐藤"), 3)
    );
}

#[test]
fn other_kinds_drop_replaced_values_and_a_resolved_note_conflict_keeps_the_loser() {
    let mut clock = Clock::new("a");
    let mut client = RecordState::new(Uuid::nil(), RecordKind::Client);
    for (seq, name) in [(1, "山田"), (2, "山田 太郎")] {
        let writes = client.edit(&data(&[("name", json!(name))]), &mut clock, 10);
        client.apply(&change("a", seq, writes));
    }
    assert!(client.fields["name"].earlier.is_empty());
    assert_eq!(client.fields["name"].history().len(), 1);

    let base = RecordState::new(Uuid::nil(), RecordKind::VisitNote);
    let (mut a, mut b) = (Clock::new("a"), Clock::new("b"));
    let mut note = base.clone();
    note.apply(&note_change("a", 1, base.edit(&data(&[("text", json!("一"))]), &mut a, 10)));
    note.apply(&note_change("b", 1, base.edit(&data(&[("text", json!("二"))]), &mut b, 10)));
    let loser = note.fields["text"].conflicts()[0].stamp.clone();
    let settle = note.resolve("text", &loser, &mut a, 30).unwrap();
    note.apply(&note_change("a", 2, vec![settle]));
    let values: Vec<_> = note.fields["text"].history().iter().map(|h| h.value.clone()).collect();
    assert_eq!(values, vec![json!("一"), json!("二"), json!("一")]);
    // Unknown authors stay unknown rather than guessed: the device.
    assert_eq!(note.authors(), (None, None));
    let meta = note.meta(1).unwrap();
    assert_eq!((meta.created_by.as_str(), meta.updated_by.as_str(), meta.created_by_name), ("a", "a", None));
}
