// The plugin contract (DESIGN.md "Plugin contract") and what plugins report.
import type { KernelParams } from '../kernel/params';
import type { DiffLine, FileDiff, Patch } from './patch';

export interface Evidence {
  readonly docLine: number;
  readonly file: string;
  /** Line in the new file (added and context lines) or the old file (removed lines). */
  readonly newLine: number;
}

/** One knob of KernelParams that the patch changes. */
export interface Finding {
  readonly plugin: string;
  readonly knob: keyof KernelParams;
  readonly before: KernelParams[keyof KernelParams];
  readonly after: KernelParams[keyof KernelParams];
  readonly summary: string;
  readonly evidence: readonly Evidence[];
}

export interface PatchPlugin {
  readonly id: string;
  readonly title: string;
  /** Pure and fast, no I/O. */
  detect(patch: Patch, base: KernelParams): Finding[];
}

/** A changed line with the file it is in. */
export interface Change extends DiffLine {
  readonly file: string;
}

/** The added and removed lines of the files whose path matches `path`. */
export function changes(patch: Patch, path: RegExp): { added: Change[]; removed: Change[] } {
  const added: Change[] = [];
  const removed: Change[] = [];
  for (const m of patch.messages) {
    for (const f of m.files as FileDiff[]) {
      const file = f.newPath !== '/dev/null' && f.newPath ? f.newPath : f.oldPath;
      if (!path.test(file)) continue;
      for (const h of f.hunks) {
        for (const l of h.lines) {
          if (l.kind === '+') added.push({ ...l, file });
          else if (l.kind === '-') removed.push({ ...l, file });
        }
      }
    }
  }
  return { added, removed };
}

export function evidenceOf(lines: readonly Change[]): Evidence[] {
  return lines.map((l) => ({ docLine: l.docLine, file: l.file, newLine: l.fileLine }));
}

/**
 * Which way a patch switches between two code shapes that exclude each other: from `a` to `b`
 * (lines of `a` removed, of `b` added, none of `a` added back), the reverse, or neither.
 */
export function switchDirection(removed: readonly Change[], added: readonly Change[], a: RegExp, b: RegExp): 'a-to-b' | 'b-to-a' | null {
  const has = (lines: readonly Change[], re: RegExp) => lines.some((l) => re.test(l.text));
  if (has(removed, a) && has(added, b) && !has(added, a)) return 'a-to-b';
  if (has(removed, b) && has(added, a) && !has(added, b)) return 'b-to-a';
  return null;
}

/** One of two code shapes of mm/zsmalloc.c that exclude each other, and the knob value it means. */
export interface CodeShape<V> {
  readonly lines: RegExp;
  readonly value: V;
  /** What a patch that switches to this shape does. */
  readonly summary: string;
}

const ZSMALLOC_C = /(^|\/)mm\/zsmalloc\.c$/;

/**
 * A patch that switches mm/zsmalloc.c from shape `a` to `b` or back: one finding on `knob`, its
 * evidence the changed lines matching `evidence` in document order; none if it does not switch.
 */
export function shapeSwitchFinding<K extends keyof KernelParams>(plugin: string, patch: Patch, knob: K, a: CodeShape<KernelParams[K]>, b: CodeShape<KernelParams[K]>, evidence: RegExp): Finding[] {
  const { added, removed } = changes(patch, ZSMALLOC_C);
  const direction = switchDirection(removed, added, a.lines, b.lines);
  if (!direction) return [];
  const [from, to] = direction === 'a-to-b' ? [a, b] : [b, a];
  const lines = [...removed, ...added].filter((l) => evidence.test(l.text)).sort((x, y) => x.docLine - y.docLine);
  return [{ plugin, knob, before: from.value, after: to.value, summary: to.summary, evidence: evidenceOf(lines) }];
}
