#!/usr/bin/env node
// Where the app's wasm bytes are: `./dev size` (or `node tools/size-report.mjs`).
//
// Builds the split app as the release does (tools/split-build.mjs) but with
// the function names kept, into target/size-report/, runs twiggy on every
// module, and prints Markdown tables:
//   - each module's size (the main module is part of ホーム's first load,
//     split_*/chunk_* load when a page first needs them)
//   - the main module by crate, and the app's own code in it by module
//   - the main module's largest functions
//   - all chunks together by crate
// A generic function is counted for the crate it was instantiated for
// (`core::ptr::drop_in_place<renkei::x::Y>` is renkei's), which is where a
// change would make it smaller.
//
// Tools on PATH: those of split-build.mjs, and twiggy (./dev size installs it).
// Pass `--skip-build` to report on the last build in target/size-report/.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STD = new Set(['core', 'alloc', 'std']);

// The crate a (demangled) function name belongs to, as described above;
// `(wasm)` for what is not a Rust function (data, tables, imports, names).
export function crateOf(name) {
  // The first segment of each path: at the start or after `<`, `,`, `(`, `&`, `*`, `[` or a space.
  // A crate may carry its hash in brackets: `core[c5930c85a12de822]::fmt`.
  const path = /(?:^|[<\s,(&*[])([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/g;
  const crates = [...name.matchAll(path)].map((m) => m[1]);
  if (crates.length === 0) return '(wasm)';
  const own = crates.find((c) => !STD.has(c));
  return STD.has(crates[0]) && own ? own : crates[0];
}

// `renkei::pages::plan::…` → `renkei::pages::plan`: the app's own module.
export function appModuleOf(name, app = 'renkei') {
  const m = name.match(new RegExp(`\\b${app}::((?:[a-z_][a-z0-9_]*::){0,2})`));
  if (!m) return null;
  const parts = m[1].split('::').filter(Boolean);
  // The last segment before a function name may itself be a function.
  return [app, ...parts.slice(0, 2)].join('::');
}

// Bytes per key, largest first.
export function groupBy(items, key) {
  const sums = new Map();
  for (const it of items) {
    const k = key(it);
    if (k !== null) sums.set(k, (sums.get(k) ?? 0) + it.size);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}

function twiggyTop(file) {
  let out;
  try {
    out = execFileSync('twiggy', ['top', '-n', '1000000', '-f', 'json', file], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    // A chunk of data only (no functions): counted as its file's bytes.
    if (/code section is missing/.test(err.stderr ?? '')) return [{ name: '(data only)', size: statSync(file).size }];
    // twiggy 0.8 refuses some small chunks wasm-split writes (sections in an
    // order it does not expect); counted whole rather than stopping the
    // report. The main module must read.
    if (/section out of order|cannot be fully parsed/.test(err.stderr ?? '') && !/_bg\.wasm$/.test(file)) {
      console.error(`size-report: twiggy cannot read ${file}; counted as its file's bytes`);
      return [{ name: '(not read by twiggy)', size: statSync(file).size }];
    }
    throw err;
  }
  const parsed = JSON.parse(out);
  const items = Array.isArray(parsed) ? parsed : parsed.items;
  return items
    .map((it) => ({ name: it.name, size: it.shallow_size }))
    // The names themselves are there only for this report.
    .filter((it) => !/^"?function names"? subsection|^custom section '?name/.test(it.name));
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pct = (n, total) => `${((100 * n) / total).toFixed(1)} %`;

function table(title, head, rows) {
  console.log(`\n## ${title}\n`);
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

function main() {
  const out = join(ROOT, 'target', 'size-report');
  if (!process.argv.includes('--skip-build')) {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    execFileSync('node', [join(ROOT, 'tools', 'split-build.mjs'), 'build', out], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, WASM_KEEP_NAMES: '1', BUILD_PROFILE: 'release' },
    });
  }
  const wasm = readdirSync(out).filter((f) => f.endsWith('.wasm'));
  const main = wasm.find((f) => /_bg\.wasm$/.test(f));
  if (!main) throw new Error(`no main module in ${out}`);
  const chunks = wasm.filter((f) => f !== main).sort();

  const reports = new Map(wasm.map((f) => [f, twiggyTop(join(out, f))]));
  const code = (f) => reports.get(f).reduce((n, it) => n + it.size, 0);
  console.log('# Where the wasm bytes are');
  console.log(`\nBuilt with names kept in ${out}; sizes are of code and data without the names (raw, before compression).`);
  const chunkTotal = chunks.reduce((n, f) => n + code(f), 0);
  table('Modules', ['module', 'size', 'loads'], [
    [main, kb(code(main)), 'at start (ホーム)'],
    [`${chunks.length} chunks`, kb(chunkTotal), 'on first use of a page'],
    ...chunks
      .map((f) => [f, code(f)])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([f, n]) => [f, kb(n), 'on first use']),
  ]);

  const items = reports.get(main);
  const total = code(main);
  table('Main module by crate (top 25)', ['crate', 'size', 'share'], groupBy(items, (it) => crateOf(it.name))
    .slice(0, 25)
    .map(([c, n]) => [c, kb(n), pct(n, total)]));
  table('Main module: the app\'s own code by module (top 25)', ['module', 'size', 'share'], groupBy(items, (it) =>
    appModuleOf(it.name))
    .slice(0, 25)
    .map(([m, n]) => [m, kb(n), pct(n, total)]));
  table('Main module: largest items (top 40)', ['item', 'size'], [...items]
    .sort((a, b) => b.size - a.size)
    .slice(0, 40)
    .map((it) => [`\`${it.name.replaceAll('|', '\\|').slice(0, 140)}\``, kb(it.size)]));
  const all = chunks.flatMap((f) => reports.get(f));
  table('All chunks by crate (top 15)', ['crate', 'size', 'share'], groupBy(all, (it) => crateOf(it.name))
    .slice(0, 15)
    .map(([c, n]) => [c, kb(n), pct(n, chunkTotal)]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
