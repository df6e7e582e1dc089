#!/usr/bin/env node
// Trunk's post_build hook: the build steps that change the output, in order.
//   1. tools/precache.mjs  fills in sw.js (precache list and build version)
//   2. tools/compress.mjs  writes .br and .gz copies, sw.js's among them, so
//                          it must see the finished sw.js
// Trunk starts all hooks of one stage at the same time, which is why these
// are one hook and not two. Arguments and environment (TRUNK_STAGING_DIR)
// are passed on to each step; the first that fails stops the build.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOOLS = dirname(fileURLToPath(import.meta.url));

for (const step of ['precache.mjs', 'compress.mjs']) {
  const { status, signal, error } = spawnSync(process.execPath, [join(TOOLS, step), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (status !== 0) {
    console.error(`post-build: ${step} failed (${error?.message ?? signal ?? `exit ${status}`})`);
    process.exit(status || 1);
  }
}
