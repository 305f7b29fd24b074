// The live objects of one user (pool index and handle), in storage order, so that a workload can
// free a random, the oldest or the newest one in O(1) amortised. Freed entries leave a hole
// that the ends skip; the array is compacted when holes pass an eighth of the span, so a random
// pick needs 8/7 probes at most on average (each probe is a likely cache miss, while the
// compaction walks memory in order).
import type { Random } from '../workload/random';

export type FreeOrder = 'random' | 'oldest' | 'newest';

const HOLE = -1;

export class LiveSet {
  /** One int per entry, handle << poolBits | pool: 4 bytes per live object. */
  private entry = new Int32Array(2048);
  private head = 0;
  private tail = 0;
  size = 0;

  private readonly poolBits: number;
  private readonly poolMask: number;
  private readonly handleLimit: number;

  /** @param pools how many pools the user spreads its objects over (pool indexes 0..pools−1). */
  constructor(pools = 1) {
    this.poolBits = pools > 1 ? 32 - Math.clz32(pools - 1) : 0;
    this.poolMask = (1 << this.poolBits) - 1;
    this.handleLimit = 2 ** (31 - this.poolBits);
  }

  add(pool: number, handle: number): void {
    if (handle >= this.handleLimit) throw new RangeError(`handle id ${handle} is 2^${31 - this.poolBits} or more (pools sharing their caches share one id space): the live set cannot index it`);
    const value = (handle << this.poolBits) | pool;
    if (this.tail === this.entry.length) this.makeRoom();
    this.entry[this.tail++] = value;
    this.size++;
  }

  /** The pool and handle of the entry the last successful take() removed. */
  takenPool = -1;
  takenHandle = -1;

  /** Removes one live entry chosen by `order` (see takenPool / takenHandle); false if empty. */
  take(order: FreeOrder, rng: Random): boolean {
    if (this.size === 0) return false;
    // One small method per order, so that the random one (every simulated swap-in or discard)
    // carries no code of the others (measured: the through-zswap churn ~3% faster).
    if (order === 'random') this.takeRandom(rng);
    else if (order === 'oldest') this.takeAt(this.oldestIndex());
    else this.takeAt(this.newestIndex());
    return true;
  }

  private takeRandom(rng: Random): void {
    const e = this.entry;
    let i: number;
    do i = rng.int(this.head, this.tail - 1);
    while (e[i] === HOLE);
    this.takeAt(i);
  }

  private oldestIndex(): number {
    while (this.entry[this.head] === HOLE) this.head++;
    return this.head;
  }

  private newestIndex(): number {
    while (this.entry[this.tail - 1] === HOLE) this.tail--;
    return this.tail - 1;
  }

  private takeAt(i: number): void {
    const value = this.entry[i];
    this.takenPool = value & this.poolMask;
    this.takenHandle = value >>> this.poolBits;
    this.entry[i] = HOLE;
    this.size--;
    const span = this.tail - this.head;
    if (this.size * 8 < span * 7 && span > 64) this.compact();
  }

  private makeRoom(): void {
    if (this.size * 4 <= this.entry.length) {
      this.compact();
      if (this.tail < this.entry.length) return;
    }
    const bigger = new Int32Array(this.entry.length * 2);
    bigger.set(this.entry);
    this.entry = bigger;
  }

  /**
   * Closes the holes, keeping storage order. Every entry is copied and the write position moves
   * on only past a live one (HOLE is -1, so ~v >>> 31 is 1 for a live entry, 0 for a hole):
   * holes fall at random, and a branch on each one is mispredicted often enough to make this
   * loop, which runs once per eighth of the span freed, cost 1.5x as much (measured on Node 20).
   */
  private compact(): void {
    const e = this.entry;
    let out = 0;
    for (let i = this.head; i < this.tail; i++) {
      const v = e[i];
      e[out] = v;
      out += ~v >>> 31;
    }
    this.head = 0;
    this.tail = out;
  }
}
