// The live objects of one user (pool index and handle), in storage order, so that a workload can
// free a random, the oldest or the newest one in O(1) amortised. Freed entries leave a hole
// that the ends skip; the array is compacted when holes outnumber live entries.
import type { Random } from '../workload/random';

export type FreeOrder = 'random' | 'oldest' | 'newest';

export class LiveSet {
  private pool = new Int32Array(1024);
  private handle = new Int32Array(1024);
  private head = 0;
  private tail = 0;
  size = 0;

  add(pool: number, handle: number): void {
    if (this.tail === this.pool.length) this.makeRoom();
    this.pool[this.tail] = pool;
    this.handle[this.tail] = handle;
    this.tail++;
    this.size++;
  }

  /** Removes one live entry chosen by `order`; returns its position's [pool, handle], or null if empty. */
  take(order: FreeOrder, rng: Random): [number, number] | null {
    if (this.size === 0) return null;
    let i: number;
    if (order === 'oldest') {
      while (this.pool[this.head] < 0) this.head++;
      i = this.head;
    } else if (order === 'newest') {
      while (this.pool[this.tail - 1] < 0) this.tail--;
      i = this.tail - 1;
    } else {
      // At most half the span is holes (see makeRoom), so this takes two tries on average.
      do i = rng.int(this.head, this.tail - 1);
      while (this.pool[i] < 0);
    }
    const taken: [number, number] = [this.pool[i], this.handle[i]];
    this.pool[i] = -1;
    this.size--;
    if (this.size * 2 < this.tail - this.head && this.tail - this.head > 64) this.compact();
    return taken;
  }

  private makeRoom(): void {
    if (this.size * 2 <= this.pool.length) {
      this.compact();
      if (this.tail < this.pool.length) return;
    }
    const pool = new Int32Array(this.pool.length * 2);
    pool.set(this.pool);
    this.pool = pool;
    const handle = new Int32Array(this.handle.length * 2);
    handle.set(this.handle);
    this.handle = handle;
  }

  /** Closes the holes, keeping storage order. */
  private compact(): void {
    let out = 0;
    for (let i = this.head; i < this.tail; i++) {
      if (this.pool[i] < 0) continue;
      this.pool[out] = this.pool[i];
      this.handle[out] = this.handle[i];
      out++;
    }
    this.head = 0;
    this.tail = out;
  }
}
