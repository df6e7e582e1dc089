//! Per-field merge: each field is a multi-value register. A write replaces
//! the writes it names in `replaces`; the field's "heads" are the writes that
//! no known write replaces. The winner is the head with the greatest stamp,
//! the other heads are conflicts shown to the user until one is chosen.
//!
//! The result depends only on the set of writes seen, not on their order or
//! on duplicates, so every replica that has seen the same changes shows the
//! same values and the same conflicts, and no typed value disappears unless
//! someone replaced it knowingly.

use super::protocol::{Author, Change, FieldWrite, DELETED_FIELD};
use super::stamp::{Clock, Stamp};
use crate::record::{RecordKind, RecordMeta};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// A value written to a field, not (yet) replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Head {
    pub stamp: Stamp,
    pub value: serde_json::Value,
    /// Who wrote it, when known (a change made while signed in, or one the
    /// server named an author for). Left out when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Author>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldState {
    /// Current writes, greatest stamp first.
    pub heads: Vec<Head>,
    /// Stamps of writes replaced by a later write, kept so a replaced write
    /// that arrives late is not revived. Left out of the stored JSON when
    /// empty (most fields of a record just pulled): every merge state is
    /// written on each sync, so its size is sync time.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub replaced: BTreeSet<Stamp>,
    /// The replaced writes themselves, oldest first, for a kind of record
    /// whose corrections stay readable ([`RecordKind::keeps_history`]): a
    /// 支援記録 is a record of what happened, and a correction must not
    /// erase what was first written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<Head>,
}

impl FieldState {
    /// Applies one write by `by`; returns whether anything changed. With
    /// `keep_history`, replaced values move to [`FieldState::earlier`]
    /// instead of being dropped: the same set whatever order the writes
    /// arrive in.
    pub fn apply(&mut self, write: &FieldWrite, by: Option<&Author>, keep_history: bool) -> bool {
        // What a write replaces counts even when the write itself was
        // replaced before it arrived: replacement is transitive.
        let mut changed = false;
        for stamp in &write.replaces {
            changed |= self.replaced.insert(stamp.clone());
        }
        let (gone, kept): (Vec<Head>, Vec<Head>) =
            std::mem::take(&mut self.heads).into_iter().partition(|h| write.replaces.contains(&h.stamp));
        self.heads = kept;
        changed |= !gone.is_empty();
        if keep_history {
            for head in gone {
                self.keep_earlier(head);
            }
        }
        let head = || Head { stamp: write.stamp.clone(), value: write.value.clone(), by: by.cloned() };
        if self.replaced.contains(&write.stamp) {
            if keep_history && !self.earlier.iter().any(|h| h.stamp == write.stamp) {
                self.keep_earlier(head());
                changed = true;
            }
        } else if !self.heads.iter().any(|h| h.stamp == write.stamp) {
            self.heads.push(head());
            self.heads.sort_by(|a, b| b.stamp.cmp(&a.stamp));
            changed = true;
        }
        changed
    }

    fn keep_earlier(&mut self, head: Head) {
        if let Err(at) = self.earlier.binary_search_by(|h| h.stamp.cmp(&head.stamp)) {
            self.earlier.insert(at, head);
        }
    }

    /// Every value the field has had that this replica knows of, oldest
    /// first: the replaced ones kept as history, then the current ones.
    pub fn history(&self) -> Vec<&Head> {
        let mut all: Vec<&Head> = self.earlier.iter().chain(&self.heads).collect();
        all.sort_by(|a, b| a.stamp.cmp(&b.stamp));
        all
    }

    /// The value shown: the latest of the current writes.
    pub fn winner(&self) -> Option<&Head> {
        self.heads.first()
    }

    /// Values written concurrently with the winner, for the user to choose.
    pub fn conflicts(&self) -> &[Head] {
        self.heads.get(1..).unwrap_or(&[])
    }
}

/// A record as every replica holds it: its fields' merge states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordState {
    pub id: Uuid,
    pub kind: RecordKind,
    pub fields: BTreeMap<String, FieldState>,
}

