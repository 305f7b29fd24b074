// Reader for `*.trace` files (format: DESIGN.md "Trace files"): an exact sequence of calls at
// zsmalloc's interface. The reader checks syntax and declarations and hands each directive to
// a handler, without building an object per line, so a trace of millions of operations
// replays in memory proportional to its live objects.
import { InputError } from '../inputError';
import type { CacheSharing } from '../kernel/zsSlabCaches';
import { isKernelVersion, KERNEL_VERSIONS, PAGE_SIZES, type KernelVersion, type PageSize, type WordBits } from '../kernel/params';

export interface TraceMachine {
  readonly pageSize: PageSize;
  readonly wordBits: WordBits;
  readonly cpus: number;
}


export interface TraceHandler {
  /** Called once, when the header (machine and kernel) is complete, before the first pool. */
  header(machine: TraceMachine, kernel: KernelVersion, slabMerge: boolean): void;
  pool(name: string, caches: CacheSharing, line: number): void;
  alloc(pool: string, handle: number, size: number, cpu: number, line: number): void;
  free(pool: string, handle: number, cpu: number, line: number): void;
  /** zs_compact; `cpu` is where it ran (0 when the line does not say). */
  compact(pool: string, cpu: number, line: number): void;
  snapshot(label: string, line: number): void;
}

const DIRECTIVES = 'machine, kernel, slab, pool, alloc, free, compact, snapshot';

function isDigits(s: string): boolean {
  if (s.length === 0 || s.length > 16) return false;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 48 || ch > 57) return false;
  }
  return true;
}

