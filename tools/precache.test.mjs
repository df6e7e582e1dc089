// Tests for tools/precache.mjs. Run: node --test tools/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = join(ROOT, 'tools', 'precache.mjs');
const SW_TEMPLATE = join(ROOT, 'public', 'sw.js');

const tempDirs = [];
process.on('exit', () => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// A small build output directory.
function makeBuild({ wasm = 'wasm-bytes-1', withSw = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'renkei-precache-'));
  tempDirs.push(dir);
  const files = {
    'index.html': '<!doctype html><title>連携ノート</title>',
    'renkei-abc123.js': 'export default function init() {}',
    'renkei-abc123_bg.wasm': wasm,
    'renkei-abc123.js.map': '{}',
    'manifest.webmanifest': '{}',
    'icons/icon-192.png': 'png',
    'icons/sub dir/ä.png': 'png',
    '.gitkeep': '',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  if (withSw) copyFileSync(SW_TEMPLATE, join(dir, 'sw.js'));
  return dir;
}

function run(args) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
}

// Evaluates the processed worker with a stub global, proving it is valid JS,
// and returns the values the placeholders became.
function loadSw(dir) {
  const code = readFileSync(join(dir, 'sw.js'), 'utf8');
  const self = { addEventListener() {}, location: { origin: 'http://localhost' } };
  const values = vm.runInNewContext(`${code}\n;({ PRECACHE, BUILD })`, { self, caches: {}, fetch() {} });
  return { code, ...values };
}

function buildOf(dir) {
  const r = run([dir]);
  assert.equal(r.status, 0, r.stderr);
  return loadSw(dir).BUILD;
}

test('replaces both placeholders with the file list and a version', () => {
  const dir = makeBuild();
  const r = run([dir]);
  assert.equal(r.status, 0, r.stderr);
  const { code, PRECACHE, BUILD } = loadSw(dir);
  assert.ok(!code.includes('__RENKEI_PRECACHE__'));
  assert.ok(!code.includes('__RENKEI_BUILD__'));
  assert.match(BUILD, /^[0-9a-f]{16}$/);
  assert.deepEqual([...PRECACHE].sort(), [
    '/',
    '/icons/icon-192.png',
    '/icons/sub%20dir/%C3%A4.png',
    '/index.html',
    '/manifest.webmanifest',
    '/renkei-abc123.js',
    '/renkei-abc123_bg.wasm',
  ]);
  assert.ok(!PRECACHE.includes('/sw.js'));
});

test('version is stable for the same content and changes with it', () => {
  const a = buildOf(makeBuild());
  const b = buildOf(makeBuild());
  const c = buildOf(makeBuild({ wasm: 'wasm-bytes-2' }));
  assert.equal(a, b);
  assert.notEqual(a, c);
});

test('source maps do not affect the version', () => {
  const plain = buildOf(makeBuild());
  const dir = makeBuild();
  writeFileSync(join(dir, 'renkei-abc123.js.map'), '{"changed":true}');
  assert.equal(buildOf(dir), plain);
});

test('precompressed .br and .gz copies are not listed and do not affect the version', () => {
  const plain = buildOf(makeBuild());
  const dir = makeBuild();
  for (const name of ['index.html', 'renkei-abc123.js', 'renkei-abc123_bg.wasm', 'manifest.webmanifest']) {
    writeFileSync(join(dir, `${name}.br`), 'brotli bytes');
    writeFileSync(join(dir, `${name}.gz`), 'gzip bytes');
  }
  // sw.js gets its copies after precache.mjs ran, but a copy left over must
  // not be listed either.
  writeFileSync(join(dir, 'sw.js.br'), 'old brotli bytes');
  assert.equal(buildOf(dir), plain);
  const { PRECACHE } = loadSw(dir);
  assert.deepEqual([...PRECACHE].filter((u) => /\.(br|gz)$/.test(u)), []);
  assert.ok(PRECACHE.includes('/renkei-abc123_bg.wasm'));
});

test('a .gz or .br file that is not a copy of another file is part of the app', () => {
  const dir = makeBuild();
  writeFileSync(join(dir, 'sample.csv.gz'), 'a gzip the app offers for download');
  assert.equal(run([dir]).status, 0);
  assert.ok(loadSw(dir).PRECACHE.includes('/sample.csv.gz'));
});

test('missing sw.js fails loudly', () => {
  const r = run([makeBuild({ withSw: false })]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /sw\.js is missing/);
});

test('an already processed sw.js (no placeholder) fails loudly', () => {
  const dir = makeBuild();
  assert.equal(run([dir]).status, 0);
  const again = run([dir]);
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /__RENKEI_PRECACHE__/);
});

test('no directory at all fails loudly', () => {
  const r = run([]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /no directory/);
});
