// LZ4 sizes against the real kernel: the oracle's zram trace records the compressed length the
// kernel's lz4 produced for every page the generator wrote; lz4js on the same pages lands a few
// bytes above it (it stops matching a little earlier near the end of a block).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ORACLE_DIR } from '../../test/oracleRuns';
import { pagegenPage } from '../../test/pagegen';
import { lz4PageSizes } from './lz4Sizes';

test('lz4js sizes of the oracle pages are within 8 bytes (0.5%) of the kernel lz4 sizes zram recorded', () => {
  const trace = readFileSync(join(ORACLE_DIR, 'runs/zram-6.12-stock/zram-6.12-stock.trace'), 'utf8');
  const kernel = trace.split('\n').filter((l) => l.startsWith('alloc ')).slice(0, 110).map((l) => Number(l.split(' ')[3]));
  const NLIST = [0, 64, 200, 512, 1000, 1500, 2000, 2500, 3000, 3600, 4096];
  const ours: number[] = [];
  for (let i = 0; ours.length < kernel.length; i++) {
    const n = NLIST[i % NLIST.length];
    if (n !== 0) ours.push(lz4PageSizes(pagegenPage(1, i, n), 4096)[0]);
  }
  const diffs = kernel.map((k, i) => (k === 4096 ? null : ours[i] - k)).filter((d): d is number => d !== null);
  assert.ok(diffs.length > 70);
  assert.ok(diffs.every((d) => d >= 0 && d <= 8), `differences ${[...new Set(diffs)].join(',')}`);
  // Where zram stored the page whole (compressed length ≥ huge_class_size 3625), so would we.
  kernel.forEach((k, i) => k === 4096 && assert.ok(ours[i] >= 3625, `page ${i}: ${ours[i]}`));
});

test('a page of zeros compresses to a few bytes; a random page does not compress', () => {
  const [zeros, random] = lz4PageSizes(new Uint8Array([...new Uint8Array(4096), ...pagegenPage(3, 0, 4096)]), 4096);
  assert.ok(zeros < 40);
  assert.equal(random, 4097);
});
