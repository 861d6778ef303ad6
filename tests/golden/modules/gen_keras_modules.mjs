// Generates tests/golden/modules/keras_modules.json (Keras models written as real Python modules: loops, helper
// functions, nested models, preprocessing layers, Lambdas, custom layers, builders, applications) and the forward
// goldens tests/golden/forward/keras_modules/ + tests/golden/forward/cases_keras_modules.json.
//
//   cd tests/golden && npm ci && node modules/gen_keras_modules.mjs [--only id,id,...] [--cases other_cases.py]
// (--only / --cases: print the rows of those cases, write nothing)
//
// Pipeline (README_keras.md): /usr/bin/python3 runs each case's code with keras_shim/ in sys.modules (a
// recording stand-in for keras / tensorflow.keras). Every Input, layer call and Model the code makes is sent here
// over a JSON-lines pipe; this script builds the same thing in @tensorflow/tfjs 4.22 and answers with the output
// shape or the refusal, so the Python code sees the framework's shapes. Each case's rows (names, types, shapes,
// params, nested models) are then read from the tfjs model. Deterministic: no clock, seeded PRNGs, fixed order.
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GOLDEN = path.resolve(HERE, '..');
const ROOT = path.resolve(GOLDEN, '..', '..');
const OUT = path.join(HERE, 'keras_modules.json');
const FWD_DIR = path.join(GOLDEN, 'forward', 'keras_modules');
const FWD_MANIFEST = path.join(GOLDEN, 'forward', 'cases_keras_modules.json');
const APPS = path.join(ROOT, 'resources', 'applications', 'keras');
const PYTHON = process.env.PYTHON || '/usr/bin/python3';
const RUN_BUDGET_MACS = 3e7;
const onlyArg = process.argv.indexOf('--only');
const casesArg = process.argv.indexOf('--cases'); // another cases file: a dry run, like --only
const CASES_PY = casesArg > 0 ? path.resolve(process.argv[casesArg + 1]) : path.join(HERE, 'keras_modules_cases.py');
const ONLY = onlyArg > 0 ? process.argv[onlyArg + 1] : casesArg > 0 ? '*' : '';

await tf.setBackend('cpu');
const TFJS_VERSION = tf.version.tfjs;

