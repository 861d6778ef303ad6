// Golden Keras model files, part 1 of 2: builds every case in @tensorflow/tfjs 4.22 (pure JS CPU backend), gives it
// seeded trained-like weights, runs it, and writes
//   keras/<case>.input.npy, keras/<case>.expected/<layer>.npy, keras/<case>.expected.json   (the truth)
//   tfjs/<case>/model.json + group1-shard*.bin                                                (tfjs' own save artifacts)
//   WORK/<case>.spec.json + WORK/<case>.w/*.npy   (the layer specs and weights that write_keras_files.py turns into
//                                                  .json, .h5, .weights.h5 and .keras files)
//
//   cd tests/golden && npm ci && node files/gen_keras_files.mjs WORK && /usr/bin/python3 files/write_keras_files.py WORK
//   (or simply: cd tests/golden/files && /usr/bin/python3 write_keras_files.py   -- it runs this script first)
//
// Layer names are the ones tf.keras 2 gives (conv2d, conv2d_1, ..., input_1); write_keras_files.py renames the
// InputLayers and the model for the Keras 3 spelling (input_layer, functional).
// Where tfjs differs from tf.keras (DESIGN.md "Golden data"): UpSampling2D(interpolation='bilinear') expected values
// are computed with tf.image.resizeBilinear(x, size, false, true) (half-pixel centres), and every later layer is run
// on that; the tfjs artifacts of such a case would give tfjs' TF1-style values instead (flagged in expected.json).
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const KERAS = path.join(HERE, 'keras');
const TFJS = path.join(HERE, 'tfjs');
const EXAMPLES = path.join(HERE, '..', '..', '..', 'resources', 'examples');
const DIGITS = path.join(HERE, '..', '..', '..', 'resources', 'digits');
const PYTHON = process.env.PYTHON || '/usr/bin/python3';
const WORK = process.argv[2];
if (!WORK) { console.error('usage: node gen_keras_files.mjs WORK'); process.exit(2); }
await tf.setBackend('cpu');
const TFJS_VERSION = '4.22.0';
const NO_TFJS = new Set(['lenet5_trained', 'chunked_layer_names']);

// ------------------------------------------------------------------------------------------- PRNG, .npy
let seed = 0x5eed4b3a;
function rnd() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const uniform = (n, lo, hi) => Float32Array.from({ length: n }, () => lo + (hi - lo) * rnd());
function npyBytes(shape, data) {
  const shapeText = '(' + shape.join(', ') + (shape.length === 1 ? ',)' : ')');
  let dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + dict.length + 1;
  dict += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1; head[7] = 0;
  head.writeUInt16LE(dict.length, 8);
  return Buffer.concat([head, Buffer.from(dict, 'latin1'), Buffer.from(Float32Array.from(data).buffer)]);
}
const saveNpy = (file, shape, data) => writeFileSync(file, npyBytes(shape, data));
function readNpy(file) {
  const buf = readFileSync(file);
  const hlen = buf.readUInt16LE(8);
  const header = buf.toString('latin1', 10, 10 + hlen);
  const shape = /'shape': \(([^)]*)\)/.exec(header)[1].split(',').map((s) => s.trim()).filter((s) => s).map(Number);
  const descr = /'descr': '([^']+)'/.exec(header)[1];
  const body = buf.subarray(10 + hlen);
  let data;
  if (descr === '<f4') data = new Float32Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.length));
  else if (descr === '<f8') data = Float32Array.from(new Float64Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.length)));
  else throw new Error(`${file}: ${descr}`);
  return { shape, data };
}

// ------------------------------------------------------------------------------------------- layer specs
const AUTO = {
  Conv2D: 'conv2d', DepthwiseConv2D: 'depthwise_conv2d', SeparableConv2D: 'separable_conv2d',
  Conv2DTranspose: 'conv2d_transpose', MaxPooling2D: 'max_pooling2d', AveragePooling2D: 'average_pooling2d',
  GlobalAveragePooling2D: 'global_average_pooling2d', GlobalMaxPooling2D: 'global_max_pooling2d',
  UpSampling2D: 'up_sampling2d', ZeroPadding2D: 'zero_padding2d', Cropping2D: 'cropping2d',
  BatchNormalization: 'batch_normalization', Dropout: 'dropout', Activation: 'activation', ReLU: 're_lu',
  LeakyReLU: 'leaky_re_lu', Softmax: 'softmax', Flatten: 'flatten', Dense: 'dense', Reshape: 'reshape',
  Concatenate: 'concatenate', Add: 'add', Sequential: 'sequential',
};
const FACTORY = {
  Conv2D: 'conv2d', DepthwiseConv2D: 'depthwiseConv2d', SeparableConv2D: 'separableConv2d',
  Conv2DTranspose: 'conv2dTranspose', MaxPooling2D: 'maxPooling2d', AveragePooling2D: 'averagePooling2d',
  GlobalAveragePooling2D: 'globalAveragePooling2d', GlobalMaxPooling2D: 'globalMaxPooling2d',
  UpSampling2D: 'upSampling2d', ZeroPadding2D: 'zeroPadding2d', Cropping2D: 'cropping2D',
  BatchNormalization: 'batchNormalization', Dropout: 'dropout', Activation: 'activation', ReLU: 'reLU',
  LeakyReLU: 'leakyReLU', Softmax: 'softmax', Flatten: 'flatten', Dense: 'dense', Reshape: 'reshape',
  Concatenate: 'concatenate', Add: 'add',
};
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
// L(cls, args, inputs): args in Keras spelling (snake_case); inputs = names of earlier layers (node 0) or
// [name, node]; omitted = the previous entry. {ref: name} calls an existing layer again (shared layer).
const L = (cls, args = {}, inputs = null) => ({ cls, args, inputs });
const R = (ref, inputs = null) => ({ ref, inputs });
const CASES = [];
const add = (name, opts) => CASES.push({ name, ...opts });
const seq = (name, inputShape, layers, opts = {}) => add(name, { style: 'sequential', inputShape, layers, ...opts });
const fun = (name, inputs, layers, outputs, opts = {}) => add(name, { style: 'functional', inputs, layers, outputs, ...opts });

