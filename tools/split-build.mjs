#!/usr/bin/env node
// Builds the app as a main wasm module plus lazily loaded chunks; run by
// tools/build.mjs, which assembles the rest of the build around it.
//
//   node tools/split-build.mjs build <dir>
//     1. cargo rustc --target wasm32-unknown-unknown --bin renkei
//        --features split -- -C link-arg=--emit-relocs   (the relocations let wasm-split move
//        code; the flag only touches the final link, so dependencies stay
//        cached for clippy and tests)
//     2. wasm-split-cli (crates.io `wasm_split_cli_support`): the main module
//        plus one split_*.wasm per `#[lazy]` / `#[lazy_route]` function and
//        chunk_*.wasm for code shared by several of them, and the loader
//        __wasm_split.js that fetches them on first use
//     3. wasm-bindgen --target web on the main module only
//     4. wasm-opt on every .wasm (tools/wasm-opt.mjs: binaryen in-process)
//     5. content-hashed names, written into <dir>
//   node tools/split-build.mjs html <dir>
//     replaces the placeholder <link rel="app-module" …> in <dir>/index.html
//     with preload links and the module script that starts the main module.
//     The chunks are not preloaded: they load on first use (the service
//     worker precaches them all, so every page opens offline).
//
// Environment:
//   BUILD_PROFILE      "release" (default) or "debug"
//   WASM_OPT_LEVEL     wasm-opt level, default "z"; "0" skips wasm-opt
//   WASM_KEEP_NAMES    "1": wasm-opt keeps the function names (for the size
//                      report, tools/size-report.mjs; the code is the same)
// Tools on PATH: cargo, wasm-split-cli, wasm-bindgen (./dev install puts them
// there); binaryen from npm for wasm-opt.

