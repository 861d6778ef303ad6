// Generates tests/golden/shapes/keras_cases.json: Keras layer output shapes and parameter counts,
// computed by @tensorflow/tfjs (CPU backend, pure JS). See README.md in this folder for the format,
// how to regenerate, and the places where tfjs differs from TensorFlow/Keras and how each is handled.
//
//   cd tests/golden && npm ci && node gen_keras_shapes.mjs
//
// Deterministic: every random choice comes from one seeded PRNG, in a fixed order.
import * as tf from '@tensorflow/tfjs';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const OUT = path.join(HERE, 'shapes', 'keras_cases.json');
const PYTHON = process.env.PYTHON || '/usr/bin/python3';
const TFJS_VERSION = tf.version.tfjs;
const RUN_BUDGET_MACS = 3e7; // models estimated above this are built symbolically but not run (see README)

await tf.setBackend('cpu');

// ------------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32)
let seed = 0x5eed2024;
function rnd() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const ri = (a, b) => a + Math.floor(rnd() * (b - a + 1)); // inclusive
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
const chance = (p) => rnd() < p;

// ------------------------------------------------------------------------------------------------
// Python rendering
class PyExpr { constructor(s) { this.s = s; } }
function py(v) {
  if (v === null || v === undefined) return 'None';
  if (v instanceof PyExpr) return v.s;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.length === 1 ? `(${py(v[0])},)` : `(${v.map(py).join(', ')})`;
  throw new Error('cannot render ' + v);
}
const pyShape = (s) => `(${s.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;

// Python signature order of the arguments that may be passed positionally.
const POSITIONAL = {
  Conv2D: ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'groups', 'activation', 'use_bias'],
  Conv2DTranspose: ['filters', 'kernel_size', 'strides', 'padding', 'output_padding', 'data_format', 'dilation_rate', 'activation', 'use_bias'],
  DepthwiseConv2D: ['kernel_size', 'strides', 'padding', 'depth_multiplier', 'data_format', 'dilation_rate', 'activation', 'use_bias'],
  SeparableConv2D: ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'depth_multiplier', 'activation', 'use_bias'],
  MaxPooling2D: ['pool_size', 'strides', 'padding'],
  AveragePooling2D: ['pool_size', 'strides', 'padding'],
  Cropping2D: ['cropping'],
  ZeroPadding2D: ['padding'],
  UpSampling2D: ['size', 'data_format', 'interpolation'],
  BatchNormalization: ['axis', 'momentum', 'epsilon'],
  Dropout: ['rate'],
  Activation: ['activation'],
  Dense: ['units', 'activation', 'use_bias'],
  Reshape: ['target_shape'],
  LeakyReLU: ['alpha'],
  ReLU: [],
  Flatten: [],
  GlobalMaxPooling2D: [],
  GlobalAveragePooling2D: [],
  Concatenate: ['axis'],
  Add: [],
};
const ALIASES = { MaxPooling2D: 'MaxPool2D', AveragePooling2D: 'AvgPool2D', GlobalAveragePooling2D: 'GlobalAvgPool2D', GlobalMaxPooling2D: 'GlobalMaxPool2D' };

// A layer spec: Keras class, ordered [name, value] arguments (Python spelling), rendering options.
// opts.npos: how many leading args are positional (clamped to what Python allows);
// opts.alias: alternative class name; opts.fn: functional helper (concatenate / add);
// opts.spaced: `name = value` (spaces around '=').
function L(cls, args = [], opts = {}) {
  const order = POSITIONAL[cls];
  if (!order) throw new Error('unknown class ' + cls);
  const known = args.filter(([n]) => n !== 'name' && n !== 'input_shape');
  let maxPos = 0;
  while (maxPos < known.length && known[maxPos][0] === order[maxPos]) maxPos++;
  const npos = Math.min(opts.npos === undefined ? 0 : opts.npos, maxPos);
  return { cls, args, a: Object.fromEntries(args), npos, alias: opts.alias || null, fn: opts.fn || null, spaced: !!opts.spaced };
}
const kwargs = (obj) => Object.entries(obj).filter(([, v]) => v !== undefined);

// ------------------------------------------------------------------------------------------------
// Import styles
const STYLES = {
  // from tensorflow.keras.layers import Conv2D ...
  from: { layer: (c) => c, fn: (f) => f, seq: 'Sequential', model: 'Model', input: 'Input', mod: 'tensorflow.keras' },
  fromk: { layer: (c) => c, fn: (f) => f, seq: 'Sequential', model: 'Model', input: 'Input', mod: 'keras' },
  layers: { layer: (c) => `layers.${c}`, fn: (f) => `layers.${f}`, seq: 'models.Sequential', model: 'models.Model', input: 'layers.Input' },
  keras: { layer: (c) => `layers.${c}`, fn: (f) => `layers.${f}`, seq: 'keras.Sequential', model: 'keras.Model', input: 'keras.Input' },
  keras3: { layer: (c) => `layers.${c}`, fn: (f) => `layers.${f}`, seq: 'keras.Sequential', model: 'keras.Model', input: 'keras.Input' },
  tf: { layer: (c) => `tf.keras.layers.${c}`, fn: (f) => `tf.keras.layers.${f}`, seq: 'tf.keras.Sequential', model: 'tf.keras.Model', input: 'tf.keras.Input' },
};
function importLines(style, api, names) {
  const st = STYLES[style];
  if (style === 'from' || style === 'fromk') {
    const lines = [];
    const m = st.mod;
    if (api === 'func') {
      lines.push(`from ${m}.layers import ${['Input', ...names].join(', ')}`);
      lines.push(`from ${m}.models import Model`);
    } else {
      lines.push(`from ${m}.models import Sequential`);
      lines.push(`from ${m}.layers import ${names.join(', ')}`);
    }
    return lines;
  }
  if (style === 'layers') return ['from tensorflow.keras import layers, models'];
  if (style === 'keras') return ['from tensorflow import keras', 'from tensorflow.keras import layers'];
  if (style === 'keras3') return ['import keras', 'from keras import layers'];
  if (style === 'tf') return ['import tensorflow as tf'];
  throw new Error(style);
}

function renderLayer(spec, style, extra = []) {
  const st = STYLES[style];
  const parts = [];
  const eq = spec.spaced ? ' = ' : '=';
  const all = [...spec.args, ...extra];
  all.forEach(([n, v], i) => {
    if (i < spec.npos) parts.push(py(v));
    else parts.push(`${n}${eq}${py(v)}`);
  });
  const name = spec.alias || spec.cls;
  return `${st.layer(name)}(${parts.join(', ')})`;
}

// ------------------------------------------------------------------------------------------------
// tfjs construction
const tup2 = (v) => (Array.isArray(v) ? v : [v, v]);
function tfjsLayer(spec, override = {}) {
  const a = { ...spec.a, ...override };
  const cfg = {};
  const map = {
    filters: 'filters', kernel_size: 'kernelSize', strides: 'strides', padding: 'padding', dilation_rate: 'dilationRate',
    activation: 'activation', use_bias: 'useBias', depth_multiplier: 'depthMultiplier', pool_size: 'poolSize',
    cropping: 'cropping', interpolation: 'interpolation', rate: 'rate', units: 'units',
    target_shape: 'targetShape', alpha: 'alpha', axis: 'axis', momentum: 'momentum', epsilon: 'epsilon',
  };
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined || v === null) continue;
    if (k === 'name' || k === 'groups' || k === 'output_padding' || k === 'kernel_initializer') continue; // groups/op: see gaps
    if (k === 'size') { cfg.size = tup2(v); continue; }
    if (!(k in map)) throw new Error(`no tfjs mapping for ${k}`);
    cfg[map[k]] = v;
  }
  switch (spec.cls) {
    case 'Conv2D': return tf.layers.conv2d(cfg);
    case 'Conv2DTranspose': return tf.layers.conv2dTranspose(cfg);
    case 'DepthwiseConv2D': return tf.layers.depthwiseConv2d(cfg);
    case 'SeparableConv2D': return tf.layers.separableConv2d(cfg);
    case 'MaxPooling2D': return tf.layers.maxPooling2d(cfg);
    case 'AveragePooling2D': return tf.layers.averagePooling2d(cfg);
    case 'Cropping2D': return tf.layers.cropping2D(cfg);
    case 'ZeroPadding2D': return tf.layers.zeroPadding2d(cfg);
    case 'UpSampling2D': return tf.layers.upSampling2d(cfg);
    case 'BatchNormalization': return tf.layers.batchNormalization(cfg);
    case 'Dropout': return tf.layers.dropout(cfg);
    case 'Activation': return tf.layers.activation(cfg);
    case 'Dense': return tf.layers.dense(cfg);
    case 'Reshape': return tf.layers.reshape(cfg);
    case 'LeakyReLU': return tf.layers.leakyReLU(cfg);
    case 'ReLU': return tf.layers.reLU(cfg);
    case 'Flatten': return tf.layers.flatten(cfg);
    case 'GlobalMaxPooling2D': return tf.layers.globalMaxPooling2d(cfg);
    case 'GlobalAveragePooling2D': return tf.layers.globalAveragePooling2d(cfg);
    case 'Concatenate': return tf.layers.concatenate(cfg);
    case 'Add': return tf.layers.add(cfg);
    default: throw new Error('no tfjs layer for ' + spec.cls);
  }
}

// ------------------------------------------------------------------------------------------------
// Keras-side knowledge used only for (a) refusals tfjs does not raise, (b) the documented tfjs gaps,
// (c) the DESIGN.md formula self-check. Golden shapes come from tfjs (or torch for the gaps).
const CONV_LIKE = new Set(['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'MaxPooling2D', 'AveragePooling2D']);
function windowOf(spec) {
  const a = spec.a;
  const isPool = spec.cls === 'MaxPooling2D' || spec.cls === 'AveragePooling2D';
  const k = tup2(isPool ? (a.pool_size ?? 2) : a.kernel_size);
  const s = tup2(isPool ? (a.strides ?? a.pool_size ?? 2) : (a.strides ?? 1));
  const d = tup2(isPool ? 1 : (a.dilation_rate ?? 1));
  const keff = [0, 1].map((i) => d[i] * (k[i] - 1) + 1);
  return { k, s, d, keff, padding: a.padding ?? 'valid' };
}
const TF_OP = { Conv2D: 'Conv2D', DepthwiseConv2D: 'DepthwiseConv2dNative', SeparableConv2D: 'DepthwiseConv2dNative', MaxPooling2D: 'MaxPool', AveragePooling2D: 'AvgPool' };
function tfNegativeMessage(spec, inShape) {
  const { k, keff, padding } = windowOf(spec);
  if (padding !== 'valid') return null;
  for (let ax = 0; ax < 2; ax++) {
    if (inShape[ax] < keff[ax]) {
      const C = inShape[2];
      let shapes = `[?,${inShape.join(',')}]`;
      if (spec.cls === 'Conv2D') shapes += `, [${k[0]},${k[1]},${C},${spec.a.filters}]`;
      if (spec.cls === 'DepthwiseConv2D' || spec.cls === 'SeparableConv2D') shapes += `, [${k[0]},${k[1]},${C},${spec.a.depth_multiplier ?? 1}]`;
      return `Negative dimension size caused by subtracting ${keff[ax]} from ${inShape[ax]} for '${TF_OP[spec.cls]}' with input shapes: ${shapes}.`;
    }
  }
  return null;
}
const prod = (a) => a.reduce((x, y) => x * y, 1);

// Keras refusals checked at layer level (before tfjs sees the layer).
function kerasRefusal(spec, inShapes) {
  const a = spec.a;
  const inS = inShapes[0];
  if (['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D'].includes(spec.cls)) {
    const s = tup2(a.strides ?? 1), d = tup2(a.dilation_rate ?? 1);
    if (Math.max(...s) > 1 && Math.max(...d) > 1) {
      return { msg: `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${py(s)} and dilation_rate=${py(d)}`,
        note: 'tfjs builds this layer and only fails when the model is run ("Either strides or dilations must be 1"); Keras refuses it when the layer is created.' };
    }
  }
  if (spec.cls === 'Conv2D' && (a.groups ?? 1) > 1) {
    const g = a.groups;
    if (a.filters % g !== 0) return { msg: `The number of filters must be evenly divisible by the number of groups. Received: groups=${g}, filters=${a.filters}.`, note: 'tfjs ignores `groups`; refusal as Keras raises it.' };
    if (inS.length === 3 && inS[2] % g !== 0) return { msg: `The number of input channels must be evenly divisible by the number of groups. Received groups=${g}, but the input has ${inS[2]} channels (full input shape is ${pyShape([null, ...inS])}).`, note: 'tfjs ignores `groups`; refusal as Keras raises it.' };
  }
  if (spec.cls === 'Conv2DTranspose' && a.output_padding !== undefined) {
    const s = tup2(a.strides ?? 1), op = tup2(a.output_padding);
    if (op[0] >= s[0] || op[1] >= s[1]) return { msg: `Strides must be greater than output padding. Received strides=${py(s)}, output_padding=${py(op)}.`, note: 'tfjs ignores `output_padding`; refusal as Keras raises it.' };
  }
  if (spec.cls === 'Cropping2D' && inS.length === 3) {
    const c = a.cropping;
    const cc = typeof c === 'number' ? [[c, c], [c, c]] : (typeof c[0] === 'number' ? [[c[0], c[0]], [c[1], c[1]]] : c);
    if (cc[0][0] + cc[0][1] >= inS[0] || cc[1][0] + cc[1][1] >= inS[1]) {
      return { msg: `Values in \`cropping\` argument should be smaller than the corresponding spatial dimension of the input. Received: input_shape=${pyShape([null, ...inS])}, cropping=${py(cc)}`,
        note: null, probeTfjs: true };
    }
  }
  if (spec.cls === 'Reshape') {
    const t = a.target_shape, n = prod(inS);
    const unknown = t.filter((x) => x === -1).length;
    if (unknown === 0 && prod(t) !== n) return { msg: `The total size of the tensor must be unchanged. Received: input_shape=${pyShape(inS)}, target_shape=${py(t)}`, note: 'tfjs accepts this Reshape when the model is built and fails only when it is run; Keras refuses it when the model is built.' };
    if (unknown === 1) {
      const known = prod(t.filter((x) => x !== -1));
      if (known === 0 || n % known !== 0) return { msg: `The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in target_shape. Received: input_shape=${pyShape(inS)}, target_shape=${py(t)}`, note: 'tfjs accepts this Reshape when the model is built and fails only when it is run; Keras refuses it when the model is built.' };
    }
  }
  if (CONV_LIKE.has(spec.cls) && inS.length === 3) {
    const m = tfNegativeMessage(spec, inS);
    if (m) return { msg: m, note: null, probeTfjs: true };
  }
  return null;
}

