import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc32 } from 'node:zlib';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { isPng, pngTexts, pngWithText } from './pngText';

test('a tEXt chunk after IHDR: the PNG still decodes, the text reads back, its CRC is right', async () => {
  const canvas = createCanvas(30, 20);
  canvas.getContext('2d').fillRect(0, 0, 10, 10);
  const png = canvas.toBuffer('image/png');
  const tagged = pngWithText(png, 'Comment', 'zsreview 0.1.0 evaluate x.patch --seeds 5 · input sha256 abc');
  assert.ok(isPng(tagged));
  assert.deepEqual(pngTexts(tagged), { Comment: 'zsreview 0.1.0 evaluate x.patch --seeds 5 · input sha256 abc' });
  const image = await loadImage(tagged);
  assert.deepEqual([image.width, image.height], [30, 20]);
  const length = tagged.readUInt32BE(33);
  assert.equal(tagged.toString('latin1', 37, 41), 'tEXt');
  assert.equal(tagged.readUInt32BE(41 + length), crc32(tagged.subarray(37, 41 + length)) >>> 0);
});

test('not a PNG: refused', () => {
  assert.throws(() => pngWithText(Buffer.from('GIF89a........................................'), 'Comment', 'x'), /not a PNG/);
});
