// Runs one evaluation on the engine's worker (dist/evaluateWorker.js), never on the extension
// host's thread, and turns its messages into a promise. Cancel terminates the worker, which
// ends its job workers too.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EvaluateRequest } from '../engine/evaluateRequest';
import type { EvaluateWorkerMessage } from '../engine/evaluateWorkerProtocol';

export type RunOutcome =
  | Extract<EvaluateWorkerMessage, { type: 'result' }>
  | Extract<EvaluateWorkerMessage, { type: 'error' }>
  | { readonly type: 'cancelled' };

export interface Run {
  readonly outcome: Promise<RunOutcome>;
  cancel(): void;
}

/** Live runs, for tests (cancel must leave none behind). */
let liveWorkers = 0;
export const runningWorkers = (): number => liveWorkers;

export function startRun(distDir: string, request: EvaluateRequest, onProgress: (done: number, total: number) => void): Run {
  const worker = new Worker(join(distDir, 'evaluateWorker.js'), { workerData: { request, jobWorker: join(distDir, 'worker.js') } });
  liveWorkers++;
  let settle!: (o: RunOutcome) => void;
  const outcome = new Promise<RunOutcome>((resolve) => (settle = resolve));
  let done = false;
  const finish = (o: RunOutcome) => {
    if (done) return;
    done = true;
    liveWorkers--;
    void worker.terminate();
    settle(o);
  };
  worker.on('message', (m: EvaluateWorkerMessage) => {
    if (m.type === 'progress') onProgress(m.done, m.total);
    else finish(m);
  });
  worker.on('error', (e) => finish({ type: 'error', message: `the evaluation worker failed: ${e.message}`, detail: e.stack ?? String(e), expected: false }));
  worker.on('exit', (code) => finish({ type: 'error', message: `the evaluation worker stopped (exit code ${code}) without a result`, detail: null, expected: false }));
  return { outcome, cancel: () => finish({ type: 'cancelled' }) };
}