// DESIGN.md formulas, used as a self-check of every tfjs result (mismatches are reported, never silently fixed).
const formulaMismatches = [];
function designFormula(spec, inS) {
  const a = spec.a;
  if (inS.length !== 3) return null;
  if (CONV_LIKE.has(spec.cls)) {
    const { s, keff, padding } = windowOf(spec);
    const hw = [0, 1].map((i) => (padding === 'same' ? Math.ceil(inS[i] / s[i]) : Math.floor((inS[i] - keff[i]) / s[i]) + 1));
    const C = spec.cls === 'Conv2D' || spec.cls === 'SeparableConv2D' ? a.filters : spec.cls === 'DepthwiseConv2D' ? inS[2] * (a.depth_multiplier ?? 1) : inS[2];
    return [...hw, C];
  }
  if (spec.cls === 'Conv2DTranspose') {
    const k = tup2(a.kernel_size), s = tup2(a.strides ?? 1), d = tup2(a.dilation_rate ?? 1);
    const keff = [0, 1].map((i) => d[i] * (k[i] - 1) + 1);
    const pad = a.padding ?? 'valid';
    let hw;
    if (a.output_padding === undefined) hw = [0, 1].map((i) => (pad === 'same' ? inS[i] * s[i] : inS[i] * s[i] + Math.max(keff[i] - s[i], 0)));
    else {
      const op = tup2(a.output_padding);
      hw = [0, 1].map((i) => (inS[i] - 1) * s[i] + keff[i] - 2 * (pad === 'same' ? Math.floor(keff[i] / 2) : 0) + op[i]);
    }
    return [...hw, a.filters];
  }
  if (spec.cls === 'UpSampling2D') { const z = tup2(a.size ?? 2); return [inS[0] * z[0], inS[1] * z[1], inS[2]]; }
  return null;
}

// ------------------------------------------------------------------------------------------------
// torch queries for the documented tfjs gaps (one python process for all of them)
const torchQueries = [];
function torchQuery(q) { torchQueries.push(q); return q; }
function runTorchQueries() {
  if (torchQueries.length === 0) return null;
  const script = `
import json, sys, torch, torch.nn as nn
qs = json.load(sys.stdin)
out = []
torch.manual_seed(0)
for q in qs:
    if q['kind'] == 'conv':
        m = nn.Conv2d(q['cin'], q['cout'], tuple(q['k']), stride=tuple(q['s']), padding=q['p'] if isinstance(q['p'], str) else tuple(q['p']),
                      dilation=tuple(q['d']), groups=q['g'], bias=q['bias'])
    else:
        m = nn.ConvTranspose2d(q['cin'], q['cout'], tuple(q['k']), stride=tuple(q['s']), padding=tuple(q['p']),
                               output_padding=tuple(q['op']), dilation=tuple(q['d']), groups=q['g'], bias=q['bias'])
    params = sum(p.numel() for p in m.parameters())
    shape = None
    if q.get('hw'):
        with torch.no_grad():
            y = m(torch.zeros(1, q['cin'], q['hw'][0], q['hw'][1]))
        shape = list(y.shape[1:])
    out.append({'shape': shape, 'params': params})
print(json.dumps({'version': torch.__version__, 'results': out}))
`;
  const r = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(torchQueries), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error('torch helper failed: ' + r.stderr);
  const res = JSON.parse(r.stdout);
  torchQueries.forEach((q, i) => { q.result = res.results[i]; });
  return res.version;
}

// ------------------------------------------------------------------------------------------------
// A case under construction
let allCases = [];
const pendingChecks = []; // closures run after the torch queries
const notRun = [];