// ---- Sequential models (first layer carries input_shape, as `Sequential([Conv2D(..., input_shape=...)])`)
seq('seq_conv_pool_dense', [10, 10, 3], [L('Conv2D', { filters: 4, kernel_size: 3, activation: 'relu' }),
  L('MaxPooling2D', { pool_size: 2 }), L('Flatten'), L('Dense', { units: 5, activation: 'softmax' })]);
seq('seq_conv_same_stride2_odd', [9, 9, 2], [L('Conv2D', { filters: 4, kernel_size: 3, strides: 2, padding: 'same' }),
  L('Conv2D', { filters: 3, kernel_size: 1, activation: 'tanh' })]);
seq('seq_conv_same_stride2_even', [8, 8, 2], [L('Conv2D', { filters: 3, kernel_size: 3, strides: 2, padding: 'same', activation: 'relu' })]);
seq('seq_conv_dilated', [9, 9, 2], [L('Conv2D', { filters: 3, kernel_size: 3, dilation_rate: 2 }),
  L('Conv2D', { filters: 2, kernel_size: 3, dilation_rate: [1, 2], padding: 'same' })]);
seq('seq_conv_rect_nobias', [9, 8, 2], [L('Conv2D', { filters: 3, kernel_size: [3, 2], strides: [2, 1], padding: 'same', use_bias: false })]);
seq('seq_depthwise_same_s2_m2', [8, 7, 3], [L('DepthwiseConv2D', { kernel_size: 3, strides: 2, padding: 'same', depth_multiplier: 2 })]);
seq('seq_depthwise_valid_relu', [6, 6, 2], [L('DepthwiseConv2D', { kernel_size: [3, 2], activation: 'relu' })]);
seq('seq_separable_same_m2', [7, 7, 3], [L('SeparableConv2D', { filters: 4, kernel_size: 3, padding: 'same', depth_multiplier: 2 })]);
seq('seq_separable_s2_nobias', [9, 8, 2], [L('SeparableConv2D', { filters: 3, kernel_size: 3, strides: 2, use_bias: false })]);
seq('seq_conv2dtranspose_same_s2', [4, 5, 3], [L('Conv2DTranspose', { filters: 2, kernel_size: 3, strides: 2, padding: 'same' })]);
seq('seq_conv2dtranspose_valid_k2_s2', [4, 4, 3], [L('Conv2DTranspose', { filters: 2, kernel_size: 2, strides: 2 })]);
seq('seq_conv2dtranspose_valid_k3_s2_relu', [3, 4, 2], [L('Conv2DTranspose', { filters: 3, kernel_size: 3, strides: 2, activation: 'relu' }),
  L('Conv2DTranspose', { filters: 1, kernel_size: [1, 3], padding: 'same' })]);
seq('seq_maxpool_same_odd', [7, 7, 2], [L('MaxPooling2D', { pool_size: 3, strides: 2, padding: 'same' }),
  L('MaxPooling2D', { pool_size: 2, padding: 'same' })]);
seq('seq_avgpool_same_divides_real_cells', [7, 6, 2], [L('AveragePooling2D', { pool_size: 3, strides: 2, padding: 'same' })]);
seq('seq_avgpool_valid_s1', [6, 6, 2], [L('AveragePooling2D', { pool_size: [2, 3], strides: 1 })]);
seq('seq_global_pools_dense', [6, 5, 3], [L('Conv2D', { filters: 4, kernel_size: 3 }), L('GlobalAveragePooling2D'), L('Dense', { units: 3 })]);
seq('seq_global_max_pool', [6, 5, 3], [L('Conv2D', { filters: 4, kernel_size: 3, activation: 'relu' }), L('GlobalMaxPooling2D')]);
seq('seq_batchnorm', [6, 6, 3], [L('Conv2D', { filters: 4, kernel_size: 3, padding: 'same' }), L('BatchNormalization'),
  L('Activation', { activation: 'relu' })]);
