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
