// Compressed-size distributions of the pages a user stores. A sample is the compressed length
// of one page (1..PAGE_SIZE; PAGE_SIZE or more means the page does not compress).
import type { Random } from './random';

export type SizeDistribution =
  | { readonly uniform: readonly [number, number] }
  | { readonly normal: { readonly mean: number; readonly sd: number } }
  | { readonly lognormal: { readonly median: number; readonly sigma: number } }
  | { readonly choices: readonly (readonly [number, number])[] }
  /** Compressed sizes measured from real data (see lz4Sizes.ts), drawn uniformly. */
  | { readonly samples: readonly number[] };

export type SizeSampler = (rng: Random) => number;

function clampTo(page: number): (n: number) => number {
  return (n) => Math.min(page, Math.max(1, Math.round(n)));
}

export function sizeSampler(d: SizeDistribution, pageSize: number): SizeSampler {
  const clamp = clampTo(pageSize);
  if ('uniform' in d) {
    const [lo, hi] = d.uniform;
    return (rng) => rng.int(lo, hi);
  }
  if ('normal' in d) {
    const { mean, sd } = d.normal;
    return (rng) => clamp(mean + sd * rng.normal());
  }
  if ('lognormal' in d) {
    const { median, sigma } = d.lognormal;
    return (rng) => clamp(median * Math.exp(sigma * rng.normal()));
  }
  if ('samples' in d) {
    const xs = d.samples;
    return (rng) => xs[rng.int(0, xs.length - 1)];
  }
  // Weighted choices: cumulative weights, then a binary search.
  const sizes = d.choices.map(([size]) => size);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of d.choices) cumulative.push((total += weight));
  return (rng) => {
    const x = rng.float() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return sizes[lo];
  };
}
