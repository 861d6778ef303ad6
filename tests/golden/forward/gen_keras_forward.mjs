// Golden forward data for Keras semantics, computed by @tensorflow/tfjs 4.22 (pure JS CPU backend).
//
//   cd tests/golden && npm ci && node forward/gen_keras_forward.mjs
//
// For every case it writes keras/<case>/{model.py, input.npy, weights/<layer>.<weight>.npy, expected/<layer>.npy}
// and cases_keras.json. model.py is the Keras Python code ConvLens imports (layers left unnamed, so the importer's
// tf.keras 2 auto-naming is exercised too); the same layers are built in tfjs under those names, given seeded
// weights, and run eagerly one layer at a time.
//
// Where tfjs differs from tf.keras 2 (DESIGN.md "Golden data"), the expected values are computed the TensorFlow way:
// - UpSampling2D(interpolation='bilinear'): tf.image.resizeBilinear(x, size, false, true) (half-pixel centres);
//   tfjs' layer samples the TF1 way.
// - activation='exponential' / 'leaky_relu' (not tfjs activation names): tf.exp / tf.leakyRelu(x, 0.2).
// - DepthwiseConv2D(dilation_rate), Conv2D(groups), Conv2DTranspose(dilation_rate, output_padding) are ignored by
//   tfjs: such cases are not generated here (the torch corpus covers that arithmetic).
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, 'keras');
await tf.setBackend('cpu');

// ---------------------------------------------------------------------------------------------- seeded PRNG
let seed = 0x600d5eed;
function rnd() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const uniform = (n, lo, hi) => Float32Array.from({ length: n }, () => lo + (hi - lo) * rnd());

// ---------------------------------------------------------------------------------------------- .npy writer
function saveNpy(file, shape, data) {
  const shapeText = '(' + shape.join(', ') + (shape.length === 1 ? ',)' : ')');
  let dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + dict.length + 1;
  dict += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const header = Buffer.alloc(10);
  header.write('\x93NUMPY', 0, 'latin1');
  header[6] = 1;
  header[7] = 0;
  header.writeUInt16LE(dict.length, 8);
  writeFileSync(file, Buffer.concat([header, Buffer.from(dict, 'latin1'), Buffer.from(Float32Array.from(data).buffer)]));
}

// ---------------------------------------------------------------------------------------------- layers
const AUTO = {
  Conv2D: 'conv2d', DepthwiseConv2D: 'depthwise_conv2d', SeparableConv2D: 'separable_conv2d',
  Conv2DTranspose: 'conv2d_transpose', MaxPooling2D: 'max_pooling2d', AveragePooling2D: 'average_pooling2d',
  GlobalAveragePooling2D: 'global_average_pooling2d', GlobalMaxPooling2D: 'global_max_pooling2d',
  UpSampling2D: 'up_sampling2d', ZeroPadding2D: 'zero_padding2d', Cropping2D: 'cropping2d',
  BatchNormalization: 'batch_normalization', Dropout: 'dropout', Activation: 'activation', ReLU: 're_lu',
  LeakyReLU: 'leaky_re_lu', Flatten: 'flatten', Dense: 'dense', Reshape: 'reshape', Concatenate: 'concatenate',
  Add: 'add',
};
const FACTORY = {
  Conv2D: 'conv2d', DepthwiseConv2D: 'depthwiseConv2d', SeparableConv2D: 'separableConv2d',
  Conv2DTranspose: 'conv2dTranspose', MaxPooling2D: 'maxPooling2d', AveragePooling2D: 'averagePooling2d',
  GlobalAveragePooling2D: 'globalAveragePooling2d', GlobalMaxPooling2D: 'globalMaxPooling2d',
  UpSampling2D: 'upSampling2d', ZeroPadding2D: 'zeroPadding2d', Cropping2D: 'cropping2D',
  BatchNormalization: 'batchNormalization', Dropout: 'dropout', Activation: 'activation', ReLU: 'reLU',
  LeakyReLU: 'leakyReLU', Flatten: 'flatten', Dense: 'dense', Reshape: 'reshape', Concatenate: 'concatenate',
  Add: 'add',
};
const TFJS_ACT = { hard_sigmoid: 'hardSigmoid' };
const MANUAL_ACT = { exponential: (x) => tf.exp(x), leaky_relu: (x) => tf.leakyRelu(x, 0.2) };
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

