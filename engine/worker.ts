// Engine worker (node worker_threads): runs evaluation jobs sent by the main thread. Each
// message carries the plan's inputs and one job; the reply is that run's end metrics.
import { parentPort } from 'node:worker_threads';
import { runJob, type EvaluationPlan, type RunJob } from './evaluate';
import { TOOL } from './version';

export interface WorkerRequest {
  readonly id: number;
  readonly plan: Pick<EvaluationPlan, 'params'> & { readonly options: Pick<EvaluationPlan['options'], 'scenarios'> };
  readonly job: RunJob;
}

parentPort?.on('message', (msg: WorkerRequest | 'ping') => {
  if (msg === 'ping') {
    parentPort?.postMessage({ pong: TOOL.version });
    return;
  }
  try {
    parentPort?.postMessage({ id: msg.id, metrics: runJob(msg.plan as EvaluationPlan, msg.job) });
  } catch (e) {
    parentPort?.postMessage({ id: msg.id, error: (e as Error).message });
  }
});