class GenError extends Error {} // a generator problem (never a golden result)
const gen = (m) => { throw new GenError(m); };
const prod = (a) => a.reduce((x, y) => x * y, 1);
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const tup2 = (v) => (Array.isArray(v) ? v : [v, v]);
const py = (v) => {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return v.length === 1 ? `(${py(v[0])},)` : `(${v.map(py).join(', ')})`;
  return String(v);
};
const pyShape = (s) => `(${s.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
const firstLine = (m) => String(m).split('\n')[0];

// ================================================================================================ custom tfjs layers
// Evaluated layers: computeOutputShape runs call() on zeros (batch 1), so the shape always comes from the same code
// that computes the values.
class EvalLayer extends tf.layers.Layer {
  computeOutputShape(inputShape) {
    const multi = Array.isArray(inputShape[0]);
    const shapes = multi ? inputShape : [inputShape];
    for (const s of shapes) if (s.slice(1).some((d) => d === null)) gen(`${this.name}: unknown non-batch dimension`);
    return tf.tidy(() => {
      const zs = shapes.map((s) => tf.zeros([1, ...s.slice(1)]));
      const y = this.call(multi ? zs : zs[0], {});
      return [null, ...y.shape.slice(1)];
    });
  }
}

// Normalization (tf.keras 2 / Keras 3): (x - mean) / max(sqrt(variance), 1e-7). Without mean/variance the layer owns
// the weights mean (C), variance (C) and count (scalar): 2C + 1 parameters, all non-trainable.
class KNormalization extends EvalLayer {
  constructor(a) { super({ name: a.name, trainable: a.trainable }); this.a = a; }
  build(inputShape) {
    const rank = inputShape.length;
    let axes = this.a.axis === undefined ? [-1] : this.a.axis === null ? [] : Array.isArray(this.a.axis) ? this.a.axis : [this.a.axis];
    axes = axes.map((x) => (x + rank) % rank);
    this.bshape = inputShape.map((d, i) => (i > 0 && axes.includes(i) ? d : 1));
    const wshape = axes.map((i) => inputShape[i]);
    if (this.a.mean === undefined || this.a.mean === null) {
      this.mean = this.addWeight('mean', wshape, 'float32', tf.initializers.zeros(), undefined, false);
      this.variance = this.addWeight('variance', wshape, 'float32', tf.initializers.ones(), undefined, false);
      this.count = this.addWeight('count', [], 'float32', tf.initializers.zeros(), undefined, false);
    } else {
      const n = prod(wshape);
      const expand = (v) => (Array.isArray(v) ? v.flat(Infinity) : new Array(n).fill(v));
      this.cmean = expand(this.a.mean); this.cvar = expand(this.a.variance);
      if (this.cmean.length !== n || this.cvar.length !== n) gen(`${this.name}: mean/variance size`);
    }
    this.built = true;
  }
  call(x) {
    return tf.tidy(() => {
      x = Array.isArray(x) ? x[0] : x;
      const m = this.mean ? this.mean.read().reshape(this.bshape) : tf.tensor(this.cmean, this.bshape);
      const v = this.variance ? this.variance.read().reshape(this.bshape) : tf.tensor(this.cvar, this.bshape);
      const sd = tf.maximum(tf.sqrt(v), 1e-7);
      return this.a.invert ? tf.add(m, tf.mul(x, sd)) : tf.div(tf.sub(x, m), sd);
    });
  }
  static get className() { return 'Normalization'; }
}

// tf.image.resize as TensorFlow 2 does it (half-pixel centres, no antialias); tfjs' own Resizing layer uses
// align_corners=True and its computeOutputShape drops the batch dimension.
function resizeTF2(x, h, w, method) {
  if (method === 'bilinear') return tf.image.resizeBilinear(x, [h, w], false, true);
  if (method === 'nearest') return tf.image.resizeNearestNeighbor(x, [h, w], false, true);
  return gen(`resize method ${method} is not modelled`);
}
// keras.preprocessing.image.smart_resize (tf.keras 2): crop the largest centred window of the target aspect ratio.
function smartResize(x, h, w, method) {
  const [H, W] = [x.shape[1], x.shape[2]];
  let ch = Math.trunc(Math.fround(W * h) / w), cw = Math.trunc(Math.fround(H * w) / h);
  ch = Math.min(H, ch); cw = Math.min(W, cw);
  const hs = Math.trunc((H - ch) / 2), ws = Math.trunc((W - cw) / 2);
  return resizeTF2(tf.slice(x, [0, hs, ws, 0], [-1, ch, cw, -1]), h, w, method);
}
class KResizing extends EvalLayer {
  constructor(a) { super({ name: a.name }); this.a = a; }
  call(x) {
    return tf.tidy(() => {
      x = Array.isArray(x) ? x[0] : x;
      const m = this.a.interpolation ?? 'bilinear';
      return this.a.crop_to_aspect_ratio ? smartResize(x, this.a.height, this.a.width, m) : resizeTF2(x, this.a.height, this.a.width, m);
    });
  }
  static get className() { return 'Resizing'; }
}
// CenterCrop (tf.keras 2 / Keras 3): a slice from int(diff/2) when the input is at least the target size, else
// smart_resize. tfjs' CenterCrop samples with cropAndResize and shifts a 0 width offset to 1.
class KCenterCrop extends EvalLayer {
  constructor(a) { super({ name: a.name }); this.a = a; }
  call(x) {
    return tf.tidy(() => {
      x = Array.isArray(x) ? x[0] : x;
      const dh = x.shape[1] - this.a.height, dw = x.shape[2] - this.a.width;
      if (dh >= 0 && dw >= 0) return tf.slice(x, [0, Math.trunc(dh / 2), Math.trunc(dw / 2), 0], [-1, this.a.height, this.a.width, -1]);
      return smartResize(x, this.a.height, this.a.width, 'bilinear');
    });
  }
  static get className() { return 'CenterCrop'; }
}
// A weightless layer given by a function (identity for the random augmentation layers at inference, ...).
class KFn extends EvalLayer {
  constructor(name, fn, cls) { super({ name }); this.fn = fn; this.cls = cls; }
  call(x) { return tf.tidy(() => this.fn(x)); }
  static get className() { return 'KFn'; }
}
// The topology-only twin of every layer: output = first input. Used to get the layer order of models whose real
// build stopped at a refusal (tfjs' model.layers is a port of Keras' _map_graph_network).
class Shadow extends tf.layers.Layer {
  computeOutputShape(s) { return Array.isArray(s[0]) ? s[0] : s; }
  call(x) { return Array.isArray(x) ? x[0] : x; }
  static get className() { return 'Shadow'; }
}

// ------------------------------------------------------------------------------------------------ traced layers
const checkNodeShape = (layer, node, i, y) => {
  if (!node.shape) return;
  const want = node.shape.map((d) => (d === null ? 1 : d));
  if (JSON.stringify(want) !== JSON.stringify(y.shape)) gen(`${layer.name}: traced node ${i} (${node.op}) has shape ${JSON.stringify(y.shape)} in tfjs, ${JSON.stringify(node.shape)} in the Python tracer`);
};
function actFn(name, x) {
  switch (name) {
    case 'relu': return tf.relu(x);
    case 'relu6': return tf.relu6(x);
    case 'sigmoid': return tf.sigmoid(x);
    case 'tanh': return tf.tanh(x);
    case 'exp': return tf.exp(x);
    case 'log': return tf.log(x);
    case 'sqrt': return tf.sqrt(x);
    case 'square': return tf.square(x);
    case 'abs': return tf.abs(x);
    case 'neg': return tf.neg(x);
    case 'elu': return tf.elu(x);
    case 'selu': return tf.selu(x);
    case 'softplus': return tf.softplus(x);
    case 'softsign': return tf.div(x, tf.add(tf.abs(x), 1));
    case 'swish': return tf.mul(x, tf.sigmoid(x));
    case 'gelu': return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.div(x, Math.SQRT2))));
    case 'hard_sigmoid': return tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1);
    case 'identity': return x;
    case 'zeros_like': return tf.zerosLike(x);
    case 'ones_like': return tf.onesLike(x);
    case 'flip_lr': return tf.reverse(x, 2);
    default: return gen(`traced op ${name} is not modelled`);
  }
}
class Traced extends tf.layers.Layer {
  constructor(a) {
    super({ name: a.name, trainable: a.trainable });
    this.g = a.graph; this.cls = a.cls; this.subs = new Map(); this.wvars = new Map(); this.checked = false;
  }
  build(inputShape) {
    for (const [owner, w] of Object.entries(this.g.weights)) {
      w.specs.forEach((s, k) => {
        const init = s.initializer === 'ones' ? tf.initializers.ones() : tf.initializers.zeros();
        this.wvars.set(`${owner}:${k}`, this.addWeight(`${w.name}/${s.name}`, s.shape, 'float32', init, undefined, s.trainable));
      });
    }
    const multi = Array.isArray(inputShape[0]);
    const shapes = multi ? inputShape : [inputShape];
    tf.tidy(() => { this.evaluate(shapes.map((s) => tf.zeros([1, ...s.slice(1)])), true); });
    this.built = true;
  }
  get trainableWeights() {
    if (!this.trainable) return [];
    return super.trainableWeights.concat([...this.subs.values()].flatMap((l) => l.trainableWeights));
  }
  get nonTrainableWeights() {
    const own = super.nonTrainableWeights, subs = [...this.subs.values()];
    if (!this.trainable) return own.concat(subs.flatMap((l) => l.weights));
    return own.concat(subs.flatMap((l) => l.nonTrainableWeights));
  }
  sub(id, xs) {
    if (!this.subs.has(id)) {
      const d = this.g.sublayers[String(id)];
      const l = makeBuiltin(d.cls, d.config, d.name, xs.map((t) => [null, ...t.shape.slice(1)]), d.trainable);
      this.subs.set(id, l);
    }
    return this.subs.get(id);
  }
  evaluate(inputs, check) {
    const v = [];
    const val = (o) => (o.t !== undefined ? v[o.t] : o.a !== undefined ? tf.tensor(o.a, o.ashape) : tf.scalar(o.c));
    this.g.nodes.forEach((n, i) => {
      let y;
      switch (n.op) {
        case 'input': y = inputs[n.index]; break;
        case 'weight': y = this.wvars.get(`${n.owner}:${n.index}`).read(); break;
        case 'add': y = tf.add(val(n.a), val(n.b)); break;
        case 'sub': y = tf.sub(val(n.a), val(n.b)); break;
        case 'mul': y = tf.mul(val(n.a), val(n.b)); break;
        case 'div': y = tf.div(val(n.a), val(n.b)); break;
        case 'pow': y = tf.pow(val(n.a), val(n.b)); break;
        case 'maximum': y = tf.maximum(val(n.a), val(n.b)); break;
        case 'minimum': y = tf.minimum(val(n.a), val(n.b)); break;
        case 'softmax': y = n.axis === val(n.x).rank - 1 ? tf.softmax(val(n.x)) : gen('softmax on a non-last axis'); break;
        case 'leaky_relu': y = tf.leakyRelu(val(n.x), n.alpha); break;
        case 'clip': y = tf.clipByValue(val(n.x), n.lo, n.hi); break;
        case 'l2_normalize': {
          const x = val(n.x);
          y = tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), n.axis, true), n.epsilon)));
          break;
        }
        case 'concat': y = tf.concat(n.xs.map(val), n.axis); break;
        case 'stack': y = tf.stack(n.xs.map(val), n.axis); break;
        case 'reduce': {
          const f = { mean: tf.mean, sum: tf.sum, max: tf.max, min: tf.min, prod: tf.prod }[n.kind];
          y = f(val(n.x), n.axes, n.keepdims);
          break;
        }
        case 'reshape': { const x = val(n.x); y = tf.reshape(x, [x.shape[0], ...n.target]); break; }
        case 'transpose': y = tf.transpose(val(n.x), n.perm); break;
        case 'expand_dims': y = tf.expandDims(val(n.x), n.axis); break;
        case 'squeeze': y = tf.squeeze(val(n.x), n.axes); break;
        case 'narrow': {
          const x = val(n.x);
          const b = x.shape.map(() => 0), s = x.shape.map(() => -1);
          b[n.axis] = n.begin; s[n.axis] = n.size;
          y = tf.slice(x, b, s);
          break;
        }
        case 'slice': { y = tf.slice(val(n.x), n.begin, n.size); if (n.shrink.length) y = tf.squeeze(y, n.shrink); break; }
        case 'pad': {
          const x = val(n.x);
          if (n.mode === 'CONSTANT') y = tf.pad(x, n.paddings, n.value);
          else if (n.mode === 'REFLECT' || n.mode === 'SYMMETRIC') y = tf.mirrorPad(x, n.paddings, n.mode.toLowerCase());
          else gen(`pad mode ${n.mode}`);
          break;
        }
        case 'resize': y = resizeTF2(val(n.x), n.size[0], n.size[1], n.method); break;
        case 'depth_to_space': y = tf.depthToSpace(val(n.x), n.block, 'NHWC'); break;
        case 'space_to_depth': {
          const x = val(n.x); const [B, H, W, Cc] = x.shape; const b = n.block;
          y = tf.reshape(tf.transpose(tf.reshape(x, [B, H / b, b, W / b, b, Cc]), [0, 1, 3, 2, 4, 5]), [B, H / b, W / b, b * b * Cc]);
          break;
        }
        case 'matmul': {
          const a = val(n.a), b = val(n.b);
          if (a.rank === 2) y = tf.matMul(a, b);
          else y = tf.reshape(tf.matMul(tf.reshape(a, [-1, a.shape[a.rank - 1]]), b), [...a.shape.slice(0, -1), b.shape[1]]);
          break;
        }
        case 'random_normal': y = tf.randomNormal(n.dims.map((d) => (d === 'batch' ? inputs[0].shape[0] : d)), n.mean, n.stddev, 'float32', 7); break;
        case 'layer': {
          const xs = n.xs.map(val);
          y = this.sub(n.layer, xs).apply(n.list_input ? xs : xs[0]);
          break;
        }
        default: y = actFn(n.op, val(n.x));
      }
      if (check) checkNodeShape(this, n, i, y);
      v.push(y);
    });
    return v[this.g.out];
  }
  call(inputs) {
    return tf.tidy(() => this.evaluate(Array.isArray(inputs) ? inputs : [inputs], false));
  }
  computeOutputShape(inputShape) {
    const multi = Array.isArray(inputShape[0]);
    const shapes = multi ? inputShape : [inputShape];
    return tf.tidy(() => [null, ...this.evaluate(shapes.map((s) => tf.zeros([1, ...s.slice(1)])), false).shape.slice(1)]);
  }
  static get className() { return 'Traced'; }
}

// ================================================================================================ built-in layers
const ACT = { relu: 'relu', sigmoid: 'sigmoid', tanh: 'tanh', softmax: 'softmax', linear: 'linear', elu: 'elu',
  selu: 'selu', softplus: 'softplus', softsign: 'softsign', swish: 'swish', relu6: 'relu6', gelu: 'gelu',
  hard_sigmoid: 'hardSigmoid' };
const IGNORED = new Set(['kernel_initializer', 'bias_initializer', 'kernel_regularizer', 'bias_regularizer',
  'activity_regularizer', 'kernel_constraint', 'bias_constraint', 'depthwise_initializer', 'depthwise_regularizer',
  'depthwise_constraint', 'pointwise_initializer', 'pointwise_regularizer', 'pointwise_constraint',
  'beta_initializer', 'gamma_initializer', 'moving_mean_initializer', 'moving_variance_initializer',
  'beta_regularizer', 'gamma_regularizer', 'beta_constraint', 'gamma_constraint', 'alpha_initializer',
  'alpha_regularizer', 'alpha_constraint', 'seed', 'noise_shape', 'fill_mode', 'fill_value', 'value_range']);
const AUGMENT = new Set(['RandomFlip', 'RandomRotation', 'RandomZoom', 'RandomTranslation', 'RandomContrast', 'RandomBrightness']);

// Weights are initialised with zeros (fast for VGG-sized models); forward goldens set seeded values afterwards.
const FAST_INIT = { Conv2D: { kernelInitializer: 'zeros' }, Conv2DTranspose: { kernelInitializer: 'zeros' },
  SeparableConv2D: { depthwiseInitializer: 'zeros', pointwiseInitializer: 'zeros' }, DepthwiseConv2D: { depthwiseInitializer: 'zeros' } };
// Keras config (Python names, as the code wrote them) -> a tfjs layer. Unknown arguments stop the generator.
function makeBuiltin(cls, config, name, inShapes, trainable = true) {
  const c = { ...config };
  for (const k of Object.keys(c)) if (IGNORED.has(k)) delete c[k];
  if ('data_format' in c) { if (c.data_format !== null && c.data_format !== 'channels_last') gen(`${name}: data_format ${c.data_format}`); delete c.data_format; }
  const o = { name, trainable };
  const take = (k, f = (x) => x, tk = camel(k)) => { if (k in c) { if (c[k] !== null) o[tk] = f(c[k]); delete c[k]; } };
  const act = (a) => (a in ACT ? ACT[a] : gen(`${name}: activation ${a} is not in tfjs`));
  const pad = (p) => String(p).toLowerCase();
  const one = (v) => (Array.isArray(v) ? v : v);
  const done = (layer) => { const rest = Object.keys(c); if (rest.length) gen(`${name} (${cls}): arguments not modelled: ${rest.join(', ')}`); return layer; };
  const inS = inShapes ? inShapes[0] : null;
  switch (cls) {
    case 'Conv2D': case 'Conv2DTranspose': case 'SeparableConv2D': case 'DepthwiseConv2D': {
      if ((c.groups ?? 1) !== 1) gen(`${name}: Conv2D(groups) is a tfjs gap (ignored by tfjs)`);
      delete c.groups;
      if (c.output_padding !== undefined && c.output_padding !== null) gen(`${name}: output_padding is a tfjs gap`);
      delete c.output_padding;
      const d = c.dilation_rate === undefined || c.dilation_rate === null ? 1 : Math.max(...tup2(c.dilation_rate));
      if (d > 1 && (cls === 'Conv2DTranspose' || cls === 'DepthwiseConv2D')) gen(`${name}: ${cls}(dilation_rate) is a tfjs gap`);
      take('filters'); take('kernel_size'); take('strides'); take('padding', pad); take('dilation_rate');
      take('depth_multiplier'); take('activation', act); take('use_bias');
      Object.assign(o, FAST_INIT[cls]);
      const f = { Conv2D: 'conv2d', Conv2DTranspose: 'conv2dTranspose', SeparableConv2D: 'separableConv2d', DepthwiseConv2D: 'depthwiseConv2d' }[cls];
      return done(tf.layers[f](o));
    }
    case 'MaxPooling2D': case 'AveragePooling2D':
      take('pool_size'); take('strides'); take('padding', pad);
      return done(tf.layers[cls === 'MaxPooling2D' ? 'maxPooling2d' : 'averagePooling2d'](o));
    case 'GlobalAveragePooling2D': case 'GlobalMaxPooling2D': {
      const keep = c.keepdims; delete c.keepdims;
      if (keep) {
        const f = cls === 'GlobalAveragePooling2D' ? (x) => tf.mean(x, [1, 2], true) : (x) => tf.max(x, [1, 2], true);
        return done(new KFn(name, (x) => f(Array.isArray(x) ? x[0] : x), cls));
      }
      return done(tf.layers[cls === 'GlobalAveragePooling2D' ? 'globalAveragePooling2d' : 'globalMaxPooling2d'](o));
    }
    case 'Dense': take('units'); take('activation', act); take('use_bias'); o.kernelInitializer = 'zeros'; return done(tf.layers.dense(o));
    case 'Flatten': return done(tf.layers.flatten(o));
    case 'Reshape': {
      let t = c.target_shape; delete c.target_shape;
      if (t.includes(-1)) {
        // tfjs leaves a -1 unresolved (null) in the symbolic shape; resolve it from the input shape as Keras does
        const n = prod(inS.slice(1)), known = prod(t.filter((x) => x !== -1));
        if (known > 0 && n % known === 0) t = t.map((x) => (x === -1 ? n / known : x));
      }
      o.targetShape = t;
      return done(tf.layers.reshape(o));
    }
    case 'Dropout': case 'SpatialDropout2D': take('rate'); return done(tf.layers.dropout(o));
    case 'GaussianNoise': take('stddev'); return done(tf.layers.gaussianNoise(o));
    case 'GaussianDropout': take('rate'); return done(tf.layers.gaussianDropout(o));
    case 'Activation': take('activation', act); return done(tf.layers.activation(o));
    case 'ReLU': {
      if ((c.negative_slope ?? 0) !== 0 || (c.threshold ?? 0) !== 0) gen(`${name}: ReLU(negative_slope/threshold)`);
      delete c.negative_slope; delete c.threshold;
      take('max_value'); return done(tf.layers.reLU(o));
    }
    case 'LeakyReLU': {
      if ('negative_slope' in c) { c.alpha = c.negative_slope; delete c.negative_slope; }
      o.alpha = c.alpha ?? 0.3; delete c.alpha;
      return done(tf.layers.leakyReLU(o));
    }
    case 'PReLU': take('shared_axes'); return done(tf.layers.prelu(o));
    case 'ELU': take('alpha'); return done(tf.layers.elu(o));
    case 'Softmax': o.axis = c.axis ?? -1; delete c.axis; return done(tf.layers.softmax(o)); // tfjs' default axis is 1
    case 'BatchNormalization':
      take('axis'); take('momentum'); take('epsilon'); take('center'); take('scale');
      for (const k of ['synchronized', 'renorm', 'renorm_clipping', 'renorm_momentum', 'fused', 'virtual_batch_size', 'adjustment']) { if (c[k] && k !== 'fused') gen(`${name}: ${k}`); delete c[k]; }
      return done(tf.layers.batchNormalization(o));
    case 'LayerNormalization': take('axis'); take('epsilon'); take('center'); take('scale'); return done(tf.layers.layerNormalization(o));
    case 'ZeroPadding2D': take('padding'); return done(tf.layers.zeroPadding2d(o));
    case 'Cropping2D': take('cropping'); return done(tf.layers.cropping2D(o));
    case 'UpSampling2D': {
      const size = tup2(c.size ?? 2); delete c.size;
      const interp = c.interpolation ?? 'nearest'; delete c.interpolation;
      if (interp === 'bilinear') {
        // tfjs' bilinear UpSampling2D samples the TF1 way; TensorFlow 2 uses half-pixel centres
        return done(new KFn(name, (x) => { x = Array.isArray(x) ? x[0] : x; return tf.image.resizeBilinear(x, [x.shape[1] * size[0], x.shape[2] * size[1]], false, true); }, cls));
      }
      if (interp !== 'nearest') gen(`${name}: interpolation ${interp}`);
      o.size = size;
      return done(tf.layers.upSampling2d(o));
    }
    case 'Concatenate': take('axis'); return done(tf.layers.concatenate(o));
    case 'Add': return done(tf.layers.add(o));
    case 'Multiply': return done(tf.layers.multiply(o));
    case 'Average': return done(tf.layers.average(o));
    case 'Maximum': return done(tf.layers.maximum(o));
    case 'Minimum': return done(tf.layers.minimum(o));
    case 'Subtract': {
      if (inShapes.length !== 2) gen('Subtract with other than 2 inputs');
      return done(new KFn(name, (xs) => tf.sub(xs[0], xs[1]), cls));
    }
    case 'Permute': take('dims'); return done(tf.layers.permute(o));
    case 'RepeatVector': take('n'); return done(tf.layers.repeatVector(o));
    case 'Rescaling': {
      const scale = c.scale, offset = c.offset ?? 0; delete c.scale; delete c.offset;
      if (typeof scale === 'number' && typeof offset === 'number') return done(tf.layers.rescaling({ name, scale, offset }));
      return done(new KFn(name, (x) => tf.add(tf.mul(Array.isArray(x) ? x[0] : x, scale), offset), cls));
    }
    case 'Normalization': {
      const a = { name, trainable, axis: 'axis' in c ? c.axis : undefined, mean: c.mean, variance: c.variance, invert: c.invert ?? false };
      delete c.axis; delete c.mean; delete c.variance; delete c.invert;
      if ((a.mean === undefined || a.mean === null) !== (a.variance === undefined || a.variance === null)) gen(`${name}: mean without variance`);
      return done(new KNormalization(a));
    }
    case 'Resizing': {
      const a = { height: c.height, width: c.width, interpolation: c.interpolation ?? 'bilinear', crop_to_aspect_ratio: c.crop_to_aspect_ratio ?? false, name };
      for (const k of ['height', 'width', 'interpolation', 'crop_to_aspect_ratio']) delete c[k];
      return done(new KResizing(a));
    }
    case 'CenterCrop': { const a = { height: c.height, width: c.width, name }; delete c.height; delete c.width; return done(new KCenterCrop(a)); }
    default:
      if (AUGMENT.has(cls)) {
        for (const k of ['mode', 'factor', 'height_factor', 'width_factor', 'interpolation']) delete c[k];
        return done(new KFn(name, (x) => (Array.isArray(x) ? x[0] : x), cls)); // inference: identity
      }
      return gen(`layer class ${cls} is not modelled`);
  }
}

// ================================================================================================ Keras refusals
// Refusals Keras raises and tfjs does not (see ../README.md, "Where the reference tools mislead"); ported from
// gen_keras_shapes.mjs with the same wording.
const CONV_LIKE = new Set(['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'MaxPooling2D', 'AveragePooling2D']);
const TF_OP = { Conv2D: 'Conv2D', DepthwiseConv2D: 'DepthwiseConv2dNative', SeparableConv2D: 'DepthwiseConv2dNative', MaxPooling2D: 'MaxPool', AveragePooling2D: 'AvgPool' };
function windowOf(cls, a) {
  const isPool = cls === 'MaxPooling2D' || cls === 'AveragePooling2D';
  const k = tup2(isPool ? (a.pool_size ?? 2) : a.kernel_size);
  const s = tup2(isPool ? (a.strides ?? a.pool_size ?? 2) : (a.strides ?? 1));
  const d = tup2(isPool ? 1 : (a.dilation_rate ?? 1));
  const keff = [0, 1].map((i) => d[i] * (k[i] - 1) + 1);
  return { k, s, d, keff, padding: String(a.padding ?? 'valid').toLowerCase() };
}
function kerasRefusal(cls, a, inShapes) {
  const inS = inShapes[0].slice(1);
  if (['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D'].includes(cls)) {
    const s = tup2(a.strides ?? 1), d = tup2(a.dilation_rate ?? 1);
    if (Math.max(...s) > 1 && Math.max(...d) > 1) {
      return { msg: `\`strides > 1\` not supported in conjunction with \`dilation_rate > 1\`. Received: strides=${py(s)} and dilation_rate=${py(d)}`,
        note: 'tfjs builds this layer and only fails when the model is run ("Either strides or dilations must be 1"); Keras refuses it when the layer is created.' };
    }
  }
  if (cls === 'Cropping2D' && inS.length === 3) {
    const c = a.cropping ?? [[0, 0], [0, 0]];
    const cc = typeof c === 'number' ? [[c, c], [c, c]] : (typeof c[0] === 'number' ? [[c[0], c[0]], [c[1], c[1]]] : c);
    if (cc[0][0] + cc[0][1] >= inS[0] || cc[1][0] + cc[1][1] >= inS[1]) {
      return { msg: `Values in \`cropping\` argument should be smaller than the corresponding spatial dimension of the input. Received: input_shape=${pyShape([null, ...inS])}, cropping=${py(cc)}`, note: null, probe: true };
    }
  }
  if (cls === 'Reshape') {
    const t = a.target_shape, n = prod(inS);
    const unknown = t.filter((x) => x === -1).length;
    if (unknown === 0 && prod(t) !== n) return { msg: `The total size of the tensor must be unchanged. Received: input_shape=${pyShape(inS)}, target_shape=${py(t)}`, note: 'tfjs accepts this Reshape when the model is built and fails only when it is run; Keras refuses it when the model is built.' };
    if (unknown === 1) {
      const known = prod(t.filter((x) => x !== -1));
      if (known === 0 || n % known !== 0) return { msg: `The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in target_shape. Received: input_shape=${pyShape(inS)}, target_shape=${py(t)}`, note: 'tfjs accepts this Reshape when the model is built and fails only when it is run; Keras refuses it when the model is built.' };
    }
  }
  if (CONV_LIKE.has(cls) && inS.length === 3) {
    const { k, keff, padding } = windowOf(cls, a);
    if (padding === 'valid') {
      for (let ax = 0; ax < 2; ax++) {
        if (inS[ax] < keff[ax]) {
          const C = inS[2];
          let shapes = `[?,${inS.join(',')}]`;
          if (cls === 'Conv2D') shapes += `, [${k[0]},${k[1]},${C},${a.filters}]`;
          if (cls === 'DepthwiseConv2D' || cls === 'SeparableConv2D') shapes += `, [${k[0]},${k[1]},${C},${a.depth_multiplier ?? 1}]`;
          return { msg: `Negative dimension size caused by subtracting ${keff[ax]} from ${inS[ax]} for '${TF_OP[cls]}' with input shapes: ${shapes}.`, note: null, probe: true };
        }
      }
    }
  }
  return null;
}

