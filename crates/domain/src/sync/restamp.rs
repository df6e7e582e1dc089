//! Giving changes that never reached the server new identities: a new
//! device id and sequence numbers (the server refused the old ones: another
//! session holds the id, or a seq was taken), or new stamps from a corrected
//! clock (the server refused stamps from a clock that ran fast).
//!
//! Only changes still in the outbox are rewritten, so no other replica has
//! seen the old stamps; the device's own merge states are rewritten with the
//! same mapping, so its view and what it sends stay one and the same.

use super::merge::RecordState;
use super::protocol::Change;
use super::stamp::{Clock, Stamp};
use std::collections::HashMap;

/// Old stamp → new stamp, for every write rewritten.
pub type StampMap = HashMap<Stamp, Stamp>;

/// Rewrites `changes` (oldest first) as if made now by `clock`'s device:
/// each write stamped anew in the original order, `replaces` lists pointing
/// at rewritten writes following them, and, given `next_seq`, numbered from
/// `*next_seq + 1` (a new device id starts its numbering afresh; new stamps
/// alone keep the numbers, which the server never accepted).
/// Returns the mapping to apply to merge states with [`restamp_state`].
pub fn renumber(changes: &mut [Change], clock: &mut Clock, mut next_seq: Option<&mut u64>, now_ms: i64) -> StampMap {
    let mut map = StampMap::new();
    for change in changes.iter_mut() {
        if let Some(next) = next_seq.as_deref_mut() {
            *next += 1;
            change.seq = *next;
        }
        change.device_id = clock.device.clone();
        for write in &mut change.writes {
            let fresh = clock.tick(now_ms);
            map.insert(write.stamp.clone(), fresh.clone());
            write.stamp = fresh;
            for replaced in &mut write.replaces {
                if let Some(new) = map.get(replaced) {
                    *replaced = new.clone();
                }
            }
        }
    }
    map
}

/// Applies a [`renumber`] mapping to a merge state; returns whether it
/// held any of the old stamps.
pub fn restamp_state(state: &mut RecordState, map: &StampMap) -> bool {
    let mut changed = false;
    for field in state.fields.values_mut() {
        for head in field.heads.iter_mut().chain(&mut field.earlier) {
            if let Some(new) = map.get(&head.stamp) {
                head.stamp = new.clone();
                changed = true;
            }
        }
        field.heads.sort_by(|a, b| b.stamp.cmp(&a.stamp));
        field.earlier.sort_by(|a, b| a.stamp.cmp(&b.stamp));
        let replaced = std::mem::take(&mut field.replaced);
        field.replaced = replaced
            .into_iter()
            .map(|s| match map.get(&s) {
                Some(new) => {
                    changed = true;
                    new.clone()
                }
                None => s,
            })
            .collect();
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::RecordKind;
    use serde_json::{json, Map, Value};
    use uuid::Uuid;

    fn data(pairs: &[(&str, Value)]) -> Map<String, Value> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    /// Two unsent edits of one field on device "old", the second on top of
    /// the first; another device's value arrived in between for another field.
    fn local_history() -> (RecordState, Vec<Change>) {
        let mut clock = Clock::new("old");
        let mut state = RecordState::new(Uuid::nil(), RecordKind::Client);
        let mut changes = Vec::new();
        for (seq, name) in [(1, "山田"), (2, "山田 太郎")] {
            let writes = state.edit(&data(&[("name", json!(name))]), &mut clock, 9_000_000);
            let change = Change {
                device_id: "old".into(),
                seq,
                record_id: Uuid::nil(),
                kind: RecordKind::Client,
                writes,
                author: None,
            };
            state.apply(&change);
            changes.push(change);
        }
        (state, changes)
    }

    #[test]
    fn renumbered_changes_carry_the_new_device_fresh_seqs_and_consistent_replaces() {
        let (mut state, mut changes) = local_history();
        let mut clock = Clock::new("new");
        let mut next_seq = 0;
        let map = renumber(&mut changes, &mut clock, Some(&mut next_seq), 1_000);
        assert_eq!(next_seq, 2);
        assert_eq!(changes.iter().map(|c| (c.device_id.as_str(), c.seq)).collect::<Vec<_>>(), [("new", 1), ("new", 2)]);
        for write in changes.iter().flat_map(|c| &c.writes) {
            assert_eq!(write.stamp.device, "new");
            assert!(write.stamp.ms < 9_000_000, "stamped from the corrected clock");
        }
        assert_eq!(changes[1].writes[0].replaces, vec![changes[0].writes[0].stamp.clone()]);
        assert!(restamp_state(&mut state, &map));

        // Another replica that receives the rewritten changes ends up with
        // exactly the state this device rewrote for itself: no phantom
        // conflict, no lost value.
        let mut elsewhere = RecordState::new(Uuid::nil(), RecordKind::Client);
        for change in &changes {
            elsewhere.apply(change);
        }
        assert_eq!(elsewhere, state);
        assert!(state.conflicted_fields().is_empty());
        assert_eq!(state.data()["name"], json!("山田 太郎"));
        // Receiving its own rewritten changes back changes nothing.
        for change in &changes {
            assert!(!state.apply(change));
        }
    }

    #[test]
    fn new_stamps_alone_keep_the_numbers() {
        let (_, mut changes) = local_history();
        let mut clock = Clock::new("old");
        let map = renumber(&mut changes, &mut clock, None, 1_000);
        assert_eq!(changes.iter().map(|c| c.seq).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(map.len(), 2);
        assert!(changes.iter().flat_map(|c| &c.writes).all(|w| w.stamp.ms == 1_000));
    }

    #[test]
    fn stamps_not_in_the_map_are_left_alone() {
        let (mut state, _) = local_history();
        let before = state.clone();
        assert!(!restamp_state(&mut state, &StampMap::new()));
        assert_eq!(state, before);
    }
}
