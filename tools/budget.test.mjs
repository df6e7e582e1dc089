// ホーム's first load stays within its budget: a size, not a timing, so the
// check is exact. Runs on the release build in dist/ (./dev test builds it
// before this), and on a made-up build to show what it counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIRST_LOAD_BUDGET_GZIP, firstLoad, firstLoadFiles, kb, lazyModuleFiles } from './first-load.mjs';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

test('the first load is what index.html loads: styles, module scripts and preloads, not chunks or icons', () => {
  const html = `<!DOCTYPE html><html><head>
    <link rel="manifest" href="/manifest.webmanifest">
    <link rel="icon" type="image/png" href="/icons/icon-192.png">
    <link rel="stylesheet" href="/main-1.css" integrity="x">
    <link rel="modulepreload" href="/renkei-2.js" crossorigin="anonymous">
    <link rel="modulepreload" href="/__wasm_split-2.js">
    <link rel="preload" href="/renkei-2_bg.wasm" as="fetch" type="application/wasm">
    <script type="module">import init from '/renkei-2.js';</script>
    <script src="https://example.org/x.js"></script>
  </head></html>`;
  assert.deepEqual(firstLoadFiles(html), ['main-1.css', 'renkei-2.js', '__wasm_split-2.js', 'renkei-2_bg.wasm']);
  assert.deepEqual(firstLoadFiles(html.replaceAll('href="/', 'href="/app/'), '/app/'), [
    'main-1.css',
    'renkei-2.js',
    '__wasm_split-2.js',
    'renkei-2_bg.wasm',
  ]);
});

test('sizes are the precompressed copies where the build wrote them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'renkei-first-load-'));
  try {
    writeFileSync(join(dir, 'index.html'), '<link rel="stylesheet" href="/a.css"><link rel="modulepreload" href="/b.js">');
    writeFileSync(join(dir, 'a.css'), 'body{}'.repeat(1000));
    writeFileSync(join(dir, 'a.css.gz'), Buffer.alloc(123));
    writeFileSync(join(dir, 'b.js'), 'x');
    const [a, b] = firstLoad(dir);
    assert.deepEqual([a.file, a.raw, a.gzip], ['a.css', 6000, 123]);
    assert.ok(a.brotli < a.raw, 'brotli computed when there is no copy');
    assert.deepEqual([b.gzip, b.brotli], [1, 1], 'a file compression would grow is sent as it is');
    rmSync(join(dir, 'b.js'));
    assert.throws(() => firstLoad(dir), /lacks/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(`ホーム's first load in the release build is within ${kb(FIRST_LOAD_BUDGET_GZIP)} gzip`, () => {
  const files = firstLoad(DIST);
  assert.ok(files.some((f) => f.file.endsWith('_bg.wasm')), 'the main wasm module is part of the first load');
  assert.ok(!files.some((f) => /^(split|chunk)_/.test(f.file)), 'no chunk of a lazily loaded page is');
  const dashboard = lazyModuleFiles(DIST, 'dashboard_on_first_use');
  assert.ok(dashboard.length > 0 && dashboard.every((f) => !files.some((g) => g.file === f)), "ホーム's dashboard loads apart");
  const total = files.reduce((n, f) => n + f.gzip, 0);
  const detail = files.map((f) => `${f.file} ${kb(f.gzip)}`).join(', ');
  assert.ok(
    total <= FIRST_LOAD_BUDGET_GZIP,
    `ホーム's first load is ${kb(total)} gzip, over its budget of ${kb(FIRST_LOAD_BUDGET_GZIP)} (${detail}). ` +
      'Move what ホーム does not need into a page loaded on first use (lazy_pages! in src/app.rs); ./dev size shows where the bytes are.',
  );
});
