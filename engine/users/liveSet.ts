// The live objects of one user (pool index and handle), in storage order, so that a workload can
// free a random, the oldest or the newest one in O(1) amortised. Freed entries leave a hole
// that the ends skip; the array is compacted when holes outnumber live entries.
import type { Random } from '../workload/random';

export type FreeOrder = 'random' | 'oldest' | 'newest';

export class LiveSet {
  /** Entries [pool, handle] at i << 1, side by side so that a random pick touches one cache line. */
  private entry = new Int32Array(2048);
  private head = 0;
  private tail = 0;
  size = 0;

  add(pool: number, handle: number): void {
    if (this.tail << 1 === this.entry.length) this.makeRoom();
    this.entry[this.tail << 1] = pool;
    this.entry[(this.tail << 1) + 1] = handle;
    this.tail++;
    this.size++;
  }

  /** The pool and handle of the entry the last successful take() removed. */
  takenPool = -1;
  takenHandle = -1;

  /** Removes one live entry chosen by `order` (see takenPool / takenHandle); false if empty. */
  take(order: FreeOrder, rng: Random): boolean {
    if (this.size === 0) return false;
    let i: number;
    if (order === 'oldest') {
      while (this.entry[this.head << 1] < 0) this.head++;
      i = this.head;
    } else if (order === 'newest') {
      while (this.entry[(this.tail - 1) << 1] < 0) this.tail--;
      i = this.tail - 1;
    } else {
      // At most half the span is holes (see makeRoom), so this takes two tries on average.
      do i = rng.int(this.head, this.tail - 1);
      while (this.entry[i << 1] < 0);
    }
    this.takenPool = this.entry[i << 1];
    this.takenHandle = this.entry[(i << 1) + 1];
    this.entry[i << 1] = -1;
    this.size--;
    if (this.size * 2 < this.tail - this.head && this.tail - this.head > 64) this.compact();
    return true;
  }

  private makeRoom(): void {
    if (this.size * 4 <= this.entry.length) {
      this.compact();
      if (this.tail << 1 < this.entry.length) return;
    }
    const bigger = new Int32Array(this.entry.length * 2);
    bigger.set(this.entry);
    this.entry = bigger;
  }

  /** Closes the holes, keeping storage order. */
  private compact(): void {
    const e = this.entry;
    let out = 0;
    for (let i = this.head; i < this.tail; i++) {
      if (e[i << 1] < 0) continue;
      e[out << 1] = e[i << 1];
      e[(out << 1) + 1] = e[(i << 1) + 1];
      out++;
    }
    this.head = 0;
    this.tail = out;
  }
}
