// Messages from the editor's evaluation worker to the extension host.
import type { Report } from './evaluate';
import type { RunDetail } from './runDetail';

export type EvaluateWorkerMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'result'; readonly report: Report; readonly details: readonly RunDetail[] }
  /** expected: bad input (message says what to fix); otherwise a fault, with the stack in detail. */
  | { readonly type: 'error'; readonly message: string; readonly detail: string | null; readonly expected: boolean };