import { execFileSync, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';


const BIN = 'renkei';
const WASM_OPT = join(dirname(fileURLToPath(import.meta.url)), 'wasm-opt.mjs');
const SPLIT_JS = '__wasm_split.js';
// Names this script gives the files it stages.
const MAIN_JS_RE = new RegExp(`^${BIN}-[0-9a-f]{16}\\.js$`);
const MAIN_WASM_RE = new RegExp(`^${BIN}-[0-9a-f]{16}_bg\\.wasm$`);
const SPLIT_JS_RE = /^__wasm_split-[0-9a-f]{16}\.js$/;

function fail(message) {
  console.error(`split-build: error: ${message}`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  console.log(`split-build: ${cmd} ${args.join(' ')}`);
  try {
    return execFileSync(cmd, args, { stdio: ['ignore', opts.capture ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8', ...opts });
  } catch (err) {
    if (err.code === 'ENOENT') fail(`${cmd} is not on PATH; run ./dev install`);
    fail(`${cmd} failed (exit ${err.status})`);
  }
}

function runAsync(cmd, args, { quiet = false } = {}) {
  if (!quiet) console.log(`split-build: ${cmd} ${args.join(' ')}`);
  return new Promise((done) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (err) => fail(err.code === 'ENOENT' ? `${cmd} is not on PATH; run ./dev install` : `${cmd}: ${err.message}`));
    child.on('exit', (code) => (code === 0 ? done() : fail(`${quiet ? cmd : `${cmd} ${args.join(' ')}`} failed (exit ${code})`)));
  });
}

const hash16 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};

function stagingDir() {
  const dir = process.argv[3];
  if (!dir) fail('no directory: pass one as the second argument');
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) fail(`not a directory: ${abs}`);
  return abs;
}

// Replaces every occurrence of `from` in `text`, insisting it is there.
function replaceAll(text, from, to, what) {
  if (!text.includes(from)) fail(`${what}: expected to find ${JSON.stringify(from)}`);
  return text.split(from).join(to);
}

// Rewrites `from "<from>"` (either quote) in `text`, insisting it is there.
function replaceImport(text, from, to, what) {
  let found = 0;
  const out = text.replace(/\bfrom\s*(["'])([^"']*)\1/g, (m, q, spec) => {
    if (spec !== from) return m;
    found += 1;
    return `from ${q}${to}${q}`;
  });
  if (found === 0) fail(`${what}: expected an import from ${JSON.stringify(from)}`);
  return out;
}

async function build() {
  const stage = stagingDir();
  const release = (process.env.BUILD_PROFILE ?? 'release') === 'release';
  const profileDir = release ? 'release' : 'debug';

  // 1. Compile; the target dir comes from cargo (CARGO_TARGET_DIR or ./target).
  const meta = JSON.parse(run('cargo', ['metadata', '--format-version', '1', '--no-deps'], { capture: true }));
  const target = meta.target_directory;
  run('cargo', [
    'rustc', '--target', 'wasm32-unknown-unknown', '--bin', BIN, '--features', 'split',
    ...(release ? ['--release'] : []),
    '--', '-C', 'link-arg=--emit-relocs',
  ]);
  const input = join(target, 'wasm32-unknown-unknown', profileDir, `${BIN}.wasm`);

  const work = join(target, 'wasm-split', profileDir);
  rmSync(work, { recursive: true, force: true });
  const splitDir = join(work, 'split');
  const bindgenDir = join(work, 'bindgen');
  mkdirSync(bindgenDir, { recursive: true });

  // 2. Split. Writes <BIN>.wasm (main), split_*.wasm, chunk_*.wasm and the
  // loader, which imports initSync from "./<BIN>.js".
  run('wasm-split-cli', [input, splitDir, '--target', 'web', '--out-name', BIN]);

  // 3. Bindings for the main module. --keep-lld-exports keeps the exports
  // the chunks import from it.
  run('wasm-bindgen', [
    '--target', 'web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
    '--out-dir', bindgenDir, '--out-name', BIN, join(splitDir, `${BIN}.wasm`),
  ]);

  const chunks = readdirSync(splitDir).filter((f) => f.endsWith('.wasm') && f !== `${BIN}.wasm`).sort();
  const wasmFiles = [join(bindgenDir, `${BIN}_bg.wasm`), ...chunks.map((f) => join(splitDir, f))];

  // 4. Optimise every module: one process per CPU, each given an even share
  // of the bytes (largest module first, each to the least loaded).
  const level = process.env.WASM_OPT_LEVEL ?? (release ? 'z' : '0');
  if (level !== '0') {
    const names = process.env.WASM_KEEP_NAMES === '1' ? ['--keep-names'] : [];
    const shares = Array.from({ length: Math.min(availableParallelism(), wasmFiles.length) }, () => ({ bytes: 0, files: [] }));
    for (const f of [...wasmFiles].sort((a, b) => statSync(b).size - statSync(a).size)) {
      const share = shares.reduce((least, s) => (s.bytes < least.bytes ? s : least));
      share.bytes += statSync(f).size;
      share.files.push(f);
    }
    console.log(`split-build: wasm-opt -O${level} on ${wasmFiles.length} modules in ${shares.length} processes`);
    await Promise.all(shares.map((s) => runAsync(process.execPath, [WASM_OPT, level, ...names, ...s.files], { quiet: true })));
  }

  // 5. Hashed names. A chunk's name hashes its bytes; the loader names them.
  let splitJs = readFileSync(join(splitDir, SPLIT_JS), 'utf8');
  const out = new Map();
  for (const f of chunks) {
    const bytes = readFileSync(join(splitDir, f));
    const named = `${f.slice(0, -'.wasm'.length)}-${hash16(bytes)}.wasm`;
    splitJs = replaceAll(splitJs, `"./${f}"`, `"./${named}"`, SPLIT_JS);
    out.set(named, bytes);
  }
  const mainWasm = readFileSync(join(bindgenDir, `${BIN}_bg.wasm`));
  const mainWasmName = `${BIN}-${hash16(mainWasm)}_bg.wasm`;
  out.set(mainWasmName, mainWasm);
  // The main JS and the loader import each other, so one hash over both
  // (and the main module they drive) names the pair.
  let mainJs = readFileSync(join(bindgenDir, `${BIN}.js`), 'utf8');
  const pair = hash16(mainJs, '\0', splitJs, '\0', mainWasmName);
  const mainJsName = `${BIN}-${pair}.js`;
  const splitJsName = `__wasm_split-${pair}.js`;
  // Only the import specifier changes: the same string also names the
  // module in the wasm's import section, which must stay as it is.
  mainJs = replaceImport(mainJs, `./${SPLIT_JS}`, `./${splitJsName}`, `${BIN}.js`);
  mainJs = mainJs.split(`'${BIN}_bg.wasm'`).join(`'${mainWasmName}'`);
  splitJs = replaceImport(splitJs, `./${BIN}.js`, `./${mainJsName}`, SPLIT_JS);
  out.set(mainJsName, mainJs);
  out.set(splitJsName, splitJs);

  for (const [name, content] of out) writeFileSync(join(stage, name), content);
  // JS snippets of the crates (`#[wasm_bindgen(inline_js)]`), which the main JS imports.
  if (existsSync(join(bindgenDir, 'snippets'))) cpSync(join(bindgenDir, 'snippets'), join(stage, 'snippets'), { recursive: true });
  console.log(`split-build: staged ${mainJsName}, ${mainWasmName}, ${splitJsName} and ${chunks.length} chunks`);
}

// Relative file paths under `dir`, recursively.
function listFiles(dir, rel = '') {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, p) : [p];
  });
}

