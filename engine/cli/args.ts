// Argument parsing for the zsreview commands on node:util parseArgs, turning every mistake into
// one UsageError line that names the flag and what it allows.
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Shows progress on a terminal (absent when output is piped or captured). */
  progress?(text: string): void;
  /** The engine worker bundle; when set, evaluate runs its scenarios on worker threads. */
  workerScript?: string;
}

type StringOptions = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

/** Parses `args` for `command`; unknown flags and missing values become UsageErrors. */
export function parseCommandArgs<O extends StringOptions>(command: string, args: string[], options: O) {
  const allowed = Object.keys(options).map((k) => `--${k}`).join(', ');
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (e) {
    const msg = (e as Error).message;
    const flag = /'(-[^'\s]+)/.exec(msg)?.[1];
    if (/Unknown option/i.test(msg)) throw new UsageError(`zsreview ${command}: unknown option '${flag}'; options are ${allowed}`);
    if (/argument missing/i.test(msg)) throw new UsageError(`zsreview ${command}: option '${flag?.split(/[ ,]/)[0]}' needs a value`);
    throw new UsageError(`zsreview ${command}: ${msg.split('\n')[0]}`);
  }
}

/** The value of --`flag` if it is one of `allowed` (compared as strings), else a UsageError. */
export function choice<T extends string | number>(command: string, flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  const hit = allowed.find((a) => String(a) === value);
  if (hit === undefined) throw new UsageError(`zsreview ${command}: --${flag} '${value}' is not allowed; use ${allowed.join(', ')}`);
  return hit;
}

/** The value of --`flag` as a whole number in min..max, else a UsageError. */
export function wholeNumber(command: string, flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`zsreview ${command}: --${flag} '${value}' is not allowed; use a whole number in ${min}..${max}`);
  return n;
}
