#!/usr/bin/env node
// Writes precompressed copies of the build's text and wasm files, which the
// server sends to browsers that accept them (crates/server/src/static_files.rs):
//   <file>.br  brotli, quality 11: about a quarter smaller than gzip on the
//              app's wasm, and far too slow to do per request
//   <file>.gz  gzip, level 9, for browsers without brotli
//
// Run by tools/build.mjs for a release build, after tools/precache.mjs (the
// finished sw.js gets copies too), or by hand:
//   node tools/compress.mjs <dir>
//
// Only files whose extension is in EXTENSIONS are compressed (images and
// fonts are compressed already). A copy that would not be smaller than its
// file is not written, and one left from an earlier run is removed, so a .br
// or .gz beside a file always holds that file's current bytes. Each copy gets
// its file's modification time. Dotfiles are skipped, as precache.mjs does.
// A debug build gets no copies (brotli 11 takes seconds per megabyte of
// wasm): the server gzips on the fly what has no copy.
// No dependencies: plain Node.

import { existsSync, readFileSync, readdirSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// Keep in step with COMPRESSIBLE in crates/server/src/static_files.rs.
const EXTENSIONS = new Set(['.wasm', '.js', '.css', '.html', '.json', '.webmanifest', '.svg']);

const ENCODINGS = [
  {
    suffix: '.br',
    compress: (bytes, ext) =>
      brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: ext === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
  },
  { suffix: '.gz', compress: (bytes) => gzipSync(bytes, { level: 9 }) },
];

function fail(message) {
  console.error(`compress: error: ${message}`);
  process.exit(1);
}

// Relative file paths under `root`, recursively, without dotfiles.
function listFiles(root, rel = '') {
  const out = [];
  for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const relPath = rel ? join(rel, entry.name) : entry.name;
    const stat = statSync(join(root, relPath)); // follows symlinks
    if (stat.isDirectory()) out.push(...listFiles(root, relPath));
    else if (stat.isFile()) out.push(relPath);
  }
  return out;
}

const dirArg = process.argv[2];
if (!dirArg) fail('no directory: pass one as the first argument');
const dir = resolve(dirArg);
if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`not a directory: ${dir}`);

const totals = { files: 0, raw: 0, '.br': 0, '.gz': 0 };
for (const relPath of listFiles(dir).sort()) {
  const ext = extname(relPath).toLowerCase();
  if (!EXTENSIONS.has(ext)) continue;
  const path = join(dir, relPath);
  const bytes = readFileSync(path);
  const { atime, mtime } = statSync(path);
  totals.files += 1;
  totals.raw += bytes.length;
  for (const { suffix, compress } of ENCODINGS) {
    const target = path + suffix;
    const packed = compress(bytes, ext);
    if (packed.length < bytes.length) {
      writeFileSync(target, packed);
      utimesSync(target, atime, mtime);
      totals[suffix] += packed.length;
    } else {
      if (existsSync(target)) unlinkSync(target);
      totals[suffix] += bytes.length;
    }
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `compress: ${totals.files} files, ${kb(totals.raw)} -> brotli ${kb(totals['.br'])}, gzip ${kb(totals['.gz'])}`,
);
