#!/usr/bin/env node
// Fills in the service worker's precache list and build version.
//
// Run by tools/build.mjs on the finished build before it replaces dist/,
// before tools/compress.mjs; or by hand:
//   node tools/precache.mjs <dir>
//
// It lists every file of the build (except sw.js itself, *.map, dotfiles and
// the .br/.gz copies that tools/compress.mjs writes beside a file),
// and replaces in <dir>/sw.js:
//   "__RENKEI_PRECACHE__" -> JSON array of URL paths, always including "/"
//   "__RENKEI_BUILD__"    -> JSON string: first 16 hex chars of a SHA-256 over
//                            the sorted paths and bytes of those files plus the
//                            sw.js template, so any change gives a new version
//                            (and a new cache), and an unchanged build keeps it.
// Hashed asset names change every build, which is why this list cannot be
// written by hand. No dependencies: plain Node.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SW_FILE = 'sw.js';
const TOKENS = { precache: '"__RENKEI_PRECACHE__"', build: '"__RENKEI_BUILD__"' };

function fail(message) {
  console.error(`precache: error: ${message}`);
  process.exit(1);
}

// Relative file paths (forward slashes) under `root`, recursively.
function listFiles(root, rel = '') {
  const out = [];
  for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
    // Dotfiles (.gitkeep, .DS_Store) are not part of the app,
    // and many servers refuse to serve them, which would fail the install.
    if (entry.name.startsWith('.')) continue;
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    const stat = statSync(join(root, relPath)); // follows symlinks
    if (stat.isDirectory()) out.push(...listFiles(root, relPath));
    else if (stat.isFile()) out.push(relPath);
  }
  return out;
}

// File path -> URL path exactly as a browser spells `url.pathname`, so the
// service worker's Set lookup matches (percent-encoding of spaces, non-ASCII…).
function urlPath(relPath) {
  const escaped = relPath
    .split('/')
    .map((s) => s.replace(/%/g, '%25').replace(/\?/g, '%3F').replace(/#/g, '%23'))
    .join('/');
  return new URL(`/${escaped}`, 'http://renkei.invalid').pathname;
}

const dirArg = process.argv[2];
if (!dirArg) fail('no directory: pass one as the first argument');
const dir = resolve(dirArg);
if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`not a directory: ${dir}`);
const swPath = join(dir, SW_FILE);
if (!existsSync(swPath)) {
  fail(`${swPath} is missing; copy public/sw.js into the build root (tools/build.mjs does)`);
}
const template = readFileSync(swPath, 'utf8');
for (const token of Object.values(TOKENS)) {
  const count = template.split(token).length - 1;
  if (count !== 1) fail(`${swPath} must contain the placeholder ${token} exactly once (found ${count}); was it already processed?`);
}

// A precompressed copy (tools/compress.mjs) is the same file in another
// encoding: the server picks it for a request of the file's own URL, so it
// has no URL of its own to cache.
const PRECOMPRESSED = /\.(br|gz)$/;
const all = listFiles(dir);
const present = new Set(all);
const isPrecompressed = (p) => PRECOMPRESSED.test(p) && present.has(p.replace(PRECOMPRESSED, ''));

const files = all
  .filter((p) => p !== SW_FILE && !p.endsWith('.map') && !isPrecompressed(p))
  .sort();

const hash = createHash('sha256');
for (const p of files) {
  const bytes = readFileSync(join(dir, p));
  // Length-prefixed so that no two different builds can hash the same bytes.
  hash.update(`${p}\0${bytes.length}\0`);
  hash.update(bytes);
}
hash.update(`${SW_FILE}\0`);
hash.update(template);
const build = hash.digest('hex').slice(0, 16);

const urls = ['/', ...files.map(urlPath).filter((u) => u !== '/')];

const output = template
  .replace(TOKENS.precache, () => JSON.stringify(urls))
  .replace(TOKENS.build, () => JSON.stringify(build));
writeFileSync(swPath, output);
console.log(`precache: ${SW_FILE} build ${build}, ${urls.length} URLs`);
