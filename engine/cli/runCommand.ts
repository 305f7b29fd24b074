// `zsreview run TRACE`: replays a trace and prints the allocator statistics at every snapshot.
import { KERNEL_VERSIONS } from '../kernel/params';
import { readTextInput } from '../readInput';
import { formatReplayFull, formatReplaySummary } from '../report/replayText';
import { TOOL } from '../version';
import { replayTrace } from '../workload/replay';
import { choice, parseCommandArgs, UsageError, wholeNumber, type Io } from './args';

export function runCommand(args: string[], io: Io): number {
  const cmd = 'run';
  const { values, positionals } = parseCommandArgs(cmd, args, {
    kernel: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string' },
    summary: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('zsreview run: give exactly one trace file, e.g. zsreview run samples/traces/zram-6.12-stock.trace');
  const kernel = values.kernel === undefined ? undefined : choice(cmd, 'kernel', values.kernel, KERNEL_VERSIONS, '6.12');
  // A trace is an exact operation sequence, so the seed changes nothing; it is accepted (and
  // checked) because the same command runs seeded scenarios.
  wholeNumber(cmd, 'seed', values.seed, 0, 2 ** 32 - 1);
  const format = choice(cmd, 'format', values.format, ['text', 'json'] as const, 'text');
  const file = positionals[0];
  const result = replayTrace(readTextInput(file, 'a zsreview trace (*.trace)'), file, { kernel });
  if (format === 'json') io.out(JSON.stringify({ tool: TOOL, ...result }, null, 2) + '\n');
  else io.out(values.summary ? formatReplaySummary(result) : formatReplayFull(result));
  return 0;
}
