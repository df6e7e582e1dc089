#!/usr/bin/env node
// wasm-opt over many modules in one process:
//
//   node tools/wasm-opt.mjs <level> [--keep-names] <file.wasm>...
//
// Each file is optimised in place, exactly as `wasm-opt -O<level>` would
// (the same output, byte for byte): binaryen's library from npm, the one the
// wasm-opt command runs, used directly. The command loads an 11 MB program at
// every start, which for the app's 300-odd modules took far longer than the
// optimising itself.
//   <level>        z, s, 0, 1, 2, 3 or 4, as wasm-opt's -O flags
//   --keep-names   keep the function names (wasm-opt --debuginfo), for the
//                  size report (tools/size-report.mjs)

import binaryen from 'binaryen';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// The wasm features the browsers staff use all have.
const { Features } = binaryen;
const FEATURES =
  Features.BulkMemory |
  Features.NontrappingFPToInt |
  Features.SignExt |
  Features.MutableGlobals |
  Features.ReferenceTypes |
  Features.Multivalue;

// wasm-opt's -O flags as (optimize level, shrink level).
const LEVELS = { 0: [0, 0], 1: [1, 0], 2: [2, 0], 3: [3, 0], 4: [4, 0], s: [2, 1], z: [2, 2] };

/** Optimises each file in place; `level` as in wasm-opt's -O<level>. */
export function optimizeFiles(files, { level = 'z', keepNames = false } = {}) {
  const levels = LEVELS[level];
  if (!levels) throw new Error(`unknown optimisation level ${JSON.stringify(level)}`);
  binaryen.setOptimizeLevel(levels[0]);
  binaryen.setShrinkLevel(levels[1]);
  binaryen.setDebugInfo(keepNames);
  // What wasm-opt does when optimising: its last size savings come from
  // optimising the stack form the binary is written from.
  binaryen.setGenerateStackIR(levels[0] > 0);
  binaryen.setOptimizeStackIR(levels[0] > 0);
  for (const file of files) {
    const module = binaryen.readBinary(readFileSync(file));
    try {
      module.setFeatures(module.getFeatures() | FEATURES);
      if (!module.validate()) throw new Error(`${file} is not valid wasm`);
      if (levels[0] > 0) module.optimize();
      writeFileSync(file, module.emitBinary());
    } finally {
      module.dispose();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const [level, ...rest] = args;
  const keepNames = rest.includes('--keep-names');
  const files = rest.filter((a) => a !== '--keep-names');
  if (!level || files.length === 0) {
    console.error('usage: node tools/wasm-opt.mjs <level> [--keep-names] <file.wasm>...');
    process.exit(2);
  }
  try {
    optimizeFiles(files, { level, keepNames });
  } catch (err) {
    console.error(`wasm-opt: error: ${err.message}`);
    process.exit(1);
  }
}