impl RecordState {
    pub fn new(id: Uuid, kind: RecordKind) -> Self {
        RecordState { id, kind, fields: BTreeMap::new() }
    }

    /// Applies every write of a change whose author is not known; returns
    /// whether anything changed.
    pub fn apply(&mut self, change: &Change) -> bool {
        self.apply_by(change, None)
    }

    /// Applies every write of a change written by `by`; returns whether
    /// anything changed.
    pub fn apply_by(&mut self, change: &Change, by: Option<&Author>) -> bool {
        let keep = self.kind.keeps_history();
        let mut changed = false;
        for write in &change.writes {
            changed |= self.fields.entry(write.field.clone()).or_default().apply(write, by, keep);
        }
        changed
    }

    /// Who made the record and who changed it last, when known: the
    /// authors of its earliest and its latest write. A kind without history
    /// may have dropped its earliest write, and then who made it is not
    /// known rather than guessed from a later one.
    pub fn authors(&self) -> (Option<&Author>, Option<&Author>) {
        let Some((created, updated)) = self.created_and_updated() else { return (None, None) };
        let by = |stamp: &Stamp| {
            self.fields
                .values()
                .flat_map(|f| f.earlier.iter().chain(&f.heads))
                .find(|h| h.stamp == *stamp)
                .and_then(|h| h.by.as_ref())
        };
        (by(&created), by(&updated))
    }

    /// Puts the known authors into `meta` (see [`RecordMeta::created_by`]):
    /// their staff ids and names; what is not known is left as it is.
    pub fn sign(&self, meta: &mut RecordMeta) {
        let (made, changed) = self.authors();
        if let Some(a) = made {
            meta.created_by = a.id.to_string();
            meta.created_by_name = Some(a.name.clone());
        }
        if let Some(a) = changed {
            meta.updated_by = a.id.to_string();
            meta.updated_by_name = Some(a.name.clone());
        }
    }

    /// The record's data: each field's winning value (tombstone excluded).
    pub fn data(&self) -> serde_json::Map<String, serde_json::Value> {
        self.fields
            .iter()
            .filter(|(name, _)| name.as_str() != DELETED_FIELD)
            .filter_map(|(name, f)| f.winner().map(|h| (name.clone(), h.value.clone())))
            .collect()
    }

    /// In ゴミ箱: the tombstone field's winner is `true`.
    pub fn deleted(&self) -> bool {
        self.fields
            .get(DELETED_FIELD)
            .and_then(FieldState::winner)
            .is_some_and(|h| h.value == serde_json::Value::Bool(true))
    }

    /// Fields with values waiting for the user's choice (「競合」).
    pub fn conflicted_fields(&self) -> Vec<&str> {
        self.fields.iter().filter(|(_, f)| !f.conflicts().is_empty()).map(|(n, _)| n.as_str()).collect()
    }

    /// The earliest and latest stamps of all current and replaced writes.
    pub fn created_and_updated(&self) -> Option<(Stamp, Stamp)> {
        let stamps = self.fields.values().flat_map(|f| f.heads.iter().map(|h| &h.stamp).chain(f.replaced.iter()));
        let (mut first, mut last): (Option<&Stamp>, Option<&Stamp>) = (None, None);
        for s in stamps {
            first = Some(first.map_or(s, |f| f.min(s)));
            last = Some(last.map_or(s, |l| l.max(s)));
        }
        Some((first?.clone(), last?.clone()))
    }

    /// The envelope every replica shows for this state at revision `rev`:
    /// made and changed at the earliest and latest stamps, by the staff
    /// member who wrote them when known (their id and name), otherwise by
    /// the device. `None` for a state without writes.
    pub fn meta(&self, rev: u64) -> Option<RecordMeta> {
        let (created, updated) = self.created_and_updated()?;
        let at = |ms: i64| chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
        let mut meta = RecordMeta {
            id: self.id,
            office_id: None,
            created_at: at(created.ms),
            created_by: created.device,
            updated_at: at(updated.ms),
            updated_by: updated.device,
            rev,
            deleted: self.deleted(),
            created_by_name: None,
            updated_by_name: None,
        };
        self.sign(&mut meta);
        Some(meta)
    }