class KCase {
  constructor(id, inShape, { api = 'seq', style = 'from', seqForm = 'list', inputForm = 'kw', modelForm = 'kw', preamble = null, code = null } = {}) {
    this.id = id; this.inShape = inShape; this.api = api; this.style = style; this.seqForm = seqForm;
    this.inputForm = inputForm; this.modelForm = modelForm; this.preamble = preamble; this.fixedCode = code;
    this.nodes = [];
    this.input = tf.input({ shape: inShape });
    this.refused = null; // {index, msg, note}
    this.notes = [];
  }
  get last() { return this.nodes.length - 1; }
  shape(i = this.last) { return i < 0 ? this.inShape : this.nodes[i].shape; }
  tensorOf(i) { return i < 0 ? this.input : this.nodes[i].tensor; }
  // inputs: node indices (-1 = the Input); default: previous node
  add(spec, inputs = null, varName = null) {
    if (inputs === null) inputs = [this.last];
    const node = { spec, inputs, varName, shape: null, params: null, tensor: null, layer: null, extras: [] };
    this.nodes.push(node);
    const idx = this.nodes.length - 1;
    if (this.refused) return idx;
    const inShapes = inputs.map((i) => this.shape(i));
    const inTensors = inputs.map((i) => this.tensorOf(i));
    const arg = inputs.length === 1 ? inTensors[0] : inTensors;
    const ref = kerasRefusal(spec, inShapes);
    if (ref) {
      let note = ref.note;
      if (ref.probeTfjs) {
        // Observe what tfjs does with it, for the note.
        try {
          const t = tfjsLayer(spec).apply(arg);
          note = `tfjs ${TFJS_VERSION} does not raise here: it gives the non-positive output shape ${JSON.stringify(t.shape.slice(1))}; TensorFlow refuses it.`;
        } catch (e) {
          note = `tfjs ${TFJS_VERSION} raises its own message here ("${e.message.split('\n')[0]}"); the message recorded is TensorFlow's.`;
        }
      }
      this.refused = { index: idx, msg: ref.msg, note };
      return idx;
    }
    // documented tfjs gaps
    const a = spec.a;
    let layer, out, paramsOverride = null;
    try {
      if (spec.cls === 'Conv2DTranspose' && Math.max(...tup2(a.dilation_rate ?? 1)) > 1) throw new Error('generator: Conv2DTranspose dilation is excluded from the Keras corpus');
      if (spec.cls === 'DepthwiseConv2D' && Math.max(...tup2(a.dilation_rate ?? 1)) > 1) {
        // tfjs ignores dilation_rate: stand in a kernel of the effective size k' (same shape arithmetic); params from torch.
        const { k, d, keff, s } = windowOf(spec);
        layer = tfjsLayer(spec, { kernel_size: keff, dilation_rate: undefined });
        out = layer.apply(arg);
        const C = inShapes[0][2], dm = a.depth_multiplier ?? 1;
        const q = torchQuery({ kind: 'conv', cin: C, cout: C * dm, k, s, d, g: C, p: a.padding === 'same' ? 'same' : [0, 0], bias: a.use_bias !== false, hw: inShapes[0].slice(0, 2) });
        paramsOverride = q;
        this.notes.push(`layer ${idx}: tfjs ignores DepthwiseConv2D dilation_rate; shape and params from torch Conv2d(groups=C, dilation=${JSON.stringify(d)}) permuted to HWC (cross-checked with a tfjs stand-in of kernel ${JSON.stringify(keff)})`);
        pendingChecks.push(() => {
          const r = q.result.shape; const hwc = [r[1], r[2], r[0]];
          if (JSON.stringify(hwc) !== JSON.stringify(node.shape)) throw new Error(`${this.id}: torch ${hwc} vs tfjs stand-in ${node.shape}`);
        });
      } else if (spec.cls === 'Conv2D' && (a.groups ?? 1) > 1) {
        layer = tfjsLayer(spec);
        out = layer.apply(arg);
        const { k, d, s } = windowOf(spec);
        const sameOk = a.padding !== 'same' || Math.max(...s) === 1;
        const q = torchQuery({ kind: 'conv', cin: inShapes[0][2], cout: a.filters, k, s, d, g: a.groups, p: a.padding === 'same' && sameOk ? 'same' : [0, 0], bias: a.use_bias !== false, hw: sameOk ? inShapes[0].slice(0, 2) : null });
        paramsOverride = q;
        this.notes.push(`layer ${idx}: tfjs ignores Conv2D groups; shape from tfjs (groups do not change it${sameOk ? ', cross-checked with torch' : ''}), params from torch Conv2d(groups=${a.groups})`);
        pendingChecks.push(() => {
          if (!q.result.shape) return;
          const r = q.result.shape; const hwc = [r[1], r[2], r[0]];
          if (JSON.stringify(hwc) !== JSON.stringify(node.shape)) throw new Error(`${this.id}: torch ${hwc} vs tfjs ${node.shape}`);
        });
      } else if (spec.cls === 'Conv2DTranspose' && a.output_padding !== undefined) {
        // tfjs ignores output_padding: Keras formula (DESIGN.md) cross-checked by torch ConvTranspose2d with the
        // equivalent padding; the tfjs graph gets a ZeroPadding2D/Cropping2D stand-in so later layers see the right shape.
        layer = tfjsLayer(spec);
        let t = layer.apply(arg);
        const want = designFormula(spec, inShapes[0]);
        const got = t.shape.slice(1);
        const diff = [want[0] - got[0], want[1] - got[1]];
        for (let ax = 0; ax < 2; ax++) {
          if (diff[ax] === 0) continue;
          const cfg = ax === 0 ? [[0, Math.abs(diff[0])], [0, 0]] : [[0, 0], [0, Math.abs(diff[1])]];
          const fix = diff[ax] > 0 ? tf.layers.zeroPadding2d({ padding: cfg }) : tf.layers.cropping2D({ cropping: cfg });
          node.extras.push(fix);
          t = fix.apply(t);
        }
        out = t;
        const { k, s, d, keff } = { ...windowOf({ cls: 'Conv2D', a: { ...a, strides: a.strides } }) };
        const pad = [0, 1].map((i) => (a.padding === 'same' ? Math.floor(keff[i] / 2) : 0));
        const q = torchQuery({ kind: 'convT', cin: inShapes[0][2], cout: a.filters, k, s, d, g: 1, p: pad, op: tup2(a.output_padding), bias: a.use_bias !== false, hw: inShapes[0].slice(0, 2) });
        paramsOverride = q;
        this.notes.push(`layer ${idx}: tfjs ignores Conv2DTranspose output_padding; shape from the Keras formula (i-1)*s + k' - 2*pad + output_padding (pad = ${a.padding === 'same' ? "k'//2 for 'same'" : "0 for 'valid'"}), confirmed by torch ConvTranspose2d(padding=${JSON.stringify(pad)}, output_padding=${JSON.stringify(tup2(a.output_padding))})`);
        pendingChecks.push(() => {
          const r = q.result.shape; const hwc = [r[1], r[2], r[0]];
          if (JSON.stringify(hwc) !== JSON.stringify(want)) throw new Error(`${this.id}: torch ${hwc} vs Keras formula ${want}`);
        });
      } else if (spec.cls === 'Reshape' && a.target_shape.includes(-1)) {
        // tfjs leaves the -1 dimension unknown (null) in the symbolic shape; resolve it by running tf.reshape on
        // zeros of the input shape and give the layer the resolved target so later layers see it.
        const resolved = tf.tidy(() => tf.zeros([1, ...inShapes[0]]).reshape([1, ...a.target_shape]).shape.slice(1));
        layer = tfjsLayer(spec, { target_shape: resolved });
        out = layer.apply(arg);
        this.notes.push(`layer ${idx}: tfjs leaves Reshape's -1 unresolved (null) when building; resolved by running tf.reshape on zeros`);
      } else {
        layer = tfjsLayer(spec);
        out = layer.apply(arg);
      }
    } catch (e) {
      if (e.message.startsWith('generator:')) throw e;
      this.refused = { index: idx, msg: e.message.split('\n')[0], note: null };
      return idx;
    }
    node.layer = layer; node.tensor = out;
    node.shape = out.shape.slice(1);
    if (node.shape.some((x) => x === null || x <= 0)) throw new Error(`${this.id}: unexpected shape ${JSON.stringify(node.shape)} for ${spec.cls} (refusal not detected)`);
    node.params = paramsOverride ? paramsOverride : layer.countParams();
    const f = designFormula(spec, inShapes[0]);
    if (f && JSON.stringify(f) !== JSON.stringify(node.shape)) formulaMismatches.push(`${this.id} layer ${idx} ${spec.cls}: DESIGN.md ${JSON.stringify(f)} vs tfjs ${JSON.stringify(node.shape)}`);
    return idx;
  }

