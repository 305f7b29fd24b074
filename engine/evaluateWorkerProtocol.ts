// Messages from the editor's evaluation worker to the extension host.
import type { Report } from './evaluate';
import type { HunkRange } from './report/annotations';
import type { RunDetail } from './runDetail';

export type EvaluateWorkerMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  /** hunks: where the patch's hunks are in the input document (empty for a config), for annotations. */
  | { readonly type: 'result'; readonly report: Report; readonly details: readonly RunDetail[]; readonly hunks: readonly HunkRange[] }
  /** expected: bad input (message says what to fix); otherwise a fault, with the stack in detail. */
  | { readonly type: 'error'; readonly message: string; readonly detail: string | null; readonly expected: boolean };