    /// The writes that turn the shown values into `data` (a local edit).
    /// Each replaces only the value the user saw, so a conflict stays
    /// visible until it is resolved with [`RecordState::resolve`].
    pub fn edit(
        &self,
        data: &serde_json::Map<String, serde_json::Value>,
        clock: &mut Clock,
        now_ms: i64,
    ) -> Vec<FieldWrite> {
        self.edit_from(None, data, clock, now_ms)
    }

    /// Like [`RecordState::edit`] for a form opened on `base`: only fields
    /// the user changed from `base` are written. If a field's shown value is
    /// no longer the one the user started from (another device changed it
    /// meanwhile), the write replaces nothing, so both values stay as a
    /// conflict instead of the user's edit silently erasing the other.
    pub fn edit_from(
        &self,
        base: Option<&serde_json::Map<String, serde_json::Value>>,
        data: &serde_json::Map<String, serde_json::Value>,
        clock: &mut Clock,
        now_ms: i64,
    ) -> Vec<FieldWrite> {
        let mut writes = Vec::new();
        for (name, value) in data {
            let winner = self.fields.get(name.as_str()).and_then(FieldState::winner);
            let seen = match base {
                Some(base) => base.get(name.as_str()),
                None => winner.map(|h| &h.value),
            };
            if seen == Some(value) && winner.is_some() {
                continue;
            }
            let replaces = match winner {
                Some(h) if seen == Some(&h.value) => vec![h.stamp.clone()],
                _ => Vec::new(),
            };
            writes.push(FieldWrite { field: name.clone(), value: value.clone(), stamp: clock.tick(now_ms), replaces });
        }
        writes
    }

    /// The writes that bring `data` from elsewhere (a backup file) into
    /// this state without deciding for the user: a field this device does
    /// not have takes the value; a field whose values all differ gets the
    /// imported value beside them as a conflict, so neither side's value
    /// disappears. A value the field holds already writes nothing, so
    /// importing a file twice changes nothing the second time.
    pub fn import(
        &self,
        data: &serde_json::Map<String, serde_json::Value>,
        clock: &mut Clock,
        now_ms: i64,
    ) -> Vec<FieldWrite> {
        data.iter()
            .filter(|(name, value)| {
                !self.fields.get(name.as_str()).is_some_and(|f| f.heads.iter().any(|h| &h.value == *value))
            })
            .map(|(name, value)| FieldWrite {
                field: name.clone(),
                value: value.clone(),
                stamp: clock.tick(now_ms),
                replaces: Vec::new(),
            })
            .collect()
    }

    /// The write that settles a conflict on `field` with the value written
    /// at `chosen`: it replaces every current value.
    pub fn resolve(&self, field: &str, chosen: &Stamp, clock: &mut Clock, now_ms: i64) -> Option<FieldWrite> {
        let state = self.fields.get(field)?;
        let value = state.heads.iter().find(|h| &h.stamp == chosen)?.value.clone();
        Some(FieldWrite {
            field: field.to_owned(),
            value,
            stamp: clock.tick(now_ms),
            replaces: state.heads.iter().map(|h| h.stamp.clone()).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
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
        state.apply(&change(
            "a",
            1,
            state.edit(&data(&[("name", json!("山田")), ("staff", json!("佐藤"))]), &mut a, 1),
        ));
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
}

#[cfg(test)]
mod properties {
    //! Simulated devices edit one record, sync with each other in random
    //! pairs and resolve conflicts; then every change is applied to fresh
    //! replicas in random orders with duplicates.
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Map};

    const DEVICES: usize = 3;
    const FIELDS: [&str; 3] = ["name", "kana", "wishes_self"];

    #[derive(Debug, Clone)]
    enum Op {
        Edit { device: usize, field: usize, value: u8 },
        Sync { from: usize, to: usize },
        Resolve { device: usize, field: usize, pick: usize },
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0..DEVICES, 0..FIELDS.len(), any::<u8>()).prop_map(|(device, field, value)| Op::Edit { device, field, value }),
            3 => (0..DEVICES, 0..DEVICES).prop_map(|(from, to)| Op::Sync { from, to }),
            1 => (0..DEVICES, 0..FIELDS.len(), 0..4usize).prop_map(|(device, field, pick)| Op::Resolve { device, field, pick }),
        ]
    }

