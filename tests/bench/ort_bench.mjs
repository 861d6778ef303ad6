// ort_bench.mjs — onnxruntime-node (CPU execution provider) timing of one ONNX model, for compare_peers.py.
//   node ort_bench.mjs NODE_MODULES_DIR MODEL.onnx --shape 1,3,224,224 [--runs 11] [--warmup 3] [--threads 2] [--once]
// Prints one JSON line: {"median_ms", "min_ms", "times_ms": [...], "version"}. --once: create the session, run once,
// print nothing but {"ok": true} (compare_peers.py measures the peak resident memory of that under /usr/bin/time).
// onnxruntime-node is installed by compare_peers.py into the build directory, hence the explicit module folder.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [modulesDir, modelPath, ...rest] = process.argv.slice(2);
const opt = { runs: 11, warmup: 3, threads: 2, shape: null, once: false };
for (let i = 0; i < rest.length; ++i) {
    const a = rest[i];
    if (a === '--once') opt.once = true;
    else if (a === '--shape') opt.shape = rest[++i].split(',').map(Number);
    else opt[a.replace(/^--/, '')] = Number(rest[++i]);
}
const require = createRequire(path.join(path.resolve(modulesDir), 'noop.js'));
const ort = require('onnxruntime-node');

// Seeded uniform [0, 1) input (xorshift), so every run sees the same numbers.
const n = opt.shape.reduce((a, b) => a * b, 1);
const data = new Float32Array(n);
let s = 42 >>> 0;
for (let i = 0; i < n; ++i) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    data[i] = s / 4294967296;
}

const session = await ort.InferenceSession.create(modelPath, {
    executionProviders: ['cpu'],
    intraOpNumThreads: opt.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
});
const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', data, opt.shape) };
if (opt.once) {
    await session.run(feeds);
    console.log(JSON.stringify({ ok: true }));
    process.exit(0);
}
for (let i = 0; i < opt.warmup; ++i) await session.run(feeds);
const times = [];
for (let i = 0; i < opt.runs; ++i) {
    const t0 = process.hrtime.bigint();
    await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const sorted = [...times].sort((a, b) => a - b);
const m = sorted.length;
const median = m % 2 ? sorted[(m - 1) / 2] : 0.5 * (sorted[m / 2 - 1] + sorted[m / 2]);
console.log(JSON.stringify({ median_ms: median, min_ms: sorted[0], times_ms: times,
                             version: JSON.parse(fs.readFileSync(
                                 path.join(modulesDir, 'onnxruntime-node', 'package.json'), 'utf8')).version }));
