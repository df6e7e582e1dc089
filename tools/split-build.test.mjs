// Tests for the `html` step of tools/split-build.mjs and for the precache
// list of a split build. Run: node --test tools/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SPLIT = join(ROOT, 'tools', 'split-build.mjs');
const PRECACHE = join(ROOT, 'tools', 'precache.mjs');

const tempDirs = [];
process.on('exit', () => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const JS = 'renkei-0123456789abcdef.js';
const WASM = 'renkei-fedcba9876543210_bg.wasm';
const LOADER = '__wasm_split-0123456789abcdef.js';
const SNIPPET = 'snippets/renkei-3006addee29108a6/inline0.js';

// What tools/build.mjs stages before the html step: index.html with the
// placeholder still in it, and what the build step wrote.
function makeStage({ staged = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'renkei-split-'));
  tempDirs.push(dir);
  const files = {
    'index.html':
      '<!DOCTYPE html><html><head><title>連携ノート</title>\n' +
      '<link rel="app-module" data-bin="renkei" />\n' +
      '</head><body></body></html>',
    'manifest.webmanifest': '{}',
  };
  if (staged) {
    Object.assign(files, {
      [JS]: 'export default async function init() {}',
      [WASM]: 'main',
      [LOADER]: 'import { initSync } from "./renkei-0123456789abcdef.js";',
      [SNIPPET]: 'export function f() {}',
      'split_plan_pages-1111111111111111.wasm': 'plan',
      'chunk_7-2222222222222222.wasm': 'shared',
    });
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  copyFileSync(join(ROOT, 'public', 'sw.js'), join(dir, 'sw.js'));
  return dir;
}

function run(script, args) {
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
}

test('html: the placeholder becomes the module script, with preloads for the first load only', () => {
  const dir = makeStage();
  const r = run(SPLIT, ['html', dir]);
  assert.equal(r.status, 0, r.stderr);
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  assert.ok(!html.includes('rel="app-module"'));
  assert.match(html, new RegExp(`import init, \\* as bindings from '/${JS}'`));
  assert.match(html, new RegExp(`init\\(\\{ module_or_path: '/${WASM}' \\}\\)`));
  for (const f of [JS, LOADER, SNIPPET]) {
    assert.match(html, new RegExp(`<link rel="modulepreload" href="/${f}" crossorigin="anonymous" integrity="sha384-`));
  }
  assert.match(html, new RegExp(`<link rel="preload" href="/${WASM}" [^>]*as="fetch" type="application/wasm">`));
  // Chunks load on first use, not with the page.
  assert.ok(!html.includes('split_plan_pages'));
  assert.ok(!html.includes('chunk_7'));
  // Preloads go into <head>.
  assert.ok(html.indexOf('rel="preload"') < html.indexOf('</head>'));
});

test('html: without what the build step writes it fails loudly', () => {
  const r = run(SPLIT, ['html', makeStage({ staged: false })]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /build step/);
});

test('html: run twice (no placeholder left) it fails loudly', () => {
  const dir = makeStage();
  assert.equal(run(SPLIT, ['html', dir]).status, 0);
  const again = run(SPLIT, ['html', dir]);
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /app-module/);
});

test('the service worker precaches every chunk and the loader, so split pages open offline', () => {
  const dir = makeStage();
  assert.equal(run(SPLIT, ['html', dir]).status, 0);
  const r = run(PRECACHE, [dir]);
  assert.equal(r.status, 0, r.stderr);
  const code = readFileSync(join(dir, 'sw.js'), 'utf8');
  const self = { addEventListener() {}, location: { origin: 'http://localhost' } };
  const { PRECACHE: urls } = vm.runInNewContext(`${code}\n;({ PRECACHE })`, { self, caches: {}, fetch() {} });
  for (const f of [JS, WASM, LOADER, SNIPPET, 'split_plan_pages-1111111111111111.wasm', 'chunk_7-2222222222222222.wasm']) {
    assert.ok(urls.includes(`/${f}`), `${f} is precached`);
  }
});

test('no command fails with the usage', () => {
  const r = run(SPLIT, []);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /usage/);
});
