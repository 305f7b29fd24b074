// The editor's evaluation worker (dist/evaluateWorker.js): the extension host hands it one
// request and stays responsive; this thread reads the input, runs the scenarios on job workers
// (dist/worker.js), adds the run behind the charts, and posts progress and the result. Cancel is
// the host terminating this worker, which ends its job workers with it.
import { parentPort, workerData } from 'node:worker_threads';
import { UsageError } from './cli/args';
import { planEvaluation } from './evaluate';
import { prepareEvaluation, runPrepared, type EvaluateRequest } from './evaluateRequest';
import { InputError } from './inputError';
import { hunkRanges } from './report/annotations';
import { chartRuns } from './runDetail';
import type { EvaluateWorkerMessage } from './evaluateWorkerProtocol';

const post = (m: EvaluateWorkerMessage) => parentPort?.postMessage(m);

async function evaluate(request: EvaluateRequest, jobWorker: string | undefined): Promise<void> {
  const prepared = prepareEvaluation(request, (done, total) => post({ type: 'progress', done, total }));
  const report = await runPrepared(prepared, jobWorker);
  const details = chartRuns(planEvaluation(prepared.inputs[0], prepared.options));
  post({ type: 'result', report, details, hunks: prepared.patch ? hunkRanges(prepared.patch) : [] });
}

// Loaded outside a worker (e.g. by a test runner walking the build directory): nothing to do.
const data = workerData as { request: EvaluateRequest; jobWorker?: string } | null;
if (parentPort && data) {
  evaluate(data.request, data.jobWorker).catch((e: unknown) => {
    const err = e as Error;
    // Input and usage errors are the user's to fix (one line); anything else is ours (with the stack).
    const expected = e instanceof InputError || e instanceof UsageError;
    post({ type: 'error', message: err.message ?? String(e), detail: expected ? null : (err.stack ?? String(e)), expected });
  });
}
