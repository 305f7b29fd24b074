/**
 * A copy of `a` with room for at least `min` entries: capacity × 1.5 (amortised O(1), a third
 * less slack than doubling), the model's arrays growing as the live objects do.
 */
export function grow(a: Int32Array, min: number): Int32Array<ArrayBuffer> {
  let n = Math.ceil(a.length * 1.5);
  while (n < min) n = Math.ceil(n * 1.5);
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