/** Words of a line separated by spaces, tabs or a CR (a regex split is the reader's main cost). */
function splitWords(line: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= line.length; i++) {
    const ch = i < line.length ? line.charCodeAt(i) : 32;
    const blank = ch === 32 || ch === 9 || ch === 13 || ch === 11 || ch === 12;
    if (blank) {
      if (start >= 0) words.push(line.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  return words;
}

/** Reads `text` (the contents of `file`) and calls `handler` for every directive, in order. */
export function readTrace(text: string, file: string, handler: TraceHandler): void {
  let machine: TraceMachine | undefined;
  let kernel: KernelVersion | undefined;
  let slabMerge = true;
  let headerSent = false;
  const pools = new Set<string>();
  let lineNo = 0;
  let pos = 0;
  let sawMagic = false;

  const fail = (problem: string, fix: string): never => {
    throw new InputError(file, lineNo, problem, fix);
  };
  const int = (token: string | undefined, what: string, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    if (token === undefined) fail(`missing ${what}`, `give ${what} as a whole number`);
    const n = isDigits(token!) ? Number(token) : NaN;
    if (!(n >= min && n <= max)) fail(`${what} '${token}' is not a whole number in ${min}..${max}`, `write ${what} as a whole number in that range`);
    return n;
  };
  const keyValues = (tokens: string[], from: number): Map<string, string> => {
    const kv = new Map<string, string>();
    for (const t of tokens.slice(from)) {
      const eq = t.indexOf('=');
      if (eq <= 0) fail(`'${t}' is not key=value`, 'write options as key=value');
      kv.set(t.slice(0, eq), t.slice(eq + 1));
    }
    return kv;
  };
  const cpuOf = (tokens: string[], from: number): number => {
    if (tokens.length === from) return 0;
    const only = tokens[from];
    if (tokens.length > from + 1 || !only.startsWith('cpu=')) fail(`unexpected '${tokens.slice(from).join(' ')}'`, 'the only option of alloc, free and compact is cpu=N');
    const cpu = int(only.slice(4), 'cpu', 0);
    if (cpu >= machine!.cpus) fail(`cpu=${cpu} but the machine line declares ${machine!.cpus} CPU(s)`, `use a CPU number below ${machine!.cpus} or raise cpus= on the machine line`);
    return cpu;
  };
  const needPool = (name: string | undefined): string => {
    if (name === undefined) fail('missing pool name', 'name a pool declared by a pool line');
    if (!pools.has(name!)) fail(`pool '${name}' is not declared`, `add 'pool ${name} caches=own' before this line`);
    return name!;
  };
  const sendHeader = () => {
    if (headerSent) return;
    if (!machine) fail('no machine line before the first pool or operation', "add 'machine page_size=4096 word_bits=64 cpus=1' after the first line");
    if (!kernel) fail('no kernel line before the first pool or operation', `add 'kernel 6.12' (one of ${KERNEL_VERSIONS.join(', ')}) after the machine line`);
    handler.header(machine!, kernel!, slabMerge);
    headerSent = true;
  };

  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    let raw = text.slice(pos, end);
    pos = end + 1;
    lineNo++;
    const hash = raw.indexOf('#');
    if (hash >= 0) raw = raw.slice(0, hash);
    const tokens = splitWords(raw);
    if (tokens.length === 0) continue;
    const [word] = tokens;
    if (!sawMagic) {
      if (word !== 'zsreview-trace' || tokens[1] !== '1') fail("the first line is not 'zsreview-trace 1'", "start the file with the line 'zsreview-trace 1'");
      sawMagic = true;
      continue;
    }
    switch (word) {
      case 'machine': {
        if (headerSent) fail('machine line after the first pool', 'move the machine line to the top of the trace');
        const kv = keyValues(tokens, 1);
        for (const k of kv.keys()) if (!['page_size', 'word_bits', 'cpus'].includes(k)) fail(`unknown machine option '${k}'`, 'use page_size=, word_bits= and cpus=');
        const pageSize = int(kv.get('page_size') ?? '4096', 'page_size', 1);
        if (!(PAGE_SIZES as readonly number[]).includes(pageSize)) fail(`page_size=${pageSize} is not modelled`, `use one of ${PAGE_SIZES.join(', ')}`);
        const wordBits = int(kv.get('word_bits') ?? '64', 'word_bits', 1);
        if (wordBits !== 64 && wordBits !== 32) fail(`word_bits=${wordBits} is not 64 or 32`, 'use word_bits=64 or word_bits=32');
        machine = { pageSize: pageSize as PageSize, wordBits: wordBits as WordBits, cpus: int(kv.get('cpus') ?? '1', 'cpus', 1, 4096) };
        break;
      }
      case 'kernel':
        if (headerSent) fail('kernel line after the first pool', 'move the kernel line to the top of the trace');
        if (!tokens[1] || !isKernelVersion(tokens[1])) fail(`kernel '${tokens[1] ?? ''}' has no preset`, `use one of ${KERNEL_VERSIONS.join(', ')}`);
        kernel = tokens[1] as KernelVersion;
        break;
      case 'slab': {
        if (headerSent) fail('slab line after the first pool', 'move the slab line to the top of the trace');
        const merge = keyValues(tokens, 1).get('merge');
        if (merge !== 'on' && merge !== 'off') fail(`slab merge='${merge ?? ''}'`, "write 'slab merge=on' or 'slab merge=off'");
        slabMerge = merge === 'on';
        break;
      }
      case 'pool': {
        sendHeader();
        const name = tokens[1];
        if (!name || name.includes('=')) fail('pool line without a name', "write 'pool NAME caches=own|shared'");
        if (pools.has(name)) fail(`pool '${name}' is declared twice`, 'give each pool one pool line');
        const caches = keyValues(tokens, 2).get('caches') ?? 'own';
        if (caches !== 'own' && caches !== 'shared') fail(`caches=${caches}`, 'use caches=own or caches=shared');
        pools.add(name);
        handler.pool(name, caches as CacheSharing, lineNo);
        break;
      }
      case 'alloc': {
        sendHeader();
        const pool = needPool(tokens[1]);
        handler.alloc(pool, int(tokens[2], 'handle', 0), int(tokens[3], 'size', 0), cpuOf(tokens, 4), lineNo);
        break;
      }
      case 'free': {
        sendHeader();
        const pool = needPool(tokens[1]);
        handler.free(pool, int(tokens[2], 'handle', 0), cpuOf(tokens, 3), lineNo);
        break;
      }
      case 'compact':
        sendHeader();
        handler.compact(needPool(tokens[1]), cpuOf(tokens, 2), lineNo);
        break;
      case 'snapshot':
        sendHeader();
        if (!tokens[1]) fail('snapshot without a label', "write 'snapshot LABEL'");
        handler.snapshot(tokens[1], lineNo);
        break;
      default:
        fail(`unknown directive '${word}'`, `use one of ${DIRECTIVES}`);
    }
  }
  if (!sawMagic) {
    lineNo = Math.max(lineNo, 1);
    fail('the file is empty', "start the file with the line 'zsreview-trace 1'");
  }
  sendHeader();
}
