// Tests for tools/compress.mjs. Run: node --test tools/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const COMPRESS = join(ROOT, 'tools', 'compress.mjs');
const BUILT = new Date('2001-02-03T04:05:06Z');

const tempDirs = [];
process.on('exit', () => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Text that compresses well, as real builds do.
const text = (seed, n = 200) => `${seed} `.repeat(n);

// A small build output directory.
function makeBuild(extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'renkei-compress-'));
  tempDirs.push(dir);
  const files = {
    'index.html': `<!doctype html><title>連携ノート</title>${text('<p>記録</p>')}`,
    'renkei-abc123.js': text('export function init() {}'),
    'renkei-abc123_bg.wasm': Buffer.concat([Buffer.from('\0asm\x01\0\0\0', 'latin1'), Buffer.alloc(4096)]),
    'main-abc123.css': text('body { margin: 0; }'),
    'manifest.webmanifest': JSON.stringify({ name: '連携ノート', icons: Array(30).fill({ src: '/icons/i.png' }) }),
    'data.json': JSON.stringify(Array(100).fill({ a: 1 })),
    'icons/logo.svg': `<svg xmlns="http://www.w3.org/2000/svg">${text('<rect/>')}</svg>`,
    'icons/icon-192.png': text('png'),
    'renkei-abc123.js.map': text('{}'),
    'tiny.js': 'x',
    '.hidden.js': text('hidden'),
    ...extra,
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
    // Built long ago, so a copy written now would show a later time.
    utimesSync(join(dir, path), BUILT, BUILT);
  }
  return dir;
}

function run(script, args) {
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
}

function compress(dir) {
  const r = run(COMPRESS, [dir]);
  assert.equal(r.status, 0, r.stderr);
  return r;
}

const read = (dir, name) => readFileSync(join(dir, name));

test('text and wasm files get .br and .gz copies that decode to the file', () => {
  const dir = makeBuild();
  const r = compress(dir);
  assert.match(r.stdout, /^compress: 8 files, .* -> brotli .*, gzip .*$/m);
  const names = [
    'index.html',
    'renkei-abc123.js',
    'renkei-abc123_bg.wasm',
    'main-abc123.css',
    'manifest.webmanifest',
    'data.json',
    'icons/logo.svg',
  ];
  for (const name of names) {
    const original = read(dir, name);
    const br = read(dir, `${name}.br`);
    const gz = read(dir, `${name}.gz`);
    assert.ok(br.length < original.length, name);
    assert.ok(gz.length < original.length, name);
    assert.deepEqual(brotliDecompressSync(br), original, name);
    assert.deepEqual(gunzipSync(gz), original, name);
    // Each copy carries its file's time (to the second, as Last-Modified
    // has it), so a file has one Last-Modified in every encoding.
    const seconds = (path) => Math.floor(statSync(join(dir, path)).mtimeMs / 1000);
    assert.equal(seconds(`${name}.br`), seconds(name), name);
    assert.equal(seconds(`${name}.gz`), seconds(name), name);
  }
});

test('brotli at quality 11 beats gzip level 9 on text', () => {
  const dir = makeBuild({ 'app.js': Array.from({ length: 3000 }, (_, i) => `const v${i} = f(${i * 7});\n`).join('') });
  compress(dir);
  assert.ok(read(dir, 'app.js.br').length < read(dir, 'app.js.gz').length);
});

test('images, source maps and dotfiles are left alone', () => {
  const dir = makeBuild();
  compress(dir);
  for (const name of ['icons/icon-192.png', 'renkei-abc123.js.map', '.hidden.js']) {
    assert.ok(!existsSync(join(dir, `${name}.br`)), name);
    assert.ok(!existsSync(join(dir, `${name}.gz`)), name);
  }
});

test('a file that would not shrink gets no copy, and a stale copy of it is removed', () => {
  const dir = makeBuild();
  writeFileSync(join(dir, 'tiny.js.br'), 'left from an earlier build');
  writeFileSync(join(dir, 'tiny.js.gz'), 'left from an earlier build');
  compress(dir);
  assert.ok(!existsSync(join(dir, 'tiny.js.br')));
  assert.ok(!existsSync(join(dir, 'tiny.js.gz')));
});

test('running again replaces the copies and never compresses a copy', () => {
  const dir = makeBuild();
  compress(dir);
  writeFileSync(join(dir, 'renkei-abc123.js'), text('export function changed() {}'));
  compress(dir);
  assert.deepEqual(brotliDecompressSync(read(dir, 'renkei-abc123.js.br')), read(dir, 'renkei-abc123.js'));
  assert.deepEqual(gunzipSync(read(dir, 'renkei-abc123.js.gz')), read(dir, 'renkei-abc123.js'));
  assert.ok(!existsSync(join(dir, 'renkei-abc123.js.br.br')));
  assert.ok(!existsSync(join(dir, 'renkei-abc123.js.gz.gz')));
});

test('no directory, or one that is not there, fails loudly', () => {
  const none = run(COMPRESS, []);
  assert.notEqual(none.status, 0);
  assert.match(none.stderr, /no directory/);
  const missing = run(COMPRESS, [join(makeBuild(), 'nope')]);
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /not a directory/);
});
