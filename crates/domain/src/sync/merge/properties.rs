//! Merge properties over random histories: order and duplicates never
//! matter. Simulated devices edit one record, sync with each other in random
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