class Tuple { constructor(...v) { this.v = v; } }
const T = (...v) => new Tuple(...v);
function py(v) {
  if (v instanceof Tuple) return '(' + v.v.map(py).join(', ') + (v.v.length === 1 ? ',)' : ')');
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null) return 'None';
  return String(v);
}
const js = (v) => (v instanceof Tuple ? v.v.map(js) : v);

// L(cls, positional args, keyword args, inputs) — inputs are earlier layer indices (-1 = the model input);
// omitted = the previous layer.
const L = (cls, pos = [], kw = {}, inputs = null) => ({ cls, pos, kw, inputs });
const POSITIONAL = {
  Conv2D: ['filters', 'kernel_size'], DepthwiseConv2D: ['kernel_size'], SeparableConv2D: ['filters', 'kernel_size'],
  Conv2DTranspose: ['filters', 'kernel_size'], MaxPooling2D: ['pool_size', 'strides', 'padding'],
  AveragePooling2D: ['pool_size', 'strides', 'padding'], UpSampling2D: ['size'], ZeroPadding2D: ['padding'],
  Cropping2D: ['cropping'], Dropout: ['rate'], Activation: ['activation'], Dense: ['units'],
  Reshape: ['target_shape'],
};

// ---------------------------------------------------------------------------------------------- cases
const conv = (f, k, kw = {}, inputs = null) => L('Conv2D', [f, k], kw, inputs);
const C = []; // [name, input (H, W, C), layers, style]
const add = (name, input, layers, style = 'functional') => C.push({ name, input, layers, style });

add('conv_valid_k3', [7, 7, 2], [conv(4, 3)]);
add('conv_same_s2_even', [8, 8, 3], [conv(4, 3, { strides: 2, padding: 'same' })]);
add('conv_same_s2_odd', [9, 9, 3], [conv(4, 3, { strides: 2, padding: 'same' })]);
add('conv_same_s2_odd7_even6', [7, 6, 2], [conv(3, 3, { strides: 2, padding: 'same' })]);
add('conv_same_k4_even_kernel', [6, 7, 2], [conv(3, 4, { padding: 'same' })]);
add('conv_same_k5_s3', [10, 11, 1], [conv(2, 5, { strides: 3, padding: 'same' })]);
add('conv_same_k1_s2', [7, 8, 2], [conv(3, 1, { strides: 2, padding: 'same' })]);
add('conv_same_k2_s2_even', [8, 8, 2], [conv(3, 2, { strides: 2, padding: 'same' })]);
add('conv_dilation2_same', [9, 8, 2], [conv(3, 3, { dilation_rate: 2, padding: 'same' })]);
add('conv_dilation2_valid', [9, 9, 2], [conv(3, 3, { dilation_rate: T(2, 3) })]);
add('conv_rect_kernel_strides', [9, 8, 2], [conv(3, T(3, 2), { strides: T(2, 1), padding: 'same' })]);
add('conv_no_bias', [6, 6, 3], [conv(2, 3, { use_bias: false, padding: 'same' })]);
// many channels: ConvLens' Winograd F(2x2, 3x3) path (odd output size, TF SAME)
add('conv_k3_c64_o128_winograd', [7, 5, 64], [conv(128, 3, { padding: 'same', activation: 'relu' })]);
for (const act of ['relu', 'sigmoid', 'tanh', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'gelu', 'hard_sigmoid',
  'exponential', 'relu6', 'leaky_relu', 'linear', 'softmax'])
  add('conv_act_' + act, [5, 5, 2], [conv(3, 3, { activation: act, padding: 'same' })]);
