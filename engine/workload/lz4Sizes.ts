// Compressed sizes of real data: every PAGE_SIZE page of a buffer through LZ4 (lz4js, the block
// format the kernel's lz4 writes), as zram and zswap would compress it.
import { compressBlock, compressBound } from 'lz4js';

/**
 * LZ4-compressed length of each full page of `data`. A page LZ4 cannot shorten (lz4js finds
 * no match) gets pageSize + 1: zram stores it whole, zswap rejects it.
 */
export function lz4PageSizes(data: Uint8Array, pageSize: number): number[] {
  const out = new Uint8Array(compressBound(pageSize));
  const hashTable = new Uint32Array(1 << 16);
  const sizes: number[] = [];
  for (let off = 0; off + pageSize <= data.length; off += pageSize) {
    hashTable.fill(0);
    const n = compressBlock(data, out, off, pageSize, hashTable);
    sizes.push(n === 0 || n >= pageSize ? pageSize + 1 : n);
  }
  return sizes;
}
