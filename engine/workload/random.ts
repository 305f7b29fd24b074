// The seeded random stream of a scenario run (pure-rand's xoroshiro128+): the same seed gives
// the same run, byte for byte.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

const TWO_32 = 4294967296;
const INV_TWO_32 = 1 / TWO_32;
/** Ranges up to this size map one 32-bit draw by multiplication with an exact double product. */
const SMALL_RANGE = 1 << 21;

export class Random {
  private readonly rng: RandomGenerator;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  /**
   * A whole number in min..max (both included). Ranges up to 2^21 use Lemire's multiply-and-
   * reject (unbiased, one draw, no division in the common case): this sits on every simulated
   * operation, where pure-rand's uniformInt costs a floating division and remainder per call.
   */
  int(min: number, max: number): number {
    const range = max - min + 1;
    if (range > SMALL_RANGE) return uniformInt(this.rng, min, max);
    // m = draw × range < 2^53 is exact; its high 32 bits are the pick, the low ones decide rejection.
    let m = (this.rng.next() >>> 0) * range;
    let high = Math.floor(m * INV_TWO_32);
    let low = m - high * TWO_32;
    if (low < range) {
      const threshold = TWO_32 % range;
      while (low < threshold) {
        m = (this.rng.next() >>> 0) * range;
        high = Math.floor(m * INV_TWO_32);
        low = m - high * TWO_32;
      }
    }
    return min + high;
  }

  /** A number in [0, 1). */
  float(): number {
    return uniformFloat64(this.rng);
  }

  /** True with probability pct / 100 (to 2^-32): one 32-bit draw. */
  percent(pct: number): boolean {
    return pct > 0 && (this.rng.next() >>> 0) < (pct / 100) * TWO_32;
  }

  /** A standard normal deviate (Box–Muller). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }
}