add('depthwise_same_s2_m2', [8, 7, 3], [L('DepthwiseConv2D', [3], { strides: 2, padding: 'same', depth_multiplier: 2 })]);
add('depthwise_valid_relu', [6, 6, 2], [L('DepthwiseConv2D', [T(3, 2)], { activation: 'relu' })]);
add('separable_same_m2', [7, 7, 3], [L('SeparableConv2D', [4, 3], { padding: 'same', depth_multiplier: 2 })]);
add('separable_s2_valid', [9, 8, 2], [L('SeparableConv2D', [3, 3], { strides: 2, use_bias: false })]);
add('convT_k3_s2_same', [4, 5, 3], [L('Conv2DTranspose', [2, 3], { strides: 2, padding: 'same' })]);
add('convT_k3_s2_valid', [4, 4, 3], [L('Conv2DTranspose', [2, 3], { strides: 2 })]);
add('convT_k2_s2_valid', [4, 3, 4], [L('Conv2DTranspose', [3, 2], { strides: 2, activation: 'relu' })]);
add('convT_k4_s2_same', [3, 4, 2], [L('Conv2DTranspose', [2, 4], { strides: 2, padding: 'same' })]);
add('convT_k1_s2_same', [3, 3, 2], [L('Conv2DTranspose', [2, 1], { strides: 2, padding: 'same' })]);
add('convT_k3_s1_same', [4, 4, 2], [L('Conv2DTranspose', [3, 3], { padding: 'same' })]);
add('convT_k5_s3_same', [3, 4, 2], [L('Conv2DTranspose', [2, 5], { strides: 3, padding: 'same' })]);
add('maxpool_2', [8, 7, 2], [L('MaxPooling2D', [2])]);
add('maxpool_3_s2_same_even', [8, 8, 2], [L('MaxPooling2D', [3, 2, 'same'])]);
add('maxpool_3_s2_same_odd', [7, 7, 2], [L('MaxPooling2D', [3, 2, 'same'])]);
add('maxpool_2_same_odd', [7, 5, 2], [L('MaxPooling2D', [T(2, 2)], { padding: 'same' })]);
add('maxpool_3_s1_same', [5, 6, 2], [L('MaxPooling2D', [3], { strides: 1, padding: 'same' })]);
add('avgpool_3_s2_same_even', [8, 8, 2], [L('AveragePooling2D', [3, 2, 'same'])]);
add('avgpool_3_s2_same_odd', [7, 9, 2], [L('AveragePooling2D', [3, 2, 'same'])]);
add('avgpool_2_same_odd', [5, 5, 2], [L('AveragePooling2D', [2], { padding: 'same' })]);
add('avgpool_valid_s1', [6, 5, 2], [L('AveragePooling2D', [T(2, 3)], { strides: 1 })]);
add('global_avg_dense', [5, 6, 3], [L('GlobalAveragePooling2D'), L('Dense', [4], { activation: 'softmax' })]);
add('global_max', [5, 6, 3], [L('GlobalMaxPooling2D')]);
add('upsample_nearest_2', [3, 4, 2], [L('UpSampling2D', [2])]);
add('upsample_nearest_2x3', [3, 4, 2], [L('UpSampling2D', [T(2, 3)])]);
add('upsample_bilinear_2', [3, 4, 2], [L('UpSampling2D', [2], { interpolation: 'bilinear' })]);
add('upsample_bilinear_3x2', [4, 3, 2], [L('UpSampling2D', [T(3, 2)], { interpolation: 'bilinear' })]);
add('zeropad_crop', [5, 6, 2], [L('ZeroPadding2D', [T(T(1, 2), T(3, 0))]), L('Cropping2D', [T(T(1, 0), T(2, 1))]),
  L('ZeroPadding2D', [1]), L('Cropping2D', [T(1, 2)])]);
add('batchnorm', [5, 5, 3], [conv(4, 3, { padding: 'same' }), L('BatchNormalization'), L('Activation', ['relu'])]);
add('batchnorm_no_center', [4, 4, 3], [L('BatchNormalization', [], { center: false })]);
add('batchnorm_no_scale_eps', [4, 4, 3], [L('BatchNormalization', [], { scale: false, epsilon: 0.01 })]);
add('activation_layers', [4, 5, 3], [conv(3, 3, { padding: 'same' }), L('ReLU'), conv(3, 1), L('LeakyReLU'),
  conv(3, 1), L('LeakyReLU', [], { alpha: 0.1 }), conv(3, 1), L('ReLU', [], { max_value: 6.0 }),
  L('Activation', ['tanh']), L('Dropout', [0.5])]);
add('activation_softmax_rank3', [3, 4, 5], [L('Activation', ['softmax'])]);
add('activation_strings', [3, 3, 2], [L('Activation', ['elu']), L('Activation', ['selu']),
  L('Activation', ['hard_sigmoid']), L('Activation', ['softsign']), L('Activation', ['swish'])]);