// ================================================================================================ the recorder
let C = null; // the case being recorded
const results = [];
const forwardResults = [];
const forwardManifest = [];

function newEntry(lid, fields) {
  const e = { lid, calls: [], real: null, shadow: null, refused: null, ...fields };
  C.layers.set(lid, e);
  return e;
}
function tensorOf(tid) {
  const t = C.tensors.get(tid);
  if (!t) gen(`unknown tensor ${tid}`);
  return t;
}

const handlers = {
  begin(m) {
    C = { meta: m.case, tensors: new Map(), layers: new Map(), pending: null, refusal: null, shadowOwner: new Map(), realOwner: new Map() };
    return {};
  },
  input(m) {
    const real = tf.input({ shape: m.shape, name: m.name });
    const shadow = tf.input({ shape: [1], name: m.name });
    const e = newEntry(m.layer, { kind: 'input', name: m.name, type: 'InputLayer', hidden: !!m.hidden, real: real.sourceLayer, shadow: shadow.sourceLayer });
    C.shadowOwner.set(shadow.sourceLayer, m.layer);
    C.realOwner.set(real.sourceLayer, m.layer);
    e.calls.push({ inputs: [], outputs: [] });
    C.pending = { entry: e, node: 0, outs: [{ real, shadow, shape: real.shape.slice(1), dead: false }] };
    return { shape: real.shape.slice(1) };
  },
  bind(m) {
    const p = C.pending;
    if (!p || p.entry.lid !== m.layer || p.node !== m.node || p.outs.length !== m.tensors.length) gen('bind does not match the last call');
    m.tensors.forEach((tid, i) => { C.tensors.set(tid, { ...p.outs[i], producer: m.layer }); });
    p.entry.calls[m.node].outputs = m.tensors;
    C.pending = null;
    return {};
  },
  call(m) {
    let e = C.layers.get(m.layer);
    if (!e) {
      e = newEntry(m.layer, { kind: m.kind, name: m.name, type: m.type, cls: m.cls, config: m.config, graph: m.graph, weights: m.weights, model: m.model });
      if (m.kind !== 'model') {
        e.shadow = new Shadow({ name: m.name });
        C.shadowOwner.set(e.shadow, m.layer);
      }
    }
    const ins = m.inputs.map(tensorOf);
    const pack = (xs) => (m.list_input ? xs : xs[0]);
    // the topology twin
    const shadowLayer = m.kind === 'model' ? e.shadowModel : e.shadow;
    let shadowOut = shadowLayer.apply(pack(ins.map((t) => t.shadow)));
    shadowOut = Array.isArray(shadowOut) ? shadowOut : [shadowOut];
    e.calls.push({ inputs: m.inputs, outputs: null });
    const node = e.calls.length - 1;
    const dead = (msg) => {
      C.pending = { entry: e, node, outs: shadowOut.map((s) => ({ real: null, shadow: s, shape: null, dead: true })) };
      return { ...msg, n_outputs: shadowOut.length, multi: shadowOut.length > 1 };
    };
    if (ins.some((t) => t.dead)) return dead({ dead: true });
    const inShapes = ins.map((t) => t.real.shape);
    let outs;
    try {
      if (m.kind === 'builtin') {
        const ref = kerasRefusal(m.cls, m.config, inShapes);
        if (ref) {
          let note = ref.note;
          if (ref.probe) {
            try {
              const t = makeBuiltin(m.cls, m.config, m.name, inShapes).apply(pack(ins.map((x) => x.real)));
              note = `tfjs ${TFJS_VERSION} does not raise here: it gives the non-positive output shape ${JSON.stringify(t.shape.slice(1))}; TensorFlow refuses it.`;
            } catch (err) {
              if (err instanceof GenError) throw err;
              note = `tfjs ${TFJS_VERSION} raises its own message here ("${firstLine(err.message)}"); the message recorded is TensorFlow's.`;
            }
          }
          e.refused = { msg: ref.msg, note };
          if (!C.refusal) C.refusal = { lid: m.layer, msg: ref.msg, note };
          return dead({ error: ref.msg });
        }
        if (!e.real) e.real = makeBuiltin(m.cls, m.config, m.name, inShapes, m.trainable);
      } else if (m.kind === 'traced') {
        if (!e.real) e.real = new Traced({ name: m.name, trainable: m.trainable, graph: m.graph, cls: m.type });
      } else if (m.kind === 'model') {
        if (!e.realModel) gen(`model ${e.name} has no tfjs model (it contains a refused layer)`);
      }
      outs = (m.kind === 'model' ? e.realModel : e.real).apply(pack(ins.map((t) => t.real)));
      outs = Array.isArray(outs) ? outs : [outs];
    } catch (err) {
      if (err instanceof GenError) throw err;
      const msg = firstLine(err.message);
      const note = m.kind === 'traced'
        ? `the message is the one of the tfjs op the generator evaluates the ${m.type} body with, on a batch of 1; TensorFlow words it differently`
        : null;
      e.refused = { msg, note };
      if (!C.refusal) C.refusal = { lid: m.layer, msg, note };
      return dead({ error: msg });
    }
    for (const o of outs) if (o.shape.slice(1).some((d) => d === null || d <= 0)) gen(`${C.meta.id}: ${m.name} gives ${JSON.stringify(o.shape)} without a refusal`);
    if (e.real && !C.realOwner.has(e.real)) C.realOwner.set(e.real, m.layer);
    C.pending = { entry: e, node, outs: outs.map((o, i) => ({ real: o, shadow: shadowOut[i], shape: o.shape.slice(1), dead: false })) };
    return { shapes: outs.map((o) => o.shape.slice(1)), multi: m.kind === 'model' && outs.length > 1 };
  },
  probe(m) {
    try {
      const ins = m.inputs.map((s) => tf.input({ shape: s.slice(1).map((d) => d) }));
      const l = makeBuiltin(m.cls, m.config, m.name, ins.map((t) => t.shape), m.trainable);
      const y = l.apply(m.list_input ? ins : ins[0]);
      return { shapes: [(Array.isArray(y) ? y[0] : y).shape] };
    } catch (err) {
      if (err instanceof GenError) throw err;
      return { error: firstLine(err.message) };
    }
  },
  model(m) {
    let e = C.layers.get(m.model);
    if (!e) e = newEntry(m.model, { kind: 'modelobj', name: m.name, type: m.kind === 'sequential' ? 'Sequential' : 'Functional' });
    e.modelKind = m.kind;
    e.seqLayers = m.seq_layers || null;
    e.inputsT = m.inputs; e.outputsT = m.outputs;
    const ins = m.inputs.map(tensorOf), outs = m.outputs.map(tensorOf);
    e.shadowModel = tf.model({ inputs: ins.map((t) => t.shadow), outputs: outs.map((t) => t.shadow), name: m.name });
    C.shadowOwner.set(e.shadowModel, m.model);
    if (!ins.some((t) => t.dead) && !outs.some((t) => t.dead)) {
      e.realModel = tf.model({ inputs: ins.map((t) => t.real), outputs: outs.map((t) => t.real), name: m.name });
      C.realOwner.set(e.realModel, m.model);
      if (m.trainable === false) e.realModel.trainable = false;
    }
    const order = e.shadowModel.layers.map((l) => {
      const lid = C.shadowOwner.get(l);
      if (lid === undefined) gen(`layer ${l.name} of ${m.name} has no Python object`);
      return lid;
    });
    if (m.kind === 'sequential') {
      const inner = order.filter((lid) => !C.layers.get(lid).hidden && C.layers.get(lid).kind !== 'input');
      if (JSON.stringify(inner) !== JSON.stringify(e.seqLayers)) gen(`${m.name}: Sequential order ${inner} vs ${e.seqLayers}`);
      return { layers: e.seqLayers };
    }
    return { layers: order };
  },
  set_trainable(m) {
    const e = C.layers.get(m.layer);
    if (!e) return {};
    const target = e.realModel || e.real;
    if (target) target.trainable = m.value;
    return {};
  },
  count_params(m) {
    const e = C.layers.get(m.layer);
    const target = e && (e.realModel || e.real);
    if (!target) gen('count_params of a layer that was never built');
    return { count: target.countParams() };
  },
  end(m) {
    if (m.pyerror) gen(`case ${C.meta.id}: the Python code failed:\n${m.pyerror}`);
    const rec = finishCase(m.model, m.how);
    if (C.meta.forward) { if (!ONLY) forwardCase(m.model, rec); forwardResults.push(rec); } else results.push(rec);
    tf.disposeVariables();
    C = null;
    return {};
  },
};

