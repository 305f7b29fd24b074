// Runs the zsreview command in this thread, as a user would from a shell, collecting its output.
import { main } from '../engine/cli';

export function runCli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  // Without a worker script every command, evaluate too, runs in this thread and returns a number.
  const code = main(argv, { out: (t) => (out += t), err: (t) => (err += t) }) as number;
  return { code, out, err };
}