  // Build the tfjs model, check the layer order, run it on zeros, and produce the case object.
  finish() {
    let order = this.nodes.map((_, i) => i);
    if (!this.refused) {
      const last = this.nodes[this.last];
      const model = tf.model({ inputs: this.input, outputs: last.tensor });
      const extras = new Set(this.nodes.flatMap((n) => n.extras));
      const tl = model.layers.filter((l) => l.getClassName() !== 'InputLayer' && !extras.has(l));
      if (tl.length !== this.nodes.length) throw new Error(`${this.id}: model has ${tl.length} layers, case has ${this.nodes.length}`);
      order = tl.map((l) => this.nodes.findIndex((n) => n.layer === l));
      if (order.some((i) => i < 0)) throw new Error(`${this.id}: layer mapping failed`);
      if (this.fixedCode === null && this.api !== 'func' && order.some((v, i) => v !== i)) throw new Error(`${this.id}: sequential order changed`);
      // Run: every layer output, on zeros, must have the symbolic shape.
      let macs = 0;
      for (const n of this.nodes) {
        const p = typeof n.params === 'number' ? n.params : 0;
        const outC = n.shape[n.shape.length - 1];
        macs += p > 0 ? prod(n.shape) * Math.max(1, p / outC) : prod(n.shape);
      }
      if (macs <= RUN_BUDGET_MACS) {
        const probe = tf.model({ inputs: this.input, outputs: this.nodes.map((n) => n.tensor) });
        const ys = tf.tidy(() => {
          let r = probe.predict(tf.zeros([1, ...this.inShape]));
          if (!Array.isArray(r)) r = [r];
          return r.map((y) => y.shape.slice(1));
        });
        ys.forEach((s, i) => {
          if (JSON.stringify(s) !== JSON.stringify(this.nodes[i].shape)) throw new Error(`${this.id}: run shape ${s} != symbolic ${this.nodes[i].shape}`);
        });
      } else notRun.push(this.id);
    }
    // reorder nodes to the framework's layer order (functional models list layers by graph depth)
    if (order.some((v, i) => v !== i)) {
      const inv = new Map(order.map((old, neu) => [old, neu]));
      const nn = order.map((old) => this.nodes[old]);
      for (const n of nn) n.inputs = n.inputs.map((i) => (i < 0 ? i : inv.get(i)));
      this.nodes = nn;
      if (this.refused) this.refused.index = inv.get(this.refused.index);
    }
    const code = this.fixedCode !== null ? this.fixedCode : this.emit();
    const layers = [];
    if (this.api === 'func') layers.push({ output_shape: this.inShape.slice(), params: 0 });
    const off = layers.length;
    this.nodes.forEach((n, i) => {
      const dead = this.refused && i >= this.refused.index;
      layers.push({ output_shape: dead ? null : n.shape, params: dead ? null : n.params });
    });
    const c = {
      id: this.id, framework: 'keras', code, input_shape: null, ok: !this.refused, layers,
      error_layer: this.refused ? this.refused.index + off : null, error: this.refused ? this.refused.msg : null,
    };
    const notes = [...this.notes];
    if (this.refused && this.refused.note) notes.push(this.refused.note);
    if (notes.length) c.note = notes.join(' | ');
    // dispose weights
    tf.disposeVariables();
    return c;
  }

  emit() {
    const st = STYLES[this.style];
    const names = [];
    const fnNames = [];
    for (const n of this.nodes) {
      if (n.spec.fn) { if (!fnNames.includes(n.spec.fn)) fnNames.push(n.spec.fn); } else {
        const nm = n.spec.alias || n.spec.cls;
        if (!names.includes(nm)) names.push(nm);
      }
    }
    const lines = [];
    if (this.preamble) lines.push(this.preamble);
    lines.push(...importLines(this.style, this.api, [...names, ...fnNames]));
    lines.push('');
    const inShapeTxt = py(this.inShape);
    if (this.api === 'seq') {
      if (this.seqForm === 'list') {
        lines.push(`model = ${st.seq}([`);
        this.nodes.forEach((n, i) => {
          const extra = i === 0 ? [['input_shape', this.inShape]] : [];
          lines.push(`    ${renderLayer(n.spec, this.style, extra)}${i < this.nodes.length - 1 ? ',' : ''}`);
        });
        lines.push('])');
      } else {
        lines.push(`model = ${st.seq}()`);
        this.nodes.forEach((n, i) => {
          const extra = i === 0 ? [['input_shape', this.inShape]] : [];
          lines.push(`model.add(${renderLayer(n.spec, this.style, extra)})`);
        });
      }
    } else {
      // functional: a node's variable is `x` when only the next statement reads it, else a unique name
      const consumers = this.nodes.map(() => []);
      this.nodes.forEach((n, i) => n.inputs.forEach((j) => { if (j >= 0) consumers[j].push(i); }));
      const inName = 'inputs';
      let k = 0;
      const vars = this.nodes.map((n, i) => {
        if (n.varName) return n.varName;
        if (i === this.nodes.length - 1) return 'outputs';
        if (consumers[i].length === 1 && consumers[i][0] === i + 1) return 'x';
        k++; return `x${k}`;
      });
      const vname = (j) => (j < 0 ? inName : vars[j]);
      lines.push(this.inputForm === 'pos' ? `${inName} = ${st.input}(${inShapeTxt})` : `${inName} = ${st.input}(shape=${inShapeTxt})`);
      this.nodes.forEach((n, i) => {
        const ins = n.inputs.map(vname);
        let rhs;
        if (n.spec.fn) {
          const ex = n.spec.args.map(([a, v]) => `, ${a}=${py(v)}`).join('');
          rhs = `${st.fn(n.spec.fn)}([${ins.join(', ')}]${ex})`;
        } else if (n.inputs.length > 1) rhs = `${renderLayer(n.spec, this.style)}([${ins.join(', ')}])`;
        else rhs = `${renderLayer(n.spec, this.style)}(${ins[0]})`;
        lines.push(`${vars[i]} = ${rhs}`);
      });
      const outv = vars[vars.length - 1];
      lines.push(this.modelForm === 'pos' ? `model = ${st.model}(${inName}, ${outv})` : `model = ${st.model}(inputs=${inName}, outputs=${outv})`);
    }
    return lines.join('\n') + '\n';
  }
}

const ids = new Set();
function addCase(c) {
  if (ids.has(c.id)) throw new Error('duplicate id ' + c.id);
  ids.add(c.id);
  allCases.push(c);
}

// ------------------------------------------------------------------------------------------------
// Spec helpers (Python-facing values; `f` = form chooser)
const dimTxt = (v) => (Array.isArray(v) ? `${v[0]}x${v[1]}` : `${v}`);
const randStyle = () => pick(['from', 'from', 'from', 'layers', 'keras', 'tf', 'keras3', 'fromk']);
const randApi = () => pick(['seq', 'seq', 'seqadd', 'func', 'func']);
function newCase(id, inShape, opts = {}) {
  const api0 = opts.api || randApi();
  const o = { style: opts.style || randStyle(), api: api0 === 'seqadd' ? 'seq' : api0, seqForm: api0 === 'seqadd' ? 'add' : 'list',
    inputForm: chance(0.25) ? 'pos' : 'kw', modelForm: chance(0.25) ? 'pos' : 'kw', ...opts };
  if (o.api === 'seqadd') { o.api = 'seq'; o.seqForm = 'add'; }
  return new KCase(id, inShape, o);
}
function convArgs({ filters, k, s, padding, d, activation, use_bias, groups, op }) {
  const args = [];
  if (filters !== undefined) args.push(['filters', filters]);
  args.push(['kernel_size', k]);
  if (s !== undefined) args.push(['strides', s]);
  if (padding !== undefined) args.push(['padding', padding]);
  if (op !== undefined) args.push(['output_padding', op]);
  if (d !== undefined) args.push(['dilation_rate', d]);
  if (groups !== undefined) args.push(['groups', groups]);
  if (activation !== undefined) args.push(['activation', activation]);
  if (use_bias !== undefined) args.push(['use_bias', use_bias]);
  return args;
}
function Conv(filters, k, o = {}, npos = 2) { return L('Conv2D', convArgs({ filters, k, ...o }), { npos }); }
function ConvT(filters, k, o = {}, npos = 2) { return L('Conv2DTranspose', convArgs({ filters, k, ...o }), { npos }); }
function DW(k, o = {}, npos = 1) {
  const args = [['kernel_size', k]];
  if (o.s !== undefined) args.push(['strides', o.s]);
  if (o.padding !== undefined) args.push(['padding', o.padding]);
  if (o.dm !== undefined) args.push(['depth_multiplier', o.dm]);
  if (o.d !== undefined) args.push(['dilation_rate', o.d]);
  if (o.activation !== undefined) args.push(['activation', o.activation]);
  if (o.use_bias !== undefined) args.push(['use_bias', o.use_bias]);
  return L('DepthwiseConv2D', args, { npos });
}
function Sep(filters, k, o = {}, npos = 2) {
  const args = [['filters', filters], ['kernel_size', k]];
  if (o.s !== undefined) args.push(['strides', o.s]);
  if (o.padding !== undefined) args.push(['padding', o.padding]);
  if (o.d !== undefined) args.push(['dilation_rate', o.d]);
  if (o.dm !== undefined) args.push(['depth_multiplier', o.dm]);
  if (o.activation !== undefined) args.push(['activation', o.activation]);
  if (o.use_bias !== undefined) args.push(['use_bias', o.use_bias]);
  return L('SeparableConv2D', args, { npos });
}
function Pool(cls, pool, o = {}, npos = 1, alias = null) {
  const args = [];
  if (pool !== undefined) args.push(['pool_size', pool]);
  if (o.s !== undefined) args.push(['strides', o.s]);
  if (o.padding !== undefined) args.push(['padding', o.padding]);
  return L(cls, args, { npos, alias });
}
const MaxP = (p, o, n, al) => Pool('MaxPooling2D', p, o, n, al);
const AvgP = (p, o, n, al) => Pool('AveragePooling2D', p, o, n, al);
const Crop = (c, npos = 1) => L('Cropping2D', [['cropping', c]], { npos });
const ZPad = (p, npos = 1) => L('ZeroPadding2D', p === undefined ? [] : [['padding', p]], { npos });
function Up(size, interp, npos = 1) {
  const args = [];
  if (size !== undefined) args.push(['size', size]);
  if (interp !== undefined) args.push(['interpolation', interp]);
  return L('UpSampling2D', args, { npos });
}
const BN = () => L('BatchNormalization');
const Drop = (r) => L('Dropout', [['rate', r]], { npos: 1 });
const Act = (a) => L('Activation', [['activation', a]], { npos: 1 });
const Dense = (u, act, npos = 1, use_bias) => L('Dense', [['units', u], ...(act !== undefined ? [['activation', act]] : []), ...(use_bias !== undefined ? [['use_bias', use_bias]] : [])], { npos });
const Flat = () => L('Flatten');
const Resh = (t) => L('Reshape', [['target_shape', t]], { npos: 1 });
const GMax = (alias) => L('GlobalMaxPooling2D', [], { alias });
const GAvg = (alias) => L('GlobalAveragePooling2D', [], { alias });
const Leaky = (alpha, npos = 0) => L('LeakyReLU', alpha === undefined ? [] : [['alpha', alpha]], { npos });
const Relu = () => L('ReLU');
const Concat = (axis) => L('Concatenate', axis === undefined ? [] : [['axis', axis]], {});
const concatFn = (axis) => L('Concatenate', axis === undefined ? [] : [['axis', axis]], { fn: 'concatenate' });
const AddL = () => L('Add');
const addFn = () => L('Add', [], { fn: 'add' });

