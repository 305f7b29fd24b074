// What a patch is to zsreview: messages (one per patch of a series) with their file diffs,
// every diff line keeping its line in the input document (`docLine`, 1-based) so that findings
// and annotations land on the line the reviewer sees, in a quoted reply or an mbox alike.

export const PATCH_FORMATS = ['format-patch', 'mbox', 'quoted-reply', 'unified-diff'] as const;
export type PatchFormat = (typeof PATCH_FORMATS)[number];

export interface DiffLine {
  readonly kind: '+' | '-' | ' ';
  /** The line without its +/-/space prefix (and without any `> ` quoting). */
  readonly text: string;
  readonly docLine: number;
  /** Line number in the new file (added and context lines) or the old file (removed lines). */
  readonly fileLine: number;
}

export interface Hunk {
  readonly oldStart: number;
  readonly newStart: number;
  /** The text after the second @@: usually the enclosing function. */
  readonly section: string;
  readonly docLine: number;
  readonly lines: readonly DiffLine[];
  /** The hunk has fewer lines than its header says (a reply that cut it short). */
  readonly trimmed: boolean;
}

export interface FileDiff {
  readonly oldPath: string;
  readonly newPath: string;
  readonly docLine: number;
  readonly hunks: readonly Hunk[];
}

export interface PatchMessage {
  readonly subject: string;
  readonly from: string;
  readonly docLine: number;
  readonly files: readonly FileDiff[];
}

export interface Patch {
  readonly file: string;
  readonly format: PatchFormat;
  readonly messages: readonly PatchMessage[];
  /** Lines that looked damaged (wrapped or whitespace-mangled) and were repaired, by docLine. */
  readonly repairedLines: readonly number[];
}

/** Every file diff of every message, in order. */
export function allFiles(p: Patch): FileDiff[] {
  return p.messages.flatMap((m) => [...m.files]);
}

/** A subject without its leading "[PATCH v2 1/3]"-style tags (as a tab title or a file name wants it). */
export function subjectWithoutTags(subject: string): string {
  return subject.replace(/^(\[[^\]]*\]\s*)+/, '');
}