add('flatten_dense_hwc_order', [4, 5, 3], [L('Flatten'), L('Dense', [6], { activation: 'relu' }), L('Dense', [3])]);
add('dense_on_last_axis', [3, 4, 5], [L('Dense', [2])]);
add('dense_reshape_conv', [6], [L('Dense', [32]), L('Reshape', [T(4, 4, 2)]), conv(3, 3, { padding: 'same' })]);
add('reshape_rank3', [4, 6, 2], [L('Reshape', [T(6, 4, 2)]), conv(2, 3)]);
add('concat_channels', [5, 5, 2], [conv(3, 3, { padding: 'same' }, [-1]), conv(2, 1, {}, [-1]),
  L('Concatenate', [], {}, [0, 1])]);
add('concat_axis1_width', [4, 3, 2], [conv(2, 1, {}, [-1]), L('Concatenate', [], { axis: 2 }, [-1, 0])]);
add('concat_axis_height', [4, 3, 2], [conv(2, 1, {}, [-1]), L('Concatenate', [], { axis: 1 }, [0, -1])]);
add('add_residual', [6, 6, 3], [conv(3, 3, { padding: 'same', activation: 'relu' }, [-1]),
  conv(3, 3, { padding: 'same' }), L('Add', [], {}, [1, -1]), L('Activation', ['relu'])]);
add('sequential_lenet', [28, 28, 1], [conv(6, 5, { padding: 'same', activation: 'tanh' }), L('AveragePooling2D'),
  conv(16, 5, { activation: 'tanh' }), L('AveragePooling2D'), L('Flatten'), L('Dense', [32], { activation: 'tanh' }),
  L('Dense', [10], { activation: 'softmax' })], 'sequential');
add('sequential_autoencoder', [12, 12, 1], [conv(4, 3, { activation: 'relu', padding: 'same' }),
  L('MaxPooling2D', [T(2, 2)], { padding: 'same' }), conv(4, 3, { activation: 'relu', padding: 'same' }),
  L('MaxPooling2D', [T(2, 2)], { padding: 'same' }), conv(4, 3, { activation: 'relu', padding: 'same' }),
  L('UpSampling2D', [T(2, 2)]), conv(4, 3, { activation: 'relu' }), L('UpSampling2D', [T(2, 2)]),
  conv(1, 3, { activation: 'sigmoid', padding: 'same' })], 'sequential');
add('mini_unet', [8, 8, 1], [
  conv(4, 3, { activation: 'relu', padding: 'same' }, [-1]), // 0
  L('MaxPooling2D', [T(2, 2)]), // 1
  conv(8, 3, { activation: 'relu', padding: 'same' }), // 2
  L('Conv2DTranspose', [4, 2], { strides: 2, padding: 'same' }), // 3
  L('Concatenate', [], { axis: 3 }, [0, 3]), // 4
  conv(4, 3, { activation: 'relu', padding: 'same' }), // 5
  L('UpSampling2D', [2], { interpolation: 'bilinear' }, [2]), // 6
  conv(4, 2, { padding: 'same' }), // 7
  L('Add', [], {}, [5, 7]), // 8
  conv(1, 1, { activation: 'sigmoid' }), // 9
]);

// ---------------------------------------------------------------------------------------------- run
function fans(shape) {
  if (shape.length === 2) return [shape[0], shape[1]];
  const rf = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2] * rf, shape[shape.length - 1] * rf];
}
function weightValues(name, shape) {
  const n = shape.reduce((a, b) => a * b, 1);
  if (/kernel$/.test(name)) {
    const [fi, fo] = fans(shape);
    const lim = Math.sqrt(6 / (fi + fo)) * 1.5;
    return uniform(n, -lim, lim);
  }
  if (name === 'bias' || name === 'beta') return uniform(n, -0.3, 0.3);
  if (name === 'gamma' || name === 'moving_variance') return uniform(n, 0.5, 1.5);
  if (name === 'moving_mean') return uniform(n, -0.5, 0.5);
  throw new Error('unknown weight ' + name);
}