// ------------------------------------------------------------------------------------------------ rows
function modelEntry(mid) {
  const e = C.layers.get(mid);
  if (!e || !e.shadowModel) gen(`no model ${mid}`);
  return e;
}
function orderOf(me) {
  if (me.modelKind === 'sequential') return me.seqLayers;
  return me.shadowModel.layers.map((l) => C.shadowOwner.get(l));
}
function shapeOut(shapes) { return shapes.length === 1 ? shapes[0] : shapes; }
function rowOf(lid, functional) {
  const e = C.layers.get(lid);
  const isModel = e.kind === 'modelobj';
  const me = isModel ? e : null;
  const row = { name: e.name, type: isModel ? me.type : e.type };
  if (functional) {
    const first = e.calls[0];
    row.inputs = first ? first.inputs.map((tid) => C.layers.get(tensorOf(tid).producer).name) : [];
  }
  // output shape: every call must agree (tf.keras 2 prints "multiple" otherwise)
  const perCall = e.calls.map((c) => (c.outputs || []).map((tid) => tensorOf(tid)));
  if (perCall.length === 0 || perCall.some((os) => os.length === 0 || os.some((t) => t.dead))) row.output_shape = null;
  else {
    const txt = perCall.map((os) => JSON.stringify(shapeOut(os.map((t) => t.shape))));
    row.output_shape = txt.every((s) => s === txt[0]) ? JSON.parse(txt[0]) : 'multiple';
  }
  const real = isModel ? me.realModel : e.real;
  row.params = real && !e.refused ? real.countParams() : (e.kind === 'input' ? 0 : null);
  if (row.output_shape === null) row.params = null;
  if (isModel) row.inner = rowsOf(me);
  return row;
}
function rowsOf(me) {
  const functional = me.modelKind !== 'sequential';
  return orderOf(me).map((lid) => rowOf(lid, functional));
}

