// Runs onnxruntime-node on the ONNX files `convlens-cli export --to onnx` wrote, for gen_onnx_export.py:
//
//   node run_onnx_export.mjs WORK OUT
//
// WORK/cases.json lists {name, stem, onnx} (the exported file, in WORK); OUT/<stem>.input.npy is the fixed input
// (float32, the file's declared layout, batch 1). Each file is run twice — graph optimizations disabled and at the
// default level, single-threaded — and the two must agree within 1e-5 × max |out| (an exported graph that only one
// of them computes right would be a bug worth hearing about). Writes OUT/<stem>.out<k>.npy per graph output and
// WORK/results.json {ort_version, cases: {name: {outputs: [{name, shape, file, max_abs}]}}}. Exit 3 on a failure.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const [WORK, OUT] = process.argv.slice(2);
if (!WORK || !OUT) { console.error('usage: node run_onnx_export.mjs WORK OUT'); process.exit(2); }
const ORT_VERSION = JSON.parse(readFileSync(path.join(HERE, '..', 'node_modules', 'onnxruntime-node', 'package.json'))).version;

function readNpy(file) {
  const buf = readFileSync(file);
  const hlen = buf.readUInt16LE(8);
  const header = buf.toString('latin1', 10, 10 + hlen);
  const descr = /'descr': '([^']+)'/.exec(header)[1];
  const shape = /'shape': \(([^)]*)\)/.exec(header)[1].split(',').map((s) => s.trim()).filter((s) => s).map(Number);
  if (descr !== '<f4') throw new Error(`${file}: only <f4 is read here, got ${descr}`);
  const body = buf.subarray(10 + hlen);
  return { shape, data: new Float32Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.length)) };
}
function writeNpy(file, dims, data) {
  const shapeText = '(' + dims.join(', ') + (dims.length === 1 ? ',)' : ')');
  let dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + dict.length + 1;
  dict += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1; head[7] = 0;
  head.writeUInt16LE(dict.length, 8);
  writeFileSync(file, Buffer.concat([head, Buffer.from(dict, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}
const maxAbs = (d) => { let m = 0; for (const v of d) { const a = Math.abs(v); if (!(a <= m)) m = a; } return m; };
const maxDiff = (a, b) => { let m = 0; for (let i = 0; i < a.length; i++) { const d = Math.abs(a[i] - b[i]); if (!(d <= m)) m = d; } return m; };

const cases = JSON.parse(readFileSync(path.join(WORK, 'cases.json'))).cases;
const results = {};
let failures = 0;
for (const c of cases) {
  try {
    const input = readNpy(path.join(OUT, `${c.stem}.input.npy`));
    const file = path.join(WORK, c.onnx);
    const plain = await ort.InferenceSession.create(file, { graphOptimizationLevel: 'disabled', intraOpNumThreads: 1, interOpNumThreads: 1 });
    const optimized = await ort.InferenceSession.create(file, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    const feeds = { [plain.inputNames[0]]: new ort.Tensor('float32', input.data, input.shape) };
    const res = await plain.run(feeds);
    const res2 = await optimized.run(feeds);
    const outputs = [];
    plain.outputNames.forEach((name, k) => {
      const t = res[name];
      const scale = maxAbs(t.data);
      const d = maxDiff(t.data, res2[name].data);
      if (!(d <= 1e-5 * Math.max(scale, 1e-30))) throw new Error(`output ${name}: optimized and unoptimized differ by ${d}`);
      const out = `${c.stem}.out${k}.npy`;
      writeNpy(path.join(OUT, out), t.dims.map(Number), t.data);
      outputs.push({ name, shape: t.dims.map(Number), file: out, max_abs: Math.fround(scale) });
    });
    results[c.name] = { outputs };
  } catch (e) {
    failures++;
    console.error(`${c.name}: ${e.message}`);
  }
}
writeFileSync(path.join(WORK, 'results.json'), JSON.stringify({ ort_version: ORT_VERSION, cases: results }));
console.error(`${cases.length} exported files run by onnxruntime-node ${ORT_VERSION}, ${failures} failures`);
process.exit(failures ? 3 : 0);
