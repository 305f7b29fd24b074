// Runs an evaluation's jobs on worker threads (one per core, two here) and hands the results
// back in job order, so the report is the same as a run in one thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { assembleReport, planEvaluation, type EvaluateOptions, type EvaluationInput, type Report } from './evaluate';
import type { MetricValues } from './metrics';

export async function evaluateInWorkers(input: EvaluationInput, options: EvaluateOptions, workerScript: string): Promise<Report> {
  const plan = planEvaluation(input, options);
  const results: MetricValues[] = new Array(plan.jobs.length);
  if (plan.jobs.length === 0) return assembleReport(plan, results);
  // The jobs need only the scenarios and the two parameter sets, not the patch.
  const shared = { params: plan.params, options: { scenarios: options.scenarios } };
  const count = Math.max(1, Math.min(availableParallelism(), plan.jobs.length));
  let next = 0;
  let done = 0;
  await new Promise<void>((resolve, reject) => {
    const workers = Array.from({ length: count }, () => new Worker(workerScript));
    const finish = (err?: Error) => {
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve();
    };
    const feed = (w: Worker) => {
      if (next < plan.jobs.length) {
        const id = next++;
        w.postMessage({ id, plan: shared, job: plan.jobs[id] });
      }
    };
    for (const w of workers) {
      w.on('message', (msg: { id: number; metrics?: MetricValues; error?: string }) => {
        if (msg.error !== undefined) return finish(new Error(msg.error));
        results[msg.id] = msg.metrics!;
        done++; // not inside onProgress?.(…): optional chaining would skip the increment too
        options.onProgress?.(done, plan.jobs.length);
        if (done === plan.jobs.length) finish();
        else feed(w);
      });
      w.on('error', (e) => finish(e));
      feed(w);
    }
  });
  return assembleReport(plan, results);
}