function estimateMacs(rows) {
  let macs = 0;
  for (const r of rows) {
    if (r.inner) { macs += estimateMacs(r.inner); continue; }
    if (!Array.isArray(r.output_shape) || Array.isArray(r.output_shape[0])) continue;
    const p = r.params || 0, outC = r.output_shape[r.output_shape.length - 1];
    macs += p > 0 ? prod(r.output_shape) * Math.max(1, p / outC) : prod(r.output_shape);
  }
  return macs;
}

// Secondary features of a case, read from what was recorded (for counting and for picking cases in tests).
const PREPROCESSING = new Set(['Rescaling', 'Normalization', 'Resizing', 'CenterCrop', ...AUGMENT]);
function tagsOf(rec, me) {
  const tags = new Set();
  if (rec.call) tags.add('call');
  if (!rec.ok) tags.add('refused');
  if (!rec.static) tags.add('static_false');
  if (rec.published_total !== undefined) tags.add('published_total');
  if (/applications/.test(rec.code)) tags.add('applications');
  const walk = (mm, depth) => {
    for (const lid of orderOf(mm)) {
      const e = C.layers.get(lid);
      if (e.calls.length > 1) tags.add('shared_layer');
      if (e.kind === 'modelobj') { tags.add(depth === 0 ? 'nested_model' : 'nested_model_2_levels'); walk(e, depth + 1); continue; }
      if (e.calls.some((c) => (c.outputs || []).length > 1)) tags.add('multi_output');
      if (e.type === 'Lambda') tags.add('lambda');
      else if (e.kind === 'traced') tags.add('custom_layer');
      else if (e.kind === 'builtin' && e.type !== e.cls) tags.add('custom_layer');
      if (PREPROCESSING.has(e.cls)) tags.add('preprocessing');
    }
  };
  walk(me, 0);
  if (me.modelKind === 'sequential') tags.add('sequential'); else tags.add('functional');
  if (me.outputsT.length > 1) tags.add('multi_output');
  if (/^\s*(for|while) /m.test(rec.code) || /\[[^\]]* for [^\]]* in /.test(rec.code)) tags.add('loop');
  if (/^def |^\s+def /m.test(rec.code)) tags.add('function');
  return [...tags].sort();
}