    struct Device {
        clock: Clock,
        state: RecordState,
        known: Vec<Change>,
        seq: u64,
    }

    /// Runs the scenario and returns every change made, in creation order.
    fn run(ops: &[Op]) -> Vec<Change> {
        let mut devices: Vec<Device> = (0..DEVICES)
            .map(|i| Device {
                clock: Clock::new(format!("d{i}")),
                state: RecordState::new(Uuid::nil(), RecordKind::Client),
                known: Vec::new(),
                seq: 0,
            })
            .collect();
        let mut all = Vec::new();
        for (t, op) in ops.iter().enumerate() {
            let now = (t / 2) as i64; // several ops share a millisecond
            let (device, writes) = match *op {
                Op::Edit { device, field, value } => {
                    let d = &mut devices[device];
                    let data: Map<_, _> = [(FIELDS[field].to_owned(), json!(value))].into_iter().collect();
                    (device, d.state.edit(&data, &mut d.clock, now))
                }
                Op::Resolve { device, field, pick } => {
                    let d = &mut devices[device];
                    let Some(f) = d.state.fields.get(FIELDS[field]) else { continue };
                    if f.conflicts().is_empty() {
                        continue;
                    }
                    let chosen = f.heads[pick % f.heads.len()].stamp.clone();
                    (device, d.state.resolve(FIELDS[field], &chosen, &mut d.clock, now).into_iter().collect())
                }
                Op::Sync { from, to } => {
                    let incoming = devices[from].known.clone();
                    let d = &mut devices[to];
                    for c in incoming {
                        for w in &c.writes {
                            d.clock.observe(&w.stamp);
                        }
                        d.state.apply(&c);
                        if !d.known.contains(&c) {
                            d.known.push(c);
                        }
                    }
                    continue;
                }
            };
            if writes.is_empty() {
                continue;
            }
            let d = &mut devices[device];
            d.seq += 1;
            let c = Change {
                device_id: d.clock.device.clone(),
                seq: d.seq,
                record_id: Uuid::nil(),
                kind: RecordKind::Client,
                writes,
                author: None,
            };
            d.state.apply(&c);
            d.known.push(c.clone());
            all.push(c);
        }
        all
    }

    fn replay(changes: &[Change]) -> RecordState {
        let mut s = RecordState::new(Uuid::nil(), RecordKind::Client);
        for c in changes {
            s.apply(c);
        }
        s
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_order_with_duplicates_converges_and_keeps_every_unreplaced_value(
            ops in prop::collection::vec(op(), 1..60),
            orders in prop::collection::vec((any::<u64>(), prop::collection::vec(any::<prop::sample::Index>(), 0..10)), 3),
        ) {
            let changes = run(&ops);
            let reference = replay(&changes);
            for (seed, dups) in orders {
                let mut shuffled = changes.clone();
                for d in &dups {
                    if !changes.is_empty() {
                        shuffled.push(changes[d.index(changes.len())].clone());
                    }
                }
                // Deterministic shuffle from the seed.
                let mut x = seed | 1;
                for i in (1..shuffled.len()).rev() {
                    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                    shuffled.swap(i, (x % (i as u64 + 1)) as usize);
                }
                prop_assert_eq!(&replay(&shuffled), &reference);
            }
            // Every write nobody replaced is the value or a conflict.
            let replaced: BTreeSet<&Stamp> = changes.iter().flat_map(|c| &c.writes).flat_map(|w| &w.replaces).collect();
            for w in changes.iter().flat_map(|c| &c.writes) {
                if !replaced.contains(&w.stamp) {
                    let heads = &reference.fields[&w.field].heads;
                    prop_assert!(heads.iter().any(|h| h.stamp == w.stamp && h.value == w.value));
                }
            }
        }
    }
}
