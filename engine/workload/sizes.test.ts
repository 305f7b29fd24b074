import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from './random';
import { sizeSampler } from './sizes';

const draw = (d: Parameters<typeof sizeSampler>[0], n = 20000) => {
  const rng = new Random(5);
  const s = sizeSampler(d, 4096);
  return Array.from({ length: n }, () => s(rng));
};

test('uniform stays in its range and reaches both ends', () => {
  const xs = draw({ uniform: [100, 110] });
  assert.deepEqual([Math.min(...xs), Math.max(...xs)], [100, 110]);
});
test('choices follow their weights', () => {
  const xs = draw({ choices: [[10, 1], [20, 3]] });
  const share = xs.filter((x) => x === 20).length / xs.length;
  assert.ok(Math.abs(share - 0.75) < 0.02, String(share));
});
test('normal and log-normal are centred where asked and clamped to 1..PAGE_SIZE', () => {
  const n = draw({ normal: { mean: 2000, sd: 3000 } });
  assert.ok(Math.min(...n) === 1 && Math.max(...n) === 4096);
  const l = draw({ lognormal: { median: 1500, sigma: 0.5 } }).sort((a, b) => a - b);
  assert.ok(Math.abs(l[l.length >> 1] - 1500) < 40, String(l[l.length >> 1]));
});