seq('seq_batchnorm_no_center', [5, 5, 2], [L('BatchNormalization', { center: false, epsilon: 0.01 })]);
seq('seq_batchnorm_no_scale', [5, 5, 2], [L('BatchNormalization', { scale: false, momentum: 0.9 })]);
seq('seq_dense_dropout', [12], [L('Dense', { units: 8, activation: 'relu' }), L('Dropout', { rate: 0.5 }), L('Dense', { units: 4, activation: 'sigmoid' })]);
seq('seq_flatten_order_hwc', [3, 4, 2], [L('Flatten'), L('Dense', { units: 3 })]);
seq('seq_dense_reshape_conv', [10], [L('Dense', { units: 32 }), L('Reshape', { target_shape: [4, 4, 2] }),
  L('Conv2D', { filters: 2, kernel_size: 3, padding: 'same' })]);
seq('seq_upsampling_nearest', [3, 4, 2], [L('UpSampling2D', { size: [2, 2] }), L('UpSampling2D', { size: [2, 3] })]);
seq('seq_upsampling_bilinear_half_pixel', [3, 4, 2], [L('Conv2D', { filters: 2, kernel_size: 1 }),
  L('UpSampling2D', { size: [2, 2], interpolation: 'bilinear' }), L('Conv2D', { filters: 1, kernel_size: 3 })], { bilinear: true });
seq('seq_zeropadding_forms', [4, 5, 2], [L('ZeroPadding2D', { padding: 1 }), L('ZeroPadding2D', { padding: [1, 2] }),
  L('ZeroPadding2D', { padding: [[0, 1], [2, 0]] })]);
seq('seq_cropping_forms', [9, 10, 2], [L('Cropping2D', { cropping: 1 }), L('Cropping2D', { cropping: [1, 2] }),
  L('Cropping2D', { cropping: [[0, 1], [2, 0]] })]);
seq('seq_activation_strings', [4, 4, 2], ['relu', 'sigmoid', 'tanh', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'linear']
  .map((a) => [L('Conv2D', { filters: 2, kernel_size: 1 }), L('Activation', { activation: a })]).flat());
seq('seq_relu_leaky_softmax_layers', [4, 4, 3], [L('Conv2D', { filters: 3, kernel_size: 1 }), L('ReLU', { max_value: 0.5 }),
  L('Conv2D', { filters: 3, kernel_size: 1 }), L('LeakyReLU', { alpha: 0.2 }), L('Softmax', { axis: -1 })]);
seq('seq_conv_softmax_activation', [5, 5, 2], [L('Conv2D', { filters: 3, kernel_size: 3, activation: 'softmax' })]);
seq('lenet5_trained', [32, 32, 1], [L('Conv2D', { filters: 6, kernel_size: [5, 5], strides: [1, 1], activation: 'tanh' }),
  L('AveragePooling2D', { pool_size: [2, 2], strides: [2, 2] }), L('Conv2D', { filters: 16, kernel_size: [5, 5], strides: [1, 1], activation: 'tanh' }),
  L('AveragePooling2D', { pool_size: [2, 2], strides: [2, 2] }), L('Flatten'), L('Dense', { units: 120, activation: 'tanh' }),
  L('Dense', { units: 84, activation: 'tanh' }), L('Dense', { units: 10, activation: 'softmax' })],
{ weights: 'lenet5.weights', digit: ['1_0.png', 2], note: 'resources/examples/lenet5.py with lenet5.weights; input = digit 1_0.png gray/255 zero-padded by 2 to 32x32' });
seq('chunked_layer_names', [3, 3, 2], Array.from({ length: 34 }, (_, i) => L('Activation', { activation: i % 2 ? 'tanh' : 'relu',
  name: `act_${String(i).padStart(2, '0')}_` + 'x'.repeat(1990) })),
{ note: '34 layers with 2000-character names: tf.keras 2 splits the layer_names attribute into layer_names0, layer_names1 (HDF5 64 KiB header limit)' });