rmSync(OUT, { recursive: true, force: true });
const manifest = [];
for (const c of C) {
  const dir = path.join(OUT, c.name);
  mkdirSync(path.join(dir, 'weights'), { recursive: true });
  mkdirSync(path.join(dir, 'expected'), { recursive: true });
  const counters = {};
  const names = c.layers.map((l) => {
    const base = AUTO[l.cls];
    const k = counters[base] ?? 0;
    counters[base] = k + 1;
    return k === 0 ? base : `${base}_${k}`;
  });
  // Python code
  const argText = (l) => {
    const parts = l.pos.map(py);
    for (const [k, v] of Object.entries(l.kw)) parts.push(`${k}=${py(v)}`);
    return parts.join(', ');
  };
  const shapeText = py(T(...c.input));
  let code = `# golden forward case '${c.name}'\nimport keras\nfrom keras import layers\n\n`;
  if (c.style === 'sequential') {
    code += `model = keras.Sequential([\n    keras.Input(shape=${shapeText}),\n`;
    for (const l of c.layers) code += `    layers.${l.cls}(${argText(l)}),\n`;
    code += '])\n';
  } else {
    code += `inputs = keras.Input(shape=${shapeText})\n`;
    const v = (i) => (i < 0 ? 'inputs' : `x${i}`);
    c.layers.forEach((l, i) => {
      const ins = l.inputs ?? [i - 1];
      const arg = ins.length > 1 ? '[' + ins.map(v).join(', ') + ']' : v(ins[0]);
      code += `${v(i)} = layers.${l.cls}(${argText(l)})(${arg})\n`;
    });
    code += `model = keras.Model(inputs, ${'x' + (c.layers.length - 1)})\n`;
  }
  writeFileSync(path.join(dir, 'model.py'), code);

  // tfjs, eagerly
  const inShape = [1, ...c.input];
  const x = tf.tensor(uniform(inShape.reduce((a, b) => a * b, 1), -1, 1), inShape);
  saveNpy(path.join(dir, 'input.npy'), inShape, x.dataSync());
  const outs = [];
  c.layers.forEach((l, i) => {
    const cfg = { name: names[i] };
    const posNames = POSITIONAL[l.cls] ?? [];
    l.pos.forEach((v, j) => { cfg[camel(posNames[j])] = js(v); });
    for (const [k, v] of Object.entries(l.kw)) cfg[camel(k)] = js(v);
    // tfjs needs UpSampling2D(size) as a pair (a number gives NaN dimensions); Keras accepts both.
    if (l.cls === 'UpSampling2D' && typeof cfg.size === 'number') cfg.size = [cfg.size, cfg.size];
    let manual = null;
    if (cfg.activation && MANUAL_ACT[cfg.activation]) {
      manual = MANUAL_ACT[cfg.activation];
      cfg.activation = 'linear';
    } else if (cfg.activation) {
      cfg.activation = TFJS_ACT[cfg.activation] ?? cfg.activation;
    }
    if (l.cls === 'Activation' && manual) throw new Error('manual activation layer not supported');
    const ins = (l.inputs ?? [i - 1]).map((j) => (j < 0 ? x : outs[j]));
    const arg = ins.length > 1 ? ins : ins[0];
    let y;
    if (l.cls === 'UpSampling2D' && cfg.interpolation === 'bilinear') {
      const s = Array.isArray(cfg.size) ? cfg.size : [cfg.size, cfg.size];
      y = tf.image.resizeBilinear(arg, [arg.shape[1] * s[0], arg.shape[2] * s[1]], false, true);
    } else {
      const layer = tf.layers[FACTORY[l.cls]](cfg);
      layer.apply(arg); // builds the weights
      if (layer.weights.length) {
        const vals = layer.weights.map((w) => {
          const wname = w.originalName.split('/').pop();
          const data = weightValues(wname, w.shape);
          saveNpy(path.join(dir, 'weights', `${names[i]}.${wname}.npy`), w.shape, data);
          return tf.tensor(data, w.shape);
        });
        layer.setWeights(vals);
      }
      y = layer.apply(arg, { training: false });
      if (manual) y = manual(y);
    }
    outs.push(y);
    saveNpy(path.join(dir, 'expected', `${names[i]}.npy`), y.shape, y.dataSync());
  });
  manifest.push({ name: 'keras/' + c.name, framework: 'keras', dir: 'keras/' + c.name, input_shape: c.input,
    layers: names });
}
writeFileSync(path.join(HERE, 'cases_keras.json'), JSON.stringify(manifest, null, 1) + '\n');
console.error(`${manifest.length} keras cases, tfjs ${tf.version.tfjs}`);
