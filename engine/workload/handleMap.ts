// Trace handle number → pool handle id (and the trace line that allocated it). Traces number
// handles 1, 2, 3, …, so small numbers live in typed arrays (no per-entry objects, a few bytes
// each); numbers past DENSE_LIMIT fall back to a Map.
const DENSE_LIMIT = 1 << 26;

export class HandleMap {
  private id = new Int32Array(1024);
  private line = new Float64Array(1024);
  private readonly sparse = new Map<number, { id: number; line: number }>();

  /** Pool handle of trace handle `n`, or -1 if it is not live. */
  get(n: number): number {
    if (n < DENSE_LIMIT) return n < this.id.length ? this.id[n] - 1 : -1;
    return this.sparse.get(n)?.id ?? -1;
  }

  /** Trace line that allocated live handle `n` (0 if not live). */
  lineOf(n: number): number {
    if (n < DENSE_LIMIT) return n < this.line.length ? this.line[n] : 0;
    return this.sparse.get(n)?.line ?? 0;
  }

  set(n: number, id: number, line: number): void {
    if (n >= DENSE_LIMIT) {
      this.sparse.set(n, { id, line });
      return;
    }
    if (n >= this.id.length) {
      let cap = this.id.length * 2;
      while (cap <= n) cap *= 2;
      const ids = new Int32Array(cap);
      ids.set(this.id);
      this.id = ids;
      const lines = new Float64Array(cap);
      lines.set(this.line);
      this.line = lines;
    }
    this.id[n] = id + 1;
    this.line[n] = line;
  }

  delete(n: number): void {
    if (n >= DENSE_LIMIT) this.sparse.delete(n);
    else if (n < this.id.length) {
      this.id[n] = 0;
      this.line[n] = 0;
    }
  }
}
