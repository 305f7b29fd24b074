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
    if (handle >= this.handleLimit) throw new RangeError(`more than 2^${31 - this.poolBits} handles in one pool: the live set cannot index them`);
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
    const e = this.entry;
    let i: number;
    if (order === 'oldest') {
      while (e[this.head] === HOLE) this.head++;
      i = this.head;
    } else if (order === 'newest') {
      while (e[this.tail - 1] === HOLE) this.tail--;
      i = this.tail - 1;
    } else {
      do i = rng.int(this.head, this.tail - 1);
      while (e[i] === HOLE);
    }
    const value = e[i];
    this.takenPool = value & this.poolMask;
    this.takenHandle = value >>> this.poolBits;
    e[i] = HOLE;
    this.size--;
    const span = this.tail - this.head;
    if (this.size * 8 < span * 7 && span > 64) this.compact();
    return true;
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

  /** Closes the holes, keeping storage order. */
  private compact(): void {
    const e = this.entry;
    let out = 0;
    for (let i = this.head; i < this.tail; i++) if (e[i] !== HOLE) e[out++] = e[i];
    this.head = 0;
    this.tail = out;
  }
}