// The module script that starts the app (the event and global are the ones
// Trunk, which built the app before, gave it).
function html() {
  const stage = stagingDir();
  const base = '/';
  const files = readdirSync(stage);
  const one = (re, what) => {
    const found = files.filter((f) => re.test(f));
    if (found.length !== 1) fail(`expected one ${what} in ${stage}, found ${found.length}; did the build step run?`);
    return found[0];
  };
  const js = one(MAIN_JS_RE, 'main JS');
  const wasm = one(MAIN_WASM_RE, 'main wasm');
  const splitJs = one(SPLIT_JS_RE, 'split loader');
  // Snippets are imported by the main JS: preload them with it.
  const snippets = existsSync(join(stage, 'snippets')) ? listFiles(join(stage, 'snippets')).map((f) => `snippets/${f}`) : [];
  const sri = (f) => `sha384-${createHash('sha384').update(readFileSync(join(stage, f))).digest('base64')}`;

  const head = [
    `<link rel="modulepreload" href="${base}${js}" crossorigin="anonymous" integrity="${sri(js)}">`,
    `<link rel="modulepreload" href="${base}${splitJs}" crossorigin="anonymous" integrity="${sri(splitJs)}">`,
    ...snippets.filter((f) => f.endsWith('.js')).map((f) => `<link rel="modulepreload" href="${base}${f}" crossorigin="anonymous" integrity="${sri(f)}">`),
    `<link rel="preload" href="${base}${wasm}" crossorigin="anonymous" integrity="${sri(wasm)}" as="fetch" type="application/wasm">`,
  ].join('\n');
  const script = `<script type="module">
import init, * as bindings from '${base}${js}';
const wasm = await init({ module_or_path: '${base}${wasm}' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>`;

  const path = join(stage, 'index.html');
  const page = readFileSync(path, 'utf8');
  const link = /<link\b[^>]*\brel="app-module"[^>]*>/g;
  const links = page.match(link) ?? [];
  if (links.length !== 1) fail(`${path} must hold exactly one <link rel="app-module" …> (found ${links.length})`);
  let output = page.replace(link, () => script);
  if (!output.includes('</head>')) fail(`${path} has no </head>`);
  output = output.replace('</head>', () => `${head}\n</head>`);
  writeFileSync(path, output);
  console.log(`split-build: index.html loads ${js} and ${wasm}`);
}

const cmd = process.argv[2];
if (cmd === 'build') await build();
else if (cmd === 'html') html();
else fail('usage: node tools/split-build.mjs build|html <dir>');