// ------------------------------------------------------------------------------------------------
// 1. Single-layer systematic sweeps
const SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 23, 24, 25, 27, 28, 29, 31, 32, 33, 37, 41, 43, 47, 49, 53, 59, 61];
const ACTS = [undefined, undefined, 'relu', 'relu', 'sigmoid', 'tanh', 'linear', 'elu', 'softmax', 'selu'];
const randK = () => (chance(0.65) ? ri(1, 7) : [ri(1, 7), ri(1, 7)]);
const randS = () => (chance(0.45) ? undefined : chance(0.6) ? ri(1, 4) : [ri(1, 4), ri(1, 4)]);
const randPad = () => pick([undefined, 'valid', 'same', 'same']);
const kmax = (k) => Math.max(...tup2(k));

function single(id, inShape, spec, opts = {}) {
  const c = newCase(id, inShape, opts);
  c.add(spec, [-1]);
  addCase(c.finish());
}

// Conv2D sweep
for (let n = 0; n < 70; n++) {
  const H = pick(SIZES), W = chance(0.6) ? H : pick(SIZES), C = pick([1, 2, 3, 4, 8]);
  const k = randK(), s = randS(), padding = randPad();
  const dil = s === undefined && chance(0.35) ? (chance(0.7) ? ri(2, 3) : [ri(1, 3), ri(1, 3)]) : undefined;
  const f = pick([1, 4, 8, 16, 6]);
  const o = { s, padding, d: dil, activation: pick(ACTS), use_bias: chance(0.15) ? false : undefined };
  const spec = Conv(f, k, o, pick([0, 1, 2, 2, 2, 3, 4]));
  const id = `conv2d_f${f}_k${dimTxt(k)}_s${dimTxt(s ?? 1)}${dil ? '_d' + dimTxt(dil) : ''}_${padding ?? 'default'}_i${H}x${W}x${C}_${n}`;
  single(id, [H, W, C], spec);
}
// MaxPooling/AveragePooling sweep
for (let n = 0; n < 50; n++) {
  const H = pick(SIZES), W = chance(0.6) ? H : pick(SIZES), C = pick([1, 3, 4]);
  const avg = chance(0.5);
  const p = chance(0.2) ? undefined : chance(0.7) ? ri(1, 5) : [ri(1, 4), ri(1, 4)];
  const s = chance(0.5) ? undefined : chance(0.7) ? ri(1, 4) : [ri(1, 3), ri(1, 3)];
  const padding = pick([undefined, 'valid', 'same']);
  const spec = (avg ? AvgP : MaxP)(p, { s, padding }, pick([0, 1, 1, 2, 3]), chance(0.15) ? (avg ? 'AvgPool2D' : 'MaxPool2D') : null);
  // pool_size omitted but strides given must be keyword (L() clamps npos)
  const id = `${avg ? 'avgpool' : 'maxpool'}_p${dimTxt(p ?? 2)}_s${s === undefined ? 'none' : dimTxt(s)}_${padding ?? 'default'}_i${H}x${W}x${C}_${n}`;
  single(id, [H, W, C], spec);
}
// Conv2DTranspose sweep (no output_padding, no dilation: tfjs handles these exactly)
for (let n = 0; n < 35; n++) {
  const H = pick(SIZES.slice(0, 25)), W = chance(0.6) ? H : pick(SIZES.slice(0, 25)), C = pick([1, 3, 8]);
  const k = randK(), s = randS(), padding = randPad();
  const f = pick([1, 3, 8]);
  const spec = ConvT(f, k, { s, padding, activation: pick(ACTS) }, pick([0, 2, 2, 3]));
  single(`conv2dtranspose_f${f}_k${dimTxt(k)}_s${dimTxt(s ?? 1)}_${padding ?? 'default'}_i${H}x${W}x${C}_${n}`, [H, W, C], spec);
}
// DepthwiseConv2D sweep (dilation only with strides 1; dilation > 1 is a tfjs gap handled via torch)
for (let n = 0; n < 30; n++) {
  const H = pick(SIZES), W = chance(0.6) ? H : pick(SIZES), C = pick([1, 2, 3, 4, 8]);
  const k = randK(), s = randS(), padding = randPad();
  const dm = chance(0.5) ? undefined : ri(1, 3);
  const d = s === undefined && chance(0.35) ? ri(2, 3) : undefined;
  const spec = DW(k, { s, padding, dm, d, activation: pick(ACTS) }, pick([0, 1, 2]));
  single(`depthwiseconv2d_k${dimTxt(k)}_s${dimTxt(s ?? 1)}${d ? '_d' + d : ''}_dm${dm ?? 1}_${padding ?? 'default'}_i${H}x${W}x${C}_${n}`, [H, W, C], spec);
}
// SeparableConv2D sweep
for (let n = 0; n < 25; n++) {
  const H = pick(SIZES), W = chance(0.6) ? H : pick(SIZES), C = pick([1, 2, 3, 4]);
  const k = randK(), s = randS(), padding = randPad();
  const dm = chance(0.5) ? undefined : ri(1, 3);
  const d = s === undefined && chance(0.3) ? ri(2, 3) : undefined;
  const f = pick([2, 8, 16]);
  const spec = Sep(f, k, { s, padding, dm, d, activation: pick(ACTS) }, pick([0, 2, 2]));
  single(`separableconv2d_f${f}_k${dimTxt(k)}_s${dimTxt(s ?? 1)}${d ? '_d' + d : ''}_dm${dm ?? 1}_${padding ?? 'default'}_i${H}x${W}x${C}_${n}`, [H, W, C], spec);
}
// Cropping2D / ZeroPadding2D (int, 2-tuple, 2x2-tuple)
for (let n = 0; n < 24; n++) {
  const H = pick(SIZES.slice(4)), W = chance(0.5) ? H : pick(SIZES.slice(4)), C = pick([1, 3]);
  const form = n % 3;
  const v = form === 0 ? ri(0, 4) : form === 1 ? [ri(0, 4), ri(0, 4)] : [[ri(0, 4), ri(0, 4)], [ri(0, 4), ri(0, 4)]];
  const crop = n % 2 === 0;
  const spec = crop ? Crop(v, chance(0.5) ? 1 : 0) : ZPad(v, chance(0.5) ? 1 : 0);
  single(`${crop ? 'cropping2d' : 'zeropadding2d'}_${JSON.stringify(v).replace(/[\[\]]/g, '').replace(/,/g, '_')}_i${H}x${W}x${C}_${n}`, [H, W, C], spec);
}
single('zeropadding2d_default_i5x7x2', [5, 7, 2], ZPad());
// UpSampling2D
for (let n = 0; n < 16; n++) {
  const H = pick(SIZES.slice(0, 20)), W = chance(0.5) ? H : pick(SIZES.slice(0, 20)), C = pick([1, 3, 4]);
  const size = chance(0.2) ? undefined : chance(0.5) ? ri(1, 4) : [ri(1, 4), ri(1, 4)];
  const interp = pick([undefined, undefined, 'nearest', 'bilinear']);
  single(`upsampling2d_${dimTxt(size ?? 2)}_${interp ?? 'default'}_i${H}x${W}x${C}_${n}`, [H, W, C], Up(size, interp, size === undefined ? 0 : pick([0, 1])));
}

