// Engine worker entry (node worker_threads). Placeholder until `evaluate` runs variants in
// workers (issue: reading patches and `zsreview evaluate`); it only answers a ping so the
// bundle and its loading are exercised.
import { parentPort } from 'node:worker_threads';
import { TOOL } from './version';

parentPort?.on('message', (msg: unknown) => {
  if (msg === 'ping') parentPort?.postMessage({ pong: TOOL.version });
});