function finishCase(mid, how) {
  const meta = C.meta;
  const me = modelEntry(mid);
  const rows = rowsOf(me);
  const ok = !C.refusal;
  let errorLayer = null;
  if (!ok) {
    const order = orderOf(me);
    errorLayer = order.indexOf(C.refusal.lid);
    if (errorLayer < 0) gen(`${meta.id}: the refused layer is not a row of the model (inside a nested model?)`);
    // the corpus convention (../README.md, "Refused models"): the refused row and every later row have no shape,
    // even a row of an independent branch that tfjs could still compute
    const kept = [];
    rows.forEach((r, i) => {
      if (i < errorLayer) return;
      if (r.output_shape !== null) kept.push(r.name);
      r.output_shape = null; r.params = null;
      if (r.inner) gen(`${meta.id}: a nested model after the refusal`);
    });
    if (kept.length) C.refusal.note = [C.refusal.note, `rows after the refused one that do not depend on it are nulled too, by the corpus convention: ${kept.join(', ')}`].filter(Boolean).join(' ');
  }
  const rec = {
    id: meta.id, framework: 'keras', category: meta.category, code: meta.code, call: meta.call ?? null,
    input_shape: null, ok, total_params: null, trainable_params: null, layers: rows,
    error_layer: errorLayer, error: ok ? null : C.refusal.msg,
    static: meta.static !== false, static_reason: meta.static === false ? meta.static_reason : null,
  };
  if (meta.static === false && !meta.static_reason) gen(`${meta.id}: static false without a reason`);
  if (meta.published_total !== undefined) rec.published_total = meta.published_total;
  if (meta.harness) rec.harness = meta.harness;
  const notes = [];
  if (meta.note) notes.push(meta.note);
  if (!ok && C.refusal.note) notes.push(C.refusal.note);
  if (ok) {
    const m = me.realModel;
    rec.total_params = m.countParams();
    rec.trainable_params = m.trainableWeights.reduce((s, w) => s + prod(w.shape), 0);
    const sum = rows.reduce((s, r) => s + r.params, 0);
    if (sum !== rec.total_params) gen(`${meta.id}: rows sum ${sum} != countParams ${rec.total_params}`);
    // the real model's layer order must be the topology twin's
    const realOrder = me.modelKind === 'sequential'
      ? m.layers.filter((l) => !(l instanceof tf.layers.Layer && l.getClassName() === 'InputLayer')).map((l) => C.realOwner.get(l))
      : m.layers.map((l) => C.realOwner.get(l));
    if (JSON.stringify(realOrder) !== JSON.stringify(orderOf(me))) gen(`${meta.id}: tfjs layer order ${realOrder} differs from the topology twin ${orderOf(me)}`);
    // run on zeros: every row's output computed by tfjs must have the symbolic shape
    if (estimateMacs(rows) <= RUN_BUDGET_MACS) {
      const order = orderOf(me);
      const outsT = [], want = [];
      order.forEach((lid, i) => {
        const e = C.layers.get(lid);
        if (e.kind === 'input') return;
        const c = e.calls[0];
        for (const tid of c.outputs) { outsT.push(tensorOf(tid).real); want.push([i, tensorOf(tid).shape]); }
      });
      const probe = tf.model({ inputs: m.inputs, outputs: outsT });
      const got = tf.tidy(() => {
        let r = probe.predict(m.inputs.map((t) => tf.zeros([1, ...t.shape.slice(1)])));
        if (!Array.isArray(r)) r = [r];
        return r.map((y) => y.shape.slice(1));
      });
      got.forEach((s, k) => { if (JSON.stringify(s) !== JSON.stringify(want[k][1])) gen(`${meta.id}: row ${want[k][0]} runs to ${s}, symbolic ${want[k][1]}`); });
    } else notes.push(`built symbolically only (estimated cost above ${RUN_BUDGET_MACS} MACs): not run on zeros`);
  }
  if (notes.length) rec.note = notes.join(' | ');
  rec.model_from = how;
  rec.tags = tagsOf(rec, me);
  return rec;
}