// ------------------------------------------------------------------------------------------------
// 2. Hand-picked edge cases
// 'same' padding depends on the input size
for (const [i, k, s] of [[224, 3, 2], [225, 3, 2], [224, 7, 2], [225, 7, 2], [572, 3, 2], [7, 4, 3], [8, 4, 3], [9, 4, 3], [10, 4, 4], [1, 5, 2], [2, 5, 4], [3, 2, 2], [61, 6, 4]]) {
  single(`edge_conv2d_same_k${k}_s${s}_i${i}`, [i, i, 3], Conv(4, k, { s, padding: 'same' }, 2), { api: 'seq', style: 'from' });
}
for (const [i, k, s] of [[224, 3, 2], [225, 3, 2], [572, 3, 1], [5, 5, 1], [5, 5, 2], [6, 5, 1], [7, 2, 3], [13, 6, 4]]) {
  single(`edge_conv2d_valid_k${k}_s${s}_i${i}`, [i, i, 1], Conv(2, k, { s }, 3), { api: 'func', style: 'from' });
}
// valid window exactly the input (→1) and one larger (→refused)
for (const [cls, mk] of [['conv2d', (k) => Conv(3, k)], ['maxpool', (k) => MaxP(k)], ['avgpool', (k) => AvgP(k, { padding: 'valid' })], ['depthwise', (k) => DW(k)], ['separable', (k) => Sep(4, k)]]) {
  for (const [i, k] of [[5, 5], [4, 5], [3, 5], [1, 2], [2, 3], [7, [7, 3]], [7, [3, 8]], [6, [9, 2]]]) {
    single(`edge_${cls}_valid_k${dimTxt(k)}_i${i}`, [i, i, 2], mk(k));
  }
}
// dilated window larger than the input
single('edge_conv2d_valid_d2_k3_i4_refused', [4, 4, 1], Conv(2, 3, { d: 2 }), { api: 'seq', style: 'from' });
single('edge_conv2d_valid_d2_k3_i5', [5, 5, 1], Conv(2, 3, { d: 2 }), { api: 'seq', style: 'from' });
single('edge_conv2d_valid_d3x1_k3_i6x3_refused', [6, 3, 1], Conv(2, 3, { d: [3, 1] }), { api: 'seq', style: 'from' });
single('edge_conv2d_same_d3_k3_i4', [4, 4, 1], Conv(2, 3, { d: 3, padding: 'same' }), { api: 'seq', style: 'from' });
// strides > 1 with dilation > 1
single('edge_conv2d_s2_d2_refused', [16, 16, 3], Conv(8, 3, { s: 2, d: 2, padding: 'same' }), { api: 'seq', style: 'from' });
single('edge_conv2d_s2x1_d1x2_refused', [16, 16, 3], Conv(8, 3, { s: [2, 1], d: [1, 2] }), { api: 'func', style: 'from' });
single('edge_conv2d_s3_d2_valid_refused', [32, 32, 1], Conv(4, [3, 3], { s: 3, d: 2 }), { api: 'seq', style: 'tf' });
single('edge_depthwise_s2_d2_refused', [16, 16, 3], DW(3, { s: 2, d: 2 }), { api: 'seq', style: 'from' });
single('edge_separable_s2_d2_refused', [16, 16, 3], Sep(8, 3, { s: 2, d: 2, padding: 'same' }), { api: 'seq', style: 'from' });
// pooling default strides = pool_size; strides=1; same on odd sizes
single('edge_maxpool_default_i7', [7, 7, 3], MaxP(undefined, {}, 0));
single('edge_maxpool_2_i1_refused', [1, 1, 3], MaxP(2));
single('edge_maxpool_2_same_i1', [1, 1, 3], MaxP(2, { padding: 'same' }));
single('edge_maxpool_3_s1_i5', [5, 5, 2], MaxP(3, { s: 1 }));
single('edge_avgpool_3_s2_same_i6', [6, 6, 2], AvgP(3, { s: 2, padding: 'same' }, 3));
single('edge_avgpool_2x3_s1x2_same_i7x9', [7, 9, 2], AvgP([2, 3], { s: [1, 2], padding: 'same' }, 3));
single('edge_maxpool_3_s2_same_i224', [224, 224, 1], MaxP(3, { s: 2, padding: 'same' }, 0));
single('edge_maxpool_3_s2_valid_i225', [225, 225, 1], MaxP([3, 3], { s: [2, 2] }, 2));
// Conv2DTranspose without output_padding
for (const [i, k, s, p] of [[4, 3, 2, 'same'], [4, 3, 2, 'valid'], [4, 2, 2, 'valid'], [4, 1, 3, 'valid'], [4, 5, 2, 'valid'], [7, 4, 4, 'same'], [1, 3, 1, 'valid'], [28, 5, 3, 'valid'], [3, [3, 1], [2, 3], 'valid']]) {
  single(`edge_conv2dtranspose_k${dimTxt(k)}_s${dimTxt(s)}_${p}_i${i}`, [i, i, 4], ConvT(2, k, { s, padding: p }, 2));
}
// Conv2DTranspose with output_padding (tfjs gap; Keras formula confirmed by torch)
for (const [i, k, s, p, op] of [[4, 3, 2, 'same', 1], [4, 3, 2, 'same', 0], [4, 3, 2, 'valid', 1], [5, 3, 3, 'same', 2], [5, 3, 3, 'valid', 0], [7, 4, 2, 'same', 1], [7, 5, 2, 'valid', 1], [6, 2, 2, 'valid', 1], [3, [3, 5], [2, 3], 'same', [1, 2]], [9, 1, 2, 'valid', 1], [10, 5, 4, 'same', 3], [8, 6, 3, 'same', 2]]) {
  single(`edge_conv2dtranspose_k${dimTxt(k)}_s${dimTxt(s)}_${p}_op${dimTxt(op)}_i${i}`, [i, i, 3], ConvT(4, k, { s, padding: p, op }, 2));
}
single('edge_conv2dtranspose_op2_s2_refused', [4, 4, 3], ConvT(4, 3, { s: 2, padding: 'same', op: 2 }, 2));
single('edge_conv2dtranspose_op1_s1_refused', [4, 4, 3], ConvT(4, 3, { op: 1 }, 2));
// Conv2D groups (tfjs gap: params from torch)
for (const [C, f, g, k, s, p] of [[4, 8, 2, 3, 1, 'same'], [6, 6, 3, 3, 2, 'same'], [8, 16, 4, [1, 3], 1, 'valid'], [4, 4, 4, 3, 1, 'valid'], [12, 6, 3, 5, 2, 'valid'], [16, 32, 8, 3, 1, 'same']]) {
  single(`edge_conv2d_groups${g}_c${C}_f${f}_k${dimTxt(k)}_s${s}_${p}`, [11, 11, C], Conv(f, k, { s, padding: p, groups: g }, 2));
}
single('edge_conv2d_groups3_filters8_refused', [9, 9, 6], Conv(8, 3, { groups: 3 }, 2));
single('edge_conv2d_groups2_channels3_refused', [9, 9, 3], Conv(8, 3, { groups: 2 }, 2));
// DepthwiseConv2D with dilation (tfjs gap)
for (const [i, k, d, p, dm] of [[9, 3, 2, 'valid', 1], [9, 3, 2, 'same', 2], [12, [3, 2], [2, 3], 'valid', 1], [7, 3, 3, 'valid', 3], [5, 3, 3, 'same', 1]]) {
  single(`edge_depthwise_k${dimTxt(k)}_d${dimTxt(d)}_${p}_dm${dm}_i${i}`, [i, i, 3], DW(k, { padding: p, dm, d }, 1));
}
single('edge_depthwise_k3_d3_valid_i6_refused', [6, 6, 3], DW(3, { d: 3 }, 1));
// Cropping over-crop and exact crop
single('edge_cropping2d_overcrop_refused', [5, 5, 3], Crop([[3, 3], [0, 0]]));
single('edge_cropping2d_exact_refused', [5, 6, 3], Crop([[0, 0], [2, 4]]));
single('edge_cropping2d_int_overcrop_refused', [4, 9, 1], Crop(2));
single('edge_cropping2d_leaves_1', [5, 6, 3], Crop([[2, 2], [1, 4]]));
// Dense on an unflattened tensor acts on the last axis
single('edge_dense_on_hwc_i5x6x3', [5, 6, 3], Dense(7));
single('edge_dense_on_hwc_relu_i28x28x1', [28, 28, 1], Dense(10, 'relu'));
// Reshape
single('edge_reshape_flat_i4x5x3', [4, 5, 3], Resh([60]));
single('edge_reshape_minus1_i4x5x3', [4, 5, 3], Resh([-1, 3]));
single('edge_reshape_4d_i4x5x3', [4, 5, 3], Resh([10, 2, 3]));
single('edge_reshape_wrong_size_refused', [4, 5, 3], Resh([7, 9]));
single('edge_reshape_minus1_indivisible_refused', [4, 5, 3], Resh([7, -1]));
// BatchNormalization counts 4*C
for (const C of [1, 3, 16, 64]) single(`edge_batchnorm_c${C}`, [6, 6, C], BN());

