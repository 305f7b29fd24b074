// The oracle's page generator (shared/oracle/scripts/pagegen.c), ported for tests: page i of
// seed S gets its first N bytes from splitmix64 seeded by (S, i), zeros after.
const MASK = (1n << 64n) - 1n;

export function pagegenPage(seed: number, index: number, n: number, pageSize = 4096): Uint8Array {
  let s = (BigInt(seed) * 0x100000001b3n ^ ((BigInt(index) + 1n) * 0x9e3779b97f4a7c15n)) & MASK;
  const next = () => {
    s = (s + 0x9e3779b97f4a7c15n) & MASK;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    return z ^ (z >> 31n);
  };
  const page = new Uint8Array(pageSize);
  for (let i = 0; i < Math.min(n, pageSize); i += 8) {
    let r = next();
    // memcpy of a little-endian uint64, the last one cut short at n
    for (let b = 0; b < 8 && i + b < n; b++, r >>= 8n) page[i + b] = Number(r & 0xffn);
  }
  return page;
}