// ================================================================================================ forward goldens
let fseed = 0x5eedf00d;
function frnd() {
  fseed = (fseed + 0x6d2b79f5) | 0;
  let t = fseed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const funiform = (n, lo, hi) => Float32Array.from({ length: n }, () => lo + (hi - lo) * frnd());
function saveNpy(file, shape, data) {
  const shapeText = '(' + shape.join(', ') + (shape.length === 1 ? ',)' : ')');
  let dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + dict.length + 1;
  dict += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const header = Buffer.alloc(10);
  header.write('\x93NUMPY', 0, 'latin1');
  header[6] = 1; header[7] = 0;
  header.writeUInt16LE(dict.length, 8);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.concat([header, Buffer.from(dict, 'latin1'), Buffer.from(Float32Array.from(data).buffer)]));
}
function weightValues(wname, shape) {
  const n = prod(shape);
  if (/kernel$/.test(wname)) {
    const fi = shape.length === 2 ? shape[0] : shape[shape.length - 2] * prod(shape.slice(0, -2));
    const fo = shape.length === 2 ? shape[1] : shape[shape.length - 1] * prod(shape.slice(0, -2));
    const lim = Math.sqrt(6 / (fi + fo)) * 1.5;
    return funiform(n, -lim, lim);
  }
  if (wname === 'bias' || wname === 'beta' || wname === 'mean' || wname === 'moving_mean' || wname === 'alpha') return funiform(n, -0.3, 0.3);
  if (wname === 'gamma' || wname === 'moving_variance' || wname === 'variance') return funiform(n, 0.5, 1.5);
  if (wname === 'count') return new Float32Array(n);
  return funiform(n, -0.5, 0.5);
}
// Every weighted layer reachable from the case's model (nested models included), in row order.
function weightedLeaves(me, out = []) {
  for (const lid of orderOf(me)) {
    const e = C.layers.get(lid);
    if (e.kind === 'modelobj') weightedLeaves(e, out);
    else if (e.real && e.real.weights && e.real.weights.length) out.push(e);
  }
  return out;
}
function forwardCase(mid, rec) {
  const meta = C.meta;
  if (!rec.ok) gen(`forward case ${meta.id} is refused`);
  const me = modelEntry(mid);
  const dir = path.join(FWD_DIR, meta.id);
  writeFileSync(path.join(dir, 'model.py'), meta.code);
  for (const e of weightedLeaves(me)) {
    if (e.kind === 'traced' && e.real.subs.size) gen('forward: weighted sublayers of a custom layer are not written');
    const vals = e.real.weights.map((w) => {
      const wname = w.originalName.split('/').pop();
      const data = weightValues(wname, w.shape);
      if (wname !== 'count') saveNpy(path.join(dir, 'weights', `${e.name}.${wname}.npy`), w.shape, data);
      return tf.tensor(data, w.shape);
    });
    e.real.setWeights(vals);
  }
  const m = me.realModel;
  const inputs = m.inputs.map((t) => tf.tensor(funiform(prod(t.shape.slice(1)), meta.input_range?.[0] ?? -1, meta.input_range?.[1] ?? 1), [1, ...t.shape.slice(1)]));
  if (inputs.length !== 1) gen('forward: one input only');
  saveNpy(path.join(dir, 'input.npy'), inputs[0].shape, inputs[0].dataSync());
  // every row (and every row of a nested model, under expected/<nested model>/)
  const jobs = [];
  const collect = (mm, prefix) => {
    for (const lid of orderOf(mm)) {
      const e = C.layers.get(lid);
      if (e.kind === 'input') continue;
      const isModel = e.kind === 'modelobj';
      const tid = e.calls[0].outputs[0];
      if (e.calls[0].outputs.length !== 1) gen('forward: multi-output rows');
      jobs.push({ file: path.join(prefix, `${e.name}.npy`), t: tensorOf(tid).real });
      if (isModel) collect(e, path.join(prefix, e.name));
    }
  };
  collect(me, '');
  // nested rows: their inner tensors live in the nested model's own graph; run it on the row's input
  const top = jobs.filter((j) => !j.file.includes(path.sep));
  const probe = tf.model({ inputs: m.inputs, outputs: top.map((j) => j.t) });
  let ys = probe.predict(inputs);
  if (!Array.isArray(ys)) ys = [ys];
  top.forEach((j, i) => { saveNpy(path.join(dir, 'expected', j.file), ys[i].shape, ys[i].dataSync()); });
  const innerDone = (mm, inVal, prefix) => {
    const ins = mm.realModel.inputs;
    const jobsIn = [], outs = [];
    for (const lid of orderOf(mm)) {
      const e = C.layers.get(lid);
      if (e.kind === 'input') continue;
      outs.push(tensorOf(e.calls[0].outputs[0]).real); jobsIn.push(e);
    }
    let r = tf.model({ inputs: ins, outputs: outs }).predict(inVal);
    if (!Array.isArray(r)) r = [r];
    jobsIn.forEach((e, i) => {
      saveNpy(path.join(dir, 'expected', prefix, `${e.name}.npy`), r[i].shape, r[i].dataSync());
      if (e.kind === 'modelobj') gen('forward: nested models two levels deep');
    });
  };
  // the input of each nested row = the value of its first call's input tensor
  const need = orderOf(me).map((lid) => C.layers.get(lid)).filter((e) => e.kind === 'modelobj');
  if (need.length) {
    const inTs = need.map((e) => tensorOf(e.calls[0].inputs[0]).real);
    let r = tf.model({ inputs: m.inputs, outputs: inTs }).predict(inputs);
    if (!Array.isArray(r)) r = [r];
    need.forEach((e, i) => innerDone(e, r[i], e.name));
  }
  const inner = {};
  for (const lid of orderOf(me)) {
    const e = C.layers.get(lid);
    if (e.kind === 'modelobj') inner[e.name] = orderOf(e).filter((x) => C.layers.get(x).kind !== 'input').map((x) => C.layers.get(x).name);
  }
  forwardManifest.push({
    name: 'keras_modules/' + meta.id, framework: 'keras', dir: 'keras_modules/' + meta.id,
    input_shape: m.inputs[0].shape.slice(1),
    layers: orderOf(me).filter((lid) => C.layers.get(lid).kind !== 'input').map((lid) => C.layers.get(lid).name),
    ...(Object.keys(inner).length ? { inner } : {}),
    ...(meta.what ? { what: meta.what } : {}),
  });
}

