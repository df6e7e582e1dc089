// The wasm features wasm-opt may use: the browsers staff use all have them.
// Shared by the app's build (tools/split-build.mjs) and the benchmark's
// yardstick page (bench/run.mjs), which must be optimised alike.
export const WASM_OPT_FEATURES = [
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-reference-types',
  '--enable-multivalue',
];