// ---- Functional models
const I = (shape) => ({ shape });
fun('autoencoder_trained', [I([28, 28, 1])], [
  L('Conv2D', { filters: 16, kernel_size: [3, 3], activation: 'relu', padding: 'same' }, ['input_1']),
  L('MaxPooling2D', { pool_size: [2, 2], padding: 'same' }),
  L('Conv2D', { filters: 8, kernel_size: [3, 3], activation: 'relu', padding: 'same' }),
  L('MaxPooling2D', { pool_size: [2, 2], padding: 'same' }),
  L('Conv2D', { filters: 8, kernel_size: [3, 3], activation: 'relu', padding: 'same' }),
  L('MaxPooling2D', { pool_size: [2, 2], padding: 'same' }),
  L('Conv2D', { filters: 8, kernel_size: [3, 3], activation: 'relu', padding: 'same' }),
  L('UpSampling2D', { size: [2, 2] }),
  L('Conv2D', { filters: 8, kernel_size: [3, 3], activation: 'relu', padding: 'same' }),
  L('UpSampling2D', { size: [2, 2] }),
  L('Conv2D', { filters: 16, kernel_size: [3, 3], activation: 'relu' }),
  L('UpSampling2D', { size: [2, 2] }),
  L('Conv2D', { filters: 1, kernel_size: [3, 3], activation: 'sigmoid', padding: 'same' }),
], null, { weights: 'autoencoder.weights', digit: ['0_0.png', 0], note: 'resources/examples/autoencoder.py with autoencoder.weights; input = digit 0_0.png gray/255' });
fun('func_mini_unet', [I([8, 8, 1])], [
  L('Conv2D', { filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input_1']),
  L('MaxPooling2D', { pool_size: 2 }),
  L('Conv2D', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }),
  L('UpSampling2D', { size: [2, 2] }),
  L('Conv2D', { filters: 4, kernel_size: 2, padding: 'same', activation: 'relu' }),
  L('Concatenate', { axis: 3 }, ['conv2d', 'conv2d_2']),
  L('Conv2D', { filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' }),
  L('Conv2D', { filters: 1, kernel_size: 1, activation: 'sigmoid' }),
]);
fun('func_unet_valid_crop', [I([12, 12, 1])], [
  L('Conv2D', { filters: 4, kernel_size: 3, activation: 'relu' }, ['input_1']),
  L('MaxPooling2D', { pool_size: 2 }),
  L('Conv2D', { filters: 8, kernel_size: 3, activation: 'relu' }),
  L('Conv2DTranspose', { filters: 4, kernel_size: 2, strides: 2 }),
  L('Cropping2D', { cropping: [[2, 2], [2, 2]] }, ['conv2d']),
  L('Concatenate', { axis: -1 }, ['cropping2d', 'conv2d_transpose']),
  L('Conv2D', { filters: 2, kernel_size: 3 }),
]);
fun('func_resnet_block', [I([8, 8, 4])], [
  L('Conv2D', { filters: 8, kernel_size: 3, strides: 2, padding: 'same', use_bias: false }, ['input_1']),
  L('BatchNormalization'),
  L('Activation', { activation: 'relu' }),
  L('Conv2D', { filters: 8, kernel_size: 3, padding: 'same', use_bias: false }),
  L('BatchNormalization'),
  L('Conv2D', { filters: 8, kernel_size: 1, strides: 2, use_bias: false }, ['input_1']),
  L('BatchNormalization'),
  L('Add', {}, ['batch_normalization_1', 'batch_normalization_2']),
  L('Activation', { activation: 'relu' }),
]);
fun('func_inception', [I([7, 7, 3])], [
  L('Conv2D', { filters: 2, kernel_size: 1, activation: 'relu' }, ['input_1']),
  L('Conv2D', { filters: 3, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input_1']),
  L('MaxPooling2D', { pool_size: 3, strides: 1, padding: 'same' }, ['input_1']),
  L('Conv2D', { filters: 2, kernel_size: 1 }, ['max_pooling2d']),
  L('Concatenate', {}, ['conv2d', 'conv2d_1', 'conv2d_2']),
  L('GlobalAveragePooling2D'),
  L('Dense', { units: 3, activation: 'softmax' }),
]);
fun('func_two_inputs_two_outputs', [I([6, 6, 2]), I([6, 6, 3])], [
  L('Conv2D', { filters: 4, kernel_size: 3, padding: 'same' }, ['input_1']),
  L('Conv2D', { filters: 4, kernel_size: 1 }, ['input_2']),
  L('Add', {}, ['conv2d', 'conv2d_1']),
  L('Conv2D', { filters: 1, kernel_size: 1, activation: 'sigmoid' }),
  L('GlobalMaxPooling2D', {}, ['add']),
  L('Dense', { units: 2 }),
], ['conv2d_2', 'dense']);
fun('func_vgg_block', [I([8, 8, 3])], [
  L('Conv2D', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input_1']),
  L('Conv2D', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }),
  L('MaxPooling2D', { pool_size: 2, strides: 2 }),
  L('Flatten'),
  L('Dense', { units: 16, activation: 'relu' }),
  L('Dropout', { rate: 0.5 }),
  L('Dense', { units: 4, activation: 'softmax' }),
]);
fun('func_mobilenet_block', [I([8, 8, 4])], [
  L('DepthwiseConv2D', { kernel_size: 3, padding: 'same', use_bias: false }, ['input_1']),
  L('BatchNormalization'),
  L('ReLU', { max_value: 6 }),
  L('Conv2D', { filters: 4, kernel_size: 1, use_bias: false }),
  L('BatchNormalization'),
  L('Add', {}, ['input_1', 'batch_normalization_1']),
]);
fun('func_separable_stride', [I([9, 9, 3])], [
  L('SeparableConv2D', { filters: 6, kernel_size: 3, strides: 2, padding: 'same', activation: 'relu' }, ['input_1']),
  L('SeparableConv2D', { filters: 4, kernel_size: 3, depth_multiplier: 2 }),
]);
fun('func_concat_height_width', [I([4, 5, 2])], [
  L('Conv2D', { filters: 2, kernel_size: 1 }, ['input_1']),
  L('Concatenate', { axis: 1 }, ['input_1', 'conv2d']),
  L('Concatenate', { axis: 2 }, ['concatenate', 'concatenate']),
]);
fun('func_shared_conv', [I([6, 6, 2])], [
  L('Conv2D', { filters: 2, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input_1']),
  R('conv2d', [['conv2d', 0]]),
  L('Add', {}, [['conv2d', 0], ['conv2d', 1]]),
], null, { note: 'one Conv2D called twice: the second call is node 1 of conv2d (keras_history [conv2d, 1, 0]); its output is expected/conv2d@1.npy' });
fun('func_resnet_stem', [I([16, 16, 3])], [
  L('ZeroPadding2D', { padding: 3 }, ['input_1']),
  L('Conv2D', { filters: 4, kernel_size: 7, strides: 2 }),
  L('BatchNormalization', { epsilon: 1.001e-5 }),
  L('Activation', { activation: 'relu' }),
  L('ZeroPadding2D', { padding: [[1, 1], [1, 1]] }),
  L('MaxPooling2D', { pool_size: 3, strides: 2 }),
]);
fun('func_dense_on_hwc', [I([3, 4, 5])], [
  L('Dense', { units: 2, activation: 'relu' }, ['input_1']),
  L('Flatten'),
  L('Dense', { units: 3 }),
]);
fun('func_nested_sequential', [I([6, 6, 2])], [
  L('Conv2D', { filters: 3, kernel_size: 3, padding: 'same' }, ['input_1']),
  { cls: 'Sequential', args: {}, inputs: null, layers: [
    L('Conv2D', { filters: 4, kernel_size: 1, input_shape: [6, 6, 3] }),
    L('BatchNormalization'),
    L('Activation', { activation: 'relu' }),
    L('SeparableConv2D', { filters: 2, kernel_size: 3, padding: 'same' }),
  ] },
  L('GlobalAveragePooling2D'),
  L('Dense', { units: 2 }),
], null, { note: 'a Sequential (with its own input_shape) used as one layer of a functional model' });
fun('func_transpose_decoder', [I([3, 3, 4])], [
  L('Conv2DTranspose', { filters: 4, kernel_size: 3, strides: 2, padding: 'same', activation: 'relu' }, ['input_1']),
  L('Conv2DTranspose', { filters: 2, kernel_size: 4, strides: 2, padding: 'same' }),
  L('Conv2DTranspose', { filters: 1, kernel_size: 3, strides: 1, activation: 'sigmoid' }),
]);
fun('func_upsampling_bilinear_head', [I([4, 4, 2])], [
  L('Conv2D', { filters: 3, kernel_size: 3, padding: 'same', activation: 'relu' }, ['input_1']),
  L('UpSampling2D', { size: [2, 2], interpolation: 'bilinear' }),
  L('Conv2D', { filters: 1, kernel_size: 1 }),
], null, { bilinear: true });
fun('func_bn_then_dense_head', [I([5, 5, 3])], [
  L('BatchNormalization', { momentum: 0.9, epsilon: 1e-5 }, ['input_1']),
  L('Conv2D', { filters: 4, kernel_size: 3, activation: 'elu' }),
  L('AveragePooling2D', { pool_size: 3, padding: 'same' }),
  L('Flatten'),
  L('Dense', { units: 3, activation: 'softmax' }),
]);
fun('func_crop_pad_mix', [I([7, 8, 2])], [
  L('Cropping2D', { cropping: [[1, 0], [0, 2]] }, ['input_1']),
  L('ZeroPadding2D', { padding: [[0, 1], [1, 1]] }),
  L('Conv2D', { filters: 2, kernel_size: 2, strides: 2 }),
  L('LeakyReLU', { alpha: 0.1 }),
]);
fun('func_reshape_dense_softmax', [I([2, 3, 4])], [
  L('Reshape', { target_shape: [6, 4] }, ['input_1']),
  L('Dense', { units: 3 }),
  L('Softmax', { axis: -1 }),
]);

// ------------------------------------------------------------------------------------------- building
const layerArgs = (cls, args) => {
  const o = {};
  for (const [k, v] of Object.entries(args)) {
    if (k === 'input_shape') o.inputShape = v;
    else if (k === 'name') o.name = v;
    else o[camel(k)] = v;
  }
  if (cls === 'UpSampling2D' && typeof o.size === 'number') o.size = [o.size, o.size];
  return o;
};

function weightInit(w, shape) {
  const n = shape.reduce((a, b) => a * b, 1);
  const name = w.split('/').pop();
  if (name === 'gamma') return uniform(n, 0.7, 1.3);
  if (name === 'beta' || name === 'bias') return uniform(n, -0.2, 0.2);
  if (name === 'moving_mean') return uniform(n, -0.3, 0.3);
  if (name === 'moving_variance') return uniform(n, 0.4, 1.6);
  const fan = shape.length > 1 ? shape.slice(0, -1).reduce((a, b) => a * b, 1) + shape[shape.length - 1] : n;
  const a = Math.sqrt(6 / fan) * 1.2;
  return uniform(n, -a, a);
}

function kerasWeightName(layerName, tfjsName) {
  // tfjs names a variable <layer>/<weight>; Keras has the same weight names (kernel, bias, depthwise_kernel, ...)
  return tfjsName.split('/').pop();
}

rmSync(KERAS, { recursive: true, force: true });
rmSync(TFJS, { recursive: true, force: true });
mkdirSync(KERAS, { recursive: true });
mkdirSync(WORK, { recursive: true });
const summary = [];
let problems = 0;

for (const c of CASES) {
  seed = 0x5eed4b3a ^ [...c.name].reduce((h, ch) => Math.imul(h, 31) + ch.charCodeAt(0) | 0, 7);
  const counters = {};
  const autoName = (cls) => {
    const p = AUTO[cls];
    const k = counters[p] ?? 0;
    counters[p] = k + 1;
    return k ? `${p}_${k}` : p;
  };
  const made = {};      // name -> tfjs layer
  const specs = [];     // entries for the spec JSON (one per call)
  let model;
  const makeLayer = (l) => {
    const name = l.args.name ?? autoName(l.cls);
    if (l.cls === 'Sequential') {
      const inner = l.layers.map((x) => makeLayer(x));
      const layer = tf.sequential({ name, layers: inner.map((e) => e.layer) });
      made[name] = layer;
      return { name, layer, inner };
    }
    const args = { ...l.args };
    delete args.name;
    const layer = tf.layers[FACTORY[l.cls]]({ ...layerArgs(l.cls, args), name });
    made[name] = layer;
    return { name, layer };
  };
  const innerSpec = (e, l) => ({ name: e.name, class_name: l.cls, args: l.args });

  if (c.style === 'sequential') {
    const entries = c.layers.map((l, i) => {
      const e = makeLayer(i === 0 ? { ...l, args: { ...l.args, input_shape: c.inputShape } } : l);
      return { e, l };
    });
    model = tf.sequential({ name: 'sequential', layers: entries.map(({ e }) => e.layer) });
    entries.forEach(({ e, l }, i) => specs.push({ name: e.name, class_name: l.cls, args: i === 0 ? { ...l.args, input_shape: c.inputShape } : l.args,
      inbound: i === 0 ? [] : [[entries[i - 1].e.name, 0, 0]], node_index: 0 }));
  } else {
    const inputs = c.inputs.map((inp, i) => tf.input({ shape: inp.shape, name: `input_${i + 1}` }));
    const out = {};     // name -> [tensor per node]
    inputs.forEach((t, i) => { out[`input_${i + 1}`] = [t]; });
    let prev = 'input_1';
    const resolve = (r) => (Array.isArray(r) ? [r[0], r[1]] : [r, 0]);
    for (const l of c.layers) {
      const refs = (l.inputs ?? [prev]).map(resolve);
      const ins = refs.map(([n, k]) => out[n][k]);
      let name, layer, inner = null, cls;
      if (l.ref) { name = l.ref; layer = made[name]; cls = specs.find((s) => s.name === name).class_name; }
      else { const e = makeLayer(l); name = e.name; layer = e.layer; inner = e.inner ?? null; cls = l.cls; }
      const y = layer.apply(ins.length === 1 ? ins[0] : ins);
      out[name] = out[name] ?? [];
      const nodeIndex = out[name].length;
      out[name].push(y);
      const s = { name, class_name: cls, args: l.ref ? null : l.args, inbound: refs.map(([n, k]) => [n, k, 0]), node_index: nodeIndex };
      if (l.ref) s.shared_call_of = name;
      if (inner) s.layers = inner.map((e, i) => innerSpec(e, l.layers[i]));
      specs.push(s);
      prev = name;
    }
    const outputs = (c.outputs ?? [prev]).map((n) => out[n][out[n].length - 1]);
    model = tf.model({ inputs, outputs, name: 'model' });
    c.outputRefs = (c.outputs ?? [prev]).map((n) => [n, out[n].length - 1, 0]);
    c.inputNames = inputs.map((_, i) => `input_${i + 1}`);
  }

  // ---- weights: seeded trained-like, or the example's trained weights (Keras <layer>.<weight>.npy)
  const wdir = path.join(WORK, `${c.name}.w`);
  mkdirSync(wdir, { recursive: true });
  const weightsOf = {};
  const setWeights = (name, layer) => {
    if (!layer.weights.length) return [];
    const vals = layer.weights.map((w) => {
      const shape = w.shape;
      const kname = kerasWeightName(name, w.originalName);
      let data;
      if (c.weights) {
        const a = readNpy(path.join(EXAMPLES, c.weights, `${name}.${kname}.npy`));
        if (a.shape.join() !== shape.join()) throw new Error(`${c.name}: ${name}.${kname} ${a.shape} vs ${shape}`);
        data = a.data;
      } else data = weightInit(w.originalName, shape);
      return { kname, shape, data, trainable: w.trainable };
    });
    layer.setWeights(vals.map((v) => tf.tensor(v.data, v.shape)));
    return vals.map((v) => {
      const file = `${name}.${v.kname}.npy`;
      saveNpy(path.join(wdir, file), v.shape, v.data);
      return { name: v.kname, shape: v.shape, trainable: v.trainable, file };
    });
  };
  for (const s of specs) {
    if (s.shared_call_of) continue;
    const layer = made[s.name];
    if (s.layers) {
      for (const inner of s.layers) {
        inner.weights = setWeights(inner.name, made[inner.name]);
        inner.output_shape = made[inner.name].outputShape.slice(1);
      }
      s.weights = [];
    } else s.weights = setWeights(s.name, layer);
  }

  // ---- input
  const inputs = [];
  const inShapes = c.style === 'sequential' ? [c.inputShape] : c.inputs.map((i) => i.shape);
  inShapes.forEach((shp, i) => {
    let data;
    if (c.digit) {
      const [png, pad] = c.digit;
      const py = `import numpy as np, sys\nfrom PIL import Image\na = np.asarray(Image.open(sys.argv[1]).convert('L'), dtype=np.float32) / 255\n` +
        `a = np.pad(a, ${pad})\nsys.stdout.buffer.write(a.astype('<f4').tobytes())`;
      const buf = execFileSync(PYTHON, ['-c', py, path.join(DIGITS, png)]);
      data = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
    } else data = uniform(shp.reduce((a, b) => a * b, 1), -1, 1);
    inputs.push(tf.tensor(data, [1, ...shp]));
  });
  const inputFiles = inputs.map((t, i) => (inputs.length === 1 ? `${c.name}.input.npy` : `${c.name}.input_${i + 1}.npy`));
  inputs.forEach((t, i) => saveNpy(path.join(KERAS, inputFiles[i]), t.shape, t.dataSync()));

  // ---- eager run, one call at a time (bilinear up-sampling the half-pixel way)
  const values = {};    // name@node -> tensor
  const key = (n, k) => (k ? `${n}@${k}` : n);
  if (c.style === 'functional') c.inputNames.forEach((n, i) => { values[n] = inputs[i]; });
  let prevKey = null;
  const expDir = path.join(KERAS, `${c.name}.expected`);
  mkdirSync(expDir, { recursive: true });
  const layerIndex = [];
  for (const s of specs) {
    const ins = c.style === 'sequential' ? [prevKey ? values[prevKey] : inputs[0]] : s.inbound.map(([n, k]) => values[key(n, k)]);
    const layer = made[s.name];
    let y;
    if (s.class_name === 'UpSampling2D' && s.args.interpolation === 'bilinear') {
      const [sh, sw] = Array.isArray(s.args.size) ? s.args.size : [s.args.size, s.args.size];
      y = tf.image.resizeBilinear(ins[0], [ins[0].shape[1] * sh, ins[0].shape[2] * sw], false, true);
    } else y = layer.apply(ins.length === 1 ? ins[0] : ins);
    const k = key(s.name, s.node_index);
    values[k] = y;
    prevKey = k;
    const file = `${c.name}.expected/${k.length > 100 ? `layer_${String(layerIndex.length).padStart(3, '0')}` : k}.npy`;   // long names: by position
    saveNpy(path.join(KERAS, file), y.shape, y.dataSync());
    s.output_shape = y.shape.slice(1);
    s.params = s.shared_call_of ? 0 : layer.countParams();
    layerIndex.push({ name: s.name, node_index: s.node_index, class_name: s.class_name, output_shape: y.shape.slice(1), params: s.params,
      expected: file, max_abs: Math.fround(Math.max(...Array.from(y.dataSync(), Math.abs))) });
  }

  // ---- cross-check against tfjs' own predict (whole model)
  const pred = model.predict(inputs.length === 1 ? inputs[0] : inputs);
  const preds = Array.isArray(pred) ? pred : [pred];
  const outKeys = c.style === 'sequential' ? [prevKey] : c.outputRefs.map(([n, k]) => key(n, k));
  let predictDiff = 0;
  preds.forEach((p, i) => { predictDiff = Math.max(predictDiff, tf.max(tf.abs(tf.sub(p, values[outKeys[i]]))).dataSync()[0]); });
  if (!c.bilinear && predictDiff > 1e-5) { problems++; console.error(`${c.name}: eager vs predict ${predictDiff}`); }

  // ---- tfjs artifacts (tf.io.withSaveHandler), model.json as tfjs writes it (getModelJSONForModelArtifacts)
  // (not for the two cases kept small on purpose: lenet5_trained's 247 KB of weights are in ../onnx and
  // resources/examples already; chunked_layer_names only tests the legacy HDF5 attribute chunking)
  const writeTfjs = !NO_TFJS.has(c.name);
  let artifacts;
  await model.save(tf.io.withSaveHandler(async (a) => { artifacts = a; return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } }; }));
  const tdir = writeTfjs ? path.join(TFJS, c.name) : path.join(WORK, `${c.name}.tfjs`);
  mkdirSync(tdir, { recursive: true });
  const weightBytes = Buffer.from(artifacts.weightData);
  const shardSize = c.name === 'autoencoder_trained' ? 6000 : 4 * 1024 * 1024;   // 3 shards for the autoencoder
  const nShards = Math.max(1, Math.ceil(weightBytes.length / shardSize));
  const paths = [];
  for (let i = 0; i < nShards; i++) {
    const p = `group1-shard${i + 1}of${nShards}.bin`;
    writeFileSync(path.join(tdir, p), weightBytes.subarray(i * shardSize, Math.min(weightBytes.length, (i + 1) * shardSize)));
    paths.push(p);
  }
  // tfjs 4.22 bug: SeparableConv2D.getConfig() leaves out depth_multiplier, so tfjs cannot even reload its own file
  // when depth_multiplier != 1. Put it back (tf.keras writes it), after depth_multiplier's Keras position.
  const patches = [];
  const dm = {};
  const collect = (ss) => ss.forEach((s) => { if (s.class_name === 'SeparableConv2D' && s.args) dm[s.name] = s.args.depth_multiplier ?? 1; if (s.layers) collect(s.layers); });
  collect(specs);
  const patch = (layers) => layers.forEach((l) => {
    if (l.class_name === 'SeparableConv2D' && !('depth_multiplier' in l.config)) {
      l.config.depth_multiplier = dm[l.config.name];
      patches.push(`${l.config.name}: added depth_multiplier=${dm[l.config.name]}`);
    }
    if (l.class_name === 'Sequential' || l.class_name === 'Model') patch(l.config.layers);
  });
  patch(artifacts.modelTopology.config.layers);
  const modelJSON = { modelTopology: artifacts.modelTopology, format: artifacts.format, generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy, weightsManifest: [{ paths, weights: artifacts.weightSpecs }] };
  writeFileSync(path.join(tdir, 'model.json'), JSON.stringify(modelJSON));
  // load it back the way tfjs' file loaders do, and compare predictions
  const reloaded = await tf.loadLayersModel({
    load: async () => tf.io.getModelArtifactsForJSON(JSON.parse(readFileSync(path.join(tdir, 'model.json'))), async (manifest) => {
      const specsW = manifest.flatMap((g) => g.weights);
      const data = Buffer.concat(manifest.flatMap((g) => g.paths.map((p) => readFileSync(path.join(tdir, p)))));
      return [specsW, data.buffer.slice(data.byteOffset, data.byteOffset + data.length)];
    }),
  });
  const rp = reloaded.predict(inputs.length === 1 ? inputs[0] : inputs);
  const rps = Array.isArray(rp) ? rp : [rp];
  let reloadDiff = 0;
  rps.forEach((p, i) => { reloadDiff = Math.max(reloadDiff, tf.max(tf.abs(tf.sub(p, preds[i]))).dataSync()[0]); });
  if (reloadDiff > 0) { problems++; console.error(`${c.name}: tfjs reload differs by ${reloadDiff}`); }

  // ---- truth index + spec for the Python writer
  const expected = {
    case: c.name, style: c.style, note: c.note ?? null,
    truth: `@tensorflow/tfjs ${TFJS_VERSION} (CPU backend), each layer run eagerly on the previous layers' outputs` +
      (c.bilinear ? '; bilinear UpSampling2D computed with tf.image.resizeBilinear(x, size, false, true) (half-pixel, as tf.keras 2 / Keras 3)' : ''),
    tfjs: writeTfjs ? `../tfjs/${c.name}/model.json` : null,
    tfjs_predict_differs: !!c.bilinear,
    tfjs_model_json_patches: patches,
    inputs: inputFiles.map((f, i) => ({ name: c.style === 'sequential' ? null : c.inputNames[i], file: f, shape: inputs[i].shape })),
    outputs: outKeys,
    total_params: model.countParams(),
    layers: layerIndex,
  };
  writeFileSync(path.join(KERAS, `${c.name}.expected.json`), JSON.stringify(expected, null, 1) + '\n');
  const spec = { case: c.name, style: c.style, note: c.note ?? null, input_shapes: inShapes, layers: specs,
    outputs: c.style === 'sequential' ? null : c.outputRefs, tfjs_model_json: JSON.parse(JSON.stringify(artifacts.modelTopology)) };
  writeFileSync(path.join(WORK, `${c.name}.spec.json`), JSON.stringify(spec, null, 1));
  summary.push(`${c.name}: ${specs.length} layers, ${model.countParams()} params, predict diff ${predictDiff.toExponential(1)}`);
  tf.disposeVariables();
}

// cross-framework check: the trained autoencoder / LeNet-5 give the same output as their PyTorch forms in ../onnx
for (const [k, o] of [['autoencoder_trained', 'conv2d_6'], ['lenet5_trained', 'dense_2']]) {
  const onnxExp = path.join(HERE, 'onnx', `${k}.expected.json`);
  if (!existsSync(onnxExp)) continue;
  const e = JSON.parse(readFileSync(onnxExp));
  const last = e.values[e.values.length - 1];
  const a = readNpy(path.join(HERE, 'onnx', last.file)).data;
  const b = readNpy(path.join(KERAS, `${k}.expected`, `${o}.npy`)).data;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  summary.push(`cross-check ${k}: Keras (tfjs) vs PyTorch (onnxruntime) max diff ${d.toExponential(2)}`);
  if (!(d < 1e-4)) { problems++; console.error(`${k}: Keras and ONNX forms differ by ${d}`); }
}
console.error(summary.join('\n'));
console.error(`${CASES.length} cases, ${problems} problems`);
process.exit(problems ? 3 : 0);
