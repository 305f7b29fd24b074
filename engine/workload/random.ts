// The seeded random stream of a scenario run (pure-rand's xoroshiro128+): the same seed gives
// the same run, byte for byte.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export class Random {
  private readonly rng: RandomGenerator;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  /** A whole number in min..max (both included). */
  int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }

  /** A number in [0, 1). */
  float(): number {
    return uniformFloat64(this.rng);
  }

  /** True with probability pct / 100. */
  percent(pct: number): boolean {
    return pct > 0 && this.float() * 100 < pct;
  }

  /** A standard normal deviate (Box–Muller). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }
}
