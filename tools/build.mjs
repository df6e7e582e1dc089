#!/usr/bin/env node
// Builds the app into dist/ (or the directory given):
//
//   node tools/build.mjs [--debug] [dir]
//
// In a staging directory beside the output, in order:
//   1. tools/split-build.mjs build: the main wasm module, its JS and the
//      chunks each page loads on first use
//   2. the style sheet under a content-hashed name, the service worker, the
//      web app manifest and the icons, copied from style/ and public/
//   3. index.html with the style sheet's hashed name and integrity hash, then
//      tools/split-build.mjs html: the app's module script and preloads
//   4. tools/precache.mjs: the service worker's precache list and version,
//      which must see every other file of the build
//   5. tools/compress.mjs (release only): .br and .gz copies for the server
// The staging directory then replaces the output directory, so a failed
// build leaves the last good one in place.
//
// --debug builds without optimisation and without compressed copies (the
// server compresses on the fly what has no copy).
// No dependencies: plain Node, and the tools ./dev install puts on PATH.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS = join(ROOT, 'tools');
const STYLE = 'style/main.css';
// Copied as they are: the service worker must keep its name and sit at the
// root (its scope), and the manifest and icons are named by index.html.
const PUBLIC = ['sw.js', 'manifest.webmanifest', 'icons'];

function fail(message) {
  console.error(`build: error: ${message}`);
  process.exit(1);
}

function step(script, args, env = {}) {
  const { status, signal, error } = spawnSync(process.execPath, [join(TOOLS, script), ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (status !== 0) fail(`${script} ${args[0]} failed (${error?.message ?? signal ?? `exit ${status}`})`);
}

// Puts the style sheet in `stage` under a content-hashed name and points
// index.html's link at it, with its integrity hash.
function stylesheet(page, stage) {
  const bytes = readFileSync(join(ROOT, STYLE));
  const name = `main-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.css`;
  writeFileSync(join(stage, name), bytes);
  const integrity = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  const link = `<link rel="stylesheet" href="${STYLE}" />`;
  if (page.split(link).length !== 2) fail(`index.html must hold ${link} exactly once`);
  return page.replace(link, () => `<link rel="stylesheet" href="/${name}" integrity="${integrity}" />`);
}

const args = process.argv.slice(2);
const debug = args.includes('--debug');
const unknown = args.filter((a) => a.startsWith('-') && a !== '--debug');
if (unknown.length > 0) fail(`unknown option ${unknown[0]}; usage: node tools/build.mjs [--debug] [dir]`);
const out = resolve(args.find((a) => !a.startsWith('-')) ?? join(ROOT, 'dist'));
const stage = join(dirname(out), `.${basename(out)}.stage`);
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

step('split-build.mjs', ['build', stage], { BUILD_PROFILE: debug ? 'debug' : 'release' });
for (const f of PUBLIC) cpSync(join(ROOT, 'public', f), join(stage, f), { recursive: true });
writeFileSync(join(stage, 'index.html'), stylesheet(readFileSync(join(ROOT, 'index.html'), 'utf8'), stage));
step('split-build.mjs', ['html', stage]);
step('precache.mjs', [stage]);
if (!debug) step('compress.mjs', [stage]);

if (existsSync(out)) rmSync(out, { recursive: true, force: true });
renameSync(stage, out);
console.log(`build: ${debug ? 'debug' : 'release'} build in ${out}`);
