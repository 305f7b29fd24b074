// npm run bench: simulated zs_malloc + zs_free per second on one core, and the model's memory
// per live object, on a 10 M-operation churn (half allocations, half frees of a random live
// object) at 100 k and 1 M live objects. First line: ops/s.
import { kernelParams } from '../engine/kernel/params';
import { ZsPool } from '../engine/kernel/zsPool';

const OPS = 10_000_000;
const REPEATS = 3;

/** xorshift32: the harness's own cheap random stream (not the engine's), same for every run. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/** zram-like sizes: 1..4095 bytes compressed, one page in ten stored whole (incompressible). */
function size(r: number): number {
  return r % 10 === 0 ? 4096 : 1 + ((r >>> 4) % 4095);
}

interface Result {
  opsPerSec: number;
  bytesPerLive: number;
  live: number;
}

function churn(liveTarget: number, seed: number): Result {
  const pool = new ZsPool('bench', kernelParams('6.12'));
  const next = rng(seed);
  const live = new Int32Array(liveTarget * 2);
  let n = 0;
  for (; n < liveTarget; n++) live[n] = pool.alloc(size(next()));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < OPS; i++) {
    const r = next();
    if ((r & 1) === 0 || n === 0) {
      if (n === live.length) continue;
      live[n++] = pool.alloc(size(r >>> 1));
    } else {
      const k = (r >>> 1) % n;
      pool.free(live[k]);
      live[k] = live[--n];
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { opsPerSec: OPS / seconds, bytesPerLive: pool.memoryBytes() / pool.liveObjects, live: pool.liveObjects };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const sizes = [100_000, 1_000_000];
const results = sizes.map((liveTarget) => {
  const runs = Array.from({ length: REPEATS }, (_, i) => churn(liveTarget, 0x9e3779b9 + i));
  return { liveTarget, ops: median(runs.map((r) => r.opsPerSec)), bytes: median(runs.map((r) => r.bytesPerLive)) };
});
const m = (x: number) => (x / 1e6).toFixed(2);
console.log(`ops/s: ${results.map((r) => `${r.liveTarget / 1000}k live ${m(r.ops)} M`).join(', ')}`);
console.log(`bytes per live object (model arrays): ${results.map((r) => `${r.liveTarget / 1000}k live ${r.bytes.toFixed(1)}`).join(', ')}`);
console.log(`# ${OPS / 1e6} M ops each (50% zs_malloc, 50% zs_free of a random live object), kernel 6.12 rules, median of ${REPEATS}, node ${process.version}`);