// ================================================================================================ main
async function main() {
  if (!ONLY) rmSync(FWD_DIR, { recursive: true, force: true });
  const child = spawn(PYTHON, ['-B', path.join(HERE, 'keras_shim', 'runner.py'), CASES_PY, APPS, ONLY === '*' ? '' : ONLY],
    { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: '0' } });
  const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
  let finished = false;
  for await (const line of rl) {
    const m = JSON.parse(line);
    if (m.op === 'done') { finished = true; child.stdin.write('{}\n'); child.stdin.end(); break; }
    let r;
    try {
      if (m.op === 'begin' && m.case.forward && !ONLY) mkdirSync(path.join(FWD_DIR, m.case.id), { recursive: true });
      r = handlers[m.op](m);
    } catch (err) {
      console.error(err instanceof GenError ? `generator: ${err.message}` : err);
      child.kill();
      process.exit(2);
    }
    child.stdin.write(JSON.stringify(r) + '\n');
  }
  if (!finished) { console.error('the Python runner stopped early'); process.exit(2); }
  const shapeCases = results;
  const doc = {
    generator: 'modules/gen_keras_modules.mjs',
    reference: `@tensorflow/tfjs ${TFJS_VERSION}`,
    regenerate: 'cd tests/golden && npm ci && node modules/gen_keras_modules.mjs',
    cases: shapeCases,
  };
  if (!ONLY) {
    writeFileSync(OUT, JSON.stringify(doc, null, 1) + '\n');
    writeFileSync(FWD_MANIFEST, JSON.stringify(forwardManifest, null, 1) + '\n');
    const chk = spawnSync(PYTHON, ['-B', path.join(HERE, 'keras_shim', 'check_forward.py'), FWD_DIR], { encoding: 'utf8' });
    process.stdout.write(chk.stdout);
    if (chk.status !== 0) { console.error(chk.stderr); process.exitCode = 4; }
  }
  const by = {};
  for (const c of shapeCases) by[c.category] = (by[c.category] || 0) + 1;
  const nOk = shapeCases.filter((c) => c.ok).length;
  console.log(`${ONLY ? '(--only: nothing written) ' : ''}${shapeCases.length} cases (${nOk} ok, ${shapeCases.length - nOk} refused, ${shapeCases.filter((c) => !c.static).length} static:false), ${forwardManifest.length} forward cases`);
  console.log('by category: ' + Object.entries(by).map(([k, v]) => `${k} ${v}`).join(', '));
  for (const c of shapeCases) if (c.published_total !== undefined) console.log(`  ${c.id}: ${c.total_params} (published ${c.published_total})${c.total_params === c.published_total ? '' : '  MISMATCH'}`);
  if (shapeCases.some((c) => c.published_total !== undefined && c.published_total !== c.total_params)) process.exitCode = 3;
  if (ONLY) {
    const show = (rows, ind) => rows.forEach((r, i) => {
      console.log(`${ind}${i} ${r.name} (${r.type}) ${JSON.stringify(r.output_shape)} ${r.params}${r.inputs ? ' <- ' + r.inputs.join(',') : ''}`);
      if (r.inner) show(r.inner, ind + '    ');
    });
    for (const c of [...results, ...forwardResults]) {
      console.log(`== ${c.id} ok=${c.ok} total=${c.total_params} trainable=${c.trainable_params} from=${c.model_from}${c.error ? ' error@' + c.error_layer + ': ' + c.error : ''}${c.note ? ' NOTE ' + c.note : ''}`);
      show(c.layers, '  ');
    }
  }
}
await main();
