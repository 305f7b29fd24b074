// The `zsreview` command. Exit 0 on success, 2 on bad input or usage with one line on stderr
// naming the file, line (or flag) and the fix.
import { UsageError, type Io } from './cli/args';
import { classesCommand } from './cli/classesCommand';
import { evaluateCommand } from './cli/evaluateCommand';
import { runCommand } from './cli/runCommand';
import { scenariosCommand } from './cli/scenariosCommand';
import { verifyCommand } from './cli/verifyCommand';
import { InputError } from './inputError';
import { TOOL } from './version';

const COMMANDS: Record<string, (args: string[], io: Io) => number | Promise<number>> = {
  evaluate: evaluateCommand,
  classes: classesCommand,
  run: runCommand,
  scenarios: scenariosCommand,
  verify: verifyCommand,
};

const USAGE = `usage: zsreview COMMAND [options]
  evaluate FILE [--scenario NAME]... [--seeds N] [--kernel V] [--cpus N]
           [--format text|json|markdown|csv] [--out DIR [--chart png,svg]]
           [--input-format format-patch|mbox|quoted-reply|unified-diff]
  classes [--kernel 6.1|6.6|6.10|6.12] [--page-size 4096|16384|65536] [--chain-size 4..16]
          [--rule minwaste|usedpc] [--word-bits 64|32] [--format text|json]
  run SCENARIO_OR_TRACE [--kernel V] [--seed S] [--format text|json] [--summary]
  scenarios
  verify TRACE_OR_SCENARIO [--kernel debian-6.1|debian-6.12|minimal-6.12|BZIMAGE]
         [--patch FILE] [--seed S] [--format text|json] [--out DIR]
         [--kernel-log LOG]...      (compare captured runs instead of booting)
`;

/** Runs one command; a number, or a promise of one for commands that use worker threads. */
export function main(argv: string[], io: Io): number | Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version') {
    io.out(`${TOOL.name} ${TOOL.version}\n`);
    return 0;
  }
  const run = COMMANDS[command];
  const fail = (e: unknown): number => {
    if (e instanceof UsageError || e instanceof InputError) {
      io.err(e.message + '\n');
      return 2;
    }
    throw e;
  };
  try {
    if (!run) throw new UsageError(`zsreview: unknown command '${command}'; commands are ${Object.keys(COMMANDS).join(', ')}`);
    const code = run(args, io);
    return typeof code === 'number' ? code : code.catch(fail);
  } catch (e) {
    return fail(e);
  }
}
