// Runs onnxruntime-node on every case prepared by gen_onnx.py and writes the ONNX truth:
//   onnx/<case>.expected.json and onnx/<case>.values/NNN_<value>.npy
//
//   node run_onnxruntime.mjs WORK      (gen_onnx.py calls it; WORK holds cases.json, <case>.all.onnx,
//                                       <case>.graph.json; onnx/<case>.torch.npy is torch's output)
//
// For each case: the copy of the model in which every node output is a graph output is run with graph
// optimizations disabled (so no value disappears into a fused node), on onnx/<case>.input.npy; the committed
// onnx/<case>.onnx is run as well (default optimizations, external data found next to the model) and its output
// must equal the copy's. Both must agree with torch's own output (onnx/<case>.torch.npy, made by gen_onnx.py)
// within max |diff| <= 1e-4 * max |out|; otherwise the script exits with status 3.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, 'onnx');
const WORK = process.argv[2];
if (!WORK) { console.error('usage: node run_onnxruntime.mjs WORK'); process.exit(2); }
const ORT_VERSION = JSON.parse(readFileSync(path.join(HERE, '..', 'node_modules', 'onnxruntime-node', 'package.json'))).version;

// ------------------------------------------------------------------------------------------------------ .npy
const NPY_DESCR = { float32: '<f4', int64: '<i8', int32: '<i4', bool: '|b1', float64: '<f8', uint8: '|u1' };
function readNpy(file) {
  const buf = readFileSync(file);
  const hlen = buf.readUInt16LE(8);
  const header = buf.toString('latin1', 10, 10 + hlen);
  const descr = /'descr': '([^']+)'/.exec(header)[1];
  const shape = /'shape': \(([^)]*)\)/.exec(header)[1].split(',').map((s) => s.trim()).filter((s) => s).map(Number);
  if (descr !== '<f4') throw new Error(`${file}: only <f4 is read here, got ${descr}`);
  const body = buf.subarray(10 + hlen);
  const data = new Float32Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.length));
  return { shape, data };
}
function writeNpy(file, type, dims, data) {
  const shapeText = '(' + dims.join(', ') + (dims.length === 1 ? ',)' : ')');
  let dict = `{'descr': '${NPY_DESCR[type]}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + dict.length + 1;
  dict += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1; head[7] = 0;
  head.writeUInt16LE(dict.length, 8);
  let body;
  if (type === 'bool') body = Buffer.from(Uint8Array.from(data, (v) => (v ? 1 : 0)));
  else body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  writeFileSync(file, Buffer.concat([head, Buffer.from(dict, 'latin1'), body]));
}

// --------------------------------------------------------------------------------------------------- helpers
const maxAbs = (d) => { let m = 0; for (const v of d) { const a = Math.abs(Number(v)); if (a > m) m = a; } return m; };
function maxDiff(a, b) {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) { const d = Math.abs(Number(a[i]) - Number(b[i])); if (!(d <= m)) m = d; }
  return m;
}
const sanitize = (s) => s.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'value';
const sameShape = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
const f32 = (v) => Math.fround(v);

const cases = JSON.parse(readFileSync(path.join(WORK, 'cases.json'))).cases;
const meta = JSON.parse(readFileSync(path.join(WORK, 'cases.json')));
let failures = 0;
const summary = [];
for (const c of cases) {
  const graph = JSON.parse(readFileSync(path.join(WORK, `${c.name}.graph.json`)));
  const input = readNpy(path.join(OUT, `${c.name}.input.npy`));
  const ref = readNpy(path.join(OUT, `${c.name}.torch.npy`));
  const inName = graph.inputs[0].name;
  const feeds = { [inName]: new ort.Tensor('float32', input.data, input.shape) };
  const opts = { graphOptimizationLevel: 'disabled', intraOpNumThreads: 1, interOpNumThreads: 1 };
  const all = await ort.InferenceSession.create(path.join(WORK, `${c.name}.all.onnx`), opts);
  const res = await all.run(feeds);
  const plain = await ort.InferenceSession.create(path.join(OUT, `${c.name}.onnx`), { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const plainRes = await plain.run(feeds);
  const outName = graph.outputs[0].name;
  const out = res[outName];

  // torch vs onnxruntime
  const scale = maxAbs(ref.data);
  const diff = sameShape(out.dims, ref.shape) ? maxDiff(out.data, ref.data) : Infinity;
  const tol = 1e-4 * scale;
  const plainDiff = maxDiff(plainRes[outName].data, out.data);
  const ok = diff <= tol && plainDiff <= tol;
  if (!ok) {
    failures++;
    console.error(`${c.name}: onnxruntime ${JSON.stringify(out.dims)} vs torch ${JSON.stringify(ref.shape)}: max diff ${diff} ` +
      `(tolerance ${tol}); optimized vs unoptimized ${plainDiff}`);
  }

  // every value: graph input, then node outputs in node order
  const dir = path.join(OUT, `${c.name}.values`);
  mkdirSync(dir, { recursive: true });
  const values = [];
  const addValue = (name, producer, opType, tensor) => {
    const idx = String(values.length).padStart(3, '0');
    const file = `${c.name}.values/${idx}_${sanitize(name)}.npy`;
    writeNpy(path.join(OUT, file), tensor.type, tensor.dims, tensor.data);
    const e = { name, shape: tensor.dims.map(Number), dtype: tensor.type, producer, op_type: opType, file };
    if (tensor.type === 'float32') e.max_abs = f32(maxAbs(tensor.data));
    else if (tensor.data.length <= 16) e.data = Array.from(tensor.data, (v) => (typeof v === 'bigint' ? Number(v) : Number(v)));
    values.push(e);
  };
  addValue(inName, null, null, feeds[inName]);
  for (const n of graph.nodes) {
    for (const o of n.outputs) {
      if (!o) continue;
      const t = res[o];
      if (!t) throw new Error(`${c.name}: no value for ${o}`);
      addValue(o, n.name, n.op_type, t);
    }
  }
  const unknown = graph.nodes.filter((n) => c.refuse && n.op_type === c.refuse).map((n) => n.name);
  const expected = {
    case: c.name,
    description: c.description,
    covers: c.covers,
    producer: c.producer,
    model: `${c.name}.onnx`,
    external_data: graph.initializers.some((t) => t.external_data) ? `${c.name}.onnx.data` : null,
    input_file: `${c.name}.input.npy`,
    truth: `onnxruntime-node ${ORT_VERSION} (CPU, graph optimizations disabled on a copy with every node output as a graph output)`,
    torch_check: { file: `${c.name}.torch.npy`, reference: c.producer === 'torch.onnx.export' ? `torch ${meta.torch} module output` :
      'torch.nn.functional / numpy re-implementation of the ONNX semantics', max_abs_diff: f32(diff), max_abs_out: f32(scale), tolerance: '1e-4 * max_abs_out', ok },
    convlens: c.refuse ? { refuse_op_type: c.refuse, refused_nodes: unknown } : { refuse_op_type: null },
    graph,
    values,
  };
  writeFileSync(path.join(OUT, `${c.name}.expected.json`), JSON.stringify(expected, null, 1) + '\n');
  summary.push(`${c.name} ok=${ok} diff=${diff.toExponential(2)} values=${values.length}`);
}
console.error(summary.join('\n'));
console.error(`${cases.length} cases, ${failures} disagreements; onnxruntime-node ${ORT_VERSION}`);
process.exit(failures ? 3 : 0);
