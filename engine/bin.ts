// Process wrapper of the `zsreview` command (dist/cli.js): real stdout/stderr and exit code.
import { main } from './cli';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Io } from './cli/args';

// `zsreview … | head` closes the pipe early: stop quietly, as other command-line tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const io: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  // A progress line on a terminal only, rewritten in place and cleared at the end.
  progress: process.stderr.isTTY ? (t) => process.stderr.write(`\r${t}\x1b[K`) : undefined,
  // dist/worker.js sits beside this bundle (dist/cli.js).
  workerScript: existsSync(join(__dirname, 'worker.js')) ? join(__dirname, 'worker.js') : undefined,
};
void Promise.resolve(main(process.argv.slice(2), io)).then((code) => {
  if (io.progress) process.stderr.write('\r\x1b[K');
  process.exitCode = code;
});
