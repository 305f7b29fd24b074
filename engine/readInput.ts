// Reads a user-named input file, refusing what cannot be a text input with a message that says
// which file and what to do, instead of a stack trace or an out-of-memory crash.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from './inputError';

/** Larger inputs are refused: V8 cannot hold a string much past 512 MiB. */
export const MAX_INPUT_BYTES = 400 * 1024 * 1024;

/** Patches, mails and configs beyond this are refused: real patches are far smaller, and reading one costs memory per line. */
export const MAX_PATCH_BYTES = 64 * 1024 * 1024;

export function readTextInput(file: string, what: string, maxBytes = MAX_INPUT_BYTES): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(file, 0, 'is a directory', `give the path of ${what}`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, 0, 'cannot be read (no such file, or no permission)', `check the path of ${what}`);
  }
  if (size > maxBytes) {
    throw new InputError(file, 0, `is ${(size / 2 ** 20).toFixed(0)} MiB, more than the ${maxBytes / 2 ** 20} MiB zsreview reads as ${what}`, 'split it into smaller files');
  }
  const buf = Buffer.alloc(size);
  const fd = openSync(file, 'r');
  try {
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
  } finally {
    closeSync(fd);
  }
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    const line = buf.subarray(0, nul).toString('latin1').split('\n').length;
    throw new InputError(file, line, 'is a binary file (it contains a NUL byte)', `give ${what}, which is plain text`);
  }
  return buf.toString('utf8');
}

/** The same checks for text that is already in memory (an editor's buffer). */
export function checkTextInput(text: string, file: string, what: string, maxChars = MAX_PATCH_BYTES): string {
  if (text.length > maxChars) {
    throw new InputError(file, 0, `is ${(text.length / 2 ** 20).toFixed(0)} MiB, more than the ${maxChars / 2 ** 20} MiB zsreview reads as ${what}`, 'split it into smaller files');
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) throw new InputError(file, text.slice(0, nul).split('\n').length, 'is a binary file (it contains a NUL byte)', `give ${what}, which is plain text`);
  return text;
}
