// Where a pool keeps its handle records. A zsmalloc handle is a zs_handle slab object whose word
// holds the object's location, so with the SLUB model on, the pool's zs_handle cache (a
// SlubCache made with two ints per object) hands out the handles and holds the records; without
// it, the pool keeps its own, recycled LIFO like a slab freelist. Either way a record is two
// ints at handle × 2: [zspage, slot << 16 | (size − 1)]; a free handle's first int is negative.

import { grow } from './growArray';

export const HANDLE_RECORD_INTS = 2;

export interface HandleRecords {
  /** The records by handle id (the array is replaced when it grows: read it after alloc). */
  readonly objects: Int32Array;
  /** A free handle id; its record is the caller's to fill (first int ≥ 0). */
  alloc(cpu: number): number;
  free(h: number, cpu: number): void;
}

/** A pool's own handle records, when its zs_handle cache is not modelled. */
export class OwnHandleRecords implements HandleRecords {
  objects: Int32Array<ArrayBuffer> = new Int32Array(2048);
  private ids = 0;
  private freeHead = -1;

  alloc(): number {
    const h = this.freeHead;
    if (h !== -1) {
      this.freeHead = -this.objects[h * HANDLE_RECORD_INTS] - 2;
      return h;
    }
    const id = this.ids++;
    const end = (id + 1) * HANDLE_RECORD_INTS;
    if (end > this.objects.length) this.objects = grow(this.objects, end);
    return id;
  }

  free(h: number): void {
    this.objects[h * HANDLE_RECORD_INTS] = -this.freeHead - 2;
    this.freeHead = h;
  }
}