// ------------------------------------------------------------------------------------------------
// 3. Random chains (3–8 layers), mixing every layer kind
function randSpatialLayer(c, allowRefuse) {
  const [h, w, C] = c.shape();
  const minHW = Math.min(h, w);
  const r = rnd();
  const tryValid = (mk) => {
    for (let t = 0; t < 20; t++) {
      const spec = mk();
      if (allowRefuse) return spec;
      const ref = kerasRefusal(spec, [c.shape()]);
      if (!ref) return spec;
    }
    return null;
  };
  const bigPad = () => (minHW <= 3 ? 'same' : randPad());
  const kFit = () => (chance(0.7) ? ri(1, Math.min(5, minHW)) : [ri(1, Math.min(5, h)), ri(1, Math.min(5, w))]);
  const act = () => pick(ACTS);
  if (r < 0.28) return tryValid(() => {
    const s = randS();
    const d = s === undefined && chance(0.2) ? 2 : undefined;
    return Conv(pick([4, 8, 16, 12]), kFit(), { s, padding: bigPad(), d, activation: act() }, pick([1, 2, 2, 3]));
  });
  if (r < 0.40) return tryValid(() => (chance(0.5) ? MaxP : AvgP)(chance(0.3) ? undefined : pick([2, 2, 3, [2, 1], [3, 2]]), { s: chance(0.6) ? undefined : pick([1, 2, [2, 1]]), padding: chance(0.5) ? undefined : bigPad() }, pick([0, 1, 1, 3]), chance(0.1) ? 'MaxPool2D' : null));
  if (r < 0.46) return tryValid(() => DW(kFit(), { s: randS(), padding: bigPad(), dm: chance(0.5) ? undefined : 2 }, pick([0, 1])));
  if (r < 0.51) return tryValid(() => Sep(pick([8, 16]), kFit(), { s: randS(), padding: bigPad(), activation: act() }, 2));
  if (r < 0.57) return h * w < 400 ? ConvT(pick([4, 8]), pick([2, 3, [2, 3]]), { s: pick([1, 2, 2, [2, 1]]), padding: randPad(), activation: act() }, pick([2, 3])) : MaxP(2);
  if (r < 0.62) return tryValid(() => Crop(pick([1, [1, 2], [[0, 1], [2, 0]], [[1, 1], [0, 0]]])));
  if (r < 0.67) return ZPad(pick([1, 2, [1, 2], [[0, 1], [1, 0]], [[2, 1], [3, 0]]]), pick([0, 1]));
  if (r < 0.72) return h * w < 300 ? Up(pick([undefined, 2, [2, 1], 3]), pick([undefined, 'nearest', 'bilinear'])) : Act('relu');
  if (r < 0.79) return BN();
  if (r < 0.84) return Drop(pick([0.1, 0.25, 0.5]));
  if (r < 0.90) return pick([Act('relu'), Act('sigmoid'), Act('tanh'), Leaky(), Leaky(0.1, 1), Relu(), Leaky(0.2)]);
  return null; // end of spatial part
}
function randHead(c) {
  const r = rnd();
  if (r < 0.35) { c.add(Flat()); c.add(Dense(pick([10, 32, 64]), pick([undefined, 'relu', 'softmax']))); if (chance(0.5)) c.add(Dense(pick([1, 2, 10]), pick(['softmax', 'sigmoid', undefined]))); }
  else if (r < 0.55) { c.add(chance(0.5) ? GAvg(chance(0.2) ? 'GlobalAvgPool2D' : null) : GMax()); c.add(Dense(pick([3, 10]), pick([undefined, 'softmax']))); }
  else if (r < 0.65) { c.add(Dense(pick([5, 16]), pick([undefined, 'relu']))); }
  else if (r < 0.75) { c.add(Flat()); c.add(Drop(0.5)); c.add(Dense(10, 'softmax')); }
  else if (r < 0.82) { const [h, w, C] = c.shape(); c.add(Resh(chance(0.5) ? [h * w, C] : [-1, C])); c.add(Dense(4)); }
}
for (let n = 0; n < 110; n++) {
  const H = pick([...SIZES.slice(5), 64, 96, 100, 224, 225]), W = chance(0.7) ? H : pick(SIZES.slice(5)), C = pick([1, 3, 3, 4]);
  const cH = H > 100 ? 1 : C;
  const allowRefuse = n % 10 === 7;
  const c = newCase(`chain_${n}_i${H}x${W}x${cH}${allowRefuse ? '_mayrefuse' : ''}`, [H, W, cH]);
  const nl = ri(3, 8);
  let first = true, guard = 0;
  while (c.nodes.length < nl && !c.refused && guard++ < 100) {
    let spec = randSpatialLayer(c, allowRefuse);
    if (first && H > 100) spec = Conv(4, 3, { s: 2, padding: pick(['same', 'valid']), activation: 'relu' }, 2); // keep large inputs cheap
    first = false;
    if (!spec) { if (c.nodes.length >= 3) break; else continue; }
    c.add(spec);
  }
  if (!c.refused && chance(0.6)) randHead(c);
  addCase(c.finish());
}

// ------------------------------------------------------------------------------------------------
// 4. Functional DAGs: skip connections, concat/add, refused merges
function dagResidual(n) {
  const H = pick([8, 9, 15, 16, 17, 28, 31, 32]), C = pick([3, 8, 16]);
  const c = newCase(`dag_residual_${n}_i${H}x${H}x${C}`, [H, H, C], { api: 'func' });
  const f = pick([8, 16]);
  const stem = c.add(Conv(f, 3, { padding: 'same', activation: 'relu' }, 2), [-1]);
  const a = c.add(Conv(f, 3, { padding: 'same' }, 2), [stem]);
  const b = c.add(BN(), [a]);
  const r = c.add(Act('relu'), [b]);
  const s = c.add(chance(0.5) ? AddL() : addFn(), [stem, r]);
  if (chance(0.5)) c.add(MaxP(2), [s]);
  if (chance(0.5)) { c.add(GAvg()); c.add(Dense(10, 'softmax')); }
  addCase(c.finish());
}
function dagConcat(n) {
  const H = pick([8, 12, 16, 17, 24, 32]), C = pick([1, 3]);
  const c = newCase(`dag_concat_${n}_i${H}x${H}x${C}`, [H, H, C], { api: 'func' });
  const a = c.add(Conv(pick([4, 8]), 1, { padding: 'same' }, 2), [-1]);
  const b = c.add(Conv(pick([4, 8]), 3, { padding: 'same' }, 2), [-1]);
  const d = c.add(MaxP(3, { s: 1, padding: 'same' }, 1), [-1]);
  const useFn = chance(0.5);
  const axis = pick([undefined, -1, 3]);
  c.add(useFn ? concatFn(axis) : Concat(axis), [a, b, d]);
  c.add(Conv(8, 1, {}, 2));
  addCase(c.finish());
}
function dagUnetMini(n) {
  const H = pick([16, 32, 48, 64]), C = pick([1, 3]);
  const c = newCase(`dag_unet_mini_${n}_i${H}x${H}x${C}`, [H, H, C], { api: 'func' });
  const c1 = c.add(Conv(8, 3, { padding: 'same', activation: 'relu' }, 2), [-1]);
  const p1 = c.add(MaxP([2, 2]), [c1]);
  const c2 = c.add(Conv(16, 3, { padding: 'same', activation: 'relu' }, 2), [p1]);
  const up = chance(0.5) ? c.add(Up([2, 2]), [c2]) : c.add(ConvT(8, 2, { s: 2, padding: 'same' }, 2), [c2]);
  const m = c.add(chance(0.5) ? concatFn(3) : Concat(), [c1, up]);
  const c3 = c.add(Conv(8, 3, { padding: 'same', activation: 'relu' }, 2), [m]);
  c.add(Conv(1, 1, { activation: 'sigmoid' }, 2), [c3]);
  addCase(c.finish());
}
function dagValidCrop(n) {
  const H = pick([20, 24, 28, 36, 44]);
  const c = newCase(`dag_valid_crop_${n}_i${H}x${H}x1`, [H, H, 1], { api: 'func' });
  const c1 = c.add(Conv(4, 3, { activation: 'relu' }, 2), [-1]);
  const c1b = c.add(Conv(4, 3, { activation: 'relu' }, 2), [c1]);
  const p = c.add(MaxP(2), [c1b]);
  const c2 = c.add(Conv(8, 3, { activation: 'relu' }, 2), [p]);
  const u = c.add(ConvT(4, 2, { s: 2 }, 2), [c2]);
  const hs = c.shape(c1b)[0], hu = c.shape(u)[0];
  const t = (hs - hu) / 2;
  const cr = c.add(Crop(Number.isInteger(t) ? [[t, t], [t, t]] : [[Math.floor(t), Math.ceil(t)], [Math.floor(t), Math.ceil(t)]]), [c1b]);
  c.add(concatFn(3), [cr, u]);
  c.add(Conv(2, 1, {}, 2));
  addCase(c.finish());
}
for (let n = 0; n < 12; n++) dagResidual(n);
for (let n = 0; n < 10; n++) dagConcat(n);
for (let n = 0; n < 10; n++) dagUnetMini(n);
for (let n = 0; n < 8; n++) dagValidCrop(n);
// refused merges
{
  let c = newCase('dag_concat_spatial_mismatch_refused', [16, 16, 3], { api: 'func', style: 'from' });
  const a = c.add(Conv(8, 3, {}, 2), [-1]);
  c.add(Concatenate_(), [-1, a]); addCase(c.finish());
  c = newCase('dag_add_shape_mismatch_refused', [16, 16, 3], { api: 'func', style: 'from' });
  const b = c.add(Conv(3, 3, {}, 2), [-1]);
  c.add(AddL(), [-1, b]); addCase(c.finish());
  c = newCase('dag_add_channel_mismatch_refused', [16, 16, 3], { api: 'func', style: 'keras' });
  const e = c.add(Conv(8, 3, { padding: 'same' }, 2), [-1]);
  c.add(addFn(), [-1, e]); addCase(c.finish());
  c = newCase('dag_concat_axis1_ok', [8, 6, 3], { api: 'func', style: 'from' });
  const f1 = c.add(Conv(3, 3, { padding: 'same' }, 2), [-1]);
  c.add(concatFn(1), [-1, f1]); addCase(c.finish());
  c = newCase('dag_concat_axis1_refused', [8, 6, 3], { api: 'func', style: 'from' });
  const f2 = c.add(Conv(4, 3, { padding: 'same' }, 2), [-1]);
  c.add(concatFn(1), [-1, f2]); addCase(c.finish());
  c = newCase('dag_unet_crop_missing_refused', [20, 20, 1], { api: 'func', style: 'from' });
  const g1 = c.add(Conv(4, 3, {}, 2), [-1]);
  const g2 = c.add(MaxP(2), [g1]);
  const g3 = c.add(Conv(8, 3, {}, 2), [g2]);
  const g4 = c.add(ConvT(4, 2, { s: 2 }, 2), [g3]);
  c.add(concatFn(3), [g1, g4]); c.add(Conv(1, 1, {}, 2)); addCase(c.finish());
  c = newCase('seq_conv_after_flatten_refused', [8, 8, 1], { api: 'seq', style: 'from' });
  c.add(Flat(), [-1]); c.add(Conv(4, 3, {}, 2)); addCase(c.finish());
  c = newCase('seq_refused_midway_then_more_layers', [10, 10, 1], { api: 'seq', style: 'from' });
  c.add(Conv(4, 3, { activation: 'relu' }, 2), [-1]); c.add(MaxP(2)); c.add(Conv(8, 5, { activation: 'relu' }, 2)); c.add(Flat()); c.add(Dense(10, 'softmax'));
  addCase(c.finish());
}
function Concatenate_() { return Concat(); }

