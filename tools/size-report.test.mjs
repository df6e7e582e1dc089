// How the size report attributes wasm items to crates and app modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appModuleOf, crateOf, groupBy } from './size-report.mjs';

test('a function counts for its crate, a generic one for the crate it was made for', () => {
  assert.equal(crateOf('leptos::mount::mount_to::h0123456789abcdef'), 'leptos');
  assert.equal(crateOf('<serde_json::de::Deserializer<R> as serde::de::Deserializer>::deserialize_map'), 'serde_json');
  assert.equal(crateOf('core::ptr::drop_in_place<renkei::pages::plan::Plan>'), 'renkei');
  assert.equal(crateOf('<alloc::vec::Vec<T,A> as core::clone::Clone>::clone'), 'alloc');
  assert.equal(crateOf('core::fmt::write'), 'core');
  assert.equal(crateOf('<f64 as core[c5930c85a12de822]::fmt::Display>::fmt'), 'core');
  assert.equal(crateOf('<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc<x>>::malloc'), 'dlmalloc');
  assert.equal(crateOf('data[3]'), '(wasm)');
  assert.equal(crateOf('import wbg::__wbg_get_1234'), 'wbg');
});

test("the app's own code is grouped two modules deep", () => {
  assert.equal(appModuleOf('renkei::pages::plan::editor::PlanEditor::h1'), 'renkei::pages::plan');
  assert.equal(appModuleOf('core::ptr::drop_in_place<renkei::store::Store>'), 'renkei::store');
  assert.equal(appModuleOf('renkei_domain::plan::x'), null);
  assert.equal(appModuleOf('leptos::x::y'), null);
});

test('groups are summed and sorted largest first', () => {
  const items = [
    { name: 'a::x', size: 1 },
    { name: 'b::y', size: 5 },
    { name: 'a::z', size: 7 },
  ];
  assert.deepEqual(groupBy(items, (it) => crateOf(it.name)), [
    ['a', 8],
    ['b', 5],
  ]);
});
