// A text chunk in a PNG file (PNG spec, tEXt): how an exported chart carries its reproduce line
// in its metadata, readable with `exiftool`, `identify -verbose` or any PNG reader.
import { crc32 } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 33 && Buffer.from(bytes.subarray(0, 8)).equals(SIGNATURE);
}

/** `png` with a tEXt chunk `keyword`=`text` right after IHDR (text outside Latin-1 becomes '?'). */
export function pngWithText(png: Uint8Array, keyword: string, text: string): Buffer {
  if (!isPng(png)) throw new Error('not a PNG file');
  const ihdrEnd = 8 + 4 + 4 + 13 + 4; // signature, IHDR length, type, 13 data bytes, CRC
  const body = Buffer.from(`tEXt${keyword}\0${text.replace(/[^\x20-\xff]/g, '?')}`, 'latin1');
  const chunk = Buffer.alloc(4 + body.length + 4);
  chunk.writeUInt32BE(body.length - 4, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body) >>> 0, 4 + body.length);
  return Buffer.concat([Buffer.from(png.subarray(0, ihdrEnd)), chunk, Buffer.from(png.subarray(ihdrEnd))]);
}

/** The tEXt chunks of a PNG, keyword → text. */
export function pngTexts(png: Uint8Array): Record<string, string> {
  const b = Buffer.from(png);
  const out: Record<string, string> = {};
  for (let at = 8; at + 8 <= b.length; ) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (type === 'tEXt') {
      const data = b.toString('latin1', at + 8, at + 8 + length);
      const nul = data.indexOf('\0');
      out[data.slice(0, nul)] = data.slice(nul + 1);
    }
    at += 12 + length;
  }
  return out;
}