// A handful of cases with explicit name= (naming is tested separately; shapes must not depend on names)
{
  const c = newCase('named_layers_seq', [32, 32, 3], { api: 'seq', style: 'from' });
  c.add(L('Conv2D', [['filters', 16], ['kernel_size', 3], ['activation', 'relu'], ['name', 'block1_conv1']], { npos: 2 }), [-1]);
  c.add(L('MaxPooling2D', [['pool_size', 2], ['name', 'block1_pool']], { npos: 1 }));
  c.add(L('Flatten', [['name', 'flatten']]));
  c.add(L('Dense', [['units', 10], ['activation', 'softmax'], ['name', 'predictions']], { npos: 1 }));
  addCase(c.finish());
  const d = newCase('named_layers_func', [28, 28, 1], { api: 'func', style: 'from' });
  const x1 = d.add(L('Conv2D', [['filters', 8], ['kernel_size', 3], ['padding', 'same'], ['name', 'enc_conv']], { npos: 2 }), [-1]);
  const x2 = d.add(L('Conv2D', [['filters', 8], ['kernel_size', 1], ['name', 'shortcut']], { npos: 2 }), [-1]);
  d.add(L('Add', [['name', 'merge']]), [x1, x2]);
  addCase(d.finish());
  const e = newCase('named_layers_keras3', [12, 12, 2], { api: 'seq', style: 'keras3' });
  e.add(L('DepthwiseConv2D', [['kernel_size', 3], ['depth_multiplier', 2], ['name', 'dw']], { npos: 1 }), [-1]);
  e.add(L('GlobalAveragePooling2D', [['name', 'gap']]));
  addCase(e.finish());
}

// ------------------------------------------------------------------------------------------------
// 5. Example models (resources/examples/*.py): the code is the file's text; the graph built here mirrors it.
function exampleText(name) { return readFileSync(path.join(ROOT, 'resources', 'examples', name), 'utf8'); }
{
  // autoencoder.py — Keras blog convolutional autoencoder
  const c = new KCase('example_autoencoder', [28, 28, 1], { api: 'func', code: exampleText('autoencoder.py') });
  c.add(Conv(16, [3, 3], { activation: 'relu', padding: 'same' }), [-1]);
  c.add(MaxP([2, 2], { padding: 'same' }));
  c.add(Conv(8, [3, 3], { activation: 'relu', padding: 'same' }));
  c.add(MaxP([2, 2], { padding: 'same' }));
  c.add(Conv(8, [3, 3], { activation: 'relu', padding: 'same' }));
  c.add(MaxP([2, 2], { padding: 'same' }));
  c.add(Conv(8, [3, 3], { activation: 'relu', padding: 'same' }));
  c.add(Up([2, 2]));
  c.add(Conv(8, [3, 3], { activation: 'relu', padding: 'same' }));
  c.add(Up([2, 2]));
  c.add(Conv(16, [3, 3], { activation: 'relu' }));
  c.add(Up([2, 2]));
  c.add(Conv(1, [3, 3], { activation: 'sigmoid', padding: 'same' }));
  addCase(c.finish());
}
{
  // unet_same.py — U-Net with 'same' convolutions (zhixuhao style), 256x256x1
  const c = new KCase('example_unet_same', [256, 256, 1], { api: 'func', code: exampleText('unet_same.py') });
  const conv = (f, k, inp, act = 'relu') => c.add(Conv(f, k, { activation: act, padding: 'same' }), [inp]);
  let x = -1;
  const enc = [];
  for (const f of [64, 128, 256, 512]) {
    x = conv(f, 3, x); x = conv(f, 3, x);
    if (f === 512) x = c.add(Drop(0.5), [x]);
    enc.push(x);
    x = c.add(MaxP([2, 2]), [x]);
  }
  x = conv(1024, 3, x); x = conv(1024, 3, x); x = c.add(Drop(0.5), [x]);
  for (const [f, skip] of [[512, enc[3]], [256, enc[2]], [128, enc[1]], [64, enc[0]]]) {
    const u = c.add(Up([2, 2]), [x]);
    const up = conv(f, 2, u);
    x = c.add(concatFn(3), [skip, up]);
    x = conv(f, 3, x); x = conv(f, 3, x);
  }
  x = conv(2, 3, x);
  c.add(L('Conv2D', [['filters', 1], ['kernel_size', 1], ['activation', 'sigmoid']]), [x]);
  addCase(c.finish());
}
{
  // unet_valid.py — original U-Net (Ronneberger et al. 2015), valid convolutions, 572x572x1 -> 388x388x2
  const c = new KCase('example_unet_valid', [572, 572, 1], { api: 'func', code: exampleText('unet_valid.py') });
  const conv = (f, inp) => c.add(Conv(f, [3, 3], { activation: 'relu' }), [inp]);
  let x = -1;
  const enc = [];
  for (const f of [64, 128, 256, 512]) {
    x = conv(f, x); x = conv(f, x); enc.push(x);
    x = c.add(MaxP([2, 2], { s: [2, 2] }), [x]);
  }
  x = conv(1024, x); x = conv(1024, x);
  for (const [f, skip, crop] of [[512, enc[3], 4], [256, enc[2], 16], [128, enc[1], 40], [64, enc[0], 88]]) {
    const cr = c.add(Crop([[crop, crop], [crop, crop]]), [skip]);
    const up = c.add(ConvT(f, [2, 2], { s: [2, 2] }), [x]);
    x = c.add(concatFn(-1), [cr, up]);
    x = conv(f, x); x = conv(f, x);
  }
  c.add(Conv(2, [1, 1]), [x]);
  addCase(c.finish());
}
{
  // lenet5.py — LeNet-5 on 32x32x1 (tanh, average pooling)
  const c = new KCase('example_lenet5', [32, 32, 1], { api: 'seq', code: exampleText('lenet5.py') });
  c.add(Conv(6, [5, 5], { s: [1, 1], activation: 'tanh' }), [-1]);
  c.add(AvgP([2, 2], { s: [2, 2] }));
  c.add(Conv(16, [5, 5], { s: [1, 1], activation: 'tanh' }));
  c.add(AvgP([2, 2], { s: [2, 2] }));
  c.add(Flat());
  c.add(Dense(120, 'tanh'));
  c.add(Dense(84, 'tanh'));
  c.add(Dense(10, 'softmax'));
  addCase(c.finish());
}
{
  // vgg16.py — VGG16 (configuration D), 224x224x3
  const c = new KCase('example_vgg16', [224, 224, 3], { api: 'seq', code: exampleText('vgg16.py') });
  let first = true;
  for (const [f, n] of [[64, 2], [128, 2], [256, 3], [512, 3], [512, 3]]) {
    for (let i = 0; i < n; i++) { c.add(Conv(f, [3, 3], { padding: 'same', activation: 'relu' }), first ? [-1] : null); first = false; }
    c.add(MaxP([2, 2], { s: [2, 2] }));
  }
  c.add(Flat());
  c.add(Dense(4096, 'relu'));
  c.add(Dense(4096, 'relu'));
  c.add(Dense(1000, 'softmax'));
  addCase(c.finish());
}

// ------------------------------------------------------------------------------------------------
// Resolve torch cross-checks, finalize params, write.
const torchVersion = runTorchQueries();
for (const chk of pendingChecks) chk();
for (const c of allCases) {
  for (const l of c.layers) if (l.params && typeof l.params === 'object') l.params = l.params.result.params;
}
// The DESIGN.md formula self-check must agree everywhere (any disagreement is a finding to report).
if (formulaMismatches.length) {
  console.error('DESIGN.md formula disagreements:');
  for (const m of formulaMismatches) console.error('  ' + m);
  process.exitCode = 3;
}
const exampleTotals = allCases.filter((c) => c.id.startsWith('example_')).map((c) => `${c.id}: ${c.layers.reduce((s, l) => s + (l.params || 0), 0)} params, output ${JSON.stringify(c.layers[c.layers.length - 1].output_shape)}`);
mkdirSync(path.dirname(OUT), { recursive: true });
const doc = {
  generator: 'gen_keras_shapes.mjs',
  reference: `@tensorflow/tfjs ${TFJS_VERSION}`,
  gap_reference: torchVersion ? `torch ${torchVersion} (Debian python3-torch), only for the tfjs gaps listed in README.md` : null,
  regenerate: 'cd tests/golden && npm ci && node gen_keras_shapes.mjs',
  cases: allCases,
};
writeFileSync(OUT, JSON.stringify(doc, null, 1) + '\n');
const nOk = allCases.filter((c) => c.ok).length;
console.log(`wrote ${OUT}: ${allCases.length} cases (${nOk} ok, ${allCases.length - nOk} refused), ${torchQueries.length} torch cross-checks`);
console.log(`built but not run (estimated cost above ${RUN_BUDGET_MACS} MACs): ${notRun.join(', ') || 'none'}`);
for (const t of exampleTotals) console.log('  ' + t);
