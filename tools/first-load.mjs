// What a browser must download before ホーム can render: the files the built
// index.html loads (its stylesheets, module scripts and preloaded wasm), with
// their sizes raw, gzip and brotli. The chunks of pages loaded on first use
// are not among them. Shared by the size budget test (tools/budget.test.mjs)
// and the benchmark (bench/run.mjs). No dependencies: plain Node.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// ホーム's first load, gzip. Past it, a phone on a weak signal at a job site
// waits visibly for the app to start.
export const FIRST_LOAD_BUDGET_GZIP = 350 * 1024;

// The href of every <link rel="stylesheet|modulepreload|preload"> and
// <script src> in `html`, in document order, without the public URL prefix.
export function firstLoadFiles(html, publicUrl = '/') {
  const hrefs = [];
  const tag = /<(link|script)\b[^>]*>/g;
  for (const [t, name] of html.matchAll(tag)) {
    const attr = (a) => t.match(new RegExp(`\\b${a}="([^"]*)"`))?.[1];
    const url = name === 'link' && /^(stylesheet|modulepreload|preload)$/.test(attr('rel') ?? '') ? attr('href') : attr('src');
    if (!url || /^[a-z]+:/.test(url)) continue;
    hrefs.push(url.startsWith(publicUrl) ? url.slice(publicUrl.length) : url);
  }
  return [...new Set(hrefs)];
}

// The size a file is served at with `suffix` encoding: its precompressed
// copy when the build wrote one, else compressed here the same way.
function encoded(dir, file, bytes, suffix) {
  const copy = join(dir, `${file}${suffix}`);
  if (existsSync(copy)) return readFileSync(copy).length;
  // No copy: either not smaller (sent as it is) or a build without copies.
  const compressed =
    suffix === '.gz'
      ? gzipSync(bytes, { level: 9 })
      : brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } });
  return Math.min(bytes.length, compressed.length);
}

// [{ file, raw, gzip, brotli }] for ホーム's first load from the build in `dir`.
export function firstLoad(dir, publicUrl = '/') {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) throw new Error(`no build in ${dir}: run ./dev build first`);
  return firstLoadFiles(readFileSync(index, 'utf8'), publicUrl).map((file) => {
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`index.html loads ${file}, which the build in ${dir} lacks`);
    const bytes = readFileSync(path);
    return { file, raw: bytes.length, gzip: encoded(dir, file, bytes, '.gz'), brotli: encoded(dir, file, bytes, '.br') };
  });
}

// The files a module loaded on first use needs: its own file and the shared
// chunks the split loader (__wasm_split-*.js) fetches with it. `name` is the
// start of the split's name (`load_on_first_use` for ホーム's dashboard).
export function lazyModuleFiles(dir, name) {
  const loader = readdirSync(dir).find((f) => /^__wasm_split-[0-9a-f]+\.js$/.test(f));
  if (!loader) throw new Error(`no split loader in ${dir}`);
  const js = readFileSync(join(dir, loader), 'utf8');
  const chunks = new Map();
  for (const m of js.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) {
    chunks.set(m[1], m[2]);
  }
  const split = new RegExp(
    `__wasm_split_load_${name}\\w* = wrapAsyncCb\\(makeLoad\\(\\(\\) => \\{\\s*const src = fetch\\(new URL\\("\\./([^"]+)"[\\s\\S]*?\\[([^\\]]*)\\]`,
  );
  const m = js.match(split);
  if (!m) throw new Error(`the split loader has no module ${name}`);
  const deps = m[2].split(',').map((d) => d.trim()).filter(Boolean);
  return [m[1], ...deps.map((d) => chunks.get(d) ?? d)];
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
